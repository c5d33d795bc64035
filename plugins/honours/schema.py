"""The declared-schema engine: a data file's records are declared once, field by field.

    Field(key, label, type, required=..., choices=..., ref=..., record=..., doc=...)
    Record(name, label, fields, title_key="id")

`validate(raw, record, file)` checks one record (a mapping read by yamlio, or a dict built
from a spreadsheet row) and returns a `Parsed` (clean Python values: str, date, int,
[(id, line)], [Parsed]) or None, and the problems found, each naming the file, the line of
the very field (or list item) and the field, in Vietnamese with a hint. Nested lists of
records (`RECORDS`) are validated item by item, so one bad item does not hide the others.

Shape checking is pydantic v2's (a model per Record: a mapping, no unknown key, no missing
key, every error of the record at once with its location `loc`); each field's value goes
through our converter (below), which raises PydanticCustomError carrying the kind of problem.
The location is mapped back to a line through yamlio's LineDict/LineList. What is ours: the
Vietnamese messages (MESSAGES), closest-name suggestions, the clean-text rules (cleantext.py).

References between records (`ref=`) are not looked up here: integrity.py does, once every
file is read. The staff guide's field tables are made from the declarations (fieldtables.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, create_model
from pydantic_core import PydanticCustomError

from plugins.vietnamese.errors import SiteError
from plugins.vietnamese.suggest import closest
from plugins.vietnamese.text import slugify

from . import cleantext, privacy
from .errors import DuplicateError, InvalidValueError, MissingFieldError
from .yamlio import LineDict, LineList

# Field types.
TEXT = "text"  # one line of text (a number is read as text)
LONG_TEXT = "long_text"  # text that may hold line breaks (descriptions)
ID = "id"  # a new id: lower-case ASCII letters, digits and hyphens
REF = "ref"  # an id of another record (`ref=` names which): checked by integrity.py
DATE = "date"  # 2023-12-18 or 18/12/2023
INT = "int"
YEAR = "year"  # 1945..2100
REFS = "refs"  # ids of other records: a YAML list or "a, b, c"
TEXTS = "texts"  # several texts: a YAML list or "a, b, c"
CHOICE = "choice"  # one of `choices`
CHOICES = "choices"  # one or more of `choices`
FILE = "file"  # a file name, resolved beside the data file (paths.py keeps it in content/)
RECORDS = "records"  # a list of records (`record=`)

DOC = "docs/du-lieu-khen-thuong.md"
DATE_HINT = "Viết ngày theo dạng năm-tháng-ngày, ví dụ 2023-12-18 (hoặc 18/12/2023)."
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_VN_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


@dataclass(frozen=True)
class Field:
    key: str
    label: str  # Vietnamese, short: "tên đơn vị"
    type: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None  # REF/REFS: the name of the Record referenced ("don_vi")
    record: Record | None = None  # RECORDS: the items' Record
    shorthand: str | None = None  # RECORDS: a plain text item means {shorthand: text}
    single: bool = False  # RECORDS: one item may be written without a list
    tidy: bool = False  # a name: wide spaces and runs of spaces tidied, with a warning
    doc: str = ""  # the staff guide's "Ý nghĩa" (else the label)
    example: str = ""


@dataclass(frozen=True, eq=False)
class Record:
    name: str  # "don_vi"
    label: str  # "đơn vị"
    fields: tuple[Field, ...]
    title_key: str | None = "id"  # the field naming a record in messages: đơn vị "bac-ha"
    doc: str = ""

    @cached_property
    def by_key(self) -> dict[str, Field]:
        return {f.key: f for f in self.fields}

    @cached_property
    def model(self) -> type[BaseModel]:
        """The pydantic model of this record: its keys, which are required, each converter."""
        specs: dict[str, Any] = {}
        for item in self.fields:
            annotation = Annotated[Any, BeforeValidator(_converter(item))]
            specs[item.key] = (annotation, ... if item.required else None)
        config = ConfigDict(extra="forbid", hide_input_in_errors=True)
        return create_model(f"Record_{self.name}", __config__=config, **specs)

    def what(self, raw) -> str:
        """How messages name a record: `đơn vị "bac-ha"`, or just `đơn vị`."""
        value = raw.get(self.title_key) if isinstance(raw, dict) and self.title_key else None
        if isinstance(value, str) and value.strip() and not cleantext.first_bad(value):
            return f'{self.label} "{value.strip()}"'
        return self.label


class Parsed:
    """A validated record: `parsed["key"]` (None when absent), `parsed.line_of("key")`."""

    __slots__ = ("line", "raw", "record", "values", "what")

    def __init__(self, record: Record, values: dict, raw, line: int | None, what: str):
        self.record, self.values, self.raw, self.line, self.what = (
            record,
            values,
            raw,
            line,
            what,
        )

    def __getitem__(self, key: str):
        return self.values.get(key)

    def get(self, key: str, default=None):
        value = self.values.get(key)
        return default if value is None else value

    def __contains__(self, key: str) -> bool:
        return self.values.get(key) is not None

    def line_of(self, key: str) -> int | None:
        if isinstance(self.raw, LineDict):
            return self.raw.key_lines.get(key, self.line)
        return self.line


def parse_date(value) -> date | None:
    """date from "2023-12-18" or "18/12/2023" (or a date); None if malformed."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = _ISO_DATE.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _VN_DATE.match(text)
        if not match:
            return None
        day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


# -- converters: raw YAML/cell value -> clean value, or PydanticCustomError(kind) -------------


def _fail(kind: str, **ctx):
    raise PydanticCustomError(kind, kind, ctx)


def _blank(value) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def _text(value, multiline: bool = False) -> str:
    if isinstance(value, bool):
        _fail("bool", value="có" if value else "không")
    if isinstance(value, (dict, list)):
        _fail("not_text")
    if not isinstance(value, str):
        value = str(value)
    bad = cleantext.first_bad(value.strip(), multiline)
    if bad is not None:
        _fail("bad_char", char=bad.message)
    return value.strip() if multiline else " ".join(value.split())


def _items(value, each) -> list:
    if isinstance(value, str):
        return [each(part) for part in value.split(",") if part.strip()]
    if not isinstance(value, list):
        _fail("not_list")
    result = []
    for index, item in enumerate(value):
        if not isinstance(item, (str, int)) or isinstance(item, bool) or _blank(item):
            _fail("bad_item", index=index + 1)
        result.append(each(item))
    return result


def _converter(item: Field):
    kind = item.type

    def convert(value):
        if kind != RECORDS and _blank(value):
            if item.required:
                _fail("missing")
            return None
        if kind in (TEXT, LONG_TEXT, FILE):
            return _text(value, kind == LONG_TEXT)
        if kind in (ID, REF):
            text = _text(value)
            if kind == ID and not ID_RE.match(text):
                _fail("bad_id", value=text, example=slugify(text) or "ma-hop-le")
            return text
        if kind == CHOICE:
            text = _text(value)
            if text not in item.choices:
                _fail("bad_choice", value=text)
            return text
        if kind == DATE:
            parsed = parse_date(value)
            if parsed is None:
                _fail("bad_date", value=str(value))
            return parsed
        if kind in (INT, YEAR):
            if not isinstance(value, int) or isinstance(value, bool):
                _fail("not_int" if kind == INT else "bad_year", value=str(value))
            if kind == YEAR and not 1945 <= value <= 2100:
                _fail("bad_year", value=str(value))
            return value
        if kind in (REFS, TEXTS, CHOICES):
            values = tuple(_items(value, _text))
            bad = [v for v in values if kind == CHOICES and v not in item.choices]
            if bad:
                _fail("bad_choice", value=", ".join(bad))
            if not values and item.required:
                _fail("missing")
            return values
        if kind == RECORDS:
            if value is None:
                return None
            if not isinstance(value, list) and not (item.single and value != ""):
                _fail("not_records")
            return value
        raise AssertionError(f"unknown field type {kind}")

    return convert


# -- messages ---------------------------------------------------------------------------------

# kind -> (error class, message, hint); formatted with key, label, what and the error's ctx.
MESSAGES: dict[str, tuple[type[SiteError], str, str]] = {
    "missing": (
        MissingFieldError,
        'Thiếu trường bắt buộc "{key}" ({label}) ở {what} (missing required field).',
        "Thêm dòng `{key}: ...` (xem " + DOC + ").",
    ),
    "bool": (
        InvalidValueError,
        'Trường "{key}" ở {what} bị hiểu là đúng/sai ({value}) thay vì chữ.',
        'Đặt giá trị trong ngoặc kép, ví dụ `{key}: "Có"`.',
    ),
    "not_text": (
        InvalidValueError,
        'Trường "{key}" ({label}) ở {what} phải là một dòng chữ, không phải danh sách.',
        "Viết giá trị trên cùng dòng, sau dấu hai chấm.",
    ),
    "bad_char": (
        InvalidValueError,
        'Trường "{key}" ({label}) ở {what} có {char}.',
        cleantext.HINT,
    ),
    "bad_id": (
        InvalidValueError,
        'Mã "{value}" ở {what} không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu gạch '
        "ngang (invalid id).",
        'Ví dụ: "{example}".',
    ),
    "bad_choice": (
        InvalidValueError,
        '{Label} ({key}) ở {what} không hợp lệ: "{value}".',
        "Ghi một trong: {choices}.",
    ),
    "bad_date": (
        InvalidValueError,
        'Ngày "{value}" ({key}) ở {what} không đúng (malformed date).',
        DATE_HINT,
    ),
    "not_int": (
        InvalidValueError,
        "{Label} ({key}) ở {what} phải là một số nguyên.",
        "Ví dụ `{key}: {example}`.",
    ),
    "bad_year": (
        InvalidValueError,
        'Năm ({key}) ở {what} không đúng ("{value}").',
        "Ghi năm bằng bốn chữ số, ví dụ `{key}: 2023`.",
    ),
    "not_list": (
        InvalidValueError,
        'Trường "{key}" ({label}) ở {what} phải là danh sách.',
        "Ví dụ `{key}: [{example}]`.",
    ),
    "bad_item": (
        InvalidValueError,
        'Mục thứ {index} của "{key}" ({label}) ở {what} không phải là một giá trị.',
        "Mỗi mục là một mã hoặc một dòng chữ, ví dụ `{key}: [{example}]`.",
    ),
    "not_records": (
        InvalidValueError,
        '"{key}" ({label}) ở {what} phải là một danh sách (mỗi mục bắt đầu bằng dấu gạch ngang).',
        "Xem ví dụ trong " + DOC + ".",
    ),
    "not_mapping": (
        InvalidValueError,
        "{What} phải gồm các trường (khóa: giá trị), không phải {found}.",
        "Xem ví dụ trong " + DOC + ".",
    ),
    "bad_key": (
        InvalidValueError,
        'Tên trường "{key}" ở {what} không hợp lệ (phải là chữ).',
        "Tên trường là chữ thường không dấu, ví dụ `ten:`.",
    ),
    "unknown": (
        InvalidValueError,
        'Trường "{key}" không được dùng trong {what} (unknown field).',
        "{suggestion}",
    ),
    "personal": (
        privacy.PrivacyError,
        'Trường "{key}" ở {what} là dữ liệu cá nhân ({data}): không được đăng công khai ('
        + privacy.LAW
        + "); trang chưa được xây dựng.",
        "Xóa dòng `{key}: ...`. Chỉ ghi những gì luật thi đua, khen thưởng yêu cầu công khai: "
        "tên, chức vụ, đơn vị, danh hiệu.",
    ),
    "duplicate_key": (
        DuplicateError,
        'Trường "{key}" được ghi hai lần trong {what} (duplicate key).',
        "Xóa một trong hai dòng.",
    ),
}


def _found(value) -> str:
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, str):
        return f'dòng chữ "{value[:40]}"'
    return f'giá trị "{value}"'


def make_problem(kind: str, file: str, line, record: Record, what: str, key=None, **ctx):
    cls, message, hint = MESSAGES[kind]
    item = record.by_key.get(key) if isinstance(key, str) else None
    label = item.label if item else (str(key) if key is not None else record.label)
    values = {
        "key": key,
        "label": label,
        "Label": label[:1].upper() + label[1:],
        "what": what,
        "What": what[:1].upper() + what[1:],
        "choices": ", ".join(item.choices) if item else "",
        "example": (item.example if item and item.example else "..."),
        **ctx,
    }
    return cls(
        file=file,
        line=line,
        field=str(key) if key is not None else None,
        message=message.format(**values),
        hint=hint.format(**values),
    )


def _line(raw, loc: tuple) -> int | None:
    """The line of the deepest part of `raw` that `loc` reaches."""
    line = getattr(raw, "line", None)
    node = raw
    for step in loc:
        if isinstance(node, LineDict) and step in node:
            line = node.key_lines.get(step, line)
            node = node[step]
        elif isinstance(node, LineList) and isinstance(step, int) and 0 <= step < len(node):
            line = node.line_of(step)
            node = node[step]
        else:
            break
    return line


def _unknown_hint(key, record: Record) -> str:
    options = closest(str(key), list(record.by_key), n=1)
    if options:
        return f'Có phải ý bạn là "{options[0]}"?'
    return f"Các trường được dùng: {', '.join(record.by_key)}."


@dataclass
class Checked:
    """What validate() found: the parsed record (None if it failed) and the problems."""

    parsed: Parsed | None
    problems: list[SiteError] = field(default_factory=list)


def validate(raw, record: Record, file: str, line: int | None = None, what=None) -> Checked:
    """Check one record against its declaration (see the module's docstring)."""
    line = getattr(raw, "line", None) or line
    what = what or record.what(raw)
    problems: list[SiteError] = []
    if not isinstance(raw, dict):
        problems.append(make_problem("not_mapping", file, line, record, what, found=_found(raw)))
        return Checked(None, problems)
    for key, key_line in getattr(raw, "duplicates", ()):
        problems.append(make_problem("duplicate_key", file, key_line, record, what, key))
    try:
        model = record.model.model_validate(raw)
    except ValidationError as error:
        seen = set()
        for found in error.errors(include_url=False):
            loc, kind = found["loc"], found["type"]
            key = loc[0] if loc else None
            if (key, kind) in seen:
                continue
            seen.add((key, kind))
            at = _line(raw, loc[:1])
            ctx = found.get("ctx") or {}
            if kind == "extra_forbidden" and privacy.personal(key):
                problems.append(
                    make_problem(
                        "personal", file, at, record, what, key, data=privacy.personal(key)
                    )
                )
            elif kind == "extra_forbidden":
                hint = _unknown_hint(key, record)
                problems.append(
                    make_problem("unknown", file, at, record, what, key, suggestion=hint)
                )
            elif kind == "invalid_key":
                problems.append(make_problem("bad_key", file, at, record, what, key))
            elif kind in MESSAGES:
                if kind == "missing" and key not in raw:
                    at = line
                problems.append(make_problem(kind, file, at, record, what, key, **ctx))
            else:  # a pydantic error we have no words for: still ours, still precise
                problems.append(
                    make_problem("not_mapping", file, at, record, what, found=found["msg"])
                )
        return Checked(None, problems)
    values = dict(model.__dict__)
    parsed = Parsed(record, values, raw, line, what)
    for item in record.fields:
        value = values.get(item.key)
        if value is None:
            continue
        if item.tidy and isinstance(raw.get(item.key), str):
            original = raw[item.key]
            if cleantext.needs_tidying(original):
                problems.append(
                    SiteError(
                        file=file,
                        line=parsed.line_of(item.key),
                        field=item.key,
                        message=f'Trường "{item.key}" ở {what} có dấu cách không chuẩn (dấu '
                        "cách không ngắt U+00A0 hoặc nhiều dấu cách liền nhau); đã tự sửa.",
                        hint="Không cần làm gì; nên gõ lại tên với một dấu cách giữa các chữ.",
                        severity="warning",
                    )
                )
                values[item.key] = cleantext.tidy(value)
        if item.type == REFS:
            values[item.key] = _with_lines(value, raw.get(item.key), parsed.line_of(item.key))
        elif item.type == RECORDS:
            values[item.key] = _records(item, value, parsed, file, problems)
    return Checked(parsed, problems)


def _with_lines(values: tuple, raw, line) -> list[tuple[str, int | None]]:
    if isinstance(raw, LineList):
        return [(v, raw.line_of(i)) for i, v in enumerate(values)]
    return [(v, line) for v in values]


def _records(item: Field, value, parent: Parsed, file: str, problems: list) -> list[Parsed]:
    entries = value if isinstance(value, list) else [value]
    result = []
    for index, entry in enumerate(entries):
        entry_line = value.line_of(index) if isinstance(value, LineList) else None
        entry_line = entry_line or parent.line_of(item.key)
        if item.shorthand and isinstance(entry, (str, int)) and not isinstance(entry, bool):
            entry = {item.shorthand: entry}
        what = f"{item.record.what(entry)} ({item.key} của {parent.what})"
        checked = validate(entry, item.record, file, entry_line, what)
        problems.extend(checked.problems)
        if checked.parsed is not None:
            result.append(checked.parsed)
    return result
