"""Every kind of bad input is reported with its file, line and field, a Vietnamese message and
a hint; all problems of all files come out of one run."""

import pytest

from plugins.honours.errors import (
    AnnexError,
    BlocError,
    DataSyntaxError,
    DuplicateError,
    InvalidValueError,
    MissingFieldError,
    RecipientKindError,
    UnitLifespanError,
    UnknownIdError,
)
from plugins.honours.loader import load_honours
from plugins.vietnamese.errors import SiteErrors
from tests.honours.helpers import (
    ANNEX_163,
    BLOCS,
    DECISION_58,
    DECISION_163,
    UNITS,
    D,
    only,
    problems,
    windows_1258,
    write,
)

ANNEX = D + "2023/163-phu-luc.csv"
DEC58 = D + "2023/58-qd-ubnd.yaml"
DEC163 = D + "2023/163-qd-ubnd.yaml"


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_unknown_unit_in_annex_suggests_the_closest_id(tmp_path):
    annex = ANNEX_163.replace("2,UBND xã Nàn Sán,,si-ma-cai", "2,UBND xã Nàn Sán,,si-ma-kai")
    error = only(problems(tmp_path, {ANNEX: annex}))
    assert isinstance(error, UnknownIdError)
    assert error.file == "content/honours/quyet-dinh/2023/163-phu-luc.csv"
    assert error.line == line_of(annex, "si-ma-kai")
    assert error.field == "Mã đơn vị"
    assert 'Không có đơn vị mã "si-ma-kai"' in error.message
    assert '"si-ma-cai"' in error.hint
    text = str(error)
    assert text.startswith(f"content/honours/quyet-dinh/2023/163-phu-luc.csv:{error.line}: LỖI")
    assert "Cách sửa:" in text


def test_a_unit_name_instead_of_its_id_gets_the_id_as_hint(tmp_path):
    decision = DECISION_58.replace("    don_vi: si-ma-cai", "    don_vi: Si Ma Cai")
    error = only(problems(tmp_path, {DEC58: decision}))
    assert isinstance(error, (InvalidValueError, UnknownIdError))
    assert "si-ma-cai" in error.hint
    assert error.line == line_of(decision, "don_vi: Si Ma Cai")


def test_unknown_honour_suggests_the_closest_id(tmp_path):
    decision = DECISION_163.replace("bang-khen-chu-tich-ubnd-tinh", "bang-khen-chu-tich-tinh")
    found = problems(tmp_path, {DEC163: decision})
    error = only(found, UnknownIdError)
    assert error.field == "hinh_thuc"
    assert error.line == line_of(decision, "hinh_thuc:")
    assert "bang-khen-chu-tich-ubnd-tinh" in error.hint
    assert "danh hiệu/hình thức" in error.message


def test_duplicate_decision_number(tmp_path):
    found = problems(tmp_path, {D + "2023/163-ban-sao.yaml": DECISION_163})
    error = only(found, DuplicateError)
    assert error.field == "so"
    assert "163/QĐ-UBND" in error.message and "trùng" in error.message
    assert "ma:" in error.hint
    # Same number in another year is another decision.
    other_year = DECISION_163.replace("ngay: 2023-12-18", "ngay: 2024-12-18")
    other_annex = {D + "2024/163-phu-luc.csv": ANNEX_163}
    data = load_honours(write(tmp_path / "b", {D + "2024/163.yaml": other_year, **other_annex}))
    assert {"163-qd-ubnd-2023", "163-qd-ubnd-2024"} <= set(data.decisions)


def test_collective_title_given_to_an_individual(tmp_path):
    decision = DECISION_58.replace("    hinh_thuc: chien-si-thi-dua-co-so\n", "")
    error = only(problems(tmp_path, {DEC58: decision}))
    assert isinstance(error, RecipientKindError)
    assert "Cờ thi đua của UBND tỉnh" in error.message
    assert "cá nhân" in error.message and "Ông Vàng Seo Cháng" in error.message
    assert error.line == line_of(decision, "- ten: Ông Vàng Seo Cháng")


def test_individual_title_given_to_a_collective(tmp_path):
    annex = ANNEX_163.replace(
        "STT,Họ và tên,Chức vụ,Mã đơn vị", "STT,Họ và tên,Chức vụ,Mã đơn vị,Hình thức"
    )
    annex = annex.replace(
        "1,Phòng Nội vụ huyện Bắc Hà,,bac-ha",
        "1,Phòng Nội vụ huyện Bắc Hà,,bac-ha,chien-si-thi-dua-co-so",
    )
    error = only(problems(tmp_path, {ANNEX: annex}))
    assert isinstance(error, RecipientKindError)
    assert error.field == "Hình thức"
    assert "tập thể" in error.message


def test_honour_after_the_unit_was_dissolved(tmp_path):
    late = DECISION_163.replace("ngay: 2023-12-18", "ngay: 2025-08-01")
    found = problems(tmp_path, {DEC163: late})
    errors = [p for p in found if isinstance(p, UnitLifespanError)]
    assert len(errors) == 2, found  # two rows of bac-ha in the annex
    assert all("đã giải thể từ 2025-07-01" in e.message for e in errors)
    assert all("xa-bac-ha" in e.hint for e in errors)
    assert {e.line for e in errors} == {
        line_of(ANNEX_163, "Phòng Nội vụ"),
        line_of(ANNEX_163, "Lù Văn Pao"),
    }


def test_honour_before_the_unit_existed(tmp_path):
    early = DECISION_58.replace("  - don_vi: bac-ha", "  - don_vi: xa-bac-ha")
    error = only(problems(tmp_path, {DEC58: early}))
    assert isinstance(error, UnitLifespanError)
    assert "chỉ có từ 2025-07-01" in error.message


def test_bloc_leader_who_is_not_a_member(tmp_path):
    blocs = BLOCS.replace(
        "thanh_vien: [bac-ha, si-ma-cai, tx-sa-pa]", "thanh_vien: [si-ma-cai, tx-sa-pa]"
    )
    blocs = blocs.replace('        - {don_vi: bac-ha, diem: "97,0"}\n', "")
    blocs = blocs.replace("      de_nghi_co_thi_dua: bac-ha\n", "")
    error = only(problems(tmp_path, {"honours/khoi-thi-dua.yaml": blocs}))
    assert isinstance(error, BlocError)
    assert error.field == "truong_khoi"
    assert error.line == line_of(blocs, "truong_khoi:")
    assert 'Trưởng khối "bac-ha" không phải thành viên' in error.message
    assert "năm 2023" in error.message


def test_malformed_dates(tmp_path):
    units = UNITS.replace("den_ngay: 2025-07-01", "den_ngay: 2025-13-01")
    decision = DECISION_163.replace("ngay: 2023-12-18", "ngay: 18-12-2023")
    found = problems(tmp_path, {"honours/don-vi.yaml": units, DEC163: decision})
    dates = [p for p in found if isinstance(p, InvalidValueError) and "Ngày" in p.message]
    assert {(p.file.rsplit("/", 1)[-1], p.field) for p in dates} == {
        ("don-vi.yaml", "den_ngay"),
        ("163-qd-ubnd.yaml", "ngay"),
    }
    assert all("2023-12-18" in p.hint for p in dates)


def test_missing_required_fields(tmp_path):
    decision = "\n".join(
        line for line in DECISION_163.splitlines() if not line.startswith(("co_quan", "thanh_tich"))
    )
    found = problems(tmp_path, {DEC163: decision})
    missing = {p.field for p in found if isinstance(p, MissingFieldError)}
    assert missing == {"co_quan", "thanh_tich"}
    assert all("Thiếu trường bắt buộc" in p.message for p in found)


def test_annex_with_a_missing_column(tmp_path):
    annex = ANNEX_163.replace(",Mã đơn vị", ",Đơn vị")
    error = only(problems(tmp_path, {ANNEX: annex}))
    assert isinstance(error, MissingFieldError)
    assert (error.field, error.line) == ("Mã đơn vị", 1)
    assert 'thiếu cột "Mã đơn vị"' in error.message


def test_annex_row_with_an_empty_name(tmp_path):
    annex = ANNEX_163.replace("2,Bà Giàng Thị Dung,", "2,,")
    error = only(problems(tmp_path, {ANNEX: annex}))
    assert isinstance(error, MissingFieldError)
    assert (error.field, error.line) == ("Họ và tên", line_of(annex, "2,,"))
    assert "không có tên" in error.message


def test_yaml_syntax_error_names_its_line(tmp_path):
    units = UNITS.replace("    ten_ngan: Si Ma Cai\n", "    ten_ngan: [Si Ma Cai\n")
    found = problems(tmp_path, {"honours/don-vi.yaml": units})
    error = only(found, DataSyntaxError)
    assert error.file == "content/honours/don-vi.yaml"
    assert error.line is not None and error.line >= line_of(units, "[Si Ma Cai")
    assert "Lỗi cú pháp YAML" in error.message
    # The references into the broken file are not reported as a flood of unknown ids.
    assert not [p for p in found if isinstance(p, UnknownIdError)]


def test_windows_1258_csv_is_refused_with_how_to_save_utf8(tmp_path):
    found = problems(tmp_path, {ANNEX: windows_1258(ANNEX_163)})
    error = only(found, AnnexError)
    assert "Windows-1258" in error.message
    assert "CSV UTF-8" in error.hint
    assert error.file.endswith("163-phu-luc.csv")


def test_unknown_field_suggests_the_right_one(tmp_path):
    units = UNITS.replace("    ke_thua: [xa-bac-ha]", "    ke_thua: [xa-bac-ha]\n    ten_ngna: x")
    error = only(problems(tmp_path, {"honours/don-vi.yaml": units}))
    assert error.field == "ten_ngna"
    assert '"ten_ngan"' in error.hint


def test_every_problem_of_every_file_in_one_run(tmp_path):
    changes = {
        "honours/khoi-thi-dua.yaml": BLOCS.replace("pho_khoi: si-ma-cai", "pho_khoi: bat-xat"),
        DEC58: DECISION_58.replace("ngay: 2023-01-10", "ngay: 2023-01-32"),
        ANNEX: ANNEX_163.replace("1,Phòng Nội vụ huyện Bắc Hà,,bac-ha", "1,,,bac-ha").replace(
            "tx-sa-pa", "sa-pa"
        ),
        D + "2024/hong.yaml": "so: 1/QĐ-UBND\nngay: [2024\n",
    }
    content = write(tmp_path, changes)
    with pytest.raises(SiteErrors) as raised:
        load_honours(content)
    files = {p.file.rsplit("/", 1)[-1] for p in raised.value.errors}
    assert files == {"khoi-thi-dua.yaml", "58-qd-ubnd.yaml", "163-phu-luc.csv", "hong.yaml"}
    assert len(raised.value.errors) == 5
    report = raised.value.report()
    assert report.endswith("Có 5 lỗi cần sửa trước khi xuất bản.")


def test_empty_data_files_are_errors_not_silence(tmp_path):
    found = problems(tmp_path, {"honours/don-vi.yaml": "# chưa có gì\n", D + "2024/trong.yaml": ""})
    empty = sorted(p.file.rsplit("/", 1)[-1] for p in found if "trống" in p.message)
    assert empty == ["don-vi.yaml", "trong.yaml"]
    # An empty units file is one error, not one per reference to a unit.
    assert not [p for p in found if isinstance(p, UnknownIdError)]
    # An empty (optional) blocs file means no blocs: a reference to one is an error.
    found = problems(tmp_path / "b", {"honours/khoi-thi-dua.yaml": ""})
    assert [p.field for p in found] == ["khoi"]


def test_an_impossible_date_in_a_data_file_is_worded_as_in_an_article(tmp_path):
    decision = DECISION_163.replace("ngay: 2023-12-18", "ngay: 31/02/2023")
    error = only(problems(tmp_path, {D + "2023/163-qd-ubnd.yaml": decision}))
    assert (error.line, error.field) == (2, "ngay")
    assert error.message.endswith(
        'sai: ngày "31/02/2023" không có thật: tháng 2 năm 2023 chỉ có 28 ngày.'
    )
    assert "2023-12-18" in error.hint
