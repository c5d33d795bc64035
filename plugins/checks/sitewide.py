"""Rules across files: two documents written to one file; symlinks leading out of content/.

Addresses come from Pelican's own settings (ARTICLE_URL, ARTICLE_SAVE_AS, PAGE_URL, ...,
the *_LANG_* ones for translations), or from the document's `Url` / `Save_as`: changing a
setting changes what this rule computes, it never silently stops working.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from plugins.honours.paths import OUTSIDE_HINT, is_inside
from plugins.vietnamese.errors import SiteError

from .dates import parse_date
from .document import Document
from .errors import ContentProblem
from .site import Site, problem
from .template import has_placeholder


def _pattern(doc: Document, site: Site, what: str) -> str:
    settings = site.settings
    lang = doc.value("lang")
    translated = bool(lang) and lang != settings.default_lang
    name = f"{doc.kind}_{'lang_' if translated else ''}{what}"
    return getattr(settings, name)


def address_of(doc: Document, site: Site) -> tuple[str, str, int] | None:
    """(URL path, file written, line) of the document, if they can be told."""
    slug = doc.value("slug")
    line = doc.line_of("slug") if slug else doc.line_of("title")
    if not slug:
        title = doc.value("title")
        if not title or has_placeholder(title):
            return None
        slug = site.slugify(title)
    values = {
        "slug": slug,
        "lang": doc.value("lang") or site.settings.default_lang,
        "category": site.slugify(doc.value("category") or "misc"),
        "author": site.slugify((doc.value("authors") or doc.value("author")).split(",")[0]),
    }
    if doc.kind == "article":
        parsed = parse_date(doc.value("date")) if doc.value("date") else None
        if parsed is None or parsed.value is None:
            return None
        values["date"] = parsed.value
    try:
        url = doc.value("url") or _pattern(doc, site, "url").format(**values)
        save_as = doc.value("save_as") or _pattern(doc, site, "save_as").format(**values)
    except (KeyError, ValueError, IndexError, AttributeError):
        return None  # a pattern using what we cannot tell: Pelican's own check stays
    if doc.value("save_as"):
        line = doc.line_of("save_as")
    elif doc.value("url"):
        line = doc.line_of("url")
    return "/" + url.lstrip("/"), os.path.normpath(save_as.lstrip("/")), line


def url_of(doc: Document, site: Site) -> tuple[str, int] | None:
    """(URL path, line) that the document will be published at, if it can be told."""
    found = address_of(doc, site)
    return (found[0], found[2]) if found else None


def check_duplicate_urls(site: Site) -> Iterator[SiteError]:
    by_file: dict[str, list[tuple[Document, str, int]]] = {}
    for key in sorted(site.documents):
        doc = site.documents[key]
        found = address_of(doc, site)
        if found:
            by_file.setdefault(found[1], []).append((doc, found[0], found[2]))
    for _file, owners in sorted(by_file.items()):
        if len(owners) < 2:
            continue
        for doc, url, line in owners:
            others = ", ".join(other.rel for other, _, _ in owners if other is not doc)
            yield problem(
                doc,
                line,
                f"Hai bài cùng địa chỉ {url}: {doc.rel} và {others}.",
                "Đổi tiêu đề của một bài, hoặc thêm vào một bài dòng "
                f'"Slug: {url.rstrip("/").rsplit("/", 1)[-1]}-2" để bài có địa chỉ riêng.',
                field="Slug",
            )


def outside_links(content: Path, folders: tuple[str, ...] | None = None) -> list[Path]:
    """Every symlink under content/ (files and folders, not followed), or under the given
    folders of it, whose target is not inside content/, or is missing, sorted."""
    found = []
    tops = [content / f if f else content for f in folders] if folders is not None else [content]
    for top in tops:
        for dirpath, dirnames, filenames in os.walk(top, followlinks=False):
            dirnames.sort()
            for name in sorted(dirnames + filenames):
                path = Path(dirpath) / name
                if path.is_symlink() and (not path.exists() or not is_inside(path, content)):
                    found.append(path)
        if top.is_symlink() and top != content and not is_inside(top, content):
            found.append(top)
    return sorted(set(found))


def symlink_problems(content: Path, rel, folders=None) -> list[SiteError]:
    """The one rule for symlinks leading out of content/: `make check` runs it over the whole
    folder (check_symlinks), Pelican's run over the articles' and pages' folders before
    reading them (plugins/checks/glue.py). `rel` shows a path in messages."""
    return [
        ContentProblem(
            file=rel(path),
            message="Tệp là liên kết tượng trưng (symlink) trỏ ra ngoài thư mục content/ (hoặc "
            "tới tệp không có): trang không đọc và không xuất bản nó.",
            hint=OUTSIDE_HINT + " Rồi xóa liên kết này.",
        )
        for path in outside_links(content, folders)
    ]


def check_symlinks(site: Site) -> Iterator[SiteError]:
    """A symlink leading out of content/ is refused wherever it is: static files, extra/,
    photos, articles, data. Nothing it points to is read or published."""
    yield from symlink_problems(site.settings.content_path, site.rel)
