"""Typed settings of the notices plugin, read once (never written back)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from .today import build_date


@dataclass(frozen=True)
class NoticesSettings:
    today: date
    feed_domain: str = ""  # absolute origin of the feed's links (FEED_DOMAIN)
    feed_title: str = "Lấy ý kiến nhân dân"

    @classmethod
    def from_pelican(cls, settings, environ: Mapping[str, str] | None = None) -> NoticesSettings:
        get = (settings or {}).get
        site = get("FEED_DOMAIN") or get("SITEURL") or ""
        sitename = get("SITENAME") or ""
        title = f"{cls.feed_title} – {sitename}" if sitename else cls.feed_title
        return cls(
            today=build_date(os.environ if environ is None else environ),
            feed_domain=site.rstrip("/"),
            feed_title=title,
        )
