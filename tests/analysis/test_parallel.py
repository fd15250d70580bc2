"""run_batches: the same results in the same order here, in local processes and on Dask.

The batch functions live in tests/analysis/parallel_fns.py so that workers can import
them. Expected values are computed here, one sample at a time, with no batching at all.
One Dask LocalCluster of 2 worker processes serves every Dask test in this module.
"""

from __future__ import annotations

import builtins
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest
from distributed import Client, LocalCluster

from airlift.analysis.parallel import DASK_INSTALL, batched, run_batches
from airlift.errors import AirliftError
from tests.analysis import parallel_fns
from tests.analysis.parallel_fns import BatchFailed, Draws

SEED = 20221117
N_SAMPLES = 23


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


@pytest.fixture(scope="module")
def client(cluster: LocalCluster) -> Iterator[Client]:
    with Client(cluster, set_as_default=False) as connected:
        yield connected


def backends(cluster: LocalCluster, client: Client) -> dict[str, dict[str, Any]]:
    """Every way to run batches, as keyword arguments of run_batches."""
    return {
        "here": {},
        "2 processes": {"jobs": 2},
        "Dask client": {"client": client},
        "Dask scheduler": {"scheduler": cluster.scheduler_address},
    }


def flat(results: list[list[float]]) -> list[float]:
    return [value for batch in results for value in batch]


def test_batched_covers_every_item_once_in_order() -> None:
    for n_items in range(12):
        for size in range(1, 6):
            ranges = batched(n_items, size)
            assert [i for r in ranges for i in r] == list(range(n_items))
            assert all(len(r) == size for r in ranges[:-1])
            assert len(ranges) == -(-n_items // size)
    with pytest.raises(ValueError):
        batched(3, 0)


def test_every_backend_gives_the_draws_in_sample_order(
    cluster: LocalCluster, client: Client
) -> None:
    # Batch 0 sleeps, so that in a pool the later batches finish first.
    context = Draws(SEED, 2.0, 9.0, first_delay=0.3)
    expected = [parallel_fns.draw(context, index) for index in range(N_SAMPLES)]
    assert len(set(expected)) == N_SAMPLES, "the draws tell samples apart"
    batches = batched(N_SAMPLES, 5)
    for name, how in backends(cluster, client).items():
        finished: list[int] = []
        results = run_batches(
            parallel_fns.draw_batch, context, batches, on_done=finished.append, **how
        )
        assert flat(results) == expected, name
        assert sorted(finished) == list(range(len(batches))), name


def test_another_seed_gives_other_draws(client: Client) -> None:
    batches = batched(N_SAMPLES, 4)
    one = run_batches(parallel_fns.draw_batch, Draws(1, 0.0, 1.0), batches, client=client)
    two = run_batches(parallel_fns.draw_batch, Draws(2, 0.0, 1.0), batches, client=client)
    assert flat(one) != flat(two), "the context reaches the workers"


def test_processes_load_the_context_once_each() -> None:
    runs = run_batches(parallel_fns.where, Draws(SEED, 0.0, 1.0), batched(10, 1), jobs=2)
    pids = {pid for pid, _ in runs}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2
    # A fresh pool: each worker unpickled the context exactly once, before its first batch.
    assert {loads for _, loads in runs} == {1}


def test_dask_workers_receive_the_context_once_per_run(client: Client) -> None:
    runs = run_batches(parallel_fns.where, Draws(SEED, 0.0, 1.0), batched(10, 1), client=client)
    by_pid: dict[int, set[int]] = {}
    for pid, loads in runs:
        by_pid.setdefault(pid, set()).add(loads)
    assert os.getpid() not in by_pid and 1 <= len(by_pid) <= 2
    # The workers live across tests, so count per run: one load per worker, not per batch.
    assert all(len(counts) == 1 for counts in by_pid.values()), by_pid
    again = run_batches(parallel_fns.where, Draws(SEED, 0.0, 1.0), batched(4, 1), client=client)
    for pid, loads in again:
        if pid in by_pid:
            assert loads == max(by_pid[pid]) + 1


def test_a_dict_or_list_context_reaches_dask_whole(client: Client) -> None:
    # Dask scatters a dict's values under the dict's keys as task names, so that a second
    # run would lose the first run's (cancelled) data; a list's items would arrive apart.
    for context in ({"seed": 1, "scale": 2}, {"seed": 1, "scale": 2}, [1, 2, 3], [1, 2, 3]):
        runs = run_batches(parallel_fns.shape, context, batched(4, 1), client=client)
        assert runs == [(type(context).__name__, len(context))] * 4


def test_here_nothing_is_pickled() -> None:
    before = parallel_fns.loads[0]
    runs = run_batches(parallel_fns.where, Draws(SEED, 0.0, 1.0), batched(3, 1))
    assert runs == [(os.getpid(), before)] * 3


@pytest.mark.parametrize("how", ["here", "2 processes", "Dask client"])
def test_the_lowest_failing_batch_raises_with_its_type(
    how: str, cluster: LocalCluster, client: Client
) -> None:
    # Batches from index 10 on fail, the one from 10 last; it is raised all the same.
    context = Draws(10, 0.0, 1.0, first_delay=0.5)
    finished: list[int] = []
    with pytest.raises(BatchFailed, match=r"^batch from 10$"):
        run_batches(
            parallel_fns.fail_from,
            context,
            batched(20, 2),
            on_done=finished.append,
            **backends(cluster, client)[how],
        )
    assert sorted(finished) == [0, 1, 2, 3, 4], "every batch before the failure was awaited"


def test_an_empty_run_starts_nothing(client: Client) -> None:
    assert run_batches(parallel_fns.nothing, None, [], jobs=2) == []
    assert run_batches(parallel_fns.nothing, None, [], client=client) == []


def test_requests_that_cannot_be_met_are_user_errors(client: Client) -> None:
    with pytest.raises(AirliftError, match="at least 1"):
        run_batches(parallel_fns.nothing, None, batched(3, 1), jobs=0)
    with pytest.raises(AirliftError, match="not both"):
        run_batches(parallel_fns.nothing, None, batched(3, 1), jobs=2, client=client)


def test_without_dask_the_error_names_the_install_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_import = builtins.__import__

    def no_dask(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] in ("dask", "distributed"):
            raise ModuleNotFoundError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    with pytest.raises(AirliftError) as caught:
        run_batches(parallel_fns.nothing, None, batched(3, 1), scheduler="tcp://127.0.0.1:8786")
    assert DASK_INSTALL == 'pip install "airlift[dask]"'
    assert DASK_INSTALL in str(caught.value)


def test_a_scheduler_that_does_not_answer_is_a_user_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("airlift.analysis.parallel.CONNECT_SECONDS", 0.5)
    with pytest.raises(
        AirliftError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"
    ):
        run_batches(parallel_fns.nothing, None, batched(3, 1), scheduler="tcp://127.0.0.1:9")


def _interrupt(index: int) -> None:
    raise KeyboardInterrupt


def test_ctrl_c_stops_the_local_workers_at_once(tmp_path: Path) -> None:
    # Batch 0 returns once batch 1 runs; batch 1 and the rest would sleep for ten minutes.
    context = Draws(SEED, 0.0, 1.0, marks=str(tmp_path))
    with pytest.raises(KeyboardInterrupt):
        run_batches(parallel_fns.hold, context, batched(6, 1), jobs=2, on_done=_interrupt)
    marks = [mark.name.split("-") for mark in tmp_path.iterdir()]
    # Batch 2 may have reached the worker that ran batch 0 before the interrupt; no later one.
    assert {0, 1} <= {int(batch) for _, batch in marks} <= {0, 1, 2}
    workers = {int(pid) for pid, _ in marks}
    assert len(workers) == 2 and os.getpid() not in workers
    for pid in workers:
        try:
            worker = psutil.Process(pid)
        except psutil.NoSuchProcess:
            continue
        # Not a timing goal: a worker left running would sleep for ten minutes.
        worker.wait(timeout=60)


def test_ctrl_c_cancels_dask_tasks_and_keeps_a_given_client(client: Client) -> None:
    with pytest.raises(KeyboardInterrupt):
        run_batches(
            parallel_fns.draw_batch,
            Draws(SEED, 0.0, 1.0, first_delay=0.5),
            batched(40, 1),
            client=client,
            on_done=_interrupt,
        )
    assert client.status == "running"
    # The cancelled tasks and the scattered context leave the scheduler (it forgets them
    # as the cancellation arrives; a minute is far more than it takes).
    deadline = time.monotonic() + 60
    while client.run_on_scheduler(_tasks_known) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert client.run_on_scheduler(_tasks_known) == 0
    again = run_batches(
        parallel_fns.draw_batch, Draws(SEED, 0.0, 1.0), batched(4, 2), client=client
    )
    assert flat(again) == [parallel_fns.draw(Draws(SEED, 0.0, 1.0), i) for i in range(4)]


def _tasks_known(dask_scheduler: Any) -> int:
    return len(dask_scheduler.tasks)
