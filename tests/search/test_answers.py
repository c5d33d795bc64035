"""Direct answers on the search page ("Tra cứu nhanh") and title-first ranking, in a real
browser at 1280 and 360 px, on the sample site built as `make html` builds it; the lexicon
they come from (plugins/search_answers), its size, and when it is fetched; the page opened
from a folder (file://).
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import expect

from plugins.honours.loader import load_honours
from plugins.honours.settings import HonoursSettings
from plugins.search_answers.lexicon import MAIN_FILE, build_lexicon, files_for, key, part_of
from plugins.vietnamese.text import fold
from tests.support import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

WIDTHS = [1280, 360]
STATUS = "#tim-kiem-trang-thai"
LINKS = ".search-result-title a"
ANSWER = "#tra-loi"


def ask(page, base: str, query: str, width: int) -> list[str]:
    """Open the search page for `query` at `width`; the result paths, best first."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{base}/tim-kiem/?{urlencode({'q': query})}")
    expect(page.locator(STATUS)).to_contain_text(f"“{query}”", timeout=20_000)
    expect(page.locator("#ket-qua")).not_to_have_attribute("aria-busy", "true")
    return [urlsplit(a.get_attribute("href")).path for a in page.locator(LINKS).all()]


def answer_links(page) -> list[str]:
    return [
        urlsplit(a.get_attribute("href")).path
        for a in page.locator(f"{ANSWER} .answer-title a").all()
    ]


def fits(page, width: int) -> None:
    """Nothing wider than the window: no sideways scrolling, the answer inside the screen."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator(ANSWER).bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width


def no_console_errors(page) -> None:
    assert page.console_errors == [], page.console_errors


# ------------------------------------------------------------------------ answers


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("query", ["bac ha", "Bắc Hà", "BAC HA", "huyen bac ha"])
def test_a_unit_typed_with_or_without_diacritics_is_answered(page, served_site, query, width):
    links = ask(page, served_site, query, width)
    answer = page.locator(ANSWER)
    expect(answer).to_be_visible()
    assert answer_links(page)[0] == "/don-vi/bac-ha/"
    unit = answer.locator(".answer").first
    expect(unit).to_contain_text("UBND huyện Bắc Hà")
    expect(unit).to_contain_text(re.compile(r"\d+ tập thể, \d+ cá nhân, trong \d+ quyết định"))
    expect(unit.locator("a", has_text="UBND xã Bắc Hà")).to_have_attribute(
        "href", "/don-vi/xa-bac-ha/"
    )  # dissolved: its successor
    assert links[0] == "/don-vi/bac-ha/"
    assert "Tra cứu nhanh" in page.locator(STATUS).inner_text()
    fits(page, width)
    no_console_errors(page)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("query", ["khen thuong 2023", "Khen thưởng năm 2023", "2023"])
def test_a_year_is_answered_and_its_page_comes_first(page, served_site, query, width):
    links = ask(page, served_site, query, width)
    assert answer_links(page)[0] == "/khen-thuong/2023/"
    expect(page.locator(ANSWER)).to_contain_text(re.compile(r"\d+ quyết định; được khen thưởng"))
    assert links[0] == "/khen-thuong/2023/"
    fits(page, width)
    no_console_errors(page)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("query", ["2891/QĐ-UBND", "2891/qd-ubnd", "2891", "quyet dinh 2891"])
def test_a_decision_number_is_answered(page, served_site, query, width):
    links = ask(page, served_site, query, width)
    assert answer_links(page) == ["/quyet-dinh/2891-qd-ubnd-2023/"]
    answer = page.locator(ANSWER)
    expect(answer).to_contain_text("Quyết định số 2891/QĐ-UBND")
    expect(answer).to_contain_text("15/12/2023")
    expect(answer).to_contain_text(re.compile(r"\d+ tập thể, \d+ cá nhân"))
    assert links[0] == "/quyet-dinh/2891-qd-ubnd-2023/"
    fits(page, width)
    no_console_errors(page)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("query", ["pham van luc", "Phạm Văn Lực", "ông phạm văn lực", "Luc"])
def test_a_persons_name_gives_their_rows(page, served_site, query, width):
    ask(page, served_site, query, width)
    rows = page.locator(f"{ANSWER} .answer-rows .answer-row", has_text="Ông Phạm Văn Lực")
    expect(rows).to_have_count(2)
    first, second = rows.nth(0), rows.nth(1)
    expect(first).to_contain_text("Bằng khen của Chủ tịch UBND tỉnh, năm 2022")
    expect(first.locator("a", has_text="3125/QĐ-UBND")).to_have_attribute(
        "href", "/quyet-dinh/3125-qd-ubnd-2022/"
    )
    expect(second).to_contain_text("Huân chương Lao động hạng Ba, năm 2023")
    expect(second.locator("a", has_text="UBND huyện Bảo Thắng")).to_have_attribute(
        "href", "/don-vi/bao-thang/"
    )
    expect(first).to_contain_text("Chủ tịch UBND huyện Bảo Thắng")  # the position held
    fits(page, width)
    no_console_errors(page)


def test_a_collective_is_found_by_its_name(page, served_site):
    ask(page, served_site, "phong noi vu huyen bao thang", 1280)
    expect(page.locator(f"{ANSWER} .answer-row").first).to_contain_text(
        "Phòng Nội vụ huyện Bảo Thắng (Tập thể)"
    )


def test_a_bloc_is_answered(page, served_site):
    links = ask(page, served_site, "khoi thi dua cac so, ban, nganh", 1280)
    assert answer_links(page)[0] == "/khoi-thi-dua/khoi-so-nganh/"
    assert links[0] == "/khoi-thi-dua/khoi-so-nganh/"


def test_no_answer_for_a_query_the_data_does_not_name(page, served_site):
    ask(page, served_site, "mận tam hoa", 1280)
    expect(page.locator(ANSWER)).to_have_count(0)
    expect(page.locator("#tra-loi-cho")).to_be_hidden()


# ------------------------------------------------------------------------ ranking


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Bac Ha", "/don-vi/bac-ha/"),
        ("khen thuong 2023", "/khen-thuong/2023/"),
        ("don vi", "/don-vi/"),
        ("đơn vị", "/don-vi/"),
    ],
)
def test_the_page_named_by_the_query_comes_first(page, served_site, query, first, width):
    assert ask(page, served_site, query, width)[0] == first
    no_console_errors(page)


@pytest.mark.parametrize("query", ["mận", "biên phòng", "chuyển đổi số", "nông thôn mới"])
def test_pages_whose_title_holds_the_query_come_before_those_that_mention_it(
    page, served_site, query
):
    ask(page, served_site, query, 1280)
    titles = [fold(a.inner_text()) for a in page.locator(LINKS).all()]
    words = fold(query).split()
    in_title = [any(w in title.split() for w in words) for title in titles]
    assert True in in_title, titles
    # Every title that holds a word of the query is above every one that does not.
    assert in_title == sorted(in_title, reverse=True), list(zip(titles, in_title, strict=True))


# ----------------------------------------------------------- lexicon: when, how big


def test_the_lexicon_is_fetched_only_when_the_search_page_searches(page, served_site):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    page.goto(f"{served_site}/")
    page.goto(f"{served_site}/don-vi/bac-ha/")
    page.goto(f"{served_site}/tim-kiem/")
    page.wait_for_load_state("networkidle")
    assert not [path for path in fetched if "tra-cuu" in path], fetched
    page.locator("#tim-kiem-q").fill("pham van luc")
    expect(page.locator(ANSWER)).to_be_visible(timeout=20_000)
    lexicon = [path for path in fetched if "tra-cuu" in path]
    assert lexicon[0] == "/tim-kiem/tra-cuu.json"
    assert len([path for path in lexicon if "tra-cuu-ten-" in path]) == 1  # one part of names


def test_lexicon_files_are_small_sorted_and_made_from_the_honours_data(built_site):
    folder = built_site / "tim-kiem"
    main = json.loads((folder / MAIN_FILE).read_text(encoding="utf-8"))
    data = load_honours(ROOT / "content", HonoursSettings())
    assert len(main["don_vi"]) == len(data.units)
    assert len(main["quyet_dinh"]) == len(data.decisions)
    assert main["ten"]["dong"] == len(data.recipients)
    files = sorted(folder.glob("tra-cuu*.json"))
    raw = {f.name: f.read_bytes() for f in files}
    expected = build_lexicon(data).files
    assert {name: text.encode("utf-8") for name, text in expected.items()} == raw
    for name, body in raw.items():  # compact, sorted: the same bytes from the same data
        value = json.loads(body)
        assert body.decode("utf-8") == json.dumps(
            value, ensure_ascii=False, sort_keys=True, separators=(",", ":")
        ), name
    total = sum(len(body) for body in raw.values())
    zipped = sum(len(gzip.compress(body, 9)) for body in raw.values())
    print(f"lexicon: {len(raw)} files, {total} bytes, {zipped} bytes gzip")
    assert len(gzip.compress(raw[MAIN_FILE], 9)) < 8_000  # a phone on a slow network
    assert (folder / f"{MAIN_FILE}.gz").is_file()  # precompressed like the other text files


def test_names_are_cut_into_parts_by_their_last_word():
    data = load_honours(ROOT / "content", HonoursSettings())
    lexicon = build_lexicon(data, rows_per_part=3)
    main = json.loads(lexicon.files[MAIN_FILE])
    names = main["ten"]
    assert names["phan"] == -(-len(data.recipients) // 3)
    assert names["lon"], "common last words get parts of their own"
    where: dict[str, list[str]] = {}
    for name, text in lexicon.files.items():
        if name != MAIN_FILE:
            for row in json.loads(text)["dong"]:
                where.setdefault(row[0], []).append(name)
    assert sum(len(files) for files in where.values()) == len(data.recipients)
    for person, files in where.items():
        words = key(person).split()
        for start in range(len(words)):  # "Lực", "Văn Lực", "Phạm Văn Lực", ...
            needed = files_for(words[start:], names)
            assert set(files) <= set(needed), (person, words[start:], files, needed)
    # No file holds a large share of the names (hash parts are uneven on so few rows).
    sizes = [len(json.loads(t)["dong"]) for n, t in lexicon.files.items() if n != MAIN_FILE]
    assert max(sizes) < len(data.recipients) / 8, sizes


def test_the_page_fetches_the_files_of_names_the_lexicon_names(page, built_site, tmp_path):
    """With small parts (3 rows), the page fetches exactly files_for() and still answers."""
    import shutil

    from tools.serve import serving

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    data = load_honours(ROOT / "content", HonoursSettings())
    for old in (site / "tim-kiem").glob("tra-cuu*"):
        old.unlink()
    lexicon = build_lexicon(data, rows_per_part=3)
    for name, text in lexicon.files.items():
        (site / "tim-kiem" / name).write_text(text, encoding="utf-8")
    names = json.loads(lexicon.files[MAIN_FILE])["ten"]
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    with serving(site) as base:
        for query in ("pham van luc", "Lực", "phong noi vu huyen bao thang"):
            fetched.clear()
            ask(page, base, query, 360)
            expect(page.locator(f"{ANSWER} .answer-row").first).to_be_visible()
            got = sorted(p.rsplit("/", 1)[1] for p in fetched if "tra-cuu-ten-" in p)
            assert got == sorted(files_for(key(query).split(), names)), query
        expect(page.locator(f"{ANSWER} .answer-row").first).to_contain_text(
            "Phòng Nội vụ huyện Bảo Thắng"
        )
        ask(page, base, "ông phạm văn lực", 1280)
        expect(page.locator(f"{ANSWER} .answer-row", has_text="Ông Phạm Văn Lực")).to_have_count(2)
    no_console_errors(page)


def test_folding_and_hash_are_the_same_in_python_and_in_the_page(page, served_site):
    page.goto(f"{served_site}/tim-kiem/")
    samples = ["UBND huyện Bắc Hà", "2891/QĐ-UBND", "Ông Phạm Văn Lực", "Đồn Biên phòng", "ĐĂK"]
    for text in samples:
        folded = page.evaluate("(t) => window.TraCuu.key(t)", text)
        assert folded == key(text)
        for parts in (1, 7, 64):
            word = folded.split()[-1]
            assert page.evaluate("([w, n]) => window.TraCuu.partOf(w, n)", [word, parts]) == (
                part_of(word, parts)
            )


# ------------------------------------------------------------------------ file://


@pytest.mark.parametrize("width", WIDTHS)
def test_opened_from_a_folder_the_page_says_search_needs_a_server(page, built_site, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(Path(built_site, "tim-kiem", "index.html").as_uri() + "?q=bac+ha")
    note = page.locator("#tim-kiem-tep")
    expect(note).to_be_visible()
    expect(note).to_contain_text("make serve")
    expect(note).to_contain_text("máy chủ web")
    expect(page.locator(STATUS)).to_contain_text("mở trực tiếp từ thư mục")
    expect(page.locator(STATUS)).not_to_contain_text("kết nối")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


# ------------------------------------------------------------- accessibility, screenshots


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("query", ["bac ha", "pham van luc", "2891"])
def test_answers_pass_axe_and_are_saved_as_screenshots(page, served_site, query, width):
    from axe_playwright_python.sync_playwright import Axe

    ask(page, served_site, query, width)
    expect(page.locator(ANSWER)).to_be_visible()
    results = Axe().run(page)
    blocking = [
        f"{v['id']} ({v['impact']}): {v.get('help', '')}"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]
    assert not blocking, blocking
    folder = ROOT / "test-artifacts" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    name = "tra-loi-" + key(query).replace(" ", "-") + f"-{width}.png"
    page.screenshot(path=str(folder / name), full_page=True)
