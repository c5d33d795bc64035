"""Compression beside the search index (tools/compress/alongside.py): the same copies as one
compress_tree() call after everything was written, and no failure lost or left running."""

from __future__ import annotations

import gzip
import multiprocessing
from dataclasses import replace
from pathlib import Path

import pytest

from tests.speed.test_compress import FILES, make_site, settings
from tools.compress.alongside import CompressError, compressing_alongside
from tools.compress.compress import compress_tree

LATE = {
    "pagefind/pagefind-entry.json": '{"version":"1.5.2"}',
    "pagefind/tieng-viet.json": '{"tu":["đua","thưởng"]}' * 20,
}


def copies(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.suffix in {".gz", ".br"}
    }


def write_late_files(site: Path) -> None:
    for name, text in LATE.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")


def test_same_copies_as_one_pass_after_everything(tmp_path):
    one_pass = make_site(tmp_path / "after")
    write_late_files(one_pass)
    compress_tree(one_pass, settings(tmp_path, cache_path=None))

    site = make_site(tmp_path / "alongside")
    cfg = settings(tmp_path)
    with compressing_alongside(site, cfg, later=("pagefind",)) as report:
        write_late_files(site)  # what the search index writes meanwhile
    assert copies(site) == copies(one_pass)
    assert report.files == len(copies(one_pass)) // 2
    assert report.compressed == report.files and report.from_cache == 0
    late = site / "pagefind" / "tieng-viet.json"
    assert gzip.decompress(late.with_name(late.name + ".gz").read_bytes()) == late.read_bytes()


def test_rebuild_links_every_copy_from_the_cache(tmp_path):
    cfg = settings(tmp_path)
    for name in ("one", "two"):
        site = make_site(tmp_path / name)
        with compressing_alongside(site, cfg, later=("pagefind",)) as report:
            write_late_files(site)
    assert report.from_cache == report.files and report.compressed == 0


def test_error_in_the_block_stops_the_child_and_goes_on(tmp_path):
    site = make_site(tmp_path / "site")
    stopped = pytest.raises(RuntimeError, match="chỉ mục hỏng")
    with stopped, compressing_alongside(site, settings(tmp_path), later=("pagefind",)):
        raise RuntimeError("chỉ mục hỏng")
    assert not multiprocessing.active_children()  # stopped and reaped, not left writing


def test_failure_in_the_child_is_raised_not_logged(tmp_path):
    site = make_site(tmp_path / "site")
    broken = replace(settings(tmp_path), gzip_level=99)  # libdeflate refuses this level
    failed = pytest.raises(CompressError, match="Không nén được")
    with failed, compressing_alongside(site, broken, later=("pagefind",)):
        pass


def test_disabled_compression_writes_nothing(tmp_path):
    site = make_site(tmp_path / "site")
    with compressing_alongside(site, settings(tmp_path, enabled=False), later=()) as report:
        pass
    assert report.files == 0 and not copies(site)
    assert (site / "index.html").read_text(encoding="utf-8") == FILES["index.html"]
