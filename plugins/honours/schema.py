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

from dataclasses import dataclass, field
from functools import cached_property
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, create_model

from plugins.vietnamese.errors import SiteError

from . import cleantext, privacy
from .convert import RECORDS, REFS, TEXT, converter
from .messages import MESSAGES, found_text, make_problem, unknown_hint
from .yamlio import LineDict, LineList


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
    aliases: tuple[str, ...] = ()  # a spreadsheet column: the headers it may have (folded)


@dataclass(frozen=True, eq=False)
class Record:
    name: str  # "don_vi"
    label: str  # "đơn vị"
    fields: tuple[Field, ...]
    title_key: str | None = "id"  # the field naming a record in messages: đơn vị "bac-ha"
    doc: str = ""
    columns: bool = False  # the columns of a spreadsheet (the guide shows labels, not keys)

    @cached_property
    def by_key(self) -> dict[str, Field]:
        return {f.key: f for f in self.fields}

    @cached_property
    def model(self) -> type[BaseModel]:
        """The pydantic model of this record: its keys, which are required, each converter."""
        specs: dict[str, Any] = {}
        for item in self.fields:
            annotation = Annotated[Any, BeforeValidator(converter(item))]
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
        problems.append(
            make_problem("not_mapping", file, line, record, what, found=found_text(raw))
        )
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
                hint = unknown_hint(key, record)
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
        # The record is refused, but the items of its lists are still checked: every problem
        # of the file in one run (a bad date must not hide a bad row).
        failed = {key for key, _ in seen}
        parent = Parsed(record, {}, raw, line, what)
        for item in record.fields:
            value = raw.get(item.key)
            if item.type == RECORDS and item.key not in failed and isinstance(value, list):
                _records(item, value, parent, file, problems)
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
                    cleantext.tidied_warning(
                        f'Trường "{item.key}" ở {what}',
                        cleantext.what_tidied(original),
                        file=file,
                        line=parsed.line_of(item.key),
                        field=item.key,
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
