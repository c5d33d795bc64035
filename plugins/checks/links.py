"""Photos and links of an article: every path resolves inside content/, every photo has alt."""

from __future__ import annotations

import html
import os
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

from plugins.honours.paths import OUTSIDE_HINT, is_inside
from plugins.vietnamese.errors import SiteError
from plugins.vietnamese.suggest import closest

from .dates import parse_date
from .document import Document
from .site import Site, problem, visible_lines, warning
from .template import has_placeholder

MD_IMAGE_RE = re.compile(
    r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+(?P<q>[\"'])(?P<title>.*?)(?P=q))?\s*\)"
)
MD_REF_IMAGE_RE = re.compile(r"!\[(?P<alt>[^\]]*)\]\[(?P<ref>[^\]]*)\]")
HTML_IMG_RE = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.IGNORECASE)
HTML_ATTR_RE = re.compile(r"([a-zA-Z-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")
INTRASITE_RE = re.compile(r"[{|](?P<what>filename|static|attach)[}|](?P<value>[^\s)\"'<>\]]*)")
FILE_LIKE_ALT_RE = re.compile(
    r"(\.(jpe?g|png|gif|webp|heic|tiff?)$)|(^(img|dsc|dscn|pxl)[_-]?\d+)", re.I
)


def _targets(doc: Document) -> Iterator[tuple[int, str, str]]:
    """(line, what, value) of every {filename}/{static}/{attach} link in the text."""
    for name in ("summary", "image"):
        item = doc.fields.get(name)
        if item and not has_placeholder(item.value):
            for match in INTRASITE_RE.finditer(item.value):
                yield item.line, match.group("what"), match.group("value")
    for number, line in visible_lines(doc):
        for match in INTRASITE_RE.finditer(line):
            yield number, match.group("what"), match.group("value")


def resolve(doc: Document, value: str) -> str:
    """Path relative to the content folder, as Pelican resolves {filename}/{static} links."""
    path = unquote(urlparse(value).path)
    if path.startswith("/"):
        joined = path.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(doc.content_rel), path)
    return posixpath.normpath(joined)


def _near_files(folder: Path, name: str) -> str | None:
    if not folder.is_dir():
        return None
    names = sorted(p.name for p in folder.iterdir() if p.is_file())
    for candidate in names:
        if candidate.lower() == name.lower():
            return candidate
    guess = closest(name, names, n=1, cutoff=0.6)
    return guess[0] if guess else None


def _link_to_unpublished(doc: Document, site: Site, line: int, linked: Document):
    if linked.kind != "article" or doc.is_draft:
        return
    date = parse_date(linked.value("date")).value if linked.value("date") else None
    if linked.is_draft:
        why = "là bài nháp, chưa được đăng"
        fix = 'Đăng bài kia trước (xoá dòng "Status: draft" của nó), hoặc bỏ liên kết.'
    elif date is not None and doc.value("date") and date > site.now:
        mine = parse_date(doc.value("date")).value
        if mine is None or mine >= date:
            return  # this article is scheduled after the one it links to
        why = f"là bài hẹn giờ, chỉ lên trang từ {date:%d/%m/%Y %H:%M}"
        fix = "Hẹn giờ bài này muộn hơn bài kia, hoặc bỏ liên kết."
    else:
        return
    yield problem(
        doc,
        line,
        f'Liên kết tới bài "{linked.rel}" {why}: người đọc sẽ gặp liên kết hỏng.',
        fix,
    )


def check_links(doc: Document, site: Site) -> Iterator[SiteError]:
    root = site.settings.content_path
    for line, what, value in _targets(doc):
        target = resolve(doc, value)
        path = root / target
        if target.startswith("..") or not value:
            yield problem(
                doc,
                line,
                f'Đường dẫn "{{{what}}}{value}" trỏ ra ngoài thư mục content.',
                "Viết đường dẫn tính từ thư mục content, bắt đầu bằng dấu /, ví dụ "
                f'"{{{what}}}/images/2024/03/anh.jpg".',
            )
            continue
        if os.path.lexists(path) and not is_inside(path, root):
            yield problem(
                doc,
                line,
                f'Đường dẫn "{{{what}}}{value}" trỏ ra ngoài thư mục content qua một liên kết '
                "tượng trưng (symlink): không đọc, không xuất bản.",
                OUTSIDE_HINT,
            )
            continue
        if path.is_file():
            linked = site.documents.get(target)
            if what == "filename" and linked and not doc.is_draft:
                yield from _link_to_unpublished(doc, site, line, linked)
            continue
        near = _near_files(path.parent, path.name)
        hint = (
            f'Có phải tệp "{site.rel(path.parent / near)}"? Sửa tên cho đúng (chữ hoa, chữ '
            "thường khác nhau)."
            if near
            else "Kiểm tra tên tệp và thư mục; đường dẫn bắt đầu bằng / được tính từ thư mục "
            "content."
        )
        if what == "filename":
            message = f'Liên kết "{{filename}}{value}" trỏ tới bài không có ({site.rel(path)}).'
        else:
            message = f'Không tìm thấy tệp "{{{what}}}{value}" ({site.rel(path)} không có).'
            if not near:
                hint = f"Chép tệp vào {site.rel(path.parent)}/, hoặc sửa đường dẫn. " + hint
        yield problem(doc, line, message, hint)


def _images(doc: Document) -> Iterator[tuple[int, str | None, str]]:
    """(line, alt or None when absent, src) of the photos in the body."""
    for number, line in visible_lines(doc):
        for match in MD_IMAGE_RE.finditer(line):
            yield number, match.group("alt"), match.group("src")
        for match in MD_REF_IMAGE_RE.finditer(line):
            yield number, match.group("alt"), ""
        for match in HTML_IMG_RE.finditer(line):
            attrs = {
                m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
                for m in HTML_ATTR_RE.finditer(match.group("attrs"))
            }
            yield number, attrs.get("alt"), attrs.get("src", "")


def check_images(doc: Document, site: Site) -> Iterator[SiteError]:
    photos = list(_images(doc))
    item = doc.fields.get("image")
    if item and item.value and not has_placeholder(item.value):
        photos.append((item.line, "(ảnh đại diện)", item.value))
    for line, alt, src in photos:
        if src and ("://" in src or src.startswith("//")):
            yield problem(
                doc,
                line,
                f'Ảnh "{src}" lấy từ trang web khác: trang không được tải gì từ nơi khác.',
                'Tải ảnh về, chép vào content/images/ và viết "{static}/images/ten-anh.jpg".',
            )
            continue
        if src and not src.startswith(("{static}", "|static|", "{attach}", "data:")):
            yield problem(
                doc,
                line,
                f'Đường dẫn ảnh "{src}" thiếu {{static}} ở đầu nên ảnh sẽ không hiện.',
                f'Viết "{{static}}/{src.lstrip("/")}" (đường dẫn tính từ thư mục content).',
            )
            continue
        if alt is None or not alt.strip():
            yield problem(
                doc,
                line,
                f'Ảnh "{src or alt}" chưa có mô tả (alt): người khiếm thị không biết ảnh có gì.',
                'Viết mô tả ngắn trong ngoặc vuông: "![Đại biểu dự hội nghị]({static}/images/'
                '...)"; chú thích dưới ảnh viết trong ngoặc kép sau đường dẫn.',
            )
        elif FILE_LIKE_ALT_RE.search(alt.strip()):
            yield warning(
                doc,
                line,
                f'Mô tả ảnh "{alt}" là tên tệp, không nói ảnh có gì.',
                'Viết một câu ngắn tả ảnh, ví dụ "Đại biểu bấm nút khai mạc hội nghị".',
            )
        if not src.startswith(("{static}", "|static|", "{attach}")):
            continue
        path = site.settings.content_path / resolve(doc, INTRASITE_RE.match(src).group("value"))
        if not path.is_file():
            continue  # reported by check_links
        size = path.stat().st_size
        mb = size / (1024 * 1024)
        resize = "Thu nhỏ ảnh (cạnh dài khoảng 2000 điểm ảnh, JPEG chất lượng 80–85) rồi chép lại."
        if size > site.settings.image_max_bytes:
            yield problem(
                doc, line,
                f"Ảnh {site.rel(path)} nặng {mb:.1f} MB, quá giới hạn "
                f"{site.settings.image_max_bytes // (1024 * 1024)} MB mà trang nhận.",
                resize,
            )  # fmt: skip
        elif size > site.settings.image_warn_bytes:
            yield warning(
                doc, line,
                f"Ảnh {site.rel(path)} nặng {mb:.1f} MB (quá "
                f"{site.settings.image_warn_bytes // (1024 * 1024)} MB): trang tải chậm trên "
                "điện thoại.",
                resize,
            )  # fmt: skip
