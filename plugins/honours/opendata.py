"""Open data: one record per recipient, as CSV (UTF-8 with BOM) and JSON (pure: no Pelican).

The fields are a published interface, declared once in fields.py (RECORD_FIELDS).
CSV cells that a spreadsheet would run as a formula (= + - @, and tab or carriage return at
the start) are prefixed with an apostrophe, the usual neutralisation of formula injection.
"""

from __future__ import annotations

import csv
import io
import json
import re
from json.encoder import encode_basestring

from .fields import FIELDS, RECORD_FIELDS, RecordSource, absolute
from .model import HonoursData
from .model_decisions import Recipient
from .model_units import Unit

__all__ = ["FIELDS", "absolute"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def record(data: HonoursData, row: Recipient, site_url: str = "") -> dict:
    """The record of one row: {field name: value} in the order of RECORD_FIELDS."""
    source = RecordSource(
        data, row, data.decisions[row.decision_id], data.units[row.unit_id], site_url
    )
    return {f.name: f.value(source) for f in RECORD_FIELDS}


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
    head, tail = unit_json_frame(data, unit, site_url)
    return head + unit_json_records(encoded.json_by_unit.get(unit.id, ())) + tail


def unit_json_frame(data: HonoursData, unit: Unit, site_url: str = "") -> tuple[str, str]:
    """The text of don-vi/<id>.json before and after its records (unit_json_records): the
    records are the last key, "khen_thuong", after so_luot_khen_thuong."""
    document = unit_document(data, unit, site_url, with_records=False)
    lines = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in document.items()]
    return "{\n" + ",\n".join(lines) + ',\n  "khen_thuong": ', "\n}\n"


# Between two records of a unit's JSON: to_json()'s separator, the records indented by two
# spaces (a record has no line break inside: JSON writes one as \n).
UNIT_RECORD_SEPARATOR = ",\n  "


def unit_json_records(lines) -> str:
    """The value of "khen_thuong" from the records' JSON lines: to_json(), indented."""
    return "[\n  " + UNIT_RECORD_SEPARATOR.join(lines) + "\n  ]" if lines else "[]"


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


def _segments() -> list[tuple[str, tuple]]:
    """RECORD_FIELDS as runs of consecutive fields of one scope: [(scope, fields)]."""
    runs: list[tuple[str, list]] = []
    for field in RECORD_FIELDS:
        if runs and runs[-1][0] == field.scope:
            runs[-1][1].append(field)
        else:
            runs.append((field.scope, [field]))
    return [(scope, tuple(fields)) for scope, fields in runs]


class Encoder:
    """Encodes records one row at a time: encode(row) gives the line json.dumps() gives (for
    the whole-site JSON and, the same line, for the unit's JSON) and the line csv.writer gives
    (cells neutralised). What a decision, a unit or an honour puts in a record (the fields of
    that scope, fields.py) is encoded once, not once per row, which keeps the open data cheap
    at 100 000 rows (csv.writer alone takes about 4 µs a row). The bytes are those of
    to_json(records()) and to_csv(records()): tests/honours/test_speed_paths.py checks it.
    Nothing is kept but those per-scope encodings, so a caller can write the lines as they
    come (publish.py) instead of holding every record of the site."""

    def __init__(self, data: HonoursData, site_url: str = "") -> None:
        self.data, self.site_url = data, site_url
        # The runs of fields (_segments) by scope: 0 row, 1 decision, 2 unit, 3 honour. The
        # encodings of a decision's runs are kept together (one look-up a row), and so on;
        # `layout` says where each run of the record is: (scope number, place in the scope).
        encoders: list[list] = [[], [], [], []]
        layout = []
        for scope, fields in _segments():
            number = _SCOPE_NUMBERS[scope]
            layout.append((number, len(encoders[number])))
            encoders[number].append(_encoder(fields))
        self.layout = layout
        self.row_encoders, self.decision_encoders, self.unit_encoders, self.honour_encoders = (
            encoders
        )
        self.decision_cache: dict = {}
        self.unit_cache: dict = {}
        self.honour_cache: dict = {}

    def encode(self, row: Recipient) -> tuple[str, str]:
        """(JSON line, CSV line with its \\r\\n) of the record of one row."""
        data = self.data
        decision_id, unit_id, honour_id = row.decision_id, row.unit_id, row.honour_id
        decision = data.decisions[decision_id]
        unit = data.units[unit_id]
        source = RecordSource(data, row, decision, unit, self.site_url)
        d = self.decision_cache.get(decision_id)
        if d is None:
            d = self.decision_cache[decision_id] = [e(source) for e in self.decision_encoders]
        unit_key = (unit_id, decision.date) if unit.former_names else unit_id
        u = self.unit_cache.get(unit_key)
        if u is None:
            u = self.unit_cache[unit_key] = [e(source) for e in self.unit_encoders]
        h = self.honour_cache.get(honour_id)
        if h is None:
            h = self.honour_cache[honour_id] = [e(source) for e in self.honour_encoders]
        parts = ([e(source) for e in self.row_encoders], d, u, h)
        layout = self.layout
        line = "{" + ", ".join([parts[s][place][0] for s, place in layout]) + "}"
        return line, ",".join([parts[s][place][1] for s, place in layout]) + "\r\n"


class Encoded:
    """Every record encoded (Encoder), held in memory in the order of records(): the whole
    JSON and CSV texts and the records of a unit. For tests and small sets; the build writes
    the open data as it encodes it (publish.py)."""

    def __init__(self, data: HonoursData, site_url: str = "", rows=None) -> None:
        self.rows: list[Recipient] = list(data.recipients if rows is None else rows)
        self.json_lines: list[str] = []
        self.json_by_unit: dict[str, list[str]] = {}
        self.csv_lines: list[str] = []
        encode = Encoder(data, site_url).encode
        for row in self.rows:
            line, csv_line = encode(row)
            self.json_lines.append(line)
            self.csv_lines.append(csv_line)
            self.json_by_unit.setdefault(row.unit_id, []).append(line)

    def json_text(self) -> str:
        """to_json(records())."""
        return json_array(self.json_lines)

    def csv_text(self) -> str:
        """to_csv(records())."""
        return "".join([csv_header(), *self.csv_lines])


def csv_header() -> str:
    return BOM + ",".join(csv_cell(name) for name in FIELDS) + "\r\n"


_SCOPE_NUMBERS = {"row": 0, "decision": 1, "unit": 2, "honour": 3}


def _encoder(fields):
    """A function of a RecordSource giving (the JSON of these fields as json.dumps writes
    them inside an object, their CSV cells as csv.writer writes them in a row)."""
    pairs = [(f.value, _KEYS[f.name]) for f in fields]
    plain, encode = _PLAIN_TEXT.fullmatch, encode_basestring
    if len(pairs) == 1:
        ((get, key),) = pairs

        def one(source: RecordSource) -> tuple[str, str]:
            value = get(source)
            if type(value) is str:  # most values: no need for the general functions
                return key + encode(value), value if plain(value) else _csv(value)
            return key + _json(value), _csv(value)

        return one

    def several(source: RecordSource) -> tuple[str, str]:
        json_parts, csv_parts = [], []
        for get, key in pairs:
            value = get(source)
            if type(value) is str:
                json_parts.append(key + encode(value))
                csv_parts.append(value if plain(value) else _csv(value))
            else:
                json_parts.append(key + _json(value))
                csv_parts.append(_csv(value))
        return ", ".join(json_parts), ",".join(csv_parts)

    return several


def _csv(value) -> str:
    if type(value) is str and (not value or _PLAIN_TEXT.fullmatch(value)):
        return value
    return csv_cell(value)
