"""Pelican glue: pin every article's and page's URL once the content is final.

Pelican computes `content.url` anew on every read: a copy of the metadata, the source path
made relative, the date formatted, ARTICLE_URL filled in. Our pages read it many times (the
article's own links, the cards of list pages, both related lists, feeds, the sitemap): about
170,000 computations for 5,000 articles, a sixth of a cold build's Pelican time.

When its generator has finished, nothing changes an article's slug, date, category,
language or status any more (drafts are settled at `article_generator_pretaxonomy`,
plugins/checks; translations are linked before `article_generator_finalized`), so the URL it
has then is the one every page shows: articles are pinned at `article_generator_finalized`,
before any handler of `all_generators_finalized` (plugins/related reads 10,000 URLs there);
pages at `all_generators_finalized` (plugins/checks settles them at
`page_generator_finalized`, in an order of handlers that PLUGINS decides). The URL is stored
in `override_url`, the attribute Pelican itself sets for a `URL:` written in the metadata and
returns as it is (`Content.get_url_setting`). `override_save_as` is left alone: Pelican
reads its presence as "this file may overwrite another" (the Writer's override_output),
which would weaken its duplicate-path check. A content that already has an override keeps it.

The output is the same bytes with or without this plugin, in any order of PLUGINS
(tests/site/test_fixed_urls.py).
"""

from __future__ import annotations

from pelican import signals

from plugins.vietnamese.contents import pelican_contents


def pin_urls(generators) -> int:
    """Set `override_url` on every article and page that has none; returns how many."""
    pinned = 0
    for _article, content in pelican_contents(generators):
        if not hasattr(content, "override_url"):
            content.override_url = content.url
            pinned += 1
    return pinned


def pin_article_urls(generator) -> int:
    return pin_urls([generator])


def register() -> None:
    signals.article_generator_finalized.connect(pin_article_urls)
    signals.all_generators_finalized.connect(pin_urls)
