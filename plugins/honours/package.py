"""The descriptions of the open data (pure: no Pelican): the Frictionless Data Package
(/du-lieu/datapackage.json), a JSON Schema for each kind of JSON file (/du-lieu/schema/) and a
DCAT-style catalogue (/du-lieu/data.json, the Project Open Data v1.1 "data.json" that CKAN,
DKAN and their kin harvest). Fields come from fields.py; nothing here lists them again.

The licence is CC BY 4.0 (Creative Commons Ghi công 4.0 Quốc tế): anyone may copy, analyse,
republish and build on the data, commercially too, on the one condition that they say where it
comes from, which is what a list of honours needs (a record cited without its decision is not
worth much). It is the licence open-data portals and the Open Definition recognise, has an
official Vietnamese translation, and is compatible with government open licences elsewhere.
The decisions themselves are official documents, outside copyright (Luật Sở hữu trí tuệ,
Điều 15); the licence covers the compiled data set.

Dates are taken from the content (the newest decision), so the same content gives the same
bytes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date

from .fields import RECORD_FIELDS, UNIT_KEYS, absolute
from .model import HonoursData
from .urls import OPEN_DATA_URL

LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)",
    "path": "https://creativecommons.org/licenses/by/4.0/deed.vi",
}
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
PACKAGE_NAME = "khen-thuong"
TITLE = "Danh sách khen thưởng thi đua"
DESCRIPTION = (
    "Các tập thể, cá nhân và hộ gia đình được khen thưởng theo các quyết định khen thưởng "
    "đăng trên trang; mỗi bản ghi là một dòng của danh sách kèm theo một quyết định."
)
KEYWORDS = ["thi đua", "khen thưởng", "quyết định khen thưởng", "khối thi đua", "dữ liệu mở"]

CSV_MEDIA = "text/csv"
JSON_MEDIA = "application/json"
RECORD_SCHEMA_PATH = "schema/khen-thuong.schema.json"
UNIT_SCHEMA_PATH = "schema/don-vi.schema.json"


@dataclass(frozen=True)
class Table:
    """One published file of records: the whole set or a slice."""

    name: str  # resource name: lower case, digits, "-"
    path: str  # relative to /du-lieu/
    title: str
    description: str
    size: int  # bytes
    hash: str  # "sha256:..."
    count: int  # records

    @classmethod
    def of(cls, name: str, path: str, title: str, description: str, text: str, count: int):
        encoded = text.encode("utf-8")
        digest = "sha256:" + hashlib.sha256(encoded).hexdigest()
        return cls(name, path, title, description, len(encoded), digest, count)

    @property
    def format(self) -> str:
        return self.path.rsplit(".", 1)[-1]


def year_slice(year: int) -> tuple[str, str, str, str]:
    """(name, path, title, description) of the slice of a year of the decisions (the years'
    slices add up to the whole set, record for record)."""
    return (
        f"khen-thuong-nam-{year}",
        f"nam/{year}.csv",
        f"Khen thưởng năm {year}",
        f"Các bản ghi của những quyết định ký trong năm {year}.",
    )


def bloc_slice(data: HonoursData, bloc_id: str) -> tuple[str, str, str, str]:
    """(name, path, title, description) of the slice of a bloc (the decisions with `khoi`)."""
    name = data.blocs[bloc_id].name
    return (
        f"khen-thuong-khoi-{bloc_id}",
        f"khoi/{bloc_id}.csv",
        f"Khen thưởng – {name}",
        f"Các bản ghi của những quyết định gắn với {name}.",
    )


def data_date(data: HonoursData) -> date | None:
    """The newest decision's date: when the data set last gained a decision."""
    return data.decision_list[-1].date if data.decision_list else None


def table_schema(data: HonoursData) -> dict:
    """The Table Schema of every table of records (the CSV, its slices and the JSON)."""
    fields = []
    for field in RECORD_FIELDS:
        item = {
            "name": field.name,
            "type": field.type,
            "title": field.title,
            "description": field.description,
        }
        if field.type == "string" and field.name.startswith("url_"):
            item["rdfType"] = "http://schema.org/URL"
        constraints: dict = {}
        if field.required:
            constraints["required"] = True
        if field.unique:
            constraints["unique"] = True
        allowed = field.allowed(data)
        if allowed:
            constraints["enum"] = list(allowed)
        if field.pattern:
            constraints["pattern"] = field.pattern
        if constraints:
            item["constraints"] = constraints
        if field.example:
            item["example"] = field.example
        fields.append(item)
    return {"fields": fields, "primaryKey": [f.name for f in RECORD_FIELDS if f.unique][:1]}


def resource(table: Table, schema: dict) -> dict:
    csv = table.format == "csv"
    item = {
        "name": table.name,
        "type": "table",
        "path": table.path,
        "title": table.title,
        "description": table.description,
        "format": table.format,
        "mediatype": CSV_MEDIA if csv else JSON_MEDIA,
        "encoding": "utf-8-sig" if csv else "utf-8",
        "schema": schema,
    }
    if csv:
        # Size and hash let a reader check the download (frictionless checks them for CSV;
        # it does not count the bytes of a JSON file, so they are left out there).
        item["bytes"] = table.size
        item["hash"] = table.hash
        item["dialect"] = {"delimiter": ",", "quoteChar": '"', "header": True}
    else:
        item["jsonSchema"] = RECORD_SCHEMA_PATH
    return item


def datapackage(data: HonoursData, tables: list[Table], site_url: str, publisher: str) -> dict:
    """datapackage.json: every table of records, with its schema, size and hash."""
    schema = table_schema(data)
    day = data_date(data)
    package = {
        "name": PACKAGE_NAME,
        "title": TITLE,
        "description": DESCRIPTION
        + " Tệp khen-thuong.csv (và khen-thuong.json) là toàn bộ dữ liệu; các tệp nam/<năm>.csv"
        " chia theo năm của quyết định (cộng lại đúng bằng toàn bộ), các tệp khoi/<mã>.csv"
        " gồm các quyết định gắn với từng khối thi đua.",
        "homepage": absolute(site_url, OPEN_DATA_URL),
        "language": "vi",
        "keywords": KEYWORDS,
        "licenses": [LICENSE],
        "contributors": [{"title": publisher, "roles": ["publisher"]}],
        "resources": [resource(t, schema) for t in tables],
    }
    if day is not None:
        package["created"] = f"{day.isoformat()}T00:00:00+07:00"
        package["version"] = day.isoformat()
    return package


def record_json_schema(data: HonoursData) -> dict:
    """The JSON Schema of one record (an item of khen-thuong.json and of khen_thuong)."""
    properties = {}
    for field in RECORD_FIELDS:
        item: dict = {"title": field.title, "description": field.description}
        if field.type == "integer":
            item["type"] = "integer"
        elif field.type == "date":
            item.update(type="string", format="date", pattern=r"^\d{4}-\d{2}-\d{2}$")
        else:
            item["type"] = "string"
            if field.required:
                item["minLength"] = 1
        allowed = field.allowed(data)
        if allowed:
            item["enum"] = list(allowed)
        if field.pattern:
            item["pattern"] = field.pattern
        properties[field.name] = item
    return {
        "type": "object",
        "required": [f.name for f in RECORD_FIELDS],
        "properties": properties,
        "additionalProperties": False,
    }


def records_json_schema(data: HonoursData, site_url: str) -> dict:
    """The JSON Schema of khen-thuong.json: an array of records."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": absolute(site_url, OPEN_DATA_URL + RECORD_SCHEMA_PATH),
        "title": "Các bản ghi khen thưởng (khen-thuong.json)",
        "description": DESCRIPTION,
        "type": "array",
        "items": {"$ref": "#/$defs/ban_ghi"},
        "$defs": {"ban_ghi": record_json_schema(data)},
    }


def unit_json_schema(data: HonoursData, site_url: str) -> dict:
    """The JSON Schema of don-vi/<mã>.json: one unit and its records."""
    properties = {}
    for name, kind, title, description in UNIT_KEYS:
        if kind == "records":
            item = {"type": "array", "items": {"$ref": "#/$defs/ban_ghi"}}
        elif isinstance(kind, dict):
            item = dict(kind)
        elif isinstance(kind, list):
            item = {"anyOf": [k if isinstance(k, dict) else {"type": k} for k in kind]}
        else:
            item = {"type": kind}
        properties[name] = {"title": title, "description": description, **item}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": absolute(site_url, OPEN_DATA_URL + UNIT_SCHEMA_PATH),
        "title": "Một đơn vị và các lượt khen thưởng (don-vi/<mã>.json)",
        "type": "object",
        "required": [name for name, *_ in UNIT_KEYS],
        "properties": properties,
        "additionalProperties": False,
        "$defs": {"ban_ghi": record_json_schema(data)},
    }


def catalogue(
    data: HonoursData, tables: list[Table], site_url: str, publisher: str, email: str = ""
) -> dict:
    """data.json: a DCAT catalogue (Project Open Data v1.1) with one data set whose
    distributions are the published files and their descriptions."""
    base = absolute(site_url, OPEN_DATA_URL)
    day = data_date(data)
    decisions = data.decision_list

    def distribution(path: str, media: str, title: str, described_by: str = "") -> dict:
        item = {
            "@type": "dcat:Distribution",
            "title": title,
            "downloadURL": base + path,
            "mediaType": media,
            "format": path.rsplit(".", 1)[-1].upper(),
        }
        if described_by:
            item["describedBy"] = base + described_by
            item["describedByType"] = JSON_MEDIA
        return item

    distributions = [
        distribution(
            t.path,
            CSV_MEDIA if t.format == "csv" else JSON_MEDIA,
            t.title,
            "datapackage.json" if t.format == "csv" else RECORD_SCHEMA_PATH,
        )
        for t in tables
    ]
    distributions.append(
        distribution("datapackage.json", JSON_MEDIA, "Mô tả gói dữ liệu (Frictionless)")
    )
    contact = {"@type": "vcard:Contact", "fn": publisher}
    if email:
        contact["hasEmail"] = f"mailto:{email}"
    dataset = {
        "@type": "dcat:Dataset",
        "identifier": base + "datapackage.json",
        "title": TITLE,
        "description": DESCRIPTION,
        "keyword": KEYWORDS,
        "publisher": {"@type": "org:Organization", "name": publisher},
        "contactPoint": contact,
        "accessLevel": "public",
        "license": LICENSE_URL,
        "rights": LICENSE["title"],
        "landingPage": base,
        "language": ["vi"],
        "describedBy": base + "datapackage.json",
        "describedByType": JSON_MEDIA,
        "distribution": distributions,
    }
    if day is not None:
        dataset["modified"] = day.isoformat()
        dataset["temporal"] = f"{decisions[0].date.isoformat()}/{day.isoformat()}"
    return {
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@id": base + "data.json",
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
        "dataset": [dataset],
    }


def dumps(document: dict) -> str:
    """Indented JSON (these files are small and read by people too)."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
