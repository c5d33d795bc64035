"""The articles' links to the honours data (pure: no Pelican; articles are read by attribute).

- `link_articles`: each article's `Units`, `Bloc` and `Decisions` metadata, checked with make
  check's rule and resolved into `article.honours_units`, `article.honours_bloc` and
  `article.honours_decisions` (theme/templates/partials/article_honours.html); every unknown
  id at once, as one SiteErrors.
- `ArticleIndex`: the articles by slug and by URL path, to resolve `bai_viet` and
  `bai_viet_giao_uoc` in the data (glue.py logs what it cannot resolve).
- `page_articles`: the articles listed on each unit, bloc and decision page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from plugins.checks.metadata import split_ids
from plugins.checks.rules import reference_problems
from plugins.vietnamese.errors import SiteErrors

from .cells import TableCells
from .errors import ArticleReferenceError
from .model import HonoursData
from .page_context import decision_box


def article_order(article) -> tuple:
    """Newest first; ties broken by slug."""
    return (-article.date.timestamp(), getattr(article, "slug", ""))


def article_source(article, root: Path) -> str:
    """The article's file, relative to root when it is inside."""
    try:
        return Path(article.source_path).relative_to(root).as_posix()
    except ValueError:
        return str(article.source_path)


def link_articles(articles: list, data: HonoursData, root: Path) -> list:
    """The articles newest first, each with its honours_units, honours_bloc and
    honours_decisions set; raises SiteErrors naming every unknown id."""
    problems = []
    known = sorted(articles, key=article_order)
    cells = TableCells(data.record_ids)
    for article in known:
        article.honours_units = []
        article.honours_bloc = None
        article.honours_decisions = []
        if data.is_empty:
            continue
        for key, ids in (
            ("units", data.units),
            ("bloc", data.blocs),
            ("decisions", data.decisions),
        ):
            value = article.metadata.get(key)
            if value is None:
                continue
            # make check's rule (it ran first in make html: here only for a bare pelican)
            for message, hint in reference_problems(key, value, ids):
                problems.append(
                    ArticleReferenceError(
                        file=article_source(article, root),
                        field=key.capitalize(),
                        message=message,
                        hint=hint,
                    )
                )
            found = [ids[ident] for ident in split_ids(value) if ident in ids]
            if key == "units":
                article.honours_units = found
            elif key == "bloc":
                article.honours_bloc = found[0] if found else None
            else:
                article.honours_decisions = [decision_box(data, d, cells) for d in found]
    if problems:
        raise SiteErrors(problems)
    return known


class ArticleIndex:
    """Articles by slug and by URL path ("2023/12/slug"), to resolve `bai_viet` in the data."""

    def __init__(self, articles: Iterable = ()) -> None:
        index: dict[str, list] = defaultdict(list)
        for article in articles:
            index[article.slug].append(article)
            index[article.url.strip("/")].append(article)
        self._index = dict(index)

    def lookup(self, reference: str) -> list:
        """Every article the reference may name: one, none, or several of the same slug."""
        return self._index.get(reference.strip().strip("/"), [])


@dataclass
class PageArticles:
    """The articles each honours page lists, newest first."""

    units: dict[str, list] = field(default_factory=dict)  # unit id -> articles
    blocs: dict[str, list] = field(default_factory=dict)  # bloc id -> articles
    decisions: dict[str, list] = field(default_factory=dict)  # decision id -> articles
    pledges: dict[tuple[str, int], object] = field(default_factory=dict)  # (bloc, year) -> one


def page_articles(
    articles: list, data: HonoursData, find: Callable[[str | None, str], object]
) -> PageArticles:
    """From the articles (newest first, linked by link_articles): a unit's are those that name
    it or that plugins/related found mentioning it (`mentioned_units`); a bloc's and a
    decision's those that name it, and the decision's own `bai_viet`; a bloc year's pledge
    article is its `bai_viet_giao_uoc`. `find(reference, where)` resolves a `bai_viet`."""
    for_unit: dict[str, list] = defaultdict(list)
    for_bloc: dict[str, list] = defaultdict(list)
    for_decision: dict[str, list] = defaultdict(list)
    for article in articles:
        named = {u.id for u in getattr(article, "honours_units", [])}
        mentioned = set(getattr(article, "mentioned_units", None) or ())
        for uid in sorted(named | mentioned):
            if uid in data.units:
                for_unit[uid].append(article)
        bloc = getattr(article, "honours_bloc", None)
        if bloc is not None:
            for_bloc[bloc.id].append(article)
        for box in getattr(article, "honours_decisions", []):
            for_decision[box["decision"].id].append(article)
    decisions = {}
    for decision in data.decision_list:
        reported = find(decision.article, decision.source.file)
        listed = list(for_decision.get(decision.id, []))
        if reported is not None and reported not in listed:
            listed.append(reported)
        decisions[decision.id] = sorted(listed, key=article_order)
    pledges = {}
    for bloc in data.blocs.values():
        for year in bloc.year_list:
            pledges[(bloc.id, year.year)] = find(year.pledge_article, bloc.source.file)
    return PageArticles(dict(for_unit), dict(for_bloc), decisions, pledges)
