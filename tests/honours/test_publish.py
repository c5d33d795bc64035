"""The open data's files of records written as they are encoded (publish.py): the very bytes of
the texts made in memory (opendata.Encoded, itself checked against json.dumps / csv.writer in
test_speed_paths.py), the same log of changes, and a bounded memory (issue 12)."""

from __future__ import annotations

import gc
import hashlib
import json
import tracemalloc
from pathlib import Path

from plugins.honours import changes, opendata, package, publish
from plugins.honours.loader import load_honours
from tests.honours.helpers import write
from tests.honours.test_speed_paths import SITE, hostile_data
from tools.bench_honours import make_data


def published(data, folder: Path, site_url: str = ""):
    placed = []

    def place(path: str):
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        placed.append(path)
        return open(target, "wb")

    tally = changes.Tally(changes.compared_fields(opendata.FIELDS, opendata.FIELDS))
    return publish.write_records(data, site_url, place, tally), tally, placed


def text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")  # "\r\n" as written


def csv_of(encoded, rows) -> str:
    lines = dict(zip(map(id, encoded.rows), encoded.csv_lines, strict=True))
    return "".join([opendata.csv_header(), *(lines[id(r)] for r in rows)])


def test_files_are_the_texts_made_in_memory(tmp_path):
    for data, site_url in (
        (load_honours(write(tmp_path / "a")), ""),
        (hostile_data(tmp_path), SITE),
    ):
        folder = tmp_path / f"out-{bool(site_url)}"
        result, tally, placed = published(data, folder, site_url)
        encoded = opendata.Encoded(data, site_url)
        whole_csv, whole_json = encoded.csv_text(), encoded.json_text()
        assert text(folder / "khen-thuong.csv") == whole_csv
        assert text(folder / "khen-thuong.json") == whole_json
        for unit_id, unit in data.units.items():
            written = text(folder / f"don-vi/{unit_id}.json")
            assert written == opendata.unit_json(data, unit, site_url, encoded)
        # Sizes and hashes are those of the bytes written; the counts those of the records.
        expected = [("khen-thuong.csv", whole_csv), ("khen-thuong.json", whole_json)]
        for decision in data.decision_list:
            expected.append((f"nam/{decision.year}.csv", None))
            if decision.bloc in data.blocs:
                expected.append((f"khoi/{decision.bloc}.csv", None))
        tables = [result.whole_csv, result.whole_json, *result.slices]
        assert sorted({p for p, _ in expected}) == sorted(t.path for t in tables)
        for table in tables:
            raw = (folder / table.path).read_bytes()
            assert (table.size, table.hash) == (
                len(raw),
                "sha256:" + hashlib.sha256(raw).hexdigest(),
            )
        assert result.count == result.whole_json.count == len(data.recipients)
        # Slices: years in order, then blocs by id; each the CSV of its rows.
        years = [t for t in result.slices if t.path.startswith("nam/")]
        assert [t.path for t in years] == sorted(t.path for t in years)
        assert result.slices[: len(years)] == years
        for table in result.slices:
            kind, key = table.path.removesuffix(".csv").split("/")
            rows = [
                r
                for r in data.recipients
                if (kind == "nam" and str(data.decisions[r.decision_id].year) == key)
                or (kind == "khoi" and data.decisions[r.decision_id].bloc == key)
            ]
            name, path, title, description = (
                package.year_slice(int(key)) if kind == "nam" else package.bloc_slice(data, key)
            )
            assert (table.name, table.path, table.title) == (name, path, title)
            assert (table.description, table.count) == (description, len(rows))
            assert text(folder / path) == csv_of(encoded, rows)
        # The log's digests are those of the records as published.
        names = tally.names
        assert tally.states == changes.states(json.loads(whole_json), names)
        assert len(placed) == len(set(placed))


def test_a_set_without_records_still_has_its_files(tmp_path):
    data = load_honours(write(tmp_path / "a"))
    for decision in data.decisions.values():
        decision.recipients = []
    data.__dict__.pop("recipients", None)
    data.__dict__.pop("recipients_by_unit", None)
    result, _, _ = published(data, tmp_path / "out")
    assert text(tmp_path / "out/khen-thuong.json") == "[]\n"
    assert text(tmp_path / "out/khen-thuong.csv") == opendata.csv_header()
    assert result.count == 0 and result.slices == []
    unit = next(iter(data.units))
    assert json.loads((tmp_path / f"out/don-vi/{unit}.json").read_bytes())["khen_thuong"] == []


def test_memory_stays_below_the_size_of_the_whole_json(tmp_path):
    """What write_records holds at its peak (Python allocations, tracemalloc: no timing)
    is about one decision's lines (500 rows here, a twentieth of the set) and two integers a
    record: a third of the size of khen-thuong.json. Holding the lines of every record (as
    str, two bytes a Vietnamese character), as before issue 12, takes more than three times
    that size; keeping each unit's records until the end, about once that size."""
    content = tmp_path / "content"
    make_data(content, 10_000)  # 20 decisions of 500 rows
    data = load_honours(content)
    # The bound below assumes that one decision is a small part of the set.
    assert max(len(d.recipients) for d in data.decision_list) * 10 <= len(data.recipients)
    for name in ("recipients", "recipients_by_unit", "record_ids"):
        getattr(data, name)  # indexes the pages have built before the open data
    gc.collect()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        published(data, tmp_path / "out", SITE)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    size = (tmp_path / "out/khen-thuong.json").stat().st_size
    assert peak - before < 0.6 * size, (peak - before, size)
