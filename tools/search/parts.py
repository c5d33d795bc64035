"""Indexing a large site in parts with Pagefind, merged into one bundle.

Pagefind keeps every page it reads in memory until the bundle is written (its words twice
over while it builds the index): some 165 kB per article, 1.6 GB at 10,000. Above
`scan.ONE_RUN_PAGES` pages, `index_in_parts` runs it on parts of the site of at most
`scan.SHARD_PAGES` pages, PARALLEL_PARTS at a time (scan.parts, one --glob each), then
merges their bundles into one, as one run over the same pages would have written it:

- pages: those of part 1, then those of part 2, ... (page numbers shifted by the pages
  before); fragments are moved as they are (their names are hashes of their content);
- words: the parts' words are merged in word order, their postings joined, and the result
  cut into index files where Pagefind cuts them (bundle.write_index);
- filters: page lists joined; meta fields: the union, renumbered where a part differs;
- sorts: merged by the values written in the pages (data-pagefind-sort="name:value"),
  after checking that they give each part the order Pagefind gave it.

Only with a Pagefind version in bundle.SUPPORTED_VERSIONS (index.py checks it first; here
the version each part's bundle declares is checked too). Two kinds of trouble:
- `Unmergeable`: the pages use something the merger does not reproduce (a sort value
  without "name:value", a numeric sort). Known in advance; the site is indexed in one run.
- anything else (bundle.BundleFormatError, a bug): raised. It fails the build and the
  tests; it is never turned into a quiet fallback.
"""

from __future__ import annotations

import heapq
import json
import os
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from plugins.vietnamese.gc_pause import paused
from tools.search import bundle as fmt
from tools.search import lexicon, run, scan

# Pagefind runs at a time: the memory bound is this many parts (~415 MiB each at 2,500
# articles a part), the time that of the runs spread over the machine's cores.
PARALLEL_PARTS = 2


def parts_folder(bundle: Path) -> Path:
    """Where the parts' bundles are made: beside the site (on its disk, so that their
    fragments can be moved into `bundle`; outside it, where the compression that runs
    meanwhile does not look), removed once merged."""
    site = bundle.parent
    return site.with_name(f".{site.name}-pagefind-parts")


class Unmergeable(Exception):
    """The pages use something the merger does not reproduce: index in one run instead."""


@dataclass
class _Part:
    folder: Path  # the part's bundle
    meta: fmt.Meta
    offset: int  # pages of the parts before it
    numbers: list[int] | None  # its meta field numbers in the merged list (None: the same)

    def words(self, part_number: int):
        """(word, part number, postings, variants) for each word, in word order."""
        for _, _, name in self.meta.chunks:
            for word, postings, variants in fmt.read_chunk(self.folder, name):
                if self.numbers is not None:
                    postings = fmt.renumber_fields(postings, self.numbers)
                    variants = [[f, fmt.renumber_fields(p, self.numbers)] for f, p in variants]
                yield word, part_number, postings, variants


def _merged_words(parts: list[_Part]):
    """[word, postings, variants] over all parts, in word order."""
    streams = [part.words(number) for number, part in enumerate(parts)]
    merged = heapq.merge(*streams, key=lambda item: item[0])
    for word, group in groupby(merged, key=lambda item: item[0]):
        pages = []
        variants: dict[str, list] = {}
        for _, number, postings, forms in group:
            offset = parts[number].offset
            pages.append((offset, postings))
            for form, form_postings in forms:
                variants.setdefault(form, []).append((offset, form_postings))
        yield [
            word,
            fmt.join_postings(pages),
            [[form, fmt.join_postings(lists)] for form, lists in variants.items()],
        ]


def _sort_values(attributes: tuple[str | None, ...]) -> dict[str, str]:
    """{sort name: value} of a page, for the simple form "name:value" only."""
    values = {}
    for attribute in attributes:
        if attribute is None or ":" not in attribute:
            raise Unmergeable("data-pagefind-sort without a value")
        name, value = attribute.split(":", 1)
        if "," in name or "[" in name or name.strip() in values:
            raise Unmergeable(f"data-pagefind-sort {attribute!r}")
        values[name.strip()] = fmt.normalize_sort_value(value)
    return values


def _merged_sorts(parts: list[_Part], urls: list[str], site: Path) -> list:
    """The sorts of all pages ([[name, page numbers]]), Pagefind's stable sort by value."""
    names = sorted({name for part in parts for name, _ in part.meta.sorts})
    if not names:
        return []
    values = [
        _sort_values(scan.sort_attributes(fmt.page_file(site, url).read_bytes())) for url in urls
    ]
    merged = []
    for name in names:
        pages = [number for number, page in enumerate(values) if name in page]
        if any(fmt.may_be_numeric(values[number][name]) for number in pages):
            raise Unmergeable(f"sort {name!r} may be numeric")  # Pagefind compares numbers
        order = sorted(pages, key=lambda number: (fmt.sort_key(values[number][name]), number))
        for part in parts:  # the values give each part the order Pagefind gave it
            own = next((list(p) for n, p in part.meta.sorts if n == name), [])
            size = len(part.meta.pages)
            mine = [n - part.offset for n in order if 0 <= n - part.offset < size]
            if own != mine:
                raise Unmergeable(f"sort {name!r} does not match part {part.folder.name}")
        merged.append([name, order])
    return merged


def merge_parts(folders: list[Path], bundle: Path, site: Path) -> None:
    """Merge the bundles in `folders` (in page order) into `bundle`, the index of `site` (the
    folder of pages Pagefind read)."""
    entries = [fmt.read_entry(folder) for folder in folders]
    for folder, entry in zip(folders, entries, strict=True):
        if not fmt.supported(entry.version):
            raise fmt.BundleFormatError(
                f"{folder.name}: Pagefind {entry.version} (merger verified for "
                f"{', '.join(sorted(fmt.SUPPORTED_VERSIONS))})"
            )
    if len({entry.language for entry in entries}) != 1:
        raise fmt.BundleFormatError(f"languages {[entry.language for entry in entries]}")
    language = entries[0].language
    metas = [fmt.read_meta(f, e) for f, e in zip(folders, entries, strict=True)]
    if len({json.dumps(meta.version) for meta in metas}) != 1:
        raise fmt.BundleFormatError("the parts' index versions differ")
    fields = sorted({name for meta in metas for name in meta.fields})
    parts, offset = [], 0
    for folder, meta in zip(folders, metas, strict=True):
        numbers = [fields.index(name) for name in meta.fields]
        same = numbers == list(range(len(numbers)))
        parts.append(_Part(folder, meta, offset, None if same else numbers))
        offset += len(meta.pages)

    # The files every bundle has (pagefind.js, the wasm, ...): those of the first part.
    for relative, path in fmt.shared_files(folders[0]):
        (bundle / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, bundle / relative)

    # Pages and their fragments, renamed as Pagefind does if two parts chose the same name.
    pages, urls, taken = [], [], set()
    (bundle / "fragment").mkdir(parents=True, exist_ok=True)
    for part in parts:
        for name, word_count in fmt.pages_of(part.meta):
            source = part.folder / "fragment" / f"{name}.pf_fragment"
            raw = fmt.read_fragment_raw(source)
            urls.append(json.loads(raw)["url"])
            if name in taken:
                name = fmt.fragment_name(language, raw, len(name) + 1, taken)
            taken.add(name)
            os.replace(source, bundle / "fragment" / f"{name}.pf_fragment")
            pages.append([name, word_count])
    sorts = _merged_sorts(parts, urls, site)

    filters: dict[str, dict[str, list[int]]] = {}
    for part in parts:
        for _, name in part.meta.filters:
            filter_name, values = fmt.read_filter(part.folder, name)
            merged = filters.setdefault(filter_name, {})
            for value, numbers in values:
                merged.setdefault(value, []).extend(n + part.offset for n in numbers)
    meta_filters = []
    for filter_name in sorted(filters):
        values = sorted([value, numbers] for value, numbers in filters[filter_name].items())
        meta_filters.append([filter_name, fmt.write_filter(bundle, language, filter_name, values)])

    with paused():  # millions of small lists, no cycles: the collector would walk them again
        chunks = fmt.write_index(bundle, language, _merged_words(parts))
    meta = fmt.Meta(metas[0].version, pages, chunks, meta_filters, sorts, fields)
    fmt.write_meta(bundle, entries[0], meta)  # and the entry, from the first part's


def index_in_parts(site: Path, bundle: Path, site_scan: scan.SiteScan):
    """Index the pages of `site` (the folder Pagefind reads: bodies.pages_for_pagefind) part
    by part and merge the parts into `bundle`; returns the words of its pages counted for
    the word list (lexicon.count_words). Raises Unmergeable (nothing left behind) when the
    site must be indexed in one run instead; any other error is raised as it is (a Pagefind
    error in a part, a merger failure)."""
    work = parts_folder(bundle)
    shutil.rmtree(work, ignore_errors=True)

    failed = threading.Event()  # once a part has failed, no other part is started

    def index_part(number: int, glob: str):
        """(the part's bundle, its words counted for the word list) or None when skipped.
        The words are counted here, while Pagefind indexes another part."""
        if failed.is_set():
            return None
        folder = work / str(number)
        try:
            run.run_pagefind(site, glob, output=folder)
            if not (folder / fmt.ENTRY_FILE).exists():
                raise run.PagefindError(
                    f"Pagefind không tạo được chỉ mục cho phần {number + 1} của trang. Cách "
                    "sửa: kiểm tra các trang có thuộc tính data-pagefind-body. (no bundle)"
                )
            return folder, lexicon.count_words(fmt.fragment_texts(folder))
        except BaseException:
            failed.set()
            raise

    try:
        # PARALLEL_PARTS runs at a time (each Pagefind keeps its part in memory): one run
        # keeps about one and a half cores busy, two keep both of a 2-core machine busy.
        with ThreadPoolExecutor(PARALLEL_PARTS, thread_name_prefix="pagefind") as pool:
            runs = [pool.submit(index_part, n, glob) for n, glob in enumerate(site_scan.parts)]
            done = [part.result() for part in runs]  # the first error, in part order
        if None in done:  # never expected: a part is skipped only after another failed
            raise run.PagefindError("Pagefind: một phần của chỉ mục không được lập. (skipped)")
        merge_parts([folder for folder, _ in done], bundle, site)
        return lexicon.add_counts(counts for _, counts in done)
    except BaseException:
        shutil.rmtree(bundle, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
