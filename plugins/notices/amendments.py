"""Corrections and cancellations (content/honours/sua-doi/**.yaml), read with the honours
loader and applied to the decisions they amend, keeping the history (Chương VII, Luật Thi đua,
khen thưởng 06/2022/QH15: a register keeps the history, it does not overwrite it).

- A correction (`dinh_chinh`) changes a row's name, position or unit: the row shows the
  corrected values, marked "đã đính chính"; the values before are kept in the history.
- A cancellation (`huy`, `huy_toan_bo`) marks rows "đã hủy": they stay on every page and in
  the open data, marked, never removed.
Amendments apply in date order (then number), after every decision is read.
"""

from __future__ import annotations

from pathlib import Path

from plugins.honours import issuers, schema
from plugins.honours.errors import (
    MissingFieldError,
    UnitLifespanError,
    UnknownIdError,
)
from plugins.honours.model_decisions import Decision, Recipient
from plugins.honours.model_source import Source
from plugins.vietnamese.dates import format_date
from plugins.vietnamese.suggest import closest
from plugins.vietnamese.text import fold, slugify

from . import declarations
from .errors import AmendmentError
from .model import DA_DINH_CHINH, DA_HUY, Amendment, Change


def load_all(loader, files: list[Path]) -> list[Amendment]:
    found: list[tuple[Amendment, schema.Parsed, str]] = []
    for path in files:
        file, items = loader.records_in_file(path, declarations.AMENDMENT, "Tệp sửa đổi")
        for item in items:
            amendment = _amendment(loader, item, file)
            if amendment is not None:
                found.append((amendment, item, file))
    found.sort(key=lambda f: (f[0].date, f[0].id))
    applied = []
    for amendment, item, file in found:
        if apply(loader, amendment, item, file):
            applied.append(amendment)
    return applied


def _amendment(loader, item: schema.Parsed, file: str) -> Amendment | None:
    what = item.what
    target_id = item["quyet_dinh"]
    decisions = loader.data.decisions
    ok = True
    if target_id not in decisions:
        options = closest(target_id, sorted(decisions), n=3)
        hint = "Ghi mã trang của quyết định được sửa (phần cuối địa chỉ /quyet-dinh/<mã>/)."
        if options:
            hint = f"Có phải ý bạn là {', '.join(options)}? " + hint
        loader.error(
            UnknownIdError,
            file,
            item.line_of("quyet_dinh"),
            "quyet_dinh",
            f'Không có quyết định mã "{target_id}" ({what}).',
            hint,
        )
        ok = False
    for key, message, hint in issuers.issuer_problems(item["co_quan"], item["ngay"], None):
        loader.error(issuers.IssuerError, file, item.line_of(key), key, message, hint)
    cancels = bool(item.get("huy")) or bool(item["huy_toan_bo"])
    if cancels and not item["can_cu"]:
        loader.error(
            MissingFieldError,
            file,
            item.line,
            "can_cu",
            f"{what.capitalize()} hủy khen thưởng nhưng thiếu căn cứ pháp lý (can_cu).",
            "Thêm `can_cu: ...`, ví dụ điều, khoản của Luật Thi đua, khen thưởng 2022 (Chương "
            "VII) và văn bản kết luận.",
        )
    if not (item.get("dinh_chinh") or cancels):
        loader.error(
            MissingFieldError,
            file,
            item.line,
            "dinh_chinh",
            f"{what.capitalize()} không đính chính, không hủy dòng nào.",
            "Thêm `dinh_chinh:` (các dòng được đính chính), `huy:` (các dòng bị hủy) hoặc "
            "`huy_toan_bo: <lý do>`.",
        )
        ok = False
    if not ok:
        return None
    target = decisions[target_id]
    if item["ngay"] <= target.date:
        loader.error(
            AmendmentError,
            file,
            item.line_of("ngay"),
            "ngay",
            f"{what.capitalize()} ký ngày {format_date(item['ngay'])}, không sau quyết định "
            f"được sửa ({target.number}, ngày {format_date(target.date)}).",
            "Kiểm tra ngày ký hoặc mã quyết định được sửa.",
        )
        return None
    return Amendment(
        id=slugify(f"{item['so']} {item['ngay'].year}"),
        number=item["so"],
        date=item["ngay"],
        issuer=item["co_quan"],
        target_id=target_id,
        title=item.get("trich_yeu", ""),
        legal_ground=item.get("can_cu", ""),
        recovery=item.get("thu_hoi", ""),
        cancels_all=item.get("huy_toan_bo", ""),
        source=Source(file, item.line),
    )


def _find_row(loader, decision: Decision, entry: schema.Parsed, file: str, what: str):
    """The recipient row an entry names (`stt`, or `dong` as printed), or None (reported)."""
    rows = decision.recipients
    index, name = entry["stt"], entry["dong"]
    if index is not None:
        if not 1 <= index <= len(rows):
            loader.error(
                AmendmentError,
                file,
                entry.line_of("stt"),
                "stt",
                f"Quyết định {decision.number} không có dòng số {index} ({what}); các dòng "
                f"đánh số từ 1 đến {len(rows)}.",
                "Ghi số thứ tự như trên trang quyết định, hoặc ghi `dong: <tên như in>`.",
            )
            return None
        row = rows[index - 1]
        if name and fold(name) != fold(row.name):
            loader.error(
                AmendmentError,
                file,
                entry.line_of("dong"),
                "dong",
                f'Dòng số {index} của quyết định {decision.number} là "{row.name}", không phải '
                f'"{name}" ({what}).',
                "Sửa `stt` hoặc `dong` cho khớp với trang quyết định.",
            )
            return None
        return row
    if not name:
        loader.error(
            MissingFieldError,
            file,
            entry.line,
            "dong",
            f"Một mục của {what} không chỉ ra dòng nào của quyết định {decision.number}.",
            "Ghi `dong: <tên như in trong quyết định>` (hoặc `stt: <số thứ tự>`).",
        )
        return None
    matches = [r for r in rows if fold(r.name) == fold(name)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        options = closest(name, [r.name for r in rows], n=3)
        hint = "Ghi tên đúng như in trong quyết định được sửa (trước khi đính chính)."
        if options:
            hint = f"Có phải ý bạn là {', '.join(options)}? " + hint
        loader.error(
            UnknownIdError,
            file,
            entry.line_of("dong"),
            "dong",
            f'Quyết định {decision.number} không có dòng "{name}" ({what}).',
            hint,
        )
        return None
    loader.error(
        AmendmentError,
        file,
        entry.line_of("dong"),
        "dong",
        f'Quyết định {decision.number} có {len(matches)} dòng "{name}" ({what}).',
        "Thêm `stt:` (số thứ tự: " + ", ".join(str(r.index) for r in matches) + ").",
    )
    return None


def apply(loader, amendment: Amendment, item: schema.Parsed, file: str) -> bool:
    decision = loader.data.decisions[amendment.target_id]
    what = f"quyết định {amendment.number}"
    problems_before = len(loader.problems)
    if decision.status == DA_HUY:
        loader.error(
            AmendmentError,
            file,
            item.line_of("quyet_dinh"),
            "quyet_dinh",
            f"Quyết định {decision.number} đã bị hủy toàn bộ; {what} không sửa được nữa.",
            "Kiểm tra mã quyết định được sửa.",
        )
        return False
    planned: list[tuple[Recipient, Change]] = []
    touched: set[int] = set()

    def plan(entry, action: str) -> None:
        row = _find_row(loader, decision, entry, file, what)
        if row is None:
            return
        if row.status == DA_HUY or row.index in touched:
            loader.error(
                AmendmentError,
                file,
                entry.line,
                entry.record.fields[0].key,
                f'Dòng "{row.name}" của quyết định {decision.number} đã bị hủy hoặc đã được '
                f"sửa ở một mục khác ({what}).",
                "Mỗi dòng chỉ được đính chính hoặc hủy một lần trong một quyết định; dòng đã "
                "hủy không sửa được.",
            )
            return
        change = Change(row.index, row.name, action, entry["ly_do"])
        if action == DA_DINH_CHINH:
            for key, attribute in (("ten", "name"), ("chuc_vu", "position"), ("don_vi", "unit_id")):
                value = entry[key]
                if value is not None and value != getattr(row, attribute):
                    change.before[attribute] = getattr(row, attribute)
                    change.after[attribute] = value
            if not change.after:
                loader.error(
                    MissingFieldError,
                    file,
                    entry.line,
                    "ten",
                    f'Mục đính chính dòng "{row.name}" ({what}) không đổi gì.',
                    "Ghi giá trị đúng: `ten: ...`, `chuc_vu: ...` hoặc `don_vi: ...`.",
                )
                return
            unit_id = change.after.get("unit_id")
            if unit_id is not None and not _unit_ok(loader, decision, entry, unit_id, file, what):
                return
        touched.add(row.index)
        planned.append((row, change))

    for entry in item.get("dinh_chinh", []):
        plan(entry, DA_DINH_CHINH)
    for entry in item.get("huy", []):
        plan(entry, DA_HUY)
    if len(loader.problems) != problems_before:
        return False
    for row, change in planned:
        for attribute, value in change.after.items():
            setattr(row, attribute, value)
        row.status = DA_HUY if change.action == DA_HUY else DA_DINH_CHINH
        row.amended_by = (*row.amended_by, amendment.number)
        amendment.changes.append(change)
    if amendment.cancels_all:
        for row in decision.recipients:
            if row.status != DA_HUY:
                amendment.changes.append(Change(row.index, row.name, DA_HUY, amendment.cancels_all))
                row.status = DA_HUY
                row.amended_by = (*row.amended_by, amendment.number)
    decision.amendments.append(amendment)
    return True


def _unit_ok(loader, decision, entry, unit_id: str, file: str, what: str) -> bool:
    if not loader.refs.check("don_vi", unit_id, file, entry.line_of("don_vi"), "don_vi", what):
        return False
    unit = loader.data.units.get(unit_id)
    if unit is not None and not unit.exists_on(decision.date):
        loader.error(
            UnitLifespanError,
            file,
            entry.line_of("don_vi"),
            "don_vi",
            f'Đơn vị "{unit_id}" ({unit.name}) không có vào ngày ký quyết định được sửa '
            f"({format_date(decision.date)}).",
            "Đính chính ghi đơn vị như lúc ban hành quyết định được sửa.",
        )
        return False
    return True
