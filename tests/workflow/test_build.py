"""The staging build: a failed `make html` leaves output/ as it was; drafts; scheduled articles."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

import pytest

from tests.support import ROOT, article, parse
from tests.workflow.site import DRAFT_TITLE, SCHEDULED_TITLE, small_site, snapshot, text_of
from tools.build import BuildFailed, build, recover, sibling, swap_in
from tools.new_article import create

# The reviewers' list of common mistakes, each in a new article.
MISTAKES = {
    "unknown category": article(title="Bài mới một", category="Thi dua khen thuong"),
    "missing photo": article(title="Bài mới hai", body="![Ảnh]({static}/images/khong-co.jpg)"),
    "impossible date": article(title="Bài mới ba", date="31/02/2024"),
    "no title": article().replace("Title: Hội nghị tổng kết khối thi đua\n", ""),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The small site, built once by the real build (checks, Pelican, swap)."""
    root = tmp_path_factory.mktemp("build")
    content = small_site(root / "content")
    output = root / "output"
    build(content, output)
    return content, output


def test_failed_build_leaves_output_byte_for_byte(site):
    content, output = site
    before = snapshot(output)
    assert "index.html" in before
    for name, text in MISTAKES.items():
        bad = content / "articles/2024/05/bai-moi.md"
        bad.parent.mkdir(parents=True, exist_ok=True)
        bad.write_text(text, encoding="utf-8")
        try:
            with pytest.raises(BuildFailed, match="Nội dung còn lỗi"):
                build(content, output)
        finally:
            bad.unlink()
        assert snapshot(output) == before, name
        assert not sibling(output, "staging").exists(), name


def test_failure_inside_pelican_leaves_output_byte_for_byte(site, tmp_path):
    """Checks skipped: Pelican itself (here the category plugin) stops the build."""
    content, output = site
    before = snapshot(output)
    bad = content / "articles/2024/05/bai-moi.md"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text(MISTAKES["unknown category"], encoding="utf-8")
    try:
        with pytest.raises(BuildFailed, match="Pelican"):
            build(content, output, checks=False)
    finally:
        bad.unlink()
    assert snapshot(output) == before
    assert not sibling(output, "staging").exists()


def test_make_html_command_names_the_file_and_keeps_the_site(site):
    content, output = site
    before = snapshot(output)
    bad = content / "articles/2024/05/bai-moi.md"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text(MISTAKES["impossible date"], encoding="utf-8")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "tools.build", "--content", content, "--output", output],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    finally:
        bad.unlink()
    assert result.returncode == 1
    assert "content/articles/2024/05/bai-moi.md:2: LỖI: Ngày (Date) sai" in result.stdout
    assert "được giữ nguyên" in result.stderr
    assert snapshot(output) == before


def test_drafts_and_scheduled_articles_are_not_published(site):
    _, output = site
    everything = text_of(output)
    assert DRAFT_TITLE not in everything
    assert SCHEDULED_TITLE not in everything
    assert "CẦN ĐIỀN" not in everything
    assert "Trang nháp bí mật" not in everything
    assert not (output / "ban-nhap").exists()
    assert not (output / "2999").exists()
    assert not (output / "2024/04").exists()
    # a past date is published; the scheduled one will be, by the first build after its date
    assert (output / "2001/01/bai-dang-nam-2001/index.html").is_file()
    assert (output / "2024/03/tong-ket-khoi-thi-dua-cac-huyen/index.html").is_file()


def test_serve_previews_drafts_with_a_banner(site, tmp_path):
    content, _ = site
    preview = tmp_path / "preview"
    # A draft fresh from `make new`, placeholders and all, previews too.
    fresh = create("Bài vừa tạo", "Kinh tế", content, ("Kinh tế",), datetime(2024, 5, 6, 7, 8))
    try:
        build(content, preview, drafts=True)
    finally:
        fresh.unlink()
    fresh_page = (preview / "2024/05/bai-vua-tao/index.html").read_text(encoding="utf-8")
    assert "Bản nháp" in fresh_page and "CẦN ĐIỀN: sa-pô" in fresh_page
    page = preview / "2024/04/ban-thao-chua-xong-ve-khen-thuong/index.html"
    soup = parse(page)
    banner = soup.select_one(".draft-banner")
    assert banner is not None and "Bản nháp" in banner.get_text()
    scheduled = preview / "2999/01/thong-bao-hen-gio-dang-nam-2999/index.html"
    text = scheduled.read_text(encoding="utf-8")
    assert "bài hẹn giờ" in text
    home = parse(preview / "index.html")
    assert DRAFT_TITLE in home.get_text()
    assert "Bản nháp" in home.get_text()
    published = (preview / "2024/03/bac-ha-nhan-co-thi-dua/index.html").read_text(encoding="utf-8")
    assert "draft-banner" not in published


def test_swap_is_undone_and_repaired(tmp_path):
    output, staging = tmp_path / "output", tmp_path / ".output-staging"
    output.mkdir()
    (output / "index.html").write_text("cũ", encoding="utf-8")
    staging.mkdir()
    (staging / "index.html").write_text("mới", encoding="utf-8")
    swap_in(staging, output)
    assert (output / "index.html").read_text(encoding="utf-8") == "mới"
    assert not staging.exists()

    # A build that stopped between the two renames of the fallback swap: output/ is missing
    # and the last good site is in .output-old; the next build puts it back first.
    old = sibling(output, "old")
    output.rename(old)
    recover(output)
    assert (output / "index.html").read_text(encoding="utf-8") == "mới"
    assert not old.exists()


def test_pelican_log_is_held_while_the_checks_run(capsys):
    """Pelican starts before the checks end (tools.build.PelicanRun): its log is shown only
    once they have passed; when they fail, Pelican is stopped and its log never shown."""
    import time

    from tools.build import PelicanRun

    script = "import sys, time; print('Pelican: một'); sys.stdout.flush(); time.sleep(60)"
    running = PelicanRun([sys.executable, "-c", script])
    deadline = time.monotonic() + 30
    while not running.tail and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(running.tail) == ["Pelican: một\n"]
    running.stop()  # a check failed
    assert running.process.returncode != 0
    assert "Pelican" not in capsys.readouterr().out

    script = "print('Pelican: một'); print('Pelican: hai')"
    finished = PelicanRun([sys.executable, "-c", script])
    assert finished.wait() == 0
    assert capsys.readouterr().out == "Pelican: một\nPelican: hai\n"
    finished.stop()  # nothing: it has ended
