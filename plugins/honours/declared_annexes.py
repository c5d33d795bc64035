"""The columns of an annex spreadsheet (.xlsx or .csv beside a decision file), declared
column by column: the allowlist annex.py reads and privacy.py enforces.

See declarations.py for the declarations of the other data files and what they share.
"""

from __future__ import annotations

from .convert import CHOICE, REF, TEXT
from .model_vocabulary import RECIPIENT_KINDS
from .schema import Field, Record

# The columns of an annex spreadsheet, in any order; a column is known by any of its headers,
# compared without case or diacritics (annex.py). A row's kind comes from "Đối tượng" or from
# section rows ("I. Tập thể").
ANNEX_COLUMNS = Record(
    "cot_phu_luc",
    "cột phụ lục",
    (
        Field("stt", "STT", TEXT, aliases=("stt", "tt", "so tt", "so thu tu"), doc="số thứ tự"),
        Field(
            "name",
            "Họ và tên",
            TEXT,
            True,
            aliases=(
                "ho va ten",
                "ho ten",
                "ten",
                "ten tap the",
                "ten tap the, ca nhan",
                "ten tap the/ca nhan",
                "ten tap the, ca nhan, ho gia dinh",
                "ho va ten/ten tap the",
            ),
            doc='(hoặc Tên, Tên tập thể, cá nhân) tên tập thể, "Ông/Bà" và họ tên cá nhân, hoặc '
            "tên hộ; ô trống là lỗi",
        ),
        Field(
            "position",
            "Chức vụ",
            TEXT,
            aliases=("chuc vu", "chuc danh", "chuc vu, chuc danh"),
            doc="chức vụ của cá nhân",
        ),
        Field(
            "unit_id",
            "Mã đơn vị",
            REF,
            True,
            ref="don_vi",
            aliases=("ma don vi", "ma dv"),
            doc="mã đơn vị trong `don-vi.yaml` (ví dụ `bac-ha`)",
        ),
        Field(
            "unit_name",
            "Đơn vị",
            TEXT,
            aliases=("don vi", "ten don vi", "don vi cong tac"),
            doc="tên đơn vị như trong bản gốc (chỉ để đối chiếu)",
        ),
        Field(
            "honour_id",
            "Hình thức",
            REF,
            ref="danh_hieu",
            aliases=("hinh thuc", "ma hinh thuc", "hinh thuc khen thuong", "danh hieu"),
            doc="mã danh hiệu, hình thức, khi dòng này khác hình thức của quyết định",
        ),
        Field(
            "money",
            "Số tiền",
            TEXT,
            aliases=("so tien", "tien thuong", "so tien thuong"),
            doc="tiền thưởng của dòng, như ghi trên quyết định",
        ),
        Field(
            "kind",
            "Đối tượng",
            CHOICE,
            choices=RECIPIENT_KINDS,
            aliases=("doi tuong", "loai doi tuong", "loai", "phan"),
            doc="Tập thể, Cá nhân hoặc Hộ gia đình",
        ),
        Field(
            "period",
            "Năm thành tích",
            TEXT,
            aliases=("nam thanh tich", "thoi ky thanh tich", "giai doan thanh tich"),
            doc="năm (`2023`) hoặc giai đoạn (`2019-2023`) thành tích của dòng, khi khác của "
            "quyết định",
        ),
    ),
    title_key=None,
    columns=True,
    doc="Chỉ các cột này được dùng (danh sách cho phép): một cột khác là lỗi, một cột dữ liệu "
    "cá nhân (Ngày sinh, CCCD, Địa chỉ, Số điện thoại, Dân tộc, Tôn giáo...) là lỗi nêu tên "
    "tệp và tên cột (plugins/honours/privacy.py).",
)
