"""Valid HTML: the Nu HTML Checker (vnu.jar, run with Java) over every page of the built site.

The checker starts once for the whole site (Java starts slowly); a small invalid page outside
the site is checked in the same run, to prove the checker really reports errors.
"""

from __future__ import annotations

import pytest

from tests.quality.sitecheck import summary
from tools import vnu

# Shares an xdist worker with nothing else that starts Java; the run happens once.
pytestmark = pytest.mark.xdist_group("vnu")

CANARY = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Mẫu sai</title></head>
<body><p>Một thẻ <span>không đóng.</p><div action="x"></div></body></html>
"""


def test_every_page_is_valid_html(site, tmp_path):
    canary = tmp_path / "mau-sai.html"
    canary.write_text(CANARY, encoding="utf-8")
    try:
        files, messages = vnu.check(site.root, extra=[canary])
    except vnu.VnuUnavailable as error:
        pytest.fail(str(error))
    assert len(files) == len(site.pages) > 0

    canary_errors = [m for m in messages if m.is_error and m.file.endswith("mau-sai.html")]
    assert canary_errors, "vnu.jar did not report the errors of a known-bad page"

    errors = [m for m in messages if m.is_error and not m.file.endswith("mau-sai.html")]
    pages_with_errors = sorted({m.file for m in errors})
    assert not errors, (
        f"Nu HTML Checker: {len(errors)} lỗi trong {len(pages_with_errors)}/{len(files)} trang "
        f"(HTML errors):\n{summary(errors)}"
    )
