"""Bad honours data: the build exits non-zero, says what is wrong, and output/ stays as it was."""

from __future__ import annotations

import pytest

from tests.honours.helpers import ANNEX_163, D, write
from tools import build as site_build


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def previous_output(tmp_path):
    output = tmp_path / "output"
    (output / "don-vi" / "bac-ha").mkdir(parents=True)
    (output / "index.html").write_text("<p>trang cũ</p>", encoding="utf-8")
    (output / "don-vi" / "bac-ha" / "index.html").write_text("<p>cũ</p>", encoding="utf-8")
    return output


def test_make_html_refuses_bad_data_and_keeps_output(tmp_path, previous_output, capsys):
    bad = ANNEX_163.replace("si-ma-cai", "si-ma-kai").replace("2,Bà Giàng Thị Dung,", "2,,")
    content = write(tmp_path, {D + "2023/163-phu-luc.csv": bad})
    before = snapshot(previous_output)
    code = site_build.main(["--content", str(content), "--output", str(previous_output)])
    captured = capsys.readouterr()
    assert code == 1
    assert snapshot(previous_output) == before
    report = captured.out + captured.err
    assert "content/honours/quyet-dinh/2023/163-phu-luc.csv:4: LỖI" in report
    assert 'Không có đơn vị mã "si-ma-kai"' in report
    assert "163-phu-luc.csv:7: LỖI" in report  # both problems, one run
    assert "Trang cũ" in report


def test_pelican_step_alone_also_fails_on_bad_data(tmp_path, previous_output):
    """Even without `make check` in front, the plugin stops Pelican (non-zero exit)."""
    content = write(tmp_path, {"honours/khoi-thi-dua.yaml": "- id: khoi-huyen\n  ten: [x\n"})
    before = snapshot(previous_output)
    with pytest.raises(site_build.BuildFailed):
        site_build.build(content, previous_output, checks=False)
    assert snapshot(previous_output) == before
