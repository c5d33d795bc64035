"""Consultations of nominees and emulation campaigns (pure: no Pelican)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from plugins.honours.model_source import Source

from .calendar import WorkingCalendar

CONSULTATIONS_URL = "lay-y-kien/"
CONSULTATIONS_FEED = "lay-y-kien/atom.xml"
CAMPAIGNS_URL = "phong-trao/"
POLICY_URL = "chinh-sach-du-lieu/"


@dataclass(eq=False)
class Nominee:
    name: str
    kind: str  # ca_nhan | tap_the
    position: str
    unit_id: str
    summary: str  # hidden once the window has closed
    period: str = ""
    decision_id: str | None = None  # the decision that awarded this nominee, when known
    outcome: str = ""
    source: Source | None = None


@dataclass(eq=False)
class Consultation:
    id: str
    title: str
    proposer: str
    honour_id: str
    legal_basis: str
    first_day: date  # as written (tu_ngay)
    length: int  # working days
    opens: date  # the first working day on or after first_day
    last_day: date  # computed in working days
    address: str
    email: str = ""
    phone: str = ""
    nominees: list[Nominee] = field(default_factory=list)
    outcome: str = ""
    source: Source | None = None

    @property
    def url(self) -> str:
        return f"{CONSULTATIONS_URL}{self.id}/"


@dataclass(eq=False)
class Campaign:
    id: str
    name: str
    start: date
    end: date | None = None
    launch_document: str = ""
    article: str | None = None
    units: tuple[str, ...] = ()
    blocs: tuple[str, ...] = ()
    description: str = ""
    source: Source | None = None

    @property
    def url(self) -> str:
        return f"{CAMPAIGNS_URL}{self.id}/"


@dataclass(eq=False)
class NoticesData:
    """What the notices' files hold, validated (HonoursData.notices)."""

    calendar: WorkingCalendar = field(default_factory=lambda: WorkingCalendar({}))
    consultations: dict[str, Consultation] = field(default_factory=dict)
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    amendments: list = field(default_factory=list)  # Amendment, in the order applied

    def consultations_for_decision(self, decision_id: str) -> list[tuple[Consultation, Nominee]]:
        found = []
        for cid in sorted(self.consultations):
            for nominee in self.consultations[cid].nominees:
                if nominee.decision_id == decision_id:
                    found.append((self.consultations[cid], nominee))
        return found


HIEU_LUC, DA_DINH_CHINH, DA_HUY = "hieu_luc", "da_dinh_chinh", "da_huy"
STATUS_LABELS = {HIEU_LUC: "Còn hiệu lực", DA_DINH_CHINH: "Đã đính chính", DA_HUY: "Đã hủy"}
FIELD_LABELS = {"name": "tên", "position": "chức vụ", "unit_id": "đơn vị"}


@dataclass(eq=False)
class Change:
    """One row changed by an amending decision: what it was, what it became, why."""

    row_index: int
    row_name: str  # the name as printed in the amended decision (before any change)
    action: str  # DA_DINH_CHINH or DA_HUY
    reason: str
    before: dict = field(default_factory=dict)  # field -> value (name, position, unit_id)
    after: dict = field(default_factory=dict)


@dataclass(eq=False)
class Amendment:
    """A decision that corrects (đính chính) or cancels (hủy) rows of an earlier one."""

    id: str
    number: str
    date: date
    issuer: str
    target_id: str
    title: str = ""
    legal_ground: str = ""
    recovery: str = ""
    cancels_all: str = ""  # the reason, when the whole decision is cancelled
    changes: list[Change] = field(default_factory=list)
    source: Source | None = None
