"""Precision of "Có thể bạn quan tâm" on a labelled set, and of a tag-overlap baseline.

A labelled set is a YAML list of articles with a `topic`; a link is on topic when both
articles have the same topic. The baseline ranks like the pelican related_posts plugin:
by the number of shared tags (then newest first), 5 links.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml

from plugins.related.rank import Doc, Index, order_key
from plugins.related.settings import RankSettings
from plugins.vietnamese.text import slugify

__all__ = ["EVAL_DIR", "Result", "load", "ours", "score", "tag_baseline"]

EVAL_DIR = Path(__file__).parent / "eval"


@dataclass
class Result:
    links: int
    on_topic: int
    articles: int
    articles_with_3: int  # articles with at least 3 on-topic links
    min_on_topic: int

    @property
    def precision(self) -> float:
        return self.on_topic / self.links if self.links else 0.0


def load(name: str) -> tuple[list[Doc], dict[str, str]]:
    items = yaml.safe_load((EVAL_DIR / name).read_text(encoding="utf-8"))
    docs, topics = [], {}
    for item in items:
        date = item["date"]
        if isinstance(date, str):
            date = datetime.strptime(date, "%Y-%m-%d %H:%M")
        slug = slugify(item["title"])
        key = f"{date:%Y/%m}/{slug}/"
        tags = tuple(item.get("tags") or ())
        docs.append(
            Doc(
                key=key,
                slug=slug,
                date=date,
                category=item["category"],
                title=item["title"],
                summary=item.get("summary", ""),
                body=item["body"],
                tags=tags,
                units=tuple(item.get("units") or ()),
            )
        )
        topics[key] = item["topic"]
    return docs, topics


def score(lists: dict[str, list[str]], topics: dict[str, str]) -> Result:
    links = on_topic = with_3 = 0
    minimum = None
    for key, chosen in lists.items():
        good = sum(1 for other in chosen if topics[other] == topics[key])
        links += len(chosen)
        on_topic += good
        with_3 += good >= 3
        minimum = good if minimum is None else min(minimum, good)
    return Result(links, on_topic, len(lists), with_3, minimum or 0)


def ours(docs: list[Doc], settings: RankSettings | None = None) -> dict[str, list[str]]:
    return Index(docs, settings).similar_all()


def tag_baseline(docs: list[Doc], count: int = 5) -> dict[str, list[str]]:
    lists = {}
    for doc in docs:
        tags = set(doc.tags)
        others = [o for o in docs if o.key != doc.key and tags & set(o.tags)]
        others.sort(key=lambda o: (-len(tags & set(o.tags)), [-x for x in order_key(o)[:1]]))
        lists[doc.key] = [o.key for o in others[:count]]
    return lists


def markdown_files(name: str, folder: str = "articles/danh-gia") -> dict[str, str]:
    """The labelled set as Markdown articles ({content-relative path: text}), for a real build."""
    items = yaml.safe_load((EVAL_DIR / name).read_text(encoding="utf-8"))
    files = {}
    for item in items:
        date = item["date"]
        if not isinstance(date, str):
            date = f"{date:%Y-%m-%d %H:%M}"
        slug = slugify(item["title"])
        text = "\n".join(
            [
                f"Title: {item['title']}",
                f"Date: {date}",
                f"Category: {item['category']}",
                f"Tags: {', '.join(item.get('tags') or [])}",
                f"Summary: {item.get('summary', '')}",
                f"Slug: {slug}",
                "",
                item["body"],
            ]
        )
        files[f"{folder}/{slug}.md"] = text
    return files


def topics_by_slug(name: str) -> dict[str, str]:
    items = yaml.safe_load((EVAL_DIR / name).read_text(encoding="utf-8"))
    return {slugify(item["title"]): item["topic"] for item in items}
