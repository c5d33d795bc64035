"""The <img> → <picture> rewrite on its own (no Pelican)."""

from plugins.photos.markup import parse_attributes, picture, rewrite
from plugins.photos.process import Photo, Variant
from tests.support import parse as soup

SIZES = "(min-width: 48rem) 46rem, 100vw"


def photo(source="images/a.jpg", width=1200, height=800) -> Photo:
    variants = []
    for w in (480, 960, 1200):
        h = round(height * w / width)
        for ext, mime in ((".jpg", "image/jpeg"), (".webp", "image/webp")):
            variants.append(Variant(f"images/_v/a-{w}-abcd{ext}", w, h, mime, f"{w}{ext}"))
    variants.sort(key=lambda v: (v.mime, v.width))
    return Photo(source, width, height, "image/jpeg", "/cache", "original.jpg", tuple(variants))


PHOTOS = {"{static}/images/a.jpg": photo(), "{static}/images/b.jpg": photo("images/b.jpg")}


def test_figure_image_becomes_picture_with_webp_and_fallback():
    body = (
        '<p>Mở đầu.</p><figure class="anh"><img alt="Đại biểu &amp; khách mời" '
        'src="{static}/images/a.jpg" width="10" height="10"><figcaption>Hội nghị'
        "</figcaption></figure><p>Kết.</p>"
    )
    html, found = rewrite(body, PHOTOS.get, "../../..", SIZES)
    page = soup(html)
    source = page.select_one("figure > picture > source")
    img = page.select_one("figure > picture > img")
    assert source["type"] == "image/webp"
    assert source["srcset"] == (
        "../../../images/_v/a-480-abcd.webp 480w, ../../../images/_v/a-960-abcd.webp 960w, "
        "../../../images/_v/a-1200-abcd.webp 1200w"
    )
    assert source["sizes"] == img["sizes"] == SIZES
    assert img["src"] == "{static}/images/a.jpg", "left for Pelican to resolve"
    assert img["srcset"].endswith("../../../images/_v/a-1200-abcd.jpg 1200w")
    assert (img["width"], img["height"]) == ("1200", "800")
    assert img["alt"] == "Đại biểu & khách mời"
    assert html.startswith("<p>Mở đầu.</p><figure")
    assert html.endswith("<figcaption>Hội nghị</figcaption></figure><p>Kết.</p>")
    assert [f.photo.source for f in found] == ["images/a.jpg"]
    assert found[0].alt == "Đại biểu & khách mời"


def test_first_photo_is_the_lead_the_others_are_lazy():
    body = '<img src="{static}/images/a.jpg" alt="a"><p><img src="{static}/images/b.jpg" alt=b></p>'
    html, _ = rewrite(body, PHOTOS.get, ".", SIZES)
    first, second = soup(html).find_all("img")
    assert "loading" not in first.attrs and "decoding" not in first.attrs
    assert first["fetchpriority"] == "high"
    assert second["loading"] == "lazy" and second["decoding"] == "async"
    assert "fetchpriority" not in second.attrs


def test_image_metadata_chooses_the_lead():
    body = '<img src="{static}/images/a.jpg" alt="a"><img src="{static}/images/b.jpg" alt="b">'
    html, _ = rewrite(body, PHOTOS.get, ".", SIZES, lead_source="images/b.jpg")
    first, second = soup(html).find_all("img")
    assert first["loading"] == "lazy"
    assert "loading" not in second.attrs


def test_unknown_and_external_images_are_left_alone_byte_for_byte():
    body = (
        '<p><img src="https://example.org/x.jpg" alt="x"> <IMG SRC="{static}/images/khac.jpg">'
        ' <img src="{static}/images/a.jpg" srcset="x 1w" alt="đã có srcset"></p>'
    )
    html, found = rewrite(body, PHOTOS.get, ".", SIZES)
    assert html == body
    assert found == []


def test_rewrite_twice_changes_nothing():
    body = '<figure><img src="{static}/images/a.jpg" alt="a"></figure>'
    once, _ = rewrite(body, PHOTOS.get, "..", SIZES)
    twice, _ = rewrite(once, PHOTOS.get, "..", SIZES)
    assert once == twice


def test_other_attributes_are_kept():
    body = "<img class='to' title=\"Tiêu đề\" src='{static}/images/a.jpg' alt='Ảnh \"đẹp\"' />"
    html, _ = rewrite(body, PHOTOS.get, ".", SIZES)
    img = soup(html).img
    assert img["class"] == ["to"]
    assert img["title"] == "Tiêu đề"
    assert img["alt"] == 'Ảnh "đẹp"'


def test_parse_attributes():
    attrs = parse_attributes('<img src="a b.jpg" alt=\'x\' hidden data-x=1 title="&quot;q&quot;">')
    assert attrs == [
        ("src", "a b.jpg"),
        ("alt", "x"),
        ("hidden", None),
        ("data-x", "1"),
        ("title", '"q"'),
    ]


def test_picture_for_templates_uses_the_page_prefix():
    html = picture(photo(), "https://tin.example.vn", sizes="33vw", attributes=[("class", "t")])
    img = soup(html).img
    assert img["src"] == "https://tin.example.vn/images/_v/a-1200-abcd.jpg"
    assert img["class"] == ["t"] and img["alt"] == ""
    assert img["loading"] == "lazy"
    root_relative = soup(picture(photo(), "", sizes="33vw")).img
    assert root_relative["src"] == "/images/_v/a-1200-abcd.jpg"


def test_webp_original_needs_no_source():
    webp = photo()
    webp = Photo(webp.source, 1200, 800, "image/webp", "/cache", "original.webp", webp.webp)
    page = soup(picture(webp, ".", sizes="100vw"))
    assert page.picture.source is None
    assert page.img["srcset"].endswith(".webp 1200w")
