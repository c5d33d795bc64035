"""Settings for `make publish`: absolute URLs, feeds on the real domain."""

import os

from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://thiduakhenthuong.example.vn").rstrip("/")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
