"""Pelican settings for the development build (`make html`, `make serve`).

publishconf.py imports everything from here and changes only what publishing needs.
Our plugins read their own settings through typed objects with defaults (see each
plugin's settings.py); only values that differ from those defaults belong here.
"""

AUTHOR = "Ban biên tập"
SITENAME = "Thi đua - Khen thưởng"
SITESUBTITLE = "Trang tin công tác thi đua, khen thưởng và các khối thi đua"
PUBLISHER = "Hội đồng Thi đua - Khen thưởng tỉnh Lào Cai"
HONOURS_CONTACT_EMAIL = "bientap@thiduakhenthuong.example.vn"  # the open data catalogue
SITEURL = ""

# The newsroom's identity, printed in every page's footer as Vietnamese news sites do
# (owning agency, address, contacts, licence, person responsible for content) with links to
# its social accounts. One namespaced setting, read by theme/templates/partials/footer.html;
# a missing key is simply not printed. `example: True` marks the values below as samples
# (the footer says so): replace them with the real ones, then set it to False.
NEWSROOM = {
    "example": True,
    "name": "Trang tin Thi đua - Khen thưởng tỉnh Lào Cai",
    "agency": "Hội đồng Thi đua - Khen thưởng tỉnh Lào Cai",
    "address": (
        "Tầng 3, Khu hành chính tổng hợp, số 18 đường Hoàng Liên, phường Lào Cai, tỉnh Lào Cai"
    ),
    "phone": "0214 3 800 123",
    "email": "bientap@thiduakhenthuong.example.vn",
    "licence": (
        "Giấy phép thiết lập trang thông tin điện tử tổng hợp số 00/GP-STTTT ngày 01/01/2022"
        " của Sở Thông tin và Truyền thông tỉnh Lào Cai"
    ),
    "responsible": "Chịu trách nhiệm nội dung: Trưởng Ban biên tập Nguyễn Văn A",
    # (name, URL): the icon is theme/static/img/social/<name in lower case>.svg
    "social": [
        ("Facebook", "https://www.facebook.com/thiduakhenthuong.example"),
        ("YouTube", "https://www.youtube.com/@thiduakhenthuong.example"),
        ("Zalo", "https://zalo.me/thiduakhenthuong.example"),
        ("X", "https://x.com/thiduakhenthuong_example"),
    ],
}
PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
DEFAULT_DATE_FORMAT = "%d/%m/%Y"  # templates use our Vietnamese `ngay_gio` filter instead

# The fixed list of categories. An article whose Category is not one of these is an
# error that names the file (plugins/vietnamese and `make check`), never a new category.
CATEGORIES = [
    "Thi đua - Khen thưởng",
    "Khối thi đua",
    "Gương điển hình",
    "Kinh tế",
    "Xã hội",
    "Quốc phòng - An ninh",
    "Văn bản",
]

ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra"]
EXTRA_PATH_METADATA = {
    "extra/_headers": {"path": "_headers"},
}
IGNORE_FILES = [".#*", "*.yaml", "*.csv", "*.xlsx", "README*"]

# URLs: ASCII, Vietnamese words, and never two outputs at one path (the year and month
# are in every article URL, so a title that recurs next year gets its own page).
ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{slug}/index.html"
# Slugs as plugins.vietnamese.text.slugify makes them: Pelican transliterates to ASCII
# ("Đại hội" -> "Dai hoi"), then every run of other characters becomes one hyphen, so
# "98/2023/NĐ-CP" -> "98-2023-nd-cp" and "1,6 triệu" -> "1-6-trieu".
SLUG_REGEX_SUBSTITUTIONS = [(r"[\W_]+", "-"), (r"^-+|-+$", "")]
CATEGORY_REGEX_SUBSTITUTIONS = SLUG_REGEX_SUBSTITUTIONS
TAG_REGEX_SUBSTITUTIONS = SLUG_REGEX_SUBSTITUTIONS
AUTHOR_REGEX_SUBSTITUTIONS = SLUG_REGEX_SUBSTITUTIONS

# The site is in one language: no translation grouping by slug (it would warn, fatally when
# publishing, about a title that recurs in another year).
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
DRAFT_URL = "ban-nhap/{slug}/"
DRAFT_SAVE_AS = "ban-nhap/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "chuyen-muc/{slug}/"
CATEGORY_SAVE_AS = "chuyen-muc/{slug}/index.html"
CATEGORIES_URL = "chuyen-muc/"
CATEGORIES_SAVE_AS = "chuyen-muc/index.html"
TAG_URL = "the/{slug}/"
TAG_SAVE_AS = "the/{slug}/index.html"
TAGS_URL = "the/"
TAGS_SAVE_AS = "the/index.html"
AUTHOR_URL = "tac-gia/{slug}/"
AUTHOR_SAVE_AS = "tac-gia/{slug}/index.html"
AUTHORS_URL = "tac-gia/"
AUTHORS_SAVE_AS = "tac-gia/index.html"
ARCHIVES_URL = "luu-tru/"
ARCHIVES_SAVE_AS = "luu-tru/index.html"
YEAR_ARCHIVE_URL = "luu-tru/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "luu-tru/{date:%Y}/index.html"
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
INDEX_SAVE_AS = "index.html"
DIRECT_TEMPLATES = [
    "index",
    "categories",
    "tags",
    "authors",
    "archives",
    "404",
    "search",
    "robots",
]
SEARCH_SAVE_AS = "tim-kiem/index.html"
ROBOTS_SAVE_AS = "robots.txt"  # a template, so that its Sitemap line follows SITEURL
SEARCH_URL = "tim-kiem/"
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "author": None}
DEFAULT_PAGINATION = 12
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang-{number}/", "{base_name}/trang-{number}/index.html"),
)

# Feeds: Atom for the whole site and for each category; nothing per tag or author.
FEED_DOMAIN = "http://127.0.0.1:8000"  # publishconf.py sets the real one
FEED_ALL_ATOM = "feeds/tat-ca.atom.xml"
CATEGORY_FEED_ATOM = "feeds/chuyen-muc/{slug}.atom.xml"
FEED_ALL_RSS = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = 30
RSS_FEED_SUMMARY_ONLY = True

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.smarty": {"smart_quotes": False},
    },
    "output_format": "html5",
}
TYPOGRIFY = False
# Templates escape every value (titles, metadata, honours data: a `<script>`, a quote or an
# ampersand in them is shown as text). HTML made by Markdown is marked `| safe` where it is
# written (`article.content`, `page.content`, `article.summary`); Python code that builds HTML
# returns markupsafe.Markup.
JINJA_ENVIRONMENT = {"autoescape": True}
# Articles and pages are Markdown only (the reStructuredText reader would also warn that
# docutils has no Vietnamese localisation, which `--fatal warnings` turns into an error).
READERS = {"rst": None, "html": None, "htm": None}
SUMMARY_MAX_LENGTH = None  # the Summary metadata is the lead; nothing is cut from the body

# Content cache: checksums, not mtimes (CI checkouts reset mtimes). Only the "reader"
# layer: the "generator" layer conflicts with plugins.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
CHECK_MODIFIED_METHOD = "md5"
CONTENT_CACHING_LAYER = "reader"
GZIP_CACHE = False  # gzipping the cache costs ~0.4 s per 1,000 articles on every build

RELATIVE_URLS = True
DELETE_OUTPUT_DIRECTORY = False  # tools/build.py builds into a fresh staging folder instead

# Our plugins are this project's own package (`plugins`, installed editable by `make venv`):
# Pelican imports them by name, as the tests do, so both get the very same modules (one
# SiteError class, not two). No PLUGIN_PATHS, no sys.path edit. Any order works.
PLUGINS = [
    "plugins.vietnamese",
    "plugins.figures",
    "plugins.sitemap",
    "plugins.photos",
    "plugins.checks",
    "plugins.honours",
    "plugins.notices",
    "plugins.related",
    "plugins.search_answers",  # direct answers on /tim-kiem/ from context["honours"]
    "plugins.fixed_urls",  # each article's URL computed once, not on every read
    "plugins.taxonomy_lists",  # tag, category, author pages: `article in list` from a set
    "plugins.compress_ahead",  # pages compressed into the cache as Pelican writes them
]  # .gz/.br copies are made by tools/build.py once everything is written (tools/compress)

# Menu shown in the header (label, URL relative to the site root).
MENU = [
    ("Trang chủ", ""),
    ("Thi đua - Khen thưởng", "chuyen-muc/thi-dua-khen-thuong/"),
    ("Khối thi đua", "chuyen-muc/khoi-thi-dua/"),
    ("Gương điển hình", "chuyen-muc/guong-dien-hinh/"),
    ("Tra cứu khen thưởng", "don-vi/"),
    ("Lưu trữ", "luu-tru/"),
]
SHOW_DRAFTS = False  # `make serve` turns this on so editors can preview drafts
PREVIEW = False  # `make serve` (tools/serve.py) turns this on: pages reload after each rebuild
WITH_FUTURE_DATES = False  # future Date = scheduled: published by the first build after it
