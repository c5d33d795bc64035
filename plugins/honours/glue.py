"""Pelican glue of the honours plugin: a Generator that loads the data and writes its pages.

- generate_context: loads and validates content/honours/ (every problem at once, as one
  SiteErrors), and publishes the HonoursData under context["honours"] (the mentions finder
  of plugins/related reads unit names and aliases from it).
- all_generators_finalized: reads the `Units`, `Bloc` and `Decisions` metadata of each
  article, checks the ids, and sets `article.honours_units`, `article.honours_bloc` and
  `article.honours_decisions` (used by theme/templates/partials/article_honours.html).
- generate_output (after every signal, so `article.mentioned_units` set by plugins/related is
  there): the unit, bloc, year and decision pages and the open data, through Pelican's Writer.
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from pelican import signals
from pelican.generators import ArticlesGenerator, Generator
from pelican.utils import sanitised_join

from plugins.checks.metadata import split_ids
from plugins.checks.rules import reference_problems
from plugins.vietnamese import gc_pause
from plugins.vietnamese.errors import SiteErrors

from . import changes, feeds, opendata, package, publish, views
from .cells import TableCells
from .errors import ArticleReferenceError
from .model import HonoursData
from .model_vocabulary import RECIPIENT_LABELS, SECTION_TITLES
from .once import load_once
from .settings import HonoursSettings
from .urls import (
    ACHIEVEMENT_YEARS_URL,
    BLOCS_URL,
    OPEN_DATA_URL,
    UNITS_URL,
    YEARS_URL,
    decision_url,
)

logger = logging.getLogger(__name__)

RAW_TEMPLATE = "{% autoescape false %}{{ raw }}{% endautoescape %}"


def format_number(value) -> str:
    """12345 -> "12.345" (the Vietnamese thousands separator)."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return str(value)


def metadata_ids(article, key: str) -> list[str]:
    value = article.metadata.get(key)
    return [] if value is None else split_ids(value)


def _article_order(article) -> tuple:
    """Newest first; ties broken by slug."""
    return (-article.date.timestamp(), getattr(article, "slug", ""))


def _source(article, root: Path) -> str:
    try:
        return Path(article.source_path).relative_to(root).as_posix()
    except ValueError:
        return str(article.source_path)


class HonoursGenerator(Generator):
    """Writes /don-vi/, /khoi-thi-dua/, /khen-thuong/, /quyet-dinh/ and /du-lieu/."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = HonoursSettings.from_pelican(self.settings)
        self.env.filters["so"] = format_number
        # This environment lives for one build (Pelican makes new generators for each run,
        # `make serve` included): do not stat every template again at each of the thousands
        # of `extends` and `include` of the honours pages.
        self.env.auto_reload = False
        self.data = HonoursData()
        self.known_articles: list = []
        self.article_index: dict[str, list] = {}

    # -- context ------------------------------------------------------------------------------

    def generate_context(self) -> None:
        self.data = load_once(Path(self.path), self.options)
        for warning in self.data.warnings:
            logger.warning("%s", warning)
        self.context["honours"] = self.data

    def attach_articles(self, articles: list) -> None:
        """Resolve each article's Units / Bloc / Decisions; raise SiteErrors on unknown ids."""
        data = self.data
        root = Path(self.path).parent
        problems = []
        self.known_articles = sorted(articles, key=_article_order)
        cells = TableCells(data.record_ids)
        for article in self.known_articles:
            article.honours_units = []
            article.honours_bloc = None
            article.honours_decisions = []
            if data.is_empty:
                continue
            for key, known in (
                ("units", data.units),
                ("bloc", data.blocs),
                ("decisions", data.decisions),
            ):
                value = article.metadata.get(key)
                if value is None:
                    continue
                # make check's rule (it ran first in make html: here only for a bare pelican)
                for message, hint in reference_problems(key, value, known):
                    problems.append(
                        ArticleReferenceError(
                            file=_source(article, root),
                            field=key.capitalize(),
                            message=message,
                            hint=hint,
                        )
                    )
                found = [known[ident] for ident in split_ids(value) if ident in known]
                if key == "units":
                    article.honours_units = found
                elif key == "bloc":
                    article.honours_bloc = found[0] if found else None
                else:
                    article.honours_decisions = [self.decision_box(d, cells) for d in found]
        if problems:
            raise SiteErrors(problems)
        # Articles by slug and by URL path, to resolve `bai_viet` in the data.
        index: dict[str, list] = defaultdict(list)
        for article in self.known_articles:
            index[article.slug].append(article)
            index[article.url.strip("/")].append(article)
        self.article_index = dict(index)

    def decision_box(self, decision, cells: TableCells | None = None) -> dict:
        """What a decision's annex shows (its page, and an article page that names it)."""
        cells = cells if cells is not None else TableCells(self.data.record_ids)
        data = self.data
        return {
            "decision": decision,
            "parts": [
                (kind, title, cells.annex_rows(decision, rows, data.units, data.honours))
                for kind, title, rows in decision.parts
            ],
            "honours": views.decision_honours(data, decision),
            "summary": views.decision_summary(data, decision),
        }

    def find_article(self, reference: str | None, where: str):
        if not reference:
            return None
        key = reference.strip().strip("/")
        found = self.article_index.get(key, [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            logger.warning(
                "%s: bài viết '%s' trùng tên với nhiều bài; ghi cả năm và tháng, ví dụ %s.",
                where,
                reference,
                found[0].url.strip("/"),
            )
            return None
        logger.warning(
            "%s: không tìm thấy bài viết '%s' (bai_viet); liên kết được bỏ qua.", where, reference
        )
        return None

    # -- output -------------------------------------------------------------------------------

    def generate_output(self, writer) -> None:
        if self.data.is_empty:
            return
        with gc_pause.paused():  # thousands of pages, millions of short-lived objects
            self.write_pages(writer)

    def write_pages(self, writer) -> None:
        data = self.data
        articles_for_unit: dict[str, list] = defaultdict(list)
        articles_for_bloc: dict[str, list] = defaultdict(list)
        articles_for_decision: dict[str, list] = defaultdict(list)
        for article in self.known_articles:
            named = {u.id for u in getattr(article, "honours_units", [])}
            mentioned = set(getattr(article, "mentioned_units", None) or ())
            for uid in sorted(named | mentioned):
                if uid in data.units:
                    articles_for_unit[uid].append(article)
            bloc = getattr(article, "honours_bloc", None)
            if bloc is not None:
                articles_for_bloc[bloc.id].append(article)
            for box in getattr(article, "honours_decisions", []):
                articles_for_decision[box["decision"].id].append(article)
        decision_articles = {}
        for decision in data.decision_list:
            reported = self.find_article(decision.article, decision.source.file)
            listed = list(articles_for_decision.get(decision.id, []))
            if reported is not None and reported not in listed:
                listed.append(reported)
            decision_articles[decision.id] = sorted(listed, key=_article_order)
        pledge_articles = {}
        for bloc in data.blocs.values():
            for year in bloc.year_list:
                pledge_articles[(bloc.id, year.year)] = self.find_article(
                    year.pledge_article, bloc.source.file
                )

        common = {
            "honours": data,
            "RECIPIENT_LABELS": RECIPIENT_LABELS,
            "SECTION_TITLES": SECTION_TITLES,
            "honours_units_url": UNITS_URL,
            "honours_blocs_url": BLOCS_URL,
            "honours_years_url": YEARS_URL,
            "honours_achievement_years_url": ACHIEVEMENT_YEARS_URL,
            "honours_open_data_url": OPEN_DATA_URL,
            "decision_counts": lambda decision: views.decision_summary(data, decision),
        }

        cells = TableCells(data.record_ids)
        feed_cache: dict = {}  # what an article or a decision puts in every feed, made once

        def write(name: str, template: str, **kwargs) -> None:
            writer.write_file(
                name,
                self.get_template(template),
                self.context,
                relative_urls=self.settings.get("RELATIVE_URLS", False),
                **common,
                **kwargs,
            )

        groups = views.unit_groups(data)
        write(
            f"{UNITS_URL}index.html",
            "honours/units",
            groups=groups,
            unit_count=len(data.units),
            dissolved_count=sum(1 for u in data.units.values() if u.dissolved),
        )
        for unit_id in sorted(data.units):
            unit = data.units[unit_id]
            view = views.unit_page(data, unit)
            write(
                f"{unit.url}index.html",
                "honours/unit",
                view=view,
                unit=unit,
                unit_cells={kind: cells.unit_rows(rows) for kind, rows in view.parts.items()},
                unit_articles=articles_for_unit.get(unit_id, []),
                feed_path=feeds.unit_feed_path(unit_id),
            )
            self.write_feed(
                writer,
                feeds.unit_feed(
                    data,
                    unit_id,
                    articles_for_unit.get(unit_id, []),
                    self.options.feed_domain,
                    feed_cache,
                ),
            )
        blocs = [views.bloc_page(data, data.blocs[b]) for b in sorted(data.blocs)]
        if blocs:
            write(f"{BLOCS_URL}index.html", "honours/blocs", blocs=blocs)
        for view in blocs:
            write(
                f"{view.bloc.url}index.html",
                "honours/bloc",
                view=view,
                bloc=view.bloc,
                bloc_articles=articles_for_bloc.get(view.bloc.id, []),
                pledge_articles={
                    y.year: pledge_articles.get((view.bloc.id, y.year)) for y in view.years
                },
                feed_path=feeds.bloc_feed_path(view.bloc.id),
            )
            self.write_feed(
                writer,
                feeds.bloc_feed(
                    data,
                    view.bloc.id,
                    articles_for_bloc.get(view.bloc.id, []),
                    self.options.feed_domain,
                    feed_cache,
                ),
            )
        years = views.year_pages(data)
        achievement_years = views.achievement_year_pages(data)
        by_achievement = {page.year: page for page in achievement_years}
        write(
            f"{YEARS_URL}index.html",
            "honours/years",
            years=years,
            achievement_years=achievement_years,
        )
        for year in years:
            write(
                f"{YEARS_URL}{year.year}/index.html",
                "honours/year",
                view=year,
                achievement=by_achievement.get(year.year),
            )
        for page in achievement_years:
            write(
                f"{ACHIEVEMENT_YEARS_URL}{page.year}/index.html",
                "honours/achievement_year",
                view=page,
                decision_year=page.year in data.decisions_by_year,
            )
        for decision in data.decision_list:
            write(
                f"{decision.url}index.html",
                "honours/decision",
                decision=decision,
                box=self.decision_box(decision, cells),
                decision_articles=decision_articles[decision.id],
            )
        if self.options.open_data:
            self.write_open_data(writer, write)

    def write_feed(self, writer, feed: feeds.Feed) -> None:
        writer.write_file(
            feed.path,
            self.env.get_template("honours/atom.xml"),
            self.context,
            relative_urls=False,
            feed=feed,
            feed_rights=f"Dữ liệu: {package.LICENSE['title']}",
        )

    def publication_time(self) -> datetime:
        """When this publication happened, from the inputs only (reproducible)."""
        epoch = self.options.source_date_epoch
        if epoch is not None:
            return datetime.fromtimestamp(epoch, feeds.VIETNAM)
        return feeds.day_start(package.data_date(self.data))

    def write_open_data(self, writer, write) -> None:
        data = self.data
        site_url = self.options.site_url
        publisher = self.options.publisher
        raw = self.env.from_string(RAW_TEMPLATE)
        base = OPEN_DATA_URL

        def write_raw(path: str, text: str) -> None:
            writer.write_file(f"{base}{path}", raw, {}, raw=text)

        # The files of records are written as they are encoded (publish.py): none of them is
        # held whole in memory (at 100 000 rows they are tens of megabytes each).
        try:
            previous = changes.read_previous(self.options.previous_open_data)
        except changes.PreviousDataError as error:
            raise SiteErrors([error]) from error
        tally = changes.Tally(changes.names_for(previous, opendata.FIELDS))
        placed: list[str] = []

        def place(path: str) -> BinaryIO:
            """/du-lieu/<path>, opened for writing bytes, after Pelican's Writer check that no
            other output has that path (the very check and file writer.write_file uses)."""
            name = sanitised_join(writer.output_path, f"{base}{path}")
            os.makedirs(os.path.dirname(name), exist_ok=True)
            handle = writer._open_w(name, "utf-8").detach()  # os.devnull: Pelican says skip
            placed.append(handle.name)
            return handle

        published = publish.write_records(data, site_url, place, tally)
        for name in placed:  # as writer.write_file does once a file is written
            logger.info('Writing "%s"', name)
            signals.content_written.send(name, context={"output_file": name})
        try:
            entries, _ = changes.log_states(
                previous, tally.states, tally.names, self.publication_time()
            )
        except changes.PreviousDataError as error:
            raise SiteErrors([error]) from error
        del tally
        count = published.count
        slices = published.slices
        tables = [published.whole_csv, published.whole_json]
        tables.extend(slices)
        write_raw(
            "datapackage.json",
            package.dumps(package.datapackage(data, tables, site_url, publisher)),
        )
        write_raw(
            package.RECORD_SCHEMA_PATH,
            package.dumps(package.records_json_schema(data, site_url)),
        )
        write_raw(package.UNIT_SCHEMA_PATH, package.dumps(package.unit_json_schema(data, site_url)))
        write_raw(
            "data.json",
            package.dumps(
                package.catalogue(data, tables, site_url, publisher, self.options.contact_email)
            ),
        )
        write_raw(changes.HISTORY_FILE, package.dumps(changes.history_document(entries)))
        changes_page = f"{base}thay-doi/"
        feed = feeds.changes_feed(entries, self.options.feed_domain, changes_page)
        self.write_feed(writer, feed)
        write(
            f"{changes_page}index.html",
            "honours/changes",
            entries=entries,
            feed_path=feed.path,
            decision_path=decision_url,
        )
        schema = package.table_schema(data)
        first = data.recipients[:1]
        write(
            f"{base}index.html",
            "honours/open_data",
            fields=schema["fields"],
            record_count=count,
            whole=tables[0],
            slices=slices,
            preview=opendata.records(data, site_url, data.recipients[:5]),
            example=opendata.records(data, site_url, first)[0] if first else None,
            example_decision=data.decisions[first[0].decision_id] if first else None,
            example_link=(
                f"{data.decisions[first[0].decision_id].url}#{data.record_id(first[0])}"
                if first
                else ""
            ),
            licence=package.LICENSE,
            units_sorted=views.units_in_order(data, data.units),
            changes_feed_path=feed.path,
            publication=entries[0] if entries else None,
        )


def get_generators(pelican):
    return HonoursGenerator


def attach_articles(generators) -> None:
    honours = next((g for g in generators if isinstance(g, HonoursGenerator)), None)
    if honours is None:
        return
    articles = []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            articles.extend(generator.articles)
    honours.attach_articles(articles)


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(attach_articles)
