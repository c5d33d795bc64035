"""Make a photo with Pillow: a plain JPEG, a phone-like JPEG carrying EXIF, GPS, XMP and a
comment, a PNG; and check that a published image carries none of that."""

from __future__ import annotations

import io

from PIL import Image
from PIL.ExifTags import GPS, IFD, Base

# Byte strings long enough never to appear by chance in compressed pixels.
SECRETS = (b"Exif\x00\x00", b"xmpmeta", b"Dien thoai", b"bi mat", b"104.13")


def jpeg(size=(64, 48), color=(40, 120, 200), quality=80) -> bytes:
    """A plain JPEG of one colour."""
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG", quality=quality)
    return out.getvalue()


def phone_jpeg(size=(600, 400), orientation=6, colour="#a3161a") -> bytes:
    """A JPEG stored as `size`, with an Orientation tag, a GPS position, XMP and a comment.

    Orientation 6 means a viewer turns the pixels 90° clockwise: the photo is shown
    `size[1]` wide and `size[0]` high.
    """
    image = Image.new("RGB", size, colour)
    # A mark in the top-left corner of the stored pixels, to check the turn.
    image.paste((255, 255, 255), (0, 0, size[0] // 4, size[1] // 4))
    exif = Image.Exif()
    exif[Base.Make] = "Dien thoai"
    exif[Base.Orientation] = orientation
    gps = exif.get_ifd(IFD.GPSInfo)
    gps[GPS.GPSLatitudeRef] = "N"
    gps[GPS.GPSLatitude] = (22.0, 41.0, 12.5)
    gps[GPS.GPSLongitudeRef] = "E"
    gps[GPS.GPSLongitude] = (104.0, 7.0, 48.0)
    out = io.BytesIO()
    image.save(
        out,
        "JPEG",
        quality=90,
        exif=exif,
        xmp=b"<x:xmpmeta>GPS 22.68 104.13</x:xmpmeta>",
        comment=b"bi mat",
    )
    return out.getvalue()


def png(size=(300, 200), mode="RGBA") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (20, 90, 160, 200) if mode == "RGBA" else (20, 90, 160)).save(out, "PNG")
    return out.getvalue()


def assert_clean(data: bytes, name: str = "") -> None:
    """No EXIF, GPS, XMP or comment left in an encoded image."""
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        assert not dict(exif) and not exif.get_ifd(0x8825), f"{name}: EXIF/GPS left"
        assert "comment" not in image.info and "xmp" not in image.info, name
    for secret in SECRETS:
        assert secret not in data, f"{name}: {secret!r} left in the file"
