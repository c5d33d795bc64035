"""Privacy by design: which columns an annex or a data file may hold (pure).

Honours are public by the honours law's principle of openness (names, positions, units,
honours, decisions); dates of birth, ID numbers, addresses, phone numbers and e-mail are
personal data, ethnicity and religion sensitive data (Luật Bảo vệ dữ liệu cá nhân
91/2025/QH15, Nghị định 356/2025/NĐ-CP): they are never published. An annex column is either
on the allowlist (annex.COLUMNS), or refused: a personal-data column with its own message,
any other column because nothing unknown is published. Data files are declared field by
field (schema.py refuses unknown keys); a personal-data key gets the same message.
"""

from __future__ import annotations

import re

from plugins.vietnamese.text import fold

from .errors import HonoursError

LAW = "Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15"

# folded words -> what they are (shown in the message). A header or key is personal when
# its folded words equal one of these or begin with one of them.
PERSONAL: dict[str, str] = {
    "ngay sinh": "ngày sinh",
    "ngay thang nam sinh": "ngày sinh",
    "sinh ngay": "ngày sinh",
    "nam sinh": "năm sinh",
    "cccd": "số căn cước công dân",
    "so cccd": "số căn cước công dân",
    "can cuoc": "số căn cước",
    "so can cuoc": "số căn cước",
    "can cuoc cong dan": "số căn cước công dân",
    "cmnd": "số chứng minh nhân dân",
    "so cmnd": "số chứng minh nhân dân",
    "chung minh nhan dan": "số chứng minh nhân dân",
    "so dinh danh": "số định danh cá nhân",
    "ma dinh danh": "số định danh cá nhân",
    "dinh danh": "số định danh cá nhân",
    "ho chieu": "số hộ chiếu",
    "dia chi": "địa chỉ",
    "noi o": "địa chỉ",
    "cho o": "địa chỉ",
    "noi cu tru": "địa chỉ",
    "thuong tru": "địa chỉ",
    "tam tru": "địa chỉ",
    "que quan": "quê quán",
    "nguyen quan": "quê quán",
    "so dien thoai": "số điện thoại",
    "dien thoai": "số điện thoại",
    "sdt": "số điện thoại",
    "dtdd": "số điện thoại",
    "email": "thư điện tử",
    "e mail": "thư điện tử",
    "thu dien tu": "thư điện tử",
    "dan toc": "dân tộc (dữ liệu nhạy cảm)",
    "ton giao": "tôn giáo (dữ liệu nhạy cảm)",
}
_SEP = re.compile(r"[^a-z0-9]+")


class PrivacyError(HonoursError):
    """A column or field that would publish personal data, or a column not on the allowlist."""


def words(name: str) -> str:
    """ "Ngày/tháng/năm sinh" -> "ngay thang nam sinh"; "so_dien_thoai" -> "so dien thoai"."""
    return " ".join(_SEP.split(fold(str(name)))).strip()


def personal(name: str) -> str | None:
    """What personal data a column or key named `name` holds, or None."""
    found = words(name)
    if not found:
        return None
    for key in sorted(PERSONAL, key=len, reverse=True):
        if found == key or found.startswith(key + " "):
            return PERSONAL[key]
    return None


def column_problem(file: str, line, header: str, allowed: str) -> PrivacyError:
    """The error for an annex column that is not on the allowlist."""
    what = personal(header)
    if what:
        return PrivacyError(
            file=file,
            line=line,
            field=header,
            message=f'Phụ lục có cột "{header}" ({what}): đây là dữ liệu cá nhân, không được '
            f"đăng công khai ({LAW}); trang chưa được xây dựng.",
            hint=f'Xóa cột "{header}" khỏi tệp (kể cả khi để trống). Chỉ dùng các cột: {allowed}.',
        )
    return PrivacyError(
        file=file,
        line=line,
        field=header,
        message=f'Cột "{header}" của phụ lục không có trong danh sách cột được đăng '
        "(column not on the allowlist).",
        hint=f"Chỉ dùng các cột: {allowed}. Xóa cột này, hoặc đổi tên tiêu đề nếu là một "
        "trong các cột trên.",
    )
