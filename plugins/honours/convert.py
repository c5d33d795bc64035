"""Field types and their converters: a raw value (YAML or a spreadsheet cell) to a clean value.

Each converter raises PydanticCustomError(kind, ...) on a bad value; messages.py words each
kind in Vietnamese. Pure: no Pelican.
"""

from __future__ import annotations

import re
from datetime import date

from pydantic_core import PydanticCustomError

from plugins.vietnamese import datetext
from plugins.vietnamese.text import slugify

from . import cleantext

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


def read_date(value) -> date | str | None:
    """The data files' policy on top of the one date reader (plugins/vietnamese/datetext):
    "2023-12-18" or "18/12/2023", no time. A date; or why the day cannot exist (the words of
    the article checks); or None when the value is not written in one of these forms."""
    if isinstance(value, date):
        return value
    found = datetext.read(value) if isinstance(value, str) else None
    if found is None or found.clock is not None or found.zone is not None:
        return None
    if found.form == "day_first" and found.separator != "/":
        return None
    return found.problem or found.date()


def parse_date(value) -> date | None:
    """date from "2023-12-18" or "18/12/2023" (or a date); None if malformed or impossible."""
    found = read_date(value)
    return found if isinstance(found, date) else None


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


def converter(item):
    """The converter of a schema.Field."""
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
            parsed = read_date(value)
            if parsed is None:
                _fail("bad_date", value=str(value))
            if isinstance(parsed, str):
                _fail("impossible_date", problem=parsed)
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
