"""What every rule of `make check` reads: the parsed site, and how a problem is made."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from plugins.vietnamese.categories import quote_list  # noqa: F401  (kept importable)
from plugins.vietnamese.errors import SiteError
from plugins.vietnamese.suggest import closest
from plugins.vietnamese.text import slugify as ascii_slugify

from .document import Document
from .errors import ContentProblem
from .settings import CheckSettings

COMMENT_OPEN, COMMENT_CLOSE = "<!--", "-->"


@dataclass
class HonoursRefs:
    """Ids known to the honours data: `units`, `blocs`, `decisions`, `campaigns`."""

    units: Mapping = field(default_factory=dict)
    blocs: Mapping = field(default_factory=dict)
    decisions: Mapping = field(default_factory=dict)
    campaigns: Mapping = field(default_factory=dict)  # phong-trao.yaml (plugins/notices)


@dataclass
class Site:
    settings: CheckSettings
    documents: dict[str, Document]  # by path relative to the content folder
    rel: Callable[[Path], str]  # a path as shown in messages
    now: datetime  # naive, Vietnam time: only for the "date far in the future" warning
    honours: HonoursRefs | None = None
    slugify: Callable[[str], str] = ascii_slugify


def problem(doc: Document, line: int | None, message: str, hint: str, **kwargs) -> SiteError:
    return ContentProblem(file=doc.rel, line=line, message=message, hint=hint, **kwargs)


def warning(doc: Document, line: int | None, message: str, hint: str, **kwargs) -> SiteError:
    return problem(doc, line, message, hint, severity="warning", **kwargs)


def did_you_mean(word: str, choices) -> str | None:
    found = closest(word, list(choices), n=1)
    return found[0] if found else None


def visible_lines(doc: Document) -> Iterator[tuple[int, str]]:
    """Body lines with HTML comments (<!-- ... -->) blanked out."""
    in_comment = False
    for number, line in doc.body_lines():
        kept = []
        rest = line
        while rest:
            if in_comment:
                end = rest.find(COMMENT_CLOSE)
                if end < 0:
                    rest = ""
                else:
                    rest = rest[end + len(COMMENT_CLOSE) :]
                    in_comment = False
            else:
                start = rest.find(COMMENT_OPEN)
                if start < 0:
                    kept.append(rest)
                    rest = ""
                else:
                    kept.append(rest[:start])
                    rest = rest[start + len(COMMENT_OPEN) :]
                    in_comment = True
        yield number, "".join(kept)
