"""Pelican glue: the NFC reader, Jinja filters (and `mot_lan`), and the fixed list of
categories."""

from pathlib import Path

from pelican import signals

from . import categories, collation, dates
from .errors import SiteErrors
from .reader import NfcMarkdownReader
from .render_once import mot_lan
from .settings import VietnameseSettings


def use_nfc_reader(readers) -> None:
    for ext in NfcMarkdownReader.file_extensions:
        readers.reader_classes[ext] = NfcMarkdownReader.over(readers.reader_classes.get(ext))


def _vi_sort(items, attribute=None):
    if attribute is None:
        return collation.sorted_vi(items, key=str)
    parts = attribute.split(".")

    def get(item):
        for part in parts:
            if isinstance(item, dict):
                item = item[part]
            elif isinstance(item, (tuple, list)) and part.isdigit():
                item = item[int(part)]
            else:
                item = getattr(item, part)
        return str(item)

    return collation.sorted_vi(items, key=get)


FILTERS = {
    "ngay_gio": dates.format_datetime,
    "ngay": dates.format_date,
    "ngay_dai": dates.format_long_date,
    "iso": dates.iso,
    "thu": dates.weekday,
    "vi_sort": _vi_sort,
}


def add_filters(generator) -> None:
    """Our Jinja filters, added to each generator's environment (settings stay untouched)."""
    for name, func in FILTERS.items():
        generator.env.filters.setdefault(name, func)
    generator.env.globals.setdefault("mot_lan", mot_lan)


def check_categories(generators) -> None:
    """An article whose category is not on the fixed list stops the build, naming the file
    and line with the words of `make check` (categories.category_problem)."""
    for generator in generators:
        if not hasattr(generator, "articles"):
            continue
        settings = VietnameseSettings.from_pelican(generator.settings)
        if not settings.categories:
            return
        root = Path(generator.settings["PATH"]).parent
        problems = []
        for article in [*generator.articles, *generator.drafts]:
            if str(article.category) in settings.categories:
                continue  # the common case: no need to read the header again
            found = categories.source_problem(
                article.source_path,
                categories.shown_path(article.source_path, root),
                settings.categories,
            )
            if found is not None:
                problems.append(found)
        if problems:
            raise SiteErrors(problems)


def register() -> None:
    signals.readers_init.connect(use_nfc_reader)
    signals.generator_init.connect(add_filters)
    signals.all_generators_finalized.connect(check_categories)
