"""The open data's files of records, written while they are encoded (pure: no Pelican).

khen-thuong.csv, khen-thuong.json, the slices nam/<year>.csv and khoi/<bloc>.csv and
don-vi/<unit>.json hold the same records (tens of megabytes each at 100 000 rows). They are
written decision by decision, as opendata.Encoder encodes the rows, so that neither a file's
text nor the lines of every record are ever held (before issue 12 they were: 540 MiB at
100 000 rows). A unit's file lists its records in the order of the whole set: only where each
line went in khen-thuong.json is kept (two integers a record), and once that file is complete
the units' files are written from it, read back line by line. Each file's size and SHA-256
(datapackage.json) are counted as it is written; the log of changes takes each record once,
as it goes by (changes.Tally). The bytes are those of opendata.Encoded's texts:
tests/honours/test_publish.py compares them, and bounds the memory.

Where a file goes is the caller's: `place(path)`, path relative to /du-lieu/, gives the file
to write (the glue checks there that no other output has that path).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

from .changes import Tally
from .model import HonoursData
from .opendata import UNIT_RECORD_SEPARATOR, Encoder, csv_header, unit_json_frame
from .package import Table, bloc_slice, year_slice

# A new file /du-lieu/<path>, opened for writing bytes.
Place = Callable[[str], BinaryIO]

WHOLE_CSV = "khen-thuong.csv"
WHOLE_JSON = "khen-thuong.json"


class Sink:
    """One file written in pieces; its size and SHA-256 are those of everything written.
    It is opened when written to (the first time by `place`) and stays open until close():
    write_records keeps at most the two whole files and the current decision's slices open
    (a site may have hundreds of slices)."""

    def __init__(self, place: Place, path: str) -> None:
        self.place, self.path = place, path
        self.handle: BinaryIO | None = None
        self.target: str | None = None  # the file's name, once placed
        self.size = 0
        self.count = 0  # records
        self.hash = hashlib.sha256()

    def write(self, data: bytes) -> None:
        if self.handle is None:
            if self.target is None:
                self.handle = self.place(self.path)
                self.target = self.handle.name
            else:
                self.handle = open(self.target, "ab")  # noqa: SIM115 (closed by close())
        self.handle.write(data)
        self.size += len(data)
        self.hash.update(data)

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None

    def table(self, name: str, title: str, description: str) -> Table:
        digest = "sha256:" + self.hash.hexdigest()
        return Table(name, self.path, title, description, self.size, digest, self.count)


@dataclass
class Published:
    """What the records' files were: their Tables (datapackage.json, the /du-lieu/ page)."""

    whole_csv: Table
    whole_json: Table
    slices: list[Table] = field(default_factory=list)  # years in order, then blocs by id

    @property
    def count(self) -> int:
        return self.whole_csv.count


def write_records(data: HonoursData, site_url: str, place: Place, tally: Tally) -> Published:
    """Write khen-thuong.csv and .json, the slices and don-vi/<unit>.json; every record also
    goes to `tally` (the log of changes), in the order of the whole set."""
    whole_csv, whole_json = Sink(place, WHOLE_CSV), Sink(place, WHOLE_JSON)
    slices: dict[tuple, Sink] = {}
    try:
        spans = _write_decisions(data, site_url, tally, whole_csv, whole_json, slices)
    finally:
        for sink in (whole_csv, whole_json, *slices.values()):
            sink.close()
    write_units(data, site_url, place, whole_json.target, spans)
    tables = []
    for kind, key in sorted(slices):
        name, _, title, description = year_slice(key) if kind == 0 else bloc_slice(data, key)
        tables.append(slices[(kind, key)].table(name, title, description))
    return Published(
        whole_csv.table(
            "khen-thuong",
            "Toàn bộ bản ghi khen thưởng (CSV)",
            "Mọi bản ghi, theo thứ tự ngày quyết định, mã quyết định và dòng trong danh sách.",
        ),
        whole_json.table(
            "khen-thuong-json",
            "Toàn bộ bản ghi khen thưởng (JSON)",
            "Cùng các bản ghi như khen-thuong.csv, dạng mảng JSON.",
        ),
        tables,
    )


def _write_decisions(
    data: HonoursData,
    site_url: str,
    tally: Tally,
    whole_csv: Sink,
    whole_json: Sink,
    slices: dict[tuple, Sink],
) -> dict[str, array]:
    """The records of each decision in turn into the whole files and its slices (made in
    `slices`, keyed (0, year) and (1, bloc id)); returns where each unit's lines are in
    khen-thuong.json: unit id -> offset, length, offset, length, ..."""
    encode = Encoder(data, site_url).encode
    header = csv_header().encode("utf-8")
    whole_csv.write(header)
    spans: dict[str, array] = {}
    add = tally.add
    for decision in data.decision_list:
        rows = decision.recipients
        if not rows:
            continue
        json_lines, csv_lines = [], []
        start = whole_json.size + 2  # after "[\n" or ",\n"
        for row in rows:
            line, csv_line = encode(row)
            add(json.loads(line))
            line = line.encode("utf-8")
            json_lines.append(line)
            csv_lines.append(csv_line)
            unit_spans = spans.get(row.unit_id)
            if unit_spans is None:
                unit_spans = spans[row.unit_id] = array("q")
            unit_spans.append(start)
            unit_spans.append(len(line))
            start += len(line) + 2  # ",\n"
        chunk = "".join(csv_lines).encode("utf-8")
        keys = [(0, decision.year)]
        if decision.bloc in data.blocs:
            keys.append((1, decision.bloc))
        for key in keys:
            sink = slices.get(key)
            if sink is None:
                path = (year_slice(key[1]) if key[0] == 0 else bloc_slice(data, key[1]))[1]
                sink = slices[key] = Sink(whole_csv.place, path)
                sink.write(header)
            sink.write(chunk)
            sink.count += len(rows)
        for key, sink in slices.items():  # the next decision is most often of another bloc
            if key not in keys:
                sink.close()
        whole_csv.write(chunk)
        whole_csv.count += len(rows)
        opening = b"[\n" if whole_json.count == 0 else b",\n"
        whole_json.write(opening + b",\n".join(json_lines))
        whole_json.count += len(rows)
        del json_lines, csv_lines, chunk
    whole_json.write(b"\n]\n" if whole_json.count else b"[]\n")
    return spans


def write_units(
    data: HonoursData, site_url: str, place: Place, whole: str | None, spans: dict[str, array]
) -> None:
    """don-vi/<unit>.json for every unit, its records' lines read back from the whole JSON
    file (`whole`, complete) at their `spans` (offset, length, ...), in the order written."""
    separator = UNIT_RECORD_SEPARATOR.encode("utf-8")
    with open(whole if whole is not None else os.devnull, "rb") as source:
        read = functools.partial(os.pread, source.fileno())
        for unit_id in sorted(data.units):
            head, tail = unit_json_frame(data, data.units[unit_id], site_url)
            where = spans.pop(unit_id, None)
            with place(f"don-vi/{unit_id}.json") as handle:
                handle.write(head.encode("utf-8"))
                if where:
                    lines = [read(where[i + 1], where[i]) for i in range(0, len(where), 2)]
                    handle.write(b"[\n  " + separator.join(lines) + b"\n  ]")
                else:
                    handle.write(b"[]")
                handle.write(tail.encode("utf-8"))
