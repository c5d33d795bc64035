"""sitemap.xml from the list of pages written (pure: no Pelican import).

lastmod is given only where the content knows it (articles and pages); listing pages get
none, so the file never depends on the time of the build.
"""

from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Entry:
    path: str  # URL path from the site root, e.g. "2023/12/slug/"
    lastmod: datetime | None = None


def clean_path(output_relative: str) -> str:
    """ "2023/12/x/index.html" -> "2023/12/x/"; "index.html" -> ""."""
    path = output_relative.replace("\\", "/")
    if path == "index.html":
        return ""
    if path.endswith("/index.html"):
        return path[: -len("index.html")]
    return path


def render(entries: list[Entry], siteurl: str) -> str:
    base = siteurl.rstrip("/")
    unique = {entry.path: entry for entry in entries}
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path in sorted(unique):
        entry = unique[path]
        lines.append("<url>")
        lines.append(f"<loc>{escape(f'{base}/{path}')}</loc>")
        if entry.lastmod is not None:
            lines.append(f"<lastmod>{entry.lastmod.date().isoformat()}</lastmod>")
        lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
