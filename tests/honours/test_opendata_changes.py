"""The log of changes in a real build: a second publication compares its open data with the
first one (a local copy of the published /du-lieu/, as CI downloads it), lists what changed on
/du-lieu/thay-doi/ and in its Atom feed, and the same inputs give the same bytes."""

from __future__ import annotations

import json

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.honours.helpers import ANNEX_163, DECISION_58, D, write
from tests.support import pelican_build
from tools import build as site_build

EPOCH = 1767225600  # 2026-01-01 00:00 UTC


def changed(tmp_path):
    annex = ANNEX_163.replace("Ông Lù Văn Pao", "Ông Lù Văn Páo")
    new_decision = DECISION_58.replace("58/QĐ-UBND", "99/QĐ-UBND").replace("01-10", "03-01")
    return write(
        tmp_path / "b",
        {
            D + "2023/163-phu-luc.csv": annex,
            D + "2025/415-qd-ubnd.yaml": None,
            D + "2023/99-qd-ubnd.yaml": new_decision,
        },
    )


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("changes")
    first = pelican_build(write(tmp_path / "a"), tmp_path / "out-a")
    content = changed(tmp_path)
    settings = {"HONOURS_PREVIOUS_OPEN_DATA": str(first / "du-lieu"), "SOURCE_DATE_EPOCH": EPOCH}
    second = pelican_build(content, tmp_path / "out-b", **settings)
    again = pelican_build(content, tmp_path / "out-c", **settings)
    return first, second, again


def test_first_publication_lists_every_decision(builds):
    first, _, _ = builds
    log = json.loads((first / "du-lieu/thay-doi/lich-su.json").read_text(encoding="utf-8"))
    (entry,) = log["cac_lan_cong_bo"]
    assert entry["lan_dau"] and len(entry["them"]) == 3 and entry["so_ban_ghi"] == 7
    # Without SOURCE_DATE_EPOCH the date is the newest decision's (from the content).
    assert entry["thoi_gian"] == "2025-11-28T00:00:00+07:00"


def test_second_publication_logs_what_changed(builds):
    _, second, _ = builds
    log = json.loads((second / "du-lieu/thay-doi/lich-su.json").read_text(encoding="utf-8"))
    newest, oldest = log["cac_lan_cong_bo"]
    assert oldest["lan_dau"] and not newest["lan_dau"]
    assert newest["thoi_gian"] == "2026-01-01T07:00:00+07:00"
    assert [d["so_quyet_dinh"] for d in newest["them"]] == ["99/QĐ-UBND"]
    assert [d["so_quyet_dinh"] for d in newest["sua"]] == ["163/QĐ-UBND"]
    assert [d["so_quyet_dinh"] for d in newest["go"]] == ["415/QĐ-UBND"]
    assert (newest["so_ban_ghi"], newest["so_ban_ghi_truoc"]) == (8, 7)

    html = (second / "du-lieu/thay-doi/index.html").read_text(encoding="utf-8")
    main = BeautifulSoup(html, "html.parser").find("main")
    section = main.find("section", id=newest["ma"])
    text = section.get_text(" ")
    for label in ("Quyết định được thêm", "Quyết định được sửa", "Quyết định được gỡ bỏ"):
        assert label in text
    assert "415/QĐ-UBND" in text and not section.find("a", string=lambda s: "415" in s)
    assert section.find("a", href=lambda h: h.endswith("quyet-dinh/99-qd-ubnd-2023/"))

    feed = feedparser.parse((second / "du-lieu/thay-doi/atom.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 2
    assert feed.entries[0].id.endswith(f"#{newest['ma']}") and feed.entries[0].updated_parsed
    assert "Thêm 1 quyết định, sửa 1, gỡ bỏ 1" in feed.entries[0].summary
    head = BeautifulSoup(html, "html.parser").find("head")
    assert head.find("link", rel="alternate", href=lambda h: h.endswith("thay-doi/atom.xml"))


def test_the_same_inputs_give_the_same_bytes(builds):
    _, second, again = builds
    for name in (
        "thay-doi/lich-su.json",
        "thay-doi/atom.xml",
        "thay-doi/index.html",
        "datapackage.json",
        "data.json",
        "khen-thuong.csv",
        "index.html",
    ):
        assert (second / "du-lieu" / name).read_bytes() == (again / "du-lieu" / name).read_bytes()


def test_an_unreadable_previous_version_stops_the_publish_build(tmp_path, monkeypatch, capfd):
    previous = tmp_path / "previous"
    previous.mkdir()
    (previous / "khen-thuong.json").write_text('[\n{"ten": "A"},\n{"ten": \n]\n', "utf-8")
    monkeypatch.setenv("PREVIOUS_OPEN_DATA", str(previous))  # as CI sets it (publishconf.py)
    monkeypatch.setenv("COLUMNS", "1000")  # Pelican's log lines unwrapped
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("<p>trang cũ</p>", encoding="utf-8")
    with pytest.raises(site_build.BuildFailed):
        site_build.build(write(tmp_path / "a"), output, publish=True, checks=False)
    report = "".join(capfd.readouterr())
    assert f"{previous / 'khen-thuong.json'}:3: LỖI" in report
    assert "Không đọc được dữ liệu mở đã công bố trước" in report
    assert [p.name for p in output.iterdir()] == ["index.html"]  # nothing half-published
    assert (output / "index.html").read_text(encoding="utf-8") == "<p>trang cũ</p>"
