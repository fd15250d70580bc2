"""Batch functions for tests/analysis/test_parallel.py, importable by worker processes.

They live apart from the test module so that a worker imports only this small module
(and numpy), not pytest and the tests. Each is module-level, so it pickles by name.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: In each process: how many times a :class:`Draws` context was unpickled here.
loads = [0]


def _loaded(seed: int, low: float, high: float, first_delay: float, marks: str) -> Draws:
    """Unpickle a :class:`Draws`, counting it in this process."""
    loads[0] += 1
    return Draws(seed, low, high, first_delay, marks)


@dataclass(frozen=True)
class Draws:
    """A context: the run's seed, the range of the uniform draws, and test controls.

    ``first_delay`` seconds are slept by batch 0 so that later batches finish first;
    ``marks`` is a folder where each batch writes its process id as it starts ("" for none).
    """

    seed: int
    low: float
    high: float
    first_delay: float = 0.0
    marks: str = ""

    def __reduce__(self) -> tuple[object, tuple[int, float, float, float, str]]:
        return (_loaded, (self.seed, self.low, self.high, self.first_delay, self.marks))


def draw(context: Draws, index: int) -> float:
    """Sample ``index``'s draw: its own stream from (index, seed), as numpy advises."""
    return float(np.random.default_rng([index, context.seed]).uniform(context.low, context.high))


def draw_batch(context: Draws, batch: range) -> list[float]:
    """The draws of a batch of sample indices, batch 0 after ``first_delay`` seconds."""
    if batch.start == 0 and context.first_delay:
        time.sleep(context.first_delay)
    return [draw(context, index) for index in batch]


def where(context: Draws, batch: range) -> tuple[int, int]:
    """Which process ran the batch, and how many times that process unpickled a context."""
    return os.getpid(), loads[0]


class BatchFailed(Exception):
    """Raised by :func:`fail_from` so that a test can see the type come back."""


def fail_from(context: Draws, batch: range) -> list[float]:
    """Fails on every batch whose first index is at least ``context.seed``, naming the batch.

    The first failing batch fails last (after ``first_delay`` seconds), so that a caller that
    raised the first failure it saw would raise another batch's.
    """
    if batch.start >= context.seed:
        if batch.start == context.seed:
            time.sleep(context.first_delay)
        raise BatchFailed(f"batch from {batch.start}")
    return [draw(context, index) for index in batch]


def hold(context: Draws, batch: range) -> int:
    """Marks its start; then batch 0 returns once another batch has started, the rest sleep.

    Every batch but the first sleeps ten minutes, so a test can stop the run at batch 0's
    result while another batch is surely running.
    """
    marks = Path(context.marks)
    (marks / f"{os.getpid()}-{batch.start}").write_text("", encoding="utf-8")
    if batch.start != 0:
        time.sleep(600)
        return os.getpid()
    deadline = time.monotonic() + 60
    while len(list(marks.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    return os.getpid()


def nothing(context: object, batch: range) -> int:
    """A no-op batch, for measuring what running a batch costs."""
    return len(batch)


def shape(context: object, batch: range) -> tuple[str, int]:
    """The context's type and size, as a worker received it."""
    return type(context).__name__, len(context)  # type: ignore[arg-type]
