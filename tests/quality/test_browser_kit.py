"""The resource verdict of browser_kit.py: a broken page still fails, a request the browser
cancelled because it chose another candidate does not (small pages served from tmp_path)."""

from __future__ import annotations

import socket
import time

import pytest
from PIL import Image as PilImage

from tests.quality.browser_kit import ABORTED, Exchange, Image, NetworkLog, judge, load_images
from tests.support import serving

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PHOTOS = 4
WAIT_SECONDS = 15.0


def _picture(i: int) -> str:
    return (
        f'<picture><source type="image/webp" srcset="img/a{i}-480.webp 480w, '
        f'img/a{i}-960.webp 960w" sizes="100vw"><img src="img/a{i}-960.png" alt="ảnh {i}" '
        f'width="960" height="480" loading="lazy"></picture>'
    )


def _page(body: str) -> str:
    head = '<meta charset="utf-8"><title>Thử</title>'
    body = f"<body><h1>Trang</h1>{body}</body>"
    return f'<!doctype html><html lang="vi"><head>{head}</head>{body}</html>'


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser-kit")
    (root / "img").mkdir()
    for i in range(PHOTOS):
        for width in (480, 960):
            photo = PilImage.new("RGB", (width, width // 2), (40 * i, 120, 200))
            photo.save(root / f"img/a{i}-{width}.webp")
            photo.save(root / f"img/a{i}-{width}.png")
    (root / "img/hong.png").write_text("<p>không phải ảnh</p>", encoding="utf-8")
    pictures = "".join(_picture(i) for i in range(PHOTOS))
    files = {
        "lazy.html": pictures,
        "missing.html": _picture(0) + '<img src="img/khong-co.webp" alt="mất" width="9">',
        "html-as-image.html": '<img src="lazy.html" alt="trang" width="9" height="9">',
        "not-an-image.html": '<img src="img/hong.png" alt="hỏng" width="9" height="9">',
        "refused.html": f'<img src="http://127.0.0.1:{_closed_port()}/a.png" alt="x" width="9">',
        "style-missing.html": '<link rel="stylesheet" href="khong-co.css"><p>chữ</p>',
    }
    for name, body in files.items():
        (root / name).write_text(_page(body), encoding="utf-8")
    with serving(root) as url:
        yield url


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1)
    try:
        yield context.new_page()
    finally:
        context.close()


def _visit(page, url: str) -> list[str]:
    log = NetworkLog(page)
    page.goto(url)
    load_images(page)
    return log.verdict(page)


def _wait_until(page, condition) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert time.monotonic() < deadline, "the browser did not ask in time"
        page.wait_for_timeout(25)


def test_lazy_images_aborted_by_a_resize_are_not_broken(phone, pages):
    # At 360 px the small variants are chosen; they are held back until the page has grown
    # to 1280 px, so the browser switches to the large variants and cancels the small ones.
    held = []
    phone.route("**/*-480.webp", lambda route: held.append(route))
    log = NetworkLog(phone)
    phone.goto(f"{pages}/lazy.html", wait_until="domcontentloaded")
    _wait_until(phone, lambda: len(held) == PHOTOS)
    phone.set_viewport_size({"width": 1280, "height": 800})
    load_images(phone)
    for route in held:
        route.continue_()
    assert log.verdict(phone) == []
    small = {url for url in log.urls if url.endswith("-480.webp")}
    assert set(log.aborted()) == small and len(small) == PHOTOS  # the excuse was needed


def test_a_missing_image_is_broken(phone, pages):
    broken = _visit(phone, f"{pages}/missing.html")
    assert f"{pages}/img/khong-co.webp → HTTP 404" in broken
    assert f"<img> {pages}/img/khong-co.webp (no picture)" in broken
    assert len(broken) == 2, broken  # the good picture beside it is not reported


def test_a_page_served_as_an_image_is_broken(phone, pages):
    broken = _visit(phone, f"{pages}/html-as-image.html")
    assert f"{pages}/lazy.html (a image served as 'text/html')" in broken, broken


def test_a_file_that_is_not_a_picture_is_broken(phone, pages):
    broken = _visit(phone, f"{pages}/not-an-image.html")
    assert broken == [f"<img> {pages}/img/hong.png (no picture)"]


def test_a_refused_connection_is_broken(phone, pages):
    broken = _visit(phone, f"{pages}/refused.html")
    assert any("ERR_CONNECTION_REFUSED" in line for line in broken), broken


def test_a_missing_stylesheet_is_broken(phone, pages):
    broken = _visit(phone, f"{pages}/style-missing.html")
    assert broken == [f"{pages}/khong-co.css → HTTP 404"]


# ------------------------------------------------------------------ judge() on its own


def test_an_abort_nothing_made_up_for_is_broken():
    lone = Exchange("http://h/a-480.webp", "image", failure=ABORTED, done=True)
    other = Image("http://h/b.webp", complete=True, loaded=True, candidates=["http://h/b.webp"])
    assert judge([lone], [other]) == ["http://h/a-480.webp (net::ERR_ABORTED)"]
    # The same URL asked again and loaded, or another candidate of its image shown: fine.
    again = Exchange("http://h/a-480.webp", "image", status=200, content_type="image/webp")
    again.done = True
    assert judge([lone, again], []) == []
    mine = Image("http://h/a-960.webp", True, True, ["http://h/a-480.webp", "http://h/a-960.webp"])
    assert judge([lone], [mine]) == []
    # Cancelled, then asked again and missing: both are reported.
    missing = Exchange("http://h/a-480.webp", "image", status=404, content_type="text/html")
    missing.done = True
    assert judge([lone, missing], []) == [
        "http://h/a-480.webp (net::ERR_ABORTED)",
        "http://h/a-480.webp → HTTP 404",
    ]


def test_judge_reports_unfinished_requests_and_expected_errors_pass():
    pending = Exchange("http://h/x.js", "script")
    page = Exchange("http://h/khong-co/", "document", status=404, content_type="text/html")
    page.done = True
    assert judge([pending, page], [], expected_errors={"http://h/khong-co/"}) == [
        "http://h/x.js (never finished)"
    ]
