"""Pelican glue: collect every HTML page written (all generators, ours included), then write
sitemap.xml through Pelican's Writer once every generator has written its pages.

A plugin generator cannot know where it runs among the others (their order follows PLUGINS),
so SitemapGenerator only takes Pelican's writer in generate_output; sitemap.xml is written
with that same writer at `finalized`, after all generate_output calls, whatever the order.
The Writer gives the theme's template lookup and its check that no two outputs share a path.
"""

from __future__ import annotations

import os
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from .sitemap_xml import Entry, clean_path, sitemap

EXCLUDED = ("404.html", "ban-nhap/", "tim-kiem/")
TEMPLATE = "sitemap"
SAVE_AS = "sitemap.xml"


class SitemapCollector:
    """State of one build (one Pelican.run), kept on the Pelican object and connected
    weakly: it goes away with its build; a build that failed before `finalized` never
    writes anything, and a newer run of the same Pelican object replaces it."""

    def __init__(self, pelican) -> None:
        self.pelican = pelican
        self.output = Path(pelican.output_path)
        self.siteurl = pelican.settings.get("FEED_DOMAIN") or pelican.settings.get("SITEURL", "")
        self.entries: list[Entry] = []
        self.generator: SitemapGenerator | None = None
        self.writer = None

    def page_written(self, path, context) -> None:
        relative = os.path.relpath(path, self.output).replace(os.sep, "/")
        if relative.startswith("../") or not relative.endswith(".html"):
            return  # written by another build, or not a page
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
        if getattr(pelican, "sitemap_collector", None) is not self or self.generator is None:
            return  # an older run of this Pelican object (it failed before writing)
        generator = self.generator
        generator.writer.write_file(
            SAVE_AS,
            generator.get_template(TEMPLATE),
            generator.context,
            sitemap=sitemap(self.entries, self.siteurl),
        )


class SitemapGenerator(Generator):
    """Reads nothing; hands Pelican's writer to this build's collector."""

    collector: SitemapCollector

    def generate_context(self) -> None:
        self.collector.generator = self

    def generate_output(self, writer) -> None:
        self.writer = writer


def get_generators(pelican):
    collector = SitemapCollector(pelican)
    pelican.sitemap_collector = collector
    signals.content_written.connect(collector.page_written)
    signals.finalized.connect(collector.write)
    return type("SitemapGenerator", (SitemapGenerator,), {"collector": collector})


def register() -> None:
    signals.get_generators.connect(get_generators)
