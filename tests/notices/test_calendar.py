"""Working days: weekends, Tết, a holiday on a weekend and its compensatory day, a Saturday
made a working day, the turn of a year, and a year without a holidays file."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plugins.honours.loader import load_honours
from plugins.notices.calendar import MissingYear, WorkingCalendar, YearDays
from plugins.notices.errors import HolidaysError
from tests.honours.helpers import only, problems, write
from tests.notices.helpers import H, sample_holidays


@pytest.fixture(scope="module")
def calendar(tmp_path_factory) -> WorkingCalendar:
    """The sample holidays files (2023, 2026), read by the real loader."""
    content = write(tmp_path_factory.mktemp("cal"), sample_holidays(2023, 2026))
    return load_honours(content).notices.calendar


def test_weekends_do_not_count(calendar):
    # Friday 4/12/2026 + 1 working day = Monday 7/12/2026
    assert calendar.window(date(2026, 12, 4), 2) == (date(2026, 12, 4), date(2026, 12, 7))
    assert not calendar.is_working(date(2026, 12, 5))
    assert not calendar.is_working(date(2026, 12, 6))


def test_a_window_opening_on_a_weekend_opens_on_monday(calendar):
    assert calendar.window(date(2026, 12, 5), 1) == (date(2026, 12, 7), date(2026, 12, 7))


def test_ten_working_days_across_tet_2026(calendar):
    # 9-13/2 (5 days), Tết 14-22/2 off, 23-27/2 (5 days)
    opens, last = calendar.window(date(2026, 2, 9), 10)
    assert (opens, last) == (date(2026, 2, 9), date(2026, 2, 27))
    assert calendar.count(date(2026, 2, 14), date(2026, 2, 22)) == 0
    assert calendar.year(2026).names[date(2026, 2, 16)] == "Tết Nguyên đán Bính Ngọ"


def test_holiday_on_a_weekend_gives_its_compensatory_day(calendar):
    # Giỗ Tổ 2026 falls on Sunday 26/4: Monday 27/4 is off; 30/4 and 1/5 are Thu, Fri.
    assert not calendar.is_working(date(2026, 4, 27))
    assert calendar.window(date(2026, 4, 24), 3) == (date(2026, 4, 24), date(2026, 4, 29))
    assert calendar.window(date(2026, 4, 29), 2) == (date(2026, 4, 29), date(2026, 5, 4))
    # 2023: Giỗ Tổ (Sat 29/4) and 30/4 (Sun) compensated on Tue 2/5 and Wed 3/5.
    assert calendar.window(date(2023, 4, 25), 5) == (date(2023, 4, 25), date(2023, 5, 4))


def test_the_example_of_the_issue(calendar):
    _, last = calendar.window(date(2026, 12, 1), 10)
    assert last == date(2026, 12, 14)
    assert calendar.count(date(2026, 12, 7), last) == 6


def test_turn_of_a_year(calendar):
    # 2025 without any holiday but New Year's Day of 2026 (read from the file) is off.
    years = dict(calendar.years)
    years[2025] = YearDays(2025)
    both = WorkingCalendar(years)
    # Fri 26/12, Mon 29, Tue 30, Wed 31, (Thu 1/1 off), Fri 2/1/2026
    assert both.window(date(2025, 12, 26), 5) == (date(2025, 12, 26), date(2026, 1, 2))
    assert both.count(date(2025, 12, 31), date(2026, 1, 2)) == 2


def test_a_window_reaching_a_year_without_a_file_is_an_error(calendar):
    with pytest.raises(MissingYear) as raised:
        calendar.window(date(2026, 12, 21), 10)
    assert raised.value.year == 2027
    with pytest.raises(MissingYear):
        calendar.is_working(date(2024, 3, 1))


def test_a_saturday_made_a_working_day_counts():
    saturday = date(2025, 2, 8)
    year = YearDays(2025, frozenset({date(2025, 1, 31)}), frozenset({saturday}))
    cal = WorkingCalendar({2025: year})
    assert cal.is_working(saturday)
    # Thu 30/1, (Fri 31/1 off), Mon 3/2 ... with Sat 8/2 counted
    assert cal.window(date(2025, 2, 6), 3) == (date(2025, 2, 6), date(2025, 2, 8))


@given(
    start=st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 11, 30)),
    length=st.integers(min_value=1, max_value=15),
)
def test_window_properties(calendar, start, length):
    opens, last = calendar.window(start, length)
    assert opens >= start and calendar.is_working(opens) and calendar.is_working(last)
    assert calendar.count(start, opens - timedelta(days=1)) == 0
    assert calendar.count(opens, last) == length


BAD_FILES = [
    ("2026.yaml", "nam: 2025\nngay_nghi: [{ten: Tết, ngay: 2025-01-01}]\n", 1, "tên tệp phải"),
    (
        "2026.yaml",
        "nam: 2026\nngay_nghi:\n  - {ten: Tết, ngay: 2027-01-01}\n",
        3,
        "không thuộc năm 2026",
    ),
    (
        "2026.yaml",
        "nam: 2026\nngay_nghi:\n  - {ten: Tết, ngay: 2026-01-01}\nngay_lam_bu:\n"
        "  - {ten: Làm bù, ngay: 2026-01-05}\n",
        5,
        "không phải thứ Bảy",
    ),
    (
        "2026.yaml",
        "nam: 2026\nngay_nghi:\n  - {ten: Tết, tu_ngay: 2026-02-20, den_ngay: 2026-02-16}\n",
        3,
        "trước ngày đầu",
    ),
]


@pytest.mark.parametrize(("name", "text", "line", "words"), BAD_FILES)
def test_bad_holidays_files_name_file_and_line(tmp_path, name, text, line, words):
    found = problems(tmp_path, {H + name: text})
    problem = only(found)
    assert problem.file.endswith(f"honours/ngay-nghi/{name}")
    assert problem.line == line
    assert words in problem.message
    assert isinstance(problem, HolidaysError) or "ngay" in (problem.field or "")
