"""Hostile and careless inputs to the honours data: paths leaving content/, symlinks, invisible
characters, over-long cells, shapes that are not what the schema declares. Each is refused
with one precise Vietnamese message naming the file and line; nothing outside content/ is read.
"""

from __future__ import annotations

import os

import openpyxl
import pytest

from plugins.honours.errors import AnnexError, InvalidValueError
from plugins.honours.loader import load_honours
from tests.honours.helpers import ANNEX_163, DECISION_163, UNITS, D, only, problems, write

DEC163 = D + "2023/163-qd-ubnd.yaml"
ANNEX = D + "2023/163-phu-luc.csv"
SECRET_ROW = "1,Bí mật ngoài content,,bac-ha"


def secret_annex(tmp_path):
    outside = tmp_path / "ngoai" / "x.csv"
    outside.parent.mkdir(parents=True)
    outside.write_text(ANNEX_163.replace("1,Phòng Nội vụ huyện Bắc Hà,,bac-ha", SECRET_ROW))
    return outside


@pytest.mark.parametrize("how", ["dotdot", "absolute"])
def test_an_annex_outside_content_is_refused_and_not_read(tmp_path, how):
    outside = secret_annex(tmp_path)
    name = "../../../../ngoai/x.csv" if how == "dotdot" else str(outside)
    decision = DECISION_163.replace("phu_luc: 163-phu-luc.csv", f"phu_luc: {name}")
    found = problems(tmp_path, {DEC163: decision})
    error = only(found)
    assert isinstance(error, AnnexError)
    assert error.file.endswith("163-qd-ubnd.yaml")
    assert error.line == 7 and error.field == "phu_luc"
    assert "content/" in error.message
    assert "Bí mật" not in str(found)


def test_an_annex_that_is_a_symlink_out_of_content_is_refused(tmp_path):
    outside = secret_annex(tmp_path)
    content = write(tmp_path, {ANNEX: None})
    os.symlink(outside, content / ANNEX)
    with pytest.raises(Exception) as raised:
        load_honours(content)
    error = only(raised.value.problems)
    assert "liên kết tượng trưng" in error.message
    assert error.file.endswith("163-qd-ubnd.yaml") and error.line == 7


def test_a_decision_file_that_is_a_symlink_out_of_content_is_refused(tmp_path):
    outside = tmp_path / "ngoai.yaml"
    outside.write_text(DECISION_163.replace("163/", "999/"))
    content = write(tmp_path)
    os.symlink(outside, content / D / "2023" / "999.yaml")
    with pytest.raises(Exception) as raised:
        load_honours(content)
    error = only(raised.value.problems)
    assert error.file.endswith("999.yaml")
    assert "symlink" in error.message


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\x00", "U+0000 NULL"),
        ("\x1b", "U+001B ESCAPE"),
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\x1e", "U+001E"),
    ],
)
def test_invisible_characters_in_csv_cells_name_row_column_and_character(tmp_path, char, name):
    annex = ANNEX_163.replace("Ông Lù Văn Pao", f"Ông Lù{char} Văn Pao")
    error = only(problems(tmp_path, {ANNEX: annex}))
    assert isinstance(error, AnnexError)
    assert error.file.endswith("163-phu-luc.csv")
    assert error.line == 6
    assert error.field == "Họ và tên"
    assert name in error.message


def test_invisible_character_in_an_xlsx_cell(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [
        ["STT", "Họ và tên", "Mã đơn vị"],
        ["I. Tập thể"],
        [1, "Phòng\u202eNội vụ", "bac-ha"],
    ]:
        sheet.append(row)
    path = tmp_path / "a.xlsx"
    book.save(path)
    decision = DECISION_163.replace("163-phu-luc.csv", "a.xlsx")
    error = only(problems(tmp_path / "c", {DEC163: decision, D + "2023/a.xlsx": path.read_bytes()}))
    assert (error.line, error.field) == (3, "Họ và tên")
    assert "U+202E" in error.message


def test_a_zero_width_space_in_a_unit_id_is_named_not_quoted(tmp_path):
    decision = DECISION_163.replace("khoi: khoi-huyen", "khoi: khoi\u200b-huyen")
    error = only(problems(tmp_path, {DEC163: decision}))
    assert isinstance(error, InvalidValueError)
    assert error.line == 6 and error.field == "khoi"
    assert "U+200B ZERO WIDTH SPACE" in error.message


def test_an_over_long_csv_cell_names_its_column_in_vietnamese(tmp_path):
    annex = ANNEX_163.replace("Chủ tịch UBND thị xã Sa Pa", "x" * 200_000)
    error = only(problems(tmp_path, {ANNEX: annex}))
    assert (error.line, error.field) == (7, "Chức vụ")
    assert "dài 200000 ký tự" in error.message
    assert "field" not in error.message


def test_a_missing_sheet_is_reported_at_the_yaml_line_naming_it(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Danh sách"
    path = tmp_path / "a.xlsx"
    book.save(path)
    decision = DECISION_163.replace(
        "phu_luc: 163-phu-luc.csv", "phu_luc:\n  - tep: a.xlsx\n    trang_tinh: Phụ lục 2"
    )
    error = only(problems(tmp_path / "c", {DEC163: decision, D + "2023/a.xlsx": path.read_bytes()}))
    assert error.file.endswith("163-qd-ubnd.yaml")
    assert error.line == 9 and error.field == "trang_tinh"
    assert "a.xlsx" in error.message and "Phụ lục 2" in error.message
    assert '"Danh sách"' in error.hint


def test_a_list_where_a_mapping_is_expected_is_one_error(tmp_path):
    found = problems(tmp_path, {"honours/don-vi.yaml": "- id: bac-ha\n- id: sa-pa\n"})
    error = only(found)
    assert error.line == 1
    assert "không phải một danh sách" in error.message


def test_errors_in_hand_written_rows_point_at_the_field_line(tmp_path):
    decision = DECISION_163.replace(
        "phu_luc: 163-phu-luc.csv",
        "tap_the:\n  - ten: Phòng Nội vụ\n    ghi_chu: x\n    don_vi: [bac-ha]\n",
    )
    error = only(problems(tmp_path, {DEC163: decision}))
    assert (error.line, error.field) == (10, "don_vi")


def test_non_breaking_and_double_spaces_in_names_are_tidied_with_a_warning(tmp_path):
    units = UNITS.replace("ten: UBND huyện Si Ma Cai", "ten: UBND\u00a0huyện  Si Ma Cai")
    data = load_honours(write(tmp_path, {"honours/don-vi.yaml": units}))
    assert data.units["si-ma-cai"].name == "UBND huyện Si Ma Cai"
    warning = only(data.warnings)
    assert warning.field == "ten" and "U+00A0" in warning.message


def test_a_refused_decision_still_has_its_rows_checked(tmp_path):
    decision = DECISION_163.replace("ngay: 2023-12-18", "ngay: 2023-12-32").replace(
        "phu_luc: 163-phu-luc.csv",
        "tap_the:\n  - ten: Phòng Nội vụ\n    don_vi: bac-ha\n    chuc_vuu: x\n",
    )
    found = problems(tmp_path, {DEC163: decision})
    assert sorted((p.line, p.field) for p in found) == [(2, "ngay"), (10, "chuc_vuu")]


def test_yaml_aliases_are_refused_so_a_few_lines_cannot_become_millions(tmp_path):
    blocs = (
        "- id: k\n  ten: K\n  cac_nam: &a\n    - {nam: 2023, thanh_vien: [bac-ha]}\n"
        "- id: k2\n  ten: K2\n  cac_nam: *a\n"
    )
    error = only(problems(tmp_path, {"honours/khoi-thi-dua.yaml": blocs}))
    assert error.line == 7  # the alias `*a`, not the anchor `&a` (line 3)
    assert "bí danh *a (nhãn &a ở dòng 3)" in error.message and "bí danh YAML" in error.message
    assert error.hint.startswith("Thay *a ở dòng này")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: &x 1\nb: 2\nc: *x\n", 3),
        ("base: &b {ten: A}\nkhac:\n  <<: *b\n", 3),
        ("- &r [1, *r]\n", 1),
    ],
)
def test_a_yaml_alias_is_named_at_its_own_line(text, line):
    from plugins.honours.yamlio import first_alias

    assert first_alias(text)[1] == line
