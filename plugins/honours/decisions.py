"""Decisions (content/honours/quyet-dinh/**.yaml) and their rows: hand-written or annexes.

Functions of the loader (loader._Loader is passed in): a decision file holds one decision or
a list of them; each is checked against declared_decisions.DECISION, its annexes are read
(only inside content/: paths.py), every row's unit and honour are checked (integrity.py).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from plugins.vietnamese.text import slugify

from . import annex, declared_decisions, integrity, issuers, period, schema
from .errors import AnnexError, InvalidValueError, MissingFieldError
from .model_decisions import Decision, Recipient
from .model_source import Source
from .model_vocabulary import COLLECTIVE, RECIPIENT_KINDS, RECIPIENT_LABELS
from .paths import OUTSIDE_HINT, why_outside


def load_decision_file(loader, path: Path) -> None:
    file, items = loader.records_in_file(path, declared_decisions.DECISION, "Tệp quyết định")
    for item in items:
        load_decision(loader, item, path, file)


def load_decision(loader, item: schema.Parsed, path: Path, file: str) -> None:
    number, day = item["so"], item["ngay"]
    what = f'quyết định "{number}"'
    refs = loader.refs
    honour_id = item["hinh_thuc"]
    if not refs.check("danh_hieu", honour_id, file, item.line_of("hinh_thuc"), "hinh_thuc", what):
        honour_id = ""
    bloc = item["khoi"]
    if bloc and not refs.check("khoi", bloc, file, item.line_of("khoi"), "khoi", what):
        bloc = None
    issuing = item["don_vi_ban_hanh"]
    if issuing and not refs.check(
        "don_vi", issuing, file, item.line_of("don_vi_ban_hanh"), "don_vi_ban_hanh", what
    ):
        issuing = None
    for key, message, hint in issuers.issuer_problems(
        item["co_quan"], day, loader.data.units.get(issuing) if issuing else None
    ):
        loader.error(issuers.IssuerError, file, item.line_of(key), key, message, hint)
    campaign = item["phong_trao"]
    if campaign and not refs.check(
        "phong_trao", campaign, file, item.line_of("phong_trao"), "phong_trao", what
    ):
        campaign = None
    found = loader.data.notices.campaigns.get(campaign) if campaign else None
    if found is not None and day < found.start:
        loader.error(
            InvalidValueError,
            file,
            item.line_of("phong_trao"),
            "phong_trao",
            f'{what.capitalize()} ký ngày {day.isoformat()}, trước khi phong trào "{found.name}" '
            f"bắt đầu ({found.start.isoformat()}).",
            "Kiểm tra mã phong trào hoặc ngày ký.",
        )
        campaign = None
    explicit_id = item["ma"]
    ident = explicit_id or decision_id(number, day)
    decision = Decision(
        id=ident,
        number=number,
        date=day,
        issuer=item["co_quan"],
        honour_id=honour_id,
        achievement=item["thanh_tich"],
        title=item.get("trich_yeu", ""),
        money=item.get("tien_thuong", ""),
        article=item["bai_viet"],
        bloc=bloc,
        campaign=campaign,
        commendation_type=item.get("loai_hinh", ""),
        period=checked_period(loader, item.get("nam_thanh_tich", ""), day, file, item),
        source=Source(file, item.line),
    )
    # Hand-written rows first (I. Tập thể, II. Cá nhân, III. Hộ gia đình), then annexes.
    for kind in RECIPIENT_KINDS:
        for row in item.get(kind, []):
            name = row.get("ten", "")
            if not name and kind != COLLECTIVE:
                loader.error(
                    MissingFieldError,
                    file,
                    row.line,
                    "ten",
                    f"Một dòng {RECIPIENT_LABELS[kind].lower()} của {what} không có tên.",
                    "Thêm `ten: Ông/Bà ...` (cá nhân) hoặc `ten: Hộ ông/bà ...` (hộ gia đình).",
                )
                continue
            add_recipient(
                loader,
                decision,
                kind=kind,
                name=name,
                position=row.get("chuc_vu", ""),
                unit_id=row["don_vi"],
                honour_id=row.get("hinh_thuc", ""),
                money=row.get("so_tien", ""),
                period=checked_period(loader, row.get("nam_thanh_tich", ""), day, file, row),
                file=file,
                lines=(row.line_of("don_vi"), row.line_of("hinh_thuc") or row.line),
                fields=("don_vi", "hinh_thuc"),
            )
    decision.annex_files = tuple(read_annexes(loader, decision, item, path, file, what))
    written = "phu_luc" in item.raw or any(item.raw.get(kind) for kind in RECIPIENT_KINDS)
    if not decision.recipients and not written:
        loader.error(
            MissingFieldError,
            file,
            item.line,
            "phu_luc",
            f"{what.capitalize()} không có danh sách được khen (no recipients).",
            "Thêm phụ lục (`phu_luc: ten-tep.xlsx`) hoặc các dòng `tap_the:` / `ca_nhan:`.",
        )
    if ident in loader.data.decisions:
        first = loader.data.decisions[ident]
        same = first.number == number and first.date.year == day.year
        key = "ma" if explicit_id else "so"
        integrity.duplicate(
            loader.problems,
            file,
            item.line_of(key),
            key,
            (
                f'Số quyết định "{number}" năm {day.year} bị trùng với quyết định ở '
                f"{first.source.file}:{first.source.line} (duplicate decision number)."
            )
            if same
            else f'Mã quyết định "{ident}" bị trùng với {first.source.file}.',
            "Nếu là cùng một quyết định, xóa một tệp. Nếu là hai quyết định của hai cơ quan "
            "khác nhau có cùng số, thêm `ma: ...` (một mã riêng, ví dụ "
            f"{ident}-huyen) vào một quyết định.",
        )
        return
    if honour_id:
        loader.data.decisions[ident] = decision


def decision_id(number: str, day: date) -> str:
    """ "163/QĐ-UBND" of 2023 -> "163-qd-ubnd-2023"."""
    return slugify(f"{number} {day.year}")


def read_annexes(loader, decision: Decision, item, path: Path, file: str, what: str) -> list:
    names = []
    for spec in item.get("phu_luc", []):
        name, sheet, line = spec["tep"], spec["trang_tinh"], spec.line
        why = why_outside(name, path.parent, loader.content)
        if why:
            loader.error(
                AnnexError,
                file,
                spec.line_of("tep"),
                "phu_luc",
                f'Tệp phụ lục "{name}" ({what}) {why}: không đọc (annex outside content/).',
                OUTSIDE_HINT,
            )
            continue
        annex_path = path.parent / name
        if not annex_path.is_file():
            loader.error(
                MissingFieldError,
                file,
                line,
                "phu_luc",
                f'Không tìm thấy tệp phụ lục "{name}" ({what}) (annex file not found).',
                "Đặt tệp phụ lục (.xlsx hoặc .csv) cùng thư mục với tệp quyết định và ghi "
                "đúng tên tệp.",
            )
            continue
        if annex_path.suffix.lower() not in (".csv", ".xlsx"):
            loader.error(
                AnnexError,
                file,
                line,
                "phu_luc",
                f'Phụ lục "{name}" không phải tệp .xlsx hay .csv.',
                "Lưu danh sách ở dạng Excel (.xlsx) hoặc CSV UTF-8 (.csv).",
            )
            continue
        names.append(name)
        shown = loader.display(Path(path.parent / name))
        rows, problems = annex.read_annex(annex_path, shown, sheet)
        for problem in problems:
            if problem.field in ("trang_tinh", "phu_luc"):  # named in the decision file
                problem.message = f'Phụ lục "{name}": {problem.message}'
                key = "trang_tinh" if problem.field == "trang_tinh" else "tep"
                problem.file, problem.line = file, spec.line_of(key)
        loader.problems.extend(problems)
        for row in rows:
            add_recipient(
                loader,
                decision,
                kind=row.kind,
                name=row.name,
                position=row.position,
                unit_id=row.unit_id,
                honour_id=row.honour_id,
                money=row.money,
                period=annex_period(loader, row, decision, shown),
                file=shown,
                lines=(row.line, row.line),
                fields=(
                    row.labels.get("unit_id", "Mã đơn vị"),
                    row.labels.get("honour_id", "Hình thức"),
                ),
            )
    return names


def add_recipient(
    loader,
    decision: Decision,
    *,
    kind: str,
    name: str,
    position: str,
    unit_id: str,
    honour_id: str,
    money: str,
    file: str,
    lines: tuple,
    fields: tuple,
    period: str = "",
) -> None:
    what = f"quyết định {decision.number}"
    data, refs = loader.data, loader.refs
    unit = data.units.get(unit_id)
    # A known unit or honour needs no check (the common case, 100 000 times at scale).
    ok = unit is not None or refs.check("don_vi", unit_id, file, lines[0], fields[0], what)
    honour_id = honour_id or decision.honour_id
    honour = data.honours.get(honour_id)
    if honour is None and honour_id:
        ok = refs.check("danh_hieu", honour_id, file, lines[1], fields[1], what) and ok
    found = integrity.recipient_problems(
        honour, unit, kind, name, decision.date, bool(decision.number), unit_id
    )
    for cls, which, message, hint in found:
        at = 0 if which == "don_vi" else 1
        loader.error(cls, file, lines[at], fields[at], message, hint)
    if found or not ok:
        return
    if not name:
        name = unit.name_on(decision.date) if unit is not None else unit_id
    decision.recipients.append(
        Recipient(
            decision_id=decision.id,
            index=len(decision.recipients) + 1,
            kind=kind,
            name=name,
            position=position,
            unit_id=unit_id,
            honour_id=honour_id,
            money=money,
            source=Source(file, lines[0]),
            period=period or decision.period,
        )
    )


def checked_period(loader, text: str, day: date, file: str, item) -> str:
    """The achievement period as written ("2019-2023"), or "" (reported) if it is wrong."""
    if not text:
        return ""
    found = period.problem(text, day.year)
    if found:
        message, hint = found
        line = item.line_of("nam_thanh_tich")
        loader.error(InvalidValueError, file, line, "nam_thanh_tich", message, hint)
        return ""
    return period.label(period.parse_period(text))


def annex_period(loader, row, decision: Decision, file: str) -> str:
    if not row.period:
        return ""
    found = period.problem(row.period, decision.date.year)
    if found:
        message, hint = found
        field = row.labels.get("period", "Năm thành tích")
        loader.error(InvalidValueError, file, row.line, field, message, hint)
        return ""
    return period.label(period.parse_period(row.period))
