"""The test kit, one place for what every test folder needs:

- build a small site: `make_content`, `pelican_build` (Pelican in this process, our settings
  and plugins), `pelican_process` (the same in a fresh process: a plugin list of its own),
  `build_cli` (`python -m tools.build`, as `make html` runs it), `differences` (two built
  sites compared byte for byte);
- make an article: `article(...)` (a Markdown source with its metadata header);
- make a photo: `jpeg`, `phone_jpeg` (EXIF, GPS, XMP, comment), `png`, `assert_clean`;
- parse a page: `parse(path or HTML)`, `page(site, url)`;
- serve a folder: `serving(folder)` (a local HTTP server; yields its base URL).
"""

from tests.support.build import (
    ROOT,
    build_cli,
    differences,
    make_content,
    pelican_build,
    pelican_process,
)
from tests.support.content import article
from tests.support.pages import page, parse
from tests.support.photos import assert_clean, jpeg, phone_jpeg, png
from tools.serve import serving

__all__ = [
    "ROOT",
    "article",
    "assert_clean",
    "build_cli",
    "differences",
    "jpeg",
    "make_content",
    "page",
    "parse",
    "pelican_build",
    "pelican_process",
    "phone_jpeg",
    "png",
    "serving",
]
