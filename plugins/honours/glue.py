"""Pelican glue of the honours plugin: a Generator that loads the data and writes its pages.

- generate_context: loads and validates content/honours/ (every problem at once, as one
  SiteErrors), and publishes the HonoursData under context["honours"] (the mentions finder
  of plugins/related reads unit names and aliases from it).
- all_generators_finalized: reads the `Units`, `Bloc` and `Decisions` metadata of each
  article, checks the ids, and sets `article.honours_units`, `article.honours_bloc` and
  `article.honours_decisions` (used by theme/templates/partials/article_honours.html; the
  rules are article_links.py's).
- generate_output (after every signal, so `article.mentioned_units` set by plugins/related is
  there): the unit, bloc, year and decision pages and the open data, through Pelican's Writer.
  What the pages show is made by pure modules: views.py, cells.py, page_context.py, feeds.py,
  publish.py, package.py, changes.py; here only the writing.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import BinaryIO

from pelican import signals
from pelican.generators import ArticlesGenerator, Generator
from pelican.utils import sanitised_join

from plugins.vietnamese import gc_pause
from plugins.vietnamese.errors import SiteErrors

from . import changes, feeds, opendata, package, publish, views
from .article_links import ArticleIndex, link_articles, page_articles
from .cells import TableCells
from .model import HonoursData
from .once import load_once
from .page_context import common_context, decision_box, format_number, open_data_page
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
        self.article_index = ArticleIndex()

    # -- context ------------------------------------------------------------------------------

    def generate_context(self) -> None:
        self.data = load_once(Path(self.path), self.options)
        for warning in self.data.warnings:
            logger.warning("%s", warning)
        self.context["honours"] = self.data

    def attach_articles(self, articles: list) -> None:
        """Resolve each article's Units / Bloc / Decisions; raise SiteErrors on unknown ids."""
        self.known_articles = link_articles(articles, self.data, Path(self.path).parent)
        self.article_index = ArticleIndex(self.known_articles)

    def find_article(self, reference: str | None, where: str):
        if not reference:
            return None
        found = self.article_index.lookup(reference)
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
        linked = page_articles(self.known_articles, data, self.find_article)
        common = common_context(data)

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
                unit_articles=linked.units.get(unit_id, []),
                feed_path=feeds.unit_feed_path(unit_id),
            )
            self.write_feed(
                writer,
                feeds.unit_feed(
                    data,
                    unit_id,
                    linked.units.get(unit_id, []),
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
                bloc_articles=linked.blocs.get(view.bloc.id, []),
                pledge_articles={
                    y.year: linked.pledges.get((view.bloc.id, y.year)) for y in view.years
                },
                feed_path=feeds.bloc_feed_path(view.bloc.id),
            )
            self.write_feed(
                writer,
                feeds.bloc_feed(
                    data,
                    view.bloc.id,
                    linked.blocs.get(view.bloc.id, []),
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
                box=decision_box(data, decision, cells),
                decision_articles=linked.decisions[decision.id],
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
                previous,
                tally.states,
                tally.names,
                feeds.publication_time(data, self.options.source_date_epoch),
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
        write(
            f"{base}index.html",
            "honours/open_data",
            **open_data_page(data, site_url, count, tables, slices, entries, feed.path),
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
