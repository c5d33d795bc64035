"""What the pages show, computed without Pelican: order of honours, years, the chart."""

from plugins.honours import views
from plugins.honours.loader import load_honours
from tests.honours.helpers import write


def test_unit_summary_highest_honour_first_and_years(tmp_path):
    data = load_honours(write(tmp_path))
    page = views.unit_page(data, data.units["bac-ha"])
    assert [c.honour.id for c in page.summary] == [
        "co-thi-dua-ubnd-tinh",
        "bang-khen-chu-tich-ubnd-tinh",
    ]
    assert page.summary[1].counts == {"tap_the": 1, "ca_nhan": 1, "ho_gia_dinh": 0}
    assert [(y.year, y.total) for y in page.years] == [(2023, 3)]
    assert [r.recipient.name for r in page.parts["tap_the"]] == [
        "Phòng Nội vụ huyện Bắc Hà",  # 18/12/2023, newest first
        "UBND huyện Bắc Hà",
    ]
    assert [u.id for u in page.successors] == ["xa-bac-ha"]
    assert [u.id for u in page.children] == ["xa-bac-ha"]
    (entry,) = page.blocs
    assert entry["led"] == [2023] and entry["flags"] == [2023]


def test_years_without_honours_are_shown_as_zero():
    class Row:
        def __init__(self, decision_id, kind="tap_the"):
            self.decision_id, self.kind = decision_id, kind

    class Decision:
        def __init__(self, year):
            self.year = year

    class Data:
        def __init__(self):
            self.decisions = {"a": Decision(2020), "b": Decision(2023)}

    years = views.count_by_year(Data(), [Row("a"), Row("b"), Row("b", "ca_nhan")])
    assert [(y.year, y.total) for y in years] == [(2020, 1), (2021, 0), (2022, 0), (2023, 2)]
    chart = views.bar_chart(years)
    heights = [bar.height for bar in chart.bars]
    assert heights[3] == 2 * heights[0] and heights[1] == 0
    assert all(bar.y + bar.height == chart.baseline for bar in chart.bars)


def test_unit_groups_in_vietnamese_order(tmp_path):
    data = load_honours(write(tmp_path))
    groups = views.unit_groups(data)
    assert [g.name for g in groups] == ["Huyện, thị xã, thành phố", "Xã, phường"]
    names = [u.name for u, _ in groups[0].units]
    assert names == ["UBND huyện Bắc Hà", "UBND huyện Si Ma Cai", "UBND thị xã Sa Pa"]
    assert groups[0].dissolved == 1


def test_year_totals(tmp_path):
    data = load_honours(write(tmp_path))
    page = views.year_page(data, 2023)
    assert [d.id for d in page.decisions] == ["58-qd-ubnd-2023", "163-qd-ubnd-2023"]
    assert page.counts == {"tap_the": 3, "ca_nhan": 3, "ho_gia_dinh": 0}
    assert page.totals[0].honour.id == "co-thi-dua-ubnd-tinh"
    assert (
        views.decision_summary(data, data.decisions["163-qd-ubnd-2023"]) == "2 tập thể, 2 cá nhân"
    )
