"""The related lists and unit links in a real Pelican build of a small site."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from plugins.vietnamese.errors import SiteErrors
from tests.honours.helpers import honours_files
from tests.support import article, make_content, page, pelican_build

FLOOD = (
    "Mưa lớn gây lũ quét và sạt lở đất, nhiều tuyến đường bị chia cắt. Lực lượng cứu hộ sơ tán "
    "người dân khỏi vùng nguy hiểm, khắc phục hậu quả thiên tai, hỗ trợ các hộ bị thiệt hại."
)
SCHOOL = (
    "Học sinh bước vào năm học mới, giáo viên chuẩn bị bài giảng, nhà trường sửa sang phòng "
    "học. Ngành giáo dục tổ chức kỳ thi, bồi dưỡng học sinh giỏi và đổi mới phương pháp dạy học."
)


ARTICLES = {
    "lu-1": ("Lũ quét ở vùng cao gây thiệt hại", "2024-09-09 07:30", "Xã hội", FLOOD, {}),
    "lu-2": ("Khắc phục hậu quả sạt lở đất", "2024-09-12 08:00", "Kinh tế", FLOOD, {}),
    "lu-3": ("Sơ tán dân khỏi vùng lũ quét", "2024-09-15 09:00", "Xã hội", FLOOD, {}),
    "lu-4": (
        "Tặng Bằng khen lực lượng cứu hộ trong mưa lũ",
        "2024-09-20 15:00",
        "Thi đua - Khen thưởng",
        FLOOD + " UBND huyện Bắc Hà đề nghị khen thưởng; Bắc Hà và Bắc Hàn là hai tên khác nhau.",
        {"units": "si-ma-cai"},
    ),
    "hoc-1": ("Khai giảng năm học mới", "2024-09-05 07:00", "Xã hội", SCHOOL, {}),
    "hoc-2": ("Bồi dưỡng học sinh giỏi", "2024-09-06 07:00", "Kinh tế", SCHOOL, {}),
    "hoc-3": ("Kỳ thi tốt nghiệp diễn ra an toàn", "2024-09-07 07:00", "Xã hội", SCHOOL, {}),
    "hoc-4": (
        "Giáo viên đổi mới phương pháp dạy học",
        "2024-09-08 07:00",
        "Xã hội",
        SCHOOL + " Thị xã Sa Pa và huyện Bắc Hà có nhiều trường đạt chuẩn.",
        {"mentions": "off", "units": "tx-sa-pa"},
    ),
    "xa-moi": (
        "Xã mới vận hành chính quyền hai cấp",
        "2025-08-01 08:00",
        "Xã hội",
        "Người dân xã Bắc Hà làm thủ tục tại trung tâm phục vụ hành chính công của xã.",
        {},
    ),
    "nhap": ("Bản nháp về lũ quét", "2024-09-25 08:00", "Xã hội", FLOOD, {"status": "draft"}),
}


def write_site(root: Path) -> Path:
    files = dict(honours_files())
    for slug, (title, date, category, body, meta) in ARTICLES.items():
        files[f"articles/{slug}.md"] = article(
            title, date, category, f"{title}.", body=body, slug=slug, **meta
        )
    return make_content(root / "content", files)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("related-site")
    return pelican_build(write_site(root), root / "output")


def section(soup: BeautifulSoup, heading: str):
    for found in soup.find_all(["section", "aside"]):
        h2 = found.find("h2")
        if h2 is not None and h2.get_text(strip=True) == heading:
            return found
    return None


def resolve(site: Path, url: str, href: str) -> Path:
    target = posixpath.normpath(posixpath.join(url, href))
    return site / target / "index.html"


TITLES = {slug: value[0] for slug, value in ARTICLES.items()}
URLS = {slug: f"{value[1][:4]}/{value[1][5:7]}/{slug}/" for slug, value in ARTICLES.items()}


def links(site, slug, heading):
    found = section(page(site, URLS[slug]), heading)
    if found is None:
        return []
    return [(a.get_text(strip=True), a["href"]) for a in found.find_all("a")]


def slug_of(site, slug, href):
    target = resolve(site, URLS[slug], href)
    assert target.exists(), href
    return target.parent.name


def test_both_lists_are_sections_outside_the_search_index(site):
    soup = page(site, URLS["lu-1"])
    for heading in ("Tin cùng chuyên mục", "Có thể bạn quan tâm"):
        found = section(soup, heading)
        assert found is not None, heading
        assert found.has_attr("data-pagefind-ignore")
        assert found.find("time") is not None


def test_similar_articles_are_on_topic_and_titled(site):
    for slug in ("lu-1", "lu-2", "lu-3", "lu-4", "hoc-1", "hoc-2", "hoc-3", "hoc-4"):
        found = links(site, slug, "Có thể bạn quan tâm")
        assert len(found) >= 3, slug
        for text, href in found:
            other = slug_of(site, slug, href)
            assert other != slug and other != "nhap"
            assert other.split("-")[0] == slug.split("-")[0], (slug, other)
            assert text == TITLES[other]


def test_same_category_lists_older_then_newer_articles(site):
    found = [
        slug_of(site, "hoc-3", href) for _, href in links(site, "hoc-3", "Tin cùng chuyên mục")
    ]
    similar = {
        slug_of(site, "hoc-3", href) for _, href in links(site, "hoc-3", "Có thể bạn quan tâm")
    }
    # Xã hội, newest first: older hoc-1, then the newer ones fill the list; never the draft,
    # and never an article already in "Có thể bạn quan tâm" (hoc-4 and hoc-1 are there)
    assert {"hoc-4", "hoc-1"} <= similar
    assert found == ["xa-moi", "lu-3", "lu-1"]


def test_the_two_lists_never_share_an_article_and_items_have_teasers(site):
    for slug in ARTICLES:
        if slug == "nhap":
            continue
        same = [slug_of(site, slug, h) for _, h in links(site, slug, "Tin cùng chuyên mục")]
        similar = [slug_of(site, slug, h) for _, h in links(site, slug, "Có thể bạn quan tâm")]
        assert not set(same) & set(similar), slug
        for heading in ("Tin cùng chuyên mục", "Có thể bạn quan tâm"):
            found = section(page(site, URLS[slug]), heading)
            if found is None:
                continue
            for item in found.select("li.related-item"):
                assert item.select_one(".related-title a") is not None
                assert item.select_one("time") is not None
                teaser = item.select_one("p.related-teaser")
                assert teaser is not None and teaser.get_text(strip=True), (slug, item)


def test_a_draft_is_never_linked(site):
    for slug in ARTICLES:
        if slug == "nhap":
            continue
        for heading in ("Tin cùng chuyên mục", "Có thể bạn quan tâm"):
            assert all("nhap" not in href for _, href in links(site, slug, heading))


def test_first_mention_of_a_unit_links_to_its_page(site):
    soup = page(site, URLS["lu-4"])
    body_links = soup.select("a[data-don-vi]")
    assert [a["data-don-vi"] for a in body_links] == ["bac-ha"]
    link = body_links[0]
    assert link.get_text() == "UBND huyện Bắc Hà"
    assert link["href"] == "../../../don-vi/bac-ha/"
    assert resolve(site, URLS["lu-4"], link["href"]).exists()


def test_units_listed_under_the_article_metadata_first(site):
    found = links(site, "lu-4", "Đơn vị được nhắc đến")
    assert [text for text, _ in found] == ["UBND huyện Si Ma Cai", "UBND huyện Bắc Hà"]
    assert section(page(site, URLS["lu-4"]), "Đơn vị được nhắc đến").has_attr(
        "data-pagefind-ignore"
    )


def test_detection_can_be_switched_off(site):
    soup = page(site, URLS["hoc-4"])
    assert soup.select("a[data-don-vi]") == []
    assert [text for text, _ in links(site, "hoc-4", "Đơn vị được nhắc đến")] == [
        "UBND thị xã Sa Pa"
    ]


def test_the_unit_that_existed_on_the_date_is_chosen(site):
    soup = page(site, URLS["xa-moi"])
    assert [a["data-don-vi"] for a in soup.select("a[data-don-vi]")] == ["xa-bac-ha"]


def test_the_unit_page_lists_the_articles_that_mention_it(site):
    text = page(site, "don-vi/bac-ha/").get_text(" ")
    assert TITLES["lu-4"] in text
    assert TITLES["hoc-4"] not in text  # detection off there


def test_mentions_found_beside_the_ranking_are_those_found_after_it(site, tmp_path, monkeypatch):
    """Unit mentions are detected in a forked process while the articles are ranked
    (plugins/vietnamese/forked.py); without fork they are detected here: the same site."""
    from plugins.vietnamese import forked
    from tests.support import differences

    assert page(site, URLS["lu-4"]).select_one("a[data-don-vi]") is not None
    monkeypatch.setattr(forked.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    alone = pelican_build(write_site(tmp_path), tmp_path / "output")
    assert differences(site, alone) == []


def test_absolute_links_without_relative_urls(tmp_path):
    content = write_site(tmp_path)
    output = pelican_build(
        content, tmp_path / "output", RELATIVE_URLS=False, SITEURL="https://vi.du"
    )
    soup = page(output, URLS["lu-4"])
    assert soup.select_one("a[data-don-vi]")["href"] == "https://vi.du/don-vi/bac-ha/"


def test_bad_settings_stop_the_build_and_publish_nothing(tmp_path):
    content = write_site(tmp_path)
    with pytest.raises(SiteErrors) as raised:
        pelican_build(content, tmp_path / "output", RELATED={"so_luong": 3})
    message = str(raised.value)
    assert "pelicanconf.py" in message and "RELATED" in message and "so_luong" in message
    assert not (tmp_path / "output" / "index.html").exists()
