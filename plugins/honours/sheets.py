"""Reading a spreadsheet into (line number, cells) rows: .xlsx (openpyxl) or CSV (UTF-8).

Every cell becomes one line of NFC text with runs of spaces collapsed. A CSV saved in
Windows-1258 or UTF-16, a damaged workbook or sheet, a sheet that does not exist: an
AnnexError with a Vietnamese message. Pure: no Pelican.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

from plugins.vietnamese.text import nfc

from .cleantext import BAD_IN_TEXT, ODD_SPACES, what_tidied
from .errors import AnnexError

HOW_TO_SAVE_UTF8 = (
    "Mở tệp trong Excel, chọn Tệp > Lưu thành (File > Save As), ở ô kiểu tệp chọn "
    '"CSV UTF-8 (Comma delimited) (*.csv)" rồi lưu đè; hoặc đặt thẳng tệp .xlsx vào thư mục '
    "và ghi tên tệp .xlsx ở trường phu_luc."
)


class Rows(list):
    """The (line number, cells) of a spreadsheet, and `tidied`: {(line, column index): what
    was tidied} for each cell whose wide spaces or runs of spaces were tidied (annex.py warns
    about them, with the column's name, in cleantext's words)."""

    def __init__(self, *args):
        super().__init__(*args)
        self.tidied: dict[tuple[int, int], str] = {}

    def note(self, line: int, cells) -> None:
        """Record the cells of a row (raw values) that tidying changes."""
        for index, value in enumerate(cells):
            if type(value) is str and ODD_SPACES.search(value) is not None:
                self.tidied[(line, index)] = what_tidied(value)


def clean_cell(value) -> str:
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


MB = 1024 * 1024
# Limits on an annex, checked before it is read (a huge file or a zip bomb must not exhaust
# the build machine). Generous: a real annex of 100 000 rows is ~5 MB as CSV, ~2 MB as .xlsx
# (24 MB unpacked, 14 times its packed size).
MAX_ANNEX_BYTES = 20 * MB  # the file on disk, .csv or .xlsx
MAX_XLSX_UNPACKED = 200 * MB  # the total size of an .xlsx's zip members, unpacked
MAX_XLSX_RATIO = 100  # unpacked / packed size of one member (above RATIO_FROM bytes)
RATIO_FROM = 1 * MB
TOO_BIG_HINT = (
    "Phụ lục chỉ chứa danh sách được khen: xóa các trang tính, ảnh và cột thừa rồi lưu lại; "
    "danh sách thật sự dài thì tách thành nhiều tệp (phu_luc: [tep-1.xlsx, tep-2.xlsx])."
)


def _mb(size: int) -> str:
    """Megabytes with one decimal, rounded up: a file just over a limit never reads as it."""
    return f"{-(-size * 10 // MB) / 10:.1f}".replace(".", ",") + " MB"


def size_problem(path: Path) -> str | None:
    """Why the annex at `path` is too big to be read (Vietnamese), or None. For an .xlsx, the
    sizes its zip directory declares: Python's zipfile never unpacks more than a member
    declares (a member that lies fails its CRC check), so they bound what openpyxl reads."""
    size = path.stat().st_size
    if size > MAX_ANNEX_BYTES:
        return f"tệp nặng {_mb(size)}, quá giới hạn {_mb(MAX_ANNEX_BYTES)} của một phụ lục"
    if path.suffix.lower() != ".xlsx":
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # not a workbook: openpyxl says so, in read_xlsx's words
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_XLSX_UNPACKED:
        return (
            f"tệp Excel khi giải nén nặng {_mb(unpacked)}, quá giới hạn "
            f"{_mb(MAX_XLSX_UNPACKED)} (tệp nén bất thường)"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FROM and ratio > MAX_XLSX_RATIO:
            return (
                f'phần "{member.filename}" của tệp Excel giải nén lớn gấp {ratio:.0f} lần khi '
                f"nén, quá giới hạn {MAX_XLSX_RATIO} lần (tệp nén bất thường, zip bomb)"
            )
    return None


def check_size(path: Path, display: str) -> None:
    """Raise an AnnexError (field "phu_luc": decisions.py names the YAML line of the annex)
    when the annex is too big to be read."""
    why = size_problem(path)
    if why:
        raise AnnexError(
            file=display,
            field="phu_luc",
            message=f"{why[0].upper()}{why[1:]}: không đọc (annex too large).",
            hint=TOO_BIG_HINT,
        )


def read_rows(path: Path) -> list[tuple[int, list[str]]]:
    """(line number, cells) of every row of the file; raises AnnexError if unreadable."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx(path, None)
    if suffix == ".csv":
        return read_csv(path)
    raise AnnexError(
        file=str(path),
        message=f'Không đọc được phụ lục dạng "{path.suffix}" (unsupported annex format).',
        hint="Dùng tệp .xlsx (Excel) hoặc .csv lưu ở dạng UTF-8.",
    )


def read_csv(path: Path, display: str | None = None) -> list[tuple[int, list[str]]]:
    display = display or str(path)
    check_size(path, display)
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
    # Each cell as clean_cell() makes it (CSV cells are always text), inline: there are millions.
    rows = Rows()
    start = 1
    limit = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)  # cells are measured below, with their column
    try:
        if BAD_IN_TEXT.search(text) is None and ODD_SPACES.search(text) is None:
            for cells in reader:  # the common case: nothing to report, nothing to note
                rows.append((start, [" ".join(c.split()) if c else "" for c in cells]))
                start = reader.line_num + 1
        else:  # reported by parse_rows, with the column
            for cells in reader:
                rows.note(start, cells)
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


def read_xlsx(path: Path, sheet: str | None, display: str | None = None):
    display = display or str(path)
    check_size(path, display)
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
        rows = Rows()
        number = 0
        try:
            for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
                rows.note(number, values)
                rows.append((number, [clean_cell(v) for v in values]))
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
