"""The honours model: units, blocs, the honours vocabulary, decisions and their recipients.

Pure Python (no Pelican). Objects are built by loader.py from the data in content/honours/
and only read afterwards. URLs follow Pelican's convention: relative to the site root, with no
leading slash ("don-vi/bac-ha/"), so templates write `{{ SITEURL }}/{{ unit.url }}`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from plugins.vietnamese.collation import sort_key

# Kinds of recipient, as written in data and in the open data (loai_doi_tuong).
COLLECTIVE = "tap_the"
INDIVIDUAL = "ca_nhan"
HOUSEHOLD = "ho_gia_dinh"
RECIPIENT_KINDS = (COLLECTIVE, INDIVIDUAL, HOUSEHOLD)
RECIPIENT_LABELS = {COLLECTIVE: "Tập thể", INDIVIDUAL: "Cá nhân", HOUSEHOLD: "Hộ gia đình"}
# The parts of a decision's annex, in the order decisions print them.
SECTION_TITLES = {
    COLLECTIVE: "I. Tập thể",
    INDIVIDUAL: "II. Cá nhân",
    HOUSEHOLD: "III. Hộ gia đình",
}

# Honour kinds (the law's two families).
TITLE = "danh_hieu"  # danh hiệu thi đua
FORM = "hinh_thuc"  # hình thức khen thưởng
HONOUR_KIND_LABELS = {TITLE: "Danh hiệu thi đua", FORM: "Hình thức khen thưởng"}

UNITS_URL = "don-vi/"
BLOCS_URL = "khoi-thi-dua/"
YEARS_URL = "khen-thuong/"
OPEN_DATA_URL = "du-lieu/"


def unit_url(unit_id: str) -> str:
    return f"don-vi/{unit_id}/"


def bloc_url(bloc_id: str) -> str:
    return f"khoi-thi-dua/{bloc_id}/"


def decision_url(decision_id: str) -> str:
    return f"quyet-dinh/{decision_id}/"


def year_url(year: int) -> str:
    return f"khen-thuong/{year}/"


@dataclass(slots=True)
class Source:
    """Where a piece of data was written: shown in error messages."""

    file: str
    line: int | None = None


@dataclass(slots=True)
class Honour:
    """One title or form of commendation of the vocabulary (danh-hieu.yaml)."""

    id: str
    name: str
    kind: str  # TITLE or FORM
    precedence: int  # smaller is higher: the order in which awards are presented
    recipients: tuple[str, ...]  # who may receive it: RECIPIENT_KINDS
    group: str = ""  # "Huân chương", "Bằng khen", ...
    klass: str = ""  # "Nhất", "Nhì", "Ba" for orders and medals with classes
    level: str = ""  # "Nhà nước", "Tỉnh", "Cơ sở"
    source: Source | None = None

    @property
    def kind_label(self) -> str:
        return HONOUR_KIND_LABELS.get(self.kind, self.kind)

    def allows(self, recipient_kind: str) -> bool:
        return recipient_kind in self.recipients


@dataclass(slots=True)
class UnitKind:
    id: str
    name: str
    order: int


@dataclass(slots=True)
class FormerName:
    name: str
    until: date  # the first day of the next name


@dataclass(eq=False)
class Unit:
    """A unit that can be honoured or whose people can: a district, commune, department..."""

    id: str
    name: str
    short_name: str
    kind: str
    kind_name: str = ""
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    valid_from: date | None = None
    valid_to: date | None = None  # the first day on which the unit no longer exists
    successors: tuple[str, ...] = ()
    predecessors: tuple[str, ...] = ()  # filled in from the successors of other units
    former_names: tuple[FormerName, ...] = ()
    description: str = ""
    source: Source | None = None

    @property
    def url(self) -> str:
        return unit_url(self.id)

    @property
    def dissolved(self) -> bool:
        return self.valid_to is not None

    @property
    def last_day(self) -> date | None:
        """The last day the unit existed (the day before valid_to)."""
        return self.valid_to - timedelta(days=1) if self.valid_to else None

    @property
    def all_names(self) -> tuple[str, ...]:
        """Official name, short name and aliases, without repeats (for the mentions finder)."""
        names: list[str] = []
        for name in (
            self.name,
            self.short_name,
            *self.aliases,
            *(f.name for f in self.former_names),
        ):
            if name and name not in names:
                names.append(name)
        return tuple(names)

    def exists_on(self, day: date) -> bool:
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_to is None or day < self.valid_to

    def exists_in_year(self, year: int) -> bool:
        if self.valid_from is not None and self.valid_from.year > year:
            return False
        return self.valid_to is None or self.valid_to > date(year, 1, 1)

    def name_on(self, day: date) -> str:
        """The official name the unit had on that day."""
        if not self.former_names:
            return self.name
        for former in sorted(self.former_names, key=lambda f: f.until):
            if day < former.until:
                return former.name
        return self.name


@dataclass(slots=True)
class Ranking:
    unit: str
    score: str = ""  # as published ("95,5 điểm"); kept as text
    source: Source | None = None


@dataclass(eq=False)
class BlocYear:
    year: int
    members: tuple[str, ...]
    leader: str | None = None
    deputy: str | None = None
    pledge_date: date | None = None
    pledge_article: str | None = None  # the slug of the article that reported the signing
    ranking: tuple[Ranking, ...] = ()
    flag_unit: str | None = None  # proposed for the provincial emulation flag
    government_flag_unit: str | None = None  # proposed for the Government's flag
    note: str = ""
    source: Source | None = None


@dataclass(eq=False)
class Bloc:
    id: str
    name: str
    description: str = ""
    years: dict[int, BlocYear] = field(default_factory=dict)
    source: Source | None = None

    @property
    def url(self) -> str:
        return bloc_url(self.id)

    @property
    def year_list(self) -> list[BlocYear]:
        return [self.years[y] for y in sorted(self.years)]

    @property
    def all_members(self) -> list[str]:
        """Every unit that was a member in some year, in order of first membership."""
        seen: dict[str, None] = {}
        for year in self.year_list:
            for unit in year.members:
                seen.setdefault(unit, None)
        return list(seen)


@dataclass(slots=True)
class Recipient:
    """One row of a decision's annex: a collective, an individual or a household."""

    decision_id: str
    index: int  # 1-based position in the decision (all parts together)
    kind: str  # COLLECTIVE, INDIVIDUAL or HOUSEHOLD
    name: str
    position: str  # chức vụ (individuals), may be empty
    unit_id: str
    honour_id: str
    money: str = ""
    source: Source | None = None


@dataclass(eq=False)
class Decision:
    id: str
    number: str  # "163/QĐ-UBND"
    date: date
    issuer: str  # as written at the time: "Chủ tịch UBND tỉnh"
    honour_id: str  # the decision's honour; rows may name another
    achievement: str = ""  # "Đã có thành tích xuất sắc ..."
    title: str = ""  # trích yếu: "Về việc tặng Bằng khen ..."
    money: str = ""  # as written on the decision
    article: str | None = None  # slug of the article that reported it
    bloc: str | None = None
    commendation_type: str = ""  # loại hình: công trạng, đột xuất, ...
    recipients: list[Recipient] = field(default_factory=list)
    annex_files: tuple[str, ...] = ()
    source: Source | None = None

    @property
    def url(self) -> str:
        return decision_url(self.id)

    @property
    def year(self) -> int:
        return self.date.year

    def part(self, kind: str) -> list[Recipient]:
        return [r for r in self.recipients if r.kind == kind]

    @property
    def parts(self) -> list[tuple[str, str, list[Recipient]]]:
        """(kind, section title, rows) for each non-empty part, in the annex order."""
        result = []
        for kind in RECIPIENT_KINDS:
            rows = self.part(kind)
            if rows:
                result.append((kind, SECTION_TITLES[kind], rows))
        return result

    def count(self, kind: str) -> int:
        return sum(1 for r in self.recipients if r.kind == kind)

    @property
    def honour_ids(self) -> list[str]:
        """Every honour given by this decision, the decision's own first."""
        seen = {self.honour_id: None}
        for r in self.recipients:
            seen.setdefault(r.honour_id, None)
        return list(seen)


@dataclass(eq=False)
class HonoursData:
    """Everything under content/honours/, validated. Dicts are keyed by id."""

    honours: dict[str, Honour] = field(default_factory=dict)
    kinds: dict[str, UnitKind] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    blocs: dict[str, Bloc] = field(default_factory=dict)
    decisions: dict[str, Decision] = field(default_factory=dict)
    warnings: list = field(default_factory=list)  # SiteError objects with severity "warning"

    # Indexes, computed once on first use (the data is not changed after loading).
    @cached_property
    def recipients(self) -> list[Recipient]:
        """Every recipient row, in the order of the open data: decision date, number, row."""
        rows: list[Recipient] = []
        for decision in self.decision_list:
            rows.extend(decision.recipients)
        return rows

    @cached_property
    def decision_list(self) -> list[Decision]:
        """Decisions by date, then id (the tie-break of the whole site)."""
        return sorted(self.decisions.values(), key=lambda d: (d.date, d.id))

    @cached_property
    def recipients_by_unit(self) -> dict[str, list[Recipient]]:
        index: dict[str, list[Recipient]] = defaultdict(list)
        for row in self.recipients:
            index[row.unit_id].append(row)
        return dict(index)

    @cached_property
    def recipients_by_unit_newest(self) -> dict[str, list[Recipient]]:
        """unit id -> its rows, newest decision first (date descending, then id, then row):
        the order of the tables of the unit pages."""
        index: dict[str, list[Recipient]] = defaultdict(list)
        for decision in sorted(self.decisions.values(), key=lambda d: (-d.date.toordinal(), d.id)):
            for row in decision.recipients:
                index[row.unit_id].append(row)
        return dict(index)

    @cached_property
    def unit_rank(self) -> dict[str, int]:
        """unit id -> its place in Vietnamese alphabetical order of names (ties: id)."""
        ordered = sorted(self.units.values(), key=lambda u: (sort_key(u.name), u.id))
        return {unit.id: rank for rank, unit in enumerate(ordered)}

    @cached_property
    def honour_rank(self) -> dict[str, int]:
        """honour id -> its place by precedence, then Vietnamese order of names, then id."""
        ordered = sorted(
            self.honours.values(), key=lambda h: (h.precedence, sort_key(h.name), h.id)
        )
        return {honour.id: rank for rank, honour in enumerate(ordered)}

    @cached_property
    def decisions_by_year(self) -> dict[int, list[Decision]]:
        index: dict[int, list[Decision]] = defaultdict(list)
        for decision in self.decision_list:
            index[decision.year].append(decision)
        return dict(sorted(index.items()))

    @cached_property
    def children(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = defaultdict(list)
        for unit in self.units.values():
            if unit.parent:
                index[unit.parent].append(unit.id)
        return {key: sorted(value) for key, value in index.items()}

    @cached_property
    def bloc_roles(self) -> dict[str, list[tuple[Bloc, BlocYear, str]]]:
        """unit id -> (bloc, year, role) for every year it was a member; role is
        "truong_khoi", "pho_khoi" or "thanh_vien"."""
        index: dict[str, list[tuple[Bloc, BlocYear, str]]] = defaultdict(list)
        for bloc_id in sorted(self.blocs):
            bloc = self.blocs[bloc_id]
            for year in bloc.year_list:
                for unit in year.members:
                    if unit == year.leader:
                        role = "truong_khoi"
                    elif unit == year.deputy:
                        role = "pho_khoi"
                    else:
                        role = "thanh_vien"
                    index[unit].append((bloc, year, role))
        return dict(index)

    def unit_names(self) -> list[tuple[str, tuple[str, ...]]]:
        """(unit id, every name it is known by), sorted by id: for the mentions finder."""
        return [(uid, self.units[uid].all_names) for uid in sorted(self.units)]

    @cached_property
    def record_ids(self) -> dict[tuple[str, int], str]:
        """(decision id, row index) -> the row's stable record id (record_ids.py)."""
        from .record_ids import decision_record_ids

        index: dict[tuple[str, int], str] = {}
        for decision in self.decision_list:
            for row, ident in zip(decision.recipients, decision_record_ids(decision), strict=True):
                index[(decision.id, row.index)] = ident
        return index

    def record_id(self, row: Recipient) -> str:
        """The row's record id: its HTML id on every page that lists it, and ma_ban_ghi."""
        return self.record_ids[(row.decision_id, row.index)]

    def honour_of(self, row: Recipient) -> Honour:
        return self.honours[row.honour_id]

    @property
    def is_empty(self) -> bool:
        return not (self.units or self.decisions or self.blocs)
