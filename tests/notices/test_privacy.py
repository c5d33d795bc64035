"""Privacy by design: annex columns on an allowlist, personal-data columns and fields refused
with the file and the column, nothing published; the data policy page says the same."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from plugins.honours import annex
from plugins.honours.privacy import PrivacyError, personal
from tests.honours.helpers import ANNEX_163, DECISION_163, D, only, problems, write
from tests.support import pelican_build
from tools import build as site_build

PERSONAL_COLUMNS = [
    "Ngày sinh",
    "Năm sinh",
    "CCCD",
    "CMND",
    "Số định danh",
    "Địa chỉ",
    "Quê quán",
    "Số điện thoại",
    "Email",
    "Dân tộc",
    "Tôn giáo",
    "Ngày/tháng/năm sinh",
    "Số CCCD",
    "ĐỊA CHỈ THƯỜNG TRÚ",
]


def with_column(header: str, value: str = "x") -> str:
    lines = ANNEX_163.splitlines()
    out = [lines[0] + f",{header}"]
    for line in lines[1:]:
        out.append(line + ("," if line.count(",") == 3 and line.endswith(",,,") else f",{value}"))
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("header", PERSONAL_COLUMNS)
def test_a_personal_data_column_is_refused_naming_file_and_column(tmp_path, header):
    found = problems(tmp_path, {D + "2023/163-phu-luc.csv": with_column(header)})
    problem = only(found, PrivacyError)
    assert problem.file == "content/honours/quyet-dinh/2023/163-phu-luc.csv"
    assert problem.line == 1
    assert problem.field == header
    assert f'cột "{header}"' in problem.message
    assert "dữ liệu cá nhân" in problem.message
    assert "91/2025/QH15" in problem.message


def test_an_empty_personal_column_is_refused_too(tmp_path):
    found = problems(tmp_path, {D + "2023/163-phu-luc.csv": with_column("Ngày sinh", "")})
    assert only(found, PrivacyError).field == "Ngày sinh"


def test_a_column_not_on_the_allowlist_is_refused(tmp_path):
    found = problems(tmp_path, {D + "2023/163-phu-luc.csv": with_column("Ghi chú")})
    problem = only(found, PrivacyError)
    assert "không có trong danh sách cột được đăng" in problem.message
    assert "Họ và tên" in problem.hint


def test_every_allowed_header_is_recognised():
    for header in annex.ALLOWED_HEADERS:
        assert annex._HEADER_LOOKUP.get(annex._header_key(header)), header
        assert personal(header) is None


@pytest.mark.parametrize("key", ["ngay_sinh", "cccd", "dia_chi", "so_dien_thoai", "dan_toc"])
def test_a_personal_data_field_in_a_data_file_is_refused(tmp_path, key):
    text = DECISION_163 + "ca_nhan:\n  - ten: Ông A\n    don_vi: bac-ha\n    " + key + ": x\n"
    found = problems(tmp_path, {D + "2023/163-qd-ubnd.yaml": text})
    problem = only(found, PrivacyError)
    assert problem.file == "content/honours/quyet-dinh/2023/163-qd-ubnd.yaml"
    assert problem.line == 11
    assert problem.field == key
    assert "dữ liệu cá nhân" in problem.message


def test_nothing_is_published(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("<p>cũ</p>", encoding="utf-8")
    content = write(tmp_path, {D + "2023/163-phu-luc.csv": with_column("Ngày sinh", "1970")})
    code = site_build.main(["--content", str(content), "--output", str(output)])
    assert code == 1
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert not list(tmp_path.rglob("*.html"))[1:]  # no staged page left behind either


def test_the_data_policy_page(tmp_path):
    output = pelican_build(write(tmp_path), tmp_path / "output")
    page = BeautifulSoup(
        (output / "chinh-sach-du-lieu/index.html").read_text("utf-8"), "html.parser"
    )
    text = page.get_text(" ", strip=True)
    assert page.h1.get_text() == "Chính sách dữ liệu"
    for words in ("06/2022/QH15", "91/2025/QH15", "ngày sinh", "Mã đơn vị", "Liên hệ"):
        assert words in text
    assert "thời hạn lấy ý kiến" in text
