"""The fields of the open data, declared once (pure: no Pelican).

Each record of /du-lieu/ (one tập thể, cá nhân or hộ gia đình named in a decision's annex) has
the fields of RECORD_FIELDS, in that order. Everything else derives from this list: the columns
of the CSV and the keys of the JSON (opendata.py), the Table Schema of datapackage.json and the
JSON Schemas (package.py), and the field table of the /du-lieu/ page. To publish a new field,
add one Field here (its name, type, Vietnamese title and description, allowed values and where
its value comes from); nothing else needs to list it.

`scope` says what a value depends on, so that opendata.Encoded encodes it once per decision,
unit or honour rather than once per row:
- "decision": the decision only (and the site URL);
- "unit": the row's unit and the decision's date (a renamed unit has the name of that date);
- "honour": the row's honour only;
- "row": anything (encoded for each row).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .model import HonoursData
from .model_decisions import Decision, Recipient
from .model_units import Unit
from .model_vocabulary import RECIPIENT_KINDS, RECIPIENT_LABELS

SCOPES = ("decision", "unit", "honour", "row")


def absolute(site_url: str, path: str) -> str:
    """Site-absolute URL: "/quyet-dinh/x/" (SITEURL empty) or "https://host/quyet-dinh/x/"."""
    return f"{site_url.rstrip('/')}/{path}"


@dataclass(slots=True)
class RecordSource:
    """What a field's value is read from: one row and the objects it refers to."""

    data: HonoursData
    row: Recipient
    decision: Decision
    unit: Unit
    site_url: str = ""


@dataclass(frozen=True)
class Field:
    name: str  # the CSV column and the JSON key (ASCII, never changes once published)
    type: str  # Table Schema type: "string", "integer", "date"
    title: str  # Vietnamese title (the /du-lieu/ page, datapackage.json)
    description: str  # Vietnamese description
    scope: str  # see SCOPES
    value: Callable[[RecordSource], Any]
    required: bool = True  # never empty
    enum: tuple | Callable[[HonoursData], tuple] = ()  # allowed values (or from the data)
    enum_labels: tuple = ()  # Vietnamese meaning of each allowed value, same order
    pattern: str = ""  # a regular expression every value matches
    unique: bool = False
    example: str = ""

    def allowed(self, data: HonoursData | None = None) -> tuple:
        """The allowed values (those that come from the data need `data`)."""
        if callable(self.enum):
            return self.enum(data) if data is not None else ()
        return self.enum


def _honour_names(data: HonoursData) -> tuple:
    return tuple(sorted({h.name for h in data.honours.values()}))


STATUSES = ("hieu_luc", "da_dinh_chinh", "da_huy")  # trang_thai

RECORD_FIELDS: tuple[Field, ...] = (
    Field(
        "ma_ban_ghi",
        "string",
        "Mã bản ghi",
        "Mã ổn định của bản ghi, dùng để trích dẫn và liên kết: mã quyết định, tên viết không "
        "dấu và 6 ký tự kiểm tra tính từ loại đối tượng, tên, mã đơn vị và danh hiệu. Mã không "
        "đổi khi thêm, bớt các bản ghi khác; là mỏ neo của dòng trên trang quyết định.",
        "row",
        lambda s: s.data.record_ids[(s.row.decision_id, s.row.index)],
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        unique=True,
        example="163-qd-ubnd-2023-ong-lu-van-pao-1a2b3c",
    ),
    Field(
        "so_quyet_dinh",
        "string",
        "Số quyết định",
        "Số quyết định, như in trên quyết định (163/QĐ-UBND).",
        "decision",
        lambda s: s.decision.number,
        example="163/QĐ-UBND",
    ),
    Field(
        "ngay_quyet_dinh",
        "date",
        "Ngày quyết định",
        "Ngày ký quyết định, dạng ISO 8601 (năm-tháng-ngày, ví dụ 2023-12-18).",
        "decision",
        lambda s: s.decision.date.isoformat(),
    ),
    Field(
        "co_quan_ban_hanh",
        "string",
        "Cơ quan ban hành",
        "Người, cơ quan ban hành, như ghi trên quyết định lúc ban hành.",
        "decision",
        lambda s: s.decision.issuer,
    ),
    Field(
        "hinh_thuc",
        "string",
        "Danh hiệu, hình thức khen thưởng",
        "Tên danh hiệu thi đua hoặc hình thức khen thưởng mà đối tượng được tặng.",
        "honour",
        lambda s: s.data.honours[s.row.honour_id].name,
        enum=_honour_names,
    ),
    Field(
        "loai_doi_tuong",
        "string",
        "Loại đối tượng",
        "Đối tượng được khen: tap_the (tập thể), ca_nhan (cá nhân) hoặc ho_gia_dinh (hộ gia đình).",
        "row",
        lambda s: s.row.kind,
        enum=RECIPIENT_KINDS,
        enum_labels=tuple(RECIPIENT_LABELS[k] for k in RECIPIENT_KINDS),
    ),
    Field(
        "ten",
        "string",
        "Tên",
        "Tên tập thể, họ và tên cá nhân hoặc tên hộ, như trong danh sách kèm theo quyết định.",
        "row",
        lambda s: s.row.name,
    ),
    Field(
        "chuc_vu",
        "string",
        "Chức vụ",
        "Chức vụ của cá nhân lúc được khen (để trống với tập thể và hộ gia đình).",
        "row",
        lambda s: s.row.position,
        required=False,
    ),
    Field(
        "don_vi",
        "string",
        "Đơn vị",
        "Tên đơn vị tại thời điểm quyết định (đơn vị đã đổi tên vẫn mang tên cũ ở đây).",
        "unit",
        lambda s: s.unit.name_on(s.decision.date),
    ),
    Field(
        "ma_don_vi",
        "string",
        "Mã đơn vị",
        "Mã đơn vị trên trang này, không đổi theo thời gian; tệp don-vi/<mã>.json mô tả đơn vị.",
        "unit",
        lambda s: s.unit.id,
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
    ),
    Field(
        "nam",
        "integer",
        "Năm",
        "Năm của quyết định (theo ngày ký).",
        "decision",
        lambda s: s.decision.year,
    ),
    Field(
        "url_quyet_dinh",
        "string",
        "Trang quyết định",
        "Địa chỉ trang quyết định, có toàn bộ danh sách kèm theo.",
        "decision",
        lambda s: absolute(s.site_url, s.decision.url),
    ),
    Field(
        "url_don_vi",
        "string",
        "Trang đơn vị",
        "Địa chỉ trang đơn vị, có mọi lượt khen thưởng của đơn vị.",
        "unit",
        lambda s: absolute(s.site_url, s.unit.url),
    ),
    Field(
        "url_ban_ghi",
        "string",
        "Liên kết bản ghi",
        "Địa chỉ dẫn thẳng tới dòng của bản ghi trên trang quyết định "
        "(trang quyết định, dấu # và mã bản ghi).",
        "row",
        lambda s: (
            f"{absolute(s.site_url, s.decision.url)}#"
            f"{s.data.record_ids[(s.row.decision_id, s.row.index)]}"
        ),
    ),
    # Year of achievement, corrections and cancellations (issue 15; plugins/notices/).
    Field(
        "nam_thanh_tich",
        "string",
        "Năm thành tích",
        "Năm (2023) hoặc giai đoạn (2019-2023) của thành tích được khen, khác năm của quyết "
        "định (thành tích năm 2023 thường được khen năm 2024); để trống khi không ghi.",
        "row",
        lambda s: s.row.period,
        required=False,
        pattern=r"^(\d{4}(-\d{4})?)?$",  # empty when not written
        example="2019-2023",
    ),
    Field(
        "trang_thai",
        "string",
        "Trạng thái",
        "hieu_luc (còn hiệu lực), da_dinh_chinh (đã được đính chính: tên, chức vụ, đơn vị là "
        "giá trị đã sửa) hoặc da_huy (đã bị hủy; bản ghi vẫn được giữ).",
        "row",
        lambda s: s.row.status,
        enum=STATUSES,
        enum_labels=("Còn hiệu lực", "Đã đính chính", "Đã hủy"),
    ),
    Field(
        "quyet_dinh_sua_doi",
        "string",
        "Quyết định sửa đổi",
        "Số các quyết định đính chính, hủy bỏ bản ghi này, cách nhau bằng dấu chấm phẩy; để "
        "trống nếu không có.",
        "row",
        lambda s: "; ".join(s.row.amended_by),
        required=False,
        example="12/QĐ-UBND",
    ),
)

FIELDS: tuple[str, ...] = tuple(f.name for f in RECORD_FIELDS)
BY_NAME: dict[str, Field] = {f.name: f for f in RECORD_FIELDS}
PRIMARY_KEY = "ma_ban_ghi"


# The keys of a unit's document (/du-lieu/don-vi/<mã>.json), in order: (name, JSON Schema
# type, Vietnamese title, description). The records under "khen_thuong" have RECORD_FIELDS.
UNIT_REF = {
    "type": "object",
    "required": ["ma_don_vi", "ten", "url_don_vi"],
    "properties": {
        "ma_don_vi": {"type": "string", "title": "Mã đơn vị"},
        "ten": {"type": "string", "title": "Tên đơn vị"},
        "url_don_vi": {"type": "string", "title": "Trang đơn vị"},
    },
    "additionalProperties": False,
}
UNIT_KEYS: tuple[tuple[str, Any, str, str], ...] = (
    ("ma_don_vi", "string", "Mã đơn vị", "Mã đơn vị, không đổi theo thời gian."),
    ("ten", "string", "Tên đơn vị", "Tên chính thức hiện nay (hoặc lúc giải thể)."),
    ("ten_ngan", "string", "Tên ngắn", "Tên ngắn gọn dùng trong bài viết."),
    ("loai", "string", "Loại đơn vị", "Loại đơn vị (huyện, xã, sở, ngành...)."),
    ("cap_tren", [UNIT_REF, "null"], "Đơn vị cấp trên", "Đơn vị cấp trên, nếu có."),
    ("tu_ngay", ["string", "null"], "Từ ngày", "Ngày thành lập (ISO 8601), nếu biết."),
    ("den_ngay", ["string", "null"], "Đến ngày", "Ngày thôi tồn tại (ISO 8601), nếu đã giải thể."),
    (
        "ten_cu",
        {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["ten", "den_ngay"],
                "properties": {"ten": {"type": "string"}, "den_ngay": {"type": "string"}},
            },
        },
        "Tên cũ",
        "Các tên trước đây, mỗi tên dùng đến trước ngày den_ngay.",
    ),
    (
        "don_vi_tien_than",
        {"type": "array", "items": UNIT_REF},
        "Đơn vị tiền thân",
        "Các đơn vị đã sáp nhập vào đơn vị này.",
    ),
    (
        "don_vi_ke_thua",
        {"type": "array", "items": UNIT_REF},
        "Đơn vị kế thừa",
        "Các đơn vị tiếp nhận đơn vị này khi giải thể, sáp nhập.",
    ),
    ("url_don_vi", "string", "Trang đơn vị", "Địa chỉ trang đơn vị."),
    ("so_luot_khen_thuong", "integer", "Số lượt khen thưởng", "Số bản ghi của đơn vị."),
    ("khen_thuong", "records", "Khen thưởng", "Các bản ghi khen thưởng của đơn vị."),
)
