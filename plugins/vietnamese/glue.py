"""Pelican glue: the NFC reader, Jinja filters (and `mot_lan`), and the fixed list of
categories."""

import os
from pathlib import Path

from pelican import signals
from pelican.utils import file_suffix

from . import categories, collation, dates
from .errors import SiteErrors
from .read_ahead import ReadAhead
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


def start_reading_ahead(generator) -> None:
    """At the first article Pelican reads: with READ_AHEAD, a child process parses the
    articles from the end of the list Pelican goes through (read_ahead.py)."""
    if generator.__dict__.get("read_ahead_started"):
        return  # this signal comes before every article
    generator.read_ahead_started = True
    settings = VietnameseSettings.from_pelican(generator.settings)
    reader = generator.readers.readers.get("md")
    if not settings.read_ahead or not isinstance(reader, NfcMarkdownReader):
        return
    # Pelican's content cache (pelican/cache.py), kept by the generator or by its readers
    # (CONTENT_CACHING_LAYER): a warm build parses only what changed, nothing to share out.
    if getattr(generator, "_cache", None) or getattr(generator.readers, "_cache", None):
        return
    # The same call as Pelican's generate_context: the same set, so the same order.
    found = generator.get_files(
        generator.settings["ARTICLE_PATHS"], exclude=generator.settings["ARTICLE_EXCLUDES"]
    )
    paths = [
        os.path.abspath(os.path.join(generator.path, f))
        for f in found
        if file_suffix(f) in reader.file_extensions
    ]
    if len(paths) >= settings.read_ahead_min:
        reader.read_ahead = ReadAhead(reader, paths)


def stop_reading_ahead(generator) -> None:
    reader = generator.readers.readers.get("md")
    ahead = getattr(reader, "__dict__", {}).pop("read_ahead", None)
    if ahead is not None:
        ahead.stop()


def register() -> None:
    signals.readers_init.connect(use_nfc_reader)
    signals.generator_init.connect(add_filters)
    signals.all_generators_finalized.connect(check_categories)
    signals.article_generator_preread.connect(start_reading_ahead)
    signals.article_generator_finalized.connect(stop_reading_ahead)
