"""Finding unit names in Vietnamese text and linking their first mention (pure: no Pelican).

The finder takes a plain mapping {unit id: [names...]} (official name, short name, aliases),
so it can be used and tested without the honours data. Matching is done in NFC, longest name
first ("Trường THPT số 1 Bắc Hà" wins over "Bắc Hà" inside it), on whole words ("Bắc Hà"
never matches inside "Bắc Hàn"), and a name also matches with its first letter in upper case
at the start of a sentence ("Huyện Bắc Hà") or in lower case inside one ("xã Bắc Hà" for
"Xã Bắc Hà"). A name that belongs to several units is ambiguous: the units the article's
metadata names win, then the caller's resolver (e.g. the unit that existed on the article's
date); when nothing decides, the name is not linked.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from plugins.vietnamese.text import nfc

Resolver = Callable[[str, tuple[str, ...]], str | None]


@dataclass(frozen=True)
class Mention:
    unit: str
    start: int
    end: int
    text: str


def _variants(name: str) -> set[str]:
    name = " ".join(nfc(name).split())
    if not name:
        return set()
    # as written, capitalised at the start of a sentence ("Huyện Bắc Hà"), and with a lower
    # case first letter inside one ("xã Bắc Hà" for the short name "Xã Bắc Hà")
    return {name, name[0].upper() + name[1:], name[0].lower() + name[1:]}


def _trie_pattern(names: list[str]) -> str:
    """One regular expression for all the names, shaped as a tree of their letters.

    "Bắc Hà|Bắc Hà Mới|Bảo Yên" becomes "B(?:ắc\\s+Hà(?:\\s+Mới)?|ảo\\s+Yên)": at each
    position the engine reads a letter once for all the names that share it, instead of
    trying every name in turn (hundreds of units and aliases on every word of every article).
    A longer name is tried first (the optional rest is greedy) and the shorter one is taken
    when the longer does not fit, so the longest name that matches wins, as with names
    listed longest first. A space matches any run of white space.
    """
    tree: dict = {}
    for name in names:
        node = tree
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}  # a name ends here

    def pattern(node: dict) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + pattern(node[char])
            for char in sorted(node)
            if char
        ]
        if not branches:
            return ""
        ends_here = "" in node
        if len(branches) == 1 and not ends_here:
            return branches[0]
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if ends_here else group

    return pattern(tree)


class MentionFinder:
    def __init__(self, names: Mapping[str, Iterable[str]]):
        owners: dict[str, set[str]] = {}
        for unit in sorted(names):
            for name in names[unit] or ():
                for variant in _variants(str(name)):
                    owners.setdefault(variant, set()).add(unit)
        self.owners: dict[str, tuple[str, ...]] = {
            variant: tuple(sorted(units)) for variant, units in owners.items()
        }
        if self.owners:
            names = _trie_pattern(sorted(self.owners))
            self._pattern: re.Pattern | None = re.compile(rf"(?<!\w)(?:{names})(?!\w)")
        else:
            self._pattern = None

    def _owner(self, found: str, prefer: frozenset[str], resolve: Resolver | None) -> str | None:
        units = self.owners.get(" ".join(found.split()))
        if not units:
            return None
        if len(units) == 1:
            return units[0]
        preferred = [u for u in units if u in prefer]
        if len(preferred) == 1:
            return preferred[0]
        if resolve is not None:
            chosen = resolve(found, tuple(preferred) or units)
            if chosen in units:
                return chosen
        return None

    def find(
        self,
        text: str,
        prefer: Iterable[str] = (),
        resolve: Resolver | None = None,
    ) -> list[Mention]:
        """Every mention in the text, in order. `text` must already be NFC."""
        if self._pattern is None or not text:
            return []
        wanted = frozenset(prefer)
        found = []
        for match in self._pattern.finditer(text):
            unit = self._owner(match.group(0), wanted, resolve)
            if unit is not None:
                found.append(Mention(unit, match.start(), match.end(), match.group(0)))
        return found

    def units_in(
        self,
        texts: Iterable[str],
        prefer: Iterable[str] = (),
        resolve: Resolver | None = None,
    ) -> list[str]:
        """Units mentioned in the texts, in order of first appearance."""
        prefer = tuple(prefer)
        seen: dict[str, None] = {}
        for text in texts:
            for mention in self.find(nfc(text or ""), prefer, resolve):
                seen.setdefault(mention.unit, None)
        return list(seen)


def mentioned_units(metadata_units: Iterable[str], detected: Iterable[str]) -> list[str]:
    """Metadata units first (in their order), then detected ones not already listed."""
    result: dict[str, None] = {}
    for unit in [*metadata_units, *detected]:
        result.setdefault(unit, None)
    return list(result)


# -- linking in HTML -------------------------------------------------------------------------

_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)")
# No link inside these: an existing link, headings, code, scripts, form controls, captions
# of figures stay as written.
_NO_LINK = frozenset(
    [
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "code",
        "pre",
        "kbd",
        "samp",
        "script",
        "style",
        "button",
        "label",
        "select",
        "textarea",
        "title",
        "figcaption",
    ]
)
_MARK = "data-don-vi"
_MARKED = re.compile(rf'{_MARK}="([^"]+)"')


def link_first_mentions(
    markup: str,
    finder: MentionFinder,
    urls: Mapping[str, str],
    prefer: Iterable[str] = (),
    resolve: Resolver | None = None,
) -> tuple[str, list[str]]:
    """Link the first mention of each unit that has a URL; return the new HTML and the units.

    Text inside links, headings and code is left alone. Links this function made before are
    recognised by their data-don-vi attribute, so running it twice changes nothing.
    """
    if not markup:
        return markup, []
    done: set[str] = set(_MARKED.findall(markup))
    linked: list[str] = []
    prefer = tuple(prefer)
    depth = 0  # how many _NO_LINK elements we are inside
    parts = _TAG.split(markup)
    for index, part in enumerate(parts):
        if index % 2 == 1:  # a tag or a comment
            match = _TAG_NAME.match(part)
            if match and match.group(2).lower() in _NO_LINK and not part.endswith("/>"):
                depth = max(0, depth - 1) if match.group(1) else depth + 1
            continue
        if depth or not part.strip():
            continue
        pieces = []
        position = 0
        for mention in finder.find(part, prefer, resolve):
            unit = mention.unit
            if unit in done or unit not in urls:
                continue
            done.add(unit)
            linked.append(unit)
            href = html.escape(urls[unit], quote=True)
            pieces.append(part[position : mention.start])
            pieces.append(f'<a href="{href}" {_MARK}="{html.escape(unit)}">{mention.text}</a>')
            position = mention.end
        if pieces:
            pieces.append(part[position:])
            parts[index] = "".join(pieces)
    return "".join(parts), linked
