"""A small, valid honours data set for the tests, and ways to break it one file at a time."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from plugins.honours.loader import load_honours
from plugins.vietnamese.errors import SiteErrors
from tests.support import make_content

VOCABULARY = """\
- id: huan-chuong-lao-dong-hang-ba
  ten: Huân chương Lao động hạng Ba
  loai: hinh_thuc
  nhom: Huân chương
  hang: Ba
  doi_tuong: [tap_the, ca_nhan]
  thu_tu: 142
- id: co-thi-dua-ubnd-tinh
  ten: Cờ thi đua của UBND tỉnh
  loai: danh_hieu
  doi_tuong: [tap_the]
  thu_tu: 620
- id: bang-khen-chu-tich-ubnd-tinh
  ten: Bằng khen của Chủ tịch UBND tỉnh
  loai: hinh_thuc
  doi_tuong: [tap_the, ca_nhan, ho_gia_dinh]
  thu_tu: 630
- id: chien-si-thi-dua-co-so
  ten: Chiến sĩ thi đua cơ sở
  loai: danh_hieu
  doi_tuong: [ca_nhan]
  thu_tu: 710
- id: gia-dinh-van-hoa
  ten: Gia đình văn hóa
  loai: danh_hieu
  doi_tuong: [ho_gia_dinh]
  thu_tu: 930
"""

UNITS = """\
loai_don_vi:
  - id: huyen
    ten: Huyện, thị xã, thành phố
  - id: xa
    ten: Xã, phường
don_vi:
  - id: bac-ha
    ten: UBND huyện Bắc Hà
    ten_ngan: Bắc Hà
    loai: huyen
    ten_khac: [huyện Bắc Hà, Bắc Hà]
    den_ngay: 2025-07-01
    ke_thua: [xa-bac-ha]
  - id: si-ma-cai
    ten: UBND huyện Si Ma Cai
    ten_ngan: Si Ma Cai
    loai: huyen
    ten_khac: [huyện Si Ma Cai]
  - id: tx-sa-pa
    ten: UBND thị xã Sa Pa
    ten_ngan: Sa Pa
    loai: huyen
    ten_cu:
      - ten: UBND huyện Sa Pa
        den_ngay: 2020-01-01
  - id: xa-bac-ha
    ten: UBND xã Bắc Hà
    ten_ngan: Xã Bắc Hà
    loai: xa
    cap_tren: bac-ha
    tu_ngay: 2025-07-01
"""

BLOCS = """\
- id: khoi-huyen
  ten: Khối thi đua các huyện, thị xã, thành phố
  cac_nam:
    - nam: 2023
      thanh_vien: [bac-ha, si-ma-cai, tx-sa-pa]
      truong_khoi: bac-ha
      pho_khoi: si-ma-cai
      ngay_ky_giao_uoc: 2023-02-16
      xep_hang:
        - {don_vi: bac-ha, diem: "97,0"}
        - si-ma-cai
      de_nghi_co_thi_dua: bac-ha
"""

DECISION_163 = """\
so: 163/QĐ-UBND
ngay: 2023-12-18
co_quan: Chủ tịch UBND tỉnh
hinh_thuc: bang-khen-chu-tich-ubnd-tinh
thanh_tich: Đã có thành tích xuất sắc trong phong trào thi đua năm 2023
khoi: khoi-huyen
phu_luc: 163-phu-luc.csv
"""

ANNEX_163 = """\
STT,Họ và tên,Chức vụ,Mã đơn vị
I. Tập thể,,,
1,Phòng Nội vụ huyện Bắc Hà,,bac-ha
2,UBND xã Nàn Sán,,si-ma-cai
II. Cá nhân,,,
1,Ông Lù Văn Pao,Chủ tịch UBND huyện Bắc Hà,bac-ha
2,Bà Giàng Thị Dung,Chủ tịch UBND thị xã Sa Pa,tx-sa-pa
"""

DECISION_58 = """\
so: 58/QĐ-UBND
ngay: 2023-01-10
co_quan: Chủ tịch UBND tỉnh
hinh_thuc: co-thi-dua-ubnd-tinh
thanh_tich: Dẫn đầu phong trào thi đua năm 2022
tap_the:
  - don_vi: bac-ha
ca_nhan:
  - ten: Ông Vàng Seo Cháng
    chuc_vu: Chủ tịch UBND huyện Si Ma Cai
    don_vi: si-ma-cai
    hinh_thuc: chien-si-thi-dua-co-so
"""

DECISION_415 = """\
so: 415/QĐ-UBND
ngay: 2025-11-28
co_quan: Chủ tịch UBND xã Bắc Hà
hinh_thuc: gia-dinh-van-hoa
thanh_tich: Đạt tiêu chuẩn danh hiệu Gia đình văn hóa năm 2025
ho_gia_dinh:
  - ten: Hộ ông Sần Seo Dìn
    don_vi: xa-bac-ha
"""

D = "honours/quyet-dinh/"


def honours_files() -> dict[str, str | bytes]:
    """content/-relative path -> text: a valid data set (4 units, 1 bloc, 3 decisions)."""
    return {
        "honours/danh-hieu.yaml": VOCABULARY,
        "honours/don-vi.yaml": UNITS,
        "honours/khoi-thi-dua.yaml": BLOCS,
        D + "2023/163-qd-ubnd.yaml": DECISION_163,
        D + "2023/163-phu-luc.csv": ANNEX_163,
        D + "2023/58-qd-ubnd.yaml": DECISION_58,
        D + "2025/415-qd-ubnd.yaml": DECISION_415,
    }


def write(tmp_path: Path, changes: dict | None = None, drop: tuple = ()) -> Path:
    """A content/ folder holding the small data set, with `changes` applied (None = delete)."""
    files = honours_files()
    for key, value in (changes or {}).items():
        if value is None:
            files.pop(key, None)
        else:
            files[key] = value
    for key in drop:
        files.pop(key, None)
    return make_content(tmp_path / "content", files)


def problems(tmp_path: Path, changes: dict | None = None) -> list:
    """The problems load_honours reports for the data set with `changes` (must fail)."""
    content = write(tmp_path, changes)
    with pytest.raises(SiteErrors) as raised:
        load_honours(content)
    return raised.value.problems


def only(found: list, kind=None):
    """The single problem found (of that kind), with a readable failure otherwise."""
    chosen = [p for p in found if kind is None or isinstance(p, kind)]
    assert len(chosen) == 1, "\n".join(str(p) for p in found)
    return chosen[0]


TONES = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """Text as Excel on Vietnamese Windows saves a CSV: Windows-1258, tones as combining marks."""
    import unicodedata

    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def bomb(unpacked: int = 20 * 1024 * 1024) -> bytes:
    """A zip in the shape of a workbook whose sheet unpacks to `unpacked` bytes of zeros."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * unpacked)
    return data.getvalue()
