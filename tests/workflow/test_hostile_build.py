"""Hostile content through the real build: refused by the checks with a Vietnamese message
naming file and line, `make check` and `make html` report the same problems, output/ stays
byte-for-byte as it was, and nothing outside content/ is read or published."""

from __future__ import annotations

import io
import os
from contextlib import contextmanager, redirect_stdout

import pytest

from tests.honours.helpers import bomb, honours_files
from tests.support import article, pelican_build
from tests.workflow.site import small_site, snapshot, text_of
from tools import check
from tools.build import BuildFailed, build

NEW = "articles/2024/05/bai-moi.md"
DEC = "honours/quyet-dinh/2023/163-qd-ubnd.yaml"
BLOCS_FILE = "honours/khoi-thi-dua.yaml"
ALIASED = honours_files()[BLOCS_FILE].replace("  cac_nam:\n", "  cac_nam: &nam\n", 1)
ALIASED += "- id: khoi-2\n  ten: Khối hai\n  cac_nam: *nam\n"  # the alias: the last line
SECRET = "NOI-DUNG-BI-MAT-NGOAI-CONTENT"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    content = small_site(root / "content")
    for name, data in honours_files().items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data, encoding="utf-8")
    secret = root / "ngoai" / "bi-mat.csv"
    secret.parent.mkdir()
    secret.write_text(f"STT,Họ và tên,Chức vụ,Mã đơn vị\nI. Tập thể,,,\n1,{SECRET},,bac-ha\n")
    (root / "ngoai" / "bi-mat.txt").write_text(SECRET)
    (root / "ngoai" / "bi-mat.md").write_text(article(title=SECRET, body=SECRET), "utf-8")
    output = root / "output"
    build(content, output)
    return root, content, output


def _decision(phu_luc: str) -> str:
    return honours_files()["honours/quyet-dinh/2023/163-qd-ubnd.yaml"].replace(
        "phu_luc: 163-phu-luc.csv", f"phu_luc: {phu_luc}"
    )


# name -> (files to write, symlinks to make {content path: target under root}, file, line)
CASES = {
    "template": ({NEW: article(title="Mới", extra="Template: khong-co-mau")}, {}, NEW, 5),
    "save_as": ({NEW: article(title="Mới", extra="Save_as: ../../x.html")}, {}, NEW, 5),
    "bidi title": ({NEW: article(title="Mới\u202e")}, {}, NEW, 1),
    "annex out of content": (
        {"honours/quyet-dinh/2023/163-qd-ubnd.yaml": _decision("../../../../ngoai/bi-mat.csv")},
        {},
        "honours/quyet-dinh/2023/163-qd-ubnd.yaml",
        7,
    ),
    "symlinked annex": (
        {},
        {"honours/quyet-dinh/2023/163-phu-luc.csv": "ngoai/bi-mat.csv"},
        "honours/quyet-dinh/2023/163-phu-luc.csv",
        None,
    ),
    "symlink in extra": ({}, {"extra/bi-mat.txt": "ngoai/bi-mat.txt"}, "extra/bi-mat.txt", None),
    "symlinked article": (
        {},
        {"articles/2024/05/bi-mat.md": "ngoai/bi-mat.md"},
        "articles/2024/05/bi-mat.md",
        None,
        "Tệp là liên kết tượng trưng (symlink) trỏ ra ngoài thư mục content/",
    ),
    "impossible date in data": (
        {DEC: honours_files()[DEC].replace("ngay: 2023-12-18", "ngay: 31/02/2023")},
        {},
        DEC,
        2,
        'ngày "31/02/2023" không có thật: tháng 2 năm 2023 chỉ có 28 ngày.',
    ),
    "impossible date in an article": (
        {NEW: article(title="Mới", date="31/02/2023 08:00")},
        {},
        NEW,
        2,
        'ngày "31/02/2023 08:00" không có thật: tháng 2 năm 2023 chỉ có 28 ngày.',
    ),
    "zip bomb annex": (
        {DEC: _decision("bom.xlsx"), "honours/quyet-dinh/2023/bom.xlsx": bomb()},
        {},
        DEC,
        7,
        'Phụ lục "bom.xlsx": Phần "xl/worksheets/sheet1.xml" của tệp Excel giải nén lớn gấp',
        "zip bomb): không đọc (annex too large). Cách sửa: Phụ lục chỉ chứa danh sách",
    ),
    "yaml alias": (
        {BLOCS_FILE: ALIASED},
        {},
        BLOCS_FILE,
        ALIASED.count("\n"),
        "bí danh *nam (nhãn &nam ở dòng 3)",
        "Cách sửa: Thay *nam ở dòng này",
    ),
}


@contextmanager
def changed(root, content, files=None, links=None):
    """The content with `files` written and `links` made (symlinks to files under root), for
    the time of the block; every file is put back as it was afterwards."""
    saved = {}
    for relative, data in (files or {}).items():
        path = content / relative
        saved[path] = path.read_bytes() if path.exists() else None
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data) if isinstance(data, bytes) else path.write_text(data, "utf-8")
    for relative, target in (links or {}).items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        saved[path] = path.read_bytes() if path.exists() else None
        path.unlink(missing_ok=True)
        os.symlink(root / target, path)
    try:
        yield
    finally:
        for path, data in saved.items():
            path.unlink()
            if data is not None:
                path.write_bytes(data)


def check_and_build(root, content, output, files=None, links=None):
    """(make check's report lines, its exit code, make html's printed lines, the problems of
    BuildFailed): the build must fail and leave output/ as it was."""
    before = snapshot(output)
    with changed(root, content, files, links):
        checked = io.StringIO()
        code = check.check(content=content, fix=False, out=checked).exit_code
        built = io.StringIO()
        with redirect_stdout(built), pytest.raises(BuildFailed, match="Nội dung còn lỗi") as caught:
            build(content, output)
    assert snapshot(output) == before
    assert "Traceback" not in checked.getvalue()
    return checked.getvalue().splitlines(), code, built.getvalue().splitlines(), caught.value


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_content_is_refused_the_same_by_check_and_build(site, name):
    root, content, output = site
    files, links, file, line, *words = CASES[name]
    report, code, built, _ = check_and_build(root, content, output, files, links)
    assert code == 1
    assert built == report  # the same problems, the same words
    where = f"content/{file}:{line}: LỖI" if line else f"content/{file}: LỖI"
    found = [text for text in report if text.startswith(where)]
    assert found, "\n".join(report)
    assert all(word in found[0] for word in words), found[0]
    assert SECRET not in "\n".join(report)
    assert SECRET not in text_of(output)


def test_nothing_outside_content_reaches_the_built_site(site):
    _, _, output = site
    assert SECRET not in text_of(output)
    assert (output / "index.html").is_file()


def test_pelican_alone_never_copies_a_static_file_from_outside_content(site):
    """Defence in depth: even without make check, Pelican's run refuses the symlink."""
    root, content, output = site
    before = snapshot(output)
    link = content / "extra" / "bi-mat.txt"
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(root / "ngoai" / "bi-mat.txt", link)
    try:
        with pytest.raises(BuildFailed, match="Pelican"):
            build(content, output, checks=False)
    finally:
        link.unlink()
    assert snapshot(output) == before
    assert SECRET not in text_of(output)


def test_a_category_is_refused_in_the_same_words_by_check_and_by_pelican_alone(site):
    """The one category rule: make check, and Pelican run without it, name the same file,
    line, message and hint; neither build touches output/."""
    root, content, output = site
    files = {
        "articles/2024/05/sai.md": article(title="Sai chuyên mục", category="Thi dua khen thuong"),
        "articles/2024/05/thieu.md": article(title="Thiếu chuyên mục").replace(
            "Category: Thi đua - Khen thưởng\n", ""
        ),
    }
    report, code, _, by_check = check_and_build(root, content, output, files)
    assert code == 1
    assert any(
        line.startswith("content/articles/2024/05/sai.md:3: LỖI: Chuyên mục \"Thi dua khen "
                        'thuong" không có trong danh sách chuyên mục của trang. Cách sửa: Có phải '
                        '"Thi đua - Khen thưởng"?')
        for line in report
    ), report  # fmt: skip
    before = snapshot(output)
    with changed(root, content, files), pytest.raises(BuildFailed, match="Pelican") as alone:
        build(content, output, checks=False)
    assert snapshot(output) == before
    wanted = sorted(p for p in by_check.problems if "/2024/05/" in p.where)
    assert [p.where for p in wanted] == [
        "content/articles/2024/05/sai.md:3",
        "content/articles/2024/05/thieu.md:1",
    ]
    assert sorted(p for p in alone.value.problems if "/2024/05/" in p.where) == wanted


def test_a_previewed_draft_with_a_bad_category_is_skipped_with_the_rules_words(tmp_path, caplog):
    content = small_site(tmp_path / "content")
    draft = content / "articles/2024/05/nhap.md"
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_text(
        article(title="Nháp sai chuyên mục", category="Kinh te", extra="Status: draft"), "utf-8"
    )
    output = pelican_build(content, tmp_path / "output", SHOW_DRAFTS=True)
    words = [r.getMessage() for r in caplog.records if "nhap.md" in r.getMessage()]
    assert words == [
        'content/articles/2024/05/nhap.md:3: CẢNH BÁO [Category]: Chuyên mục "Kinh te" không '
        "có trong danh sách chuyên mục của trang. Bản nháp chưa xem trước được. Cách sửa: Có "
        'phải "Kinh tế"? Viết đúng một tên (cả dấu) trong danh sách: "Thi đua - Khen thưởng"; '
        '"Khối thi đua"; "Gương điển hình"; "Kinh tế"; "Xã hội"; "Quốc phòng - An ninh"; '
        '"Văn bản".'
    ]
    assert not (output / "2024/03/nhap-sai-chuyen-muc").exists()
    assert "Nháp sai chuyên mục" not in text_of(output)


def test_a_tidied_annex_cell_is_a_warning_of_check_and_stops_publish(site):
    """make check prints the warning (file, row, column, what) and exits 0; make publish
    (--fatal warnings) stops, output/ untouched."""
    root, content, output = site
    csv = "honours/quyet-dinh/2023/163-phu-luc.csv"
    spaced = (content / csv).read_text("utf-8").replace("Ông Lù Văn Pao", "Ông Lù\u00a0Văn Pao")
    before = snapshot(output)
    with changed(root, content, {csv: spaced}):
        checked = io.StringIO()
        code = check.check(content=content, fix=False, out=checked).exit_code
        with redirect_stdout(io.StringIO()), pytest.raises(BuildFailed, match="Pelican"):
            build(content, output, publish=True)
    assert code == 0
    assert (
        f'content/{csv}:6: CẢNH BÁO: Ô ở cột "Họ và tên" có dấu cách không chuẩn (dấu cách '
        "không ngắt U+00A0 NO-BREAK SPACE); đã tự sửa. Cách sửa: Trang vẫn hiển thị đúng khi "
        "xem trước; trước khi đăng (make publish dừng khi còn cảnh báo), gõ lại với một dấu "
        "cách giữa các chữ."
    ) in checked.getvalue().splitlines()
    assert snapshot(output) == before


@pytest.mark.parametrize("where", ["articles/2024/05/bi-mat.md", "pages/bi-mat.md"])
def test_pelican_alone_refuses_a_source_that_is_a_symlink_out_of_content(site, where):
    """Without make check, Pelican's run stops before reading the file, in make check's
    words: nothing of it is published, output/ untouched."""
    root, content, output = site
    before = snapshot(output)
    with changed(root, content, links={where: "ngoai/bi-mat.md"}):
        checked = io.StringIO()
        assert check.check(content=content, fix=False, out=checked).exit_code == 1
        with pytest.raises(BuildFailed, match="Pelican") as caught:
            build(content, output, checks=False)
    wanted = [p for p in checked.getvalue().splitlines() if p.startswith(f"content/{where}:")]
    assert len(wanted) == 1
    problem = caught.value.problems[0]
    assert wanted[0] == f"{problem.where}: LỖI: {problem.message} Cách sửa: {problem.hint}"
    assert snapshot(output) == before
    assert SECRET not in text_of(output)


def test_pelican_in_process_raises_site_errors_for_a_symlinked_article(site, tmp_path):
    from plugins.vietnamese.errors import SiteErrors

    root, content, _ = site
    link = {"articles/2024/05/bi-mat.md": "ngoai/bi-mat.md"}
    with changed(root, content, links=link), pytest.raises(SiteErrors) as raised:
        pelican_build(content, tmp_path / "out")
    error = raised.value.problems[0]
    assert error.file.endswith("content/articles/2024/05/bi-mat.md") and error.line is None
    assert "symlink" in error.message
    assert not (tmp_path / "out").exists() or SECRET not in text_of(tmp_path / "out")
