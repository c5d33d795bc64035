"""Python's cyclic garbage collector kept out of the way of bulk work (pure: no Pelican).

Loading 100 000 honour rows creates some 200 000 long-lived objects (plugins/honours), the
related-news index millions of small ones (plugins/related), and writing thousands of pages
millions of short-lived ones (table cells, rows); none of it makes reference cycles (a
handful at most, collected when the pause ends). Left alone, the collector walks the growing
data again and again: about a tenth of the whole build time at 100 000 rows. `paused()`
switches it off for the duration and back on afterwards, whatever happens (it stays off if
it was off).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
