"""The fast paths of issue 7 give the very bytes of the plain ones: the open data encoded once
(opendata.Encoded) against json.dumps / csv.writer over records(); the table cells escaped once
(cells.TableCells) against markupsafe.escape, which Jinja's autoescape uses; the orders kept in
HonoursData (newest first, Vietnamese order by rank) against sorting each time."""

from __future__ import annotations

import csv
import gc
import io
import json

import pytest
from markupsafe import escape

from plugins.honours import cells, opendata, views
from plugins.honours.loader import load_honours
from plugins.vietnamese.collation import sort_key
from plugins.vietnamese.errors import SiteErrors
from tests.honours.helpers import ANNEX_163, D, write
from tools.bench_honours import make_data

SITE = "https://thiduakhenthuong.example.vn"
HOSTILE = [
    'Phòng <script>alert("x")</script> & "Nội vụ" \'A\'',
    "=HYPERLINK(1)",
    "+Tổ 3",
    "-Tổ 4",
    "@SUM(1)",
    "Tổ, đội số 5",
    "Tên có dấu \\ ngược",
]


def hostile_data(tmp_path):
    """The small data set with names and positions that need escaping, quoting, neutralising."""
    rows = [f'{i},"{name.replace(chr(34), chr(34) * 2)}",,bac-ha' for i, name in enumerate(HOSTILE)]
    annex = ANNEX_163.replace("II. Cá nhân,,,", "\n".join(rows) + "\nII. Cá nhân,,,").replace(
        "Chủ tịch UBND thị xã Sa Pa", '"=1+1, ""Chủ tịch"" <b>"'
    )
    return load_honours(write(tmp_path, {D + "2023/163-phu-luc.csv": annex}))


def plain_unit_json(data, unit, site_url):
    """opendata.unit_json as first written: json.dumps of every key, records via to_json()."""
    document = opendata.unit_document(data, unit, site_url)
    lines = []
    for key, value in document.items():
        if key == "khen_thuong":
            text = opendata.to_json(value).rstrip("\n").replace("\n", "\n  ")
        else:
            text = json.dumps(value, ensure_ascii=False)
        lines.append(f"  {json.dumps(key)}: {text}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def test_encoded_open_data_is_byte_identical(tmp_path):
    data = hostile_data(tmp_path)
    names = {r.name for r in data.recipients}
    assert set(HOSTILE) <= names  # the hostile rows were loaded
    for site_url in ("", SITE):
        records = opendata.records(data, site_url)
        encoded = opendata.Encoded(data, site_url)
        assert encoded.csv_text() == opendata.to_csv(records)
        assert encoded.json_text() == opendata.to_json(records)
        for unit in data.units.values():
            expected = plain_unit_json(data, unit, site_url)
            assert opendata.unit_json(data, unit, site_url, encoded) == expected
            assert opendata.unit_json(data, unit, site_url) == expected
    # A renamed unit's records carry the name it had on the date of each decision.
    assert opendata.Encoded(data).json_text() == opendata.to_json(opendata.records(data))


def test_csv_cell_is_what_csv_writer_writes():
    values = ["", " ", "a", " a ", "a,b", 'a"b', "a\nb", "a\rb", "\tx", "=1", "-", "@", "+", 2023]
    values += [*HOSTILE, "Ông Nguyễn Văn A", "Xã Bản Mế, huyện Si Ma Cai"]
    for value in values:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerow(["x", opendata.neutralise(value), "y"])
        assert buffer.getvalue() == f"x,{opendata.csv_cell(value)},y\r\n", value


def test_table_cells_are_escaped_as_autoescape_would(tmp_path):
    data = hostile_data(tmp_path)
    for value in [*HOSTILE, "", "Ông A", 2023, "a&b", "<>"]:
        assert cells.html_text(value) == str(escape(value))
    table = cells.TableCells(data.record_ids)
    for unit in data.units.values():
        page = views.unit_page(data, unit)
        for rows in page.parts.values():
            for row, got in zip(rows, table.unit_rows(rows), strict=True):
                d = row.decision
                expected = (
                    data.record_id(row.recipient),
                    row.recipient.name,
                    row.recipient.position,
                )
                expected += (row.honour.name, d.year, d.url, d.number, d.date.isoformat())
                expected += (d.date.strftime("%d/%m/%Y"),)
                assert got == tuple(v if isinstance(v, int) else str(escape(v)) for v in expected)
    for decision in data.decision_list:
        for _kind, _title, rows in decision.parts:
            got = table.annex_rows(decision, rows, data.units, data.honours)
            for recipient, cells_of_row in zip(rows, got, strict=True):
                unit = data.units[recipient.unit_id]
                expected = (
                    data.record_id(recipient),
                    recipient.name,
                    recipient.position,
                    unit.url,
                    unit.name_on(decision.date),
                    data.honours[recipient.honour_id].name,
                )
                assert cells_of_row == tuple(str(escape(v)) for v in expected)


def test_kept_orders_are_the_sorted_orders(tmp_path):
    content = tmp_path / "content"
    make_data(content, 3000)
    data = load_honours(content)
    for unit in data.units.values():
        page = views.unit_page(data, unit)
        received = data.recipients_by_unit.get(unit.id, [])
        expected = views.newest_first([views.make_row(data, r) for r in received])
        for kind, rows in page.parts.items():
            want = [r.recipient for r in expected if r.recipient.kind == kind]
            assert [r.recipient for r in rows] == want
    by_name = sorted(data.units.values(), key=lambda u: (sort_key(u.name), u.id))
    assert views.units_in_order(data, data.units) == by_name
    for decision in data.decision_list:
        honours = [data.honours[h] for h in decision.honour_ids]
        assert views.decision_honours(data, decision) == sorted(honours, key=views.honour_sort_key)


def test_garbage_collector_is_paused_only_while_loading(tmp_path):
    content = write(tmp_path)
    broken = write(tmp_path / "broken", {"honours/don-vi.yaml": "don_vi: [\n"})
    assert gc.isenabled()
    load_honours(content)
    assert gc.isenabled()
    with pytest.raises(SiteErrors):
        load_honours(broken)
    assert gc.isenabled()  # back on after an error too
    gc.disable()
    try:
        load_honours(content)
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
