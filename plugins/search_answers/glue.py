"""Pelican glue of the search answers plugin: writes the lexicon beside the search page.

A Generator, so that its generate_output runs once every generator has its context: the
honours data is read from `context["honours"]` (plugins/honours), never from the files again.
Nothing is written when the site has no honours data (the search page then has no answers).
"""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from .lexicon import build_lexicon
from .settings import AnswersSettings

RAW_TEMPLATE = "{% autoescape false %}{{ raw }}{% endautoescape %}"


class AnswersGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = AnswersSettings.from_pelican(self.settings)

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        data = self.context.get("honours")
        if data is None or data.is_empty:
            return
        raw = self.env.from_string(RAW_TEMPLATE)
        lexicon = build_lexicon(data, self.options.rows_per_part)
        for name in sorted(lexicon.files):
            writer.write_file(f"{self.options.folder}{name}", raw, {}, raw=lexicon.files[name])


def get_generators(pelican):
    return AnswersGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
