"""'Did you mean ...?' suggestions that ignore diacritics and case."""

import difflib

from .text import fold


def closest(word: str, choices, n: int = 3, cutoff: float = 0.5) -> list[str]:
    """The known choices nearest to `word`, best first, compared without diacritics."""
    choices = list(choices)
    folded = {}
    for choice in choices:
        folded.setdefault(fold(choice), choice)
    target = fold(word)
    if target in folded:
        return [folded[target]]
    matches = difflib.get_close_matches(target, list(folded), n=n, cutoff=cutoff)
    return [folded[m] for m in matches]
