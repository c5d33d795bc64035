"""The lexicon of the search page's direct answers, made from the honours data (pure Python).

The search page (theme/static/js/search-answers.js) fetches it on the first search and answers
a query, typed with or without diacritics, that names a unit, a bloc, a year of honours, a
decision number or an honoured person or collective. Two kinds of files:

- the main file (`tra-cuu.json`, a few kB): the section pages, units with their names and
  counts, blocs, years and decisions, and the vocabulary the rows point into;
- the names of people and collectives, cut into parts (`tra-cuu-ten-<n>.json`) by a hash of
  the name's last word (for a person, the given name): the page fetches only the part of the
  query's last word. A name is found by its last words: "Lực", "Văn Lực", "Phạm Văn Lực" and
  "Ông Phạm Văn Lực" all find "Ông Phạm Văn Lực". A last word that more than `rows_per_part`
  names share (a common given name) has parts of its own, cut by the word before it
  (`tra-cuu-ten-<word>-<n>.json`, listed under "lon" in the main file): "Nguyễn Văn Anh"
  fetches one of them; "Anh" alone fetches them all. `files_for()` says which files a query
  needs (search-answers.js does the same).

Every text is matched through `key()`: no diacritics, "đ" as "d", lower case, runs of other
characters as one space. search-answers.js folds the query the same way, and computes the
same `part_of()` hash. The files are compact, sorted JSON: the same data gives the same bytes.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass

from plugins.honours.model import HonoursData
from plugins.honours.model_vocabulary import RECIPIENT_KINDS
from plugins.honours.urls import BLOCS_URL, OPEN_DATA_URL, UNITS_URL, YEARS_URL, year_url
from plugins.vietnamese.text import fold

VERSION = 1
MAIN_FILE = "tra-cuu.json"
PART_FILE = "tra-cuu-ten-{}.json"
_WORD = re.compile(r"[0-9a-z]+")
_LEADING_DIGITS = re.compile(r"\d+")
# Words a unit's official name starts with that readers leave out ("UBND huyện Bắc Hà").
_UNIT_PREFIXES = ("uy ban nhan dan ", "ubnd ")
_BLOC_PREFIX = "khoi thi dua "

# The section pages, and what readers call them.
SECTIONS = (
    ("Tra cứu khen thưởng theo đơn vị", UNITS_URL, ("don vi", "tra cuu don vi", "tra cuu")),
    ("Các khối thi đua", BLOCS_URL, ("khoi thi dua", "cac khoi thi dua", "khoi")),
    ("Khen thưởng theo năm", YEARS_URL, ("khen thuong", "khen thuong theo nam")),
    ("Dữ liệu mở về khen thưởng", OPEN_DATA_URL, ("du lieu", "du lieu mo")),
)


def key(text: str) -> str:
    """'UBND huyện Bắc Hà' -> 'ubnd huyen bac ha'; '2891/QĐ-UBND' -> '2891 qd ubnd'."""
    return " ".join(_WORD.findall(fold(text or "")))


def part_of(word: str, parts: int) -> int:
    """FNV-1a (32 bits) of the word's code points, modulo `parts` (the same in JavaScript)."""
    value = 0x811C9DC5
    for char in word:
        value ^= ord(char)
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value % parts


def _unique(items) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen


def _counts(rows) -> list[int]:
    counted = Counter(row.kind for row in rows)
    return [counted.get(kind, 0) for kind in RECIPIENT_KINDS]


def unit_keys(unit) -> list[str]:
    """Every way of naming the unit, the best first: short name, official name, other names,
    its id in words, former names; with and without "UBND"."""
    names = [unit.short_name, unit.name, *unit.aliases]
    found = []
    for name in names:
        folded = key(name)
        found.append(folded)
        for prefix in _UNIT_PREFIXES:
            if folded.startswith(prefix):
                found.append(folded[len(prefix) :])
    found.append(unit.id.replace("-", " "))
    found.extend(key(former.name) for former in unit.former_names)
    return _unique(found)


def bloc_keys(bloc) -> list[str]:
    folded = key(bloc.name)
    found = [folded]
    if folded.startswith(_BLOC_PREFIX):
        found.append(folded[len(_BLOC_PREFIX) :])
    found.append(bloc.id.replace("-", " "))
    return _unique(found)


@dataclass(frozen=True)
class Lexicon:
    """The files to write: {file name: text}."""

    files: dict[str, str]

    @property
    def total_bytes(self) -> int:
        return sum(len(text.encode("utf-8")) for text in self.files.values())


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def build_lexicon(data: HonoursData, rows_per_part: int = 1000) -> Lexicon:
    """The main file and the parts of names, from the loaded honours data."""
    unit_ids = sorted(data.units)
    unit_index = {uid: i for i, uid in enumerate(unit_ids)}
    decisions = data.decision_list
    decision_index = {d.id: i for i, d in enumerate(decisions)}
    honour_ids = sorted({row.honour_id for row in data.recipients})  # only those given
    honour_index = {hid: i for i, hid in enumerate(honour_ids)}

    units = []
    for uid in unit_ids:
        unit = data.units[uid]
        received = data.recipients_by_unit.get(uid, [])
        years = sorted({data.decisions[r.decision_id].year for r in received})
        entry = {
            "t": unit.name,
            "u": unit.url,
            "k": unit_keys(unit),
            "n": _counts(received),
            "q": len({r.decision_id for r in received}),
            "y": [years[0], years[-1]] if years else [],
        }
        if unit.dissolved:
            entry["het"] = unit.last_day.isoformat()
            entry["s"] = [
                [data.units[s].name, data.units[s].url] for s in unit.successors if s in data.units
            ]
        units.append(entry)

    blocs = []
    for bid in sorted(data.blocs):
        bloc = data.blocs[bid]
        latest = bloc.year_list[-1] if bloc.years else None
        leader = data.units.get(latest.leader) if latest and latest.leader else None
        blocs.append(
            {
                "t": bloc.name,
                "u": bloc.url,
                "k": bloc_keys(bloc),
                "y": sorted(bloc.years),
                "m": len(latest.members) if latest else 0,
                "l": [leader.name, leader.url] if leader else [],
            }
        )

    years = []
    for year, listed in data.decisions_by_year.items():
        rows = [r for d in listed for r in d.recipients]
        years.append({"y": year, "u": year_url(year), "q": len(listed), "n": _counts(rows)})

    decision_entries = []
    for decision in decisions:
        digits = _LEADING_DIGITS.match(decision.number.strip())
        honour = data.honours.get(decision.honour_id)
        decision_entries.append(
            {
                "s": decision.number,
                "k": key(decision.number),
                "so": digits.group(0) if digits else "",
                "d": decision.date.isoformat(),
                "u": decision.url,
                "t": decision.title,
                "i": decision.issuer,
                "h": honour.name if honour else "",
                "n": _counts(decision.recipients),
            }
        )

    rows = data.recipients
    parts = max(1, math.ceil(len(rows) / rows_per_part))
    by_last: dict[str, list[tuple[str, list]]] = {}
    order: dict[int, int] = {}  # id of a row's entry -> its place in the data
    for place, row in enumerate(rows):
        words = key(row.name).split()
        last = words[-1] if words else ""
        before = words[-2] if len(words) > 1 else ""
        entry = [
            row.name,
            RECIPIENT_KINDS.index(row.kind),
            honour_index[row.honour_id],
            decision_index[row.decision_id],
            unit_index.get(row.unit_id, -1),
            row.position,
        ]
        order[id(entry)] = place
        by_last.setdefault(last, []).append((before, entry))
    cut: dict[str, list[list]] = {str(n): [] for n in range(parts)}
    big: dict[str, int] = {}
    for last in sorted(by_last):
        listed = by_last[last]
        if len(listed) > rows_per_part and last:
            big[last] = math.ceil(len(listed) / rows_per_part)
            for n in range(big[last]):
                cut[f"{last}-{n}"] = []
            for before, entry in listed:
                cut[f"{last}-{part_of(before, big[last])}"].append(entry)
        else:
            number = str(part_of(last, parts))
            cut[number].extend(entry for _, entry in listed)
    for entries in cut.values():  # back in the order of the data (decision date, number)
        entries.sort(key=lambda e: order[id(e)])

    main = {
        "v": VERSION,
        "trang": [{"t": t, "u": u, "k": list(k)} for t, u, k in SECTIONS],
        "don_vi": units,
        "khoi": blocs,
        "nam": years,
        "quyet_dinh": decision_entries,
        "danh_hieu": [data.honours[h].name for h in honour_ids],
        "ten": {"phan": parts, "tep": PART_FILE, "dong": len(rows), "lon": big},
    }
    files = {MAIN_FILE: _dump(main)}
    for name in sorted(cut):
        files[PART_FILE.format(name)] = _dump({"v": VERSION, "dong": cut[name]})
    return Lexicon(files)


def files_for(words: list[str], names: dict) -> list[str]:
    """The files of names a query (its `key()` words) needs; `names` is the main file's "ten"."""
    if not words:
        return []
    last = words[-1]
    big = names.get("lon", {})
    if last in big:
        if len(words) > 1:
            return [names["tep"].format(f"{last}-{part_of(words[-2], big[last])}")]
        return [names["tep"].format(f"{last}-{n}") for n in range(big[last])]
    return [names["tep"].format(part_of(last, names["phan"]))]
