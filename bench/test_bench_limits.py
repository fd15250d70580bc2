"""Scale in counts and in groups: the cases the fuzzer found, timed and answered exactly.

- One group of 1,000,000 flights to three airfields, each flight loaded: CP-SAT's symmetry
  handling once spent more than ten minutes on one of its bounds (issue [limits]); the
  answers are known by hand (each flight carries 1 to 20 units of 2.4 t in 48 t).
- 3,000 flight groups that nothing tells apart but their ids: they compile to one model
  group, so verdicts and bounds cost what one group's do (issue [engine]). Timed without
  the explanation: it still asks what-ifs for every group's count, which is the open part
  of "explanations at scale".
"""

from __future__ import annotations

from typing import Any

import pytest

analysis = pytest.importorskip("airlift.analysis")
scenario_module = pytest.importorskip("airlift.scenario")


def _million() -> dict[str, Any]:
    return {
        "title": "one group of 1,000,000 flights to three airfields, each flight loaded",
        "airfields": {"A": {}, "B": {}, "C": {}, "D": {}},
        "aircraft": {"X": {"payload": "48 t"}},
        "cargo": {"c": {"kind": "k", "mass": "2.4 t"}},
        "flights": [
            {"id": "g", "aircraft": "X", "count": 1_000_000, "from": "A", "to": ["B", "C", "D"]}
        ],
        "assumptions": [{"id": "loaded", "total": "k", "per_flight": True, "at_least": 1}],
    }


def _many_groups(groups: int) -> dict[str, Any]:
    flights = [
        {
            "id": f"g{i}",
            "aircraft": "X",
            "count": {"min": i % 2, "max": 2},
            "from": "A",
            "to": ["B", "C"],
        }
        for i in range(groups)
    ]
    return {
        "title": f"{groups:,} interchangeable flight groups",
        "airfields": {"A": {}, "B": {}, "C": {}},
        "aircraft": {"X": {"payload": "10 t"}},
        "cargo": {"c": {"kind": "k", "mass": "1 t"}},
        "flights": flights,
        "claims": [
            {"id": "too-many", "total": "k", "at_least": 1_000_000},
            {"id": "fits", "total": "k", "to": "B", "at_most": 5_000},
        ],
    }


def _bounds(result: Any) -> dict[str, tuple[int | None, int | None, bool]]:
    return {b.spec.label: (b.min.lo, b.max.hi, b.proven) for b in result.bounds}


def test_a_million_loaded_flights(benchmark: Any) -> None:
    scenario = scenario_module.scenario_from_dict(_million())
    result = benchmark.pedantic(
        analysis.analyze, args=(scenario,), kwargs={"explain": True}, rounds=3, iterations=1
    )
    bounds = _bounds(result)
    assert bounds["k"] == (1_000_000, 20_000_000, True)
    assert bounds["flights"] == (1_000_000, 1_000_000, True)
    assert bounds["k to B"] == (0, 20_000_000, True)


def test_three_thousand_interchangeable_groups(benchmark: Any) -> None:
    scenario = scenario_module.scenario_from_dict(_many_groups(3000))
    result = benchmark.pedantic(
        analysis.analyze, args=(scenario,), kwargs={"explain": False}, rounds=3, iterations=1
    )
    verdicts = {c.ref.id: (c.verdict.value, c.settled) for c in result.claims}
    # 1,500 to 6,000 flights of at most 10 t each: at most 60,000 t, never 1,000,000.
    assert verdicts == {"too-many": ("inconsistent", True), "fits": ("consistent", True)}
    assert _bounds(result)["flights"] == (1500, 6000, True)
