"""A consultation on a given day: its state in words, and what may be published (pure).

Before the window: "upcoming"; from the opening day to the last day included: "open"; after:
"closed". Once closed, the nominees' achievement summaries and the contact details are no
longer published, only the names and the outcome (personal data kept to its purpose, Luật
Bảo vệ dữ liệu cá nhân 91/2025/QH15): `public_view` leaves them out of what templates get,
so no template can show them by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from plugins.vietnamese.dates import format_date

from .calendar import WorkingCalendar
from .model import Consultation

UPCOMING, OPEN, CLOSED = "sap-dien-ra", "dang-lay-y-kien", "da-ket-thuc"
STATE_LABELS = {UPCOMING: "Sắp lấy ý kiến", OPEN: "Đang lấy ý kiến", CLOSED: "Đã kết thúc"}
ORDER = (OPEN, UPCOMING, CLOSED)


def state_of(consultation: Consultation, today: date) -> str:
    if today < consultation.opens:
        return UPCOMING
    if today <= consultation.last_day:
        return OPEN
    return CLOSED


def days_left(consultation: Consultation, today: date, calendar: WorkingCalendar) -> int:
    """Working days from today (included) to the last day (included)."""
    start = max(today, consultation.opens)
    return calendar.count(start, consultation.last_day)


def state_words(consultation: Consultation, today: date, calendar: WorkingCalendar) -> str:
    state = state_of(consultation, today)
    last = format_date(consultation.last_day)
    if state == OPEN:
        left = days_left(consultation, today, calendar)
        if left == 1:
            return f"Đang lấy ý kiến đến hết ngày {last}; hôm nay là ngày làm việc cuối cùng."
        return f"Đang lấy ý kiến đến hết ngày {last}, còn {left} ngày làm việc."
    if state == UPCOMING:
        return (
            f"Sắp lấy ý kiến: từ ngày {format_date(consultation.opens)} đến hết ngày {last} "
            f"({consultation.length} ngày làm việc)."
        )
    return f"Đã kết thúc lấy ý kiến ngày {last}."


@dataclass(frozen=True)
class NomineeView:
    name: str
    kind: str
    position: str
    unit_id: str
    period: str
    summary: str | None  # None once closed
    decision_id: str | None
    outcome: str


@dataclass(frozen=True)
class ConsultationView:
    """What a page or the feed may show of a consultation on `today`."""

    consultation: Consultation
    state: str
    state_label: str
    words: str
    days_left: int
    nominees: tuple[NomineeView, ...]
    address: str | None  # None once closed
    email: str | None
    phone: str | None

    @property
    def id(self) -> str:
        return self.consultation.id

    @property
    def url(self) -> str:
        return self.consultation.url

    @property
    def is_open(self) -> bool:
        return self.state == OPEN

    @property
    def shows_details(self) -> bool:
        return self.state != CLOSED


def public_view(
    consultation: Consultation, today: date, calendar: WorkingCalendar
) -> ConsultationView:
    state = state_of(consultation, today)
    shown = state != CLOSED
    nominees = tuple(
        NomineeView(
            name=n.name,
            kind=n.kind,
            position=n.position,
            unit_id=n.unit_id,
            period=n.period,
            summary=n.summary if shown else None,
            decision_id=n.decision_id,
            outcome=n.outcome,
        )
        for n in consultation.nominees
    )
    return ConsultationView(
        consultation=consultation,
        state=state,
        state_label=STATE_LABELS[state],
        words=state_words(consultation, today, calendar),
        days_left=days_left(consultation, today, calendar) if state == OPEN else 0,
        nominees=nominees,
        address=consultation.address if shown else None,
        email=(consultation.email or None) if shown else None,
        phone=(consultation.phone or None) if shown else None,
    )


def ordered(views: list[ConsultationView]) -> dict[str, list[ConsultationView]]:
    """state -> views: open (closing soonest first), upcoming (soonest first), closed (newest
    first); ties broken by id."""
    groups: dict[str, list[ConsultationView]] = {state: [] for state in ORDER}
    for view in views:
        groups[view.state].append(view)
    groups[OPEN].sort(key=lambda v: (v.consultation.last_day, v.id))
    groups[UPCOMING].sort(key=lambda v: (v.consultation.opens, v.id))
    groups[CLOSED].sort(key=lambda v: (-v.consultation.last_day.toordinal(), v.id))
    return groups
