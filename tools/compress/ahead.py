"""Compression ahead: the pages Pelican writes are compressed while Pelican goes on writing.

Pelican runs on one core. A worker process on the other one (`python -m
tools.compress.ahead`) is handed the path of each file Pelican writes (plugins/compress_ahead
sends them from `content_written`) and puts its .gz/.br copies into the compress cache,
keyed by the SHA-1 of its bytes, exactly as the last step (compress.compress_tree) would
have made them. That step stays the one that writes copies into the site: it hashes every
text file and links what the worker made, and compresses what the worker did not see (files
copied outside Pelican's Writer, files written after the worker was told to stop, a page
changed after it was sent). So the worker can only save time; the bytes of the site never
depend on it.

Only when the build asks for it (COMPRESS_AHEAD, set by tools/build.py and make bench) and
a cache is configured. `start(cfg)` (called in Pelican's process) takes a lock beside the
cache and hands it to the worker; the lock is free again when the worker has finished, and
`wait_for_ahead(cfg)` (the last step, before it hashes anything) waits for that. A worker that
fails writes why into the cache folder: `wait_for_ahead` raises it as AheadFailed, which fails
the build (a bug here would otherwise only make builds slower, unseen).
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import fcntl
import hashlib
import json
import os
import subprocess
import sys
import threading
import traceback
from pathlib import Path

from tools.compress.compress import (
    _Cache,
    _write_new,
    brotli_bytes,
    brotli_quality_for,
    gzip_bytes,
)
from tools.compress.settings import CompressSettings

LOCK_NAME = "ahead.lock"
FAILED_NAME = "ahead-failed.txt"


class AheadFailed(Exception):
    """The worker that compresses ahead stopped on an error (its traceback is the message)."""


def _folder(cfg: CompressSettings) -> Path:
    return Path(cfg.cache_path)


def _settings_json(cfg: CompressSettings) -> str:
    fields = dataclasses.asdict(cfg)
    fields["cache_path"] = os.fspath(cfg.cache_path)
    return json.dumps(fields)


def _settings_from_json(text: str) -> CompressSettings:
    fields = json.loads(text)
    for name in ("extensions", "exclude"):
        fields[name] = tuple(fields[name])
    fields["cache_path"] = Path(fields["cache_path"])
    return CompressSettings(**fields)


class Ahead:
    """The worker as Pelican's process sees it: `send(path)` for each file written, `close()`
    when Pelican has written everything (or when this object is collected)."""

    def __init__(self, cfg: CompressSettings, output: Path) -> None:
        folder = _folder(cfg)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / FAILED_NAME).unlink(missing_ok=True)
        lock = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)  # held by the worker until it exits
            self._process = subprocess.Popen(
                [sys.executable, "-m", "tools.compress.ahead", _settings_json(cfg),
                 os.fspath(output), str(lock)],
                stdin=subprocess.PIPE, pass_fds=(lock,), text=True, encoding="utf-8",
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
        finally:
            os.close(lock)  # the worker's copy keeps the lock

    def send(self, path: str) -> None:
        stdin = self._process.stdin
        if stdin is not None and not stdin.closed:
            try:
                stdin.write(os.fspath(path) + "\n")
            except BrokenPipeError:  # the worker stopped: wait_for_ahead says why
                self._process.stdin = None

    def close(self) -> None:
        """No more files: the worker finishes those it was given, then exits (not waited
        for here: the last step of the build waits, in wait_for_ahead)."""
        if self._process.stdin is not None and not self._process.stdin.closed:
            with contextlib.suppress(BrokenPipeError):
                self._process.stdin.close()

    def reap(self) -> None:
        """Wait for the worker's exit (make bench: its CPU seconds are then counted)."""
        self.close()
        self._process.wait()


def start(cfg: CompressSettings, output: Path) -> Ahead | None:
    """The worker, when the settings ask for it (COMPRESS_AHEAD, a cache); else None."""
    if not (cfg.enabled and cfg.ahead and cfg.cache_path):
        return None
    return Ahead(cfg, output)


def wait_for_ahead(cfg: CompressSettings) -> None:
    """Wait until no worker compresses into this cache; raise AheadFailed if one failed."""
    if not cfg.cache_path:
        return
    folder = _folder(cfg)
    if not (folder / LOCK_NAME).exists():
        return
    with open(folder / LOCK_NAME, "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        fcntl.flock(lock, fcntl.LOCK_UN)
    failed = folder / FAILED_NAME
    if failed.exists():
        reason = failed.read_text(encoding="utf-8", errors="replace")
        failed.unlink(missing_ok=True)
        raise AheadFailed(f"Nén trước (compress ahead) bị lỗi:\n{reason}")


BACKGROUND_NICENESS = 10


def background() -> None:
    """Lower this process's CPU priority: compression waits for nothing, while Pelican and
    the search index (which the build waits for) must not wait for it. What it cannot do
    while they run, it does when they leave a core free."""
    with contextlib.suppress(OSError):
        os.nice(BACKGROUND_NICENESS)


# --- the worker ------------------------------------------------------------------------------


def _wanted(cfg: CompressSettings, output: Path):
    extensions = {"." + e for e in cfg.extensions}
    excluded = tuple(os.path.normpath(output / e) + os.sep for e in cfg.exclude)

    def wanted(path: str) -> bool:
        if os.path.splitext(path)[1].lower() not in extensions:
            return False
        return not os.path.normpath(path).startswith(excluded)

    return wanted


def compress_into_cache(path: str, cfg: CompressSettings, cache: _Cache) -> bool:
    """Put the .gz/.br copies of the file at `path` into the cache, as compress_tree would
    make them; False when they were there already (or the file is gone)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return False
    cached = cache.paths(hashlib.sha1(data, usedforsecurity=False).hexdigest())
    if cached is None or (cached[0].exists() and cached[1].exists()):
        return False
    cached[0].parent.mkdir(parents=True, exist_ok=True)
    _write_new(os.fspath(cached[0]), gzip_bytes(data, cfg.gzip_level))
    _write_new(os.fspath(cached[1]), brotli_bytes(data, brotli_quality_for(path, cfg)))
    return True


def work(lines, cfg: CompressSettings, output: Path) -> int:
    """Compress each file named in `lines` (one path a line) into the cache; the number done.

    The paths are read by a thread of their own as they come, so that Pelican never waits on
    a full pipe while a page is being compressed."""
    wanted, cache = _wanted(cfg, output), _Cache(cfg.cache_path, cfg)
    queue: collections.deque[str] = collections.deque()
    more = threading.Condition()
    ended = []

    def read() -> None:
        for line in lines:
            with more:
                queue.append(line.rstrip("\n"))
                more.notify()
        with more:
            ended.append(True)
            more.notify()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    done = 0
    while True:
        with more:
            while not queue and not ended:
                more.wait()
            if not queue:
                break
            path = queue.popleft()
        if path and wanted(path):
            done += compress_into_cache(path, cfg, cache)
    reader.join()
    return done


def main(argv: list[str] | None = None) -> int:
    settings, output, lock = argv if argv is not None else sys.argv[1:]
    cfg = _settings_from_json(settings)
    background()
    try:
        work(sys.stdin, cfg, Path(output))
    except BaseException:
        (_folder(cfg) / FAILED_NAME).write_text(traceback.format_exc(), encoding="utf-8")
        return 1
    finally:
        os.close(int(lock))
    return 0


if __name__ == "__main__":
    sys.exit(main())
