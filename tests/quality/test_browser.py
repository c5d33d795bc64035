"""A real browser tour of the built sample site: Debian's chromium driven by Playwright.

Each page kind (home, article, unit, bloc, decision, search, 404) is visited once at 1280 px
and once at 360 px (a phone: touch, mobile viewport). A visit records the console, every
request and the broken resources (judged by browser_kit.py once every image has loaded,
before anything can cancel a request), the layout width, a full-page screenshot
(test-artifacts/screenshots/), axe-core's verdict and the keyboard focus order; the tests
below each judge one of these.
"""

from __future__ import annotations

import dataclasses
import fcntl
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from tests.quality.browser_kit import NetworkLog, load_images
from tests.quality.conftest import PAGE_KINDS, WIDTHS
from tests.quality.sitecheck import summary

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

BLOCKING_IMPACTS = ("serious", "critical")
MAX_TAB_STOPS = 45
CASES = [(kind, width) for kind in PAGE_KINDS for width in WIDTHS]
IDS = [f"{kind}-{width}" for kind, width in CASES]

# The search page has answered: its status line speaks and the result list is not busy.
SEARCH_DONE_JS = """() => {
  const status = document.getElementById('tim-kiem-trang-thai');
  const list = document.getElementById('ket-qua');
  return !!status && status.textContent.trim() !== ''
    && !!list && list.getAttribute('aria-busy') !== 'true';
}"""

# Where the layout is wider than the viewport: elements sticking out on the right, except
# those inside a container that scrolls or clips (a wide table in .table-scroll is fine).
OVERFLOW_JS = """() => {
  const vw = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (!r.width || r.right <= vw + 1) continue;
    let p = el.parentElement, contained = false;
    while (p && p !== document.body) {
      if (getComputedStyle(p).overflowX !== 'visible') { contained = true; break; }
      p = p.parentElement;
    }
    if (contained) continue;
    const cls = typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    const id = el.id ? '#' + el.id : '';
    out.push(`${el.tagName.toLowerCase()}${id}${cls} (right ${Math.round(r.right)}px)`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, clientWidth: vw,
          offenders: out.slice(0, 8)};
}"""

# The focused element: what it is, whether a focus indicator shows (outline or box-shadow,
# with 3:1 contrast against what is behind it), and whether it is on screen.
FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const lum = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const [r, g, b, a] = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    if (a === 0) return null;
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let bg = null;
  for (let p = el.parentElement; p && bg === null; p = p.parentElement) {
    bg = lum(getComputedStyle(p).backgroundColor);
  }
  if (bg === null) bg = 1;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  let contrast = null;
  if (outline) {
    const o = lum(s.outlineColor);
    if (o !== null) contrast = (Math.max(o, bg) + 0.05) / (Math.min(o, bg) + 0.05);
  }
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  const r = el.getBoundingClientRect();
  const label = (el.getAttribute('aria-label') || el.textContent || el.value || '')
    .trim().replace(/\\s+/g, ' ').slice(0, 40);
  return {
    what: `<${el.tagName.toLowerCase()}${el.id ? ' id=' + el.id : ''}> "${label}"`,
    href: el.getAttribute('href'),
    indicator: shadow || (outline && (contrast === null || contrast >= 3)),
    contrast: contrast === null ? null : Math.round(contrast * 100) / 100,
    onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
      && r.top < innerHeight && r.left < innerWidth,
  };
}"""


@dataclass
class Visit:
    kind: str
    width: int
    url: str
    status: int | None = None
    console: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    layout: dict = field(default_factory=dict)
    violations: list[dict] = field(default_factory=list)
    rules: set[str] = field(default_factory=set)  # the axe-core rules that ran
    focus: list[dict] = field(default_factory=list)
    screenshot: Path | None = None
    h1: list[str] = field(default_factory=list)


def new_context(browser, width: int):
    phone = width < 600
    return browser.new_context(
        viewport={"width": width, "height": 740 if phone else 800},
        is_mobile=phone,
        has_touch=phone,
        device_scale_factor=1,
        locale="vi-VN",
    )


def _tour_visit(browser, site, origin, path, kind, width, screenshots) -> Visit:
    from axe_playwright_python.sync_playwright import Axe

    url = origin + quote(path, safe="/?=&")
    visit = Visit(kind, width, url)
    context = new_context(browser, width)
    page = context.new_page()

    def on_console(message):
        if message.type != "error":
            return
        where = message.location.get("url", "")
        if kind == "404" and where == url and "404" in message.text:
            return  # the browser's own note that the page itself is a 404
        visit.console.append(f"{message.text} ({where})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: visit.console.append(f"uncaught error: {error}"))
    # The 404 page's own status is expected; every other request is judged by browser_kit.
    network = NetworkLog(page, expected_errors={url} if kind == "404" else ())
    if kind == "404":  # as a static host answers any missing URL: 404.html, status 404
        body = (site.root / "404.html").read_bytes()
        page.route(
            url,
            lambda route: route.fulfill(
                status=404, body=body, content_type="text/html; charset=utf-8"
            ),
        )
    try:
        response = page.goto(url, wait_until="load")
        visit.status = response.status if response else None
        if kind == "search":  # the results are shown (not "the network was quiet a while")
            page.wait_for_function(SEARCH_DONE_JS, timeout=15_000)
        # Load the lazy images now, so that every image is fetched (and checked), and judge
        # the requests before the screenshot and the keyboard tour can cancel any.
        load_images(page)
        visit.failed = network.verdict(page)
        visit.requests = network.urls
        visit.h1 = page.locator("h1").all_inner_texts()
        visit.layout = page.evaluate(OVERFLOW_JS)
        visit.screenshot = screenshots / f"{kind}-{width}.png"
        page.screenshot(path=str(visit.screenshot), full_page=True)
        results = Axe().run(page)
        visit.violations = results.response["violations"]
        visit.rules = {
            rule["id"]
            for kind_ in ("violations", "passes", "incomplete", "inapplicable")
            for rule in results.response.get(kind_, [])
        }
        # The focus order from the top (header, menu, the start of the content), then from
        # the bottom backwards (the footer): long pages have hundreds of links between.
        for key, stops in (("Tab", MAX_TAB_STOPS), ("Shift+Tab", 12)):
            page.evaluate("() => { window.scrollTo(0, 0); document.activeElement.blur(); }")
            first = None
            for _ in range(stops):
                page.keyboard.press(key)
                state = page.evaluate(FOCUS_JS)
                if state is None or state["what"] == first:
                    break  # focus left the page, or came round again
                first = first or state["what"]
                state["key"] = key
                visit.focus.append(state)
    finally:
        context.close()
    return visit


@pytest.fixture(scope="session")
def tours(request, site, served_site, page_kinds, screenshots, tmp_path_factory):
    """tours(kind, width, round) → the Visit of that page kind at that width.

    Each page is visited once per round, whichever xdist worker asks first: the record is
    shared through a file (the others wait for it), so the tests of one visit may run on
    any worker.
    """
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    folder = shared / "browser-tour"
    folder.mkdir(exist_ok=True)

    def visit(kind: str, width: int, round_: int) -> Visit:
        path = page_kinds.get(kind)
        if not path:
            pytest.fail(f"the built sample site has no {kind} page (see test_links)")
        name = f"{kind}-{width}-{round_}"
        record = folder / f"{name}.json"
        with open(folder / f"{name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not record.exists():
                browser = request.getfixturevalue("browser")
                try:
                    done = _tour_visit(browser, site, served_site, path, kind, width, screenshots)
                    data = {"visit": dataclasses.asdict(done)}
                    data["visit"]["rules"] = sorted(done.rules)
                except Exception as error:  # reported by each test, not retried each time
                    data = {"error": repr(error)}
                record.write_text(json.dumps(data, default=str), encoding="utf-8")
        data = json.loads(record.read_text(encoding="utf-8"))
        if "error" in data:
            pytest.fail(f"visiting {path} at {width}px failed: {data['error']}")
        done = Visit(**data["visit"])
        done.screenshot = Path(done.screenshot)
        done.rules = set(done.rules)
        return done

    return visit


@pytest.fixture
def tour(request, tours):
    """tour(kind, width) → the Visit of this round: one round per run, or with pytest-repeat
    (`pytest --count 20`) one per repetition, so that each repetition visits the pages again."""
    callspec = getattr(request.node, "callspec", None)
    round_ = callspec.params.get("__pytest_repeat_step_number", 0) if callspec else 0
    return lambda kind, width: tours(kind, width, round_)


@pytest.mark.parametrize(("kind", "width"), CASES, ids=IDS)
def test_page_renders_with_a_heading_and_a_screenshot(tour, kind, width):
    visit = tour(kind, width)
    assert visit.status == (404 if kind == "404" else 200), visit.url
    assert len(visit.h1) == 1 and visit.h1[0].strip(), f"{visit.url}: <h1> {visit.h1}"
    assert visit.screenshot.is_file() and visit.screenshot.stat().st_size > 1000


@pytest.mark.parametrize(("kind", "width"), CASES, ids=IDS)
def test_no_console_errors(tour, kind, width):
    visit = tour(kind, width)
    assert not visit.console, f"{visit.url}:\n{summary(visit.console)}"


@pytest.mark.parametrize(("kind", "width"), CASES, ids=IDS)
def test_every_request_goes_to_the_site_itself(tour, kind, width):
    visit = tour(kind, width)
    own = urlsplit(visit.url).netloc
    foreign = [
        url
        for url in visit.requests
        if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != own
    ]
    assert visit.requests
    assert not foreign, f"{visit.url} asked other hosts for:\n{summary(foreign)}"


@pytest.mark.parametrize(("kind", "width"), CASES, ids=IDS)
def test_every_resource_loads(tour, kind, width):
    visit = tour(kind, width)
    assert not visit.failed, f"{visit.url}:\n{summary(visit.failed)}"


@pytest.mark.parametrize(("kind", "width"), CASES, ids=IDS)
def test_no_sideways_scrolling(tour, kind, width):
    visit = tour(kind, width)
    layout = visit.layout
    assert layout["clientWidth"] == width, layout
    assert layout["scrollWidth"] <= layout["clientWidth"], (
        f"{visit.url} at {width}px is {layout['scrollWidth']}px wide; too wide:\n"
        + "\n".join(layout["offenders"])
    )


def _describe(violation: dict) -> str:
    nodes = violation["nodes"]
    where = "; ".join(
        " ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
        for node in nodes[:4]
    )
    return (
        f"[{violation['impact']}] {violation['id']}: {violation['help']} "
        f"({len(nodes)} elements: {where})"
    )


@pytest.mark.parametrize(("kind", "width"), CASES, ids=IDS)
def test_no_serious_accessibility_violations(tour, kind, width):
    visit = tour(kind, width)
    assert {"color-contrast", "image-alt", "label", "link-name"} <= visit.rules, "axe did not run"
    blocking = [v for v in visit.violations if v.get("impact") in BLOCKING_IMPACTS]
    assert not blocking, f"axe-core on {visit.url} at {width}px:\n" + "\n".join(
        _describe(v) for v in blocking
    )


@pytest.mark.parametrize(("kind", "width"), CASES, ids=IDS)
def test_keyboard_focus_is_always_visible(tour, kind, width):
    visit = tour(kind, width)
    assert visit.focus, f"{visit.url}: the Tab key focuses nothing"
    assert visit.focus[0]["href"] == "#noi-dung", (
        f"the first Tab stop is {visit.focus[0]['what']}, not the skip link"
    )
    hidden = [
        f"{stop['what']}: "
        + ("off screen or zero-sized" if not stop["onScreen"] else "")
        + ("" if stop["indicator"] else f"no visible focus indicator (contrast {stop['contrast']})")
        for stop in visit.focus
        if not (stop["onScreen"] and stop["indicator"])
    ]
    assert not hidden, f"{visit.url} at {width}px:\n{summary(hidden)}"


@pytest.mark.parametrize("width", WIDTHS)
def test_skip_link_moves_focus_to_the_content(browser, served_site, page_kinds, width):
    context = new_context(browser, width)
    page = context.new_page()
    try:
        page.goto(served_site + page_kinds["article"])
        page.keyboard.press("Tab")
        skip = page.evaluate(
            """() => { const el = document.activeElement, r = el.getBoundingClientRect();
                return {cls: el.className, href: el.getAttribute('href'),
                        top: r.top, bottom: r.bottom, left: r.left, right: r.right}; }"""
        )
        assert skip["href"] == "#noi-dung", skip
        assert skip["top"] >= 0 and skip["bottom"] <= 800 and skip["left"] >= 0, (
            f"the focused skip link is not on screen: {skip}"
        )
        assert skip["right"] <= width
        page.keyboard.press("Enter")
        page.wait_for_function("() => location.hash === '#noi-dung'")
        assert page.evaluate("document.activeElement.id") == "noi-dung"
        page.keyboard.press("Tab")
        assert page.evaluate("document.getElementById('noi-dung').contains(document.activeElement)")
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_menu_works_with_the_keyboard_only(browser, served_site, site, width):
    menu = [
        a["href"]
        for a in site.soup("index.html").select("nav.main-nav a[href]")
        if a.find_parent("nav") is not None
    ]
    assert len(menu) >= 3, "no main menu (nav.main-nav)"
    context = new_context(browser, width)
    page = context.new_page()
    try:
        page.goto(served_site + "/")
        reached = []
        for _ in range(MAX_TAB_STOPS):
            page.keyboard.press("Tab")
            state = page.evaluate(
                """() => { const el = document.activeElement;
                  return {nav: !!el.closest('nav.main-nav'), href: el.getAttribute('href'),
                          expanded: el.getAttribute('aria-expanded'), tag: el.tagName}; }"""
            )
            if state["expanded"] == "false":  # a menu button (phones): open it
                page.keyboard.press("Enter")
                continue
            if state["nav"] and state["href"]:
                reached.append(state["href"])
                if len(reached) == len(menu):
                    break
        assert reached == menu, f"Tab reaches {reached}, the menu is {menu}"
        with page.expect_navigation():
            page.keyboard.press("Enter")  # on the last menu item
        last = page.evaluate("location.pathname")
        expected = urlsplit(site.absolute("index.html", menu[-1])).path
        assert last == expected
    finally:
        context.close()
