"""Helpers of the workflow tests: a small content folder and the real settings."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from plugins.checks.runner import Report, run_checks
from plugins.checks.settings import CheckSettings
from plugins.honours.model import HonoursData
from tests.support import ROOT, make_content
from tools.check import load_settings, pelican_slugify

NOW = datetime(2024, 6, 1, 12, 0)  # the checks' "now", fixed: no test depends on the clock


def fake_honours(content: Path) -> HonoursData:
    """Stands for the honours data: three units, one bloc, one decision."""
    return HonoursData(
        units={"bac-ha": object(), "sa-pa": object(), "bat-xat": object()},
        blocs={"khoi-huyen": object()},
        decisions={"163-qd-ubnd-2023": object()},
    )


def settings_for(content: Path) -> CheckSettings:
    return CheckSettings.from_pelican(load_settings(ROOT / "pelicanconf.py", content))


def check_files(tmp_path: Path, files: dict, honours=fake_honours, fix=True) -> Report:
    content = make_content(tmp_path / "content", files)
    settings = load_settings(ROOT / "pelicanconf.py", content)
    return run_checks(
        CheckSettings.from_pelican(settings),
        ROOT,
        honours_loader=honours,
        now=NOW,
        slugify=pelican_slugify(settings),
        fix=fix,
    )


def lines(report: Report) -> list[str]:
    return report.lines()[:-1]
