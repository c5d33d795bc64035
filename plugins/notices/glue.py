"""Pelican glue of the notices plugin: consultation pages, their feed, the home-page block.

- all_generators_finalized: every generator has made its context (the honours data is in
  context["honours"]): the consultations are seen on the build's day (BUILD_DATE) and
  published as context["notices"] (read by the home page and the decision pages).
- generate_output: /lay-y-kien/, /lay-y-kien/<id>/ and /lay-y-kien/atom.xml, through
  Pelican's Writer.
"""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from plugins.honours.model import OPEN_DATA_URL
from plugins.vietnamese.errors import SiteErrors

from . import feed
from .model import CONSULTATIONS_FEED, CONSULTATIONS_URL, POLICY_URL
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
        self.pages: NoticesPages | None = None

    def generate_context(self) -> None:
        pass  # the honours data is read by the honours generator; see attach()

    def attach(self) -> None:
        honours = self.context.get("honours")
        data = getattr(honours, "notices", None)
        self.pages = NoticesPages(data, self.options.today)
        self.context["notices"] = self.pages

    def generate_output(self, writer) -> None:
        pages = self.pages
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
                **kwargs,
            )

        write(
            f"{POLICY_URL}index.html",
            "notices/policy",
            policy=policy_facts(),
            honours_open_data_url=OPEN_DATA_URL,
        )
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
    for generator in generators:
        if isinstance(generator, NoticesGenerator):
            generator.attach()


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(attach)
