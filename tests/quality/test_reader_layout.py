"""The reader's newspaper in a real browser (issue 14, items 1-6), at 1280 px and 360 px.

Debian's chromium driven by Playwright visits home, article, unit, bloc, year, decision and
search pages of the built sample site, saves a full-page screenshot of each
(test-artifacts/screenshots/reader/) and checks what a reader sees: the footer's identity and
social links, the related lists (teaser, thumbnail, no overlap, no article twice), that no
table cell is cut off on a phone, the chart's size, the folded annex, the quiet unit links
and the lead photo. axe-core runs on every visit (0 serious or critical).
"""

from __future__ import annotations

import re
from itertools import pairwise
from urllib.parse import quote, urlsplit

import pytest

from tests.quality.browser_kit import load_images
from tests.quality.conftest import SCREENSHOTS, SEARCH_QUERY, _richest
from tests.quality.sitecheck import Site
from tests.quality.test_browser import SEARCH_DONE_JS

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

WIDTHS = (1280, 360)
KINDS = ("home", "article", "unit", "bloc", "year", "decision", "search")
SHOTS = SCREENSHOTS / "reader"
SOCIAL = ("Facebook", "YouTube", "Zalo", "X")
FOLD = re.compile(r"^Xem toàn bộ danh sách \((\d+ (?:tập thể|cá nhân|hộ gia đình)(?:, )?)+\)$")


def _with(site: Site, pattern: str, needle: str) -> str:
    """The largest page whose path matches `pattern` and whose HTML holds `needle`."""
    rx = re.compile(pattern)
    found = sorted(rel for rel in site.pages if rx.fullmatch(rel) and needle in site.text(rel))
    assert found, f"no page {pattern} holds {needle!r}"
    return max(found, key=lambda rel: len(site.text(rel)))


@pytest.fixture(scope="module")
def reader_pages(site) -> dict[str, str]:
    """kind -> URL path. The article is one with a folded annex (it also has related lists
    with photos, unit mentions and a lead photo moved under the lead)."""
    article = _with(site, r"\d{4}/\d{2}/[^/]+/index\.html", 'class="annex-fold"')
    pages = {
        "home": "index.html",
        "article": article,
        "unit": _richest(site, r"don-vi/[^/]+/index\.html"),
        "bloc": _richest(site, r"khoi-thi-dua/[^/]+/index\.html"),
        "year": _richest(site, r"khen-thuong/\d{4}/index\.html"),
        "decision": _richest(site, r"quyet-dinh/[^/]+/index\.html"),
    }
    urls = {kind: Site.url_of(rel) for kind, rel in pages.items()}
    urls["search"] = f"/tim-kiem/?q={SEARCH_QUERY}"
    return urls


def new_context(browser, width: int, javascript: bool = True):
    phone = width < 600
    return browser.new_context(
        viewport={"width": width, "height": 740 if phone else 800},
        is_mobile=phone,
        has_touch=phone,
        device_scale_factor=1,
        locale="vi-VN",
        java_script_enabled=javascript,
    )


@pytest.fixture(scope="module")
def open_page(browser, served_site, reader_pages):
    """open_page(kind, width) -> a Playwright page showing it, every image loaded."""
    contexts = []

    def open_(kind: str, width: int, javascript: bool = True):
        context = new_context(browser, width, javascript)
        contexts.append(context)
        page = context.new_page()
        page.goto(served_site + quote(reader_pages[kind], safe="/?=&"), wait_until="load")
        if kind == "search":  # the results are shown
            page.wait_for_function(SEARCH_DONE_JS, timeout=15_000)
        return page

    yield open_
    for context in contexts:
        context.close()


def _load_images(page) -> None:
    load_images(page)  # lazy images load now; every <img> has finished


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", KINDS)
def test_screenshot_and_no_serious_accessibility_violations(open_page, kind, width):
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(kind, width)
    _load_images(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = SHOTS / f"{kind}-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 1000
    layout = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert layout[0] <= layout[1] == width, f"{kind} at {width}px scrolls sideways: {layout}"
    results = Axe().run(page)
    blocking = [
        f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} elements)"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]
    assert not blocking, f"axe-core on {kind} at {width}px:\n" + "\n".join(blocking)


@pytest.mark.parametrize("width", WIDTHS)
def test_footer_names_the_newsroom_and_links_its_accounts(open_page, width):
    from pelicanconf import NEWSROOM

    page = open_page("home", width)
    _load_images(page)
    footer = page.locator("footer.site-footer")
    text = footer.inner_text()
    for key in ("agency", "address", "phone", "email", "licence", "responsible"):
        assert NEWSROOM[key] in text, key
    if NEWSROOM.get("example"):
        assert "ví dụ" in text  # sample values say so
    own = urlsplit(page.url).netloc
    for name in SOCIAL:
        # the link's accessible name: the account, and that it opens a new window
        link = footer.get_by_role("link", name=re.compile(rf"^{name} \(mở cửa sổ mới\)$"))
        assert link.count() == 1, name
        box = link.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, (name, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (name, box)
        assert link.get_attribute("href").startswith("https://")
        assert "noopener" in link.get_attribute("rel")
        icon = link.locator("img")
        src = icon.evaluate("(i) => i.currentSrc")
        assert urlsplit(src).netloc == own and src.endswith(".svg"), src
        assert icon.evaluate("(i) => i.naturalWidth") > 0, f"{src} did not load"
        icon_box = icon.bounding_box()
        assert icon_box["width"] >= 20 and icon_box["height"] >= 20


def _boxes_overlap(a: dict, b: dict) -> bool:
    return not (
        a["right"] <= b["left"] + 0.5
        or b["right"] <= a["left"] + 0.5
        or a["bottom"] <= b["top"] + 0.5
        or b["bottom"] <= a["top"] + 0.5
    )


RELATED_JS = """() => [...document.querySelectorAll('.related')].map((section) => ({
  heading: section.querySelector('h2').textContent.trim(),
  items: [...section.querySelectorAll('.related-item')].map((li) => {
    const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect();
      return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
    const img = li.querySelector('.related-thumb img');
    return {
      href: li.querySelector('.related-title a').getAttribute('href'),
      links: li.querySelectorAll('a').length,
      teaser: (li.querySelector('.related-teaser') || {}).textContent || '',
      date: !!li.querySelector('time[datetime]'),
      item: box(li), thumb: box(li.querySelector('.related-thumb')),
      parts: [...li.children].filter((c) => !c.classList.contains('related-thumb')).map(box),
      img: img && {src: img.currentSrc,
                   webp: !!img.closest('picture').querySelector('source[type="image/webp"]'),
                   width: img.getBoundingClientRect().width, natural: img.naturalWidth},
    };
  }),
}))"""


@pytest.mark.parametrize("width", WIDTHS)
def test_related_items_have_teaser_thumbnail_and_date_and_never_overlap(open_page, width):
    page = open_page("article", width)
    # the thumbnails are lazy: bring each list into view so that the browser loads them
    lazy = page.evaluate(
        "() => [...document.querySelectorAll('.related-thumb img')]"
        ".every((i) => i.getAttribute('loading') === 'lazy')"
    )
    assert lazy, "a related item's thumbnail is not lazy"
    for section in page.locator(".related").all():
        section.scroll_into_view_if_needed()
    _load_images(page)
    sections = page.evaluate(RELATED_JS)
    assert [s["heading"] for s in sections] == ["Tin cùng chuyên mục", "Có thể bạn quan tâm"]
    hrefs = [{item["href"] for item in s["items"]} for s in sections]
    assert not hrefs[0] & hrefs[1], "an article is in both lists"
    assert len(sections[1]["items"]) >= 3
    thumbs = 0
    for section in sections:
        items = section["items"]
        for item in items:
            assert item["links"] == 1 and item["date"], item
            words = item["teaser"].split()
            assert 5 <= len(words) <= 31, item["teaser"]
            assert len(words) < 30 or item["teaser"].endswith("…"), item["teaser"]
            assert item["item"]["right"] <= width, item
            for part in item["parts"]:
                assert part["right"] <= item["item"]["right"] + 0.5, item
                if item["thumb"]:
                    assert not _boxes_overlap(part, item["thumb"]), item
            for a, b in pairwise(item["parts"]):
                assert not _boxes_overlap(a, b), item
            if item["img"]:
                thumbs += 1
                img = item["img"]
                assert img["webp"], img
                assert ".webp" in img["src"] and img["natural"] <= 480, img
                assert img["width"] <= 160, img
        for a, b in pairwise(items):
            assert not _boxes_overlap(a["item"], b["item"]), (a["href"], b["href"])
    assert thumbs >= 2, "no related item shows its photo"


CELLS_JS = """() => {
  const vw = document.documentElement.clientWidth;
  const out = [];
  for (const cell of document.querySelectorAll('main td, main th')) {
    const r = cell.getBoundingClientRect();
    if (!r.width || r.right <= vw + 0.5) continue;
    let region = cell.parentElement, scrolls = false;
    while (region && region !== document.body) {
      const s = getComputedStyle(region);
      if ((s.overflowX === 'auto' || s.overflowX === 'scroll')
          && region.scrollWidth > region.clientWidth) { scrolls = true; break; }
      region = region.parentElement;
    }
    const says = scrolls && /kéo ngang|vuốt ngang/i.test(
      (region.getAttribute('aria-label') || '') + ' ' + region.innerText);
    const what = cell.textContent.trim().slice(0, 30);
    if (!says) out.push(`${cell.tagName} "${what}" right ${Math.round(r.right)}px`);
  }
  const lists = [];
  for (const dt of document.querySelectorAll('main dl.facts dt')) {
    const dd = dt.nextElementSibling;
    if (!dd || dd.tagName !== 'DD') continue;
    const a = dt.getBoundingClientRect(), b = dd.getBoundingClientRect();
    lists.push({stacked: b.top >= a.bottom - 0.5, label: a.width, value: b.width});
  }
  return {cut: out.slice(0, 10), cells: document.querySelectorAll('main td').length,
          lists, scrollWidth: document.documentElement.scrollWidth, vw};
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", ("unit", "bloc", "year", "decision"))
def test_no_table_cell_is_cut_off(open_page, kind, width):
    page = open_page(kind, width)
    found = page.evaluate(CELLS_JS)
    assert found["cells"] > 0
    assert found["scrollWidth"] <= found["vw"], found
    assert not found["cut"], f"{kind} at {width}px, cells cut off:\n" + "\n".join(found["cut"])
    if width < 600:
        # label/value lists stack: the value under its label, the full width
        for pair in found["lists"]:
            assert pair["stacked"] and pair["value"] >= 0.8 * (width - 32), pair


def test_the_unit_chart_is_sized_to_its_data_and_keeps_its_table(open_page):
    page = open_page("unit", 1280)
    chart = page.evaluate(
        """() => { const svg = document.querySelector('figure.chart svg');
          const r = svg.getBoundingClientRect();
          const fonts = [...svg.querySelectorAll('text')].map((t) =>
            parseFloat(t.getAttribute('font-size')) * r.width / svg.viewBox.baseVal.width);
          const table = svg.closest('figure').nextElementSibling.querySelector('table');
          return {width: r.width, height: r.height, bars: svg.querySelectorAll('rect').length,
                  smallest: Math.min(...fonts),
                  rows: table ? table.tBodies[0].rows.length : 0}; }"""
    )
    assert chart["height"] <= 280 and chart["width"] <= 100 * chart["bars"] + 40, chart
    assert chart["smallest"] >= 12, chart
    assert chart["rows"] == chart["bars"], chart


@pytest.mark.parametrize("javascript", (True, False), ids=("js", "no-js"))
@pytest.mark.parametrize("width", WIDTHS)
def test_a_long_annex_is_folded_in_the_article(open_page, width, javascript):
    page = open_page("article", width, javascript)
    fold = page.locator("details.annex-fold").first
    assert fold.evaluate("(d) => d.open") is False
    summary = fold.locator("summary")
    match = FOLD.match(summary.inner_text().strip())
    assert match, summary.inner_text()
    total = sum(int(n) for n in re.findall(r"\d+", summary.inner_text()))
    section = page.locator("section.article-honours")
    preview = fold.evaluate("(d) => d.previousElementSibling.querySelectorAll('tbody tr').length")
    assert 0 < preview <= 5
    hidden_rows = fold.locator("tbody tr")
    assert not hidden_rows.first.is_visible()
    summary.click()
    assert fold.evaluate("(d) => d.open") is True
    assert hidden_rows.count() == total and hidden_rows.last.is_visible()
    decision_link = fold.evaluate(
        "(d) => { let n = d.nextElementSibling; while (n && !n.querySelector('a')) "
        "n = n.nextElementSibling; return n && n.querySelector('a').getAttribute('href'); }"
    )
    assert decision_link and "quyet-dinh/" in decision_link
    assert section.count() == 1


QUIET_JS = """() => {
  const body = document.querySelector('.article-body');
  const p = body.querySelector('p');
  const links = [...body.querySelectorAll('a[data-don-vi]')];
  const style = (el) => { const s = getComputedStyle(el);
    return {color: s.color, line: s.textDecorationLine, thickness: s.textDecorationThickness}; };
  return {text: style(p), links: links.map(style), units: links.map((a) => a.dataset.donVi)};
}"""


def test_unit_mentions_are_quiet_links_with_a_visible_focus(open_page):
    page = open_page("article", 1280)
    found = page.evaluate(QUIET_JS)
    assert len(found["links"]) >= 3
    assert len(found["units"]) == len(set(found["units"])), "a unit is linked twice"
    for link in found["links"]:
        assert link["color"] == found["text"]["color"], "not in the body's colour"
        assert "underline" in link["line"] and link["thickness"] == "1px", link
    first = page.locator(".article-body a[data-don-vi]").first
    first.hover()
    hovered = first.evaluate("(a) => getComputedStyle(a).textDecorationThickness")
    assert hovered == "2px"
    page.mouse.move(0, 0)
    for _ in range(80):  # the keyboard reaches it, and its focus shows
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.hasAttribute('data-don-vi')"):
            break
    focus = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
          return {unit: document.activeElement.hasAttribute('data-don-vi'),
                  outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
                  thickness: s.textDecorationThickness}; }"""
    )
    assert focus["unit"] and focus["outline"] != "none" and focus["width"] >= 2, focus
    assert focus["thickness"] == "2px", focus


@pytest.mark.parametrize("width", WIDTHS)
def test_the_lead_photo_is_under_the_lead_once_with_its_caption(open_page, width):
    page = open_page("article", width)
    found = page.evaluate(
        """() => { const fig = document.querySelector('.lead-figure figure');
          if (!fig) return null;
          const img = fig.querySelector('img');
          const name = img.currentSrc.split('/').pop()
            .replace(/-\\d+-[0-9a-f]+\\.(webp|jpg|png)$/, '');
          const lead = document.querySelector('.lead');
          const all = [...document.querySelectorAll('.article img')]
            .filter((i) => ((i.getAttribute('srcset') || '') + ' ' + i.getAttribute('src'))
              .includes('/' + name));
          return {after: fig.parentElement.previousElementSibling === lead,
                  caption: (fig.querySelector('figcaption') || {}).textContent || '',
                  count: all.length, width: img.getBoundingClientRect().width,
                  loading: img.getAttribute('loading')}; }"""
    )
    assert found is not None, "the article has no lead photo under its lead"
    assert found["after"] and found["caption"].strip(), found
    assert found["count"] == 1, "the lead photo is shown twice"
    assert found["loading"] is None and found["width"] >= min(width - 32, 600) - 1, found
