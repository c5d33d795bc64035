"""Data for the notices' tests: the sample holidays files, and a small consultation."""

from __future__ import annotations

from tests.conftest import ROOT

HOLIDAYS_DIR = ROOT / "content" / "honours" / "ngay-nghi"
H = "honours/ngay-nghi/"
C = "honours/lay-y-kien/"


def sample_holidays(*years: int) -> dict[str, str]:
    """content/-relative path -> text of the sample holidays files of these years."""
    return {f"{H}{y}.yaml": (HOLIDAYS_DIR / f"{y}.yaml").read_text("utf-8") for y in years}


OPEN_CONSULTATION = """\
tieu_de: Lấy ý kiến nhân dân về đề nghị tặng danh hiệu Anh hùng Lao động
co_quan: Ủy ban nhân dân tỉnh
hinh_thuc: bang-khen-chu-tich-ubnd-tinh
can_cu: Khoản 1 Điều 46 Nghị định 98/2023/NĐ-CP
tu_ngay: 2026-12-01
so_ngay_lam_viec: 10
noi_nhan: Ban Thi đua - Khen thưởng, số 1 đường Hoàng Liên
email: tdkt@example.gov.vn
dien_thoai: 0214 3840 000
ung_vien:
  - ten: Bà Nguyễn Thị Hoa
    chuc_vu: Hiệu trưởng
    don_vi: bac-ha
    thanh_tich: Hai mươi năm dạy học ở vùng cao, đưa 95% trẻ đến trường.
    giai_doan: 2019-2025
"""
