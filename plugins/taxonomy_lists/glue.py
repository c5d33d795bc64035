"""Pelican glue: the article lists of tags, categories and authors become ArticleLists.

At `article_generator_finalized` Pelican has made them (generator.tags, a dict; categories
and authors, lists of pairs; the context holds the same lists) and has not yet written a page.
Each list is replaced by an ArticleList of the same articles, in the generator and in the
context, so that Pelican's tag, category and author pages test membership in constant time.
The site is the same bytes with or without this plugin (tests/site/test_taxonomy_lists.py).
"""

from __future__ import annotations

from pelican import signals

from plugins.taxonomy_lists.article_list import ArticleList


def _pairs(pairs) -> list:
    return [(key, ArticleList(articles)) for key, articles in pairs]


def use_article_lists(generator) -> None:
    tags = getattr(generator, "tags", None)
    if isinstance(tags, dict):
        for tag, articles in list(tags.items()):
            tags[tag] = ArticleList(articles)
        generator.context["tags"] = list(tags.items())
    for name in ("categories", "authors"):
        pairs = getattr(generator, name, None)
        if isinstance(pairs, list):
            pairs[:] = _pairs(pairs)  # the context holds this same list


def register() -> None:
    signals.article_generator_finalized.connect(use_article_lists)
