"""Bytes a reader's first search downloads, on the sample site and on a generated large site.

`run(n_articles)` returns one flat dict for `make bench` (tools/bench.py):

- the sample content/ built exactly like `make html` (tools.build), and
- a generated site of `n_articles` articles (default 2,000; 10,000 with --articles 10000,
  which takes a few minutes on two cores): the real search page and theme of a small
  Pelican build, plus article pages written directly as HTML with the same indexed structure
  as theme/templates/article.html (title, lead, body in `data-pagefind-body`; page kind,
  category, year and unit filters; date and category metadata; the date sort), then indexed
  by tools/search/. Writing the pages directly is much faster than a Pelican build
  of as many articles, and the index is all that matters here.

For each site, a fresh chromium (Debian's, through Playwright: cold cache) opens
/tim-kiem/?q=<query> and records every response until the results are shown. "Search bytes"
are the requests the search adds to an ordinary page: search.js and everything under
/pagefind/ (Pagefind's script, worker, WebAssembly, metadata, index and filter chunks, the
fragments of the ten results shown, our lexicon). Two figures: as a plain static server
sends them ("raw") and as a host that compresses text sends them ("gzip": gzip -9 of
.js/.json; Pagefind's own files are already gzip).

    .venv/bin/python -m tools.bench_search                   # sample + 2,000 articles
    .venv/bin/python -m tools.bench_search --articles 10000  # the 10k figure (minutes)
    .venv/bin/python -m tools.bench_search --no-sample --queries "bac ha,thi đua" --files
"""

from __future__ import annotations

import argparse
import gzip
import html as html_text
import random
import re
import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote_plus, urlsplit

from tools.benchkit import ROOT, categories, made_up_sentence
from tools.serve import serving

CHROMIUM = "/usr/bin/chromium"
QUERIES = ("bac ha", "thi dua", "khen thưởng")
DEFAULT_ARTICLES = 2_000  # 10,000 takes minutes: --articles 10000
ALREADY_COMPRESSED = (".pf_meta", ".pf_index", ".pf_filter", ".pf_fragment", ".pagefind")

# --------------------------------------------------------------------------- the big site

_UNITS = ("Bắc Hà", "Sa Pa", "Mường Khương", "Bát Xát", "Bảo Thắng", "Bảo Yên", "Văn Bàn",
          "Si Ma Cai", "Lào Cai", "Sở Nội vụ", "Sở Y tế", "Bộ đội Biên phòng tỉnh")  # fmt: skip
_FALLBACK = (
    "Phong trào thi đua yêu nước được các huyện hưởng ứng rộng rãi.",
    "Huyện Bắc Hà tổ chức hội nghị tổng kết công tác thi đua, khen thưởng.",
    "Đồn Biên phòng phối hợp với chính quyền xã giúp dân phát triển kinh tế.",
    "Chủ tịch UBND tỉnh tặng Bằng khen cho các tập thể có thành tích xuất sắc.",
)


def sample_sentences() -> list[list[str]]:
    """The sentences of each sample article (Markdown bodies, markup removed)."""
    articles = []
    for path in sorted((ROOT / "content" / "articles").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        body = text.split("\n\n", 1)[-1]
        body = re.sub(r"!\[[^\]]*\]\([^)]*\)|\{[^}]*\}|[#*_>|`]", " ", body)
        body = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", body)
        sentences = [
            sentence
            for sentence in re.split(r"(?<=[.!?])\s+", " ".join(body.split()))
            if len(sentence.split()) >= 5
        ]
        if sentences:
            articles.append(sentences)
    return articles or [list(_FALLBACK)]


def article_page(i: int, rng: random.Random, sources, categories) -> tuple[str, str]:
    """(path, HTML) of one generated article of about 450 words.

    Like a real news site, topics recur but each is in a share of the articles only: the
    article retells one sample article (its sentences, in another order, with others made
    up of random syllables, a long tail of rare words), so that a topic's words are in about
    as many generated articles as the sample has articles on it, proportionally.
    """
    date = datetime(2015, 1, 1, 7, 0) + timedelta(hours=6 * i + rng.randint(0, 5))
    category = categories[i % len(categories)]
    unit = _UNITS[rng.randrange(len(_UNITS))]
    sentences = sources[i % len(sources)]

    def sentence() -> str:
        return rng.choice(sentences) if rng.random() < 0.6 else made_up_sentence(rng, 6, 14)

    def text(count: int) -> str:
        return html_text.escape(" ".join(sentence() for _ in range(count)))

    title = html_text.escape(f"{rng.choice(sentences).rstrip('.')[:90]} (bài {i})")
    lead = text(2)
    paragraphs = "".join(f"<p>{text(rng.randint(3, 5))}</p>" for _ in range(6))
    slug = f"bai-{i}"
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{title}</title></head><body>
<header data-pagefind-ignore="all"><a href="/">Trang chủ</a></header>
<main id="noi-dung"><article class="article" data-pagefind-body>
<p class="kicker" data-pagefind-ignore>{category}</p>
<h1>{title}</h1>
<p class="meta" data-pagefind-ignore><time data-pagefind-sort="date:{date.isoformat()}">\
{date:%d/%m/%Y %H:%M}</time> · <a data-pagefind-meta="author">Ban biên tập</a></p>
<span hidden data-pagefind-ignore data-pagefind-filter="loại trang">Tin bài</span>
<span hidden data-pagefind-ignore data-pagefind-filter="chuyên mục">{category}</span>
<span hidden data-pagefind-ignore data-pagefind-filter="năm">{date.year}</span>
<span hidden data-pagefind-ignore data-pagefind-filter="đơn vị">{unit}</span>
<span hidden data-pagefind-ignore data-pagefind-meta="date">{date:%d/%m/%Y}</span>
<span hidden data-pagefind-ignore data-pagefind-meta="category">{category}</span>
<div class="lead"><p>{lead}</p></div>
<div class="article-body">{paragraphs}</div>
</article></main></body></html>
"""
    return f"{date:%Y}/{date:%m}/{slug}/index.html", html


def make_big_site(folder: Path, n_articles: int) -> Path:
    """The search page and theme of a one-article Pelican build, plus n generated articles."""
    from tests.support import make_content, pelican_build
    from tools.search import index

    content = make_content(
        folder / "content",
        {
            "articles/mot-bai.md": "Title: Một bài\nDate: 2015-01-01 07:00\n"
            "Category: Thi đua - Khen thưởng\nAuthors: Ban biên tập\n"
            "Summary: Bài mẫu.\n\nNội dung bài mẫu.\n"
        },
    )
    site = pelican_build(content, folder / "site")
    names = categories()
    rng = random.Random(20251219 + n_articles)
    sources = sample_sentences()
    for i in range(n_articles):
        path, html = article_page(i, rng, sources, names)
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    index(site)
    return site


def build_sample(folder: Path) -> Path:
    from tools.build import build

    output = folder / "sample"
    build(ROOT / "content", output)
    return output


# ------------------------------------------------------------------------------ measuring


def _compressed_size(path: str, body: bytes) -> int:
    if path.endswith(ALREADY_COMPRESSED):
        return len(body)
    return len(gzip.compress(body, compresslevel=9, mtime=0))


def is_search_request(path: str) -> bool:
    return "/pagefind/" in path or path.endswith("/js/search.js")


def first_search(browser, base: str, query: str) -> dict:
    """What a fresh browser downloads to show the first results for `query`."""
    from playwright.sync_api import expect

    context = browser.new_context(locale="vi-VN")
    seen: dict[str, bytes] = {}

    def record(response):
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            return
        seen[urlsplit(response.url).path] = body

    context.on("response", record)
    try:
        page = context.new_page()
        page.goto(f"{base}/tim-kiem/?q={quote_plus(query)}")
        expect(page.locator("#tim-kiem-trang-thai")).to_have_text(
            re.compile(r"kết quả"), timeout=60_000
        )
        expect(page.locator("#ket-qua")).not_to_have_attribute("aria-busy", "true")
        page.wait_for_load_state("networkidle")
        status = page.locator("#tim-kiem-trang-thai").inner_text()
    finally:
        context.close()
    search = {path: body for path, body in seen.items() if is_search_request(path)}
    return {
        "status": status,
        "requests": len(search),
        "raw": sum(len(body) for body in search.values()),
        "gzip": sum(_compressed_size(path, body) for path, body in search.items()),
        "page_raw": sum(len(b) for p, b in seen.items() if not is_search_request(p)),
        "files": {path: len(body) for path, body in sorted(search.items())},
    }


def measure(site: Path, queries=QUERIES, browser=None) -> dict[str, dict]:
    """first_search() for each query on `site`, served on 127.0.0.1. `browser`: a running
    Playwright chromium to use (the tests' one); else Debian's chromium is started here."""
    with serving(site) as base:
        if browser is not None:
            return {query: first_search(browser, base, query) for query in queries}
        from playwright.sync_api import sync_playwright

        if not Path(CHROMIUM).exists():
            raise SystemExit(f"{CHROMIUM} is missing: install Debian's chromium (apt-get).")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
            )
            try:
                return {query: first_search(browser, base, query) for query in queries}
            finally:
                browser.close()


def bundle_size(site: Path) -> tuple[int, int]:
    files = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def run(
    n_articles: int = DEFAULT_ARTICLES,
    query: str = QUERIES[0],
    sample: bool = True,
    sample_site: Path | None = None,
) -> dict:
    """Bytes of the first search for `query` on the sample site and on n generated articles.

    sample_site: an already built sample site (output of tools.build) to measure instead of
    building content/ again; sample=False skips the sample site, n_articles=0 the big one.
    Keys: <site>_bytes (raw), <site>_gzip_bytes, <site>_requests, <site>_bundle_bytes (the
    whole pagefind/ folder), with <site> "sample" or "n<N>", and n<N>_build_s.
    """
    result: dict = {"query": query}
    with tempfile.TemporaryDirectory(prefix="bench-search-") as work:
        work = Path(work)
        sites = {}
        if sample_site is not None:
            sites["sample"] = Path(sample_site)
        elif sample:
            sites["sample"] = build_sample(work)
        if n_articles:
            started = time.perf_counter()
            sites[f"n{n_articles}"] = make_big_site(work / "big", n_articles)
            result[f"n{n_articles}_build_s"] = round(time.perf_counter() - started, 1)
        for name, site in sites.items():
            got = measure(site, (query,))[query]
            result[f"{name}_bytes"] = got["raw"]
            result[f"{name}_gzip_bytes"] = got["gzip"]
            result[f"{name}_requests"] = got["requests"]
            result[f"{name}_bundle_bytes"] = bundle_size(site)[1]
    return result


# ---------------------------------------------------------------------------------- table


def _kb(n: int) -> str:
    return f"{n / 1024:,.1f} kB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES, help="0: sample only")
    parser.add_argument("--queries", default=",".join(QUERIES))
    parser.add_argument("--no-sample", action="store_true")
    parser.add_argument("--files", action="store_true", help="list every file downloaded")
    parser.add_argument("--keep", type=Path, help="build the sites in this folder, keep them")
    args = parser.parse_args(argv)
    queries = tuple(q.strip() for q in args.queries.split(",") if q.strip())
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    try:
        sites = {}
        if not args.no_sample:
            sites["mẫu (content/)"] = build_sample(work)
        if args.articles:
            started = time.perf_counter()
            sites[f"{args.articles:,} bài"] = make_big_site(work / "big", args.articles)
            print(f"Dựng {args.articles:,} bài + Pagefind: {time.perf_counter() - started:.1f} s")
        print(f"{'Trang':<16}{'Truy vấn':<16}{'Tệp':>5}{'Tải (raw)':>14}{'Tải (gzip)':>14}"
              f"{'Chỉ mục (tổng)':>17}")  # fmt: skip
        for name, site in sites.items():
            _, total = bundle_size(site)
            for query, got in measure(site, queries).items():
                print(f"{name:<16}{query:<16}{got['requests']:>5}{_kb(got['raw']):>14}"
                      f"{_kb(got['gzip']):>14}{_kb(total):>17}")  # fmt: skip
                if args.files:
                    for path, size in got["files"].items():
                        print(f"      {size:>9,}  {path}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
