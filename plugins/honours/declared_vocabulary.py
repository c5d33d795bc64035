"""The honours vocabulary, content/honours/danh-hieu.yaml, declared field by field.

See declarations.py for the declarations of the other data files and what they share.
"""

from __future__ import annotations

from .convert import CHOICE, CHOICES, ID, INT, TEXT
from .declarations import NOTE
from .model_vocabulary import FORM, RECIPIENT_KINDS, TITLE
from .schema import Field, Record

HONOUR = Record(
    "danh_hieu",
    "danh hiệu",
    (
        Field("id", "mã", ID, True, doc="mã, dùng trong quyết định (`hinh_thuc: ...`)"),
        Field("ten", "tên", TEXT, True, tidy=True, doc="tên đầy đủ như in trên quyết định"),
        Field(
            "loai",
            "loại",
            CHOICE,
            True,
            choices=(TITLE, FORM),
            doc="`danh_hieu` (danh hiệu thi đua) hoặc `hinh_thuc` (hình thức khen thưởng)",
        ),
        Field(
            "doi_tuong",
            "đối tượng được tặng",
            CHOICES,
            True,
            choices=RECIPIENT_KINDS,
            example="tap_the, ca_nhan",
            doc="ai được tặng: `tap_the`, `ca_nhan`, `ho_gia_dinh` (một hoặc nhiều)",
        ),
        Field(
            "thu_tu",
            "thứ tự",
            INT,
            True,
            example="10",
            doc="thứ tự trao tặng: số nhỏ hơn là cao hơn, được xếp trước trên các trang",
        ),
        Field("nhom", "nhóm", TEXT, doc="nhóm: Huân chương, Huy chương, Bằng khen, Giấy khen..."),
        Field("hang", "hạng", TEXT, doc="hạng, nếu có: Nhất, Nhì, Ba"),
        Field("cap", "cấp", TEXT, doc="cấp: Nhà nước, Chính phủ, Tỉnh, Cơ sở"),
        NOTE,
    ),
)
