"""plugins/vietnamese/forked.py: a pure function computed in a forked child; when the child
gives nothing, the function runs in the parent (same result, or its own exception)."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from plugins.vietnamese import forked
from plugins.vietnamese.forked import Forked


def _pid_and_sum(numbers):
    return os.getpid(), sum(numbers)


def _fails_in_child(parent: int):
    if os.getpid() != parent:
        raise ValueError("chỉ hỏng ở tiến trình con")
    return "tính lại ở tiến trình cha"


def _divide(a, b):
    return a / b


def _sleeps():
    import time

    time.sleep(60)


def test_the_result_comes_from_a_child():
    with Forked(_pid_and_sum, range(10)) as work:
        pid, total = work.result()
    assert total == 45 and pid != os.getpid()


def test_a_child_that_fails_leaves_the_work_to_the_parent():
    with Forked(_fails_in_child, os.getpid()) as work:
        assert work.result() == "tính lại ở tiến trình cha"


def test_an_error_is_raised_as_it_is():
    with Forked(_divide, 1, 0) as work, pytest.raises(ZeroDivisionError):
        work.result()


def test_without_fork_the_function_runs_here(monkeypatch):
    monkeypatch.setattr(forked.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    with Forked(_pid_and_sum, [1, 2]) as work:
        assert work.result() == (os.getpid(), 3)


def test_a_child_whose_result_is_not_wanted_is_stopped():
    with pytest.raises(RuntimeError), Forked(_sleeps) as work:
        child = work._process
        raise RuntimeError("công việc bên cạnh bị lỗi")
    assert not child.is_alive()
    assert child not in multiprocessing.active_children()


def test_fork_false_runs_the_function_here_without_a_child():
    with Forked(_pid_and_sum, [4, 5], fork=False) as work:
        assert work._process is None
        assert work.result() == (os.getpid(), 9)


@pytest.mark.parametrize("fork", [True, False])
def test_in_halves_gives_both_halves_results_in_order(fork):
    first, second = forked.in_halves(_pid_and_sum, items=list(range(11)), fork=fork)
    assert (first[1], second[1]) == (sum(range(5)), sum(range(5, 11)))
    assert first[0] == os.getpid() and (second[0] != os.getpid()) == fork
