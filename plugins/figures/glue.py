"""Pelican glue: add the figure extension to the Markdown reader in use, in any plugin order.

The NFC reader of plugins/vietnamese builds its Markdown with the extensions that
`markdown_extensions()` returns; each plugin that adds one is a mixin whose
`markdown_extensions()` extends its parent's. Whichever of the two plugins runs its
readers_init first, the reader class in the end has both: plugins/vietnamese puts its reader
under an existing subclass (NfcMarkdownReader.over), this plugin mixes itself into the class
in place.
"""

from pathlib import Path

from pelican import signals
from pelican.readers import MarkdownReader

from plugins.vietnamese.reader import parent_extensions

from .markdown_ext import FigureExtension
from .sizes import image_size, resolve


def _size_lookup(content_root: Path, source_path: str, src: str):
    path = resolve(src, content_root, Path(source_path).parent)
    return image_size(path) if path else None


class FiguresMixin:
    """A lone image in its paragraph becomes <figure> with its title as <figcaption>."""

    def markdown_extensions(self) -> list:
        root = Path(self.settings["PATH"])

        def lookup(src: str):  # the file being read now: one extension serves every file
            return _size_lookup(root, self._source_path, src)

        return [*parent_extensions(self, FiguresMixin), FigureExtension(size_of=lookup)]


def add_figures(readers) -> None:
    for ext, base in list(readers.reader_classes.items()):
        if not isinstance(base, type) or not issubclass(base, MarkdownReader):
            continue
        if issubclass(base, FiguresMixin):
            continue
        readers.reader_classes[ext] = type(f"Figures{base.__name__}", (FiguresMixin, base), {})


def register() -> None:
    signals.readers_init.connect(add_figures)
