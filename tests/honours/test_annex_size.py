"""A huge annex or a zip bomb is refused before it is read, naming the decision's line."""

from __future__ import annotations

import pytest

from plugins.honours import sheets
from plugins.honours.errors import AnnexError
from tests.honours.helpers import DECISION_163, D, bomb, only, problems

MB = 1024 * 1024
DEC = D + "2023/163-qd-ubnd.yaml"


def with_annex(name: str) -> dict:
    return {DEC: DECISION_163.replace("phu_luc: 163-phu-luc.csv", f"phu_luc: {name}")}


def test_a_zip_bomb_is_refused_at_the_line_naming_it(tmp_path):
    found = problems(tmp_path, {**with_annex("bom.xlsx"), D + "2023/bom.xlsx": bomb()})
    error = only(found)
    assert isinstance(error, AnnexError)
    assert (error.file, error.line, error.field) == (f"content/{DEC}", 7, "phu_luc")
    assert error.message.startswith('Phụ lục "bom.xlsx": Phần "xl/worksheets/sheet1.xml" của ')
    assert "quá giới hạn 100 lần" in error.message and "zip bomb" in error.message
    assert "tách thành nhiều tệp" in error.hint


def test_a_file_over_the_size_limit_is_not_read(tmp_path):
    content = tmp_path / "content"
    found = problems(tmp_path, {**with_annex("lon.csv"), D + "2023/lon.csv": "x"})
    assert found  # "x" is no annex: the limit is what the next lines test
    big = content / D / "2023" / "lon.csv"
    with open(big, "r+b") as handle:
        handle.truncate(sheets.MAX_ANNEX_BYTES + 1)  # sparse: nothing is written
    assert sheets.size_problem(big) == "tệp nặng 20,1 MB, quá giới hạn 20,0 MB của một phụ lục"
    with pytest.raises(AnnexError) as raised:
        sheets.read_csv(big, "lon.csv")
    assert raised.value.field == "phu_luc" and "annex too large" in raised.value.message


def test_the_total_unpacked_size_is_limited(tmp_path, monkeypatch):
    path = tmp_path / "a.xlsx"
    path.write_bytes(bomb(2 * MB))
    monkeypatch.setattr(sheets, "MAX_XLSX_UNPACKED", MB)
    assert sheets.size_problem(path).startswith("tệp Excel khi giải nén nặng 2,1 MB, quá giới")


def test_a_real_workbook_and_a_damaged_one_pass_the_guard(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    for number in range(2000):
        workbook.active.append([number, "Ông Nguyễn Văn A", "Chủ tịch", "bac-ha"])
    workbook.save(tmp_path / "a.xlsx")
    assert sheets.size_problem(tmp_path / "a.xlsx") is None
    (tmp_path / "b.xlsx").write_bytes(b"not a zip")
    assert sheets.size_problem(tmp_path / "b.xlsx") is None  # openpyxl's message says why
