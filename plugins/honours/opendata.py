"""Open data: one record per recipient, as CSV (UTF-8 with BOM) and JSON (pure: no Pelican).

The fields are fixed (they are a published interface); see FIELDS and the /du-lieu/ page.
CSV cells that a spreadsheet would run as a formula (= + - @, and tab or carriage return at
the start) are prefixed with an apostrophe, the usual neutralisation of formula injection.
"""

from __future__ import annotations

import csv
import io
import json
import re
from json.encoder import encode_basestring

from .model import Decision, HonoursData, Recipient, Unit

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
    "nam_thanh_tich",
    "trang_thai",
    "quyet_dinh_sua_doi",
)
STATUSES = ("hieu_luc", "da_dinh_chinh", "da_huy")
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
    "nam_thanh_tich": "Năm (2023) hoặc giai đoạn (2019-2023) của thành tích được khen, khác năm "
    "của quyết định; để trống khi quyết định không ghi",
    "trang_thai": "hieu_luc (còn hiệu lực), da_dinh_chinh (đã được đính chính: tên, chức vụ, "
    "đơn vị là giá trị đã sửa) hoặc da_huy (đã bị hủy)",
    "quyet_dinh_sua_doi": "Số các quyết định đính chính, hủy bỏ dòng này, cách nhau bằng dấu "
    "chấm phẩy; để trống nếu không có",
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
        **row_tail(row),
    }


def row_tail(row: Recipient) -> dict:
    """The fields of the year of achievement and of corrections, cancellations (notices)."""
    return {
        "nam_thanh_tich": row.period,
        "trang_thai": row.status,
        "quyet_dinh_sua_doi": "; ".join(row.amended_by),
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


def unit_document(
    data: HonoursData, unit: Unit, site_url: str = "", with_records: bool = True
) -> dict:
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
        **({"khen_thuong": records(data, site_url, rows)} if with_records else {}),
    }


def unit_json(
    data: HonoursData, unit: Unit, site_url: str = "", encoded: Encoded | None = None
) -> str:
    """One key per line and one record per line (json's indent= is many times slower).
    `encoded` (the records of the whole site, encoded once) spares encoding them again."""
    if encoded is None:
        encoded = Encoded(data, site_url, rows=data.recipients_by_unit.get(unit.id, []))
    document = unit_document(data, unit, site_url, with_records=False)
    lines = []
    for key, value in document.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
        if key == "so_luot_khen_thuong":
            # to_json() of the records, every line after the first indented by two spaces
            # (a record has no line break inside: JSON writes one as \n).
            records = encoded.json_by_unit.get(unit.id)
            text = "[\n  " + ",\n  ".join(records) + "\n  ]" if records else "[]"
            lines.append(f'  "khen_thuong": {text}')
    return "{\n" + ",\n".join(lines) + "\n}\n"


def json_array(lines: list[str]) -> str:
    """What to_json() gives, from records already encoded one per line. The brackets go with
    the first and last lines, so that the result (tens of megabytes at 100 000 rows) is made
    in one allocation, not three."""
    if not lines:
        return "[]\n"
    if len(lines) == 1:
        return f"[\n{lines[0]}\n]\n"
    return ",\n".join([f"[\n{lines[0]}", *lines[1:-1], f"{lines[-1]}\n]\n"])


# Each field as json.dumps writes it inside an object: '"name": '.
_KEYS = {name: f"{json.dumps(name)}: " for name in FIELDS}
# A cell csv.writer (QUOTE_MINIMAL) writes as it is: no comma, quote or control character.
_PLAIN_CELL = re.compile(r'[^,"\x00-\x1f\x7f]+')
# Text that is its own CSV cell: plain, and not starting like a formula (FORMULA_STARTS).
_PLAIN_TEXT = re.compile(r'[^=+\-@,"\x00-\x1f\x7f][^,"\x00-\x1f\x7f]*')


def _json(value) -> str:
    """json.dumps(value, ensure_ascii=False), faster for strings (the same function)."""
    if type(value) is str:
        return encode_basestring(value)
    return json.dumps(value, ensure_ascii=False)


def csv_cell(value) -> str:
    """One neutralised cell, as csv.writer(lineterminator="\\r\\n") writes it in a row."""
    text = neutralise(value)
    if not text or _PLAIN_CELL.fullmatch(text):
        return text
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([text, ""])
    return buffer.getvalue()[: -len(",\r\n")]


class Encoded:
    """Every record encoded once, in the order of records(): the line json.dumps() gives (for
    the whole-site JSON and, the same line, for the unit's JSON) and the line csv.writer gives
    (cells neutralised). What a decision, a unit or an honour puts in a record is encoded once,
    not once per row, which keeps the open data cheap at 100 000 rows (csv.writer alone takes
    about 4 µs a row). The bytes are those of to_json(records()) and to_csv(records()):
    tests/honours/test_speed_paths.py checks it.
    """

    def __init__(self, data: HonoursData, site_url: str = "", rows=None) -> None:
        self.json_lines: list[str] = []
        self.json_by_unit: dict[str, list[str]] = {}
        self.csv_lines: list[str] = []
        decisions: dict[str, tuple] = {}
        units: dict[tuple, tuple] = {}
        honours: dict[str, tuple] = {}
        tails: dict[tuple, tuple] = {}
        keys = _KEYS
        name_key, position_key = keys["ten"], keys["chuc_vu"]
        json_lines, csv_lines, by_unit = self.json_lines, self.csv_lines, self.json_by_unit
        plain, encode = _PLAIN_TEXT.fullmatch, encode_basestring
        for row in data.recipients if rows is None else rows:
            d = decisions.get(row.decision_id)
            if d is None:
                d = decisions[row.decision_id] = _decision_parts(
                    data.decisions[row.decision_id], site_url
                )
            unit = data.units[row.unit_id]
            unit_key = (row.unit_id, d[4] if unit.former_names else None)
            u = units.get(unit_key)
            if u is None:
                u = units[unit_key] = _unit_parts(unit, d[4], site_url)
            hk = honours.get((row.honour_id, row.kind))
            if hk is None:
                name = data.honours[row.honour_id].name
                hk = honours[(row.honour_id, row.kind)] = (
                    f"{keys['hinh_thuc']}{_json(name)}, {keys['loai_doi_tuong']}{_json(row.kind)}",
                    f"{csv_cell(name)},{csv_cell(row.kind)}",
                )
            name, position = row.name, row.position
            if type(name) is str and type(position) is str:  # always, from the loader
                name_json, position_json = encode(name), encode(position)
                name_csv = name if plain(name) else csv_cell(name)
                position_csv = position if not position or plain(position) else csv_cell(position)
            else:
                name_json, position_json = _json(name), _json(position)
                name_csv, position_csv = csv_cell(name), csv_cell(position)
            tail_key = (row.period, row.status, row.amended_by)
            tail = tails.get(tail_key)
            if tail is None:
                tail = tails[tail_key] = _tail_parts(row)
            line = (
                f"{d[0]}, {hk[0]}, {name_key}{name_json}, {position_key}{position_json}, "
                f"{u[0]}, {d[1]}, {u[1]}, {tail[0]}}}"
            )
            json_lines.append(line)
            unit_lines = by_unit.get(row.unit_id)
            if unit_lines is None:
                unit_lines = by_unit[row.unit_id] = []
            unit_lines.append(line)
            csv_lines.append(
                f"{d[2]},{hk[1]},{name_csv},{position_csv},{u[2]},{d[3]},{u[3]},{tail[1]}\r\n"
            )

    def json_text(self, release: bool = False) -> str:
        """to_json(records()); `release` lets go of the lines (and so of json_by_unit)."""
        text = json_array(self.json_lines)
        if release:
            self.json_lines, self.json_by_unit = [], {}
        return text

    def csv_text(self, release: bool = False) -> str:
        """to_csv(records()); `release` lets go of the lines."""
        header = ",".join(csv_cell(name) for name in FIELDS)
        text = "".join([f"{BOM}{header}\r\n", *self.csv_lines])  # one allocation
        if release:
            self.csv_lines = []
        return text


def _decision_parts(decision: Decision, site_url: str) -> tuple:
    """(JSON from "{" to co_quan_ban_hanh, JSON of nam and url_quyet_dinh, CSV of the first
    three fields, CSV of nam and url_quyet_dinh, the decision's date)."""
    keys = _KEYS
    day = decision.date.isoformat()
    url = absolute(site_url, decision.url)
    return (
        f"{{{keys['so_quyet_dinh']}{_json(decision.number)}, "
        f"{keys['ngay_quyet_dinh']}{_json(day)}, "
        f"{keys['co_quan_ban_hanh']}{_json(decision.issuer)}",
        f"{keys['nam']}{_json(decision.year)}, {keys['url_quyet_dinh']}{_json(url)}",
        f"{csv_cell(decision.number)},{csv_cell(day)},{csv_cell(decision.issuer)}",
        f"{csv_cell(decision.year)},{csv_cell(url)}",
        decision.date,
    )


def _unit_parts(unit: Unit, day, site_url: str) -> tuple:
    """(JSON of don_vi and ma_don_vi, JSON of url_don_vi, CSV of don_vi and ma_don_vi, CSV of
    url_don_vi); the name is the one the unit had on the decision's date."""
    keys = _KEYS
    name = unit.name_on(day)
    url = absolute(site_url, unit.url)
    return (
        f"{keys['don_vi']}{_json(name)}, {keys['ma_don_vi']}{_json(unit.id)}",
        f"{keys['url_don_vi']}{_json(url)}",
        f"{csv_cell(name)},{csv_cell(unit.id)}",
        csv_cell(url),
    )


def _tail_parts(row: Recipient) -> tuple[str, str]:
    """(JSON, CSV) of nam_thanh_tich, trang_thai and quyet_dinh_sua_doi."""
    tail = row_tail(row)
    keys = _KEYS
    return (
        ", ".join(f"{keys[k]}{_json(v)}" for k, v in tail.items()),
        ",".join(csv_cell(v) for v in tail.values()),
    )
