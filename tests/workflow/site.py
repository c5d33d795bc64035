"""A small site for the build tests: ties in dates, tags, a photo, a page, drafts."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from plugins.checks.template import new_article
from tests.support import article, jpeg, make_content

DRAFT_TITLE = "Bản thảo chưa xong về khen thưởng"
SCHEDULED_TITLE = "Thông báo hẹn giờ đăng năm 2999"

FILES = {
    "articles/2024/03/tong-ket.md": article(
        title="Tổng kết khối thi đua các huyện",
        date="2024-03-15 08:00",
        extra="Tags: tổng kết, khối thi đua",
        body='![Đại biểu dự hội nghị]({static}/images/hoi-nghi.jpg "Quang cảnh hội nghị")\n\n'
        "Hội nghị tổng kết diễn ra tại Bắc Hà.",
    ),
    # Three articles at the very same minute: their order must not depend on the file listing.
    "articles/2024/03/a.md": article(
        title="Bắc Hà nhận Cờ thi đua", date="2024-03-10 09:00", extra="Tags: tổng kết"
    ),
    "articles/2024/03/b.md": article(
        title="Sa Pa nhận Bằng khen", date="2024-03-10 09:00", extra="Tags: khen thưởng"
    ),
    "articles/2024/03/c.md": article(
        title="Bát Xát ký giao ước", date="2024-03-10 09:00", category="Khối thi đua"
    ),
    "articles/2001/01/cu.md": article(title="Bài đăng năm 2001", date="2001-01-02 07:00"),
    # A draft as `make new` writes it: placeholders in Summary, Units, Image and the body.
    "articles/2024/04/nhap.md": new_article(
        title=DRAFT_TITLE,
        slug="ban-thao-chua-xong-ve-khen-thuong",
        date="2024-04-01 08:00",
        category="Kinh tế",
        categories=("Kinh tế", "Xã hội"),
        image_folder="images/2024/04",
    ),
    "articles/2999/01/hen-gio.md": article(title=SCHEDULED_TITLE, date="2999-01-01 08:00"),
    "pages/gioi-thieu.md": "Title: Giới thiệu\n\nTrang giới thiệu.\n",
    "pages/trang-nhap.md": "Title: Trang nháp bí mật\nStatus: draft\n\nChưa xong.\n",
    "images/hoi-nghi.jpg": jpeg(),
}


def small_site(content: Path, order=None) -> Path:
    """Write the small site; `order` reverses the order the files are created in."""
    items = list(FILES.items())
    if order == "reversed":
        items.reverse()
    return make_content(content, dict(items))


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """{relative path: (sha256, mtime_ns)} of every file: byte-for-byte and untouched."""
    result = {}
    for dirpath, _, filenames in os.walk(folder):
        for name in filenames:
            path = Path(dirpath) / name
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            result[path.relative_to(folder).as_posix()] = (digest, path.stat().st_mtime_ns)
    return result


def text_of(folder: Path) -> str:
    """All text files of a built site, concatenated (to look for what must not be there)."""
    parts = []
    for path in sorted(folder.rglob("*")):
        if path.suffix in {".html", ".xml", ".json", ".txt"} and path.is_file():
            parts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(parts)
