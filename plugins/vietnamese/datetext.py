"""Reading a date as people write it: the one place that recognises the forms.

    2024-03-15, 2024-03-15 08:00, 2024-03-15T08:00:00+07:00   year first ("iso")
    15/03/2024, 15.03.2024, 15-03-2024 08:00, 15/3/2024 8h30    day first ("day_first")

`read(text)` says which form it is, its parts, and whether the day or the time cannot exist
(`problem`, in Vietnamese: 'ngày "31/02/2024" không có thật: tháng 2 năm 2024 chỉ có 29
ngày'). It decides nothing else: each caller keeps its policy on top of it. The Date header
of an article (plugins/checks/dates.py) accepts only year-first and refuses a day-first date
with the year-first form suggested (Pelican would read 03/04 as 4 March); the data files
(plugins/honours/convert.py) accept "2023-12-18" and "18/12/2023", without a time. Pure.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

ISO_RE = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?$"
)
DAY_FIRST_RE = re.compile(
    r"^(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})"
    r"(?:,?\s+(?P<H>\d{1,2})\s*[:hg]\s*(?P<M>\d{2})?)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateText:
    text: str  # as written, stripped
    form: str  # "iso" or "day_first"
    year: int
    month: int
    day: int
    clock: tuple[int, int, int] | None  # (hour, minute, second); None when no time is written
    separator: str  # "-" for year-first; "/", "." or "-" for day-first
    zone: str | None  # "Z", "+07:00"... when written (year-first only)
    problem: str | None  # why this day or time cannot exist (Vietnamese), or None

    def date(self) -> date:
        return date(self.year, self.month, self.day)

    def datetime(self) -> datetime:
        """Naive: the time as written (00:00 when none is written)."""
        return datetime(self.year, self.month, self.day, *(self.clock or (0, 0, 0)))


def not_understood(text: str) -> str:
    return f'không hiểu ngày "{text.strip()}"'


def impossible(year: int, month: int, day: int) -> str | None:
    """Why year-month-day does not exist ("tháng 2 năm 2023 chỉ có 28 ngày"), or None."""
    if not 1 <= month <= 12:
        return f"không có tháng {month}"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"tháng {month} năm {year} chỉ có {last} ngày"
    return None


def read(text: str) -> DateText | None:
    """The date written in `text`, in one of the forms above; None when it is none of them."""
    text = text.strip()
    match = ISO_RE.match(text)
    form = "iso"
    if match is None:
        match, form = DAY_FIRST_RE.match(text), "day_first"
        if match is None:
            return None
    groups = match.groupdict()
    year, month, day = (int(groups[k]) for k in ("y", "m", "d"))
    wrong = impossible(year, month, day)
    clock = None
    if groups.get("H") is not None:
        clock = tuple(int(groups.get(k) or 0) for k in ("H", "M", "S"))
        if clock[0] > 23 or clock[1] > 59 or clock[2] > 59:
            wrong = wrong or f"giờ {groups['H']}:{groups.get('M') or '00'} không có thật"
            clock = (0, 0, 0)
    return DateText(
        text=text,
        form=form,
        year=year,
        month=month,
        day=day,
        clock=clock,
        separator=groups.get("sep") or "-",
        zone=groups.get("tz"),
        problem=f'ngày "{text}" không có thật: {wrong}' if wrong else None,
    )
