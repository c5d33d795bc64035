"""Issuers with lifespans: no district-level issuer from 2025-07-01, no issuer outside its
unit's lifespan; each refused with the file and the line."""

from __future__ import annotations

import pytest

from plugins.honours.issuers import IssuerError, is_district_text
from plugins.honours.loader import load_honours
from tests.honours.helpers import DECISION_415, D, only, problems, write

FILE = D + "2025/415-qd-ubnd.yaml"
SHOWN = "content/honours/quyet-dinh/2025/415-qd-ubnd.yaml"


def decision(issuer: str, day: str, unit: str | None = None) -> str:
    text = DECISION_415.replace("ngay: 2025-11-28", f"ngay: {day}")
    text = text.replace("co_quan: Chủ tịch UBND xã Bắc Hà", f"co_quan: {issuer}")
    if unit:
        text = text.replace("hinh_thuc:", f"don_vi_ban_hanh: {unit}\nhinh_thuc:")
    return text


@pytest.mark.parametrize(
    "issuer",
    ["Chủ tịch UBND huyện Bắc Hà", "Chủ tịch Ủy ban nhân dân thị xã Sa Pa", "UBND quận Ba Đình"],
)
def test_a_district_issuer_after_the_reform_is_refused(tmp_path, issuer):
    found = problems(tmp_path, {FILE: decision(issuer, "2025-08-01")})
    problem = only(found, IssuerError)
    assert (problem.file, problem.line, problem.field) == (SHOWN, 3, "co_quan")
    assert "01/07/2025" in problem.message and "cấp huyện" in problem.message


def test_the_day_before_the_reform_is_allowed(tmp_path):
    text = decision("Chủ tịch UBND huyện Bắc Hà", "2025-06-30").replace("xa-bac-ha", "bac-ha")
    data = load_honours(write(tmp_path, {FILE: text}))
    assert "415-qd-ubnd-2025" in data.decisions


def test_the_first_day_of_the_reform_is_refused(tmp_path):
    found = problems(tmp_path, {FILE: decision("Chủ tịch UBND huyện Bắc Hà", "2025-07-01")})
    assert only(found, IssuerError).line == 3


def test_an_issuing_unit_already_dissolved_is_refused(tmp_path):
    found = problems(tmp_path, {FILE: decision("Chủ tịch UBND", "2025-09-01", "bac-ha")})
    problem = only(found, IssuerError)
    assert (problem.file, problem.line, problem.field) == (SHOWN, 4, "don_vi_ban_hanh")
    assert "không còn từ ngày 01/07/2025" in problem.message
    assert "xa-bac-ha" in problem.hint


def test_an_issuing_unit_not_yet_formed_is_refused(tmp_path):
    text = decision("Chủ tịch UBND xã Bắc Hà", "2025-06-01", "xa-bac-ha")
    text = text.replace("don_vi: xa-bac-ha", "don_vi: bac-ha")
    problem = only(problems(tmp_path, {FILE: text}), IssuerError)
    assert "chỉ có từ ngày 01/07/2025" in problem.message


def test_an_unknown_issuing_unit_is_named(tmp_path):
    found = problems(tmp_path, {FILE: decision("Chủ tịch UBND xã", "2025-09-01", "xa-bac-haa")})
    assert 'Không có đơn vị mã "xa-bac-haa"' in only(found).message


@pytest.mark.parametrize(
    ("issuer", "district"),
    [
        ("Chủ tịch UBND huyện Bắc Hà", True),
        ("CHỦ TỊCH UBND THỊ XÃ SA PA", True),
        ("Chủ tịch UBND quận Hoàn Kiếm", True),
        ("Thủ trưởng cơ quan Công an tỉnh", False),
        ("Chủ tịch UBND xã Bắc Hà", False),
        ("Chủ tịch UBND tỉnh", False),
        ("Chủ tịch UBND phường Sa Pa", False),
    ],
)
def test_district_words(issuer, district):
    assert is_district_text(issuer) is district
