"""tools/search/bodies.py: pages cut down to the element Pagefind indexes, or given whole."""

from __future__ import annotations

import os

from hypothesis import given
from hypothesis import strategies as st

from tools.search import bodies
from tools.search.bodies import cut, pages_for_pagefind, write_cut_pages

HEAD = (
    '<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width">\n'
    "<title>Bài viết – Thi đua - Khen thưởng</title>\n"
    '<script type="application/ld+json">{"@type": "NewsArticle"}</script>\n</head>'
)
ARTICLE = (
    '<article class="article" data-pagefind-body>\n<h1>Bài viết</h1>\n'
    '<p data-pagefind-ignore><span data-pagefind-filter="năm">2024</span></p>\n'
    '<div><p>Lời dẫn.</p><div><img src="a.webp" alt=""></div></div>\n'
    '<footer data-pagefind-ignore="all"><a href="#">Chia sẻ</a></footer>\n</article>'
)


def page(article: str = ARTICLE, before: str = "", after: str = "", head: str = HEAD) -> bytes:
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n' + head + "\n<body>\n"
        '<header class="site-header" data-pagefind-ignore="all"><a href="/">Trang chủ</a>'
        "</header>\n" + before + '<main id="noi-dung">' + article + "</main>\n" + after +
        '<footer class="site-footer" data-pagefind-ignore="all"><img src="facebook.svg" alt="">'
        "</footer>\n<script src=\"site.js\"></script>\n</body>\n</html>\n"
    ).encode()  # fmt: skip


def size_of(site, pages):
    return sum((site / relative).stat().st_size for relative in pages)


def test_a_page_is_cut_to_its_title_and_the_marked_element():
    assert (
        cut(page())
        == (
            '<!DOCTYPE html>\n<html lang="vi">\n<head><meta charset="utf-8">'
            "<title>Bài viết – Thi đua - Khen thưởng</title></head><body>"
            + ARTICLE
            + "</body></html>\n"
        ).encode()
    )


def test_nested_elements_of_the_same_name_and_any_case_are_counted():
    article = (
        '<DIV class="x" data-pagefind-body><div>a</div><Div><div\n>b</div></dIv>'
        "<section><div>c</div></section></div  >"
    )
    cut_page = cut(page(article, after="<div>sau</div>"))
    assert cut_page.endswith(("<body>" + article + "</body></html>\n").encode())


def test_what_may_change_the_index_keeps_the_page_whole():
    whole = [
        page(ARTICLE.replace(" data-pagefind-body", "")),  # nothing marked
        page(after="<div data-pagefind-body>hai</div>"),  # a second marked element
        page(before='<span data-pagefind-filter="loại">Tin</span>'),  # a filter outside
        page(after='<p data-pagefind-meta="tác giả">An</p>'),  # a meta field outside
        page(before="<h1>Tiêu đề ngoài</h1>"),  # Pagefind's title
        page(ARTICLE.replace("<p>Lời dẫn.</p>", "<!-- <div> -->")),  # a comment inside
        page(ARTICLE.replace("<p>Lời dẫn.</p>", "<script>'<article>'</script>")),
        page(ARTICLE.replace("<p>Lời dẫn.</p>", "<textarea><div></textarea>")),
        page(ARTICLE.replace("</article>", "")),  # no end
        page(ARTICLE.replace("<p>Lời dẫn.</p>", "<article/>")),  # "/>" on its own name
        page(head=""),  # no head
        page().replace(b"<body>", b"<body data-pagefind-body>"),
        page(before="<!-- <div data-pagefind-body> -->"),  # a mark in a comment first
        page(before="<script>'<p data-pagefind-body>'</script>"),
    ]
    for given_page in whole:
        assert cut(given_page) is given_page, given_page


def test_ignored_parts_and_text_outside_do_not_keep_the_page_whole():
    mention = "<p>Thuộc tính data-pagefind-body đánh dấu phần chính.</p>"
    cut_page = cut(page(before=mention, after='<aside data-pagefind-ignore="all"><h2>Tin</h2>'))
    assert b"<header" not in cut_page and b"site-footer" not in cut_page
    assert cut_page.count(b"data-pagefind-body") == 1


def test_cut_pages_keep_their_paths_and_the_folder_goes_away(tmp_path):
    site = tmp_path / "site"
    for relative in ("2024/05/a/index.html", "don-vi/b/index.html", "index.html"):
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_bytes(page())
    marked = ("2024/05/a/index.html", "don-vi/b/index.html")
    with pages_for_pagefind(site, marked, size_of(site, marked)) as folder:
        assert site not in folder.parents
        found = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))
        assert found == list(marked)
        assert (folder / marked[0]).read_bytes() == cut(page())
    assert not folder.exists()
    with pages_for_pagefind(site, (), 0) as folder:  # nothing marked: the site, whole
        assert folder == site
    assert write_cut_pages(site, tmp_path / "again", marked) == 2 * len(cut(page()))


def test_a_folder_left_by_a_killed_build_is_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(bodies, "SCRATCH_PARENTS", (tmp_path / "shm",))
    (tmp_path / "shm").mkdir()
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_bytes(page())
    old, recent = (tmp_path / "shm" / f"{bodies.SCRATCH_PREFIX}{name}" for name in ("x", "y"))
    for folder in (old, recent):
        (folder / "b").mkdir(parents=True)
    os.utime(old, (0, 0))
    with pages_for_pagefind(site, ("a/index.html",), len(page())) as folder:
        assert folder.parent == tmp_path / "shm"
    assert not old.exists() and recent.exists() and not folder.exists()


# A random tree of elements, one of them marked; its text is escaped, as Jinja writes it.
NAMES = st.sampled_from(["div", "section", "p", "span", "article", "ul", "li", "DIV"])
TEXT = st.text(alphabet="ab <>&đ/\n", max_size=6).map(
    lambda t: t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
)


@st.composite
def trees(draw, depth=0):
    name = draw(NAMES)
    attributes = draw(st.sampled_from(["", ' class="x"', " data-pagefind-ignore", "\n"]))
    children = []
    if depth < 3:
        children = draw(st.lists(trees(depth=depth + 1), max_size=3))
    inner = "".join([draw(TEXT), *children])
    return f"<{name}{attributes}>{inner}</{name}>"


@given(st.lists(trees(), max_size=3), trees(), st.lists(trees(), max_size=3), NAMES)
def test_a_page_is_cut_exactly_at_its_marked_element(before, inside, after, name):
    marked = f"<{name} data-pagefind-body>{inside}</{name}>"
    given_page = page(marked, before="".join(before), after="".join(after))
    cut_page = cut(given_page)
    assert cut_page is not given_page
    assert cut_page.endswith(f"<body>{marked}</body></html>\n".encode())


def test_without_a_memory_file_system_the_pages_go_beside_the_site(tmp_path, monkeypatch):
    monkeypatch.setattr(bodies, "SCRATCH_PARENTS", (tmp_path / "no-shm",))
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_bytes(page())
    with pages_for_pagefind(site, ("a/index.html",), len(page())) as folder:
        assert folder.parent == tmp_path and (folder / "a" / "index.html").is_file()
    assert not folder.exists()


def test_pages_cut_in_two_processes_are_those_cut_in_one(tmp_path, monkeypatch):
    site = tmp_path / "site"
    marked = tuple(f"{year}/{n}/index.html" for year in (2023, 2024) for n in range(3))
    for number, relative in enumerate(marked):
        (site / relative).parent.mkdir(parents=True)
        (site / relative).write_bytes(page(ARTICLE.replace("Lời dẫn", f"Bài {number}")))

    def written(split):
        monkeypatch.setattr(bodies, "SPLIT_PAGES", split)
        with pages_for_pagefind(site, marked, size_of(site, marked)) as folder:
            return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*.html")}

    assert written(1) == written(10**9) and len(written(1)) == len(marked)
