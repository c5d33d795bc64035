"""The decision files (content/honours/quyet-dinh/), declared field by field: a decision, its
annex files, and the rows written in the file by hand.

The columns of an annex spreadsheet are in declared_annexes.py; see declarations.py for
the declarations of the other data files and what they share.
"""

from __future__ import annotations

from .convert import DATE, FILE, ID, LONG_TEXT, RECORDS, REF, TEXT
from .declarations import NOTE
from .schema import Field, Record

ANNEX_SPEC = Record(
    "phu_luc",
    "phụ lục",
    (
        Field("tep", "tên tệp", FILE, True, doc="tên tệp .xlsx hoặc .csv cạnh tệp quyết định"),
        Field("trang_tinh", "trang tính", TEXT, doc="tên trang tính (mặc định: trang đầu)"),
    ),
    title_key="tep",
)

ROW = Record(
    "dong",
    "dòng",
    (
        Field(
            "ten",
            "tên",
            TEXT,
            tidy=True,
            doc='tên tập thể, "Ông/Bà" và họ tên cá nhân, hoặc tên hộ; bắt buộc với cá nhân và '
            "hộ gia đình (tập thể không ghi tên: dùng tên đơn vị lúc quyết định)",
        ),
        Field("chuc_vu", "chức vụ", TEXT, doc="chức vụ của cá nhân"),
        Field("don_vi", "mã đơn vị", REF, True, ref="don_vi", doc="mã đơn vị"),
        Field(
            "hinh_thuc",
            "hình thức",
            REF,
            ref="danh_hieu",
            doc="mã danh hiệu, hình thức, khi khác hình thức của quyết định",
        ),
        Field("so_tien", "số tiền", TEXT, doc="tiền thưởng của dòng"),
        Field(
            "nam_thanh_tich",
            "năm thành tích",
            TEXT,
            doc="năm hoặc giai đoạn thành tích của dòng, khi khác của quyết định",
        ),
        NOTE,
    ),
    title_key="ten",
)


def _rows(key: str, label: str, doc: str) -> Field:
    return Field(key, label, RECORDS, record=ROW, doc=doc)


DECISION = Record(
    "quyet_dinh",
    "quyết định",
    (
        Field(
            "so",
            "số quyết định",
            TEXT,
            True,
            doc="số quyết định như in: `163/QĐ-UBND`, `312/QĐ-TTg`, `620/QĐ-CTN`",
        ),
        Field("ngay", "ngày ký", DATE, True, doc="ngày ký"),
        Field(
            "co_quan",
            "cơ quan ban hành",
            TEXT,
            True,
            doc="người, cơ quan ban hành **như ghi lúc ban hành** (`Chủ tịch UBND huyện Bắc Hà`)",
        ),
        Field(
            "don_vi_ban_hanh",
            "đơn vị ban hành",
            REF,
            ref="don_vi",
            doc="mã đơn vị của cơ quan ban hành (nếu có trong `don-vi.yaml`): đơn vị phải còn "
            "vào ngày ký",
        ),
        Field(
            "hinh_thuc",
            "hình thức",
            REF,
            True,
            ref="danh_hieu",
            doc="mã danh hiệu, hình thức (trong `danh-hieu.yaml`)",
        ),
        Field(
            "thanh_tich",
            "thành tích",
            LONG_TEXT,
            True,
            doc='thành tích: "Đã có thành tích xuất sắc ..."',
        ),
        Field(
            "nam_thanh_tich",
            "năm thành tích",
            TEXT,
            example="2023",
            doc="năm (`2023`) hoặc giai đoạn (`2019-2023`) của thành tích được khen, khác năm "
            "ký quyết định (thành tích năm 2023 thường được khen đầu năm 2024)",
        ),
        Field("trich_yeu", "trích yếu", LONG_TEXT, doc='"Về việc tặng ..."'),
        Field(
            "tien_thuong",
            "tiền thưởng",
            TEXT,
            doc="tiền thưởng như ghi trên quyết định (không tự tính)",
        ),
        Field(
            "loai_hinh",
            "loại hình",
            TEXT,
            doc="loại hình: Công trạng, Đột xuất, Theo phong trào thi đua chuyên đề...",
        ),
        Field("khoi", "khối", REF, ref="khoi", doc="mã khối thi đua liên quan"),
        Field(
            "phong_trao",
            "phong trào",
            REF,
            ref="phong_trao",
            doc="mã phong trào thi đua mà quyết định khen thưởng (trong `phong-trao.yaml`)",
        ),
        Field(
            "bai_viet",
            "bài viết",
            TEXT,
            doc="bài viết đưa tin quyết định (slug, hoặc `2023/12/slug`)",
        ),
        Field(
            "phu_luc",
            "phụ lục",
            RECORDS,
            record=ANNEX_SPEC,
            shorthand="tep",
            single=True,
            doc="tên tệp danh sách kèm theo (.xlsx hoặc .csv) cạnh tệp này; nhiều tệp: "
            '`[a.xlsx, b.csv]`; chọn trang tính: `{tep: a.xlsx, trang_tinh: "Phụ lục"}`',
        ),
        _rows("tap_the", "tập thể", "danh sách tập thể ghi tay (xem dưới)"),
        _rows("ca_nhan", "cá nhân", "danh sách cá nhân ghi tay"),
        _rows("ho_gia_dinh", "hộ gia đình", "danh sách hộ gia đình ghi tay"),
        Field(
            "ma",
            "mã riêng",
            ID,
            doc="mã riêng, chỉ khi hai quyết định có cùng số và cùng năm (của hai cơ quan "
            "khác nhau)",
        ),
        NOTE,
    ),
    title_key="so",
)
