"""Pelican glue: collect every HTML page written (all generators, ours included), then write
sitemap.xml once the build is finished."""

from __future__ import annotations

import os
from pathlib import Path

from pelican import signals

from .sitemap_xml import Entry, clean_path, render

EXCLUDED = ("404.html", "ban-nhap/", "tim-kiem/")


class SitemapCollector:
    """State of one build, kept on the Pelican object and connected weakly: it goes away with
    its build, and a build that failed before `finalized` never writes anything."""

    def __init__(self, pelican) -> None:
        self.pelican = pelican
        self.output = Path(pelican.output_path)
        self.siteurl = pelican.settings.get("FEED_DOMAIN") or pelican.settings.get("SITEURL", "")
        self.entries: list[Entry] = []

    def page_written(self, path, context) -> None:
        relative = os.path.relpath(path, self.output).replace(os.sep, "/")
        if relative.startswith("../") or not relative.endswith(".html"):
            return  # written by another build
        if relative.startswith(EXCLUDED):
            return
        content = context.get("article") or context.get("page")
        if content is not None and getattr(content, "status", "published") != "published":
            return
        lastmod = None
        if content is not None:
            lastmod = getattr(content, "modified", None) or getattr(content, "date", None)
        self.entries.append(Entry(clean_path(relative), lastmod))

    def write(self, pelican) -> None:
        if pelican is not self.pelican:
            return
        signals.content_written.disconnect(self.page_written)
        signals.finalized.disconnect(self.write)
        (self.output / "sitemap.xml").write_text(
            render(self.entries, self.siteurl), encoding="utf-8"
        )


def start(pelican) -> None:
    pelican.sitemap_collector = SitemapCollector(pelican)
    signals.content_written.connect(pelican.sitemap_collector.page_written)
    signals.finalized.connect(pelican.sitemap_collector.write)


def register() -> None:
    signals.initialized.connect(start)
