"""Turning Vietnamese text into index terms: syllables and syllable pairs.

Vietnamese writes one syllable per space-separated token, and most words are two syllables
("thi đua", "khen thưởng", "biên phòng"). The index therefore holds single syllables and the
pairs of adjacent syllables (bigrams), in NFC and lower case. Stop words are dropped, and a
pair is only formed from two adjacent content syllables of the same phrase: punctuation,
numbers and stop words break phrases, so "của tỉnh" or "tỉnh, huyện" are never pairs.

Speed: this runs on every article of the site, so the work per syllable is done by built-in
code, never by a Python loop. The text is lower-cased, encoded to UTF-8, and one byte table
turns every ASCII character that is neither a letter nor a space into a phrase end (digits
and punctuation, by far the most frequent breaks); `bytes.split` then gives the syllables,
and one `map` over a dict turns them into ints: an id for each syllable, 0 for a stop word or
a phrase end. A piece the dict does not know (a new syllable, or one stuck to a non-ASCII
sign such as "“" or "–") goes through the regular expression of the definition above, so the
result is exactly that of `_PHRASE`. A pair is kept when the product of its two ids is not 0,
and gets the id `first * PAIR_BASE + second`; `Tokenizer.text_of` writes any id back as text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from itertools import compress, islice, pairwise
from operator import add, itemgetter, mul

from plugins.vietnamese.text import nfc

from .stopwords import STOP_WORDS

# A phrase: words made only of letters, separated by white space. Anything else (punctuation,
# digits, symbols) ends the phrase.
_PHRASE = re.compile(r"[^\W\d_]+(?:\s+[^\W\d_]+)*")
_TAG = re.compile(r"<[^>]*>")
_SKIPPED_ELEMENTS = re.compile(
    r"<(script|style|code|pre)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)
_RUN = re.compile(r"([^\W\d_]+)")  # a run of letters (split keeps the runs and what is between)
_LETTERS = re.compile(r"[^\W\d_]+")
# Bytes: an ASCII letter becomes lower case; a byte >= 0x80 (part of a non-ASCII character)
# and \x01 (the field end below) stay; ASCII white space (as str.split and \s see it,
# including \x1c-\x1f) becomes a space; any other ASCII byte (digits, punctuation, symbols,
# controls) becomes \x00, the phrase end.
_ASCII = bytes(
    ord(chr(c).lower())
    if chr(c).isalpha() and c < 0x80
    else c
    if c >= 0x80 or c == 1
    else 0x20
    if chr(c).isspace()
    else 0
    for c in range(256)
)
_CAPITAL_SIGMA = "\u03a3"
_PHRASE_END = b"\x00"
_SPACED_END = b" \x00 "
# After each text read in one pass (Tokenizer.joined_ids): a piece of its own, id -1.
_FIELD_END = "\x01"
_FIELD_JOINER = f" {_FIELD_END} "
PAIR_BASE = 1 << 30  # a syllable id is below this; a pair id is first * PAIR_BASE + second


def html_to_text(markup: str) -> str:
    """The readable text of an HTML fragment (code and scripts left out), entities decoded."""
    if not markup:
        return ""
    markup = _SKIPPED_ELEMENTS.sub(" ", markup)
    return html.unescape(_TAG.sub(" ", markup))


class Tokenizer:
    """Term ids of texts without the given stop words; it learns syllables as it meets them.

    Ids depend on the order in which texts are read, so one index uses one tokenizer.
    """

    __slots__ = ("_expansions", "_high", "_ids", "_lookup", "_texts")

    def __init__(self, stop_words: Iterable[str] = STOP_WORDS):
        self._ids: dict[bytes, int] = {word.encode(): 0 for word in stop_words}
        self._ids[_PHRASE_END] = 0
        self._ids[_FIELD_END.encode()] = -1
        self._lookup = self._ids.get
        self._texts: list[str] = [""]  # syllable id -> syllable
        self._high: list[int] = [0]  # syllable id -> id * PAIR_BASE
        self._expansions: dict[bytes, list[int]] = {}  # a piece with non-ASCII signs -> ids

    # -- syllables ---------------------------------------------------------------------

    def ids(self, text: str) -> list[int]:
        """Syllable ids in text order, 0 for a stop word or a phrase end.

        Two syllables form a pair exactly when they are adjacent here and neither is 0.
        """
        if _FIELD_END in text:  # a control character: a phrase end like any other
            text = text.replace(_FIELD_END, "\x02")
        return self._ids_of(text)

    def joined_ids(self, texts: Iterable[str]) -> list[int]:
        """The ids of several texts read in one pass, each text followed by -1."""
        joined = "".join(
            (text.replace(_FIELD_END, "\x02") if _FIELD_END in text else text) + _FIELD_JOINER
            for text in texts
        )
        return self._ids_of(joined)

    @property
    def size(self) -> int:
        """One more than the highest syllable id given so far."""
        return len(self._texts)

    def _ids_of(self, text: str) -> list[int]:
        """`ids()`, except that the field end of _FIELD_JOINER gives -1."""
        text = nfc(text)
        if _CAPITAL_SIGMA in text:
            # lower() writes Σ as σ or ς depending on the letters around it: lower the whole
            # text. Any other character lowers on its own, piece by piece (_resolve), and the
            # ids of the pieces as written are kept, so a known piece costs no lower().
            text = text.lower()
        pieces = (
            text.encode("utf-8", "surrogatepass")
            .translate(_ASCII)
            .replace(_PHRASE_END, _SPACED_END)
            .split()
        )
        if len(pieces) > 1:
            try:  # one built-in call when every piece is known, as it soon is
                return list(itemgetter(*pieces)(self._ids))
            except KeyError:
                pass
        ids = list(map(self._lookup, pieces))
        if None in ids:
            self._resolve(pieces, ids)
        return ids

    def _resolve(self, pieces: list[bytes], ids: list) -> None:
        """Replace each None in `ids` by the ids of its piece (new syllables get new ids)."""
        unknown = []
        k = ids.index(None)
        while True:
            unknown.append(k)
            try:
                k = ids.index(None, k + 1)
            except ValueError:
                break
        for k in reversed(unknown):  # from the end, since a piece may become several ids
            piece = pieces[k]
            n = self._lookup(piece)  # learnt meanwhile (the same piece further on)
            if n is not None:
                ids[k] = n
                continue
            found = self._expansions.get(piece)
            if found is None:
                word = piece.decode("utf-8", "surrogatepass").lower()
                if _LETTERS.fullmatch(word):
                    key = word.encode("utf-8", "surrogatepass")
                    n = self._lookup(key)
                    if n is None:
                        n = self._new(key, word)
                    ids[k] = self._ids[piece] = n  # the piece as written reads the same
                    continue
                found = self._expansions[piece] = self._expand(word)
            ids[k : k + 1] = found

    def _expand(self, piece: str) -> list[int]:
        """A lower-case piece without ASCII spaces or signs, read as _PHRASE reads it: runs
        of letters joined by white space stay one phrase, anything else ends it."""
        found: list[int] = []
        for k, part in enumerate(_RUN.split(piece)):
            if k % 2:  # a run of letters
                key = part.encode("utf-8", "surrogatepass")
                n = self._lookup(key)
                found.append(self._new(key, part) if n is None else n)
            elif part and not part.isspace():
                found.append(0)
        return found

    def _new(self, key: bytes, syllable: str) -> int:
        n = len(self._texts)
        if n >= PAIR_BASE:
            raise ValueError("too many different syllables")
        self._texts.append(syllable)
        self._high.append(n * PAIR_BASE)
        self._ids[key] = n
        return n

    def text_of(self, term: int) -> str:
        """A term id as people write it: "thi", "thi đua"."""
        if term < PAIR_BASE:
            return self._texts[term]
        first, second = divmod(term, PAIR_BASE)
        return f"{self._texts[first]} {self._texts[second]}"

    # -- pairs -------------------------------------------------------------------------

    def pair_ids(self, ids: list[int]) -> list[int]:
        """The ids of the pairs of adjacent syllables of `ids()`, in text order."""
        following = ids[1:]
        return list(
            compress(
                map(add, map(self._high.__getitem__, ids), following), map(mul, ids, following)
            )
        )

    def split(self, text: str) -> tuple[list[str], list[str]]:
        """Content syllables and content syllable pairs ("thi đua") of a text, in order."""
        ids = self.ids(text)
        texts = self._texts
        pairs = compress(pairwise(ids), map(mul, ids, islice(ids, 1, None)))
        return [texts[n] for n in ids if n], [f"{texts[a]} {texts[b]}" for a, b in pairs]

    # -- frequencies -------------------------------------------------------------------

    def counts(
        self, fields: Iterable[tuple[str, float]], unigram_weight: float = 1.0
    ) -> dict[int, float]:
        """Term id -> frequency over several fields, each counted with its weight.

        Terms are in order of first appearance: the longest field (the body) first, its
        syllables then its pairs, then the new terms of each shorter field the same way.
        See `weighted_counts`. (The ranking counts whole sites at once: vectors.count_terms.)
        """
        given = sorted(
            ((text, weight) for text, weight in fields if text and weight > 0),
            key=lambda item: -len(item[0]),
        )
        counts: dict[int, float] = {}
        get = counts.get
        for text, weight in given:
            ids = self.ids(text)
            step = weight * unigram_weight
            for term in compress(ids, ids):
                counts[term] = get(term, 0) + step
            for term in self.pair_ids(ids):
                counts[term] = get(term, 0) + weight
        return counts


def syllables(text: str) -> list[list[str]]:
    """The phrases of a text, each a list of lower-case NFC syllables (stop words kept)."""
    return [phrase.split() for phrase in _PHRASE.findall(nfc(text).lower())]


def split_terms(text: str, stop_words: Iterable[str] = STOP_WORDS) -> tuple[list, list]:
    """Content syllables and content syllable pairs ("thi đua") of a text, in text order."""
    return Tokenizer(stop_words).split(text)


def terms(text: str, stop_words: Iterable[str] = STOP_WORDS) -> list[str]:
    """Index terms of a text: content syllables, then content syllable pairs."""
    unigrams, bigrams = split_terms(text, stop_words)
    return unigrams + bigrams


def weighted_counts(
    fields: Iterable[tuple[str, float]],
    stop_words: Iterable[str] = STOP_WORDS,
    unigram_weight: float = 1.0,
) -> dict[str, float]:
    """Term frequencies over several fields, each counted with its weight (title counts more).

    A syllable counts `unigram_weight` times as much as a pair: most Vietnamese words are
    two syllables, and a lone syllable ("tập", "thể") is far more ambiguous than the pair.
    The longest field (the body) is counted in bulk; the short ones are added to it.
    """
    tokenizer = Tokenizer(stop_words)
    counts = tokenizer.counts(fields, unigram_weight)
    return {tokenizer.text_of(term): n for term, n in counts.items()}
