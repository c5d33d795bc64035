"""Settings of the checks, read once from Pelican's settings into a frozen dataclass.

Only the keys listed here are read; nothing is written back. Optional keys:
CHECK_SUMMARY_MAX_CHARS, CHECK_IMAGE_WARN_MB, CHECK_IMAGE_MAX_MB, SHOW_DRAFTS.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024


def _truthy(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on", "co", "có"}
    return bool(value)


@dataclass(frozen=True)
class CheckSettings:
    content_path: Path = Path("content")
    article_paths: tuple[str, ...] = ("articles",)
    page_paths: tuple[str, ...] = ("pages",)
    ignore_files: tuple[str, ...] = (".#*",)
    categories: tuple[str, ...] = ()
    summary_max_chars: int = 400  # a sa-pô is two or three sentences
    image_warn_bytes: int = 10 * MB  # heavy for readers on mobile data: warn
    image_max_bytes: int = 50 * MB  # GitHub refuses pushes with files this large: error
    show_drafts: bool = False  # `make serve`: drafts previewed with a "Bản nháp" banner
    theme: Path | None = None  # the theme folder: `Template:` must name one of its templates
    static_paths: tuple[str, ...] = ("images", "extra")
    default_lang: str = "vi"
    # Pelican's URL and file patterns: the duplicate-address rule computes with these.
    article_url: str = "{date:%Y}/{date:%m}/{slug}/"
    article_save_as: str = "{date:%Y}/{date:%m}/{slug}/index.html"
    article_lang_url: str = "{slug}-{lang}.html"
    article_lang_save_as: str = "{slug}-{lang}.html"
    page_url: str = "{slug}/"
    page_save_as: str = "{slug}/index.html"
    page_lang_url: str = "{slug}-{lang}.html"
    page_lang_save_as: str = "{slug}-{lang}.html"

    @classmethod
    def from_pelican(cls, settings) -> CheckSettings:
        get = settings.get
        return cls(
            content_path=Path(get("PATH", cls.content_path)),
            article_paths=tuple(get("ARTICLE_PATHS", cls.article_paths)),
            page_paths=tuple(get("PAGE_PATHS", cls.page_paths)),
            ignore_files=tuple(get("IGNORE_FILES", cls.ignore_files)),
            categories=tuple(get("CATEGORIES", cls.categories)),
            summary_max_chars=int(get("CHECK_SUMMARY_MAX_CHARS", cls.summary_max_chars)),
            image_warn_bytes=int(float(get("CHECK_IMAGE_WARN_MB", 10)) * MB),
            image_max_bytes=int(float(get("CHECK_IMAGE_MAX_MB", 50)) * MB),
            show_drafts=_truthy(get("SHOW_DRAFTS", cls.show_drafts)),
            theme=Path(get("THEME")) if get("THEME") else None,
            static_paths=tuple(get("STATIC_PATHS", cls.static_paths)),
            default_lang=str(get("DEFAULT_LANG", cls.default_lang)),
            **{
                name: str(get(name.upper(), getattr(cls, name)))
                for name in (
                    "article_url",
                    "article_save_as",
                    "article_lang_url",
                    "article_lang_save_as",
                    "page_url",
                    "page_save_as",
                    "page_lang_url",
                    "page_lang_save_as",
                )
            },
        )
