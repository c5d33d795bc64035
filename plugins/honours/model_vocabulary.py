"""The honours vocabulary (danh-hieu.yaml) and the fixed words of the data.

Pure Python: the kinds of recipient and of honour, as written in the data and in the open
data, with their Vietnamese labels, and the `Honour` record of the vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model_source import Source

# Kinds of recipient, as written in data and in the open data (loai_doi_tuong).
COLLECTIVE = "tap_the"
INDIVIDUAL = "ca_nhan"
HOUSEHOLD = "ho_gia_dinh"
RECIPIENT_KINDS = (COLLECTIVE, INDIVIDUAL, HOUSEHOLD)
RECIPIENT_LABELS = {COLLECTIVE: "Tập thể", INDIVIDUAL: "Cá nhân", HOUSEHOLD: "Hộ gia đình"}
# The parts of a decision's annex, in the order decisions print them.
SECTION_TITLES = {
    COLLECTIVE: "I. Tập thể",
    INDIVIDUAL: "II. Cá nhân",
    HOUSEHOLD: "III. Hộ gia đình",
}

# Honour kinds (the law's two families).
TITLE = "danh_hieu"  # danh hiệu thi đua
FORM = "hinh_thuc"  # hình thức khen thưởng
HONOUR_KIND_LABELS = {TITLE: "Danh hiệu thi đua", FORM: "Hình thức khen thưởng"}


@dataclass(slots=True)
class Honour:
    """One title or form of commendation of the vocabulary (danh-hieu.yaml)."""

    id: str
    name: str
    kind: str  # TITLE or FORM
    precedence: int  # smaller is higher: the order in which awards are presented
    recipients: tuple[str, ...]  # who may receive it: RECIPIENT_KINDS
    group: str = ""  # "Huân chương", "Bằng khen", ...
    klass: str = ""  # "Nhất", "Nhì", "Ba" for orders and medals with classes
    level: str = ""  # "Nhà nước", "Tỉnh", "Cơ sở"
    source: Source | None = None

    @property
    def kind_label(self) -> str:
        return HONOUR_KIND_LABELS.get(self.kind, self.kind)

    def allows(self, recipient_kind: str) -> bool:
        return recipient_kind in self.recipients
