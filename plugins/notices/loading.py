"""Reading the notices' data files with the honours loader (plugins/honours/loader.py).

Called by `_Loader.load()`: `before_decisions` (holidays files, campaigns: decisions may name
a campaign) and `after_decisions` (consultations: a nominee may name the decision that
awarded them). Every file goes through the loader's file checks (`read_yaml`: missing,
symlink out of content/, encoding, invisible characters, YAML syntax) and through its
declaration (declarations.py, by schema.validate); every problem is collected, none raised.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from plugins.honours import integrity, schema
from plugins.honours.convert import ID_RE
from plugins.honours.errors import (
    InvalidValueError,
    MissingFieldError,
    UnitLifespanError,
    UnknownIdError,
)
from plugins.honours.integrity import lifespan_hint
from plugins.honours.model_source import Source
from plugins.honours.paths import inside_files
from plugins.vietnamese.dates import format_date
from plugins.vietnamese.suggest import closest

from . import amendments, declarations
from .calendar import MissingYear, WorkingCalendar, YearDays
from .errors import ConsultationError, HolidaysError
from .model import Campaign, Consultation, Nominee, NoticesData

MAX_WINDOW = 60  # working days; longer is surely a typing mistake


def _files(loader, name: str) -> list[Path]:
    folder = loader.root / name
    if not folder.is_dir():
        return []
    found, refused = inside_files(folder, loader.content, ("*.yaml", "*.yml"))
    for path in refused:
        loader.read_yaml(path, required=True)  # reports the symlink
    return found


def before_decisions(loader) -> NoticesData:
    notices = NoticesData()
    notices.calendar = WorkingCalendar(load_holidays(loader))
    loader.data.notices = notices  # campaigns are referenced while they are read
    load_campaigns(loader, notices)
    return notices


def load_campaigns(loader, notices: NoticesData) -> None:
    path = loader.root / declarations.CAMPAIGNS_FILE
    file = loader.display(path)
    content, ok = loader.read_yaml(path, required=False)
    loader.refs.ok["phong_trao"] = ok
    pending = []
    for item in loader.records(content, declarations.CAMPAIGN, file, "Danh sách phong trào"):
        cid = item["id"]
        if cid in notices.campaigns:
            integrity.duplicate(
                loader.problems,
                file,
                item.line_of("id"),
                "id",
                f'Mã phong trào "{cid}" bị trùng.',
                "Mỗi phong trào có một mã riêng.",
            )
            continue
        start, end = item["tu_ngay"], item["den_ngay"]
        if end is not None and end < start:
            loader.error(
                InvalidValueError,
                file,
                item.line_of("den_ngay"),
                "den_ngay",
                f"Ngày kết thúc ({format_date(end)}) của {item.what} trước ngày bắt đầu "
                f"({format_date(start)}).",
                "Sửa tu_ngay hoặc den_ngay.",
            )
            continue
        notices.campaigns[cid] = Campaign(
            id=cid,
            name=item["ten"],
            start=start,
            end=end,
            launch_document=item.get("van_ban_phat_dong", ""),
            article=item["bai_viet"],
            description=item.get("mo_ta", ""),
            source=Source(file, item.line),
        )
        pending.append(item)
    for item in pending:  # scope, once every campaign is known
        campaign = notices.campaigns[item["id"]]
        units = [
            uid
            for uid, line in item.get("pham_vi", [])
            if loader.refs.check("don_vi", uid, file, line, "pham_vi", item.what)
        ]
        blocs = [
            bid
            for bid, line in item.get("khoi", [])
            if loader.refs.check("khoi", bid, file, line, "khoi", item.what)
        ]
        campaign.units, campaign.blocs = tuple(units), tuple(blocs)


def after_decisions(loader, notices: NoticesData) -> None:
    # Corrections and cancellations first: a consultation links to the decision as amended.
    notices.amendments = amendments.load_all(loader, _files(loader, declarations.AMENDMENTS_DIR))
    for path in _files(loader, declarations.CONSULTATIONS_DIR):
        consultation = load_consultation(loader, notices, path)
        if consultation is not None:
            notices.consultations[consultation.id] = consultation


# -- holidays ---------------------------------------------------------------------------------


def _days(loader, entry: schema.Parsed, file: str, year: int) -> list[date]:
    """The days of one entry: `ngay`, or `tu_ngay`..`den_ngay` (both included)."""
    one, start, end = entry["ngay"], entry["tu_ngay"], entry["den_ngay"]
    if (one and (start or end)) or (not one and not (start and end)):
        loader.error(
            MissingFieldError,
            file,
            entry.line,
            "ngay",
            f"{entry.what.capitalize()} cần `ngay` (một ngày) hoặc cả `tu_ngay` và `den_ngay` "
            "(một khoảng), không dùng cả hai cách.",
            "Ví dụ `- {ten: Quốc khánh, ngay: 2026-09-02}` hoặc "
            "`- {ten: Tết Nguyên đán, tu_ngay: 2026-02-16, den_ngay: 2026-02-20}`.",
        )
        return []
    start, end = (one, one) if one else (start, end)
    if end < start:
        loader.error(
            InvalidValueError,
            file,
            entry.line_of("den_ngay"),
            "den_ngay",
            f"Ngày cuối ({format_date(end)}) của {entry.what} trước ngày đầu "
            f"({format_date(start)}).",
            "Sửa lại tu_ngay hoặc den_ngay.",
        )
        return []
    if start.year != year or end.year != year:
        key = "ngay" if one else ("tu_ngay" if start.year != year else "den_ngay")
        loader.error(
            HolidaysError,
            file,
            entry.line_of(key),
            key,
            f"{entry.what.capitalize()} không thuộc năm {year} của tệp này.",
            f"Ghi ngày này vào tệp ngay-nghi/{start.year}.yaml (mỗi năm một tệp); một kỳ "
            "nghỉ qua hai năm được chia làm hai mục.",
        )
        return []
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def load_holidays(loader) -> dict[int, YearDays]:
    years: dict[int, YearDays] = {}
    for path in _files(loader, declarations.HOLIDAYS_DIR):
        file = loader.display(path)
        content, ok = loader.read_yaml(path, required=True)
        if not ok:
            continue
        checked = schema.validate(content, declarations.HOLIDAYS, file)
        loader.problems.extend(checked.problems)
        item = checked.parsed
        if item is None:
            continue
        year = item["nam"]
        if path.stem != str(year):
            loader.error(
                HolidaysError,
                file,
                item.line_of("nam"),
                "nam",
                f"Tệp {path.name} ghi năm {year}: tên tệp phải là năm của nó.",
                f"Đổi tên tệp thành {year}.yaml, hoặc sửa `nam:`.",
            )
            continue
        names: dict[date, str] = {}
        off: set[date] = set()
        for entry in item.get("ngay_nghi", []):
            for day in _days(loader, entry, file, year):
                off.add(day)
                names.setdefault(day, entry["ten"])
        working: set[date] = set()
        for entry in item.get("ngay_lam_bu", []):
            for day in _days(loader, entry, file, year):
                if day.weekday() < 5:
                    loader.error(
                        HolidaysError,
                        file,
                        entry.line,
                        "ngay_lam_bu",
                        f"Ngày làm bù {format_date(day)} ({entry['ten']}) không phải thứ Bảy "
                        "hay Chủ nhật: ngày thường vốn đã là ngày làm việc.",
                        "Ghi đúng ngày thứ Bảy (hoặc Chủ nhật) được đổi thành ngày làm việc, "
                        "theo thông báo nghỉ lễ năm đó.",
                    )
                elif day in off:
                    loader.error(
                        HolidaysError,
                        file,
                        entry.line,
                        "ngay_lam_bu",
                        f"Ngày {format_date(day)} vừa là ngày nghỉ vừa là ngày làm bù.",
                        "Xóa ngày này ở một trong hai danh sách.",
                    )
                else:
                    working.add(day)
                    names[day] = entry["ten"]
        years[year] = YearDays(year, frozenset(off), frozenset(working), names)
    return years


# -- consultations ----------------------------------------------------------------------------


def load_consultation(loader, notices: NoticesData, path: Path) -> Consultation | None:
    file = loader.display(path)
    content, ok = loader.read_yaml(path, required=True)
    if not ok:
        return None
    ident = path.stem
    if not ID_RE.match(ident):
        loader.error(
            InvalidValueError,
            file,
            None,
            None,
            f'Tên tệp "{path.name}" không dùng làm địa chỉ trang được: chỉ dùng chữ thường '
            "không dấu, số và dấu gạch ngang.",
            "Đổi tên tệp, ví dụ lay-y-kien/ahld-2026-nguyen-van-a.yaml.",
        )
        return None
    checked = schema.validate(content, declarations.CONSULTATION, file)
    loader.problems.extend(checked.problems)
    item = checked.parsed
    if item is None:
        return None
    what = item.what
    refs = loader.refs
    honour_ok = refs.check(
        "danh_hieu", item["hinh_thuc"], file, item.line_of("hinh_thuc"), "hinh_thuc", what
    )
    length = item["so_ngay_lam_viec"]
    if not 1 <= length <= MAX_WINDOW:
        loader.error(
            ConsultationError,
            file,
            item.line_of("so_ngay_lam_viec"),
            "so_ngay_lam_viec",
            f"Thời hạn lấy ý kiến {length} ngày làm việc ({what}) không hợp lệ.",
            f"Ghi số ngày làm việc từ 1 đến {MAX_WINDOW}; Anh hùng, Chiến sĩ thi đua toàn quốc "
            "thường là 10 ngày làm việc.",
        )
        return None
    try:
        opens, last = notices.calendar.window(item["tu_ngay"], length)
    except MissingYear as missing:
        folder = f"content/honours/{declarations.HOLIDAYS_DIR}"
        loader.error(
            ConsultationError,
            file,
            item.line_of("tu_ngay"),
            "tu_ngay",
            f"Không tính được ngày cuối của {what}: thời hạn {length} ngày làm việc từ "
            f"{format_date(item['tu_ngay'])} cần lịch nghỉ năm {missing.year}, nhưng chưa có "
            f"tệp {folder}/{missing.year}.yaml.",
            f"Tạo tệp {folder}/{missing.year}.yaml với các ngày nghỉ lễ, Tết năm "
            f"{missing.year} (xem tệp của năm trước và docs/du-lieu-khen-thuong.md).",
        )
        return None
    nominees = []
    for entry in item.get("ung_vien", []):
        unit_ok = refs.check(
            "don_vi", entry["don_vi"], file, entry.line_of("don_vi"), "don_vi", entry.what
        )
        decision_id = entry["quyet_dinh"]
        if decision_id and decision_id not in loader.data.decisions:
            options = closest(decision_id, sorted(loader.data.decisions), n=3)
            hint = "Ghi mã trang quyết định (phần cuối địa chỉ /quyet-dinh/<mã>/)."
            if options:
                hint = f"Có phải ý bạn là {', '.join(options)}? " + hint
            loader.error(
                UnknownIdError,
                file,
                entry.line_of("quyet_dinh"),
                "quyet_dinh",
                f'Không có quyết định mã "{decision_id}" ({entry.what}).',
                hint,
            )
            decision_id = None
        if not unit_ok:
            continue
        unit = loader.data.units.get(entry["don_vi"])
        if unit is not None and not unit.exists_on(opens):
            loader.error(
                UnitLifespanError,
                file,
                entry.line_of("don_vi"),
                "don_vi",
                f'Đơn vị "{unit.id}" ({unit.name}) không còn (hoặc chưa có) vào ngày '
                f"{format_date(opens)}, ngày bắt đầu lấy ý kiến ({entry.what}).",
                lifespan_hint(unit),
            )
            continue
        nominees.append(
            Nominee(
                name=entry["ten"],
                kind=entry.get("doi_tuong", "ca_nhan"),
                position=entry.get("chuc_vu", ""),
                unit_id=entry["don_vi"],
                summary=entry["thanh_tich"],
                period=entry.get("giai_doan", ""),
                decision_id=decision_id,
                outcome=entry.get("ket_qua", ""),
                source=Source(file, entry.line),
            )
        )
    if not honour_ok:
        return None
    return Consultation(
        id=ident,
        title=item["tieu_de"],
        proposer=item["co_quan"],
        honour_id=item["hinh_thuc"],
        legal_basis=item["can_cu"],
        first_day=item["tu_ngay"],
        length=length,
        opens=opens,
        last_day=last,
        address=item["noi_nhan"],
        email=item.get("email", ""),
        phone=item.get("dien_thoai", ""),
        nominees=nominees,
        outcome=item.get("ket_qua", ""),
        source=Source(file, item.line),
    )
