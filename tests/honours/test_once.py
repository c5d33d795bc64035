"""The honours data is loaded once per build: make check loads it, Pelican's run reuses it."""

from __future__ import annotations

import pytest

from plugins.honours import once
from plugins.vietnamese.errors import SiteErrors
from tests.honours.helpers import UNITS, write


@pytest.fixture
def loads(monkeypatch):
    calls = []
    real = once.load_honours

    def counting(content, settings=None):
        calls.append(content)
        return real(content, settings)

    monkeypatch.setattr(once, "load_honours", counting)
    return calls


def test_second_call_reuses_the_first_load(tmp_path, loads):
    content = write(tmp_path)
    first = once.load_once(content)
    second = once.load_once(content)
    assert len(loads) == 1
    assert sorted(second.units) == sorted(first.units)
    assert [r.name for r in second.recipients] == [r.name for r in first.recipients]
    assert once.cache_path(content).is_file()
    assert not once.cache_path(content).is_relative_to(content)  # never inside content/


def test_any_changed_byte_means_a_new_load(tmp_path, loads):
    content = write(tmp_path)
    once.load_once(content)
    units = content / "honours" / "don-vi.yaml"
    units.write_text(UNITS.replace("UBND huyện Si Ma Cai", "UBND huyện Si Ma Cai mới"))
    data = once.load_once(content)
    assert len(loads) == 2
    assert data.units["si-ma-cai"].name == "UBND huyện Si Ma Cai mới"


def test_a_failed_load_is_never_kept(tmp_path, loads):
    content = write(tmp_path, {"honours/don-vi.yaml": "don_vi: [\n"})
    for _ in range(2):
        with pytest.raises(SiteErrors):
            once.load_once(content)
    assert len(loads) == 2
    assert not once.cache_path(content).exists()


def test_warnings_survive_the_cache(tmp_path, loads):
    units = UNITS.replace("ten: UBND huyện Si Ma Cai", "ten: UBND\u00a0huyện Si Ma Cai")
    content = write(tmp_path, {"honours/don-vi.yaml": units})
    first = once.load_once(content)
    second = once.load_once(content)
    assert len(loads) == 1
    assert [str(w) for w in second.warnings] == [str(w) for w in first.warnings] != []


def test_a_damaged_cache_is_ignored(tmp_path, loads):
    content = write(tmp_path)
    once.load_once(content)
    path = once.cache_path(content)
    path.write_bytes(path.read_bytes()[:100])
    assert once.load_once(content).units
    assert len(loads) == 2
