"""`make new`: a draft with metadata and placeholders, a distinct file and URL for a repeat."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta

import pytest

from plugins.checks.runner import run_checks
from plugins.vietnamese.dates import VN_TZ
from tests.support import ROOT
from tests.workflow.helpers import NOW, fake_honours, settings_for
from tools.new_article import NewArticleError, create, now_in_vietnam

CATEGORIES = ("Thi đua - Khen thưởng", "Khối thi đua", "Kinh tế", "Xã hội")
WHEN = datetime(2024, 3, 5, 9, 41, tzinfo=VN_TZ)


def new(tmp_path, title="Hội nghị tổng kết Khối thi đua", category=None):
    return create(title, category, tmp_path / "content", CATEGORIES, WHEN)


def test_creates_a_draft_with_metadata_and_placeholders(tmp_path):
    path = new(tmp_path, category="Khối thi đua")
    assert path == tmp_path / "content/articles/2024/03/hoi-nghi-tong-ket-khoi-thi-dua.md"
    text = path.read_text(encoding="utf-8")
    header = text.split("\n\n", 1)[0].splitlines()
    assert header[:4] == [
        "Title: Hội nghị tổng kết Khối thi đua",
        "Slug: hoi-nghi-tong-ket-khoi-thi-dua",
        "Date: 2024-03-05 09:41",
        "Category: Khối thi đua",
    ]
    assert "Status: draft" in header
    for key in ("Summary:", "Units:", "Image:"):
        line = next(line for line in header if line.startswith(key))
        assert "[[CẦN ĐIỀN:" in line
    assert "<!--" in text and "    Xã hội\n" in text  # the category list, as a comment
    assert "[[CẦN ĐIỀN: nội dung bài viết" in text


def test_same_title_twice_gets_its_own_file_and_url(tmp_path):
    first = new(tmp_path)
    second = new(tmp_path)
    third = new(tmp_path)
    assert first.name == "hoi-nghi-tong-ket-khoi-thi-dua.md"
    assert second.name == "hoi-nghi-tong-ket-khoi-thi-dua-2.md"
    assert third.name == "hoi-nghi-tong-ket-khoi-thi-dua-3.md"
    assert "Slug: hoi-nghi-tong-ket-khoi-thi-dua-2\n" in second.read_text(encoding="utf-8")
    assert first.read_text(encoding="utf-8") != ""  # the first one was not overwritten


def test_a_slug_taken_by_another_file_of_the_month_is_skipped(tmp_path):
    other = tmp_path / "content/articles/2024/03/khac.md"
    other.parent.mkdir(parents=True)
    other.write_text("Title: Hội nghị\nDate: 2024-03-01\n\nx\n", encoding="utf-8")
    assert new(tmp_path, title="Hội nghị").name == "hoi-nghi-2.md"


def test_category_is_matched_without_diacritics_or_refused(tmp_path):
    assert "Category: Thi đua - Khen thưởng\n" in new(
        tmp_path, category="thi dua - khen thuong"
    ).read_text(encoding="utf-8")
    with pytest.raises(NewArticleError, match='Có phải "Thi đua - Khen thưởng"'):
        new(tmp_path, title="Khác", category="Thi dua khen thuong abc")
    with pytest.raises(NewArticleError, match="Cần có tiêu đề"):
        new(tmp_path, title="   ")


def test_a_new_draft_warns_and_blocks_publishing_until_filled_in(tmp_path):
    path = new(tmp_path)
    settings = settings_for(tmp_path / "content")
    draft = run_checks(settings, ROOT, honours_loader=fake_honours, now=NOW)
    assert draft.exit_code == 0 and not draft.errors
    assert len(draft.warnings) == 5  # Category, Summary, Units, Image, body

    text = path.read_text(encoding="utf-8").replace("Status: draft\n", "")
    path.write_text(text, encoding="utf-8")
    published = run_checks(settings, ROOT, honours_loader=fake_honours, now=NOW)
    assert published.exit_code == 1
    assert len(published.errors) == 5
    assert all(p.file.endswith("hoi-nghi-tong-ket-khoi-thi-dua.md") for p in published.errors)

    filled = (
        text.replace("Category: [[CẦN ĐIỀN: chọn một chuyên mục trong danh sách bên dưới]]",
                     "Category: Khối thi đua")
        .replace(text.split("Summary: ")[1].split("\n")[0], "Khối thi đua tổng kết năm.")
        .replace(text.split("Units: ")[1].split("\n")[0], "bac-ha")
        .replace("Image: " + text.split("Image: ")[1].split("\n")[0] + "\n", "")
        .replace(text.rsplit("\n\n", 1)[1], "Nội dung.\n")
    )  # fmt: skip
    path.write_text(filled, encoding="utf-8")
    done = run_checks(settings, ROOT, honours_loader=fake_honours, now=NOW)
    assert done.problems == [], done.lines()


def test_command_line_prints_the_path(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    env = {**os.environ, "TITLE": 'Lễ trao "Cờ thi đua"', "CATEGORY": "Kinh tế"}
    command = [sys.executable, "-m", "tools.new_article", "--content", str(content)]
    result = subprocess.run(
        [*command, "--now", "2024-12-31T23:59:00+07:00"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    path = tmp_path / "content/articles/2024/12/le-trao-co-thi-dua.md"
    assert result.stdout.strip() == str(path)
    assert 'Title: Lễ trao "Cờ thi đua"\n' in path.read_text(encoding="utf-8")
    assert "make serve" in result.stderr

    # 17:00 UTC on 31 December is already midnight, 1 January, in Vietnam
    result = subprocess.run(
        [*command, "--now", "2024-12-31T17:00:00+00:00", "--title", "Năm mới"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip().endswith("articles/2025/01/nam-moi.md")
    created = tmp_path / "content/articles/2025/01/nam-moi.md"
    assert "Date: 2025-01-01 00:00\n" in created.read_text(encoding="utf-8")

    result = subprocess.run(
        [*command, "--title", ""], cwd=ROOT, env={**env, "TITLE": ""}, capture_output=True,
        text=True,
    )  # fmt: skip
    assert result.returncode == 1
    assert "LỖI: Cần có tiêu đề" in result.stderr


def test_now_is_vietnam_time():
    assert now_in_vietnam().utcoffset() == timedelta(hours=7)
