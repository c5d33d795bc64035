"""sitemap.xml's entries from the list of pages written (pure: no Pelican import).

The XML itself is the theme's template `sitemap.html`, written through Pelican's Writer.
lastmod is given only where the content knows it (articles and pages); listing pages get
none, so the file never depends on the time of the build.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Entry:
    path: str  # URL path from the site root, e.g. "2023/12/slug/"
    lastmod: datetime | None = None


@dataclass(frozen=True)
class Sitemap:
    """What the template gets as `sitemap`: the site's base URL and one entry per path."""

    base: str
    entries: tuple[Entry, ...]


def clean_path(output_relative: str) -> str:
    """ "2023/12/x/index.html" -> "2023/12/x/"; "index.html" -> ""."""
    path = output_relative.replace("\\", "/")
    if path == "index.html":
        return ""
    if path.endswith("/index.html"):
        return path[: -len("index.html")]
    return path


def sitemap(entries: list[Entry], siteurl: str) -> Sitemap:
    """One entry per path (the last written wins), sorted by path."""
    unique = {entry.path: entry for entry in entries}
    return Sitemap(siteurl.rstrip("/"), tuple(unique[path] for path in sorted(unique)))
