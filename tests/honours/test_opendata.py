"""Open data: the declared fields, the BOM, formula neutralisation, site-absolute URLs; stable
record ids; the log of changes; the package and JSON Schemas (pure parts, no build)."""

import csv
import io
import json

from plugins.honours import opendata
from plugins.honours.loader import load_honours
from tests.honours.helpers import ANNEX_163, D, write


def test_records_have_exactly_the_published_fields(tmp_path):
    data = load_honours(write(tmp_path))
    records = opendata.records(data, "")
    assert len(records) == len(data.recipients) == 7
    assert all(tuple(r) == opendata.FIELDS for r in records)
    first = records[0]
    record_id = data.record_id(data.recipients[0])
    assert record_id.startswith("58-qd-ubnd-2023-ubnd-huyen-bac-ha-")
    assert first == {
        "ma_ban_ghi": record_id,
        "so_quyet_dinh": "58/QĐ-UBND",
        "ngay_quyet_dinh": "2023-01-10",
        "co_quan_ban_hanh": "Chủ tịch UBND tỉnh",
        "hinh_thuc": "Cờ thi đua của UBND tỉnh",
        "loai_doi_tuong": "tap_the",
        "ten": "UBND huyện Bắc Hà",
        "chuc_vu": "",
        "don_vi": "UBND huyện Bắc Hà",
        "ma_don_vi": "bac-ha",
        "nam": 2023,
        "url_quyet_dinh": "/quyet-dinh/58-qd-ubnd-2023/",
        "url_don_vi": "/don-vi/bac-ha/",
        "url_ban_ghi": f"/quyet-dinh/58-qd-ubnd-2023/#{record_id}",
    }
    published = opendata.records(data, "https://thiduakhenthuong.example.vn/")
    assert published[0]["url_don_vi"] == "https://thiduakhenthuong.example.vn/don-vi/bac-ha/"


def test_csv_has_bom_header_and_neutralised_formulas(tmp_path):
    annex = ANNEX_163.replace("Bà Giàng Thị Dung", '"=HYPERLINK(""http://x"")"').replace(
        "Chủ tịch UBND thị xã Sa Pa", "@SUM(1)"
    )
    data = load_honours(write(tmp_path, {D + "2023/163-phu-luc.csv": annex}))
    text = opendata.to_csv(opendata.records(data))
    assert text.startswith("\ufeffma_ban_ghi,so_quyet_dinh,ngay_quyet_dinh,")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows) == 7
    evil = next(r for r in rows if "HYPERLINK" in r["ten"])
    assert evil["ten"] == '\'=HYPERLINK("http://x")'
    assert evil["chuc_vu"] == "'@SUM(1)"
    for value in ("=1", "+1", "-1", "@x", "\tx"):
        assert opendata.neutralise(value).startswith("'")
    assert opendata.neutralise("Ông A") == "Ông A"


def test_json_is_an_array_of_records(tmp_path):
    data = load_honours(write(tmp_path))
    items = json.loads(opendata.to_json(opendata.records(data)))
    assert [r["ten"] for r in items] == [r.name for r in data.recipients]
    assert json.loads(opendata.to_json([])) == []


def test_unit_document_links_lineage(tmp_path):
    data = load_honours(write(tmp_path))
    old = json.loads(opendata.unit_json(data, data.units["bac-ha"]))
    new = json.loads(opendata.unit_json(data, data.units["xa-bac-ha"]))
    assert old["den_ngay"] == "2025-07-01"
    assert [u["ma_don_vi"] for u in old["don_vi_ke_thua"]] == ["xa-bac-ha"]
    assert [u["ma_don_vi"] for u in new["don_vi_tien_than"]] == ["bac-ha"]
    assert old["so_luot_khen_thuong"] == len(old["khen_thuong"]) == 3
    assert all(tuple(r) == opendata.FIELDS for r in old["khen_thuong"])
