"""Corrections and cancellations: applied with their history, every mistake named with file
and line, and nothing disappears (reconciliation of every row before and after)."""

from __future__ import annotations

from collections import Counter

import pytest
from bs4 import BeautifulSoup

from plugins.honours.loader import load_honours
from plugins.honours.views import unit_page
from tests.honours.helpers import only, problems, write
from tests.support import ROOT, pelican_build

S = "honours/sua-doi/"
SHOWN = "content/honours/sua-doi/12.yaml"

CORRECT = """\
so: 12/QĐ-UBND
ngay: 2024-01-08
co_quan: Chủ tịch UBND tỉnh
quyet_dinh: 163-qd-ubnd-2023
dinh_chinh:
  - dong: Ông Lù Văn Pao
    ten: Ông Lù Văn Páo
    chuc_vu: Chủ tịch UBND huyện Bắc Hà (nhiệm kỳ 2021-2026)
    ly_do: Sai chính tả
  - stt: 2
    don_vi: bac-ha
    ly_do: Ghi nhầm đơn vị
huy:
  - dong: Bà Giàng Thị Dung
    ly_do: Hồ sơ không trung thực
can_cu: Chương VII Luật Thi đua, khen thưởng 2022
"""


def rows_of(data):
    return {(r.decision_id, r.index): r for r in data.recipients}


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    before = load_honours(write(tmp_path_factory.mktemp("before")))
    after = load_honours(write(tmp_path_factory.mktemp("after"), {S + "12.yaml": CORRECT}))
    return before, after


def test_corrections_and_cancellations_are_applied(both):
    _, data = both
    decision = data.decisions["163-qd-ubnd-2023"]
    by_index = {r.index: r for r in decision.recipients}
    pao = next(r for r in decision.recipients if r.name == "Ông Lù Văn Páo")
    assert pao.status == "da_dinh_chinh" and pao.amended_by == ("12/QĐ-UBND",)
    assert pao.position.endswith("(nhiệm kỳ 2021-2026)")
    assert by_index[2].unit_id == "bac-ha" and by_index[2].status == "da_dinh_chinh"
    dung = next(r for r in decision.recipients if r.name == "Bà Giàng Thị Dung")
    assert dung.status == "da_huy"
    assert decision.status == "da_dinh_chinh"
    (amendment,) = decision.amendments
    first = amendment.changes[0]
    assert (first.action, first.before, first.after) == (
        "da_dinh_chinh",
        {"name": "Ông Lù Văn Pao", "position": "Chủ tịch UBND huyện Bắc Hà"},
        {
            "name": "Ông Lù Văn Páo",
            "position": "Chủ tịch UBND huyện Bắc Hà (nhiệm kỳ 2021-2026)",
        },
    )


def test_reconciliation_every_row_accounted_for(both):
    before, after = both
    old, new = rows_of(before), rows_of(after)
    assert old.keys() == new.keys()  # no row appears or disappears
    changed = {(a.target_id, c.row_index): c for a in after.notices.amendments for c in a.changes}
    for key, row in new.items():
        was = old[key]
        if key in changed:
            change = changed[key]
            assert row.status == change.action
            assert change.row_name == was.name
            for attribute, value in change.before.items():
                assert getattr(was, attribute) == value
                assert getattr(row, attribute) == change.after[attribute]
        else:
            assert row.status == "hieu_luc"
            assert (row.name, row.position, row.unit_id) == (was.name, was.position, was.unit_id)
    assert Counter(r.status for r in new.values()) == Counter(
        {"hieu_luc": len(new) - 3, "da_dinh_chinh": 2, "da_huy": 1}
    )


def test_the_whole_decision_cancelled(tmp_path):
    text = (
        "so: 5/QĐ-UBND\nngay: 2024-02-01\nco_quan: Chủ tịch UBND tỉnh\n"
        "quyet_dinh: 58-qd-ubnd-2023\nhuy_toan_bo: Khen sai thẩm quyền\n"
        "can_cu: Chương VII Luật Thi đua, khen thưởng 2022\n"
    )
    data = load_honours(write(tmp_path, {S + "5.yaml": text}))
    decision = data.decisions["58-qd-ubnd-2023"]
    assert decision.status == "da_huy"
    assert {r.status for r in decision.recipients} == {"da_huy"}
    assert len(decision.amendments[0].changes) == len(decision.recipients)


BAD = [
    ("quyet_dinh: 163-qd-ubnd-2023", "quyet_dinh: 163-qd-ubnd-2022", 4, "Không có quyết định"),
    ("  - dong: Ông Lù Văn Pao\n", "  - dong: Ông Lù Văn Bao\n", 6, 'không có dòng "Ông Lù'),
    ("  - stt: 2\n", "  - stt: 99\n", 10, "không có dòng số 99"),
    ("ngay: 2024-01-08", "ngay: 2023-12-01", 2, "không sau quyết định được sửa"),
    ("can_cu: Chương VII Luật Thi đua, khen thưởng 2022\n", "", 1, "thiếu căn cứ pháp lý"),
    ("    don_vi: bac-ha\n", "    don_vi: xa-bac-ha\n", 11, "không có vào ngày ký"),
    (
        "    ly_do: Ghi nhầm đơn vị\n",
        "    ly_do: Ghi nhầm\n    ngay_sinh: 1970\n",
        13,
        "dữ liệu cá nhân",
    ),
    (
        "  - dong: Bà Giàng Thị Dung\n",
        "  - dong: Ông Lù Văn Pao\n",
        14,
        "đã bị hủy hoặc đã được sửa",
    ),
    ("co_quan: Chủ tịch UBND tỉnh", "co_quan: Chủ tịch UBND huyện Bắc Hà\nx: 1", 3, "cấp huyện"),
]


@pytest.mark.parametrize(("old", "new", "line", "words"), BAD)
def test_bad_amendments_name_file_and_line(tmp_path, old, new, line, words):
    text = CORRECT.replace(old, new)
    if "cấp huyện" in words:  # after the reform
        text = text.replace("x: 1", "").replace("ngay: 2024-01-08", "ngay: 2025-08-01")
    found = problems(tmp_path, {S + "12.yaml": text})
    chosen = [p for p in found if words in p.message]
    assert len(chosen) == 1, "\n".join(str(p) for p in found)
    assert (chosen[0].file, chosen[0].line) == (SHOWN, line)


def test_a_correction_that_changes_nothing(tmp_path):
    text = CORRECT.replace(
        "    ten: Ông Lù Văn Páo\n    chuc_vu: Chủ tịch UBND huyện Bắc Hà (nhiệm kỳ 2021-2026)\n",
        "    chuc_vu: Chủ tịch UBND huyện Bắc Hà\n",
    )
    problem = only(problems(tmp_path, {S + "12.yaml": text}))
    assert "không đổi gì" in problem.message and problem.line == 6


def test_pages_show_history_and_marks(tmp_path):
    output = pelican_build(write(tmp_path, {S + "12.yaml": CORRECT}), tmp_path / "output")

    def page(path):
        return BeautifulSoup((output / path).read_text("utf-8"), "html.parser")

    decision = page("quyet-dinh/163-qd-ubnd-2023/index.html")
    history = decision.select_one(".decision-history").get_text(" ", strip=True)
    assert "Quyết định số 12/QĐ-UBND" in history
    assert 'tên "Ông Lù Văn Pao" thành "Ông Lù Văn Páo"' in history
    assert "hủy khen thưởng. Lý do: Hồ sơ không trung thực" in history
    annex = " ".join(t.get_text(" ", strip=True) for t in decision.select("table.annex"))
    assert "Ông Lù Văn Páo (đã đính chính)" in annex
    assert "Bà Giàng Thị Dung (đã hủy)" in annex
    unit = page("don-vi/tx-sa-pa/index.html").get_text(" ", strip=True)
    assert "Bà Giàng Thị Dung (đã hủy)" in unit
    # Its only award is cancelled: listed (marked), not counted, and not "no honours at all".
    assert "Không còn khen thưởng nào có hiệu lực: 1 lượt đã bị hủy" in unit
    assert "Chưa có khen thưởng nào" not in unit


def test_unit_counts_are_of_the_awards_in_force(both):
    """A cancelled award stays listed on the unit page (marked) but is no longer counted."""
    before, after = (unit_page(data, data.units["tx-sa-pa"]) for data in both)
    assert (after.total, after.cancelled) == (before.total - 1, 1)
    assert sum(c.total for c in after.summary) == after.total
    assert sum(y.total for y in after.years) == after.total
    assert sum(after.counts.values()) == after.total
    assert sum(len(rows) for rows in after.parts.values()) == before.total


def test_sample_data_has_a_corrected_and_a_cancelled_decision():
    data = load_honours(ROOT / "content")
    statuses = {d.id: d.status for d in data.decisions.values()}
    assert statuses["163-qd-ubnd-2023"] == "da_dinh_chinh"
    assert statuses["1450-qd-sgddt-2024"] == "da_huy"


def test_open_data_carries_status_and_amending_decisions(both):
    from plugins.honours import fields, opendata

    _, data = both
    records = opendata.records(data)
    assert len(records) == len(data.recipients)
    by_name = {r["ten"]: r for r in records}
    assert by_name["Ông Lù Văn Páo"]["trang_thai"] == "da_dinh_chinh"
    assert by_name["Ông Lù Văn Páo"]["quyet_dinh_sua_doi"] == "12/QĐ-UBND"
    assert by_name["Bà Giàng Thị Dung"]["trang_thai"] == "da_huy"
    assert {r["trang_thai"] for r in records} <= set(fields.STATUSES)
    encoded = opendata.Encoded(data)
    assert encoded.json_text() == opendata.to_json(records)
    assert encoded.csv_text() == opendata.to_csv(records)


def test_the_once_per_build_cache_keeps_corrections_periods_and_statuses(tmp_path):
    """make check keeps the loaded data (once.py) and Pelican reuses it: the rows' period,
    status and amending decisions must come back as they were."""
    import pickle

    data = load_honours(write(tmp_path, {S + "12.yaml": CORRECT}))
    data.recipients[0].period = "2019-2023"
    again = pickle.loads(pickle.dumps(data.recipients))
    assert [(r.period, r.status, r.amended_by) for r in again] == [
        (r.period, r.status, r.amended_by) for r in data.recipients
    ]
    assert {r.status for r in again} == {"hieu_luc", "da_dinh_chinh", "da_huy"}
