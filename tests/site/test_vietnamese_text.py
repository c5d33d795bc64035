"""Unit tests of the pure Vietnamese helpers: dates, slugs, collation, NFC, suggestions."""

import unicodedata
from datetime import UTC, date, datetime

import pytest

from plugins.vietnamese import collation, dates, text
from plugins.vietnamese.errors import ProblemCollector, SiteError, SiteErrors
from plugins.vietnamese.suggest import closest


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (18, "Thứ Hai"),
        (19, "Thứ Ba"),
        (20, "Thứ Tư"),
        (21, "Thứ Năm"),
        (22, "Thứ Sáu"),
        (23, "Thứ Bảy"),
        (24, "Chủ Nhật"),
    ],
)
def test_all_seven_weekdays(day, expected):
    value = datetime(2023, 12, day, 16, 30, tzinfo=dates.VN_TZ)
    assert dates.format_datetime(value) == f"{expected}, {day}/12/2023 16:30"


def test_midnight_is_00_00_of_the_new_day():
    value = datetime(2024, 1, 1, 0, 0, tzinfo=dates.VN_TZ)
    assert dates.format_datetime(value) == "Thứ Hai, 01/01/2024 00:00"


def test_utc_time_is_shown_in_vietnam_time():
    # 17:30 UTC on Sunday 31/12/2023 is 00:30 on Monday 1/1/2024 in Hà Nội.
    value = datetime(2023, 12, 31, 17, 30, tzinfo=UTC)
    assert dates.format_datetime(value) == "Thứ Hai, 01/01/2024 00:30"
    assert dates.iso(value) == "2024-01-01T00:30+07:00"


def test_naive_datetime_is_taken_as_vietnam_time():
    value = datetime(2023, 12, 19, 16, 30)
    assert dates.format_datetime(value) == "Thứ Ba, 19/12/2023 16:30"
    assert dates.iso(value) == "2023-12-19T16:30+07:00"


def test_dates_and_long_dates():
    assert dates.format_date(date(2023, 3, 5)) == "05/03/2023"
    assert dates.format_long_date(date(2023, 12, 18)) == "ngày 18 tháng 12 năm 2023"
    assert dates.iso(date(2023, 12, 18)) == "2023-12-18"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đại hội", "dai-hoi"),
        ("Khối thi đua các huyện, thị xã, thành phố", "khoi-thi-dua-cac-huyen-thi-xa-thanh-pho"),
        ("Quyết định 163/QĐ-UBND", "quyet-dinh-163-qd-ubnd"),
        ("  Bắc Hà   2023!  ", "bac-ha-2023"),
        ("Ưu tú – Nhân dân", "uu-tu-nhan-dan"),
    ],
)
def test_slugify_gives_ascii(title, slug):
    assert text.slugify(title) == slug
    assert text.slugify(title).isascii()


def test_slugify_of_decomposed_text_equals_composed():
    title = "Đại hội Thi đua yêu nước"
    assert text.slugify(unicodedata.normalize("NFD", title)) == text.slugify(title)


def test_fold_removes_marks_and_d_stroke():
    assert text.fold("Thi Đua Khen Thưởng") == "thi dua khen thuong"


def test_nfc():
    decomposed = unicodedata.normalize("NFD", "Bắc Hà")
    assert not text.is_nfc(decomposed)
    assert text.nfc(decomposed) == "Bắc Hà"


def test_vietnamese_alphabet_order():
    words = [
        "Đông",
        "Dung",
        "Zô",
        "An",
        "Ăn",
        "Ân",
        "Bình",
        "Ê",
        "E",
        "Ơn",
        "Ôn",
        "On",
        "Ưng",
        "Uy",
    ]
    assert collation.sorted_vi(words) == [
        "An", "Ăn", "Ân", "Bình", "Dung", "Đông", "E", "Ê", "On", "Ôn", "Ơn", "Uy", "Ưng", "Zô"
    ]  # fmt: skip


def test_d_stroke_sorts_after_d_not_after_z():
    names = ["Đào", "Yến", "Dũng", "Zũ"]
    assert collation.sorted_vi(names) == ["Dũng", "Đào", "Yến", "Zũ"]


def test_tones_only_break_ties():
    # The base letters decide first ("ma" < "mai"), the tone order next: level, huyền,
    # hỏi, ngã, sắc, nặng.
    assert collation.sorted_vi(["mạ", "má", "mã", "mả", "mà", "ma", "mai"]) == [
        "ma", "mà", "mả", "mã", "má", "mạ", "mai"
    ]  # fmt: skip


def test_collation_ignores_case_and_normalisation():
    assert collation.sort_key("bắc hà") == collation.sort_key(
        unicodedata.normalize("NFD", "Bắc Hà")
    )


def test_people_sorted_by_vietnamese_order():
    people = ["Trần Văn Đức", "Trần Văn Dũng", "Nguyễn Thị Ánh", "Nguyễn Thị An"]
    assert collation.sorted_vi(people) == [
        "Nguyễn Thị An", "Nguyễn Thị Ánh", "Trần Văn Dũng", "Trần Văn Đức"
    ]  # fmt: skip


def test_closest_suggests_category_without_diacritics():
    choices = ["Thi đua - Khen thưởng", "Khối thi đua", "Kinh tế"]
    assert closest("Thi dua khen thuong", choices)[0] == "Thi đua - Khen thưởng"
    assert closest("khoi thi dua", choices)[0] == "Khối thi đua"
    assert closest("xyz", choices) == []


def test_errors_are_collected_and_reported_together():
    problems = ProblemCollector()
    problems.error(
        "content/a.md", "Thiếu tiêu đề.", line=1, field="Title", hint="Thêm dòng Title: ..."
    )
    problems.warning("content/b.md", "Sa-pô dài.", line=5, field="Summary")
    problems.error("content/a.md", "Ngày không hợp lệ.", line=2, field="Date")
    with pytest.raises(SiteErrors) as caught:
        problems.raise_if_errors()
    report = caught.value.report()
    assert report.splitlines()[0] == (
        "content/a.md:1: LỖI [Title]: Thiếu tiêu đề. Cách sửa: Thêm dòng Title: ..."
    )
    assert "content/b.md:5: CẢNH BÁO [Summary]: Sa-pô dài." in report
    assert report.endswith("Có 2 lỗi cần sửa trước khi xuất bản.")
    assert isinstance(caught.value.problems[0], SiteError)


@pytest.mark.parametrize(
    "title",
    [
        "Nghị định 98/2023/NĐ-CP hướng dẫn Luật Thi đua, khen thưởng",
        "Giải ngân 1,6 triệu đồng",
        "Đại hội Thi đua yêu nước lần thứ XI",
        "Ưu tú – Nhân dân",
    ],
)
def test_pelican_slugs_match_ours(title):
    """pelicanconf's SLUG_REGEX_SUBSTITUTIONS make Pelican's slugs equal to text.slugify."""
    from pelican.utils import slugify as pelican_slugify

    import pelicanconf

    assert pelican_slugify(title, regex_subs=pelicanconf.SLUG_REGEX_SUBSTITUTIONS) == (
        text.slugify(title)
    )
