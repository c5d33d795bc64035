"""`make bench` machinery on a tiny corpus: valid articles, plugin timings, a bare build.

No assertion on time: only that the numbers exist and the builds really happened.
"""

from __future__ import annotations

import random

from tests.support import phone_jpeg
from tools.bench import make_corpus, measure, synthetic_article


def small_base(tmp_path):
    """A content/ with one small photo, so that the corpus builds in seconds."""
    photo = tmp_path / "base" / "images" / "anh.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(phone_jpeg(size=(640, 480)))
    return tmp_path / "base"


def test_synthetic_articles_pass_make_check(tmp_path):
    from tools import check

    content = make_corpus(tmp_path / "corpus", 12, base=small_base(tmp_path))
    assert len(list((content / "articles/bench").glob("*.md"))) == 12
    assert check.main(["--content", str(content), "--quiet-ok"]) == 0


def test_synthetic_articles_are_reproducible():
    first = synthetic_article(7, 100, random.Random(1), ["Kinh tế"], ["images/a.jpg"])
    second = synthetic_article(7, 100, random.Random(1), ["Kinh tế"], ["images/a.jpg"])
    assert first == second
    assert "Category: Kinh tế" in first and "Summary: " in first


def test_our_build_and_bare_build_are_measured(tmp_path):
    content = make_corpus(tmp_path / "corpus", 6, base=small_base(tmp_path))
    log = tmp_path / "bench.log"
    ours = measure("ours", content, tmp_path / "out", tmp_path / "cache", log)
    assert "photos" in ours["plugins"]
    assert ours["stages"]["pelican"] > 0 and ours["stages"]["compress"] > 0
    assert (tmp_path / "out" / "sitemap.xml.br").is_file(), "compression is the last step"
    assert ours["files"] > 0 and ours["output_mb"] > 0 and ours["peak_mib"] > 0
    # Indexing runs in a process of its own, as in tools/build.py: Pagefind's peak apart.
    assert ours["stages"]["pagefind"] > 0 and ours["pagefind_mib"] > 0
    assert 0 < ours["indexer_mib"] < ours["python_mib"]
    assert (tmp_path / "out" / "pagefind" / "pagefind-entry.json").is_file()
    assert (tmp_path / "cache" / "photos").is_dir(), "the bench's own cache, not the repo's"

    bare = measure("bare", content, tmp_path / "bare", tmp_path / "bare-cache", log)
    assert bare["plugins"] == {}
    assert bare["files"] > 0
    assert not list((tmp_path / "bare").rglob("*.br")), "bare Pelican runs no plugin"
