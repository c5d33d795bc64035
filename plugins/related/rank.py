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
and the total grows linearly with the number of articles (tools/bench_related.py).

Order is deterministic: score (rounded), then the newer article, then slug, then key.
"""

from __future__ import annotations

import gc
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from heapq import heappush, heapreplace
from itertools import chain, compress
from operator import itemgetter, mul, not_

from .settings import RankSettings
from .stopwords import STOP_WORDS
from .text import weighted_counts

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


@contextmanager
def _collector_paused():
    """Pause Python's cycle collector while building many small objects that all stay alive.

    The index allocates millions of tuples, lists and dicts and frees none of them; the cycle
    collector would otherwise walk the growing heap again and again for nothing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _epoch_days(value: datetime | date) -> float:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.timestamp() / 86400.0
    return float(value.toordinal())


def order_key(doc: Doc) -> tuple:
    """Oldest first; ties by slug, then key."""
    return (_epoch_days(doc.date), doc.slug, doc.key)


def same_category(docs: Sequence[Doc], count: int = 6) -> dict[str, list[str]]:
    """Key -> keys of the "Tin cùng chuyên mục" list, newest first."""
    groups: dict[str, list[Doc]] = {}
    for doc in sorted(docs, key=order_key):
        groups.setdefault(doc.category, []).append(doc)
    result: dict[str, list[str]] = {}
    for group in groups.values():
        for position, doc in enumerate(group):
            older = group[max(0, position - count) : position]
            missing = count - len(older)
            newer = group[position + 1 : position + 1 + missing] if missing > 0 else []
            chosen = older + newer
            result[doc.key] = [other.key for other in reversed(chosen)]
    return result


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


@dataclass
class _Vector:
    terms: dict[str, float]  # term -> weight, unit length
    keys: frozenset[str]
    order: tuple[str, ...]  # the terms, strongest first
    query: tuple[str, ...]  # the strongest terms, looked up in the index for candidates
    tags: frozenset[str] = field(default_factory=frozenset)
    # The share of the article's weight that other articles can match (its own words, such
    # as names, cannot): an article made mostly of its own words is related to nothing.
    coverage: float = 1.0


class Index:
    """BM25-weighted syllable vectors of the articles and an inverted index over them."""

    def __init__(self, docs: Iterable[Doc], settings: RankSettings | None = None):
        with _collector_paused():
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
        counts = [self._counts(doc) for doc in self.docs]
        document_frequency: Counter[str] = Counter()
        for doc_counts in counts:
            document_frequency.update(doc_counts.keys())
        self.document_frequency = document_frequency
        lengths = [sum(c.values()) for c in counts]
        self.average_length = (sum(lengths) / len(lengths)) if lengths else 0.0
        # Only terms found in two articles or more can relate two articles.
        self.idf = {term: self._idf_of(df) for term, df in document_frequency.items() if df >= 2}
        self.vectors = [
            self._vector(doc_counts, length, doc.tags)
            for doc_counts, length, doc in zip(counts, lengths, self.docs, strict=True)
        ]
        self.postings = self._postings()
        self._direct_lists: list[list[tuple[float, int]]] | None = None
        self._direct_maps: list[dict[int, float]] = []
        self._neighbours: list[list[int]] = []
        self.decision_postings: dict[str, list[int]] = {}
        for i, doc in enumerate(self.docs):
            for decision in sorted(set(doc.decisions)):
                self.decision_postings.setdefault(decision, []).append(i)

    # -- building ----------------------------------------------------------------------

    def _counts(self, doc: Doc) -> dict[str, float]:
        s = self.settings
        body = doc.body
        if s.max_body_chars and len(body) > s.max_body_chars:
            # News puts what matters first (title, lead, first paragraphs); reading a bounded
            # prefix keeps the cost per article bounded however long the article is.
            cut = body.rfind(" ", 0, s.max_body_chars)
            body = body[: cut if cut > 0 else s.max_body_chars]
        return weighted_counts(
            ((doc.title, s.title_weight), (doc.summary, s.summary_weight), (body, 1.0)),
            STOP_WORDS,
            s.unigram_weight,
        )

    def _idf_of(self, df: int) -> float:
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))

    def _vector(self, counts: dict[str, float], length: float, tags: Iterable[str]) -> _Vector:
        s = self.settings
        relative = length / self.average_length if self.average_length else 1.0
        norm = s.k1 * (1.0 - s.b + s.b * relative)
        k1_plus = s.k1 + 1.0
        # Built-in maps and sorts only: this runs for every term of every article.
        words = list(counts)
        factor = {tf: tf * k1_plus / (tf + norm) for tf in set(counts.values())}
        saturated = list(map(factor.__getitem__, counts.values()))
        idfs = list(map(self.idf.get, words))  # None for a word no other article has
        shared = list(compress(words, idfs))
        weights = list(map(mul, compress(idfs, idfs), compress(saturated, idfs)))
        own = list(compress(saturated, map(not_, idfs)))
        rare = self._idf_of(1)
        shared_mass = sum(map(mul, weights, weights))
        own_mass = rare * rare * sum(map(mul, own, own))
        # A stable sort: equal weights keep the order of first appearance in the text.
        ranked = sorted(range(len(weights)), key=weights.__getitem__, reverse=True)
        strongest = [(shared[k], weights[k]) for k in ranked[: s.terms_per_article]]
        total = math.sqrt(sum([w * w for _, w in strongest])) or 1.0
        terms = {term: w / total for term, w in strongest}
        coverage = math.sqrt(shared_mass / (shared_mass + own_mass)) if shared_mass else 0.0
        order = tuple(term for term, _ in strongest)
        return _Vector(
            terms=terms,
            keys=frozenset(terms),
            order=order,
            query=order[: s.query_terms],
            tags=frozenset(tags),
            coverage=coverage,
        )

    def _postings(self) -> dict[str, list[int]]:
        entries: dict[str, list[tuple[float, int]]] = {}
        indexed = self.settings.indexed_terms
        for i, vector in enumerate(self.vectors):
            terms = vector.terms
            for term in vector.order[:indexed]:
                entries.setdefault(term, []).append((-terms[term], i))
        limit = self.settings.postings_per_term
        postings = {}
        for term, items in entries.items():
            if len(items) > limit:
                items.sort()
                del items[limit:]
            postings[term] = [i for _, i in items]
        return postings

    # -- ranking -----------------------------------------------------------------------

    def _candidates(self, i: int, vector: _Vector, decisions: Iterable[str]) -> list[int]:
        """Articles sharing most of this one's strongest terms, plus those sharing a decision.

        When the strongest terms are too rare to find `max_candidates` articles (a topic few
        articles share), the article's other terms are looked up too.
        """
        limit = self.settings.max_candidates
        postings = self.postings
        chosen: list[int] = []
        seen = {i}
        for terms in (vector.query, vector.order[len(vector.query) :]):
            counted = Counter(chain.from_iterable(postings.get(t, ()) for t in terms))
            ranked = sorted(counted.items(), key=itemgetter(1), reverse=True)
            for j, _ in ranked:
                if j not in seen:
                    seen.add(j)
                    chosen.append(j)
                    if len(chosen) >= limit:
                        break
            if len(chosen) >= limit:
                break
        for decision in sorted(set(decisions)):
            for j in self.decision_postings.get(decision, ()):
                if j not in seen:
                    seen.add(j)
                    chosen.append(j)
        return chosen

    def _direct(
        self,
        i: int,
        vector: _Vector,
        decisions: Iterable[str],
        cache: dict[tuple[int, int], float] | None = None,
    ) -> list[tuple[float, int]]:
        """(cosine, article) for the candidates of one article, best first."""
        a, keys, vectors = vector.terms, vector.keys, self.vectors
        scored = []
        for j in self._candidates(i, vector, decisions):
            pair = (i, j) if i < j else (j, i)
            cosine = cache.get(pair) if cache is not None else None
            if cosine is None:
                b = vectors[j].terms
                cosine = sum([a[t] * b[t] for t in keys & vectors[j].keys])
                if cache is not None:
                    cache[pair] = cosine
            scored.append((cosine, j))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return scored

    def _prepare(self) -> None:
        """First pass over every article: its candidates' cosines and its nearest neighbours."""
        if self._direct_lists is not None:
            return
        cache: dict[tuple[int, int], float] = {}  # the cosine is symmetric: compute it once
        self._direct_lists = [
            self._direct(i, vector, doc.decisions, cache)
            for i, (doc, vector) in enumerate(zip(self.docs, self.vectors, strict=True))
        ]
        self._direct_maps = [dict((j, c) for c, j in found) for found in self._direct_lists]
        self._neighbours = [
            self._nearest(found, vector.coverage)
            for found, vector in zip(self._direct_lists, self.vectors, strict=True)
        ]

    def _nearest(self, direct: list[tuple[float, int]], coverage: float) -> list[int]:
        """The neighbours used for smoothing: the nearest articles that are clearly alike."""
        s = self.settings
        return [j for c, j in direct[: s.smoothing_neighbours] if c * coverage >= s.min_direct]

    def _smoothed(
        self, i: int, direct_map: dict[int, float], neighbours: list[int], chosen: list[int]
    ) -> list[tuple[float, float, int]]:
        """Neighbour smoothing: (text score, the part of it that comes through neighbours, j).

        Two articles on one topic seldom share all their words, but they share neighbours:
        the articles nearest to one are also near the other. The text score therefore adds to
        the cosine of the two articles, with `smoothing_weight` each, the mean cosine of this
        article's nearest articles (`smoothing_neighbours`) with the other, of the other's
        nearest articles with this one, and of the two sets of nearest articles. A
        coincidental shared word (a place name, "kế hoạch") lifts one cosine, not the whole
        neighbourhood.
        """
        s = self.settings
        # near[x]: mean cosine of this article's neighbours with x (from their candidate lists)
        near: dict[int, float] = {}
        if neighbours:
            share = 1.0 / len(neighbours)
            get = near.get
            for n in neighbours:
                for cosine, x in self._direct_lists[n]:
                    near[x] = get(x, 0.0) + cosine * share
        w = s.smoothing_weight
        scale = 1.0 / (1.0 + 3.0 * w)
        found = []
        for j in chosen:
            others = [m for m in self._neighbours[j] if m != i]
            if others:
                second = sum([direct_map.get(m, 0.0) for m in others]) / len(others)
                third = sum([near.get(m, 0.0) for m in others]) / len(others)
            else:
                second = third = 0.0
            through = w * (near.get(j, 0.0) + second + third) * scale
            found.append((direct_map.get(j, 0.0) * scale + through, through, j))
        return found

    def _max_multiplier(self) -> float:
        s = self.settings
        bonus = s.unit_bonus_max + s.bloc_bonus + s.decision_bonus + s.tag_bonus_max
        return (1.0 + bonus) * (1.0 + s.recency_bonus)

    def _breakdown(
        self,
        doc: Doc,
        vector: _Vector,
        direct_map: dict[int, float],
        text: float,
        through: float,
        j: int,
        explain: bool,
    ) -> Breakdown:
        s = self.settings
        other = self.docs[j]
        other_vector = self.vectors[j]
        units = tuple(sorted(set(doc.units) & set(other.units))) if doc.units else ()
        blocs = tuple(sorted(set(doc.blocs) & set(other.blocs))) if doc.blocs else ()
        decisions = (
            tuple(sorted(set(doc.decisions) & set(other.decisions))) if doc.decisions else ()
        )
        tags = tuple(sorted(vector.tags & other_vector.tags)) if vector.tags else ()
        bonus = min(s.unit_bonus_max, s.unit_bonus * len(units))
        bonus += s.bloc_bonus if blocs else 0.0
        bonus += s.decision_bonus if decisions else 0.0
        bonus += min(s.tag_bonus_max, s.tag_bonus * len(tags))
        recency = self.recency[j]
        terms: tuple[SharedTerm, ...] = ()
        if explain:
            a, b = vector.terms, other_vector.terms
            ranked = sorted(vector.keys & other_vector.keys, key=lambda t: (-a[t] * b[t], t))
            terms = tuple(SharedTerm(t, a[t] * b[t]) for t in ranked[:8])
        return Breakdown(
            key=other.key,
            slug=other.slug,
            text=text,
            direct=direct_map.get(j, 0.0),
            through_neighbours=through,
            units=units,
            blocs=blocs,
            decisions=decisions,
            tags=tags,
            metadata_bonus=bonus,
            recency_bonus=recency,
            score=text * (1.0 + bonus) * (1.0 + recency),
            shared_terms=terms,
        )

    def _rank(
        self,
        i: int,
        doc: Doc,
        vector: _Vector,
        direct: list[tuple[float, int]],
        neighbours: list[int],
        explain: bool,
    ) -> list[Breakdown]:
        direct_map = self._direct_maps[i] if i >= 0 else dict((j, c) for c, j in direct)
        chosen = [j for _, j in direct[: self.settings.rescored] if self.docs[j].key != doc.key]
        texts = self._smoothed(i, direct_map, neighbours, chosen)
        texts.sort(key=lambda item: (-item[0], item[2]))
        scored: list[Breakdown] = []
        if explain:
            for text, through, j in texts:
                scored.append(self._breakdown(doc, vector, direct_map, text, through, j, True))
            return self._select(scored, vector.coverage)
        # The metadata and recency multiply the text score by at most _max_multiplier(), so a
        # candidate whose text score is too low to reach the list needs no full breakdown.
        ceiling = self._max_multiplier()
        count = self.settings.similar_count
        best: list[float] = []  # the `count` best scores so far (a min-heap)
        for text, through, j in texts:
            if len(best) >= count and text * ceiling < best[0]:
                break
            r = self._breakdown(doc, vector, direct_map, text, through, j, False)
            scored.append(r)
            if len(best) < count:
                heappush(best, r.score)
            elif r.score > best[0]:
                heapreplace(best, r.score)
        return self._select(scored, vector.coverage)

    def _select(self, scored: list[Breakdown], coverage: float = 1.0) -> list[Breakdown]:
        """Sort, then keep the `similar_min` best (a news page always offers some), then
        those close enough to the best: within `relative_cutoff` of its score, and reaching
        `min_text` once the text score is scaled by the share of this article that other
        articles can match at all (`coverage`).
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

    def _ranked(self, key: str, explain: bool) -> list[Breakdown]:
        self._prepare()
        i = self.position[key]
        return self._rank(
            i, self.docs[i], self.vectors[i], self._direct_lists[i], self._neighbours[i], explain
        )

    def explain(self, key: str) -> list[Breakdown]:
        """The candidates of one article, best first, with the reason each is kept or not."""
        return self._ranked(key, True)

    def similar(self, key: str) -> list[str]:
        return [r.key for r in self._ranked(key, False) if r.kept]

    def similar_all(self) -> dict[str, list[str]]:
        with _collector_paused():
            return {doc.key: self.similar(doc.key) for doc in self.docs}

    def similar_to_new(self, doc: Doc, explain: bool = False) -> list[Breakdown]:
        """Rank the indexed articles for an article that is not indexed (a draft)."""
        self._prepare()
        counts = self._counts(doc)
        vector = self._vector(counts, sum(counts.values()), doc.tags)
        direct = [(c, j) for c, j in self._direct(-1, vector, doc.decisions)]
        neighbours = self._nearest(direct, vector.coverage)
        return self._rank(-1, doc, vector, direct, neighbours, explain)
