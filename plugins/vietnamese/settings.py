"""Typed settings of the vietnamese plugin, read once from Pelican's settings."""

from dataclasses import dataclass


@dataclass(frozen=True)
class VietnameseSettings:
    categories: tuple[str, ...] = ()
    search_url: str = "tim-kiem/"
    # A second process parses the articles from the far end of the list (read_ahead.py);
    # tools/build.py and make bench set READ_AHEAD, from this many articles on.
    read_ahead: bool = False
    read_ahead_min: int = 200

    @classmethod
    def from_pelican(cls, settings) -> "VietnameseSettings":
        return cls(
            categories=tuple(settings.get("CATEGORIES", ())),
            search_url=settings.get("SEARCH_URL", cls.search_url),
            read_ahead=bool(settings.get("READ_AHEAD", cls.read_ahead)),
            read_ahead_min=int(settings.get("READ_AHEAD_MIN", cls.read_ahead_min)),
        )
