"""The field tables of the staff guide (docs/du-lieu-khen-thuong.md), made from the declarations
(declared_*.py, and plugins/notices/declarations.py).

Each table sits between `<!-- bảng trường: NAME -->` and `<!-- hết bảng -->`; a test checks
that the guide holds exactly what the declarations say. After changing a declaration:

    .venv/bin/python -m plugins.honours.fieldtables      # rewrites the tables in the guide
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .declared_annexes import ANNEX_COLUMNS
from .declared_blocs import BLOC, BLOC_YEAR
from .declared_decisions import DECISION, ROW
from .declared_units import UNIT, UNIT_KIND
from .declared_vocabulary import HONOUR
from .schema import Record

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "du-lieu-khen-thuong.md"
# The honours records whose field tables the staff guide shows, in its order (the notices'
# are plugins/notices/declarations.DOCUMENTED).
DOCUMENTED = (HONOUR, UNIT_KIND, UNIT, BLOC, BLOC_YEAR, DECISION, ROW, ANNEX_COLUMNS)
BLOCK = re.compile(
    r"(<!-- bảng trường: (?P<name>\w+) -->\n)(?P<table>.*?)(<!-- hết bảng -->)", re.S
)


def table(record: Record) -> str:
    lines = [f"| {'Cột' if record.columns else 'Trường'} | Bắt buộc | Ý nghĩa |", "|---|---|---|"]
    for field in record.fields:
        required = "có" if field.required else "không"
        name = field.label if record.columns else f"`{field.key}`"
        lines.append(f"| {name} | {required} | {field.doc or field.label} |")
    return "\n".join(lines) + "\n"


def records() -> dict[str, Record]:
    from plugins.notices import declarations as notices  # holidays, consultations, campaigns

    documented = (*DOCUMENTED, *notices.DOCUMENTED)
    return {record.name: record for record in documented}


def render(text: str) -> str:
    """The guide's text with every marked table made anew from the declarations."""
    known = records()

    def replace(match: re.Match) -> str:
        record = known[match.group("name")]
        return match.group(1) + table(record) + match.group(4)

    return BLOCK.sub(replace, text)


def main() -> int:
    text = GUIDE.read_text(encoding="utf-8")
    new = render(text)
    if new != text:
        GUIDE.write_text(new, encoding="utf-8")
        print(f"Đã cập nhật các bảng trường trong {GUIDE.name}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
