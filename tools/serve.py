"""`make serve`: build with drafts shown, serve output/ on 127.0.0.1, rebuild on change.

Every rebuild is the whole `make html` pipeline (tools/build.py, with drafts shown and marked
"Bản nháp"): the checks, Pelican, the search index, the swap into output/. So the preview is
what will be published, search included, and a mistake gets the same message as in
`make check`, naming the file and line. While a mistake is there, the last good site stays
on screen; the next save that fixes it rebuilds.

Changes are found by looking at the files every second (content/, theme/, plugins/ and the
settings): no watcher library, nothing to install. Saves in quick succession (an editor
writing a backup, then the file) give one rebuild.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tools.build import ROOT, BuildFailed, build

WATCHED_FILES = ("pelicanconf.py", "publishconf.py")
WATCHED_FOLDERS = ("theme", "plugins")
POLL_SECONDS = 1.0
QUIET_SECONDS = 0.5  # a change is built once the files have stopped changing this long
SKIPPED_PARTS = {"__pycache__", ".git"}


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without a log line per request (the terminal shows the builds)."""

    def log_message(self, *args) -> None:
        pass


@contextmanager
def serving(folder: Path, host: str = "127.0.0.1", port: int = 0):
    """Serve `folder` over HTTP while the block runs; yields the base URL.

    The folder is found by its path at each request, so a build swapping a new output/ in
    is served at once.
    """
    handler = functools.partial(QuietHandler, directory=str(folder))
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


def rebuild(content: Path, output: Path, say: Callable[[str], None]) -> bool:
    """One preview build; True when it succeeded. A failure is told, never raised."""
    started = time.perf_counter()
    try:
        build(content, output, drafts=True)
    except BuildFailed as error:
        say(f"LỖI: {error}\nTrang đang xem vẫn là bản dựng tốt gần nhất; sửa lỗi rồi lưu lại.")
        return False
    say(f"Đã dựng lại trang ({time.perf_counter() - started:.1f} s).")
    return True


def watch(
    content: Path,
    output: Path,
    stop: threading.Event,
    say: Callable[[str], None] = print,
    poll: float = POLL_SECONDS,
    quiet: float = QUIET_SECONDS,
    seen: tuple | None = None,
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
        rebuild(content, output, say)
        seen = now


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--output", type=Path, default=ROOT / "output")
    args = parser.parse_args(argv)
    content, output = args.content.resolve(), args.output.resolve()
    seen = fingerprint(watched(content))
    if not rebuild(content, output, print) and not (output / "index.html").is_file():
        print("Chưa có bản dựng nào để xem; sửa lỗi rồi lưu lại, trang sẽ được dựng lại.")
        output.mkdir(parents=True, exist_ok=True)
    stop = threading.Event()
    with serving(output, args.host, args.port) as url:
        print(f"Xem trang tại {url}/ (Ctrl+C để dừng)", flush=True)
        try:
            watch(content, output, stop, seen=seen)
        except KeyboardInterrupt:
            stop.set()
    return 0


if __name__ == "__main__":
    sys.exit(main())
