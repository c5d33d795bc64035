"""What a browser test needs to judge a page's resources without racing the browser.

A page's requests are recorded by `NetworkLog(page)`. `load_images(page)` makes every image
load (lazy ones too) and waits until each has finished, whichever srcset / <picture>
candidate the layout chose; `NetworkLog.settle()` then waits until no request is still on
its way, and `NetworkLog.verdict()` freezes the log (what the test does afterwards, a
full-page screenshot, axe, closing the page, cannot change it) and returns the broken
resources:

- an HTTP error status (4xx, 5xx), except for URLs the test expects to fail (the 404 page);
- a request that failed for any reason but a cancel: refused connection, missing file,
  blocked by the CSP, ...;
- a response with the wrong content type for what asked for it (an image that is HTML);
- an image that finished without a picture (missing, or not an image at all);
- `net::ERR_ABORTED` only when nothing made up for it: neither the same URL nor another
  candidate (srcset, <source>) of an image that lists it loaded. The browser cancels a lazy
  image's small variant when a resize makes it choose a larger one, or when the page closes;
  that is not a broken page.

New browser tests use it the same way:

    log = NetworkLog(page)
    page.goto(url)
    load_images(page)
    assert not log.verdict(page), summary(...)
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

ABORTED = "net::ERR_ABORTED"
SETTLE_SECONDS = 20.0
POLL_MS = 25  # how often settle() looks again; the verdict does not depend on it

# The content types a resource type may be served with (any other is "wrong content type").
# fetch/xhr, documents of frames and "other" carry data of every kind and are not checked.
EXPECTED_TYPES = {
    "image": ("image/",),
    "stylesheet": ("text/css",),
    "script": ("text/javascript", "application/javascript", "application/x-javascript"),
    "font": ("font/", "application/font", "application/x-font", "application/vnd.ms-font"),
}

# Every <img>: whether it shows a picture, and the URLs it could have chosen.
IMAGES_JS = """() => [...document.images].map((img) => {
  const urls = new Set();
  const add = (value) => {
    if (!value) return;
    for (const part of value.split(/,\\s+/)) {
      const token = part.trim().split(/\\s+/)[0];
      if (token) urls.add(new URL(token, document.baseURI).href);
    }
  };
  if (img.getAttribute('src')) urls.add(new URL(img.getAttribute('src'), document.baseURI).href);
  add(img.getAttribute('srcset'));
  const picture = img.parentElement && img.parentElement.tagName === 'PICTURE'
    ? img.parentElement : null;
  if (picture) for (const s of picture.querySelectorAll('source')) add(s.getAttribute('srcset'));
  return {src: img.currentSrc || img.getAttribute('src') || '', complete: img.complete,
          loaded: img.complete && img.naturalWidth > 0, candidates: [...urls]};
})"""

LOAD_IMAGES_JS = "() => { for (const i of document.images) i.loading = 'eager'; }"
IMAGES_DONE_JS = "() => [...document.images].every((i) => i.complete)"


@dataclass
class Exchange:
    """One request and what became of it."""

    url: str
    resource_type: str
    status: int | None = None
    content_type: str | None = None
    failure: str | None = None
    done: bool = False  # finished or failed


@dataclass
class Image:
    src: str
    complete: bool
    loaded: bool
    candidates: list[str] = field(default_factory=list)


def load_images(page, timeout_ms: int = 15_000) -> None:
    """Make lazy images load now and wait until every <img> has finished (loaded or not)."""
    page.evaluate(LOAD_IMAGES_JS)
    page.wait_for_function(IMAGES_DONE_JS, timeout=timeout_ms)


def _skipped(url: str) -> bool:
    return urlsplit(url).scheme in ("data", "blob", "about")


def _wrong_type(exchange: Exchange) -> bool:
    expected = EXPECTED_TYPES.get(exchange.resource_type)
    if not expected or exchange.status is None or not 200 <= exchange.status < 300:
        return False
    got = (exchange.content_type or "").split(";")[0].strip().lower()
    return not got.startswith(expected)


def judge(exchanges: list[Exchange], images: list[Image], expected_errors=()) -> list[str]:
    """The broken resources among `exchanges` and `images` (pure: no browser needed)."""
    loaded = {e.url for e in exchanges if e.done and e.status and 200 <= e.status < 400}
    shown = {url for image in images if image.loaded for url in image.candidates}
    broken: list[str] = []
    for e in exchanges:
        if _skipped(e.url) or e.url in expected_errors:
            continue
        if e.status is not None and e.status >= 400:
            broken.append(f"{e.url} → HTTP {e.status}")
        elif e.failure is not None:
            if e.failure == ABORTED and (e.url in loaded or e.url in shown):
                continue  # cancelled, and the same resource or another candidate loaded
            broken.append(f"{e.url} ({e.failure})")
        elif not e.done:
            broken.append(f"{e.url} (never finished)")
        elif _wrong_type(e):
            broken.append(f"{e.url} (a {e.resource_type} served as {e.content_type!r})")
    for image in images:
        if not image.loaded and not _skipped(image.src):
            state = "no picture" if image.complete else "still loading"
            broken.append(f"<img> {image.src or '(no src)'} ({state})")
    return list(dict.fromkeys(broken))


class NetworkLog:
    """Every request of `page` from now on, until verdict() freezes the record."""

    def __init__(self, page, expected_errors=()):
        self.exchanges: dict[object, Exchange] = {}
        self.expected_errors = set(expected_errors)
        self.frozen = False
        page.on("request", self._request)
        page.on("response", self._response)
        page.on("requestfinished", self._finished)
        page.on("requestfailed", self._failed)

    def _request(self, request) -> None:
        if not self.frozen:
            self.exchanges[request] = Exchange(request.url, request.resource_type)

    def _get(self, request) -> Exchange | None:
        return None if self.frozen else self.exchanges.get(request)

    def _response(self, response) -> None:
        exchange = self._get(response.request)
        if exchange:
            exchange.status = response.status
            exchange.content_type = response.headers.get("content-type")

    def _finished(self, request) -> None:
        exchange = self._get(request)
        if exchange:
            exchange.done = True

    def _failed(self, request) -> None:
        exchange = self._get(request)
        if exchange:
            exchange.done = True
            exchange.failure = request.failure or "failed"

    @property
    def urls(self) -> list[str]:
        return [e.url for e in self.exchanges.values()]

    @property
    def pending(self) -> list[str]:
        return [e.url for e in self.exchanges.values() if not e.done]

    def settle(self, page, seconds: float = SETTLE_SECONDS) -> None:
        """Wait until every request seen so far has finished or failed (events are handled
        while the page waits); those still open after `seconds` are judged "never finished"."""
        deadline = time.monotonic() + seconds
        while self.pending and time.monotonic() < deadline:
            page.wait_for_timeout(POLL_MS)

    def verdict(self, page) -> list[str]:
        """Settle, freeze the record and return the broken resources (see the module doc)."""
        self.settle(page)
        images = [Image(**image) for image in page.evaluate(IMAGES_JS)]
        self.frozen = True
        return judge(list(self.exchanges.values()), images, self.expected_errors)

    def aborted(self) -> list[str]:
        """The URLs the browser cancelled (for tests that check the excuse was needed)."""
        return [e.url for e in self.exchanges.values() if e.failure == ABORTED]
