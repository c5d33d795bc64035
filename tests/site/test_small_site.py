"""Build small sites into tmp_path with the real Pelican and check what our plugins do."""

import unicodedata
from functools import partial

import pytest

from plugins.vietnamese.errors import SiteErrors
from tests.support import article as kit_article
from tests.support import jpeg, make_content, pelican_build
from tests.support import parse as soup

BODY = """Đoạn mở đầu của bài.

![Đại biểu dự hội nghị.]({static}/images/hoi-nghi.jpg "Các đại biểu dự hội nghị tại Bắc Hà.")

Một đoạn có ảnh ![biểu tượng]({static}/images/hoi-nghi.jpg) ở giữa dòng.

![Ảnh không chú thích riêng.]({static}/images/hoi-nghi.jpg)"""
PHOTO = jpeg(size=(300, 200), color="#a3161a")
article = partial(
    kit_article,
    title="Tổng kết năm 2023",
    date="2023-12-19 16:30",
    category="Khối thi đua",
    summary="Ngày 18 và 19/12, tại huyện Bắc Hà, các đơn vị tổng kết năm.",
    body=BODY,
    tags="tổng kết",
    authors="Nguyễn Thu Hà",
)


def test_decomposed_input_comes_out_composed(tmp_path):
    text = unicodedata.normalize("NFD", article(title="Đại hội Bắc Hà"))
    content = make_content(
        tmp_path / "content",
        {"articles/a.md": text, "images/hoi-nghi.jpg": PHOTO},
    )
    out = pelican_build(content, tmp_path / "out")
    page = out / "2023/12/dai-hoi-bac-ha/index.html"
    html = page.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", html)
    assert soup(page).h1.get_text() == "Đại hội Bắc Hà"
    assert "Bắc Hà" in soup(page).select_one(".lead").get_text()


def test_lone_image_becomes_figure_with_caption_and_size(tmp_path):
    content = make_content(
        tmp_path / "content",
        {"articles/a.md": article(), "images/hoi-nghi.jpg": PHOTO},
    )
    out = pelican_build(content, tmp_path / "out")
    page = soup(out / "2023/12/tong-ket-nam-2023/index.html")
    # The first photo is the lead: shown under the lead (not in the body, which does not
    # start with it), with its caption.
    figures = page.select(".lead-figure figure, .article-body figure")
    assert len(figures) == 2 and len(page.select(".article-body figure")) == 1
    first, second = figures
    assert first.figcaption.get_text() == "Các đại biểu dự hội nghị tại Bắc Hà."
    assert first.img["alt"] == "Đại biểu dự hội nghị."
    assert (first.img["width"], first.img["height"]) == ("300", "200")
    assert "title" not in first.img.attrs
    assert second.figcaption.get_text() == "Ảnh không chú thích riêng."
    assert not page.select("p figure"), "a <figure> must never sit inside a <p>"
    inline = page.select(".article-body p img")
    assert len(inline) == 1 and inline[0]["alt"] == "biểu tượng"


def test_category_not_on_the_list_is_an_error_naming_the_file(tmp_path):
    content = make_content(
        tmp_path / "content",
        {
            "articles/a.md": article(),
            "articles/sai.md": article(title="Bài sai", category="Thi dua khen thuong"),
            "images/hoi-nghi.jpg": PHOTO,
        },
    )
    with pytest.raises(SiteErrors) as caught:
        pelican_build(content, tmp_path / "out")
    report = caught.value.report()
    assert "articles/sai.md:3: LỖI [Category]" in report
    assert '"Thi đua - Khen thưởng"' in report  # the nearest category is suggested
    assert len(caught.value.errors) == 1


def test_same_title_in_two_years_gets_two_urls(tmp_path):
    content = make_content(
        tmp_path / "content",
        {
            "articles/2023.md": article(title="Hội nghị tổng kết", date="2023-12-19 08:00"),
            "articles/2024.md": article(title="Hội nghị tổng kết", date="2024-12-20 08:00"),
            "images/hoi-nghi.jpg": PHOTO,
        },
    )
    out = pelican_build(content, tmp_path / "out")
    assert (out / "2023/12/hoi-nghi-tong-ket/index.html").exists()
    assert (out / "2024/12/hoi-nghi-tong-ket/index.html").exists()


def test_a_site_published_under_a_sub_path_links_and_points_robots_there(tmp_path):
    """SITEURL with a path (a GitHub project page): every link, the Open Graph image and
    robots.txt's Sitemap line carry that path; nothing points at the domain's root."""
    content = make_content(
        tmp_path / "content",
        {"articles/a.md": article(), "images/hoi-nghi.jpg": PHOTO},
    )
    site = "https://example.github.io/thi-dua"
    out = pelican_build(
        content, tmp_path / "out", SITEURL=site, FEED_DOMAIN=site, RELATIVE_URLS=False
    )
    assert f"Sitemap: {site}/sitemap.xml" in (out / "robots.txt").read_text(encoding="utf-8")
    for name in ("2023/12/tong-ket-nam-2023/index.html", "404.html", "index.html"):
        page = soup(out / name)
        for tag in page.find_all(href=True) + page.find_all(src=True):
            link = tag.get("href") or tag.get("src")
            assert not link.startswith("/"), (name, link)
            share = link.startswith(("https://www.facebook.com/", "https://x.com/"))
            social = tag.find_parent(class_="social") is not None  # the newsroom's accounts
            if link.startswith("http") and not share and not social:
                assert link.startswith(site + "/"), (name, link)
    image = soup(out / "2023/12/tong-ket-nam-2023/index.html").find("meta", property="og:image")
    assert image["content"].startswith(f"{site}/images/")
