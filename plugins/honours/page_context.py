"""What the honours templates get besides the view objects of views.py (pure: no Pelican).

- `format_number`: the `so` filter (12345 -> "12.345"), also plugins/notices'.
- `common_context`: what every honours page gets (the data, labels, the pages' URLs).
- `decision_box`: a decision's annex as shown on its page and on an article that names it.
- `open_data_page`: what /du-lieu/ shows once the files of records are written.
"""

from __future__ import annotations

from . import opendata, package, views
from .cells import TableCells
from .model import HonoursData
from .model_vocabulary import RECIPIENT_LABELS, SECTION_TITLES
from .urls import ACHIEVEMENT_YEARS_URL, BLOCS_URL, OPEN_DATA_URL, UNITS_URL, YEARS_URL


def format_number(value) -> str:
    """12345 -> "12.345" (the Vietnamese thousands separator)."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return str(value)


def common_context(data: HonoursData) -> dict:
    """The template variables of every honours page."""
    return {
        "honours": data,
        "RECIPIENT_LABELS": RECIPIENT_LABELS,
        "SECTION_TITLES": SECTION_TITLES,
        "honours_units_url": UNITS_URL,
        "honours_blocs_url": BLOCS_URL,
        "honours_years_url": YEARS_URL,
        "honours_achievement_years_url": ACHIEVEMENT_YEARS_URL,
        "honours_open_data_url": OPEN_DATA_URL,
        "decision_counts": lambda decision: views.decision_summary(data, decision),
    }


def decision_box(data: HonoursData, decision, cells: TableCells | None = None) -> dict:
    """What a decision's annex shows (its page, and an article page that names it)."""
    cells = cells if cells is not None else TableCells(data.record_ids)
    return {
        "decision": decision,
        "parts": [
            (kind, title, cells.annex_rows(decision, rows, data.units, data.honours))
            for kind, title, rows in decision.parts
        ],
        "honours": views.decision_honours(data, decision),
        "summary": views.decision_summary(data, decision),
    }


def open_data_page(
    data: HonoursData,
    site_url: str,
    record_count: int,
    tables: list[package.Table],
    slices: list[package.Table],
    entries: list[dict],
    changes_feed_path: str,
) -> dict:
    """The template variables of /du-lieu/ (honours/open_data.html): the fields, the files
    (the whole set first, then the slices), a preview and an example record, the log."""
    schema = package.table_schema(data)
    first = data.recipients[:1]
    return {
        "fields": schema["fields"],
        "record_count": record_count,
        "whole": tables[0],
        "slices": slices,
        "preview": opendata.records(data, site_url, data.recipients[:5]),
        "example": opendata.records(data, site_url, first)[0] if first else None,
        "example_decision": data.decisions[first[0].decision_id] if first else None,
        "example_link": (
            f"{data.decisions[first[0].decision_id].url}#{data.record_id(first[0])}"
            if first
            else ""
        ),
        "licence": package.LICENSE,
        "units_sorted": views.units_in_order(data, data.units),
        "changes_feed_path": changes_feed_path,
        "publication": entries[0] if entries else None,
    }
