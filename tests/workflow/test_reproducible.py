"""Reproducible builds: the same content gives byte-identical output.

Pelican lists source files as a set, whose order changes with PYTHONHASHSEED; the two builds
below use different seeds, content folders at different paths and files created in opposite
orders, so any dependence on listing order, paths or the clock shows up as a difference.
"""

from __future__ import annotations

import io

from feedgenerator import Atom1Feed

from plugins.checks.glue import stable_feed_date
from tests.support import ROOT, build_cli, differences
from tests.workflow.site import small_site


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
