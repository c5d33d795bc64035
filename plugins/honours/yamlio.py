"""YAML that remembers line numbers, keeps dates as text and normalises strings to NFC.

Mappings load as `LineDict` (a dict with `.line` and `.key_lines`) and sequences as
`LineList` (a list with `.line` and `.item_lines`), so that every error can name its line.
`read_data_file()` reads one data file of content/ with every file-level check (missing,
symlink out of content/, not UTF-8, invisible characters, syntax error, empty).
Dates are not converted by YAML (a malformed date would otherwise stop the whole file);
loader.py parses them and reports each bad one. Duplicate keys are collected, not silently
overwritten.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from plugins.vietnamese.text import nfc

from . import cleantext
from .errors import DataSyntaxError, InvalidValueError, MissingFieldError
from .paths import OUTSIDE_HINT, is_inside

DOC = "docs/du-lieu-khen-thuong.md"
_KEY = re.compile(r"^[ -]*([A-Za-z_][A-Za-z0-9_]*)\s*:")

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    line: int | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_lines: dict = {}
        self.duplicates: list[tuple[str, int]] = []

    def line_of(self, key) -> int | None:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int | None = None

    def __init__(self, *args):
        super().__init__(*args)
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int | None:
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


class _Loader(_Base):
    """Safe loader without the implicit timestamp type, and without aliases: a node used
    twice (`*name`) is refused, so that a few lines cannot expand into millions of records
    (staff data never needs them)."""

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "không dùng bí danh YAML (&tên, *tên) trong tệp dữ liệu: ghi đầy đủ giá trị",
                node.start_mark,
            )
        return super().construct_object(node, deep)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, list):
            key = tuple(key)
        line = key_node.start_mark.line + 1
        if key in result:
            result.duplicates.append((key, line))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader, node):
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_str(loader, node):
    return nfc(loader.construct_scalar(node))


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:str", _construct_str)


def load_yaml(text: str):
    """Parse YAML text; raises yaml.YAMLError (with problem_mark) on a syntax error."""
    return yaml.load(text, Loader=_Loader)


def first_alias(text: str) -> tuple[str, int, int | None] | None:
    """(name, line of the alias `*name`, line of its anchor `&name`) of the first alias of a
    YAML text, or None. Read from the parser's events: by the time the constructor sees a
    node used twice, only the anchor's position is left."""
    anchors: dict[str, int] = {}
    try:
        for event in yaml.parse(text, Loader=_Base):
            anchor = getattr(event, "anchor", None)
            if isinstance(event, yaml.AliasEvent):
                return anchor, event.start_mark.line + 1, anchors.get(anchor)
            if anchor is not None:
                anchors.setdefault(anchor, event.start_mark.line + 1)
    except yaml.YAMLError:
        return None
    return None


def syntax_error_line(error: yaml.YAMLError) -> int | None:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return mark.line + 1 if mark is not None else None


def syntax_error_text(error: yaml.YAMLError) -> str:
    parts = [getattr(error, "context", None), getattr(error, "problem", None)]
    text = "; ".join(p for p in parts if p)
    return text or str(error)


def read_data_file(path: Path, shown: str, content: Path, required: bool):
    """(parsed content or None, whether it was read without a problem, the problems): a
    YAML file of content/ that exists, stays inside content/, is UTF-8, holds no invisible or
    control character, parses, and is not empty."""
    problems: list = []

    def report(kind, line, field, message, hint) -> tuple[None, bool, list]:
        problems.append(kind(file=shown, line=line, field=field, message=message, hint=hint))
        return None, False, problems

    if not path.is_file():
        if not required:
            return None, True, problems
        return report(
            MissingFieldError,
            None,
            None,
            f"Thiếu tệp {path.name} (missing file).",
            f"Tạo tệp này theo hướng dẫn trong {DOC}.",
        )
    if not is_inside(path, content):
        return report(
            InvalidValueError,
            None,
            None,
            "Tệp là liên kết tượng trưng (symlink) trỏ ra ngoài thư mục content/: không đọc.",
            OUTSIDE_HINT,
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return report(
            InvalidValueError,
            raw[: exc.start].count(b"\n") + 1,
            None,
            "Tệp không ở dạng UTF-8 (file is not UTF-8).",
            "Lưu lại tệp với bảng mã UTF-8 (trong trình soạn thảo: Save with Encoding > UTF-8).",
        )
    bad = cleantext.all_bad(text)
    if bad:  # YAML would refuse most of them with an English message, or keep them
        lines = text.split("\n")
        for char in bad[:5]:
            line, column = cleantext.position(text, char.index)
            key = _KEY.match(lines[line - 1])
            report(
                InvalidValueError,
                line,
                key.group(1) if key else None,
                f"Dòng {line}, cột {column} có {char.message}.",
                cleantext.HINT,
            )
        return None, False, problems
    try:
        parsed = load_yaml(text)
    except yaml.YAMLError as exc:
        hint = (
            "Kiểm tra thụt lề (chỉ dùng dấu cách, không dùng Tab), dấu hai chấm sau tên "
            'trường, và đặt văn bản có dấu ":" hoặc "#" trong ngoặc kép.'
        )
        if "\t" in text:
            hint = "Tệp có ký tự Tab: YAML chỉ cho phép thụt lề bằng dấu cách. " + hint
        line, message = syntax_error_line(exc), syntax_error_text(exc)
        alias = _alias_error(exc, text)
        if alias is not None:
            line, message, hint = alias
        return report(
            DataSyntaxError, line, None, f"Lỗi cú pháp YAML: {message} (YAML syntax error).", hint
        )
    except (RecursionError, ValueError, TypeError, OverflowError) as exc:
        return report(
            DataSyntaxError,
            None,
            None,
            f"Không đọc được tệp YAML ({type(exc).__name__}) (unreadable YAML).",
            "Kiểm tra cú pháp của tệp: lồng quá sâu, nhãn (&, *) hay kiểu lạ (!!).",
        )
    if parsed is None and required:
        return report(
            MissingFieldError,
            1,
            None,
            f"Tệp {path.name} trống (empty file).",
            f"Ghi dữ liệu vào tệp theo hướng dẫn trong {DOC}, hoặc xóa tệp nếu không dùng.",
        )
    return parsed, True, problems


def _alias_error(exc: yaml.YAMLError, text: str) -> tuple[int | None, str, str] | None:
    """(line of the alias, message, hint) when `exc` refuses an alias (_Loader), else None."""
    if not isinstance(exc, yaml.constructor.ConstructorError) or "bí danh" not in str(exc):
        return None
    found = first_alias(text)
    if found is None:  # not reached: a node used twice comes from an alias
        return syntax_error_line(exc), syntax_error_text(exc), _ALIAS_HINT.format(name="tên")
    name, line, anchor_line = found
    where = f" (nhãn &{name} ở dòng {anchor_line})" if anchor_line else ""
    message = f"bí danh *{name}{where}: {syntax_error_text(exc)}"
    return line, message, _ALIAS_HINT.format(name=name)


_ALIAS_HINT = "Thay *{name} ở dòng này bằng chính giá trị đó (chép đầy đủ), rồi xóa &{name}."
