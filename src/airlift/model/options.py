"""Solver settings as one typed, hashable object."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["SolveOptions"]


@dataclass(frozen=True)
class SolveOptions:
    """How every CP-SAT call of one analysis is run.

    ``time_limit`` is CP-SAT's *deterministic* time per solver call (roughly
    seconds on a laptop, but independent of machine load), so that a run that
    hits the limit still gives the same answer every time. One worker and a
    fixed seed make every answer and every witness reproducible; more workers
    may find other (equally valid) witnesses. ``params`` passes any other
    CP-SAT parameter through by name, e.g. ``{"linearization_level": 1}``.

    Deterministic time can stall while wall time runs on, so each call also
    has a wall-clock safety cap, ``call_seconds`` (by default three times the
    time limit plus one second), and ``max_seconds`` is a wall-clock budget
    for a whole run of ``analyze`` or ``explain`` (None: no budget). An answer
    either of them cuts short is unknown or a certified interval, and the
    analysis notes it; answers they do not cut stay reproducible.
    """

    time_limit: float = 10.0
    seed: int = 0
    workers: int = 1
    params: Mapping[str, object] = field(default_factory=dict)
    max_seconds: float | None = None
    call_seconds: float | None = None

    def __post_init__(self) -> None:
        if self.time_limit <= 0:
            raise ValueError("time_limit must be positive")
        if self.max_seconds is not None and self.max_seconds <= 0:
            raise ValueError("max_seconds must be positive")
        if self.call_seconds is not None and self.call_seconds <= 0:
            raise ValueError("call_seconds must be positive")
        if self.workers < 1:
            raise ValueError("workers must be at least 1")
        # A private copy, so that the caller's dict can change without changing us;
        # a plain dict keeps options picklable for worker processes.
        object.__setattr__(self, "params", dict(self.params))

    def wall_limit(self) -> float:
        """The wall-clock cap of one solver call, in seconds."""
        if self.call_seconds is not None:
            return self.call_seconds
        return 3 * self.time_limit + 1

    def describe(self) -> dict[str, object]:
        """Plain settings for reports."""
        return {
            "time_limit": self.time_limit,
            "time_limit_kind": "deterministic seconds per solver call",
            "call_seconds": self.wall_limit(),
            **({"max_seconds": self.max_seconds} if self.max_seconds is not None else {}),
            "seed": self.seed,
            "workers": self.workers,
            **({"params": dict(sorted(self.params.items()))} if self.params else {}),
        }
