"""The mass oracle itself, on cases small enough to work out by hand.

Every expected value is derived in the comments from the scenario's numbers,
not read off the oracle. The last tests cross-check the oracle's shortcuts
(pooled bulk, blocks of alike flights, signatures) against the literal
allocation-by-allocation enumeration with one bulk variable per flight, on
random scenarios.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from tests.oracle import exact_lp
from tests.oracle.mass_check import (
    brute_force_literal,
    check_allocation,
    claim_fails_in,
    total_range_in,
)
from tests.oracle.mass_oracle import mass_oracle
from tests.oracle.mass_reading import TooBig, estimate_specs, parse_bound, parse_mass
from tests.oracle.mass_scenarios import random_mass_scenario, write_mass

F = Fraction


def scenario(
    flights: list[dict[str, Any]],
    cargo: dict[str, Any],
    *,
    payload: Any = "10 t",
    claims: list[dict[str, Any]] | None = None,
    assumptions: list[dict[str, Any]] | None = None,
    estimate: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    d: dict[str, Any] = {
        "title": "hand-worked",
        "airfields": {"O": {}, "X": {}, "Y": {}},
        "aircraft": {"A": {"payload": payload}},
        "cargo": cargo,
        "flights": flights,
        "assumptions": assumptions or [],
        "claims": claims or [],
    }
    if estimate is not None:
        d["estimate"] = estimate
    return d


def group(count: Any, to: Any = "X", gid: str = "g", **extra: Any) -> dict[str, Any]:
    return {"id": gid, "aircraft": "A", "count": count, "from": "O", "to": to, **extra}


def verdicts(d: dict[str, Any]) -> list[str]:
    return [c.verdict for c in mass_oracle(d).claims]


# --------------------------------------------------------------------------- exact LP


def test_lp_optimum_at_a_fractional_vertex() -> None:
    # max x + y with x + 2y <= 4, 3x + y <= 6: the vertex (8/5, 6/5), value 14/5.
    r = exact_lp.solve(2, [({0: F(1), 1: F(2)}, "<=", F(4)), ({0: F(3), 1: F(1)}, "<=", F(6))],
                       {0: F(1), 1: F(1)}, maximize=True)  # fmt: skip
    assert (r.value, r.x) == (F(14, 5), (F(8, 5), F(6, 5)))


def test_lp_infeasible_and_equalities() -> None:
    assert not exact_lp.solve(2, [({0: F(1), 1: F(1)}, ">=", F(5)), ({0: F(1)}, "<=", F(2)),
                                  ({1: F(1)}, "<=", F(2))]).feasible  # fmt: skip
    # min x - y with x + y = 3, x >= 1: x = 1, y = 2.
    r = exact_lp.solve(2, [({0: F(1), 1: F(1)}, "==", F(3)), ({0: F(1)}, ">=", F(1))],
                       {0: F(1), 1: F(-1)})  # fmt: skip
    assert r.value == -1
    # A constant row that fails: 0 >= 1.
    assert not exact_lp.solve(1, [({}, ">=", F(1))]).feasible


def test_polytope_reused_for_several_objectives() -> None:
    # 1 <= x + y <= 3, x <= 2: x + y spans [1, 3], x - y spans [-3, 2].
    poly = exact_lp.Polytope(
        2, [({0: F(1), 1: F(1)}, ">=", F(1)), ({0: F(1), 1: F(1)}, "<=", F(3)),
            ({0: F(1)}, "<=", F(2))]
    )  # fmt: skip
    s = {0: F(1), 1: F(1)}
    d = {0: F(1), 1: F(-1)}
    assert poly.optimise(s).value == 1 and poly.optimise(s, maximize=True).value == 3
    assert poly.optimise(d).value == -3 and poly.optimise(d, maximize=True).value == 2


# --------------------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("text", "kg"),
    [
        ("1,000 t", F(1_000_000)),
        ("12.5 kg", F(25, 2)),
        ("1 lb", F(45359237, 10**8)),
        ("2 short_ton", F(2 * 90718474, 10**5)),
        ("1 long_ton", F(10160469088, 10**7)),
        ("106,000 lb", 106000 * F(45359237, 10**8)),
    ],
)
def test_parse_mass(text: str, kg: Fraction) -> None:
    assert parse_mass(text) == kg


def test_parse_bound_count_or_mass() -> None:
    assert parse_bound(84) == (F(84), False)
    assert parse_bound("1,398") == (F(1398), False)
    assert parse_bound("1,000 t") == (F(1_000_000), True)
    with pytest.raises(ValueError):
        parse_mass("3 tons")


def test_write_mass_is_exact_or_refuses() -> None:
    assert write_mass(F(12500), "t") == "12.5 t"
    assert write_mass(F(45359237, 10**8), "lb") == "1 lb"
    assert write_mass(F(10000, 3), "t") is None  # 3.333... t never ends


def test_estimate_rows_in_mass() -> None:
    cargo = {"m": {"kind": "arms", "mass": "2 t"}, "coal": {"kind": "supplies", "bulk": True}}
    d = scenario([group(1, ["X", "Y"])], cargo)
    # Defaults: arms counts (units), supplies has bulk so it is a mass; flights count.
    assert estimate_specs(d) == [
        ("arms", (), False, ()),
        ("arms", (("to", ("X",)),), False, ()),
        ("arms", (("to", ("Y",)),), False, ()),
        ("supplies", (), True, ()),
        ("supplies", (("to", ("X",)),), True, ()),
        ("supplies", (("to", ("Y",)),), True, ()),
        ("flights", (), False, ()),
        ("flights", (("to", ("X",)),), False, ()),
        ("flights", (("to", ("Y",)),), False, ()),
    ]
    d["estimate"] = [{"total": "m", "unit": "t"}, {"total": "m"}]
    assert estimate_specs(d) == [("m", (), True, ()), ("m", (), False, ())]
    d["estimate"] = [{"total": "m", "given": "c"}, {"total": "m", "given": ["c", "d"], "by": "to"}]
    assert estimate_specs(d) == [
        ("m", (), False, ("c",)),
        ("m", (("to", ("X",)),), False, ("c", "d")),
        ("m", (("to", ("Y",)),), False, ("c", "d")),
    ]


# --------------------------------------------------------------------------- bulk


def test_tonnage_is_not_counted_in_whole_tonnes() -> None:
    # Issue #8: 800 flights x 112.76 t = 90,208 t of bulk, so 90,000 t is possible and
    # 91,000 t is not.
    claims = [
        {"id": "c90k", "total": "supplies", "at_least": "90,000 t"},
        {"id": "c91k", "total": "supplies", "at_least": "91,000 t"},
    ]
    coal = {"materiel": {"kind": "supplies", "bulk": True}}
    bulk = scenario([group(800)], coal, payload="112.76 t", claims=claims,
                    estimate=[{"total": "supplies"}])  # fmt: skip
    r = mass_oracle(bulk)
    assert [c.verdict for c in r.claims] == ["consistent", "inconsistent"]
    assert (r.bounds[0].min, r.bounds[0].max) == (0, F(90_208_000))
    # Counting whole 1 t units is short: 3 flights carry 3 x 112 = 336 units, not the
    # 338.28 t of bulk.
    tonne = {"tonne": {"kind": "supplies", "mass": "1 t"}}
    tonnes = scenario([group(3)], tonne, payload="112.76 t",
                      estimate=[{"total": "supplies", "unit": "t"}])  # fmt: skip
    assert mass_oracle(tonnes).bounds[0].max == 336_000
    three = scenario([group(3)], coal, payload="112.76 t", estimate=[{"total": "supplies"}])
    assert mass_oracle(three).bounds[0].max == 338_280


def test_bulk_takes_the_room_the_units_leave() -> None:
    # 2 flights of 10 t; each must carry one 4 t crate (per flight at least 1), so at
    # most 2 x 6 = 12 t of coal. Supplies (crates and coal) total at most 20 t.
    cargo = {
        "crate": {"kind": "supplies", "mass": "4 t"},
        "coal": {"kind": "supplies", "bulk": True},
    }
    d = scenario(
        [group(2)],
        cargo,
        assumptions=[{"id": "one", "total": "crate", "per_flight": True, "at_least": 1}],
        claims=[
            {"id": "coal12", "total": "coal", "at_least": "12 t"},  # 6 t beside each crate
            {"id": "coal12.5", "total": "coal", "at_least": "12,500 kg"},
            {"id": "all20", "total": "supplies", "equals": "20 t"},  # 1 crate + 6 t each
            {"id": "min8", "total": "supplies", "at_least": "8 t"},  # 2 crates at least
        ],
        estimate=[{"total": "coal"}, {"total": "supplies"}, {"total": "crate", "unit": "t"}],
    )
    r = mass_oracle(d)
    assert [c.verdict for c in r.claims] == ["consistent", "inconsistent", "consistent", "implied"]
    assert [(b.min, b.max) for b in r.bounds] == [(0, 12000), (8000, 20000), (8000, 16000)]


def test_per_flight_mass_with_bulk_on_alike_flights() -> None:
    # 3 alike flights of 10 t, coal only; each flight carries at least 3 t (assumption).
    # "each flight at most 5 t" may hold (3..5 t each) and may fail (10 t each); "each at
    # most 2 t" cannot hold; in all 9 t to 30 t, so 9-15 t is consistent, 31 t impossible.
    cargo = {"coal": {"kind": "supplies", "bulk": True}}
    d = scenario(
        [group(3)],
        cargo,
        assumptions=[{"id": "a3", "total": "coal", "per_flight": True, "at_least": "3 t"}],
        claims=[
            {"id": "pf5", "total": "coal", "per_flight": True, "at_most": "5 t"},
            {"id": "pf2", "total": "coal", "per_flight": True, "at_most": "2 t"},  # < 3 t
            {"id": "sum", "total": "coal", "between": ["9 t", "15 t"]},
            {"id": "sum31", "total": "coal", "at_least": "31 t"},  # over 3 x 10 t
        ],
        estimate=[{"total": "coal"}],
    )
    r = mass_oracle(d)
    assert [c.verdict for c in r.claims] == [
        "consistent",
        "inconsistent",
        "consistent",
        "inconsistent",
    ]
    assert (r.bounds[0].min, r.bounds[0].max) == (9000, 30000)
    # Together: each at most 5 t and in all 9-15 t is possible (e.g. 3 x 4 t), but with
    # "at least 31 t" the claims cannot all hold.
    assert not r.all_claims_feasible
    d["claims"] = d["claims"][:1] + d["claims"][2:3]
    assert mass_oracle(d).all_claims_feasible


def test_per_flight_claim_fails_on_one_flight_only() -> None:
    # 2 alike flights of 10 t; coal in all exactly 10 t. "each flight at least 5 t" holds
    # (5 + 5) and fails (4 + 6): consistent. With "in all 20 t" it is implied (10 + 10).
    cargo = {"coal": {"kind": "supplies", "bulk": True}}
    claims = [{"id": "each5", "total": "coal", "per_flight": True, "at_least": "5 t"}]
    d = scenario([group(2)], cargo, claims=claims,
                 assumptions=[{"id": "sum", "total": "coal", "equals": "10 t"}])  # fmt: skip
    assert verdicts(d) == ["consistent"]
    d["assumptions"][0]["equals"] = "20 t"
    assert verdicts(d) == ["implied"]


def test_bulk_split_between_destinations() -> None:
    # 1 flight to X or Y (10 t) and 1 flight to X (10 t): coal to X is 0..20 t, to Y 0..10 t;
    # "to X at least 15 t and to Y at least 1 t" cannot hold together (Y's flight is the
    # only one that may land at Y, then X has 10 t).
    cargo = {"coal": {"kind": "supplies", "bulk": True}}
    d = scenario(
        [group(1, ["X", "Y"], "g1"), group(1, "X", "g2")],
        cargo,
        claims=[
            {"id": "x15", "total": "coal", "to": "X", "at_least": "15 t"},
            {"id": "y1", "total": "coal", "to": "Y", "at_least": "1 t"},
        ],
        estimate=[{"total": "coal", "by": "to"}],
    )
    r = mass_oracle(d)
    assert [c.verdict for c in r.claims] == ["consistent", "consistent"]
    assert not r.all_claims_feasible
    assert [(b.min, b.max) for b in r.bounds] == [(0, 20000), (0, 10000)]


# --------------------------------------------------------------------------- ranged mass


def test_ranged_unit_mass_is_not_monotone() -> None:
    # One 10 t flight; canisters of one unknown mass m in [2.6 t, 3.4 t]. At the light end
    # 3 fit (7.8 t; 4 x 2.6 = 10.4 > 10), at the heavy end 2 (6.8 t). The greatest mass is
    # 3 x 10/3 t = 10 t (m = 3.333... t, an end of neither): so "at least 10 t" is
    # possible, "at least 10.001 t" is not, and "3 canisters weighing at most 7.7 t" is not
    # (3 x 2.6 = 7.8).
    cargo = {"can": {"kind": "arms", "mass": {"min": "2.6 t", "max": "3.4 t"}}}
    d = scenario(
        [group(1)],
        cargo,
        claims=[
            {"id": "ten", "total": "can", "at_least": "10 t"},
            {"id": "over", "total": "can", "at_least": "10,001 kg"},
            {"id": "three", "total": "can", "equals": 3},
            {"id": "light", "total": "can", "between": ["7.5 t", "7.7 t"]},
        ],
        estimate=[{"total": "can", "unit": "t"}, {"total": "can"}],
    )
    r = mass_oracle(d)
    assert r.variables == ("can",)
    assert [c.verdict for c in r.claims] == [
        "consistent",
        "inconsistent",
        "consistent",
        "inconsistent",
    ]
    assert [(b.min, b.max) for b in r.bounds] == [(0, 10000), (0, 3)]


def test_ranged_mass_ties_count_and_mass_claims() -> None:
    # Same canisters, with the assumption "the canisters weighed at least 9.5 t": then 3
    # canisters (m >= 3.1667 t) is the only count, so "3 canisters" is implied, and the
    # mass m * 3 spans [9.5 t, 10 t].
    cargo = {"can": {"kind": "arms", "mass": {"min": "2.6 t", "max": "3.4 t"}}}
    d = scenario(
        [group(1)],
        cargo,
        assumptions=[{"id": "heavy", "total": "arms", "at_least": "9.5 t"}],
        claims=[{"id": "three", "total": "can", "equals": 3}],
        estimate=[{"total": "can", "unit": "t"}],
    )
    r = mass_oracle(d)
    assert [c.verdict for c in r.claims] == ["implied"]
    assert (r.bounds[0].min, r.bounds[0].max) == (9500, 10000)


def test_ranged_mass_shared_by_every_unit_and_flight() -> None:
    # Two 10 t flights, the canister's one mass m in [2 t, 4 t]; per flight "at least 3
    # canisters" forces m <= 10/3 t on both; then canister mass in all is at most
    # 2 x 10 t = 20 t (m = 10/3 t, 3 each) or, with 4 each, 2 x 4 x 2.5 t = 20 t too;
    # at least 2 x 3 x 2 t = 12 t.
    cargo = {"can": {"kind": "arms", "mass": {"min": "2 t", "max": "4 t"}}}
    d = scenario(
        [group(2)],
        cargo,
        assumptions=[{"id": "each3", "total": "can", "per_flight": True, "at_least": 3}],
        claims=[
            {"id": "pf-heavy", "total": "can", "per_flight": True, "at_least": "10 t"},
            {"id": "pf-odd", "total": "can", "per_flight": True, "equals": "7 t"},  # 3 x 2.33
        ],
        estimate=[{"total": "can", "unit": "t"}],
    )
    r = mass_oracle(d)
    assert [c.verdict for c in r.claims] == ["consistent", "consistent"]
    assert (r.bounds[0].min, r.bounds[0].max) == (12000, 20000)


def test_payload_in_pounds_is_exact() -> None:
    # 22,046 lb = 9,999.8... kg: coal up to exactly 22,046 lb, not a gram more.
    cargo = {"coal": {"kind": "supplies", "bulk": True}}
    d = scenario(
        [group(1)],
        cargo,
        payload="22,046 lb",
        claims=[
            {"id": "lb", "total": "coal", "at_least": "22,046 lb"},
            {"id": "t", "total": "coal", "at_least": "10 t"},
        ],
        estimate=[{"total": "coal"}],
    )
    r = mass_oracle(d)
    assert [c.verdict for c in r.claims] == ["consistent", "inconsistent"]
    assert r.bounds[0].max == 22046 * F(45359237, 10**8)


def test_per_flight_count_claim_read_from_each_allocation() -> None:
    # Found against the engine: signatures that share their continuous part (here all of
    # them: no mass total at all) must still be judged by their own per-flight flags.
    # 2 flights of 4 t to X or Y, missiles of 2 t; "no flight to Y carries a missile"
    # holds (both to X) and fails (one to Y with a missile): consistent, never implied.
    d = scenario(
        [group(2, ["X", "Y"])],
        {"m": {"kind": "arms", "mass": "2 t"}},
        payload="4 t",
        claims=[
            {"id": "none-to-y", "total": "m", "to": "Y", "per_flight": True, "equals": 0},
            {"id": "each-two", "total": "m", "per_flight": True, "equals": 2},
        ],
    )
    r = mass_oracle(d)
    assert [c.verdict for c in r.claims] == ["consistent", "consistent"]
    assert r.all_claims_feasible  # both at once: 2 missiles each, both flights to X


def test_conditional_rows() -> None:
    # One 10 t flight to X or Y; canisters of 2.6-3.4 t and coal. Given "at least 9 t of
    # canisters" (3 canisters at m >= 3 t), coal is at most 10 - 9 = 1 t and the flight
    # carries exactly 3 canisters; given "to Y" the coal to X is 0. Given two claims that
    # cannot hold together, the row has no bound.
    d = scenario(
        [group(1, ["X", "Y"])],
        {
            "can": {"kind": "arms", "mass": {"min": "2.6 t", "max": "3.4 t"}},
            "coal": {"kind": "supplies", "bulk": True},
        },
        claims=[
            {"id": "heavy", "total": "can", "at_least": "9 t"},
            {"id": "to-y", "total": "flights", "to": "Y", "equals": 1},
            {"id": "none", "total": "can", "equals": 0},
        ],
        estimate=[
            {"total": "coal"},
            {"total": "coal", "given": "heavy"},
            {"total": "can", "given": ["heavy"]},
            {"total": "coal", "to": "X", "given": "to-y"},
            {"total": "coal", "given": ["heavy", "none"]},
        ],
    )
    r = mass_oracle(d)
    assert [(b.min, b.max) for b in r.bounds] == [
        (0, 10000),
        (0, 1000),
        (3, 3),
        (0, 0),
        (None, None),
    ]


# --------------------------------------------------------------------------- one allocation


def test_check_allocation_with_bulk_and_a_ranged_mass() -> None:
    cargo = {
        "can": {"kind": "arms", "mass": {"min": "2.6 t", "max": "3.4 t"}},
        "coal": {"kind": "supplies", "bulk": True},
    }
    d = scenario(
        [group(1)],
        cargo,
        claims=[{"id": "ten", "total": "arms", "at_least": "10 t"}],
        estimate=[{"total": "arms", "unit": "t"}],
    )
    three = [("g", "X", 1, {"can": 3}, {})]
    assert check_allocation(d, three, claims=["ten"]) == []  # m = 10/3 t
    assert claim_fails_in(d, three, "ten")  # m = 2.6 t
    assert total_range_in(d, three, ("arms", (), True, ())) == (7800, 10000)
    with_coal = [("g", "X", 1, {"can": 3}, {"coal": F(2201)})]  # 7.8 t + 2.201 t > 10 t
    assert check_allocation(d, with_coal) != []
    with_coal = [("g", "X", 1, {"can": 3}, {"coal": F(2200)})]  # fits only at m = 2.6 t
    assert check_allocation(d, with_coal) == []
    assert check_allocation(d, with_coal, claims=["ten"]) != []
    assert check_allocation(d, [("g", "X", 2, {}, {})]) != []  # 2 flights, 1 observed


# --------------------------------------------------------------------------- literal


def _same(seed: int, **kw: Any) -> None:
    d = random_mass_scenario(seed, **kw)
    fast = mass_oracle(d)
    try:
        slow = brute_force_literal(d, cap=300)
    except TooBig:
        pytest.skip("too many allocations for the literal enumeration")
    assert (fast.base_feasible, fast.all_claims_feasible) == (
        slow.base_feasible,
        slow.all_claims_feasible,
    )
    assert fast.claims == slow.claims
    assert fast.bounds == slow.bounds


@pytest.mark.parametrize("seed", range(100))
def test_shortcuts_match_the_literal_enumeration(seed: int) -> None:
    _same(seed)


@pytest.mark.parametrize("seed", range(1000, 1030))
def test_shortcuts_match_the_literal_enumeration_two_ranged(seed: int) -> None:
    _same(seed, two_ranged=True)
