"""What a campaign's page shows: its decisions, totals by honour, units and articles (pure)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from plugins.honours import views
from plugins.honours.model import HonoursData
from plugins.honours.model_blocs import Bloc
from plugins.honours.model_decisions import Decision
from plugins.honours.model_units import Unit
from plugins.vietnamese.dates import format_date

from .model import DA_HUY, Campaign

RUNNING, UPCOMING, ENDED = "dang-dien-ra", "sap-dien-ra", "da-ket-thuc"
STATE_LABELS = {RUNNING: "Đang diễn ra", UPCOMING: "Sắp diễn ra", ENDED: "Đã kết thúc"}


@dataclass
class CampaignView:
    campaign: Campaign
    state: str
    words: str  # "Từ 01/03/2025 đến 31/12/2025 · Đã kết thúc"
    decisions: list[Decision]
    totals: list  # views.HonourCount of the rows in force
    in_force: int
    cancelled: int
    units: list[tuple[Unit, int]]  # units honoured (rows in force), Vietnamese order
    scope_units: list[Unit]
    scope_blocs: list[Bloc]
    articles: list = field(default_factory=list)  # Pelican articles, newest first
    launch_article: object = None

    @property
    def id(self) -> str:
        return self.campaign.id

    @property
    def url(self) -> str:
        return self.campaign.url


def state_of(campaign: Campaign, today: date) -> str:
    if today < campaign.start:
        return UPCOMING
    if campaign.end is not None and today > campaign.end:
        return ENDED
    return RUNNING


def campaign_view(data: HonoursData, campaign: Campaign, today: date) -> CampaignView:
    decisions = [d for d in data.decision_list if d.campaign == campaign.id]
    rows = [r for d in decisions for r in d.recipients]
    live = [r for r in rows if r.status != DA_HUY]
    per_unit = Counter(r.unit_id for r in live)
    state = state_of(campaign, today)
    when = f"Từ {format_date(campaign.start)}"
    when += f" đến {format_date(campaign.end)}" if campaign.end else " (thường xuyên)"
    return CampaignView(
        campaign=campaign,
        state=state,
        words=f"{when} · {STATE_LABELS[state]}",
        decisions=decisions,
        totals=views.count_by_honour(data, live),
        in_force=len(live),
        cancelled=len(rows) - len(live),
        units=[(u, per_unit[u.id]) for u in views.units_in_order(data, per_unit)],
        scope_units=views.units_in_order(data, campaign.units),
        scope_blocs=[data.blocs[b] for b in campaign.blocs if b in data.blocs],
    )


def campaign_views(data: HonoursData, today: date) -> list[CampaignView]:
    """Running first, then upcoming, then ended; newest start first, ties by id."""
    order = {RUNNING: 0, UPCOMING: 1, ENDED: 2}
    found = [campaign_view(data, c, today) for c in data.campaigns.values()]
    return sorted(found, key=lambda v: (order[v.state], -v.campaign.start.toordinal(), v.id))
