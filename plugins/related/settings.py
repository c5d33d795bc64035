"""Typed settings of the related plugin, read once from Pelican's settings (pure module).

Every value has a default; pelicanconf.py only needs a line for a value that differs, e.g.
`RELATED = {"similar_count": 4}`. Defaults are never written back into the settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True)
class RankSettings:
    """How "Có thể bạn quan tâm" is ranked. See docs in plugins/related/rank.py."""

    similar_count: int = 5  # at most this many links
    similar_min: int = 3  # at least this many whenever that many articles share any text
    relative_cutoff: float = 0.7  # beyond similar_min, keep a link scoring >= this x the best
    min_text: float = 0.03  # below this text score (x coverage) two articles are not related
    min_direct: float = 0.05  # a smoothing neighbour needs this cosine (x coverage) at least
    title_weight: float = 3.0  # a title term counts as this many body terms
    summary_weight: float = 2.0
    max_body_chars: int = 1200  # read at most this much of the body (0: all of it)
    unigram_weight: float = 0.5  # a lone syllable counts half as much as a syllable pair
    k1: float = 1.2  # BM25 term-frequency saturation
    b: float = 0.75  # BM25 length normalisation
    terms_per_article: int = 80  # the strongest terms kept in an article's vector
    indexed_terms: int = 40  # the strongest terms of an article that the index lists it under
    query_terms: int = 16  # the strongest terms used to look up candidates
    postings_per_term: int = 64  # an index entry keeps the articles where the term weighs most
    max_candidates: int = 24  # candidates scored exactly per article
    rescored: int = 12  # the best of them by direct similarity are scored after smoothing
    smoothing_neighbours: int = 4  # nearest articles that smooth an article's text scores
    smoothing_weight: float = 1.0  # weight of each neighbour term (0 switches smoothing off)
    unit_bonus: float = 0.08  # per unit named in both articles' metadata
    unit_bonus_max: float = 0.16
    bloc_bonus: float = 0.06  # same emulation bloc
    decision_bonus: float = 0.25  # at least one decision in common
    tag_bonus: float = 0.04  # per shared tag
    tag_bonus_max: float = 0.08
    recency_bonus: float = 0.08  # the newest article gets this much more, halving every...
    recency_half_life_days: float = 365.0


@dataclass(frozen=True)
class RelatedSettings:
    same_category_count: int = 6
    teaser_words: int = 30  # an item of the related lists shows this much of its Summary
    rank: RankSettings = RankSettings()
    mentions: bool = True  # detect unit names in articles (an article can say "Mentions: off")
    unit_url: str = "don-vi/{id}/"  # used when the honours data gives a unit no url

    @classmethod
    def from_pelican(cls, settings: Mapping[str, Any]) -> RelatedSettings:
        """Read the optional RELATED dict of pelicanconf.py; unknown keys are an error."""
        given = dict(settings.get("RELATED") or {})
        rank_names = {f.name for f in fields(RankSettings)}
        own_names = {f.name for f in fields(cls)} - {"rank"}
        unknown = sorted(set(given) - rank_names - own_names)
        if unknown:
            known = ", ".join(sorted(rank_names | own_names))
            raise ValueError(
                f"RELATED có khóa không hợp lệ: {', '.join(unknown)} (các khóa dùng được: {known})"
            )
        rank = replace(RankSettings(), **{k: v for k, v in given.items() if k in rank_names})
        return cls(rank=rank, **{k: v for k, v in given.items() if k in own_names})
