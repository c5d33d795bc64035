"""BM25 vectors and the inverted index of many articles at once, in NumPy (pure: no Pelican).

The ranking (rank.py) reads each article as a weighted bag of terms: syllables and pairs of
adjacent syllables (text.py). Counting those terms, weighting them by BM25 and keeping each
article's strongest ones touches every word of the site, millions of them on a big site: done
one word at a time in Python that was most of the time of the whole ranking. Here the same
arithmetic runs on arrays, a few sorts and sums for the whole site.

Terms are ints. `Tokenizer` gives each syllable an id from 1 up (0: a stop word or a phrase
end, -1: the end of a text). With `base` the number of syllable ids, a syllable keeps its id
and the pair "a b" is `a * base + b`, so every term is below `base * base` and a term with the
article's index fits one int64 sort key. A draft is read after the index is built and may
bring syllables the index has never seen (ids >= base): its terms with such a syllable get
codes from `base * base` up, which no published article has.

Ties never depend on the machine: every sort whose ties matter is stable. Within an article,
terms of equal weight (weights closer than 2**-31 of each other count as equal) are ordered
by code, and the articles listed under a term by article index (the older first).

Memory: the arrays of a batch of articles (rank.py reads 256 at a time) are freed before the
next batch; only the kept terms of every article (`Weighted`) and the sorted distinct codes
with their document frequencies stay, a few tens of bytes per term kept.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_INT64_LIMIT = 1 << 62
# An article index and a weight share one sort key: 42 bits of weight (see _descending) leave
# 21 bits for the article, 2 million articles.
_WEIGHT_BITS = 42
MAX_ARTICLES = 1 << (63 - _WEIGHT_BITS)


@dataclass(frozen=True)
class Texts:
    """Syllable ids of several texts read in one pass, and what each text is.

    `ids` holds the texts one after the other, each ended by -1. Text k belongs to article
    `article[k]`; each of its syllables counts `syllable_weight[k]` and each of its pairs
    `pair_weight[k]` (a text with weight 0 counts nothing).
    """

    ids: np.ndarray  # int64
    article: np.ndarray  # int64, one per text
    syllable_weight: np.ndarray  # float64, one per text
    pair_weight: np.ndarray  # float64, one per text


@dataclass(frozen=True)
class Terms:
    """The distinct terms of each article, sorted by article then term code."""

    article: np.ndarray  # int64
    code: np.ndarray  # int64
    frequency: np.ndarray  # float64: the weighted count

    @classmethod
    def empty(cls) -> Terms:
        nothing = np.zeros(0, dtype=np.int64)
        return cls(nothing, nothing, np.zeros(0, dtype=np.float64))


def count_terms(texts: Texts, base: int) -> Terms:
    """The weighted count of every term of every article in `texts`.

    Syllables `>= base` (new to a built index) give codes from `base * base` up. The articles
    of `texts` must be few enough that `articles * code space` fits an int64 (rank.py reads
    them in batches).
    """
    ids = texts.ids
    ends = ids < 0
    text_of = ends.astype(np.int64).cumsum() - ends  # the text each position belongs to
    # Syllables: every id > 0.
    syllable = ids > 0
    s_code = ids[syllable]
    s_text = text_of[syllable]
    # Pairs: two adjacent ids > 0 (a stop word, a phrase end or a text end breaks them).
    left, right = ids[:-1], ids[1:]
    paired = (left > 0) & (right > 0)
    p_left, p_right = left[paired], right[paired]
    p_code = p_left * base + p_right
    p_text = text_of[:-1][paired]
    space = base * base
    new = s_code >= base
    if new.any():
        s_code = np.where(new, space + s_code, s_code)
    new = (p_left >= base) | (p_right >= base)
    if new.any():
        wide = int(max(int(ids.max()) + 1, base))
        p_code = np.where(new, space + wide + p_left * wide + p_right, p_code)
    code = np.concatenate([s_code, p_code])
    text = np.concatenate([s_text, p_text])
    weight = np.concatenate([texts.syllable_weight[s_text], texts.pair_weight[p_text]])
    counted = weight > 0
    if not counted.all():
        code, text, weight = code[counted], text[counted], weight[counted]
    article = texts.article[text]
    if len(code) == 0:
        return Terms.empty()
    low, span = int(article.min()), int(code.max()) + 1
    if (int(article.max()) - low + 1) * span < _INT64_LIMIT:
        key = (article - low) * span + code  # one int64 key: article, then code
        order = np.argsort(key, kind="stable")
        key = key[order]
        starts = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
    else:  # a vocabulary too big for one key
        order = np.lexsort((code, article))
        a, c = article[order], code[order]
        starts = np.flatnonzero(np.concatenate(([True], (a[1:] != a[:-1]) | (c[1:] != c[:-1]))))
    grouped = order[starts]
    return Terms(
        article=article[grouped],
        code=code[grouped],
        frequency=np.add.reduceat(weight[order], starts),
    )


def document_frequency(code: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(the distinct codes sorted, how many articles have each).

    `code` lists each term once per article, so a code's count is its document frequency.
    """
    ordered = np.sort(code)  # equal codes are equal: no order of ties to keep
    if len(ordered) == 0:
        return ordered, np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    return ordered[starts], np.diff(starts, append=len(ordered))


def lookup_frequency(distinct: np.ndarray, frequency: np.ndarray, code: np.ndarray) -> np.ndarray:
    """The document frequency of each code in a built index (0 for a code it has not)."""
    if len(distinct) == 0:
        return np.zeros(len(code), dtype=np.int64)
    at = np.searchsorted(distinct, code)
    at[at >= len(distinct)] = 0
    return np.where(distinct[at] == code, frequency[at], 0)


@dataclass(frozen=True)
class Weighted:
    """The strongest terms of each article, by article, strongest first, unit length."""

    article: np.ndarray  # int64, sorted
    code: np.ndarray  # int64
    weight: np.ndarray  # float64
    rank: np.ndarray  # int64: 0 for an article's strongest term
    coverage: np.ndarray  # float64, one per article

    @classmethod
    def concatenate(cls, parts: list[Weighted]) -> Weighted:
        if not parts:
            nothing = np.zeros(0, dtype=np.int64)
            return cls(nothing, nothing, np.zeros(0), nothing, np.zeros(0))
        return cls(*(np.concatenate([getattr(p, f) for p in parts]) for f in _WEIGHTED_FIELDS))


_WEIGHTED_FIELDS = ("article", "code", "weight", "rank", "coverage")


@dataclass(frozen=True)
class Bm25:
    k1: float
    b: float
    average_length: float
    rare_idf: float  # the IDF of a term only one article has (counted in `coverage`)
    keep: int  # terms kept per article


def lengths(terms: Terms, first: int, articles: int) -> np.ndarray:
    """The length of articles first .. first + articles - 1: the sum of their frequencies."""
    return np.bincount(terms.article - first, weights=terms.frequency, minlength=articles)


def weigh(
    terms: Terms,
    document_frequencies: np.ndarray,
    idf: np.ndarray,
    first: int,
    articles: int,
    p: Bm25,
) -> Weighted:
    """BM25 weights of the terms of articles first .. first + articles - 1, pruned to each
    article's `keep` strongest, unit length.

    `idf[df]` is the IDF of a term `df` articles have; 0.0 for a term that cannot relate two
    articles (found in one only): such terms leave the vector, but their share of the
    article's weight lowers its `coverage`, the share that other articles can match.
    """
    article = terms.article - first
    tf = terms.frequency
    relative = lengths(terms, first, articles)
    if p.average_length:
        relative /= p.average_length
    else:
        relative[:] = 1.0
    norm = (p.k1 * (1.0 - p.b + p.b * relative))[article]
    norm += tf
    saturated = tf * (p.k1 + 1.0)
    saturated /= norm
    del norm
    term_idf = idf[np.minimum(document_frequencies, len(idf) - 1)]
    weight = term_idf * saturated
    shared_mass = np.bincount(article, weights=weight * weight, minlength=articles)
    alone = term_idf == 0.0
    own = saturated[alone]
    own_mass = (p.rare_idf * p.rare_idf) * np.bincount(
        article[alone], weights=own * own, minlength=articles
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        coverage = np.where(shared_mass > 0, np.sqrt(shared_mass / (shared_mass + own_mass)), 0.0)
    # Strongest first within each article (ties: the lower term code first, the order of
    # `terms`), in one sort of one int64 key: the article, then the weight from strongest.
    shared = np.flatnonzero(~alone)
    key = _descending(weight[shared])
    key |= article[shared] << _WEIGHT_BITS
    order = shared[np.argsort(key, kind="stable")]
    del key
    ranked_article = article[order]
    rank = np.arange(len(order)) - np.searchsorted(ranked_article, ranked_article)
    kept = order[rank < p.keep]
    rank = rank[rank < p.keep]
    kept_article = article[kept]
    kept_weight = weight[kept]
    squares = np.bincount(kept_article, weights=kept_weight * kept_weight, minlength=articles)
    total = np.sqrt(squares)
    total[total == 0.0] = 1.0
    return Weighted(
        article=kept_article + first,
        code=terms.code[kept],
        weight=kept_weight / total[kept_article],
        rank=rank,
        coverage=coverage,
    )


def _descending(weight: np.ndarray) -> np.ndarray:
    """Positive floats as ints in the reverse order, `_WEIGHT_BITS` bits each.

    The bits of a positive float64 read as an int grow with it; the top bits are kept (a
    relative precision of 2**-31: two weights closer than that are a tie, and keep their
    order), then turned around so that the strongest weight sorts first.
    """
    bits = weight.view(np.int64) >> (64 - 1 - _WEIGHT_BITS)
    return ((1 << _WEIGHT_BITS) - 1) - bits


def postings(weighted: Weighted, indexed: int, limit: int) -> dict[int, list[int]]:
    """Term -> the articles listing it among their `indexed` strongest terms, at most
    `limit` of them: those where it weighs most (ties: the lower article index first)."""
    listed = np.flatnonzero(weighted.rank < indexed)  # already by article
    listed = listed[np.argsort(-weighted.weight[listed], kind="stable")]
    listed = listed[np.argsort(weighted.code[listed], kind="stable")]
    code = weighted.code[listed]
    if len(code) == 0:
        return {}
    starts = np.flatnonzero(np.concatenate(([True], code[1:] != code[:-1])))
    ends = np.append(starts[1:], len(code))
    ends = np.minimum(ends, starts + limit)
    articles = weighted.article[listed].tolist()
    return {
        term: articles[start:end]
        for term, start, end in zip(
            code[starts].tolist(), starts.tolist(), ends.tolist(), strict=True
        )
    }
