"""Year of achievement (nam_thanh_tich) apart from the decision's date: data, checks, pages."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from plugins.honours.loader import load_honours
from plugins.honours.period import parse_period
from tests.honours.helpers import ANNEX_163, DECISION_163, D, only, problems, write
from tests.support import pelican_build

FILE = D + "2023/163-qd-ubnd.yaml"
SHOWN = "content/honours/quyet-dinh/2023/163-qd-ubnd.yaml"


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2023", (2023, 2023)),
        ("2019-2023", (2019, 2023)),
        ("2019 – 2023", (2019, 2023)),
        (2023, (2023, 2023)),
        ("2023-2019", None),
        ("năm 2023", None),
        ("23", None),
    ],
)
def test_parse_period(text, period):
    assert parse_period(text) == period


def decision(period: str) -> str:
    return DECISION_163.replace("thanh_tich:", f"nam_thanh_tich: {period}\nthanh_tich:", 1)


def test_decision_and_rows_carry_the_period(tmp_path):
    annex = ANNEX_163.replace(
        "STT,Họ và tên,Chức vụ,Mã đơn vị", "STT,Họ và tên,Chức vụ,Mã đơn vị,Năm thành tích"
    )
    annex = annex.replace(
        "1,Ông Lù Văn Pao,Chủ tịch UBND huyện Bắc Hà,bac-ha",
        "1,Ông Lù Văn Pao,Chủ tịch UBND huyện Bắc Hà,bac-ha,2018-2022",
    )
    data = load_honours(
        write(tmp_path, {FILE: decision("2023"), D + "2023/163-phu-luc.csv": annex})
    )
    d = data.decisions["163-qd-ubnd-2023"]
    assert d.period == "2023" and d.year == 2023
    periods = {r.name: r.period for r in d.recipients}
    assert periods["Ông Lù Văn Pao"] == "2018-2022"
    assert periods["Bà Giàng Thị Dung"] == "2023"
    from plugins.honours import opendata

    records = {r["ten"]: r for r in opendata.records(data)}
    assert records["Ông Lù Văn Pao"]["nam_thanh_tich"] == "2018-2022"
    assert records["Ông Lù Văn Pao"]["nam"] == 2023  # the decision's year keeps its meaning
    assert records["Bà Giàng Thị Dung"]["nam_thanh_tich"] == "2023"


@pytest.mark.parametrize(
    ("period", "words"),
    [
        ("2024", "sau năm ký quyết định (2023)"),
        ("năm 2023", "không đúng"),
        ("2023-2020", "không đúng"),
    ],
)
def test_a_wrong_period_is_named_with_file_and_line(tmp_path, period, words):
    problem = only(problems(tmp_path, {FILE: decision(period)}))
    assert (problem.file, problem.line, problem.field) == (SHOWN, 5, "nam_thanh_tich")
    assert words in problem.message


def test_pages_by_decision_year_and_by_achievement_year(tmp_path):
    files = {FILE: decision("2022")}
    output = pelican_build(write(tmp_path, files), tmp_path / "output")

    def page(path):
        return BeautifulSoup((output / path).read_text("utf-8"), "html.parser")

    by_decision = page("khen-thuong/2023/index.html").get_text(" ", strip=True)
    assert "Theo năm ký quyết định." in by_decision
    by_achievement = page("khen-thuong/nam-thanh-tich/2022/index.html")
    text = by_achievement.get_text(" ", strip=True)
    assert "Theo năm thành tích" in text and "163/QĐ-UBND" in text
    assert by_achievement.h1.get_text() == "Khen thưởng cho thành tích năm 2022"
    assert page("khen-thuong/index.html").find(
        "a", href=lambda h: h and h.endswith("nam-thanh-tich/2022/")
    )
    facts = page("quyet-dinh/163-qd-ubnd-2023/index.html").select_one(".facts")
    assert "Năm thành tích" in facts.get_text()
