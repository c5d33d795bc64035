"""Pelican glue: the NFC reader, Jinja filters, and the fixed list of categories."""

from pathlib import Path

from pelican import signals

from . import collation, dates
from .errors import SiteError, SiteErrors
from .reader import NfcMarkdownReader
from .settings import VietnameseSettings
from .suggest import closest


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


def check_categories(generators) -> None:
    """An article whose category is not on the fixed list stops the build, naming the file."""
    for generator in generators:
        if not hasattr(generator, "articles"):
            continue
        settings = VietnameseSettings.from_pelican(generator.settings)
        if not settings.categories:
            return
        allowed = set(settings.categories)
        root = Path(generator.settings["PATH"]).parent
        problems = []
        for article in [*generator.articles, *generator.drafts]:
            name = str(article.category)
            if name in allowed:
                continue
            suggestion = closest(name, settings.categories, n=1)
            hint = (
                f'Viết đúng một chuyên mục trong danh sách, ví dụ "{suggestion[0]}".'
                if suggestion
                else "Chọn một chuyên mục trong danh sách CATEGORIES của pelicanconf.py."
            )
            try:
                source = str(Path(article.source_path).relative_to(root))
            except ValueError:
                source = article.source_path
            problems.append(
                SiteError(
                    file=source,
                    line=_metadata_line(article.source_path, "category"),
                    field="Category",
                    message=f'Chuyên mục "{name}" không có trong danh sách chuyên mục của trang.',
                    hint=hint,
                )
            )
        if problems:
            raise SiteErrors(problems)


def _metadata_line(path: str, key: str) -> int | None:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    return None
                if line.split(":", 1)[0].strip().lower() == key:
                    return number
    except OSError:
        return None
    return None


def register() -> None:
    signals.readers_init.connect(use_nfc_reader)
    signals.generator_init.connect(add_filters)
    signals.all_generators_finalized.connect(check_categories)
