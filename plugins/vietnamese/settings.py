"""Typed settings of the vietnamese plugin, read once from Pelican's settings."""

from dataclasses import dataclass


@dataclass(frozen=True)
class VietnameseSettings:
    categories: tuple[str, ...] = ()
    search_url: str = "tim-kiem/"

    @classmethod
    def from_pelican(cls, settings) -> "VietnameseSettings":
        return cls(
            categories=tuple(settings.get("CATEGORIES", ())),
            search_url=settings.get("SEARCH_URL", cls.search_url),
        )
