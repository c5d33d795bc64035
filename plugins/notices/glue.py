"""Pelican glue of the notices plugin: consultation pages, their feed, the home-page block.

- all_generators_finalized: every generator has made its context (the honours data is in
  context["honours"]): the consultations are seen on the build's day (BUILD_DATE) and
  published as context["notices"] (read by the home page and the decision pages).
  The articles' `Campaign` metadata is checked (make check's rule) and gathered here.
- generate_output: /chinh-sach-du-lieu/, /phong-trao/, /phong-trao/<id>/, /lay-y-kien/,
  /lay-y-kien/<id>/ and /lay-y-kien/atom.xml, through Pelican's Writer.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator, Generator

from plugins.checks.metadata import split_ids
from plugins.checks.rules import reference_problems
from plugins.honours.errors import ArticleReferenceError
from plugins.honours.page_context import format_number
from plugins.honours.urls import OPEN_DATA_URL
from plugins.honours.views import decision_summary
from plugins.vietnamese.errors import SiteErrors

from . import feed
from .campaigns import campaign_views
from .model import CAMPAIGNS_URL, CONSULTATIONS_FEED, CONSULTATIONS_URL, POLICY_URL
from .pages import NoticesPages, policy_facts
from .settings import NoticesSettings
from .today import BuildDateError

RAW_TEMPLATE = "{% autoescape false %}{{ raw }}{% endautoescape %}"


class NoticesGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        try:
            self.options = NoticesSettings.from_pelican(self.settings)
        except BuildDateError as error:
            raise SiteErrors([error]) from None
        self.env.filters["so"] = format_number
        self.notices: NoticesPages | None = None  # not "pages": the name of content lists
        self.campaigns: list = []

    def generate_context(self) -> None:
        pass  # the honours data is read by the honours generator; see attach()

    def attach(self, articles: list) -> None:
        honours = self.context.get("honours")
        data = getattr(honours, "notices", None)
        self.notices = NoticesPages(data, self.options.today)
        self.context["notices"] = self.notices
        self.campaigns = []
        if honours is None or honours.is_empty:
            return
        root = Path(self.path).parent
        problems = []
        by_campaign: dict[str, list] = {}
        by_slug: dict[str, list] = {}
        for article in sorted(articles, key=lambda a: (-a.date.timestamp(), a.slug)):
            by_slug.setdefault(article.slug, []).append(article)
            value = article.metadata.get("campaign")
            if value is None:
                continue
            for message, hint in reference_problems("campaign", value, honours.campaigns):
                problems.append(
                    ArticleReferenceError(
                        file=_source(article, root), field="Campaign", message=message, hint=hint
                    )
                )
            for ident in split_ids(value):
                if ident in honours.campaigns:
                    by_campaign.setdefault(ident, []).append(article)
        if problems:
            raise SiteErrors(problems)
        for view in campaign_views(honours, self.options.today):
            view.articles = by_campaign.get(view.id, [])
            found = by_slug.get((view.campaign.article or "").strip("/").split("/")[-1], [])
            view.launch_article = found[0] if len(found) == 1 else None
            self.campaigns.append(view)

    def generate_output(self, writer) -> None:
        pages = self.notices
        honours = self.context.get("honours")
        if pages is None or honours is None or honours.is_empty:
            return

        def write(name: str, template: str, **kwargs) -> None:
            writer.write_file(
                name,
                self.get_template(template),
                self.context,
                relative_urls=self.settings.get("RELATIVE_URLS", False),
                honours=honours,
                notices=pages,
                decision_counts=lambda decision: decision_summary(honours, decision),
                **kwargs,
            )

        write(
            f"{POLICY_URL}index.html",
            "notices/policy",
            policy=policy_facts(),
            honours_open_data_url=OPEN_DATA_URL,
        )
        if self.campaigns:
            write(f"{CAMPAIGNS_URL}index.html", "notices/campaigns", campaigns=self.campaigns)
        for view in self.campaigns:
            write(f"{view.url}index.html", "notices/campaign", view=view)
        if pages.is_empty:
            return
        write(f"{CONSULTATIONS_URL}index.html", "notices/consultations")
        for view in pages.views:
            write(f"{view.url}index.html", "notices/consultation", view=view)
        text = feed.atom(
            pages.open + pages.upcoming,
            self.options.feed_domain,
            CONSULTATIONS_FEED,
            self.options.feed_title,
            pages.today,
        )
        writer.write_file(CONSULTATIONS_FEED, self.env.from_string(RAW_TEMPLATE), {}, raw=text)


def get_generators(pelican):
    return NoticesGenerator


def attach(generators) -> None:
    articles = []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            articles.extend(generator.articles)
    for generator in generators:
        if isinstance(generator, NoticesGenerator):
            generator.attach(articles)


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(attach)


def _source(article, root: Path) -> str:
    try:
        return Path(article.source_path).relative_to(root).as_posix()
    except ValueError:
        return str(article.source_path)
