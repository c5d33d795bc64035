"""The two lists: "Tin cùng chuyên mục" and "Có thể bạn quan tâm" (pure ranking)."""

import random
from datetime import datetime, timedelta

import pytest

from plugins.related.rank import Doc, Index, same_category
from plugins.related.settings import RankSettings, RelatedSettings

START = datetime(2024, 1, 1, 8, 0)

TOPICS = {
    "lu": "mưa lũ sạt lở đất lũ quét khắc phục hậu quả thiên tai sơ tán người dân",
    "du-lich": "du lịch du khách homestay lượng khách lưu trú lễ hội điểm tham quan",
    "giao-duc": "học sinh giáo viên năm học trường học kỳ thi tốt nghiệp dạy học",
    "y-te": "bệnh viện khám chữa bệnh bác sĩ tiêm chủng vắc xin người bệnh",
}


def doc(key, day=0, category="Xã hội", text="", **fields):
    return Doc(
        key=key,
        slug=key,
        date=START + timedelta(days=day),
        category=category,
        title=fields.pop("title", key),
        body=text,
        **fields,
    )


def topic_docs():
    docs = []
    for t, (topic, words) in enumerate(sorted(TOPICS.items())):
        vocabulary = words.split()
        for n in range(5):
            rng = random.Random(f"{topic}-{n}")
            body = " ".join(rng.choice(vocabulary) for _ in range(60))
            common = "Ủy ban nhân dân tỉnh tổ chức hội nghị công tác năm"
            docs.append(doc(f"{topic}-{n}", day=t * 10 + n, text=f"{common}. {body}."))
    return docs


# -- Tin cùng chuyên mục ---------------------------------------------------------------------


def test_same_category_is_older_articles_newest_first():
    docs = [doc(f"a{i}", day=i) for i in range(10)]
    lists = same_category(docs, count=3)
    assert lists["a7"] == ["a6", "a5", "a4"]


def test_same_category_is_filled_with_newer_ones_and_stays_newest_first():
    docs = [doc(f"a{i}", day=i) for i in range(10)]
    lists = same_category(docs, count=3)
    assert lists["a0"] == ["a3", "a2", "a1"]
    assert lists["a1"] == ["a3", "a2", "a0"]


def test_same_category_keeps_to_the_category_and_never_lists_the_article():
    docs = [doc(f"a{i}", day=i, category="Kinh tế" if i % 2 else "Xã hội") for i in range(8)]
    lists = same_category(docs, count=6)
    assert lists["a5"] == ["a7", "a3", "a1"]
    assert all(key not in found for key, found in lists.items())


def test_same_category_ties_are_broken_by_date_then_slug():
    docs = [doc(name, day=1) for name in ("c", "a", "b")] + [doc("z", day=2)]
    assert same_category(docs, count=6)["z"] == ["c", "b", "a"]


# -- Có thể bạn quan tâm ---------------------------------------------------------------------


def test_similar_articles_are_on_the_same_topic():
    docs = topic_docs()
    lists = Index(docs).similar_all()
    for key, found in lists.items():
        assert len(found) >= 3
        assert all(other.split("-")[0] == key.split("-")[0] for other in found), (key, found)


def test_never_the_article_itself_and_at_most_five():
    lists = Index(topic_docs()).similar_all()
    for key, found in lists.items():
        assert key not in found
        assert len(found) <= 5 and len(set(found)) == len(found)


def test_same_input_in_any_order_gives_the_same_lists():
    docs = topic_docs()
    shuffled = docs[:]
    random.Random(7).shuffle(shuffled)
    assert Index(docs).similar_all() == Index(shuffled).similar_all()


def test_ties_are_broken_by_date_then_slug():
    text = "Hội nghị tổng kết phong trào thi đua khen thưởng của khối thi đua các huyện"
    docs = [doc("goc", day=0, text=text)] + [
        doc(name, day=day, text=text) for name, day in (("b", 5), ("a", 5), ("c", 9))
    ]
    settings = RankSettings(recency_bonus=0.0)
    assert Index(docs, settings).similar("goc") == ["c", "a", "b"]


def test_no_shared_text_no_link_even_with_shared_metadata():
    # (with only two articles, nothing is shared: no link, whatever the metadata says)
    docs = [
        doc("a", text="mưa lũ sạt lở đất lũ quét", units=("bac-ha",), tags=("Bắc Hà",)),
        doc("b", day=1, text="bệnh viện bác sĩ tiêm chủng", units=("bac-ha",), tags=("Bắc Hà",)),
    ]
    assert Index(docs).similar("a") == []


def test_shared_decision_and_units_raise_an_article_that_is_already_alike():
    base = "Tặng Bằng khen cho tập thể có thành tích xuất sắc trong phong trào thi đua"
    docs = [
        doc("goc", text=base, decisions=("163-qd-ubnd-2023",), units=("bac-ha",)),
        doc("khac", day=2, text=base + " năm nay"),
        doc("cung-qd", day=1, text=base, decisions=("163-qd-ubnd-2023",), units=("bac-ha",)),
    ]
    index = Index(docs)
    assert index.similar("goc")[0] == "cung-qd"
    top = index.explain("goc")[0]
    assert top.decisions == ("163-qd-ubnd-2023",) and top.units == ("bac-ha",)
    assert top.metadata_bonus > 0 and top.score > top.text


def test_a_small_topic_is_not_padded_with_unrelated_articles():
    docs = topic_docs()
    # a lone article on a fifth topic, close to nothing
    docs.append(doc("le", day=99, text="bóng đá vận động viên huy chương giải đấu cổ động viên"))
    found = Index(docs).similar("le")
    assert len(found) <= 3  # the minimum a page shows, never padded to 5


def test_a_draft_is_ranked_against_published_articles_only():
    docs = topic_docs()
    index = Index(docs)
    draft = doc("nhap", day=200, text=TOPICS["giao-duc"] + " " + TOPICS["giao-duc"])
    ranked = [r for r in index.similar_to_new(draft) if r.kept]
    assert ranked and all(r.key.startswith("giao-duc") for r in ranked)
    # and the draft is never a candidate of a published article
    assert all("nhap" not in found for found in index.similar_all().values())


def test_explain_gives_every_part_of_the_score():
    index = Index(topic_docs())
    rows = index.explain("lu-0")
    kept = [r for r in rows if r.kept]
    assert kept and all(r.reason == "chọn" for r in kept)
    first = kept[0]
    assert first.shared_terms and first.shared_terms[0].contribution > 0
    expected = first.text * (1 + first.metadata_bonus) * (1 + first.recency_bonus)
    assert first.score == pytest.approx(expected)
    assert all(r.reason for r in rows)


def test_settings_have_defaults_and_reject_unknown_keys():
    assert RelatedSettings.from_pelican({}).rank.similar_count == 5
    assert RelatedSettings.from_pelican({}).same_category_count == 6
    custom = RelatedSettings.from_pelican({"RELATED": {"similar_count": 4, "mentions": False}})
    assert custom.rank.similar_count == 4 and custom.mentions is False
    with pytest.raises(ValueError, match="similar_cout"):
        RelatedSettings.from_pelican({"RELATED": {"similar_cout": 4}})


def test_share_lists_moves_low_ranked_same_category_articles_when_the_category_list_is_short():
    from datetime import datetime

    from plugins.related.rank import Doc, share_lists

    def doc(slug, day, category="A"):
        return Doc(
            key=slug, slug=slug, date=datetime(2024, 1, day), category=category,
            title=slug, summary="", body="",
        )  # fmt: skip

    docs = {d.key: d for d in [doc("p", 10), *(doc(f"a{i}", i) for i in range(1, 6))]}
    docs["b1"] = doc("b1", 7, "B")
    # similar: a1..a4 (A) and b1 (B), best first; one A article is left for the category list
    similar, same = share_lists("p", ["a1", "b1", "a2", "a3", "a4"], ["a5"], docs)
    assert similar == ["a1", "b1", "a2"]
    assert same == ["a5", "a4", "a3"]  # newest first
    assert not set(similar) & set(same)
    # never below similar_min, and nothing moves when the category list is long enough
    assert share_lists("p", ["a1", "a2", "a3"], [], docs) == (["a1", "a2", "a3"], [])
    assert share_lists("p", ["a1", "a2", "a3", "a4"], ["x", "y", "z"], docs)[1] == ["x", "y", "z"]
