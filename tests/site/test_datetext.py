"""The one date reader (plugins/vietnamese/datetext.py) and the two policies built on it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from plugins.checks.dates import parse_date as article_date
from plugins.honours.convert import parse_date as data_date
from plugins.honours.convert import read_date
from plugins.vietnamese.datetext import read


@pytest.mark.parametrize(
    ("text", "form", "parts", "clock"),
    [
        ("2024-03-15", "iso", (2024, 3, 15), None),
        (" 2024-3-5 08:30 ", "iso", (2024, 3, 5), (8, 30, 0)),
        ("2024-03-15T08:00:05+07:00", "iso", (2024, 3, 15), (8, 0, 5)),
        ("15/03/2024", "day_first", (2024, 3, 15), None),
        ("15.3.2024 8h30", "day_first", (2024, 3, 15), (8, 30, 0)),
        ("15-03-2024, 08:00", "day_first", (2024, 3, 15), (8, 0, 0)),
    ],
)
def test_the_forms_are_recognised_once(text, form, parts, clock):
    found = read(text)
    assert (found.form, (found.year, found.month, found.day), found.clock) == (form, parts, clock)
    assert found.problem is None


@pytest.mark.parametrize("text", ["", "hôm qua", "2024/03/15", "15/03-2024", "2024-03"])
def test_what_is_no_date_is_none(text):
    assert read(text) is None


def test_an_impossible_day_or_time_is_worded_once():
    assert read("31/02/2024").problem == (
        'ngày "31/02/2024" không có thật: tháng 2 năm 2024 chỉ có 29 ngày'
    )
    assert read("2023-13-01").problem == 'ngày "2023-13-01" không có thật: không có tháng 13'
    assert read("2024-03-15 25:00").problem.endswith("giờ 25:00 không có thật")


def test_articles_refuse_day_first_with_the_fix_and_data_accept_it():
    refused = article_date("03/04/2024 08:00")
    assert refused.value is None and refused.fix == "2024-04-03 08:00"
    assert article_date("2024-04-03 08:00").value == datetime(2024, 4, 3, 8, 0)
    assert data_date("03/04/2024") == date(2024, 4, 3) == data_date("2024-04-03")
    for text in ("03.04.2024", "03-04-2024", "2024-04-03 08:00", "2024-04-03Z"):
        assert read_date(text) is None, text


def test_both_policies_word_an_impossible_date_alike():
    words = 'ngày "31/02/2023" không có thật: tháng 2 năm 2023 chỉ có 28 ngày'
    assert article_date("31/02/2023").problem == words
    assert read_date("31/02/2023") == words
    assert data_date("31/02/2023") is None
