"""The units, content/honours/don-vi.yaml, declared field by field: kinds of unit, units and
their former names, and the file that holds both lists.

See declarations.py for the declarations of the other data files and what they share.
"""

from __future__ import annotations

from .convert import DATE, ID, LONG_TEXT, RECORDS, REF, REFS, TEXT, TEXTS
from .declarations import NOTE
from .schema import Field, Record

UNIT_KIND = Record(
    "loai_don_vi",
    "loại đơn vị",
    (
        Field("id", "mã", ID, True, doc="mã loại, dùng ở `loai` của đơn vị"),
        Field("ten", "tên", TEXT, True, tidy=True, doc="tên loại, hiện trên trang `/don-vi/`"),
        NOTE,
    ),
)

FORMER_NAME = Record(
    "ten_cu",
    "tên cũ",
    (
        Field("ten", "tên cũ", TEXT, True, tidy=True, doc="tên trước đây"),
        Field("den_ngay", "ngày đổi tên", DATE, True, doc="ngày đầu tiên dùng tên mới"),
    ),
    title_key="ten",
)

UNIT = Record(
    "don_vi",
    "đơn vị",
    (
        Field("id", "mã", ID, True, doc="mã đơn vị, không đổi về sau"),
        Field(
            "ten", "tên", TEXT, True, tidy=True, doc="tên chính thức (hiện nay, hoặc lúc giải thể)"
        ),
        Field(
            "ten_ngan",
            "tên ngắn",
            TEXT,
            tidy=True,
            doc="tên ngắn để hiển thị (mặc định bằng `ten`)",
        ),
        Field("loai", "loại", REF, True, ref="loai_don_vi", doc="một mã trong `loai_don_vi`"),
        Field("cap_tren", "đơn vị cấp trên", REF, ref="don_vi", doc="mã đơn vị cấp trên"),
        Field(
            "ten_khac",
            "tên gọi khác",
            TEXTS,
            tidy=True,
            example='"huyện Bắc Hà", "Bắc Hà"',
            doc="các cách viết tên hay gặp trong bài viết; trang dùng chúng để tự gắn bài viết "
            "với đơn vị",
        ),
        Field("tu_ngay", "ngày thành lập", DATE, doc="ngày thành lập"),
        Field(
            "den_ngay",
            "ngày không còn",
            DATE,
            doc="ngày **đầu tiên** đơn vị không còn (giải thể, sáp nhập); ví dụ `2025-07-01`",
        ),
        Field(
            "ke_thua",
            "đơn vị kế thừa",
            REFS,
            ref="don_vi",
            example="xa-bac-ha",
            doc="mã các đơn vị kế thừa; cần có `den_ngay`",
        ),
        Field(
            "ten_cu",
            "tên cũ",
            RECORDS,
            record=FORMER_NAME,
            doc="các tên trước đây: mỗi mục `{ten: ..., den_ngay: ngày đổi tên}`",
        ),
        Field("mo_ta", "mô tả", LONG_TEXT, doc="một đoạn giới thiệu, hiện trên trang đơn vị"),
        NOTE,
    ),
)

UNITS_FILE = Record(
    "tep_don_vi",
    "tệp đơn vị",
    (
        Field("loai_don_vi", "loại đơn vị", RECORDS, True, record=UNIT_KIND),
        Field("don_vi", "đơn vị", RECORDS, True, record=UNIT),
    ),
    title_key=None,
)
