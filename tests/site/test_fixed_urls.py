"""plugins/fixed_urls: each URL computed once; the site is the same bytes without it.

Builds with different plugin lists run in fresh processes (pelican_process): in one process,
Pelican keeps every plugin handler it has connected.
"""

from __future__ import annotations

from pelican import contents
from pelican.settings import read_settings

from tests.support import (
    ROOT,
    article,
    differences,
    make_content,
    pelican_build,
    pelican_process,
)

PLUGINS = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
OTHERS = [name for name in PLUGINS if name != "plugins.fixed_urls"]


def test_the_sample_site_is_the_same_without_the_plugin(tmp_path):
    assert "plugins.fixed_urls" in PLUGINS
    with_plugin = pelican_process(ROOT / "content", tmp_path / "with")
    without = pelican_process(ROOT / "content", tmp_path / "without", PLUGINS=OTHERS)
    assert len(list(with_plugin.rglob("*.html"))) > 50
    assert differences(with_plugin, without) == []


def test_each_url_is_computed_a_few_times_not_once_per_link(tmp_path, monkeypatch):
    """12 articles, each linked from its own page, the home page, its category, tag and
    author pages, the feeds and the sitemap, and from the others' related lists: far more
    links than the few computations before the URL is pinned."""
    files = {
        f"articles/bai-{i}.md": article(
            title=f"Hội nghị khối thi đua số {i}", date=f"2024-03-{i + 1:02d} 08:00", tags="khối"
        )
        for i in range(12)
    }
    content = make_content(tmp_path / "content", files)
    calls = {"n": 0}
    compute = contents.Content.url_format.fget

    def counted(self):
        calls["n"] += 1
        return compute(self)

    monkeypatch.setattr(contents.Content, "url_format", property(counted))
    out = pelican_build(content, tmp_path / "out")
    links = sum(page.read_text(encoding="utf-8").count("/2024/03/") for page in out.rglob("*.html"))
    # 4 an article, all made while Pelican reads: pinned at article_generator_finalized, so
    # that the handlers of all_generators_finalized (related lists, mentions) find them
    # pinned whatever the order of PLUGINS (6 an article when pinned later).
    assert calls["n"] <= 4 * len(files) < links, (calls["n"], links)


def test_a_url_written_in_the_metadata_is_kept(tmp_path):
    source = article(url="tin/hoi-nghi-rieng/", save_as="tin/hoi-nghi-rieng/index.html")
    content = make_content(tmp_path / "content", {"articles/a.md": source})
    out = pelican_build(content, tmp_path / "out")
    assert (out / "tin" / "hoi-nghi-rieng" / "index.html").is_file()
    assert 'href="./tin/hoi-nghi-rieng/"' in (out / "index.html").read_text(encoding="utf-8")
