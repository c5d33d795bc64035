"""What the templates get: the consultations on the build's day, grouped by state (pure)."""

from __future__ import annotations

from datetime import date

from .model import CAMPAIGNS_URL, CONSULTATIONS_FEED, CONSULTATIONS_URL, POLICY_URL, NoticesData
from .states import CLOSED, OPEN, UPCOMING, ConsultationView, NomineeView, ordered, public_view


class NoticesPages:
    """Published as context["notices"]: `today`, `groups`, `open`, `for_decision(id)`."""

    consultations_url = CONSULTATIONS_URL
    feed_url = CONSULTATIONS_FEED
    campaigns_url = CAMPAIGNS_URL
    policy_url = POLICY_URL

    def __init__(self, data: NoticesData | None, today: date):
        self.today = today
        self.data = data or NoticesData()
        views = [
            public_view(self.data.consultations[cid], today, self.data.calendar)
            for cid in sorted(self.data.consultations)
        ]
        self.groups = ordered(views)
        self.views = [v for state in (OPEN, UPCOMING, CLOSED) for v in self.groups[state]]
        self.open = self.groups[OPEN]
        self.upcoming = self.groups[UPCOMING]
        self._by_decision: dict[str, list[tuple[ConsultationView, NomineeView]]] = {}
        for view in sorted(views, key=lambda v: v.id):
            for nominee in view.nominees:
                if nominee.decision_id:
                    self._by_decision.setdefault(nominee.decision_id, []).append((view, nominee))

    def for_decision(self, decision_id: str) -> list[tuple[ConsultationView, NomineeView]]:
        """(consultation, nominee) pairs that the decision awarded."""
        return self._by_decision.get(decision_id, [])

    @property
    def is_empty(self) -> bool:
        return not self.views


def policy_facts() -> dict:
    """What the data policy page lists, from the rules themselves (annex allowlist, personal
    data that is refused), so that the page cannot say something the checks do not do."""
    from plugins.honours import annex, privacy

    personal: list[str] = []
    for what in privacy.PERSONAL.values():
        if what not in personal:
            personal.append(what)
    return {"columns": list(annex.ALLOWED_HEADERS), "personal": personal, "law": privacy.LAW}
