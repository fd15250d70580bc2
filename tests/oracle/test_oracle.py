"""The oracle itself, tested on cases small enough to work out by hand.

Every expected value below is derived in the comments from the scenario's
numbers, not read off the oracle. The last tests cross-check the signature
shortcut of :func:`brute_force` against the allocation-by-allocation
:func:`brute_force_literal` on random scenarios.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from tests.oracle.brute_force import (
    Row,
    TooBig,
    brute_force,
    brute_force_literal,
    check_allocation,
    estimate_specs,
    parse_amount,
    parse_mass,
    statement_holds,
    total_of,
)
from tests.oracle.random_scenarios import random_scenario


def scenario(
    flights: list[dict[str, Any]],
    *,
    payload: Any = "10 t",
    cargo: dict[str, Any] | None = None,
    limits: dict[str, Any] | None = None,
    assumptions: list[dict[str, Any]] | None = None,
    claims: list[dict[str, Any]] | None = None,
    estimate: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A scenario dict with one aircraft type ``A`` unless the flights name others."""
    aircraft: dict[str, Any] = {"A": {"payload": payload}}
    if limits:
        aircraft["A"]["limits"] = limits
    d: dict[str, Any] = {
        "title": "hand-worked",
        "airfields": {n: {} for n in ("O", "O2", "X", "Y", "Z")},
        "aircraft": aircraft,
        "cargo": cargo or {"m": {"kind": "missile", "mass": "3 t"}},
        "flights": flights,
        "assumptions": assumptions or [],
        "claims": claims or [],
    }
    if estimate is not None:
        d["estimate"] = estimate
    return d


def group(gid: str = "g", count: Any = 1, to: Any = "X", **extra: Any) -> dict[str, Any]:
    return {"id": gid, "aircraft": "A", "count": count, "from": "O", "to": to, **extra}


def verdicts(d: dict[str, Any]) -> dict[str, str]:
    return {c.id: c.verdict for c in brute_force(d).claims}


def bounds(d: dict[str, Any]) -> list[tuple[str, tuple[Any, ...], int | None, int | None]]:
    return [(b.spec[0], b.spec[1], b.min, b.max) for b in brute_force(d).bounds]


# --------------------------------------------------------------------------- units


def test_mass_parser_reads_kg_and_t_exactly() -> None:
    assert parse_mass("4.5 t") == 4500
    assert parse_mass("1,500 kg") == 1500
    assert parse_mass(" 0.25 t ") == 250
    assert parse_mass("2.3 t") == Fraction(2300)
    assert parse_amount(12) == 12
    assert parse_amount("2 t") == 2000
    for bad in ("4 ton", "4", 4, "4 lb", "1,50 kg"):
        with pytest.raises(ValueError):
            parse_mass(bad)


# --------------------------------------------------------------------------- payload


def test_one_flight_of_ten_tonnes_takes_at_most_three_of_three_tonnes() -> None:
    # 10 t / 3 t = 3.33, so one flight carries 0..3 missiles; it may fly empty.
    d = scenario(
        [group()],
        claims=[
            {"id": "three", "total": "missile", "at_least": 3},  # the full flight: possible
            {"id": "four", "total": "missile", "at_least": 4},  # 12 t > 10 t: impossible
            {"id": "cap", "total": "m", "at_most": 3},  # every allocation: implied
            {"id": "two", "total": "missile", "equals": 2},  # possible, not forced
        ],
    )
    assert verdicts(d) == {
        "three": "consistent",
        "four": "inconsistent",
        "cap": "implied",
        "two": "consistent",
    }
    r = brute_force(d)
    assert r.base_feasible and not r.all_claims_feasible  # "four" can never hold
    # Default rows: missile in total, missile by destination (only X), flights, flights by X.
    assert bounds(d) == [
        ("missile", (), 0, 3),
        ("missile", (("to", ("X",)),), 0, 3),
        ("flights", (), 1, 1),
        ("flights", (("to", ("X",)),), 1, 1),
    ]
    # Destinations x loads: 1 x {0,1,2,3} = 4 allocations.
    assert r.allocations == 4


def test_ranges_are_decided_at_the_most_permissive_values() -> None:
    # Largest payload 10 t, smallest mass 2.5 t -> 4 per flight, not 8 t / 4 t = 2.
    d = scenario(
        [group()],
        payload={"min": "8 t", "max": "10 t"},
        cargo={"m": {"kind": "missile", "mass": {"min": "2.5 t", "max": "4 t"}}},
        claims=[
            {"id": "four", "total": "missile", "at_least": 4},
            {"id": "five", "total": "missile", "at_least": 5},
        ],
    )
    assert verdicts(d) == {"four": "consistent", "five": "inconsistent"}
    # A slot limit of {2..3} and uses {1..2}: at most 3 / 1 = 3 per flight.
    d2 = scenario(
        [group()],
        payload={"min": "8 t", "max": "10 t"},
        limits={"slots": {"min": 2, "max": 3}},
        cargo={
            "m": {
                "kind": "missile",
                "mass": {"min": "2.5 t", "max": "4 t"},
                "uses": {"slots": {"min": 1, "max": 2}},
            }
        },
        claims=[
            {"id": "three", "total": "missile", "at_least": 3},
            {"id": "four", "total": "missile", "at_least": 4},
        ],
    )
    assert verdicts(d2) == {"three": "consistent", "four": "inconsistent"}


def test_limits_bind_only_cargo_that_uses_them() -> None:
    # 20 t payload and 3 slots. "a" (1 t, 1 slot): at most 3. "b" (1 t, no slots): up to 20.
    # "p" uses 5 "pallets", a limit this aircraft does not have, so only its mass counts.
    cargo = {
        "a": {"kind": "k", "mass": "1 t", "uses": {"slots": 1}},
        "b": {"kind": "k", "mass": "1 t"},
        "p": {"kind": "j", "mass": "10 t", "uses": {"pallets": 5}},
    }
    d = scenario(
        [group()],
        payload="20 t",
        limits={"slots": 3},
        cargo=cargo,
        estimate=[{"total": "a"}, {"total": "b"}, {"total": "k"}, {"total": "p"}],
    )
    # k = a + b <= 20 by mass (3 a and 17 b, or 20 b); p: 20 t / 10 t = 2.
    assert [(b.spec[0], b.min, b.max) for b in brute_force(d).bounds] == [
        ("a", 0, 3),
        ("b", 0, 20),
        ("k", 0, 20),
        ("p", 0, 2),
    ]


# --------------------------------------------------------------------------- statements


def test_per_flight_at_least_with_a_destination_filter() -> None:
    # Two flights, each to X or Y, payload 4 t, missiles 2 t: 0..2 per flight.
    # Assumption: each flight to X carries at least 2 (so exactly 2).
    each = {"id": "x-full", "total": "missile", "to": "X", "per_flight": True, "at_least": 2}
    d = scenario(
        [group(count=2, to=["X", "Y"])],
        payload="4 t",
        cargo={"m": {"kind": "missile", "mass": "2 t"}},
        assumptions=[each],
        claims=[
            # missiles to X are 2 per flight there: 0, 2 or 4, never 1
            {"id": "one-to-x", "total": "missile", "to": "X", "equals": 1},
            {"id": "some-to-x", "total": "missile", "to": "X", "between": [1, 3]},
            # flights to Y are free: 0..2 each, so 1 to Y is possible
            {"id": "one-to-y", "total": "missile", "to": "Y", "equals": 1},
            # per-flight claim on Y: not forced (Y may get an empty flight)
            {"id": "y-loaded", "total": "missile", "to": "Y", "per_flight": True, "at_least": 1},
            # even X's flights: holds in every allocation by the assumption
            {"id": "x-even", "total": "missile", "to": "X", "per_flight": True, "between": [2, 2]},
        ],
    )
    assert verdicts(d) == {
        "one-to-x": "inconsistent",
        "some-to-x": "consistent",
        "one-to-y": "consistent",
        "y-loaded": "consistent",
        "x-even": "implied",
    }
    # missile in total: 0 (both to Y, empty) .. 4; to X: 0 (none there) .. 4; to Y: 0..4.
    assert bounds(d)[:3] == [
        ("missile", (), 0, 4),
        ("missile", (("to", ("X",)),), 0, 4),
        ("missile", (("to", ("Y",)),), 0, 4),
    ]
    # With at least one flight to X, at least 2 missiles go there and in total.
    d["assumptions"].append({"id": "x-visited", "total": "flights", "to": "X", "at_least": 1})
    d["claims"] = [
        {"id": "two", "total": "missile", "at_least": 2},
        {"id": "three-x", "total": "missile", "to": "X", "at_least": 3},
    ]
    assert verdicts(d) == {"two": "implied", "three-x": "consistent"}
    assert bounds(d)[:2] == [("missile", (), 2, 4), ("missile", (("to", ("X",)),), 2, 4)]


def test_per_flight_statements_are_vacuous_without_selected_flights() -> None:
    # No flight at all: "each flight carried at least 5" holds; "at least 1 flight" fails.
    d = scenario(
        [group(count=0)],
        claims=[
            {"id": "each-five", "total": "missile", "per_flight": True, "at_least": 5},
            {"id": "a-flight", "total": "flights", "at_least": 1},
            {"id": "none", "total": "missile", "equals": 0},
        ],
    )
    assert verdicts(d) == {"each-five": "implied", "a-flight": "inconsistent", "none": "implied"}
    # One flight (at most 3 missiles): "each flight at least 5" now selects it and fails.
    d["flights"] = [group(count=1)]
    assert verdicts(d)["each-five"] == "inconsistent"
    # ... unless the filter selects no flight (nothing flies from O2).
    d["claims"][0]["from"] = "O2"
    assert verdicts(d)["each-five"] == "implied"


def test_filters_by_origin_aircraft_and_group_and_carries() -> None:
    # g1: A (2 t) from O to X, carries only c1 (1 t): 0..2 of c1.
    # g2: B (3 t) from O2 to X, carries both: c1 + c2 <= 3.
    d = scenario(
        [
            group("g1", carries="c1"),
            {"id": "g2", "aircraft": "B", "count": 1, "from": "O2", "to": "X"},
        ],
        payload="2 t",
        cargo={"c1": {"kind": "k", "mass": "1 t"}, "c2": {"kind": "k", "mass": "1 t"}},
        claims=[
            {"id": "b-three", "total": "c1", "aircraft": "B", "at_least": 3},
            {"id": "both-five", "total": "c1", "from": ["O", "O2"], "at_least": 5},
            {"id": "both-six", "total": "c1", "from": ["O", "O2"], "at_least": 6},
            {"id": "g1-c2", "total": "c2", "flights": "g1", "at_most": 0},
            {"id": "g1-each", "total": "k", "flights": "g1", "per_flight": True, "at_most": 2},
            {"id": "c2-four", "total": "c2", "at_least": 4},
            # filters combine with "and": c1 from O2 on A selects nothing
            {"id": "and", "total": "c1", "from": "O2", "aircraft": "A", "equals": 0},
        ],
    )
    d["aircraft"]["B"] = {"payload": "3 t"}
    assert verdicts(d) == {
        "b-three": "consistent",
        "both-five": "consistent",
        "both-six": "inconsistent",
        "g1-c2": "implied",
        "g1-each": "implied",
        "c2-four": "inconsistent",
        "and": "implied",
    }


def test_claims_each_possible_but_not_together() -> None:
    # One flight to X or Y with up to 3 missiles: 3 to X, or at least 1 to Y, not both.
    d = scenario(
        [group(to=["X", "Y"])],
        claims=[
            {"id": "x3", "total": "missile", "to": "X", "at_least": 3},
            {"id": "y1", "total": "missile", "to": "Y", "at_least": 1},
        ],
    )
    r = brute_force(d)
    assert [c.verdict for c in r.claims] == ["consistent", "consistent"]
    assert r.base_feasible and not r.all_claims_feasible


def test_count_range_and_flight_totals() -> None:
    # 1 or 2 flights, each to X or Y.
    d = scenario(
        [group(count={"min": 1, "max": 2}, to=["X", "Y"])],
        claims=[
            {"id": "three", "total": "flights", "equals": 3},
            {"id": "y-two", "total": "flights", "to": "Y", "equals": 2},
            {"id": "one-or-two", "total": "flights", "between": [1, 2]},
        ],
    )
    assert verdicts(d) == {"three": "inconsistent", "y-two": "consistent", "one-or-two": "implied"}
    assert bounds(d)[3:] == [
        ("flights", (), 1, 2),
        ("flights", (("to", ("X",)),), 0, 2),
        ("flights", (("to", ("Y",)),), 0, 2),
    ]


def test_infeasible_base() -> None:
    # Two flights of 4 t with 3 t missiles carry at most 2; the assumption wants 3.
    d = scenario(
        [group(count=2)],
        payload="4 t",
        assumptions=[{"id": "three", "total": "missile", "at_least": 3}],
        claims=[{"id": "zero", "total": "missile", "at_least": 0}],
    )
    r = brute_force(d)
    assert not r.base_feasible and not r.all_claims_feasible
    assert [c.verdict for c in r.claims] == ["inconsistent"]  # even a trivial claim
    assert all(b.min is None and b.max is None for b in r.bounds)


def test_open_counts_are_refused() -> None:
    with pytest.raises(TooBig):
        brute_force(scenario([group(count={"min": 1})]))


# --------------------------------------------------------------------------- estimate rows


def test_estimate_by_to_follows_first_appearance_across_groups() -> None:
    d = scenario(
        [group("g1", to=["Y", "X"]), group("g2", to=["Z", "X"])],
        estimate=[
            {"total": "missile", "by": "to"},
            {"total": "flights", "aircraft": "A", "by": "to"},
            {"total": "m", "flights": ["g2"]},
        ],
    )
    assert estimate_specs(d) == [
        ("missile", (("to", ("Y",)),)),
        ("missile", (("to", ("X",)),)),
        ("missile", (("to", ("Z",)),)),
        ("flights", (("to", ("Y",)), ("aircraft", ("A",)))),
        ("flights", (("to", ("X",)), ("aircraft", ("A",)))),
        ("flights", (("to", ("Z",)), ("aircraft", ("A",)))),
        ("m", (("flights", ("g2",)),)),
    ]
    # g1 may take 3 to Y; g2 never goes to Y; flights to X: 0..2.
    assert [(b.min, b.max) for b in brute_force(d).bounds] == [
        (0, 3),
        (0, 6),
        (0, 3),
        (0, 1),
        (0, 2),
        (0, 1),
        (0, 3),
    ]


def test_default_estimate_rows_follow_kind_order_in_cargo() -> None:
    cargo = {
        "s": {"kind": "shell", "mass": "1 t"},
        "m": {"kind": "missile", "mass": "3 t"},
        "s2": {"kind": "shell", "mass": "2 t"},
    }
    d = scenario([group(to=["Y", "X"])], cargo=cargo)
    assert [(t, f) for t, f in estimate_specs(d)] == [
        ("shell", ()),
        ("shell", (("to", ("Y",)),)),
        ("shell", (("to", ("X",)),)),
        ("missile", ()),
        ("missile", (("to", ("Y",)),)),
        ("missile", (("to", ("X",)),)),
        ("flights", ()),
        ("flights", (("to", ("Y",)),)),
        ("flights", (("to", ("X",)),)),
    ]
    # 10 t: up to 10 shells (all of 1 t), or 3 missiles.
    assert [(b.min, b.max) for b in brute_force(d).bounds][:4] == [
        (0, 10),
        (0, 10),
        (0, 10),
        (0, 3),
    ]


# --------------------------------------------------------------------------- checker


def test_checker_accepts_valid_and_names_what_is_wrong() -> None:
    d = scenario(
        [group(count={"min": 1, "max": 2}, to=["X", "Y"], carries=["m"])],
        cargo={"m": {"kind": "missile", "mass": "3 t"}, "s": {"kind": "shell", "mass": "1 t"}},
        assumptions=[{"id": "loaded", "total": "missile", "per_flight": True, "at_least": 1}],
        claims=[{"id": "x4", "total": "missile", "to": "X", "at_least": 4}],
    )
    ok = [("g", "X", 1, {"m": 3}), ("g", "Y", 1, {"m": 1})]
    assert check_allocation(d, ok) == []
    assert check_allocation(d, ok, claims=["x4"]) == ["claim 'x4' fails"]
    assert check_allocation(d, [("g", "X", 2, {"m": 2})], claims=["x4"]) == []
    assert statement_holds(d, ok, "loaded") and not statement_holds(d, ok, "x4")
    assert total_of(d, ok, ("missile", (("to", ("Y",)),))) == 1
    assert total_of(d, ok, ("flights", ())) == 2
    bad: dict[str, list[Row]] = {
        "overloaded": [("g", "X", 1, {"m": 4})],
        "wrong destination": [("g", "Z", 1, {"m": 1})],
        "too many flights": [("g", "X", 3, {"m": 1})],
        "too few flights": [("g", "X", 0, {"m": 1})],
        "not carried": [("g", "X", 1, {"m": 1, "s": 1})],
        "empty flight breaks the assumption": [("g", "X", 1, {})],
        "no such group": [("g", "X", 1, {"m": 1}), ("h", "X", 1, {})],
        "negative": [("g", "X", 1, {"m": -1})],
    }
    for what, rows in bad.items():
        assert check_allocation(d, rows), what


# --------------------------------------------------------------------------- cross-checks


@pytest.mark.parametrize("first_seed", range(0, 200, 20))
def test_signature_shortcut_matches_literal_enumeration(first_seed: int) -> None:
    compared = 0
    for seed in range(first_seed, first_seed + 20):
        d = random_scenario(seed)
        fast = brute_force(d)
        if fast.allocations > 150:
            continue  # too many for the literal walk
        assert brute_force_literal(d) == fast, f"seed {seed}"
        compared += 1
    assert compared >= 5


def test_generator_is_deterministic_and_varied() -> None:
    assert random_scenario(7) == random_scenario(7)
    results = [brute_force(random_scenario(seed)) for seed in range(60)]
    seen = {c.verdict for r in results for c in r.claims}
    assert seen == {"inconsistent", "consistent", "implied"}
    assert any(not r.base_feasible for r in results)
    assert any(r.base_feasible and not r.all_claims_feasible for r in results)
    assert any(r.all_claims_feasible for r in results)
