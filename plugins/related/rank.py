"""Ranking the two lists under an article (pure: no Pelican).

"Tin cùng chuyên mục" (`same_category`): the newest other articles of the same category
published before the article, topped up with the nearest newer ones when there are too few.

"Có thể bạn quan tâm" (`Index.similar`): what the articles are about is read from their
text. Each article becomes a vector of syllables and syllable pairs (text.py; the title
counts 3 times, the lead twice, the body from its first `max_body_chars` characters) weighted
by BM25 (term frequency saturated by k1, normalised by length with b, times the inverse
document frequency), pruned to its strongest terms and scaled to unit length; the direct
text similarity of two articles is the cosine of their vectors. Neighbour smoothing then
adds what the articles nearest to each of them say (`_smoothed`): articles on one topic share
neighbours even when they share few words, a coincidental shared word does not. The metadata
adds what is known for sure, as a multiplier of the text score so that it reorders articles
that are already alike but never brings in one that is not: units named in both articles'
metadata, the same bloc, a decision in common, shared tags. A mild bonus favours recent
articles (relative to the newest article of the site, never to the clock). The list shows
the `similar_min` best articles that share any text, then only those scoring within
`relative_cutoff` of the best and above `min_text`, so that a topic with few articles is not
padded with unrelated ones. Drafts are never indexed, so they are never linked.

Cost: an inverted index from each article's `indexed_terms` strongest terms to the articles,
each entry cut to the `postings_per_term` articles where the term weighs most; per article
only its `query_terms` strongest terms are looked up, at most `max_candidates` candidates get
an exact cosine and `rescored` of them a smoothed score, so the work per article is bounded
and the total grows linearly with the number of articles (tools/bench_related.py). Counting
and weighting the terms of every article, and the cosines, are array operations (NumPy,
vectors.py); what is per candidate (smoothing, metadata, the choice) stays in Python.

Order is deterministic: score (rounded), then the newer article, then slug, then key.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from heapq import heappush, heapreplace
from itertools import chain, islice, repeat
from operator import add, mul

import numpy as np

from plugins.vietnamese import gc_pause

from .settings import RankSettings
from .stopwords import STOP_WORDS
from .text import Tokenizer
from .vectors import (
    MAX_ARTICLES,
    Bm25,
    Texts,
    Weighted,
    count_terms,
    document_frequency,
    lookup_frequency,
    postings,
    weigh,
)

_BATCH = 256  # articles tokenised and counted together

_ROUND = 9  # digits kept when comparing scores, so that float noise never decides an order


@dataclass(frozen=True)
class Doc:
    """What the ranking needs to know about one article."""

    key: str  # unique (the article's URL)
    slug: str
    date: datetime | date
    category: str = ""
    title: str = ""
    summary: str = ""
    body: str = ""  # plain text
    tags: tuple[str, ...] = ()
    units: tuple[str, ...] = ()  # from the metadata only
    blocs: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()


def _epoch_days(value: datetime | date) -> float:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.timestamp() / 86400.0
    return float(value.toordinal())


def order_key(doc: Doc) -> tuple:
    """Oldest first; ties by slug, then key."""
    return (_epoch_days(doc.date), doc.slug, doc.key)


def same_category(
    docs: Sequence[Doc], count: int = 6, exclude: Mapping[str, Collection[str]] | None = None
) -> dict[str, list[str]]:
    """Key -> keys of the "Tin cùng chuyên mục" list, newest first: the `count` nearest
    older articles of the category, topped up with the nearest newer ones. `exclude[key]`:
    articles not to list for `key` (those already in its "Có thể bạn quan tâm"); the list
    then reaches further, so it keeps `count` items when the category has them."""
    groups: dict[str, list[Doc]] = {}
    for doc in sorted(docs, key=order_key):
        groups.setdefault(doc.category, []).append(doc)
    result: dict[str, list[str]] = {}
    for group in groups.values():
        for position, doc in enumerate(group):
            skip = exclude.get(doc.key) if exclude else None
            if not skip:
                older = group[max(0, position - count) : position]
                missing = count - len(older)
                newer = group[position + 1 : position + 1 + missing] if missing > 0 else []
                chosen = older + newer
                result[doc.key] = [other.key for other in reversed(chosen)]
                continue
            picked: list[int] = []
            for index in range(position - 1, -1, -1):
                if len(picked) == count:
                    break
                if group[index].key not in skip:
                    picked.append(index)
            for index in range(position + 1, len(group)):
                if len(picked) == count:
                    break
                if group[index].key not in skip:
                    picked.append(index)
            result[doc.key] = [group[index].key for index in sorted(picked, reverse=True)]
    return result


def share_lists(
    key: str,
    similar: list[str],
    same: list[str],
    docs: Mapping[str, Doc],
    minimum: int = 3,
    similar_min: int = 3,
) -> tuple[list[str], list[str]]:
    """The two lists of one page, sharing no article: (similar, same category).

    `same` already leaves out the articles of `similar` (same_category with `exclude`). When
    that leaves "Tin cùng chuyên mục" under `minimum` items, the lowest-ranked articles of
    "Có thể bạn quan tâm" that are of the page's category move to it, as long as that list
    keeps `similar_min` items; the category list stays newest first."""
    if len(same) >= minimum or len(similar) <= similar_min:
        return similar, same
    category = docs[key].category
    similar, same = list(similar), list(same)
    for other in reversed(list(similar)):
        if len(same) >= minimum or len(similar) <= similar_min:
            break
        if docs[other].category == category:
            similar.remove(other)
            same.append(other)
    same.sort(key=lambda k: order_key(docs[k]), reverse=True)
    return similar, same


@dataclass(frozen=True)
class SharedTerm:
    term: str
    contribution: float  # the term's part of the cosine


@dataclass(slots=True)
class Breakdown:
    """Why an article is (or is not) in another one's "Có thể bạn quan tâm" list."""

    key: str
    slug: str
    text: float  # text score after neighbour smoothing (what the score uses)
    direct: float = 0.0  # cosine of the two articles' own text vectors
    through_neighbours: float = 0.0  # the part of `text` that comes through neighbours
    units: tuple[str, ...] = ()
    blocs: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    metadata_bonus: float = 0.0
    recency_bonus: float = 0.0
    score: float = 0.0
    shared_terms: tuple[SharedTerm, ...] = ()
    kept: bool = False
    reason: str = ""


@dataclass(slots=True)
class _Vector:
    """An article's text vector over term ids (Index._dense), strongest term first.

    `order` and `values` are views into the index's arrays (no Python object per term: tens
    of megabytes on a big site); `weights` and `keys` are made when asked for (explain).
    """

    order: np.ndarray  # the term ids
    values: np.ndarray  # their weights, unit length
    query: tuple[int, ...]  # the strongest terms, looked up in the index for candidates
    # The share of the article's weight that other articles can match (its own words, such
    # as names, cannot): an article made mostly of its own words is related to nothing.
    coverage: float = 1.0

    @property
    def weights(self) -> dict[int, float]:
        return dict(zip(self.order.tolist(), self.values.tolist(), strict=True))

    @property
    def keys(self) -> frozenset[int]:
        return frozenset(self.order.tolist())


@dataclass(frozen=True, slots=True)
class _Facts:
    """What an article's metadata says for sure, as sets (for the metadata bonus)."""

    units: frozenset[str]
    blocs: frozenset[str]
    decisions: frozenset[str]
    tags: frozenset[str]

    @classmethod
    def of(cls, doc: Doc) -> _Facts:
        units, blocs = frozenset(doc.units), frozenset(doc.blocs)
        return cls(units, blocs, frozenset(doc.decisions), frozenset(doc.tags))

    @property
    def tags_only(self) -> bool:
        return not (self.units or self.blocs or self.decisions)


class Index:
    """BM25-weighted syllable vectors of the articles and an inverted index over them.

    Terms are ints (text.Tokenizer): a syllable id, or a pair id made from two. Everything
    after tokenising (document frequencies, vectors, postings, cosines) works on ints, whose
    hashes and set orders do not depend on PYTHONHASHSEED.
    """

    def __init__(self, docs: Iterable[Doc], settings: RankSettings | None = None):
        with gc_pause.paused():
            self._build(docs, settings)

    def _build(self, docs: Iterable[Doc], settings: RankSettings | None) -> None:
        s = self.settings = settings or RankSettings()
        self.docs: list[Doc] = sorted(docs, key=order_key)
        keys = [doc.key for doc in self.docs]
        if len(set(keys)) != len(keys):
            raise ValueError("two articles have the same key")
        self.position = {doc.key: i for i, doc in enumerate(self.docs)}
        self.size = len(self.docs)
        self.days = [_epoch_days(doc.date) for doc in self.docs]
        newest = max(self.days, default=0.0)
        self.recency = [
            s.recency_bonus * 0.5 ** (max(0.0, newest - day) / s.recency_half_life_days)
            for day in self.days
        ]
        self.facts = [_Facts.of(doc) for doc in self.docs]
        # Sort key of a candidate after its score: the newer article, then slug, then key.
        self._tiebreak = [
            (-day, doc.slug, doc.key) for day, doc in zip(self.days, self.docs, strict=True)
        ]
        most_tags = max((len(f.tags) for f in self.facts), default=0)
        self._tag_bonus = [self._bonus(0, 0, 0, n) for n in range(most_tags + 1)]
        self._tokenizer = Tokenizer(STOP_WORDS)
        if self.size > MAX_ARTICLES:
            raise ValueError(f"more than {MAX_ARTICLES} articles")
        # Every term of every article, in batches of articles: each batch is small enough
        # for the processor's cache and for one int64 sort key (vectors.py).
        starts = range(0, self.size, _BATCH)
        batches = [self._texts_of(self.docs[k : k + _BATCH], k) for k in starts]
        self._base = self._tokenizer.size  # the syllables of the index: see vectors.py
        parts = [count_terms(texts, self._base) for texts in batches]
        del batches
        codes = np.concatenate([part.code for part in parts]) if parts else np.zeros(0, int)
        self._distinct, self._frequency = document_frequency(codes)
        del codes
        total_length = sum(float(part.frequency.sum()) for part in parts)  # of all articles
        self.average_length = total_length / self.size if self.size else 0.0
        # IDF by document frequency. Only terms found in two articles or more can relate
        # two articles: any other term has no IDF (0.0).
        self._idf = np.array(
            [0.0, 0.0] + [self._idf_of(df) for df in range(2, self.size + 1)], dtype=np.float64
        )
        self._bm25 = Bm25(
            k1=s.k1,
            b=s.b,
            average_length=self.average_length,
            rare_idf=self._idf_of(1),
            keep=s.terms_per_article,
        )
        weighted = []
        for part, k in zip(parts, starts, strict=True):
            found = lookup_frequency(self._distinct, self._frequency, part.code)
            count = min(_BATCH, self.size - k)
            weighted.append(weigh(part, found, self._idf, k, count, self._bm25))
        del parts
        strongest = self._dense(Weighted.concatenate(weighted))
        del weighted
        self.vectors = self._vectors(strongest, self.size)
        self.postings = postings(strongest, s.indexed_terms, s.postings_per_term)
        # The same vectors as rows of a sparse matrix, for the cosines (_direct): row i is
        # row_terms[row_start[i]:row_start[i + 1]], with the weights in row_weights.
        sizes = np.bincount(strongest.article, minlength=self.size)
        self._row_start = np.concatenate(([0], np.cumsum(sizes)))
        self._row_terms = strongest.code
        self._row_weights = strongest.weight
        self._scratch = np.zeros(len(self._distinct), dtype=np.float64)
        self._direct_maps: list[dict[int, float]] | None = None
        self._neighbours: list[list[int]] = []
        self._order: list[int] = []
        self.decision_postings: dict[str, list[int]] = {}
        for i, doc in enumerate(self.docs):
            for decision in sorted(set(doc.decisions)):
                self.decision_postings.setdefault(decision, []).append(i)

    # -- building ----------------------------------------------------------------------

    def _texts_of(self, docs: Sequence[Doc], first: int) -> Texts:
        """The title, lead and body of each article (the longest first), read in one pass."""
        s = self.settings
        texts: list[str] = []
        weights: list[float] = []
        for doc in docs:
            body = doc.body
            if s.max_body_chars and len(body) > s.max_body_chars:
                # News puts what matters first (title, lead, first paragraphs); reading a
                # bounded prefix keeps the cost per article bounded however long it is.
                cut = body.rfind(" ", 0, s.max_body_chars)
                body = body[: cut if cut > 0 else s.max_body_chars]
            fields = [(doc.title, s.title_weight), (doc.summary, s.summary_weight), (body, 1.0)]
            fields.sort(key=lambda field: -len(field[0]))  # stable: ties keep this order
            for text, weight in fields:
                texts.append(text)
                weights.append(weight if text and weight > 0 else 0.0)
        ids = np.array(self._tokenizer.joined_ids(texts), dtype=np.int64)
        pair_weight = np.array(weights, dtype=np.float64)
        return Texts(
            ids=ids,
            article=np.repeat(np.arange(first, first + len(docs), dtype=np.int64), 3),
            syllable_weight=pair_weight * s.unigram_weight,
            pair_weight=pair_weight,
        )

    def _idf_of(self, df: int) -> float:
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))

    def _vectors(self, weighted: Weighted, articles: int) -> list[_Vector]:
        """One _Vector per article from the arrays of `weigh`."""
        query = self.settings.query_terms
        counts = np.bincount(weighted.article, minlength=articles).tolist()
        codes, weights = weighted.code, weighted.weight
        vectors = []
        start = 0
        for count, coverage in zip(counts, weighted.coverage.tolist(), strict=True):
            end = start + count
            order = codes[start:end]
            vectors.append(
                _Vector(
                    order=order,
                    values=weights[start:end],
                    query=tuple(order[:query].tolist()),
                    coverage=coverage,
                )
            )
            start = end
        return vectors

    def _dense(self, weighted: Weighted) -> Weighted:
        """`weighted` with each term code replaced by its place among the index's codes.

        Every term kept in a vector is in two articles or more, so it has a place; the
        vectors, the postings and the cosines use these small ints ("term ids").
        """
        return replace(weighted, code=np.searchsorted(self._distinct, weighted.code))

    def _new_vector(self, doc: Doc) -> _Vector:
        """The vector of an article that is not indexed (a draft), with the index's IDF."""
        terms = count_terms(self._texts_of([doc], 0), self._base)
        frequencies = lookup_frequency(self._distinct, self._frequency, terms.code)
        weighted = self._dense(weigh(terms, frequencies, self._idf, 0, 1, self._bm25))
        return self._vectors(weighted, 1)[0]

    def _term_text(self, term: int) -> str:
        """A term id as people write it: "thi", "thi đua"."""
        code = int(self._distinct[term])
        text_of = self._tokenizer.text_of
        if code < self._base:
            return text_of(code)
        first, second = divmod(code, self._base)
        return f"{text_of(first)} {text_of(second)}"

    # -- ranking -----------------------------------------------------------------------

    def _candidates(self, i: int, vector: _Vector, decisions: Iterable[str]) -> list[int]:
        """Articles sharing most of this one's strongest terms, plus those sharing a decision.

        When the strongest terms are too rare to find `max_candidates` articles (a topic few
        articles share), the article's other terms are looked up too.
        """
        limit = self.settings.max_candidates
        get = self.postings.get
        counted = Counter(chain.from_iterable(map(get, vector.query, repeat(()))))
        counted.pop(i, None)
        # Most shared terms first; a stable sort keeps ties in order of first appearance.
        chosen = sorted(counted, key=counted.__getitem__, reverse=True)
        if len(chosen) > limit:
            del chosen[limit:]
        elif len(chosen) < limit and len(vector.order) > len(vector.query):
            counted = Counter(
                chain.from_iterable(
                    map(get, vector.order[len(vector.query) :].tolist(), repeat(()))
                )
            )
            seen = set(chosen)
            seen.add(i)
            for j in sorted(counted, key=counted.__getitem__, reverse=True):
                if j not in seen:
                    seen.add(j)
                    chosen.append(j)
                    if len(chosen) >= limit:
                        break
        if decisions:
            seen = set(chosen)
            seen.add(i)
            for decision in sorted(set(decisions)):
                for j in self.decision_postings.get(decision, ()):
                    if j not in seen:
                        seen.add(j)
                        chosen.append(j)
        return chosen

    def _direct(self, terms: Sequence[int], weights: Sequence[float], candidates: list[int]):
        """Candidate -> cosine with the vector (`terms`, `weights`), best first (ties: the
        lower index first).

        The vector is spread into a dense array over all term ids, the candidates' rows are
        gathered from the sparse matrix, and each cosine is one sum of products: a few
        array operations per article, whatever the number of terms.
        """
        if not candidates:
            return {}
        scratch = self._scratch
        scratch[terms] = weights
        chosen = np.array(candidates, dtype=np.int64)
        starts = self._row_start[chosen]
        sizes = self._row_start[chosen + 1] - starts
        offsets = np.cumsum(sizes) - sizes
        at = np.arange(int(sizes.sum()), dtype=np.int64) + np.repeat(starts - offsets, sizes)
        products = scratch[self._row_terms[at]]
        products *= self._row_weights[at]
        scratch[terms] = 0.0
        cosines = np.zeros(len(chosen), dtype=np.float64)
        filled = sizes > 0
        if filled.any():
            cosines[filled] = np.add.reduceat(products, offsets[filled])
        order = np.lexsort((chosen, -cosines))
        return dict(zip(chosen[order].tolist(), cosines[order].tolist(), strict=True))

    def _row(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        start, end = self._row_start[i], self._row_start[i + 1]
        return self._row_terms[start:end], self._row_weights[start:end]

    def _prepare(self) -> None:
        """First pass over every article: its candidates' cosines and its nearest neighbours.

        The second pass (`similar_all`) takes the articles in `_walk` order, so that the maps
        a step reads are mostly those the steps before it read: fewer cache misses on a big
        site. The result does not depend on that order.
        """
        if self._direct_maps is not None:
            return
        candidates = [
            self._candidates(i, vector, doc.decisions)
            for i, (doc, vector) in enumerate(zip(self.docs, self.vectors, strict=True))
        ]
        maps = [self._direct(*self._row(i), found) for i, found in enumerate(candidates)]
        self._direct_maps = maps
        self._neighbours = [
            self._nearest(found, vector.coverage)
            for found, vector in zip(maps, self.vectors, strict=True)
        ]
        self._order = self._walk(self._neighbours)

    @staticmethod
    def _walk(links: list[list[int]]) -> list[int]:
        """Every article once, depth first along `links` (article -> articles)."""
        seen = [False] * len(links)
        order = []
        for start in range(len(links)):
            if seen[start]:
                continue
            stack = [start]
            while stack:
                i = stack.pop()
                if seen[i]:
                    continue
                seen[i] = True
                order.append(i)
                stack.extend(reversed(links[i]))
        return order

    def _nearest(self, direct: dict[int, float], coverage: float) -> list[int]:
        """The neighbours used for smoothing: the nearest articles that are clearly alike."""
        s = self.settings
        return [
            j
            for j, c in islice(direct.items(), s.smoothing_neighbours)
            if c * coverage >= s.min_direct
        ]

    def _smoothed(
        self, i: int, direct_map: dict[int, float], neighbours: list[int], chosen: list[int]
    ) -> list[tuple[float, int, float]]:
        """Neighbour smoothing: (-text score, j, the part of it that comes through
        neighbours) for each chosen article j, best first (ties: the lower index first).

        Two articles on one topic seldom share all their words, but they share neighbours:
        the articles nearest to one are also near the other. The text score therefore adds to
        the cosine of the two articles, with `smoothing_weight` each, the mean cosine of this
        article's nearest articles (`smoothing_neighbours`) with the other, of the other's
        nearest articles with this one, and of the two sets of nearest articles. A
        coincidental shared word (a place name, "kế hoạch") lifts one cosine, not the whole
        neighbourhood.
        """
        s = self.settings
        maps = self._direct_maps
        # near[x]: mean cosine of this article's neighbours with x (from their candidate lists)
        near: dict[int, float] = {}
        get = near.get
        if neighbours:
            share = 1.0 / len(neighbours)
            for n in neighbours:
                # near[x] = near.get(x, 0.0) + cosine * share for each (x, cosine), built-in
                found = maps[n]
                shares = map(mul, found.values(), repeat(share))
                near.update(zip(found, map(add, map(get, found, repeat(0.0)), shares), strict=True))
        direct_get = direct_map.get
        w = s.smoothing_weight
        scale = 1.0 / (1.0 + 3.0 * w)
        all_neighbours = self._neighbours
        found = []
        for j in chosen:
            others = all_neighbours[j]
            if i in others:
                others = [m for m in others if m != i]
            if others:
                second = sum(map(direct_get, others, repeat(0.0))) / len(others)
                third = sum(map(get, others, repeat(0.0))) / len(others)
            else:
                second = third = 0.0
            through = w * (get(j, 0.0) + second + third) * scale
            found.append((-(direct_get(j, 0.0) * scale + through), j, through))
        found.sort()
        return found

    def _texts(
        self, i: int, doc: Doc, direct_map: dict[int, float], neighbours: list[int]
    ) -> list[tuple[float, int, float]]:
        """`_smoothed` for the `rescored` nearest candidates by cosine."""
        chosen = list(islice(direct_map, self.settings.rescored))
        if i < 0:  # an article that is not indexed (a draft) is never its own candidate
            chosen = [j for j in chosen if self.docs[j].key != doc.key]
        return self._smoothed(i, direct_map, neighbours, chosen)

    def _max_multiplier(self) -> float:
        s = self.settings
        bonus = s.unit_bonus_max + s.bloc_bonus + s.decision_bonus + s.tag_bonus_max
        return (1.0 + bonus) * (1.0 + s.recency_bonus)

    def _shared_facts(self, facts: _Facts, j: int) -> tuple[frozenset, ...]:
        """Units, blocs, decisions and tags both articles' metadata name."""
        other = self.facts[j]
        return (
            facts.units & other.units if facts.units else frozenset(),
            facts.blocs & other.blocs if facts.blocs else frozenset(),
            facts.decisions & other.decisions if facts.decisions else frozenset(),
            facts.tags & other.tags if facts.tags else frozenset(),
        )

    def _bonus(self, units: int, blocs: int, decisions: int, tags: int) -> float:
        """The metadata bonus for the numbers of units, blocs, decisions and tags in common."""
        s = self.settings
        bonus = min(s.unit_bonus_max, s.unit_bonus * units)
        bonus += s.bloc_bonus if blocs else 0.0
        bonus += s.decision_bonus if decisions else 0.0
        bonus += min(s.tag_bonus_max, s.tag_bonus * tags)
        return bonus

    def _breakdown(
        self,
        vector: _Vector,
        facts: _Facts,
        direct_map: dict[int, float],
        text: float,
        through: float,
        j: int,
        explain: bool,
    ) -> Breakdown:
        other = self.docs[j]
        units, blocs, decisions, tags = self._shared_facts(facts, j)
        bonus = self._bonus(len(units), len(blocs), len(decisions), len(tags))
        recency = self.recency[j]
        terms: tuple[SharedTerm, ...] = ()
        if explain:
            a, b = vector.weights, self.vectors[j].weights
            text_of = self._term_text
            ranked = sorted(
                vector.keys & self.vectors[j].keys, key=lambda t: (-a[t] * b[t], text_of(t))
            )
            terms = tuple(SharedTerm(text_of(t), a[t] * b[t]) for t in ranked[:8])
        return Breakdown(
            key=other.key,
            slug=other.slug,
            text=text,
            direct=direct_map.get(j, 0.0),
            through_neighbours=through,
            units=tuple(sorted(units)),
            blocs=tuple(sorted(blocs)),
            decisions=tuple(sorted(decisions)),
            tags=tuple(sorted(tags)),
            metadata_bonus=bonus,
            recency_bonus=recency,
            score=text * (1.0 + bonus) * (1.0 + recency),
            shared_terms=terms,
        )

    def _explain(
        self,
        i: int,
        doc: Doc,
        vector: _Vector,
        direct_map: dict[int, float],
        neighbours: list[int],
        explain: bool = True,
    ) -> list[Breakdown]:
        """Every candidate with its score breakdown, in list order, each with its reason."""
        facts = self.facts[i] if i >= 0 else _Facts.of(doc)
        scored = [
            self._breakdown(vector, facts, direct_map, -negative, through, j, explain)
            for negative, j, through in self._texts(i, doc, direct_map, neighbours)
        ]
        return self._select(scored, vector.coverage)

    def _select(self, scored: list[Breakdown], coverage: float = 1.0) -> list[Breakdown]:
        """Sort, then keep the `similar_min` best (a news page always offers some), then
        those close enough to the best: within `relative_cutoff` of its score, and reaching
        `min_text` once the text score is scaled by the share of this article that other
        articles can match at all (`coverage`).

        `_kept` makes the same choice without the explanations: keep the two in step.
        """
        s = self.settings
        days = self.days
        position = self.position
        scored.sort(key=lambda r: (-round(r.score, _ROUND), -days[position[r.key]], r.slug, r.key))
        best = scored[0].score if scored else 0.0
        kept = 0
        for r in scored:
            if kept >= s.similar_count:
                r.reason = "đã đủ số liên kết"
            elif r.text <= 0.0:
                r.reason = "không có từ nào chung"
            elif kept < s.similar_min:
                r.kept = True
                r.reason = "chọn"
                kept += 1
            elif r.text * coverage < s.min_text:
                r.reason = f"văn bản giống (× độ phủ {coverage:.2f}) dưới {s.min_text:g}"
            elif r.score < s.relative_cutoff * best:
                r.reason = f"điểm dưới {s.relative_cutoff:g} × điểm cao nhất"
            else:
                r.kept = True
                r.reason = "chọn"
                kept += 1
        return scored

    def _kept(self, i: int) -> list[str]:
        """The keys `_explain` keeps for an indexed article, without the explanations.

        Scores are tuples here, and a candidate whose text score is too low to reach the
        list (the metadata and recency multiply it by at most `_max_multiplier()`) is not
        scored at all.
        """
        s = self.settings
        recency, tiebreak, tag_bonus = self.recency, self._tiebreak, self._tag_bonus
        facts = self.facts[i]
        tags = facts.tags if facts.tags_only else None
        texts = self._texts(i, self.docs[i], self._direct_maps[i], self._neighbours[i])
        ceiling = self._max_multiplier()
        count = s.similar_count
        best: list[float] = []  # the `count` best scores so far (a min-heap)
        scored = []
        for negative, j, _ in texts:
            text = -negative
            if len(best) >= count and text * ceiling < best[0]:
                break
            if tags is not None:  # the usual case: no units, bloc or decisions to compare
                bonus = tag_bonus[len(tags & self.facts[j].tags)]
            else:
                units, blocs, decisions, shared_tags = self._shared_facts(facts, j)
                bonus = self._bonus(len(units), len(blocs), len(decisions), len(shared_tags))
            score = text * (1.0 + bonus) * (1.0 + recency[j])
            scored.append((-round(score, _ROUND), tiebreak[j], text, score))
            if len(best) < count:
                heappush(best, score)
            elif score > best[0]:
                heapreplace(best, score)
        scored.sort()
        top = scored[0][3] if scored else 0.0
        coverage = self.vectors[i].coverage
        chosen: list[str] = []
        for _, (_, _, key), text, score in scored:
            if len(chosen) >= count:
                break
            if text > 0.0 and (
                len(chosen) < s.similar_min
                or (text * coverage >= s.min_text and score >= s.relative_cutoff * top)
            ):
                chosen.append(key)
        return chosen

    def explain(self, key: str) -> list[Breakdown]:
        """The candidates of one article, best first, with the reason each is kept or not."""
        self._prepare()
        i = self.position[key]
        return self._explain(
            i, self.docs[i], self.vectors[i], self._direct_maps[i], self._neighbours[i]
        )

    def similar(self, key: str) -> list[str]:
        self._prepare()
        return self._kept(self.position[key])

    def similar_all(self) -> dict[str, list[str]]:
        with gc_pause.paused():
            self._prepare()
            found = [None] * self.size
            for i in self._order:  # neighbours one after the other: see _prepare
                found[i] = self._kept(i)
            return {doc.key: kept for doc, kept in zip(self.docs, found, strict=True)}

    def similar_to_new(self, doc: Doc, explain: bool = False) -> list[Breakdown]:
        """Rank the indexed articles for an article that is not indexed (a draft); the
        shared terms of each candidate are listed with `explain`."""
        self._prepare()
        vector = self._new_vector(doc)
        direct = self._direct(
            vector.order,
            vector.values,
            self._candidates(-1, vector, doc.decisions),
        )
        neighbours = self._nearest(direct, vector.coverage)
        return self._explain(-1, doc, vector, direct, neighbours, explain)
