"""Where the honours pages live: the site-root-relative URLs of the unit, bloc, year,
achievement-year, decision and open data pages.

Pure Python. Pelican's convention: relative to the site root, with no leading slash
("don-vi/bac-ha/"), so templates write `{{ SITEURL }}/{{ unit.url }}`.
"""

from __future__ import annotations

UNITS_URL = "don-vi/"
BLOCS_URL = "khoi-thi-dua/"
YEARS_URL = "khen-thuong/"
ACHIEVEMENT_YEARS_URL = "khen-thuong/nam-thanh-tich/"
OPEN_DATA_URL = "du-lieu/"


def unit_url(unit_id: str) -> str:
    return f"don-vi/{unit_id}/"


def bloc_url(bloc_id: str) -> str:
    return f"khoi-thi-dua/{bloc_id}/"


def decision_url(decision_id: str) -> str:
    return f"quyet-dinh/{decision_id}/"


def year_url(year: int) -> str:
    return f"khen-thuong/{year}/"
