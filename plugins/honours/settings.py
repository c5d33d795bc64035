"""Typed settings of the honours plugin, read once from Pelican's settings (never written back)."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class HonoursSettings:
    data_dir: str = "honours"  # under PATH (content/)
    open_data: bool = True  # write /du-lieu/ (CSV, JSON, per-unit JSON)
    site_url: str = ""  # for the absolute URLs of the open data
    relative_urls: bool = False
    feed_domain: str = ""  # absolute URLs of the Atom feeds (FEED_DOMAIN, else SITEURL)
    publisher: str = ""  # the open data's publisher (PUBLISHER, else SITENAME)
    contact_email: str = ""  # the catalogue's contact point (HONOURS_CONTACT_EMAIL)
    # A local folder holding the previously published /du-lieu/ (khen-thuong.json and
    # thay-doi/lich-su.json), to which the log of changes compares: changes.py.
    previous_open_data: str = ""
    # The publication time of the log of changes: SOURCE_DATE_EPOCH (seconds, the
    # reproducible-builds convention; CI sets the commit's time), else None: the newest
    # decision's date.
    source_date_epoch: int | None = None

    @classmethod
    def from_pelican(cls, settings) -> HonoursSettings:
        if settings is None:
            return cls()
        get = settings.get
        return cls(
            data_dir=get("HONOURS_DATA_DIR", cls.data_dir),
            open_data=bool(get("HONOURS_OPEN_DATA", cls.open_data)),
            site_url=(get("SITEURL", "") or "").rstrip("/"),
            relative_urls=bool(get("RELATIVE_URLS", False)),
            feed_domain=(get("FEED_DOMAIN", "") or get("SITEURL", "") or "").rstrip("/"),
            publisher=get("PUBLISHER", "") or get("SITENAME", "") or "",
            contact_email=get("HONOURS_CONTACT_EMAIL", "") or "",
            previous_open_data=get("HONOURS_PREVIOUS_OPEN_DATA", "") or "",
            source_date_epoch=_epoch(
                get("SOURCE_DATE_EPOCH", None) or os.environ.get("SOURCE_DATE_EPOCH")
            ),
        )


def _epoch(value) -> int | None:
    """Seconds since 1970 (an invalid value stops the build: int() raises)."""
    return int(value) if value not in (None, "") else None
