"""Compression beside the search index: the build's last step, started as soon as Pelican has
written the pages.

`compressing_alongside(root, cfg, later=("pagefind",))` is a context manager. On entry it
starts a child process that writes the .gz/.br copies of every text file under `root` except
the folders `later`; the body of the `with` block (the search index) runs meanwhile and
writes only into `later`. On leaving the block it waits for the child, then compresses the
`later` folders. The files and bytes are those of one `compress_tree(root, cfg)` call after
everything was written: each copy depends only on its file, and no file outside `later`
changes while the child runs.

Why: the search index is mostly one busy core (Pagefind, then our merger and word list);
compression in the meantime uses the other one instead of adding its time after.

If the block raises, the child is stopped before the error goes on (the caller then removes
the half-built folder). A failure in the child is raised as CompressError, never only logged.
Where processes cannot be forked, everything is compressed after the block, as before.
Either way, the worker that compressed pages while Pelican wrote them (tools/compress/ahead.py)
is waited for first, and what it put in the cache is linked, not compressed again.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Iterator
from pathlib import Path

from tools.compress.ahead import background, wait_for_ahead
from tools.compress.compress import Report, compress_tree
from tools.compress.settings import CompressSettings


class CompressError(Exception):
    """The compression step failed (the message says how)."""


def background_workers() -> int:
    """Worker processes of the background step: the cores left beside the search index."""
    return max(1, min(3, (os.cpu_count() or 1) - 1))


def _child(send, root: Path, cfg: CompressSettings, skip: tuple[str, ...], workers: int):
    try:
        background()  # the search index first: the build waits for it
        wait_for_ahead(cfg)  # what was compressed while Pelican wrote is then in the cache
        send.send(compress_tree(root, cfg, workers, skip=skip))
    except BaseException as error:  # the parent raises it (CompressError), never a log line
        send.send(f"{type(error).__name__}: {error}")
    finally:
        send.close()


class _Background:
    """compress_tree(root, cfg, skip=later) running in a forked child process."""

    def __init__(self, root: Path, cfg: CompressSettings, later: tuple[str, ...]) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        args = (send, root, cfg, later, background_workers())
        self._process = context.Process(target=_child, args=args, name="compress")
        self._process.start()
        send.close()

    def result(self) -> Report:
        try:
            outcome = self._receive.recv()
        except EOFError:
            outcome = None
        self._process.join()
        self._receive.close()
        if isinstance(outcome, Report):
            return outcome
        reason = outcome or f"the process stopped with exit code {self._process.exitcode}"
        raise CompressError(f"Không nén được các tệp của trang (.gz, .br): {reason}")

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receive.close()


def _after_ahead(root: Path, cfg: CompressSettings) -> Report:
    wait_for_ahead(cfg)
    return compress_tree(root, cfg)


@contextlib.contextmanager
def compressing_alongside(
    root: Path, cfg: CompressSettings, later: tuple[str, ...]
) -> Iterator[Report]:
    """Compress `root` while the block runs (see the module doc). The Report it yields is
    filled in when the block has ended: every text file, both passes."""
    report = Report()
    if not cfg.enabled:
        yield report
        return
    background = None
    if "fork" in multiprocessing.get_all_start_methods():
        background = _Background(Path(root), cfg, later)
    try:
        yield report
    except BaseException:
        if background is not None:
            background.stop()
        raise
    parts = (
        [background.result(), compress_tree(root, cfg, only=later, prune=False)]
        if background is not None
        else [_after_ahead(root, cfg)]
    )
    for part in parts:
        report.files += part.files
        report.bytes_in += part.bytes_in
        report.from_cache += part.from_cache
        report.compressed += part.compressed
