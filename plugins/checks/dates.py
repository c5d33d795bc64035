"""Reading the Date header the way editors write it, with a precise message when it is wrong.

The only accepted form is year-month-day ("2024-03-15 08:00"): a day-first date such as
"03/04/2024" is read by Pelican as 4 March, so it is refused with the ISO form suggested.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import datetime

ISO_RE = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?$"
)
DAY_FIRST_RE = re.compile(
    r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
    r"(?:,?\s+(?P<H>\d{1,2})\s*[:hg]\s*(?P<M>\d{2})?)?$",
    re.IGNORECASE,
)
EXAMPLE = "2024-03-15 08:00"


@dataclass(frozen=True)
class DateResult:
    value: datetime | None  # naive, Vietnam time (None when wrong)
    problem: str | None = None  # what is wrong, in Vietnamese
    fix: str | None = None  # the corrected value when we can tell it


def _impossible(year: int, month: int, day: int) -> str | None:
    if not 1 <= month <= 12:
        return f"không có tháng {month}"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"tháng {month} năm {year} chỉ có {last} ngày"
    return None


def _time(match: re.Match) -> tuple[int, int, int] | str:
    groups = match.groupdict()
    hour, minute, second = (int(groups.get(k) or 0) for k in ("H", "M", "S"))
    if hour > 23 or minute > 59 or second > 59:
        return f"giờ {match.group('H')}:{match.group('M') or '00'} không có thật"
    return hour, minute, second


def parse_date(text: str) -> DateResult:
    text = text.strip()
    iso = ISO_RE.match(text)
    day_first = None if iso else DAY_FIRST_RE.match(text)
    match = iso or day_first
    if match is None:
        return DateResult(None, f'không hiểu ngày "{text}"')
    year, month, day = (int(match.group(k)) for k in ("y", "m", "d"))
    wrong = _impossible(year, month, day)
    clock = _time(match)
    if isinstance(clock, str):
        wrong = wrong or clock
        clock = (0, 0, 0)
    if wrong:
        return DateResult(None, f'ngày "{text}" không có thật: {wrong}')
    value = datetime(year, month, day, *clock)
    if day_first:
        fixed = value.strftime("%Y-%m-%d %H:%M")
        return DateResult(None, f'ngày "{text}" viết theo kiểu ngày/tháng/năm', fixed)
    return DateResult(value)
