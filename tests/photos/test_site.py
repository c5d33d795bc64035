"""Build small sites with the real Pelican and our plugins; check the published photos."""

import posixpath
from pathlib import Path

import pytest
from PIL import Image

from plugins.vietnamese.errors import SiteErrors
from tests.support import article, assert_clean, make_content, pelican_build, phone_jpeg
from tests.support import parse as soup
from tests.support import png as png_bytes

BODY = """Đoạn mở đầu.

![Chiến sĩ tuần tra.]({static}/images/don-bien-phong.jpg "Tuần tra đường biên.")

Đoạn giữa bài.

![Sơ đồ tuyến tuần tra.]({static}/images/so-do.png)"""


def source(image_line: str = "", body: str = BODY) -> str:
    """The article of these tests (kit's article()), with an optional Image line."""
    return article(
        title="Đồn biên phòng Mường Khương",
        date="2024-05-14 09:30",
        category="Quốc phòng - An ninh",
        summary="Cán bộ, chiến sĩ đồn biên phòng tuần tra đường biên.",
        extra=f"Authors: Nguyễn Thu Hà\n{image_line}",
        body=body,
    )


PAGE = "2024/05/don-bien-phong-muong-khuong/index.html"
HOME_TEMPLATE = """<!DOCTYPE html><html lang="vi"><head><title>t</title></head><body>
{% for a in articles %}<div class="lead">{{ a | anh_dai_dien(lazy=false, class_="anh-dau") }}</div>
<div class="thumb">{{ a | anh_dai_dien(sizes="10rem", alt=None) }}</div>{% endfor %}
<div class="path">{{ "images/so-do.png" | anh_dai_dien }}</div>
<div class="none">{{ "images/khong-co.jpg" | anh_dai_dien }}</div>
</body></html>"""


def site(tmp_path, image_line="", **extra_files):
    files = {
        "articles/a.md": source(image_line),
        "images/don-bien-phong.jpg": phone_jpeg(size=(1800, 1200)),
        "images/so-do.png": png_bytes(size=(700, 350)),
        **extra_files,
    }
    return make_content(tmp_path / "content", files)


def build(tmp_path, content, name="out", **override):
    templates = tmp_path / "templates"
    templates.mkdir(exist_ok=True)
    (templates / "index.html").write_text(HOME_TEMPLATE, encoding="utf-8")
    return pelican_build(
        content,
        tmp_path / name,
        CACHE_PATH=str(tmp_path / "cache"),
        THEME_TEMPLATES_OVERRIDES=[str(templates)],
        **override,
    )


def urls(img_or_source) -> list[str]:
    found = [img_or_source["src"]] if img_or_source.get("src") else []
    for candidate in img_or_source.get("srcset", "").split(","):
        if candidate.strip():
            found.append(candidate.split()[0])
    return found


def assert_urls_resolve(out: Path, page: str, tag) -> None:
    for url in urls(tag):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), url))
        assert (out / target).is_file(), f"{url} from {page} does not exist"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("photos-site")
    return build(tmp_path, site(tmp_path))


def test_article_photos_become_pictures_with_working_urls(built):
    page = soup(built / PAGE)
    # The lead photo (the body's first) is shown under the lead, with its caption, and only
    # there; the other stays in the body.
    pictures = page.select(".lead-figure figure > picture, .article-body figure > picture")
    assert len(pictures) == 2
    assert page.select_one(".lead-figure figcaption").get_text() == "Tuần tra đường biên."
    assert len(page.select(".article-body figure > picture")) == 1
    assert "don-bien-phong" not in str(page.select_one(".article-body"))
    for picture in pictures:
        source, img = picture.source, picture.img
        assert source["type"] == "image/webp" and source["sizes"] == img["sizes"]
        assert img.get("width") and img.get("height")
        assert_urls_resolve(built, PAGE, source)
        assert_urls_resolve(built, PAGE, img)
    first, second = (p.img for p in pictures)
    # Upright: the phone stored it 1800×1200 with Orientation 6.
    assert (first["width"], first["height"]) == ("1200", "1800")
    assert "loading" not in first.attrs and first["fetchpriority"] == "high"
    assert second["loading"] == "lazy" and second["decoding"] == "async"
    assert first["alt"] == "Chiến sĩ tuần tra."
    assert first["src"] == "../../../images/don-bien-phong.jpg"
    assert "480w" in first["srcset"] and ".webp" in pictures[0].source["srcset"]
    assert (second["width"], second["height"]) == ("700", "350"), "never upscaled"


def test_no_published_file_keeps_exif_or_gps(built):
    images = [p for p in built.rglob("*") if p.suffix.lower() in {".jpg", ".png", ".webp"}]
    assert len(images) >= 2 + 2 * 3 + 2 * 2
    for path in images:
        assert_clean(path.read_bytes(), str(path.relative_to(built)))
    with Image.open(built / "images/don-bien-phong.jpg") as published:
        assert published.size == (1200, 1800)


def test_template_helper_renders_lead_photo_and_thumbnails(built):
    home = soup(built / "index.html")
    lead = home.select_one(".lead picture img")
    assert lead["class"] == ["anh-dau"] and lead["alt"] == ""
    assert "loading" not in lead.attrs
    thumb = home.select_one(".thumb picture img")
    assert thumb["sizes"] == "10rem" and thumb["loading"] == "lazy"
    assert thumb["alt"] == "Chiến sĩ tuần tra."
    for tag in home.select("picture source, picture img"):
        assert_urls_resolve(built, "index.html", tag)
    assert home.select_one(".path picture img")["width"] == "700"
    assert home.select_one(".none").get_text(strip=True) == ""


def test_image_metadata_makes_another_photo_the_lead(tmp_path):
    out = build(tmp_path, site(tmp_path, image_line="Image: {static}/images/so-do.png"))
    page = soup(out / PAGE)
    [lead_img] = page.select(".lead-figure picture img")
    [body_img] = page.select(".article-body picture img")
    assert lead_img["width"] == "700" and "loading" not in lead_img.attrs
    assert lead_img["fetchpriority"] == "high"
    assert body_img["loading"] == "lazy" and "don-bien-phong" in body_img["src"]
    lead = soup(out / "index.html").select_one(".lead picture img")
    assert lead["width"] == "700"


def test_rebuild_reuses_cached_variants_and_settings_change_remakes_them(tmp_path):
    content = site(tmp_path)
    out = build(tmp_path, content)
    variants = sorted((out / "images/_v").iterdir())
    cached = {p: p.stat().st_mtime_ns for p in (tmp_path / "cache/photos").rglob("*.webp")}
    assert cached

    again = build(tmp_path, content, name="out2")
    assert sorted(p.name for p in (again / "images/_v").iterdir()) == [p.name for p in variants]
    assert {p: p.stat().st_mtime_ns for p in cached} == cached, "nothing re-encoded"

    wider = build(tmp_path, content, name="out3", PHOTOS_WIDTHS=[320, 640])
    names = {p.name for p in (wider / "images/_v").iterdir()}
    assert any("-320-" in name for name in names)
    assert names.isdisjoint(p.name for p in variants)


def test_camera_format_stops_the_build_and_publishes_nothing(tmp_path):
    content = site(tmp_path, **{"images/iphone.heic": b"heic bytes"})
    with pytest.raises(SiteErrors) as caught:
        build(tmp_path, content)
    report = caught.value.report()
    assert "images/iphone.heic" in report and "JPEG" in report
    out = tmp_path / "out"
    published = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
    assert published == []


def test_static_file_on_a_variant_path_is_an_error(tmp_path):
    content = site(tmp_path)
    out = build(tmp_path, content)
    variant = sorted((out / "images/_v").glob("don-bien-phong-*.jpg"))[0].name
    (content / "images/_v").mkdir()
    (content / "images/_v" / variant).write_bytes(phone_jpeg(colour="#00ff00"))
    with pytest.raises(SiteErrors) as caught:
        build(tmp_path, content, name="out2")
    report = caught.value.report()
    assert f"images/_v/{variant}" in report and "trùng đường dẫn" in report


def test_lead_photo_already_first_in_the_body_stays_there(tmp_path):
    first_photo_first = source(body=BODY.replace("Đoạn mở đầu.\n\n", ""))
    content = site(tmp_path, **{"articles/a.md": first_photo_first})
    out = build(tmp_path, content)
    page = soup(out / PAGE)
    assert page.select_one(".lead-figure") is None
    assert len(page.select(".article-body figure > picture")) == 2


def test_image_metadata_not_in_the_body_is_shown_under_the_lead(tmp_path):
    extra = {"images/rieng.png": png_bytes(size=(640, 320))}
    content = site(tmp_path, image_line="Image: {static}/images/rieng.png", **extra)
    out = build(tmp_path, content)
    page = soup(out / PAGE)
    [img] = page.select(".lead-figure picture img")
    assert img["width"] == "640" and "loading" not in img.attrs
    assert_urls_resolve(out, PAGE, img)
    assert len(page.select(".article-body figure > picture")) == 2
