"""Typed settings of the search answers plugin, read once (never written back)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AnswersSettings:
    folder: str = "tim-kiem/"  # where the lexicon files are written, beside the search page
    rows_per_part: int = 1000  # names of people and collectives: about this many rows a file

    @classmethod
    def from_pelican(cls, settings) -> AnswersSettings:
        if settings is None:
            return cls()
        get = settings.get
        folder = str(get("SEARCH_ANSWERS_FOLDER", cls.folder)).strip("/") + "/"
        return cls(
            folder=folder,
            rows_per_part=max(1, int(get("SEARCH_ANSWERS_ROWS_PER_PART", cls.rows_per_part))),
        )
