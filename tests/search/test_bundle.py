"""tools/search/bundle.py (Pagefind's format, on cbor2) and the version gate of the merger."""

from __future__ import annotations

import gzip
import shutil

import cbor2
import pytest

from tools.search import bundle, parts, run, scan
from tools.search.index import index
from tools.search.run import PagefindError


def real_files(site):
    folder = site / "pagefind"
    return [
        *folder.glob("*.pf_meta"),
        *(folder / "filter").glob("*.pf_filter"),
        *(folder / "index").glob("*.pf_index"),
    ]


def fresh_copy(search_site, folder):
    shutil.copytree(search_site, folder, ignore=shutil.ignore_patterns("pagefind"))
    return folder


# --------------------------------------------------------------------------- the format


def test_every_cbor_file_pagefind_wrote_round_trips_through_cbor2(search_site, tmp_path):
    # A one-run bundle (Pagefind's own index files, not ours): decoding and encoding again
    # with cbor2 gives Pagefind's bytes, so nothing is lost or reordered on the way.
    one_run = fresh_copy(search_site, tmp_path / "site")
    run.run_pagefind(one_run, None)
    files = real_files(one_run)
    assert {p.suffix for p in files} == {".pf_meta", ".pf_filter", ".pf_index"}
    for path in files:
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(bundle.SIGNATURE)
        value = bundle.decode(path.read_bytes(), path.name)
        assert cbor2.dumps(value) == raw[len(bundle.SIGNATURE) :], path.name


def test_meta_filters_and_chunks_read_as_documented(search_site):
    folder = search_site / "pagefind"
    entry = bundle.read_entry(folder)
    assert bundle.supported(entry.version) and entry.language == "vi"
    meta = bundle.read_meta(folder, entry)
    assert len(meta.pages) == entry.raw["languages"]["vi"]["page_count"]
    assert all((folder / "fragment" / f"{name}.pf_fragment").is_file() for name, _ in meta.pages)
    words = [word for _, _, name in meta.chunks for word, _, _ in bundle.read_chunk(folder, name)]
    assert words == sorted(words) and "dua" in words
    for _, name in meta.filters:
        filter_name, values = bundle.read_filter(folder, name)
        assert filter_name and all(isinstance(pages, list) for _, pages in values)
    assert [name for name, _ in meta.sorts] == ["date"]


def test_written_files_read_back_the_same(search_site, tmp_path):
    folder = tmp_path / "b"
    shutil.copytree(search_site / "pagefind", folder)
    entry = bundle.read_entry(folder)
    meta = bundle.read_meta(folder, entry)
    name = bundle.write_meta(folder, entry, meta)
    assert name == entry.meta_name == bundle.read_entry(folder).meta_name
    assert bundle.read_meta(folder, bundle.read_entry(folder)) == meta
    assert len(list(folder.glob("*.pf_meta"))) == 1
    values = [["a", [0, 2]], ["b", [1]]]
    filter_file = bundle.write_filter(folder, "vi", "loại", values)
    assert bundle.read_filter(folder, filter_file) == ("loại", values)


def test_a_damaged_file_is_a_format_error(tmp_path):
    path = tmp_path / "x.pf_meta"
    path.write_bytes(gzip.compress(b"not pagefind"))
    with pytest.raises(bundle.BundleFormatError, match="not a Pagefind file"):
        bundle.decode(path.read_bytes(), path.name)
    path.write_bytes(gzip.compress(bundle.SIGNATURE + b"\x9f"))  # an unfinished array
    with pytest.raises(bundle.BundleFormatError):
        bundle.decode(path.read_bytes(), path.name)


def test_postings_are_joined_with_one_new_delta_per_part():
    first = [[1, [5], []], [2, [1, 9], [-1]]]  # pages 1 and 3
    second = [[0, [4], []], [4, [2], []]]  # pages 0 and 4 of a part that starts at page 10
    joined = bundle.join_postings([(0, first), (10, []), (10, second)])
    assert joined == [[1, [5], []], [2, [1, 9], [-1]], [7, [4], []], [4, [2], []]]
    assert bundle.postings_pages(joined) == (1, 14)
    assert bundle.postings_size(joined) == 2 + 4 + 2 + 2
    assert bundle.renumber_fields(first, [3]) == [[1, [5], []], [2, [1, 9], [-4]]]


# ---------------------------------------------------------------------- the version gate


def test_another_pagefind_version_indexes_in_one_run_and_says_so(
    search_site, tmp_path, monkeypatch, capsys, pagefind_runs
):
    monkeypatch.setattr(scan, "SHARD_PAGES", 5)
    monkeypatch.setattr(scan, "ONE_RUN_PAGES", 5)
    monkeypatch.setattr(run, "installed_version", lambda: "1.6.0")
    runs = pagefind_runs
    site = fresh_copy(search_site, tmp_path / "site")
    found = scan.scan_site(site)
    assert len(found.parts) > 1
    index(site)
    assert runs == [None]  # one run over all the pages: the merger is not used
    warning = capsys.readouterr().err
    assert "CẢNH BÁO" in warning and "Pagefind 1.6.0" in warning and "not supported" in warning
    assert not parts.parts_folder(site / "pagefind").exists()
    assert (site / "pagefind" / bundle.ENTRY_FILE).is_file()


def test_the_installed_version_is_the_one_the_merger_supports():
    # Upgrading pagefind[bin] without verifying the merger turns large builds into one run.
    assert run.installed_version() in bundle.SUPPORTED_VERSIONS


def test_a_part_declaring_another_version_fails_the_merge(search_site, tmp_path, monkeypatch):
    monkeypatch.setattr(scan, "SHARD_PAGES", 5)
    monkeypatch.setattr(scan, "ONE_RUN_PAGES", 5)
    real = run.run_pagefind

    def another_version(site, glob=None, output=None):
        real(site, glob, output)
        entry = output / bundle.ENTRY_FILE
        entry.write_text(entry.read_text("utf-8").replace('"1.5.2"', '"9.9.9"'), "utf-8")

    monkeypatch.setattr(run, "run_pagefind", another_version)
    site = fresh_copy(search_site, tmp_path / "site")
    with pytest.raises(PagefindError, match=r"9\.9\.9"):
        index(site)
    assert not (site / "pagefind").exists()
    assert not parts.parts_folder(site / "pagefind").exists()


def test_a_merger_failure_fails_the_indexing_loudly(search_site, tmp_path, monkeypatch):
    # A part whose word index is not what the format module expects: no quiet fallback.
    monkeypatch.setattr(scan, "SHARD_PAGES", 5)
    monkeypatch.setattr(scan, "ONE_RUN_PAGES", 5)
    real = run.run_pagefind
    runs = []

    def damaging(site, glob=None, output=None):
        runs.append(glob)
        real(site, glob, output)
        for path in (output / "index").glob("*.pf_index"):
            path.write_bytes(gzip.compress(bundle.SIGNATURE + cbor2.dumps({"khác": 1})))

    monkeypatch.setattr(run, "run_pagefind", damaging)
    site = fresh_copy(search_site, tmp_path / "site")
    with pytest.raises(PagefindError, match="search index merger failed"):
        index(site)
    assert runs == list(scan.scan_site(site).parts)  # no second, quiet run over the site
    assert not (site / "pagefind").exists()


def test_a_merger_bug_is_not_swallowed(search_site, tmp_path, monkeypatch):
    monkeypatch.setattr(scan, "SHARD_PAGES", 5)
    monkeypatch.setattr(scan, "ONE_RUN_PAGES", 5)

    def broken(*args):
        raise ZeroDivisionError("lỗi lập trình")

    monkeypatch.setattr(bundle, "join_postings", broken)
    site = fresh_copy(search_site, tmp_path / "site")
    with pytest.raises(ZeroDivisionError):
        index(site)
    assert not (site / "pagefind").exists()


def test_pagefind_1_6_page_entries_are_refused_by_the_merger():
    # Pagefind 1.6.0 (npm) writes [name, word count, ""] for each page: not merged.
    meta = bundle.Meta("1.6.0", [["vi_98bd391", 20, ""]], [], [], [], [])
    with pytest.raises(bundle.BundleFormatError, match="unexpected page entry"):
        bundle.pages_of(meta)
    assert bundle.pages_of(bundle.Meta("1.5.2", [["vi_1", 3]], [], [], [], [])) == [("vi_1", 3)]
