"""Loading content/honours/ into the model (pure: no Pelican).

    content/honours/danh-hieu.yaml     the honours vocabulary (titles and forms)
    content/honours/don-vi.yaml        kinds of unit, then the units
    content/honours/khoi-thi-dua.yaml  blocs and their years
    content/honours/quyet-dinh/**.yaml decisions; annexes (.csv, .xlsx) beside them

Each record is checked against its declaration (declared_*.py, by schema.py), built into
model objects, then the rules across records run (integrity.py). `load_honours()` raises ONE
SiteErrors holding every problem, or returns the HonoursData. Staff guide:
docs/du-lieu-khen-thuong.md.
"""

from __future__ import annotations

from pathlib import Path

from plugins.vietnamese import gc_pause
from plugins.vietnamese.errors import SiteError, SiteErrors

from . import decisions, declared_blocs, declared_units, declared_vocabulary, integrity, schema
from .convert import DOC, parse_date  # noqa: F401  (parse_date: kept importable from here)
from .decisions import decision_id  # noqa: F401  (kept importable from here)
from .errors import InvalidValueError, MissingFieldError
from .model import HonoursData
from .model_blocs import Bloc, BlocYear, Ranking
from .model_source import Source
from .model_units import FormerName, Unit, UnitKind
from .model_vocabulary import Honour
from .paths import inside_files
from .settings import HonoursSettings
from .yamlio import read_data_file

VOCABULARY_FILE = "danh-hieu.yaml"
UNITS_FILE = "don-vi.yaml"
BLOCS_FILE = "khoi-thi-dua.yaml"
DECISIONS_DIR = "quyet-dinh"


def load_honours(content_dir: Path, settings=None) -> HonoursData:
    """Load and validate the honours data under content_dir; raise SiteErrors on any error.

    A site without a content/honours/ folder gets empty data (and no honours pages).
    """
    options = settings if isinstance(settings, HonoursSettings) else None
    options = options or HonoursSettings.from_pelican(settings)
    content_dir = Path(content_dir).absolute()
    root = content_dir / options.data_dir
    if not root.is_dir():
        return HonoursData()
    loader = _Loader(root, content_dir)
    with gc_pause.paused():  # some 200 000 long-lived objects at 100 000 rows
        data = loader.load()
    if any(p.is_error for p in loader.problems):
        raise SiteErrors(loader.problems)
    data.warnings = [p for p in loader.problems if not p.is_error]
    return data


class _Loader:
    def __init__(self, root: Path, content: Path):
        self.root = root
        self.content = content
        self.problems: list[SiteError] = []
        self.data = HonoursData()
        self.refs = integrity.Refs(self.data, self.problems)

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.content.parent).as_posix()
        except ValueError:
            return path.as_posix()

    def error(self, kind, file: str, line, field, message: str, hint: str | None = None):
        self.problems.append(kind(file=file, line=line, field=field, message=message, hint=hint))

    # -- reading files -----------------------------------------------------------------------

    def read_yaml(self, path: Path, required: bool) -> tuple[object, bool]:
        """(parsed content or None, whether the file was read without a problem)."""
        content, ok, problems = read_data_file(path, self.display(path), self.content, required)
        self.problems.extend(problems)
        return content, ok

    def records_in_file(self, path: Path, record: schema.Record, what: str) -> tuple[str, list]:
        """(file as shown, its valid records): a file holding one record (a mapping) or a list
        of them, such as a decision file or an amendment file."""
        file = self.display(path)
        content, ok = self.read_yaml(path, required=True)
        if not ok or content is None:
            return file, []
        if isinstance(content, dict):
            checked = schema.validate(content, record, file)
            self.problems.extend(checked.problems)
            return file, [checked.parsed] if checked.parsed else []
        return file, self.records(content, record, file, what)

    def records(self, content, record: schema.Record, file: str, what: str) -> list:
        """The valid records of a file that is a list of records (each checked on its own)."""
        if content is None:
            return []
        if not isinstance(content, list):
            self.error(
                InvalidValueError,
                file,
                getattr(content, "line", 1),
                None,
                f"{what} phải là một danh sách (mỗi mục bắt đầu bằng dấu gạch ngang).",
                f"Xem ví dụ trong {DOC}.",
            )
            return []
        result = []
        for index, raw in enumerate(content):
            checked = schema.validate(raw, record, file, content.line_of(index))
            self.problems.extend(checked.problems)
            if checked.parsed is not None:
                result.append(checked.parsed)
            elif isinstance(raw, dict) and isinstance(raw.get("id"), str):
                self.refs.broken.setdefault(record.name, set()).add(raw["id"].strip())
        return result

    # -- the files ---------------------------------------------------------------------------

    def load(self) -> HonoursData:
        self.load_vocabulary(self.root / VOCABULARY_FILE)
        self.load_units(self.root / UNITS_FILE)
        self.load_blocs(self.root / BLOCS_FILE)
        # Holidays files, campaigns, consultations: declared and read by plugins/notices/.
        from plugins.notices import loading as notices

        self.data.notices = notices.before_decisions(self)
        folder = self.root / DECISIONS_DIR
        if folder.is_dir():
            found, refused = inside_files(folder, self.content, ("*.yaml", "*.yml"))
            for path in refused:
                self.read_yaml(path, required=True)  # reports the symlink
            for path in found:
                decisions.load_decision_file(self, path)
        notices.after_decisions(self, self.data.notices)
        return self.data

    def load_vocabulary(self, path: Path) -> None:
        file = self.display(path)
        content, ok = self.read_yaml(path, required=True)
        self.refs.ok["danh_hieu"] = ok
        what = "Danh mục danh hiệu, hình thức"
        for item in self.records(content, declared_vocabulary.HONOUR, file, what):
            hid = item["id"]
            if hid in self.data.honours:
                first = self.data.honours[hid].source
                integrity.duplicate(
                    self.problems,
                    file,
                    item.line_of("id"),
                    "id",
                    f'Mã danh hiệu "{hid}" bị trùng (đã có ở dòng {first.line}).',
                    "Mỗi danh hiệu, hình thức có một mã riêng.",
                )
                continue
            self.data.honours[hid] = Honour(
                id=hid,
                name=item["ten"],
                kind=item["loai"],
                precedence=item["thu_tu"],
                recipients=item["doi_tuong"],
                group=item.get("nhom", ""),
                klass=item.get("hang", ""),
                level=item.get("cap", ""),
                source=Source(file, item.line),
            )

    def load_units(self, path: Path) -> None:
        file = self.display(path)
        content, ok = self.read_yaml(path, required=True)
        checked = schema.validate(content, declared_units.UNITS_FILE, file) if ok else None
        if checked is not None:
            self.problems.extend(checked.problems)
        parsed = checked.parsed if checked else None
        if parsed is None:
            self.refs.ok["don_vi"] = self.refs.ok["loai_don_vi"] = False
            return
        for order, item in enumerate(parsed["loai_don_vi"]):
            if item["id"] in self.data.kinds:
                integrity.duplicate(
                    self.problems,
                    file,
                    item.line_of("id"),
                    "id",
                    f'Mã loại đơn vị "{item["id"]}" bị trùng.',
                    "Mỗi loại đơn vị có một mã riêng.",
                )
                continue
            self.data.kinds[item["id"]] = UnitKind(id=item["id"], name=item["ten"], order=order)
        self.refs.broken["don_vi"] = {
            r["id"].strip()
            for r in content.get("don_vi") or []
            if isinstance(r, dict) and isinstance(r.get("id"), str)
        }
        pending = []
        for item in parsed["don_vi"]:
            uid = item["id"]
            self.refs.broken["don_vi"].discard(uid)
            if uid in self.data.units:
                integrity.duplicate(
                    self.problems,
                    file,
                    item.line_of("id"),
                    "id",
                    f'Mã đơn vị "{uid}" bị trùng (đã có ở dòng '
                    f"{self.data.units[uid].source.line}).",
                    "Mỗi đơn vị có một mã riêng; đơn vị mới sau sáp nhập cần mã mới.",
                )
                continue
            self.refs.check(
                "loai_don_vi", item["loai"], file, item.line_of("loai"), "loai", item.what
            )
            valid_from, valid_to = item["tu_ngay"], item["den_ngay"]
            if valid_from and valid_to and valid_to <= valid_from:
                self.error(
                    InvalidValueError,
                    file,
                    item.line_of("den_ngay"),
                    "den_ngay",
                    f"Ngày kết thúc ({valid_to.isoformat()}) của {item.what} không sau ngày bắt "
                    f"đầu ({valid_from.isoformat()}).",
                    "den_ngay là ngày đầu tiên đơn vị không còn; phải sau tu_ngay.",
                )
            if item["ke_thua"] and not valid_to:
                self.error(
                    MissingFieldError,
                    file,
                    item.line_of("ke_thua"),
                    "den_ngay",
                    f"{item.what.capitalize()} có đơn vị kế thừa nhưng thiếu ngày kết thúc "
                    "(den_ngay).",
                    "Thêm `den_ngay: 2025-07-01` (ngày đầu tiên đơn vị không còn).",
                )
            former = [FormerName(f["ten"], f["den_ngay"]) for f in item.get("ten_cu", [])]
            kind = item["loai"]
            unit = Unit(
                id=uid,
                name=item["ten"],
                short_name=item.get("ten_ngan") or item["ten"],
                kind=kind,
                kind_name=self.data.kinds[kind].name if kind in self.data.kinds else "",
                parent=item["cap_tren"],
                aliases=item.get("ten_khac", ()),
                valid_from=valid_from,
                valid_to=valid_to,
                former_names=tuple(sorted(former, key=lambda f: f.until)),
                description=item.get("mo_ta", ""),
                source=Source(file, item.line),
            )
            self.data.units[uid] = unit
            pending.append((unit, item))
        self.link_units(pending, file)
        self.problems.extend(integrity.alias_warnings(self.data, file))

    def link_units(self, pending: list, file: str) -> None:
        """Parents, successors and predecessors, once every unit is known."""
        predecessors: dict[str, list[str]] = {}
        for unit, item in pending:
            what = item.what
            if unit.parent == unit.id:
                self.error(
                    InvalidValueError,
                    file,
                    item.line_of("cap_tren"),
                    "cap_tren",
                    f"{what.capitalize()} không thể là cấp trên của chính nó.",
                    "Ghi mã đơn vị cấp trên, hoặc bỏ trường cap_tren.",
                )
                unit.parent = None
            elif unit.parent and not self.refs.check(
                "don_vi", unit.parent, file, item.line_of("cap_tren"), "cap_tren", what
            ):
                unit.parent = None
            good = []
            for successor, line in item.get("ke_thua", []):
                if successor == unit.id:
                    self.error(
                        InvalidValueError,
                        file,
                        line,
                        "ke_thua",
                        f"{what.capitalize()} không thể kế thừa chính nó.",
                        "Ghi mã các đơn vị mới nhận lại nhiệm vụ của đơn vị này.",
                    )
                elif (
                    self.refs.check("don_vi", successor, file, line, "ke_thua", what)
                    and successor in self.data.units
                    and successor not in good
                ):
                    good.append(successor)
                    predecessors.setdefault(successor, []).append(unit.id)
            unit.successors = tuple(good)
        for uid, before in predecessors.items():
            self.data.units[uid].predecessors = tuple(sorted(before))

    def load_blocs(self, path: Path) -> None:
        file = self.display(path)
        content, ok = self.read_yaml(path, required=False)
        self.refs.ok["khoi"] = ok
        for item in self.records(content, declared_blocs.BLOC, file, "Danh sách khối thi đua"):
            bloc = Bloc(
                id=item["id"],
                name=item["ten"],
                description=item.get("mo_ta", ""),
                source=Source(file, item.line),
            )
            for year_item in item.get("cac_nam", []):
                year = self.bloc_year(year_item, file, item.what)
                if year.year in bloc.years:
                    integrity.duplicate(
                        self.problems,
                        file,
                        year_item.line_of("nam"),
                        "nam",
                        f"Năm {year.year} của {item.what} được ghi hai lần.",
                        "Gộp hai mục của cùng một năm làm một.",
                    )
                    continue
                bloc.years[year.year] = year
            if bloc.id in self.data.blocs:
                integrity.duplicate(
                    self.problems,
                    file,
                    item.line_of("id"),
                    "id",
                    f'Mã khối "{bloc.id}" bị trùng.',
                    "Mỗi khối thi đua có một mã riêng.",
                )
                continue
            self.data.blocs[bloc.id] = bloc

    def bloc_year(self, item: schema.Parsed, file: str, bloc_what: str) -> BlocYear:
        what = f"{bloc_what}, năm {item['nam']}"
        members: list[str] = []
        lines: dict = {key: item.line_of(key) for key in item.values}
        for unit_id, line in item["thanh_vien"]:
            if unit_id in members:
                integrity.duplicate(
                    self.problems,
                    file,
                    line,
                    "thanh_vien",
                    f'Đơn vị "{unit_id}" được ghi hai lần trong thành viên {what}.',
                    "Xóa một lần ghi.",
                )
            elif self.refs.check("don_vi", unit_id, file, line, "thanh_vien", what):
                members.append(unit_id)
                lines["thanh_vien", unit_id] = line

        def unit(key: str) -> str | None:
            value = item[key]
            if value and self.refs.check("don_vi", value, file, item.line_of(key), key, what):
                return value
            return None

        ranking: list[Ranking] = []
        for entry in item.get("xep_hang", []):
            unit_id = entry["don_vi"]
            if not self.refs.check("don_vi", unit_id, file, entry.line, "xep_hang", what):
                continue
            if any(r.unit == unit_id for r in ranking):
                integrity.duplicate(
                    self.problems,
                    file,
                    entry.line,
                    "xep_hang",
                    f'Đơn vị "{unit_id}" được xếp hạng hai lần ({what}).',
                    "Mỗi đơn vị chỉ có một thứ hạng.",
                )
                continue
            ranking.append(Ranking(unit_id, entry.get("diem", ""), Source(file, entry.line)))
        year = BlocYear(
            year=item["nam"],
            members=tuple(members),
            leader=unit("truong_khoi"),
            deputy=unit("pho_khoi"),
            pledge_date=item["ngay_ky_giao_uoc"],
            pledge_article=item["bai_viet_giao_uoc"],
            ranking=tuple(ranking),
            flag_unit=unit("de_nghi_co_thi_dua"),
            government_flag_unit=unit("de_nghi_co_chinh_phu"),
            note=item.get("ghi_chu", ""),
            source=Source(file, item.line),
        )
        self.problems.extend(integrity.check_bloc_year(year, lines, self.refs, file, what))
        return year
