"""The log of changes of the open data (pure: no Pelican): /du-lieu/thay-doi/.

Each publication compares the records it publishes with those of the previously published
version, decision by decision, and, when something changed, adds an entry to the log: the
decisions added, corrected (their records differ) and withdrawn, and the record counts.

Where the previous version comes from: the deploy target, that is the site as readers see it
(its /du-lieu/khen-thuong.json and /du-lieu/thay-doi/lich-su.json), copied into a local folder
before the build (HONOURS_PREVIOUS_OPEN_DATA; the CI workflow downloads the two files from the
published site). Not git history, because a commit is not a publication: several commits may
be published at once, a commit may never be published (tests failed), and CI clones shallow.
The build itself reads only local files (no network). Reproducible: the same content, the same
previous files and the same publication time (SOURCE_DATE_EPOCH, else the newest decision's
date) give the same bytes.

Records are compared on the fields both versions have, URLs left out (a new field or another
SITEURL is not a correction of every decision). Each version is reduced, record by record, to
one State per decision (its count and a digest of its records, whatever their order), so
that neither version is held in memory as a whole.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from plugins.vietnamese.errors import SiteError

HISTORY_FILE = "thay-doi/lich-su.json"
DATA_FILE = "khen-thuong.json"


class PreviousDataError(SiteError):
    """The previously published open data cannot be read."""


def decision_key(item: dict) -> str:
    """The decision a record belongs to: the last part of url_quyet_dinh (its id)."""
    url = str(item.get("url_quyet_dinh", ""))
    return url.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]


@dataclass
class State:
    """One decision of one version: what the log says of it, and a digest of its records."""

    key: str
    number: str
    date: str
    url: str
    count: int = 0
    digest: int = 0  # the sum of the records' SHA-256 (mod 2**256): their order does not count

    def summary(self, before: State | None = None) -> dict:
        item = {
            "ma_quyet_dinh": self.key,
            "so_quyet_dinh": self.number,
            "ngay_quyet_dinh": self.date,
            "url_quyet_dinh": self.url,
            "so_ban_ghi": self.count,
        }
        if before is not None:
            item["so_ban_ghi_truoc"] = before.count
        return item


def compared_fields(previous: Iterable[str], current: Iterable[str]) -> list[str]:
    """The fields both versions have, URLs left out."""
    return sorted(n for n in set(previous) & set(current) if not n.startswith("url_"))


class Tally:
    """The States of a version, one record at a time (add), for a caller that reads or
    writes the records as they come."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.states: dict[str, State] = {}

    def add(self, item: dict) -> None:
        key = decision_key(item)
        state = self.states.get(key)
        if state is None:
            state = self.states[key] = State(
                key,
                str(item.get("so_quyet_dinh", "")),
                str(item.get("ngay_quyet_dinh", "")),
                str(item.get("url_quyet_dinh", "")),
            )
        text = json.dumps([item.get(n) for n in self.names], ensure_ascii=False)
        value = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest(), "big")
        state.count += 1
        state.digest = (state.digest + value) % (1 << 256)


def states(items: Iterable[dict], names: list[str]) -> dict[str, State]:
    """{decision key: State} of a version's records, compared on `names`."""
    tally = Tally(names)
    for item in items:
        tally.add(item)
    return tally.states


@dataclass
class Comparison:
    added: list[dict] = field(default_factory=list)
    corrected: list[dict] = field(default_factory=list)
    withdrawn: list[dict] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.corrected or self.withdrawn)


def _order(item: dict) -> tuple:
    return (item["ngay_quyet_dinh"], item["ma_quyet_dinh"])


def compare_states(before: dict[str, State], after: dict[str, State]) -> Comparison:
    """What changed, decision by decision, each list by decision date, then key."""
    result = Comparison()
    result.added = sorted((after[k].summary() for k in after.keys() - before.keys()), key=_order)
    result.corrected = sorted(
        (
            after[k].summary(before[k])
            for k in after.keys() & before.keys()
            if (after[k].count, after[k].digest) != (before[k].count, before[k].digest)
        ),
        key=_order,
    )
    result.withdrawn = sorted(
        (before[k].summary() for k in before.keys() - after.keys()), key=_order
    )
    return result


def compare(previous: list[dict], current: list[dict]) -> Comparison:
    """What changed from `previous` to `current` (lists of records)."""
    names = compared_fields(
        (k for item in previous[:1] for k in item), (k for item in current[:1] for k in item)
    )
    return compare_states(states(previous, names), states(current, names))


def state_hash(current: dict[str, State]) -> str:
    """A digest of a whole version (its States)."""
    text = json.dumps(
        sorted((k, s.count, s.digest) for k, s in current.items()), ensure_ascii=False
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Previous:
    """The previously published version: where its records are (None: nothing published
    before), their fields, and its log."""

    path: Path | None = None
    fields: tuple[str, ...] = ()
    history: tuple[dict, ...] = ()

    @property
    def published(self) -> bool:
        return self.path is not None

    def records(self) -> Iterator[dict]:
        return _read_records(self.path) if self.path is not None else iter(())


def _error(path: Path, message: str, line: int | None = None) -> PreviousDataError:
    return PreviousDataError(
        file=str(path),
        line=line,
        message=message,
        hint="Tải lại tệp từ trang đã xuất bản, hoặc bỏ thiết lập HONOURS_PREVIOUS_OPEN_DATA "
        "để bắt đầu nhật ký mới.",
    )


def _read_records(path: Path) -> Iterator[dict]:
    """The records of a published khen-thuong.json, one at a time: the file has one record a
    line (opendata.to_json); a file laid out otherwise (its first record is not one line) is
    read whole."""
    number, read = 1, 0
    try:
        with open(path, encoding="utf-8-sig") as handle:
            first = handle.readline().strip()
            if first == "[]":
                return
            for text in handle if first == "[" else ():
                number += 1
                text = text.strip().removesuffix(",")
                if text == "]":
                    return
                try:
                    item = json.loads(text)
                except ValueError:
                    if read == 0:  # not one record a line
                        break
                    raise
                if not isinstance(item, dict):
                    raise ValueError("bản ghi không phải một đối tượng JSON")
                read += 1
                yield item
            else:
                if first == "[":
                    raise ValueError("thiếu dấu ] ở cuối tệp")
    except (OSError, UnicodeDecodeError, ValueError) as error:
        message = f"Không đọc được dữ liệu mở đã công bố trước ({error})."
        raise _error(path, message, number) from error
    try:
        items = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        message = f"Không đọc được dữ liệu mở đã công bố trước ({error})."
        raise _error(path, message) from error
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise _error(path, "Dữ liệu mở đã công bố trước không phải một mảng JSON các bản ghi.")
    yield from items


def read_previous(folder: str | Path | None) -> Previous:
    """The previous version from a local folder laid out as /du-lieu/ (or a copy of the whole
    site). No khen-thuong.json: nothing was published before. Its records are read when
    needed (Previous.records), after a first look that they can be read."""
    if not folder:
        return Previous()
    root = Path(folder)
    if (root / "du-lieu" / DATA_FILE).is_file():
        root = root / "du-lieu"
    history: object = {}
    history_path = root / HISTORY_FILE
    if history_path.is_file():
        try:
            history = json.loads(history_path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            message = f"Không đọc được nhật ký thay đổi đã công bố trước ({error})."
            raise _error(history_path, message) from error
    entries = history.get("cac_lan_cong_bo", []) if isinstance(history, dict) else []
    path = root / DATA_FILE
    if not path.is_file():
        return Previous(history=tuple(entries))
    first = next(_read_records(path), {})
    return Previous(path=path, fields=tuple(first), history=tuple(entries))


def names_for(previous: Previous, current_fields: Iterable[str]) -> list[str]:
    """The fields the log compares (compared_fields of the two versions)."""
    current_fields = list(current_fields)
    return compared_fields(
        previous.fields if previous.published else current_fields, current_fields
    )


def log(
    previous: Previous, current: Iterable[dict], current_fields: Iterable[str], published: datetime
) -> tuple[list[dict], int]:
    """(the log after this publication, newest first, and the number of current records):
    the previous log, with one more entry when the records changed (or when nothing was
    published before)."""
    names = names_for(previous, current_fields)
    return log_states(previous, states(current, names), names, published)


def log_states(
    previous: Previous, after: dict[str, State], names: list[str], published: datetime
) -> tuple[list[dict], int]:
    """log(), the current records already reduced to their States (Tally, on `names`)."""
    entries = list(previous.history)
    count = sum(s.count for s in after.values())
    before = states(previous.records(), names) if previous.published else {}
    comparison = compare_states(before, after)
    if previous.published and comparison.empty:
        return entries, count
    ident = f"{published.date().isoformat()}-{state_hash(after)[:8]}"
    if entries and entries[0].get("ma") == ident:
        return entries, count
    entry = {
        "ma": ident,
        "thoi_gian": published.isoformat(),
        "so_ban_ghi": count,
        "so_ban_ghi_truoc": sum(s.count for s in before.values()) if previous.published else None,
        "lan_dau": not previous.published,
        "them": comparison.added,
        "sua": comparison.corrected,
        "go": comparison.withdrawn,
    }
    return [entry, *entries], count


def history_document(entries: list[dict]) -> dict:
    return {
        "mo_ta": "Nhật ký thay đổi của dữ liệu mở khen thưởng: mỗi lần công bố, các quyết "
        "định được thêm, sửa, gỡ bỏ và số bản ghi (mới nhất trước).",
        "cac_lan_cong_bo": entries,
    }
