"""The Markdown reader that normalises every article and page to NFC before parsing.

Text pasted from macOS or some input methods arrives decomposed (NFD): "Bắc Hà" as
"Ba\u0306\u0301c Ha\u0300". Normalising the whole source before Markdown sees it makes the
title, the metadata, the slug and the body all NFC. Other plugins add Markdown extensions by
overriding `markdown_extensions()` in a subclass (see plugins/figures/glue.py).
"""

from markdown import Markdown
from pelican.readers import MarkdownReader

from .text import nfc


class NfcMarkdownReader(MarkdownReader):
    def markdown_extensions(self) -> list:
        """Extension instances added to those configured in settings["MARKDOWN"]."""
        return []

    def read(self, source_path):
        self._source_path = source_path
        config = dict(self.settings["MARKDOWN"])
        config["extensions"] = [*config.get("extensions", []), *self.markdown_extensions()]
        self._md = Markdown(**config)
        with open(source_path, encoding="utf-8-sig") as handle:
            text = nfc(handle.read())
        content = self._md.convert(text)
        metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        return content, metadata
