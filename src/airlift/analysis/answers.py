"""The answers of what-ifs: whether statements hold together, and how far a total goes.

Plain frozen data, so that answers can be compared, cached and sent between processes.
"""

from __future__ import annotations

from dataclasses import dataclass

from airlift.result import Allocation, Cutoff, Feasibility, SolveStatus, StatementKey

__all__ = ["Check", "Optimum"]


@dataclass(frozen=True)
class Check:
    """Whether kept statements hold together, and the evidence."""

    status: Feasibility
    #: When infeasible: switchable kept statements that already clash with the
    #: other kept ones (sufficient, not minimal); None when unknown.
    core: frozenset[StatementKey] | None = None
    #: When feasible: an allocation, re-checked (see :meth:`WhatIfs.shown` to annotate it).
    witness: Allocation | None = None
    #: Why an unknown answer is unknown.
    cutoff: Cutoff | None = None


@dataclass(frozen=True)
class Optimum:
    """The least or greatest value of a total under kept statements."""

    status: SolveStatus
    value: int | None = None  #: a value attained by ``witness``
    proven: bool = False  #: ``value`` is the optimum
    witness: Allocation | None = None
    #: Why the value is not proven (or there is none), when something cut it short.
    cutoff: Cutoff | None = None
