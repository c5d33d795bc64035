"""Read a built site the way a reader's browser would: pages, their references, their targets.

Pure helpers (BeautifulSoup and the file system) shared by the quality tests.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from tests.support import parse

BASE = "http://trang.invalid"  # stands for the site's own origin while resolving URLs

# Elements and attributes whose URL the browser fetches while showing the page.
LOADED = [
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("script", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("iframe", "src"),
    ("frame", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
    ("image", "href"),
    ("use", "href"),
]
# <link rel=...> values that are only a reference (the browser fetches nothing for them).
LINK_RELS_NOT_LOADED = {"canonical", "alternate", "prev", "next", "author", "license", "help"}
# Elements and attributes the reader follows (navigation).
FOLLOWED = [("a", "href"), ("area", "href"), ("form", "action")]
# <meta> whose content is a URL of this site (Open Graph, Twitter cards).
META_URLS = {"og:url", "og:image", "og:image:url", "og:image:secure_url", "twitter:image"}


@dataclass(frozen=True)
class Ref:
    page: str  # the page holding the reference (path relative to the site root)
    where: str  # "img[src]", "link[rel=stylesheet]", ...
    url: str
    loads: bool  # fetched by the browser to show the page (not a link the reader follows)

    def __str__(self) -> str:
        return f"{self.page}: {self.where} = {self.url!r}"


def srcset_urls(value: str) -> list[str]:
    """The URLs of a srcset attribute ("a.jpg 320w, b.jpg 640w")."""
    urls = []
    for candidate in value.split(","):
        parts = candidate.strip().split()
        if parts:
            urls.append(parts[0])
    return urls


_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_CSS_IMPORT = re.compile(r"""@import\s+(['"])([^'"]+)\1""")


def css_urls(text: str) -> list[str]:
    return [m.group(2) for m in _CSS_URL.finditer(text)] + [
        m.group(2) for m in _CSS_IMPORT.finditer(text)
    ]


class Site:
    """A built site folder: its HTML pages, parsed once, and how URLs map to files."""

    def __init__(self, root: Path, own_origins: tuple[str, ...] = ()):
        self.root = Path(root)
        # Absolute URLs on these origins (FEED_DOMAIN, SITEURL) are this very site.
        self.own_origins = tuple(o.rstrip("/") for o in own_origins if o)
        self._soups: dict[str, BeautifulSoup] = {}
        self._ids: dict[str, set[str]] = {}
        self._refs: dict[str, list[Ref]] = {}

    @cached_property
    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html"))

    def text(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")

    def soup(self, rel: str) -> BeautifulSoup:
        if rel not in self._soups:
            self._soups[rel] = parse(self.text(rel))
        return self._soups[rel]

    def ids(self, rel: str) -> set[str]:
        if rel not in self._ids:
            soup = self.soup(rel)
            found = {tag["id"] for tag in soup.find_all(id=True)}
            found |= {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
            self._ids[rel] = found
        return self._ids[rel]

    @staticmethod
    def url_of(rel: str) -> str:
        """The URL path a page is served at ("2024/01/x/index.html" → "/2024/01/x/")."""
        if rel == "index.html":
            return "/"
        if rel.endswith("/index.html"):
            return "/" + rel.removesuffix("index.html")
        return "/" + rel

    # --- URLs -----------------------------------------------------------------------------

    def absolute(self, page: str, url: str) -> str:
        """`url` as written in `page`, made absolute (this site's origin is BASE)."""
        url = url.strip()
        for origin in self.own_origins:
            if url == origin or url.startswith(origin + "/"):
                url = BASE + url[len(origin) :]
                break
        return urljoin(BASE + self.url_of(page), url)

    def is_internal(self, page: str, url: str) -> bool:
        parts = urlsplit(self.absolute(page, url))
        return parts.scheme in ("http", "https") and f"{parts.scheme}://{parts.netloc}" == BASE

    def is_other_host(self, page: str, url: str) -> bool:
        """A URL that makes the browser talk to another host (protocol-relative included)."""
        parts = urlsplit(self.absolute(page, url))
        if parts.scheme in ("data", "blob", "about", "mailto", "tel", "sms", "javascript"):
            return False
        return f"{parts.scheme}://{parts.netloc}" != BASE

    def target(self, page: str, url: str) -> tuple[str | None, str]:
        """(the file an internal URL serves, or None when there is none; its #fragment)."""
        parts = urlsplit(self.absolute(page, url))
        return self._file_of(unquote(parts.path).lstrip("/")), unquote(parts.fragment)

    @functools.cache  # noqa: B019 (one Site per test session)
    def _file_of(self, path: str) -> str | None:
        candidates = [path + "index.html"] if path.endswith("/") or not path else [path]
        if path and not path.endswith("/"):
            candidates.append(path + "/index.html")  # a folder: the server redirects to it/
        for candidate in candidates:
            file = self.root / candidate
            if file.is_file() and self.root.resolve() in file.resolve().parents:
                return candidate
        return None

    # --- References -----------------------------------------------------------------------

    def refs(self, rel: str) -> list[Ref]:
        """Every URL written in a page: loaded resources, links, forms, meta URLs, JSON-LD."""
        if rel not in self._refs:
            self._refs[rel] = list(self._find_refs(rel))
        return self._refs[rel]

    def _find_refs(self, rel: str) -> Iterator[Ref]:
        for tag in self.soup(rel).find_all(True):  # one pass over the page
            name = tag.name
            for attr in _LOADED_BY_TAG.get(name, ()):
                value = tag.get(attr)
                if value is None:
                    continue
                for url in srcset_urls(value) if attr == "srcset" else [value]:
                    yield Ref(rel, f"{name}[{attr}]", url, loads=True)
            for attr in _FOLLOWED_BY_TAG.get(name, ()):
                if tag.get(attr) is not None:
                    yield Ref(rel, f"{name}[{attr}]", tag[attr], loads=False)
            if name == "link" and tag.get("href") is not None:
                rels = {r.lower() for r in (tag.get("rel") or [])}
                loads = not rels or not rels <= LINK_RELS_NOT_LOADED
                yield Ref(rel, f"link[rel={' '.join(sorted(rels))}]", tag["href"], loads=loads)
            elif name == "meta" and tag.get("content") is not None:
                key = tag.get("property") or tag.get("name") or ""
                if key in META_URLS:
                    yield Ref(rel, f"meta[{key}]", tag["content"], loads=False)
            elif name == "script" and tag.get("type") == "application/ld+json":
                try:
                    data = json.loads(tag.string or "")
                except ValueError:
                    continue  # the JSON test reports it
                for value in _strings(data):
                    if any(value.startswith(origin + "/") for origin in self.own_origins):
                        yield Ref(rel, "script[type=application/ld+json]", value, loads=False)


_LOADED_BY_TAG: dict[str, tuple[str, ...]] = {}
for _name, _attr in LOADED:
    _LOADED_BY_TAG[_name] = (*_LOADED_BY_TAG.get(_name, ()), _attr)
_FOLLOWED_BY_TAG = {name: (attr,) for name, attr in FOLLOWED}


def _strings(data) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def summary(problems: list, limit: int = 40) -> str:
    """A readable list of problems for an assertion message."""
    lines = [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"... và {len(problems) - limit} lỗi nữa ({len(problems)} tất cả)")
    return "\n".join(lines)
