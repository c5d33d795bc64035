"""The text of the two big tables, escaped once: a unit's honours and a decision's annex.

Every recipient row is printed twice (on its unit's page and on its decision's page), so a
site with 100 000 rows prints 200 000 table rows. With Jinja's autoescape each `{{ }}` costs
a call to markupsafe.escape and a Markup object, several seconds for these tables alone. So
the row loops of theme/templates/honours/unit.html and _annex.html run inside
`{% autoescape false %}` over tuples made here, where every value is escaped with the very
function autoescape uses (markupsafe.escape: the same bytes in the page), and what repeats
(a decision's number, URL and dates, a unit's name and URL, an honour's name) is escaped once.
The values are plain strings already escaped: print them only inside those blocks (outside,
autoescape would escape them twice). Pure: no Pelican, no Jinja.
"""

from __future__ import annotations

import re
from datetime import date

from markupsafe import escape

from plugins.vietnamese.dates import format_date, iso

from .model_decisions import Decision, Recipient
from .model_units import Unit
from .model_vocabulary import Honour

# The characters markupsafe.escape replaces.
_SPECIAL = re.compile("[&<>'\"]")

# (anchor, name, position, honour, year, decision URL, decision number, ISO date, date)
UnitRow = tuple[str, str, str, str, int, str, str, str, str]
# (anchor, name, position, unit URL, unit name on the decision's date, honour)
AnnexRow = tuple[str, str, str, str, str, str]


# A row corrected or cancelled by a later decision keeps its place, with a mark.
STATUS_MARKS = {
    "da_dinh_chinh": ' <span class="trang-thai">(đã đính chính)</span>',
    "da_huy": ' <span class="trang-thai trang-thai-huy">(đã hủy)</span>',
}


def name_cell(recipient: Recipient) -> str:
    name = html_text(recipient.name)
    if recipient.status != "hieu_luc":
        return name + STATUS_MARKS[recipient.status]
    return name


def html_text(value) -> str:
    """str(markupsafe.escape(value)); for text with nothing to escape (most names), the very
    same string object, so no copy is made."""
    if type(value) is not str or _SPECIAL.search(value) is not None:
        return str(escape(value))
    return value


class TableCells:
    """Escaped cells for one HonoursData (what repeats is escaped once and kept here, keyed
    by the Decision and Unit objects themselves, which compare by identity). `record_ids` is
    HonoursData.record_ids: the anchor of each row is its record id."""

    def __init__(self, record_ids: dict[tuple[str, int], str]) -> None:
        self._record_ids = record_ids
        self._decisions: dict[Decision, tuple[str, tuple[int, str, str, str, str]]] = {}
        self._honours: dict[str, str] = {}
        self._unit_urls: dict[Unit, str] = {}
        self._unit_names: dict[Unit, str] = {}

    def decision(self, decision: Decision) -> tuple[str, tuple[int, str, str, str, str]]:
        """(its id, and (year, URL, number, ISO date, date as dd/mm/yyyy)), the date as the
        `iso` and `ngay` filters print it."""
        cells = self._decisions.get(decision)
        if cells is None:
            day = decision.date
            cells = (
                decision.id,
                (
                    decision.year,
                    html_text(decision.url),
                    html_text(decision.number),
                    html_text(iso(day)),
                    html_text(format_date(day)),
                ),
            )
            self._decisions[decision] = cells
        return cells

    def honour(self, honour: Honour) -> str:
        name = self._honours.get(honour.id)
        if name is None:
            name = self._honours[honour.id] = html_text(honour.name)
        return name

    def unit_url(self, unit: Unit) -> str:
        url = self._unit_urls.get(unit)
        if url is None:
            url = self._unit_urls[unit] = html_text(unit.url)
        return url

    def unit_name_on(self, unit: Unit, day: date) -> str:
        """The unit's name on that day (a unit that was renamed is not cached)."""
        if unit.former_names:
            return html_text(unit.name_on(day))
        name = self._unit_names.get(unit)
        if name is None:
            name = self._unit_names[unit] = html_text(unit.name)
        return name

    def unit_rows(self, rows) -> list[UnitRow]:
        """The rows of a unit page's table (views.Row objects, in the order given). The
        anchor is the record id (ASCII letters, digits and hyphens: nothing to escape)."""
        result = []
        append = result.append
        decision_cells, honour_cell, ids = self.decision, self.honour, self._record_ids
        for row in rows:
            recipient: Recipient = row.recipient
            decision_id, cells = decision_cells(row.decision)
            append(
                (
                    ids[(decision_id, recipient.index)],
                    name_cell(recipient),
                    html_text(recipient.position),
                    honour_cell(row.honour),
                    *cells,
                )
            )
        return result

    def annex_rows(self, decision: Decision, rows, units, honours) -> list[AnnexRow]:
        """The rows of a decision's annex (Recipient objects, in annex order); `units` and
        `honours` are the dicts of HonoursData."""
        result = []
        append = result.append
        day = decision.date
        decision_id, ids = decision.id, self._record_ids
        unit_url, unit_name_on, honour_cell = self.unit_url, self.unit_name_on, self.honour
        for recipient in rows:
            unit = units[recipient.unit_id]
            append(
                (
                    ids[(decision_id, recipient.index)],
                    name_cell(recipient),
                    html_text(recipient.position),
                    unit_url(unit),
                    unit_name_on(unit, day),
                    honour_cell(honours[recipient.honour_id]),
                )
            )
        return result
