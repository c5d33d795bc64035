"""Settings of the compress step, read once from Pelican's settings into a frozen dataclass.

Only the keys listed here are read; nothing is written back. Optional keys (defaults below):
COMPRESS_ENABLED, COMPRESS_EXTENSIONS, COMPRESS_EXCLUDE, COMPRESS_GZIP_LEVEL,
COMPRESS_BROTLI_QUALITY, COMPRESS_BROTLI_ASSET_QUALITY, COMPRESS_CACHE_PATH
(default: CACHE_PATH/compress), COMPRESS_CACHE_MAX_AGE_DAYS, COMPRESS_AHEAD (tools/build.py
sets it: the pages are compressed into the cache while Pelican writes, tools/compress/ahead.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

TEXT_EXTENSIONS = (
    "html", "htm", "css", "js", "mjs", "xml", "json", "csv", "svg", "txt", "webmanifest",
)  # fmt: skip
# Few, small and the same on every build: worth brotli's slowest, smallest setting.
ASSET_EXTENSIONS = ("css", "js", "mjs", "svg")


def _truthy(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on", "co", "có"}
    return bool(value)


@dataclass(frozen=True)
class CompressSettings:
    enabled: bool = True
    extensions: tuple[str, ...] = TEXT_EXTENSIONS
    # Folders (from the output root) left alone. Pagefind's own index files are gzipped by
    # Pagefind and have no text extension; its scripts and JSON are compressed like the rest.
    exclude: tuple[str, ...] = ()
    gzip_level: int = 6  # libdeflate's 1 to 12; its 6 is as small as zlib's 9 (compress.py)
    # Brotli's quality 11 runs at well under 1 MB/s; 6 is ~50 times faster and within a
    # few per cent of its size on HTML. Assets (CSS, JS, SVG) get 11.
    brotli_quality: int = 6
    brotli_asset_quality: int = 11
    cache_path: Path | None = Path("cache/compress")
    cache_max_age_days: float = 3.0  # list pages change on every build: keep this short
    ahead: bool = False  # compress while Pelican writes (plugins/compress_ahead)

    @classmethod
    def from_pelican(cls, settings) -> CompressSettings:
        get = settings.get
        cache_root = get("CACHE_PATH") or "cache"
        cache = get("COMPRESS_CACHE_PATH", Path(cache_root) / "compress")
        return cls(
            enabled=_truthy(get("COMPRESS_ENABLED", cls.enabled)),
            extensions=tuple(
                e.lower().lstrip(".") for e in get("COMPRESS_EXTENSIONS", cls.extensions)
            ),
            exclude=tuple(p.strip("/") for p in get("COMPRESS_EXCLUDE", cls.exclude)),
            gzip_level=int(get("COMPRESS_GZIP_LEVEL", cls.gzip_level)),
            brotli_quality=int(get("COMPRESS_BROTLI_QUALITY", cls.brotli_quality)),
            brotli_asset_quality=int(
                get("COMPRESS_BROTLI_ASSET_QUALITY", cls.brotli_asset_quality)
            ),
            cache_path=Path(cache) if cache else None,
            cache_max_age_days=float(get("COMPRESS_CACHE_MAX_AGE_DAYS", cls.cache_max_age_days)),
            ahead=_truthy(get("COMPRESS_AHEAD", cls.ahead)),
        )
