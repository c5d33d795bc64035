"""Links: every internal link, image, srcset entry, stylesheet, script and #anchor of the whole
built site resolves; the sitemap and the feeds name real pages; feeds list the newest articles.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import feedparser
import pytest

from tests.quality.conftest import PAGE_KINDS
from tests.quality.sitecheck import css_urls, summary

# Every page parsed once, on one xdist worker.
pytestmark = pytest.mark.xdist_group("site-static")

ARTICLE_PAGE = re.compile(r"\d{4}/\d{2}/[^/]+/index\.html")


def test_every_page_kind_exists(page_kinds):
    missing = [kind for kind in PAGE_KINDS if not page_kinds.get(kind)]
    assert not missing, (
        f"The built sample site has no page of kind {missing} "
        "(home /, article /YYYY/MM/<slug>/, unit /don-vi/<id>/, bloc /khoi-thi-dua/<id>/, "
        "decision /quyet-dinh/<id>/, search /tim-kiem/, 404.html)"
    )


def test_every_internal_reference_resolves(site):
    broken: dict[str, list] = {}  # missing URL path → the references to it
    checked = 0
    for page in site.pages:
        for ref in site.refs(page):
            if not site.is_internal(page, ref.url):
                continue
            checked += 1
            target, _fragment = site.target(page, ref.url)
            if target is None:
                path = urlsplit(site.absolute(page, ref.url)).path
                broken.setdefault(path, []).append(ref)
    assert checked > len(site.pages)
    report = [f"{path}  ← {len(refs)} references, e.g. {refs[0]}" for path, refs in broken.items()]
    total = sum(len(refs) for refs in broken.values())
    assert not broken, (
        f"{total} broken internal references to {len(broken)} missing URLs:\n{summary(report)}"
    )


def test_every_anchor_exists(site):
    broken = []
    for page in site.pages:
        for ref in site.refs(page):
            if ref.url.strip() == "#":
                broken.append(f"{ref}  (a link to nothing)")
                continue
            if "#" not in ref.url or not site.is_internal(page, ref.url):
                continue
            target, fragment = site.target(page, ref.url)
            if target is None or not fragment or fragment.startswith(":~:"):
                continue  # a missing file is reported by the test above
            if target.endswith(".html") and fragment not in site.ids(target):
                broken.append(f"{ref}  (no id={fragment!r} in {target})")
    assert not broken, f"{len(broken)} anchors without a target:\n{summary(broken)}"


def test_stylesheets_reference_existing_files(site):
    sheets = sorted(site.root.rglob("*.css"))
    assert sheets, "the built site has no stylesheet"
    broken = []
    for sheet in sheets:
        rel = sheet.relative_to(site.root).as_posix()
        for url in css_urls(sheet.read_text(encoding="utf-8")):
            if url.startswith("data:"):
                continue
            if site.is_other_host(rel, url):
                broken.append(f"{rel}: url({url}) is on another host")
            elif site.target(rel, url)[0] is None:
                broken.append(f"{rel}: url({url}) does not exist")
    assert not broken, summary(broken)


def test_sitemap_lists_existing_pages(site):
    sitemap = site.root / "sitemap.xml"
    if not sitemap.exists():
        pytest.skip("no sitemap.xml in this build")
    locs = [el.text.strip() for el in ET.parse(sitemap).iter() if el.tag.endswith("loc")]
    assert locs
    broken = [loc for loc in locs if site.target("index.html", loc)[0] is None]
    assert not broken, f"sitemap.xml lists missing pages:\n{summary(broken)}"


def _feed_files(site) -> list[str]:
    found = {p.relative_to(site.root).as_posix() for p in site.root.rglob("*.atom.xml")}
    found |= {p.relative_to(site.root).as_posix() for p in site.root.rglob("*.rss.xml")}
    return sorted(found)


def _published(site) -> dict[str, str]:
    """Article URL path → its ISO publication date, read from the article pages."""
    dates = {}
    for page in site.pages:
        if not ARTICLE_PAGE.fullmatch(page):
            continue
        meta = site.soup(page).find("meta", property="article:published_time")
        assert meta is not None, f"{page}: no article:published_time"
        dates[site.url_of(page)] = meta["content"]
    return dates


def test_feeds_parse_and_link_to_real_pages(site):
    feeds = _feed_files(site)
    assert "feeds/tat-ca.atom.xml" in feeds
    # Every feed a page announces exists.
    announced = set()
    for page in site.pages:
        for link in site.soup(page).find_all("link", rel="alternate", href=True):
            if "atom" in (link.get("type") or "") or "rss" in (link.get("type") or ""):
                target, _ = site.target(page, link["href"])
                assert target, f"{page}: feed {link['href']} does not exist"
                announced.add(target)
    assert "feeds/tat-ca.atom.xml" in announced

    problems = []
    for feed in feeds:
        parsed = feedparser.parse((site.root / feed).read_bytes())
        if parsed.bozo:
            problems.append(f"{feed}: not well-formed ({parsed.bozo_exception})")
            continue
        if not parsed.entries:
            problems.append(f"{feed}: no entries")
        for entry in parsed.entries:
            if not entry.get("title"):
                problems.append(f"{feed}: an entry without a title ({entry.get('link')})")
            if site.target("index.html", entry.get("link", ""))[0] is None:
                problems.append(f"{feed}: entry link {entry.get('link')!r} is not a page")
    assert not problems, summary(problems)


def test_main_feed_lists_the_newest_articles(site):
    published = _published(site)
    assert published, "no article pages"
    parsed = feedparser.parse((site.root / "feeds/tat-ca.atom.xml").read_bytes())
    listed = []
    for entry in parsed.entries:
        target, _ = site.target("index.html", entry.link)
        listed.append(site.url_of(target) if target else entry.link)
    assert len(listed) == len(set(listed)), "an article is listed twice"
    assert len(listed) >= min(len(published), 10)
    unknown = [url for url in listed if url not in published]
    assert not unknown, f"feed entries that are not articles: {unknown}"

    dates = [published[url] for url in listed]
    assert dates == sorted(dates, reverse=True), "the feed is not newest first"
    newest_left_out = max((d for u, d in published.items() if u not in listed), default="")
    assert newest_left_out <= min(dates), (
        f"an article of {newest_left_out} is missing from the feed, which lists older ones"
    )
