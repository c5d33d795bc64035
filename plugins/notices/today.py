"""The build's "today": BUILD_DATE=YYYY-MM-DD when set, else today in Asia/Ho_Chi_Minh.

Builds are reproducible for a given date, and tests move the date with BUILD_DATE. Pure.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import date, datetime

from plugins.vietnamese.dates import VN_TZ
from plugins.vietnamese.errors import SiteError

VARIABLE = "BUILD_DATE"
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class BuildDateError(SiteError):
    pass


def build_date(environ: Mapping[str, str] | None = None, now: datetime | None = None) -> date:
    """The date the site is built for; raises BuildDateError for a malformed BUILD_DATE."""
    environ = os.environ if environ is None else environ
    value = (environ.get(VARIABLE) or "").strip()
    if value:
        try:
            if not _ISO.match(value):
                raise ValueError(value)
            return date.fromisoformat(value)
        except ValueError:
            raise BuildDateError(
                file=VARIABLE,
                message=f'Biến môi trường {VARIABLE}="{value}" không phải một ngày hợp lệ.',
                hint=f"Ghi theo dạng năm-tháng-ngày, ví dụ {VARIABLE}=2026-12-07, hoặc bỏ biến "
                "này để dùng ngày hôm nay (giờ Việt Nam).",
            ) from None
    moment = now.astimezone(VN_TZ) if now is not None else datetime.now(VN_TZ)
    return moment.date()
