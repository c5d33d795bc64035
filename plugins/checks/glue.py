"""Pelican glue of the editors' workflow: drafts, previews and byte-identical builds.

- Drafts (`Status: draft`) and scheduled articles (a Date still in the future, which Pelican
  turns into drafts when WITH_FUTURE_DATES is False) are never written by a normal build;
  neither are draft pages.
- With SHOW_DRAFTS (`make serve`), they are previewed: listed with the published articles, at
  the URL they will have, each carrying `article.preview` ("draft" or "scheduled") so that the
  theme shows the "Bản nháp" banner (theme/templates/partials/ban-nhap.html).
- Stable order: Pelican lists source files as a set, so articles with the same date came out
  in a different order from one run to the next; ties are broken by slug, then source path.
- An Atom feed with no entry gets its <updated> from the content, not from the clock.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from pelican import signals
from pelican.utils import order_content

from plugins.honours.paths import OUTSIDE_HINT, is_inside
from plugins.vietnamese import categories
from plugins.vietnamese.errors import SiteErrors

from .errors import ContentProblem
from .settings import CheckSettings
from .sitewide import symlink_problems
from .template import has_placeholder

log = logging.getLogger(__name__)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
KEEP_PLACEHOLDERS = {"title", "summary"}


def stable_order(items: list, order_by) -> None:
    """Sort in place by Pelican's order setting, ties broken by slug then source path."""
    items.sort(key=lambda item: (getattr(item, "slug", ""), item.source_path or ""))
    if order_by:
        items[:] = order_content(items, order_by)


def preview_kind(article) -> str:
    explicit = str(article.metadata.get("status", "")).lower()
    return "draft" if explicit == "draft" else "scheduled"


def drop_placeholder_metadata(draft) -> None:
    """A previewed draft loses the data fields still holding "[[CẦN ĐIỀN: ...]]".

    `make new` puts placeholders in Units and Image; other plugins would read them as unit ids
    or a photo path and stop the preview. Title, Summary and the body keep theirs, so that the
    editor sees in the preview what is left to write.
    """
    for name, value in list(draft.metadata.items()):
        if name in KEEP_PLACEHOLDERS or not isinstance(value, str) or not has_placeholder(value):
            continue
        del draft.metadata[name]
        if name in vars(draft):
            delattr(draft, name)


def handle_drafts(generator) -> None:
    """article_generator_pretaxonomy: drop drafts, or (SHOW_DRAFTS) publish them as previews."""
    settings = CheckSettings.from_pelican(generator.settings)
    order_by = generator.settings.get("ARTICLE_ORDER_BY", "reversed-date")
    drafts = [(generator.articles, d) for d in generator.drafts]
    drafts += [(generator.translations, d) for d in generator.drafts_translations]
    generator.drafts = []
    generator.drafts_translations = []
    if settings.show_drafts:
        root = Path(generator.settings["PATH"]).parent
        for target, draft in drafts:
            if settings.categories and str(draft.category) not in settings.categories:
                found = categories.source_problem(
                    draft.source_path,
                    categories.shown_path(draft.source_path, root),
                    settings.categories,
                    severity="warning",
                    unfinished=has_placeholder,
                )
                if found is not None:  # the words of make check, and why no preview
                    found.message += " Bản nháp chưa xem trước được."
                    log.warning("%s", found)
                    continue
            draft.preview = preview_kind(draft)
            draft.status = "published"  # so that it gets its final URL and is listed
            drop_placeholder_metadata(draft)
            target.append(draft)
    for items in (generator.articles, generator.hidden_articles):
        stable_order(items, order_by)
    for items in (generator.translations, generator.hidden_translations):
        stable_order(items, "slug")


def handle_pages(generator) -> None:
    """page_generator_finalized: no draft pages in a normal build; the same stable order."""
    if not CheckSettings.from_pelican(generator.settings).show_drafts:
        generator.draft_pages.clear()  # in place: the context holds the same list
        generator.draft_translations.clear()
    order_by = generator.settings.get("PAGE_ORDER_BY", "basename")
    for name in ("pages", "hidden_pages", "draft_pages", "translations"):
        items = getattr(generator, name, None)
        if isinstance(items, list):
            stable_order(items, order_by if name != "translations" else "slug")


def stable_feed_date(context, feed) -> None:
    """feed_generated: an empty feed's <updated> is the newest content date, not the clock."""
    if feed.items:
        return
    dates = [a.date for a in context.get("articles", []) if getattr(a, "date", None)]
    newest = max((d for d in dates if d.tzinfo is not None), default=EPOCH)
    feed.latest_post_date = lambda: newest


def refuse_files_outside_content(generator) -> None:
    """static_generator_finalized: a static file whose real path leaves content/ (a symlink in
    extra/ or images/) is never copied, even when Pelican runs without `make check` (which
    refuses it first): the build stops with the same Vietnamese message."""
    content = Path(generator.path)
    outside = [f for f in generator.staticfiles if not is_inside(Path(f.source_path), content)]
    if not outside:
        return
    generator.staticfiles[:] = [f for f in generator.staticfiles if f not in outside]
    raise SiteErrors(
        ContentProblem(
            file=f.relative_source_path,
            message="Tệp là liên kết tượng trưng (symlink) trỏ ra ngoài thư mục content/: trang "
            "không đọc và không xuất bản nó.",
            hint=OUTSIDE_HINT,
        )
        for f in outside
    )


def _refuse_sources_outside_content(generator, kind: str) -> None:
    content = Path(generator.path)
    folders = tuple(generator.settings.get(f"{kind}_PATHS", ()))
    problems = symlink_problems(
        content, lambda path: categories.shown_path(path, content.parent), folders
    )
    if problems:
        raise SiteErrors(problems)


def refuse_articles_outside_content(generator) -> None:
    """article_generator_init: a Markdown source that is a symlink leading out of content/
    (or lies in a folder that is one) stops the build before Pelican reads anything, even
    when Pelican runs without `make check`: the same rule and words as make check's
    (sitewide.symlink_problems), raised as SiteErrors."""
    _refuse_sources_outside_content(generator, "ARTICLE")


def refuse_pages_outside_content(generator) -> None:
    """page_generator_init: the same for pages."""
    _refuse_sources_outside_content(generator, "PAGE")


def register() -> None:
    signals.article_generator_init.connect(refuse_articles_outside_content)
    signals.page_generator_init.connect(refuse_pages_outside_content)
    signals.static_generator_finalized.connect(refuse_files_outside_content)
    signals.article_generator_pretaxonomy.connect(handle_drafts)
    signals.page_generator_finalized.connect(handle_pages)
    signals.feed_generated.connect(stable_feed_date)
