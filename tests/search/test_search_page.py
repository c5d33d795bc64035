"""The search page in a real browser (Debian's chromium through Playwright), on the labelled
site of conftest.py and on the built sample site.

Every test also checks that the page logged no console error (the site's CSP allows only
'self' and 'wasm-unsafe-eval': Pagefind's worker and WebAssembly must work under it).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import expect

from tests.search.conftest import ARTICLES, OTHER_PAGE_URL, PAIRS, topic_of

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

STATUS = "#tim-kiem-trang-thai"
LINKS = ".search-result-title a"


def search_url(base: str, query: str | None = None, **params) -> str:
    values = {"q": query, **params} if query is not None else params
    return f"{base}/tim-kiem/" + (f"?{urlencode(values)}" if values else "")


def wait_for_results(page, query: str | None = None) -> str:
    """Wait until the status line speaks (of `query`, when given); return its text."""
    status = page.locator(STATUS)
    pattern = re.compile(re.escape(f"“{query}”")) if query else re.compile(r"\S")
    expect(status).to_have_text(pattern, timeout=15_000)
    expect(page.locator("#ket-qua")).not_to_have_attribute("aria-busy", "true")
    return status.inner_text()


def shown_links(page) -> list[str]:
    return [urlsplit(link.get_attribute("href")).path for link in page.locator(LINKS).all()]


def open_search(page, base: str, query: str | None = None, **params) -> list[str]:
    page.goto(search_url(base, query, **params))
    wait_for_results(page, query)
    return shown_links(page)


def no_console_errors(page) -> None:
    assert page.console_errors == [], page.console_errors


# ----------------------------------------------------------------- diacritics and "đ"


@pytest.mark.parametrize(("plain", "correct"), PAIRS, ids=[p for p, _ in PAIRS])
def test_plain_query_gives_the_pages_and_order_of_the_correct_one(
    page, search_server, plain, correct
):
    expected = open_search(page, search_server, correct)
    assert expected, f"nothing found for {correct!r}"
    # Typed with diacritics, the query is searched as typed, even its plain words ("thi").
    assert "tìm theo" not in page.locator(STATUS).inner_text()
    got = open_search(page, search_server, plain)
    assert got[: len(expected)] == expected
    no_console_errors(page)


@pytest.mark.parametrize(
    ("query", "topic", "top"),
    [
        ("thi dua", "thi đua", 3),
        ("thi đua", "thi đua", 3),
        ("bac ha", "Bắc Hà", 3),
        ("Bắc Hà", "Bắc Hà", 3),
        ("don bien phong", "biên phòng", 2),
        ("đồn biên phòng", "biên phòng", 2),
        ("khen thuong", "khen thưởng", 2),
        ("dai hoi", "đại hội", 2),
        ("Đại hội", "đại hội", 2),
        ("dại hội", "đại hội", 2),  # tones typed, but "d" for "đ"
        ("dua hau", "dưa hấu", 1),
        ("dưa hấu", "dưa hấu", 1),
        ("bạc hà", "bạc hà", 1),
    ],
)
def test_expected_articles_come_first(page, search_server, query, topic, top):
    links = open_search(page, search_server, query)
    assert [topic_of(url) for url in links[:top]] == [topic] * top, links
    no_console_errors(page)


def test_plain_d_finds_words_written_with_đ(page, search_server):
    links = open_search(page, search_server, "thi dua")
    thi_dua = {slug for slug, article in ARTICLES.items() if article[0] == "thi đua"}
    assert thi_dua <= {url.rstrip("/").rsplit("/", 1)[-1] for url in links}
    assert "tìm theo “thi đua”" in page.locator(STATUS).inner_text()
    no_console_errors(page)


def test_the_other_reading_of_d_is_searched_too(page, search_server):
    # "dua" is read as "đua" (the site's usual word) but "dưa" pages are found as well,
    # after the "đua" pages.
    links = open_search(page, search_server, "dua")
    topics = [topic_of(url) for url in links]
    assert topics[0] == "thi đua"
    assert "dưa hấu" in topics
    assert topics.index("dưa hấu") > topics.index("thi đua")
    no_console_errors(page)


def test_articles_rank_before_other_pages(page, search_server):
    # The page says "dưa hấu" five times, the article three: raw scores put the page first.
    links = open_search(page, search_server, "dua hau")
    assert links[:2] == ["/2024/05/dua-hau-muong-khuong/", OTHER_PAGE_URL]
    # Chosen with the "Loại trang" filter, articles only.
    assert OTHER_PAGE_URL not in open_search(page, search_server, "dua hau", loai="Tin bài")
    no_console_errors(page)


def test_typed_diacritics_are_preferred(page, search_server):
    # Typed exactly, "bạc hà" (mint) comes before the district Bắc Hà; typed plainly, the
    # site's usual reading (Bắc Hà) comes first.
    assert topic_of(open_search(page, search_server, "bạc hà")[0]) == "bạc hà"
    assert topic_of(open_search(page, search_server, "bac ha")[0]) == "Bắc Hà"
    no_console_errors(page)


# ---------------------------------------------------------------------- what is shown


def test_result_has_title_link_date_category_and_highlighted_excerpt(page, search_server):
    open_search(page, search_server, "dưa hấu")
    first = page.locator(".search-result").first
    link = first.locator(LINKS)
    expect(link).to_have_text("Dưa hấu Mường Khương được mùa")
    assert urlsplit(link.get_attribute("href")).path == "/2024/05/dua-hau-muong-khuong/"
    expect(first.locator(".meta")).to_have_text("18/05/2024 · Kinh tế")
    marks = [m.lower() for m in first.locator(".search-excerpt mark").all_inner_texts()]
    assert any(m.startswith("dưa") for m in marks) and any(m.startswith("hấu") for m in marks)
    no_console_errors(page)


def test_results_announced_in_a_live_region(page, search_server):
    open_search(page, search_server, "bac ha")
    status = page.locator(STATUS)
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    count = page.locator(".search-result").count()
    expect(status).to_have_text(re.compile(rf"^Tìm thấy {count} kết quả cho “bac ha”"))
    no_console_errors(page)


def test_no_results_message(page, search_server):
    links = open_search(page, search_server, "zzqxw")
    assert links == []
    expect(page.locator(STATUS)).to_have_text("Không tìm thấy kết quả nào cho “zzqxw”.")
    expect(page.locator("#tim-kiem-goi-y")).to_be_visible()
    no_console_errors(page)


def test_message_when_javascript_is_off(browser, search_server):
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(search_url(search_server, "bac ha"))
        notice = page.locator(".search-nojs")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("cần bật JavaScript")
        expect(notice.locator("a").first).to_have_attribute("href", re.compile("luu-tru"))
        expect(page.locator(".search-help")).to_be_hidden()  # it speaks of typing
    finally:
        context.close()


# --------------------------------------------------------------------- filters, sort


def test_filters_narrow_the_results(page, search_server):
    everything = open_search(page, search_server, "thi dua")
    expect(page.locator(".search-filters")).to_be_visible()  # open on a wide screen
    page.select_option("#loc-nam", "2023")
    wait_for_results(page, "thi dua")
    expect(page).to_have_url(re.compile(r"[?&]nam=2023"))
    narrowed = shown_links(page)
    assert narrowed and len(narrowed) < len(everything)
    assert all(url.startswith("/2023/") for url in narrowed)
    assert set(narrowed) <= set(everything)

    page.select_option("#loc-nam", "")
    page.select_option("#loc-chuyen-muc", "Khối thi đua")
    wait_for_results(page, "thi dua")
    expect(page).to_have_url(re.compile(r"\?q=thi\+dua&chuyen-muc=Kh"))
    by_category = shown_links(page)
    assert by_category == ["/2023/12/khoi-thi-dua-tong-ket-2023/"]
    expect(page.locator(".search-result .meta")).to_have_text(["19/12/2023 · Khối thi đua"])
    expect(page.locator(STATUS)).to_contain_text("trong bộ lọc đã chọn")
    no_console_errors(page)


def test_filters_come_from_the_url_and_sort_by_date(page, search_server):
    links = open_search(page, search_server, "bac ha", **{"chuyen-muc": "Xã hội"})
    expect(page.locator("#loc-chuyen-muc")).to_have_value("Xã hội")
    assert {topic_of(url) for url in links} == {"Bắc Hà"}
    assert len(links) == 2

    newest = open_search(page, search_server, "thi dua", **{"sap-xep": "moi-nhat"})
    expect(page.locator("#sap-xep")).to_have_value("moi-nhat")
    dates = [ARTICLES[url.rstrip("/").rsplit("/", 1)[-1]][2] for url in newest]
    assert dates == sorted(dates, reverse=True)
    no_console_errors(page)


# ------------------------------------------------------------------- URL and history


def test_query_round_trips_through_the_url_and_back_button(page, search_server):
    first = open_search(page, search_server, "bac ha")
    expect(page.locator("#tim-kiem-q")).to_have_value("bac ha")

    box = page.locator("#tim-kiem-q")
    box.fill("đồn biên phòng")
    box.press("Enter")
    wait_for_results(page, "đồn biên phòng")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["đồn biên phòng"]}
    second = shown_links(page)
    assert second != first

    page.go_back()
    wait_for_results(page, "bac ha")
    assert urlsplit(page.url).query == "q=bac+ha"
    expect(box).to_have_value("bac ha")
    assert shown_links(page) == first

    page.go_forward()
    wait_for_results(page, "đồn biên phòng")
    expect(box).to_have_value("đồn biên phòng")
    assert shown_links(page) == second
    no_console_errors(page)


def test_results_appear_while_typing(page, search_server):
    page.goto(search_url(search_server))
    box = page.locator("#tim-kiem-q")
    box.press_sequentially("khen thuong", delay=30)
    status = wait_for_results(page, "khen thuong")
    assert status.startswith("Tìm thấy")
    assert topic_of(shown_links(page)[0]) == "khen thưởng"
    # One history entry for the whole run of typing: Back returns to the empty page.
    expect(page).to_have_url(re.compile(r"\?q=khen\+thuong$"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"/tim-kiem/$"))
    expect(box).to_have_value("")
    expect(page.locator(".search-result")).to_have_count(0)
    no_console_errors(page)


def test_header_search_box_leads_to_results(page, search_server):
    page.goto(f"{search_server}/2024/05/dua-hau-muong-khuong/")
    page.fill("#o-tim-kiem", "thi dua")
    page.press("#o-tim-kiem", "Enter")
    wait_for_results(page, "thi dua")
    assert urlsplit(page.url).path == "/tim-kiem/"
    assert topic_of(shown_links(page)[0]) == "thi đua"
    no_console_errors(page)


# ----------------------------------------------------------------------------- keyboard


def test_keyboard_moves_between_box_and_results(page, search_server):
    links = open_search(page, search_server, "bac ha")
    assert len(links) >= 3
    box = page.locator("#tim-kiem-q")
    box.focus()
    page.keyboard.press("ArrowDown")
    expect(page.locator(LINKS).nth(0)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator(LINKS).nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(box).to_be_focused()
    # Tab also reaches the results, and Enter follows the link.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(links[0]) + "$"))
    no_console_errors(page)


def test_filter_without_words_lists_pages_newest_first_ten_at_a_time(page, search_server):
    links = open_search(page, search_server, None, loai="Tin bài")
    expect(page.locator("#loc-loai")).to_have_value("Tin bài")
    expect(page.locator(STATUS)).to_have_text(
        f"Tìm thấy {len(ARTICLES)} kết quả, trong bộ lọc đã chọn."
    )
    newest = sorted(ARTICLES, key=lambda slug: ARTICLES[slug][2], reverse=True)
    assert [url.rstrip("/").rsplit("/", 1)[-1] for url in links] == newest[:10]
    more = page.locator("#xem-them")
    more.click()
    expect(page.locator(".search-result")).to_have_count(len(ARTICLES))
    expect(page.locator(LINKS).nth(10)).to_be_focused()
    expect(more).to_be_hidden()
    no_console_errors(page)


def test_filters_fold_away_on_a_phone(page, search_server):
    page.set_viewport_size({"width": 360, "height": 740})
    open_search(page, search_server, "bac ha")
    options = page.locator(".search-options")
    expect(options).to_be_visible()
    expect(page.locator("#loc-nam")).to_be_hidden()
    options.locator("summary").click()
    expect(page.locator("#loc-nam")).to_be_visible()
    # A filter given in the URL opens them.
    open_search(page, search_server, "bac ha", nam="2024")
    expect(page.locator("#loc-nam")).to_be_visible()
    no_console_errors(page)


def test_site_served_under_a_sub_path(page, search_site):
    # Relative URLs (make html): the site may sit under /output/ of whatever is served.
    from tools.serve import serving

    with serving(search_site.parent) as url:
        base = f"{url}/{search_site.name}"
        links = open_search(page, base, "dua hau")
        assert links[0] == f"/{search_site.name}/2024/05/dua-hau-muong-khuong/"
        page.locator(LINKS).first.click()
        expect(page.locator("h1")).to_have_text("Dưa hấu Mường Khương được mùa")
    no_console_errors(page)


# ----------------------------------------------------------------- the sample site


@pytest.mark.parametrize(("plain", "correct"), PAIRS, ids=[p for p, _ in PAIRS])
def test_sample_site_plain_query_equals_correct_query(page, served_site, plain, correct):
    expected = open_search(page, served_site, correct)
    got = open_search(page, served_site, plain)
    assert got[: len(expected)] == expected
    no_console_errors(page)


def test_a_bundle_merged_from_parts_answers_like_one_run(
    page, search_server, search_site, tmp_path, monkeypatch
):
    """A site above ONE_RUN_PAGES is indexed in parts (tools/search/parts.py): in the
    browser, its bundle gives the same results in the same order as one Pagefind run."""
    import shutil

    from tools.search import index, scan
    from tools.serve import serving

    monkeypatch.setattr(scan, "SHARD_PAGES", 5)
    monkeypatch.setattr(scan, "ONE_RUN_PAGES", 5)
    site = tmp_path / "site"
    shutil.copytree(search_site, site, ignore=shutil.ignore_patterns("pagefind"))
    assert len(scan.scan_site(site).parts) > 1
    index(site)
    queries = [query for pair in PAIRS for query in pair]
    with serving(site) as url:
        for query in queries:
            merged = open_search(page, url, query)
            assert merged, query
            assert merged == open_search(page, search_server, query), query
    no_console_errors(page)
