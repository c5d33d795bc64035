"""Page budget of an article page on the built sample site (photos and search not counted).

The heaviest article page, with the CSS and JavaScript it loads, must stay under 100 KiB
uncompressed and 30 KiB gzipped; no script may block rendering; the CSS is one file.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.support import parse

KIB = 1024
BUDGET_RAW = 100 * KIB
BUDGET_GZIP = 30 * KIB
ARTICLE_PAGE = re.compile(r"^\d{4}/\d{2}/[^/]+/index\.html$")


def article_pages(site: Path) -> list[Path]:
    pages = [
        p for p in site.rglob("index.html") if ARTICLE_PAGE.match(p.relative_to(site).as_posix())
    ]
    assert pages, "the sample site has no article page"
    return sorted(pages)


def local_file(site: Path, page: Path, url: str) -> Path | None:
    """The output file a URL of `page` points to (None for other hosts)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = parts.path
    target = site / path.lstrip("/") if path.startswith("/") else page.parent / path
    return target.resolve()


def is_search(path: Path) -> bool:
    return "pagefind" in path.parts


def assets(site: Path, page: Path, html: BeautifulSoup) -> list[Path]:
    """Stylesheets and scripts the page loads (not the search files, not photos)."""
    found = []
    for link in html.select('link[rel~="stylesheet"][href]'):
        found.append(local_file(site, page, link["href"]))
    for script in html.select("script[src]"):
        found.append(local_file(site, page, script["src"]))
    files = [f for f in found if f is not None and not is_search(f)]
    for file in files:
        assert file.is_file(), f"{page}: {file} is missing"
    return files


def weight(site: Path, page: Path) -> tuple[int, int, list[Path]]:
    html = parse(page)
    files = [page, *assets(site, page, html)]
    raw = sum(f.stat().st_size for f in files)
    packed = sum(len(gzip.compress(f.read_bytes(), 9, mtime=0)) for f in files)
    return raw, packed, files


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return Path(built_site)


@pytest.fixture(scope="module")
def heaviest(site):
    return max(((*weight(site, page), page) for page in article_pages(site)), key=lambda w: w[0])


def test_heaviest_article_page_is_within_budget(site, heaviest):
    raw, packed, files, page = heaviest
    listing = ", ".join(str(f.relative_to(site)) for f in files)
    assert raw < BUDGET_RAW, f"{page.relative_to(site)}: {raw / KIB:.1f} KiB ({listing})"
    assert packed < BUDGET_GZIP, f"{page.relative_to(site)}: {packed / KIB:.1f} KiB gzip"


def test_no_render_blocking_script_and_one_stylesheet(site):
    for page in article_pages(site):
        html = parse(page)
        for script in html.find_all("script"):
            kind = script.get("type", "")
            if kind == "application/ld+json":
                continue  # data, not a script
            assert script.get("src"), f"{page}: inline script"
            assert "defer" in script.attrs or "async" in script.attrs or kind == "module", (
                f"{page}: {script['src']} blocks rendering (add defer)"
            )
        sheets = html.select('link[rel~="stylesheet"]')
        assert len(sheets) == 1, f"{page}: {len(sheets)} stylesheets, the CSS must be one file"
        assert not html.find("style"), f"{page}: inline <style>"
        css = local_file(site, page, sheets[0]["href"]).read_text(encoding="utf-8")
        assert "@import" not in css, "the CSS must be one file (no @import)"


def test_article_pages_have_compressed_copies(site, heaviest):
    page = heaviest[3]
    for suffix in (".gz", ".br"):
        assert page.with_name(page.name + suffix).is_file(), f"{page}{suffix} missing"
    assert gzip.decompress(page.with_name(page.name + ".gz").read_bytes()) == page.read_bytes()
