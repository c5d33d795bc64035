"""Parse a page of a built site."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup


def parse(source: Path | str) -> BeautifulSoup:
    """A built file (a Path) or an HTML string, parsed with the standard parser."""
    if isinstance(source, Path):
        source = source.read_text(encoding="utf-8")
    return BeautifulSoup(source, "html.parser")


def page(site: Path, url: str) -> BeautifulSoup:
    """The page at `url` ("2024/03/slug/", "" for the home page) of a built site."""
    return parse(site / url / "index.html")
