"""Reading ahead: the articles parsed from the far end of the list by a second process while
Pelican reads them from the start, on the other core.

Pelican reads (parses the Markdown of) one article after another on one core; at 5,000
articles that is about a quarter of its run. With READ_AHEAD (set by tools/build.py and make
bench), on a cold build (nothing in Pelican's content cache: glue.start_reading_ahead) and
from READ_AHEAD_MIN articles, `ReadAhead(reader, paths)` forks a child that calls the same
reader on the same files, last first, and sends each `(content, metadata)` back through a
pipe (one pickler for the whole stream, so Pelican's settings, which every Category and Tag
holds, cross once).
A thread of Pelican's process receives them; `take(path)` gives the result when the child
has made it, else None and Pelican's reader parses the file itself. They meet in the middle.

Only a clean result crosses: a file whose reading raised, or logged anything at WARNING or
above, is left to Pelican's own reader, so that every error and warning is reported by
Pelican as before (and `--fatal warnings` still counts them). `stop()` (when the articles
have been read) kills the child.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import signal
import threading


class _Caught(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record) -> None:
        self.count += 1


def _child(reader, paths: list[str], write_fd: int) -> None:
    """In the forked child: read `paths` from the last, send the clean results, exit."""
    root = logging.getLogger()
    caught = _Caught()
    root.handlers[:] = [caught]  # nothing the child logs is shown; Pelican will say it
    with os.fdopen(write_fd, "wb") as stream:
        pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
        for path in reversed(paths):
            before = caught.count
            try:
                content, metadata = reader.read(path)
            except Exception:
                continue
            if caught.count != before:
                continue
            pickler.dump((path, content, metadata))
            stream.flush()


class ReadAhead:
    def __init__(self, reader, paths: list[str]) -> None:
        self._results: dict[str, tuple] = {}
        self._lock = threading.Lock()
        read_fd, write_fd = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # the child
            code = 0
            try:
                os.close(read_fd)
                _child(reader, paths, write_fd)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(write_fd)
        self._stream = os.fdopen(read_fd, "rb")
        self._receiver = threading.Thread(target=self._receive, daemon=True, name="read-ahead")
        self._receiver.start()
        self.taken = 0

    def _receive(self) -> None:
        unpickler = pickle.Unpickler(self._stream)
        while True:
            try:
                path, content, metadata = unpickler.load()
            except (EOFError, pickle.UnpicklingError, OSError, ValueError):
                return
            with self._lock:
                self._results[path] = (content, metadata)

    def take(self, path: str):
        """(content, metadata) of the file at `path` if the child has read it, else None."""
        with self._lock:
            found = self._results.pop(path, None)
        if found is not None:
            self.taken += 1
        return found

    def stop(self, kill: bool = True) -> None:
        """Kill the child (its work is no longer needed) and wait for it; kill=False lets it
        finish its list first (the tests)."""
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
        os.waitpid(self._pid, 0)
        self._receiver.join()
        self._stream.close()
        if kill:
            with self._lock:
                self._results.clear()
