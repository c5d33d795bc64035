"""Open data: the declared fields, the BOM, formula neutralisation, site-absolute URLs; stable
record ids; the log of changes; the package and JSON Schemas (pure parts, no build)."""

import csv
import io
import json
import re
from datetime import datetime, timedelta, timezone

import pytest

from plugins.honours import changes, fields, opendata, package
from plugins.honours.loader import load_honours
from tests.honours.helpers import ANNEX_163, DECISION_58, D, write


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


# -- stable record ids ----------------------------------------------------------------------


def ids_by_name(data) -> dict[str, str]:
    return {row.name: data.record_id(row) for row in data.recipients}


def test_record_ids_do_not_depend_on_other_rows(tmp_path):
    before = ids_by_name(load_honours(write(tmp_path / "a")))
    assert len(set(before.values())) == len(before) == 7
    for ident in before.values():
        assert re.fullmatch(fields.BY_NAME["ma_ban_ghi"].pattern, ident), ident
    # A row added at the top and another removed: the rows left keep their ids.
    annex = ANNEX_163.replace(
        "1,Phòng Nội vụ huyện Bắc Hà,,bac-ha", "1,Phòng Tư pháp huyện Bắc Hà,,bac-ha"
    ).replace("2,Bà Giàng Thị Dung,Chủ tịch UBND thị xã Sa Pa,tx-sa-pa\n", "")
    annex = annex.replace("I. Tập thể,,,\n", "I. Tập thể,,,\n0,Trường Tiểu học Bắc Hà,,bac-ha\n")
    after = ids_by_name(load_honours(write(tmp_path / "b", {D + "2023/163-phu-luc.csv": annex})))
    kept = set(before) & set(after)
    assert len(kept) == 5
    assert {n: after[n] for n in kept} == {n: before[n] for n in kept}
    assert after["Phòng Tư pháp huyện Bắc Hà"] != before["Phòng Nội vụ huyện Bắc Hà"]


def test_the_same_row_twice_gets_two_ids(tmp_path):
    annex = ANNEX_163.replace(
        "2,UBND xã Nàn Sán,,si-ma-cai", "2,UBND xã Nàn Sán,,si-ma-cai\n3,UBND xã Nàn Sán,,si-ma-cai"
    )
    data = load_honours(write(tmp_path, {D + "2023/163-phu-luc.csv": annex}))
    twins = [data.record_id(r) for r in data.recipients if r.name == "UBND xã Nàn Sán"]
    assert len(twins) == 2 and twins[1] == twins[0] + "-2"
    assert len(set(data.record_ids.values())) == len(data.recipients)


# -- one declaration per field --------------------------------------------------------------


def test_every_description_derives_from_the_field_declarations(tmp_path):
    data = load_honours(write(tmp_path))
    names = list(opendata.FIELDS)
    assert names == [f.name for f in fields.RECORD_FIELDS]
    assert [f["name"] for f in package.table_schema(data)["fields"]] == names
    record_schema = package.record_json_schema(data)
    assert list(record_schema["properties"]) == names and record_schema["required"] == names
    assert opendata.to_csv(opendata.records(data)).split("\r\n")[0] == "\ufeff" + ",".join(names)
    for field in fields.RECORD_FIELDS:  # Vietnamese title and description for each
        assert field.title and field.description and field.scope in fields.SCOPES
    kinds = fields.BY_NAME["loai_doi_tuong"].allowed(data)
    assert kinds == ("tap_the", "ca_nhan", "ho_gia_dinh")
    assert "Cờ thi đua của UBND tỉnh" in fields.BY_NAME["hinh_thuc"].allowed(data)


def test_unit_documents_have_the_declared_keys(tmp_path):
    data = load_honours(write(tmp_path))
    for unit in data.units.values():
        document = opendata.unit_document(data, unit)
        assert list(document) == [name for name, *_ in fields.UNIT_KEYS]


# -- the log of changes ---------------------------------------------------------------------


def published(data) -> list[dict]:
    return json.loads(opendata.Encoded(data).json_text())


def test_compare_finds_added_corrected_and_withdrawn_decisions(tmp_path):
    old = published(load_honours(write(tmp_path / "a")))
    annex = ANNEX_163.replace("Ông Lù Văn Pao", "Ông Lù Văn Páo")
    new_decision = DECISION_58.replace("58/QĐ-UBND", "99/QĐ-UBND").replace("01-10", "03-01")
    content = write(
        tmp_path / "b",
        {
            D + "2023/163-phu-luc.csv": annex,
            D + "2025/415-qd-ubnd.yaml": None,
            D + "2023/99-qd-ubnd.yaml": new_decision,
        },
    )
    new = published(load_honours(content))
    result = changes.compare(old, new)
    assert [d["ma_quyet_dinh"] for d in result.added] == ["99-qd-ubnd-2023"]
    assert [d["ma_quyet_dinh"] for d in result.corrected] == ["163-qd-ubnd-2023"]
    assert result.corrected[0]["so_ban_ghi"] == result.corrected[0]["so_ban_ghi_truoc"] == 4
    assert [d["ma_quyet_dinh"] for d in result.withdrawn] == ["415-qd-ubnd-2025"]
    assert changes.compare(old, old).empty
    # A field the previous version did not have, or another site URL, changes nothing.
    older = [{k: v for k, v in r.items() if k != "ma_ban_ghi"} for r in old]
    moved = [dict(r, url_don_vi="https://x.example/" + r["url_don_vi"]) for r in old]
    assert changes.compare(older, old).empty and changes.compare(old, moved).empty


def write_previous(folder, records, history=()):
    """A copy of a published /du-lieu/: khen-thuong.json (one record a line) and the log."""
    (folder / "thay-doi").mkdir(parents=True, exist_ok=True)
    (folder / "khen-thuong.json").write_text(opendata.to_json(records), encoding="utf-8")
    document = changes.history_document(list(history))
    (folder / "thay-doi/lich-su.json").write_text(json.dumps(document), encoding="utf-8")
    return changes.read_previous(folder)


def test_log_adds_an_entry_only_when_something_changed(tmp_path):
    when = datetime(2026, 1, 5, 8, 0, tzinfo=timezone(timedelta(hours=7)))
    old = published(load_honours(write(tmp_path / "a")))
    first, count = changes.log(changes.Previous(), old, opendata.FIELDS, when)
    assert count == 7 and len(first) == 1 and first[0]["lan_dau"] and len(first[0]["them"]) == 3
    assert first[0]["so_ban_ghi"] == 7 and first[0]["so_ban_ghi_truoc"] is None
    previous = write_previous(tmp_path / "p", old, first)
    assert previous.published and previous.fields == opendata.FIELDS
    same, _ = changes.log(previous, old, opendata.FIELDS, when)
    assert same == first
    new = [r for r in old if not r["url_quyet_dinh"].endswith("/415-qd-ubnd-2025/")]
    later = when + timedelta(days=1)
    log, count = changes.log(previous, new, opendata.FIELDS, later)
    assert count == 6 and len(log) == 2 and log[1] == first[0]
    assert [d["so_quyet_dinh"] for d in log[0]["go"]] == ["415/QĐ-UBND"]
    assert (log[0]["so_ban_ghi"], log[0]["so_ban_ghi_truoc"]) == (6, 7)
    again, _ = changes.log(previous, new, opendata.FIELDS, later)
    assert json.dumps(again) == json.dumps(log)  # the same inputs, the same log
    # The rows of a decision in another order: the same records, nothing to log.
    shuffled, _ = changes.log(previous, list(reversed(old)), opendata.FIELDS, later)
    assert shuffled == first


def test_previous_version_is_read_from_a_local_copy(tmp_path):
    assert changes.read_previous("") == changes.Previous()
    assert list(changes.Previous().records()) == []
    folder = tmp_path / "site" / "du-lieu"
    records = [{"ten": "A", "url_quyet_dinh": "/quyet-dinh/x/"}, {"ten": "B"}]
    write_previous(folder, records, [{"ma": "x"}])
    for where in (tmp_path / "site", folder):
        previous = changes.read_previous(where)
        assert list(previous.records()) == records and previous.history == ({"ma": "x"},)
    # Written another way (indented): read whole.
    (folder / "khen-thuong.json").write_text(json.dumps(records, indent=2), encoding="utf-8")
    assert list(changes.read_previous(folder).records()) == records
    # No khen-thuong.json: nothing was published before.
    (folder / "khen-thuong.json").unlink()
    assert not changes.read_previous(folder).published
    (folder / "khen-thuong.json").write_text('[\n{"ten": "A"},\n{"ten": \n]\n', encoding="utf-8")
    with pytest.raises(changes.PreviousDataError) as raised:
        list(changes.read_previous(folder).records())
    error = raised.value
    assert error.file.endswith("khen-thuong.json") and error.line == 3
    assert "Không đọc được" in error.message and "HONOURS_PREVIOUS_OPEN_DATA" in error.hint
