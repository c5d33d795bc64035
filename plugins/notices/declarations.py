"""The notices' data files, declared with the honours schema engine (plugins/honours/schema.py).

    content/honours/ngay-nghi/<năm>.yaml   days off and compensatory working days of a year
    content/honours/lay-y-kien/<mã>.yaml   one public consultation of nominees per file
    content/honours/phong-trao.yaml        emulation campaigns

The staff guide's field tables come from these declarations (DOCUMENTED).
"""

from __future__ import annotations

from plugins.honours.convert import (
    CHOICE,
    DATE,
    ID,
    INT,
    LONG_TEXT,
    RECORDS,
    REF,
    REFS,
    TEXT,
    YEAR,
)
from plugins.honours.model_vocabulary import COLLECTIVE, INDIVIDUAL
from plugins.honours.schema import Field, Record

HOLIDAYS_DIR = "ngay-nghi"
CONSULTATIONS_DIR = "lay-y-kien"
CAMPAIGNS_FILE = "phong-trao.yaml"

DAY = Record(
    "ngay",
    "ngày",
    (
        Field("ten", "tên", TEXT, True, doc="tên ngày nghỉ hay lý do làm bù"),
        Field("ngay", "ngày", DATE, doc="một ngày"),
        Field("tu_ngay", "từ ngày", DATE, doc="ngày đầu của một khoảng (thay cho `ngay`)"),
        Field("den_ngay", "đến ngày", DATE, doc="ngày cuối của khoảng, tính cả ngày này"),
    ),
    title_key="ten",
)

HOLIDAYS = Record(
    "ngay_nghi",
    "tệp ngày nghỉ",
    (
        Field("nam", "năm", YEAR, True, doc="năm của tệp; trùng tên tệp (`2026.yaml`)"),
        Field(
            "ngay_nghi",
            "ngày nghỉ",
            RECORDS,
            True,
            record=DAY,
            doc="các ngày nghỉ lễ, Tết và ngày nghỉ bù: mỗi mục `{ten, ngay}` hoặc "
            "`{ten, tu_ngay, den_ngay}`",
        ),
        Field(
            "ngay_lam_bu",
            "ngày làm bù",
            RECORDS,
            record=DAY,
            doc="thứ Bảy, Chủ nhật được đổi thành ngày làm việc: mỗi mục `{ten, ngay}`",
        ),
        Field("nguon", "nguồn", LONG_TEXT, doc="văn bản, thông báo công bố lịch nghỉ năm đó"),
    ),
    title_key=None,
)

NOMINEE = Record(
    "ung_vien",
    "người được đề nghị",
    (
        Field("ten", "tên", TEXT, True, tidy=True, doc="họ và tên (Ông/Bà ...) hoặc tên tập thể"),
        Field(
            "doi_tuong",
            "đối tượng",
            CHOICE,
            choices=(INDIVIDUAL, COLLECTIVE),
            doc="`ca_nhan` (mặc định) hoặc `tap_the`",
        ),
        Field("chuc_vu", "chức vụ", TEXT, doc="chức vụ của cá nhân"),
        Field("don_vi", "mã đơn vị", REF, True, ref="don_vi", doc="mã đơn vị công tác"),
        Field(
            "thanh_tich",
            "tóm tắt thành tích",
            LONG_TEXT,
            True,
            doc="tóm tắt thành tích; **không còn hiện sau khi hết hạn lấy ý kiến**",
        ),
        Field("giai_doan", "giai đoạn", TEXT, doc="thời kỳ lập thành tích, ví dụ `2019-2024`"),
        Field(
            "quyet_dinh",
            "quyết định khen thưởng",
            TEXT,
            doc="khi đã được khen: mã trang quyết định, ví dụ `1520-qd-ctn-2023` (hai trang "
            "liên kết với nhau)",
        ),
        Field("ket_qua", "kết quả", TEXT, doc="kết quả với người này, nếu chưa có quyết định"),
    ),
    title_key="ten",
)

CONSULTATION = Record(
    "lay_y_kien",
    "đợt lấy ý kiến",
    (
        Field("tieu_de", "tiêu đề", TEXT, True, tidy=True, doc="tiêu đề thông báo"),
        Field("co_quan", "cơ quan đề nghị", TEXT, True, doc="cơ quan đề nghị khen thưởng"),
        Field(
            "hinh_thuc",
            "hình thức đề nghị",
            REF,
            True,
            ref="danh_hieu",
            doc="mã danh hiệu, hình thức được đề nghị (trong `danh-hieu.yaml`)",
        ),
        Field("can_cu", "căn cứ", LONG_TEXT, True, doc="căn cứ pháp lý của việc lấy ý kiến"),
        Field("tu_ngay", "ngày bắt đầu", DATE, True, doc="ngày bắt đầu nhận ý kiến"),
        Field(
            "so_ngay_lam_viec",
            "số ngày làm việc",
            INT,
            True,
            example="10",
            doc="thời hạn, tính bằng ngày làm việc (không tính thứ Bảy, Chủ nhật, ngày nghỉ "
            "lễ, Tết); ngày cuối được tự tính",
        ),
        Field("noi_nhan", "nơi nhận ý kiến", LONG_TEXT, True, doc="địa chỉ nhận ý kiến"),
        Field("email", "thư điện tử", TEXT, doc="địa chỉ thư điện tử nhận ý kiến"),
        Field("dien_thoai", "điện thoại", TEXT, doc="số điện thoại nhận ý kiến"),
        Field(
            "ung_vien",
            "người được đề nghị",
            RECORDS,
            True,
            record=NOMINEE,
            doc="danh sách người, tập thể được đề nghị (bảng dưới)",
        ),
        Field("ket_qua", "kết quả", LONG_TEXT, doc="kết quả chung, sau khi hết hạn"),
        Field("ghi_chu", "ghi chú", LONG_TEXT, doc="ghi chú nội bộ, không hiện trên trang"),
    ),
    title_key="tieu_de",
)

CAMPAIGN = Record(
    "phong_trao",
    "phong trào",
    (
        Field("id", "mã", ID, True, doc="mã phong trào, dùng ở quyết định (`phong_trao:`)"),
        Field("ten", "tên", TEXT, True, tidy=True, doc="tên phong trào thi đua"),
        Field("van_ban_phat_dong", "văn bản phát động", TEXT, doc="số, tên văn bản phát động"),
        Field("bai_viet", "bài viết", TEXT, doc="bài viết về lễ phát động (slug)"),
        Field("tu_ngay", "ngày bắt đầu", DATE, True, doc="ngày phát động, bắt đầu"),
        Field("den_ngay", "ngày kết thúc", DATE, doc="ngày kết thúc (bỏ trống nếu thường xuyên)"),
        Field(
            "pham_vi",
            "phạm vi (đơn vị)",
            REFS,
            ref="don_vi",
            doc="mã các đơn vị tham gia",
        ),
        Field("khoi", "phạm vi (khối)", REFS, ref="khoi", doc="mã các khối thi đua tham gia"),
        Field("mo_ta", "mô tả", LONG_TEXT, doc="giới thiệu, hiện trên trang phong trào"),
        Field("ghi_chu", "ghi chú", LONG_TEXT, doc="ghi chú nội bộ"),
    ),
)

DOCUMENTED = (HOLIDAYS, DAY, CONSULTATION, NOMINEE, CAMPAIGN)

AMENDMENTS_DIR = "sua-doi"


def _row_ref() -> tuple[Field, Field]:
    return (
        Field(
            "dong",
            "dòng",
            TEXT,
            doc="tên tập thể, cá nhân **như in trong quyết định được sửa** (để tìm dòng)",
        ),
        Field(
            "stt",
            "số thứ tự",
            INT,
            example="3",
            doc="số thứ tự của dòng trên trang quyết định; dùng khi hai dòng trùng tên",
        ),
    )


CORRECTION = Record(
    "dinh_chinh",
    "dòng đính chính",
    (
        *_row_ref(),
        Field("ten", "tên đúng", TEXT, tidy=True, doc="tên đúng (nếu đính chính tên)"),
        Field("chuc_vu", "chức vụ đúng", TEXT, doc="chức vụ đúng (nếu đính chính chức vụ)"),
        Field("don_vi", "mã đơn vị đúng", REF, ref="don_vi", doc="mã đơn vị đúng"),
        Field("ly_do", "lý do", TEXT, True, doc="lý do đính chính"),
    ),
    title_key="dong",
)

CANCELLATION = Record(
    "huy",
    "dòng bị hủy",
    (*_row_ref(), Field("ly_do", "lý do", TEXT, True, doc="lý do hủy khen thưởng dòng này")),
    title_key="dong",
)

AMENDMENT = Record(
    "sua_doi",
    "quyết định đính chính, hủy bỏ",
    (
        Field("so", "số quyết định", TEXT, True, doc="số của quyết định đính chính, hủy bỏ"),
        Field("ngay", "ngày ký", DATE, True, doc="ngày ký; sau ngày của quyết định được sửa"),
        Field("co_quan", "cơ quan ban hành", TEXT, True, doc="như ghi trên quyết định"),
        Field("trich_yeu", "trích yếu", LONG_TEXT, doc='"Về việc đính chính Quyết định số ..."'),
        Field(
            "quyet_dinh",
            "quyết định được sửa",
            TEXT,
            True,
            example="163-qd-ubnd-2023",
            doc="mã trang của quyết định được đính chính hoặc hủy (`/quyet-dinh/<mã>/`)",
        ),
        Field(
            "dinh_chinh",
            "đính chính",
            RECORDS,
            record=CORRECTION,
            doc="các dòng được đính chính (bảng dưới)",
        ),
        Field("huy", "hủy", RECORDS, record=CANCELLATION, doc="các dòng bị hủy khen thưởng"),
        Field(
            "huy_toan_bo",
            "hủy toàn bộ",
            TEXT,
            doc="lý do, khi hủy **cả** quyết định được sửa",
        ),
        Field(
            "can_cu",
            "căn cứ",
            LONG_TEXT,
            doc="căn cứ pháp lý; bắt buộc khi hủy (Chương VII Luật Thi đua, khen thưởng 2022)",
        ),
        Field("thu_hoi", "thu hồi", TEXT, doc="hiện vật, tiền thưởng phải thu hồi (nếu có)"),
        Field("ghi_chu", "ghi chú", LONG_TEXT, doc="ghi chú nội bộ, không hiện trên trang"),
    ),
    title_key="so",
)

DOCUMENTED = (*DOCUMENTED, AMENDMENT, CORRECTION, CANCELLATION)
