"""Reproducible builds: the same content gives byte-identical output.

Pelican lists source files as a set, whose order changes with PYTHONHASHSEED; the two builds
below use different seeds, content folders at different paths and files created in opposite
orders, so any dependence on listing order, paths or the clock shows up as a difference.
"""

from __future__ import annotations

import filecmp
import io
import os
import subprocess
import sys
from pathlib import Path

from feedgenerator import Atom1Feed

from plugins.checks.glue import stable_feed_date
from tests.conftest import ROOT
from tests.workflow.site import small_site


def differences(first: Path, second: Path) -> list[str]:
    """Every file that is missing on one side or differs in its bytes."""
    found = []

    def walk(compare: filecmp.dircmp, prefix: str) -> None:
        found.extend(prefix + name for name in compare.left_only + compare.right_only)
        found.extend(prefix + name for name in compare.common_funny + compare.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(
            compare.left, compare.right, compare.common_files, shallow=False
        )
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in sorted(compare.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(first, second), "")
    return sorted(found)


def build_cli(content: Path, output: Path, seed: str, *extra: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tools.build", "--content", content, "--output", output, *extra],
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": seed},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_two_builds_are_byte_identical(tmp_path):
    first = small_site(tmp_path / "a" / "content")
    second = small_site(tmp_path / "other-place" / "content", order="reversed")
    build_cli(first, tmp_path / "a" / "output", "1")
    build_cli(second, tmp_path / "other-place" / "output", "2")
    files = [p for p in (tmp_path / "a" / "output").rglob("*") if p.is_file()]
    assert len(files) > 20
    assert differences(tmp_path / "a" / "output", tmp_path / "other-place" / "output") == []


def test_sample_site_builds_identically(built_site, tmp_path):
    """The sample content, built again (another seed, other folder) as `make html` does."""
    build_cli(ROOT / "content", tmp_path / "output", "12345")
    assert differences(built_site, tmp_path / "output") == []


def test_empty_feed_takes_its_date_from_the_content():
    feed = Atom1Feed(title="T", link="http://x/", description="", feed_url="http://x/f")
    stable_feed_date({"articles": []}, feed)
    out = io.StringIO()
    feed.write(out, "utf-8")
    assert "<updated>1970-01-01T00:00:00+00:00</updated>" in out.getvalue()
