"""Data for the notices' tests: the sample holidays files, and a small consultation."""

from __future__ import annotations

from tests.support import ROOT

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
    don_vi: xa-bac-ha
    thanh_tich: Hai mươi năm dạy học ở vùng cao, đưa 95% trẻ đến trường.
    giai_doan: 2019-2025
"""

CLOSED_2023 = """\
tieu_de: Lấy ý kiến về đề nghị tặng Bằng khen
co_quan: Ủy ban nhân dân tỉnh
hinh_thuc: bang-khen-chu-tich-ubnd-tinh
can_cu: Quy chế thi đua, khen thưởng của tỉnh
tu_ngay: 2023-04-25
so_ngay_lam_viec: 5
noi_nhan: Ban Thi đua - Khen thưởng
email: tdkt@example.vn
ung_vien:
  - ten: Ông Lù Văn Pao
    chuc_vu: Chủ tịch UBND huyện Bắc Hà
    don_vi: bac-ha
    thanh_tich: Thành tích riêng của ông Pao trong năm 2022.
    quyet_dinh: 163-qd-ubnd-2023
"""


def consultation_files(**extra: str) -> dict[str, str]:
    """Holidays 2023 and 2026, the open consultation of December 2026, and `extra`."""
    files = sample_holidays(2023, 2026)
    files[C + "ahld-2026.yaml"] = OPEN_CONSULTATION
    files.update(extra)
    return files
