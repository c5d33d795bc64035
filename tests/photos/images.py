"""Old name of the photo makers: now tests.support (kept for tests written against it)."""

from tests.support.photos import SECRETS, assert_clean, phone_jpeg
from tests.support.photos import png as png_bytes

__all__ = ["SECRETS", "assert_clean", "phone_jpeg", "png_bytes"]
