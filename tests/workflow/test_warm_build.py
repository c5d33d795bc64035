"""A warm build (the caches of an earlier build) is byte for byte a cold build.

CI restores Pelican's content cache and our build caches (.output-cache/) from an earlier
run; this proves that a build with such caches, after articles were edited, added and
removed, writes exactly what a build from nothing writes.
"""

from __future__ import annotations

import shutil

from tests.support import article, build_cli, differences
from tests.workflow.site import small_site


def edit(content):
    """Edit one article, add one, remove one."""
    changed = content / "articles/2024/03/a.md"
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("Nội dung bài viết.", "Nội dung đã sửa."),
        encoding="utf-8",
    )
    added = content / "articles/2024/05/moi.md"
    added.parent.mkdir(parents=True, exist_ok=True)
    added.write_text(
        article(title="Bài mới sau lần dựng trước", date="2024-05-02 10:00", extra="Tags: mới"),
        encoding="utf-8",
    )
    (content / "articles/2001/01/cu.md").unlink()


def test_warm_build_after_edits_equals_a_cold_build(tmp_path):
    content = small_site(tmp_path / "warm" / "content")
    output = tmp_path / "warm" / "output"
    build_cli(content, output, "1")  # cold: fills .output-cache/
    assert (tmp_path / "warm" / ".output-cache").is_dir()
    edit(content)
    build_cli(content, output, "2")  # warm

    cold_content = tmp_path / "cold" / "content"
    shutil.copytree(content, cold_content)
    build_cli(cold_content, tmp_path / "cold" / "output", "3")
    assert not differences(output, tmp_path / "cold" / "output")
    assert "Nội dung đã sửa." in (output / "2024/03/bac-ha-nhan-co-thi-dua/index.html").read_text(
        encoding="utf-8"
    )


def test_unchanged_warm_build_is_identical(tmp_path):
    content = small_site(tmp_path / "content")
    output = tmp_path / "output"
    build_cli(content, output, "1")
    first = tmp_path / "first"
    shutil.copytree(output, first)
    build_cli(content, output, "2")
    assert differences(first, output) == []


def test_warm_build_after_a_photo_changed_size_equals_a_cold_build(tmp_path):
    """The article that shows a photo has the photo's size in its HTML (plugins/figures):
    a photo replaced by a larger one must not leave the old size from the content cache."""
    from tests.support import jpeg

    content = small_site(tmp_path / "warm" / "content")
    output = tmp_path / "warm" / "output"
    build_cli(content, output, "1")
    (content / "images/hoi-nghi.jpg").write_bytes(jpeg(size=(96, 40)))
    build_cli(content, output, "2")
    cold_content = tmp_path / "cold" / "content"
    shutil.copytree(content, cold_content)
    build_cli(cold_content, tmp_path / "cold" / "output", "3")
    assert differences(output, tmp_path / "cold" / "output") == []
