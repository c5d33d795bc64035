"""mot_lan (plugins/vietnamese/render_once.py): a small template rendered once per article,
SITEURL and values, giving what an `{% include %}` gives, with Pelican's Jinja options."""

from __future__ import annotations

from types import SimpleNamespace

from jinja2 import DictLoader, Environment

from plugins.vietnamese.render_once import mot_lan

CARD = (
    '{% set img = "ảnh" if with_image else "" %}\n'
    '<article>{{ img }}<{{ heading }}><a href="{{ SITEURL }}/{{ item.url }}">'
    "{{ item.title | counted }}</a></{{ heading }}></article>\n"
)
WITH_INCLUDE = (
    "{% for item in items %}\n"
    "  {% set with_image = true %}{% set heading = 'h2' %}\n"
    '  {% include "card.html" %}\n'
    "{% endfor %}\n"
)
ONCE = (
    "{% for item in items %}\n"
    '  {{- mot_lan("card.html", item, with_image=true, heading="h2") -}}\n'
    "{% endfor %}\n"
)


def _environment(renders: list) -> Environment:
    environment = Environment(
        loader=DictLoader({"card.html": CARD, "include.html": WITH_INCLUDE, "once.html": ONCE}),
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=True,
    )
    environment.filters["counted"] = lambda text: renders.append(text) or text
    environment.globals["mot_lan"] = mot_lan
    return environment


def test_the_same_html_as_an_include_rendered_once_per_item_and_siteurl():
    items = [SimpleNamespace(title=f"Hội nghị <{n}>", url=f"2024/05/bai-{n}/") for n in range(3)]
    renders: list = []
    environment = _environment(renders)
    for siteurl in ("..", "..", "../.."):
        page = {"items": items, "SITEURL": siteurl}
        once = environment.get_template("once.html").render(page)
        assert once == environment.get_template("include.html").render(page)
        assert f'href="{siteurl}/2024/05/bai-0/"' in once and "Hội nghị &lt;0&gt;" in once
    # Three includes on each of three pages (9), and three once per SITEURL (3 + 0 + 3).
    assert len(renders) == 9 + 6


def test_values_are_part_of_the_key_and_one_environment_is_one_build():
    item = SimpleNamespace(title="Tổng kết", url="2024/01/tong-ket/")
    renders: list = []
    environment = _environment(renders)
    page = "{{ mot_lan('card.html', item, with_image=true, heading='h2') }}|" * 2
    page += "{{ mot_lan('card.html', item, with_image=false, heading='h3') }}"
    html = environment.from_string(page).render(item=item, SITEURL="")
    first, again, other = html.split("|")
    assert first == again and "<h2>" in first and "ảnh" in first
    assert "<h3>" in other and "ảnh" not in other
    assert len(renders) == 2
    _environment(renders).from_string(page).render(item=item, SITEURL="")  # a new build
    assert len(renders) == 4


def test_the_footer_is_rendered_once_per_siteurl_on_a_real_site(tmp_path, monkeypatch):
    """base.html renders partials/footer.html through mot_lan: every page of the sample site
    has a footer, made once for each depth of folder (each relative SITEURL)."""
    import jinja2

    from tests.support import ROOT, pelican_build

    siteurls: list = []
    render = jinja2.Template.render

    def counted(self, *args, **kwargs):
        if self.name == "partials/footer.html":
            siteurls.append(dict(*args, **kwargs).get("SITEURL"))
        return render(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", counted)
    output = pelican_build(ROOT / "content", tmp_path / "output")
    pages = [p for p in output.rglob("*.html") if "site-footer" in p.read_text("utf-8")]
    assert len(pages) > 100
    assert len(siteurls) < 12 and len(set(siteurls)) >= 3


def test_the_latest_news_beside_an_article_leaves_out_only_the_article_itself(tmp_path):
    """partials/latest_news.html, through mot_lan: one rendering serves every article that is
    not among the seven newest; each of those seven gets its own, without itself."""
    from tests.support import article, make_content, page, pelican_build

    files = {
        f"articles/bai-{i:02d}.md": article(
            title=f"Tin số {i:02d}", date=f"2024-03-{i + 1:02d} 08:00", slug=f"bai-{i:02d}"
        )
        for i in range(12)
    }
    output = pelican_build(make_content(tmp_path / "content", files), tmp_path / "output")

    def sidebar(i: int) -> list[str]:
        soup = page(output, f"2024/03/bai-{i:02d}/")
        return [a.get_text() for a in soup.select("aside.sidebar li a")]

    newest = [f"Tin số {i:02d}" for i in range(11, 4, -1)]  # the seven newest, newest first
    assert sidebar(0) == sidebar(3) == newest[:6]
    assert sidebar(11) == newest[1:7]
    assert sidebar(8) == [t for t in newest if t != "Tin số 08"][:6]
