"""plugins/taxonomy_lists: `in` on the tag, category and author lists from a set; the site is
the same bytes without the plugin.

Builds with different plugin lists run in fresh processes (pelican_process): in one process,
Pelican keeps every plugin handler it has connected.
"""

from __future__ import annotations

import pickle

from hypothesis import given
from hypothesis import strategies as st
from pelican.settings import read_settings

from plugins.taxonomy_lists.article_list import ArticleList
from tests.support import ROOT, differences, pelican_process

PLUGINS = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]


class Item:
    """Like Pelican's Content: equal only to itself."""


class Named:
    def __init__(self, name: str) -> None:
        self.name = name

    def __eq__(self, other) -> bool:
        return isinstance(other, Named) and other.name == self.name

    __hash__ = None


def test_the_sample_site_is_the_same_without_the_plugin(tmp_path):
    assert "plugins.taxonomy_lists" in PLUGINS
    others = [name for name in PLUGINS if name != "plugins.taxonomy_lists"]
    with_plugin = pelican_process(ROOT / "content", tmp_path / "with")
    without = pelican_process(ROOT / "content", tmp_path / "without", PLUGINS=others)
    assert len(list((with_plugin / "the").rglob("*.html"))) > 5  # tag pages were written
    assert differences(with_plugin, without) == []


def test_membership_is_that_of_a_list():
    a, b, c = Item(), Item(), Item()
    items = ArticleList([a, b])
    assert a in items and b in items and c not in items
    assert [a, b] == items and isinstance(items, list)
    items.append(c)  # a change forgets the set
    assert c in items
    items.remove(a)
    assert a not in items
    items[0] = a
    assert a in items and b not in items
    # Items equal without being the same object are found, as by a list.
    names = ArticleList([Named("Sa Pa")])
    assert Named("Sa Pa") in names and Named("Bắc Hà") not in names
    assert 1.0 in ArticleList([1])


def test_it_pickles_as_a_plain_list():
    a = Item()
    copy = pickle.loads(pickle.dumps(ArticleList([a, 2])))
    assert type(copy) is list and copy[1] == 2


operations = st.lists(
    st.tuples(
        st.sampled_from(["append", "remove", "pop", "insert", "set", "clear", "extend"]),
        st.integers(0, 5),
    ),
    max_size=20,
)


@given(operations, st.integers(0, 5))
def test_any_changes_keep_membership_that_of_a_list(steps, probe):
    pool = [Item() for _ in range(6)]
    plain: list = []
    ours = ArticleList()
    for operation, n in steps:
        for target in (plain, ours):
            if operation == "append":
                target.append(pool[n])
            elif operation == "remove" and pool[n] in target:
                target.remove(pool[n])
            elif operation == "pop" and target:
                target.pop()
            elif operation == "insert":
                target.insert(n, pool[n])
            elif operation == "set" and target:
                target[n % len(target)] = pool[n]
            elif operation == "clear":
                target.clear()
            elif operation == "extend":
                target.extend(pool[:n])
        assert (pool[probe] in ours) == (pool[probe] in plain)
    assert ours == plain
