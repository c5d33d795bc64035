"""What each honours page shows, computed from HonoursData (pure: no Pelican, no Jinja).

Templates only lay these out. Every list has a fixed order (ties broken by date, then id),
so that the same data always gives byte-identical pages.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from plugins.vietnamese.collation import sort_key

from .model import HonoursData
from .model_blocs import Bloc, BlocYear
from .model_decisions import Decision, Recipient
from .model_units import Unit
from .model_vocabulary import COLLECTIVE, HOUSEHOLD, INDIVIDUAL, RECIPIENT_KINDS, Honour

ROLE_LABELS = {"truong_khoi": "Trưởng khối", "pho_khoi": "Phó khối", "thanh_vien": "Thành viên"}


@dataclass(slots=True)
class Row:
    """One recipient with what a table needs next to it."""

    recipient: Recipient
    decision: Decision
    honour: Honour
    unit: Unit


@dataclass
class HonourCount:
    honour: Honour
    counts: dict[str, int]  # by recipient kind
    total: int


@dataclass
class YearCount:
    year: int
    counts: dict[str, int]
    total: int


@dataclass
class Bar:
    year: int
    total: int
    x: float
    y: float
    width: float
    height: float
    label_x: float


@dataclass
class Chart:
    """An SVG bar chart of honours per year; the same numbers are in a table beside it."""

    width: int
    height: int
    baseline: float
    bars: list[Bar]
    maximum: int


@dataclass
class UnitPage:
    unit: Unit
    kind_name: str
    parent: Unit | None
    children: list[Unit]
    predecessors: list[Unit]
    successors: list[Unit]
    summary: list[HonourCount]
    years: list[YearCount]
    chart: Chart | None
    parts: dict[str, list[Row]]  # COLLECTIVE / INDIVIDUAL / HOUSEHOLD -> rows, newest first
    total: int  # awards in force (a cancelled one is listed, marked, and not counted)
    blocs: list[dict]  # {"bloc", "years": [(year, role)], "led": [...], "deputised": [...]}
    decisions: list[Decision] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # in force, by recipient kind
    cancelled: int = 0


def honour_sort_key(honour: Honour) -> tuple:
    return (honour.precedence, sort_key(honour.name), honour.id)


def count_by_honour(data: HonoursData, rows: list[Recipient]) -> list[HonourCount]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        counts[row.honour_id][row.kind] += 1
    result = [
        HonourCount(
            honour=data.honours[hid],
            counts={k: counts[hid].get(k, 0) for k in RECIPIENT_KINDS},
            total=sum(counts[hid].values()),
        )
        for hid in counts
    ]
    rank = data.honour_rank
    result.sort(key=lambda item: rank[item.honour.id])
    return result


def count_by_year(data: HonoursData, rows: list[Recipient]) -> list[YearCount]:
    """Every year from the first to the last honour (years without any show 0)."""
    if not rows:
        return []
    counts: dict[int, Counter] = defaultdict(Counter)
    for row in rows:
        counts[data.decisions[row.decision_id].year][row.kind] += 1
    first, last = min(counts), max(counts)
    return [
        YearCount(
            year=year,
            counts={k: counts[year].get(k, 0) for k in RECIPIENT_KINDS},
            total=sum(counts[year].values()),
        )
        for year in range(first, last + 1)
    ]


# The chart is drawn at its own size (never stretched, so its 13 px labels stay 13 px): at
# most FIT_WIDTH wide when the years allow it (a 360 px phone's column), bars narrowing to
# MIN_PITCH per year; 212 px tall whatever the data.
FIT_WIDTH = 320
MIN_PITCH = 40  # a year label ("2023" at 13 px) needs about 30 px


def bar_chart(years: list[YearCount], bar_width: int = 40, gap: int = 24) -> Chart | None:
    if not years:
        return None
    maximum = max(y.total for y in years) or 1
    top, bottom, left = 24, 28, 12
    plot = 160
    width = left * 2 + len(years) * (bar_width + gap) - gap
    if width > FIT_WIDTH:
        gap = 12
        pitch = max(MIN_PITCH, (FIT_WIDTH - left * 2 + gap) // len(years))
        bar_width = pitch - gap
        width = left * 2 + len(years) * pitch - gap
    bars = []
    for index, year in enumerate(years):
        height = round(plot * year.total / maximum, 1)
        x = left + index * (bar_width + gap)
        bars.append(
            Bar(
                year=year.year,
                total=year.total,
                x=x,
                y=round(top + plot - height, 1),
                width=bar_width,
                height=height,
                label_x=x + bar_width / 2,
            )
        )
    return Chart(
        width=max(width, 200),
        height=top + plot + bottom,
        baseline=top + plot,
        bars=bars,
        maximum=maximum,
    )


def make_row(data: HonoursData, recipient: Recipient) -> Row:
    return Row(
        recipient=recipient,
        decision=data.decisions[recipient.decision_id],
        honour=data.honours[recipient.honour_id],
        unit=data.units[recipient.unit_id],
    )


def newest_first(rows: list[Row]) -> list[Row]:
    return sorted(
        rows, key=lambda r: (-r.decision.date.toordinal(), r.decision.id, r.recipient.index)
    )


def unit_page(data: HonoursData, unit: Unit) -> UnitPage:
    received = data.recipients_by_unit.get(unit.id, [])
    # Already newest first (the order newest_first() gives), without sorting each page.
    parts: dict[str, list[Row]] = {kind: [] for kind in RECIPIENT_KINDS}
    decisions_by_id, honours = data.decisions, data.honours
    for recipient in data.recipients_by_unit_newest.get(unit.id, ()):
        part = parts.get(recipient.kind)
        if part is not None:
            decision = decisions_by_id[recipient.decision_id]
            part.append(Row(recipient, decision, honours[recipient.honour_id], unit))
    # The rows stay listed (marked "đã hủy"); the counts and the chart are of the awards in
    # force, the current state (a cancelled award is no longer held).
    in_force = [r for r in received if r.status != "da_huy"]
    years = count_by_year(data, in_force)
    blocs: dict[str, dict] = {}
    for bloc, year, role in data.bloc_roles.get(unit.id, []):
        entry = blocs.setdefault(
            bloc.id, {"bloc": bloc, "years": [], "led": [], "deputised": [], "flags": []}
        )
        entry["years"].append((year.year, ROLE_LABELS[role]))
        if role == "truong_khoi":
            entry["led"].append(year.year)
        elif role == "pho_khoi":
            entry["deputised"].append(year.year)
        if year.flag_unit == unit.id:
            entry["flags"].append(year.year)
    decision_ids = sorted({r.decision_id for r in received})
    decisions = sorted((data.decisions[d] for d in decision_ids), key=lambda d: (d.date, d.id))
    return UnitPage(
        unit=unit,
        kind_name=unit.kind_name,
        parent=data.units.get(unit.parent) if unit.parent else None,
        children=units_in_order(data, data.children.get(unit.id, [])),
        predecessors=[data.units[u] for u in unit.predecessors],
        successors=[data.units[u] for u in unit.successors],
        summary=count_by_honour(data, in_force),
        years=years,
        chart=bar_chart(years),
        parts=parts,
        total=len(in_force),
        blocs=list(blocs.values()),
        decisions=decisions,
        counts={k: sum(1 for r in in_force if r.kind == k) for k in RECIPIENT_KINDS},
        cancelled=len(received) - len(in_force),
    )


def units_in_order(data: HonoursData, ids) -> list[Unit]:
    """Vietnamese alphabetical order of names, ties broken by id."""
    rank = data.unit_rank
    return [data.units[i] for i in sorted(ids, key=rank.__getitem__)]


@dataclass
class UnitGroup:
    kind_id: str
    name: str
    units: list[tuple[Unit, int]]  # (unit, number of recipient rows)

    @property
    def active(self) -> int:
        return sum(1 for unit, _ in self.units if not unit.dissolved)

    @property
    def dissolved(self) -> int:
        return sum(1 for unit, _ in self.units if unit.dissolved)


def unit_groups(data: HonoursData) -> list[UnitGroup]:
    groups = []
    by_kind: dict[str, list[Unit]] = defaultdict(list)
    for unit in data.units.values():
        by_kind[unit.kind].append(unit)
    order = sorted(data.kinds.values(), key=lambda k: k.order)
    for kind in order:
        members = units_in_order(data, [u.id for u in by_kind.get(kind.id, [])])
        if members:
            groups.append(
                UnitGroup(
                    kind_id=kind.id,
                    name=kind.name,
                    units=[(u, len(data.recipients_by_unit.get(u.id, []))) for u in members],
                )
            )
    return groups


@dataclass
class YearPage:
    year: int
    decisions: list[Decision]
    totals: list[HonourCount]
    counts: dict[str, int]
    total: int


def year_page(data: HonoursData, year: int) -> YearPage:
    decisions = data.decisions_by_year.get(year, [])
    rows = [r for d in decisions for r in d.recipients]
    return YearPage(
        year=year,
        decisions=decisions,
        totals=count_by_honour(data, rows),
        counts={k: sum(1 for r in rows if r.kind == k) for k in RECIPIENT_KINDS},
        total=len(rows),
    )


def year_pages(data: HonoursData) -> list[YearPage]:
    return [year_page(data, year) for year in sorted(data.decisions_by_year, reverse=True)]


@dataclass
class BlocPage:
    bloc: Bloc
    years: list[BlocYear]
    members: list[Unit]  # every unit that was ever a member, Vietnamese order
    membership: list[tuple[Unit, list[str]]]  # unit -> role label per year ("" if absent)
    decisions: list[Decision]


def bloc_page(data: HonoursData, bloc: Bloc) -> BlocPage:
    years = bloc.year_list
    members = units_in_order(data, bloc.all_members)
    membership = []
    for unit in members:
        roles = []
        for year in years:
            if unit.id == year.leader:
                roles.append(ROLE_LABELS["truong_khoi"])
            elif unit.id == year.deputy:
                roles.append(ROLE_LABELS["pho_khoi"])
            elif unit.id in year.members:
                roles.append(ROLE_LABELS["thanh_vien"])
            else:
                roles.append("")
        membership.append((unit, roles))
    decisions = [d for d in data.decision_list if d.bloc == bloc.id]
    return BlocPage(
        bloc=bloc, years=years, members=members, membership=membership, decisions=decisions
    )


def decision_summary(data: HonoursData, decision: Decision) -> str:
    """ "32 tập thể, 5 cá nhân" """
    labels = {COLLECTIVE: "tập thể", INDIVIDUAL: "cá nhân", HOUSEHOLD: "hộ gia đình"}
    parts = [f"{decision.count(k)} {labels[k]}" for k in RECIPIENT_KINDS if decision.count(k)]
    return ", ".join(parts)


def decision_honours(data: HonoursData, decision: Decision) -> list[Honour]:
    rank = data.honour_rank
    known = [h for h in decision.honour_ids if h in rank]
    return [data.honours[h] for h in sorted(known, key=rank.__getitem__)]


@dataclass
class AchievementYearPage:
    """The honours whose achievement (năm thành tích) is counted under `year` (a period
    under its last year), whatever the year of the decision."""

    year: int
    decisions: list[tuple[Decision, int]]  # (decision, its rows of this achievement year)
    totals: list[HonourCount]
    counts: dict[str, int]
    total: int


def achievement_year_pages(data: HonoursData) -> list[AchievementYearPage]:
    by_year: dict[int, list] = defaultdict(list)
    for row in data.recipients:
        if row.period:
            by_year[int(row.period.split("-")[-1])].append(row)
    pages = []
    for year in sorted(by_year, reverse=True):
        rows = by_year[year]
        per_decision: dict[str, int] = defaultdict(int)
        for row in rows:
            per_decision[row.decision_id] += 1
        decisions = [
            (data.decisions[d], n)
            for d, n in sorted(
                per_decision.items(),
                key=lambda item: (data.decisions[item[0]].date, item[0]),
            )
        ]
        pages.append(
            AchievementYearPage(
                year=year,
                decisions=decisions,
                totals=count_by_honour(data, rows),
                counts={k: sum(1 for r in rows if r.kind == k) for k in RECIPIENT_KINDS},
                total=len(rows),
            )
        )
    return pages
