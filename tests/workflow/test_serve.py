"""`make serve` (tools/serve.py): a saved change is rebuilt, search included, and served; a
mistake is reported like `make check` while the last good site stays on screen."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request

import pytest

from tests.support import article
from tests.workflow.site import small_site
from tools import serve

NEW_URL = "2024/03/bai-moi-luu-luc-xem-thu/"


def fetch(url: str) -> str:
    """The page at `url`, or "" while it does not exist."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError:
        return ""


def wait_for(condition, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("the preview was not rebuilt in time")
        time.sleep(0.2)


def test_a_saved_change_is_rebuilt_and_a_mistake_keeps_the_last_good_site(tmp_path):
    content = small_site(tmp_path / "content")
    output = tmp_path / "output"
    said: list[str] = []
    seen = serve.fingerprint(serve.watched(content))
    assert serve.rebuild(content, output, said.append)
    entry = (output / "pagefind/pagefind-entry.json").read_text(encoding="utf-8")
    stop = threading.Event()
    watcher = threading.Thread(
        target=serve.watch, args=(content, output, stop, said.append, 0.1, 0.2, seen), daemon=True
    )
    with serve.serving(output) as url:
        watcher.start()
        try:
            page = content / "articles/2024/05/moi.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(article(title="Bài mới lưu lúc xem thử"), encoding="utf-8")
            wait_for(lambda: "Bài mới lưu lúc xem thử" in fetch(f"{url}/{NEW_URL}"))
            new_entry = (output / "pagefind/pagefind-entry.json").read_text(encoding="utf-8")
            assert new_entry != entry  # the search index was rebuilt with the new article
            # A mistake: the message names the file and line; the site stays as it was.
            before = len(said)
            page.write_text(article(title="Bài lỗi", category="Thi dua"), encoding="utf-8")
            wait_for(lambda: any("LỖI" in line for line in said[before:]))
            report = "\n".join(said[before:])
            assert "Nội dung còn lỗi" in report and "bản dựng tốt gần nhất" in report
            archive = fetch(f"{url}/luu-tru/")
            assert "Bài mới lưu lúc xem thử" in archive and "Bài lỗi" not in archive
        finally:
            stop.set()
            watcher.join(timeout=60)
    assert not watcher.is_alive()


def test_fingerprint_sees_new_changed_and_removed_files(tmp_path):
    (tmp_path / "a.md").write_text("một", encoding="utf-8")
    first = serve.fingerprint([tmp_path])
    (tmp_path / "b.md").write_text("hai", encoding="utf-8")
    second = serve.fingerprint([tmp_path])
    assert second != first
    (tmp_path / "a.md").write_text("một nữa", encoding="utf-8")
    third = serve.fingerprint([tmp_path])
    assert third != second
    (tmp_path / "b.md").unlink()
    assert serve.fingerprint([tmp_path]) not in (second, third)
