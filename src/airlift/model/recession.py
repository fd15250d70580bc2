"""Whether one more flight of a lane whose loads are the solver's can be flown forever.

A total over an open count is unbounded exactly when some flight can add to it while
adding nothing to any total an upper bound caps (see ``Engine._unbounded``). For a
boxed lane the boxes answer that; a lane whose loads are variables (one a flight, or
load slots) has no boxes, so one flight's load is solved for here: a tiny CP-SAT model
of that flight's limits and per-flight bounds.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache

from ortools.sat.python import cp_model

from airlift.model.problem import FlightSpec, Problem

__all__ = ["flight_repeats", "neutral_lanes"]


def flight_repeats(
    spec: FlightSpec, zeroed: Collection[int], counted: Collection[int] | None
) -> bool | None:
    """Whether one flight of ``spec`` can carry none of the ``zeroed`` classes and, unless
    ``counted`` is None (the total counts flights), some unit of a ``counted`` class not
    zeroed, within its limits and per-flight bounds; None if that was not decided (ten
    deterministic seconds: a flight's load is a few integers, so this is not expected)."""
    return _repeats(spec, frozenset(zeroed), None if counted is None else frozenset(counted))


def neutral_lanes(problem: Problem) -> frozenset[int] | None:
    """The lanes where one more flight can fly while adding nothing to any total that an
    upper bound of ``problem`` caps (nor to a capped flight count); None if a lane was not
    decided. Adding such a flight to any allocation keeps every condition: one more
    flight of its group can only help, so feasibility grows with the group's count."""
    found = set()
    for li, lane in enumerate(problem.lanes):
        capped = [c for c in problem.conditions if c.hi is not None and li in c.total.lanes]
        if any(c.total.classes is None for c in capped):
            continue  # the flight itself counts toward a capped number of flights
        zeroed = frozenset(k for c in capped for k in (c.total.classes or ()))
        if lane.explicit is not None:
            neutral = flight_repeats(lane.explicit, zeroed, None)
            if neutral is None:
                return None
        else:
            neutral = any(all(box.floor[k] == 0 for k in zeroed) for box in lane.boxes)
        if neutral:
            found.add(li)
    return frozenset(found)


@cache  # lanes alike share their spec: one solve serves them all
def _repeats(
    spec: FlightSpec, zeroed: frozenset[int], counted: frozenset[int] | None
) -> bool | None:
    model = cp_model.CpModel()
    x = {}
    for t in spec.types:
        most = 0 if t.klass in zeroed else (spec.most(t) or 0)
        x[t.index] = model.new_int_var(0, most, f"x[{t.index}]")
    for r, capacity in enumerate(spec.capacity):
        used = [(x[t.index], t.usage[r]) for t in spec.types if t.usage[r]]
        if used:
            model.add(sum(v * u for v, u in used) <= capacity)
    for ks, hi in spec.upper:
        model.add(sum(x[t.index] for t in spec.types if t.klass in ks) <= hi)
    for ks, lo in spec.lower:
        model.add(sum(x[t.index] for t in spec.types if t.klass in ks) >= lo)
    for ks, lo in spec.mass_lower:
        model.add(sum(x[t.index] * t.usage[0] for t in spec.types if t.klass in ks) >= lo)
    if counted is not None:
        adds = [x[t.index] for t in spec.types if t.klass in counted and t.klass not in zeroed]
        if not adds:
            return False
        model.add(sum(adds) >= 1)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = 10.0
    status = solver.solve(model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return True
    return False if status == cp_model.INFEASIBLE else None
