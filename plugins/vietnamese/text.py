"""Vietnamese text helpers: Unicode normalisation, ASCII slugs and diacritic folding."""

import re
import unicodedata

from unidecode import unidecode

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def nfc(text: str) -> str:
    """Return text in Unicode NFC (content pasted from macOS often arrives decomposed)."""
    return unicodedata.normalize("NFC", text)


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def fold(text: str) -> str:
    """Lower case without diacritics, "đ" folded to "d": "Thi đua" -> "thi dua"."""
    text = nfc(text).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def slugify(text: str) -> str:
    """ASCII slug: "Đại hội Thi đua" -> "dai-hoi-thi-dua"."""
    ascii_text = unidecode(fold(text))
    return _NON_ALNUM.sub("-", ascii_text.lower()).strip("-")
