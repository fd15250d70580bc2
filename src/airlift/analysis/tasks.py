"""Independent parts of an explanation, run in this process or in worker processes.

Each conflict context of an explanation (the base, one claim, the claims
together) builds its own what-ifs and asks its own questions, so contexts do
not depend on one another: with one solver worker and a fixed seed, a context
gives the same answer in any process. Two contexts in two processes use both
cores of a machine where one CP-SAT call uses one (see the solver notes).

Workers are forked, so they start at once with everything this process has
loaded, and share the run's wall-clock budget: each works to the same
deadline, and what the budget cut short in a worker is counted in this
process's budget, so that the run's note says so. Where fork is not
available (or only one core is), tasks run here, one after another, with the
same results.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable
from multiprocessing.pool import AsyncResult, Pool
from types import TracebackType
from typing import Generic, TypeVar

from airlift.model import SolveOptions, run_budget
from airlift.model.budget import current

__all__ = ["Workers", "usable_processes"]

T = TypeVar("T")

#: Budget counters a worker reports back: calls cut, calls skipped, builds cut.
_Counts = tuple[int, int, int]


def usable_processes() -> int:
    """How many processes can run tasks at once here: 1 without fork or a second core."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        cores = os.cpu_count() or 1
    return max(1, cores)


class Workers:
    """Runs submitted tasks in up to ``processes`` forked workers (0: here, when asked for).

    Tasks must be picklable (module-level functions and their arguments, say with
    :func:`functools.partial`), and so must their results. :meth:`submit` returns a
    function that gives the task's result; in this process the task runs when that
    function is first called, so this process can do other work while workers run.
    Leaving the ``with`` block by an exception (Ctrl-C, say) ends the workers at once;
    they ignore Ctrl-C themselves, so that only this process reports it.
    """

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._pool: Pool | None = None

    def __enter__(self) -> Workers:
        if self.processes > 0:
            context = multiprocessing.get_context("fork")
            self._pool = context.Pool(self.processes, initializer=_ignore_interrupts)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._pool is None:
            return
        if error is None:
            self._pool.close()
        else:
            self._pool.terminate()
        self._pool.join()

    def submit(self, task: Callable[[], T]) -> Callable[[], T]:
        """Start ``task`` (in a worker, if any) and return how to get its result."""
        if self._pool is None:
            return _Once(task)
        budget = current()
        left = budget.remaining() if budget is not None else None
        return _Result(self._pool.apply_async(_in_worker, (task, left)))


def _ignore_interrupts() -> None:
    """In a worker: leave Ctrl-C to the process that started it (which ends the workers)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Once(Generic[T]):
    """A task run here, the first time its result is asked for."""

    def __init__(self, task: Callable[[], T]) -> None:
        self._task = task
        self._done: list[T] = []

    def __call__(self) -> T:
        if not self._done:
            self._done.append(self._task())
        return self._done[0]


class _Result(Generic[T]):
    """A task run in a worker: its result, with what the budget cut there counted here."""

    def __init__(self, pending: AsyncResult[tuple[T, _Counts]]) -> None:
        self._pending = pending
        self._counted = False

    def __call__(self) -> T:
        result, (cut, skipped, builds) = self._pending.get()
        budget = current()
        if budget is not None and not self._counted:
            budget.calls_cut += cut
            budget.calls_skipped += skipped
            budget.builds_cut += builds
        self._counted = True
        return result


def _in_worker(task: Callable[[], T], seconds: float | None) -> tuple[T, _Counts]:
    """Run one task under the run's budget (``seconds`` left of it), with what it cut."""
    options = SolveOptions(max_seconds=max(seconds, 1e-6) if seconds is not None else None)
    with run_budget(options) as budget:
        before = (budget.calls_cut, budget.calls_skipped, budget.builds_cut)
        result = task()
        after = (budget.calls_cut, budget.calls_skipped, budget.builds_cut)
    cut, skipped, builds = (a - b for a, b in zip(after, before, strict=True))
    return result, (cut, skipped, builds)
