"""The schedule model against the brute-force enumerator, on random small instances.

Each instance is drawn on a clock of a few seconds, so the enumerator can try every time;
the model gets the same numbers as a ``ScheduleData`` and must agree on whether anything
is possible, the fewest airframes, the earliest completion, the most flights, and whether
a claim on flights taking off in a period can hold and can fail.
"""

from __future__ import annotations

import random

import pytest

from airlift.model import SolveOptions
from airlift.model.schedule import Condition, Measure, ScheduleModel
from airlift.model.schedule_data import Node, ScheduleData
from airlift.result import SolveStatus
from tests.schedule.oracle import Flight, Instance, outcomes

OPTIONS = SolveOptions(time_limit=10)


def _instance(rng: random.Random) -> Instance:
    fields = rng.choice([2, 3])
    horizon = rng.randint(5, 7)
    ground = tuple(rng.randint(0, 2) for _ in range(fields))
    block = {(a, b): rng.randint(1, 2) for a in range(fields) for b in range(fields) if a != b}
    flights = []
    counts: dict[str, tuple[int, int]] = {}
    n = rng.choice([1, 2, 2, 3, 3])
    two_dests_left = 1
    for k in range(n):
        origin = rng.randrange(fields)
        others = [f for f in range(fields) if f != origin]
        dests = (rng.choice(others),)
        if len(others) > 1 and two_dests_left and rng.random() < 0.3:
            dests, two_dests_left = tuple(others), 0
        takeoff = (0, horizon)
        if rng.random() < 0.3:
            t = rng.randint(0, horizon - 1)
            takeoff = (t, t)
        label = rng.choice([None, None, "R1", "R2"])
        optional = rng.random() < 0.3
        group = f"g{k}"
        counts[group] = (0 if optional else 1, 1)
        flights.append(Flight(group, origin, dests, optional, takeoff, (0, horizon), label))
    if (n == 1 or (n == 2 and horizon <= 5)) and rng.random() < 0.7:
        # Two alike flights of one group, either or both flown.
        origin = rng.randrange(fields)
        dest = rng.choice([f for f in range(fields) if f != origin])
        counts["twins"] = (rng.randint(0, 1), 2)
        for _ in range(2):
            flights.append(Flight("twins", origin, (dest,), True, (0, horizon), (0, horizon)))
    most = rng.choice([None, 1, 2])
    spots = {rng.randrange(fields): rng.choice([1, 1, 2])} if rng.random() < 0.5 else {}
    return Instance(horizon, ground, block, tuple(flights), counts, most, spots)


def _data(inst: Instance) -> ScheduleData:
    nodes = tuple(
        Node(
            f.group,
            "T",
            f.origin,
            f.dests,
            mandatory=not f.optional,
            takeoff=f.takeoff,
            landing=f.landing,
            airframe=f.label,
            twin=f.group == "twins",
        )
        for f in inst.flights
    )
    return ScheduleData(
        horizon=inst.horizon,
        airfields=tuple(f"F{i}" for i in range(len(inst.ground))),
        nodes=nodes,
        counts=tuple((g, lo, hi) for g, (lo, hi) in inst.counts.items()),
        fleets=(("T", 0, inst.most_airframes, None),),
        ground={("T", i): g for i, g in enumerate(inst.ground)},
        block={("T", a, b): v for (a, b), v in inst.block.items()},
        spots=tuple(inst.spots.items()),
    )


def _objective(model: ScheduleModel, sense: str, measure: Measure) -> int | None:
    solution = model.solve(OPTIONS, objective=(sense, measure))
    if solution.status is SolveStatus.INFEASIBLE:
        return None
    assert solution.status is SolveStatus.OPTIMAL
    return solution.objective


@pytest.mark.parametrize("seed", range(60))
def test_model_matches_enumeration(seed: int) -> None:
    rng = random.Random(seed)
    inst = _instance(rng)
    found = outcomes(inst)
    model = ScheduleModel(_data(inst))
    base = model.solve(OPTIONS)
    assert base.found == bool(found), inst
    fewest = _objective(model, "min", Measure("airframes"))
    earliest = _objective(model, "min", Measure("completion"))
    most = _objective(model, "max", Measure("flights"))
    if not found:
        assert fewest is earliest is most is None
        return
    assert fewest == min(o.airframes for o in found), inst
    assert earliest == min(o.completion for o in found), inst
    assert most == max(o.flights for o in found), inst
    start = rng.randint(0, inst.horizon - 1)
    end = rng.randint(start, inst.horizon)
    k = rng.randint(1, 2)
    claim = Condition(((1, Measure("flights", start=start, end=end)),), k, None)
    inside = [sum(1 for t in o.departures if start <= t <= end) for o in found]
    holds = model.solve(OPTIONS, true=[model.holds([claim])])
    fails = model.solve(OPTIONS, false=[model.holds([claim])])
    assert holds.found == any(n >= k for n in inside), (inst, start, end, k)
    assert fails.found == any(n < k for n in inside), (inst, start, end, k)
    if holds.found:
        assert _witness_ok(inst, holds, start, end, k)


def _witness_ok(inst: Instance, solution: object, start: int, end: int, k: int) -> bool:
    """The schedule the model returns meets the claim, read from its times."""
    takeoffs = solution.takeoff  # type: ignore[attr-defined]
    flown = [i for path in solution.paths for i in path]  # type: ignore[attr-defined]
    return sum(1 for i in flown if start <= takeoffs[i] <= end) >= k
