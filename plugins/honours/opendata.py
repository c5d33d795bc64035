"""Open data: one record per recipient, as CSV (UTF-8 with BOM) and JSON (pure: no Pelican).

The fields are fixed (they are a published interface); see FIELDS and the /du-lieu/ page.
CSV cells that a spreadsheet would run as a formula (= + - @, and tab or carriage return at
the start) are prefixed with an apostrophe, the usual neutralisation of formula injection.
"""

from __future__ import annotations

import csv
import io
import json

from .model import HonoursData, Recipient, Unit

FIELDS = (
    "so_quyet_dinh",
    "ngay_quyet_dinh",
    "co_quan_ban_hanh",
    "hinh_thuc",
    "loai_doi_tuong",
    "ten",
    "chuc_vu",
    "don_vi",
    "ma_don_vi",
    "nam",
    "url_quyet_dinh",
    "url_don_vi",
)
FIELD_DESCRIPTIONS = {
    "so_quyet_dinh": "Số quyết định, như in trên quyết định (163/QĐ-UBND)",
    "ngay_quyet_dinh": "Ngày ký quyết định, dạng ISO 8601 (2023-12-18)",
    "co_quan_ban_hanh": "Người, cơ quan ban hành, như ghi trên quyết định lúc ban hành",
    "hinh_thuc": "Tên danh hiệu thi đua hoặc hình thức khen thưởng",
    "loai_doi_tuong": "tap_the (tập thể), ca_nhan (cá nhân) hoặc ho_gia_dinh (hộ gia đình)",
    "ten": "Tên tập thể, họ và tên cá nhân hoặc tên hộ, như trong danh sách kèm theo",
    "chuc_vu": "Chức vụ của cá nhân (để trống với tập thể)",
    "don_vi": "Tên đơn vị tại thời điểm quyết định",
    "ma_don_vi": "Mã đơn vị trên trang này (không đổi theo thời gian)",
    "nam": "Năm của quyết định",
    "url_quyet_dinh": "Địa chỉ trang quyết định, có danh sách đầy đủ",
    "url_don_vi": "Địa chỉ trang đơn vị",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def absolute(site_url: str, path: str) -> str:
    """Site-absolute URL: "/quyet-dinh/x/" (SITEURL empty) or "https://host/quyet-dinh/x/"."""
    return f"{site_url.rstrip('/')}/{path}"


def record(data: HonoursData, row: Recipient, site_url: str = "") -> dict:
    decision = data.decisions[row.decision_id]
    unit = data.units[row.unit_id]
    return {
        "so_quyet_dinh": decision.number,
        "ngay_quyet_dinh": decision.date.isoformat(),
        "co_quan_ban_hanh": decision.issuer,
        "hinh_thuc": data.honours[row.honour_id].name,
        "loai_doi_tuong": row.kind,
        "ten": row.name,
        "chuc_vu": row.position,
        "don_vi": unit.name_on(decision.date),
        "ma_don_vi": unit.id,
        "nam": decision.year,
        "url_quyet_dinh": absolute(site_url, decision.url),
        "url_don_vi": absolute(site_url, unit.url),
    }


def records(data: HonoursData, site_url: str = "", rows=None) -> list[dict]:
    """Every recipient (or `rows`), in the order of decisions (date, id) and annex rows."""
    return [record(data, row, site_url) for row in (data.recipients if rows is None else rows)]


def neutralise(value) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def to_csv(items: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for item in items:
        writer.writerow([neutralise(item[f]) for f in FIELDS])
    return BOM + buffer.getvalue()


def to_json(items) -> str:
    """A JSON array, one record per line (readable, and diffs stay small)."""
    if not items:
        return "[]\n"
    lines = ",\n".join(json.dumps(item, ensure_ascii=False, sort_keys=False) for item in items)
    return "[\n" + lines + "\n]\n"


def unit_document(data: HonoursData, unit: Unit, site_url: str = "") -> dict:
    rows = data.recipients_by_unit.get(unit.id, [])

    def ref(uid: str) -> dict:
        other = data.units[uid]
        return {"ma_don_vi": uid, "ten": other.name, "url_don_vi": absolute(site_url, other.url)}

    return {
        "ma_don_vi": unit.id,
        "ten": unit.name,
        "ten_ngan": unit.short_name,
        "loai": unit.kind_name,
        "cap_tren": ref(unit.parent) if unit.parent in data.units else None,
        "tu_ngay": unit.valid_from.isoformat() if unit.valid_from else None,
        "den_ngay": unit.valid_to.isoformat() if unit.valid_to else None,
        "ten_cu": [{"ten": f.name, "den_ngay": f.until.isoformat()} for f in unit.former_names],
        "don_vi_tien_than": [ref(u) for u in unit.predecessors],
        "don_vi_ke_thua": [ref(u) for u in unit.successors],
        "url_don_vi": absolute(site_url, unit.url),
        "so_luot_khen_thuong": len(rows),
        "khen_thuong": records(data, site_url, rows),
    }


def unit_json(data: HonoursData, unit: Unit, site_url: str = "") -> str:
    """One key per line and one record per line (json's indent= is many times slower)."""
    document = unit_document(data, unit, site_url)
    lines = []
    for key, value in document.items():
        if key == "khen_thuong":
            text = to_json(value).rstrip("\n").replace("\n", "\n  ")
        else:
            text = json.dumps(value, ensure_ascii=False)
        lines.append(f"  {json.dumps(key)}: {text}")
    return "{\n" + ",\n".join(lines) + "\n}\n"
