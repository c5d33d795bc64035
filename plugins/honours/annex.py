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

import re
from dataclasses import dataclass
from pathlib import Path

from plugins.vietnamese.errors import SiteError
from plugins.vietnamese.text import fold

from . import privacy
from .cleantext import BAD_IN_TEXT, HINT, TIDIED_HINT, first_bad, tidied_warning
from .declared_annexes import ANNEX_COLUMNS
from .errors import AnnexError, HonoursError, MissingFieldError
from .model_vocabulary import COLLECTIVE, HOUSEHOLD, INDIVIDUAL
from .sheets import HOW_TO_SAVE_UTF8, read_csv, read_rows, read_xlsx  # noqa: F401

# Declared in declared_annexes.ANNEX_COLUMNS: column -> accepted headers (folded, spaces
# collapsed).
COLUMNS: dict[str, tuple[str, ...]] = {f.key: f.aliases for f in ANNEX_COLUMNS.fields}
HEADER_LABELS = {f.key: f.label for f in ANNEX_COLUMNS.fields}
REQUIRED = tuple(f.key for f in ANNEX_COLUMNS.fields if f.required)
_HEADER_LOOKUP = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}
# The allowlist as staff read it (privacy.py: any other column is refused).
ALLOWED_HEADERS = tuple(f.label for f in ANNEX_COLUMNS.fields)
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


def read_annex(
    path: Path, display: str, sheet: str | None = None
) -> tuple[list[AnnexRow], list[HonoursError]]:
    """The rows of an annex and the problems found (all of them, not just the first)."""
    try:
        if path.suffix.lower() == ".xlsx":
            rows = read_xlsx(path, sheet, display)
        elif path.suffix.lower() == ".csv":
            rows = read_csv(path, display)
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
    problems.extend(_tidied(rows, display, labels, columns, {row.line for row in result}))
    return result, problems


MAX_TIDIED = 20  # warnings about tidied cells per annex; then one line counts the rest


def _tidied(rows, display: str, labels, columns, used: set[int]) -> list[SiteError]:
    """A warning for each cell of a recipient's row whose spaces were tidied (sheets.Rows),
    in the words of the YAML names' warning (cleantext.tidied_warning)."""
    found = sorted((at, what) for at, what in getattr(rows, "tidied", {}).items() if at[0] in used)
    warnings = [
        tidied_warning(
            f'Ô ở cột "{_column_name(index, labels, columns)}"',
            what,
            file=display,
            line=line,
            field=_column_name(index, labels, columns),
        )
        for (line, index), what in found[:MAX_TIDIED]
    ]
    if len(found) > MAX_TIDIED:
        warnings.append(
            SiteError(
                file=display,
                line=found[MAX_TIDIED][0][0],
                message=f"Còn {len(found) - MAX_TIDIED} ô khác có dấu cách không chuẩn; đã tự sửa.",
                hint=TIDIED_HINT,
                severity="warning",
            )
        )
    return warnings
