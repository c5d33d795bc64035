"""Reading a decision's annex (danh sách kèm theo) from a spreadsheet: .xlsx or CSV.

Staff receive annexes as spreadsheets. The first row whose cells include a name column
("Họ và tên" or "Tên") is the header; rows above it (the title of the list) are skipped.
Recognised columns, in any order, compared without case or diacritics:

    STT | Đối tượng | Họ và tên (or Tên) | Chức vụ | Mã đơn vị | Đơn vị | Hình thức | Số tiền

"Họ và tên" and "Mã đơn vị" are required. Whether a row is a collective, an individual or a
household comes from the "Đối tượng" column, or else from section rows as printed on
decisions ("I. Tập thể", "II. Cá nhân", "III. Hộ gia đình").

CSV must be UTF-8 (with or without BOM); a file saved in Windows-1258 (the default of Excel
on Vietnamese Windows) is refused with a message that says how to save it as UTF-8.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from plugins.vietnamese.text import fold, nfc

from . import privacy
from .cleantext import BAD_IN_TEXT, HINT, first_bad
from .errors import AnnexError, HonoursError, MissingFieldError
from .model import COLLECTIVE, HOUSEHOLD, INDIVIDUAL

# Column -> accepted headers (folded, spaces collapsed).
COLUMNS: dict[str, tuple[str, ...]] = {
    "stt": ("stt", "tt", "so tt", "so thu tu"),
    "kind": ("doi tuong", "loai doi tuong", "loai", "phan"),
    "name": (
        "ho va ten",
        "ho ten",
        "ten",
        "ten tap the",
        "ten tap the, ca nhan",
        "ten tap the/ca nhan",
        "ten tap the, ca nhan, ho gia dinh",
        "ho va ten/ten tap the",
    ),
    "position": ("chuc vu", "chuc danh", "chuc vu, chuc danh"),
    "unit_id": ("ma don vi", "ma dv"),
    "unit_name": ("don vi", "ten don vi", "don vi cong tac"),
    "honour_id": ("hinh thuc", "ma hinh thuc", "hinh thuc khen thuong", "danh hieu"),
    "money": ("so tien", "tien thuong", "so tien thuong"),
    "period": ("nam thanh tich", "thoi ky thanh tich", "giai doan thanh tich"),
}
HEADER_LABELS = {
    "name": "Họ và tên",
    "unit_id": "Mã đơn vị",
    "kind": "Đối tượng",
}
REQUIRED = ("name", "unit_id")
# The allowlist as staff read it (privacy.py: any other column is refused).
ALLOWED_HEADERS = (
    "STT",
    "Đối tượng",
    "Họ và tên",
    "Chức vụ",
    "Mã đơn vị",
    "Đơn vị",
    "Hình thức",
    "Số tiền",
    "Năm thành tích",
)
_HEADER_LOOKUP = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}
_HEADER_SCAN_ROWS = 20

_KIND_WORDS = {
    "tap the": COLLECTIVE,
    "tap_the": COLLECTIVE,
    "ca nhan": INDIVIDUAL,
    "ca_nhan": INDIVIDUAL,
    "ho gia dinh": HOUSEHOLD,
    "ho_gia_dinh": HOUSEHOLD,
    "gia dinh": HOUSEHOLD,
}
_SECTION = re.compile(
    r"^(?:(?:[ivx]+|[a-c]|\d+)\s*[.):/-]?\s*)?(?:danh sach\s+)?(tap the|ca nhan|ho gia dinh)\b"
)

HOW_TO_SAVE_UTF8 = (
    "Mở tệp trong Excel, chọn Tệp > Lưu thành (File > Save As), ở ô kiểu tệp chọn "
    '"CSV UTF-8 (Comma delimited) (*.csv)" rồi lưu đè; hoặc đặt thẳng tệp .xlsx vào thư mục '
    "và ghi tên tệp .xlsx ở trường phu_luc."
)


@dataclass(slots=True)
class AnnexRow:
    line: int
    kind: str | None
    name: str
    position: str
    unit_id: str
    honour_id: str
    money: str
    period: str
    # the header text of each column as written in the file (for error messages)
    labels: dict


def _clean(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return _collapse(nfc(str(value)))


_SPACES = re.compile(r"[ \t\n\r\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def _collapse(text: str) -> str:
    """Runs of spaces to one space; control characters are kept to be reported (str.split()
    would silently drop some of them, U+001C-U+001F, U+0085)."""
    if BAD_IN_TEXT.search(text) is None:
        return " ".join(text.split())
    return _SPACES.sub(" ", text).strip()


def _header_key(text: str) -> str:
    key = " ".join(fold(text).replace("\n", " ").split())
    return key.rstrip(" :*").strip()


def kind_from_text(text: str) -> str | None:
    return _KIND_WORDS.get(" ".join(fold(text).split()))


def _section_kind(cells: list[str], columns: dict[str, int]) -> str | None:
    """The kind a section row opens ("I. Tập thể"), or None if the row is not a section row."""
    unit_col = columns.get("unit_id")
    if unit_col is not None and unit_col < len(cells) and cells[unit_col]:
        return None  # a recipient's row (checked first: it is the common case)
    filled = [c for c in cells if c]
    if not filled or len(filled) > 2:
        return None
    match = _SECTION.match(" ".join(fold(" ".join(filled)).split()))
    return _KIND_WORDS[match.group(1)] if match else None


def read_rows(path: Path) -> list[tuple[int, list[str]]]:
    """(line number, cells) of every row of the file; raises AnnexError if unreadable."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path, None)
    if suffix == ".csv":
        return _read_csv(path)
    raise AnnexError(
        file=str(path),
        message=f'Không đọc được phụ lục dạng "{path.suffix}" (unsupported annex format).',
        hint="Dùng tệp .xlsx (Excel) hoặc .csv lưu ở dạng UTF-8.",
    )


def _read_csv(path: Path, display: str | None = None) -> list[tuple[int, list[str]]]:
    display = display or str(path)
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise AnnexError(
            file=display,
            line=1,
            message="Tệp CSV được lưu ở dạng UTF-16 (Unicode Text), không phải UTF-8 "
            "(CSV is UTF-16, not UTF-8).",
            hint=HOW_TO_SAVE_UTF8,
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        guess = _looks_like_windows_1258(raw)
        what = (
            "được lưu bằng bảng mã Windows-1258 (mặc định của Excel trên Windows tiếng Việt)"
            if guess
            else "không ở dạng UTF-8"
        )
        raise AnnexError(
            file=display,
            line=line,
            message=f"Tệp CSV {what}, nên chữ tiếng Việt sẽ bị lỗi phông "
            "(CSV is not UTF-8" + (", looks like Windows-1258)." if guess else ")."),
            hint=HOW_TO_SAVE_UTF8,
        ) from None
    text = nfc(text)
    sample = text[:4096]
    first_line = sample.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count) if first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # Each cell as _clean() makes it (CSV cells are always text), inline: there are millions.
    rows = []
    start = 1
    limit = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)  # cells are measured below, with their column
    try:
        if BAD_IN_TEXT.search(text) is None:
            for cells in reader:
                rows.append((start, [" ".join(c.split()) if c else "" for c in cells]))
                start = reader.line_num + 1
        else:  # reported by parse_rows, with the column
            for cells in reader:
                rows.append((start, [_collapse(c) for c in cells]))
                start = reader.line_num + 1
    except csv.Error as error:
        raise AnnexError(
            file=display,
            line=reader.line_num,
            message=f"Tệp CSV sai định dạng ({error}) (malformed CSV).",
            hint="Kiểm tra dấu ngoặc kép: một ô có dấu phẩy phải được đặt trong ngoặc kép.",
        ) from None
    finally:
        csv.field_size_limit(limit)
    return rows


def _looks_like_windows_1258(raw: bytes) -> bool:
    """Bytes that decode as cp1258 into Vietnamese letters (combining tones, ă â đ ê ô ơ ư)."""
    try:
        text = raw.decode("cp1258")
    except UnicodeDecodeError:
        return False
    marks = "\u0300\u0301\u0303\u0309\u0323ăâđêôơưĂÂĐÊÔƠƯ"
    return any(ch in marks for ch in text)


def _read_xlsx(path: Path, sheet: str | None, display: str | None = None):
    display = display or str(path)
    try:
        import openpyxl

        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise AnnexError(
            file=display,
            message=f"Không mở được tệp Excel: {error} (cannot open the workbook).",
            hint="Mở lại tệp bằng Excel và lưu ở dạng Sổ làm việc Excel (*.xlsx).",
        ) from None
    try:
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            names = ", ".join(f'"{n}"' for n in workbook.sheetnames)
            raise AnnexError(
                file=display,
                field="trang_tinh",
                message=f'Tệp không có trang tính "{sheet}" (no such sheet).',
                hint=f"Các trang tính có trong tệp: {names}.",
            )
        rows = []
        number = 0
        try:
            for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
                rows.append((number, [_clean(v) for v in values]))
        except Exception as error:  # a damaged sheet: the row where reading stopped
            raise AnnexError(
                file=display,
                line=number + 1,
                message=f"Không đọc được trang tính ({type(error).__name__}) (damaged worksheet).",
                hint="Mở lại tệp bằng Excel và lưu ở dạng Sổ làm việc Excel (*.xlsx).",
            ) from None
        return rows
    finally:
        workbook.close()


def read_annex(
    path: Path, display: str, sheet: str | None = None
) -> tuple[list[AnnexRow], list[HonoursError]]:
    """The rows of an annex and the problems found (all of them, not just the first)."""
    try:
        if path.suffix.lower() == ".xlsx":
            rows = _read_xlsx(path, sheet, display)
        elif path.suffix.lower() == ".csv":
            rows = _read_csv(path, display)
        else:
            rows = read_rows(path)
    except HonoursError as error:
        error.file = display
        return [], [error]
    return parse_rows(rows, display)


MAX_CELL = 2000  # characters: a name, a position, an id; longer is a pasted paragraph


def _column_name(index: int, labels: dict[str, str], columns: dict[str, int]) -> str:
    for column, at in columns.items():
        if at == index:
            return labels[column]
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return f"cột {letters}"


def _bad_cells(rows, display, labels, columns) -> tuple[set[int], list[HonoursError]]:
    """Lines of the rows holding an invisible or control character or an over-long cell."""
    bad_lines: set[int] = set()
    problems: list[HonoursError] = []
    for line, cells in rows:
        joined = "".join(cells)
        if len(joined) <= MAX_CELL and BAD_IN_TEXT.search(joined) is None:
            continue
        for index, cell in enumerate(cells):
            where = _column_name(index, labels, columns)
            char = first_bad(cell, multiline=True)
            if char is not None:
                message = f'Ô ở cột "{where}" có {char.message} (invisible character).'
                hint = HINT
            elif len(cell) > MAX_CELL:
                message = (
                    f'Ô ở cột "{where}" dài {len(cell)} ký tự, quá {MAX_CELL} ký tự của một ô '
                    "(cell too long)."
                )
                hint = "Ô chỉ ghi tên, chức vụ hoặc mã; kiểm tra dấu ngoặc kép bị thiếu làm "
                hint += "nhiều dòng dồn vào một ô."
            else:
                continue
            bad_lines.add(line)
            problems.append(
                AnnexError(file=display, line=line, field=where, message=message, hint=hint)
            )
    return bad_lines, problems


def parse_rows(
    rows: list[tuple[int, list[str]]], display: str
) -> tuple[list[AnnexRow], list[HonoursError]]:
    problems: list[HonoursError] = []
    header_at = None
    columns: dict[str, int] = {}
    labels: dict[str, str] = {}
    for position, (_line, cells) in enumerate(rows[:_HEADER_SCAN_ROWS]):
        found = {}
        for index, cell in enumerate(cells):
            column = _HEADER_LOOKUP.get(_header_key(cell)) if cell else None
            if column and column not in found:
                found[column] = index
        if "name" in found:
            header_at = position
            columns = found
            labels = {col: rows[position][1][idx] for col, idx in found.items()}
            break
    if header_at is None:
        problems.append(
            MissingFieldError(
                file=display,
                line=1,
                field="Họ và tên",
                message='Phụ lục thiếu cột "Họ và tên" (hoặc "Tên"): không tìm thấy dòng tiêu đề '
                "(missing header row / name column).",
                hint="Dòng tiêu đề cần có các cột: STT, Họ và tên, Chức vụ, Mã đơn vị "
                "(và Đối tượng nếu danh sách không chia phần I. Tập thể, II. Cá nhân).",
            )
        )
        return [], problems
    bad_lines, found = _bad_cells(rows, display, labels, columns)
    problems.extend(found)
    header_line = rows[header_at][0]
    allowed = ", ".join(ALLOWED_HEADERS)
    for cell in rows[header_at][1]:
        if cell and _HEADER_LOOKUP.get(_header_key(cell)) is None:
            problems.append(privacy.column_problem(display, header_line, cell, allowed))
    for column in REQUIRED:
        if column not in columns:
            problems.append(
                MissingFieldError(
                    file=display,
                    line=header_line,
                    field=HEADER_LABELS[column],
                    message=f'Phụ lục thiếu cột "{HEADER_LABELS[column]}" (missing column).',
                    hint=f'Thêm cột "{HEADER_LABELS[column]}" vào dòng tiêu đề'
                    + (
                        " và ghi mã đơn vị (ví dụ bac-ha) cho từng dòng; danh sách mã ở "
                        "content/honours/don-vi.yaml."
                        if column == "unit_id"
                        else "."
                    ),
                )
            )
    if len(problems) > len(found):
        return [], problems

    def cell(cells: list[str], column: str) -> str:
        index = columns.get(column)
        return cells[index] if index is not None and index < len(cells) else ""

    result: list[AnnexRow] = []
    section: str | None = None
    for line, cells in rows[header_at + 1 :]:
        if not any(cells) or line in bad_lines:
            continue
        opened = _section_kind(cells, columns)
        if opened:
            section = opened
            continue
        kind = section
        kind_text = cell(cells, "kind")
        if kind_text:
            kind = kind_from_text(kind_text)
            if kind is None:
                problems.append(
                    AnnexError(
                        file=display,
                        line=line,
                        field=labels.get("kind", "Đối tượng"),
                        message=f'Đối tượng "{kind_text}" không hợp lệ (unknown recipient kind).',
                        hint='Ghi "Tập thể", "Cá nhân" hoặc "Hộ gia đình".',
                    )
                )
                continue
        elif kind is None:
            problems.append(
                AnnexError(
                    file=display,
                    line=line,
                    field="Đối tượng",
                    message="Không biết dòng này là tập thể hay cá nhân "
                    "(row before any section and no kind column).",
                    hint='Thêm dòng "I. Tập thể" / "II. Cá nhân" phía trên các dòng, hoặc thêm '
                    'cột "Đối tượng".',
                )
            )
            continue
        name = cell(cells, "name")
        unit_id = cell(cells, "unit_id")
        if not name:
            problems.append(
                MissingFieldError(
                    file=display,
                    line=line,
                    field=labels["name"],
                    message=f'Dòng không có tên (empty "{labels["name"]}").',
                    hint="Ghi họ và tên cá nhân (Ông/Bà ...) hoặc tên tập thể; xóa dòng nếu "
                    "là dòng thừa (ví dụ dòng Tổng cộng).",
                )
            )
        if not unit_id:
            problems.append(
                MissingFieldError(
                    file=display,
                    line=line,
                    field=labels["unit_id"],
                    message=f'Dòng không có mã đơn vị (empty "{labels["unit_id"]}").',
                    hint="Ghi mã đơn vị (ví dụ bac-ha); danh sách mã ở "
                    "content/honours/don-vi.yaml.",
                )
            )
        if not name or not unit_id:
            continue
        result.append(
            AnnexRow(
                line=line,
                kind=kind,
                name=name,
                position=cell(cells, "position"),
                unit_id=unit_id,
                honour_id=cell(cells, "honour_id"),
                money=cell(cells, "money"),
                period=cell(cells, "period"),
                labels=labels,
            )
        )
    return result, problems
