"""What running batches costs in each backend of airlift.analysis.parallel, work aside.

Times :func:`~airlift.analysis.parallel.run_batches` over items that do nothing, so that
what is left is the backend's own cost: starting workers, sending the context, scheduling
each task, gathering results. Prints a Markdown table (kept in docs/dask.md)::

    python -m bench.parallel_overhead                  # 1,000 items in batches of 50
    python -m bench.parallel_overhead --items 1000 --batch 1 --rounds 3

Needs the dask extra (``pip install -e '.[dask]'``). Start-up is timed apart from the
runs: a local pool's first run in a process includes starting its fork server (which
imports airlift), and a LocalCluster's start and close are shown on their own rows.
"""

from __future__ import annotations

import argparse
import importlib
import time
from collections.abc import Callable
from typing import Any

from airlift.analysis.parallel import batched, run_batches

__all__ = ["main", "nothing"]


def nothing(context: object, batch: range) -> int:
    """A batch that does no work: its item count, so the run can be checked."""
    return len(batch)


def _seconds(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3, help="best of this many runs")
    options = parser.parse_args()
    # By module name, so that workers import this function rather than receive a copy.
    task = importlib.import_module("bench.parallel_overhead").nothing
    batches = batched(options.items, options.batch)
    context = {"scenario": "x" * 6600}  # about the size of a pickled scenario

    def run(**how: Any) -> None:
        assert sum(run_batches(task, context, batches, **how)) == options.items

    rows: list[tuple[str, float]] = [
        ("here (jobs=1)", min(_seconds(run) for _ in range(options.rounds)))
    ]
    rows.append(("2 processes, first run (starts the fork server)", _seconds(lambda: run(jobs=2))))
    rows.append(
        (
            "2 processes, later runs",
            min(_seconds(lambda: run(jobs=2)) for _ in range(options.rounds)),
        )
    )

    from distributed import Client, LocalCluster

    clusters: list[Any] = []
    rows.append(
        (
            "LocalCluster(2 processes) start",
            _seconds(
                lambda: clusters.append(
                    LocalCluster(
                        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
                    )
                )
            ),
        )
    )
    cluster = clusters[0]
    with Client(cluster, set_as_default=False) as client:
        run(client=client)  # the workers import airlift and this module once
        best = min(_seconds(lambda: run(client=client)) for _ in range(options.rounds))
        rows.append(("Dask, a ready client", best))
    best = min(
        _seconds(lambda: run(scheduler=cluster.scheduler_address)) for _ in range(options.rounds)
    )
    rows.append(("Dask, by scheduler address (connect, check versions, close)", best))
    rows.append(("LocalCluster close", _seconds(cluster.close)))

    print(f"{options.items:,} no-op items in {len(batches)} batches of {options.batch}:\n")
    print("| backend | seconds |\n|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.3f} s |")


if __name__ == "__main__":
    main()
