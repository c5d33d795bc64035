"""Every article and page that Pelican's own generators hold, once each: Pelican glue shared
by the plugins that rework finished content (plugins/photos, plugins/fixed_urls).

Pelican's ArticlesGenerator and PagesGenerator keep their content in several lists
(published, translations, hidden, drafts). Other generators, ours included, may have
attributes of the same names that hold other things (the notices generator's consultations
were once its `pages`), so only these two classes are read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pelican.generators import ArticlesGenerator, PagesGenerator

LISTS = (
    (
        ArticlesGenerator,
        (
            "articles",
            "translations",
            "hidden_articles",
            "hidden_translations",
            "drafts",
            "drafts_translations",
        ),
    ),
    (
        PagesGenerator,
        (
            "pages",
            "translations",
            "hidden_pages",
            "hidden_translations",
            "draft_pages",
            "draft_translations",
        ),
    ),
)


def pelican_contents(generators: Iterable) -> Iterator[tuple[bool, object]]:
    """(is an article, content) for every article and page, each once, in list order."""
    seen: set[int] = set()
    for generator in generators:
        for kind, names in LISTS:
            if not isinstance(generator, kind):
                continue
            for name in names:
                for content in getattr(generator, name, None) or ():
                    if id(content) not in seen:
                        seen.add(id(content))
                        yield kind is ArticlesGenerator, content
