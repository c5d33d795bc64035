"""Annex spreadsheets: .xlsx and CSV, sections or a kind column, encodings."""

import openpyxl
import pytest

from plugins.honours import annex
from plugins.honours.errors import AnnexError, MissingFieldError
from plugins.honours.loader import load_honours
from plugins.honours.model_vocabulary import COLLECTIVE, HOUSEHOLD, INDIVIDUAL
from tests.honours.helpers import ANNEX_163, DECISION_163, D, windows_1258, write


def read(tmp_path, data: bytes | str, name="phu-luc.csv"):
    path = tmp_path / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return annex.read_annex(path, name)


def test_csv_with_sections_and_bom(tmp_path):
    rows, problems = read(tmp_path, b"\xef\xbb\xbf" + ANNEX_163.encode("utf-8"))
    assert problems == []
    assert [(r.kind, r.name, r.unit_id) for r in rows] == [
        (COLLECTIVE, "Phòng Nội vụ huyện Bắc Hà", "bac-ha"),
        (COLLECTIVE, "UBND xã Nàn Sán", "si-ma-cai"),
        (INDIVIDUAL, "Ông Lù Văn Pao", "bac-ha"),
        (INDIVIDUAL, "Bà Giàng Thị Dung", "tx-sa-pa"),
    ]
    assert rows[2].position == "Chủ tịch UBND huyện Bắc Hà"
    assert [r.line for r in rows] == [3, 4, 6, 7]


def test_title_rows_semicolons_and_a_kind_column(tmp_path):
    text = (
        "DANH SÁCH KHEN THƯỞNG;;;;\n"
        "(Kèm theo Quyết định số 1/QĐ-UBND);;;;\n"
        ";;;;\n"
        "STT;Đối tượng;HỌ VÀ TÊN;Chức vụ;Mã ĐV\n"
        "1;Tập thể;Trường THPT số 1 Bắc Hà;;bac-ha\n"
        "2;Cá nhân;Bà Nông Thị Hải Yến;Giáo viên;bac-ha\n"
        "3;Hộ gia đình;Hộ ông Sần Seo Dìn;;bac-ha\n"
    )
    rows, problems = read(tmp_path, text)
    assert problems == []
    assert [r.kind for r in rows] == [COLLECTIVE, INDIVIDUAL, HOUSEHOLD]
    assert rows[0].line == 5


def test_xlsx_annex(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG BẰNG KHEN"])
    sheet.append([])
    sheet.append(["STT", "Tên tập thể, cá nhân", "Chức vụ", "Đơn vị", "Mã đơn vị"])
    sheet.append(["I. TẬP THỂ"])
    sheet.append([1, "Phòng Nội vụ huyện Bắc Hà", None, "Huyện Bắc Hà", "bac-ha"])
    sheet.append(["II.", "CÁ NHÂN"])
    sheet.append([1.0, "Ông Lù Văn Pao", "Chủ tịch UBND huyện", "Huyện Bắc Hà", "bac-ha"])
    workbook.save(tmp_path / "phu-luc.xlsx")
    rows, problems = annex.read_annex(tmp_path / "phu-luc.xlsx", "phu-luc.xlsx")
    assert problems == []
    assert [(r.line, r.kind, r.name) for r in rows] == [
        (5, COLLECTIVE, "Phòng Nội vụ huyện Bắc Hà"),
        (7, INDIVIDUAL, "Ông Lù Văn Pao"),
    ]


def test_xlsx_sheet_by_name_and_a_missing_sheet(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Bìa"
    sheet = workbook.create_sheet("Phụ lục")
    sheet.append(["STT", "Họ và tên", "Mã đơn vị", "Đối tượng"])
    sheet.append([1, "UBND huyện Bắc Hà", "bac-ha", "Tập thể"])
    workbook.save(tmp_path / "a.xlsx")
    rows, problems = annex.read_annex(tmp_path / "a.xlsx", "a.xlsx", sheet="Phụ lục")
    assert (len(rows), problems) == (1, [])
    rows, problems = annex.read_annex(tmp_path / "a.xlsx", "a.xlsx", sheet="Sheet9")
    assert rows == [] and isinstance(problems[0], AnnexError)
    assert '"Bìa", "Phụ lục"' in problems[0].hint


def test_windows_1258_and_utf16_are_refused(tmp_path):
    rows, problems = read(tmp_path, windows_1258(ANNEX_163))
    assert rows == [] and len(problems) == 1
    assert "Windows-1258" in problems[0].message
    assert "CSV UTF-8 (Comma delimited)" in problems[0].hint
    rows, problems = read(tmp_path, ANNEX_163.encode("utf-16"))
    assert rows == [] and "UTF-16" in problems[0].message


def test_rows_before_any_section_and_unknown_kinds(tmp_path):
    text = "STT,Họ và tên,Mã đơn vị,Loại\n1,UBND huyện Bắc Hà,bac-ha,Đơn vị\n"
    rows, problems = read(tmp_path, text)
    assert rows == [] and "không hợp lệ" in problems[0].message and problems[0].line == 2
    text = "STT,Họ và tên,Mã đơn vị\n1,UBND huyện Bắc Hà,bac-ha\n"
    rows, problems = read(tmp_path, text)
    assert rows == [] and "tập thể hay cá nhân" in problems[0].message


def test_missing_name_column(tmp_path):
    rows, problems = read(tmp_path, "STT,Chức vụ,Mã đơn vị\n1,,bac-ha\n")
    assert rows == [] and isinstance(problems[0], MissingFieldError)
    assert problems[0].field == "Họ và tên"


def test_every_bad_row_is_reported(tmp_path):
    text = ANNEX_163 + "3,,Chuyên viên,\nTổng cộng: 6,,,\n"
    rows, problems = read(tmp_path, text)
    assert len(rows) == 4
    assert [(p.line, p.field) for p in problems] == [
        (8, "Họ và tên"),
        (8, "Mã đơn vị"),
        (9, "Họ và tên"),
        (9, "Mã đơn vị"),
    ]


@pytest.mark.parametrize("header", ["Ho va ten", "họ và tên", "Họ tên", "Tên"])
def test_headers_without_diacritics_or_case(tmp_path, header):
    rows, problems = read(tmp_path, ANNEX_163.replace("Họ và tên", header))
    assert problems == [] and len(rows) == 4


def test_annex_file_not_found_and_hand_written_rows_together(tmp_path):
    decision = DECISION_163.replace(
        "phu_luc: 163-phu-luc.csv", "phu_luc: [163-phu-luc.csv, khong-co.xlsx]"
    )
    content = write(tmp_path, {D + "2023/163-qd-ubnd.yaml": decision})
    with pytest.raises(Exception) as raised:
        load_honours(content)
    assert 'Không tìm thấy tệp phụ lục "khong-co.xlsx"' in str(raised.value)
    decision = DECISION_163 + "ca_nhan:\n  - ten: Ông Vàng Seo Cháng\n    don_vi: si-ma-cai\n"
    data = load_honours(write(tmp_path / "b", {D + "2023/163-qd-ubnd.yaml": decision}))
    rows = data.decisions["163-qd-ubnd-2023"].recipients
    assert rows[0].name == "Ông Vàng Seo Cháng"  # hand-written rows first
    assert [r.index for r in rows] == [1, 2, 3, 4, 5]
