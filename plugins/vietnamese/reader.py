"""The Markdown reader that normalises every article and page to NFC before parsing.

Text pasted from macOS or some input methods arrives decomposed (NFD): "Bắc Hà" as
"Ba\u0306\u0301c Ha\u0300". Normalising the whole source before Markdown sees it makes the
title, the metadata, the slug and the body all NFC. Other plugins add Markdown extensions by
a mixin whose `markdown_extensions()` extends its parent's (`parent_extensions`; see
plugins/figures/glue.py), in either order: `NfcMarkdownReader.over(cls)` keeps a reader
class another plugin put in place and adds NFC reading on top of it.
"""

from markdown import Markdown
from pelican.readers import MarkdownReader

from .text import nfc


def parent_extensions(reader, cls) -> list:
    """The extensions of the classes after `cls` in `reader`'s method order."""
    parent = getattr(super(cls, reader), "markdown_extensions", None)
    return parent() if parent is not None else []


class NfcMarkdownReader(MarkdownReader):
    def markdown_extensions(self) -> list:
        """Extension instances added to those configured in settings["MARKDOWN"]."""
        return parent_extensions(self, NfcMarkdownReader)

    @classmethod
    def over(cls, current: type | None) -> type:
        """This reader for an extension whose reader is now `current` (another plugin's
        subclass of MarkdownReader is kept, with NFC reading first in its method order)."""
        if not isinstance(current, type) or not issubclass(current, MarkdownReader):
            return cls
        if issubclass(current, cls):
            return current
        if current is MarkdownReader:
            return cls
        return type(f"Nfc{current.__name__}", (cls, current), {})

    def _markdown(self) -> Markdown:
        """One Markdown object per reader, reset before each file: making one (its
        extensions loaded and registered) cost about as much as converting a short article,
        once per file. Extensions are made once too, so they read what concerns the file at
        hand when they run (plugins/figures reads `self._source_path`). Pelican's
        `_parse_metadata` takes the "meta" preprocessor out; it is put back here."""
        md = self.__dict__.get("_reused_markdown")
        if md is None:
            config = dict(self.settings["MARKDOWN"])
            config["extensions"] = [*config.get("extensions", []), *self.markdown_extensions()]
            md = Markdown(**config)
            self._reused_markdown = md
            self._meta_step = next(
                ((md.preprocessors[item.name], item.name, item.priority)
                 for item in md.preprocessors._priority if item.name == "meta"),
                None,
            )  # fmt: skip
            return md
        md.reset()
        if self._meta_step is not None and "meta" not in md.preprocessors:
            md.preprocessors.register(*self._meta_step)
        return md

    def read(self, source_path):
        ahead = self.__dict__.get("read_ahead")  # plugins/vietnamese/read_ahead.py
        if ahead is not None:
            found = ahead.take(source_path)
            if found is not None:
                return found
        self._source_path = source_path
        self._md = self._markdown()
        with open(source_path, encoding="utf-8-sig") as handle:
            text = nfc(handle.read())
        content = self._md.convert(text)
        metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        return content, metadata
