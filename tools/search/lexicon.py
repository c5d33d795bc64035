"""The Vietnamese word list `pagefind/tieng-viet.json`: the site's own words with their
diacritics, which the search page (theme/static/js/search.js) uses to read a query typed
without them ("thi dua" as "thi đua")."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from itertools import pairwise
from pathlib import Path

from plugins.vietnamese.forked import in_halves
from plugins.vietnamese.text import fold
from tools.search import bundle as fmt

LEXICON_FILE = "tieng-viet.json"
# Word pairs kept in the lexicon: those seen at least this often, the most frequent first.
PAIR_MIN_COUNT = 2
PAIR_LIMIT = 3000
# From this many pages, a bundle's words are counted in two halves, one in a forked process:
# the other core is free once Pagefind has finished (5,037 pages: 1.4 s counted alone).
SPLIT_PAGES = 1000

# A word: letters only (Pagefind indexes "NĐ-CP" as words too, but numbers and codes need no
# diacritics). Text between two punctuation marks is one phrase, for the word pairs.
_WORD = re.compile(r"[^\W\d_]+")
_PHRASE_BREAK = r"[^\w\s]+|\d+"
_TOKEN = re.compile(rf"{_WORD.pattern}|{_PHRASE_BREAK}")


def _skeleton(word: str) -> str:
    """What Pagefind compares: the word without marks, except that "đ" stays "đ"."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare)


def _is_plain(key: str) -> bool:
    return key.isascii() and key.isalpha()


def _pick(counts: Counter) -> str:
    """The most frequent form; ties broken by code point (any fixed order will do)."""
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


def build_lexicon(texts) -> dict:
    """The site's own words, to read a query typed without diacritics.

    Returns {"tu": [...], "khac": [...], "cap": [...]}:
    - "tu": for each word typed in plain letters ("dua", "thuong"), the form with diacritics
      most often written on the site ("đua", "thưởng"); words that need nothing are left out.
    - "khac": where the site also writes the word with the other letter d/đ ("dưa" beside
      "đua"), the most frequent such form, so that a search finds those pages too.
    - "cap": pairs of words that the single words would read wrongly ("thi dua" -> "thi đua"
      where "thị" is more frequent than "thi"), seen at least PAIR_MIN_COUNT times.
    Every list is sorted by code point; the same texts give the same lexicon.
    """
    return lexicon_from(count_words(texts))


def count_words(texts) -> tuple[Counter, Counter]:
    """(tokens, pairs of tokens) counted over `texts`. Counts of several groups of texts add
    up (`add_counts`) to those of all the texts: a site indexed in parts counts each part
    while the next one is indexed (parts.py)."""
    # Words and phrase breaks in one pass: two words make a pair when they are next to each
    # other, no break between them. All tokens are counted, the breaks dropped afterwards
    # (from the distinct tokens, far fewer than the tokens).
    token_counts: Counter = Counter()
    pair_counts: Counter = Counter()
    for text in texts:
        tokens = _TOKEN.findall(unicodedata.normalize("NFC", text).lower())
        token_counts.update(tokens)
        pair_counts.update(pairwise(tokens))
    return token_counts, pair_counts


def _count(paths: list[Path]) -> tuple[Counter, Counter]:
    return count_words(fmt.texts_of(paths))


def count_fragments(bundle: Path) -> tuple[Counter, Counter]:
    """count_words over the text of the bundle's pages (its fragments). A large bundle is
    counted in two halves at once, one in a forked process; the counts add up to the same."""
    paths = fmt.fragment_paths(bundle)
    return add_counts(in_halves(_count, items=paths, fork=len(paths) >= SPLIT_PAGES))


def add_counts(counts) -> tuple[Counter, Counter]:
    tokens, pairs = Counter(), Counter()
    for more_tokens, more_pairs in counts:
        tokens.update(more_tokens)
        pairs.update(more_pairs)
    return tokens, pairs


def lexicon_from(counts: tuple[Counter, Counter]) -> dict:
    """build_lexicon's result from count_words's counts."""
    token_counts, pair_counts = counts
    # fold() once per distinct word (not per occurrence): the keys serve words and pairs.
    keys = {token: fold(token) for token in token_counts if _WORD.fullmatch(token)}
    word_counts = {word: token_counts[word] for word in keys}
    pair_counts = {
        pair: n for pair, n in pair_counts.items() if pair[0] in keys and pair[1] in keys
    }
    forms: dict[str, Counter] = defaultdict(Counter)
    for word, count in word_counts.items():
        if _is_plain(keys[word]):
            forms[keys[word]][word] = count
    pairs: dict[str, Counter] = defaultdict(Counter)
    for (first, second), count in pair_counts.items():
        if _is_plain(keys[first]) and _is_plain(keys[second]):
            pairs[f"{keys[first]} {keys[second]}"][f"{first} {second}"] = count
    best = {key: _pick(counts) for key, counts in forms.items()}
    tu = sorted(form for key, form in best.items() if form != key)
    khac = []
    for key, counts in forms.items():
        if "d" not in key:
            continue
        other = Counter({f: n for f, n in counts.items() if _skeleton(f) != _skeleton(best[key])})
        if other:
            khac.append(_pick(other))
    cap = []
    for key, counts in pairs.items():
        if max(counts.values()) < PAIR_MIN_COUNT:
            continue
        form = _pick(counts)
        first, second = key.split(" ")
        if form != f"{best[first]} {best[second]}":
            cap.append((counts[form], form))
    cap.sort(key=lambda item: (-item[0], item[1]))
    return {
        "tu": tu,
        "khac": sorted(khac),
        "cap": sorted(form for _, form in cap[:PAIR_LIMIT]),
    }


def write_lexicon(bundle: Path, counts: tuple[Counter, Counter] | None = None) -> Path:
    """The word list of `bundle`, from its pages' text, or from `counts` of the same text
    (count_words), when they were counted earlier."""
    if counts is None:
        counts = count_fragments(bundle)
    lexicon = {"phien_ban": 1, **lexicon_from(counts)}
    path = bundle / LEXICON_FILE
    path.write_text(
        json.dumps(lexicon, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    return path
