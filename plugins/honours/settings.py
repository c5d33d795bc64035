"""Typed settings of the honours plugin, read once from Pelican's settings (never written back)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HonoursSettings:
    data_dir: str = "honours"  # under PATH (content/)
    open_data: bool = True  # write /du-lieu/ (CSV, JSON, per-unit JSON)
    site_url: str = ""  # for the absolute URLs of the open data
    relative_urls: bool = False

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
        )
