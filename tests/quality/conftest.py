"""Fixtures of the quality gates: the built sample site read as a whole, and its page kinds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.quality.sitecheck import Site
from tests.support import ROOT

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

# The page kinds a reader meets; each is toured in the browser at both widths.
PAGE_KINDS = (
    "home",
    "article",
    "unit",
    "bloc",
    "decision",
    "consultations",
    "consultation",
    "policy",
    "campaign",
    "search",
    "404",
)
WIDTHS = (1280, 360)
SEARCH_QUERY = "khen thưởng"
MISSING_URL = "/khong-co-trang-nay/da-bi-xoa/"  # any deep URL the host answers with 404.html


def own_origins() -> tuple[str, ...]:
    """The origins under which the built site names itself in absolute URLs (FEED_DOMAIN)."""
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    return tuple(o for o in (settings.get("FEED_DOMAIN"), settings.get("SITEURL")) if o)


@pytest.fixture(scope="session")
def site(built_site) -> Site:
    return Site(built_site, own_origins())


def _richest(site: Site, pattern: str, score=None) -> str | None:
    """The page whose path matches `pattern` with the most to show (ties: path order)."""
    rx = re.compile(pattern)
    found = [rel for rel in site.pages if rx.fullmatch(rel)]
    if not found:
        return None
    score = score or (lambda rel: (site.root / rel).stat().st_size)
    return max(sorted(found), key=score)


def _article_score(site: Site):
    def score(rel: str):
        text = site.text(rel)
        return (
            "/don-vi/" in text,  # names honoured units (the honours partials show)
            "<picture" in text or "<figure" in text,
            'class="related' in text,
            len(text),
        )

    return score


def find_page_kinds(site: Site) -> dict[str, str | None]:
    """kind → the URL (path and query) the tour visits, or None when the site has none."""
    article = _richest(site, r"\d{4}/\d{2}/[^/]+/index\.html", _article_score(site))
    unit = _richest(site, r"don-vi/[^/]+/index\.html")
    bloc = _richest(site, r"khoi-thi-dua/[^/]+/index\.html")
    decision = _richest(site, r"quyet-dinh/[^/]+/index\.html")
    consultation = _richest(site, r"lay-y-kien/[^/]+/index\.html")
    campaign = _richest(site, r"phong-trao/[^/]+/index\.html")
    search = "tim-kiem/index.html" if "tim-kiem/index.html" in site.pages else None
    kinds = {
        "home": "/" if "index.html" in site.pages else None,
        "article": article and Site.url_of(article),
        "unit": unit and Site.url_of(unit),
        "bloc": bloc and Site.url_of(bloc),
        "decision": decision and Site.url_of(decision),
        "consultations": "/lay-y-kien/" if "lay-y-kien/index.html" in site.pages else None,
        "consultation": consultation and Site.url_of(consultation),
        "campaign": campaign and Site.url_of(campaign),
        "policy": "/chinh-sach-du-lieu/" if "chinh-sach-du-lieu/index.html" in site.pages else None,
        "search": search and f"/tim-kiem/?q={SEARCH_QUERY}",
        "404": MISSING_URL if "404.html" in site.pages else None,
    }
    return kinds


@pytest.fixture(scope="session")
def page_kinds(site) -> dict[str, str | None]:
    return find_page_kinds(site)


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
