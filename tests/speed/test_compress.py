"""gzip and brotli copies of text files: complete, correct, deterministic, cached."""

from __future__ import annotations

import gzip
from dataclasses import replace
from pathlib import Path

import brotli

from tools.compress.compress import compress_tree
from tools.compress.settings import CompressSettings

FILES = {
    "index.html": "<!DOCTYPE html><title>Trang chủ</title>" + "<p>Thi đua yêu nước.</p>" * 200,
    "2024/05/bai/index.html": "<p>Đồn biên phòng Mường Khương</p>" * 50,
    "theme/css/site.css": "body { color: #222; }\n" * 100,
    "theme/js/site.js": "document.documentElement.classList.add('js');\n" * 20,
    "feeds/tat-ca.atom.xml": "<feed>" + "<entry>tin</entry>" * 100 + "</feed>",
    "du-lieu/khen-thuong.csv": "đơn vị,năm\n" + "Bắc Hà,2023\n" * 300,
    "robots.txt": "User-agent: *\n",
    "images/a.jpg": "not text",
    "pagefind/pagefind.js": "export const search = 1;\n" * 40,
    "pagefind/fragment/vi_1.pf_fragment": "already gzipped by Pagefind",
}


def make_site(root: Path) -> Path:
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def settings(tmp_path, **changes) -> CompressSettings:
    return replace(CompressSettings(), **{"cache_path": tmp_path / "cache", **changes})


def test_every_text_file_gets_correct_copies(tmp_path):
    site = make_site(tmp_path / "site")
    report = compress_tree(site, settings(tmp_path))
    text = [n for n in FILES if not n.endswith((".jpg", ".pf_fragment"))]
    assert report.files == len(text)
    for name in text:
        original = (site / name).read_bytes()
        assert gzip.decompress((site / f"{name}.gz").read_bytes()) == original
        assert brotli.decompress((site / f"{name}.br").read_bytes()) == original
    assert not (site / "images/a.jpg.gz").exists()
    assert not (site / "pagefind/fragment/vi_1.pf_fragment.gz").exists()
    assert not list(site.rglob("*.gz.gz")) and not list(site.rglob("*.gz.br"))


def test_copies_are_deterministic_with_or_without_cache(tmp_path):
    first = make_site(tmp_path / "one")
    second = make_site(tmp_path / "two")
    compress_tree(first, settings(tmp_path, cache_path=None))
    compress_tree(second, settings(tmp_path, cache_path=tmp_path / "other-cache"))
    for copy in sorted(first.rglob("*.gz")) + sorted(first.rglob("*.br")):
        relative = copy.relative_to(first)
        assert copy.read_bytes() == (second / relative).read_bytes(), relative
    header = (first / "index.html.gz").read_bytes()[:10]
    assert header[4:8] == b"\0\0\0\0", "gzip mtime must be 0"


def test_rebuild_takes_unchanged_files_from_the_cache(tmp_path):
    cfg = settings(tmp_path)
    compress_tree(make_site(tmp_path / "build1"), cfg)
    site = make_site(tmp_path / "build2")
    (site / "index.html").write_text("<p>Trang chủ đã đổi.</p>", encoding="utf-8")
    report = compress_tree(site, cfg)
    assert report.from_cache == report.files - 1
    assert gzip.decompress((site / "index.html.gz").read_bytes()) == (
        "<p>Trang chủ đã đổi.</p>".encode()
    )
    # Rewriting into the same folder replaces the copies instead of writing through links.
    again = compress_tree(site, cfg)
    assert again.from_cache == again.files
    first_build = (tmp_path / "build1" / "index.html.gz").read_bytes()
    assert gzip.decompress(first_build) == (tmp_path / "build1/index.html").read_bytes()


def test_old_cache_entries_are_pruned(tmp_path):
    cfg = settings(tmp_path, cache_max_age_days=0)
    compress_tree(make_site(tmp_path / "site"), cfg)
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]


def test_sample_site_text_files_are_compressed(built_site):
    site = Path(built_site)
    pages = [p for p in site.rglob("*.html") if "pagefind" not in p.parts]
    assert pages
    missing = [p for p in pages if not p.with_name(p.name + ".br").is_file()]
    assert not missing, f"no .br for {missing[:3]}"
    css = next(site.rglob("site.css"))
    assert brotli.decompress(css.with_name("site.css.br").read_bytes()) == css.read_bytes()


def test_search_files_written_after_pelican_are_compressed_too(built_site):
    """Pagefind runs after Pelican; tools/build.py compresses its text files itself."""
    for name in ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "tieng-viet.json"):
        original = (built_site / "pagefind" / name).read_bytes()
        assert gzip.decompress((built_site / "pagefind" / f"{name}.gz").read_bytes()) == original
        assert brotli.decompress((built_site / "pagefind" / f"{name}.br").read_bytes()) == original
