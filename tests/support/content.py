"""Make an article: a Markdown source with the metadata header our checks accept."""

from __future__ import annotations


def article(
    title: str = "Hội nghị tổng kết khối thi đua",
    date: str = "2024-03-15 08:00",
    category: str = "Thi đua - Khen thưởng",
    summary: str = "Sáng 15/3, khối thi đua tổng kết năm.",
    extra: str = "",
    body: str = "Nội dung bài viết.",
    **fields: str,
) -> str:
    """Title, Date, Category, Summary, then `extra` (header lines as written) and `fields`
    (tags="a, b" → "Tags: a, b"), a blank line and the body."""
    lines = [f"Title: {title}", f"Date: {date}", f"Category: {category}", f"Summary: {summary}"]
    if extra:
        lines.append(extra.strip("\n"))
    lines += [f"{key.capitalize()}: {value}" for key, value in fields.items()]
    return "\n".join(lines) + "\n\n" + body + "\n"
