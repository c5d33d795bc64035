"""The Atom feed of the consultations open (and about to open) on the build's day (pure).

Made with feedgenerator (Pelican's own feed library). Entries are dated by their opening
day, the feed by the newest of them, so the same data and BUILD_DATE give the same bytes.
"""

from __future__ import annotations

from datetime import date, datetime, time

import feedgenerator

from plugins.vietnamese.dates import VN_TZ, format_date

from .states import ConsultationView


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=VN_TZ)


def atom(views: list[ConsultationView], site: str, feed_path: str, title: str, today: date):
    """The feed's text; `site` is the absolute origin (FEED_DOMAIN), links are absolute."""
    base = site.rstrip("/")
    feed = feedgenerator.Atom1Feed(
        title=title,
        link=f"{base}/lay-y-kien/",
        description="Các đợt lấy ý kiến nhân dân về người được đề nghị khen thưởng",
        language="vi",
        feed_url=f"{base}/{feed_path}",
        feed_guid=f"{base}/{feed_path}",
    )
    for view in views:
        c = view.consultation
        names = ", ".join(n.name for n in view.nominees)
        text = (
            f"{view.words} Người được đề nghị: {names}. Bắt đầu từ ngày "
            f"{format_date(c.opens)}, {c.length} ngày làm việc."
        )
        feed.add_item(
            title=c.title,
            link=f"{base}/{c.url}",
            description=text,
            unique_id=f"{base}/{c.url}",
            pubdate=_moment(c.first_day),
            updateddate=_moment(c.first_day),
            author_name=c.proposer,
        )
    newest = max((v.consultation.first_day for v in views), default=today)
    feed.latest_post_date = lambda: _moment(newest)
    return feed.writeString("utf-8")
