"""Index the built site with Pagefind, byte-identically, and write the Vietnamese word list.

`index(site, cache=...)` runs after Pelican on the staging folder (tools/build.py):

1. Reads every .html file of `site` once (`scan_site`): a hash of them all (with the Pagefind
   version, our options and this code) names the bundle they give, and the list of the pages
   that carry `data-pagefind-body` becomes Pagefind's --glob, so that Pagefind does not parse
   the list pages (tags, authors, categories, home pages) it would drop anyway.
2. With a cache folder (tools/build.py passes `.output-cache/pagefind/`, beside Pelican's
   cache), a bundle already made from the same files is copied from there, checked against
   its SHA-256 list, and steps 3-6 are skipped. Only the last CACHE_KEEP bundles are kept.
3. Runs the Pagefind binary shipped by the `pagefind[bin]` package on `site`, writing the
   bundle to `site/pagefind/`. Only elements with `data-pagefind-body` are indexed (the
   `<article>` of an article, the `<main>` of unit, bloc and decision pages). Pagefind holds
   all it reads in memory (~160 kB a page, 1.5 GB at 10,000 articles): a site of more than
   SHARD_PAGES such pages is indexed in parts, one run each, merged into one bundle with the
   same pages, words, filters and sort (see "Indexing a large site in parts").
4. Removes Pagefind's ready-made interfaces (pagefind-ui.js, ...): our own
   theme/static/js/search.js talks to pagefind.js directly.
5. Makes the bundle deterministic. Pagefind 1.5.2 writes the values of a filter, and the list
   of filters, in hash-map order, which changes from run to run (and with it the file names,
   which are hashes). We sort them and rename the files from a hash of their content.
6. Writes `pagefind/tieng-viet.json`, the words of the site with their diacritics, which the
   search page uses to read "thi dua" as "thi đua" (see `build_lexicon`).

The bundle is the same, byte for byte, whichever way it was made (tests/search/test_index.py);
a site indexed in parts gets the index of one run, with its pages numbered part after part.

Run it by hand on a built folder: `python -m tools.pagefind_index output [--cache DIR]`.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import importlib.metadata
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from urllib.parse import unquote

from plugins.vietnamese.text import fold

ROOT = Path(__file__).resolve().parent.parent

BUNDLE_DIR = "pagefind"
LEXICON_FILE = "tieng-viet.json"
LANGUAGE = "vi"
# Pagefind's own interfaces, which we do not use (about 420 kB we would otherwise publish).
UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
SIGNATURE = b"pagefind_dcd"
# Word pairs kept in the lexicon: those seen at least this often, the most frequent first.
PAIR_MIN_COUNT = 2
PAIR_LIMIT = 3000

# The attribute that marks the text Pagefind indexes. When one page of the site carries it,
# Pagefind drops every page without it: those need not be read at all (--glob).
BODY_MARK = b"data-pagefind-body"
# A longer --glob is not passed (Linux limits one argument to 128 KiB); Pagefind then reads
# every page and gives the same index, a little more slowly.
GLOB_LIMIT = 60_000
_GLOB_SAFE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")
# Pagefind keeps everything it reads in memory until it has written the bundle, some 160 kB
# for each of our articles (1.5 GB for 10,000). A site with more pages than this is indexed
# in parts of at most this many pages, one after the other, and the parts are merged into
# one bundle (see "Indexing a large site in parts" below): ~400 MB at most.
SHARD_PAGES = 2500
# Files Pagefind reads from the folder it runs in, besides the pages.
CONFIG_FILES = ("pagefind.toml", "pagefind.yml", "pagefind.yaml", "pagefind.json")

# Bundles kept in the cache folder: enough for `make html`, `make publish` and `make serve`
# (three different sites) to take turns without indexing again.
CACHE_KEEP = 4
# Change when the layout of a cache entry changes.
CACHE_FORMAT = 1
CACHE_MANIFEST = "manifest.json"
CACHE_FILES = "bundle"
CACHE_TEMP_MAX_AGE = 3600  # seconds: an unfinished entry older than this is removed


class PagefindError(Exception):
    """Pagefind could not index the site; the message is in Vietnamese, with how to fix it."""


# --------------------------------------------------------------------------- running Pagefind


def _command() -> list[str]:
    """The Pagefind binary shipped by pagefind[bin] (through its module, so no PATH lookup)."""
    return [sys.executable, "-m", "pagefind_bin"]


def _options() -> list[str]:
    """Our options; the site folder and the --glob are added to them by run_pagefind."""
    return ["--output-subdir", BUNDLE_DIR, "--force-language", LANGUAGE, "--quiet"]


def _require_site(site: Path) -> None:
    if not site.is_dir():
        raise PagefindError(
            f"Không có thư mục trang {site} để lập chỉ mục tìm kiếm. "
            "Cách sửa: chạy Pelican trước (make html). (site folder missing)"
        )


def run_pagefind(site: Path, glob: str | None = None, output: Path | None = None) -> None:
    """Run Pagefind on `site`; `glob` (relative to it) limits the pages it reads. The bundle
    goes to `site/pagefind/`, or to the folder `output` (the parts of a sharded index)."""
    site = site.resolve()
    _require_site(site)
    # Pagefind reads pagefind.toml/.yml and PAGEFIND_* variables: none of them may change
    # our index, so it runs from the site folder with those variables removed.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PAGEFIND_")}
    options = _options()
    if output is not None:
        options[options.index("--output-subdir") : options.index("--output-subdir") + 2] = [
            "--output-path",
            str(Path(output).resolve()),
        ]
    command = [*_command(), "--site", str(site), *options]
    if glob is not None:
        command += ["--glob", glob]
    try:
        result = subprocess.run(
            command, cwd=site, env=env, capture_output=True, text=True, check=False
        )
    except OSError as error:
        raise PagefindError(
            f"Không chạy được Pagefind ({error}). Cách sửa: cài lại môi trường (make venv), "
            "gói pagefind[bin] có sẵn chương trình Pagefind. (cannot run Pagefind)"
        ) from error
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise PagefindError(
            f"Pagefind không lập được chỉ mục tìm kiếm (mã lỗi {result.returncode}): {detail} "
            "Cách sửa: xem lỗi ở trên; thường do HTML hỏng trong một trang. (Pagefind failed)"
        )


# ------------------------------------------------------------------- what Pagefind will read


@dataclass(frozen=True)
class SiteScan:
    """What one reading of the site's pages tells: the cache key and Pagefind's --glob."""

    key: str  # SHA-256 (hex) of the pages, the Pagefind version, our options and our code
    glob: str | None  # the pages with data-pagefind-body, or None: let Pagefind read all
    pages: int  # .html files read
    body_pages: int  # of which carrying data-pagefind-body
    # Above SHARD_PAGES pages: one --glob per part of the site, indexed one after the other
    # (see "Indexing a large site in parts" below); None: one run of Pagefind.
    parts: tuple[str, ...] | None = None


def _carries_body(data: bytes) -> bool:
    """Whether the page has a data-pagefind-body attribute (inside a tag, any case)."""
    text = data if BODY_MARK in data else data.lower()
    start = text.find(BODY_MARK)
    while start >= 0:
        end = start + len(BODY_MARK)
        inside_tag = text.rfind(b"<", 0, start) > text.rfind(b">", 0, start)
        if (
            inside_tag
            and text[start - 1 : start].isspace()
            and text[end : end + 1] in b" \t\n\r\f=/>"
        ):
            return True
        start = text.find(BODY_MARK, end)
    return False


def _site_files(site: Path) -> list[str]:
    """Relative paths (with "/") of the .html files Pagefind would read, and of its config
    files, sorted by code point; the bundle folder itself is left out."""
    found = []
    for folder, dirs, files in os.walk(site):
        relative = Path(folder).relative_to(site).as_posix()
        prefix = "" if relative == "." else f"{relative}/"
        if not prefix:
            dirs[:] = [d for d in dirs if d != BUNDLE_DIR]
            found += [name for name in files if name in CONFIG_FILES]
        found += [prefix + name for name in files if name.endswith(".html")]
    return sorted(found)


def _glob_for(pages: list[tuple[str, bool]]) -> str | None:
    """A Pagefind --glob matching exactly the pages that carry data-pagefind-body.

    A top-level folder whose pages all carry it becomes "folder/**/*.html"; other pages are
    named one by one. None (Pagefind reads everything, same index) when no page or every page
    carries it, when a name needs glob escaping, or when the glob would be too long.
    """
    body = [path for path, marked in pages if marked]
    if not body or len(body) == len(pages):
        return None
    if not all(_GLOB_SAFE.fullmatch(part) for path in body for part in path.split("/")):
        return None
    marks: dict[str, list[bool]] = defaultdict(list)
    for path, marked in pages:
        top, slash, _ = path.partition("/")
        marks[top if slash else ""].append(marked)
    whole = {top for top, flags in marks.items() if top and all(flags)}
    parts = [f"{top}/**/*.html" for top in sorted(whole)]
    parts += [path for path in body if path.partition("/")[0] not in whole or "/" not in path]
    glob = parts[0] if len(parts) == 1 else "{" + ",".join(parts) + "}"
    return glob if len(glob) <= GLOB_LIMIT else None


def _part_globs(pages: list[tuple[str, bool]], size: int) -> tuple[str, ...] | None:
    """One --glob for each part of at most `size` pages carrying data-pagefind-body, in path
    order; None when the site needs no parts, or when a part cannot be named by a glob.

    A folder all of whose pages are in the part becomes "folder/**/*.html" (the largest such
    folders); the part's other pages are named one by one.
    """
    body = [path for path, marked in pages if marked]
    count = -(-len(body) // size) if size > 0 else 0
    if count < 2:
        return None
    if not all(_GLOB_SAFE.fullmatch(part) for path in body for part in path.split("/")):
        return None
    below: Counter = Counter()  # every .html page under each folder
    for path, _ in pages:
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


def _page_file(site: Path, url: str) -> Path:
    """The file of a page from the URL Pagefind gave it: "/2024/05/x/" -> 2024/05/x/index.html."""
    relative = unquote(url).lstrip("/")
    return site / (relative + "index.html" if relative.endswith("/") or not relative else relative)


_SORT_MARK = b"data-pagefind-sort"
_SORT_ATTRIBUTE = re.compile(
    rb"""\sdata-pagefind-sort(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?"""
)


def _sort_attributes(data: bytes) -> tuple[str | None, ...]:
    """The values of the page's data-pagefind-sort attributes (None: one without a value)."""
    # As _carries_body: lower case only if need be (the same length: values are read from
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
    our options, and the code of this module and of `fold` (the word list)."""
    try:
        version = importlib.metadata.version("pagefind_bin")
    except importlib.metadata.PackageNotFoundError:
        version = "?"
    try:
        import pagefind_bin

        binary = pagefind_bin.get_executable().stat().st_size
    except (ImportError, OSError):
        binary = -1
    code = hashlib.sha256()
    for module in (__name__, fold.__module__):
        code.update(Path(sys.modules[module].__file__).read_bytes())
    return json.dumps(
        {
            "format": CACHE_FORMAT,
            "pagefind": [version, binary],
            "options": _options(),
            "unused": UNUSED_FILES,
            "code": code.hexdigest(),
        },
        sort_keys=True,
    ).encode("utf-8")


def scan_site(site: Path) -> SiteScan:
    """Read every file Pagefind would read, once: the cache key and the --glob."""
    digest = hashlib.sha256(_tool_fingerprint())
    pages = []
    for relative in _site_files(site):
        data = (site / relative).read_bytes()
        digest.update(b"\0%s\0%d\0" % (relative.encode("utf-8"), len(data)))
        digest.update(data)
        if relative.endswith(".html"):
            pages.append((relative, _carries_body(data)))
    return SiteScan(
        key=digest.hexdigest(),
        glob=_glob_for(pages),
        pages=len(pages),
        body_pages=sum(marked for _, marked in pages),
        parts=_part_globs(pages, SHARD_PAGES),
    )


# --------------------------------------------------------------------- a small CBOR codec
# Pagefind's metadata and filter files are gzip(b"pagefind_dcd" + CBOR). We only need the
# types Pagefind writes: integers, text, byte strings, arrays, maps, booleans and null.


def _cbor_decode(data: bytes, pos: int = 0):
    initial = data[pos]
    major, info = initial >> 5, initial & 0x1F
    pos += 1
    if info < 24:
        arg = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        arg = int.from_bytes(data[pos : pos + size], "big")
        pos += size
    else:
        raise ValueError(f"unsupported CBOR item 0x{initial:02x}")
    if major == 0:
        return arg, pos
    if major == 1:
        return -1 - arg, pos
    if major == 2:
        return bytes(data[pos : pos + arg]), pos + arg
    if major == 3:
        return data[pos : pos + arg].decode("utf-8"), pos + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, pos = _cbor_decode(data, pos)
            items.append(item)
        return items, pos
    if major == 5:
        pairs = []
        for _ in range(arg):
            key, pos = _cbor_decode(data, pos)
            value, pos = _cbor_decode(data, pos)
            pairs.append((key, value))
        return dict(pairs), pos
    if major == 7 and info in (20, 21, 22):
        return {20: False, 21: True, 22: None}[info], pos
    if major == 7 and info == 26:
        return struct.unpack(">f", arg.to_bytes(4, "big"))[0], pos
    if major == 7 and info == 27:
        return struct.unpack(">d", arg.to_bytes(8, "big"))[0], pos
    raise ValueError(f"unsupported CBOR item 0x{initial:02x}")


def _cbor_head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise ValueError("integer too large for CBOR")


def _cbor_encode(value) -> bytes:
    if value is None:
        return b"\xf6"
    if value is True:
        return b"\xf5"
    if value is False:
        return b"\xf4"
    if isinstance(value, int):
        return _cbor_head(0, value) if value >= 0 else _cbor_head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, bytes):
        return _cbor_head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _cbor_head(3, len(raw)) + raw
    if isinstance(value, list):
        return _cbor_head(4, len(value)) + b"".join(_cbor_encode(v) for v in value)
    if isinstance(value, dict):
        return _cbor_head(5, len(value)) + b"".join(
            _cbor_encode(k) + _cbor_encode(v) for k, v in value.items()
        )
    raise TypeError(f"cannot encode {type(value).__name__} as CBOR")


def read_pagefind_file(path: Path):
    """Decode one of Pagefind's gzip + signature + CBOR files (pf_meta, pf_filter)."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path.name}: not a Pagefind file")
    value, end = _cbor_decode(raw, len(SIGNATURE))
    if end != len(raw):
        raise ValueError(f"{path.name}: trailing bytes")
    return value


def _pack(value) -> bytes:
    return gzip.compress(SIGNATURE + _cbor_encode(value), compresslevel=9, mtime=0)


def _content_hash(data: bytes, length: int) -> str:
    return hashlib.sha256(data).hexdigest()[:length]


# ------------------------------------------------------------------------- determinism


def make_deterministic(bundle: Path) -> None:
    """Sort what Pagefind wrote in hash-map order and rename the files it changes.

    The metadata file (pagefind.<hash>.pf_meta) is CBOR:
    [version, pages, index chunks, filters [[name, hash]], sorts, meta fields]; each filter
    file is [name, [[value, [page numbers]]]]. Page numbers, index chunks and fragments are
    already in a stable order; only filters (and the hashes naming them) are not.
    """
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = read_pagefind_file(meta_path)
        if not (isinstance(meta, list) and len(meta) > 3 and isinstance(meta[3], list)):
            raise ValueError(f"{meta_path.name}: unexpected layout")
        filters = []
        for name, old_hash in meta[3]:
            filter_path = bundle / "filter" / f"{old_hash}.pf_filter"
            filter_name, values = read_pagefind_file(filter_path)
            values = sorted(([value, sorted(pages)] for value, pages in values), key=lambda v: v[0])
            packed = _pack([filter_name, values])
            prefix, _, digest = old_hash.rpartition("_")
            new_hash = f"{prefix}_{_content_hash(packed, len(digest))}"
            filter_path.unlink()
            (bundle / "filter" / f"{new_hash}.pf_filter").write_bytes(packed)
            filters.append([name, new_hash])
        meta[3] = sorted(filters, key=lambda item: item[0])
        packed = _pack(meta)
        prefix, _, digest = info["hash"].rpartition("_")
        new_hash = f"{prefix}_{_content_hash(packed, len(digest))}"
        meta_path.unlink()
        (bundle / f"pagefind.{new_hash}.pf_meta").write_bytes(packed)
        entry["languages"][language]["hash"] = new_hash
    entry_path.write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


# ----------------------------------------------------------------------------- lexicon

# A word: letters only (Pagefind indexes "NĐ-CP" as words too, but numbers and codes need no
# diacritics). Text between two punctuation marks is one phrase, for the word pairs.
_WORD = re.compile(r"[^\W\d_]+")
_PHRASE_BREAK = r"[^\w\s]+|\d+"
_TOKEN = re.compile(rf"{_WORD.pattern}|{_PHRASE_BREAK}")


def _skeleton(word: str) -> str:
    """What Pagefind compares: the word without marks, except that "đ" stays "đ"."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare)


def _is_plain(key: str) -> bool:
    return key.isascii() and key.isalpha()


def _pick(counts: Counter) -> str:
    """The most frequent form; ties broken by code point (any fixed order will do)."""
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


def build_lexicon(texts) -> dict:
    """The site's own words, to read a query typed without diacritics.

    Returns {"tu": [...], "khac": [...], "cap": [...]}:
    - "tu": for each word typed in plain letters ("dua", "thuong"), the form with diacritics
      most often written on the site ("đua", "thưởng"); words that need nothing are left out.
    - "khac": where the site also writes the word with the other letter d/đ ("dưa" beside
      "đua"), the most frequent such form, so that a search finds those pages too.
    - "cap": pairs of words that the single words would read wrongly ("thi dua" -> "thi đua"
      where "thị" is more frequent than "thi"), seen at least PAIR_MIN_COUNT times.
    Every list is sorted by code point; the same texts give the same lexicon.
    """
    # Words and phrase breaks in one pass: two words make a pair when they are next to each
    # other, no break between them. All tokens are counted, the breaks dropped afterwards
    # (from the distinct tokens, far fewer than the tokens).
    token_counts: Counter = Counter()
    pair_counts: Counter = Counter()
    for text in texts:
        tokens = _TOKEN.findall(unicodedata.normalize("NFC", text).lower())
        token_counts.update(tokens)
        pair_counts.update(pairwise(tokens))
    # fold() once per distinct word (not per occurrence): the keys serve words and pairs.
    keys = {token: fold(token) for token in token_counts if _WORD.fullmatch(token)}
    word_counts = {word: token_counts[word] for word in keys}
    pair_counts = {
        pair: n for pair, n in pair_counts.items() if pair[0] in keys and pair[1] in keys
    }
    forms: dict[str, Counter] = defaultdict(Counter)
    for word, count in word_counts.items():
        if _is_plain(keys[word]):
            forms[keys[word]][word] = count
    pairs: dict[str, Counter] = defaultdict(Counter)
    for (first, second), count in pair_counts.items():
        if _is_plain(keys[first]) and _is_plain(keys[second]):
            pairs[f"{keys[first]} {keys[second]}"][f"{first} {second}"] = count
    best = {key: _pick(counts) for key, counts in forms.items()}
    tu = sorted(form for key, form in best.items() if form != key)
    khac = []
    for key, counts in forms.items():
        if "d" not in key:
            continue
        other = Counter({f: n for f, n in counts.items() if _skeleton(f) != _skeleton(best[key])})
        if other:
            khac.append(_pick(other))
    cap = []
    for key, counts in pairs.items():
        if max(counts.values()) < PAIR_MIN_COUNT:
            continue
        form = _pick(counts)
        first, second = key.split(" ")
        if form != f"{best[first]} {best[second]}":
            cap.append((counts[form], form))
    cap.sort(key=lambda item: (-item[0], item[1]))
    return {
        "tu": tu,
        "khac": sorted(khac),
        "cap": sorted(form for _, form in cap[:PAIR_LIMIT]),
    }


def indexed_texts(bundle: Path):
    """The text Pagefind indexed, page by page (its fragments), in file-name order."""
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        if raw.startswith(SIGNATURE):
            raw = raw[len(SIGNATURE) :]
        fragment = json.loads(raw)
        yield fragment.get("content", "")


def write_lexicon(bundle: Path) -> Path:
    lexicon = {"phien_ban": 1, **build_lexicon(indexed_texts(bundle))}
    path = bundle / LEXICON_FILE
    path.write_text(
        json.dumps(lexicon, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    return path


# -------------------------------------------------------------------------- bundle cache
# One entry per key: <cache>/<key>/bundle/... (the bundle's files) and manifest.json (their
# SHA-256). An entry is written under a temporary name and renamed, so a half-written entry
# is never used. Files are hard-linked both ways (copied where links are not possible), so a
# hit costs no copying; nothing here writes into a file, only replaces it, and every file of
# an entry is checked against its SHA-256 before use, so an entry changed by anything else
# is dropped and the bundle made again.


def _files(folder: Path) -> list[tuple[str, Path]]:
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
    except (OSError, ValueError, KeyError, TypeError):
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
        files = [(name, path, path.read_bytes()) for name, path in _files(bundle)]
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
    now = time.time()
    for path in folders:
        if path.name.startswith(".tmp-") and now - path.stat().st_mtime > CACHE_TEMP_MAX_AGE:
            shutil.rmtree(path, ignore_errors=True)


# ------------------------------------------------------------------------------ entry point


def _index_fresh(site: Path, bundle: Path, scan: SiteScan) -> None:
    from tools.pagefind_parts import index_in_parts  # it imports this module

    if not (scan.parts and index_in_parts(site, bundle, scan)):
        run_pagefind(site, scan.glob)
    if not (bundle / "pagefind-entry.json").exists():
        raise PagefindError(
            "Pagefind không tạo được chỉ mục (thiếu pagefind-entry.json). Cách sửa: kiểm tra "
            "các trang có thuộc tính data-pagefind-body. (no search index written)"
        )
    for name in UNUSED_FILES:
        (bundle / name).unlink(missing_ok=True)
    try:
        make_deterministic(bundle)
    except (ValueError, KeyError, TypeError, OSError) as error:
        raise PagefindError(
            f"Không sắp xếp được chỉ mục Pagefind ({error}). Cách sửa: dùng đúng phiên bản "
            "pagefind[bin] ghi trong pyproject.toml. (unexpected Pagefind bundle)"
        ) from error
    write_lexicon(bundle)


def index(site: Path, cache: Path | None = None) -> Path:
    """Index `site` (a built site folder) in place; returns the bundle folder.

    With `cache` (a folder of our own), a bundle made earlier from the same pages is reused
    and a new one is kept there.
    """
    site = Path(site)
    _require_site(site)
    bundle = site / BUNDLE_DIR
    if bundle.exists():
        shutil.rmtree(bundle)
    scan = scan_site(site)
    if cache is not None:
        cache = Path(cache)
        if restore_bundle(cache, scan.key, bundle):
            prune_cache(cache)
            return bundle
    _index_fresh(site, bundle, scan)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        store_bundle(cache, scan.key, bundle)
        prune_cache(cache)
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


if __name__ == "__main__":
    sys.exit(main())
