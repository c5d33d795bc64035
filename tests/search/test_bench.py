"""tools/bench_search.py on a small generated site: it measures what a first search loads."""

from __future__ import annotations

import pytest

from tools.bench_search import is_search_request, make_big_site, measure

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_first_search_bytes_on_a_small_generated_site(tmp_path, browser):
    site = make_big_site(tmp_path, 40)
    pages = {p.parent.name for p in site.glob("20*/*/bai-*/index.html")}
    assert len(pages) == 40
    got = measure(site, ("bac ha",), browser)["bac ha"]
    assert got["status"].startswith("Tìm thấy")
    files = got["files"]
    for needed in ("/pagefind/pagefind.js", "/pagefind/wasm.unknown.pagefind",
                   "/pagefind/tieng-viet.json", "/theme/js/search.js"):  # fmt: skip
        assert needed in files, sorted(files)
    assert any(path.endswith(".pf_index") for path in files)
    assert any(path.endswith(".pf_fragment") for path in files)
    assert all(is_search_request(path) for path in files)
    assert got["raw"] == sum(files.values())
    assert 0 < got["gzip"] < got["raw"]


def test_three_ways_of_indexing_in_parts_are_measured(browser):
    """tools/bench_search_parts.run (make bench): one run, merged parts and mergeIndex give
    the same results; each row has its memory and first-search bytes."""
    from tools.bench_search_parts import WAYS, run

    rows = run(40, browser)  # parts of 10 pages: the merger and mergeIndex really have parts
    assert [row["way"] for row in rows] == list(WAYS)
    for row in rows:
        assert row["pagefind_mib"] > 0 and row["python_mib"] > 0
        assert row["first_search_gzip_kb"] > 0
    assert rows[1]["same_first_page"] == "2/2", "merged parts answer as one run does"
