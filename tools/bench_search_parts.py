"""A large site indexed in parts: one merged bundle (tools/search/parts.py) against a bundle
per part combined in the browser with Pagefind's `mergeIndex` (its documented "multisite"
search), beside one Pagefind run over the whole site.

For each way, on the same generated articles (tools/bench_search.py's generator, written
once into --work and reused):
- peak memory of the indexing, in a fresh process: Pagefind's largest run (its binary) and
  our Python process (scan, merge, determinism, word list);
- the bytes a reader's first search downloads (tools/bench_search.measure: a fresh chromium,
  /tim-kiem/?q=..., every search request until the results are shown), raw and gzip;
- the number of results the page announces (the three must agree).

"mergeIndex" bundles: part 1 is /pagefind/ (with pagefind.js, the wasm and our word list,
built from every part), part N>1 is /pagefind/phan-N/ (its data files only); the search
page of that site calls pagefind.mergeIndex() for each (the list written into its
search.js, which saves it a request).

    .venv/bin/python -m tools.bench_search_parts --articles 10000 --work /tmp/bench-parts
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from itertools import chain
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from tools.benchkit import ROOT, high_water_kib, run_child, write_result

WAYS = ("một lần", "ghép", "mergeIndex")  # one run, merged parts, mergeIndex in the browser
PART_FOLDER = "phan-{}"


def generate(folder: Path, n_articles: int) -> Path:
    """The search page and theme of a one-article Pelican build, plus n generated articles
    (without a search index); reused when already there."""
    from pelican.settings import read_settings

    from tests.support import make_content, pelican_build
    from tools.bench_search import article_page, sample_sentences

    site = folder / "site"
    done = folder / f"generated-{n_articles}"
    if done.exists():
        return site
    shutil.rmtree(folder, ignore_errors=True)
    content = make_content(
        folder / "content",
        {
            "articles/mot-bai.md": "Title: Một bài\nDate: 2015-01-01 07:00\n"
            "Category: Thi đua - Khen thưởng\nAuthors: Ban biên tập\n"
            "Summary: Bài mẫu.\n\nNội dung bài mẫu.\n"
        },
    )
    pelican_build(content, site)
    categories = read_settings(str(ROOT / "pelicanconf.py")).get("CATEGORIES") or ["Tin tức"]
    rng = random.Random(20251219 + n_articles)
    sources = sample_sentences()
    for i in range(n_articles):
        path, html = article_page(i, rng, sources, categories)
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    done.touch()
    return site


def copy_site(site: Path, target: Path) -> Path:
    """A copy of the generated site without any index (hard links: the pages are not
    written to)."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(site, target, copy_function=os.link, ignore=shutil.ignore_patterns("pagefind"))
    return target


# ------------------------------------------------------------------ the mergeIndex way


def index_per_part(site: Path) -> list[str]:
    """A deterministic bundle per part (the first at /pagefind/, the others inside it), and
    the word list of all of them; returns the folders of the parts after the first."""
    from tools.search import bodies, bundle, determinism, lexicon, run, scan

    found = scan.scan_site(site)
    if not found.parts:
        raise SystemExit("the site is too small for parts")
    work = site / ".per-part"
    folders = []
    with bodies.pages_for_pagefind(
        site, found.bodies, found.body_bytes
    ) as pages:  # as index.py does
        for number, glob in enumerate(found.parts):
            folder = work / str(number)
            run.run_pagefind(pages, glob, output=folder)
            for name in bundle.UNUSED_FILES:
                (folder / name).unlink(missing_ok=True)
            determinism.make_deterministic(folder)
            folders.append(folder)
    main = site / run.BUNDLE_DIR
    os.replace(folders[0], main)
    names = []
    for number, folder in enumerate(folders[1:], start=2):
        for shared in ("pagefind.js", "pagefind-worker.js", *folder.glob("wasm.*")):
            Path(folder, shared).unlink(missing_ok=True)
        name = PART_FOLDER.format(number)
        os.replace(folder, main / name)
        names.append(name)
    shutil.rmtree(work)
    bundles = [main, *(main / name for name in names)]
    words = lexicon.build_lexicon(chain.from_iterable(map(bundle.fragment_texts, bundles)))
    (main / lexicon.LEXICON_FILE).write_text(
        json.dumps({"phien_ban": 1, **words}, ensure_ascii=False, separators=(",", ":")) + "\n",
        encoding="utf-8",
    )
    return names


def use_merge_index(site: Path, names: list[str]) -> None:
    """The site's search.js, made to add each part's bundle with pagefind.mergeIndex()."""
    script = site / "theme" / "js" / "search.js"
    for suffix in (".gz", ".br"):
        Path(str(script) + suffix).unlink(missing_ok=True)
    text = script.read_text(encoding="utf-8")
    old = "        pagefind.init();\n"
    if old not in text:
        raise SystemExit("theme/static/js/search.js changed: update use_merge_index()")
    new = (
        "        await pagefind.init();\n"
        f"        for (const part of {json.dumps(names)}) {{\n"
        "          await pagefind.mergeIndex(new URL(part + '/', bundle).href,\n"
        "            { baseUrl: siteRoot, excerptLength: 28 });\n"
        "        }\n"
    )
    script.unlink()  # a hard link to the generated site's file: replaced, not written through
    script.write_text(text.replace(old, new), encoding="utf-8")


# ---------------------------------------------------------------------------- measuring


def child(spec: dict) -> dict:
    """Index one way in this (fresh) process; its peak memory and Pagefind's."""
    from tools.search import index, scan

    site, way = Path(spec["site"]), spec["way"]
    scan.SHARD_PAGES = scan.ONE_RUN_PAGES = spec["part_pages"]
    started = time.perf_counter()
    result: dict = {}
    if way == "một lần":
        scan.SHARD_PAGES = scan.ONE_RUN_PAGES = 10**9  # no parts: one run
        index(site)
    elif way == "ghép":
        index(site)
    else:
        result["parts"] = index_per_part(site)
    result["seconds"] = time.perf_counter() - started
    result["python_kib"] = high_water_kib()
    result["pagefind_kib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return result


def index_way(site: Path, way: str, part_pages: int) -> dict:
    result = site.with_name(site.name + "-result.json")
    spec = {"site": str(site), "way": way, "result": str(result), "part_pages": part_pages}
    return run_child("tools.bench_search_parts", spec)


def shown_results(site: Path, searches: list[dict], browser) -> list[list[str]]:
    """The links of the first results page for each search (URL parameters), as a reader
    sees them in `browser` (a running Playwright chromium); to compare the ways' answers."""
    from playwright.sync_api import expect

    from tools.serve import serving

    found = []
    with serving(site) as base:
        page = browser.new_page()
        for params in searches:
            page.goto(f"{base}/tim-kiem/?{urlencode(params)}")
            expect(page.locator("#tim-kiem-trang-thai")).to_have_text(
                re.compile("kết quả"), timeout=60_000
            )
            expect(page.locator("#ket-qua")).not_to_have_attribute("aria-busy", "true")
            links = page.locator(".search-result-title a").all()
            found.append([urlsplit(link.get_attribute("href")).path for link in links])
        page.close()
    return found


@contextlib.contextmanager
def chromium(browser=None):
    """`browser` as it is, or Debian's chromium started for the time of the block."""
    if browser is not None:
        yield browser
        return
    from playwright.sync_api import sync_playwright

    from tools.bench_search import CHROMIUM

    with sync_playwright() as playwright:
        started = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield started
        finally:
            started.close()


def bundle_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())


def compare(
    n_articles: int, work: Path, queries, ways=WAYS, part_pages=None, browser=None
) -> list[dict]:
    """Each way on the same n generated articles: memory, time, bundle, first searches, and
    whether its first results pages match the first way's. `browser`: a running Playwright
    chromium (the tests'), else one is started here."""
    from tools.bench_search import measure
    from tools.search.scan import SHARD_PAGES

    site = generate(work / "generated", n_articles)
    rows = []
    reference = None
    for way in ways:
        copy = copy_site(site, work / f"way-{WAYS.index(way)}")
        got = index_way(copy, way, part_pages or SHARD_PAGES)
        if way == "mergeIndex":
            use_merge_index(copy, got["parts"])
        listings = [{"q": q} for q in queries] + [{"loai": "Tin bài"}]
        with chromium(browser) as running:
            searches = measure(copy, queries, running)
            shown = shown_results(copy, listings, running)
        reference = reference if reference is not None else shown
        same = [a == b for a, b in zip(reference, shown, strict=True)]
        rows.append(
            {
                "way": way,
                "pagefind_mib": round(got["pagefind_kib"] / 1024),
                "python_mib": round(got["python_kib"] / 1024),
                "index_s": round(got["seconds"], 1),
                "bundle_mb": round(bundle_bytes(copy) / 1e6, 1),
                "searches": searches,
                "same_first_page": f"{sum(same)}/{len(same)}",
            }
        )
    return rows


def run(n_articles: int, browser=None) -> list[dict]:
    """For `make bench` (tools/bench.py): the three ways at n articles in parts of n/4 pages,
    one query; first-search bytes (gzip) and peak memory per way."""
    parts = max(1, n_articles // 4)
    with tempfile.TemporaryDirectory(prefix="bench-parts-") as work:
        rows = compare(n_articles, Path(work), ("thi dua",), part_pages=parts, browser=browser)
    return [
        {
            "way": row["way"],
            "pagefind_mib": row["pagefind_mib"],
            "python_mib": row["python_mib"],
            "index_s": row["index_s"],
            "first_search_gzip_kb": round(row["searches"]["thi dua"]["gzip"] / 1000),
            "same_first_page": row["same_first_page"],
        }
        for row in rows
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--work", type=Path, required=False)
    parser.add_argument("--queries", default="bac ha,thi dua,khen thưởng")
    parser.add_argument("--ways", default=",".join(WAYS))
    parser.add_argument("--part-pages", type=int, help="pages per part (default: the build's)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        spec = json.loads(args.child)
        write_result(spec, child(spec))
        return 0
    work = args.work or ROOT / ".bench-search-parts"
    queries = tuple(q.strip() for q in args.queries.split(",") if q.strip())
    rows = compare(args.articles, work, queries, args.ways.split(","), args.part_pages)
    print(f"\n{args.articles:,} bài")
    head = [f"'{q}': tải raw / gzip (kB), tệp, kết quả" for q in queries]
    print("| cách | Pagefind (MiB) | Python (MiB) | lập chỉ mục (s) | chỉ mục (MB) | "
          + " | ".join(head) + " |")  # fmt: skip
    for row in rows:
        cells = [
            f"{s['raw'] / 1000:,.0f} / {s['gzip'] / 1000:,.0f}, {s['requests']}, {s['status']}"
            for s in row["searches"].values()
        ]
        numbers = [row["pagefind_mib"], row["python_mib"], row["index_s"], row["bundle_mb"]]
        print(f"| {row['way']} | " + " | ".join([*(f"{x:,}" for x in numbers), *cells]) + " |")
    for row in rows[1:]:
        print(f"{row['way']}: first results page as '{rows[0]['way']}' for "
              f"{row['same_first_page']} searches (the last: newest first, no words)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
