"""`mot_lan(template, item, **values)`: a Jinja global that renders a small template for one
article once per build and reuses the HTML wherever the same article is shown the same way.

Each article page lists some ten related articles, and each list page (home, categories,
tags, authors, their pagination) a dozen cards: at 5,000 articles the same small item was
rendered some 60,000 times for about 5,000 different results. The HTML is kept per (template,
article, SITEURL, values) on the Jinja environment, which Pelican makes anew for each
generator of each build, so nothing outlives a build.

The contract of a template rendered this way: it reads `item`, the `values` passed, SITEURL
and what is the same on every page that calls it in a build (settings, `photos`; `articles`,
the site's newest first, on article pages), nothing else of the page that shows it (a
`{% set %}` of the calling page does not reach it: pass it as a value). Besides the cards and
related items, the footer (once per SITEURL) and an article's "Tin mới nhất" (once per
SITEURL, and per article for the seven newest) are rendered this way.
"""

from __future__ import annotations

from jinja2 import pass_context
from markupsafe import Markup

CACHE_ATTRIBUTE = "_rendered_once"


@pass_context
def mot_lan(context, template_name: str, item, **values) -> Markup:
    environment = context.environment
    cache = environment.__dict__.setdefault(CACHE_ATTRIBUTE, {})
    key = (template_name, id(item), context.get("SITEURL"), tuple(sorted(values.items())))
    found = cache.get(key)
    if found is not None and found[0] is item:
        return found[1]
    template = environment.get_template(template_name)
    html = Markup(template.render({**context.get_all(), **values, "item": item}))
    cache[key] = (item, html)  # the item is kept, so that its id() is never reused meanwhile
    return html
