"""`make check`: every rule on a bad file in a temporary site, with file, line and message."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata

import pytest

from plugins.checks.runner import DEFAULT, run_checks
from plugins.vietnamese.errors import SiteError, SiteErrors
from tests.support import ROOT, article, make_content
from tests.workflow.helpers import check_files, lines

A = "content/articles/2024/03/bai.md"
KEY = "articles/2024/03/bai.md"
PHOTO = b"\xff\xd8\xff\xe0 not really a jpeg"
TODO = "[[CẦN ĐIỀN: sa-pô]]"

# (name, files, expected line, "LỖI" or "CẢNH BÁO", words the message must contain)
CASES = [
    ("no title", {KEY: article().replace("Title: Hội nghị tổng kết khối thi đua\n", "")},
     1, "LỖI", "Thiếu tiêu đề (Title)"),
    ("empty title", {KEY: article(title="")}, 1, "LỖI", "Tiêu đề (Title) đang để trống"),
    ("no date", {KEY: article().replace("Date: 2024-03-15 08:00\n", "")},
     1, "LỖI", "Thiếu ngày đăng (Date)"),
    ("no category", {KEY: article().replace("Category: Thi đua - Khen thưởng\n", "")},
     1, "LỖI", "Thiếu chuyên mục (Category)"),
    ("no summary", {KEY: article().replace("Summary: Sáng 15/3, khối thi đua tổng kết năm.\n", "")},
     1, "LỖI", "Thiếu sa-pô (Summary)"),
    ("draft without summary", {KEY: article(summary="", extra="Status: draft")},
     4, "CẢNH BÁO", "Sa-pô (Summary) đang để trống (bài nháp được thiếu"),
    ("impossible date", {KEY: article(date="31/02/2024")},
     2, "LỖI", 'ngày "31/02/2024" không có thật: tháng 2 năm 2024 chỉ có 29 ngày'),
    ("impossible ISO date", {KEY: article(date="2023-02-29 08:00")},
     2, "LỖI", "tháng 2 năm 2023 chỉ có 28 ngày"),
    ("day-first date", {KEY: article(date="15/03/2024 08:30")},
     2, "LỖI", '"Date: 2024-03-15 08:30"'),
    ("not a date", {KEY: article(date="hôm qua")}, 2, "LỖI", 'không hiểu ngày "hôm qua"'),
    ("impossible time", {KEY: article(date="2024-03-15 25:00")}, 2, "LỖI", "không có thật"),
    ("unknown category", {KEY: article(category="Thi dua khen thuong")},
     3, "LỖI", 'Chuyên mục "Thi dua khen thuong" không có trong danh sách'),
    ("category suggestion", {KEY: article(category="Thi dua khen thuong")},
     3, "LỖI", 'Có phải "Thi đua - Khen thưởng"?'),
    ("bad status", {KEY: article(extra="Status: nhap")}, 5, "LỖI", 'Trạng thái (Status) "nhap"'),
    ("bad slug", {KEY: article(extra="Slug: Hội nghị")}, 5, "LỖI", '"Slug: hoi-nghi"'),
    ("repeated key", {KEY: article(extra="Title: Lần hai")}, 5, "LỖI", "xuất hiện hai lần"),
    ("unknown key", {KEY: article(extra="Catgory: Kinh tế")},
     5, "CẢNH BÁO", 'Có phải bạn muốn viết "Category:"?'),
    ("vietnamese key", {KEY: "Tiêu đề: Hội nghị\nDate: 2024-03-15\n\nThân bài.\n"},
     1, "CẢNH BÁO", 'Tên khóa viết bằng tiếng Anh, liền dấu hai chấm: "Title: ..."'),
    ("long summary", {KEY: article(summary="Rất dài. " * 60)},
     4, "CẢNH BÁO", "Sa-pô (Summary) dài 539 ký tự, quá 400"),
    ("missing photo", {KEY: article(body="![Đại biểu dự hội nghị]({static}/images/khong-co.jpg)")},
     6, "LỖI", 'Không tìm thấy tệp "{static}/images/khong-co.jpg"'),
    ("missing lead photo", {KEY: article(extra="Image: {static}/images/khong-co.jpg")},
     5, "LỖI", "content/images/khong-co.jpg không có"),
    ("photo without alt", {KEY: article(body="![]({static}/images/a.jpg)"), "images/a.jpg": PHOTO},
     6, "LỖI", "chưa có mô tả (alt)"),
    ("html photo without alt",
     {KEY: article(body='<img src="{static}/images/a.jpg">'), "images/a.jpg": PHOTO},
     6, "LỖI", "chưa có mô tả (alt)"),
    ("alt is a file name", {KEY: article(body="![IMG_2041.JPG]({static}/images/a.jpg)"),
                            "images/a.jpg": PHOTO},
     6, "CẢNH BÁO", "là tên tệp"),
    ("photo from another site", {KEY: article(body="![Ảnh](https://example.com/a.jpg)")},
     6, "LỖI", "lấy từ trang web khác"),
    ("photo without {static}", {KEY: article(body="![Ảnh](/images/a.jpg)"), "images/a.jpg": PHOTO},
     6, "LỖI", "thiếu {static}"),
    ("wrong case in photo name",
     {KEY: article(body="![Ảnh]({static}/images/Hoi-Nghi.jpg)"), "images/hoi-nghi.jpg": PHOTO},
     6, "LỖI", 'Có phải tệp "content/images/hoi-nghi.jpg"?'),
    ("link to nowhere", {KEY: article(body="Xem [bài]({filename}/articles/2024/01/khong.md).")},
     6, "LỖI", 'Liên kết "{filename}/articles/2024/01/khong.md" trỏ tới bài không có'),
    ("relative link to nowhere", {KEY: article(body="Xem [bài]({filename}khong.md#doan-2).")},
     6, "LỖI", "content/articles/2024/03/khong.md"),
    ("link to a draft",
     {KEY: article(body="Xem [bài]({filename}nhap.md)."),
      "articles/2024/03/nhap.md": article(title="Nháp", extra="Status: draft")},
     6, "LỖI", "là bài nháp, chưa được đăng"),
    ("unknown unit", {KEY: article(extra="Units: bac-ha, bac-haa")},
     5, "LỖI", 'không có đơn vị mã "bac-haa" (Units). Cách sửa: Có phải "bac-ha"?'),
    ("unknown bloc", {KEY: article(extra="Bloc: khoi-huyenn")},
     5, "LỖI", 'không có khối thi đua mã "khoi-huyenn"'),
    ("unknown decision", {KEY: article(extra="Decisions: 163-qd-ubnd-2024")},
     5, "LỖI", 'không có quyết định mã "163-qd-ubnd-2024"'),
    ("placeholder in a draft", {KEY: article(summary=TODO, extra="Status: draft")},
     4, "CẢNH BÁO", "còn chỗ [[CẦN ĐIỀN]]"),
    ("placeholder in a published article", {KEY: article(body="[[CẦN ĐIỀN: nội dung]]")},
     6, "LỖI", "Nội dung còn chỗ [[CẦN ĐIỀN]]"),
    ("placeholder without diacritics", {KEY: article(summary="[[can dien: sa po]]")},
     4, "LỖI", "còn chỗ [[CẦN ĐIỀN]]"),
    ("date far ahead", {KEY: article(date="2204-03-15 08:00")},
     2, "CẢNH BÁO", "còn hơn một năm nữa"),
    ("empty body", {KEY: article(body="")}, 6, "CẢNH BÁO", "Bài chưa có nội dung"),
    ("unknown template", {KEY: article(extra="Template: khong-co-mau")},
     5, "LỖI", 'Mẫu trang (Template) "khong-co-mau" không có trong giao diện'),
    ("template suggestion", {KEY: article(extra="Template: artcle")},
     5, "LỖI", 'Có phải "Template: article"?'),
    ("save_as out of the site", {KEY: article(extra="Save_as: ../../x.html")},
     5, "LỖI", 'Đường dẫn Save_as "../../x.html" không dùng được: không được có ".."'),
    ("absolute save_as", {KEY: article(extra="Save_as: /etc/x.html")},
     5, "LỖI", "phải là đường dẫn tương đối"),
    ("save_as not html", {KEY: article(extra="Save_as: a/b.php")}, 5, "LỖI", "tệp .html"),
    ("language that is a path", {KEY: article(extra="Lang: /../../x")},
     5, "LỖI", 'Ngôn ngữ (Lang) "/../../x" không hợp lệ'),
    ("url to another site", {KEY: article(extra="Url: https://example.com/x")},
     5, "LỖI", 'Đường dẫn Url "https://example.com/x" không dùng được'),
    ("invisible character in the title", {KEY: article(title="Hội\u202enghị")},
     1, "LỖI", 'Dòng "Title:" có ký tự vô hình U+202E RIGHT-TO-LEFT OVERRIDE ở cột 11'),
    ("zero-width space in a unit id", {KEY: article(extra="Units: bac\u200b-ha")},
     5, "LỖI", "U+200B ZERO WIDTH SPACE"),
    ("control character in the body", {KEY: article(body="Nội\x1bdung")},
     6, "LỖI", "Nội dung có ký tự điều khiển U+001B ESCAPE ở cột 4"),
    ("link through a symlink out of content",
     {KEY: article(body="![Ảnh]({static}/images/ra-ngoai/passwd)")},
     6, "LỖI", "trỏ ra ngoài thư mục content qua một liên kết tượng trưng"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("files", "line", "level", "words"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_rule(tmp_path, files, line, level, words):
    if "ra-ngoai" in str(files):
        (tmp_path / "content" / "images").mkdir(parents=True)
        os.symlink("/etc", tmp_path / "content" / "images" / "ra-ngoai")
    report = check_files(tmp_path, files)
    found = [text for text in lines(report) if text.startswith(f"{A}:{line}: {level}: ")]
    assert any(words in text for text in found), "\n".join(lines(report))
    assert report.exit_code == (1 if report.errors else 0)
    if level == "LỖI":
        assert report.exit_code == 1
    for text in lines(report):
        assert "Cách sửa: " in text, text


def test_good_article_has_no_problem(tmp_path):
    files = {
        KEY: article(
            extra="Tags: tổng kết, Bắc Hà\nUnits: bac-ha, sa-pa\nBloc: khoi-huyen\n"
            "Decisions: 163-qd-ubnd-2023\nImage: {static}/images/a.jpg",
            body='![Đại biểu dự hội nghị]({static}/images/a.jpg "Quang cảnh hội nghị")\n\n'
            "Xem [bài khác]({filename}/articles/2024/03/khac.md).",
        ),
        "articles/2024/03/khac.md": article(title="Bài khác", date="2024-03-01 07:00"),
        "images/a.jpg": PHOTO,
        "pages/gioi-thieu.md": "Title: Giới thiệu\n\nTrang giới thiệu.\n",
    }
    report = check_files(tmp_path, files)
    assert report.problems == [], "\n".join(lines(report))
    assert report.exit_code == 0
    assert report.files == 3


def test_draft_may_be_incomplete_but_not_wrong(tmp_path):
    draft = "Title: Nháp\nDate: 31/02/2024\nStatus: draft\n\n[[CẦN ĐIỀN: nội dung]]\n"
    report = check_files(tmp_path, {KEY: draft})
    text = "\n".join(lines(report))
    assert f"{A}:1: CẢNH BÁO: Thiếu chuyên mục (Category) (bài nháp" in text
    assert f"{A}:1: CẢNH BÁO: Thiếu sa-pô (Summary) (bài nháp" in text
    assert f"{A}:5: CẢNH BÁO: Nội dung còn chỗ [[CẦN ĐIỀN]]" in text
    assert f"{A}:2: LỖI: Ngày (Date) sai" in text  # a wrong date is wrong in a draft too
    assert report.exit_code == 1


def test_all_problems_in_one_run(tmp_path):
    files = {
        "articles/2024/03/a.md": article(category="Kinh te", date="31/02/2024"),
        "articles/2024/03/b.md": article(title="", body="![]({static}/images/x.jpg)"),
    }
    report = check_files(tmp_path, files)
    files_named = {p.file for p in report.errors}
    assert files_named == {"content/articles/2024/03/a.md", "content/articles/2024/03/b.md"}
    assert len(report.errors) == 5, "\n".join(lines(report))
    assert report.lines()[-1].startswith("make check: 5 lỗi, 0 cảnh báo")


def test_two_articles_with_the_same_address(tmp_path):
    files = {
        "articles/2024/03/hoi-nghi.md": article(title="Hội nghị tổng kết"),
        "articles/2024/03/hoi-nghi-ban.md": article(title="Hội nghị tổng kết", date="2024-03-20"),
        # same title, other month: another URL, no problem
        "articles/2024/04/hoi-nghi.md": article(title="Hội nghị tổng kết", date="2024-04-02"),
        # same slug written out in Slug:
        "articles/2024/05/a.md": article(title="A", date="2024-05-02", extra="Slug: b"),
        "articles/2024/05/b.md": article(title="B", date="2024-05-03"),
    }
    report = check_files(tmp_path, files)
    dupes = [p for p in report.errors if "cùng địa chỉ" in p.message]
    assert {(p.file, p.line) for p in dupes} == {
        ("content/articles/2024/03/hoi-nghi.md", 1),
        ("content/articles/2024/03/hoi-nghi-ban.md", 1),
        ("content/articles/2024/05/a.md", 5),
        ("content/articles/2024/05/b.md", 1),
    }
    first = next(p for p in dupes if p.file.endswith("03/hoi-nghi.md"))
    assert "/2024/03/hoi-nghi-tong-ket/" in first.message
    assert "content/articles/2024/03/hoi-nghi-ban.md" in first.message  # names the other file


def test_link_to_a_scheduled_article(tmp_path):
    files = {
        KEY: article(body="Xem [bài sau]({filename}sau.md)."),
        "articles/2024/03/sau.md": article(title="Sau", date="2024-12-01 08:00"),
    }
    report = check_files(tmp_path, files)
    assert any("là bài hẹn giờ" in p.message and p.line == 6 for p in report.errors)


def test_decomposed_unicode_is_fixed_and_reported(tmp_path):
    text = unicodedata.normalize("NFD", article(title="Bắc Hà đón Cờ thi đua"))
    report = check_files(tmp_path, {KEY: text})
    fixed = (tmp_path / "content" / KEY).read_text(encoding="utf-8")
    assert fixed == unicodedata.normalize("NFC", text)
    assert [str(p.line) + p.severity for p in report.problems] == ["1warning"]
    assert "đã tự chuyển cả tệp sang dạng dựng sẵn (NFC)" in report.problems[0].message
    assert report.exit_code == 0


def test_decomposed_unicode_left_alone_with_no_fix(tmp_path):
    text = article(body=unicodedata.normalize("NFD", "Đoàn đến Mường Khương."))
    report = check_files(tmp_path, {KEY: text}, fix=False)
    assert (tmp_path / "content" / KEY).read_text(encoding="utf-8") == text
    assert report.problems[0].line == 6


def test_not_utf8(tmp_path):
    report = check_files(tmp_path, {KEY: article().encode("utf-8") + "Hà Nam".encode("cp1258")})
    assert [(p.file, p.line) for p in report.errors] == [(A, 7)]
    assert "UTF-8" in report.errors[0].message


def test_large_photos(tmp_path):
    content = make_content(tmp_path / "content", {})
    for name, size in (("lon.jpg", 11), ("qua-lon.jpg", 51)):
        (content / "images").mkdir(parents=True, exist_ok=True)
        with open(content / "images" / name, "wb") as handle:
            handle.truncate(size * 1024 * 1024)  # sparse: no real disk use
    body = "![Ảnh lớn]({static}/images/lon.jpg)\n\n![Ảnh quá lớn]({static}/images/qua-lon.jpg)"
    report = check_files(tmp_path, {KEY: article(body=body)})
    got = {(p.line, p.severity) for p in report.problems}
    assert got == {(6, "warning"), (8, "error")}, "\n".join(lines(report))
    assert "nặng 11.0 MB (quá 10 MB)" in report.problems[0].message + report.problems[1].message


def test_honours_data_problems_are_merged(tmp_path):
    def broken(content):
        raise SiteErrors(
            [
                SiteError(
                    file=str(content / "honours" / "don-vi.yaml"),
                    line=12,
                    field="ten",
                    message="Thiếu tên đơn vị.",
                    hint="Thêm dòng ten: ...",
                )
            ]
        )

    report = check_files(tmp_path, {KEY: article(extra="Units: khong-co")}, honours=broken)
    assert lines(report) == [
        "content/honours/don-vi.yaml:12: LỖI: Thiếu tên đơn vị. Cách sửa: Thêm dòng ten: ..."
    ]
    assert report.exit_code == 1


def test_real_honours_loader_runs_in_make_check(tmp_path):
    """The real plugins.honours loader: a broken data file is reported by make check."""
    report = check_files(
        tmp_path,
        {KEY: article(), "honours/don-vi.yaml": "don_vi: [\n  - id: bac-ha\n"},
        honours=DEFAULT,
    )
    assert report.exit_code == 1
    assert any(p.file.startswith("content/honours/") for p in report.errors), lines(report)


def run_cli(*args, **env):
    return subprocess.run(
        [sys.executable, "-m", "tools.check", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )


def test_command_line_exit_codes_and_format(tmp_path):
    content = make_content(
        tmp_path / "content",
        {
            KEY: article(category="Thi dua khen thuong"),
            "articles/2024/03/nhap.md": article(title="Nháp", summary=TODO, extra="Status: draft"),
        },
    )
    result = run_cli("--content", str(content))
    assert result.returncode == 1
    out = result.stdout.splitlines()
    assert out[0].startswith(f'{A}:3: LỖI: Chuyên mục "Thi dua khen thuong"')
    assert 'Cách sửa: Có phải "Thi đua - Khen thưởng"?' in out[0]
    assert out[1].startswith("content/articles/2024/03/nhap.md:4: CẢNH BÁO: ")
    assert out[-1].startswith("make check: 1 lỗi, 1 cảnh báo (2 tệp).")

    (content / KEY).write_text(article(), encoding="utf-8")  # fixed: only the warning is left
    result = run_cli("--content", str(content))
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1].startswith("make check: 0 lỗi, 1 cảnh báo")


def test_sample_content_passes():
    """The reviewers' first step: `make check` passes on the sample content."""
    result = run_cli("--no-fix")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_bug_in_the_honours_loader_is_reported_not_a_traceback(tmp_path):
    def buggy(content):
        raise KeyError("ten")

    report = check_files(tmp_path, {KEY: article()}, honours=buggy)
    assert lines(report) == [
        "content/honours: LỖI: Không đọc được dữ liệu khen thưởng (KeyError: 'ten'). "
        "Cách sửa: Báo cho người phụ trách kỹ thuật, kèm dòng thông báo này."
    ]


def test_symlinks_out_of_content_are_refused_wherever_they_are(tmp_path):
    content = make_content(tmp_path / "content", {KEY: article()})
    (content / "extra").mkdir()
    os.symlink("/etc/passwd", content / "extra" / "passwd.txt")
    os.symlink("/etc", content / "images")
    secret = tmp_path / "bi-mat.md"
    secret.write_text(article(title="Bí mật"), encoding="utf-8")
    os.symlink(secret, content / "articles" / "2024" / "bi-mat.md")
    report = check_files(tmp_path, {})
    refused = sorted(p.file for p in report.errors if "symlink" in p.message)
    assert refused == [
        "content/articles/2024/bi-mat.md",
        "content/extra/passwd.txt",
        "content/images",
    ], "\n".join(lines(report))
    assert not any("Bí mật" in text for text in lines(report))  # the article was not read
    assert report.exit_code == 1


def test_duplicate_addresses_follow_the_url_settings(tmp_path):
    """With ARTICLE_SAVE_AS by slug only, two articles of two months collide."""
    from dataclasses import replace

    from tests.workflow.helpers import NOW, settings_for

    files = {
        "articles/2024/03/a.md": article(title="Tổng kết"),
        "articles/2024/04/b.md": article(title="Tổng kết", date="2024-04-02"),
    }
    content = make_content(tmp_path / "content", files)
    settings = replace(
        settings_for(content), article_url="tin/{slug}.html", article_save_as="tin/{slug}.html"
    )
    report = run_checks(settings, ROOT, honours_loader=None, now=NOW)
    dupes = [p for p in report.errors if "cùng địa chỉ" in p.message]
    assert len(dupes) == 2
    assert "/tin/tong-ket.html" in dupes[0].message
    assert not [p for p in check_files(tmp_path / "b", files).errors if "cùng địa chỉ" in p.message]
