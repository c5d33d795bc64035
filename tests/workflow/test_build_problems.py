"""A failed build names its problems (file and line, message, how to fix) in BuildFailed, for
the banner of `make serve` (tools/serve.py): from the checks, and from Pelican itself."""

from __future__ import annotations

import pytest

from tests.support import article
from tests.workflow.site import small_site
from tools.build import BuildFailed, Problem, build, problems_in

BAD = "articles/2024/05/bai-loi.md"


@pytest.mark.parametrize("checks", [True, False], ids=["checks", "pelican"])
def test_a_failed_build_carries_the_problem_list(tmp_path, checks):
    content = small_site(tmp_path / "content")
    (content / BAD).parent.mkdir(parents=True, exist_ok=True)
    (content / BAD).write_text(article(title="Bài lỗi", category="Thi dua"), encoding="utf-8")
    with pytest.raises(BuildFailed) as caught:
        build(content, tmp_path / "output", checks=checks)
    problems = caught.value.problems
    assert problems, caught.value
    named = [p for p in problems if p.where.startswith(f"content/{BAD}")]
    assert named, problems
    assert "Thi dua" in named[0].message
    assert named[0].where == f"content/{BAD}:3"
    assert named[0].hint and named[0].hint.endswith(".")  # the whole hint, nothing after it


def test_problem_lines_are_read_from_pelicans_log():
    lines = [
        "[12:00:01] ERROR    content/a.md:4: LỖI [Category]: Chuyên mục sai. Cách sửa: Chọn lại.",
        "CRITICAL SiteErrors: content/honours/don-vi.yaml: LỖI: Thiếu mã.",
        "ERROR    content/a.md:4: LỖI [Category]: Chuyên mục sai. Cách sửa: Chọn lại.",
        "Done: Processed 3 articles",
    ]
    assert problems_in(lines) == [
        Problem("content/a.md:4", "[Category] Chuyên mục sai.", "Chọn lại."),
        Problem("content/honours/don-vi.yaml", "Thiếu mã.", ""),
    ]
