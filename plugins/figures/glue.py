"""Pelican glue: add the figure extension to the Markdown reader in use."""

import html
import re
from functools import partial
from pathlib import Path

from pelican import signals

from .markdown_ext import FigureExtension
from .sizes import image_size, resolve


def _size_lookup(content_root: Path, source_path: str, src: str):
    path = resolve(src, content_root, Path(source_path).parent)
    return image_size(path) if path else None


def add_figures(readers) -> None:
    for ext, base in list(readers.reader_classes.items()):
        if not hasattr(base, "markdown_extensions"):
            continue

        class FiguresReader(base):
            def markdown_extensions(self):
                lookup = partial(_size_lookup, Path(self.settings["PATH"]), self._source_path)
                return [*super().markdown_extensions(), FigureExtension(size_of=lookup)]

        readers.reader_classes[ext] = FiguresReader


_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r'([a-zA-Z-]+)="([^"]*)"')
_SITE_PREFIX = re.compile(r"^(?:https?://[^/]+)?/?(?:\.\.?/)*")


def lead_image(article) -> dict | None:
    """The first photo of an article's body (src relative to the page being written)."""
    match = _IMG.search(article.content or "")
    if not match:
        return None
    attrs = {key: html.unescape(value) for key, value in _ATTR.findall(match.group(0))}
    if "src" not in attrs:
        return None
    # The path from the site root, for absolute URLs in Open Graph and JSON-LD.
    attrs["path"] = _SITE_PREFIX.sub("", attrs["src"])
    return attrs


def add_filters(generator) -> None:
    generator.env.filters.setdefault("anh_dau", lead_image)


def register() -> None:
    signals.readers_init.connect(add_figures)
    signals.generator_init.connect(add_filters)
