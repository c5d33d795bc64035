"""Vietnamese alphabetical order.

The alphabet is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y; words are compared
letter by letter on the base letters first, and tones only break ties (level, huyền, hỏi,
ngã, sắc, nặng), so "Đ" sorts after "D" and before "E", never after "Z".
"""

import unicodedata

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
# Combining marks that make a different letter (not a tone).
_LETTER_MARKS = {"\u0306": "ă", "\u0302": "^", "\u031b": "ơ"}
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_HAT = {"a": "â", "e": "ê", "o": "ô"}
_HORN = {"o": "ơ", "u": "ư"}
_BREVE = {"a": "ă"}


def _split(ch: str) -> tuple[str, int]:
    """One precomposed character -> (base letter of the Vietnamese alphabet, tone rank)."""
    parts = unicodedata.normalize("NFD", ch)
    base, marks = parts[0], parts[1:]
    tone = 0
    for mark in marks:
        if mark in _TONE_RANK:
            tone = _TONE_RANK[mark]
        elif mark == "\u0302":
            base = _HAT.get(base, base)
        elif mark == "\u031b":
            base = _HORN.get(base, base)
        elif mark == "\u0306":
            base = _BREVE.get(base, base)
    return base, tone


def sort_key(text: str) -> tuple:
    """Key for sorted(): Vietnamese order, case-insensitive, tones as a tie-breaker."""
    text = unicodedata.normalize("NFC", text or "").lower().strip()
    letters: list[tuple[int, int | str]] = []
    tones: list[int] = []
    for ch in text:
        base, tone = _split(ch)
        rank = _LETTER_RANK.get(base)
        # Letters of the alphabet come after spaces/digits, unknown characters by code point.
        letters.append(
            (2, rank) if rank is not None else (1, base) if base.isdigit() else (0, base)
        )
        tones.append(tone)
    return (tuple(letters), tuple(tones), text)


def sorted_vi(items, key=lambda item: item):
    """Sort items by the Vietnamese order of key(item)."""
    return sorted(items, key=lambda item: sort_key(key(item)))
