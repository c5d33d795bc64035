"""What one reading of the site's pages tells: the cache key, the pages to index, the parts.

Every .html file of the site is read once (`scan_site`): a hash of them all (with the
Pagefind version, our options and our code) names the bundle they give, and the pages that
carry `data-pagefind-body` are the only ones Pagefind is given (cut, bodies.py): it would
drop the list pages (tags, authors, categories, home pages) anyway. Above ONE_RUN_PAGES such
pages, one --glob per part of them, of at most SHARD_PAGES pages (parts.py).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from plugins.vietnamese.forked import in_halves
from plugins.vietnamese.text import fold
from tools.search import bodies, cache, run
from tools.search import bundle as fmt

# A part's --glob longer than this is not passed (Linux limits one argument to 128 KiB): the
# site is then indexed in one run.
GLOB_LIMIT = 60_000
_GLOB_SAFE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")
# Pagefind keeps everything it reads in memory until it has written the bundle, some 165 kB
# for each of our articles (1.6 GB for 10,000). The budget is ONE_RUN_PAGES pages in memory
# at once (~1 GB): a site with at most that many is indexed in one run, the fastest way
# (5,037 pages: 8.2 s, against 9.5 s in three parts and their merge); a larger one in parts
# of at most SHARD_PAGES pages, two at a time (parts.PARALLEL_PARTS).
ONE_RUN_PAGES = 6000
SHARD_PAGES = 3000
# From this many files on, half of them are read in a forked process (plugins/vietnamese/
# forked.py) while this one reads the other half.
SPLIT_FILES = 1000
# Files Pagefind reads from the folder it runs in, besides the pages.
CONFIG_FILES = ("pagefind.toml", "pagefind.yml", "pagefind.yaml", "pagefind.json")


@dataclass(frozen=True)
class SiteScan:
    """What one reading of the site's pages tells: the cache key and the pages to index."""

    key: str  # SHA-256 (hex) of the pages, the Pagefind version, our options and our code
    pages: int  # .html files read
    # Those carrying data-pagefind-body (paths from the site, with "/"): when one page of the
    # site carries it, Pagefind drops every page without it, so only these are given to it.
    # Empty when no page carries it: Pagefind then indexes every page, whole.
    bodies: tuple[str, ...]
    body_bytes: int  # their size (bodies.pages_for_pagefind chooses a folder with room)
    # Above ONE_RUN_PAGES pages: one --glob per part of them, indexed two at a time
    # (parts.py); None: one run of Pagefind.
    parts: tuple[str, ...] | None = None

    @property
    def body_pages(self) -> int:
        return len(self.bodies)


def carries_body(data: bytes) -> bool:
    """Whether the page has a data-pagefind-body attribute (inside a tag, any case)."""
    return bodies.marked_tag(data if bodies.BODY_MARK in data else data.lower()) >= 0


def _site_files(site: Path) -> list[str]:
    """Relative paths (with "/") of the .html files Pagefind would read, and of its config
    files, sorted by code point; the bundle folder itself is left out."""
    found = []
    for folder, dirs, files in os.walk(site):
        relative = Path(folder).relative_to(site).as_posix()
        prefix = "" if relative == "." else f"{relative}/"
        if not prefix:
            dirs[:] = [d for d in dirs if d != run.BUNDLE_DIR]
            found += [name for name in files if name in CONFIG_FILES]
        found += [prefix + name for name in files if name.endswith(".html")]
    return sorted(found)


def part_globs(body: list[str], size: int) -> tuple[str, ...] | None:
    """One --glob for each part of at most `size` of the pages `body` (those of the folder
    Pagefind reads, sorted), in path order; None when they need no parts, or when a part
    cannot be named by a glob.

    A folder all of whose pages are in the part becomes "folder/**/*.html" (the largest such
    folders); the part's other pages are named one by one.
    """
    count = -(-len(body) // size) if size > 0 else 0
    if count < 2:
        return None
    if not all(_GLOB_SAFE.fullmatch(part) for path in body for part in path.split("/")):
        return None
    below: Counter = Counter()  # every page under each folder
    for path in body:
        below.update(_folders(path))
    globs = []
    for number in range(count):
        part = body[number * len(body) // count : (number + 1) * len(body) // count]
        inside: Counter = Counter()
        for path in part:
            inside.update(_folders(path))
        names = []
        for path in part:
            whole = next((f for f in _folders(path) if inside[f] == below[f]), None)
            name = f"{whole}/**/*.html" if whole else path
            if not names or names[-1] != name:
                names.append(name)
        glob = names[0] if len(names) == 1 else "{" + ",".join(names) + "}"
        if len(glob) > GLOB_LIMIT:
            return None
        globs.append(glob)
    return tuple(globs)


def _folders(path: str) -> list[str]:
    """ "a/b/c.html" -> ["a", "a/b"]: the folders holding a page, outermost first."""
    parts = path.split("/")[:-1]
    return ["/".join(parts[: depth + 1]) for depth in range(len(parts))]


_SORT_MARK = b"data-pagefind-sort"
_SORT_ATTRIBUTE = re.compile(
    rb"""\sdata-pagefind-sort(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?"""
)


def sort_attributes(data: bytes) -> tuple[str | None, ...]:
    """The values of the page's data-pagefind-sort attributes (None: one without a value)."""
    # As carries_body: lower case only if need be (the same length: values are read from
    # `data`). An attribute missed here only makes the merge of the parts give way.
    lowered = data if _SORT_MARK in data else data.lower()
    found = []
    start = lowered.find(_SORT_MARK)
    while start > 0:
        match = _SORT_ATTRIBUTE.match(lowered, start - 1)
        if match is not None:
            group = next((g for g in (1, 2, 3) if match.start(g) >= 0), None)
            raw = None if group is None else data[match.start(group) : match.end(group)]
            found.append(None if raw is None else html.unescape(raw.decode("utf-8", "replace")))
        start = lowered.find(_SORT_MARK, start + len(_SORT_MARK))
    return tuple(found)


def _tool_fingerprint() -> bytes:
    """Everything besides the pages that shapes the bundle: Pagefind (version and binary),
    our options, and the code of this package and of `fold` (the word list)."""
    code = hashlib.sha256()
    package = Path(__file__).parent
    for path in [*sorted(package.glob("*.py")), Path(sys.modules[fold.__module__].__file__)]:
        code.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return json.dumps(
        {
            "format": cache.CACHE_FORMAT,
            "pagefind": [run.installed_version(), run.binary_size()],
            "options": run.options(),
            "unused": fmt.UNUSED_FILES,
            "code": code.hexdigest(),
        },
        sort_keys=True,
    ).encode("utf-8")


def _read(site: Path, files: list[str]) -> list[tuple[str, int, bytes, bool]]:
    """(path, size, SHA-256, carries data-pagefind-body) of each file."""
    found = []
    for relative in files:
        data = (site / relative).read_bytes()
        marked = relative.endswith(".html") and carries_body(data)
        found.append((relative, len(data), hashlib.sha256(data).digest(), marked))
    return found


def scan_site(site: Path) -> SiteScan:
    """Read every file Pagefind would read, once: the cache key and the pages to index. A
    large site is read in two halves at once, one in a forked process."""
    files = _site_files(site)
    first, second = in_halves(_read, site, items=files, fork=len(files) >= SPLIT_FILES)
    found = first + second
    digest = hashlib.sha256(_tool_fingerprint())
    for relative, size, file_digest, _ in found:
        digest.update(b"\0%s\0%d\0" % (relative.encode("utf-8"), size))
        digest.update(file_digest)
    pages = [(relative, marked) for relative, _, _, marked in found if relative.endswith(".html")]
    marked = tuple(path for path, carries in pages if carries)
    return SiteScan(
        key=digest.hexdigest(),
        pages=len(pages),
        bodies=marked,
        body_bytes=sum(size for _, size, _, carries in found if carries),
        parts=part_globs(list(marked), SHARD_PAGES) if len(marked) > ONE_RUN_PAGES else None,
    )
