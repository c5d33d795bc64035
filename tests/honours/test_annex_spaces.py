"""Annex cells whose spaces are tidied (wide spaces, runs of spaces): the value is used
tidied, with a warning naming file, row and column, in the words of the YAML names' warning."""

from __future__ import annotations

import openpyxl

from plugins.honours import annex
from plugins.honours.cleantext import what_tidied
from plugins.honours.loader import load_honours
from tests.honours.helpers import ANNEX_163, DECISION_163, UNITS, D, write

NBSP = "\u00a0"
SPACED = ANNEX_163.replace("Ông Lù Văn Pao", f"Ông Lù{NBSP}Văn Pao").replace(
    "Chủ tịch UBND thị xã Sa Pa", "Chủ tịch  UBND thị xã Sa Pa"
)


def test_what_was_tidied_is_said_in_words():
    assert what_tidied(f"a{NBSP}b") == "dấu cách không ngắt U+00A0 NO-BREAK SPACE"
    assert what_tidied("a   b") == "nhiều dấu cách liền nhau"
    assert what_tidied("a\u3000b  c").endswith("IDEOGRAPHIC SPACE và nhiều dấu cách liền nhau")


def test_csv_cells_are_tidied_with_a_warning_naming_row_and_column(tmp_path):
    path = tmp_path / "phu-luc.csv"
    path.write_text(SPACED, encoding="utf-8")
    rows, problems = annex.read_annex(path, "content/phu-luc.csv")
    assert [r.name for r in rows][2] == "Ông Lù Văn Pao"
    assert rows[3].position == "Chủ tịch UBND thị xã Sa Pa"
    assert [(p.file, p.line, p.field, p.severity) for p in problems] == [
        ("content/phu-luc.csv", 6, "Họ và tên", "warning"),
        ("content/phu-luc.csv", 7, "Chức vụ", "warning"),
    ]
    assert problems[0].message == (
        'Ô ở cột "Họ và tên" có dấu cách không chuẩn (dấu cách không ngắt U+00A0 NO-BREAK '
        "SPACE); đã tự sửa."
    )
    assert problems[1].message.endswith("(nhiều dấu cách liền nhau); đã tự sửa.")


def test_the_yaml_names_and_the_cells_share_their_words(tmp_path):
    units = UNITS.replace("ten: UBND huyện Si Ma Cai", f"ten: UBND{NBSP}huyện Si Ma Cai")
    data = load_honours(
        write(tmp_path, {"honours/don-vi.yaml": units, D + "2023/163-phu-luc.csv": SPACED})
    )
    by_file = {}
    for warning in data.warnings:
        by_file.setdefault(warning.file.rsplit("/", 1)[-1], warning)
    cell, name = by_file["163-phu-luc.csv"], by_file["don-vi.yaml"]
    assert cell.hint == name.hint
    assert cell.message.split(" có ", 1)[1] == name.message.split(" có ", 1)[1]
    assert data.decisions["163-qd-ubnd-2023"].recipients[2].name == "Ông Lù Văn Pao"


def test_xlsx_cells_warn_too_and_numbers_or_dates_are_left_alone(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Họ và tên", "Chức vụ", "Mã đơn vị"])
    sheet.append(["I. Tập thể"])
    sheet.append([1, f"Phòng{NBSP}Nội vụ", None, "bac-ha"])
    sheet.append([2, "UBND xã Nàn Sán", 3.0, "si-ma-cai"])
    workbook.save(tmp_path / "phu-luc.xlsx")
    rows, problems = annex.read_annex(tmp_path / "phu-luc.xlsx", "phu-luc.xlsx")
    assert rows[0].name == "Phòng Nội vụ"
    assert [(p.line, p.field) for p in problems] == [(3, "Họ và tên")]


def test_many_tidied_cells_give_twenty_warnings_and_a_count(tmp_path):
    lines = ["STT,Họ và tên,Chức vụ,Mã đơn vị", "I. Tập thể,,,"]
    lines += [f"{n},Tổ  số {n},,bac-ha" for n in range(1, 31)]
    path = tmp_path / "phu-luc.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows, problems = annex.read_annex(path, "phu-luc.csv")
    assert len(rows) == 30 and len(problems) == 21
    assert problems[-1].message.startswith("Còn 10 ô khác có dấu cách không chuẩn")
    assert problems[-1].line == 23


def test_a_section_row_or_the_header_is_not_reported(tmp_path):
    text = ANNEX_163.replace("I. Tập thể,,,", "I.  Tập thể,,,").replace("Họ và tên", "Họ và  tên")
    path = tmp_path / "phu-luc.csv"
    path.write_text(text, encoding="utf-8")
    rows, problems = annex.read_annex(path, "phu-luc.csv")
    assert len(rows) == 4 and problems == []


def test_a_decision_with_its_annex_loads_with_the_warning(tmp_path):
    data = load_honours(
        write(
            tmp_path,
            {D + "2023/163-qd-ubnd.yaml": DECISION_163, D + "2023/163-phu-luc.csv": SPACED},
        )
    )
    assert [(w.line, w.field) for w in data.warnings] == [(6, "Họ và tên"), (7, "Chức vụ")]
