"""The honours model: everything under content/honours/, validated, in one `HonoursData`.

Pure Python (no Pelican). Objects are built by loader.py from the data in content/honours/
and only read afterwards. The records are in model_vocabulary.py (honours and the fixed words
of the data), model_units.py, model_blocs.py and model_decisions.py (decisions and their
rows); where each was written in model_source.py; the pages' URLs in urls.py.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from plugins.vietnamese.collation import sort_key

from .model_blocs import Bloc, BlocYear
from .model_decisions import Decision, Recipient
from .model_units import Unit, UnitKind
from .model_vocabulary import Honour


@dataclass(eq=False)
class HonoursData:
    """Everything under content/honours/, validated. Dicts are keyed by id."""

    honours: dict[str, Honour] = field(default_factory=dict)
    kinds: dict[str, UnitKind] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    blocs: dict[str, Bloc] = field(default_factory=dict)
    decisions: dict[str, Decision] = field(default_factory=dict)
    warnings: list = field(default_factory=list)  # SiteError objects with severity "warning"
    notices: object = None  # plugins.notices.model.NoticesData: consultations, campaigns

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

    @property
    def campaigns(self) -> dict:
        """id -> notices.model.Campaign (content/honours/phong-trao.yaml)."""
        return self.notices.campaigns if self.notices is not None else {}

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
