"""The site's fixed list of categories (CATEGORIES): the one rule, and its words.

`category_problem(value, allowed)` decides whether an article's Category may be used and, if
not, says what is wrong and how to fix it. Three callers, the same words for the same
content: `make check` (plugins/checks/rules.py), Pelican's own run
(plugins/vietnamese/glue.py, when Pelican runs without `make check`) and the drafts' preview
(plugins/checks/glue.py, SHOW_DRAFTS). `header_field` reads a key of a Markdown source's
header the way Python-Markdown's meta block does, so that Pelican's side sees what the editor
wrote (Pelican itself fills a missing Category from the folder or DEFAULT_CATEGORY).
Pure: no Pelican.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from .errors import SiteError
from .suggest import closest
from .text import nfc

KEY = "Category"
WHERE = "ở đầu tệp, trước dòng trống đầu tiên"
_META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_MORE_RE = re.compile(r"^[ ]{4,}")


def quote_list(names: Sequence[str]) -> str:
    return "; ".join(f'"{name}"' for name in names)


def missing_hint(allowed: Sequence[str]) -> str:
    if not allowed:
        return f'Thêm dòng "{KEY}: ..." {WHERE}.'
    return f'Thêm dòng "{KEY}: ..." {WHERE}, với một trong các chuyên mục: {quote_list(allowed)}.'


def category_problem(
    value: str | None, allowed: Sequence[str], unfinished: bool = False
) -> tuple[str, str] | None:
    """(message, hint) when `value` (the Category as written; None: no such line) may not be
    used; None when it is on the list, or when the site has no list (then any is).
    `unfinished`: the value is still `make new`'s "[[CẦN ĐIỀN: ...]]"."""
    if value is None:
        return f"Thiếu chuyên mục ({KEY}).", missing_hint(allowed)
    if not value.strip():
        return f"Chuyên mục ({KEY}) đang để trống.", missing_hint(allowed)
    if unfinished:
        return f"Chuyên mục ({KEY}) chưa được chọn (còn chỗ [[CẦN ĐIỀN]]).", missing_hint(allowed)
    if not allowed or value in allowed:
        return None
    guess = closest(value, allowed, n=1)
    hint = f'Có phải "{guess[0]}"? ' if guess else ""
    hint += f"Viết đúng một tên (cả dấu) trong danh sách: {quote_list(allowed)}."
    return f'Chuyên mục "{value}" không có trong danh sách chuyên mục của trang.', hint


def header_field(path: str, key: str) -> tuple[int, str] | None:
    """(line, value) of `key:` in the header of a Markdown source (up to the first blank
    line), or None when the header has no such line or the file cannot be read."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    return None
                match = _META_RE.match(line)
                if match is None:
                    if _MORE_RE.match(line):
                        continue
                    return None
                if match.group("key").lower() == key.lower():
                    return number, nfc(match.group("value").strip())
    except (OSError, UnicodeDecodeError):
        return None
    return None


def source_problem(
    path: str, shown: str, allowed: Sequence[str], severity="error", unfinished=None
):
    """The SiteError of a Markdown source whose Category (as written in its header) may not
    be used, or None: Pelican's side of the rule, with make check's file, line and words.
    `unfinished(value)`: whether a value is still a placeholder of `make new`."""
    found = header_field(path, KEY)
    value = found[1] if found else None
    problem = category_problem(value, allowed, bool(value and unfinished and unfinished(value)))
    if problem is None:
        return None
    message, hint = problem
    return SiteError(
        file=shown,
        line=found[0] if found else 1,
        field=KEY,
        message=message,
        hint=hint,
        severity=severity,
    )


def shown_path(path: str, root: Path) -> str:
    """A source path as messages show it: relative to the content folder's parent."""
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return str(path)
