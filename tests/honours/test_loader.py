"""Loading the honours data: the model, unit lineage, and the sample data of content/."""

from collections import Counter
from datetime import date

from plugins.honours import fieldtables, loader
from plugins.honours.loader import decision_id, load_honours, parse_date
from plugins.honours.model import HonoursData
from plugins.honours.model_vocabulary import COLLECTIVE, HOUSEHOLD, INDIVIDUAL
from tests.honours.helpers import write
from tests.support import ROOT


def test_small_data_set_loads(tmp_path):
    data = load_honours(write(tmp_path))
    assert sorted(data.units) == ["bac-ha", "si-ma-cai", "tx-sa-pa", "xa-bac-ha"]
    assert sorted(data.decisions) == ["163-qd-ubnd-2023", "415-qd-ubnd-2025", "58-qd-ubnd-2023"]
    decision = data.decisions["163-qd-ubnd-2023"]
    assert decision.number == "163/QĐ-UBND"
    assert decision.date == date(2023, 12, 18)
    assert [r.kind for r in decision.recipients] == [COLLECTIVE, COLLECTIVE, INDIVIDUAL, INDIVIDUAL]
    assert [r.index for r in decision.recipients] == [1, 2, 3, 4]
    assert decision.recipients[2].name == "Ông Lù Văn Pao"
    assert decision.recipients[2].position == "Chủ tịch UBND huyện Bắc Hà"
    # A collective row without a name is the unit itself, under its name of the time.
    flag = data.decisions["58-qd-ubnd-2023"].recipients[0]
    assert (flag.name, flag.honour_id) == ("UBND huyện Bắc Hà", "co-thi-dua-ubnd-tinh")
    # A row may name its own honour.
    assert data.decisions["58-qd-ubnd-2023"].recipients[1].honour_id == "chien-si-thi-dua-co-so"
    bloc = data.blocs["khoi-huyen"].years[2023]
    assert (bloc.leader, bloc.deputy, bloc.flag_unit) == ("bac-ha", "si-ma-cai", "bac-ha")
    assert [(r.unit, r.score) for r in bloc.ranking] == [("bac-ha", "97,0"), ("si-ma-cai", "")]


def test_no_honours_folder_means_empty_data(tmp_path):
    (tmp_path / "content").mkdir()
    data = load_honours(tmp_path / "content")
    assert isinstance(data, HonoursData) and data.is_empty


def test_lineage_links_both_ways(tmp_path):
    data = load_honours(write(tmp_path))
    old, new = data.units["bac-ha"], data.units["xa-bac-ha"]
    assert old.dissolved and old.valid_to == date(2025, 7, 1)
    assert old.last_day == date(2025, 6, 30)
    assert old.successors == ("xa-bac-ha",)
    assert new.predecessors == ("bac-ha",)
    assert old.exists_on(date(2025, 6, 30)) and not old.exists_on(date(2025, 7, 1))
    assert new.exists_on(date(2025, 7, 1)) and not new.exists_on(date(2025, 6, 30))


def test_name_at_the_time(tmp_path):
    data = load_honours(write(tmp_path))
    sa_pa = data.units["tx-sa-pa"]
    assert sa_pa.name_on(date(2019, 12, 31)) == "UBND huyện Sa Pa"
    assert sa_pa.name_on(date(2020, 1, 1)) == "UBND thị xã Sa Pa"
    assert "UBND huyện Sa Pa" in sa_pa.all_names


def test_names_for_the_mentions_finder(tmp_path):
    data = load_honours(write(tmp_path))
    names = dict(data.unit_names())
    assert names["bac-ha"] == ("UBND huyện Bắc Hà", "Bắc Hà", "huyện Bắc Hà")
    assert data.units["bac-ha"].url == "don-vi/bac-ha/"


def test_dates_and_ids():
    assert parse_date("2023-12-18") == date(2023, 12, 18)
    assert parse_date("18/12/2023") == date(2023, 12, 18)
    assert parse_date("2023-13-45") is None
    assert parse_date("18-12-2023") is None
    assert decision_id("163/QĐ-UBND", date(2023, 12, 18)) == "163-qd-ubnd-2023"
    assert decision_id("1450/QĐ-SGDĐT", date(2024, 6, 10)) == "1450-qd-sgddt-2024"


def test_sample_data_of_the_site():
    """content/honours/: what the issue asks of the sample data."""
    data = load_honours(ROOT / "content")
    assert not data.warnings, data.warnings
    bloc = data.blocs["khoi-huyen"]
    assert sorted(bloc.years) == [2022, 2023, 2024, 2025]
    leaders = {y: (bloc.years[y].leader, bloc.years[y].deputy) for y in bloc.years}
    assert leaders == {
        2022: ("bao-thang", "bat-xat"),
        2023: ("bac-ha", "si-ma-cai"),
        2024: ("tx-sa-pa", "muong-khuong"),
        2025: ("van-ban", "bao-yen"),
    }
    assert all(len(bloc.years[y].members) == 9 for y in bloc.years)
    assert len(data.decisions) >= 12
    assert len(data.recipients) >= 120
    groups = Counter(data.honours[r.honour_id].group for r in data.recipients)
    assert {"Huân chương", "Cờ thi đua", "Bằng khen", "Giấy khen"} <= set(groups)
    kinds = Counter(r.kind for r in data.recipients)
    assert kinds[COLLECTIVE] and kinds[INDIVIDUAL] and kinds[HOUSEHOLD]
    lao_cai = data.units["tp-lao-cai"]
    assert lao_cai.valid_to == date(2025, 7, 1)
    assert set(lao_cai.successors) == {
        "phuong-lao-cai",
        "phuong-cam-duong",
        "xa-coc-san",
        "xa-hop-thanh",
    }
    for successor in lao_cai.successors:
        assert "tp-lao-cai" in data.units[successor].predecessors
    annexes = [f for d in data.decisions.values() for f in d.annex_files]
    assert any(f.endswith(".xlsx") for f in annexes)
    assert sum(f.endswith(".csv") for f in annexes) >= 3
    # Successor units are honoured after the reorganisation, never the dissolved ones.
    for row in data.recipients:
        decision = data.decisions[row.decision_id]
        assert data.units[row.unit_id].exists_on(decision.date), row


def test_every_vocabulary_entry_has_kind_and_precedence():
    data = load_honours(ROOT / "content")
    precedences = [h.precedence for h in data.honours.values()]
    assert len(set(precedences)) == len(precedences)
    assert {h.kind for h in data.honours.values()} == {"danh_hieu", "hinh_thuc"}
    assert data.honours["co-thi-dua-ubnd-tinh"].recipients == ("tap_the",)
    assert data.honours["gia-dinh-van-hoa"].recipients == ("ho_gia_dinh",)
    # The law's order: orders before certificates of merit before Giấy khen.
    order = sorted(data.honours.values(), key=lambda h: h.precedence)
    position = {h.id: i for i, h in enumerate(order)}
    assert (
        position["huan-chuong-lao-dong-hang-ba"]
        < position["bang-khen-thu-tuong"]
        < position["bang-khen-chu-tich-ubnd-tinh"]
        < position["giay-khen-chu-tich-ubnd-huyen"]
    )


def test_file_names_are_documented():
    doc = (ROOT / "docs" / "du-lieu-khen-thuong.md").read_text(encoding="utf-8")
    for name in (
        loader.VOCABULARY_FILE,
        loader.UNITS_FILE,
        loader.BLOCS_FILE,
        loader.DECISIONS_DIR,
    ):
        assert name in doc
    for record in fieldtables.DOCUMENTED:
        for field in record.fields:
            assert (field.label if record.columns else f"`{field.key}`") in doc, field.key


def test_the_guide_field_tables_are_the_declarations():
    """The staff guide cannot drift: its tables are exactly what the declarations declare."""
    doc = fieldtables.GUIDE.read_text(encoding="utf-8")
    shown = {m.group("name"): m.group("table") for m in fieldtables.BLOCK.finditer(doc)}
    assert set(shown) == set(fieldtables.records())  # honours' and notices' declarations
    assert {record.name for record in fieldtables.DOCUMENTED} <= set(shown)
    for name, record in fieldtables.records().items():
        assert shown[name] == fieldtables.table(record), name
    assert fieldtables.render(doc) == doc
