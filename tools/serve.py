"""`make serve`: build with drafts shown, serve output/ on 127.0.0.1, rebuild on change.

Every rebuild is the whole `make html` pipeline (tools/build.py, with drafts shown and marked
"Bản nháp"): the checks, Pelican, the search index, the swap into output/. So the preview is
what will be published, search included, and a mistake gets the same message as in
`make check`, naming the file and line. While a mistake is there, the last good site stays
on screen; the next save that fixes it rebuilds.

Changes are found by looking at the files every second (content/, theme/, plugins/ and the
settings): no watcher library, nothing to install. Saves in quick succession (an editor
writing a backup, then the file) give one rebuild.

What the browser shows (PreviewHandler), so that the preview tells the truth:
- a missing address gets the site's own 404 page (status 404), not Python's English page;
- while the last rebuild failed, every page served carries a banner with the Vietnamese
  problem list (file and line, what is wrong, how to fix it), until a rebuild succeeds;
- the pages reload by themselves after each rebuild: the preview build (PREVIEW=true, set
  only here) links /_xem-truoc/xem-truoc.js, a script served by this server from
  tools/preview_assets/ and never written into the site, which asks /_xem-truoc/trang-thai.json
  for the build number every second (allowed by the site's CSP: same origin);
- canonical and og:url addresses name the host and port served: the site is built for
  http://HOST:PORT (FEED_DOMAIN), and a page asked for under another name (localhost, the
  machine's address on the network) gets that name instead.
"""

from __future__ import annotations

import argparse
import functools
import html
import io
import json
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tools.build import ROOT, BuildFailed, Problem, build

WATCHED_FILES = ("pelicanconf.py", "publishconf.py")
WATCHED_FOLDERS = ("theme", "plugins")
POLL_SECONDS = 1.0
QUIET_SECONDS = 0.5  # a change is built once the files have stopped changing this long
SKIPPED_PARTS = {"__pycache__", ".git"}


ASSETS = Path(__file__).resolve().parent / "preview_assets"
PREVIEW_PREFIX = "/_xem-truoc/"
STATUS_PATH = PREVIEW_PREFIX + "trang-thai.json"
_HOST = re.compile(r"[A-Za-z0-9.\-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?")
ASSET_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without a log line per request (the terminal shows the builds)."""

    def log_message(self, *args) -> None:
        pass


@dataclass
class PreviewState:
    """What the preview server knows of the builds: their number (one more after each
    attempt, good or bad), the problems of the last one if it failed, and the address the
    site was built for."""

    domain: str = ""
    build: int = 0
    problems: list[Problem] = field(default_factory=list)
    failure: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def finished(self, problems: list[Problem] | None = None, failure: str = "") -> None:
        with self.lock:
            self.build += 1
            self.problems = list(problems or [])
            self.failure = failure

    def snapshot(self) -> tuple[int, list[Problem], str]:
        with self.lock:
            return self.build, list(self.problems), self.failure


def banner(problems: list[Problem], failure: str) -> str:
    """The problem list shown on every page while the last rebuild failed."""
    items = []
    for problem in problems:
        hint = f" <strong>Cách sửa:</strong> {html.escape(problem.hint)}" if problem.hint else ""
        items.append(
            f"<li><code>{html.escape(problem.where)}</code>: {html.escape(problem.message)}"
            f"{hint}</li>"
        )
    listed = f"<ol>{''.join(items)}</ol>" if items else ""
    return (
        f'<link rel="stylesheet" href="{PREVIEW_PREFIX}xem-truoc.css">'
        '<section class="xem-truoc-loi" role="alert" aria-labelledby="xem-truoc-loi-tieu-de">'
        '<h2 id="xem-truoc-loi-tieu-de">Bản dựng mới bị lỗi: trang đang xem là bản dựng tốt '
        f"gần nhất</h2>{listed or f'<p>{html.escape(failure)}</p>'}"
        "<p>Sửa các lỗi trên rồi lưu tệp: trang sẽ được dựng lại và tự tải lại.</p></section>"
    )


class PreviewHandler(QuietHandler):
    """`make serve`'s pages: the site's 404 page, the problem banner, the reload script's
    status, and addresses that follow the host asked for (see the module's docstring)."""

    state: PreviewState  # set by preview_handler()

    def _send(self, status: int, body: bytes, content_type: str) -> io.BytesIO:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return io.BytesIO(body)

    def _page(self, text: str) -> bytes:
        """An HTML page as served: the banner while a rebuild failed, the build number for
        the reload script, the host asked for in its absolute addresses."""
        number, problems, failure = self.state.snapshot()
        host = self.headers.get("Host") or ""
        if not _HOST.fullmatch(host):  # a name and a port only: it goes into the page
            host = ""
        if self.state.domain and host and f"http://{host}" != self.state.domain:
            text = text.replace(self.state.domain, f"http://{host}")
        text = text.replace("<html", f'<html data-xem-truoc-lan="{number}"', 1)
        if problems or failure:
            at = text.find(">", text.find("<body")) + 1 if "<body" in text else 0
            text = text[:at] + banner(problems, failure) + text[at:]
        return text.encode("utf-8")

    def send_head(self):
        path = unquote(urlsplit(self.path).path)
        if path == STATUS_PATH:
            number, problems, failure = self.state.snapshot()
            body = json.dumps({"lan": number, "loi": bool(problems or failure)}).encode()
            return self._send(HTTPStatus.OK, body, "application/json")
        if path.startswith(PREVIEW_PREFIX):
            asset = ASSETS / path[len(PREVIEW_PREFIX) :]
            if asset.suffix in ASSET_TYPES and asset.parent == ASSETS and asset.is_file():
                return self._send(HTTPStatus.OK, asset.read_bytes(), ASSET_TYPES[asset.suffix])
            return self.not_found()
        local = Path(self.translate_path(self.path))
        if local.is_dir() and path.endswith("/"):
            local = local / "index.html"
        if local.suffix == ".html":
            if not local.is_file():
                return self.not_found()
            text = local.read_text(encoding="utf-8", errors="replace")
            return self._send(HTTPStatus.OK, self._page(text), "text/html; charset=utf-8")
        if not local.exists() and not local.is_dir():
            return self.not_found()
        return super().send_head()

    def not_found(self) -> io.BytesIO:
        """The site's own 404 page (as a host serves it), with the banner if any."""
        page = Path(self.directory) / "404.html"
        if page.is_file():
            text = page.read_text(encoding="utf-8", errors="replace")
        else:  # no good build yet: a bare page for the banner
            text = (
                '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
                "<title>Chưa có trang</title></head><body><main><h1>Chưa có trang nào được "
                "dựng</h1></main></body></html>"
            )
        return self._send(HTTPStatus.NOT_FOUND, self._page(text), "text/html; charset=utf-8")


def preview_handler(folder: Path, state: PreviewState):
    handler = type("BoundPreviewHandler", (PreviewHandler,), {"state": state})
    return functools.partial(handler, directory=str(folder))


@contextmanager
def serving(folder: Path, host: str = "127.0.0.1", port: int = 0, handler=None):
    """Serve `folder` over HTTP while the block runs; yields the base URL.

    The folder is found by its path at each request, so a build swapping a new output/ in
    is served at once. `handler`: a request handler class bound to the folder (by default,
    plain files, as a host serves them).
    """
    handler = handler or functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer((host, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def fingerprint(paths: Iterable[Path]) -> tuple:
    """(path, size, modification time) of every file under `paths`, sorted."""
    found = []
    for path in paths:
        if path.is_file():
            stat = path.stat()
            found.append((str(path), stat.st_size, stat.st_mtime_ns))
            continue
        for folder, names, files in os.walk(path):
            names[:] = sorted(n for n in names if n not in SKIPPED_PARTS)
            for name in files:
                full = os.path.join(folder, name)
                try:
                    stat = os.stat(full)
                except FileNotFoundError:  # removed while we looked
                    continue
                found.append((full, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))


def watched(content: Path) -> list[Path]:
    return [content] + [ROOT / name for name in WATCHED_FOLDERS + WATCHED_FILES]


def preview_settings(state: PreviewState | None) -> dict:
    """Pelican settings of a preview build: the address served and the reload script."""
    if state is None:
        return {}
    return {"PREVIEW": True, "FEED_DOMAIN": state.domain} if state.domain else {"PREVIEW": True}


def rebuild(
    content: Path,
    output: Path,
    say: Callable[[str], None],
    state: PreviewState | None = None,
) -> bool:
    """One preview build; True when it succeeded. A failure is told, never raised; with a
    `state`, its problems are kept there for the pages' banner."""
    started = time.perf_counter()
    try:
        build(content, output, drafts=True, extra=preview_settings(state))
    except BuildFailed as error:
        say(f"LỖI: {error}\nTrang đang xem vẫn là bản dựng tốt gần nhất; sửa lỗi rồi lưu lại.")
        if state is not None:
            state.finished(error.problems, str(error))
        return False
    say(f"Đã dựng lại trang ({time.perf_counter() - started:.1f} s).")
    if state is not None:
        state.finished()
    return True


def watch(
    content: Path,
    output: Path,
    stop: threading.Event,
    say: Callable[[str], None] = print,
    poll: float = POLL_SECONDS,
    quiet: float = QUIET_SECONDS,
    seen: tuple | None = None,
    state: PreviewState | None = None,
) -> None:
    """Rebuild whenever a watched file changes, until `stop` is set.

    `seen` is the `fingerprint` of the files the last build read (taken before it started,
    so that a file saved during that build is built again); by default, the files now.
    """
    paths = watched(content)
    if seen is None:
        seen = fingerprint(paths)
    while not stop.wait(poll):
        now = fingerprint(paths)
        if now == seen:
            continue
        while not stop.wait(quiet):  # wait for the saves to settle
            later = fingerprint(paths)
            if later == now:
                break
            now = later
        if stop.is_set():
            return
        say("Có thay đổi, đang dựng lại...")
        rebuild(content, output, say, state)
        seen = now


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--output", type=Path, default=ROOT / "output")
    args = parser.parse_args(argv)
    content, output = args.content.resolve(), args.output.resolve()
    output.mkdir(parents=True, exist_ok=True)
    return preview(content, output, args.host, args.port)


def preview(
    content: Path,
    output: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    stop: threading.Event | None = None,
    say: Callable[[str], None] = print,
    poll: float = POLL_SECONDS,
    started: Callable[[str], None] | None = None,
) -> int:
    """Serve `output` (bound first, so that the site is built for the port really served),
    build, then rebuild on each change until `stop` is set or Ctrl+C. `started(url)` is
    called once the first build is done (for tests)."""
    state = PreviewState()
    stop = stop or threading.Event()
    with serving(output, host, port, preview_handler(output, state)) as url:
        state.domain = url
        seen = fingerprint(watched(content))
        if not rebuild(content, output, say, state) and not (output / "index.html").is_file():
            say("Chưa có bản dựng nào để xem; sửa lỗi rồi lưu lại, trang sẽ được dựng lại.")
        say(f"Xem trang tại {url}/ (Ctrl+C để dừng)")
        if started is not None:
            started(url)
        try:
            watch(content, output, stop, say, poll=poll, seen=seen, state=state)
        except KeyboardInterrupt:
            stop.set()
    return 0


if __name__ == "__main__":
    sys.exit(main())
