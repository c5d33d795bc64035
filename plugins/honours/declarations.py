"""Every data file of content/honours/, declared once, field by field (see schema.py).

Loading (loader.py), messages, the staff guide's field tables (docs/du-lieu-khen-thuong.md,
made by fieldtables.py and checked by a test) and the references integrity.py checks all
derive from these declarations. A new field is one line (plus its test) in the module of its
data file:

- declared_vocabulary.py: danh-hieu.yaml (the honours vocabulary);
- declared_units.py: don-vi.yaml (kinds of unit, units, their former names);
- declared_blocs.py: khoi-thi-dua.yaml (blocs, their years, rankings);
- declared_decisions.py: the decision files (decisions, annex files, rows written by hand);
- declared_annexes.py: the columns of an annex spreadsheet.

This module holds what they share: what a reference may name, and the note field. The
records the staff guide shows, in its order, are listed in fieldtables.py.
"""

from __future__ import annotations

from .convert import LONG_TEXT
from .schema import Field

# What a REF field may name: record name -> (label, file that lists them).
TARGETS = {
    "don_vi": ("đơn vị", "content/honours/don-vi.yaml"),
    "loai_don_vi": ("loại đơn vị", "phần loai_don_vi của content/honours/don-vi.yaml"),
    "danh_hieu": ("danh hiệu, hình thức", "content/honours/danh-hieu.yaml"),
    "khoi": ("khối", "content/honours/khoi-thi-dua.yaml"),
    "phong_trao": ("phong trào", "content/honours/phong-trao.yaml"),
}

NOTE = Field("ghi_chu", "ghi chú", LONG_TEXT, doc="ghi chú nội bộ, không hiện trên trang")
