"""The one category rule (plugins/vietnamese/categories.py): its decisions and its words."""

from __future__ import annotations

from plugins.vietnamese.categories import category_problem, header_field, source_problem

ALLOWED = ("Thi đua - Khen thưởng", "Khối thi đua", "Kinh tế")


def test_a_category_on_the_list_is_allowed_and_any_is_without_a_list():
    assert category_problem("Khối thi đua", ALLOWED) is None
    assert category_problem("Bất kỳ", ()) is None


def test_an_unknown_category_names_the_closest_and_the_list():
    message, hint = category_problem("Thi dua khen thuong", ALLOWED)
    assert (
        message == 'Chuyên mục "Thi dua khen thuong" không có trong danh sách chuyên mục của trang.'
    )
    assert hint.startswith('Có phải "Thi đua - Khen thưởng"? Viết đúng một tên (cả dấu)')
    assert '"Kinh tế"' in hint
    _, hint = category_problem("Zzzz", ALLOWED)
    assert hint.startswith("Viết đúng một tên")


def test_missing_empty_and_unfinished_categories_say_so():
    assert category_problem(None, ALLOWED)[0] == "Thiếu chuyên mục (Category)."
    assert category_problem(" ", ALLOWED)[0] == "Chuyên mục (Category) đang để trống."
    message, hint = category_problem("[[CẦN ĐIỀN: chọn]]", ALLOWED, unfinished=True)
    assert "chưa được chọn" in message and '"Kinh tế"' in hint
    assert category_problem(None, ())[1] == (
        'Thêm dòng "Category: ..." ở đầu tệp, trước dòng trống đầu tiên.'
    )


def test_the_header_is_read_as_markdown_reads_it(tmp_path):
    source = tmp_path / "a.md"
    source.write_text(
        "Title: A\n    tiếp\nCategory: Kinh te\u0302\u0301\n\nCategory: trong thân bài\n", "utf-8"
    )
    assert header_field(str(source), "category") == (3, "Kinh tế")
    source.write_text("Title: A\n\nCategory: Kinh tế\n", "utf-8")
    assert header_field(str(source), "Category") is None
    assert header_field(str(tmp_path / "none.md"), "Category") is None


def test_pelicans_side_names_file_line_and_field(tmp_path):
    source = tmp_path / "a.md"
    source.write_text("Title: A\nCategory: Kinh te\n\nx\n", "utf-8")
    found = source_problem(str(source), "content/a.md", ALLOWED)
    assert (found.file, found.line, found.field, found.is_error) == (
        "content/a.md",
        2,
        "Category",
        True,
    )
    assert found.message == category_problem("Kinh te", ALLOWED)[0]
    source.write_text("Title: A\n\nx\n", "utf-8")
    assert source_problem(str(source), "a.md", ALLOWED, severity="warning").line == 1
