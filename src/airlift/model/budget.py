"""Wall-clock limits: a safety cap on every solver call and a budget for a whole run.

CP-SAT's deterministic time limit keeps answers reproducible, but deterministic
time can stall while wall time runs on (one bound once spent ten minutes in a
call whose deterministic clock read 0.03 s). So every solver call also gets a
wall-clock cap, and a run may get a budget that all its calls share.

A :class:`Budget` is opened for one run with :func:`run_budget` (``analyze`` and
``explain`` do it); solver calls and load enumeration inside ask the active one
how long they may take (:func:`call_seconds`) and whether it has run out
(:func:`check`). A call that a wall-clock limit cut short answers UNKNOWN or a
certified interval, and the budget counts it, so that the run can say that its
answer may differ on a faster machine.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from airlift.model.options import SolveOptions
from airlift.model.unanswerable import OutOfTime
from airlift.result import counted

__all__ = ["Budget", "call_seconds", "check", "current", "run_budget"]


@dataclass
class Budget:
    """The wall-clock budget of one run, and what it cut short."""

    seconds: float | None
    started: float = field(default_factory=time.monotonic)
    #: Solver calls a wall-clock limit stopped before their answer was proven.
    calls_cut: int = 0
    #: Solver calls not made because the budget had run out.
    calls_skipped: int = 0
    #: Model builds abandoned because the budget had run out.
    builds_cut: int = 0

    def remaining(self) -> float | None:
        """Seconds left, or None when the run has no budget."""
        if self.seconds is None:
            return None
        return self.seconds - (time.monotonic() - self.started)

    def expired(self) -> bool:
        left = self.remaining()
        return left is not None and left <= 0

    @property
    def cut_anything(self) -> bool:
        return bool(self.calls_cut or self.calls_skipped or self.builds_cut)

    def note(self) -> str | None:
        """What the wall clock cut short, in words for a report, or None."""
        if not self.cut_anything:
            return None
        parts = []
        if self.calls_cut:
            parts.append(counted(self.calls_cut, "solver call") + " stopped by a wall-clock cap")
        if self.calls_skipped:
            parts.append(counted(self.calls_skipped, "solver call") + " not made")
        if self.builds_cut:
            parts.append(counted(self.builds_cut, "model") + " not built")
        budget = (
            f"the run's budget of {self.seconds:g} s" if self.seconds is not None else "its cap"
        )
        return (
            f"The wall clock cut this run short ({', '.join(parts)}; {budget}). The answers "
            "affected are unknown or certified intervals, never guesses, but they may differ "
            "on a faster or less busy machine; raise --max-seconds to settle them."
        )


_ACTIVE: ContextVar[Budget | None] = ContextVar("airlift_budget", default=None)


def current() -> Budget | None:
    """The budget of the run in progress, if any."""
    return _ACTIVE.get()


@contextmanager
def run_budget(options: SolveOptions) -> Iterator[Budget]:
    """Open the budget of one run (``options.max_seconds``), or join the one already open.

    Nested runs (``analyze`` calling ``explain``) share the outer budget, so the
    whole command ends within the time it was given.
    """
    outer = _ACTIVE.get()
    if outer is not None:
        yield outer
        return
    budget = Budget(options.max_seconds)
    token = _ACTIVE.set(budget)
    try:
        yield budget
    finally:
        _ACTIVE.reset(token)


def call_seconds(options: SolveOptions) -> float:
    """The wall-clock seconds one solver call may take now: its cap, or what the run has left.

    Zero means the run's budget is spent and the call should not be made.
    """
    cap = options.wall_limit()
    budget = _ACTIVE.get()
    left = budget.remaining() if budget is not None else None
    if left is None:
        return cap
    return max(0.0, min(cap, left))


def check() -> None:
    """Raise :class:`OutOfTime` when the active run's budget has run out."""
    budget = _ACTIVE.get()
    if budget is not None and budget.expired():
        budget.builds_cut += 1
        raise OutOfTime("the run's wall-clock budget ran out before the model was built")
