"""The rules of `make check`, one function per rule, each yielding SiteError problems.

Every rule reads a parsed Document (see document.py) and the Site it belongs to; none imports
Pelican. Messages are plain Vietnamese and always say how to fix the problem.

Drafts (`Status: draft`) may be unfinished: a missing Summary or Category and the
"[[CẦN ĐIỀN: ...]]" placeholders of `make new` are only warnings there. Everything else (a
wrong date, a missing photo, a broken link...) is an error in a draft too, because it would
break the preview, and the day the draft is published it would break the site.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

from plugins.honours.cleantext import BAD_IN_TEXT, all_bad
from plugins.honours.cleantext import HINT as CLEAN_HINT
from plugins.vietnamese.categories import category_problem
from plugins.vietnamese.errors import SiteError
from plugins.vietnamese.text import fold
from plugins.vietnamese.text import slugify as ascii_slugify

from .dates import EXAMPLE, parse_date
from .document import LOOKS_LIKE_KEY_RE, Document
from .links import check_images, check_links
from .metadata import KNOWN_KEYS, REFERENCES, STATUSES, VIETNAMESE_KEYS, split_ids
from .site import HonoursRefs, Site, did_you_mean, problem, visible_lines, warning
from .sitewide import check_duplicate_urls, check_symlinks, url_of
from .template import has_placeholder

__all__ = ["HonoursRefs", "Site", "check_duplicate_urls", "check_symlinks", "url_of"]

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


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
        guess = did_you_mean(item.key, KNOWN_KEYS.values())
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
        required += [
            ("date", "Date", "ngày đăng", f'Thêm dòng "Date: {EXAMPLE}" {where}.'),
            ("category", "Category", "chuyên mục", ""),
            ("summary", "Summary", "sa-pô",
             f'Thêm dòng "Summary: ..." {where}: một đến ba câu tóm tắt tin.'),
        ]  # fmt: skip
    for name, key, label, hint in required:
        soft = doc.is_draft and name in {"summary", "category"}
        make = warning if soft else problem
        after = " (bài nháp được thiếu, nhưng phải có trước khi đăng)" if soft else ""
        if name not in doc.fields:
            line, message = 1, f"Thiếu {label} ({key})."
        elif not doc.value(name):
            line = doc.line_of(name)
            message = f"{label[0].upper()}{label[1:]} ({key}) đang để trống."
            hint = f'Viết {label} ngay sau "{key}:".'
        else:
            continue
        if name == "category":  # the words of the one category rule
            value = doc.value(name) if name in doc.fields else None
            found = category_problem(value, site.settings.categories)
            if found is None:
                continue
            message, hint = found
        yield make(doc, line, message[:-1] + after + ".", hint, field=key)


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
    if doc.kind != "article" or not value or has_placeholder(value):
        return  # a missing or empty Category: check_required
    found = category_problem(value, site.settings.categories)
    if found is not None:
        message, hint = found
        yield problem(doc, doc.line_of("category"), message, hint, field="Category")


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


# --- honours data ------------------------------------------------------------------------------


def reference_problems(name: str, value, known) -> Iterator[tuple[str, str]]:
    """(message, hint) for each id of a Units / Bloc / Decisions value that `known` lacks.

    The one rule for article references: make check runs it, and so does the honours
    plugin when Pelican runs without make check.
    """
    label, page = REFERENCES[name]
    key = KNOWN_KEYS[name]
    for ident in split_ids(value):
        if ident in known:
            continue
        guess = did_you_mean(ident, sorted(known))
        hint = f'Có phải "{guess}"? ' if guess else ""
        hint += (
            f"Viết mã (id) {label} như trong dữ liệu khen thưởng (content/honours/, "
            f"trang {page}), các mã cách nhau dấu phẩy."
        )
        yield f'Dữ liệu khen thưởng không có {label} mã "{ident}" ({key}).', hint


def check_honours_refs(doc: Document, site: Site) -> Iterator[SiteError]:
    if site.honours is None:
        return
    for name in REFERENCES:
        value = doc.value(name)
        if not value or has_placeholder(value):
            continue
        known = getattr(site.honours, {"bloc": "blocs", "campaign": "campaigns"}.get(name, name))
        for message, hint in reference_problems(name, value, known):
            yield problem(doc, doc.line_of(name), message, hint, field=KNOWN_KEYS[name])


# --- what Pelican acts on, and clean text ------------------------------------------------------

SAFE_PATH_RE = re.compile(r"^[A-Za-z0-9_~.%-]+(?:/[A-Za-z0-9_~.%-]+)*/?$")
LANG_RE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")
TEMPLATE_NAME_RE = re.compile(r"^[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*$")


def _path_problem(value: str) -> str | None:
    if value.startswith("/") or "://" in value or "\\" in value:
        return "phải là đường dẫn tương đối, không bắt đầu bằng / hay http://"
    if any(part == ".." for part in value.split("/")):
        return 'không được có ".." (ra ngoài thư mục trang)'
    if not SAFE_PATH_RE.match(value):
        return "chỉ được có chữ không dấu, số, dấu gạch ngang, dấu chấm và dấu /"
    return None


def _templates(site: Site) -> list[str]:
    folder = site.settings.theme / "templates" if site.settings.theme else None
    if folder is None or not folder.is_dir():
        return []
    return sorted(p.relative_to(folder).with_suffix("").as_posix() for p in folder.rglob("*.html"))


def check_pelican_metadata(doc: Document, site: Site) -> Iterator[SiteError]:
    """Template, Save_as and Url: a mistake there would end in a Pelican traceback, or in a
    file written outside the site."""
    value = doc.value("template")
    if "template" in doc.fields and not has_placeholder(value):
        known = _templates(site)
        if not TEMPLATE_NAME_RE.match(value) or (known and value not in known):
            guess = did_you_mean(value, known)
            hint = f'Có phải "Template: {guess}"? ' if guess else ""
            hint += "Thường không cần dòng này: xoá nó để dùng mẫu mặc định."
            if known:
                hint += f" Các mẫu có: {', '.join(known)}."
            yield problem(
                doc,
                doc.line_of("template"),
                f'Mẫu trang (Template) "{value}" không có trong giao diện (theme/templates/).',
                hint,
                field="Template",
            )
    value = doc.value("lang")
    if value and not has_placeholder(value) and not LANG_RE.match(value):
        yield problem(
            doc,
            doc.line_of("lang"),
            f'Ngôn ngữ (Lang) "{value}" không hợp lệ: viết mã ngôn ngữ như "vi" hoặc "en".',
            'Bài tiếng Việt không cần dòng này: xoá nó; bản dịch tiếng Anh viết "Lang: en".',
            field="Lang",
        )
    for name, key, example in (("save_as", "Save_as", "gioi-thieu/index.html"),
                               ("url", "Url", "gioi-thieu/")):  # fmt: skip
        value = doc.value(name)
        if name not in doc.fields or not value or has_placeholder(value):
            continue
        why = _path_problem(value)
        if why is None and name == "save_as" and not value.endswith(".html"):
            why = "phải là tên tệp .html"
        if why:
            yield problem(
                doc,
                doc.line_of(name),
                f'Đường dẫn {key} "{value}" không dùng được: {why}.',
                f"Thường không cần dòng này: xoá nó để trang tự đặt địa chỉ; nếu cần, viết ví dụ "
                f'"{key}: {example}".',
                field=key,
            )


# U+200C/U+200D join letters and emoji in running text: allowed in the body, not in the header.
_BODY_JOINERS = "\u200c\u200d"


def check_clean_text(doc: Document, site: Site) -> Iterator[SiteError]:
    """Control characters, bidirectional overrides, zero-width characters, a BOM inside the
    text: never published; each named by code and name, with its line and column."""
    if BAD_IN_TEXT.search(doc.text) is None:
        return
    count = 0
    lines = doc.lines
    for number, line in enumerate(lines, start=1):
        in_header = number < doc.body_start
        for char in all_bad(line, multiline=True):
            if not in_header and char.char in _BODY_JOINERS:
                continue
            field = next(
                (f.key for f in doc.fields.values() if f.line == number and in_header), None
            )
            where = f'dòng "{field}:"' if field else "nội dung"
            yield problem(
                doc,
                number,
                f"{where[0].upper()}{where[1:]} có {char.message} ở cột {char.index + 1}.",
                CLEAN_HINT,
                field=field,
            )
            count += 1
            if count >= 10:
                return


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
    check_pelican_metadata,
    check_clean_text,
)
