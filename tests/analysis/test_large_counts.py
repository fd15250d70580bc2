"""Large flight counts: exact answers where the model can hold them, never a stall or a crash."""

from __future__ import annotations

from typing import Any

from airlift.analysis import analyze
from airlift.model import SolveOptions
from airlift.result import Analysis
from airlift.scenario import scenario_from_dict

OPTIONS = SolveOptions(time_limit=2, seed=0)


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
