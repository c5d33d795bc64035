"""Loading and validating content/honours/ (pure: no Pelican).

    content/honours/danh-hieu.yaml     the honours vocabulary (titles and forms)
    content/honours/don-vi.yaml        kinds of unit, then the units
    content/honours/khoi-thi-dua.yaml  blocs and their years
    content/honours/quyet-dinh/**.yaml decisions; annexes (.csv, .xlsx) beside them

`load_honours()` reads everything, checks everything, and raises ONE SiteErrors holding every
problem (file, line, field, what is wrong, how to fix it), or returns the HonoursData.
The format is documented for staff in docs/du-lieu-khen-thuong.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import yaml

from plugins.vietnamese import gc_pause
from plugins.vietnamese.errors import SiteError, SiteErrors
from plugins.vietnamese.suggest import closest
from plugins.vietnamese.text import fold, slugify

from . import annex
from .errors import (
    AnnexError,
    BlocError,
    DataSyntaxError,
    DuplicateError,
    InvalidValueError,
    MissingFieldError,
    RecipientKindError,
    UnitLifespanError,
    UnknownIdError,
)
from .model import (
    COLLECTIVE,
    FORM,
    HONOUR_KIND_LABELS,
    RECIPIENT_KINDS,
    RECIPIENT_LABELS,
    TITLE,
    Bloc,
    BlocYear,
    Decision,
    FormerName,
    Honour,
    HonoursData,
    Ranking,
    Recipient,
    Source,
    Unit,
    UnitKind,
)
from .settings import HonoursSettings
from .yamlio import LineDict, LineList, load_yaml, syntax_error_line, syntax_error_text

VOCABULARY_FILE = "danh-hieu.yaml"
UNITS_FILE = "don-vi.yaml"
BLOCS_FILE = "khoi-thi-dua.yaml"
DECISIONS_DIR = "quyet-dinh"

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_VN_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
DATE_HINT = "Viết ngày theo dạng năm-tháng-ngày, ví dụ 2023-12-18 (hoặc 18/12/2023)."
DOC = "docs/du-lieu-khen-thuong.md"

HONOUR_FIELDS = {"id", "ten", "loai", "doi_tuong", "thu_tu", "nhom", "hang", "cap", "ghi_chu"}
KIND_FIELDS = {"id", "ten", "ghi_chu"}
UNIT_FIELDS = {
    "id",
    "ten",
    "ten_ngan",
    "loai",
    "cap_tren",
    "ten_khac",
    "tu_ngay",
    "den_ngay",
    "ke_thua",
    "ten_cu",
    "mo_ta",
    "ghi_chu",
}
FORMER_NAME_FIELDS = {"ten", "den_ngay"}
BLOC_FIELDS = {"id", "ten", "mo_ta", "cac_nam", "ghi_chu"}
BLOC_YEAR_FIELDS = {
    "nam",
    "thanh_vien",
    "truong_khoi",
    "pho_khoi",
    "ngay_ky_giao_uoc",
    "bai_viet_giao_uoc",
    "xep_hang",
    "de_nghi_co_thi_dua",
    "de_nghi_co_chinh_phu",
    "ghi_chu",
}
RANKING_FIELDS = {"don_vi", "diem"}
DECISION_FIELDS = {
    "so",
    "ngay",
    "co_quan",
    "hinh_thuc",
    "thanh_tich",
    "trich_yeu",
    "tien_thuong",
    "bai_viet",
    "khoi",
    "loai_hinh",
    "ma",
    "phu_luc",
    "ghi_chu",
    *RECIPIENT_KINDS,
}
ROW_FIELDS = {"ten", "chuc_vu", "don_vi", "hinh_thuc", "so_tien", "ghi_chu"}
ANNEX_FIELDS = {"tep", "trang_tinh"}


def load_honours(content_dir: Path, settings=None) -> HonoursData:
    """Load and validate the honours data under content_dir; raise SiteErrors on any error.

    A site without a content/honours/ folder gets empty data (and no honours pages).
    """
    options = settings if isinstance(settings, HonoursSettings) else None
    options = options or HonoursSettings.from_pelican(settings)
    content_dir = Path(content_dir)
    root = content_dir / options.data_dir
    if not root.is_dir():
        return HonoursData()
    loader = _Loader(root, display_root=content_dir.parent)
    with gc_pause.paused():  # some 200 000 long-lived objects at 100 000 rows
        data = loader.load()
    errors = [p for p in loader.problems if p.is_error]
    if errors:
        raise SiteErrors(loader.problems)
    data.warnings = [p for p in loader.problems if not p.is_error]
    return data


def parse_date(value) -> date | None:
    """date from "2023-12-18" or "18/12/2023" (or a date); None if malformed."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = _ISO_DATE.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _VN_DATE.match(text)
        if not match:
            return None
        day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def decision_id(number: str, day: date) -> str:
    """ "163/QĐ-UBND" of 2023 -> "163-qd-ubnd-2023"."""
    return slugify(f"{number} {day.year}")


def _suggest_hint(word: str, known: Iterable[str], what: str, listed_in: str) -> str:
    options = closest(str(word), list(known), n=3)
    if options:
        names = ", ".join(f'"{o}"' for o in options)
        return f"Có phải ý bạn là {names}? Các mã {what} có trong {listed_in}."
    return f"Dùng một mã {what} có trong {listed_in}."


class _Loader:
    def __init__(self, root: Path, display_root: Path):
        self.root = root
        self.display_root = display_root
        self.problems: list[SiteError] = []
        self.data = HonoursData()
        # Whether a file could be read: if not, references into it are not checked (one
        # syntax error must not produce a hundred "unknown id" errors).
        self.vocabulary_ok = True
        self.units_ok = True
        self.blocs_ok = True
        self._alias_index: dict[str, str] = {}
        self.last_read_ok = False

    # -- reporting ---------------------------------------------------------------------------

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.display_root).as_posix()
        except ValueError:
            return path.as_posix()

    def add(self, kind, file: str, line, field, message: str, hint: str | None = None):
        self.problems.append(kind(file=file, line=line, field=field, message=message, hint=hint))

    def warn(self, file: str, line, field, message: str, hint: str | None = None):
        self.problems.append(
            SiteError(
                file=file, line=line, field=field, message=message, hint=hint, severity="warning"
            )
        )

    # -- reading files -----------------------------------------------------------------------

    def read_yaml(self, path: Path, required: bool):
        """The parsed file, or None when it is missing, empty or broken (each reported when
        it is an error); `self.last_read_ok` says whether it was read without a problem."""
        self.last_read_ok = False
        content = self._read_yaml(path, required)
        if content is None and self.last_read_ok and required:
            self.last_read_ok = False
            self.add(
                MissingFieldError,
                self.display(path),
                1,
                None,
                f"Tệp {path.name} trống (empty file).",
                f"Ghi dữ liệu vào tệp theo hướng dẫn trong {DOC}, hoặc xóa tệp nếu không dùng.",
            )
        return content

    def _read_yaml(self, path: Path, required: bool):
        shown = self.display(path)
        if not path.is_file():
            if required:
                self.add(
                    MissingFieldError,
                    shown,
                    None,
                    None,
                    f"Thiếu tệp {path.name} (missing file).",
                    f"Tạo tệp này theo hướng dẫn trong {DOC}.",
                )
            else:
                self.last_read_ok = True
            return None
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            self.add(
                InvalidValueError,
                shown,
                line,
                None,
                "Tệp không ở dạng UTF-8 (file is not UTF-8).",
                "Lưu lại tệp với bảng mã UTF-8 (trong trình soạn thảo: Save with Encoding > "
                "UTF-8).",
            )
            return None
        try:
            content = load_yaml(text)
        except yaml.YAMLError as error:
            hint = (
                "Kiểm tra thụt lề (chỉ dùng dấu cách, không dùng Tab), dấu hai chấm sau tên "
                'trường, và đặt văn bản có dấu ":" hoặc "#" trong ngoặc kép.'
            )
            if "\t" in text:
                hint = "Tệp có ký tự Tab: YAML chỉ cho phép thụt lề bằng dấu cách. " + hint
            self.add(
                DataSyntaxError,
                shown,
                syntax_error_line(error),
                None,
                f"Lỗi cú pháp YAML: {syntax_error_text(error)} (YAML syntax error).",
                hint,
            )
            return None
        self.last_read_ok = True
        return content

    def check_fields(self, record: LineDict, allowed: set[str], file: str, what: str) -> None:
        for key, line in record.duplicates:
            self.add(
                DuplicateError,
                file,
                line,
                str(key),
                f'Trường "{key}" được ghi hai lần trong {what} (duplicate key).',
                "Xóa một trong hai dòng.",
            )
        for key in record:
            if key not in allowed:
                options = closest(str(key), sorted(allowed), n=1)
                hint = (
                    f'Có phải ý bạn là "{options[0]}"?'
                    if options
                    else f"Các trường được dùng: {', '.join(sorted(allowed))}."
                )
                self.add(
                    InvalidValueError,
                    file,
                    record.line_of(key),
                    str(key),
                    f'Trường "{key}" không được dùng trong {what} (unknown field).',
                    hint,
                )

    # -- typed field access -----------------------------------------------------------------

    def text(self, record: LineDict, key: str, file: str, what: str, required=False) -> str:
        value = record.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(
                    MissingFieldError,
                    file,
                    record.line_of(key),
                    key,
                    f'Thiếu trường bắt buộc "{key}" ở {what} (missing required field).',
                    f"Thêm dòng `{key}: ...` (xem {DOC}).",
                )
            return ""
        if isinstance(value, (dict, list)):
            self.add(
                InvalidValueError,
                file,
                record.line_of(key),
                key,
                f'Trường "{key}" ở {what} phải là một dòng chữ, không phải danh sách.',
                "Viết giá trị trên cùng dòng, sau dấu hai chấm.",
            )
            return ""
        if isinstance(value, bool):
            self.add(
                InvalidValueError,
                file,
                record.line_of(key),
                key,
                f'Trường "{key}" ở {what} có giá trị "{value}" bị hiểu là đúng/sai (yes/no).',
                'Đặt giá trị trong ngoặc kép, ví dụ "Có".',
            )
            return ""
        return " ".join(str(value).split()) if not isinstance(value, str) else value.strip()

    def ident(self, record: LineDict, key: str, file: str, what: str, required=False) -> str:
        value = self.text(record, key, file, what, required)
        if value and not _ID.match(value):
            self.add(
                InvalidValueError,
                file,
                record.line_of(key),
                key,
                f'Mã "{value}" ở {what} không hợp lệ: chỉ dùng chữ thường không dấu, số và '
                "dấu gạch ngang (invalid id).",
                f'Ví dụ: "{slugify(value) or "ma-hop-le"}".',
            )
            return ""
        return value

    def day(self, record: LineDict, key: str, file: str, what: str, required=False):
        value = record.get(key)
        if value is None or value == "":
            if required:
                self.add(
                    MissingFieldError,
                    file,
                    record.line_of(key),
                    key,
                    f'Thiếu ngày "{key}" ở {what} (missing date).',
                    DATE_HINT,
                )
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.add(
                InvalidValueError,
                file,
                record.line_of(key),
                key,
                f'Ngày "{value}" ở {what} không đúng (malformed date).',
                DATE_HINT,
            )
        return parsed

    def id_list(self, record: LineDict, key: str, file: str, what: str, required=False):
        """[(id, line)] from a YAML list or a comma-separated string."""
        value = record.get(key)
        line = record.line_of(key)
        if value is None or value == "" or value == []:
            if required:
                self.add(
                    MissingFieldError,
                    file,
                    line,
                    key,
                    f'Thiếu trường bắt buộc "{key}" ở {what} (missing required field).',
                    f"Ghi danh sách mã, ví dụ `{key}: [bac-ha, bat-xat]`.",
                )
            return []
        if isinstance(value, str):
            items = [(part.strip(), line) for part in value.split(",") if part.strip()]
        elif isinstance(value, list):
            items = []
            for index, item in enumerate(value):
                item_line = value.line_of(index) if isinstance(value, LineList) else line
                if not isinstance(item, str) or not item.strip():
                    self.add(
                        InvalidValueError,
                        file,
                        item_line,
                        key,
                        f'Mục thứ {index + 1} của "{key}" ở {what} không phải là một mã.',
                        "Mỗi mục là một mã viết liền, ví dụ bac-ha.",
                    )
                    continue
                items.append((item.strip(), item_line))
        else:
            self.add(
                InvalidValueError,
                file,
                line,
                key,
                f'Trường "{key}" ở {what} phải là danh sách mã.',
                f"Ví dụ `{key}: [bac-ha, bat-xat]`.",
            )
            return []
        good = []
        for item, item_line in items:
            if _ID.match(item):
                good.append((item, item_line))
            else:
                self.unknown_unit(item, file, item_line, key, what)
        return good

    def text_list(self, record: LineDict, key: str, file: str, what: str) -> tuple[str, ...]:
        value = record.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return tuple(v.strip() for v in value.split(",") if v.strip())
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(v.strip() for v in value if v.strip())
        self.add(
            InvalidValueError,
            file,
            record.line_of(key),
            key,
            f'Trường "{key}" ở {what} phải là danh sách chữ.',
            f'Ví dụ `{key}: ["huyện Bắc Hà", "Bắc Hà"]`.',
        )
        return ()

    def items(self, value, file: str, what: str, line=None) -> list[tuple[LineDict, int]]:
        """The mappings of a YAML list; reports entries that are not mappings."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(
                InvalidValueError,
                file,
                getattr(value, "line", line),
                None,
                f"{what} phải là một danh sách (mỗi mục bắt đầu bằng dấu gạch ngang).",
                f"Xem ví dụ trong {DOC}.",
            )
            return []
        result = []
        for index, item in enumerate(value):
            item_line = value.line_of(index) if isinstance(value, LineList) else line
            if not isinstance(item, LineDict):
                self.add(
                    InvalidValueError,
                    file,
                    item_line,
                    None,
                    f"Mục thứ {index + 1} của {what} phải gồm các trường (id: ..., ten: ...).",
                    f"Xem ví dụ trong {DOC}.",
                )
                continue
            result.append((item, item_line))
        return result

    # -- references --------------------------------------------------------------------------

    def unknown_unit(self, value: str, file: str, line, field, what: str) -> None:
        hint = None
        by_name = self._alias_index.get(fold(value))
        if by_name:
            hint = f'"{value}" là tên của đơn vị có mã "{by_name}": ghi mã "{by_name}".'
        self.add(
            UnknownIdError,
            file,
            line,
            field,
            f'Không có đơn vị mã "{value}" ({what}) (unknown unit id).',
            hint
            or _suggest_hint(value, self.data.units, "đơn vị", f"content/honours/{UNITS_FILE}"),
        )

    def known_unit(self, value: str, file: str, line, field, what: str) -> bool:
        if not self.units_ok:
            return True
        if value in self.data.units:
            return True
        self.unknown_unit(value, file, line, field, what)
        return False

    def known_honour(self, value: str, file: str, line, field, what: str) -> bool:
        if not self.vocabulary_ok:
            return True
        if value in self.data.honours:
            return True
        hint = _suggest_hint(
            value, self.data.honours, "danh hiệu, hình thức", f"content/honours/{VOCABULARY_FILE}"
        )
        by_name = {fold(h.name): h.id for h in self.data.honours.values()}.get(fold(value))
        if by_name:
            hint = f'"{value}" là tên; ghi mã "{by_name}".'
        self.add(
            UnknownIdError,
            file,
            line,
            field,
            f'Không có danh hiệu/hình thức khen thưởng mã "{value}" ({what}) (unknown honour id).',
            hint,
        )
        return False

    # -- the files ---------------------------------------------------------------------------

    def load(self) -> HonoursData:
        self.load_vocabulary(self.root / VOCABULARY_FILE)
        self.load_units(self.root / UNITS_FILE)
        self.load_blocs(self.root / BLOCS_FILE)
        folder = self.root / DECISIONS_DIR
        if folder.is_dir():
            for path in sorted(folder.rglob("*.yaml")) + sorted(folder.rglob("*.yml")):
                self.load_decision_file(path)
        return self.data

    def load_vocabulary(self, path: Path) -> None:
        file = self.display(path)
        content = self.read_yaml(path, required=True)
        if content is None:
            self.vocabulary_ok = False
            return
        for record, line in self.items(content, file, "Danh mục danh hiệu, hình thức", 1):
            what = f'danh hiệu "{record.get("id", "?")}"'
            self.check_fields(record, HONOUR_FIELDS, file, what)
            hid = self.ident(record, "id", file, what, required=True)
            name = self.text(record, "ten", file, what, required=True)
            kind = self.text(record, "loai", file, what, required=True)
            if kind and kind not in HONOUR_KIND_LABELS:
                self.add(
                    InvalidValueError,
                    file,
                    record.line_of("loai"),
                    "loai",
                    f'Loại "{kind}" ở {what} không hợp lệ.',
                    f'Ghi "{TITLE}" (danh hiệu thi đua) hoặc "{FORM}" (hình thức khen thưởng).',
                )
                kind = ""
            recipients = self.text_list(record, "doi_tuong", file, what)
            bad = [r for r in recipients if r not in RECIPIENT_KINDS]
            if not recipients or bad:
                self.add(
                    MissingFieldError if not recipients else InvalidValueError,
                    file,
                    record.line_of("doi_tuong"),
                    "doi_tuong",
                    f"Đối tượng được tặng ở {what} "
                    + ("bị thiếu." if not recipients else f"không hợp lệ: {', '.join(bad)}."),
                    f"Ghi một hoặc nhiều trong: {', '.join(RECIPIENT_KINDS)}, ví dụ "
                    "`doi_tuong: [tap_the, ca_nhan]`.",
                )
            precedence = record.get("thu_tu")
            if not isinstance(precedence, int) or isinstance(precedence, bool):
                self.add(
                    MissingFieldError if precedence is None else InvalidValueError,
                    file,
                    record.line_of("thu_tu"),
                    "thu_tu",
                    f"Thứ tự (thu_tu) ở {what} phải là một số nguyên.",
                    "Số nhỏ hơn là danh hiệu, hình thức cao hơn (được xếp trước), ví dụ "
                    "`thu_tu: 10`.",
                )
                precedence = None
            if not (hid and name and kind and recipients and not bad and precedence is not None):
                continue
            if hid in self.data.honours:
                first = self.data.honours[hid].source
                self.add(
                    DuplicateError,
                    file,
                    record.line_of("id"),
                    "id",
                    f'Mã danh hiệu "{hid}" bị trùng (đã có ở dòng {first.line}).',
                    "Mỗi danh hiệu, hình thức có một mã riêng.",
                )
                continue
            self.data.honours[hid] = Honour(
                id=hid,
                name=name,
                kind=kind,
                precedence=precedence,
                recipients=recipients,
                group=self.text(record, "nhom", file, what),
                klass=self.text(record, "hang", file, what),
                level=self.text(record, "cap", file, what),
                source=Source(file, line),
            )

    def load_units(self, path: Path) -> None:
        file = self.display(path)
        content = self.read_yaml(path, required=True)
        if content is None:
            self.units_ok = False
            return
        if not isinstance(content, LineDict) or "don_vi" not in content:
            self.add(
                MissingFieldError,
                file,
                getattr(content, "line", 1),
                "don_vi",
                "Tệp đơn vị phải có hai phần `loai_don_vi:` và `don_vi:` (missing sections).",
                f"Xem ví dụ trong {DOC}.",
            )
            self.units_ok = False
            return
        self.check_fields(content, {"loai_don_vi", "don_vi"}, file, "tệp đơn vị")
        for order, (record, _line) in enumerate(
            self.items(content.get("loai_don_vi"), file, "loai_don_vi", content.line)
        ):
            what = f'loại đơn vị "{record.get("id", "?")}"'
            self.check_fields(record, KIND_FIELDS, file, what)
            kid = self.ident(record, "id", file, what, required=True)
            name = self.text(record, "ten", file, what, required=True)
            if kid and name:
                if kid in self.data.kinds:
                    self.add(
                        DuplicateError,
                        file,
                        record.line_of("id"),
                        "id",
                        f'Mã loại đơn vị "{kid}" bị trùng.',
                        "Mỗi loại đơn vị có một mã riêng.",
                    )
                else:
                    self.data.kinds[kid] = UnitKind(id=kid, name=name, order=order)

        pending: list[tuple[Unit, LineDict, list, str | None]] = []
        for record, line in self.items(content.get("don_vi"), file, "don_vi", content.line):
            what = f'đơn vị "{record.get("id", "?")}"'
            self.check_fields(record, UNIT_FIELDS, file, what)
            uid = self.ident(record, "id", file, what, required=True)
            what = f'đơn vị "{uid}"' if uid else what
            name = self.text(record, "ten", file, what, required=True)
            kind = self.ident(record, "loai", file, what, required=True)
            if kind and kind not in self.data.kinds:
                self.add(
                    UnknownIdError,
                    file,
                    record.line_of("loai"),
                    "loai",
                    f'Không có loại đơn vị "{kind}" ({what}).',
                    _suggest_hint(kind, self.data.kinds, "loại đơn vị", "phần loai_don_vi"),
                )
            valid_from = self.day(record, "tu_ngay", file, what)
            valid_to = self.day(record, "den_ngay", file, what)
            if valid_from and valid_to and valid_to <= valid_from:
                self.add(
                    InvalidValueError,
                    file,
                    record.line_of("den_ngay"),
                    "den_ngay",
                    f"Ngày kết thúc ({valid_to.isoformat()}) của {what} không sau ngày bắt đầu "
                    f"({valid_from.isoformat()}).",
                    "den_ngay là ngày đầu tiên đơn vị không còn; phải sau tu_ngay.",
                )
            successors = self.id_list(record, "ke_thua", file, what)
            if successors and not record.get("den_ngay"):
                self.add(
                    MissingFieldError,
                    file,
                    record.line_of("ke_thua"),
                    "den_ngay",
                    f"{what.capitalize()} có đơn vị kế thừa nhưng thiếu ngày kết thúc (den_ngay).",
                    "Thêm `den_ngay: 2025-07-01` (ngày đầu tiên đơn vị không còn).",
                )
            former = []
            for item, _ in self.items(record.get("ten_cu"), file, f"ten_cu của {what}", line):
                self.check_fields(item, FORMER_NAME_FIELDS, file, f"ten_cu của {what}")
                former_name = self.text(item, "ten", file, f"ten_cu của {what}", required=True)
                until = self.day(item, "den_ngay", file, f"ten_cu của {what}", required=True)
                if former_name and until:
                    former.append(FormerName(former_name, until))
            parent = self.ident(record, "cap_tren", file, what) or None
            if not (uid and name):
                continue
            if uid in self.data.units:
                first = self.data.units[uid].source
                self.add(
                    DuplicateError,
                    file,
                    record.line_of("id"),
                    "id",
                    f'Mã đơn vị "{uid}" bị trùng (đã có ở dòng {first.line}).',
                    "Mỗi đơn vị có một mã riêng; đơn vị mới sau sáp nhập cần mã mới.",
                )
                continue
            unit = Unit(
                id=uid,
                name=name,
                short_name=self.text(record, "ten_ngan", file, what) or name,
                kind=kind,
                kind_name=self.data.kinds[kind].name if kind in self.data.kinds else "",
                parent=parent,
                aliases=self.text_list(record, "ten_khac", file, what),
                valid_from=valid_from,
                valid_to=valid_to,
                former_names=tuple(sorted(former, key=lambda f: f.until)),
                description=self.text(record, "mo_ta", file, what),
                source=Source(file, line),
            )
            self.data.units[uid] = unit
            pending.append((unit, record, successors, parent))

        for unit in self.data.units.values():
            for name in unit.all_names:
                self._alias_index.setdefault(fold(name), unit.id)

        predecessors: dict[str, list[str]] = {}
        for unit, record, successors, parent in pending:
            what = f'đơn vị "{unit.id}"'
            if parent:
                if parent == unit.id:
                    self.add(
                        InvalidValueError,
                        file,
                        record.line_of("cap_tren"),
                        "cap_tren",
                        f"{what.capitalize()} không thể là cấp trên của chính nó.",
                        "Ghi mã đơn vị cấp trên, hoặc bỏ trường cap_tren.",
                    )
                    unit.parent = None
                elif not self.known_unit(
                    parent, file, record.line_of("cap_tren"), "cap_tren", what
                ):
                    unit.parent = None
            good = []
            for successor, item_line in successors:
                if successor == unit.id:
                    self.add(
                        InvalidValueError,
                        file,
                        item_line,
                        "ke_thua",
                        f"{what.capitalize()} không thể kế thừa chính nó.",
                        "Ghi mã các đơn vị mới nhận lại nhiệm vụ của đơn vị này.",
                    )
                elif (
                    self.known_unit(successor, file, item_line, "ke_thua", what)
                    and successor not in good
                ):
                    good.append(successor)
                    predecessors.setdefault(successor, []).append(unit.id)
            unit.successors = tuple(good)
        for uid, before in predecessors.items():
            self.data.units[uid].predecessors = tuple(sorted(before))

        # Two units answering to the same name: the mentions finder cannot tell them apart.
        owners: dict[str, list[str]] = {}
        for unit in self.data.units.values():
            for alias in unit.aliases:
                owners.setdefault(fold(alias), []).append(unit.id)
        for alias, ids in sorted(owners.items()):
            if len(set(ids)) > 1:
                unit = self.data.units[ids[1]]
                self.warn(
                    file,
                    unit.source.line,
                    "ten_khac",
                    f'Tên gọi khác "{alias}" dùng cho nhiều đơn vị: {", ".join(sorted(set(ids)))}.',
                    "Giữ tên gọi khác này ở một đơn vị để bài viết được gắn đúng đơn vị.",
                )

    def load_blocs(self, path: Path) -> None:
        file = self.display(path)
        content = self.read_yaml(path, required=False)
        if content is None:
            self.blocs_ok = self.last_read_ok  # no file or an empty one: no blocs
            return
        for record, line in self.items(content, file, "Danh sách khối thi đua", 1):
            what = f'khối "{record.get("id", "?")}"'
            self.check_fields(record, BLOC_FIELDS, file, what)
            bid = self.ident(record, "id", file, what, required=True)
            name = self.text(record, "ten", file, what, required=True)
            bloc = Bloc(
                id=bid,
                name=name,
                description=self.text(record, "mo_ta", file, what),
                source=Source(file, line),
            )
            for year_record, year_line in self.items(
                record.get("cac_nam"), file, f"cac_nam của {what}", record.line_of("cac_nam")
            ):
                year = self.load_bloc_year(year_record, year_line, file, what)
                if year is None:
                    continue
                if year.year in bloc.years:
                    self.add(
                        DuplicateError,
                        file,
                        year_record.line_of("nam"),
                        "nam",
                        f"Năm {year.year} của {what} được ghi hai lần.",
                        "Gộp hai mục của cùng một năm làm một.",
                    )
                    continue
                bloc.years[year.year] = year
            if not (bid and name):
                continue
            if bid in self.data.blocs:
                self.add(
                    DuplicateError,
                    file,
                    record.line_of("id"),
                    "id",
                    f'Mã khối "{bid}" bị trùng.',
                    "Mỗi khối thi đua có một mã riêng.",
                )
                continue
            self.data.blocs[bid] = bloc

    def load_bloc_year(self, record: LineDict, line: int, file: str, bloc_what: str):
        year = record.get("nam")
        if not isinstance(year, int) or isinstance(year, bool) or not 1945 <= year <= 2100:
            self.add(
                MissingFieldError if year is None else InvalidValueError,
                file,
                record.line_of("nam"),
                "nam",
                f"Năm của một mục trong {bloc_what} bị thiếu hoặc không đúng"
                + (f' ("{year}")' if year is not None else "")
                + ".",
                "Ghi năm bằng bốn chữ số, ví dụ `nam: 2023`.",
            )
            return None
        what = f"{bloc_what}, năm {year}"
        self.check_fields(record, BLOC_YEAR_FIELDS, file, what)
        members: list[str] = []
        for unit_id, item_line in self.id_list(record, "thanh_vien", file, what, required=True):
            if unit_id in members:
                self.add(
                    DuplicateError,
                    file,
                    item_line,
                    "thanh_vien",
                    f'Đơn vị "{unit_id}" được ghi hai lần trong thành viên {what}.',
                    "Xóa một lần ghi.",
                )
                continue
            if not self.known_unit(unit_id, file, item_line, "thanh_vien", what):
                continue
            unit = self.data.units.get(unit_id)
            if unit is not None and not unit.exists_in_year(year):
                self.add(
                    UnitLifespanError,
                    file,
                    item_line,
                    "thanh_vien",
                    f'Đơn vị "{unit_id}" không còn (hoặc chưa có) trong năm {year} nhưng được ghi '
                    f"là thành viên {what}.",
                    _lifespan_hint(unit),
                )
            members.append(unit_id)

        def role(key: str, label: str) -> str | None:
            value = self.ident(record, key, file, what)
            if not value:
                return None
            if not self.known_unit(value, file, record.line_of(key), key, what):
                return None
            if value not in members and self.units_ok:
                self.add(
                    BlocError,
                    file,
                    record.line_of(key),
                    key,
                    f'{label} "{value}" không phải thành viên {what} (not a member that year).',
                    f"Thêm {value} vào thanh_vien của năm {year}, hoặc sửa {key}.",
                )
            return value

        leader = role("truong_khoi", "Trưởng khối")
        deputy = role("pho_khoi", "Phó khối")
        if leader and deputy and leader == deputy:
            self.add(
                BlocError,
                file,
                record.line_of("pho_khoi"),
                "pho_khoi",
                f'Trưởng khối và Phó khối {what} là cùng một đơn vị "{leader}".',
                "Phó khối là một đơn vị khác với Trưởng khối.",
            )
        ranking = []
        ranking_value = record.get("xep_hang")
        if ranking_value is not None and not isinstance(ranking_value, list):
            self.add(
                InvalidValueError,
                file,
                record.line_of("xep_hang"),
                "xep_hang",
                f"Xếp hạng của {what} phải là danh sách đơn vị theo thứ tự.",
                "Ví dụ `xep_hang: [bac-ha, si-ma-cai]` hoặc các mục "
                "`- {don_vi: bac-ha, diem: 98}`.",
            )
            ranking_value = None
        seen_ranked: set[str] = set()
        for index, item in enumerate(ranking_value or []):
            item_line = ranking_value.line_of(index)
            score = ""
            if isinstance(item, LineDict):
                self.check_fields(item, RANKING_FIELDS, file, f"xep_hang của {what}")
                unit_id = self.ident(item, "don_vi", file, f"xep_hang của {what}", required=True)
                score = self.text(item, "diem", file, f"xep_hang của {what}")
            elif isinstance(item, str):
                unit_id = item.strip()
            else:
                unit_id = ""
                self.add(
                    InvalidValueError,
                    file,
                    item_line,
                    "xep_hang",
                    f"Mục thứ {index + 1} của xếp hạng {what} không phải là mã đơn vị.",
                    "Ghi mã đơn vị, ví dụ bac-ha.",
                )
            if not unit_id or not self.known_unit(unit_id, file, item_line, "xep_hang", what):
                continue
            if unit_id not in members and self.units_ok:
                self.add(
                    BlocError,
                    file,
                    item_line,
                    "xep_hang",
                    f'Đơn vị "{unit_id}" được xếp hạng nhưng không phải thành viên {what}.',
                    "Chỉ xếp hạng các đơn vị có trong thanh_vien của năm đó.",
                )
            if unit_id in seen_ranked:
                self.add(
                    DuplicateError,
                    file,
                    item_line,
                    "xep_hang",
                    f'Đơn vị "{unit_id}" được xếp hạng hai lần ({what}).',
                    "Mỗi đơn vị chỉ có một thứ hạng.",
                )
                continue
            seen_ranked.add(unit_id)
            ranking.append(Ranking(unit=unit_id, score=score, source=Source(file, item_line)))
        flag = role("de_nghi_co_thi_dua", "Đơn vị đề nghị Cờ thi đua")
        government_flag = role("de_nghi_co_chinh_phu", "Đơn vị đề nghị Cờ thi đua của Chính phủ")
        pledge_date = self.day(record, "ngay_ky_giao_uoc", file, what)
        article = self.text(record, "bai_viet_giao_uoc", file, what) or None
        return BlocYear(
            year=year,
            members=tuple(members),
            leader=leader,
            deputy=deputy,
            pledge_date=pledge_date,
            pledge_article=article,
            ranking=tuple(ranking),
            flag_unit=flag,
            government_flag_unit=government_flag,
            note=self.text(record, "ghi_chu", file, what),
            source=Source(file, line),
        )

    def load_decision_file(self, path: Path) -> None:
        file = self.display(path)
        content = self.read_yaml(path, required=True)
        if content is None:
            return
        if isinstance(content, LineDict):
            records = [(content, content.line)]
        else:
            records = self.items(content, file, "Tệp quyết định", 1)
        for record, line in records:
            self.load_decision(record, line, path, file)

    def load_decision(self, record: LineDict, line: int, path: Path, file: str) -> None:
        number = self.text(record, "so", file, "quyết định", required=True)
        what = f'quyết định "{number}"' if number else "quyết định"
        self.check_fields(record, DECISION_FIELDS, file, what)
        day = self.day(record, "ngay", file, what, required=True)
        issuer = self.text(record, "co_quan", file, what, required=True)
        honour_id = self.ident(record, "hinh_thuc", file, what, required=True)
        if honour_id and not self.known_honour(
            honour_id, file, record.line_of("hinh_thuc"), "hinh_thuc", what
        ):
            honour_id = ""
        achievement = self.text(record, "thanh_tich", file, what, required=True)
        bloc = self.ident(record, "khoi", file, what) or None
        if bloc and self.blocs_ok and bloc not in self.data.blocs:
            self.add(
                UnknownIdError,
                file,
                record.line_of("khoi"),
                "khoi",
                f'Không có khối thi đua mã "{bloc}" ({what}).',
                _suggest_hint(bloc, self.data.blocs, "khối", f"content/honours/{BLOCS_FILE}"),
            )
            bloc = None
        explicit_id = self.ident(record, "ma", file, what)
        if not (number and day):
            # Without a number and a date the decision has no id: check its rows anyway.
            ident = explicit_id or f"{slugify(number) or 'khong-so'}-{line}"
        else:
            ident = explicit_id or decision_id(number, day)
        decision = Decision(
            id=ident,
            number=number,
            date=day or date(1900, 1, 1),
            issuer=issuer,
            honour_id=honour_id,
            achievement=achievement,
            title=self.text(record, "trich_yeu", file, what),
            money=self.text(record, "tien_thuong", file, what),
            article=self.text(record, "bai_viet", file, what) or None,
            bloc=bloc,
            commendation_type=self.text(record, "loai_hinh", file, what),
            source=Source(file, line),
        )
        # Hand-written rows first (I. Tập thể, II. Cá nhân, III. Hộ gia đình), then annexes.
        for kind in RECIPIENT_KINDS:
            for row, row_line in self.items(
                record.get(kind), file, f"{kind} của {what}", record.line_of(kind)
            ):
                self.check_fields(row, ROW_FIELDS, file, f"một dòng {kind} của {what}")
                name = self.text(row, "ten", file, f"một dòng {kind} của {what}")
                unit_id = self.ident(row, "don_vi", file, f"một dòng {kind} của {what}", True)
                if not name and kind != COLLECTIVE:
                    self.add(
                        MissingFieldError,
                        file,
                        row_line,
                        "ten",
                        f"Một dòng {RECIPIENT_LABELS[kind].lower()} của {what} không có tên.",
                        "Thêm `ten: Ông/Bà ...` (cá nhân) hoặc `ten: Hộ ông/bà ...` (hộ gia đình).",
                    )
                    continue
                if not unit_id:
                    continue
                self.add_recipient(
                    decision,
                    kind=kind,
                    name=name,
                    position=self.text(row, "chuc_vu", file, what),
                    unit_id=unit_id,
                    honour_id=self.text(row, "hinh_thuc", file, what),
                    money=self.text(row, "so_tien", file, what),
                    file=file,
                    line=row_line,
                    fields={"don_vi": "don_vi", "hinh_thuc": "hinh_thuc"},
                )
        annex_files = []
        for spec, spec_line in self.annex_specs(record, file, what):
            name, sheet = spec
            annex_path = (path.parent / name).resolve()
            shown = self.display(annex_path)
            if not annex_path.is_file():
                self.add(
                    MissingFieldError,
                    file,
                    spec_line,
                    "phu_luc",
                    f'Không tìm thấy tệp phụ lục "{name}" ({what}) (annex file not found).',
                    "Đặt tệp phụ lục (.xlsx hoặc .csv) cùng thư mục với tệp quyết định và ghi "
                    "đúng tên tệp.",
                )
                continue
            if annex_path.suffix.lower() not in (".csv", ".xlsx"):
                self.add(
                    AnnexError,
                    file,
                    spec_line,
                    "phu_luc",
                    f'Phụ lục "{name}" không phải tệp .xlsx hay .csv.',
                    "Lưu danh sách ở dạng Excel (.xlsx) hoặc CSV UTF-8 (.csv).",
                )
                continue
            annex_files.append(name)
            rows, problems = annex.read_annex(annex_path, shown, sheet)
            self.problems.extend(problems)
            for row in rows:
                self.add_recipient(
                    decision,
                    kind=row.kind,
                    name=row.name,
                    position=row.position,
                    unit_id=row.unit_id,
                    honour_id=row.honour_id,
                    money=row.money,
                    file=shown,
                    line=row.line,
                    fields={
                        "don_vi": row.labels.get("unit_id", "Mã đơn vị"),
                        "hinh_thuc": row.labels.get("honour_id", "Hình thức"),
                    },
                )
        decision.annex_files = tuple(annex_files)
        if (
            not decision.recipients
            and "phu_luc" not in record
            and not any(record.get(kind) for kind in RECIPIENT_KINDS)
        ):
            self.add(
                MissingFieldError,
                file,
                line,
                "phu_luc",
                f"{what.capitalize()} không có danh sách được khen (no recipients).",
                "Thêm phụ lục (`phu_luc: ten-tep.xlsx`) hoặc các dòng `tap_the:` / `ca_nhan:`.",
            )
        if not (number and day and issuer and achievement):
            return
        if ident in self.data.decisions:
            first = self.data.decisions[ident]
            same = first.number == number and first.date.year == day.year
            self.add(
                DuplicateError,
                file,
                record.line_of("ma" if explicit_id else "so"),
                "ma" if explicit_id else "so",
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
            self.data.decisions[ident] = decision

    def annex_specs(self, record: LineDict, file: str, what: str):
        value = record.get("phu_luc")
        if value is None or value == "":
            return []
        entries = value if isinstance(value, list) else [value]
        result = []
        for index, entry in enumerate(entries):
            entry_line = (
                value.line_of(index) if isinstance(value, LineList) else record.line_of("phu_luc")
            )
            if isinstance(entry, str) and entry.strip():
                result.append(((entry.strip(), None), entry_line))
            elif isinstance(entry, LineDict):
                self.check_fields(entry, ANNEX_FIELDS, file, f"phu_luc của {what}")
                name = self.text(entry, "tep", file, f"phu_luc của {what}", required=True)
                sheet = self.text(entry, "trang_tinh", file, f"phu_luc của {what}") or None
                if name:
                    result.append(((name, sheet), entry_line))
            else:
                self.add(
                    InvalidValueError,
                    file,
                    entry_line,
                    "phu_luc",
                    f"Phụ lục của {what} phải là tên tệp.",
                    "Ví dụ `phu_luc: 163-qd-ubnd-2023.xlsx`.",
                )
        return result

    def add_recipient(
        self,
        decision: Decision,
        *,
        kind: str,
        name: str,
        position: str,
        unit_id: str,
        honour_id: str,
        money: str,
        file: str,
        line: int,
        fields: dict,
    ) -> None:
        what = f"quyết định {decision.number}"
        ok = True
        unit = self.data.units.get(unit_id)
        # A known unit or honour needs no check (the common case, 100 000 times at scale).
        if unit is None and not self.known_unit(unit_id, file, line, fields["don_vi"], what):
            ok = False
        honour_id = honour_id or decision.honour_id
        honour = self.data.honours.get(honour_id)
        if (
            honour is None
            and honour_id
            and not self.known_honour(honour_id, file, line, fields["hinh_thuc"], what)
        ):
            ok = False
        if honour is not None and kind not in honour.recipients:  # not honour.allows(kind)
            allowed = ", ".join(RECIPIENT_LABELS[k].lower() for k in honour.recipients)
            self.add(
                RecipientKindError,
                file,
                line,
                fields["hinh_thuc"],
                f'"{honour.name}" chỉ tặng cho {allowed}, không tặng cho '
                f'{RECIPIENT_LABELS[kind].lower()} "{name}" (wrong recipient kind).',
                "Chuyển dòng này sang đúng phần (I. Tập thể / II. Cá nhân) hoặc ghi đúng danh "
                "hiệu, hình thức cho dòng này.",
            )
            ok = False
        dated = decision.number and decision.date.year > 1900
        if unit is not None and dated and not unit.exists_on(decision.date):
            when = decision.date.isoformat()
            if unit.valid_to is not None and decision.date >= unit.valid_to:
                message = (
                    f'Đơn vị "{unit_id}" ({unit.name}) đã giải thể từ '
                    f"{unit.valid_to.isoformat()}, nhưng quyết định ngày {when} khen "
                    f'"{name or unit.name}" thuộc đơn vị này (honour after dissolution).'
                )
            else:
                message = (
                    f'Đơn vị "{unit_id}" ({unit.name}) chỉ có từ '
                    f"{unit.valid_from.isoformat()}, nhưng quyết định ngày {when} khen "
                    f'"{name or unit.name}" thuộc đơn vị này (unit not yet formed).'
                )
            self.add(UnitLifespanError, file, line, fields["don_vi"], message, _lifespan_hint(unit))
            ok = False
        if not ok:
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
                source=Source(file, line),
            )
        )


def _lifespan_hint(unit: Unit) -> str:
    if unit.successors:
        return (
            "Ghi mã đơn vị kế thừa: "
            + ", ".join(unit.successors)
            + "; hoặc sửa ngày của quyết định nếu ghi nhầm."
        )
    return (
        "Kiểm tra mã đơn vị và ngày quyết định, hoặc tu_ngay/den_ngay của đơn vị trong don-vi.yaml."
    )
