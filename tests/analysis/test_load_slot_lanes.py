"""Lanes of many flights whose loads are the solver's (load slots), on cases worked by hand.

Items of three kinds on 100 flights, the lane in load slots (see
``airlift.model.problem.slot_sizes``: 42 slots of 1 to 64 flights here), in the
compiler's own choice (boxes, for these few loads) and in boxes forced. The answers
turn on whole units per flight, which a per-kg or LP reading gets wrong, and on a
per-flight minimum, so every form must give the hand-worked answer.
"""

from __future__ import annotations

from typing import Any

import pytest

import airlift.model.compile as compile_module
from airlift.analysis import analyze
from airlift.model import SolveOptions
from airlift.result import Verdict
from airlift.scenario import scenario_from_dict

OPTIONS = SolveOptions(time_limit=10, seed=0)


@pytest.fixture(params=["chosen", "slots", "boxes"])
def form(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The lane as the compiler chooses it, every lane in slots, or boxes wherever possible."""
    if request.param == "slots":
        monkeypatch.setattr(compile_module, "LARGE_LANE_BOXES", 0)
    if request.param == "boxes":
        monkeypatch.setattr(compile_module, "LARGE_LANE_BOXES", 10**6)
        monkeypatch.setattr(compile_module, "SLOTS_AFTER_BOXES", 0)
    return str(request.param)


def _scenario(claims: list[dict[str, Any]], count: Any = 100) -> dict[str, Any]:
    """100 flights of 10 kg (and 9 seats); items of 3 kg (one seat), 4 kg and 5 kg;
    every flight carries at least one 5 kg item."""
    return {
        "title": "slots",
        "airfields": {"O": {}, "X": {}, "Y": {}},
        "aircraft": {"A": {"payload": "10 kg", "limits": {"seats": 9}}},
        "cargo": {
            "a": {"kind": "small", "mass": "3 kg", "uses": {"seats": 1}},
            "b": {"kind": "medium", "mass": "4 kg"},
            "c": {"kind": "large", "mass": "5 kg"},
        },
        "flights": [{"id": "g", "aircraft": "A", "count": count, "from": "O", "to": ["X", "Y"]}],
        "assumptions": [
            {"id": "each carried a large", "total": "large", "per_flight": True, "at_least": 1}
        ],
        "claims": claims,
    }


def _verdicts(claims: list[dict[str, Any]], count: Any = 100) -> dict[str, Verdict]:
    a = analyze(scenario_from_dict(_scenario(claims, count)), OPTIONS, explain=False)
    assert all(c.settled for c in a.claims)
    return {c.ref.id: c.verdict for c in a.claims}


def test_whole_units_per_flight_decide(form: str) -> None:
    # A 5 kg item leaves 5 kg a flight: one 3 kg item (100 in all, not 166 by the kg) or
    # one 4 kg item; both kinds together on a flight never.
    claims = [
        {"id": "100 small", "total": "small", "at_least": 100},
        {"id": "101 small", "total": "small", "at_least": 101},
        {"id": "99 medium and a small", "total": "medium", "at_least": 99},
        {"id": "100 medium", "total": "medium", "at_least": 100},
        {"id": "small", "total": "small", "at_least": 1},
        {"id": "two large a flight", "total": "large", "at_least": 200},
        {"id": "201 large", "total": "large", "at_least": 201},
    ]
    assert _verdicts(claims) == {
        "100 small": Verdict.CONSISTENT,
        "101 small": Verdict.INCONSISTENT,
        "99 medium and a small": Verdict.CONSISTENT,
        "100 medium": Verdict.CONSISTENT,
        "small": Verdict.CONSISTENT,
        "two large a flight": Verdict.CONSISTENT,
        "201 large": Verdict.INCONSISTENT,
    }


def test_bounds_and_their_witnesses(form: str) -> None:
    a = analyze(scenario_from_dict(_scenario([])), OPTIONS, explain=False)
    got = {b.spec.label: (b.min.lo, b.max.hi) for b in a.bounds if b.proven}
    assert got["small"] == (0, 100)
    assert got["medium"] == (0, 100)
    assert got["large"] == (100, 200)
    assert got["large to X"] == (0, 200)
    for bound in a.bounds:
        for extreme in (bound.min, bound.max):
            assert extreme.witness is not None
            assert sum(r.count for r in extreme.witness.rows) == 100


def test_an_open_count_with_a_cap_from_a_claim(form: str) -> None:
    # At least 100 flights; 150 small items need 150 flights, each with a large one.
    claims = [
        {"id": "150 small", "total": "small", "at_least": 150},
        {"id": "at most 149 large", "total": "large", "at_most": 149},
    ]
    assert _verdicts(claims, {"min": 100}) == {
        "150 small": Verdict.CONSISTENT,
        "at most 149 large": Verdict.CONSISTENT,
    }


def test_an_open_count_is_unbounded_unless_a_cap_ties_every_flight(form: str) -> None:
    """With at least 100 flights and nothing capping, small items have no maximum; at most
    149 large items cap the flights (each carries one), so at most 149 small ones."""

    def max_small(assumptions: list[dict[str, Any]]) -> tuple[bool, int | None]:
        d = _scenario([], {"min": 100})
        d["assumptions"] += assumptions
        a = analyze(scenario_from_dict(d), OPTIONS, explain=False)
        small = next(b for b in a.bounds if b.spec.label == "small")
        assert small.max.status.value == "optimal"
        return small.max.unbounded, small.max.hi

    assert max_small([]) == (True, None)
    capped = [{"id": "cap", "total": "large", "at_most": 149}]
    assert max_small(capped) == (False, 149)
