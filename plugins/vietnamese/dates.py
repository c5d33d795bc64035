"""Vietnamese dates without the machine's locale (CI machines only have C.UTF-8)."""

from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

try:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
    except ZoneInfoNotFoundError:  # no tzdata on this machine; Vietnam has no DST
        VN_TZ = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")
except ImportError:  # pragma: no cover
    VN_TZ = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")

# The same dates are formatted again and again (an article's date on every list page that
# shows it): results are remembered. Equal datetimes format alike (same instant, and naive
# ones never equal aware ones), so the cache cannot mix two dates up.
_REMEMBERED = 1 << 16

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def to_vietnam_time(value: datetime) -> datetime:
    """A naive datetime is taken as already in Vietnam time; an aware one is converted."""
    if value.tzinfo is None:
        return value
    return value.astimezone(VN_TZ)


def weekday(value: date) -> str:
    return WEEKDAYS[value.weekday()]


@lru_cache(maxsize=_REMEMBERED)
def format_date(value: date) -> str:
    """19/12/2023"""
    if isinstance(value, datetime):
        value = to_vietnam_time(value)
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


@lru_cache(maxsize=_REMEMBERED)
def format_datetime(value: datetime) -> str:
    """Thứ Ba, 19/12/2023 16:30"""
    value = to_vietnam_time(value)
    return f"{weekday(value)}, {format_date(value)} {value.hour:02d}:{value.minute:02d}"


def format_long_date(value: date) -> str:
    """ngày 19 tháng 12 năm 2023 (as written on decisions)."""
    if isinstance(value, datetime):
        value = to_vietnam_time(value)
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"


@lru_cache(maxsize=_REMEMBERED)
def iso(value: date) -> str:
    """ISO 8601 for <time datetime> and JSON-LD, with the +07:00 offset for datetimes."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=VN_TZ)
        return to_vietnam_time(value).isoformat(timespec="minutes")
    return value.isoformat()
