"""Counting and weighting terms with arrays (plugins/related/vectors.py), checked by hand."""

import math

import numpy as np

from plugins.related import vectors
from plugins.related.text import Tokenizer
from plugins.related.vectors import Bm25, Texts, count_terms, document_frequency, postings, weigh


def read(tokenizer, articles):
    """Texts of articles given as [(text, syllable weight, pair weight), ...] each."""
    texts, article, syllable, pair = [], [], [], []
    for k, fields in enumerate(articles):
        for text, s, p in fields:
            texts.append(text)
            article.append(k)
            syllable.append(s)
            pair.append(p)
    return Texts(
        ids=np.array(tokenizer.joined_ids(texts), dtype=np.int64),
        article=np.array(article, dtype=np.int64),
        syllable_weight=np.array(syllable, dtype=np.float64),
        pair_weight=np.array(pair, dtype=np.float64),
    )


def text_of(tokenizer, base, code):
    code = int(code)
    if code < base:
        return tokenizer.text_of(code)
    first, second = divmod(code, base)
    return f"{tokenizer.text_of(first)} {tokenizer.text_of(second)}"


def as_dict(terms, tokenizer, base):
    """{(article, "term text"): frequency} of count_terms' arrays."""
    return {
        (int(a), text_of(tokenizer, base, code)): float(n)
        for a, code, n in zip(terms.article, terms.code, terms.frequency, strict=True)
    }


def test_syllables_and_pairs_counted_with_the_weight_of_their_text():
    tokenizer = Tokenizer()
    texts = read(
        tokenizer,
        [
            [("Thi đua khen thưởng", 1.5, 3.0), ("thi đua của các đơn vị thi đua", 0.5, 1.0)],
            [("Đơn vị", 0.5, 1.0)],
        ],
    )
    base = tokenizer.size
    found = as_dict(count_terms(texts, base), tokenizer, base)
    # "của" and "các" are stop words: they count nothing and break the pair "đua đơn".
    assert found == {
        (0, "thi"): 1.5 + 0.5 * 2,
        (0, "đua"): 1.5 + 0.5 * 2,
        (0, "khen"): 1.5,
        (0, "thưởng"): 1.5,
        (0, "thi đua"): 3.0 + 1.0 * 2,
        (0, "đua khen"): 3.0,
        (0, "khen thưởng"): 3.0,
        (0, "đơn"): 0.5,
        (0, "vị"): 0.5,
        (0, "đơn vị"): 1.0,
        (0, "vị thi"): 1.0,
        (1, "đơn"): 0.5,
        (1, "vị"): 0.5,
        (1, "đơn vị"): 1.0,
    }


def test_fields_weigh_their_terms_and_a_lone_syllable_counts_half():
    """As the index reads an article (rank.Index._texts_of): a text of weight w counts each
    pair w times and each syllable w * unigram_weight times."""
    tokenizer = Tokenizer()
    unigram_weight = 0.5
    fields = [("thi đua", 3.0), ("thi đua khen thưởng", 1.0)]
    texts = read(tokenizer, [[(text, w * unigram_weight, w) for text, w in fields]])
    base = tokenizer.size
    counts = {
        text: n for (_, text), n in as_dict(count_terms(texts, base), tokenizer, base).items()
    }
    assert counts["thi đua"] == 3.0 + 1.0
    assert counts["thi"] == 1.5 + 0.5
    assert counts["khen thưởng"] == 1.0


def test_a_text_end_breaks_pairs_and_a_text_of_weight_zero_counts_nothing():
    tokenizer = Tokenizer()
    texts = read(tokenizer, [[("khen", 1.0, 1.0), ("thưởng", 1.0, 1.0), ("bằng khen", 0.0, 0.0)]])
    base = tokenizer.size
    found = as_dict(count_terms(texts, base), tokenizer, base)
    assert found == {(0, "khen"): 1.0, (0, "thưởng"): 1.0}


def test_new_syllables_of_a_draft_get_codes_no_indexed_article_has():
    tokenizer = Tokenizer()
    indexed = count_terms(read(tokenizer, [[("thi đua", 1.0, 1.0)]]), tokenizer.size)
    base = tokenizer.size
    draft = count_terms(read(tokenizer, [[("thi đua sôi nổi", 1.0, 1.0)]]), base)
    space = base * base
    assert set(indexed.code.tolist()) <= set(draft.code.tolist())
    new = [c for c in draft.code.tolist() if c not in set(indexed.code.tolist())]
    assert len(new) == 4  # "sôi", "nổi", "đua sôi", "sôi nổi"
    assert all(c >= space for c in new) and len(set(new)) == 4


def test_a_vocabulary_too_big_for_one_key_gives_the_same_counts(monkeypatch):
    tokenizer = Tokenizer()
    articles = [[("phong trào thi đua yêu nước", 1.0, 2.0)], [("thi đua yêu nước", 1.0, 2.0)]]
    texts = read(tokenizer, articles)
    base = tokenizer.size
    usual = count_terms(texts, base)
    monkeypatch.setattr(vectors, "_INT64_LIMIT", 1)
    wide = count_terms(texts, base)
    for field in ("article", "code", "frequency"):
        assert getattr(usual, field).tolist() == getattr(wide, field).tolist()


def test_bm25_weights_pruning_unit_length_and_coverage():
    tokenizer = Tokenizer()
    texts = read(
        tokenizer,
        [
            [("lũ quét sạt lở, lũ quét", 1.0, 1.0)],
            [("lũ quét sạt lở", 1.0, 1.0)],
            [("sạt lở đất", 1.0, 1.0)],
        ],
    )
    base = tokenizer.size
    terms = count_terms(texts, base)
    distinct, frequency = document_frequency(terms.code)
    df = frequency[np.searchsorted(distinct, terms.code)]
    idf = np.array([0.0, 0.0, math.log(1 + 1.5 / 2.5), math.log(1 + 0.5 / 3.5)])
    lengths = np.bincount(terms.article, weights=terms.frequency)
    p = Bm25(k1=1.2, b=0.75, average_length=float(lengths.mean()), rare_idf=1.0, keep=3)
    weighted = weigh(terms, df, idf, 0, 3, p)
    # At most 3 terms per article, strongest first, unit length.
    for a in range(3):
        w = weighted.weight[weighted.article == a]
        assert len(w) <= 3
        assert list(w) == sorted(w, reverse=True)
        assert math.isclose(float((w * w).sum()), 1.0)
    # Article 0 by hand: "lũ" twice (df 2), "quét" twice (df 2), "lũ quét" twice (df 2);
    # "sạt", "lở", "sạt lở" once (df 3): the repeated terms lead.
    first = weighted.code[weighted.article == 0].tolist()
    strong = {text_of(tokenizer, base, c) for c in first}
    assert strong == {"lũ", "quét", "lũ quét"}
    # "đất" and "lở đất" are in article 2 only: they lower its coverage, not the others'.
    assert weighted.coverage[0] == 1.0 and weighted.coverage[1] == 1.0
    assert 0.0 < weighted.coverage[2] < 1.0


def test_equal_weights_keep_the_code_order_and_postings_prefer_the_heavier_then_older():
    weights = np.array([0.5, 0.5 * (1 + 2.0**-40), 0.25, 0.5])
    keys = vectors._descending(weights)
    # 0.5 and 0.5 * (1 + 2**-40) are a tie (closer than 2**-31); 0.25 is last.
    assert keys[0] == keys[1] == keys[3] and keys[2] > keys[0]
    weighted = vectors.Weighted(
        article=np.array([0, 0, 1, 2, 3]),
        code=np.array([7, 9, 7, 7, 7]),
        weight=np.array([0.6, 0.8, 0.9, 0.6, 0.6]),
        rank=np.array([1, 0, 0, 0, 0]),
        coverage=np.ones(4),
    )
    assert postings(weighted, indexed=40, limit=3) == {7: [1, 0, 2], 9: [0]}
    assert postings(weighted, indexed=1, limit=3) == {7: [1, 2, 3], 9: [0]}
