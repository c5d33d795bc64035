"""Issuers with lifespans: who could sign a decision on its date (pure).

- The district level (huyện, thị xã, quận) was abolished on 2025-07-01 (two-tier local
  government): from that day no decision can be signed by a district body. It is recognised
  from the issuer as written (`co_quan`: "Chủ tịch UBND huyện Bắc Hà"), and from the issuing
  unit when the decision names it (`don_vi_ban_hanh`, a unit of a district kind).
- A decision that names its issuing unit cannot be dated outside the unit's lifespan
  (dissolved, or not yet formed).
"""

from __future__ import annotations

import re
from datetime import date

from plugins.vietnamese.dates import format_date
from plugins.vietnamese.text import fold

from .errors import HonoursError
from .model_units import Unit

DISTRICT_ABOLISHED = date(2025, 7, 1)
DISTRICT_KINDS = frozenset({"huyen"})  # unit kinds (don-vi.yaml) of the district level
# "huyện", "thị xã" as words; "quận" only after UBND/Chủ tịch ("cơ quan" folds to "co quan").
_DISTRICT = re.compile(
    r"\b(?:huyen|thi xa)\b|\b(?:ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan|chu tich) quan\b"
)


class IssuerError(HonoursError):
    """A decision signed by a body that did not exist on its date."""


def is_district_text(issuer: str) -> bool:
    return bool(_DISTRICT.search(" ".join(fold(issuer).split())))


def issuer_problems(issuer: str, day: date, unit: Unit | None) -> list[tuple[str, str, str]]:
    """(field, message, hint) for each problem of a decision's issuer on `day`."""
    found: list[tuple[str, str, str]] = []
    when = format_date(day)
    after_reform = day >= DISTRICT_ABOLISHED
    if unit is not None and not unit.exists_on(day):
        if unit.valid_to is not None and day >= unit.valid_to:
            message = (
                f'Cơ quan ban hành "{unit.name}" ({unit.id}) không còn từ ngày '
                f"{format_date(unit.valid_to)}, nhưng quyết định ghi ngày ký {when} "
                "(issuer dissolved before the decision)."
            )
        else:
            message = (
                f'Cơ quan ban hành "{unit.name}" ({unit.id}) chỉ có từ ngày '
                f"{format_date(unit.valid_from)}, nhưng quyết định ghi ngày ký {when}."
            )
        successors = ", ".join(unit.successors)
        hint = "Kiểm tra ngày ký và cơ quan ban hành"
        hint += f" (đơn vị kế thừa: {successors})." if successors else "."
        found.append(("don_vi_ban_hanh", message, hint))
    elif unit is not None and after_reform and unit.kind in DISTRICT_KINDS:
        found.append(
            (
                "don_vi_ban_hanh",
                f'Cơ quan ban hành "{unit.name}" là cấp huyện, nhưng quyết định ngày {when}: từ '
                "01/07/2025 không còn cấp huyện (district level abolished).",
                "Kiểm tra ngày ký; sau 01/07/2025 quyết định do Chủ tịch UBND xã, phường hoặc "
                "cấp tỉnh ký.",
            )
        )
    if after_reform and is_district_text(issuer) and not found:
        found.append(
            (
                "co_quan",
                f'Cơ quan ban hành "{issuer}" là cấp huyện, nhưng quyết định ký ngày {when}: từ '
                "ngày 01/07/2025 không còn cấp huyện, không quyết định nào do cấp huyện ký "
                "(district-level issuer after 2025-07-01).",
                "Kiểm tra lại ngày ký (ngay) và cơ quan ban hành (co_quan); sau 01/07/2025 "
                "Giấy khen do Chủ tịch UBND xã, phường ký.",
            )
        )
    return found
