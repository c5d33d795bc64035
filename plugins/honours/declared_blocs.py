"""The emulation blocs, content/honours/khoi-thi-dua.yaml, declared field by field: a bloc,
its years (members, roles, pledge, ranking) and a ranking's entries.

See declarations.py for the declarations of the other data files and what they share.
"""

from __future__ import annotations

from .convert import DATE, ID, LONG_TEXT, RECORDS, REF, REFS, TEXT, YEAR
from .declarations import NOTE
from .schema import Field, Record

RANKING = Record(
    "xep_hang",
    "mục xếp hạng",
    (
        Field("don_vi", "đơn vị", REF, True, ref="don_vi"),
        Field("diem", "điểm", TEXT),
    ),
    title_key="don_vi",
)


def _role(key: str, label: str, doc: str) -> Field:
    return Field(key, label, REF, ref="don_vi", doc=doc)


BLOC_YEAR = Record(
    "nam_thi_dua",
    "năm thi đua",
    (
        Field("nam", "năm", YEAR, True, doc="năm thi đua"),
        Field(
            "thanh_vien",
            "thành viên",
            REFS,
            True,
            ref="don_vi",
            example="bac-ha, bat-xat",
            doc="mã các đơn vị thành viên năm đó",
        ),
        _role("truong_khoi", "Trưởng khối", "đơn vị Trưởng khối; phải là thành viên năm đó"),
        _role("pho_khoi", "Phó khối", "đơn vị Phó khối; phải là thành viên, khác Trưởng khối"),
        Field("ngay_ky_giao_uoc", "ngày ký giao ước", DATE, doc="ngày ký giao ước thi đua"),
        Field(
            "bai_viet_giao_uoc",
            "bài viết về lễ ký",
            TEXT,
            doc="bài viết đưa tin lễ ký: phần cuối địa chỉ bài (slug), hoặc `2023/12/slug` nếu "
            "có hai bài trùng tên",
        ),
        Field(
            "xep_hang",
            "xếp hạng",
            RECORDS,
            record=RANKING,
            shorthand="don_vi",
            doc="khi đã công bố: các đơn vị theo thứ hạng, mỗi mục là mã hoặc "
            '`{don_vi: ..., diem: "..."}`',
        ),
        _role(
            "de_nghi_co_thi_dua",
            "Đơn vị đề nghị Cờ thi đua",
            "đơn vị được suy tôn, đề nghị Cờ thi đua của UBND tỉnh",
        ),
        _role(
            "de_nghi_co_chinh_phu",
            "Đơn vị đề nghị Cờ thi đua của Chính phủ",
            "đơn vị được đề nghị Cờ thi đua của Chính phủ",
        ),
        Field("ghi_chu", "ghi chú", LONG_TEXT, doc="ghi chú, hiện trên trang khối"),
    ),
    title_key="nam",
)

BLOC = Record(
    "khoi",
    "khối",
    (
        Field("id", "mã", ID, True, doc="mã khối"),
        Field("ten", "tên", TEXT, True, tidy=True, doc="tên khối"),
        Field("mo_ta", "mô tả", LONG_TEXT, doc="giới thiệu, hiện trên trang khối"),
        Field("cac_nam", "các năm", RECORDS, record=BLOC_YEAR, doc="mỗi năm một mục (bảng dưới)"),
        NOTE,
    ),
)
