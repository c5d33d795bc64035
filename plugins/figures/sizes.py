"""Image sizes for width/height attributes, read from the file header with Pillow."""

from pathlib import Path

from PIL import Image

STATIC_PREFIXES = ("{static}", "|static|")


def resolve(src: str, content_root: Path, source_dir: Path) -> Path | None:
    """Map a Markdown image URL to a file in content/ (None for external URLs)."""
    for prefix in STATIC_PREFIXES:
        if src.startswith(prefix):
            rest = src[len(prefix) :]
            return content_root / rest.lstrip("/") if rest.startswith("/") else source_dir / rest
    if "://" in src or src.startswith(("//", "data:")):
        return None
    return content_root / src.lstrip("/") if src.startswith("/") else source_dir / src


def image_size(path: Path) -> tuple[int, int] | None:
    """Displayed (width, height), with the EXIF orientation applied; None if unreadable."""
    try:
        with Image.open(path) as image:
            width, height = image.size
            orientation = image.getexif().get(0x0112, 1)
    except (OSError, ValueError):
        return None
    if orientation in (5, 6, 7, 8):  # rotated by 90 or 270 degrees
        width, height = height, width
    return width, height
