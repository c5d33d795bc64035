"""The sample site, built as `make html` builds it: what every article page must carry."""

import re
import unicodedata

import feedparser
import pytest

from pelicanconf import CATEGORIES
from plugins.vietnamese.collation import sort_key
from tests.support import parse as read

VI_DATETIME = re.compile(
    r"^(Thứ Hai|Thứ Ba|Thứ Tư|Thứ Năm|Thứ Sáu|Thứ Bảy|Chủ Nhật), \d{2}/\d{2}/\d{4} \d{2}:\d{2}$"
)
ARTICLE_PATH = re.compile(r"^\d{4}/\d{2}/[a-z0-9-]+/index\.html$")


@pytest.fixture(scope="module")
def article_pages(built_site):
    pages = sorted(
        path
        for path in built_site.rglob("index.html")
        if ARTICLE_PATH.match(path.relative_to(built_site).as_posix())
    )
    assert len(pages) >= 24
    return pages


def test_every_article_page_has_what_a_news_article_needs(built_site, article_pages):
    # category link (as written on article pages) -> its articles' links from an article page
    category_members: dict[str, set[str]] = {}
    for path in article_pages:
        href = read(path).select_one(".kicker a")["href"]
        rel = path.relative_to(built_site).parent.as_posix()
        category_members.setdefault(href, set()).add(f"../../../{rel}/")
    category_sizes = {href: len(members) for href, members in category_members.items()}
    for path in article_pages:
        page = read(path)
        where = path.relative_to(built_site)
        assert page.html["lang"] == "vi", where
        assert len(page.find_all("h1")) == 1, where
        time = page.select_one(".article-header time[datetime]")
        assert time is not None, where
        assert VI_DATETIME.match(time.get_text(strip=True)), (where, time.get_text())
        assert re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\+07:00$", time["datetime"]), where
        assert page.select_one(".breadcrumb a[href*='chuyen-muc/']"), where
        assert page.select_one(".lead").get_text(strip=True), where
        assert page.select_one("a.share-facebook")["href"].startswith(
            "https://www.facebook.com/sharer/sharer.php?u="
        )
        assert page.select_one("a.share-x")["href"].startswith("https://x.com/intent/post?url=")
        assert page.select_one("button.share-native") and page.select_one("button.share-copy")
        headings = {h2.get_text(strip=True): h2 for h2 in page.find_all("h2")}
        found = {}
        for title in ("Tin cùng chuyên mục", "Có thể bạn quan tâm"):
            section = headings[title].find_parent("section") if title in headings else None
            found[title] = [a["href"] for a in section.select("a[href]")] if section else []
        # The two lists never share an article; "Có thể bạn quan tâm" keeps at least 3;
        # "Tin cùng chuyên mục" has what the category has left (3 when it can; none, and no
        # section, when every other article of the category is in "Có thể bạn quan tâm").
        same, similar = found["Tin cùng chuyên mục"], found["Có thể bạn quan tâm"]
        assert not set(same) & set(similar), where
        assert len(similar) >= 3, where
        category = page.select_one(".kicker a")["href"]
        others = category_sizes[category] - 1
        similar_same = sum(1 for href in similar if href in category_members[category])
        assert len(same) >= min(3, others - similar_same), where
        for item in page.select(".related-item"):
            assert item.select_one(".related-teaser").get_text(strip=True), where
        ld = page.find("script", type="application/ld+json")
        assert ld and '"NewsArticle"' in ld.string, where
        assert page.find("link", rel="canonical"), where
        assert page.find("meta", property="og:title"), where


def test_photos_are_figures_with_captions(built_site, article_pages):
    with_figures = 0
    for path in article_pages:
        page = read(path)
        figures = page.select(".lead-figure figure, .article-body figure")
        for figure in figures:
            assert figure.find_parent("p") is None
            image = figure.find("img")
            assert image.get("alt"), path
            assert image.get("width") and image.get("height"), path
            assert figure.figcaption.get_text(strip=True), path
        with_figures += bool(figures)
    assert with_figures >= 6


def test_slugs_and_urls_are_ascii(built_site):
    for path in built_site.rglob("*.html"):
        assert path.relative_to(built_site).as_posix().isascii(), path


def test_text_is_nfc_everywhere(built_site, article_pages):
    for path in article_pages:
        assert unicodedata.is_normalized("NFC", path.read_text(encoding="utf-8")), path


def test_only_the_fixed_categories_exist(built_site):
    page = read(built_site / "chuyen-muc/index.html")
    names = [a.get_text(strip=True) for a in page.select("main li a")]
    assert set(names) <= set(CATEGORIES)
    assert len(names) >= 5
    assert names == sorted(names, key=sort_key), "categories in Vietnamese order"


def test_feeds_parse_and_list_the_newest_articles(built_site, article_pages):
    feed = feedparser.parse((built_site / "feeds/tat-ca.atom.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert len(feed.entries) >= 20
    dates = [entry.published_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)
    per_category = list((built_site / "feeds/chuyen-muc").glob("*.atom.xml"))
    assert len(per_category) >= 5
    for path in per_category:
        assert not feedparser.parse(path.read_bytes()).bozo, path


def test_sitemap_lists_every_article(built_site, article_pages):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    for path in article_pages:
        url_path = path.relative_to(built_site).parent.as_posix() + "/"
        assert f"/{url_path}</loc>" in sitemap, url_path


def test_home_page_has_lead_story_latest_news_and_category_blocks(built_site):
    page = read(built_site / "index.html")
    lead = page.select_one(".lead-story")
    assert lead and lead.find("img") and lead.select_one(".lead-title a")
    assert len(page.select(".latest .card")) >= 6
    assert len(page.select(".category-block")) >= 5


def test_listing_pages_exist(built_site):
    for relative in (
        "404.html",
        "gioi-thieu/index.html",
        "lien-he/index.html",
        "luu-tru/index.html",
        "the/index.html",
        "tac-gia/index.html",
        "robots.txt",
    ):
        assert (built_site / relative).exists(), relative
    years = [p.name for p in (built_site / "luu-tru").iterdir() if p.is_dir()]
    assert len(years) >= 2


def test_no_page_loads_anything_from_another_host(built_site):
    for path in built_site.rglob("*.html"):
        page = read(path)
        for tag, attr in (
            ("script", "src"),
            ("link", "href"),
            ("img", "src"),
            ("source", "srcset"),
        ):
            for element in page.find_all(tag):
                value = element.get(attr) or ""
                if tag == "link" and "stylesheet" not in (element.get("rel") or []):
                    continue
                assert not re.match(r"^(https?:)?//", value), (path, value)


def test_a_long_annex_is_folded_after_its_first_rows(built_site, article_pages):
    folded = 0
    for path in article_pages:
        page = read(path)
        for fold in page.select("section.article-honours details.annex-fold"):
            folded += 1
            summary = fold.summary.get_text(strip=True)
            assert re.fullmatch(r"Xem toàn bộ danh sách \(\d+ tập thể(, \d+ cá nhân)?\)", summary)
            counts = [int(n) for n in re.findall(r"\d+", summary)]
            assert len(fold.select("tbody tr")) == sum(counts) > 6, path
            preview = fold.find_previous_sibling("div", class_="annex-preview")
            assert preview is not None and len(preview.select("tbody tr")) == 3, path
            link = fold.find_next_sibling("p").a
            assert "quyet-dinh/" in link["href"], path
        ids = [tag["id"] for tag in page.find_all(id=True)]
        assert len(ids) == len(set(ids)), path
    assert folded >= 2


def test_footer_leads_to_open_data_consultations_and_the_data_policy(built_site, article_pages):
    """Every page's footer links to /du-lieu/, /lay-y-kien/ and /chinh-sach-du-lieu/ (the
    pages a citizen needs to find what is published about people, and on which ground)."""
    for path in [built_site / "index.html", article_pages[0]]:
        footer = read(path).select_one("footer.site-footer")
        links = {a.get_text(strip=True): a["href"] for a in footer.select(".footer-nav a")}
        for label, target in [
            ("Dữ liệu mở", "du-lieu/"),
            ("Lấy ý kiến nhân dân", "lay-y-kien/"),
            ("Chính sách dữ liệu", "chinh-sach-du-lieu/"),
        ]:
            assert links.get(label, "").endswith(target), (path, links)
            assert (path.parent / links[label] / "index.html").resolve().is_file(), links[label]
