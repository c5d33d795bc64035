"""Atom feeds to follow one unit or one bloc, and the feed of the open data's log (pure: no
Pelican). theme/templates/honours/atom.xml writes them.

The text is escaped in this module, once (an article or a decision is in several feeds), and
the template prints it as it is.

A unit's feed has the articles about it (named in their `Units` or found in their text) and
the decisions that honour it or its people; a bloc's feed, the articles of the bloc (`Bloc`)
and the decisions attached to it (`khoi`). Newest first, at most MAX_ENTRIES.

The rules we keep (checked offline by the tests with feedparser): the feed and every entry
have a permanent id (an absolute URL that never changes), an `updated` date in RFC 3339 with
its time zone (taken from the content, so the same content gives the same feed: a decision's
date at midnight, Vietnam time), a link to the page; the feed links to itself (rel=self)
and to its page (rel=alternate).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from markupsafe import Markup, escape

from plugins.vietnamese.dates import format_date

from .fields import absolute
from .model import HonoursData
from .model_decisions import Decision, Recipient
from .package import data_date

VIETNAM = timezone(timedelta(hours=7))
MAX_ENTRIES = 200


def unit_feed_path(unit_id: str) -> str:
    return f"feeds/don-vi/{unit_id}.atom.xml"


def bloc_feed_path(bloc_id: str) -> str:
    return f"feeds/khoi-thi-dua/{bloc_id}.atom.xml"


CHANGES_FEED_PATH = "du-lieu/thay-doi/atom.xml"


def day_start(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=VIETNAM)


def publication_time(data: HonoursData, source_date_epoch: int | None) -> datetime:
    """When this publication of the open data happened, from the inputs only (reproducible):
    SOURCE_DATE_EPOCH, else the start of the newest decision's day."""
    if source_date_epoch is not None:
        return datetime.fromtimestamp(source_date_epoch, VIETNAM)
    return day_start(data_date(data))


def rfc3339(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VIETNAM)
    return moment.isoformat(timespec="seconds")


@dataclass(frozen=True)
class Entry:
    """One entry; its text is escaped here, once (Markup), and printed as it is."""

    id: Markup
    title: Markup
    url: Markup
    updated: str  # RFC 3339 (nothing to escape)
    published: str
    summary: Markup  # the text of <summary type="html">: an article's HTML, escaped
    category: Markup  # "Tin bài" or "Quyết định khen thưởng"
    order: tuple = ()


@dataclass
class Feed:
    id: str  # the feed's own absolute URL
    path: str  # where it is written
    title: str
    subtitle: str
    page_url: str  # the page it follows (absolute)
    updated: str
    entries: list[Entry] = field(default_factory=list)


def article_entry(article, domain: str, cache: dict | None = None) -> Entry:
    """An article (a Pelican Article, read through its attributes only). `cache` (one dict
    for one build) keeps it for the other feeds that list it."""
    key = ("article", id(article))
    if cache is not None and key in cache:
        return cache[key]
    url = absolute(domain, article.url)
    published = article.date
    updated = getattr(article, "modified", None) or published
    entry = Entry(
        id=escape(url),
        title=escape(str(article.title)),
        url=escape(url),
        updated=rfc3339(updated),
        published=rfc3339(published),
        summary=escape(str(getattr(article, "summary", "") or "")),  # its HTML, as text
        category=escape("Tin bài"),
        order=(updated, 1, url),
    )
    if cache is not None:
        cache[key] = entry
    return entry


def decision_entry(
    data: HonoursData,
    decision: Decision,
    rows: list[Recipient],
    domain: str,
    cache: dict | None = None,
) -> Entry:
    """A decision; `rows` are those the feed is about (the unit's), in annex order. What
    does not depend on the rows is made once per decision (`cache`: one dict for one build)."""
    key = ("decision", decision.id)
    common = cache.get(key) if cache is not None else None
    if common is None:
        url = absolute(domain, decision.url)
        moment = day_start(decision.date)
        common = (
            url,
            escape(url),
            escape(f"Quyết định số {decision.number} ngày {format_date(decision.date)}"),
            rfc3339(moment),
            moment,
        )
        if cache is not None:
            cache[key] = common
    url, url_text, title, stamp, moment = common
    if rows:
        names = ", ".join(r.name for r in rows[:10]) + (" …" if len(rows) > 10 else "")
        honours = sorted({data.honours[r.honour_id].name for r in rows})
        summary = f"{decision.issuer} tặng {'; '.join(honours)} cho {names} ({len(rows)} lượt)."
        link = escape(f"{url}#{data.record_id(rows[0])}")
    else:
        summary = decision.title or decision.achievement
        link = url_text
    return Entry(
        id=url_text,
        title=title,
        url=link,
        updated=stamp,
        published=stamp,
        summary=escape(summary),
        category=_DECISION_CATEGORY,
        order=(moment, 0, decision.id),
    )


_DECISION_CATEGORY = escape("Quyết định khen thưởng")


def _finish(feed: Feed, entries: list[Entry], fallback: date | None) -> Feed:
    entries.sort(key=lambda e: e.order, reverse=True)
    feed.entries = entries[:MAX_ENTRIES]
    if feed.entries:
        feed.updated = max(e.updated for e in feed.entries)
    else:
        feed.updated = rfc3339(day_start(fallback or date(2000, 1, 1)))
    return feed


def unit_feed(
    data: HonoursData, unit_id: str, articles: list, domain: str, cache: dict | None = None
) -> Feed:
    unit = data.units[unit_id]
    path = unit_feed_path(unit_id)
    by_decision: dict[str, list[Recipient]] = {}
    for row in data.recipients_by_unit.get(unit_id, []):
        by_decision.setdefault(row.decision_id, []).append(row)
    entries = [article_entry(a, domain, cache) for a in articles]
    entries += [
        decision_entry(data, data.decisions[d], rows, domain, cache)
        for d, rows in by_decision.items()
    ]
    feed = Feed(
        id=absolute(domain, path),
        path=path,
        title=f"{unit.name} – tin bài và khen thưởng",
        subtitle=f"Tin bài mới về {unit.name} và các quyết định khen thưởng đơn vị "
        "hoặc người của đơn vị.",
        page_url=absolute(domain, unit.url),
        updated="",
    )
    return _finish(feed, entries, data_date(data))


def bloc_feed(
    data: HonoursData, bloc_id: str, articles: list, domain: str, cache: dict | None = None
) -> Feed:
    bloc = data.blocs[bloc_id]
    path = bloc_feed_path(bloc_id)
    entries = [article_entry(a, domain, cache) for a in articles]
    for decision in data.decision_list:
        if decision.bloc == bloc_id:
            entries.append(decision_entry(data, decision, decision.recipients, domain, cache))
    feed = Feed(
        id=absolute(domain, path),
        path=path,
        title=f"{bloc.name} – tin bài và khen thưởng",
        subtitle=f"Tin bài mới về {bloc.name} và các quyết định khen thưởng của khối.",
        page_url=absolute(domain, bloc.url),
        updated="",
    )
    return _finish(feed, entries, data_date(data))


def changes_feed(entries: list[dict], domain: str, page_path: str) -> Feed:
    """The feed of the log of changes (changes.log entries, newest first)."""
    page = absolute(domain, page_path)
    items = []
    for entry in entries:
        added, corrected, gone = len(entry["them"]), len(entry["sua"]), len(entry["go"])
        moment = datetime.fromisoformat(entry["thoi_gian"])
        summary = (
            f"Thêm {added} quyết định, sửa {corrected}, gỡ bỏ {gone}; "
            f"{entry['so_ban_ghi']} bản ghi"
            + (
                f" (trước đó {entry['so_ban_ghi_truoc']})."
                if entry.get("so_ban_ghi_truoc") is not None
                else "."
            )
        )
        items.append(
            Entry(
                id=escape(f"{page}#{entry['ma']}"),
                title=escape(f"Cập nhật dữ liệu ngày {format_date(moment.date())}"),
                url=escape(f"{page}#{entry['ma']}"),
                updated=rfc3339(moment),
                published=rfc3339(moment),
                summary=escape(summary),
                category=escape("Dữ liệu mở"),
                order=(moment, entry["ma"]),
            )
        )
    feed = Feed(
        id=absolute(domain, CHANGES_FEED_PATH),
        path=CHANGES_FEED_PATH,
        title="Thay đổi của dữ liệu mở khen thưởng",
        subtitle="Mỗi lần công bố: các quyết định được thêm, sửa, gỡ bỏ và số bản ghi.",
        page_url=page,
        updated="",
    )
    return _finish(feed, items, None)
