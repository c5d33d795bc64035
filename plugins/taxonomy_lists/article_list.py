"""A list of articles whose `in` is answered from a set of identities, not by a scan.

For each tag, category and author page, Pelican keeps the site's articles that are in its
list: `[a for a in self.dates if a in articles]`, every article of the site tested against
the list, a scan each time. At 5,037 articles with 157 tags, 7 categories and 95 authors that
is about a second of a cold build, on the one core Pelican runs on.

`ArticleList` is a list like any other (same items, same order, same templates); only `in`
differs: a set of the items' identities, made on the first test and forgotten on any change.
The answer is the list's own: an item found by identity is in it; an item that is not found
is in it only if it equals one (list.__contains__), which articles never do (Pelican's
Content has no __eq__), so for them that scan is skipped.
"""

from __future__ import annotations


class ArticleList(list):
    __slots__ = ("_ids",)

    def __init__(self, items=()) -> None:
        super().__init__(items)
        self._ids: set[int] | None = None

    def __contains__(self, item) -> bool:
        if self._ids is None:
            self._ids = {id(member) for member in self}
        if id(item) in self._ids:
            return True
        if type(item).__eq__ is object.__eq__:  # only itself equals it: not in the list
            return False
        return list.__contains__(self, item)

    def __reduce__(self):  # pickled (Pelican's caches) as a plain list of the same items
        return list, (list(self),)


def _forgetting(name: str):
    method = getattr(list, name)

    def changed(self, *args):
        self._ids = None
        return method(self, *args)

    changed.__name__ = name
    return changed


for _name in (
    "__setitem__",
    "__delitem__",
    "__iadd__",
    "__imul__",
    "append",
    "extend",
    "insert",
    "pop",
    "remove",
    "clear",
):
    setattr(ArticleList, _name, _forgetting(_name))
