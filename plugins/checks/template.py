"""The skeleton of a new article (`make new`) and the placeholder marker `make check` looks for.

A placeholder is "[[CẦN ĐIỀN: what to write]]". `make check` reports every placeholder left in
a file: a warning while the article is a draft, an error once `Status: draft` is removed, so
an unfinished article is never published by mistake.
"""

from __future__ import annotations

import re

from plugins.vietnamese.text import fold

PLACEHOLDER_RE = re.compile(r"\[\[\s*can\s+dien\b")


def placeholder(what: str) -> str:
    return f"[[CẦN ĐIỀN: {what}]]"


def has_placeholder(text: str) -> bool:
    """True if `text` still holds a placeholder (written with or without diacritics)."""
    if "[[" not in text:  # folding every line costs ~2 s per 1,000 articles: skip most
        return False
    return PLACEHOLDER_RE.search(fold(text)) is not None


def new_article(
    title: str,
    slug: str,
    date: str,
    category: str | None,
    categories: tuple[str, ...],
    image_folder: str,
) -> str:
    """Text of a new draft. `date` is "YYYY-MM-DD HH:MM"; `image_folder` like "images/2024/03"."""
    category_line = category or placeholder("chọn một chuyên mục trong danh sách bên dưới")
    summary = placeholder("sa-pô: một đến ba câu tóm tắt tin, không quá 400 ký tự")
    units = placeholder(
        "mã đơn vị được nhắc đến, cách nhau dấu phẩy, ví dụ bac-ha, tx-sa-pa; "
        "không có thì xoá dòng này"
    )
    image = placeholder(
        f"ảnh đại diện, ví dụ {{static}}/{image_folder}/ten-anh.jpg; không có thì xoá dòng này"
    )
    choices = "\n".join(f"    {name}" for name in categories)
    return f"""Title: {title}
Slug: {slug}
Date: {date}
Category: {category_line}
Tags:
Authors:
Summary: {summary}
Units: {units}
Image: {image}
Status: draft

<!--
HƯỚNG DẪN (khối này không hiện trên trang; có thể xoá):
Chuyên mục (Category) phải viết đúng một trong các tên sau:
{choices}
Ảnh: chép ảnh vào content/{image_folder}/ rồi viết một dòng riêng:
    ![Mô tả ảnh cho người không nhìn thấy]({{static}}/{image_folder}/ten-anh.jpg "Chú thích")
Khi bài đã xong: thay hết các chỗ [[CẦN ĐIỀN: ...]], xoá dòng "Status: draft",
rồi chạy make check. Hướng dẫn đầy đủ: docs/huong-dan-bien-tap.md
-->

{placeholder("nội dung bài viết; mỗi đoạn cách nhau một dòng trống")}
"""
