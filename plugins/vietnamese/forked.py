"""A pure function computed in a forked child process while this one does other work.

Pelican and the search index each run on one core of a two-core machine; where two pieces
of work do not depend on each other, `Forked(function, *args)` starts one on the other core
at once (a fork: the child sees this process's memory as it is, nothing is copied up front),
and `result()` returns what it returned, pickled back through a pipe.

The function must be pure (its result is its only effect), or do what can be done twice
(tools/search/bodies.py writes files: written again, they are the same files), and its
result picklable. When the child cannot give a result (no fork on this system, the function
raised, the child died), the function runs again in `result()`, here: the same result, or
its exception raised as it is, never a log line. Used as a context manager, a child whose
result was not asked for (the work beside it raised) is stopped on the way out.
`in_halves(function, *args, items=...)` runs it over the two halves of a list that way. Used by
plugins/related (unit mentions beside the ranking) and tools/search: half of the pages read
for the cache key (scan.py), cut for Pagefind (bodies.py) and counted for the word list
(lexicon.py).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any


class _Done:
    __slots__ = ("value",)

    def __init__(self, value) -> None:
        self.value = value


def _child(send, function: Callable, args: tuple) -> None:
    try:
        send.send(_Done(function(*args)))
    except BaseException:  # result() runs it again, in the parent, and raises it there
        pass
    finally:
        send.close()


class Forked:
    """`fork=False`: no child, the function runs in `result()` (work too small to be worth a
    fork), so that a caller has one way to write both cases."""

    def __init__(self, function: Callable, *args: Any, fork: bool = True) -> None:
        self._function, self._args = function, args
        self._process = None
        if fork and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self._receive, send = context.Pipe(duplex=False)
            self._process = context.Process(target=_child, args=(send, function, args), daemon=True)
            self._process.start()
            send.close()

    def result(self):
        if self._process is not None:
            try:
                outcome = self._receive.recv()
            except EOFError:
                outcome = None
            finally:
                self._receive.close()
                self._process.join()
                self._process = None
            if isinstance(outcome, _Done):
                return outcome.value
        return self._function(*self._args)

    def stop(self) -> None:
        """Stop the child, its result unwanted."""
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._receive.close()
            self._process = None

    def __enter__(self) -> Forked:
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()


def in_halves(function: Callable, *args: Any, items: Sequence, fork: bool = True) -> tuple:
    """(function(*args, items' first half), function(*args, items' second half)): the first
    here while the second runs in a Forked child (`fork=False`: both here)."""
    half = len(items) // 2
    with Forked(function, *args, items[half:], fork=fork) as theirs:
        mine = function(*args, items[:half])
        return mine, theirs.result()
