"""tools/search/: what is indexed, filters and sort, determinism, the lexicon."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sys

import pytest

from plugins.vietnamese.text import fold
from tests.search.conftest import ARTICLES, content_files
from tools.search import bodies, bundle, parts, run, scan
from tools.search.bundle import UNUSED_FILES
from tools.search.cache import CACHE_KEEP, prune_cache
from tools.search.index import index
from tools.search.lexicon import (
    LEXICON_FILE,
    add_counts,
    build_lexicon,
    count_words,
    lexicon_from,
)
from tools.search.run import PagefindError
from tools.search.scan import carries_body, part_globs, scan_site


def read_pagefind_file(path):
    return bundle.decode(path.read_bytes(), path.name)


def fragments(site):
    found = {}
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        data = json.loads(raw[len(b"pagefind_dcd") :])
        found[data["url"]] = data
    return found


def meta_of(site):
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    info = entry["languages"]["vi"]
    return read_pagefind_file(site / "pagefind" / f"pagefind.{info['hash']}.pf_meta")


def tree(folder):
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_bundle_has_what_the_search_page_loads_and_nothing_unused(search_site):
    bundle = search_site / "pagefind"
    for name in ("pagefind.js", "pagefind-worker.js", "wasm.unknown.pagefind", LEXICON_FILE):
        assert (bundle / name).is_file(), name
    for name in UNUSED_FILES:
        assert not (bundle / name).exists(), name


def test_only_articles_main_text_is_indexed(search_site):
    pages = fragments(search_site)
    urls = {url.rstrip("/").rsplit("/", 1)[-1] for url in pages}
    # Articles and pages; no home, category, tag, author or archive pages.
    assert urls == {*ARTICLES, "giong-dua-hau"}

    melon = pages["/2024/05/dua-hau-muong-khuong/"]
    text = melon["content"]
    assert "Ruộng dưa hấu trải dài ven suối" in text  # body
    assert "giá bán cao hơn năm trước" in text  # summary (lead)
    assert text.startswith("Dưa hấu Mường Khương được mùa")  # the title; no kicker before it
    for outside in ("Bỏ qua, đến nội dung chính", "Tra cứu khen thưởng", "Liên kết cuối trang"):
        assert outside not in text  # skip link, menu, footer
    assert "Kinh tế" not in text  # the category is a filter, not words of the article
    assert "18/05/2024" not in text  # the date is a sort key and shown in results
    assert melon["meta"]["title"] == "Dưa hấu Mường Khương được mùa"
    assert melon["meta"]["date"] == "18/05/2024"
    assert melon["meta"]["category"] == "Kinh tế"
    assert melon["filters"] == {
        "chuyên mục": ["Kinh tế"],
        "loại trang": ["Tin bài"],
        "năm": ["2024"],
    }


def test_filters_and_date_sort_are_in_the_index(search_site):
    meta = meta_of(search_site)
    filters = {name: read_pagefind_file(search_site / "pagefind" / "filter" / f"{h}.pf_filter")
               for name, h in meta[3]}  # fmt: skip
    assert list(filters) == ["chuyên mục", "loại trang", "năm"]
    years = [value for value, _ in filters["năm"][1]]
    assert years == ["2022", "2023", "2024", "2025"]  # sorted, whatever order Pagefind used
    counts = {value: len(pages) for value, pages in filters["chuyên mục"][1]}
    assert counts["Quốc phòng - An ninh"] == 2
    sorts = dict((name, order) for name, order in meta[4])
    assert len(sorts["date"]) == len(ARTICLES)


def test_index_is_byte_identical_from_run_to_run(search_site, tmp_path):
    # Pagefind 1.5.2 alone writes filters in a random order (and names files after them).
    runs = []
    for i in range(3):
        copy = tmp_path / f"run-{i}"
        shutil.copytree(search_site, copy, ignore=shutil.ignore_patterns("pagefind"))
        index(copy)
        runs.append(tree(copy / "pagefind"))
    assert runs[0] == runs[1] == runs[2]
    assert runs[0] == tree(search_site / "pagefind")


def test_reindexing_replaces_the_old_bundle(search_site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(search_site, copy)
    stale = copy / "pagefind" / "fragment" / "cu.pf_fragment"
    stale.write_bytes(b"old")
    index(copy)
    assert not stale.exists()


# --------------------------------------------------- reading fewer pages, reusing bundles

FAILING = [sys.executable, "-c", "import sys; print('hỏng', file=sys.stderr); sys.exit(3)"]


def fresh_copy(search_site, folder):
    """The labelled site without its bundle, as Pelican left it."""
    shutil.copytree(search_site, folder, ignore=shutil.ignore_patterns("pagefind"))
    return folder


def test_pagefind_reads_only_the_marked_pages_cut_outside_the_site(
    search_site, tmp_path, monkeypatch
):
    site = fresh_copy(search_site, tmp_path / "site")
    found = scan_site(site)
    assert 0 < found.body_pages < found.pages
    for skipped in ("index.html", "the/", "chuyen-muc/", "tac-gia/", "luu-tru/"):
        assert not any(path.startswith(skipped) for path in found.bodies), skipped
    seen = {}
    real = run.run_pagefind

    def reading(folder, glob=None, output=None):
        seen["folder"] = folder
        seen["pages"] = {
            path.relative_to(folder).as_posix(): path.read_bytes()
            for path in folder.rglob("*")
            if path.is_file()
        }
        real(folder, glob, output)

    monkeypatch.setattr(run, "run_pagefind", reading)
    index(site)
    assert site not in seen["folder"].parents and not seen["folder"].exists()
    assert sorted(seen["pages"]) == list(found.bodies)  # and nothing else
    for path, page in seen["pages"].items():
        whole = (site / path).read_bytes()
        assert len(page) < len(whole) / 2, path
        assert b"data-pagefind-body" in page and b'class="site-footer"' not in page, path
    assert tree(site / "pagefind") == tree(search_site / "pagefind")


def test_cut_pages_give_the_index_of_whole_pages_without_the_footers_image(
    search_site, tmp_path, monkeypatch
):
    monkeypatch.setattr(bodies, "cut", lambda page: page)
    whole = fresh_copy(search_site, tmp_path / "whole")
    index(whole)
    cut, uncut = semantic(search_site / "pagefind"), semantic(whole / "pagefind")

    def without_image(value):
        """The fragments without their names (hashes of their content) and without an
        image from the footer's social icons; the meta fields without the image's."""
        fragments = {}
        for url, (_, word_count, fragment) in value["fragments"].items():
            meta = dict(fragment["meta"])
            if "/theme/img/social/" in meta.get("image", ""):
                del meta["image"], meta["image_alt"]
            fragments[url] = (word_count, {**fragment, "meta": meta})
        fields = [name for name in value["fields"] if name not in ("image", "image_alt")]
        return {**value, "fragments": fragments, "fields": fields, "words": None}  # below

    images = [f["meta"].get("image", "") for _, _, f in uncut["fragments"].values()]
    assert sum("/theme/img/social/facebook.svg" in image for image in images) > 5
    assert not any("image" in f["meta"] for _, _, f in cut["fragments"].values())
    assert without_image(cut) == without_image(uncut)
    # Pagefind indexed the icon's path too: a search for "facebook" found every article.
    icon = {"theme", "img", "social", "facebook", "svg", "themeimgsocialfacebooksvg"}
    assert set(uncut["words"]) - set(cut["words"]) == icon
    assert cut["words"] == {w: v for w, v in uncut["words"].items() if w not in icon}


def test_a_cached_bundle_is_byte_identical_and_pagefind_does_not_run(
    search_site, tmp_path, monkeypatch
):
    cache = tmp_path / "cache"
    first = fresh_copy(search_site, tmp_path / "first")
    index(first, cache=cache)
    assert tree(first / "pagefind") == tree(search_site / "pagefind")
    assert len([p for p in cache.iterdir() if not p.name.startswith(".")]) == 1

    monkeypatch.setattr(run, "command", lambda: FAILING)  # would fail if run
    second = fresh_copy(search_site, tmp_path / "second")
    index(second, cache=cache)
    assert tree(second / "pagefind") == tree(search_site / "pagefind")

    # A new build of the same pages over an old folder: the stale bundle is replaced.
    (second / "pagefind" / "fragment" / "cu.pf_fragment").write_bytes(b"old")
    index(second, cache=cache)
    assert tree(second / "pagefind") == tree(search_site / "pagefind")


def test_a_changed_page_is_indexed_again(search_site, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    site = fresh_copy(search_site, tmp_path / "site")
    index(site, cache=cache)
    page = site / "2024" / "05" / "dua-hau-muong-khuong" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("ven suối", "ven sông"), "utf-8")
    monkeypatch.setattr(run, "command", lambda: FAILING)
    with pytest.raises(PagefindError, match="mã lỗi 3"):
        index(site, cache=cache)
    # Pages Pagefind drops anyway are part of the key too: any change of the site's HTML.
    page.write_text(page.read_text(encoding="utf-8").replace("ven sông", "ven suối"), "utf-8")
    home = site / "index.html"
    home.write_bytes(home.read_bytes() + b"\n")
    with pytest.raises(PagefindError):
        index(site, cache=cache)


def test_a_damaged_cache_entry_is_not_used(search_site, tmp_path):
    cache = tmp_path / "cache"
    site = fresh_copy(search_site, tmp_path / "site")
    index(site, cache=cache)
    (entry,) = [p for p in cache.iterdir() if not p.name.startswith(".")]
    damaged = next((entry / "bundle" / "fragment").iterdir())
    damaged.unlink()  # replaced, not written through: the site keeps its own copy
    damaged.write_bytes(b"hong")
    other = fresh_copy(search_site, tmp_path / "other")
    index(other, cache=cache)  # Pagefind runs again
    assert tree(other / "pagefind") == tree(search_site / "pagefind")
    assert tree(site / "pagefind") == tree(search_site / "pagefind")
    assert (entry / "bundle" / "fragment" / damaged.name).read_bytes() != b"hong"


def test_the_cache_keeps_the_last_few_bundles(tmp_path):
    cache = tmp_path / "cache"
    names = [f"{i:064x}" for i in range(CACHE_KEEP + 3)]
    for age, name in enumerate(names):  # names[0] is the newest
        (cache / name).mkdir(parents=True)
        os.utime(cache / name, (1_000_000 - age, 1_000_000 - age))
    stale, fresh = cache / ".tmp-1-1", cache / ".tmp-2-2"
    stale.mkdir()
    os.utime(stale, (1, 1))
    fresh.mkdir()
    prune_cache(cache)
    assert sorted(p.name for p in cache.iterdir()) == sorted([*names[:CACHE_KEEP], fresh.name])


def test_make_html_reuses_the_bundle_when_no_page_changed(tmp_path, monkeypatch):
    from tests.support import make_content
    from tools.build import build

    content = make_content(tmp_path / "content", dict(list(content_files().items())[:2]))
    output = tmp_path / "output"
    build(content, output, checks=False)
    first = tree(output / "pagefind")
    cached = [p for p in (tmp_path / ".output-cache" / "pagefind").iterdir()]
    assert len(cached) == 1  # beside Pelican's cache, one folder per output folder
    monkeypatch.setattr(run, "command", lambda: FAILING)
    build(content, output, checks=False)
    assert tree(output / "pagefind") == first


# ------------------------------------------------------------ a large site, indexed in parts


def semantic(bundle):
    """What a bundle says, with page numbers replaced by URLs: two bundles that index the
    same pages the same way give the same value, whatever order Pagefind read the pages in.
    (The order of a word's variants follows the page order, so they are compared as a dict.)"""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    ((language, info),) = entry["languages"].items()
    meta = read_pagefind_file(bundle / f"pagefind.{info['hash']}.pf_meta")
    urls, fragments = [], {}
    for name, word_count in meta[1]:
        raw = gzip.decompress((bundle / "fragment" / f"{name}.pf_fragment").read_bytes())
        fragment = json.loads(raw[len(b"pagefind_dcd") :])
        urls.append(fragment["url"])
        fragments[fragment["url"]] = (name, word_count, fragment)
    fields = meta[5]

    def pages(entries):
        found, page = [], 0
        for delta, positions, metas in entries:
            page += delta
            metas = [fields[-1 - v] if v < 0 else v for v in metas]
            found.append((urls[page], positions, metas))
        return sorted(found)

    words = {}
    for _, _, name in meta[2]:
        ((chunk,),) = [read_pagefind_file(bundle / "index" / f"{name}.pf_index")]
        for word, entries, variants in chunk:
            words[word] = (pages(entries), {form: pages(e) for form, e in variants})
    filters = {}
    for _, name in meta[3]:
        filter_name, values = read_pagefind_file(bundle / "filter" / f"{name}.pf_filter")
        filters[filter_name] = {
            value: sorted(urls[n] for n in numbers) for value, numbers in values
        }
    return {
        "entry": {**entry, "languages": {language: {**info, "hash": None}}},
        "version": meta[0],
        "fragments": fragments,
        "words": words,
        "chunks": [(first, last) for first, last, _ in meta[2]],
        "filters": filters,
        "sorts": {name: [urls[n] for n in numbers] for name, numbers in meta[4]},
        "fields": fields,
        "lexicon": (bundle / LEXICON_FILE).read_bytes(),
        "files": sorted(  # the metadata file is named after its content: its page order
            "pagefind.*.pf_meta" if p.suffix == ".pf_meta" else p.name for p in bundle.iterdir()
        ),
    }


@pytest.mark.parametrize("part_pages", [5, 1])
def test_a_site_indexed_in_parts_has_the_index_of_one_run(
    search_site, tmp_path, monkeypatch, part_pages, pagefind_runs
):
    monkeypatch.setattr(scan, "SHARD_PAGES", part_pages)
    monkeypatch.setattr(scan, "ONE_RUN_PAGES", part_pages)
    runs = pagefind_runs
    site = fresh_copy(search_site, tmp_path / "site")
    found = scan_site(site)
    assert len(found.parts) == -(-found.body_pages // part_pages) > 1
    index(site)
    assert len(runs) == len(found.parts)  # no run over the whole site
    assert not parts.parts_folder(site / "pagefind").exists()
    assert semantic(site / "pagefind") == semantic(search_site / "pagefind")
    # The same files, fragments byte for byte; and the same bundle from run to run.
    again = fresh_copy(search_site, tmp_path / "again")
    index(again)
    assert tree(again / "pagefind") == tree(site / "pagefind")
    single = tree(search_site / "pagefind")
    merged = tree(site / "pagefind")
    assert {k: v for k, v in merged.items() if k.startswith("fragment")} == {
        k: v for k, v in single.items() if k.startswith("fragment")
    }


def test_parts_are_cut_into_index_chunks_where_pagefind_cuts_them(
    search_site, tmp_path, monkeypatch
):
    # Small chunks (the site fits in one at Pagefind's usual size): Pagefind's own cut, with
    # its undocumented variable, against the merge's.
    command = run.command()
    monkeypatch.setattr(
        run,
        "command",
        lambda: ["env", "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE=40", *command],
    )
    one_run = fresh_copy(search_site, tmp_path / "one")
    index(one_run)
    monkeypatch.setattr(scan, "SHARD_PAGES", 4)
    monkeypatch.setattr(scan, "ONE_RUN_PAGES", 4)
    monkeypatch.setattr(bundle, "INDEX_CHUNK_SIZE", 40)
    in_parts = fresh_copy(search_site, tmp_path / "parts")
    index(in_parts)
    expected = semantic(one_run / "pagefind")
    assert len(expected["chunks"]) > 5
    assert semantic(in_parts / "pagefind") == expected


def test_parts_that_cannot_be_merged_surely_give_way_to_one_run(
    search_site, tmp_path, monkeypatch, capsys, pagefind_runs
):
    monkeypatch.setattr(scan, "SHARD_PAGES", 5)
    monkeypatch.setattr(scan, "ONE_RUN_PAGES", 5)
    site = fresh_copy(search_site, tmp_path / "site")
    page = site / "2024" / "05" / "dua-hau-muong-khuong" / "index.html"
    html = page.read_text(encoding="utf-8")
    # A sort value given by the element's text: the merge does not read those.
    html = html.replace('data-pagefind-sort="date:', 'data-pagefind-sort="date" data-x="', 1)
    page.write_text(html, encoding="utf-8")
    runs = pagefind_runs
    found = scan_site(site)
    index(site)
    assert runs == [*found.parts, None]  # the parts, then one run over all the pages
    warning = capsys.readouterr().err
    assert "CẢNH BÁO" in warning and "one run instead" in warning
    reference = fresh_copy(search_site, tmp_path / "reference")
    reference_page = reference / "2024" / "05" / "dua-hau-muong-khuong" / "index.html"
    reference_page.write_text(html, encoding="utf-8")
    monkeypatch.setattr(scan, "SHARD_PAGES", 10_000)
    monkeypatch.setattr(scan, "ONE_RUN_PAGES", 10_000)
    index(reference)
    assert tree(site / "pagefind") == tree(reference / "pagefind")
    assert not parts.parts_folder(site / "pagefind").exists()


def test_a_pagefind_error_in_a_part_stops_the_indexing(
    search_site, tmp_path, monkeypatch, pagefind_runs
):
    monkeypatch.setattr(scan, "SHARD_PAGES", 5)
    monkeypatch.setattr(scan, "ONE_RUN_PAGES", 5)
    monkeypatch.setattr(run, "command", lambda: FAILING)
    runs = pagefind_runs
    site = fresh_copy(search_site, tmp_path / "site")
    with pytest.raises(PagefindError, match="mã lỗi 3"):
        index(site)
    # The error of the first part; the part run beside it may have started, no other.
    started = scan_site(site).parts[: parts.PARALLEL_PARTS]
    assert runs[0] == started[0] and set(runs) <= set(started) and len(runs) == len(set(runs))
    assert len(scan_site(site).parts) > parts.PARALLEL_PARTS
    assert not parts.parts_folder(site / "pagefind").exists()
    assert not (site / "pagefind").exists()


def test_a_site_read_in_two_processes_gives_the_scan_of_one(search_site, monkeypatch):
    monkeypatch.setattr(scan, "SPLIT_FILES", 10**9)
    alone = scan_site(search_site)
    monkeypatch.setattr(scan, "SPLIT_FILES", 1)
    assert scan_site(search_site) == alone and alone.body_pages > 10


def test_part_globs_name_whole_folders_and_single_pages():
    pages = [
        "2023/11/a/index.html",
        "2023/12/b/index.html",
        "2023/12/c/index.html",
        "2024/01/d/index.html",
        "2024/01/e/index.html",
        "2024/02/f/index.html",
        "don-vi/index.html",
    ]
    assert part_globs(pages, 4) == ("2023/**/*.html", "{2024/**/*.html,don-vi/**/*.html}")
    assert part_globs(pages, 3) == (
        "{2023/11/**/*.html,2023/12/b/**/*.html}",
        "{2023/12/c/**/*.html,2024/01/d/**/*.html}",
        "{2024/01/e/**/*.html,2024/02/**/*.html,don-vi/**/*.html}",
    )
    assert part_globs(pages, 7) is None  # one part: one run
    assert part_globs([*pages, "bài {1}/index.html"], 2) is None  # needs escaping


def test_carries_body_looks_for_the_attribute_only():
    assert carries_body(b'<main id="noi-dung" data-pagefind-body>')
    assert carries_body(b"<article\n  data-pagefind-body\n>")
    assert carries_body(b'<MAIN DATA-PAGEFIND-BODY="">')
    mention = "<p>Thuộc tính data-pagefind-body đánh dấu phần chính.</p>".encode()
    assert not carries_body(mention)
    assert not carries_body(b"<div data-pagefind-body-x>")
    assert not carries_body(b"<main>")


# ------------------------------------------------------------------------------ failures


def test_missing_site_folder_is_a_vietnamese_error(tmp_path):
    with pytest.raises(PagefindError) as caught:
        index(tmp_path / "khong-co")
    assert "Không có thư mục trang" in str(caught.value)
    assert "make html" in str(caught.value)


def test_pagefind_failure_stops_the_build_and_keeps_output(tmp_path, monkeypatch):
    from tests.support import make_content
    from tools.build import BuildFailed, build

    content = make_content(tmp_path / "content", dict(list(content_files().items())[:2]))
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("trang cũ", encoding="utf-8")
    failing = [sys.executable, "-c", "import sys; print('hỏng', file=sys.stderr); sys.exit(3)"]
    monkeypatch.setattr(run, "command", lambda: failing)
    with pytest.raises(BuildFailed) as caught:
        build(content, output, checks=False)
    message = str(caught.value)
    assert "Pagefind không lập được chỉ mục tìm kiếm (mã lỗi 3): hỏng" in message
    assert "Cách sửa" in message
    assert [p.name for p in output.iterdir()] == ["index.html"]  # nothing published
    assert (output / "index.html").read_text(encoding="utf-8") == "trang cũ"


# ------------------------------------------------------------------------- pure helpers


def test_lexicon_restores_the_sites_own_diacritics():
    texts = [
        "Phong trào thi đua. Thi đua yêu nước; thi đua khen thưởng.",
        "Thị xã Sa Pa, thị xã Sa Pa, thị trấn Bắc Hà. Thị xã mới.",
        "Huyện Bắc Hà. Chợ Bắc Hà. Trồng bạc hà. Dưa hấu, dưa hấu ngon.",
        "Văn bản 98/2023/NĐ-CP.",
    ]
    lexicon = build_lexicon(texts)
    words = {fold(w): w for w in lexicon["tu"]}
    assert words["dua"] == "đua"  # 3 × "đua" beat 2 × "dưa"
    assert words["thi"] == "thị"  # 4 × "thị" beat 3 × "thi"
    assert words["bac"] == "bắc"
    assert words["thuong"] == "thưởng"
    assert "sa" not in words and "pa" not in words  # nothing to restore
    assert lexicon["khac"] == ["dưa"]  # the other reading of "dua", with "d"
    # "thi đua" is read wrongly word by word ("thị đua"): the pair is kept.
    assert "thi đua" in lexicon["cap"]
    assert "thị xã" not in lexicon["cap"]  # the words alone already give it
    assert "dưa hấu" in lexicon["cap"]  # "dua" alone would read "đua"
    assert lexicon == build_lexicon(list(reversed(texts)))  # order does not matter
    # Counted in parts (a site indexed in parts counts each part apart), the same list.
    for cut in range(len(texts) + 1):
        counts = add_counts([count_words(texts[:cut]), count_words(texts[cut:])])
        assert lexicon_from(counts) == lexicon


def test_lexicon_file_is_sorted_json(search_site):
    data = json.loads((search_site / "pagefind" / LEXICON_FILE).read_text(encoding="utf-8"))
    assert data["phien_ban"] == 1
    assert {"tu", "khac", "cap"} <= set(data)
    words = {fold(w): w for w in data["tu"]}
    assert words["dua"] == "đua" and words["hau"] == "hấu" and words["bien"] == "biên"
    assert "dưa" in data["khac"]


def test_word_list_of_a_site_indexed_in_parts_is_that_of_one_run(search_site, tmp_path):
    """In parts, the words are counted part by part while Pagefind indexes the next one
    (parts.index_in_parts); the word list is the same bytes as from the whole bundle."""
    from tools.search.lexicon import write_lexicon

    site = fresh_copy(search_site, tmp_path / "site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scan, "SHARD_PAGES", 5)
        patch.setattr(scan, "ONE_RUN_PAGES", 5)
        bundle_folder = index(site)
    assert scan_site(fresh_copy(search_site, tmp_path / "check")).body_pages > 10
    counted = (bundle_folder / LEXICON_FILE).read_bytes()
    (bundle_folder / LEXICON_FILE).unlink()
    write_lexicon(bundle_folder)  # from every fragment of the merged bundle
    assert (bundle_folder / LEXICON_FILE).read_bytes() == counted
    assert json.loads(counted)["tu"]


def test_words_counted_in_two_processes_are_those_counted_in_one(
    search_site, tmp_path, monkeypatch
):
    """lexicon.count_fragments counts half of a large bundle in a forked process."""
    from tools.search import lexicon

    folder = search_site / "pagefind"
    alone = count_words(bundle.fragment_texts(folder))
    monkeypatch.setattr(lexicon, "SPLIT_PAGES", 2)
    assert lexicon.count_fragments(folder) == alone
    # A fragment the child cannot read: the parent reads it again and says which one.
    copy = shutil.copytree(folder, tmp_path / "pagefind")
    broken = bundle.fragment_paths(copy)[-1]
    broken.write_bytes(gzip.compress(b"not a fragment"))
    with pytest.raises(bundle.BundleFormatError, match=broken.name):
        lexicon.count_fragments(copy)


def test_a_site_within_the_memory_budget_is_indexed_in_one_run(
    search_site, tmp_path, monkeypatch, pagefind_runs
):
    # Parts of 5 pages, but all the pages fit in one run: no parts, no merge.
    monkeypatch.setattr(scan, "SHARD_PAGES", 5)
    site = fresh_copy(search_site, tmp_path / "site")
    found = scan_site(site)
    assert found.body_pages > 5 and found.body_pages <= scan.ONE_RUN_PAGES
    assert found.parts is None
    index(site)
    assert pagefind_runs == [None]
    monkeypatch.setattr(scan, "ONE_RUN_PAGES", found.body_pages - 1)
    assert len(scan_site(site).parts) == -(-found.body_pages // 5)
