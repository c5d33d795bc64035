"""The photo maker on its own: variants, orientation, privacy, cache."""

import io
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from plugins.photos.errors import PhotoError
from plugins.photos.process import PhotoMaker, publish, variant_widths
from plugins.photos.settings import PhotoSettings
from tests.support import assert_clean, phone_jpeg
from tests.support import png as png_bytes


def settings(tmp_path, **changes) -> PhotoSettings:
    return replace(PhotoSettings(), **{"cache_path": tmp_path / "cache", "workers": 1, **changes})


def write(tmp_path, name, data) -> Path:
    path = tmp_path / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def cached_files(photo):
    folder = Path(photo.cache_dir)
    return [folder / photo.original] + [folder / v.cached for v in photo.variants]


@pytest.mark.parametrize(
    ("width", "expected"),
    [(4000, [480, 960, 1600]), (1200, [480, 960, 1200]), (300, [300]), (1600, [480, 960, 1600])],
)
def test_widths_are_never_upscaled(width, expected):
    assert variant_widths(width, (1600, 480, 960)) == expected


def test_phone_photo_is_turned_upright_and_stripped(tmp_path):
    # Stored 2000×1000 with Orientation 6: shown 1000 wide, 2000 high.
    source = write(tmp_path, "images/don-bien-phong.jpg", phone_jpeg(size=(2000, 1000)))
    photo = PhotoMaker(settings(tmp_path)).prepare(source, "images/don-bien-phong.jpg")

    assert (photo.width, photo.height) == (1000, 2000)
    assert photo.mime == "image/jpeg"
    assert [v.width for v in photo.webp] == [480, 960, 1000]
    assert [v.width for v in photo.fallback] == [480, 960, 1000]
    assert photo.box == (1000, 2000)
    for variant in photo.variants:
        assert variant.height == round(2000 * variant.width / 1000)
        assert variant.path.startswith("images/_v/don-bien-phong-")
    for file in cached_files(photo):
        data = file.read_bytes()
        assert_clean(data, file.name)
        with Image.open(io.BytesIO(data)) as image:
            assert image.width < image.height, f"{file.name} is not upright"
    # The white mark (top-left of the stored pixels) is top-right once turned clockwise.
    with Image.open(Path(photo.cache_dir) / photo.original) as image:
        rgb = image.convert("RGB")
        assert min(rgb.getpixel((image.width - 5, 5))) > 200
        assert max(rgb.getpixel((5, 5))) < 200 or min(rgb.getpixel((5, 5))) < 100


def test_formats_of_variants(tmp_path):
    source = write(tmp_path, "images/so-do.png", png_bytes(size=(1000, 500)))
    photo = PhotoMaker(settings(tmp_path)).prepare(source, "images/so-do.png")
    assert photo.mime == "image/png"
    formats = {}
    for variant in photo.variants:
        with Image.open(Path(photo.cache_dir) / variant.cached) as image:
            formats.setdefault(variant.mime, set()).add(image.format)
            assert image.size == (variant.width, variant.height)
            assert image.mode in {"RGBA", "RGB"}
    assert formats == {"image/png": {"PNG"}, "image/webp": {"WEBP"}}
    assert {Path(v.path).suffix for v in photo.variants} == {".png", ".webp"}


def test_large_original_is_capped(tmp_path):
    source = write(tmp_path, "images/rong.jpg", phone_jpeg(size=(3000, 1500), orientation=1))
    photo = PhotoMaker(settings(tmp_path, max_width=2000)).prepare(source, "images/rong.jpg")
    assert (photo.width, photo.height) == (2000, 1000)
    assert [v.width for v in photo.fallback] == [480, 960, 1600]


def test_unchanged_photo_comes_from_the_cache(tmp_path):
    source = write(tmp_path, "images/a.jpg", phone_jpeg())
    first = PhotoMaker(settings(tmp_path)).prepare(source, "images/a.jpg")
    stamps = {f: f.stat().st_mtime_ns for f in cached_files(first)}
    # A new maker (a new build), even with a new file time (CI checkouts reset them).
    source.touch()
    second = PhotoMaker(settings(tmp_path)).prepare(source, "images/a.jpg")
    assert second == first
    assert {f: f.stat().st_mtime_ns for f in cached_files(second)} == stamps


def test_changed_settings_or_photo_make_new_variants(tmp_path):
    source = write(tmp_path, "images/a.jpg", phone_jpeg())
    first = PhotoMaker(settings(tmp_path)).prepare(source, "images/a.jpg")

    other_quality = PhotoMaker(settings(tmp_path, webp_quality=50)).prepare(source, "images/a.jpg")
    assert other_quality.cache_dir != first.cache_dir
    assert {v.path for v in other_quality.variants}.isdisjoint(v.path for v in first.variants)

    source.write_bytes(phone_jpeg(colour="#123456"))
    changed = PhotoMaker(settings(tmp_path)).prepare(source, "images/a.jpg")
    assert changed.cache_dir != first.cache_dir
    assert {v.path for v in changed.variants}.isdisjoint(v.path for v in first.variants)


def test_prune_keeps_what_is_used_and_what_is_recent(tmp_path):
    cfg = settings(tmp_path)
    old = write(tmp_path, "images/old.jpg", phone_jpeg(colour="#000000"))
    new = write(tmp_path, "images/new.jpg", phone_jpeg(colour="#ffffff"))
    old_photo = PhotoMaker(cfg).prepare(old, "images/old.jpg")
    maker = PhotoMaker(cfg)
    new_photo = maker.prepare(new, "images/new.jpg")
    maker.prune(max_age_days=30)
    assert Path(old_photo.cache_dir).is_dir(), "recently used by another build: kept"
    maker.prune(max_age_days=0)
    assert not Path(old_photo.cache_dir).exists()
    assert Path(new_photo.cache_dir).is_dir(), "used by this build: kept"


def test_publish_copies_variants_and_stand_in(tmp_path):
    source = write(tmp_path, "images/a.jpg", phone_jpeg())
    photo = PhotoMaker(settings(tmp_path)).prepare(source, "images/a.jpg")
    output = tmp_path / "out"
    written = publish(photo, output, "images/a.jpg")
    assert sorted(written) == sorted([v.path for v in photo.variants] + ["images/a.jpg"])
    for path in written:
        assert_clean((output / path).read_bytes(), path)


@pytest.mark.parametrize("name", ["images/iphone.heic", "images/scan.tiff"])
def test_camera_formats_are_refused_with_a_hint(tmp_path, name):
    source = write(tmp_path, name, b"not really")
    with pytest.raises(PhotoError) as caught:
        PhotoMaker(settings(tmp_path)).prepare(source, name)
    message = str(caught.value)
    assert name in message and "JPEG" in message and "Cách sửa" in message


def test_all_problems_are_collected(tmp_path):
    good = write(tmp_path, "images/good.jpg", phone_jpeg())
    broken = write(tmp_path, "images/broken.jpg", b"\xff\xd8 broken")
    heic = write(tmp_path, "images/x.heic", b"...")
    photos, problems = PhotoMaker(settings(tmp_path, workers=2)).prepare_all(
        [(good, "images/good.jpg"), (broken, "images/broken.jpg"), (heic, "images/x.heic")]
    )
    assert list(photos) == ["images/good.jpg"]
    assert [p.file for p in problems] == ["images/broken.jpg", "images/x.heic"]
    assert "Không đọc được" in problems[0].message


def test_webp_original_gets_one_set_of_variants(tmp_path):
    out = io.BytesIO()
    Image.new("RGB", (1000, 600), "#336699").save(out, "WEBP")
    source = write(tmp_path, "images/a.webp", out.getvalue())
    photo = PhotoMaker(settings(tmp_path)).prepare(source, "images/a.webp")
    assert photo.mime == "image/webp"
    assert [v.width for v in photo.variants] == [480, 960, 1000]
    assert len({v.path for v in photo.variants}) == 3
