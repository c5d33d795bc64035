"""Tokenising Vietnamese text into syllables and syllable pairs."""

import unicodedata

from plugins.related.stopwords import STOP_WORDS
from plugins.related.text import html_to_text, split_terms, terms


def test_syllables_and_pairs_in_lower_case_nfc():
    unigrams, bigrams = split_terms("Hội nghị Thi đua")
    assert unigrams == ["hội", "nghị", "thi", "đua"]
    assert bigrams == ["hội nghị", "nghị thi", "thi đua"]


def test_decomposed_input_gives_the_same_terms():
    text = "Khen thưởng huyện Bắc Hà"
    assert terms(unicodedata.normalize("NFD", text)) == terms(text)


def test_stop_words_are_dropped_and_break_pairs():
    unigrams, bigrams = split_terms("kết quả của phong trào và các đơn vị")
    assert "của" not in unigrams and "và" not in unigrams and "các" not in unigrams
    assert "quả của" not in bigrams and "quả phong" not in bigrams
    assert bigrams == ["kết quả", "phong trào", "đơn vị"]


def test_punctuation_and_numbers_break_pairs():
    _, bigrams = split_terms("tỉnh, huyện 2023 khen thưởng. Bắc Hà")
    assert "tỉnh huyện" not in bigrams
    assert "huyện khen" not in bigrams
    assert "thưởng bắc" not in bigrams
    assert bigrams == ["khen thưởng", "bắc hà"]


def test_content_words_that_look_grammatical_are_kept():
    # "chỉ" (chỉ đạo), "từ" (từ thiện), "không" (không gian), "chính" (hành chính)
    for word in ("chỉ", "từ", "không", "chính", "bằng", "mới"):
        assert word not in STOP_WORDS
    _, bigrams = split_terms("chỉ đạo công tác từ thiện, cải cách hành chính")
    assert {"chỉ đạo", "từ thiện", "cải cách", "hành chính"} <= set(bigrams)


def test_html_to_text_drops_tags_code_and_decodes_entities():
    text = html_to_text("<p>Bắc&nbsp;Hà &amp; Sa Pa</p><pre>mã nguồn</pre><script>x()</script>")
    assert "Bắc\xa0Hà & Sa Pa" in text
    assert "mã nguồn" not in text and "x()" not in text


def test_teaser_cuts_at_a_word_boundary_with_an_ellipsis():
    from plugins.related.text import teaser

    words = [f"từ{i}" for i in range(40)]
    cut = teaser(" ".join(words) + ".", 30)
    assert cut == " ".join(words[:30]) + "…"
    assert teaser("Ngắn  gọn,\n vừa đủ.", 30) == "Ngắn gọn, vừa đủ."
    assert teaser("một, hai, ba, bốn", 2) == "một, hai…"
    assert teaser("", 30) == ""
