"""Bulk cargo on a group whose count is open above: unbounded unless a cap stops it.

A flight that can pour a grain of bulk into its payload adds to a bulk total, so more such
flights raise it without limit; a per-flight minimum of bulk that a cap counts makes every
flight add to that cap, which then bounds how many fly. (A bug once reported 336 t, the
seen flights full, as a proven maximum.)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from airlift.analysis import analyze
from airlift.model import SolveOptions
from airlift.result import Bound
from airlift.scenario import scenario_from_dict

OPTIONS = SolveOptions(time_limit=10, seed=0)


def _bounds(**extra: Any) -> dict[str, Bound]:
    doc: dict[str, Any] = {
        "title": "bulk on an open count",
        "airfields": {"A": {}, "B": {}},
        "aircraft": {"Il-76MD": {"payload": "48 t"}},
        "cargo": {
            "food": {"kind": "materiel", "bulk": True},
            "crate": {"kind": "box", "mass": "10 t"},
        },
        "flights": [
            {"id": "seen", "aircraft": "Il-76MD", "count": {"min": 7}, "from": "A", "to": "B"}
        ],
        "estimate": [{"total": "materiel"}, {"total": "flights"}, {"total": "box"}],
        **extra,
    }
    analysis = analyze(scenario_from_dict(doc), OPTIONS, explain=False)
    return {b.spec.total: b for b in analysis.bounds}


def test_bulk_over_an_open_count_is_unbounded() -> None:
    b = _bounds()
    assert b["materiel"].max.unbounded and b["flights"].max.unbounded


def test_a_cap_on_the_bulk_total_bounds_it_but_not_the_flights() -> None:
    cap = {"id": "cap", "says": "at most 500 t", "total": "materiel", "at_most": "500 t"}
    b = _bounds(assumptions=[cap])
    most = b["materiel"].max
    assert most.proven and not most.unbounded
    assert b["materiel"].spec.measure.value(most.hi) == Fraction(500)  # t
    assert b["flights"].max.unbounded  # an empty flight adds nothing to the cap


def test_a_per_flight_minimum_the_cap_counts_bounds_the_flights() -> None:
    assumptions = [
        {"id": "cap", "says": "at most 500 t", "total": "materiel", "at_most": "500 t"},
        {"id": "each", "says": "each carried food", "total": "materiel", "per_flight": True,
         "at_least": "1 t"},
    ]  # fmt: skip
    b = _bounds(assumptions=assumptions)
    assert b["flights"].max.proven and b["flights"].max.hi == 500
    assert b["box"].max.unbounded is False and b["box"].max.proven  # crates need room: finite


def test_units_beside_capped_bulk_stay_unbounded() -> None:
    """Crates are not capped: a flight with a crate and no food repeats forever."""
    cap = {"id": "cap", "says": "at most 500 t", "total": "materiel", "at_most": "500 t"}
    assert _bounds(assumptions=[cap])["box"].max.unbounded
