"""Loads and schedule in one model, against two brute-force enumerators joined by hand.

Each case is a tiny random load scenario (:mod:`tests.oracle.random_scenarios`, one aircraft
type, at most three flights) and a random schedule on a clock of a few seconds for its
flights. The load oracle (:mod:`tests.oracle.brute_force`) lists every allocation with the
claims it meets; the schedule oracle (:mod:`tests.schedule.oracle`) lists every timetable
with its flights per group and destination. Loads and schedule hold together exactly when
an allocation and a timetable fly the same flights per group and destination: the joint
model (:class:`airlift.analysis.schedule_joint.JointEngine`) must agree on whether the two
agree at all, on every load claim's verdict, on a schedule claim's verdict, and on all
claims at once, and every allocation it returns must pass the load oracle's own checker.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

import pytest

from airlift.analysis.schedule_joint import JointEngine, load_verdict, schedule_verdict
from airlift.model import SolveOptions
from airlift.model.schedule import Condition, Measure
from airlift.model.schedule_data import Node, ScheduleData
from airlift.result import Allocation, Cutoff, Feasibility, Verdict
from airlift.scenario import scenario_from_dict
from tests.oracle.brute_force import check_allocation, literal_allocations, statement_holds
from tests.oracle.random_scenarios import random_scenario
from tests.schedule.oracle import Flight, Instance, outcomes

OPTIONS = SolveOptions(time_limit=10)
Lanes = tuple[tuple[str, int, int], ...]


def _count(raw: Any) -> tuple[int, int]:
    return (raw, raw) if isinstance(raw, int) else (raw["min"], raw["max"])


def _eligible(d: Mapping[str, Any]) -> bool:
    """One aircraft type (the schedule oracle's airframes have none) and 1-3 flights."""
    flights = d["flights"]
    most = sum(_count(g["count"])[1] for g in flights)
    return len({g["aircraft"] for g in flights}) == 1 and 1 <= most <= 3


SEEDS = [s for s in range(300) if _eligible(random_scenario(s))][:70]


def _instance(d: Mapping[str, Any], rng: random.Random) -> Instance:
    fields = list(d["airfields"])
    horizon = rng.randint(4, 6)
    ground = tuple(rng.randint(0, 2) for _ in fields)
    block = {
        (a, b): rng.randint(1, 2) for a in range(len(fields)) for b in range(len(fields)) if a != b
    }
    flights = []
    counts = {}
    for g in d["flights"]:
        lo, hi = _count(g["count"])
        to = g["to"] if isinstance(g["to"], list) else [g["to"]]
        dests = tuple(fields.index(x) for x in to)
        for k in range(hi):
            flights.append(
                Flight(g["id"], fields.index(g["from"]), dests, k >= lo, (0, horizon), (0, horizon))
            )
        counts[g["id"]] = (lo, hi)
    most = rng.choice([None, 1, 2])
    spots = {rng.randrange(len(fields)): 1} if rng.random() < 0.3 else {}
    return Instance(horizon, ground, block, tuple(flights), counts, most, spots)


def _data(d: Mapping[str, Any], inst: Instance) -> ScheduleData:
    t = d["flights"][0]["aircraft"]
    nodes = tuple(
        Node(
            f.group,
            t,
            f.origin,
            f.dests,
            mandatory=not f.optional,
            takeoff=f.takeoff,
            landing=f.landing,
            twin=True,
        )
        for f in inst.flights
    )
    return ScheduleData(
        horizon=inst.horizon,
        airfields=tuple(d["airfields"]),
        nodes=nodes,
        counts=tuple((g, lo, hi) for g, (lo, hi) in inst.counts.items()),
        fleets=((t, 0, inst.most_airframes, None),),
        ground={(t, i): g for i, g in enumerate(inst.ground)},
        block={(t, a, b): v for (a, b), v in inst.block.items()},
        spots=tuple(inst.spots.items()),
    )


def _lanes_of_rows(fields: list[str], rows: list[Any]) -> Lanes:
    per: dict[tuple[str, int], int] = {}
    for gid, dest, count, _ in rows:
        if count:
            key = (gid, fields.index(dest))
            per[key] = per.get(key, 0) + count
    return tuple(sorted((g, k, n) for (g, k), n in per.items()))


def _rows(allocation: Allocation) -> list[Any]:
    return [(r.flights, r.to, r.count, dict(r.load)) for r in allocation.rows]


def _verdict(possible: bool, fails: bool) -> Verdict:
    if not possible:
        return Verdict.INCONSISTENT
    return Verdict.CONSISTENT if fails else Verdict.IMPLIED


@pytest.mark.parametrize("seed", SEEDS)
def test_joint_matches_enumeration(seed: int) -> None:
    d = random_scenario(seed)
    rng = random.Random(seed)
    inst = _instance(d, rng)
    fields = list(d["airfields"])
    claims = [c["id"] for c in d.get("claims", [])]
    # The loads: per lane vector, the claims each valid allocation meets.
    loads: dict[Lanes, set[tuple[bool, ...]]] = {}
    for rows in literal_allocations(d):
        if check_allocation(d, rows):
            continue
        held = tuple(statement_holds(d, rows, c) for c in claims)
        loads.setdefault(_lanes_of_rows(fields, rows), set()).add(held)
    # The schedule: per lane vector, the flights taking off in a random period.
    start = rng.randint(0, inst.horizon - 1)
    end = rng.randint(start, inst.horizon)
    k = rng.randint(1, 2)
    flown: dict[Lanes, set[int]] = {}
    for o in outcomes(inst):
        inside = sum(1 for t in o.departures if start <= t <= end)
        flown.setdefault(o.lanes, set()).add(inside)
    both = [v for v in loads if v in flown]
    case = (seed, inst, start, end, k)

    scenario = scenario_from_dict(d)
    joint = JointEngine(scenario, _data(d, inst), OPTIONS)
    base = joint.ask()
    if base.status is Feasibility.UNKNOWN:
        assert base.cutoff is Cutoff.RANGED_MASS, case
        return
    assert (base.status is Feasibility.FEASIBLE) == bool(both), case
    if not both:
        return
    for i, claim in enumerate(claims):
        decided = load_verdict(joint, joint.requirement(claim))
        if decided.verdict is Verdict.UNKNOWN:
            assert "range" in (decided.why or ""), case
            continue
        possible = any(held[i] for v in both for held in loads[v])
        fails = any(not held[i] for v in both for held in loads[v])
        assert decided.settled, case
        assert decided.verdict is _verdict(possible, fails), (claim, case)
    condition = Condition(((1, Measure("flights", start=start, end=end)),), k, None)
    decided = schedule_verdict(joint, [condition])
    possible = any(n >= k for v in both for n in flown[v])
    fails = any(n < k for v in both for n in flown[v])
    assert decided.verdict is _verdict(possible, fails), case
    everything = joint.ask([joint.requirement(c) for c in claims], on=[condition])
    if everything.status is Feasibility.UNKNOWN:
        assert everything.cutoff is Cutoff.RANGED_MASS, case
        return
    expected = any(all(held) and any(n >= k for n in flown[v]) for v in both for held in loads[v])
    assert (everything.status is Feasibility.FEASIBLE) == expected, case
    for witness in joint.witnesses:
        rows = _rows(witness.allocation)
        assert check_allocation(d, rows) == [], case
        # The tie: the allocation's flights are the timetable's, lane by lane.
        on = [i for path in witness.schedule.paths for i in path]
        per: dict[tuple[str, int], int] = {}
        for i in on:
            key = (inst.flights[i].group, witness.schedule.destination[i])
            per[key] = per.get(key, 0) + 1
        assert _lanes_of_rows(fields, rows) == tuple(
            sorted((g, x, n) for (g, x), n in per.items())
        ), case
