"""Where the batches of a sweep run: here, in local worker processes, or on a Dask cluster.

A sweep is many independent questions about one scenario. The caller cuts them into
batches and hands over one function, one *context* (the scenario and its options, a
few KB) and the batches; :func:`run_batches` runs ``fn(context, batch)`` for each
batch and returns the results in batch order, whatever order they finish in, so that
the output is the same bytes for any number of processes and on any cluster.

Three backends, chosen by the arguments:

- ``jobs=1`` (the default): a plain loop in this process; nothing is pickled.
- ``jobs=N``: a :class:`~concurrent.futures.ProcessPoolExecutor` of N local processes,
  started by ``forkserver`` on Linux and ``spawn`` elsewhere, never ``fork`` (ortools
  starts threads, and a forked copy of a threaded process can deadlock). Each worker
  receives the context once, through the pool's initializer, not once per batch.
- ``scheduler="tcp://HOST:8786"`` or a ready ``client``: a Dask cluster. The context is
  scattered to every worker once (``broadcast=True``) and each task is one batch. Dask
  is imported on this path only, so that nothing else pays its 0.2-0.5 s import; without
  it installed the user is told ``pip install "airlift[dask]"``.

Batches, not single items, are the tasks: a Dask task costs a few milliseconds of
scheduling (3.5 ms measured on 2 local workers), about one claim's solve, so batches of
50 items or more are advised there; a local process pool costs far less per task but
gains from batches too (see docs/dask.md). :func:`batched` cuts ``n`` items into ranges.

Ctrl-C while waiting cancels what has not run, stops the local workers at once (a Dask
cluster cannot stop a task that is running; its result is dropped), closes a Dask client
made here (never one the caller passed) and re-raises :class:`KeyboardInterrupt`. An
exception raised by ``fn`` is re-raised here with its type, after the same clean-up; if
several batches fail, the one with the lowest index is raised, so that the error too is
the same for any backend.
"""

from __future__ import annotations

import functools
import multiprocessing
import multiprocessing.context
import queue
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol, TypeVar

from airlift.errors import AirliftError

__all__ = ["DASK_INSTALL", "batched", "run_batches"]

C = TypeVar("C")
B = TypeVar("B")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)

#: The command that installs what a Dask scheduler needs, as user errors name it.
DASK_INSTALL = 'pip install "airlift[dask]"'

#: Packages whose versions must agree between this process and every Dask worker: each
#: decides answers (or draws samples), so a mismatch could change the output's bytes.
MATCHED_PACKAGES = ("airlift", "ortools", "numpy", "pydantic")

#: Seconds to wait for a Dask scheduler to answer before telling the user it cannot.
CONNECT_SECONDS = 20.0


def batched(n_items: int, size: int) -> list[range]:
    """Items ``0 .. n_items - 1`` cut into consecutive ranges of ``size`` (the last may be short).

    The ranges depend only on ``n_items`` and ``size``, never on how many processes run
    them, so that a run's work is the same whatever runs it.
    """
    if n_items < 0:
        raise ValueError(f"n_items must be at least 0, not {n_items}")
    if size < 1:
        raise ValueError(f"a batch holds at least 1 item, not {size}")
    return [range(start, min(start + size, n_items)) for start in range(0, n_items, size)]


def run_batches(
    fn: Callable[[C, B], R],
    context: C,
    batches: Sequence[B],
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    client: object | None = None,
    on_done: Callable[[int], None] | None = None,
) -> list[R]:
    """``[fn(context, batch) for batch in batches]``, here, in ``jobs`` processes or on Dask.

    ``fn`` must be a module-level function (so that workers can import it) and ``context``,
    the batches and the results picklable, unless everything runs here (``jobs=1`` and no
    scheduler). ``scheduler`` is a Dask scheduler's address (``tcp://HOST:8786``); a
    ``client`` is a ready ``distributed.Client`` (from a notebook, say), left open after.
    ``on_done(i)`` is called in this process as batch ``i`` finishes (in finishing order),
    for a progress bar.

    Raises :class:`~airlift.errors.AirliftError` for a request that cannot be met: ``jobs``
    below 1, both processes and a Dask scheduler, Dask not installed, a scheduler that does
    not answer, or workers whose versions of :data:`MATCHED_PACKAGES` differ from these.
    """
    if scheduler is not None and client is not None:
        raise ValueError("give a Dask scheduler's address or a client, not both")
    if jobs < 1:
        raise AirliftError(f"jobs must be at least 1, not {jobs}")
    on_dask = scheduler is not None or client is not None
    if on_dask and jobs != 1:
        raise AirliftError(
            "choose local processes (jobs) or a Dask scheduler, not both: "
            "the Dask workers are the processes"
        )
    done = on_done if on_done is not None else _ignore
    if on_dask:
        return _on_dask(fn, context, batches, scheduler, client, done)
    if jobs == 1 or len(batches) <= 1:
        return _here(fn, context, batches, done)
    return _in_processes(fn, context, batches, min(jobs, len(batches)), done)


def _ignore(index: int) -> None:
    """No progress to show."""


def _here(
    fn: Callable[[C, B], R], context: C, batches: Sequence[B], on_done: Callable[[int], None]
) -> list[R]:
    """Every batch in this process, in order."""
    results = []
    for index, batch in enumerate(batches):
        results.append(fn(context, batch))
        on_done(index)
    return results


# --- Local processes ---------------------------------------------------------------------

#: In a worker process: the context its initializer received (one slot, set once).
_worker_context: list[Any] = []


def _start_worker(context: object) -> None:
    """In a new worker: keep the context for every batch, and leave Ctrl-C to the parent.

    A terminal sends Ctrl-C to the whole process group; the parent then stops the
    workers itself, so they ignore it rather than each print a traceback.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_context[:] = [context]


def _run_in_worker(fn: Callable[[Any, B], R], batch: B) -> R:
    """In a worker: one batch, with the context the initializer kept."""
    return fn(_worker_context[0], batch)


def _start_context(fn: Callable[..., object]) -> multiprocessing.context.BaseContext:
    """``forkserver`` on Linux, ``spawn`` elsewhere: never ``fork`` (ortools has threads).

    The fork server imports airlift's analysis (ortools, numpy: about 0.6 s) once, before
    any solve and so before ortools starts a thread, and every worker is forked from it
    with those modules loaded; without this each worker would import them again. The
    fork server lives as long as this process, so later pools start in milliseconds.
    """
    if not sys.platform.startswith("linux"):
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    preload = ["__main__", __name__]  # "__main__" is the fork server's own default
    if fn.__module__.startswith("airlift."):
        preload.append(fn.__module__)
    context.set_forkserver_preload(preload)
    return context


def _in_processes(
    fn: Callable[[C, B], R],
    context: C,
    batches: Sequence[B],
    jobs: int,
    on_done: Callable[[int], None],
) -> list[R]:
    """The batches in a pool of ``jobs`` local processes, each given the context once."""
    pool = ProcessPoolExecutor(
        jobs,
        mp_context=_start_context(fn),
        initializer=_start_worker,
        initargs=(context,),
    )
    finished = False
    try:
        futures = [pool.submit(_run_in_worker, fn, batch) for batch in batches]

        def cancel(indices: list[int]) -> None:
            for index in indices:
                futures[index].cancel()

        results: list[R] = _collect(futures, cancel, on_done)
        finished = True
        return results
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            _stop(pool)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers now, not after their batches.

    ``shutdown`` alone would let running batches finish (seconds of solving each) and the
    interpreter would wait for them at exit; Python 3.14 has ``terminate_workers`` for
    this, and before it the pool's processes are reached directly.
    """
    terminate = getattr(pool, "terminate_workers", None)
    if terminate is not None:
        terminate()
        return
    # Taken before shutdown, which forgets them.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join()


# --- Waiting for results, for either pool ------------------------------------------------


class _Future(Protocol[R_co]):
    """What a batch's future offers here: ``concurrent.futures`` and ``distributed`` alike."""

    def add_done_callback(self, fn: Callable[[Any], object], /) -> object: ...

    def exception(self) -> BaseException | None: ...

    def result(self) -> R_co: ...


def _put(finished: queue.SimpleQueue[int], index: int, future: object) -> None:
    """A done-callback: tell the waiting loop that batch ``index`` has finished."""
    finished.put(index)


def _collect(
    futures: Sequence[_Future[R]],
    cancel: Callable[[list[int]], None],
    on_done: Callable[[int], None],
) -> list[R]:
    """The futures' results in their order, reporting each as it finishes.

    Waits on a queue fed by done-callbacks (a blocking ``get`` is interrupted by Ctrl-C).
    When batch ``i`` fails, the batches after it are cancelled and those before it are
    still awaited, so that the error raised is the lowest-numbered one whatever the timing.
    """
    finished: queue.SimpleQueue[int] = queue.SimpleQueue()
    for index, future in enumerate(futures):
        future.add_done_callback(functools.partial(_put, finished, index))
    results: dict[int, R] = {}
    failures: dict[int, BaseException] = {}
    limit = len(futures)  # only batches below this one still matter
    waiting = set(range(limit))
    while waiting:
        index = finished.get()
        if index not in waiting:
            continue
        waiting.discard(index)
        error = futures[index].exception()
        if error is not None:
            failures[index] = error
            later = sorted(i for i in waiting if i > index)
            waiting.difference_update(later)
            limit = index
            cancel(later)
            continue
        results[index] = futures[index].result()
        on_done(index)
    if failures:
        raise failures[min(failures)]
    return [results[index] for index in range(limit)]


# --- Dask ----------------------------------------------------------------------------------


def _run_on_dask(batch: B, fn: Callable[[C, B], R], context: C) -> R:
    """On a Dask worker: one batch, with the context Dask resolved from the scattered copy."""
    return fn(context, batch)


def _import_distributed() -> Any:
    """The ``distributed`` package, or a user error naming the command that installs it."""
    try:
        import distributed
    except ImportError as exc:
        raise AirliftError(
            f"running on a Dask scheduler needs Dask, which is not installed here "
            f"({exc}); install it with: {DASK_INSTALL}"
        ) from None
    return distributed


def _connect(address: str) -> Any:
    """A client of the scheduler at ``address``, or a user error saying it did not answer."""
    distributed = _import_distributed()
    try:
        return distributed.Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        raise AirliftError(f"cannot reach the Dask scheduler at {address}: {exc}") from None


def _check_versions(client: Any) -> None:
    """A user error if any worker has other versions of :data:`MATCHED_PACKAGES` than here."""
    versions = client.get_versions(packages=list(MATCHED_PACKAGES))
    here = versions["client"]["packages"]
    mismatches = []
    for address, info in sorted(versions["workers"].items()):
        theirs = info.get("packages", {}) if isinstance(info, dict) else {}
        for name in MATCHED_PACKAGES:
            if theirs.get(name) != here.get(name):
                mismatches.append(
                    f"{address} has {name} {theirs.get(name) or 'missing'} "
                    f"(here {here.get(name) or 'missing'})"
                )
    if mismatches:
        raise AirliftError(
            "the Dask workers must run the same versions as this machine, or their answers "
            "could differ: " + "; ".join(mismatches)
        )


def _on_dask(
    fn: Callable[[C, B], R],
    context: C,
    batches: Sequence[B],
    scheduler: str | None,
    given: object | None,
    on_done: Callable[[int], None],
) -> list[R]:
    """The batches as tasks on a Dask cluster, the context scattered once to every worker."""
    client: Any = _connect(scheduler) if given is None and scheduler is not None else given
    made_here = given is None
    pending: list[Any] = []
    try:
        _check_versions(client)
        if not batches:
            return []
        # In a list of one: Dask scatters a list's items apart (and a dict's under its keys
        # as task names), and the context must arrive whole, whatever its type.
        [shared] = client.scatter([context], broadcast=True, hash=False)
        pending.append(shared)
        futures = client.map(_run_on_dask, list(batches), fn=fn, context=shared, pure=False)
        pending.extend(futures)

        def cancel(indices: list[int]) -> None:
            client.cancel([futures[index] for index in indices])

        return _collect(futures, cancel, on_done)
    finally:
        try:
            if pending:
                client.cancel(pending)
        finally:
            if made_here:
                client.close()
