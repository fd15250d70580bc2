"""The two-input tipping curve against closed forms: an exact staircase, or exact columns."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from airlift.analysis.curve import COLUMNS, tipping_curve
from airlift.model import SolveOptions
from airlift.scenario import scenario_from_dict
from airlift.scenario.inputs import inputs_of

OPTIONS = SolveOptions(time_limit=10, seed=0)


def _scenario(payload: Any, slots: Any, mass: Any) -> Any:
    """9 flights; the claim "at least 84 units" needs 10 units on some flight (9 x 9 = 81)."""
    return scenario_from_dict(
        {
            "title": "curve",
            "airfields": {"O": {}, "X": {}},
            "aircraft": {"A": {"payload": payload, "limits": {"slots": slots}}},
            "cargo": {"m": {"kind": "missile", "mass": mass, "uses": {"slots": 1}}},
            "flights": [{"id": "g", "aircraft": "A", "count": 9, "from": "O", "to": "X"}],
            "claims": [{"id": "c", "says": "84", "total": "missile", "at_least": 84}],
        }
    )


def _curve(scenario: Any, a: str, b: str) -> Any:
    inputs = inputs_of(scenario)
    by = {i.name: i for i in inputs}
    return tipping_curve(scenario, OPTIONS, 1, scenario.claims[0], by[a], by[b], inputs)


def _threshold_at(curve: Any, a: Fraction) -> Any:
    """The step of the staircase that covers ``a``."""
    step = [p for p in curve.points if p.at <= a][-1]
    return step.threshold if step.threshold is not None else step.everywhere


def test_a_staircase_of_few_steps_is_exact() -> None:
    """Payload 40,000-40,100 kg, 10 units a flight: mass <= floor(payload / 10), a step every
    10 kg of payload (11 steps), found exactly; every payload's threshold is the closed form."""
    s = _scenario(
        {"min": "40,000 kg", "max": "40,100 kg"}, 12, {"min": "3,900 kg", "max": "4,100 kg"}
    )
    curve = _curve(s, "aircraft.A.payload", "cargo.m.mass")
    assert curve.exact and curve.direction == "at_most"
    assert [p.at for p in curve.points] == [Fraction(40_000 + 10 * k) for k in range(11)]
    for payload in range(40_000, 40_101):
        expected = min(Fraction(4_100), Fraction(payload // 10))
        assert _threshold_at(curve, Fraction(payload)) == expected, payload


def test_a_limit_against_a_mass() -> None:
    """Below 10 slots no mass allows 84 units; from 10, any mass up to 4,000 kg (40 t / 10)."""
    s = _scenario("40 t", {"min": 8, "max": 12}, {"min": "2.3 t", "max": "4.5 t"})
    curve = _curve(s, "aircraft.A.limits.slots", "cargo.m.mass")
    assert curve.exact
    assert [(p.at, p.threshold, p.everywhere) for p in curve.points] == [
        (8, None, False),
        (10, Fraction(4000), None),
    ]


def test_too_many_steps_gives_exact_columns() -> None:
    """A step every 10 kg over 8 t of payload is 800 steps: the curve gives the exact
    threshold at evenly spread payloads instead, and says so."""
    s = _scenario({"min": "40 t", "max": "48 t"}, 12, {"min": "2.3 t", "max": "4.5 t"})
    curve = _curve(s, "aircraft.A.payload", "cargo.m.mass")
    assert not curve.exact and len(curve.points) == COLUMNS
    for p in curve.points:
        most = math.floor(p.at / 10)  # the heaviest unit ten of which fit
        if most >= 4500:
            assert p.everywhere is True and p.threshold is None, p
        else:
            assert p.threshold == most, p
