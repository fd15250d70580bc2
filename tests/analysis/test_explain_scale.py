"""Explanations at scale: alike groups, breakpoints, worker processes, ordering, cut runs.

Every answer that could be checked against the brute-force oracle is; the others are
compared with the same explanation computed the plain way (one process, every value of
a number tried in turn), which the oracle checks elsewhere.
"""

from __future__ import annotations

import copy
import random
import time
from dataclasses import replace
from typing import Any

import pytest

from airlift.analysis import breakpoints as breakpoints_module
from airlift.analysis import explain
from airlift.analysis.answers import Check, Optimum
from airlift.analysis.engine import Engine
from airlift.analysis.whatif import WhatIfs
from airlift.model import SolveOptions, run_budget
from airlift.result import (
    AlikeMembers,
    Cutoff,
    Explanation,
    Feasibility,
    Role,
    SolveStatus,
    StatementKey,
    Verdict,
)
from airlift.scenario import scenario_from_dict
from tests.analysis.alike_oracle import alike_groups
from tests.analysis.test_explain_brute_force import (
    OPTIONS,
    Skipped,
    _explained,
    _group,
    _hand,
    check_explanation,
)
from tests.oracle.conflict_scenarios import conflict_scenario

SEEDS = range(0, 120, 3)
TWIN_SEEDS = range(0, 120, 2)


def _explain(d: dict[str, Any], **kwargs: Any) -> Explanation:
    return explain(scenario_from_dict(copy.deepcopy(d)), OPTIONS, **kwargs)


def _twinned(seed: int) -> dict[str, Any]:
    """A conflict-prone scenario with one of its groups flown again under another id."""
    d = conflict_scenario(seed)
    rng = random.Random(f"twin-{seed}")
    group = rng.choice(d["flights"])
    twin = {**copy.deepcopy(group), "id": f"{group['id']}-twin"}
    d["flights"] = [*d["flights"], twin]
    return d


# --------------------------------------------------------------------------- alike groups


@pytest.mark.parametrize("seed", TWIN_SEEDS)
def test_twin_groups_against_brute_force(seed: int) -> None:
    """Groups flown twice: conflicts, relaxations said of both twins, all as the oracle says."""
    d = _twinned(seed)
    try:
        check_explanation(d, _explain(d))
    except Skipped as s:
        pytest.skip(f"too big for the oracle: {s}")


def test_twins_occur_alike_in_conflicts() -> None:
    """The twinned scenarios above do put alike groups into conflicts, both twins (one class
    relaxed once) or one of them (the fewest of a unit), else they would prove little."""
    both = one = 0
    for seed in TWIN_SEEDS:
        d = _twinned(seed)
        twins = alike_groups(d)
        for c in _explain(d).conflicts:
            both += sum(len(a.keys) > 1 for a in c.alike)
            for a in c.alike:
                assert all(k.entry in twins[a.keys[0].entry] for k in a.keys)
            ids = {m.id for m in c.members if m.role == "flights"}
            one += any(len(twins[g]) > 1 and len(twins[g] & ids) == 1 for g in ids)
    assert both >= 8 and one >= 5, (both, one)


def _identical(n: int, count: Any = 1, claim: dict[str, Any] | None = None) -> dict[str, Any]:
    """``n`` identical groups (the fuzz-found shape) and one claim."""
    return _hand(
        [_group(f"g{i}", count=count, to=["X", "Y"]) for i in range(n)],
        claims=[claim or {"id": "too-many", "total": "missile", "at_least": 1000}],
    )


def test_identical_groups_all_needed_are_one_class_relaxed_once() -> None:
    d = _identical(5)
    (c,) = _explain(d).conflicts
    groups = [k for k in (m.key for m in c.members) if k.role is Role.FLIGHTS]
    assert [k.entry for k in groups] == [f"g{i}" for i in range(5)]
    assert c.alike == (AlikeMembers(tuple(groups), 5),)
    relaxed = {r.statement.id for r in c.relaxations if r.statement.key.role is Role.FLIGHTS}
    assert relaxed == {"g0"}
    check_explanation(d, _explain(d))


def test_some_of_many_identical_groups_suffice() -> None:
    """Each flight carries a missile; at most 5 in all; groups of 2 flights: 3 groups clash."""
    d = _hand(
        [_group(f"g{i}", count=2) for i in range(8)],
        assumptions=[{"id": "loaded", "total": "missile", "per_flight": True, "at_least": 1}],
        claims=[{"id": "few", "total": "missile", "at_most": 5}],
    )
    e = _explain(d)
    (c,) = e.conflicts
    assert {m.key for m in c.members} == {
        StatementKey(Role.CLAIM, "few"),
        StatementKey(Role.ASSUMPTION, "loaded"),
        *(StatementKey(Role.FLIGHTS, f"g{i}") for i in range(3)),
    }
    assert [(len(a.keys), a.among) for a in c.alike] == [(3, 8)]
    check_explanation(d, e)


def test_hundreds_of_identical_groups_take_a_few_solves() -> None:
    """The fuzz-found case: 300 identical groups took 292 s; now a class relaxed once."""
    d = _identical(300)
    started = time.monotonic()
    (c,) = _explain(d).conflicts
    took = time.monotonic() - started
    assert len(c.members) == 300 + 3  # the claim, every group, the payload, the mass
    assert len(c.alike) == 1 and len(c.alike[0].keys) == 300 == c.alike[0].among
    by_id = {r.statement.id: r for r in c.relaxations}
    assert by_id["g0"].needed == 1000 // 3 - 299 + 1  # 3 missiles a flight: 334 flights in all
    assert "g1" not in by_id
    assert took < 60, f"{took:.1f} s"


# --------------------------------------------------------------------------- breakpoints


@pytest.mark.parametrize("seed", SEEDS)
def test_a_capped_breakpoint_walk_gives_the_same_explanation(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the walk over loads cut after one load, the search goes on over whole units."""
    d, full = _explained(seed)
    monkeypatch.setattr(breakpoints_module, "MAX_LOADS", 1)
    assert _explain(d) == full


# --------------------------------------------------------------------------- processes


@pytest.mark.parametrize("seed", [s for s in SEEDS if s % 2 == 0])
def test_worker_processes_give_the_serial_answer(seed: int) -> None:
    d, _ = _explained(seed)
    assert _explain(d, processes=2) == _explain(d, processes=1)


def test_worker_processes_share_the_runs_budget() -> None:
    """A budget spent before the explanation: workers answer unknown, counted here."""
    d = _hand(
        [_group()],
        claims=[
            {"id": "seven", "total": "missile", "at_least": 7},
            {"id": "eight", "total": "missile", "at_least": 8},
        ],
    )
    scenario = scenario_from_dict(d)
    options = SolveOptions(time_limit=10, seed=0, max_seconds=1e-9)
    with run_budget(options) as budget:
        e = explain(scenario, options, processes=2)
    assert e.conflicts == ()
    assert budget.calls_skipped + budget.builds_cut > 0


# --------------------------------------------------------------------------- contexts


def test_no_flights_shows_each_impossible_claim_once() -> None:
    d = _hand(
        [],
        claims=[
            {"id": "one", "total": "missile", "at_least": 5},
            {"id": "two", "total": "flights", "at_least": 2},
            {"id": "three", "total": "missile", "at_most": 7},
        ],
    )
    e = _explain(d)
    assert [(c.context, [m.id for m in c.members]) for c in e.conflicts] == [
        ("claim:one", ["one"]),
        ("claim:two", ["two"]),
    ]
    check_explanation(d, e)


def test_conflicts_with_fewer_claims_come_first() -> None:
    for seed in SEEDS:
        _, e = _explained(seed)
        claims = [sum(m.role == "claim" for m in c.members) for c in e.conflicts]
        assert claims == sorted(claims), seed


# --------------------------------------------------------------------------- cut short


def test_a_spent_budget_stops_the_search_and_says_the_wall_clock_did() -> None:
    scenario = scenario_from_dict(_identical(4))
    engine = Engine(scenario, OPTIONS)
    assert engine.feasible().status is Feasibility.FEASIBLE  # settled before the budget
    options = replace(OPTIONS, max_seconds=1e-9)
    with run_budget(options):
        e = explain(
            scenario,
            options,
            engine=engine,
            verdicts={"too-many": Verdict.INCONSISTENT},
            processes=1,
        )
    assert e.conflicts == ()
    assert "The search for conflicts (claim:too-many) stopped when the wall clock ran out." in (
        e.notes
    )


def test_a_wall_clock_cut_mid_search_is_said_so_and_never_proven(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every what-if after the first answered unknown, as when the budget runs out there."""
    real = WhatIfs.check
    calls = 0

    def cut(self: WhatIfs, *args: Any, **kwargs: Any) -> Check:
        nonlocal calls
        calls += 1
        if calls == 1:
            return real(self, *args, **kwargs)
        return Check(Feasibility.UNKNOWN, cutoff=Cutoff.WALL_CLOCK)

    monkeypatch.setattr(WhatIfs, "check", cut)
    monkeypatch.setattr(
        WhatIfs, "optimize", lambda *a, **k: Optimum(SolveStatus.UNKNOWN, cutoff=Cutoff.WALL_CLOCK)
    )
    d = _hand(
        [_group("g", count=2)],
        payload="10 t",
        claims=[{"id": "seven", "total": "missile", "at_least": 7}],
    )
    (c,) = _explain(d, processes=1).conflicts
    assert not c.proven and c.cutoff is Cutoff.WALL_CLOCK
    for r in c.relaxations:
        assert not r.proven and r.cutoff is Cutoff.WALL_CLOCK
