"""`make new TITLE="..." [CATEGORY="..."]`: create a draft article and print its path.

    .venv/bin/python -m tools.new_article --title "Hội nghị tổng kết" [--category "Kinh tế"]

The file is content/articles/YYYY/MM/<slug>.md (year and month of now, Asia/Ho_Chi_Minh), with
`Status: draft`, an explicit `Slug:` (so the URL does not change if the title is edited), the
category list as a comment and "[[CẦN ĐIỀN: ...]]" placeholders that `make check` reports until
they are filled in. A second article with the same title in the same month gets
<slug>-2.md and `Slug: <slug>-2`, so its URL is distinct. TITLE and CATEGORY may also come
from the environment (make passes its command-line variables there), which keeps titles with
quotation marks intact.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path

from plugins.checks.dates import parse_date
from plugins.checks.document import parse
from plugins.checks.runner import MARKDOWN_EXTENSIONS, walk
from plugins.checks.template import new_article
from plugins.vietnamese.dates import VN_TZ
from plugins.vietnamese.suggest import closest
from plugins.vietnamese.text import fold, nfc, slugify

ROOT = Path(__file__).resolve().parent.parent


class NewArticleError(Exception):
    """A message for the editor (Vietnamese), printed instead of a traceback."""


def now_in_vietnam() -> datetime:
    return datetime.now(VN_TZ)


def pick_category(wanted: str | None, categories: tuple[str, ...]) -> str | None:
    """The category as written in the list, or None; unknown names stop with a suggestion."""
    wanted = nfc(wanted or "").strip()
    if not wanted:
        return None
    if wanted in categories:
        return wanted
    by_fold = {fold(name): name for name in categories}
    if fold(wanted) in by_fold:
        return by_fold[fold(wanted)]
    guess = closest(wanted, categories, n=1)
    hint = f' Có phải "{guess[0]}"?' if guess else ""
    names = "; ".join(f'"{name}"' for name in categories)
    raise NewArticleError(
        f'Chuyên mục "{wanted}" không có trong danh sách.{hint} Các chuyên mục: {names}.'
    )


def used_urls(content: Path, article_paths, ignore) -> set[str]:
    """ "YYYY/MM/slug" of every existing article (from Slug, or the slug of its title)."""
    urls = set()
    for folder in article_paths:
        for path in walk(content / folder, ignore, MARKDOWN_EXTENSIONS):
            try:
                text = nfc(path.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError):
                continue
            doc = parse(text, path, "", "", "article")
            slug = doc.value("slug") or slugify(doc.value("title"))
            date = parse_date(doc.value("date")).value if doc.value("date") else None
            if slug and date:
                urls.add(f"{date:%Y/%m}/{slug}")
    return urls


def create(
    title: str,
    category: str | None,
    content: Path,
    categories: tuple[str, ...],
    now: datetime,
    article_paths=("articles",),
    ignore=(),
) -> Path:
    title = " ".join(nfc(title or "").split())
    if not title:
        raise NewArticleError('Cần có tiêu đề bài: make new TITLE="Tiêu đề bài viết".')
    category = pick_category(category, categories)
    base = slugify(title) or "bai-viet"
    month = f"{now:%Y/%m}"
    folder = content / article_paths[0] / month
    taken = used_urls(content, article_paths, ignore)
    number = 1
    while True:
        slug = base if number == 1 else f"{base}-{number}"
        path = folder / f"{slug}.md"
        if not path.exists() and f"{month}/{slug}" not in taken:
            break
        number += 1
    text = new_article(
        title=title,
        slug=slug,
        date=f"{now:%Y-%m-%d %H:%M}",
        category=category,
        categories=categories,
        image_folder=f"images/{month}",
    )
    folder.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # never overwrite an article
        handle.write(text)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Tạo bài viết mới (bản nháp).")
    parser.add_argument("--title", default="")
    parser.add_argument("--category", default="")
    parser.add_argument("--content", type=Path, default=None)
    parser.add_argument("--now", default=None, help="thời điểm tạo bài (ISO 8601, để thử)")
    args = parser.parse_args(argv)

    from tools.check import load_settings

    settings = load_settings(ROOT / "pelicanconf.py", args.content)
    content = Path(settings["PATH"])
    now = datetime.fromisoformat(args.now) if args.now else now_in_vietnam()
    if now.tzinfo is not None:
        now = now.astimezone(VN_TZ)
    try:
        path = create(
            title=args.title or os.environ.get("TITLE", ""),
            category=args.category or os.environ.get("CATEGORY", ""),
            content=content,
            categories=tuple(settings.get("CATEGORIES", ())),
            now=now,
            article_paths=tuple(settings.get("ARTICLE_PATHS", ["articles"])),
            ignore=tuple(settings.get("IGNORE_FILES", ())),
        )
    except NewArticleError as error:
        print(f"LỖI: {error}", file=sys.stderr)
        return 1
    try:
        shown = path.relative_to(ROOT)
    except ValueError:
        shown = path
    print(shown.as_posix())
    print(
        "Đã tạo bài nháp. Mở tệp, thay các chỗ [[CẦN ĐIỀN: ...]], xem thử bằng make serve, "
        "kiểm tra bằng make check; xoá dòng Status: draft khi muốn đăng.",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
