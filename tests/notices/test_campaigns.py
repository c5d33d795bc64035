"""Emulation campaigns: the data (mistakes named with file and line), decisions and articles
naming their campaign, and the pages /phong-trao/ and /phong-trao/<id>/."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from plugins.honours.loader import load_honours
from tests.honours.helpers import DECISION_163, D, only, problems, write
from tests.support import article, pelican_build
from tools import build as site_build

CAMPAIGNS = """\
- id: khoi-2023
  ten: Phong trào thi đua của Khối năm 2023
  tu_ngay: 2023-01-01
  den_ngay: 2023-12-31
  khoi: [khoi-huyen]
  pham_vi: [bac-ha]
  bai_viet: phat-dong
- id: chuyen-doi-so
  ten: Thi đua chuyển đổi số
  tu_ngay: 2025-01-01
"""
FILE = "honours/phong-trao.yaml"
SHOWN = "content/honours/phong-trao.yaml"
ARTICLE = article(
    title="Phát động thi đua năm 2023",
    date="2023-01-05 08:00",
    category="Khối thi đua",
    summary="Khối phát động phong trào thi đua năm 2023.",
    campaign="khoi-2023",
    slug="phat-dong",
    body="Nội dung.",
)


def files(**extra):
    found = {
        FILE: CAMPAIGNS,
        D + "2023/163-qd-ubnd.yaml": DECISION_163.replace(
            "khoi: khoi-huyen", "khoi: khoi-huyen\nphong_trao: khoi-2023"
        ),
        "articles/phat-dong.md": ARTICLE,
    }
    found.update(extra)
    return found


def test_campaigns_and_decisions(tmp_path):
    data = load_honours(write(tmp_path, files()))
    assert sorted(data.campaigns) == ["chuyen-doi-so", "khoi-2023"]
    assert data.campaigns["khoi-2023"].blocs == ("khoi-huyen",)
    assert data.decisions["163-qd-ubnd-2023"].campaign == "khoi-2023"


@pytest.mark.parametrize(
    ("changes", "file", "line", "words"),
    [
        (
            {D + "2023/163-qd-ubnd.yaml": DECISION_163 + "phong_trao: khoi-2032\n"},
            "content/honours/quyet-dinh/2023/163-qd-ubnd.yaml",
            8,
            'Không có phong trào thi đua mã "khoi-2032"',
        ),
        (
            {D + "2023/163-qd-ubnd.yaml": DECISION_163 + "phong_trao: chuyen-doi-so\n"},
            "content/honours/quyet-dinh/2023/163-qd-ubnd.yaml",
            8,
            "trước khi phong trào",
        ),
        (
            {FILE: CAMPAIGNS.replace("den_ngay: 2023-12-31", "den_ngay: 2022-12-31")},
            SHOWN,
            4,
            "trước ngày bắt đầu",
        ),
        ({FILE: CAMPAIGNS.replace("pham_vi: [bac-ha]", "pham_vi: [bac-haa]")}, SHOWN, 6, "bac-haa"),
        ({FILE: CAMPAIGNS.replace("id: chuyen-doi-so", "id: khoi-2023")}, SHOWN, 8, "bị trùng"),
    ],
)
def test_bad_campaign_data(tmp_path, changes, file, line, words):
    found = problems(tmp_path, {**files(), **changes})
    problem = only([p for p in found if words in p.message])
    assert (problem.file, problem.line) == (file, line)


def test_an_article_naming_an_unknown_campaign_is_refused(tmp_path, capsys):
    content = write(
        tmp_path,
        files(
            **{
                "articles/phat-dong.md": ARTICLE.replace(
                    "Campaign: khoi-2023", "Campaign: khoi-2033"
                )
            }
        ),
    )
    code = site_build.main(["--content", str(content), "--output", str(tmp_path / "out")])
    report = capsys.readouterr()
    assert code == 1
    assert "content/articles/phat-dong.md" in report.out + report.err
    assert "khoi-2033" in report.out + report.err


def test_campaign_pages(tmp_path, monkeypatch):
    monkeypatch.setenv("BUILD_DATE", "2024-06-01")
    output = pelican_build(write(tmp_path, files()), tmp_path / "output")

    def page(path):
        return BeautifulSoup((output / path).read_text("utf-8"), "html.parser")

    listing = page("phong-trao/index.html").find("main").get_text(" ", strip=True)
    assert "Thi đua chuyển đổi số" in listing and "Sắp diễn ra" in listing
    campaign = page("phong-trao/khoi-2023/index.html")
    text = campaign.find("main").get_text(" ", strip=True)
    assert "Từ 01/01/2023 đến 31/12/2023 · Đã kết thúc" in text
    assert campaign.find("a", href=lambda h: h and "quyet-dinh/163-qd-ubnd-2023/" in h)
    assert "Bằng khen của Chủ tịch UBND tỉnh" in text  # totals by honour
    assert campaign.find("a", href=lambda h: h and h.endswith("don-vi/si-ma-cai/"))  # honoured
    assert campaign.find("a", href=lambda h: h and h.endswith("khoi-thi-dua/khoi-huyen/"))
    assert "Phát động thi đua năm 2023" in text  # its article (and launch article)
    decision = page("quyet-dinh/163-qd-ubnd-2023/index.html").select_one(".facts")
    assert decision.find("a", href=lambda h: h and "phong-trao/khoi-2023/" in h)
