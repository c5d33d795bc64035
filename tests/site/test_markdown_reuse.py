"""One Markdown object per reader (plugins/vietnamese/reader.py): reading files one after
another with the same reader gives what a fresh reader gives for each, footnotes,
abbreviations, the formatted Summary, and the figure sizes of the file at hand included."""

from __future__ import annotations

import logging

from pelican.settings import read_settings

from plugins.figures.glue import FiguresMixin
from plugins.vietnamese.reader import NfcMarkdownReader
from tests.support import article, jpeg, make_content
from tools.benchkit import ROOT

READER = type("FiguresNfcMarkdownReader", (FiguresMixin, NfcMarkdownReader), {})


def _files(root):
    body_a = (
        'Hội nghị của UBND tỉnh[^1].\n\n![Toàn cảnh hội nghị](anh.jpg "Chú thích A")\n\n'
        "*[UBND]: Ủy ban nhân dân\n\n[^1]: Ngày 19/12/2023.\n"
    )
    body_b = 'Một đoạn văn.\n\n![Trao thưởng](anh.jpg "Chú thích B")\n\nKhông có chú thích cuối.\n'
    return make_content(
        root,
        {
            "a/bai.md": article(summary="Sáng *15/3*, khối thi đua.", body=body_a),
            "a/anh.jpg": jpeg((320, 240)),
            "b/bai.md": article(title="Bài thứ hai", summary="Tin **ngắn**.", body=body_b),
            "b/anh.jpg": jpeg((200, 100)),
        },
    )


def _read(reader, path):
    content, metadata = reader.read(str(path))
    return content, {key: str(value) for key, value in metadata.items()}


def test_one_reader_for_many_files_reads_each_as_a_fresh_one(tmp_path):
    root = _files(tmp_path / "content")
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(root)})
    files = [root / "a/bai.md", root / "b/bai.md", root / "a/bai.md"]
    fresh = [_read(READER(settings), path) for path in files]
    reader = READER(settings)
    reused = [_read(reader, path) for path in files]
    assert reused == fresh
    first, second, again = reused
    assert 'width="320"' in first[0] and 'width="200"' in second[0]  # each file's own photo
    assert "footnote" in first[0] and "footnote" not in second[0]
    assert "<abbr" in first[0] and "<abbr" not in second[0]
    assert (
        "<em>15/3</em>" in first[1]["summary"] and "<strong>ngắn</strong>" in second[1]["summary"]
    )
    assert again == first


def test_read_ahead_gives_what_the_reader_gives_and_leaves_it_what_it_would_say(tmp_path):
    """plugins/vietnamese/read_ahead.py: a forked child reads the files from the end; a clean
    result is the reader's own; a file whose reading logs a warning or raises is left to
    Pelican's reader (so the warning or the error is Pelican's, as without reading ahead)."""
    from plugins.vietnamese.read_ahead import ReadAhead

    root = _files(tmp_path / "content")
    (root / "a/canh-bao.md").write_text(article(title="Cảnh báo"), encoding="utf-8")
    (root / "a/hong.md").write_bytes(b"Title: \xff\xfe hong\n\nx\n")

    class Warning(READER):  # a reader that warns about one file (as an extension may)
        def read(self, source_path):
            if source_path.endswith("canh-bao.md"):
                logging.getLogger("pelican").warning("Ảnh thiếu chú thích")
            return super().read(source_path)

    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(root)})
    paths = [str(root / p) for p in ("a/bai.md", "a/canh-bao.md", "a/hong.md", "b/bai.md")]
    ahead = ReadAhead(Warning(settings), paths)
    ahead.stop(kill=False)  # let it read everything
    fresh = READER(settings)
    for clean in (paths[0], paths[3]):
        content, metadata = ahead.take(clean)
        assert (content, {k: str(v) for k, v in metadata.items()}) == _read(fresh, clean)
        assert ahead.take(clean) is None  # given once
    assert ahead.take(paths[1]) is None  # it warned: Pelican's reader reads it and warns
    assert ahead.take(paths[2]) is None  # not UTF-8: Pelican's reader raises it
    assert ahead.taken == 2


def test_a_site_read_ahead_is_the_same_site(tmp_path):
    """The sample site built by Pelican with READ_AHEAD (every article, however few) is the
    same bytes as without it."""
    from tests.support import differences, pelican_process

    content = ROOT / "content"
    plain = pelican_process(content, tmp_path / "plain")
    ahead = pelican_process(content, tmp_path / "ahead", READ_AHEAD=True, READ_AHEAD_MIN=1)
    assert differences(plain, ahead) == []


def test_no_reading_ahead_in_a_warm_build(tmp_path):
    """With Pelican's content cache filled (a warm build parses only what changed), the
    first article read starts no child; a cold one does (plugins/vietnamese/glue.py)."""
    from types import SimpleNamespace

    from plugins.vietnamese.glue import start_reading_ahead, stop_reading_ahead

    root = _files(tmp_path / "content")
    override = {"PATH": str(root), "READ_AHEAD": True, "READ_AHEAD_MIN": 1}
    settings = read_settings(str(ROOT / "pelicanconf.py"), override=override)

    def generator(cache: dict):
        reader = READER(settings)
        return SimpleNamespace(
            settings=settings,
            path=str(root),
            readers=SimpleNamespace(readers={"md": reader}, _cache=cache),
            get_files=lambda paths, exclude=(): {"a/bai.md", "b/bai.md"},
        )

    warm = generator({"a/bai.md": ("cached", {})})
    start_reading_ahead(warm)
    assert "read_ahead" not in warm.readers.readers["md"].__dict__
    cold = generator({})
    start_reading_ahead(cold)
    assert "read_ahead" in cold.readers.readers["md"].__dict__
    stop_reading_ahead(cold)
    assert "read_ahead" not in cold.readers.readers["md"].__dict__
