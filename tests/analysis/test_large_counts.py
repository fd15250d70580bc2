"""Large flight counts: exact answers where the model can hold them, never a stall or a crash."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from airlift.analysis import analyze
from airlift.model import SolveOptions
from airlift.result import Analysis, Cutoff, Verdict
from airlift.scenario import scenario_from_dict

OPTIONS = SolveOptions(time_limit=2, seed=0)
SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def _scenario(count: Any, to: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "title": "large counts",
        "airfields": {"A": {}, "B": {}, "C": {}, "D": {}},
        "aircraft": {"X": {"payload": "48 t"}},
        "cargo": {"c": {"kind": "k", "mass": "2.4 t"}},
        "flights": [{"id": "g", "aircraft": "X", "count": count, "from": "A", "to": to}],
        **extra,
    }


def _bounds(analysis: Analysis) -> dict[str, tuple[int | None, int | None, bool]]:
    return {b.spec.label: (b.min.lo, b.max.hi, b.proven) for b in analysis.bounds}


def test_a_million_loaded_flights_to_three_airfields_are_bounded_exactly() -> None:
    """The fuzz-found stall: CP-SAT's symmetry handling moved one unit per conflict."""
    loaded = {"id": "loaded", "total": "k", "per_flight": True, "at_least": 1}
    data = _scenario(1_000_000, ["B", "C", "D"], assumptions=[loaded])
    bounds = _bounds(analyze(scenario_from_dict(data), OPTIONS, explain=False))
    assert bounds["k"] == (1_000_000, 20_000_000, True)
    assert bounds["flights"] == (1_000_000, 1_000_000, True)
    for field in "BCD":
        assert bounds[f"k to {field}"] == (0, 20_000_000, True)
        assert bounds[f"flights to {field}"] == (0, 1_000_000, True)


def _one_kg(count: Any, **extra: Any) -> dict[str, Any]:
    return {
        "title": "huge counts",
        "airfields": {"A": {}},
        "aircraft": {"X": {"payload": "1 t"}},
        "cargo": {"c": {"kind": "k", "mass": "1 kg"}},
        "flights": [{"id": "g", "aircraft": "X", "count": count, "from": "A", "to": "A"}],
        **extra,
    }


def test_a_count_no_double_can_hold_is_counted_exactly() -> None:
    """2^53 + 1 flights: the solver's objective is a double, the answer must not be."""
    count = 2**53 + 1
    bounds = _bounds(analyze(scenario_from_dict(_one_kg(count)), OPTIONS, explain=False))
    assert bounds["flights"] == (count, count, True)


def test_a_count_past_what_the_solver_sums_is_unknown_with_its_reason() -> None:
    analysis = analyze(scenario_from_dict(_one_kg(2**62)), OPTIONS, explain=False)
    flights = next(b for b in analysis.bounds if b.spec.label == "flights")
    assert not flights.proven
    assert flights.min.cutoff is Cutoff.TOO_LARGE and flights.max.cutoff is Cutoff.TOO_LARGE
    assert any("too large" in note for note in analysis.notes)


@pytest.mark.parametrize("bound", [2**60 + 1, 2**62])
def test_claim_bounds_up_to_the_largest_accepted_are_decided_exactly(bound: int) -> None:
    """The loader refuses bounds above 2^62; the model clamps the rest exactly."""
    claims = [
        {"id": "equals", "total": "k", "equals": bound},
        {"id": "at-least", "total": "k", "at_least": bound},
        {"id": "at-most", "total": "k", "at_most": bound},
        {"id": "flights", "total": "flights", "at_most": bound},
    ]
    analysis = analyze(scenario_from_dict(_one_kg(1, claims=claims)), OPTIONS)
    verdicts = {c.ref.id: (c.verdict, c.settled) for c in analysis.claims}
    assert verdicts == {
        "equals": (Verdict.INCONSISTENT, True),
        "at-least": (Verdict.INCONSISTENT, True),
        "at-most": (Verdict.IMPLIED, True),
        "flights": (Verdict.IMPLIED, True),
    }


def test_many_load_boxes_times_a_huge_count_is_too_large_not_a_crash() -> None:
    """The fuzz-found crash: Kabul with a group of at least 10^15 flights. Each box's term
    fits 64 bits, but the solver sums a class's units over every box of a lane, each up to
    the cap: that sum must fit too, or CP-SAT rejected the model (an exit 3)."""
    data = yaml.safe_load((SCENARIOS / "kabul-2021.yaml").read_text(encoding="utf-8"))
    data["flights"][1]["count"] = {"min": 10**15}
    analysis = analyze(scenario_from_dict(data), OPTIONS, explain=False)
    unknown = [c for c in analysis.claims if c.verdict is Verdict.UNKNOWN]
    assert unknown and all("too large" in c.reason for c in unknown)
