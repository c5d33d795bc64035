"""Nothing lost: every recipient row of the data is on its decision page, on its unit's page
and in the open data, exactly once each; the reviewers' check (the name of every open-data
record is on the page at url_quyet_dinh and at url_don_vi) holds on the sample site and on
generated data."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from plugins.honours.loader import load_honours
from tests.support import ROOT, make_content, parse, pelican_build
from tools.bench_honours import make_data


def page_of(site: Path, url: str) -> Path:
    assert url.startswith("/") and url.endswith("/"), url
    return site / url.strip("/") / "index.html"


class Pages:
    """The table rows with an id in the <main> of each page, each page read once."""

    def __init__(self, site: Path):
        self.site = site
        self.cache: dict[Path, list] = {}

    def rows(self, url: str) -> list:
        """[(id, text)] of every <tr id=...> in <main>, in page order."""
        path = page_of(self.site, url)
        if path not in self.cache:
            main = parse(path).find("main")
            self.cache[path] = [(tr["id"], tr.get_text(" ")) for tr in main.find_all("tr", id=True)]
        return self.cache[path]

    def row_texts(self, url: str, anchor: str) -> list[str]:
        return [text for ident, text in self.rows(url) if ident == anchor]


def reconcile(site: Path, content: Path) -> int:
    data = load_honours(content)
    records = json.loads((site / "du-lieu/khen-thuong.json").read_text(encoding="utf-8"))
    table = list(
        csv.DictReader(io.StringIO((site / "du-lieu/khen-thuong.csv").read_text("utf-8-sig")))
    )
    rows = data.recipients
    assert len(records) == len(table) == len(rows)

    # The open data holds each row exactly once (same order: decision date, number, row).
    def key(item):
        return (item["so_quyet_dinh"], item["ngay_quyet_dinh"], item["ma_don_vi"], item["ten"])

    expected = Counter(
        (
            data.decisions[r.decision_id].number,
            data.decisions[r.decision_id].date.isoformat(),
            r.unit_id,
            r.name,
        )
        for r in rows
    )
    assert Counter(key(r) for r in records) == expected
    assert [r["ten"].lstrip("'") for r in table] == [r["ten"] for r in records]

    pages = Pages(site)
    for record, row in zip(records, rows, strict=True):
        for url in (record["url_quyet_dinh"], record["url_don_vi"]):
            found = pages.row_texts(url, data.record_id(row))
            assert len(found) == 1, (url, data.record_id(row))
            assert record["ten"] in found[0], (url, record["ten"])
    # And no page shows a row that is not in the data.
    anchors = {data.record_id(r) for r in rows}
    for unit in data.units.values():
        shown = [ident for ident, _ in pages.rows("/" + unit.url)]
        assert len(shown) == len(set(shown)) and set(shown) <= anchors
        assert len(shown) == len(data.recipients_by_unit.get(unit.id, []))
    for decision in data.decisions.values():
        shown = [ident for ident, _ in pages.rows("/" + decision.url)]
        assert shown == [data.record_id(r) for r in decision.recipients]
    return len(records)


def test_sample_site_loses_nothing(built_site):
    assert reconcile(built_site, ROOT / "content") >= 120


@pytest.mark.parametrize("rows", [1200])
def test_generated_data_loses_nothing(tmp_path, rows):
    content = make_content(tmp_path / "content", {})
    made = make_data(content, rows)
    out = pelican_build(content, tmp_path / "out")
    assert reconcile(out, content) == made["rows"] == rows
