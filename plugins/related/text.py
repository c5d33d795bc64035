"""Turning Vietnamese text into index terms: syllables and syllable pairs.

Vietnamese writes one syllable per space-separated token, and most words are two syllables
("thi đua", "khen thưởng", "biên phòng"). The index therefore holds single syllables and the
pairs of adjacent syllables (bigrams), in NFC and lower case. Stop words are dropped, and a
pair is only formed from two adjacent content syllables of the same phrase: punctuation,
numbers and stop words break phrases, so "của tỉnh" or "tỉnh, huyện" are never pairs.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable

from plugins.vietnamese.text import nfc

from .stopwords import STOP_WORDS

# A phrase: words made only of letters, separated by white space. Anything else (punctuation,
# digits, symbols) ends the phrase.
_PHRASE = re.compile(r"[^\W\d_]+(?:\s+[^\W\d_]+)*")
_TAG = re.compile(r"<[^>]*>")
_SKIPPED_ELEMENTS = re.compile(
    r"<(script|style|code|pre)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)


def html_to_text(markup: str) -> str:
    """The readable text of an HTML fragment (code and scripts left out), entities decoded."""
    if not markup:
        return ""
    markup = _SKIPPED_ELEMENTS.sub(" ", markup)
    return html.unescape(_TAG.sub(" ", markup))


def syllables(text: str) -> list[list[str]]:
    """The phrases of a text, each a list of lower-case NFC syllables (stop words kept)."""
    return [phrase.split() for phrase in _PHRASE.findall(nfc(text).lower())]


def split_terms(text: str, stop_words: frozenset[str] = STOP_WORDS) -> tuple[list, list]:
    """Content syllables and content syllable pairs ("thi đua") of a text, in text order."""
    unigrams: list[str] = []
    bigrams: list[str] = []
    add_unigram = unigrams.append
    add_bigram = bigrams.append
    for phrase in _PHRASE.findall(nfc(text).lower()):
        previous = None
        for syllable in phrase.split():
            if syllable in stop_words:
                previous = None
                continue
            add_unigram(syllable)
            if previous is not None:
                add_bigram(previous + " " + syllable)
            previous = syllable
    return unigrams, bigrams


def terms(text: str, stop_words: frozenset[str] = STOP_WORDS) -> list[str]:
    """Index terms of a text: content syllables, then content syllable pairs."""
    unigrams, bigrams = split_terms(text, stop_words)
    return unigrams + bigrams


def weighted_counts(
    fields: Iterable[tuple[str, float]],
    stop_words: frozenset[str] = STOP_WORDS,
    unigram_weight: float = 1.0,
) -> dict[str, float]:
    """Term frequencies over several fields, each counted with its weight (title counts more).

    A syllable counts `unigram_weight` times as much as a pair: most Vietnamese words are
    two syllables, and a lone syllable ("tập", "thể") is far more ambiguous than the pair.
    The longest field (the body) is counted in bulk; the short ones are added to it.
    """
    given = sorted(
        ((text, weight) for text, weight in fields if text and weight > 0),
        key=lambda item: -len(item[0]),
    )
    if not given:
        return {}
    text, weight = given[0]
    unigrams, bigrams = split_terms(text, stop_words)
    factor = weight * unigram_weight
    counts: dict[str, float] = {term: n * factor for term, n in Counter(unigrams).items()}
    if weight == 1:
        counts.update(Counter(bigrams))  # no key in common: a pair has a space, a syllable not
    else:
        counts.update({term: n * weight for term, n in Counter(bigrams).items()})
    get = counts.get
    for text, weight in given[1:]:
        unigrams, bigrams = split_terms(text, stop_words)
        factor = weight * unigram_weight
        for term in unigrams:
            counts[term] = get(term, 0) + factor
        for term in bigrams:
            counts[term] = get(term, 0) + weight
    return counts
