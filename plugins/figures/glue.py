"""Pelican glue: add the figure extension to the Markdown reader in use."""

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


def register() -> None:
    signals.readers_init.connect(add_figures)
