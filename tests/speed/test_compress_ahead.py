"""Compression ahead (tools/compress/ahead.py, plugins/compress_ahead): pages compressed into
the cache while Pelican writes them. The last step then links them instead of compressing
them again, and the copies in the site are the same bytes as without it; a failing worker
fails the build; the worker runs only when the build asks for it."""

from __future__ import annotations

import io
import threading
from dataclasses import replace

import pytest

from tests.speed.test_compress import FILES, make_site, settings
from tests.speed.test_compress_alongside import copies
from tests.support import article, make_content, pelican_build
from tools.compress.ahead import FAILED_NAME, LOCK_NAME, AheadFailed, start, wait_for_ahead, work
from tools.compress.alongside import CompressError, compressing_alongside
from tools.compress.compress import compress_tree

TEXT = [n for n in FILES if not n.endswith((".jpg", ".pf_fragment"))]


def test_worker_fills_the_cache_and_the_last_step_only_links(tmp_path):
    site = make_site(tmp_path / "site")
    cfg = settings(tmp_path, ahead=True)
    paths = [str(site / name) for name in FILES] + [str(site / "gone.html"), ""]
    done = work(io.StringIO("".join(f"{p}\n" for p in paths)), cfg, site)
    assert done == len(TEXT)  # not the photo, Pagefind's own files, a missing file
    assert not list(site.rglob("*.gz"))  # into the cache only: the site is left alone
    report = compress_tree(site, cfg)
    assert report.from_cache == report.files == len(TEXT) and report.compressed == 0

    without = make_site(tmp_path / "without")
    compress_tree(without, settings(tmp_path, cache_path=None))
    assert copies(site) == copies(without)


def test_a_page_changed_after_it_was_sent_is_compressed_again(tmp_path):
    site = make_site(tmp_path / "site")
    cfg = settings(tmp_path, ahead=True)
    work(io.StringIO(f"{site / 'index.html'}\n"), cfg, site)
    (site / "index.html").write_text("<p>Trang chủ, bản sau</p>" * 30, encoding="utf-8")
    report = compress_tree(site, cfg)
    assert report.from_cache == 0 and report.compressed == len(TEXT)
    without = make_site(tmp_path / "without")
    (without / "index.html").write_text("<p>Trang chủ, bản sau</p>" * 30, encoding="utf-8")
    compress_tree(without, settings(tmp_path, cache_path=None))
    assert copies(site) == copies(without)


def test_excluded_folders_are_not_compressed_ahead(tmp_path):
    site = make_site(tmp_path / "site")
    cfg = settings(tmp_path, ahead=True, exclude=("du-lieu",))
    done = work(io.StringIO(f"{site / 'du-lieu/khen-thuong.csv'}\n"), cfg, site)
    assert done == 0


def test_the_last_step_waits_for_the_worker_process(tmp_path):
    """The real worker (a process holding the lock): sent paths while it runs, it has put
    every copy in the cache by the time wait_for_ahead returns."""
    site = make_site(tmp_path / "site")
    cfg = settings(tmp_path, ahead=True)
    worker = start(cfg, site)
    assert worker is not None and (tmp_path / "cache" / LOCK_NAME).exists()
    waited = threading.Event()
    waiter = threading.Thread(target=lambda: (wait_for_ahead(cfg), waited.set()))
    waiter.start()
    for name in FILES:
        worker.send(str(site / name))
    assert not waited.wait(0.5)  # the worker waits for more paths; so does the last step
    worker.close()
    waiter.join(60)
    assert waited.is_set()
    report = compress_tree(site, cfg)
    assert report.from_cache == report.files == len(TEXT)
    worker.reap()


def test_only_when_asked_and_with_a_cache(tmp_path):
    site = make_site(tmp_path / "site")
    assert start(settings(tmp_path), site) is None  # COMPRESS_AHEAD not set
    assert start(settings(tmp_path, ahead=True, cache_path=None), site) is None
    assert start(settings(tmp_path, ahead=True, enabled=False), site) is None
    wait_for_ahead(settings(tmp_path))  # no worker ever ran: returns at once


def test_a_failed_worker_fails_the_step(tmp_path):
    site = make_site(tmp_path / "site")
    cfg = settings(tmp_path, ahead=True)
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / LOCK_NAME).touch()
    (tmp_path / "cache" / FAILED_NAME).write_text("Traceback: OSError: disk full")
    with pytest.raises(AheadFailed, match="disk full"):
        wait_for_ahead(cfg)
    (tmp_path / "cache" / FAILED_NAME).write_text("Traceback: OSError: disk full")
    with (
        pytest.raises(CompressError, match="disk full"),
        compressing_alongside(site, replace(cfg), later=("pagefind",)),
    ):
        pass


def test_pelican_hands_every_page_to_the_worker(tmp_path):
    """A real Pelican build with COMPRESS_AHEAD: after it, the last step finds every page
    Pelican's Writer wrote in the cache (what was copied outside the Writer, the theme's CSS
    and scripts, it compresses itself)."""
    content = make_content(
        tmp_path / "content",
        {
            f"articles/bai-{n}.md": article(title=f"Hội nghị số {n}", date=f"2024-01-0{n + 1}")
            for n in range(3)
        },
    )
    cache = tmp_path / "cache"
    output = pelican_build(content, tmp_path / "out", CACHE_PATH=str(cache), COMPRESS_AHEAD=True)
    cfg = settings(tmp_path, cache_path=cache / "compress", ahead=True)
    wait_for_ahead(cfg)
    report = compress_tree(output, cfg)
    written = [p for p in output.rglob("*.html") if "theme" not in p.parts]
    assert len(written) > 10 and report.from_cache >= len(written)
    assert report.compressed == report.files - report.from_cache
