"""Finding unit names in text and linking their first mention (pure)."""

import unicodedata

from plugins.related.mentions import MentionFinder, link_first_mentions, mentioned_units

NAMES = {
    "bac-ha": ["UBND huyện Bắc Hà", "Bắc Hà", "huyện Bắc Hà"],
    "xa-bac-ha": ["UBND xã Bắc Hà", "xã Bắc Hà"],
    "truong-thpt-bac-ha": ["Trường THPT số 1 Bắc Hà"],
    "tx-sa-pa": ["UBND thị xã Sa Pa", "Sa Pa", "thị xã Sa Pa"],
    "so-noi-vu": ["Sở Nội vụ tỉnh Lào Cai", "Sở Nội vụ"],
}
URLS = {uid: f"../../../don-vi/{uid}/" for uid in NAMES}


def units(text, **kw):
    return [m.unit for m in MentionFinder(NAMES).find(text, **kw)]


def test_longest_name_wins():
    assert units("học sinh Trường THPT số 1 Bắc Hà") == ["truong-thpt-bac-ha"]
    assert units("UBND huyện Bắc Hà tổ chức") == ["bac-ha"]
    assert units("Sở Nội vụ tỉnh Lào Cai") == ["so-noi-vu"]


def test_a_name_that_starts_another_falls_back_to_the_shorter_when_the_longer_does_not_fit():
    finder = MentionFinder({"a": ["Bắc Hà"], "b": ["Bắc Hà Mới"], "c": ["Bắc Hà Mới Nhất"]})
    assert [m.text for m in finder.find("xã Bắc Hà Mới Nhất")] == ["Bắc Hà Mới Nhất"]
    assert [m.text for m in finder.find("xã Bắc Hà Mới Nhấtt")] == ["Bắc Hà Mới"]
    assert [m.text for m in finder.find("xã Bắc Hà Mớix, Bắc  Hà\nMới")] == [
        "Bắc Hà",
        "Bắc  Hà\nMới",
    ]
    assert [m.unit for m in finder.find("Bắc Hà Mới Nhất")] == ["c"]


def test_whole_words_only():
    assert units("quan hệ với Bắc Hàn") == []
    assert units("Bắc Hàng") == []
    assert units("xBắc Hà") == []
    assert units("(Bắc Hà)") == ["bac-ha"]
    assert units("Bắc Hà.") == ["bac-ha"]


def test_decomposed_names_and_text_match_once_normalised():
    nfd = {uid: [unicodedata.normalize("NFD", n) for n in names] for uid, names in NAMES.items()}
    finder = MentionFinder(nfd)
    text = unicodedata.normalize("NFC", "đến huyện Bắc Hà")
    assert [m.unit for m in finder.find(text)] == ["bac-ha"]
    assert finder.units_in([unicodedata.normalize("NFD", "đến huyện Bắc Hà")]) == ["bac-ha"]


def test_capital_at_sentence_start_and_line_breaks_inside_a_name():
    assert units("Huyện Bắc Hà đứng đầu.") == ["bac-ha"]
    assert units("thị xã\nSa Pa") == ["tx-sa-pa"]


def test_a_name_of_two_units_needs_the_metadata_or_the_resolver():
    names = {"bac-ha": ["Bắc Hà"], "xa-bac-ha": ["Bắc Hà", "xã Bắc Hà"]}
    finder = MentionFinder(names)
    assert finder.find("tại Bắc Hà") == []
    assert [m.unit for m in finder.find("tại Bắc Hà", prefer=["xa-bac-ha"])] == ["xa-bac-ha"]
    chosen = finder.find("tại Bắc Hà", resolve=lambda name, ids: "bac-ha")
    assert [m.unit for m in chosen] == ["bac-ha"]
    assert [m.unit for m in finder.find("tại xã Bắc Hà")] == ["xa-bac-ha"]


def test_units_in_order_of_first_appearance_metadata_first():
    finder = MentionFinder(NAMES)
    found = finder.units_in(["Sa Pa và Bắc Hà", "lại Sa Pa, Sở Nội vụ"])
    assert found == ["tx-sa-pa", "bac-ha", "so-noi-vu"]
    assert mentioned_units(["so-noi-vu", "bat-xat"], found) == [
        "so-noi-vu",
        "bat-xat",
        "tx-sa-pa",
        "bac-ha",
    ]


def test_only_the_first_mention_is_linked_and_not_inside_links_or_headings():
    markup = (
        "<h2>Bắc Hà</h2><p>Đoàn đến <a href='x'>Sa Pa</a> rồi Bắc Hà; Bắc Hà và Sa Pa "
        "<code>Sở Nội vụ</code>.</p>"
    )
    linked, units_linked = link_first_mentions(markup, MentionFinder(NAMES), URLS)
    assert units_linked == ["bac-ha", "tx-sa-pa"]
    assert linked.count('href="../../../don-vi/bac-ha/"') == 1
    assert "<h2>Bắc Hà</h2>" in linked
    assert "<code>Sở Nội vụ</code>" in linked
    assert 'rồi <a href="../../../don-vi/bac-ha/" data-don-vi="bac-ha">Bắc Hà</a>;' in linked
    assert 'và <a href="../../../don-vi/tx-sa-pa/" data-don-vi="tx-sa-pa">Sa Pa</a>' in linked


def test_linking_twice_changes_nothing():
    finder = MentionFinder(NAMES)
    once, _ = link_first_mentions("<p>Bắc Hà và Bắc Hà</p>", finder, URLS)
    twice, again = link_first_mentions(once, finder, URLS)
    assert twice == once and again == []


def test_units_without_a_page_are_not_linked():
    linked, found = link_first_mentions("<p>Bắc Hà</p>", MentionFinder(NAMES), {})
    assert linked == "<p>Bắc Hà</p>" and found == []
