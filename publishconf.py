"""Settings for `make publish`: absolute URLs, feeds on the real domain."""

import os

from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://thiduakhenthuong.example.vn").rstrip("/")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
# The previously published /du-lieu/ (a local copy, fetched by CI from the live site before
# the build), to which the log of changes compares: plugins/honours/changes.py.
HONOURS_PREVIOUS_OPEN_DATA = os.environ.get("PREVIOUS_OPEN_DATA", "")
