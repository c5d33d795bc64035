"""One Markdown object per reader (plugins/vietnamese/reader.py): reading files one after
another with the same reader gives what a fresh reader gives for each, footnotes,
abbreviations, the formatted Summary, and the figure sizes of the file at hand included."""

from __future__ import annotations

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
