"""Responsive <picture> markup for photos, and the rewrite of an article's <img> tags.

Pure: no Pelican. The rewrite scans the HTML once with a regular expression for <img> tags
(the figures plugin writes them, one per photo) and replaces each tag that points at a known
photo with

    <picture><source type="image/webp" srcset="… 480w, … 960w" sizes="…">
    <img src="…" srcset="…" sizes="…" alt="…" width="W" height="H" loading="lazy"
    decoding="async"></picture>

Everything else in the HTML is left byte for byte. The lead photo of an article is neither
lazy nor async (it is the largest thing on the first screen) and gets fetchpriority="high".
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import quote

from .process import WEBP, Photo, Variant

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(
    r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""", re.ASCII
)
# Attributes the rewrite sets itself; any value already on the <img> is replaced.
_OWN = {"src", "srcset", "sizes", "width", "height", "loading", "decoding", "fetchpriority"}


@dataclass(frozen=True)
class Found:
    """A photo found in an article's body, with the alt text the author gave it."""

    photo: Photo
    alt: str


def parse_attributes(tag: str) -> list[tuple[str, str | None]]:
    """Attributes of one start tag, names in lower case, values unescaped (None: no value)."""
    inner = tag[tag.index(" ") + 1 : -1] if " " in tag else ""
    inner = inner.rstrip("/")
    attributes = []
    for match in _ATTR.finditer(inner):
        name = match.group(1).lower()
        raw = next((g for g in match.group(2, 3, 4) if g is not None), None)
        attributes.append((name, None if raw is None else html.unescape(raw)))
    return attributes


def url(prefix: str, path: str) -> str:
    """The URL of output file `path` from a page whose way to the site root is `prefix`.

    `prefix` is what Pelican calls SITEURL on that page: "../.." with RELATIVE_URLS, else the
    site's address ("" for root-relative URLs).
    """
    return f"{prefix.rstrip('/')}/{quote(path, safe='/')}"


def srcset(prefix: str, variants: Iterable[Variant]) -> str:
    return ", ".join(f"{url(prefix, v.path)} {v.width}w" for v in variants)


def _attribute(name: str, value: str | None) -> str:
    return name if value is None else f'{name}="{html.escape(value, quote=True)}"'


def picture(
    photo: Photo,
    prefix: str,
    *,
    src: str | None = None,
    alt: str = "",
    sizes: str,
    lead: bool = False,
    attributes: Iterable[tuple[str, str | None]] = (),
) -> str:
    """<picture> for `photo`; `src` defaults to the largest variant in the original format.

    `attributes` are extra ones for the <img> (class, title, …), in their order.
    """
    width, height = photo.box
    fallback = photo.fallback
    img: list[tuple[str, str | None]] = [
        ("src", src if src is not None else url(prefix, fallback[-1].path)),
        ("srcset", srcset(prefix, fallback)),
        ("sizes", sizes),
    ]
    img += [(k, v) for k, v in attributes if k not in _OWN and k != "alt"]
    img += [("alt", alt), ("width", str(width)), ("height", str(height))]
    if lead:
        img.append(("fetchpriority", "high"))
    else:
        img += [("loading", "lazy"), ("decoding", "async")]
    tag = f"<img {' '.join(_attribute(k, v) for k, v in img)}>"
    if photo.mime == WEBP:  # the <img> already offers WebP
        return f"<picture>{tag}</picture>"
    source = [("type", WEBP), ("srcset", srcset(prefix, photo.webp)), ("sizes", sizes)]
    return f"<picture><source {' '.join(_attribute(k, v) for k, v in source)}>{tag}</picture>"


def rewrite(
    body: str,
    lookup: Callable[[str], Photo | None],
    prefix: str,
    sizes: str,
    lead_source: str | None = None,
) -> tuple[str, list[Found]]:
    """Replace each <img> of a known photo in `body`; return the new HTML and the photos.

    `lookup(src)` maps an <img src> to its Photo (None: not one of ours, left alone).
    `lead_source` is the article's lead photo (its Image metadata); when None, the first photo
    of the body is the lead. Tags that already have a srcset are left alone, so rewriting
    twice changes nothing.
    """
    found: list[Found] = []
    lead_done = False

    def replace(match: re.Match) -> str:
        nonlocal lead_done
        attributes = parse_attributes(match.group(0))
        values = dict(attributes)
        src = values.get("src")
        if not src or "srcset" in values:
            return match.group(0)
        photo = lookup(src)
        if photo is None or not photo.fallback:
            return match.group(0)
        alt = values.get("alt") or ""
        found.append(Found(photo, alt))
        is_lead = not lead_done and (lead_source is None or lead_source == photo.source)
        lead_done = lead_done or is_lead
        return picture(
            photo,
            prefix,
            src=src,
            alt=alt,
            sizes=sizes,
            lead=is_lead,
            attributes=attributes,
        )

    if "<img" not in body and "<IMG" not in body:
        return body, found
    return _IMG.sub(replace, body), found


_FIGURE = re.compile(r"<figure\b[^>]*>.*?</figure\s*>", re.IGNORECASE | re.DOTALL)
_LEAD_MARK = 'fetchpriority="high"'  # what `picture(lead=True)` puts on the lead's <img>


def take_lead_figure(body: str) -> tuple[str, str | None]:
    """The figure of the lead photo out of a rewritten body, to be shown under the lead.

    Returns (body, None) when the body already starts with that figure (it is under the lead
    where it is), when the lead photo is not in a <figure>, or when it is not in the body;
    else (the body without the figure, the figure). The figure keeps its caption.
    """
    if _LEAD_MARK not in body:
        return body, None
    for match in _FIGURE.finditer(body):
        if _LEAD_MARK not in match.group(0):
            continue
        if not body[: match.start()].strip():
            return body, None  # the body starts with it
        rest = body[: match.start()].rstrip() + "\n" + body[match.end() :].lstrip()
        return rest, match.group(0)
    return body, None
