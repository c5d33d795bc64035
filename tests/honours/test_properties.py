"""Property: whatever bytes an editor (or a hostile contributor) puts in a YAML, CSV or XLSX
file of content/honours/, load_honours() either loads or raises our SiteErrors, every problem
naming a file of content/honours/ with a message; never another exception (a traceback).

Bounded: a few thousand generated inputs in all, well under a minute on the CI machine.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import openpyxl
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from plugins.honours.loader import load_honours
from plugins.honours.model import HonoursData
from plugins.vietnamese.errors import SiteErrors
from tests.honours.helpers import ANNEX_163, D, honours_files, write

DEC163 = D + "2023/163-qd-ubnd.yaml"
ANNEX = D + "2023/163-phu-luc.csv"
YAML_FILES = ["honours/danh-hieu.yaml", "honours/don-vi.yaml", "honours/khoi-thi-dua.yaml",
              DEC163, D + "2023/58-qd-ubnd.yaml"]  # fmt: skip
KEYS = sorted(
    {"id", "ten", "loai", "don_vi", "loai_don_vi", "so", "ngay", "hinh_thuc", "phu_luc", "tep",
     "trang_tinh", "cac_nam", "nam", "thanh_vien", "xep_hang", "ten_cu", "den_ngay", "tu_ngay",
     "ke_thua", "tap_the", "ca_nhan", "thu_tu", "doi_tuong", "co_quan", "thanh_tich", "khoi",
     "cap_tren", "ten_khac", "truong_khoi", "diem"}
)  # fmt: skip
NASTY = ["\x00", "\x1b", "\u202e", "\u200b", "\ufeff", "\x85", "\u00a0", "\t", "\r", "\n",
         ":", "- ", "[", "{", "&a", "*a", "!!python/object:os.system", "'", '"', "#", "%",
         "../../../../etc/passwd", "/etc/passwd", "Đ", "ư\u0301", "yes", "~", "2023-02-30",
         "18/12/2023", "1e400", "0x1F", "-", "|", ">"]  # fmt: skip
SETTINGS = settings(
    max_examples=550,
    deadline=None,
    derandomize=True,  # the same inputs on every run: a failure is reproducible
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def text_strategy():
    return st.one_of(
        st.text(max_size=30),
        st.sampled_from(NASTY),
        st.lists(st.sampled_from(NASTY + KEYS), max_size=6).map(" ".join),
    )


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**20), 10**20), st.floats(), text_strategy()
)
trees = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), scalars), children, max_size=5),
    ),
    max_leaves=25,
)


def mutate(text: str, edits) -> str:
    for position, delete, insert in edits:
        at = position % (len(text) + 1)
        text = text[:at] + insert + text[at + delete :]
    return text


edits = st.lists(
    st.tuples(st.integers(0, 10_000), st.integers(0, 8), st.one_of(text_strategy(), st.just(""))),
    max_size=4,
)


class Content:
    """One content/ folder reused by every example (rewriting one file each time)."""

    def __init__(self) -> None:
        self.folder = tempfile.TemporaryDirectory()
        self.root = write(Path(self.folder.name))
        self.files = honours_files()

    def put(self, relative: str, data: bytes | str) -> None:
        path = self.root / relative
        for other, original in self.files.items():  # restore the valid data set first
            target = self.root / other
            target.write_bytes(original.encode() if isinstance(original, str) else original)
        path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)

    def check(self) -> None:
        try:
            data = load_honours(self.root)
        except SiteErrors as error:
            assert error.problems
            for problem in error.problems:
                assert problem.file.startswith("content/honours/"), problem
                assert problem.message
                str(problem)  # printable
            return
        assert isinstance(data, HonoursData)


CONTENT = Content()


@SETTINGS
@given(st.sampled_from(YAML_FILES), edits)
def test_mutated_yaml_loads_or_is_refused_with_our_error(name, changes):
    CONTENT.put(name, mutate(CONTENT.files[name], changes))
    CONTENT.check()


@SETTINGS
@given(st.sampled_from(YAML_FILES), trees)
def test_any_yaml_tree_loads_or_is_refused_with_our_error(name, tree):
    CONTENT.put(name, yaml.safe_dump(tree, allow_unicode=True))
    CONTENT.check()


@SETTINGS
@given(edits, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258", "latin-1"]))
def test_mutated_csv_loads_or_is_refused_with_our_error(changes, encoding):
    text = mutate(ANNEX_163, changes)
    CONTENT.put(ANNEX, text.encode(encoding, "replace"))
    CONTENT.check()


cells = st.one_of(st.none(), st.integers(-(10**15), 10**15), st.floats(allow_nan=False),
                  st.booleans(), text_strategy().map(lambda s: s[:200]),
                  st.sampled_from(["bac-ha", "si-ma-cai", "I. Tập thể", "II. Cá nhân",
                                   "Họ và tên", "Mã đơn vị", "=1+1"]))  # fmt: skip


@settings(SETTINGS, max_examples=150)
@given(st.lists(st.lists(cells, max_size=5), max_size=6), st.booleans())
def test_any_xlsx_loads_or_is_refused_with_our_error(rows, header):
    book = openpyxl.Workbook()
    sheet = book.active
    if header:
        sheet.append(["STT", "Họ và tên", "Mã đơn vị"])
    for row in rows:
        try:
            sheet.append(row)
        except (ValueError, TypeError, IllegalCharacterError):  # openpyxl refuses to write it
            continue
    buffer = io.BytesIO()
    book.save(buffer)
    decision = CONTENT.files[DEC163].replace("163-phu-luc.csv", "a.xlsx")
    CONTENT.put(D + "2023/a.xlsx", buffer.getvalue())
    (CONTENT.root / DEC163).write_text(decision, encoding="utf-8")
    CONTENT.check()


@settings(SETTINGS, max_examples=100)
@given(st.binary(max_size=300), st.sampled_from(["a.xlsx", "163-phu-luc.csv"]))
def test_damaged_spreadsheets_are_refused_with_our_error(data, name):
    CONTENT.put(D + "2023/" + name, data)
    if name == "a.xlsx":
        decision = CONTENT.files[DEC163].replace("163-phu-luc.csv", "a.xlsx")
        (CONTENT.root / DEC163).write_text(decision, encoding="utf-8")
    CONTENT.check()
