"""Indexing a large site in parts with Pagefind, merged into one bundle.

Pagefind keeps every page it reads in memory until the bundle is written (its words twice
over while it builds the index): some 160 kB per article, 1.5 GB at 10,000. Above
`pagefind_index.SHARD_PAGES` pages, `index_in_parts` runs it on parts of the site one after
the other (scan.parts, one --glob each), then merges their bundles into one, as one run over
the same pages would have written it:

- pages: those of part 1, then those of part 2, ... (page numbers shifted by the pages
  before); fragments are moved as they are (their names are hashes of their content);
- words: each index chunk is CBOR [[word, pages, variants], ...], sorted by word; a word's
  pages are [page number (delta from the previous one), positions, meta positions]. The
  parts' words are merged in word order, their page lists joined (only the first page of
  each part gets a new delta; the rest is copied byte for byte), and cut into chunks where
  Pagefind cuts them (INDEX_CHUNK_SIZE positions of the pages without diacritics);
- filters: page lists joined; meta fields: the union, positions renumbered if needed;
- sorts: merged by the values written in the pages (data-pagefind-sort="name:value"),
  after checking that they give each part the order Pagefind gave it.
Anything unexpected (PartsMismatch) and the site is indexed in one run instead.
"""

from __future__ import annotations

import gzip
import hashlib
import heapq
import html
import json
import os
import re
import shutil
import sys
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import groupby, pairwise
from pathlib import Path

from tools import pagefind_index as pf

INDEX_CHUNK_SIZE = 20_000  # Pagefind 1.5.2's default (PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE)
PARTS_FOLDER = ".pagefind-parts"  # inside the site folder, removed once merged


class PartsMismatch(Exception):
    """The parts cannot be merged with certainty; index the site in one run instead."""


def _full_hash(data: bytes) -> str:
    """Pagefind's hash of a file: SHA-1, each byte in hex without its leading zero."""
    return "".join(f"{byte:x}" for byte in hashlib.sha1(data, usedforsecurity=False).digest())


def _short_name(full: str, length: int, taken) -> str:
    """Pagefind's file name: the first `length` characters of `full`, one more while taken."""
    name = full[:length]
    while name in taken and len(name) < len(full):
        name = full[: len(name) + 1]
    return name


def _head(data: bytes, pos: int, major: int) -> tuple[int, int]:
    """The argument of the CBOR item at `pos`, which must be of type `major`; and the end of
    its head."""
    initial = data[pos]
    if initial >> 5 != major:
        raise PartsMismatch(f"CBOR type {initial >> 5} at {pos}, expected {major}")
    info = initial & 0x1F
    if info < 24:
        return info, pos + 1
    if info > 27:
        raise PartsMismatch(f"CBOR item 0x{initial:02x} at {pos}")
    size = 1 << (info - 24)
    return int.from_bytes(data[pos + 1 : pos + 1 + size], "big"), pos + 1 + size


def _int(data: bytes, pos: int) -> tuple[int, int]:
    if data[pos] >> 5 == 1:
        value, end = _head(data, pos, 1)
        return -1 - value, end
    return _head(data, pos, 0)


@dataclass
class _Postings:
    """A part's list of pages for one word (or one variant of it), kept as CBOR bytes."""

    count: int  # pages
    first: int  # first page number (in the part)
    last: int  # last page number (in the part)
    rest: bytes  # the list without its array head and without the first page number
    size: int  # Pagefind's measure of the list: sum of (positions + meta positions + 1)


_NO_POSTINGS = _Postings(0, 0, 0, b"", 0)


_INTS: dict[int, re.Pattern] = {}  # count -> a pattern matching that many CBOR integers


def _skip_ints(data: bytes, pos: int, count: int) -> int:
    """The end of `count` CBOR integers starting at `pos`."""
    pattern = _INTS.get(count)
    if pattern is None:
        one = rb"[\x00-\x17\x20-\x37]|[\x18\x38].|[\x19\x39]..|[\x1a\x3a].{4}|[\x1b\x3b].{8}"
        pattern = _INTS[count] = re.compile(rb"(?:%s){%d}" % (one, count), re.DOTALL)
    found = pattern.match(data, pos)
    if found is None:
        raise PartsMismatch(f"{count} integers expected at {pos}")
    return found.end()


def _postings(data: bytes, pos: int, fields: list[int] | None) -> tuple[_Postings, int]:
    """Read a CBOR list of pages at `pos`. `fields` renumbers meta fields (None: as is)."""
    count, pos = _head(data, pos, 4)
    if count == 0:
        return _NO_POSTINGS, pos
    page = size = first = 0
    start = pos
    pieces = [] if fields is not None else None
    for number in range(count):
        if data[pos] != 0x83:
            raise PartsMismatch(f"page entry 0x{data[pos]:02x} at {pos}")
        delta = data[pos + 1]  # heads of small values are one byte: read them inline
        if delta < 24:
            after = pos + 2
        else:
            delta, after = _head(data, pos + 1, 0)
        page += delta
        if number == 0:
            first, start = page, after
        positions = data[after] - 0x80
        if 0 <= positions < 24:
            pos = after + 1
        else:
            positions, pos = _head(data, after, 4)
        if positions:
            pos = _skip_ints(data, pos, positions)
        meta_start = pos
        metas = data[pos] - 0x80
        if 0 <= metas < 24:
            pos += 1
        else:
            metas, pos = _head(data, pos, 4)
        size += positions + metas + 1
        if pieces is None:
            if metas:
                pos = _skip_ints(data, pos, metas)
            continue
        values = []
        for _ in range(metas):
            value, pos = _int(data, pos)
            values.append(-1 - fields[-1 - value] if value < 0 else value)
        head = b"" if number == 0 else b"\x83" + pf._cbor_head(0, delta)
        pieces.append(head + data[after:meta_start] + pf._cbor_encode(values))
    rest = data[start:pos] if pieces is None else b"".join(pieces)
    return _Postings(count, first, page, rest, size), pos


def _text(data: bytes, pos: int) -> tuple[str, int]:
    length, pos = _head(data, pos, 3)
    return data[pos : pos + length].decode("utf-8"), pos + length


@dataclass
class _Part:
    folder: Path  # the part's bundle
    meta: list  # its pf_meta: [version, pages, chunks, filters, sorts, meta fields]
    offset: int  # pages of the parts before it
    fields: list[int] | None  # its meta field numbers in the merged list (None: the same)

    def words(self, part_number: int):
        """(word, part number, pages, [(form, pages)]) for each word, in word order."""
        for _, _, name in self.meta[2]:
            raw = gzip.decompress((self.folder / "index" / f"{name}.pf_index").read_bytes())
            if not raw.startswith(pf.SIGNATURE):
                raise PartsMismatch(f"{name}.pf_index: not a Pagefind file")
            outer, pos = _head(raw, len(pf.SIGNATURE), 4)
            count, pos = _head(raw, pos, 4)
            if outer != 1:
                raise PartsMismatch(f"{name}.pf_index: unexpected layout")
            for _ in range(count):
                if raw[pos] != 0x83:
                    raise PartsMismatch(f"{name}.pf_index: word entry 0x{raw[pos]:02x}")
                word, pos = _text(raw, pos + 1)
                pages, pos = _postings(raw, pos, self.fields)
                variants = []
                forms, pos = _head(raw, pos, 4)
                for _ in range(forms):
                    if raw[pos] != 0x82:
                        raise PartsMismatch(f"{name}.pf_index: variant 0x{raw[pos]:02x}")
                    form, pos = _text(raw, pos + 1)
                    postings, pos = _postings(raw, pos, self.fields)
                    variants.append((form, postings))
                yield word, part_number, pages, variants
            if pos != len(raw):
                raise PartsMismatch(f"{name}.pf_index: trailing bytes")


def _join(lists: list[tuple[int, _Postings]]) -> tuple[int, bytes, int]:
    """Join page lists of several parts (offset, postings): count, CBOR items, size."""
    count = size = last = 0
    out = []
    for offset, postings in lists:
        if not postings.count:
            continue
        first = postings.first + offset
        out.append(b"\x83" + pf._cbor_head(0, first - last) + postings.rest)
        last = postings.last + offset
        count += postings.count
        size += postings.size
    return count, b"".join(out), size


def _merged_words(parts: list[_Part]):
    """(word, CBOR of its entry, Pagefind's size of it) over all parts, in word order."""
    streams = [part.words(number) for number, part in enumerate(parts)]
    merged = heapq.merge(*streams, key=lambda item: item[0])
    for word, group in groupby(merged, key=lambda item: item[0]):
        pages = []
        variants: dict[str, list] = {}
        for _, number, postings, forms in group:
            pages.append((parts[number].offset, postings))
            for form, form_postings in forms:
                variants.setdefault(form, []).append((parts[number].offset, form_postings))
        count, items, size = _join(pages)
        entry = [b"\x83", pf._cbor_encode(word), pf._cbor_head(4, count), items]
        entry.append(pf._cbor_head(4, len(variants)))
        for form, lists in variants.items():
            form_count, form_items, _ = _join(lists)
            entry += [b"\x82", pf._cbor_encode(form), pf._cbor_head(4, form_count), form_items]
        # Pagefind 1.5.2 measures a word by its pages without diacritics only.
        yield word, b"".join(entry), size


def _write_chunks(parts: list[_Part], bundle: Path, language: str) -> list[list[str]]:
    """Write the merged word index, cut where Pagefind cuts it; its [from, to, name] list."""
    chunks = []
    taken: set[str] = set()
    folder = bundle / "index"
    folder.mkdir(parents=True, exist_ok=True)
    written = []

    def write(path: Path, raw: bytes) -> None:  # zlib lets other threads run meanwhile
        # Lists of small integers: Z_FILTERED at level 6 packs them smaller than Pagefind's
        # own gzip (-2 % on our articles), four times faster than level 9.
        packer = zlib.compressobj(6, zlib.DEFLATED, 31, 9, zlib.Z_FILTERED)
        path.write_bytes(packer.compress(pf.SIGNATURE + raw) + packer.flush())

    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:

        def flush(words: list[tuple[str, bytes]]) -> None:
            raw = b"\x81" + pf._cbor_head(4, len(words)) + b"".join(entry for _, entry in words)
            name = _short_name(f"{language}_{_full_hash(raw)}", len(language) + 8, taken)
            taken.add(name)
            written.append(pool.submit(write, folder / f"{name}.pf_index", raw))
            chunks.append([words[0][0], words[-1][0], name])

        current: list[tuple[str, bytes]] = []
        size = 0
        for word, entry, word_size in _merged_words(parts):
            current.append((word, entry))
            size += word_size
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


def _normalize_value(value: str) -> str:
    """Pagefind's normalize_content, for a sort value."""
    value = html.unescape(value).strip()
    value = re.sub(r"(\n|\r\n)+", " ", value)
    return re.sub(r"\s{2,}", " ", value)


_NUMBER_LIKE = re.compile(r"[\s\d.eE_+-]*|\s*[+-]?(inf(inity)?|nan)\s*", re.IGNORECASE)


def _sort_values(attributes: tuple[str | None, ...]) -> dict[str, str]:
    """{sort name: value} of a page, for the simple form "name:value" only."""
    values = {}
    for attribute in attributes:
        if attribute is None or ":" not in attribute:
            raise PartsMismatch("data-pagefind-sort without a value")
        name, value = attribute.split(":", 1)
        if "," in name or "[" in name or name.strip() in values:
            raise PartsMismatch(f"data-pagefind-sort {attribute!r}")
        values[name.strip()] = _normalize_value(value)
    return values


def _merged_sorts(parts: list[_Part], urls: list[str], site: Path) -> list:
    """The sorts of all pages ([[name, page numbers]]), Pagefind's stable sort by value."""
    names = sorted({name for part in parts for name, _ in part.meta[4]})
    if not names:
        return []
    values = [
        _sort_values(pf._sort_attributes(pf._page_file(site, url).read_bytes())) for url in urls
    ]
    merged = []
    for name in names:
        pages = [number for number, page in enumerate(values) if name in page]
        if any(_NUMBER_LIKE.fullmatch(values[number][name]) for number in pages):
            raise PartsMismatch(f"sort {name!r} may be numeric")  # Pagefind compares numbers
        order = sorted(pages, key=lambda number: (values[number][name].encode("utf-8"), number))
        for part in parts:  # the values give each part the order Pagefind gave it
            own = next((list(p) for n, p in part.meta[4] if n == name), [])
            mine = [n - part.offset for n in order if 0 <= n - part.offset < len(part.meta[1])]
            if own != mine:
                raise PartsMismatch(f"sort {name!r} does not match part {part.folder.name}")
        merged.append([name, order])
    return merged


def _merge_parts(folders: list[Path], bundle: Path, site: Path) -> None:
    """Merge the bundles in `folders` (in page order) into `bundle`, the index of `site`."""
    entries = [json.loads((f / "pagefind-entry.json").read_text("utf-8")) for f in folders]
    languages = {tuple(entry["languages"]) for entry in entries}
    if len(languages) != 1 or len(next(iter(languages))) != 1:
        raise PartsMismatch(f"languages {languages}")
    (language,) = next(iter(languages))
    metas = [
        pf.read_pagefind_file(f / f"pagefind.{e['languages'][language]['hash']}.pf_meta")
        for f, e in zip(folders, entries, strict=True)
    ]
    if len({json.dumps(m[0]) for m in metas}) != 1 or any(len(m) != 6 for m in metas):
        raise PartsMismatch("versions")
    fields = sorted({name for meta in metas for name in meta[5]})
    parts, offset = [], 0
    for folder, meta in zip(folders, metas, strict=True):
        numbers = [fields.index(name) for name in meta[5]]
        same = numbers == list(range(len(numbers)))
        parts.append(_Part(folder, meta, offset, None if same else numbers))
        offset += len(meta[1])

    # The files every bundle has (pagefind.js, the wasm, ...): those of the first part.
    for relative, path in pf._files(folders[0]):
        top = relative.split("/")[0]
        if top not in ("fragment", "index", "filter") and not relative.endswith(".pf_meta"):
            (bundle / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, bundle / relative)

    # Pages and their fragments, renamed as Pagefind does if two parts chose the same name.
    pages, urls, taken = [], [], set()
    (bundle / "fragment").mkdir(parents=True, exist_ok=True)
    for part in parts:
        for name, word_count in part.meta[1]:
            source = part.folder / "fragment" / f"{name}.pf_fragment"
            raw = gzip.decompress(source.read_bytes())[len(pf.SIGNATURE) :]
            urls.append(json.loads(raw)["url"])
            if name in taken:
                name = _short_name(f"{language}_{_full_hash(raw)}", len(name) + 1, taken)
            taken.add(name)
            os.replace(source, bundle / "fragment" / f"{name}.pf_fragment")
            pages.append([name, word_count])

    filters: dict[str, dict[str, list[int]]] = {}
    for part in parts:
        for _, name in part.meta[3]:
            filter_name, values = pf.read_pagefind_file(
                part.folder / "filter" / f"{name}.pf_filter"
            )
            merged = filters.setdefault(filter_name, {})
            for value, numbers in values:
                merged.setdefault(value, []).extend(n + part.offset for n in numbers)
    (bundle / "filter").mkdir(parents=True, exist_ok=True)
    meta_filters = []
    for filter_name in sorted(filters):
        values = sorted([value, numbers] for value, numbers in filters[filter_name].items())
        packed = pf._pack([filter_name, values])
        name = f"{language}_{pf._content_hash(packed, 7)}"
        (bundle / "filter" / f"{name}.pf_filter").write_bytes(packed)
        meta_filters.append([filter_name, name])

    sorts = _merged_sorts(parts, urls, site)
    chunks = _write_chunks(parts, bundle, language)
    meta = [metas[0][0], pages, chunks, meta_filters, sorts, fields]
    packed = pf._pack(meta)
    meta_name = f"{language}_{pf._content_hash(packed, 10)}"
    (bundle / f"pagefind.{meta_name}.pf_meta").write_bytes(packed)
    entry = entries[0]
    entry["languages"][language].update(hash=meta_name, page_count=len(pages))
    (bundle / "pagefind-entry.json").write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


def index_in_parts(site: Path, bundle: Path, scan: pf.SiteScan) -> bool:
    """Index the site part by part and merge the parts into `bundle`; False when that did
    not work out (nothing is left behind then): the site is then indexed in one run, which
    also reports a real Pagefind error the way a build without parts would."""
    work = site / PARTS_FOLDER
    shutil.rmtree(work, ignore_errors=True)
    try:
        folders = []
        for number, glob in enumerate(scan.parts):
            folder = work / str(number)
            pf.run_pagefind(site, glob, output=folder)
            if not (folder / "pagefind-entry.json").exists():
                raise PartsMismatch(f"part {number} wrote no bundle")
            folders.append(folder)
        _merge_parts(folders, bundle, site)
        return True
    except (
        pf.PagefindError,
        PartsMismatch,
        OSError,
        ValueError,
        KeyError,
        TypeError,
        IndexError,
    ) as error:
        shutil.rmtree(bundle, ignore_errors=True)
        print(
            f"Ghi chú: lập chỉ mục tìm kiếm một lần cho cả trang ({error}). "
            "(search index in parts: fell back to one run)",
            file=sys.stderr,
        )
        return False
    finally:
        shutil.rmtree(work, ignore_errors=True)
