"""The article Date header's policy, on top of the one date reader (plugins/vietnamese/datetext).

The only accepted form is year-month-day ("2024-03-15 08:00"): a day-first date such as
"03/04/2024" is read by Pelican as 4 March, so it is refused with the ISO form suggested.
A day or time that cannot exist is worded by datetext, as for the data files.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from plugins.vietnamese import datetext

EXAMPLE = "2024-03-15 08:00"


@dataclass(frozen=True)
class DateResult:
    value: datetime | None  # naive, Vietnam time (None when wrong)
    problem: str | None = None  # what is wrong, in Vietnamese
    fix: str | None = None  # the corrected value when we can tell it


def parse_date(text: str) -> DateResult:
    found = datetext.read(text)
    if found is None:
        return DateResult(None, datetext.not_understood(text))
    if found.problem:
        return DateResult(None, found.problem)
    value = found.datetime()
    if found.form == "day_first":
        fixed = value.strftime("%Y-%m-%d %H:%M")
        return DateResult(None, f'ngày "{found.text}" viết theo kiểu ngày/tháng/năm', fixed)
    return DateResult(value)
