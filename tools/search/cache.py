"""Bundles kept between builds, by the hash of the pages they index (scan.SiteScan.key).

One entry per key: <cache>/<key>/bundle/... (the bundle's files) and manifest.json (their
SHA-256). An entry is written under a temporary name and renamed, so a half-written entry is
never used. Files are hard-linked both ways (copied where links are not possible), so a hit
costs no copying; nothing here writes into a file, only replaces it, and every file of an
entry is checked against its SHA-256 before use, so an entry changed by anything else is
dropped and the bundle made again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import time
from pathlib import Path

# Bundles kept: enough for `make html`, `make publish` and `make serve` (three different
# sites) to take turns without indexing again.
CACHE_KEEP = 4
# Change when the layout of a cache entry changes (it is part of the key: scan.py).
CACHE_FORMAT = 1
CACHE_MANIFEST = "manifest.json"
CACHE_FILES = "bundle"
CACHE_TEMP_MAX_AGE = 3600  # seconds: an unfinished entry older than this is removed


def files_of(folder: Path) -> list[tuple[str, Path]]:
    """(relative path with "/", path) of every file under `folder`, sorted."""
    found = []
    for parent, _, names in os.walk(folder):
        found += [(Path(parent, name).relative_to(folder).as_posix(), Path(parent, name))
                  for name in names]  # fmt: skip
    return sorted(found)


def _place(source: Path, target: Path, data: bytes) -> None:
    """Put `source` (whose bytes are `data`) at `target`: a hard link, else a copy."""
    try:
        os.link(source, target)
    except OSError:
        target.write_bytes(data)


def _place_all(files, folder: Path) -> None:
    made = set()
    for relative, source, data in files:
        target = folder / relative
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        _place(source, target, data)


def restore_bundle(cache: Path, key: str, bundle: Path) -> bool:
    """Put the bundle cached under `key` at `bundle`; False (and the entry removed) when
    there is none or it does not match its manifest."""
    entry = cache / key
    if not entry.is_dir():
        return False
    try:
        manifest = json.loads((entry / CACHE_MANIFEST).read_text(encoding="utf-8"))
        files = []
        for relative, sha in manifest["files"]:
            source = entry / CACHE_FILES / relative
            data = source.read_bytes()
            if hashlib.sha256(data).hexdigest() != sha:
                raise ValueError(f"{relative} changed")
            files.append((relative, source, data))
        if not files:
            raise ValueError("empty entry")
    except (OSError, ValueError, KeyError, TypeError):  # a damaged entry: index again
        shutil.rmtree(entry, ignore_errors=True)
        return False
    try:
        _place_all(files, bundle)
    except OSError:
        shutil.rmtree(bundle, ignore_errors=True)
        return False
    os.utime(entry)  # recently used: kept by prune_cache
    return True


def store_bundle(cache: Path, key: str, bundle: Path) -> None:
    """Keep `bundle` under `key`. A cache that cannot be written only costs time."""
    temporary = cache / f".tmp-{key[:16]}-{os.getpid()}"
    try:
        shutil.rmtree(temporary, ignore_errors=True)
        files = [(name, path, path.read_bytes()) for name, path in files_of(bundle)]
        _place_all(files, temporary / CACHE_FILES)
        manifest = {"files": [[name, hashlib.sha256(data).hexdigest()] for name, _, data in files]}
        (temporary / CACHE_MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        os.rename(temporary, cache / key)
    except OSError as error:
        shutil.rmtree(temporary, ignore_errors=True)
        if not (cache / key / CACHE_MANIFEST).is_file():  # not just stored by another build
            print(
                f"Cảnh báo: không lưu được chỉ mục tìm kiếm vào bộ nhớ đệm {cache} ({error}); "
                "lần sau sẽ lập lại. (search index not cached)",
                file=sys.stderr,
            )


def prune_cache(cache: Path, keep: int = CACHE_KEEP) -> None:
    """Keep the `keep` most recently used entries; remove stale temporary ones."""
    try:
        folders = [path for path in cache.iterdir() if path.is_dir()]
    except OSError:
        return
    entries = [path for path in folders if not path.name.startswith(".")]
    entries.sort(key=lambda path: (-path.stat().st_mtime_ns, path.name))
    for path in entries[keep:]:
        shutil.rmtree(path, ignore_errors=True)
    remove_stale(cache, ".tmp-", CACHE_TEMP_MAX_AGE)


def remove_stale(parent: Path, prefix: str, max_age: float) -> None:
    """Remove the folders of `parent` named `prefix`... and older than `max_age` seconds:
    left by a build that was killed before it could remove them."""
    limit = time.time() - max_age
    with contextlib.suppress(OSError), os.scandir(parent) as entries:
        for entry in entries:
            if entry.name.startswith(prefix) and entry.stat().st_mtime < limit:
                shutil.rmtree(entry.path, ignore_errors=True)
