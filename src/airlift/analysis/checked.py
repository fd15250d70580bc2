"""The one path from a solver's answer to an allocation anybody sees: built, re-checked.

The solver is trusted to search, never to be right: every allocation it gives is
rebuilt from plain integers and checked against the scenario's constraints in plain
Python (:mod:`airlift.analysis.verify`) before it leaves the analysis, and an
optimum's witness must total what the solver said. A failure is a bug, raised as
:class:`~airlift.errors.InternalError`, never shown as an answer. The engine and the
what-ifs both come through here; they differ only in what they check against.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from airlift.analysis.verify import total_value
from airlift.errors import InternalError
from airlift.model import Problem, Solution, build_allocation
from airlift.result import Allocation, TotalSpec
from airlift.scenario.schema import Scenario

__all__ = ["checked_allocation", "checked_value"]


def checked_allocation(
    problem: Problem,
    solution: Solution,
    cargo_order: Sequence[str],
    problems: Callable[[Allocation], list[str]],
    shape: Callable[[Allocation], Allocation] | None = None,
) -> Allocation:
    """The allocation ``solution`` describes, ``shape``-d first if given (flights spread
    over the groups of a count, say), once ``problems`` finds nothing wrong with it."""
    allocation = build_allocation(problem, solution, cargo_order)
    if shape is not None:
        allocation = shape(allocation)
    found = problems(allocation)
    if found:
        raise InternalError("a solver allocation fails its re-check: " + "; ".join(found[:5]))
    return allocation


def checked_value(
    scenario: Scenario, witness: Allocation, spec: TotalSpec, objective: int | None
) -> int:
    """What ``spec`` totals in ``witness``, which must be the solver's ``objective``."""
    value = total_value(scenario, witness, spec)
    if value != objective:
        raise InternalError(
            f"witness total {value} differs from the solver's {objective} for {spec.label}"
        )
    return value
