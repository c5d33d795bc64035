"""A Markdown source read the way Pelican reads it, but keeping line numbers.

The header is Python-Markdown's "meta" block: `Key: value` lines from the first line of the
file to the first blank line; a line indented by four spaces continues the previous value; a
line that is neither ends the header (and Markdown then treats it as body text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# Exactly the patterns of markdown.extensions.meta, so that we see the same keys Pelican sees.
META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE_RE = re.compile(r"^[ ]{4,}(?P<value>.*)")
BEGIN_RE = re.compile(r"^-{3}(\s.*)?")
END_RE = re.compile(r"^(-{3}|\.{3})(\s.*)?")
# A line that an editor meant as a header line but Markdown does not accept as one:
# "Tiêu đề: ...", "Title : ...".
LOOKS_LIKE_KEY_RE = re.compile(r"^[ ]{0,3}(?P<key>[^\s:#<>!\[][^:]{0,30}?)\s*:\s*(?P<value>.*)$")


@dataclass(frozen=True)
class Field:
    key: str  # as written ("Title")
    name: str  # lower case ("title"), as Pelican stores it
    value: str
    line: int


@dataclass
class Document:
    path: Path  # absolute
    rel: str  # shown in messages: relative to the repository, "/" separators
    content_rel: str  # relative to the content folder ("articles/2024/03/x.md")
    kind: str  # "article" or "page"
    text: str
    fields: dict[str, Field] = field(default_factory=dict)  # first occurrence of each key
    repeated: list[Field] = field(default_factory=list)  # later occurrences of a key
    stray_header_line: tuple[int, str] | None = None  # (line, text) that ended the header
    body_start: int = 1  # line number of the first body line

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def value(self, name: str) -> str:
        found = self.fields.get(name)
        return found.value.strip() if found else ""

    def line_of(self, name: str, default: int = 1) -> int:
        found = self.fields.get(name)
        return found.line if found else default

    @property
    def status(self) -> str:
        return self.value("status").lower() or "published"

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    def body_lines(self):
        """(line number, text) of every body line outside fenced code blocks."""
        fence = None
        for number, line in enumerate(self.lines[self.body_start - 1 :], start=self.body_start):
            stripped = line.lstrip()
            if fence is None and stripped.startswith(("```", "~~~")):
                fence = stripped[:3]
                continue
            if fence is not None:
                if stripped.startswith(fence):
                    fence = None
                continue
            yield number, line


def parse(text: str, path: Path, rel: str, content_rel: str, kind: str) -> Document:
    doc = Document(path=path, rel=rel, content_rel=content_rel, kind=kind, text=text)
    lines = text.split("\n")
    index = 0
    if lines and BEGIN_RE.match(lines[0]):
        index = 1
    last: str | None = None
    while index < len(lines):
        line = lines[index]
        if not line.strip() or END_RE.match(line):
            index += 1
            break
        match = META_RE.match(line)
        if match:
            key = match.group("key").strip()
            item = Field(key, key.lower(), match.group("value").strip(), index + 1)
            if item.name in doc.fields:
                doc.repeated.append(item)
            else:
                doc.fields[item.name] = item
            last = item.name
        else:
            more = META_MORE_RE.match(line)
            if more and last is not None and last in doc.fields:
                old = doc.fields[last]
                joined = f"{old.value} {more.group('value').strip()}".strip()
                doc.fields[last] = Field(old.key, old.name, joined, old.line)
            else:
                if LOOKS_LIKE_KEY_RE.match(line):
                    doc.stray_header_line = (index + 1, line)
                break
        index += 1
    doc.body_start = index + 1
    return doc
