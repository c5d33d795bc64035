"""The year or period of an achievement (năm thành tích), apart from the decision's date (pure).

Achievements of 2023 are often decided in early 2024: `nam_thanh_tich` keeps the year (or the
period "2019-2023") the achievement belongs to. A period is counted under its last year on the
pages "by year of achievement".
"""

from __future__ import annotations

import re

_PERIOD = re.compile(r"^(\d{4})(?:\s*[-–—]\s*(\d{4}))?$")
FIRST, LAST = 1945, 2100


def parse_period(text: str) -> tuple[int, int] | None:
    """ "2023" -> (2023, 2023); "2019 - 2023" -> (2019, 2023); None if malformed."""
    match = _PERIOD.match(str(text).strip())
    if not match:
        return None
    start = int(match.group(1))
    end = int(match.group(2) or start)
    if not (FIRST <= start <= end <= LAST):
        return None
    return start, end


def label(period: tuple[int, int]) -> str:
    start, end = period
    return str(start) if start == end else f"{start}-{end}"


def problem(text: str, decision_year: int) -> tuple[str, str] | None:
    """(message, hint) when `text` is not a period that can precede a decision of that year."""
    period = parse_period(text)
    if period is None:
        return (
            f'Năm thành tích "{text}" không đúng (malformed achievement year).',
            "Ghi một năm (`nam_thanh_tich: 2023`) hoặc một giai đoạn "
            "(`nam_thanh_tich: 2019-2023`), năm đầu trước năm cuối.",
        )
    if period[1] > decision_year:
        return (
            f"Năm thành tích {label(period)} sau năm ký quyết định ({decision_year}).",
            "Thành tích được khen trong hay trước năm ký quyết định; kiểm tra năm thành tích "
            "hoặc ngày ký.",
        )
    return None
