"""A decision and the rows of its annex (its recipients: collectives, individuals, households).

Pure Python. Built by decisions.py (which reads the decision files and their annexes) and
only read afterwards, except for the amendments plugins/notices applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .model_source import Source
from .model_vocabulary import RECIPIENT_KINDS, SECTION_TITLES
from .urls import ACHIEVEMENT_YEARS_URL, decision_url


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
    period: str = ""  # năm thành tích: "2023" or "2019-2023" ("" when not written)
    # After corrections and cancellations (plugins/notices/amendments.py): "hieu_luc",
    # "da_dinh_chinh" or "da_huy", and the numbers of the decisions that changed the row.
    status: str = "hieu_luc"
    amended_by: tuple[str, ...] = ()

    def __reduce__(self):
        """Pickled as one tuple (plugins/honours/once.py keeps 100 000 of them per build):
        five times faster than the dataclass's own state functions."""
        source = self.source
        fields = (self.decision_id, self.index, self.kind, self.name, self.position)
        fields += (self.unit_id, self.honour_id, self.money)
        where = (source.file, source.line) if source else (None, None)
        return _recipient, (*fields, *where, self.period, self.status, self.amended_by)


def _recipient(
    decision_id,
    index,
    kind,
    name,
    position,
    unit_id,
    honour_id,
    money,
    file,
    line,
    period="",
    status="hieu_luc",
    amended_by=(),
):
    source = Source(file, line) if file is not None else None
    return Recipient(
        decision_id,
        index,
        kind,
        name,
        position,
        unit_id,
        honour_id,
        money,
        source,
        period,
        status,
        amended_by,
    )


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
    campaign: str | None = None  # id of the emulation campaign it rewards (notices)
    commendation_type: str = ""  # loại hình: công trạng, đột xuất, ...
    period: str = ""  # năm thành tích of the whole decision: "2023" or "2019-2023"
    recipients: list[Recipient] = field(default_factory=list)
    annex_files: tuple[str, ...] = ()
    source: Source | None = None
    amendments: list = field(default_factory=list)  # notices.model.Amendment, oldest first

    @property
    def url(self) -> str:
        return decision_url(self.id)

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def status(self) -> str:
        """ "hieu_luc", "da_dinh_chinh" (some rows corrected or cancelled) or "da_huy" (the
        whole decision cancelled)."""
        if any(a.cancels_all for a in self.amendments):
            return "da_huy"
        return "da_dinh_chinh" if self.amendments else "hieu_luc"

    @property
    def achievement_url(self) -> str | None:
        """The page of the achievement year (a period: its last year), if one is written."""
        if not self.period:
            return None
        return f"{ACHIEVEMENT_YEARS_URL}{self.period.split('-')[-1]}/"

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
