"""Hostile content through the real build: refused by the checks with a Vietnamese message
naming file and line, `make check` and `make html` report the same problems, output/ stays
byte-for-byte as it was, and nothing outside content/ is read or published."""

from __future__ import annotations

import io
import os
from contextlib import redirect_stdout

import pytest

from tests.honours.helpers import honours_files
from tests.workflow.helpers import article
from tests.workflow.site import small_site, snapshot, text_of
from tools import check
from tools.build import BuildFailed, build

NEW = "articles/2024/05/bai-moi.md"
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
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_content_is_refused_the_same_by_check_and_build(site, name):
    root, content, output = site
    files, links, file, line = CASES[name]
    before = snapshot(output)
    saved = {}
    for relative, text in files.items():
        path = content / relative
        saved[path] = path.read_bytes() if path.exists() else None
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for relative, target in links.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            saved[path] = path.read_bytes()
            path.unlink()
        else:
            saved[path] = None
        os.symlink(root / target, path)
    try:
        checked = io.StringIO()
        assert check.check(content=content, fix=False, out=checked).exit_code == 1
        built = io.StringIO()
        with redirect_stdout(built), pytest.raises(BuildFailed, match="Nội dung còn lỗi"):
            build(content, output)
    finally:
        for path, data in saved.items():
            path.unlink()
            if data is not None:
                path.write_bytes(data)
    report = checked.getvalue().splitlines()
    assert built.getvalue().splitlines() == report  # the same problems, the same words
    where = f"content/{file}:{line}: LỖI" if line else f"content/{file}: LỖI"
    assert any(text.startswith(where) for text in report), "\n".join(report)
    assert "Traceback" not in checked.getvalue()
    assert SECRET not in checked.getvalue()
    assert snapshot(output) == before
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
