"""The keys of an article's or page's header (Markdown metadata), declared once.

The rules of `make check` derive from these declarations: which keys exist (others are
reported with the closest key), which are required, which name honours data (`ref=`), which
take one of a fixed set of values, and which Pelican acts on (a path, a template).
"""

from __future__ import annotations

from plugins.honours.convert import CHOICE, REF, REFS, TEXT, TEXTS
from plugins.honours.schema import Field

DATETIME = "datetime"  # "2024-03-15 08:00" (plugins/checks/dates.py)
SLUG = "slug"  # lower-case ASCII letters, digits, hyphens
URL_PATH = "url_path"  # a relative URL path Pelican links to (Url)
SAVE_AS = "save_as"  # a relative file path Pelican writes to (Save_as)
TEMPLATE = "template"  # a template name of the theme (Template)
LINK = "link"  # {static}/... path of a file in content/

STATUSES = ("published", "draft", "hidden")

FIELDS = (
    Field("Title", "tiêu đề", TEXT, True),
    Field("Date", "ngày đăng", DATETIME, True),
    Field("Modified", "ngày sửa", DATETIME),
    Field("Category", "chuyên mục", CHOICE, True, doc="một trong CATEGORIES"),
    Field("Tags", "thẻ", TEXTS),
    Field("Authors", "tác giả", TEXTS),
    Field("Author", "tác giả", TEXT),
    Field("Summary", "sa-pô", TEXT, True),
    Field("Image", "ảnh đại diện", LINK),
    Field("Units", "đơn vị", REFS, ref="don_vi"),
    Field("Bloc", "khối thi đua", REF, ref="khoi"),
    Field("Decisions", "quyết định", REFS, ref="quyet_dinh"),
    Field("Campaign", "phong trào", REF, ref="phong_trao"),
    Field("Mentions", "tự gắn đơn vị", CHOICE, choices=("off", "on")),
    Field("Status", "trạng thái", CHOICE, choices=STATUSES),
    Field("Slug", "địa chỉ bài", SLUG),
    Field("Lang", "ngôn ngữ", TEXT),
    Field("Translation", "bản dịch", TEXT),
    Field("Template", "mẫu trang", TEMPLATE),
    Field("Save_as", "tệp ghi ra", SAVE_AS),
    Field("Url", "địa chỉ", URL_PATH),
)
BY_NAME = {f.key.lower(): f for f in FIELDS}
KNOWN_KEYS = {name: f.key for name, f in BY_NAME.items()}
# Required for an article; a page needs only its Title.
REQUIRED = {"article": ("title", "date", "category", "summary"), "page": ("title",)}
# The honours data an id names: metadata name -> (label, where staff find the ids).
REFERENCES = {
    "units": ("đơn vị", "/don-vi/"),
    "bloc": ("khối thi đua", "/khoi-thi-dua/"),
    "decisions": ("quyết định", "/khen-thuong/"),
    "campaign": ("phong trào", "/phong-trao/"),
}

# What editors type instead of the English keys (folded, without diacritics).
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


def split_ids(value) -> list[str]:
    """The ids of a Units / Bloc / Decisions value ("a, b" or a list), in order, once each.

    The one splitter of the site: make check, the honours pages and related news use it.
    """
    if value is None:
        return []
    parts = [str(v) for v in value] if isinstance(value, (list, tuple)) else str(value).split(",")
    seen: list[str] = []
    for part in parts:
        part = part.strip()
        if part and part not in seen:
            seen.append(part)
    return seen
