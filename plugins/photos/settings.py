"""Settings of the photos plugin, read once from Pelican's settings into a frozen dataclass.

Only the keys listed here are read; nothing is written back. Optional keys (defaults below):
PHOTOS_DIRS, PHOTOS_WIDTHS, PHOTOS_MAX_WIDTH, PHOTOS_SIZES, PHOTOS_JPEG_QUALITY,
PHOTOS_WEBP_QUALITY, PHOTOS_OUTPUT_DIR, PHOTOS_CACHE_PATH (default: CACHE_PATH/photos),
PHOTOS_WORKERS, PHOTOS_CACHE_MAX_AGE_DAYS.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import PIL

# Bump when the way variants are made changes, so that every cached variant is remade.
ALGORITHM_VERSION = 1

# Photos we resize. Other files in the photo folders (SVG drawings, GIF) are copied as they are.
PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
# Camera formats that keep EXIF/GPS and that browsers cannot show: refused with a hint.
REFUSED_EXTENSIONS = (".heic", ".heif", ".tif", ".tiff", ".dng", ".avif")


@dataclass(frozen=True)
class PhotoSettings:
    dirs: tuple[str, ...] = ("images",)  # folders of content/ that hold photos
    widths: tuple[int, ...] = (480, 960, 1600)  # variant widths, never upscaled
    max_width: int = 2400  # the published stand-in for the original is at most this wide
    sizes: str = "(min-width: 48rem) 46rem, calc(100vw - 2rem)"  # article body column
    jpeg_quality: int = 82
    webp_quality: int = 78
    output_dir: str = "images/_v"  # where variants go in the output
    cache_path: Path = Path("cache/photos")
    relative_urls: bool = True
    siteurl: str = ""
    workers: int = field(default_factory=lambda: min(4, os.cpu_count() or 1))
    cache_max_age_days: float = 30.0  # cached photos unused this long are removed

    @classmethod
    def from_pelican(cls, settings) -> PhotoSettings:
        get = settings.get
        cache_root = get("CACHE_PATH") or "cache"
        widths = tuple(sorted({int(w) for w in get("PHOTOS_WIDTHS", cls.widths)}))
        return cls(
            dirs=tuple(d.strip("/") for d in get("PHOTOS_DIRS", cls.dirs)),
            widths=widths,
            max_width=int(get("PHOTOS_MAX_WIDTH", cls.max_width)),
            sizes=str(get("PHOTOS_SIZES", cls.sizes)),
            jpeg_quality=int(get("PHOTOS_JPEG_QUALITY", cls.jpeg_quality)),
            webp_quality=int(get("PHOTOS_WEBP_QUALITY", cls.webp_quality)),
            output_dir=str(get("PHOTOS_OUTPUT_DIR", cls.output_dir)).strip("/"),
            cache_path=Path(get("PHOTOS_CACHE_PATH") or Path(cache_root) / "photos"),
            relative_urls=bool(get("RELATIVE_URLS", False)),
            siteurl=str(get("SITEURL", "") or ""),
            workers=int(get("PHOTOS_WORKERS", 0) or min(4, os.cpu_count() or 1)),
            cache_max_age_days=float(get("PHOTOS_CACHE_MAX_AGE_DAYS", cls.cache_max_age_days)),
        )

    @property
    def fingerprint(self) -> str:
        """A short hash of everything that changes the bytes of a variant.

        It is part of each cache key, so changing a width or a quality remakes the variants.
        """
        recipe = {
            key: value
            for key, value in asdict(self).items()
            if key in {"widths", "max_width", "jpeg_quality", "webp_quality"}
        }
        recipe["algorithm"] = ALGORITHM_VERSION
        recipe["pillow"] = PIL.__version__
        text = json.dumps(recipe, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:10]
