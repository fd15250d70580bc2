"""Robust verdicts and tipping points against the brute-force oracle on a grid of values.

For small random scenarios whose ranges span few grid values, every combination of the
inputs' values (each range's ends, the whole and half tonnes between, every count) is
written into the scenario dict as exact numbers and solved by the independent oracle
(:mod:`tests.oracle.brute_force`, which shares no code with airlift). The engine's
"possible for every value / some / none" and "implied for every / some / none" must agree
with the oracle over that grid, and every tipping point must be exact: the claim possible
at its value and impossible one grid step beyond, with the other inputs where it says.
"""

from __future__ import annotations

import copy
import functools
import itertools
import math
from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import Any

import pytest

from airlift.analysis import analyze
from airlift.model import SolveOptions
from airlift.result import Analysis, ClaimResult, Extent, TippingPoint
from airlift.scenario import scenario_from_dict
from tests.oracle.brute_force import TooBig, brute_force, parse_amount, parse_mass
from tests.oracle.random_scenarios import random_scenario

OPTIONS = SolveOptions(time_limit=10, seed=0)
#: The most grid points (combinations of input values) a seed may have to be used.
MOST_POINTS = 40
SEEDS = range(160)

#: A dotted field name (as reports write it) -> where its range sits in the scenario dict.
_Where = tuple[Any, ...]


def _ranges(d: Mapping[str, Any]) -> Iterator[tuple[str, _Where, Fraction, Fraction, str]]:
    """Every range of the dict: (field, path in the dict, lo, hi, dimension), read with the
    oracle's own parsers (kg for masses, plain numbers for counts and amounts)."""
    for name, a in d["aircraft"].items():
        if isinstance(a["payload"], dict):
            lo, hi = parse_mass(a["payload"]["min"]), parse_mass(a["payload"]["max"])
            yield f"aircraft.{name}.payload", ("aircraft", name, "payload"), lo, hi, "mass"
        for limit, r in a.get("limits", {}).items():
            if isinstance(r, dict):
                lo, hi = parse_amount(r["min"]), parse_amount(r["max"])
                where = ("aircraft", name, "limits", limit)
                yield f"aircraft.{name}.limits.{limit}", where, lo, hi, "count"
    for name, c in d["cargo"].items():
        if isinstance(c.get("mass"), dict):
            lo, hi = parse_mass(c["mass"]["min"]), parse_mass(c["mass"]["max"])
            yield f"cargo.{name}.mass", ("cargo", name, "mass"), lo, hi, "mass"
        for limit, r in c.get("uses", {}).items():
            if isinstance(r, dict):
                lo, hi = parse_amount(r["min"]), parse_amount(r["max"])
                where = ("cargo", name, "uses", limit)
                yield f"cargo.{name}.uses.{limit}", where, lo, hi, "count"
    for i, g in enumerate(d["flights"]):
        count = g["count"]
        if isinstance(count, dict) and count.get("max") is not None:
            lo, hi = Fraction(count["min"]), Fraction(count["max"])
            yield f"flights.{g['id']}.count", ("flights", i, "count"), lo, hi, "flights"


def _values(lo: Fraction, hi: Fraction, dimension: str) -> list[Fraction]:
    """Grid values tried for a range: its ends, and half tonnes (or whole units) between."""
    step = Fraction(500) if dimension == "mass" else Fraction(1)
    inside = [lo + step * k for k in range(1, int((hi - lo) / step) + 1) if lo + step * k < hi]
    return sorted({lo, *inside, hi})


def _written(value: Fraction, dimension: str) -> Any:
    if dimension == "mass":
        return (
            f"{value.numerator}/{value.denominator} kg"
            if value.denominator > 1
            else (f"{value.numerator} kg")
        )
    return int(value) if value.denominator == 1 else str(value)


def _pin(d: dict[str, Any], values: Mapping[_Where, tuple[Fraction, str]]) -> dict[str, Any]:
    """A copy of ``d`` with each range at ``values`` replaced by that exact value."""
    out = copy.deepcopy(d)
    for where, (value, dimension) in values.items():
        node = out
        for key in where[:-1]:
            node = node[key]
        node[where[-1]] = _written(value, dimension)
    return out


@functools.cache
def _case(seed: int) -> tuple[dict[str, Any], Analysis, list[tuple[Any, ...]]] | None:
    d = random_scenario(seed)
    ranges = list(_ranges(d))
    if not ranges or any(r[2] != r[2].limit_denominator(1) and r[4] == "count" for r in ranges):
        return None
    axes = [[(r[1], (v, r[4])) for v in _values(r[2], r[3], r[4])] for r in ranges]
    if math.prod(len(a) for a in axes) > MOST_POINTS:
        return None
    points = []
    try:
        for combo in itertools.product(*axes):
            values = dict(combo)
            points.append((values, brute_force(_pin(d, values), cap=60_000)))
    except TooBig:
        return None
    analysis = analyze(scenario_from_dict(copy.deepcopy(d)), OPTIONS, explain=False)
    return d, analysis, points


@pytest.mark.parametrize("seed", SEEDS)
def test_robust_verdicts_and_tipping_points_match_the_grid(seed: int) -> None:
    case = _case(seed)
    if case is None:
        pytest.skip("no ranges, or too many grid points for the oracle")
    d, analysis, points = case
    _check_tipping_points(d, analysis, seed)
    if not any(o.base_feasible for _, o in points):
        assert analysis.base_holds in (Extent.NONE, Extent.SOME, Extent.UNKNOWN)
    for i, claim in enumerate(analysis.claims):
        robust = claim.robust
        if robust is None:
            continue
        possible = [o.claims[i].possible for _, o in points]
        feasible = [o.base_feasible for _, o in points]
        implied = [o.claims[i].necessary for _, o in points]
        where = f"seed {seed}, claim {claim.ref.id}"
        if robust.possible is Extent.EVERY:
            assert all(possible), where
        elif robust.possible is Extent.NONE:
            assert not any(possible), where
        elif robust.possible is Extent.SOME:
            assert any(possible) and not all(possible), where
        if robust.implied is Extent.EVERY:
            assert all(implied), where
        elif robust.implied is Extent.NONE:
            assert not any(n and f for n, f in zip(implied, feasible)), where
        elif robust.implied is Extent.SOME:
            assert any(n and f for n, f in zip(implied, feasible)), where
            assert not all(implied), where


def _others(
    d: Mapping[str, Any], claim: ClaimResult, point: TippingPoint
) -> dict[_Where, tuple[Fraction, str]]:
    """The other inputs' values a tipping point was found with (physical ranges at the
    ends it names; counts, at the least favourable end, the first failing combination)."""
    out: dict[_Where, tuple[Fraction, str]] = {}
    least = point.others_at == "least_favourable"
    failing = dict(claim.robust.failing_counts[0]) if claim.robust.failing_counts else {}
    for field, where, lo, hi, dimension in _ranges(d):
        if field == point.field:
            continue
        if dimension == "flights":
            group = d["flights"][where[1]]["id"]
            if least and group in failing:
                out[where] = (Fraction(failing[group]), dimension)
            continue
        payload_or_limit = where[0] == "aircraft"
        high = payload_or_limit != least
        out[where] = (hi if high else lo, dimension)
    return out


def _check_tipping_points(d: dict[str, Any], analysis: Analysis, seed: int) -> None:
    found = [(i, c, t) for i, c in enumerate(analysis.claims) if c.robust for t in c.robust.tipping]
    fields = {r[0]: r for r in _ranges(d)}
    for i, claim, point in found:
        _, where, lo, hi, dimension = fields[point.field]
        others = _others(d, claim, point)
        at = brute_force(_pin(d, {**others, where: (point.value, dimension)}))
        assert at.claims[i].possible, (seed, claim.ref.id, point)
        if point.direction == "at_most":
            beyond = min(hi, Fraction(math.floor(point.value) + 1))
        else:
            beyond = max(lo, Fraction(math.ceil(point.value) - 1))
        assert beyond != point.value, (seed, point)
        past = brute_force(_pin(d, {**others, where: (beyond, dimension)}))
        assert not past.claims[i].possible, (seed, claim.ref.id, point)
