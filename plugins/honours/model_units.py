"""The units (don-vi.yaml): their kinds, their former names, and the units themselves.

Pure Python. Built by loader.py and only read afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .model_source import Source
from .urls import unit_url


@dataclass(slots=True)
class UnitKind:
    id: str
    name: str
    order: int


@dataclass(slots=True)
class FormerName:
    name: str
    until: date  # the first day of the next name


@dataclass(eq=False)
class Unit:
    """A unit that can be honoured or whose people can: a district, commune, department..."""

    id: str
    name: str
    short_name: str
    kind: str
    kind_name: str = ""
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    valid_from: date | None = None
    valid_to: date | None = None  # the first day on which the unit no longer exists
    successors: tuple[str, ...] = ()
    predecessors: tuple[str, ...] = ()  # filled in from the successors of other units
    former_names: tuple[FormerName, ...] = ()
    description: str = ""
    source: Source | None = None

    @property
    def url(self) -> str:
        return unit_url(self.id)

    @property
    def dissolved(self) -> bool:
        return self.valid_to is not None

    @property
    def last_day(self) -> date | None:
        """The last day the unit existed (the day before valid_to)."""
        return self.valid_to - timedelta(days=1) if self.valid_to else None

    @property
    def all_names(self) -> tuple[str, ...]:
        """Official name, short name and aliases, without repeats (for the mentions finder)."""
        names: list[str] = []
        for name in (
            self.name,
            self.short_name,
            *self.aliases,
            *(f.name for f in self.former_names),
        ):
            if name and name not in names:
                names.append(name)
        return tuple(names)

    def exists_on(self, day: date) -> bool:
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_to is None or day < self.valid_to

    def exists_in_year(self, year: int) -> bool:
        if self.valid_from is not None and self.valid_from.year > year:
            return False
        return self.valid_to is None or self.valid_to > date(year, 1, 1)

    def name_on(self, day: date) -> str:
        """The official name the unit had on that day."""
        if not self.former_names:
            return self.name
        for former in sorted(self.former_names, key=lambda f: f.until):
            if day < former.until:
                return former.name
        return self.name
