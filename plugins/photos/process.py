"""Resize photos into responsive variants, without EXIF/GPS, through a content-keyed cache.

Pure: Pillow and the standard library only. For one photo, `PhotoMaker.prepare()`:

1. hashes the file's bytes; the cache key is that hash plus the settings fingerprint, so an
   unchanged photo is never decoded again and a change of width or quality remakes it;
2. on a cache miss, decodes it once, turns it upright by its EXIF Orientation, and encodes:
   - a stand-in for the original (same format, at most `max_width` wide), published at the
     original's URL instead of the camera file;
   - for each width in `widths` smaller than the photo (plus the photo's own width when it is
     narrower than the largest), a WebP file and a file in the original format;
   every file is written with no EXIF, XMP, comment or GPS (only the colour profile is kept);
3. returns a `Photo`: sizes and output paths of the variants, and where their bytes are cached.

Output names carry a short hash of content and settings (`hoi-nghi-960-1a2b3c4d.webp`), so a
changed photo gets new URLs and browsers may cache variants for a long time.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import PhotoError, animated, refused_format, unreadable
from .settings import PHOTO_EXTENSIONS, REFUSED_EXTENSIONS, PhotoSettings

MANIFEST = "manifest.json"
FORMATS = {  # Pillow format → (extension, MIME type)
    "JPEG": (".jpg", "image/jpeg"),
    "PNG": (".png", "image/png"),
    "WEBP": (".webp", "image/webp"),
}
WEBP = "image/webp"


@dataclass(frozen=True)
class Variant:
    path: str  # in the output, POSIX, no leading slash
    width: int
    height: int
    mime: str
    cached: str  # file name inside the photo's cache folder


@dataclass(frozen=True)
class Photo:
    source: str  # content-relative path, e.g. "images/hoi-nghi.jpg"
    width: int  # of the published stand-in, upright
    height: int
    mime: str  # the original's format
    cache_dir: str  # folder holding every file below
    original: str  # file name of the stand-in inside cache_dir
    variants: tuple[Variant, ...]  # sorted by MIME type, then width

    def candidates(self, mime: str) -> tuple[Variant, ...]:
        return tuple(v for v in self.variants if v.mime == mime)

    @property
    def fallback(self) -> tuple[Variant, ...]:
        """The variants in the original format (for <img srcset>)."""
        return self.candidates(self.mime)

    @property
    def webp(self) -> tuple[Variant, ...]:
        return self.candidates(WEBP)

    @property
    def box(self) -> tuple[int, int]:
        """width and height attributes: those of the largest variant (the aspect ratio)."""
        largest = self.fallback[-1]
        return largest.width, largest.height


def is_photo(path: str) -> bool:
    return path.lower().endswith(PHOTO_EXTENSIONS)


def is_refused(path: str) -> bool:
    return path.lower().endswith(REFUSED_EXTENSIONS)


def variant_widths(width: int, widths: Iterable[int]) -> list[int]:
    """Widths to make for a photo `width` pixels wide: never wider than the photo itself."""
    wanted = sorted(set(widths))
    chosen = [w for w in wanted if w < width]
    if not wanted or width <= wanted[-1]:
        chosen.append(width)
    return chosen


def _scaled(size: tuple[int, int], width: int) -> tuple[int, int]:
    w, h = size
    return width, max(1, round(h * width / w))


def _upright(image: Image.Image) -> Image.Image:
    """The pixels turned as the EXIF Orientation says, in a mode every encoder accepts."""
    image = ImageOps.exif_transpose(image)
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    elif image.mode == "CMYK":
        image = image.convert("RGB")
    elif image.mode not in {"RGB", "RGBA", "L", "LA"}:
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    return image


def _encode(image: Image.Image, pillow_format: str, icc: bytes | None, cfg: PhotoSettings):
    """Bytes of `image` in `pillow_format` with no metadata except the colour profile."""
    image.info = {}  # Pillow re-emits comments and other chunks found in `info`
    extra = {"icc_profile": icc} if icc else {}
    out = io.BytesIO()
    if pillow_format == "JPEG":
        if image.mode in {"RGBA", "LA"}:
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=cfg.jpeg_quality, optimize=True, progressive=True, **extra)
    elif pillow_format == "PNG":
        image.save(out, "PNG", optimize=True, **extra)
    else:
        if image.mode in {"L", "LA"}:
            image = image.convert("RGBA" if image.mode == "LA" else "RGB")
        image.save(out, "WEBP", quality=cfg.webp_quality, method=4, **extra)
    return out.getvalue()


def render(data: bytes, source: str, cfg: PhotoSettings) -> tuple[dict[str, bytes], dict]:
    """Encode the stand-in and the variants of one photo: (file name → bytes, manifest)."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            if getattr(opened, "n_frames", 1) > 1:
                raise animated(source)
            pillow_format = opened.format
            if pillow_format not in FORMATS:
                raise unreadable(source, f"định dạng {pillow_format}")
            opened.load()
            icc = opened.info.get("icc_profile")
            image = _upright(opened)
    except PhotoError:
        raise
    except (OSError, ValueError, Image.DecompressionBombError, UnidentifiedImageError) as exc:
        raise unreadable(source, type(exc).__name__) from exc
    image.info = {}
    extension, mime = FORMATS[pillow_format]
    files: dict[str, bytes] = {}

    def resized(width: int) -> Image.Image:
        if width >= image.width:
            return image
        return image.resize(_scaled(image.size, width), Image.Resampling.LANCZOS, reducing_gap=3.0)

    stand_in = resized(min(image.width, cfg.max_width))
    files["original" + extension] = _encode(stand_in, pillow_format, icc, cfg)
    variants = []
    for width in variant_widths(image.width, cfg.widths):
        small = resized(width)
        for fmt in dict.fromkeys(("WEBP", pillow_format)):  # once for a WebP original
            ext, kind = FORMATS[fmt]
            name = f"{width}{ext}"
            files[name] = _encode(small, fmt, icc, cfg)
            variants.append(
                {"file": name, "width": small.width, "height": small.height, "mime": kind}
            )
    manifest = {
        "width": stand_in.width,
        "height": stand_in.height,
        "mime": mime,
        "original": "original" + extension,
        "variants": variants,
    }
    return files, manifest


class PhotoMaker:
    """Prepares photos through the cache folder `cfg.cache_path` (one sub-folder per key)."""

    def __init__(self, cfg: PhotoSettings):
        self.cfg = cfg
        self.root = Path(cfg.cache_path)
        self.used: set[str] = set()

    def key(self, data: bytes) -> str:
        return f"{hashlib.sha256(data).hexdigest()[:24]}-{self.cfg.fingerprint}"

    def output_name(self, source: str, key: str, width: int, extension: str) -> str:
        """images/2024/hoi-nghi.jpg → images/_v/2024/hoi-nghi-960-<hash>.webp"""
        path = PurePosixPath(source)
        parts = path.parent.parts
        if parts and parts[0] in self.cfg.dirs:
            parts = parts[1:]
        tag = hashlib.sha256(key.encode()).hexdigest()[:8]
        return str(
            PurePosixPath(self.cfg.output_dir, *parts, f"{path.stem}-{width}-{tag}{extension}")
        )

    def prepare(self, file: Path, source: str) -> Photo:
        """The Photo for content file `file` (content-relative `source`); raises PhotoError."""
        if is_refused(source):
            raise refused_format(source, Path(source).suffix)
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise unreadable(source, exc.strerror or type(exc).__name__) from exc
        key = self.key(data)
        folder = self.root / key
        manifest = self._load(folder)
        if manifest is None:
            files, manifest = render(data, source, self.cfg)
            self._store(folder, files, manifest)
        else:
            os.utime(folder / MANIFEST)  # "used today", for prune()
        self.used.add(key)
        variants = tuple(
            sorted(
                (
                    Variant(
                        path=self.output_name(source, key, v["width"], Path(v["file"]).suffix),
                        width=v["width"],
                        height=v["height"],
                        mime=v["mime"],
                        cached=v["file"],
                    )
                    for v in manifest["variants"]
                ),
                key=lambda v: (v.mime, v.width),
            )
        )
        return Photo(
            source=source,
            width=manifest["width"],
            height=manifest["height"],
            mime=manifest["mime"],
            cache_dir=str(folder),
            original=manifest["original"],
            variants=variants,
        )

    def prepare_all(self, items: list[tuple[Path, str]]) -> tuple[dict[str, Photo], list]:
        """Photos by source path, and every problem found (all files are tried)."""
        photos: dict[str, Photo] = {}
        problems: list[PhotoError] = []

        def one(item):
            try:
                return item[1], self.prepare(*item), None
            except PhotoError as problem:
                return item[1], None, problem

        # Pillow releases the GIL while decoding, resizing and encoding: threads help.
        workers = max(1, min(self.cfg.workers, len(items)))
        if workers == 1:
            results = [one(item) for item in items]
        else:
            with ThreadPoolExecutor(workers) as pool:
                results = list(pool.map(one, items))
        for source, photo, problem in sorted(results, key=lambda r: r[0]):
            if problem is not None:
                problems.append(problem)
            else:
                photos[source] = photo
        return photos, problems

    def prune(self, max_age_days: float) -> None:
        """Remove cached photos that no build has used for `max_age_days` days.

        Age, not "unused by this build": test builds and the real site may share the cache,
        and neither must delete what the other is about to copy.
        """
        if not self.root.is_dir():
            return
        limit = time.time() - max_age_days * 86400
        for entry in self.root.iterdir():
            if entry.name in self.used or not entry.is_dir():
                continue
            marker = entry / MANIFEST if not entry.name.startswith(".tmp-") else entry
            try:
                stale = marker.stat().st_mtime < limit
            except OSError:
                stale = entry.name.startswith(".tmp-")
            if stale:
                shutil.rmtree(entry, ignore_errors=True)

    @staticmethod
    def _load(folder: Path) -> dict | None:
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        names = [manifest.get("original", "")] + [v["file"] for v in manifest["variants"]]
        if not all((folder / name).is_file() for name in names):
            return None
        return manifest

    @staticmethod
    def _store(folder: Path, files: dict[str, bytes], manifest: dict) -> None:
        """Write to a temporary folder, then rename it: a cache entry is complete or absent."""
        folder.parent.mkdir(parents=True, exist_ok=True)
        temporary = folder.parent / f".tmp-{uuid.uuid4().hex}"
        temporary.mkdir()
        for name, data in files.items():
            (temporary / name).write_bytes(data)
        (temporary / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder, ignore_errors=True)
        try:
            os.replace(temporary, folder)
        except OSError:  # another build stored the same photo meanwhile
            shutil.rmtree(temporary, ignore_errors=True)


def publish(photo: Photo, output: Path, original_path: str | None) -> list[str]:
    """Copy the photo's files from the cache into `output`; return the paths written."""
    cache = Path(photo.cache_dir)
    pairs = [(v.path, v.cached) for v in photo.variants]
    if original_path:
        pairs.append((original_path, photo.original))
    written = []
    for target, name in pairs:
        destination = output / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        if destination.is_symlink() or destination.exists():
            destination.unlink()  # never write through a link into someone else's file
        shutil.copyfile(cache / name, destination)
        written.append(target)
    return written
