"""Stable record ids (pure: no Pelican).

A record (one row of a decision's annex) is identified by its decision and by what names it:
the kind of recipient, the name, the unit and the honour. Its id is

    <decision id>-<the name as an ASCII slug, at most 40 characters>-<6 hex digits>

where the hex digits are the start of the SHA-256 of "kind, name, unit, honour". The row
number plays no part, so adding, removing or reordering other rows never changes an id; a
correction of the name, unit or honour gives a new id (it is another record). Two rows that
share all four (the same person twice in one annex) get "-2", "-3"... in annex order; so do
two rows whose slugs and hex digits happen to coincide.

The id is the anchor of the row on the decision page (/quyet-dinh/<decision>/#<id>) and on
the unit page, and the column ma_ban_ghi of the open data.
"""

from __future__ import annotations

import hashlib

from plugins.vietnamese.text import slugify

from .model_decisions import Decision

SLUG_LENGTH = 40


def base_id(decision_id: str, kind: str, name: str, unit_id: str, honour_id: str) -> str:
    digest = hashlib.sha256("\x1f".join((kind, name, unit_id, honour_id)).encode()).hexdigest()
    slug = slugify(name)[:SLUG_LENGTH].strip("-") or "ban-ghi"
    return f"{decision_id}-{slug}-{digest[:6]}"


def decision_record_ids(decision: Decision) -> list[str]:
    """The ids of the decision's rows, in annex order."""
    taken: set[str] = set()
    result = []
    for row in decision.recipients:
        base = base_id(decision.id, row.kind, row.name, row.unit_id, row.honour_id)
        ident, n = base, 1
        while ident in taken:
            n += 1
            ident = f"{base}-{n}"
        taken.add(ident)
        result.append(ident)
    return result
