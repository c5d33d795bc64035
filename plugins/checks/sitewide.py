"""Rules across files: two documents at one address; symlinks leading out of content/."""

from __future__ import annotations

from collections.abc import Iterator

from plugins.vietnamese.errors import SiteError

from .dates import parse_date
from .document import Document
from .site import Site, problem
from .template import has_placeholder


def url_of(doc: Document, site: Site) -> tuple[str, int] | None:
    """(URL path, line) that the document will be published at, if it can be told."""
    slug = doc.value("slug")
    line = doc.line_of("slug") if slug else doc.line_of("title")
    if not slug:
        title = doc.value("title")
        if not title or has_placeholder(title):
            return None
        slug = site.slugify(title)
    if doc.kind == "page":
        return f"/{slug}/", line
    parsed = parse_date(doc.value("date")) if doc.value("date") else None
    if parsed is None or parsed.value is None:
        return None
    return f"/{parsed.value:%Y}/{parsed.value:%m}/{slug}/", line


def check_duplicate_urls(site: Site) -> Iterator[SiteError]:
    by_url: dict[str, list[tuple[Document, int]]] = {}
    for key in sorted(site.documents):
        doc = site.documents[key]
        found = url_of(doc, site)
        if found:
            by_url.setdefault(found[0], []).append((doc, found[1]))
    for url, owners in sorted(by_url.items()):
        if len(owners) < 2:
            continue
        for doc, line in owners:
            others = ", ".join(other.rel for other, _ in owners if other is not doc)
            yield problem(
                doc,
                line,
                f"Hai bài cùng địa chỉ {url}: {doc.rel} và {others}.",
                "Đổi tiêu đề của một bài, hoặc thêm vào một bài dòng "
                f'"Slug: {url.rstrip("/").rsplit("/", 1)[-1]}-2" để bài có địa chỉ riêng.',
                field="Slug",
            )
