"""The published open data of the sample site, checked as its reusers would: the Data Package
validates with frictionless (and a broken copy does not), every record id is an anchor on its
decision page whose row shows the record's name, the year files add up to the whole set, the
feeds of units and blocs parse and list their decisions, the JSON files follow their JSON
Schemas, the catalogue's downloads exist, and the /du-lieu/ page describes every field."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import frictionless
import jsonschema
import pytest
from bs4 import BeautifulSoup

from plugins.honours import fields
from plugins.honours.loader import load_honours
from tests.support import ROOT


def page(site: Path, url: str) -> Path:
    path = urlsplit(url).path
    assert path.startswith("/") and path.endswith("/"), url
    return site / path.strip("/") / "index.html"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def csv_rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


@pytest.fixture(scope="module")
def open_data(built_site) -> Path:
    return built_site / "du-lieu"


@pytest.fixture(scope="module")
def records(open_data) -> list[dict]:
    return json.loads((open_data / "khen-thuong.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def data():
    return load_honours(ROOT / "content")


def validate(folder: Path) -> frictionless.Report:
    return frictionless.validate(str(folder / "datapackage.json"))


def test_the_published_package_is_valid(open_data, records):
    report = validate(open_data)
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "note"])
    package = json.loads((open_data / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in package["resources"]]
    assert len(report.tasks) == len(names) and len(set(names)) == len(names)
    whole = next(r for r in package["resources"] if r["path"] == "khen-thuong.csv")
    assert [f["name"] for f in whole["schema"]["fields"]] == list(fields.FIELDS)
    assert whole["schema"]["primaryKey"] == ["ma_ban_ghi"]
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["contributors"][0]["roles"] == ["publisher"]
    assert package["created"].startswith(max(r["ngay_quyet_dinh"] for r in records))
    paths = {r["path"] for r in package["resources"]}
    assert {"khen-thuong.csv", "khen-thuong.json"} <= paths
    assert any(p.startswith("nam/") for p in paths) and any(p.startswith("khoi/") for p in paths)
    for item in whole["schema"]["fields"]:  # Vietnamese titles and descriptions
        assert item["title"] and item["description"], item


def broken_copy(open_data: Path, tmp_path: Path, edit, rehash: bool = True) -> Path:
    """A copy of /du-lieu/ whose khen-thuong.csv went through `edit` (text -> text); with
    `rehash` the package's size and hash follow, so only the data itself is wrong."""
    copy = tmp_path / "du-lieu"
    shutil.copytree(open_data, copy, ignore=shutil.ignore_patterns("*.gz", "*.br", "don-vi"))
    target = copy / "khen-thuong.csv"
    text = edit(target.read_bytes().decode("utf-8"))
    target.write_text(text, encoding="utf-8", newline="")
    if rehash:
        path = copy / "datapackage.json"
        package = json.loads(path.read_text(encoding="utf-8"))
        resource = next(r for r in package["resources"] if r["path"] == "khen-thuong.csv")
        raw = text.encode("utf-8")
        resource["bytes"] = len(raw)
        resource["hash"] = "sha256:" + hashlib.sha256(raw).hexdigest()
        path.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    return copy


def error_types(report: frictionless.Report) -> set[str]:
    return {row[0] for row in report.flatten(["type"])}


def test_a_broken_csv_fails_validation(open_data, tmp_path):
    def bad_year(text):  # the year of the first record as words
        lines = text.split("\r\n")
        row = next(csv.reader([lines[1]]))
        row[fields.FIELDS.index("nam")] = "hai nghìn"
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="").writerow(row)
        lines[1] = buffer.getvalue()
        return "\r\n".join(lines)

    report = validate(broken_copy(open_data, tmp_path / "a", bad_year))
    assert not report.valid and "type-error" in error_types(report)

    def repeated_row(text):  # the same record twice: the primary key is no longer unique
        lines = text.split("\r\n")
        return "\r\n".join([*lines[:2], lines[1], *lines[2:]])

    report = validate(broken_copy(open_data, tmp_path / "b", repeated_row))
    assert not report.valid and "primary-key" in error_types(report)

    def unknown_kind(text):
        return text.replace(",tap_the,", ",tap-the,", 1)

    report = validate(broken_copy(open_data, tmp_path / "c", unknown_kind))
    assert not report.valid and "constraint-error" in error_types(report)

    def one_letter(text):  # a changed byte, package untouched: the hash gives it away
        return text.replace("Bằng khen", "Bằng khem", 1)

    report = validate(broken_copy(open_data, tmp_path / "d", one_letter, rehash=False))
    assert not report.valid and "hash-count" in error_types(report)


def test_every_record_id_is_an_anchor_on_its_decision_page(built_site, records):
    ids = [r["ma_ban_ghi"] for r in records]
    assert len(set(ids)) == len(ids)
    table = csv_rows(built_site / "du-lieu/khen-thuong.csv")
    assert [r["ma_ban_ghi"] for r in table] == ids
    pages: dict[Path, dict] = {}
    for record in records:
        url, _, anchor = record["url_ban_ghi"].partition("#")
        assert anchor == record["ma_ban_ghi"] and url == record["url_quyet_dinh"]
        path = page(built_site, url)
        if path not in pages:
            main = soup(path).find("main")
            pages[path] = {tag["id"]: tag for tag in main.find_all(id=True)}
        row = pages[path].get(anchor)
        assert row is not None, record["url_ban_ghi"]
        assert row.name == "tr" and record["ten"] in row.get_text(" "), record["url_ban_ghi"]


def test_unit_pages_link_each_row_to_its_record_anchor(built_site, records):
    by_unit = defaultdict(set)
    for record in records:
        by_unit[record["url_don_vi"]].add(record["ma_ban_ghi"])
    for url, expected in by_unit.items():
        main = soup(page(built_site, url)).find("main")
        links = {a["href"].partition("#")[2] for a in main.select("tr[id] a[href*='#']")}
        assert expected <= links, url


def test_year_files_add_up_to_the_whole_set(open_data, records):
    whole = csv_rows(open_data / "khen-thuong.csv")
    years = sorted(open_data.glob("nam/*.csv"))
    assert [p.stem for p in years] == sorted({str(r["nam"]) for r in records})
    parts = []
    for path in years:
        rows = csv_rows(path)
        assert rows and all(r["nam"] == path.stem for r in rows), path
        parts.extend(rows)
    assert parts == whole  # record for record, in the same order


def test_bloc_files_hold_the_decisions_of_each_bloc(open_data, data):
    blocs = sorted(open_data.glob("khoi/*.csv"))
    assert blocs
    for path in blocs:
        ids = [r["ma_ban_ghi"] for r in csv_rows(path)]
        expected = [
            data.record_id(row)
            for row in data.recipients
            if data.decisions[row.decision_id].bloc == path.stem
        ]
        assert ids == expected, path


def parse_feed(site: Path, href: str):
    path = site / urlsplit(href).path.lstrip("/")
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    feed = parsed.feed
    assert feed.id and feed.updated_parsed and feed.title
    rels = {link.rel: link.href for link in feed.links}
    assert rels["self"] == feed.id and rels["alternate"]
    ids = [entry.id for entry in parsed.entries]
    assert len(set(ids)) == len(ids)
    for entry in parsed.entries:
        assert entry.id and entry.title and entry.link and entry.updated_parsed, entry
    return parsed


def alternate_feed(site: Path, url: str) -> str:
    links = soup(page(site, url)).select("head link[rel=alternate][type='application/atom+xml']")
    own = [link["href"] for link in links if "/feeds/tat-ca" not in link["href"]]
    assert len(own) == 1, url
    return own[0]


def test_unit_feeds_list_the_units_decisions(built_site, data):
    domain = "http://127.0.0.1:8000"  # FEED_DOMAIN of pelicanconf.py
    for unit_id in sorted(data.units):
        unit = data.units[unit_id]
        href = alternate_feed(built_site, "/" + unit.url)
        assert href == f"{domain}/feeds/don-vi/{unit_id}.atom.xml"
        parsed = parse_feed(built_site, href)
        assert parsed.feed.link == f"{domain}/{unit.url}"
        listed = {e.id for e in parsed.entries if e.tags[0].term == "Quyết định khen thưởng"}
        decisions = {r.decision_id for r in data.recipients_by_unit.get(unit_id, [])}
        assert listed == {f"{domain}/{data.decisions[d].url}" for d in decisions}, unit_id
        updated = [e.updated for e in parsed.entries]
        assert updated == sorted(updated, reverse=True)  # newest first


def test_bloc_feeds_list_the_blocs_decisions_and_articles(built_site, data):
    domain = "http://127.0.0.1:8000"
    seen_articles = 0
    for bloc_id in sorted(data.blocs):
        bloc = data.blocs[bloc_id]
        parsed = parse_feed(built_site, alternate_feed(built_site, "/" + bloc.url))
        kinds = defaultdict(set)
        for entry in parsed.entries:
            kinds[entry.tags[0].term].add(entry.id)
        expected = {f"{domain}/{d.url}" for d in data.decision_list if d.bloc == bloc_id}
        assert kinds["Quyết định khen thưởng"] == expected
        seen_articles += len(kinds["Tin bài"])
    assert seen_articles  # the sample articles name their blocs


def test_json_files_follow_their_json_schemas(open_data, records):
    def schema(name):
        return json.loads((open_data / "schema" / name).read_text(encoding="utf-8"))

    whole = jsonschema.Draft202012Validator(
        schema("khen-thuong.schema.json"), format_checker=jsonschema.FormatChecker()
    )
    whole.validate(records)
    unit = jsonschema.Draft202012Validator(schema("don-vi.schema.json"))
    units = sorted(open_data.glob("don-vi/*.json"))
    assert units
    for path in units:
        unit.validate(json.loads(path.read_text(encoding="utf-8")))
    broken = [dict(records[0], nam="2023"), {k: v for k, v in records[1].items() if k != "ten"}]
    broken.append(dict(records[2], loai_doi_tuong="nhom"))
    for item in broken:
        assert list(whole.iter_errors([item])), item


def test_catalogue_lists_distributions_that_exist(built_site, open_data):
    catalogue = json.loads((open_data / "data.json").read_text(encoding="utf-8"))
    assert catalogue["conformsTo"] == "https://project-open-data.cio.gov/v1.1/schema"
    (dataset,) = catalogue["dataset"]
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert dataset["publisher"]["name"] and dataset["modified"]
    urls = [d["downloadURL"] for d in dataset["distribution"]]
    assert any(u.endswith("/du-lieu/khen-thuong.csv") for u in urls)
    assert any(u.endswith("/du-lieu/datapackage.json") for u in urls)
    for url in urls:
        assert (built_site / urlsplit(url).path.lstrip("/")).is_file(), url


def test_open_data_page_describes_fields_licence_preview_and_citation(built_site, open_data):
    package = json.loads((open_data / "datapackage.json").read_text(encoding="utf-8"))
    described = package["resources"][0]["schema"]["fields"]
    main = soup(built_site / "du-lieu/index.html").find("main")
    text = main.get_text(" ")
    tables = main.find_all("table")
    field_table = next(t for t in tables if "Ý nghĩa" in t.get_text())
    rows = field_table.find("tbody").find_all("tr")
    assert [r.find("code").get_text() for r in rows] == [f["name"] for f in described]
    for row, item in zip(rows, described, strict=True):
        assert item["title"] in row.get_text() and item["description"] in row.get_text()
    preview = tables[0]
    first = csv_rows(open_data / "khen-thuong.csv")[0]
    cells = [td.get_text() for td in preview.find("tbody").find("tr").find_all("td")]
    assert cells == [first[name] for name in fields.FIELDS]
    assert main.find("a", rel="license")["href"].startswith("https://creativecommons.org/")
    assert first["ma_ban_ghi"] in text and "Cách trích dẫn" in text
    for resource in package["resources"][2:]:  # the slices, each with its link
        ending = f"du-lieu/{resource['path']}"
        assert main.find("a", href=lambda h, e=ending: h.endswith(e)), resource["path"]
