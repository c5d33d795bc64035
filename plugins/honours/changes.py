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
SITEURL is not a correction of every decision).
"""

from __future__ import annotations

import hashlib
import json
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


def _comparable(items: list[dict], names: list[str]) -> dict[str, list]:
    """{decision key: its records restricted to `names`, sorted}."""
    grouped: dict[str, list] = {}
    for item in items:
        grouped.setdefault(decision_key(item), []).append([item.get(n) for n in names])
    return {
        k: sorted(v, key=lambda r: json.dumps(r, ensure_ascii=False)) for k, v in grouped.items()
    }


def _summary(key: str, items: list[dict], count_before: int | None = None) -> dict:
    first = items[0]
    summary = {
        "ma_quyet_dinh": key,
        "so_quyet_dinh": first.get("so_quyet_dinh", ""),
        "ngay_quyet_dinh": first.get("ngay_quyet_dinh", ""),
        "url_quyet_dinh": first.get("url_quyet_dinh", ""),
        "so_ban_ghi": len(items),
    }
    if count_before is not None:
        summary["so_ban_ghi_truoc"] = count_before
    return summary


@dataclass
class Comparison:
    added: list[dict] = field(default_factory=list)
    corrected: list[dict] = field(default_factory=list)
    withdrawn: list[dict] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.corrected or self.withdrawn)


def compare(previous: list[dict], current: list[dict]) -> Comparison:
    """What changed from `previous` to `current` (lists of records), decision by decision,
    each list in the order of the decisions' dates, then keys."""
    names = sorted(
        {k for item in previous[:1] for k in item} & {k for item in current[:1] for k in item}
    )
    names = [n for n in names if not n.startswith("url_")]
    before, after = _comparable(previous, names), _comparable(current, names)
    by_key_before: dict[str, list] = {}
    for item in previous:
        by_key_before.setdefault(decision_key(item), []).append(item)
    by_key_after: dict[str, list] = {}
    for item in current:
        by_key_after.setdefault(decision_key(item), []).append(item)
    result = Comparison()
    for key in sorted(after.keys() - before.keys()):
        result.added.append(_summary(key, by_key_after[key]))
    for key in sorted(after.keys() & before.keys()):
        if after[key] != before[key]:
            result.corrected.append(_summary(key, by_key_after[key], len(by_key_before[key])))
    for key in sorted(before.keys() - after.keys()):
        result.withdrawn.append(_summary(key, by_key_before[key]))
    for items in (result.added, result.corrected, result.withdrawn):
        items.sort(key=lambda s: (s["ngay_quyet_dinh"], s["ma_quyet_dinh"]))
    return result


def state_hash(current: list[dict]) -> str:
    names = sorted({k for item in current[:1] for k in item if not k.startswith("url_")})
    text = json.dumps(sorted(_comparable(current, names).items()), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Previous:
    """The previously published version: its records (None: nothing published before) and
    its log."""

    records: list[dict] | None = None
    history: tuple[dict, ...] = ()


def read_previous(folder: str | Path | None) -> Previous:
    """The previous version from a local folder laid out as /du-lieu/ (missing files: a first
    publication, or a site published before the log existed)."""
    if not folder:
        return Previous()
    root = Path(folder)
    if (root / "du-lieu" / DATA_FILE).is_file():  # a copy of the whole site
        root = root / "du-lieu"

    def load(name: str):
        path = root / name
        if not path.is_file():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise PreviousDataError(
                file=str(path),
                message=f"Không đọc được dữ liệu mở đã công bố trước ({error}).",
                hint="Tải lại tệp từ trang đã xuất bản, hoặc bỏ thiết lập "
                "HONOURS_PREVIOUS_OPEN_DATA để bắt đầu nhật ký mới.",
            ) from error

    records = load(DATA_FILE)
    history = load(HISTORY_FILE) or {}
    if records is not None and not isinstance(records, list):
        raise PreviousDataError(
            file=str(root / DATA_FILE),
            message="Dữ liệu mở đã công bố trước không phải một mảng JSON các bản ghi.",
            hint="Kiểm tra tệp khen-thuong.json đã tải về.",
        )
    entries = history.get("cac_lan_cong_bo", []) if isinstance(history, dict) else []
    return Previous(records=records, history=tuple(entries))


def log(previous: Previous, current: list[dict], published: datetime) -> list[dict]:
    """The log after this publication, newest first: the previous log, with one more entry
    when the records changed (or when nothing was published before)."""
    entries = list(previous.history)
    if previous.records is None:
        comparison = compare([], current)
        count_before = None
    else:
        comparison = compare(previous.records, current)
        count_before = len(previous.records)
        if comparison.empty:
            return entries
    ident = f"{published.date().isoformat()}-{state_hash(current)[:8]}"
    if entries and entries[0].get("ma") == ident:
        return entries
    entry = {
        "ma": ident,
        "thoi_gian": published.isoformat(),
        "so_ban_ghi": len(current),
        "so_ban_ghi_truoc": count_before,
        "lan_dau": previous.records is None,
        "them": comparison.added,
        "sua": comparison.corrected,
        "go": comparison.withdrawn,
    }
    return [entry, *entries]


def history_document(entries: list[dict]) -> dict:
    return {
        "mo_ta": "Nhật ký thay đổi của dữ liệu mở khen thưởng: mỗi lần công bố, các quyết "
        "định được thêm, sửa, gỡ bỏ và số bản ghi (mới nhất trước).",
        "cac_lan_cong_bo": entries,
    }
