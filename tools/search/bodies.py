"""The pages as Pagefind is given them: each cut down to the element it indexes.

Pagefind parses the whole of every page it reads, though it indexes only the element marked
`data-pagefind-body`: the header, the menus, "Tin cùng chuyên mục", the sidebar and the
footer (two thirds of an article page) are parsed, then dropped. So `pages_for_pagefind`
gives Pagefind a folder of its own (in /dev/shm when it has room, else beside the site)
holding only the marked pages, each cut by `cut` to:

    what comes before <head> (the doctype, <html lang="vi">); a head holding only the
    charset and the page's <title>; the marked element, byte for byte.

Measured at 5,000 articles (5,112 marked pages, 2 cores): Pagefind reads 33 MB instead of
122 MB, and takes 7.5 CPU seconds instead of 10.4 (5.5 s instead of 7.0 s on the clock);
cutting and writing the copies takes about 0.25 s (two processes).

The index is that of the whole pages, words, filters, sorts and meta alike, but for one
difference, on purpose: Pagefind's automatic image (the first <img> after the <h1>, looked
for even outside the marked element) no longer comes from the footer's social icons, so an
article without a photo has no image instead of the Facebook logo, and the icon's path
("facebook", "social", "svg") is no longer indexed as words of every article.

A page is given whole whenever cutting could change what Pagefind takes from it:
- a second marked element, or the mark on <html>, <body> or an element without an end, or
  in a comment or a script;
- outside the element, a `data-pagefind-*` attribute other than `data-pagefind-ignore`
  (filters, meta and sorts count wherever they are), or an <h1> (Pagefind's title);
- inside it, text that looks like a tag but is not one: a comment, CDATA, or an element
  whose content is raw text (<script>, <style>, <textarea>, ...);
- an end that counting the element's own tags by name does not find. (A `<div` typed inside
  an attribute value would be miscounted; Jinja and Markdown write `&lt;` there.)
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from plugins.vietnamese.forked import in_halves
from tools.search.cache import remove_stale

BODY_MARK = b"data-pagefind-body"
_ATTRIBUTE = b"data-pagefind-"
_ALLOWED_OUTSIDE = b"data-pagefind-ignore"
_TAG_NAME = re.compile(rb"[a-z][a-z0-9-]*")
_TAG_END = b" \t\n\r\f/>"
# Elements whose content the HTML parser reads as text (or, <template>, keeps aside): a tag
# written inside them is not one. (<title> too, but in a page's body it is an SVG chart's
# title, where markup is markup.)
_RAW_TEXT = (
    b"script", b"style", b"textarea", b"xmp", b"iframe", b"noembed", b"noframes",
    b"noscript", b"plaintext", b"template",
)  # fmt: skip
# ... and comments and CDATA sections.
_NOT_TAGS = re.compile(rb"<!--|<!\[cdata\[|<(" + b"|".join(_RAW_TEXT) + rb")[\s/>]")
_NO_CUT = frozenset({b"html", b"head", b"body"})
_VOID = frozenset(
    {b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta"}
    | {b"source", b"track", b"wbr"}
)


def marked_tag(lowered: bytes) -> int:
    """Where the first tag carrying the mark starts ("<"), or -1 (in lower-cased bytes)."""
    start = lowered.find(BODY_MARK)
    while start >= 0:
        end = start + len(BODY_MARK)
        if (
            _in_tag(lowered, start)
            and lowered[start - 1 : start].isspace()
            and lowered[end : end + 1] in b" \t\n\r\f=/>"
        ):
            return lowered.rfind(b"<", 0, start)
        start = lowered.find(BODY_MARK, end)
    return -1


def _opening_tags(lowered: bytes, opening: bytes, start: int, stop: int) -> int | None:
    """How many tags `opening` ("<div") start between `start` and `stop`; None when one of
    them ends with "/>" (self-closing in SVG, not in HTML: left to Pagefind's parser)."""
    count = 0
    found = _tag_at(lowered, opening, start, stop)
    while found >= 0:
        close = lowered.find(b">", found)
        if close < 0 or lowered[close - 1 : close] == b"/":
            return None
        count += 1
        found = _tag_at(lowered, opening, found + len(opening), stop)
    return count


def _element_span(lowered: bytes, start: int) -> tuple[int, int] | None:
    """(start, end) of the element whose tag starts at `start`, found by counting the tags
    of its name (in lower-cased bytes); None when its end is not found."""
    name = _TAG_NAME.match(lowered, start + 1)
    if name is None or name[0] in _VOID or name[0] in _NO_CUT:
        return None
    opening, closing = b"<" + name[0], b"</" + name[0]
    tag_end = lowered.find(b">", name.end())
    if tag_end < 0 or lowered[tag_end - 1 : tag_end] == b"/":
        return None
    depth, position = 1, tag_end + 1
    while True:
        found = _tag_at(lowered, closing, position)
        inner = None if found < 0 else _opening_tags(lowered, opening, position, found)
        end = lowered.find(b">", found) if found >= 0 else -1
        if inner is None or end < 0:
            return None
        depth += inner - 1
        if depth == 0:
            return start, end + 1
        position = end + 1


def _in_tag(lowered: bytes, position: int) -> bool:
    """Whether `position` is inside a tag (after a "<" not yet closed by ">")."""
    return lowered.rfind(b"<", 0, position) > lowered.rfind(b">", 0, position)


def _hidden(lowered: bytes, position: int) -> bool:
    """Whether `position` is inside a comment, CDATA or an element of _RAW_TEXT (or may be:
    a "<!--" written in a script counts as a comment)."""
    last = None
    for found in _NOT_TAGS.finditer(lowered, 0, position):
        last = found
    if last is None:
        return False
    close = b"</" + last[1] if last[1] else b"-->" if last[0] == b"<!--" else b"]]>"
    return lowered.find(close, last.end(), position) < 0


def _only_allowed_attributes(lowered: bytes, start: int, stop: int) -> bool:
    """No data-pagefind-* attribute but data-pagefind-ignore in a tag between `start` and
    `stop` (the same words in the text, a comment or a script are not attributes)."""
    found = lowered.find(_ATTRIBUTE, start, stop)
    while found >= 0:
        if (
            not lowered.startswith(_ALLOWED_OUTSIDE, found)
            and _in_tag(lowered, found)
            and not _hidden(lowered, found)
        ):
            return False
        found = lowered.find(_ATTRIBUTE, found + len(_ATTRIBUTE), stop)
    return True


def _tag_at(lowered: bytes, opening: bytes, start: int, stop: int | None = None) -> int:
    """Where the first tag `opening` ("<h1") starts between `start` and `stop`, or -1."""
    stop = len(lowered) if stop is None else stop
    found = lowered.find(opening, start, stop)
    while found >= 0 and lowered[found + len(opening) : found + len(opening) + 1] not in _TAG_END:
        found = lowered.find(opening, found + len(opening), stop)
    return found


def cut(page: bytes) -> bytes:
    """The page as Pagefind needs it (see the module doc), or `page` itself when it cannot
    be cut safely."""
    lowered = page.lower()  # the same length: only ASCII letters change
    start = marked_tag(lowered)
    span = _element_span(lowered, start) if start >= 0 and not _hidden(lowered, start) else None
    head_start = _tag_at(lowered, b"<head", 0)
    head_end = lowered.find(b"</head>")
    if span is None or not 0 <= head_start < head_end < start:
        return page
    start, end = span
    if (
        _NOT_TAGS.search(lowered, start, end)
        or not _only_allowed_attributes(lowered, 0, start)
        or not _only_allowed_attributes(lowered, end, len(lowered))
        or _tag_at(lowered, b"<h1", 0, start) >= 0
        or _tag_at(lowered, b"<h1", end) >= 0
    ):
        return page
    title_start = lowered.find(b"<title", head_start, head_end)
    title_end = lowered.find(b"</title>", title_start, head_end) if title_start >= 0 else -1
    title = page[title_start : title_end + len(b"</title>")] if title_end >= 0 else b""
    return b"".join(
        (
            page[:head_start],
            b'<head><meta charset="utf-8">',
            title,
            b"</head><body>",
            page[start:end],
            b"</body></html>\n",
        )
    )


def write_cut_pages(site: Path, folder: Path, pages: Iterable[str]) -> int:
    """Write each page of `pages` (paths from `site`, with "/") cut, at the same path under
    `folder`; returns the bytes written."""
    made: set[str] = set()
    written = 0
    for relative in pages:
        with open(os.path.join(site, relative), "rb") as source:
            data = cut(source.read())
        target = os.path.join(folder, relative)
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with open(target, "wb") as handle:
            handle.write(data)
        written += len(data)
    return written


# Where the cut pages go, first that has room: a memory file system (on a virtual disk,
# creating 5,000 folders and files took 3 s of system time, against 0.35 s there), else beside
# the site.
SCRATCH_PARENTS = (Path("/dev/shm"),)
SCRATCH_PREFIX = ".pagefind-pages-"
# From this many pages on, half of them are cut in a forked process.
SPLIT_PAGES = 1000
# A folder of cut pages older than this was left by a build that was killed: removed.
STALE_SECONDS = 3600


def _scratch_parent(site: Path, needed: int) -> Path:
    for parent in SCRATCH_PARENTS:
        try:
            room = os.statvfs(parent)
        except OSError:
            continue
        if os.access(parent, os.W_OK) and room.f_bavail * room.f_frsize > 2 * needed:
            return parent
    return site.parent


@contextlib.contextmanager
def pages_for_pagefind(site: Path, pages: tuple[str, ...], size: int) -> Iterator[Path]:
    """The folder Pagefind is to read: the marked `pages` (paths from `site`, `size` bytes in
    all) cut, in a folder of their own (SCRATCH_PARENTS, else beside `site`), removed when
    the block ends; `site` itself when no page is marked (Pagefind then indexes every page
    whole)."""
    if not pages:
        yield site
        return
    parent = _scratch_parent(site, size)
    remove_stale(parent, SCRATCH_PREFIX, STALE_SECONDS)
    folder = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=parent))
    try:
        # Two halves at once, one in a forked process: writing a page again gives the same
        # file, so Forked may run the child's half again here if the child failed.
        in_halves(write_cut_pages, site, folder, items=pages, fork=len(pages) >= SPLIT_PAGES)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
