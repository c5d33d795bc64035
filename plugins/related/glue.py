"""Pelican glue of the related plugin: runs once every generator has finished reading.

In `all_generators_finalized` it turns the published articles into `rank.Doc`s, ranks them
(pure code in rank.py), and sets new attributes on every article and draft (metadata is never
touched):

- `related_same_category`: "Tin cùng chuyên mục", a list of Articles;
- `related_similar`: "Có thể bạn quan tâm", a list of Articles (never a draft, never itself,
  never one of the same page's "Tin cùng chuyên mục");
- `related_teaser`: the Summary as plain text cut at a word boundary to about
  `teaser_words` words, with "…" (the teaser of the article's item in those lists);
- `mentioned_units`: unit ids, those of the `Units` metadata first, then the units whose
  names the text mentions (unless `Mentions: off`), in order of first appearance.

The first mention of each unit in the article body becomes a link to its page, written like
Pelican writes {filename} links: relative to the article's own folder with RELATIVE_URLS,
else from SITEURL. One context key is published: `context["related"]` (a `RelatedContext`).
Unit names come from `context["honours"]` (plugins/honours); without it nothing is detected.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.utils import get_relative_path, path_to_url

from plugins.checks.metadata import split_ids
from plugins.vietnamese.errors import SiteError, SiteErrors
from plugins.vietnamese.forked import Forked

from .mentions import MentionFinder, link_first_mentions, mentioned_units
from .rank import Doc, Index, same_category, share_lists
from .settings import RelatedSettings
from .text import html_to_text, teaser

logger = logging.getLogger(__name__)

_OFF = frozenset({"off", "tắt", "tat", "không", "khong", "no", "false", "0"})


@dataclass
class RelatedContext:
    """What templates can use: `related.units`, `related.articles_for_unit(id)`."""

    settings: RelatedSettings
    units: dict[str, Any] = field(default_factory=dict)  # unit id -> honours Unit
    by_unit: dict[str, list] = field(default_factory=dict)  # unit id -> Articles, newest first

    def articles_for_unit(self, unit_id: str) -> list:
        return list(self.by_unit.get(unit_id, ()))

    def unit(self, unit_id: str):
        return self.units.get(unit_id)


def _summary_text(article) -> str:
    return html_to_text(str(article.metadata.get("summary") or ""))


def to_doc(article) -> Doc:
    """The article as the ranking sees it. Its URL is `key`: Pelican computes `article.url`
    anew at each reading, so the glue reads it from here afterwards."""
    metadata = article.metadata
    return Doc(
        key=article.url,
        slug=article.slug,
        date=article.date,
        category=str(getattr(article, "category", "") or ""),
        title=html_to_text(article.title),
        summary=_summary_text(article),
        body=html_to_text(article._content or ""),
        tags=tuple(sorted(str(tag) for tag in getattr(article, "tags", None) or ())),
        units=tuple(split_ids(metadata.get("units"))),
        blocs=tuple(split_ids(metadata.get("bloc"))),
        decisions=tuple(split_ids(metadata.get("decisions"))),
    )


def _source(article) -> str:
    try:
        return str(Path(article.source_path).relative_to(Path(article.settings["PATH"]).parent))
    except (ValueError, KeyError, TypeError):
        return str(article.source_path)


def _root_url(article, settings) -> str:
    """The site root as seen from the article's page, as Pelican writes {filename} links."""
    if settings.get("RELATIVE_URLS"):
        return path_to_url(get_relative_path(article.save_as))
    return str(settings.get("SITEURL", "")).rstrip("/")


def _detection_on(article) -> bool:
    value = article.metadata.get("mentions")
    return value is None or str(value).strip().lower() not in _OFF


class _UnitUrls(Mapping):
    """Unit id -> the URL of its page from one article's page (built when asked for)."""

    def __init__(self, root: str, paths: dict[str, str]):
        self._root, self._paths = root, paths

    def __getitem__(self, uid: str) -> str:
        return f"{self._root}/{self._paths[uid]}"

    def __contains__(self, uid: object) -> bool:
        return uid in self._paths

    def __iter__(self):
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


def _unit_paths(units: dict, settings: RelatedSettings) -> dict[str, str]:
    return {
        uid: getattr(unit, "url", None) or settings.unit_url.format(id=uid)
        for uid, unit in units.items()
    }


def _known(given: list[str], units: dict) -> list[str]:
    """Of the ids in the article's `Units`, those the honours data knows (all without data)."""
    return [uid for uid in given if uid in units] if units else given


def _detect_mentions(
    articles: list, docs: dict[int, Doc], units: dict, settings: RelatedSettings, pelican_settings
) -> list[tuple[list[str], str | None]]:
    """For each article: the units its text mentions, and its body with the first mention of
    each linked (None: detection off, the body as it is). Pure: nothing is changed, so that
    it can run in a forked process beside the ranking (add_related)."""
    if not (units and settings.mentions):
        return [([], None) for _ in articles]
    names = {
        uid: list(getattr(unit, "all_names", ()) or _names(unit)) for uid, unit in units.items()
    }
    finder = MentionFinder(names)
    paths = _unit_paths(units, settings)
    found = []
    for article in articles:
        if not _detection_on(article):
            found.append(([], None))
            continue
        given = _known(split_ids(article.metadata.get("units")), units)
        resolve = _resolver(units, article.date)
        urls = _UnitUrls(_root_url(article, pelican_settings), paths)
        doc = docs[id(article)]
        detected = finder.units_in([doc.title, doc.summary, doc.body], given, resolve)
        body, _ = link_first_mentions(article._content or "", finder, urls, given, resolve)
        found.append((detected, body))
    return found


def _add_mentions(articles: list, found: list, units: dict) -> dict:
    """Set `mentioned_units` and the linked bodies (`found`, from _detect_mentions); report
    unknown `Units` ids; return unit id -> articles."""
    by_unit: dict[str, list] = {}
    for article, (detected, body) in zip(articles, found, strict=True):
        given = split_ids(article.metadata.get("units"))
        unknown = [uid for uid in given if uid not in units]
        if units and unknown:
            logger.warning(
                "%s: Units có mã đơn vị không có trong dữ liệu khen thưởng: %s",
                _source(article),
                ", ".join(unknown),
            )
        if body is not None:
            article._content = body
        article.mentioned_units = mentioned_units(_known(given, units), detected)
        if getattr(article, "status", "published") == "published":
            for uid in article.mentioned_units:
                by_unit.setdefault(uid, []).append(article)
    return by_unit


def _names(unit) -> list[str]:
    names = [getattr(unit, "name", ""), getattr(unit, "short_name", "")]
    names.extend(getattr(unit, "aliases", ()) or ())
    return [n for n in names if n]


def _resolver(units: dict, when):
    """For a name shared by several units: the one that existed on the article's date."""
    day = when.date() if hasattr(when, "date") else when

    def resolve(_name: str, candidates: tuple[str, ...]) -> str | None:
        alive = [
            uid
            for uid in candidates
            if not hasattr(units[uid], "exists_on") or units[uid].exists_on(day)
        ]
        return alive[0] if len(alive) == 1 else None

    return resolve


def _newest_first(articles: Iterable) -> list:
    return sorted(articles, key=lambda a: (a.date, a.slug, a.url), reverse=True)


def add_related(generators) -> None:
    article_generators = [g for g in generators if hasattr(g, "articles") and hasattr(g, "drafts")]
    if not article_generators:
        return
    generator = article_generators[0]
    context = generator.context
    try:
        settings = RelatedSettings.from_pelican(generator.settings)
    except (TypeError, ValueError) as problem:
        raise SiteErrors(
            [
                SiteError(
                    file="pelicanconf.py",
                    field="RELATED",
                    message=f"Cấu hình RELATED không hợp lệ: {problem}",
                    hint="Xóa khóa sai hoặc sửa giá trị theo plugins/related/settings.py.",
                )
            ]
        ) from problem

    published = [a for g in article_generators for a in g.articles]
    others = [
        a for g in article_generators for a in [*g.drafts, *getattr(g, "hidden_articles", [])]
    ]
    everything = [*published, *others]
    doc_of = {id(article): to_doc(article) for article in everything}
    honours = context.get("honours")
    units = dict(getattr(honours, "units", {}) or {}) if honours is not None else {}
    # Unit mentions (~0.9 s at 5,000 articles) on the other core while this one ranks; no
    # fork when there is nothing to detect (no unit data, or RELATED mentions off).
    detect = (_detect_mentions, everything, doc_of, units, settings, generator.settings)
    with Forked(*detect, fork=bool(units and settings.mentions)) as mentions:
        _rank(published, others, doc_of, settings)
        found = mentions.result()
    by_unit = _add_mentions(everything, found, units)
    context["related"] = RelatedContext(
        settings=settings,
        units=units,
        by_unit={uid: _newest_first(items) for uid, items in sorted(by_unit.items())},
    )


def _rank(published: list, others: list, doc_of: dict, settings: RelatedSettings) -> None:
    """Set related_same_category, related_similar and related_teaser on every article."""
    by_key = {doc_of[id(article)].key: article for article in published}
    docs = [doc_of[id(article)] for article in published]
    index = Index(docs, settings.rank)
    similar = index.similar_all()
    # The two lists of a page never share an article: "Tin cùng chuyên mục" leaves out what
    # "Có thể bạn quan tâm" shows (the similar list stays as ranked: its precision is what
    # tests/related measures) and reaches further back instead; when too few are left, the
    # lowest-ranked similar articles of the same category move over (rank.share_lists).
    same = same_category(
        docs, settings.same_category_count, {k: set(v) for k, v in similar.items()}
    )
    doc_by_key = {doc.key: doc for doc in docs}
    similar_min = settings.rank.similar_min
    for article in published:
        key = doc_of[id(article)].key
        mine, theirs = share_lists(
            key, similar.get(key, []), same.get(key, []), doc_by_key, similar_min=similar_min
        )
        article.related_same_category = [by_key[k] for k in theirs]
        article.related_similar = [by_key[k] for k in mine]
    for article in others:
        doc = doc_of[id(article)]
        ranked = index.similar_to_new(doc)
        kept = [r.key for r in ranked if r.kept]
        near = same_category([*docs, doc], settings.same_category_count, {doc.key: set(kept)})
        mine, theirs = share_lists(
            doc.key, kept, near[doc.key], {**doc_by_key, doc.key: doc}, similar_min=similar_min
        )
        article.related_similar = [by_key[k] for k in mine]
        article.related_same_category = [by_key[k] for k in theirs]
    for article in [*published, *others]:
        article.related_teaser = teaser(doc_of[id(article)].summary, settings.teaser_words)


def register() -> None:
    signals.all_generators_finalized.connect(add_related)
