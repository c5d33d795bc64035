"""A small site built with the real Pelican into tmp_path: the honours pages and open data."""

from __future__ import annotations

import csv
import io
import json

import pytest
from pelican import signals

from plugins.honours.model import HonoursData
from plugins.honours.record_ids import base_id
from plugins.vietnamese.errors import SiteErrors
from tests.honours.helpers import ANNEX_163, D, honours_files
from tests.support import article as kit_article
from tests.support import make_content, pelican_build
from tests.support import parse as soup

HONOUR_163 = "bang-khen-chu-tich-ubnd-tinh"  # the honour of decision 163 (helpers.py)


def article(title, date, extra="", body="Nội dung bài viết."):
    return kit_article(title, date, "Khối thi đua", "Tóm tắt bài viết.", extra, body)


ARTICLES = {
    "articles/tong-ket.md": article(
        "Khối thi đua các huyện tổng kết năm 2023",
        "2023-12-19 16:30",
        "Units: bac-ha\nBloc: khoi-huyen\nDecisions: 163-qd-ubnd-2023",
        "Hội nghị tổng kết tại huyện Bắc Hà.",
    ),
    "articles/si-ma-cai.md": article(
        "Si Ma Cai xây nhà bán trú cho học sinh", "2024-03-02 09:00", "", "Huyện Si Ma Cai ..."
    ),
}


class MentionsStandIn:
    """Stands for plugins/related: sets article.mentioned_units in all_generators_finalized."""

    def __init__(self, mentions: dict[str, list[str]]):
        self.mentions = mentions
        self.context = None

    def __call__(self, generators):
        for generator in generators:
            for item in getattr(generator, "articles", []) if hasattr(generator, "drafts") else []:
                item.mentioned_units = self.mentions.get(item.slug, [])
            if type(generator).__name__ == "HonoursGenerator":
                self.context = generator.context


def build(tmp_path, files=None, mentions=None, **override):
    content = make_content(tmp_path / "content", {**honours_files(), **ARTICLES, **(files or {})})
    stand_in = MentionsStandIn(mentions or {})
    signals.all_generators_finalized.connect(stand_in)
    try:
        out = pelican_build(content, tmp_path / "out", **override)
    finally:
        signals.all_generators_finalized.disconnect(stand_in)
    return out, stand_in


def cells(table) -> list[list[str]]:
    return [
        [c.get_text(" ", strip=True) for c in row.find_all(["td", "th"])]
        for row in table.select("tbody tr")
    ]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("honours-site")
    escaped = ANNEX_163.replace("UBND xã Nàn Sán", "<script>alert(1)</script> & Nàn Sán")
    out, stand_in = build(
        tmp,
        {D + "2023/163-phu-luc.csv": escaped},
        {"si-ma-cai-xay-nha-ban-tru-cho-hoc-sinh": ["si-ma-cai"]},
    )
    return out, stand_in.context


def test_context_publishes_the_data_for_other_plugins(site):
    _, context = site
    data = context["honours"]
    assert isinstance(data, HonoursData)
    assert "huyện Bắc Hà" in data.units["bac-ha"].aliases


def test_units_index_grouped_by_kind_in_vietnamese_order(site):
    out, _ = site
    page = soup(out / "don-vi/index.html")
    assert len(page.find_all("h1")) == 1
    headings = [h.get_text(" ", strip=True) for h in page.select("main h2")]
    assert headings[0].startswith("Huyện, thị xã, thành phố (3 đơn vị, 1 đã kết thúc hoạt động)")
    first_group = page.select("main ul.compact-list")[0]
    names = [a.get_text() for a in first_group.select("a")]
    assert names == ["UBND huyện Bắc Hà", "UBND huyện Si Ma Cai", "UBND thị xã Sa Pa"]
    assert "đã kết thúc hoạt động từ 01/07/2025" in first_group.get_text()


def test_unit_page_of_a_dissolved_unit(site):
    out, _ = site
    page = soup(out / "don-vi/bac-ha/index.html")
    main = page.find("main")
    assert main.has_attr("data-pagefind-body")
    assert [h.get_text() for h in page.find_all("h1")] == ["UBND huyện Bắc Hà"]
    assert "Đã kết thúc hoạt động từ ngày 01/07/2025." in main.get_text()
    successor = main.select_one('dl.facts a[href$="don-vi/xa-bac-ha/"]')
    assert successor.get_text() == "UBND xã Bắc Hà"
    assert successor["href"] == "../../don-vi/xa-bac-ha/"  # RELATIVE_URLS
    summary = cells(main.select("table")[0])
    assert [row[0] for row in summary] == [
        "Cờ thi đua của UBND tỉnh",
        "Bằng khen của Chủ tịch UBND tỉnh",
    ]
    assert summary[1] == ["Bằng khen của Chủ tịch UBND tỉnh", "1", "1", "0", "2"]
    chart = main.select_one("figure.chart svg")
    assert chart["role"] == "img" and chart.title.get_text().startswith("Số lượt khen thưởng")
    assert cells(main.select("table")[1]) == [["2023", "2", "1", "0", "3"]]
    individuals = main.find(id="ca_nhan").find_next("table")
    assert cells(individuals) == [
        [
            "Ông Lù Văn Pao",
            "Chủ tịch UBND huyện Bắc Hà",
            "Bằng khen của Chủ tịch UBND tỉnh",
            "2023",
            "163/QĐ-UBND , 18/12/2023",
        ]
    ]
    link = individuals.select_one("a")
    pao = base_id("163-qd-ubnd-2023", "ca_nhan", "Ông Lù Văn Pao", "bac-ha", HONOUR_163)
    assert link["href"] == f"../../quyet-dinh/163-qd-ubnd-2023/#{pao}"
    assert pao.startswith("163-qd-ubnd-2023-ong-lu-van-pao-")
    blocs = main.select_one("ul.bloc-roles").get_text(" ", strip=True)
    assert "Trưởng khối năm 2023" in blocs
    news = [a.get_text() for a in main.select("ul.news-list a")]
    assert news == ["Khối thi đua các huyện tổng kết năm 2023"]


def test_successor_links_back_and_mentions_are_listed(site):
    out, _ = site
    page = soup(out / "don-vi/xa-bac-ha/index.html")
    facts = page.select_one("dl.facts").get_text(" ", strip=True)
    assert "Đơn vị tiền thân UBND huyện Bắc Hà (đến ngày 30/06/2025)" in facts
    household = page.find(id="ho_gia_dinh").find_next("table")
    assert cells(household)[0][0] == "Hộ ông Sần Seo Dìn"
    # An article that only mentions the unit (plugins/related) is listed too.
    si_ma_cai = soup(out / "don-vi/si-ma-cai/index.html")
    titles = [a.get_text() for a in si_ma_cai.select("main ul.news-list a")]
    assert titles == ["Si Ma Cai xây nhà bán trú cho học sinh"]


def test_decision_page_has_the_full_annex(site):
    out, _ = site
    page = soup(out / "quyet-dinh/163-qd-ubnd-2023/index.html")
    assert page.h1.get_text() == "Quyết định số 163/QĐ-UBND"
    headings = [h.get_text() for h in page.select("main h3")]
    assert headings == ["I. Tập thể (2)", "II. Cá nhân (2)"]
    tables = page.select("main table.annex")
    assert cells(tables[1])[1] == [
        "2",
        "Bà Giàng Thị Dung",
        "Chủ tịch UBND thị xã Sa Pa",
        "UBND thị xã Sa Pa",
    ]
    rows = page.select("main table.annex tbody tr")
    assert [tr["id"] for tr in rows] == [
        base_id("163-qd-ubnd-2023", kind, tr.find_all("td")[1].get_text(), unit, HONOUR_163)
        for tr, kind, unit in zip(
            rows,
            ["tap_the", "tap_the", "ca_nhan", "ca_nhan"],
            ["bac-ha", "si-ma-cai", "bac-ha", "tx-sa-pa"],
            strict=True,
        )
    ]
    assert "Khối thi đua các huyện tổng kết năm 2023" in page.find("main").get_text()
    html = (out / "quyet-dinh/163-qd-ubnd-2023/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Nàn Sán" in html


def test_article_naming_a_decision_shows_its_annex(site):
    out, _ = site
    page = soup(out / "2023/12/khoi-thi-dua-cac-huyen-tong-ket-nam-2023/index.html")
    section = page.select_one("section.article-honours")
    assert section.h2.get_text() == "Danh sách kèm theo Quyết định số 163/QĐ-UBND"
    names = [row[1] for table in section.select("table") for row in cells(table)]
    assert "Ông Lù Văn Pao" in names and len(names) == 4
    assert section.select_one('a[href$="quyet-dinh/163-qd-ubnd-2023/"]')


def test_bloc_pages(site):
    out, _ = site
    page = soup(out / "khoi-thi-dua/khoi-huyen/index.html")
    rotation = cells(page.select("main table")[0])
    assert rotation[0][:3] == ["2023", "UBND huyện Bắc Hà", "UBND huyện Si Ma Cai"]
    members = cells(page.select("main table")[1])
    assert ["UBND huyện Bắc Hà", "Trưởng khối"] in members
    ranking = page.select_one("ol.ranking").get_text(" ", strip=True)
    assert ranking.startswith("UBND huyện Bắc Hà : 97,0 điểm (đề nghị Cờ thi đua)")
    assert "Khối thi đua các huyện tổng kết năm 2023" in page.find("main").get_text()
    index = soup(out / "khoi-thi-dua/index.html")
    assert index.select_one('main a[href$="khoi-thi-dua/khoi-huyen/"]')


def test_year_pages_with_totals(site):
    out, _ = site
    years = soup(out / "khen-thuong/index.html")
    assert [row[0] for row in cells(years.select_one("main table"))] == ["2025", "2023"]
    page = soup(out / "khen-thuong/2023/index.html")
    totals = cells(page.select("main table")[0])
    assert totals[0] == ["Cờ thi đua của UBND tỉnh", "1", "0", "0", "1"]
    decisions = cells(page.select("main table")[1])
    assert [row[1] for row in decisions] == ["58/QĐ-UBND", "163/QĐ-UBND"]


def test_open_data_files(site):
    out, _ = site
    raw = (out / "du-lieu/khen-thuong.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 7
    items = json.loads((out / "du-lieu/khen-thuong.json").read_text(encoding="utf-8"))
    assert [r["ten"] for r in items] == [r["ten"] for r in rows]
    assert items[0]["url_quyet_dinh"] == "/quyet-dinh/58-qd-ubnd-2023/"
    unit = json.loads((out / "du-lieu/don-vi/bac-ha.json").read_text(encoding="utf-8"))
    assert unit["so_luot_khen_thuong"] == 3
    page = soup(out / "du-lieu/index.html")
    assert "loai_doi_tuong" in page.find("main").get_text()


def test_same_input_gives_byte_identical_pages(site, tmp_path):
    out, _ = site
    escaped = ANNEX_163.replace("UBND xã Nàn Sán", "<script>alert(1)</script> & Nàn Sán")
    again, _ = build(
        tmp_path,
        {D + "2023/163-phu-luc.csv": escaped},
        {"si-ma-cai-xay-nha-ban-tru-cho-hoc-sinh": ["si-ma-cai"]},
    )
    for folder in ("don-vi", "khoi-thi-dua", "khen-thuong", "quyet-dinh", "du-lieu"):
        first = sorted(p.relative_to(out) for p in (out / folder).rglob("*") if p.is_file())
        second = sorted(p.relative_to(again) for p in (again / folder).rglob("*") if p.is_file())
        assert first == second
        for rel in first:
            assert (out / rel).read_bytes() == (again / rel).read_bytes(), rel


def test_unknown_ids_in_article_metadata_stop_the_build(tmp_path):
    files = {
        "articles/sai.md": article(
            "Bài có mã sai", "2024-01-05 08:00", "Units: bac-haa\nDecisions: 999-qd-ubnd-2023"
        )
    }
    with pytest.raises(SiteErrors) as raised:
        build(tmp_path, files)
    problems = raised.value.problems
    assert {p.field for p in problems} == {"Units", "Decisions"}
    assert any("bac-ha" in p.hint for p in problems)
    assert not (tmp_path / "out" / "don-vi").exists()


def test_bad_data_stops_pelican_and_writes_no_honours_page(tmp_path):
    files = {D + "2023/163-phu-luc.csv": ANNEX_163.replace("si-ma-cai", "si-ma-kai")}
    with pytest.raises(SiteErrors) as raised:
        build(tmp_path, files)
    assert "si-ma-kai" in str(raised.value)
    assert not (tmp_path / "out" / "don-vi").exists()


def test_site_without_honours_data_builds(tmp_path):
    content = make_content(tmp_path / "content", dict(ARTICLES))
    out = pelican_build(content, tmp_path / "out")
    assert (out / "index.html").exists()
    assert not (out / "don-vi").exists()
