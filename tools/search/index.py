"""Index a built site with Pagefind, byte-identically, and write the Vietnamese word list.

`index(site, cache=...)` runs after Pelican on the staging folder (tools/build.py):

1. scan.py reads every .html file once: the cache key and the pages Pagefind indexes (and,
   above scan.ONE_RUN_PAGES of them, one --glob per part).
2. With a cache folder (tools/build.py passes `.output-cache/pagefind/`), a bundle already
   made from the same files is taken from there (cache.py) and steps 3-6 are skipped.
3. bodies.py copies those pages, cut to what Pagefind indexes, into a folder of their own
   (/dev/shm when it has room, else beside the site); run.py runs Pagefind on that
   folder, writing the bundle to `site/pagefind/`. Above ONE_RUN_PAGES pages, and with a
   Pagefind version the merger was verified against, parts.py runs it on parts of them and
   merges them (bounded memory); with another version, one run, and a warning in the
   build output.
4. Pagefind's ready-made interfaces (pagefind-ui.js, ...) are removed: our own
   theme/static/js/search.js talks to pagefind.js directly.
5. determinism.py makes the bundle the same bytes from run to run.
6. lexicon.py writes `pagefind/tieng-viet.json`.

Run it by hand on a built folder: `python -m tools.search output [--cache DIR]`.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from tools.search import bodies, determinism, lexicon, parts, run, scan
from tools.search import bundle as fmt
from tools.search import cache as bundle_cache
from tools.search.run import PagefindError

ROOT = Path(__file__).resolve().parents[2]


def warn(message: str) -> None:
    """A warning the build output shows plainly (Vietnamese, then a short English tag)."""
    line = "!" * 78
    print(f"{line}\nCẢNH BÁO: {message}\n{line}", file=sys.stderr)


def _index_in_parts(site: Path, bundle: Path, site_scan: scan.SiteScan):
    """The words of the pages counted for the word list when the site was indexed in parts
    (lexicon.count_words); None (and said why) when one run must index it."""
    version = run.installed_version()
    if not fmt.supported(version):
        warn(
            f"Pagefind {version} chưa được kiểm chứng với bộ ghép chỉ mục (chỉ "
            f"{', '.join(sorted(fmt.SUPPORTED_VERSIONS))}); trang có {site_scan.body_pages} "
            "trang được lập chỉ mục trong một lần chạy, tốn khoảng 160 đến 220 kB bộ nhớ mỗi "
            "trang. "
            "Cách sửa: dùng đúng phiên bản pagefind[bin] ghi trong pyproject.toml. "
            f"(search index: Pagefind {version} not supported by the merger; one run)"
        )
        return None
    try:
        return parts.index_in_parts(site, bundle, site_scan)
    except parts.Unmergeable as reason:
        warn(
            f"không ghép được các phần của chỉ mục ({reason}); lập chỉ mục một lần cho cả "
            f"trang. (search index in parts: one run instead)"
        )
        return None
    except fmt.BundleFormatError as error:
        raise PagefindError(
            f"Bộ ghép chỉ mục tìm kiếm gặp tệp Pagefind không đúng định dạng ({error}). "
            "Cách sửa: dùng đúng phiên bản pagefind[bin] ghi trong pyproject.toml; nếu vẫn "
            "lỗi, báo cho nhóm kỹ thuật. (search index merger failed)"
        ) from error


def _index_fresh(site: Path, bundle: Path, site_scan: scan.SiteScan) -> None:
    with bodies.pages_for_pagefind(site, site_scan.bodies, site_scan.body_bytes) as pages:
        counts = _index_in_parts(pages, bundle, site_scan) if site_scan.parts else None
        if counts is None:
            run.run_pagefind(pages, output=bundle)
    if not (bundle / fmt.ENTRY_FILE).exists():
        raise PagefindError(
            "Pagefind không tạo được chỉ mục (thiếu pagefind-entry.json). Cách sửa: kiểm tra "
            "các trang có thuộc tính data-pagefind-body. (no search index written)"
        )
    for name in fmt.UNUSED_FILES:
        (bundle / name).unlink(missing_ok=True)
    try:
        determinism.make_deterministic(bundle)
    except fmt.BundleFormatError as error:
        raise PagefindError(
            f"Không sắp xếp được chỉ mục Pagefind ({error}). Cách sửa: dùng đúng phiên bản "
            "pagefind[bin] ghi trong pyproject.toml. (unexpected Pagefind bundle)"
        ) from error
    lexicon.write_lexicon(bundle, counts)


def index(site: Path, cache: Path | None = None) -> Path:
    """Index `site` (a built site folder) in place; returns the bundle folder.

    With `cache` (a folder of our own), a bundle made earlier from the same pages is reused
    and a new one is kept there.
    """
    site = Path(site)
    run.require_site(site)
    bundle = site / run.BUNDLE_DIR
    if bundle.exists():
        shutil.rmtree(bundle)
    site_scan = scan.scan_site(site)
    if cache is not None:
        cache = Path(cache)
        if bundle_cache.restore_bundle(cache, site_scan.key, bundle):
            bundle_cache.prune_cache(cache)
            return bundle
    _index_fresh(site, bundle, site_scan)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        bundle_cache.store_bundle(cache, site_scan.key, bundle)
        bundle_cache.prune_cache(cache)
    return bundle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, nargs="?", default=ROOT / "output")
    parser.add_argument("--cache", type=Path, help="reuse and keep bundles in this folder")
    args = parser.parse_args(argv)
    try:
        bundle = index(args.site, cache=args.cache)
    except PagefindError as error:
        print(f"LỖI: {error}", file=sys.stderr)
        return 1
    print(f"Đã lập chỉ mục tìm kiếm vào {bundle}")
    return 0
