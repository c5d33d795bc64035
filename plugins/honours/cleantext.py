"""Clean text: the characters that must never reach a page, and the spaces that are tidied.

Refused (an error naming the character by code and name, "ký tự vô hình U+200B ZERO WIDTH
SPACE"): C0 and C1 control characters (tab and newline are allowed where `multiline`),
DEL, bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, U+200E,
U+200F, U+061C), zero-width characters (U+200B–U+200D, U+2060, U+180E) and a BOM (U+FEFF)
inside the text, and the Unicode non-characters U+FFFE/U+FFFF.

Tidied (a warning, the value is used tidied): non-breaking and other wide spaces (U+00A0,
U+2000–U+200A, U+202F, U+205F, U+3000) become a plain space and runs of spaces one space.

Pure: one regular expression per kind, so that a whole CSV file is scanned in one search.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from plugins.vietnamese.errors import SiteError

_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_INVISIBLE = "\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufffe\uffff"
# Anything refused in a one-line value (tab and newline too) ...
BAD_IN_LINE = re.compile(f"[\t\n\r{_CONTROLS}{_INVISIBLE}]")
# ... and in text that may span lines (a CSV file, a YAML document): tab, CR and LF allowed.
BAD_IN_TEXT = re.compile(f"[{_CONTROLS}{_INVISIBLE}]")
ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]|  +")

_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x09: "TAB",
    0x0A: "LINE FEED",
    0x0B: "VERTICAL TAB",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
}


def describe(char: str) -> str:
    """ "U+200B ZERO WIDTH SPACE", "U+001B ESCAPE" (control characters have no Unicode name)."""
    code = ord(char)
    name = _NAMES.get(code) or unicodedata.name(char, "")
    if not name:
        name = "CONTROL CHARACTER" if code < 0xA0 else "NONCHARACTER"
    return f"U+{code:04X} {name}"


@dataclass(frozen=True, slots=True)
class BadChar:
    char: str
    index: int  # position in the text

    @property
    def message(self) -> str:
        kind = "ký tự điều khiển" if ord(self.char) < 0xA0 else "ký tự vô hình"
        return f"{kind} {describe(self.char)}"


HINT = (
    "Xóa ký tự này (thường dính vào khi chép từ web, PDF hoặc Word): gõ lại ô/dòng đó, hoặc "
    "dán ở dạng chữ thuần (Ctrl+Shift+V)."
)


def first_bad(text: str, multiline: bool = False) -> BadChar | None:
    match = (BAD_IN_TEXT if multiline else BAD_IN_LINE).search(text)
    return BadChar(match.group(), match.start()) if match else None


def all_bad(text: str, multiline: bool = True) -> list[BadChar]:
    pattern = BAD_IN_TEXT if multiline else BAD_IN_LINE
    return [BadChar(m.group(), m.start()) for m in pattern.finditer(text)]


TIDIED_HINT = (
    "Trang vẫn hiển thị đúng khi xem trước; trước khi đăng (make publish dừng khi còn cảnh "
    "báo), gõ lại với một dấu cách giữa các chữ."
)


def what_tidied(text: str) -> str:
    """What tidy() changes in `text`, in words: "dấu cách không ngắt U+00A0 NO-BREAK SPACE",
    "nhiều dấu cách liền nhau", or both."""
    wide = sorted({m.group() for m in ODD_SPACES.finditer(text) if m.group()[0] != " "})
    found = [f"dấu cách không ngắt {describe(char)}" for char in wide]
    if "  " in text:
        found.append("nhiều dấu cách liền nhau")
    return " và ".join(found) or "dấu cách thừa"


def tidied_warning(where: str, what: str, **place) -> SiteError:
    """The one warning for a value whose spaces were tidied (a YAML name, a spreadsheet
    cell): `where` names it ('Trường "ten" ở đơn vị "x"', 'Ô ở cột "Họ và tên"'), `what` is
    what_tidied() of the value as written, `place` gives file, line and field."""
    return SiteError(
        message=f"{where} có dấu cách không chuẩn ({what}); đã tự sửa.",
        hint=TIDIED_HINT,
        severity="warning",
        **place,
    )


def tidy(text: str) -> str:
    """Wide spaces to plain spaces, runs of spaces to one, ends stripped."""
    return ODD_SPACES.sub(" ", text).strip()


def needs_tidying(text: str) -> bool:
    return ODD_SPACES.search(text) is not None


def position(text: str, index: int) -> tuple[int, int]:
    """(line, column), both from 1, of text[index]."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1
