"""`make serve` in a real browser (tools/serve.py `preview`): the site's own 404 page, the
problem banner on every page while a rebuild failed, pages that reload by themselves after
each rebuild, "Bản nháp" on drafts wherever they are listed, canonical and og:url addresses
of the host and port served; and the reload script only in preview builds.

One preview server for the module (each build takes a while on a shared machine); the
tests run in order and leave the content as they found it.
"""

from __future__ import annotations

import re
import threading
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from tests.support import article, jpeg
from tests.workflow.site import DRAFT_TITLE, small_site
from tools import serve

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

WIDTHS = [1280, 360]
LEAD_DRAFT = "Bản nháp có ảnh đứng đầu trang chủ"
LEAD_DRAFT_URL = "/2024/05/ban-nhap-co-anh-dung-dau-trang-chu/"
ARTICLE = Path("articles/2024/03/a.md")
ARTICLE_URL = "/2024/03/bac-ha-nhan-co-thi-dua/"
BUILD_SECONDS = 240_000  # ms: a whole build on a busy 2-core machine


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """(base URL, content folder) of a running `make serve` on a small site with drafts."""
    root = tmp_path_factory.mktemp("preview")
    content = small_site(root / "content")
    (content / "images/2024/05").mkdir(parents=True, exist_ok=True)
    (content / "images/2024/05/anh.jpg").write_bytes(jpeg(size=(640, 400), color=(200, 80, 40)))
    (content / "articles/2024/05").mkdir(parents=True, exist_ok=True)
    (content / "articles/2024/05/nhap-co-anh.md").write_text(
        article(
            title=LEAD_DRAFT,
            date="2024-05-02 08:00",
            extra="Status: draft\nImage: {static}/images/2024/05/anh.jpg",
            body="![Ảnh minh họa]({static}/images/2024/05/anh.jpg)\n\nNội dung nháp.",
        ),
        encoding="utf-8",
    )
    output = root / "output"
    output.mkdir()
    ready = threading.Event()
    found: dict[str, str] = {}
    stop = threading.Event()
    said: list[str] = []

    def started(url: str) -> None:
        found["url"] = url
        ready.set()

    worker = threading.Thread(
        target=serve.preview,
        kwargs={
            "content": content,
            "output": output,
            "port": 0,
            "stop": stop,
            "say": said.append,
            "poll": 0.2,
            "started": started,
        },
        daemon=True,
    )
    worker.start()
    assert ready.wait(300), said
    try:
        yield found["url"], content
    finally:
        stop.set()
        worker.join(timeout=120)


def served(url: str, host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def no_console_errors(page) -> None:
    assert page.console_errors == [], page.console_errors


@pytest.mark.parametrize("width", WIDTHS)
def test_a_missing_address_gets_the_sites_own_404_page(page, preview, width):
    url, _ = preview
    page.set_viewport_size({"width": width, "height": 800})
    response = page.goto(f"{url}/khong-co-trang-nay/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Không tìm thấy trang")
    expect(page.locator("#tim-404")).to_be_visible()
    assert page.locator("link[rel=stylesheet]").count() >= 1  # the site's own look
    # Chromium logs the page's own 404 status; nothing else may fail (CSS, scripts, CSP).
    assert [e for e in page.console_errors if "status of 404" not in e] == []
    expect(page.locator(".site-header")).to_be_visible()


def test_canonical_and_og_urls_follow_the_host_and_port_served(preview):
    url, _ = preview
    port = url.rsplit(":", 1)[1]
    for host in (None, f"localhost:{port}"):
        status, text = served(f"{url}{ARTICLE_URL}", host)
        assert status == 200
        soup = BeautifulSoup(text, "html.parser")
        base = f"http://{host}" if host else url
        assert soup.find("link", rel="canonical")["href"] == f"{base}{ARTICLE_URL}"
        assert soup.find("meta", property="og:url")["content"] == f"{base}{ARTICLE_URL}"
        assert "8000" not in soup.find("link", rel="canonical")["href"]
    # A Host header that is not a host name and port is not written into the page.
    _, text = served(f"{url}{ARTICLE_URL}", 'x"><script>alert(1)</script>')
    assert "<script>alert" not in text
    assert f'href="{url}{ARTICLE_URL}"' in text


@pytest.mark.parametrize("width", WIDTHS)
def test_drafts_carry_ban_nhap_wherever_they_appear(page, preview, width):
    url, _ = preview
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{url}/")
    lead = page.locator(".lead-card")
    expect(lead.locator(".lead-title")).to_contain_text(LEAD_DRAFT)  # the home's top story
    expect(lead.locator(".draft-mark")).to_have_text("Bản nháp")
    expect(lead.locator(".draft-mark")).to_be_visible()
    # In the lists: the cards of the latest news, and the compact category lists.
    draft_card = page.locator(".card", has_text=DRAFT_TITLE)
    expect(draft_card.locator(".draft-banner")).to_have_text("Bản nháp")
    page.goto(f"{url}/luu-tru/")
    for title in (LEAD_DRAFT, DRAFT_TITLE):
        item = page.locator("li", has_text=title)
        expect(item.locator(".draft-mark")).to_have_text("Bản nháp")
    page.goto(f"{url}{LEAD_DRAFT_URL}")
    expect(page.locator(".draft-banner").first).to_contain_text("Bản nháp")
    no_console_errors(page)


def test_only_the_preview_build_links_the_reload_script(preview, built_site):
    url, _ = preview
    _, text = served(f"{url}/")
    assert '<script src="/_xem-truoc/xem-truoc.js" defer></script>' in text
    status, script = served(f"{url}/_xem-truoc/xem-truoc.js")
    assert status == 200 and "location.reload" in script
    # `make html` (and so `make publish`): no reload script, no such file in the site.
    for page in built_site.rglob("*.html"):
        assert "_xem-truoc" not in page.read_text(encoding="utf-8"), page
    assert not list(built_site.rglob("xem-truoc*"))


def test_a_failed_rebuild_shows_the_problems_on_every_page_and_pages_reload(page, preview):
    url, content = preview
    source = content / ARTICLE
    good = source.read_text(encoding="utf-8")
    page.goto(f"{url}{ARTICLE_URL}")
    expect(page.locator("h1")).to_have_text("Bắc Hà nhận Cờ thi đua")
    other = page.context.new_page()
    other.console_errors = []
    other.on("console", lambda m: other.console_errors.append(m.text) if m.type == "error" else 0)
    other.goto(f"{url}/khong-co-trang-nay/")
    try:
        # A good change: the open page shows it by itself (no navigation by the test).
        changed = good.replace("Nội dung bài viết.", "Nội dung đã sửa lúc xem thử.")
        assert changed != good
        source.write_text(changed, encoding="utf-8")
        expect(page.locator("main")).to_contain_text("đã sửa lúc xem thử", timeout=BUILD_SECONDS)
        # A mistake: both open pages reload and show the Vietnamese problem list.
        bad = changed.replace("Category: Thi đua - Khen thưởng", "Category: Thi dua")
        assert bad != changed
        source.write_text(bad, encoding="utf-8")
        for shown in (page, other):
            box = shown.locator(".xem-truoc-loi")
            expect(box).to_be_visible(timeout=BUILD_SECONDS)
            expect(box).to_contain_text("Bản dựng mới bị lỗi")
            expect(box).to_contain_text(f"content/{ARTICLE.as_posix()}:")
            expect(box).to_contain_text("Thi dua")
            expect(box).to_contain_text("Cách sửa:")
        # The last good site stays, under the banner; a page opened now has it too.
        expect(page.locator("main")).to_contain_text("đã sửa lúc xem thử")
        third = page.context.new_page()
        third.goto(f"{url}/luu-tru/")
        expect(third.locator(".xem-truoc-loi")).to_contain_text(re.compile(r"\.md:\d+"))
        third.close()
        # Fixed: the banner goes away by itself.
        source.write_text(good, encoding="utf-8")
        expect(page.locator(".xem-truoc-loi")).to_have_count(0, timeout=BUILD_SECONDS)
        expect(page.locator("main")).not_to_contain_text("đã sửa lúc xem thử")
        expect(other.locator(".xem-truoc-loi")).to_have_count(0, timeout=BUILD_SECONDS)
    finally:
        source.write_text(good, encoding="utf-8")
    no_console_errors(page)
    assert [e for e in other.console_errors if "status of 404" not in e] == []


def test_the_banner_is_escaped_and_names_file_line_and_fix():
    problems = [serve.Problem("content/a.md:4", "Sai <b>chuyên mục</b>", "Viết đúng tên")]
    html = serve.banner(problems, "Nội dung còn lỗi")
    assert "content/a.md:4" in html and "&lt;b&gt;" in html and "Cách sửa:</strong>" in html
    assert "<b>" not in html
