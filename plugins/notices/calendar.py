"""Working days: weekends and public holidays do not count (pure: no Pelican).

A holidays file per year (content/honours/ngay-nghi/<year>.yaml, read by loading.py) gives the
days off (Tết, 30/4, 1/5, 2/9 and their compensatory days) and the compensatory working days
(a Saturday or Sunday made a working day). A day of a year without a file cannot be told
apart: `MissingYear` is raised, never a guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta


class MissingYear(Exception):
    """A working-day count reached a year that has no holidays file."""

    def __init__(self, year: int):
        super().__init__(year)
        self.year = year


@dataclass(frozen=True)
class YearDays:
    """One year's holidays file: the days off, and the weekend days that are working days."""

    year: int
    days_off: frozenset[date] = field(default_factory=frozenset)
    working: frozenset[date] = field(default_factory=frozenset)
    names: Mapping[date, str] = field(default_factory=dict)  # day -> what it is


class WorkingCalendar:
    """Working days of the years that have a holidays file."""

    def __init__(self, years: Mapping[int, YearDays]):
        self.years = dict(years)

    def year(self, year: int) -> YearDays:
        found = self.years.get(year)
        if found is None:
            raise MissingYear(year)
        return found

    def is_working(self, day: date) -> bool:
        known = self.year(day.year)
        if day in known.working:
            return True
        if day in known.days_off:
            return False
        return day.weekday() < 5

    def first_working(self, day: date) -> date:
        """`day` if it is a working day, else the next working day."""
        while not self.is_working(day):
            day += timedelta(days=1)
        return day

    def window(self, first: date, length: int) -> tuple[date, date]:
        """(opening day, last day) of a window of `length` working days that opens on the
        first working day on or after `first` (that day counts as day 1)."""
        if length < 1:
            raise ValueError("a window has at least one working day")
        start = day = self.first_working(first)
        counted = 1
        while counted < length:
            day += timedelta(days=1)
            if self.is_working(day):
                counted += 1
        return start, day

    def count(self, start: date, end: date) -> int:
        """Working days from `start` to `end`, both included (0 if end < start)."""
        total = 0
        day = start
        while day <= end:
            if self.is_working(day):
                total += 1
            day += timedelta(days=1)
        return total
