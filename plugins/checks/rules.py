"""The rules of `make check`, one function per rule, each yielding SiteError problems.

Every rule reads a parsed Document (see document.py) and the Site it belongs to; none imports
Pelican. Messages are plain Vietnamese and always say how to fix the problem.

Drafts (`Status: draft`) may be unfinished: a missing Summary or Category and the
"[[CẦN ĐIỀN: ...]]" placeholders of `make new` are only warnings there. Everything else (a
wrong date, a missing photo, a broken link...) is an error in a draft too, because it would
break the preview, and the day the draft is published it would break the site.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import unquote, urlparse

from plugins.vietnamese.errors import SiteError
from plugins.vietnamese.suggest import closest
from plugins.vietnamese.text import fold
from plugins.vietnamese.text import slugify as ascii_slugify

from .dates import EXAMPLE, parse_date
from .document import LOOKS_LIKE_KEY_RE, Document
from .errors import ContentProblem
from .settings import CheckSettings
from .template import has_placeholder

KNOWN_KEYS = {
    "title": "Title",
    "date": "Date",
    "modified": "Modified",
    "category": "Category",
    "tags": "Tags",
    "authors": "Authors",
    "author": "Author",
    "summary": "Summary",
    "image": "Image",
    "units": "Units",
    "bloc": "Bloc",
    "decisions": "Decisions",
    "mentions": "Mentions",
    "status": "Status",
    "slug": "Slug",
    "lang": "Lang",
    "translation": "Translation",
    "template": "Template",
    "save_as": "Save_as",
    "url": "Url",
}
# What editors type instead of the English keys.
VIETNAMESE_KEYS = {
    "tieu de": "Title",
    "ten bai": "Title",
    "ngay": "Date",
    "ngay dang": "Date",
    "chuyen muc": "Category",
    "the": "Tags",
    "tu khoa": "Tags",
    "tac gia": "Authors",
    "sa po": "Summary",
    "sapo": "Summary",
    "tom tat": "Summary",
    "anh": "Image",
    "anh dai dien": "Image",
    "don vi": "Units",
    "khoi": "Bloc",
    "khoi thi dua": "Bloc",
    "quyet dinh": "Decisions",
    "trang thai": "Status",
}
STATUSES = ("published", "draft", "hidden")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
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
COMMENT_OPEN, COMMENT_CLOSE = "<!--", "-->"


@dataclass
class HonoursRefs:
    """Ids known to the honours data (the `units`, `blocs`, `decisions` dicts of load_honours)."""

    units: Mapping = field(default_factory=dict)
    blocs: Mapping = field(default_factory=dict)
    decisions: Mapping = field(default_factory=dict)


@dataclass
class Site:
    settings: CheckSettings
    documents: dict[str, Document]  # by path relative to the content folder
    rel: Callable[[Path], str]  # a path as shown in messages
    now: datetime  # naive, Vietnam time: only for the "date far in the future" warning
    honours: HonoursRefs | None = None
    slugify: Callable[[str], str] = ascii_slugify


def problem(doc: Document, line: int | None, message: str, hint: str, **kwargs) -> SiteError:
    return ContentProblem(file=doc.rel, line=line, message=message, hint=hint, **kwargs)


def warning(doc: Document, line: int | None, message: str, hint: str, **kwargs) -> SiteError:
    return problem(doc, line, message, hint, severity="warning", **kwargs)


def _quote_list(names) -> str:
    return "; ".join(f'"{name}"' for name in names)


def _did_you_mean(word: str, choices) -> str | None:
    found = closest(word, list(choices), n=1)
    return found[0] if found else None


def _split_ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def visible_lines(doc: Document) -> Iterator[tuple[int, str]]:
    """Body lines with HTML comments (<!-- ... -->) blanked out."""
    in_comment = False
    for number, line in doc.body_lines():
        kept = []
        rest = line
        while rest:
            if in_comment:
                end = rest.find(COMMENT_CLOSE)
                if end < 0:
                    rest = ""
                else:
                    rest = rest[end + len(COMMENT_CLOSE) :]
                    in_comment = False
            else:
                start = rest.find(COMMENT_OPEN)
                if start < 0:
                    kept.append(rest)
                    rest = ""
                else:
                    kept.append(rest[:start])
                    rest = rest[start + len(COMMENT_OPEN) :]
                    in_comment = True
        yield number, "".join(kept)


# --- the header ----------------------------------------------------------------------------


def check_header_shape(doc: Document, site: Site) -> Iterator[SiteError]:
    for item in doc.repeated:
        first = doc.fields[item.name]
        yield problem(
            doc,
            item.line,
            f'Dòng "{item.key}:" xuất hiện hai lần (dòng {first.line} và dòng {item.line}).',
            "Giữ một dòng, xoá dòng kia.",
            field=item.key,
        )
    for item in doc.fields.values():
        if item.name in KNOWN_KEYS:
            continue
        guess = _did_you_mean(item.key, KNOWN_KEYS.values())
        hint = (
            f'Có phải bạn muốn viết "{guess}:"? Sửa tên khóa cho đúng.'
            if guess
            else "Các khóa dùng được: " + ", ".join(KNOWN_KEYS.values()) + "."
        )
        yield warning(doc, item.line, f'Khóa "{item.key}:" không được trang dùng đến.', hint)
    if doc.stray_header_line:
        line, text = doc.stray_header_line
        match = LOOKS_LIKE_KEY_RE.match(text)
        key = match.group("key").strip() if match else text
        english = VIETNAMESE_KEYS.get(fold(key).replace("-", " ").strip())
        english = english or KNOWN_KEYS.get(key.strip().lower())
        hint = (
            f'Tên khóa viết bằng tiếng Anh, liền dấu hai chấm: "{english}: ...".'
            if english
            else 'Tên khóa viết không dấu, liền dấu hai chấm (ví dụ "Title: ..."); nếu dòng '
            "này là nội dung bài thì để một dòng trống ở phía trên nó."
        )
        yield warning(
            doc,
            line,
            f'Dòng "{text.strip()}" không được đọc là thông tin đầu bài; phần thông tin '
            "đầu bài dừng ở dòng này.",
            hint,
        )


def check_required(doc: Document, site: Site) -> Iterator[SiteError]:
    where = "ở đầu tệp, trước dòng trống đầu tiên"
    required = [("title", "Title", "tiêu đề", f'Thêm dòng "Title: Tiêu đề bài" {where}.')]
    if doc.kind == "article":
        categories = _quote_list(site.settings.categories)
        required += [
            ("date", "Date", "ngày đăng", f'Thêm dòng "Date: {EXAMPLE}" {where}.'),
            ("category", "Category", "chuyên mục",
             f'Thêm dòng "Category: ..." {where}, với một trong các chuyên mục: {categories}.'),
            ("summary", "Summary", "sa-pô",
             f'Thêm dòng "Summary: ..." {where}: một đến ba câu tóm tắt tin.'),
        ]  # fmt: skip
    for name, key, label, hint in required:
        soft = doc.is_draft and name in {"summary", "category"}
        make = warning if soft else problem
        after = " (bài nháp được thiếu, nhưng phải có trước khi đăng)" if soft else ""
        if name not in doc.fields:
            yield make(doc, 1, f"Thiếu {label} ({key}){after}.", hint, field=key)
        elif not doc.value(name):
            yield make(
                doc,
                doc.line_of(name),
                f"{label[0].upper()}{label[1:]} ({key}) đang để trống{after}.",
                f'Viết {label} ngay sau "{key}:".',
                field=key,
            )


def check_dates(doc: Document, site: Site) -> Iterator[SiteError]:
    for name, key in (("date", "Date"), ("modified", "Modified")):
        value = doc.value(name)
        if not value or has_placeholder(value):
            continue
        result = parse_date(value)
        if result.problem:
            fix = result.fix or EXAMPLE
            yield problem(
                doc,
                doc.line_of(name),
                f"Ngày ({key}) sai: {result.problem}.",
                f'Viết theo dạng năm-tháng-ngày giờ:phút (giờ Việt Nam), ví dụ "{key}: {fix}".',
                field=key,
            )
        elif name == "date" and result.value > site.now + timedelta(days=366):
            yield warning(
                doc,
                doc.line_of(name),
                f"Ngày đăng {value} còn hơn một năm nữa: bài sẽ không hiện trên trang "
                "trước ngày đó (bài hẹn giờ).",
                "Kiểm tra lại năm; nếu đúng là hẹn giờ đăng thì bỏ qua cảnh báo này.",
                field=key,
            )


def check_category(doc: Document, site: Site) -> Iterator[SiteError]:
    value = doc.value("category")
    allowed = site.settings.categories
    if doc.kind != "article" or not value or not allowed or has_placeholder(value):
        return
    if value in allowed:
        return
    guess = _did_you_mean(value, allowed)
    hint = f'Có phải "{guess}"? ' if guess else ""
    hint += f"Viết đúng một tên (cả dấu) trong danh sách: {_quote_list(allowed)}."
    yield problem(
        doc,
        doc.line_of("category"),
        f'Chuyên mục "{value}" không có trong danh sách chuyên mục của trang.',
        hint,
        field="Category",
    )


def check_status(doc: Document, site: Site) -> Iterator[SiteError]:
    value = doc.value("status")
    if "status" in doc.fields and value.lower() not in STATUSES:
        yield problem(
            doc,
            doc.line_of("status"),
            f'Trạng thái (Status) "{value}" không hợp lệ.',
            'Viết "Status: draft" cho bài nháp; xoá dòng này khi muốn đăng bài.',
            field="Status",
        )


def check_slug(doc: Document, site: Site) -> Iterator[SiteError]:
    value = doc.value("slug")
    if "slug" in doc.fields and not SLUG_RE.match(value):
        better = ascii_slugify(value) or "ten-bai-viet"
        yield problem(
            doc,
            doc.line_of("slug"),
            f'Địa chỉ bài (Slug) "{value}" chỉ được có chữ thường không dấu, số và dấu gạch ngang.',
            f'Viết "Slug: {better}".',
            field="Slug",
        )


def check_summary_length(doc: Document, site: Site) -> Iterator[SiteError]:
    value = doc.value("summary")
    limit = site.settings.summary_max_chars
    if value and not has_placeholder(value) and len(value) > limit:
        yield warning(
            doc,
            doc.line_of("summary"),
            f"Sa-pô (Summary) dài {len(value)} ký tự, quá {limit} ký tự của một sa-pô.",
            "Rút gọn còn một đến ba câu; chuyển phần chi tiết xuống thân bài.",
            field="Summary",
        )


def check_placeholders(doc: Document, site: Site) -> Iterator[SiteError]:
    make = warning if doc.is_draft else problem
    hint = (
        "Thay bằng nội dung thật, hoặc xoá cả dòng nếu không dùng."
        if doc.is_draft
        else "Thay bằng nội dung thật, hoặc xoá cả dòng; nếu bài chưa xong, thêm lại dòng "
        '"Status: draft" để bài chưa được đăng.'
    )
    for item in sorted(doc.fields.values(), key=lambda f: f.line):
        if has_placeholder(item.value):
            yield make(doc, item.line, f'Dòng "{item.key}:" còn chỗ [[CẦN ĐIỀN]].', hint)
    for number, line in visible_lines(doc):
        if has_placeholder(line):
            yield make(doc, number, "Nội dung còn chỗ [[CẦN ĐIỀN]].", hint)


def check_body(doc: Document, site: Site) -> Iterator[SiteError]:
    if doc.kind == "article" and not doc.is_draft:  # noqa: SIM102
        if not any(line.strip() for _, line in visible_lines(doc)):
            yield warning(
                doc,
                doc.body_start,
                "Bài chưa có nội dung.",
                "Viết nội dung bài sau dòng trống kết thúc phần thông tin đầu bài.",
            )


# --- photos and links ------------------------------------------------------------------------


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


# --- honours data ------------------------------------------------------------------------------


def check_honours_refs(doc: Document, site: Site) -> Iterator[SiteError]:
    if site.honours is None:
        return
    kinds = (
        ("units", "Units", "đơn vị", site.honours.units, "/don-vi/"),
        ("bloc", "Bloc", "khối thi đua", site.honours.blocs, "/khoi-thi-dua/"),
        ("decisions", "Decisions", "quyết định", site.honours.decisions, "/khen-thuong/"),
    )
    for name, key, label, known, page in kinds:
        value = doc.value(name)
        if not value or has_placeholder(value):
            continue
        for ident in _split_ids(value):
            if ident in known:
                continue
            guess = _did_you_mean(ident, sorted(known))
            hint = f'Có phải "{guess}"? ' if guess else ""
            hint += (
                f"Viết mã (id) {label} như trong dữ liệu khen thưởng (content/honours/, "
                f"trang {page}), các mã cách nhau dấu phẩy."
            )
            yield problem(
                doc,
                doc.line_of(name),
                f'Dữ liệu khen thưởng không có {label} mã "{ident}" ({key}).',
                hint,
                field=key,
            )


DOCUMENT_RULES = (
    check_header_shape,
    check_required,
    check_dates,
    check_category,
    check_status,
    check_slug,
    check_summary_length,
    check_placeholders,
    check_body,
    check_links,
    check_images,
    check_honours_refs,
)


# --- across files --------------------------------------------------------------------------------


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
