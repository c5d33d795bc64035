"""Public consultations: the data (every mistake named with file and line), the state on a
given day, what is hidden after the window, and the pages, feed and links of a real build."""

from __future__ import annotations

from datetime import date

import feedparser
import pytest
from bs4 import BeautifulSoup

from plugins.honours.errors import UnitLifespanError, UnknownIdError
from plugins.honours.loader import load_honours
from plugins.notices.errors import ConsultationError
from plugins.notices.states import CLOSED, OPEN, UPCOMING, public_view
from tests.honours.helpers import only, problems, write
from tests.notices.helpers import CLOSED_2023, OPEN_CONSULTATION, C, consultation_files
from tests.support import pelican_build

# -- data -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    files = consultation_files(**{C + "bk-2023.yaml": CLOSED_2023})
    return load_honours(write(tmp_path_factory.mktemp("c"), files))


def test_the_last_day_is_computed_in_working_days(data):
    c = data.notices.consultations["ahld-2026"]
    assert (c.opens, c.last_day, c.length) == (date(2026, 12, 1), date(2026, 12, 14), 10)
    old = data.notices.consultations["bk-2023"]
    assert old.last_day == date(2023, 5, 4)  # across 29/4 - 3/5/2023
    assert old.nominees[0].decision_id == "163-qd-ubnd-2023"


@pytest.mark.parametrize(
    ("today", "state", "left", "words"),
    [
        (date(2026, 11, 30), UPCOMING, 0, "Sắp lấy ý kiến: từ ngày 01/12/2026 đến hết ngày"),
        (date(2026, 12, 1), OPEN, 10, "còn 10 ngày làm việc"),
        (
            date(2026, 12, 7),
            OPEN,
            6,
            "Đang lấy ý kiến đến hết ngày 14/12/2026, còn 6 ngày làm việc.",
        ),
        (date(2026, 12, 12), OPEN, 1, "hôm nay là ngày làm việc cuối cùng"),  # a Saturday
        (date(2026, 12, 14), OPEN, 1, "hôm nay là ngày làm việc cuối cùng"),
        (date(2026, 12, 15), CLOSED, 0, "Đã kết thúc lấy ý kiến ngày 14/12/2026."),
    ],
)
def test_state_in_words(data, today, state, left, words):
    view = public_view(data.notices.consultations["ahld-2026"], today, data.notices.calendar)
    assert view.state == state
    assert view.days_left == left
    assert words in view.words


def test_summaries_and_contacts_are_hidden_after_the_window(data):
    c, cal = data.notices.consultations["ahld-2026"], data.notices.calendar
    during = public_view(c, date(2026, 12, 14), cal)
    after = public_view(c, date(2026, 12, 15), cal)
    assert during.nominees[0].summary.startswith("Hai mươi năm")
    assert (during.address, during.email) == (c.address, c.email)
    assert after.nominees[0].summary is None
    assert (after.address, after.email, after.phone) == (None, None, None)
    assert after.nominees[0].name == "Bà Nguyễn Thị Hoa"


BAD = [
    (
        "window reaching 2027",
        OPEN_CONSULTATION.replace("tu_ngay: 2026-12-01", "tu_ngay: 2026-12-21"),
        ConsultationError,
        5,
        "chưa có tệp content/honours/ngay-nghi/2027.yaml",
    ),
    (
        "a window of zero days",
        OPEN_CONSULTATION.replace("so_ngay_lam_viec: 10", "so_ngay_lam_viec: 0"),
        ConsultationError,
        6,
        "0 ngày làm việc",
    ),
    (
        "unknown decision",
        OPEN_CONSULTATION + "    quyet_dinh: 999-qd-ubnd-2026\n",
        UnknownIdError,
        16,
        'Không có quyết định mã "999-qd-ubnd-2026"',
    ),
    (
        "nominee of a dissolved unit",
        OPEN_CONSULTATION.replace("don_vi: xa-bac-ha", "don_vi: bac-ha"),
        UnitLifespanError,
        13,
        "không còn (hoặc chưa có) vào ngày 01/12/2026",
    ),
    (
        "a date of birth",
        OPEN_CONSULTATION + "    ngay_sinh: 1970-01-01\n",
        None,
        16,
        "ngay_sinh",
    ),
]


@pytest.mark.parametrize(("why", "text", "kind", "line", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_consultations_name_file_and_line(tmp_path, why, text, kind, line, words):
    found = problems(tmp_path, consultation_files(**{C + "ahld-2026.yaml": text}))
    problem = only(found, kind)
    assert problem.file == "content/honours/lay-y-kien/ahld-2026.yaml"
    assert problem.line == line, why
    assert words in problem.message


# -- a real build at three dates --------------------------------------------------------------


def build_at(tmp_path, monkeypatch, today: str):
    monkeypatch.setenv("BUILD_DATE", today)
    content = write(tmp_path, consultation_files(**{C + "bk-2023.yaml": CLOSED_2023}))
    return pelican_build(content, tmp_path / "output")


def soup(output, path: str) -> BeautifulSoup:
    return BeautifulSoup((output / path).read_text("utf-8"), "html.parser")


@pytest.mark.parametrize(
    ("today", "state", "shown"),
    [
        ("2026-11-30", "Sắp lấy ý kiến", True),
        ("2026-12-07", "Đang lấy ý kiến đến hết ngày 14/12/2026, còn 6 ngày làm việc.", True),
        ("2026-12-15", "Đã kết thúc lấy ý kiến ngày 14/12/2026.", False),
    ],
)
def test_pages_before_during_and_after(tmp_path, monkeypatch, today, state, shown):
    output = build_at(tmp_path, monkeypatch, today)
    page = soup(output, "lay-y-kien/ahld-2026/index.html")
    text = page.get_text(" ", strip=True)
    assert state in page.select_one(".consultation-state").get_text(" ", strip=True)
    assert "Bà Nguyễn Thị Hoa" in text
    assert ("Hai mươi năm dạy học" in text) is shown
    assert ("tdkt@example.gov.vn" in str(page)) is shown
    assert ("0214 3840 000" in text) is shown
    listing = soup(output, "lay-y-kien/index.html")
    group = "da-ket-thuc" if not shown else ("sap-dien-ra" if "Sắp" in state else "dang-lay-y-kien")
    section = listing.find(id=f"nhom-{group}").find_parent("section")
    assert section.find("a", href=lambda h: h and h.endswith("lay-y-kien/ahld-2026/"))
    home = soup(output, "index.html")
    block = home.select_one(".home-consultations")
    assert (block is not None) is (group == "dang-lay-y-kien")
    feed = feedparser.parse((output / "lay-y-kien/atom.xml").read_bytes())
    titles = [e.title for e in feed.entries]
    assert (OPEN_CONSULTATION.split("\n")[0][len("tieu_de: ") :] in titles) is shown
    assert all("Thành tích riêng" not in e.summary for e in feed.entries)


def test_closed_consultation_and_its_decision_link_each_other(tmp_path, monkeypatch):
    output = build_at(tmp_path, monkeypatch, "2026-12-07")
    consultation = soup(output, "lay-y-kien/bk-2023/index.html")
    assert consultation.find("a", href=lambda h: h and "quyet-dinh/163-qd-ubnd-2023/" in h)
    assert "Thành tích riêng" not in consultation.get_text()
    decision = soup(output, "quyet-dinh/163-qd-ubnd-2023/index.html")
    assert decision.find("a", href=lambda h: h and "lay-y-kien/bk-2023/" in h)


def test_same_date_same_bytes(tmp_path, monkeypatch):
    first = build_at(tmp_path / "a", monkeypatch, "2026-12-07")
    second = build_at(tmp_path / "b", monkeypatch, "2026-12-07")
    for name in ("lay-y-kien/index.html", "lay-y-kien/atom.xml", "lay-y-kien/ahld-2026/index.html"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
