"""Pagefind's bundle format: everything this package knows about the files Pagefind writes.

No other module of tools/search opens a Pagefind file or relies on its layout; they call the
functions here. The format is undocumented and may change with any release: the merger of
parts (parts.py) is used only with the versions in SUPPORTED_VERSIONS, checked against the
installed package before indexing and against what Pagefind wrote in each part.

Files (as Pagefind 1.5.2 writes them; CBOR through the cbor2 library):
- pagefind-entry.json: {"version", "languages": {lang: {"hash", "wasm", "page_count"}}}.
- pagefind.<hash>.pf_meta: gzip(SIGNATURE + CBOR [version, pages, chunks, filters, sorts,
  fields]); pages [[fragment name, word count]] (a page's number is its place here), chunks
  [[first word, last word, index file name]], filters [[filter name, filter file name]],
  sorts [[sort name, [page numbers in order]]], fields [meta field names].
- index/<name>.pf_index: gzip(SIGNATURE + CBOR [[entry, ...]]), an entry per word in word
  order: [word, postings, [[form with diacritics, postings], ...]]; postings [[page delta
  (from the previous page of the list; the first from 0), [positions], [meta positions]]],
  a meta position v < 0 meaning "in meta field number -1 - v".
- filter/<name>.pf_filter: gzip(SIGNATURE + CBOR [filter name, [[value, [page numbers]]]]).
- fragment/<name>.pf_fragment: gzip(SIGNATURE + JSON {"url", "content", "meta", ...}).
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import os
import re
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from urllib.parse import unquote

import cbor2

# The Pagefind versions whose bundles the merger of parts was verified against (the tests in
# tests/search/ run the merge against a real run of the version installed). With any other
# version a large site is indexed in one run (index.py says so in the build output).
SUPPORTED_VERSIONS = frozenset({"1.5.2"})

SIGNATURE = b"pagefind_dcd"
ENTRY_FILE = "pagefind-entry.json"
# Pagefind's ready-made interfaces; our theme/static/js/search.js talks to pagefind.js itself.
UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
# Where Pagefind cuts its word index into files: once the postings of the words in a chunk
# reach this size (Pagefind 1.5.2's default, PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE).
INDEX_CHUNK_SIZE = 20_000
# Hex digits of the hash in the name of an index file ("vi_" + 7), more while one is taken.
_INDEX_NAME_DIGITS = 7


class BundleFormatError(Exception):
    """A Pagefind file is not laid out as this module expects (a Pagefind upgrade?)."""


def supported(version: str) -> bool:
    return version in SUPPORTED_VERSIONS


# ---------------------------------------------------------------------------- the files


def decode(data: bytes, name: str):
    """The value of a gzip + SIGNATURE + CBOR file (pf_meta, pf_index, pf_filter)."""
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise BundleFormatError(f"{name}: not a Pagefind file")
    try:
        return cbor2.loads(raw[len(SIGNATURE) :])
    except cbor2.CBORDecodeError as error:
        raise BundleFormatError(f"{name}: {error}") from error


def encode(value) -> bytes:
    """A pf_meta or pf_filter file, the same bytes for the same value."""
    return gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)


def _pagefind_hash(data: bytes) -> str:
    """Pagefind's hash of a file: SHA-1, each byte in hex without its leading zero."""
    return "".join(f"{byte:x}" for byte in hashlib.sha1(data, usedforsecurity=False).digest())


def _short_name(full: str, length: int, taken) -> str:
    """Pagefind's file name: the first `length` characters of `full`, one more while taken."""
    name = full[:length]
    while name in taken and len(name) < len(full):
        name = full[: len(name) + 1]
    return name


def _content_name(prefix: str, data: bytes, digits: int) -> str:
    """Our name for a file we rewrote: `prefix` + SHA-256 of its bytes (same bytes, same name)."""
    return f"{prefix}_{hashlib.sha256(data).hexdigest()[:digits]}"


@dataclass
class Entry:
    version: str
    language: str
    raw: dict  # the whole file, written back as it was but for the meta file's name

    @property
    def meta_name(self) -> str:
        return self.raw["languages"][self.language]["hash"]


def read_entry(bundle: Path) -> Entry:
    raw = json.loads((bundle / ENTRY_FILE).read_text(encoding="utf-8"))
    languages = raw.get("languages")
    if not isinstance(languages, dict) or len(languages) != 1:
        raise BundleFormatError(f"{ENTRY_FILE}: one language expected, got {languages!r}")
    (language,) = languages
    return Entry(version=str(raw.get("version")), language=language, raw=raw)


def write_entry(bundle: Path, entry: Entry, meta_name: str, page_count: int | None = None):
    info = entry.raw["languages"][entry.language]
    info["hash"] = meta_name
    if page_count is not None:
        info["page_count"] = page_count
    (bundle / ENTRY_FILE).write_text(
        json.dumps(entry.raw, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


@dataclass
class Meta:
    version: object
    pages: list  # [[fragment name, word count]]
    chunks: list  # [[first word, last word, index file name]]
    filters: list  # [[filter name, filter file name]]
    sorts: list  # [[sort name, [page numbers]]]
    fields: list  # [meta field name]


def read_meta(bundle: Path, entry: Entry) -> Meta:
    name = f"pagefind.{entry.meta_name}.pf_meta"
    value = decode((bundle / name).read_bytes(), name)
    if not (isinstance(value, list) and len(value) == 6 and all(isinstance(v, list)
            for v in value[1:])):  # fmt: skip
        raise BundleFormatError(f"{name}: unexpected layout")
    return Meta(*value)


def pages_of(meta: Meta) -> list[tuple[str, int]]:
    """(fragment name, word count) of each page, in page-number order."""
    for page in meta.pages:  # Pagefind 1.6 added a third value to each, for one
        if not (isinstance(page, list) and len(page) == 2 and isinstance(page[0], str)):
            raise BundleFormatError(f"unexpected page entry {page!r}")
    return [(name, words) for name, words in meta.pages]


def write_meta(bundle: Path, entry: Entry, meta: Meta) -> str:
    """Write the metadata file, named after its content, in place of the entry's one; the
    entry is updated. Returns the new name."""
    packed = encode([meta.version, meta.pages, meta.chunks, meta.filters, meta.sorts,
                     meta.fields])  # fmt: skip
    old = entry.meta_name
    prefix, _, digest = old.rpartition("_")
    name = _content_name(prefix, packed, len(digest))
    (bundle / f"pagefind.{old}.pf_meta").unlink(missing_ok=True)
    (bundle / f"pagefind.{name}.pf_meta").write_bytes(packed)
    write_entry(bundle, entry, name, len(meta.pages))
    return name


def read_filter(bundle: Path, name: str) -> tuple[str, list]:
    """(filter name, [[value, [page numbers]]])."""
    file = f"{name}.pf_filter"
    value = decode((bundle / "filter" / file).read_bytes(), file)
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[1], list)):
        raise BundleFormatError(f"{file}: unexpected layout")
    return value[0], value[1]


def write_filter(bundle: Path, language: str, filter_name: str, values: list, digits=7) -> str:
    """Write a filter file named after its content; returns its name."""
    packed = encode([filter_name, values])
    name = _content_name(language, packed, digits)
    folder = bundle / "filter"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.pf_filter").write_bytes(packed)
    return name


def filter_digits(name: str) -> int:
    return len(name.rpartition("_")[2])


def read_fragment_raw(path: Path) -> bytes:
    """The JSON of a fragment file."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise BundleFormatError(f"{path.name}: not a Pagefind file")
    return raw[len(SIGNATURE) :]


def fragment_paths(bundle: Path) -> list[Path]:
    """The bundle's fragment files (a page each), in file-name order."""
    return sorted((bundle / "fragment").glob("*.pf_fragment"))


def fragment_texts(bundle: Path):
    """The text Pagefind indexed, page by page (its fragments), in file-name order."""
    return texts_of(fragment_paths(bundle))


def texts_of(paths: list[Path]):
    """The text Pagefind indexed in each of the fragment files `paths`."""
    for path in paths:
        yield json.loads(read_fragment_raw(path)).get("content", "")


def fragment_name(language: str, raw: bytes, length: int, taken) -> str:
    """The name Pagefind gives a fragment whose name is already taken by another page."""
    return _short_name(f"{language}_{_pagefind_hash(raw)}", length, taken)


def page_file(site: Path, url: str) -> Path:
    """The file of a page from the URL Pagefind gave it: "/2024/05/x/" -> 2024/05/x/index.html."""
    relative = unquote(url).lstrip("/")
    return site / (relative + "index.html" if relative.endswith("/") or not relative else relative)


def shared_files(bundle: Path) -> list[tuple[str, Path]]:
    """Files every bundle has whatever its pages (pagefind.js, its worker, the wasm...)."""
    found = []
    for parent, _, names in os.walk(bundle):
        for name in names:
            path = Path(parent, name)
            relative = path.relative_to(bundle).as_posix()
            if relative.split("/")[0] in ("fragment", "index", "filter"):
                continue
            if relative.endswith(".pf_meta") or relative == ENTRY_FILE:
                continue
            found.append((relative, path))
    return sorted(found)


# ----------------------------------------------------------------------- the word index


def read_chunk(bundle: Path, name: str) -> list:
    """The entries of one index file: [[word, postings, [[form, postings]]]], in word order."""
    file = f"{name}.pf_index"
    value = decode((bundle / "index" / file).read_bytes(), file)
    if not (isinstance(value, list) and len(value) == 1 and isinstance(value[0], list)):
        raise BundleFormatError(f"{file}: unexpected layout")
    for entry in value[0]:
        if not (isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str)):
            raise BundleFormatError(f"{file}: unexpected word entry")
    return value[0]


def postings_pages(postings: list) -> tuple[int, int]:
    """The first and last page numbers of a list of postings (deltas)."""
    return postings[0][0], sum(posting[0] for posting in postings)


def postings_size(postings: list) -> int:
    """Pagefind's measure of a word's postings, to cut chunks: positions + meta positions + 1."""
    return sum(len(positions) + len(metas) + 1 for _, positions, metas in postings)


def renumber_fields(postings: list, numbers: list[int]) -> list:
    """The postings with meta field number n written as numbers[n] (fields of a merged list)."""
    return [
        [delta, positions, [-1 - numbers[-1 - v] if v < 0 else v for v in metas]]
        for delta, positions, metas in postings
    ]


def join_postings(lists) -> list:
    """One list of postings from those of several parts, given as (page offset, postings) in
    page order: only the first page of each part gets a new delta, the rest is kept."""
    joined: list = []
    last = 0
    for offset, postings in lists:
        if not postings:
            continue
        first, end = postings_pages(postings)
        head = postings[0]
        joined.append([first + offset - last, head[1], head[2]])
        joined.extend(postings[1:])
        last = end + offset
    return joined


def write_index(bundle: Path, language: str, entries) -> list[list[str]]:
    """Write the word index from `entries` ([word, postings, variants] in word order), cut
    into files where Pagefind cuts it and named as Pagefind names them. Returns the chunks'
    [first, last, name] as Pagefind lists them (shortest distinct prefixes)."""
    folder = bundle / "index"
    folder.mkdir(parents=True, exist_ok=True)
    chunks: list[list[str]] = []
    taken: set[str] = set()
    written = []

    def write(path: Path, raw: bytes) -> None:  # zlib lets other threads run meanwhile
        # Lists of small integers: Z_FILTERED at level 6 packs them smaller than Pagefind's
        # own gzip (-2 % on our articles), four times faster than level 9.
        packer = zlib.compressobj(6, zlib.DEFLATED, 31, 9, zlib.Z_FILTERED)
        path.write_bytes(packer.compress(SIGNATURE + raw) + packer.flush())

    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:

        def flush(current: list) -> None:
            raw = cbor2.dumps([current])
            name = _short_name(
                f"{language}_{_pagefind_hash(raw)}", len(language) + 1 + _INDEX_NAME_DIGITS, taken
            )
            taken.add(name)
            written.append(pool.submit(write, folder / f"{name}.pf_index", raw))
            chunks.append([current[0][0], current[-1][0], name])

        current: list = []
        size = 0
        for entry in entries:
            current.append(entry)
            size += postings_size(entry[1])  # the postings without diacritics only
            if size >= INDEX_CHUNK_SIZE:
                flush(current)
                current, size = [], 0
        if current:
            flush(current)
    for future in written:
        future.result()  # raises what a write raised
    for first, second in pairwise(chunks):  # Pagefind's chunk_meta: shortest distinct prefixes
        common = 0
        for a, b in zip(second[0], first[1], strict=False):
            if a != b:
                break
            common += 1
        before, after = first[1][: common + 1], second[0][: common + 1]
        if before >= first[0]:
            first[1] = before
        second[0] = after
    return chunks


# --------------------------------------------------------------------------- sorting

# How Pagefind orders pages by a data-pagefind-sort value: text values by their UTF-8 bytes
# (stable, in page order); values that look like numbers are compared as numbers, which the
# merger does not reproduce (it gives way to one run).
_NUMBER_LIKE = re.compile(r"[\s\d.eE_+-]*|\s*[+-]?(inf(inity)?|nan)\s*", re.IGNORECASE)


def normalize_sort_value(value: str) -> str:
    """Pagefind's normalize_content, for a sort value."""
    value = html.unescape(value).strip()
    value = re.sub(r"(\n|\r\n)+", " ", value)
    return re.sub(r"\s{2,}", " ", value)


def may_be_numeric(value: str) -> bool:
    return _NUMBER_LIKE.fullmatch(value) is not None


def sort_key(value: str) -> bytes:
    return value.encode("utf-8")
