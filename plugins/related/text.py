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
sign such as "“" or "–") is split by a regular expression into runs of letters, anything
else being a phrase end, so the result follows the definition above. Two adjacent ids form
a pair exactly when neither is 0 (vectors.py counts the pairs of whole sites at once);
`Tokenizer.text_of` writes a syllable id back as text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from itertools import compress, islice, pairwise
from operator import itemgetter, mul

from plugins.vietnamese.text import nfc

from .stopwords import STOP_WORDS

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
# Syllable ids stay below this, so that a pair of them fits the int64 codes of vectors.py.
MAX_SYLLABLES = 1 << 30


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

    __slots__ = ("_expansions", "_ids", "_lookup", "_texts")

    def __init__(self, stop_words: Iterable[str] = STOP_WORDS):
        self._ids: dict[bytes, int] = {word.encode(): 0 for word in stop_words}
        self._ids[_PHRASE_END] = 0
        self._ids[_FIELD_END.encode()] = -1
        self._lookup = self._ids.get
        self._texts: list[str] = [""]  # syllable id -> syllable
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
        """A lower-case piece without ASCII spaces or signs, read as phrases are: runs of
        letters joined by white space stay one phrase, anything else ends it."""
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
        if n >= MAX_SYLLABLES:
            raise ValueError("too many different syllables")
        self._texts.append(syllable)
        self._ids[key] = n
        return n

    def text_of(self, syllable: int) -> str:
        """A syllable id as people write it: "thi"."""
        return self._texts[syllable]

    def split(self, text: str) -> tuple[list[str], list[str]]:
        """Content syllables and content syllable pairs ("thi đua") of a text, in order."""
        ids = self.ids(text)
        texts = self._texts
        pairs = compress(pairwise(ids), map(mul, ids, islice(ids, 1, None)))
        return [texts[n] for n in ids if n], [f"{texts[a]} {texts[b]}" for a, b in pairs]


def teaser(text: str, words: int = 30) -> str:
    """`text` (plain) cut at a word boundary to at most `words` words, ending with "…" when
    something was cut ("" for no text). Punctuation left dangling at the cut is dropped."""
    parts = text.split()
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]).rstrip(",;:.–—-") + "…"


def split_terms(text: str, stop_words: Iterable[str] = STOP_WORDS) -> tuple[list, list]:
    """Content syllables and content syllable pairs ("thi đua") of a text, in text order."""
    return Tokenizer(stop_words).split(text)


def terms(text: str, stop_words: Iterable[str] = STOP_WORDS) -> list[str]:
    """Index terms of a text: content syllables, then content syllable pairs."""
    unigrams, bigrams = split_terms(text, stop_words)
    return unigrams + bigrams
