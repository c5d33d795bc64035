"""Cross-record integrity, once every file is read: references, lifespans, bloc roles, duplicates.

schema.py checks each record on its own; here are the rules that need several records:
- a reference (`ref=` in declared_*.py) must name a known record; the message suggests the
  closest id, or the id of the unit whose name was written instead of its id;
- a target whose file could not be read is not checked (one broken file must not bring a
  hundred "unknown id" errors), nor an id whose own record was refused;
- a unit honoured on a day it did not exist; a bloc member that did not exist that year;
- a bloc's leader, deputy, ranked or nominated unit that is not a member that year;
- the same id twice; a recipient kind the honour is not given to.
Pure: no Pelican.
"""

from __future__ import annotations

from collections.abc import Iterable

from plugins.vietnamese.errors import SiteError
from plugins.vietnamese.suggest import closest
from plugins.vietnamese.text import fold

from .declarations import TARGETS
from .errors import BlocError, DuplicateError, RecipientKindError, UnitLifespanError, UnknownIdError
from .model import HonoursData
from .model_blocs import BlocYear
from .model_units import Unit
from .model_vocabulary import RECIPIENT_LABELS, Honour

_UNKNOWN = {
    "don_vi": 'Không có đơn vị mã "{value}" ({what}) (unknown unit id).',
    "danh_hieu": 'Không có danh hiệu/hình thức khen thưởng mã "{value}" ({what}) '
    "(unknown honour id).",
    "khoi": 'Không có khối thi đua mã "{value}" ({what}).',
    "loai_don_vi": 'Không có loại đơn vị "{value}" ({what}).',
    "phong_trao": 'Không có phong trào thi đua mã "{value}" ({what}).',
}


def suggest_hint(word: str, known: Iterable[str], what: str, listed_in: str) -> str:
    options = closest(str(word), list(known), n=3)
    if options:
        names = ", ".join(f'"{o}"' for o in options)
        return f"Có phải ý bạn là {names}? Các mã {what} có trong {listed_in}."
    return f"Dùng một mã {what} có trong {listed_in}."


class Refs:
    """The ids each kind of record defines, to check references against."""

    def __init__(self, data: HonoursData, problems: list[SiteError]):
        self.data = data
        self.problems = problems
        self.ok = dict.fromkeys(TARGETS, True)  # False: its file could not be read
        self.broken: dict[str, set[str]] = {name: set() for name in TARGETS}
        self._names: dict[str, dict[str, str]] = {}

    def known(self, target: str):
        data = self.data
        return {
            "don_vi": data.units,
            "danh_hieu": data.honours,
            "khoi": data.blocs,
            "loai_don_vi": data.kinds,
            "phong_trao": data.notices.campaigns if data.notices is not None else {},
        }[target]

    def names(self, target: str) -> dict[str, str]:
        """folded name -> id, to tell an editor who wrote a name instead of an id."""
        if target not in self._names:
            index: dict[str, str] = {}
            if target == "don_vi":
                for unit in self.data.units.values():
                    for name in unit.all_names:
                        index.setdefault(fold(name), unit.id)
            elif target == "danh_hieu":
                for honour in self.data.honours.values():
                    index.setdefault(fold(honour.name), honour.id)
            self._names[target] = index
        return self._names[target]

    def check(self, target: str, value: str, file: str, line, field, what: str) -> bool:
        """Whether `value` may be used as an id of `target`; reports it if not."""
        if value in self.known(target) or not self.ok[target] or value in self.broken[target]:
            return True
        label, listed_in = TARGETS[target]
        by_name = self.names(target).get(fold(value))
        if by_name and target == "don_vi":
            hint = f'"{value}" là tên của đơn vị có mã "{by_name}": ghi mã "{by_name}".'
        elif by_name:
            hint = f'"{value}" là tên; ghi mã "{by_name}".'
        else:
            hint = suggest_hint(value, self.known(target), label, listed_in)
        message = _UNKNOWN[target].format(value=value, what=what)
        self.problems.append(
            UnknownIdError(file=file, line=line, field=field, message=message, hint=hint)
        )
        return False


def duplicate(problems, file: str, line, field: str, message: str, hint: str) -> None:
    problems.append(DuplicateError(file=file, line=line, field=field, message=message, hint=hint))


def lifespan_hint(unit: Unit) -> str:
    if unit.successors:
        return (
            "Ghi mã đơn vị kế thừa: "
            + ", ".join(unit.successors)
            + "; hoặc sửa ngày của quyết định nếu ghi nhầm."
        )
    return (
        "Kiểm tra mã đơn vị và ngày quyết định, hoặc tu_ngay/den_ngay của đơn vị trong don-vi.yaml."
    )


def recipient_problems(
    honour: Honour | None, unit: Unit | None, kind: str, name: str, day, dated: bool, unit_id: str
) -> list[tuple[type[SiteError], str, str, str]]:
    """(error class, which field: "don_vi" | "hinh_thuc", message, hint) for one recipient row:
    the honour's recipient kinds and the unit's lifespan on the decision's date."""
    found = []
    if honour is not None and kind not in honour.recipients:
        allowed = ", ".join(RECIPIENT_LABELS[k].lower() for k in honour.recipients)
        found.append(
            (
                RecipientKindError,
                "hinh_thuc",
                f'"{honour.name}" chỉ tặng cho {allowed}, không tặng cho '
                f'{RECIPIENT_LABELS[kind].lower()} "{name}" (wrong recipient kind).',
                "Chuyển dòng này sang đúng phần (I. Tập thể / II. Cá nhân) hoặc ghi đúng danh "
                "hiệu, hình thức cho dòng này.",
            )
        )
    if unit is not None and dated and not unit.exists_on(day):
        when = day.isoformat()
        who = name or unit.name
        if unit.valid_to is not None and day >= unit.valid_to:
            message = (
                f'Đơn vị "{unit_id}" ({unit.name}) đã giải thể từ '
                f"{unit.valid_to.isoformat()}, nhưng quyết định ngày {when} khen "
                f'"{who}" thuộc đơn vị này (honour after dissolution).'
            )
        else:
            message = (
                f'Đơn vị "{unit_id}" ({unit.name}) chỉ có từ '
                f"{unit.valid_from.isoformat()}, nhưng quyết định ngày {when} khen "
                f'"{who}" thuộc đơn vị này (unit not yet formed).'
            )
        found.append((UnitLifespanError, "don_vi", message, lifespan_hint(unit)))
    return found


def check_bloc_year(year: BlocYear, lines: dict, refs: Refs, file: str, what: str) -> list:
    """The rules of one bloc year whose members are already checked as unit ids: members that
    did not exist that year, roles and rankings outside the members. `lines`: field -> line."""
    problems: list[SiteError] = []
    units = refs.data.units
    members = set(year.members)
    for unit_id in year.members:
        unit = units.get(unit_id)
        if unit is not None and not unit.exists_in_year(year.year):
            problems.append(
                UnitLifespanError(
                    file=file,
                    line=lines.get(("thanh_vien", unit_id)),
                    field="thanh_vien",
                    message=f'Đơn vị "{unit_id}" không còn (hoặc chưa có) trong năm {year.year} '
                    f"nhưng được ghi là thành viên {what}.",
                    hint=lifespan_hint(unit),
                )
            )
    if not refs.ok["don_vi"]:
        return problems
    roles = (
        ("truong_khoi", "Trưởng khối", year.leader),
        ("pho_khoi", "Phó khối", year.deputy),
        ("de_nghi_co_thi_dua", "Đơn vị đề nghị Cờ thi đua", year.flag_unit),
        (
            "de_nghi_co_chinh_phu",
            "Đơn vị đề nghị Cờ thi đua của Chính phủ",
            year.government_flag_unit,
        ),
    )
    for key, label, value in roles:
        if value and value not in members:
            problems.append(
                BlocError(
                    file=file,
                    line=lines.get(key),
                    field=key,
                    message=f'{label} "{value}" không phải thành viên {what} '
                    "(not a member that year).",
                    hint=f"Thêm {value} vào thanh_vien của năm {year.year}, hoặc sửa {key}.",
                )
            )
    if year.leader and year.leader == year.deputy:
        problems.append(
            BlocError(
                file=file,
                line=lines.get("pho_khoi"),
                field="pho_khoi",
                message=f'Trưởng khối và Phó khối {what} là cùng một đơn vị "{year.leader}".',
                hint="Phó khối là một đơn vị khác với Trưởng khối.",
            )
        )
    for ranking in year.ranking:
        if ranking.unit not in members:
            problems.append(
                BlocError(
                    file=file,
                    line=ranking.source.line,
                    field="xep_hang",
                    message=f'Đơn vị "{ranking.unit}" được xếp hạng nhưng không phải thành viên '
                    f"{what}.",
                    hint="Chỉ xếp hạng các đơn vị có trong thanh_vien của năm đó.",
                )
            )
    return problems


def alias_warnings(data: HonoursData, file: str) -> list[SiteError]:
    """Two units answering to the same name: the mentions finder cannot tell them apart."""
    owners: dict[str, list[str]] = {}
    for unit in data.units.values():
        for alias in unit.aliases:
            owners.setdefault(fold(alias), []).append(unit.id)
    found = []
    for alias, ids in sorted(owners.items()):
        if len(set(ids)) > 1:
            unit = data.units[ids[1]]
            found.append(
                SiteError(
                    file=file,
                    line=unit.source.line,
                    field="ten_khac",
                    message=f'Tên gọi khác "{alias}" dùng cho nhiều đơn vị: '
                    f"{', '.join(sorted(set(ids)))}.",
                    hint="Giữ tên gọi khác này ở một đơn vị để bài viết được gắn đúng đơn vị.",
                    severity="warning",
                )
            )
    return found
