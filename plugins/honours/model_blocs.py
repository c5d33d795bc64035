"""The emulation blocs (khoi-thi-dua.yaml): a bloc, its years, and a year's ranking.

Pure Python. Built by loader.py and only read afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .model_source import Source
from .urls import bloc_url


@dataclass(slots=True)
class Ranking:
    unit: str
    score: str = ""  # as published ("95,5 điểm"); kept as text
    source: Source | None = None


@dataclass(eq=False)
class BlocYear:
    year: int
    members: tuple[str, ...]
    leader: str | None = None
    deputy: str | None = None
    pledge_date: date | None = None
    pledge_article: str | None = None  # the slug of the article that reported the signing
    ranking: tuple[Ranking, ...] = ()
    flag_unit: str | None = None  # proposed for the provincial emulation flag
    government_flag_unit: str | None = None  # proposed for the Government's flag
    note: str = ""
    source: Source | None = None


@dataclass(eq=False)
class Bloc:
    id: str
    name: str
    description: str = ""
    years: dict[int, BlocYear] = field(default_factory=dict)
    source: Source | None = None

    @property
    def url(self) -> str:
        return bloc_url(self.id)

    @property
    def year_list(self) -> list[BlocYear]:
        return [self.years[y] for y in sorted(self.years)]

    @property
    def all_members(self) -> list[str]:
        """Every unit that was a member in some year, in order of first membership."""
        seen: dict[str, None] = {}
        for year in self.year_list:
            for unit in year.members:
                seen.setdefault(unit, None)
        return list(seen)
