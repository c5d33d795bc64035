"""The build's today: BUILD_DATE, else the date in Vietnam (UTC+7), whatever the machine's."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from plugins.notices.today import BuildDateError, build_date


def test_build_date_from_the_environment():
    assert build_date({"BUILD_DATE": "2026-12-07"}) == date(2026, 12, 7)


def test_today_in_vietnam_not_utc():
    # 18:30 UTC on 1/12 is 01:30 on 2/12 in Hà Nội
    late = datetime(2026, 12, 1, 18, 30, tzinfo=UTC)
    assert build_date({}, now=late) == date(2026, 12, 2)
    assert build_date({"BUILD_DATE": ""}, now=late) == date(2026, 12, 2)


@pytest.mark.parametrize("value", ["07/12/2026", "2026-13-01", "hôm nay", "2026-2-3"])
def test_a_malformed_build_date_is_an_error(value):
    with pytest.raises(BuildDateError) as raised:
        build_date({"BUILD_DATE": value})
    assert "BUILD_DATE" in raised.value.message
    assert "2026-12-07" in raised.value.hint
