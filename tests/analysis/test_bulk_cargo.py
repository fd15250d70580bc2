"""Bulk cargo and bounds written as masses, decided exactly (issue #8).

Each expected answer is worked out by hand in its comment, so that a wrong
remainder, a rounding to whole tonnes or a lost grain fails here.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

import airlift.model.compile as compile_module
from airlift.analysis import analyze
from airlift.model import SolveOptions
from airlift.result import Amount, Cutoff, Verdict
from airlift.scenario import scenario_from_dict

OPTIONS = SolveOptions(time_limit=10, seed=0)


@pytest.fixture(autouse=True, params=["boxes", "explicit", "slots"])
def formulation(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test runs three times: lanes of at most 64 flights as load boxes, then as
    explicit flights, then every lane the solver's as load slots, of many flights too
    (all are exact, so the answers must agree)."""
    if request.param != "boxes":
        monkeypatch.setattr(compile_module, "EXPLICIT_WHEN_BOXES_EXCEED", 0)
    if request.param == "slots":
        monkeypatch.setattr(compile_module, "EXPLICIT_MAX_FLIGHTS", 0)
        monkeypatch.setattr(compile_module, "LARGE_LANE_BOXES", 0)
    return str(request.param)


def _scenario(count: int, claims: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "title": "bulk",
        "airfields": {"A": {}, "B": {}},
        "aircraft": {"lifter": {"payload": "10 t"}},
        "cargo": {
            "pallet": {"kind": "kit", "mass": "3 t"},
            "coal": {"kind": "supplies", "bulk": True},
        },
        "flights": [{"id": "f", "aircraft": "lifter", "count": count, "from": "A", "to": "B"}],
        "claims": claims,
        **extra,
    }


def _verdicts(d: dict[str, Any]) -> dict[str, Verdict]:
    return {c.ref.id: c.verdict for c in analyze(scenario_from_dict(d), OPTIONS).claims}


def test_tonnage_is_not_rounded_to_whole_tonnes() -> None:
    # 800 flights x 112.76 t = 90,208 t: 90,000 t is possible, 91,000 t is not. Counting
    # whole one-tonne units (112 a flight) would call 90,000 t impossible (89,600 t).
    d = {
        "title": "747 materiel",
        "airfields": {"A": {}, "B": {}},
        "aircraft": {"B747F": {"payload": "112.76 t"}},
        "cargo": {"materiel": {"kind": "supplies", "bulk": True}},
        "flights": [{"id": "f", "aircraft": "B747F", "count": 800, "from": "A", "to": "B"}],
        "claims": [
            {"id": "c90k", "total": "supplies", "at_least": "90,000 t"},
            {"id": "c90208", "total": "supplies", "at_least": "90,208 t"},
            {"id": "c-over", "total": "supplies", "at_least": "90,208.001 t"},
        ],
    }
    analysis = analyze(scenario_from_dict(d), OPTIONS)
    verdicts = {c.ref.id: c.verdict for c in analysis.claims}
    assert verdicts == {
        "c90k": Verdict.CONSISTENT,
        "c90208": Verdict.CONSISTENT,
        "c-over": Verdict.INCONSISTENT,
    }
    bound = next(b for b in analysis.bounds if b.spec.label == "supplies")
    assert bound.proven
    assert bound.spec.measure.amount(bound.max.hi or 0).value == Fraction(90208)
    assert str(bound.spec.measure.amount(bound.max.hi or 0)) == "90,208 t"


@pytest.mark.parametrize("count", [10, 100])  # explicit flights, and load boxes
def test_bulk_fills_exactly_the_payload_units_leave(count: int) -> None:
    # count flights of 10 t; a pallet is 3 t, so at most 3 a flight. With 25 pallets per
    # 10 flights (75 t) the coal has 100 t - 75 t = 25 t left, per 10 flights.
    n = count // 10
    claims = [
        {"id": "pallets", "total": "pallet", "at_least": 25 * n},
        {"id": "coal-fits", "total": "coal", "at_least": f"{25 * n} t"},
        {"id": "coal-over", "total": "coal", "at_least": f"{25 * n}.001 t"},
    ]
    assumptions = [{"id": "pallets-flown", "total": "pallet", "at_least": 25 * n}]
    d = _scenario(count, claims, assumptions=assumptions)
    assert _verdicts(d) == {
        "pallets": Verdict.IMPLIED,
        "coal-fits": Verdict.CONSISTENT,
        "coal-over": Verdict.INCONSISTENT,
    }


@pytest.mark.parametrize("count", [10, 100])
def test_mass_of_units_and_bulk_together(count: int) -> None:
    # Everything a flight carries weighs at most 10 t, whatever the mix.
    claims = [
        {"id": "all", "total": "cargo", "at_least": f"{10 * count} t"},
        {"id": "over", "total": "cargo", "at_least": f"{10 * count}.5 t"},
        {"id": "pallet-mass", "total": "pallet", "at_least": f"{9 * count} t"},
        {"id": "pallet-too-heavy", "total": "pallet", "at_least": f"{9 * count + 1} t"},
    ]
    d = _scenario(count, claims)
    d["cargo"]["pallet"]["kind"] = "cargo"
    d["cargo"]["coal"]["kind"] = "cargo"
    assert _verdicts(d) == {
        "all": Verdict.CONSISTENT,
        "over": Verdict.INCONSISTENT,
        "pallet-mass": Verdict.CONSISTENT,  # 3 pallets of 3 t a flight
        "pallet-too-heavy": Verdict.INCONSISTENT,
    }


@pytest.mark.parametrize("count", [10, 100])
def test_a_per_flight_mass_claim_is_broken_by_some_flight(count: int) -> None:
    # One flight can carry 10 t of coal, so "at most 9 t a flight" is not implied; with
    # every flight carrying 3 pallets (9 t) it can hold, so it is consistent.
    claims = [{"id": "each", "total": "coal", "per_flight": True, "at_most": "9 t"}]
    assert _verdicts(_scenario(count, claims)) == {"each": Verdict.CONSISTENT}


def test_allocations_carry_bulk_as_exact_kg() -> None:
    d = _scenario(2, [{"id": "coal", "total": "coal", "at_least": "19.5 t"}])
    claim = analyze(scenario_from_dict(d), OPTIONS).claims[0]
    assert claim.holds is not None
    carried = sum(row.count * kg for row in claim.holds.rows for _, kg in row.bulk)
    assert carried >= Fraction(19_500)
    for row in claim.holds.rows:
        assert sum(kg for _, kg in row.bulk) + 3000 * row.load_dict().get("pallet", 0) <= 10_000


def _ranged(payload: str, claims: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "title": "ranged",
        "airfields": {"A": {}, "B": {}},
        "aircraft": {"Il-76": {"payload": payload}},
        "cargo": {"canister": {"kind": "missile", "mass": {"min": "4 t", "max": "4.4 t"}}},
        "flights": [{"id": "f", "aircraft": "Il-76", "count": 1, "from": "A", "to": "B"}],
        "claims": claims,
        **extra,
    }


def test_a_ranged_unit_mass_claim_true_at_the_most_mass_is_possible() -> None:
    # 44 t of canisters with at most 10 of them: true at 4.4 t a canister (10 x 4.4 t),
    # false at 4 t (11 would be needed): found with the mass pinned at its most.
    d = _ranged(
        "44 t",
        [{"id": "c44", "total": "missile", "at_least": "44 t"}],
        assumptions=[{"id": "ten", "total": "missile", "at_most": 10}],
    )
    claim = analyze(scenario_from_dict(d), OPTIONS).claims[0]
    assert claim.verdict is Verdict.CONSISTENT
    assert claim.holds is not None


def test_a_ranged_unit_mass_never_makes_a_true_mass_claim_impossible() -> None:
    # 42 t of canisters with at most 10 of them on one 42 t flight: true only at 4.2 t a
    # canister (10 x 4.2 t), inside the range; at 4 t ten make 40 t, at 4.4 t nine fit
    # (39.6 t). Neither end shows it and the relaxation cannot refute it (10 x 4.4 t): the
    # honest answer is unknown, with its reason, never inconsistent.
    d = _ranged(
        "42 t",
        [{"id": "c42", "total": "missile", "at_least": "42 t"}],
        assumptions=[{"id": "ten", "total": "missile", "at_most": 10}],
    )
    claim = analyze(scenario_from_dict(d), OPTIONS).claims[0]
    assert claim.verdict is Verdict.UNKNOWN
    assert "range" in claim.reason


def test_a_ranged_unit_mass_claim_true_at_the_least_mass_is_possible() -> None:
    # 10 canisters of 4 t fit 40 t: 40 t of them is possible (and 4 t each is in range).
    d = _ranged("40 t", [{"id": "c40", "total": "missile", "at_least": "40 t"}])
    analysis = analyze(scenario_from_dict(d), OPTIONS)
    assert analysis.claims[0].verdict is Verdict.CONSISTENT
    assert Cutoff.RANGED_MASS.value == "ranged mass"


def test_a_mass_claim_past_every_unit_mass_is_impossible() -> None:
    # 9 flights of 40 t: at most 10 canisters of 4 t a flight, and even weighed at their
    # most (4.4 t) 90 canisters make 396 t < 400 t. The relaxation proves it impossible.
    d = _ranged("40 t", [{"id": "c400", "total": "missile", "at_least": "400 t"}])
    d["flights"][0]["count"] = 9
    assert analyze(scenario_from_dict(d), OPTIONS).claims[0].verdict is Verdict.INCONSISTENT


def test_the_mass_bound_of_ranged_units_is_a_certified_interval() -> None:
    # True maximum: 9 flights x floor(40 t / m) x m over m in [4 t, 4.4 t] is 360 t (at
    # 4 t). The model shows [360 t, 396 t]: attained at the least mass, and the relaxation.
    d = _ranged("40 t", [], estimate=[{"total": "missile", "unit": "t"}])
    d["flights"][0]["count"] = 9
    bound = analyze(scenario_from_dict(d), OPTIONS).bounds[0]
    m = bound.spec.measure
    assert not bound.max.proven
    assert bound.max.cutoff is Cutoff.RANGED_MASS
    assert (m.value(bound.max.lo or 0), m.value(bound.max.hi or 0)) == (360, 396)
    assert bound.max.witness is not None


def test_the_python_api_hands_out_amounts_with_their_unit() -> None:
    d = _scenario(2, [], estimate=[{"total": "supplies"}, {"total": "kit"}])
    analysis = analyze(scenario_from_dict(d), OPTIONS)
    coal, pallets = analysis.bounds
    assert coal.amounts == (Amount(Fraction(0), "t"), Amount(Fraction(20), "t"))
    assert pallets.amounts == (Amount(Fraction(0), "units"), Amount(Fraction(6), "units"))
    assert str(coal.amounts[1]) == "20 t"
    witness = coal.max.witness
    assert witness is not None
    carried = [row.amounts() for row in witness.rows]
    assert all(a["coal"] == Amount(Fraction(10_000), "kg") for a in carried)


@pytest.mark.parametrize("count", [10, 100])
def test_a_per_flight_cap_on_bulk_beside_units_is_decided_per_flight(count: int) -> None:
    # Each flight carries at most 5 t of coal and at most 10 t in all; 25 pallets per 10
    # flights must fly. A flight with p pallets takes min(5 t, 10 t - 3p t) of coal: 5, 5,
    # 4, 1 t for p = 0..3. The most coal: half the flights with 3 pallets and half with 2
    # (any flight with 1 pallet costs 2 t more), 2.5 x 1 t + 2.5 x 4 t = 12.5 t per 5 flights.
    # This is not the aggregate min(5 t x flights, payload left): it needs each flight's load
    # (once unknown on groups of more than 64 flights).
    n = count // 10
    d = _scenario(
        count,
        [
            {"id": "most", "total": "coal", "at_least": f"{25 * n} t"},
            {"id": "over", "total": "coal", "at_least": f"{25 * n}.001 t"},
        ],
        assumptions=[
            {"id": "cap", "total": "coal", "per_flight": True, "at_most": "5 t"},
            {"id": "pallets", "total": "pallet", "at_least": 25 * n},
        ],
    )
    assert _verdicts(d) == {"most": Verdict.CONSISTENT, "over": Verdict.INCONSISTENT}
