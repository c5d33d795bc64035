"""tools/bench_related.py and tools/related_debug.py (make bench, make related-debug)."""

import io

from tools import bench_related, related_debug


def test_bench_runs_and_reports_its_columns():
    result = bench_related.run(300)
    assert result["articles"] == 300
    for key in ("index_s", "rank_s", "total_s", "wall_s", "ms_per_article"):
        assert result[key] >= 0
    assert 3 <= result["links_per_article"] <= 5


def test_synthetic_articles_are_the_same_every_time():
    first = bench_related.synthetic_docs(50)
    assert first == bench_related.synthetic_docs(50)
    assert len({doc.key for doc in first}) == 50
    assert all(len(doc.body) > 2000 for doc in first)


def test_debug_explains_both_lists_of_a_sample_article():
    published, _, _ = related_debug.load_articles()
    article = sorted(published, key=lambda a: a.url)[0]
    out = io.StringIO()
    assert related_debug.explain(article.url.strip("/"), out=out) == 0
    text = out.getvalue()
    assert article.title in text
    assert "TIN CÙNG CHUYÊN MỤC" in text and "CÓ THỂ BẠN QUAN TÂM" in text
    assert "từ chung:" in text and "chọn" in text


def test_debug_says_when_the_slug_is_unknown():
    out = io.StringIO()
    assert related_debug.explain("khong-co-bai-nay", out=out) == 1
    assert "Không tìm thấy" in out.getvalue()
    assert related_debug.main([]) == 2
