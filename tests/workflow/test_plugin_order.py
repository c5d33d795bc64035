"""Plugins in any order: the sample site built with PLUGINS shuffled is byte-identical.

Each plugin hooks where it must (figures and the NFC reader compose in either order; the
sitemap is written through Pelican's writer after every generator; compression is a build
step after Pelican), so the order of PLUGINS in pelicanconf.py changes nothing. Each build
runs in a fresh process: in one process, Pelican would keep the first build's handlers in the
first build's order.
"""

from __future__ import annotations

import random

import pytest
from pelican.settings import read_settings

from tests.support import ROOT, differences, pelican_process

PLUGINS = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]


def orders() -> list[list[str]]:
    shuffled = list(PLUGINS)
    random.Random(13).shuffle(shuffled)
    return [list(reversed(PLUGINS)), shuffled, PLUGINS[1:] + PLUGINS[:1]]


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    return pelican_process(ROOT / "content", tmp_path_factory.mktemp("order") / "reference")


@pytest.mark.parametrize("order", orders(), ids=["reversed", "shuffled", "rotated"])
def test_any_plugin_order_gives_the_same_site(reference, tmp_path, order):
    assert order != PLUGINS and sorted(order) == sorted(PLUGINS)
    output = pelican_process(ROOT / "content", tmp_path / "out", PLUGINS=order)
    files = [p for p in output.rglob("*") if p.is_file()]
    assert len(files) > 50
    assert (output / "sitemap.xml").is_file()
    assert differences(reference, output) == []


def test_figures_need_no_particular_order(tmp_path):
    """figures before vietnamese: the lone photo is still a <figure> with its caption."""
    order = ["plugins.figures", *[p for p in PLUGINS if p != "plugins.figures"]]
    assert order.index("plugins.figures") < order.index("plugins.vietnamese")
    output = pelican_process(ROOT / "content", tmp_path / "out", PLUGINS=order)
    pages = [p.read_text(encoding="utf-8") for p in output.glob("20*/*/*/index.html")]
    assert any("<figcaption" in page for page in pages)
