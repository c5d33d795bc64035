"""Every data file of content/honours/, declared once, field by field (see schema.py).

Loading (loader.py), messages, the staff guide's field tables (docs/du-lieu-khen-thuong.md,
made by fieldtables.py and checked by a test) and the references integrity.py checks all
derive from these declarations. A new field is one line here (plus its test).
"""

from __future__ import annotations

from .convert import (
    CHOICE,
    CHOICES,
    DATE,
    FILE,
    ID,
    INT,
    LONG_TEXT,
    RECORDS,
    REF,
    REFS,
    TEXT,
    TEXTS,
    YEAR,
)
from .model_vocabulary import FORM, RECIPIENT_KINDS, TITLE
from .schema import Field, Record

# What a REF field may name: record name -> (label, file that lists them).
TARGETS = {
    "don_vi": ("đơn vị", "content/honours/don-vi.yaml"),
    "loai_don_vi": ("loại đơn vị", "phần loai_don_vi của content/honours/don-vi.yaml"),
    "danh_hieu": ("danh hiệu, hình thức", "content/honours/danh-hieu.yaml"),
    "khoi": ("khối", "content/honours/khoi-thi-dua.yaml"),
    "phong_trao": ("phong trào", "content/honours/phong-trao.yaml"),
}

NOTE = Field("ghi_chu", "ghi chú", LONG_TEXT, doc="ghi chú nội bộ, không hiện trên trang")

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

# The records whose field tables the staff guide shows, in its order.
DOCUMENTED = (HONOUR, UNIT_KIND, UNIT, BLOC, BLOC_YEAR, DECISION, ROW, ANNEX_COLUMNS)
