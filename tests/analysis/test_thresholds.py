"""Thresholds: what one flight can carry, and what a claim needs, by hand and by brute force.

The random checks recompute every answer from the brute-force oracle's own reading of the
scenario (it shares no code with airlift): capacities by trying ever more units of one type,
the fewest flights by a plain reachability search over what one flight can carry, and the
flights seen and the most a claim's total can reach by the oracle's enumeration.
"""

from __future__ import annotations

import copy
from fractions import Fraction
from typing import Any

import pytest

from airlift.analysis.thresholds import claim_needs, flight_capacities
from airlift.model import SolveOptions
from airlift.result import FlightCapacity, StatementRef
from airlift.scenario import scenario_from_dict
from tests.oracle.brute_force import (
    _flight_value,
    _loads,
    _selected,
    _Statement,
    brute_force,
    read,
)
from tests.oracle.random_scenarios import random_scenario

OPTIONS = SolveOptions(time_limit=10, seed=0)


def _il76(**overrides: Any) -> dict[str, Any]:
    """Il-76 flights (40-48 t, 12 canister slots) carrying 2.3-3.3 t canisters, 18-22 flights."""
    doc: dict[str, Any] = {
        "title": "Il-76",
        "airfields": {"M": {}, "X": {}, "Y": {}},
        "aircraft": {
            "Il-76": {"payload": {"min": "40 t", "max": "48 t"}, "limits": {"canister_slots": 12}}
        },
        "cargo": {
            "canister": {
                "kind": "missile",
                "mass": {"min": "2.3 t", "max": "3.3 t"},
                "uses": {"canister_slots": 1},
            },
            "crate": {"kind": "crate", "mass": "3 t"},
        },
        "flights": [
            {
                "id": "shuttle",
                "aircraft": "Il-76",
                "count": {"min": 18, "max": 22},
                "from": "M",
                "to": ["X", "Y"],
            }
        ],
    }
    doc.update(overrides)
    return doc


def _capacities(doc: dict[str, Any]) -> dict[tuple[str, str], FlightCapacity]:
    return {(c.aircraft, c.cargo): c for c in flight_capacities(scenario_from_dict(doc))}


# -- what one flight can carry, by hand ----------------------------------------------------------


def test_il76_canisters_are_stopped_by_slots_not_mass() -> None:
    # 48 t / 2.3 t = 20.9, so mass allows 20; 12 slots allow 12.
    caps = _capacities(_il76())
    assert caps[("Il-76", "canister")] == FlightCapacity(
        "Il-76", "canister", 12, ("canister_slots",), (("payload", 20), ("canister_slots", 12))
    )
    # Crates use no slot: only mass stops them, at 16 (48 t / 3 t).
    assert caps[("Il-76", "crate")] == FlightCapacity(
        "Il-76", "crate", 16, ("payload",), (("payload", 16), ("canister_slots", None))
    )


def test_mass_and_slots_can_bind_together() -> None:
    doc = _il76(aircraft={"Il-76": {"payload": "24 t", "limits": {"canister_slots": 12}}})
    doc["cargo"]["canister"]["mass"] = "2 t"
    cap = _capacities(doc)[("Il-76", "canister")]
    assert (cap.most, cap.binds) == (12, ("payload", "canister_slots"))


def test_exact_fractions() -> None:
    # 106,000 lb = 48,080.8 kg; 2.3 t canisters: 20.9 of them, so 20 by mass.
    doc = _il76(aircraft={"Il-76": {"payload": "106,000 lb", "limits": {"canister_slots": 30}}})
    cap = _capacities(doc)[("Il-76", "canister")]
    assert (cap.most, cap.binds) == (20, ("payload",))


def test_per_flight_assumptions_cap_the_types_they_count() -> None:
    six = {"id": "six-a-flight", "total": "missile", "per_flight": True, "at_most": 6}
    caps = _capacities(_il76(assumptions=[six]))
    assert caps[("Il-76", "canister")].allowed_by == (
        ("payload", 20),
        ("canister_slots", 12),
        ("six-a-flight", 6),
    )
    assert caps[("Il-76", "canister")].binds == ("six-a-flight",)
    assert [r for r, _ in caps[("Il-76", "crate")].allowed_by] == ["payload", "canister_slots"]


def test_an_assumption_on_some_destinations_leaves_the_roomiest_lane() -> None:
    six_at_x = {"id": "six", "total": "missile", "to": "X", "per_flight": True, "at_most": 6}
    assert _capacities(_il76(assumptions=[six_at_x]))[("Il-76", "canister")].most == 12
    doc = _il76(assumptions=[six_at_x])
    doc["flights"][0]["to"] = "X"
    assert _capacities(doc)[("Il-76", "canister")].most == 6


def test_only_pairs_some_group_can_fly() -> None:
    doc = _il76()
    doc["aircraft"]["An-124"] = {"payload": "120 t"}
    doc["aircraft"]["C-17"] = {"payload": "77 t"}
    doc["flights"] += [
        {"id": "big", "aircraft": "An-124", "count": 1, "from": "M", "to": "X", "carries": "crate"},
        {"id": "none", "aircraft": "C-17", "count": 0, "from": "M", "to": "X"},
    ]
    assert list(_capacities(doc)) == [
        ("Il-76", "canister"),
        ("Il-76", "crate"),
        ("An-124", "crate"),
    ]
    assert _capacities(doc)[("An-124", "crate")].most == 40


def test_a_forbidden_destination_is_no_lane() -> None:
    no_x = {"id": "no-x", "total": "flights", "to": "X", "per_flight": True, "at_most": 0}
    cap = {"id": "cap", "total": "missile", "to": "Y", "per_flight": True, "at_most": 5}
    doc = _il76(assumptions=[no_x, cap])
    assert _capacities(doc)[("Il-76", "canister")].most == 5


# -- what a claim needs, by hand -------------------------------------------------------------


def _needs(doc: dict[str, Any]) -> dict[str, Any]:
    scenario = scenario_from_dict(doc)
    return {n.claim.id: n for n in claim_needs(scenario, (), OPTIONS)}


def test_almost_100_needs_8_of_the_22_flights() -> None:
    claims = [
        {"id": "almost-100", "total": "missile", "between": [90, 99]},
        {"id": "too-many", "total": "missile", "at_least": 300},
        {"id": "to-x", "total": "missile", "to": "X", "at_least": 1},
        # Not about how much was carried: no need is computed.
        {"id": "flights", "total": "flights", "at_least": 3},
        {"id": "each", "total": "missile", "per_flight": True, "at_least": 1},
        {"id": "cap", "total": "missile", "at_most": 50},
    ]
    needs = _needs(_il76(claims=claims))
    assert list(needs) == ["almost-100", "too-many", "to-x"]
    n = needs["almost-100"]
    assert (n.total, n.amount, n.fewest_flights, n.fewest_proven) == ("missile", 90, 8, True)
    assert n.flights_seen == (18, 22)
    assert n.mean_needed == Fraction(90, 22) and n.mean_capacity == 12
    assert n.share == Fraction(90, 264)
    t = needs["too-many"]
    assert (t.fewest_flights, t.share) == (25, Fraction(300, 264))  # 300 / 12 flights
    # Every flight may land at Y instead, so the flights to X range from 0.
    assert needs["to-x"].flights_seen == (0, 22)
    assert needs["to-x"].fewest_flights == 1


def test_fewest_keeps_per_flight_limits_and_drops_counts_and_sums() -> None:
    assumptions = [
        {"id": "six", "total": "missile", "per_flight": True, "at_most": 6},
        {"id": "few", "total": "flights", "at_most": 19},
    ]
    claims = [{"id": "c", "total": "missile", "at_least": 90}]
    n = _needs(_il76(assumptions=assumptions, claims=claims))["c"]
    assert (n.fewest_flights, n.fewest_proven) == (15, True)  # 90 / 6, the 19-flight cap ignored
    assert n.flights_seen == (18, 19)
    assert n.mean_capacity == 6  # 19 flights x 6 over 19 flights


def test_a_claim_no_selected_flight_can_carry_needs_no_number() -> None:
    doc = _il76(claims=[{"id": "c", "total": "missile", "at_least": 1}])
    doc["flights"][0]["carries"] = "crate"
    n = _needs(doc)["c"]
    assert (n.fewest_flights, n.fewest_proven) == (None, True)
    assert n.mean_capacity == 0 and n.share is None


def test_an_infeasible_base_still_shows_the_flights_observed() -> None:
    impossible = {"id": "lots", "total": "flights", "at_least": 30}
    claims = [{"id": "c", "total": "missile", "at_least": 24}]
    n = _needs(_il76(assumptions=[impossible], claims=claims))["c"]
    assert n.flights_seen == (18, 22) and n.fewest_flights == 2


def test_an_infeasible_base_weighs_in_the_grains_of_the_whole_scenario() -> None:
    """Half a kilogram written only in an infeasible assumption makes the scenario count
    2 grains per kg and the flights alone 1: the needs over the flights alone were asked in
    the other's grains (ValueError, exit 3; found by the fuzzer, 3,000 copies of Berlin's
    groups, #11). One 10 t flight, 1 t claimed: a tenth of its capacity."""
    doc = {
        "title": "half a kilogram",
        "airfields": {"A": {}, "B": {}},
        "aircraft": {"X": {"payload": "10 t"}},
        "cargo": {"supplies": {"kind": "supplies", "bulk": True}},
        "flights": [{"id": "g", "aircraft": "X", "count": 1, "from": "A", "to": "B"}],
        "assumptions": [{"id": "too-much", "total": "supplies", "at_least": "20,000.5 kg"}],
        "claims": [{"id": "some", "total": "supplies", "at_least": "1 t"}],
    }
    n = _needs(doc)["some"]
    assert n.flights_seen == (1, 1) and n.fewest_flights == 1
    assert n.share == Fraction(1, 10)


def test_refs_are_taken_by_id() -> None:
    ref = StatementRef("c", "claim", "said", 7, "paper", "A Paper")
    doc = _il76(claims=[{"id": "c", "total": "missile", "at_least": 24}])
    (n,) = claim_needs(scenario_from_dict(doc), (ref,), OPTIONS)
    assert n.claim is ref


# -- random scenarios against plain computations ---------------------------------------------


def _fits_alone(p: Any, aircraft: str, rules: list[_Statement], cargo: str, n: int) -> bool:
    """Whether ``n`` units of ``cargo`` alone fit one flight under its per-flight maxima."""
    if n * p.mass_min[cargo] > p.payload_max[aircraft]:
        return False
    for limit, cap in p.limits_max[aircraft].items():
        if n * p.uses_min[cargo].get(limit, 0) > cap:
            return False
    return all(
        s.hi is None or _flight_value(p, s.total, {cargo: n}) <= s.hi
        for s in rules
        if s.total != "flights"
    )


def _plain_capacities(d: dict[str, Any]) -> dict[tuple[str, str], int]:
    """Most units of a type alone on one flight, per (aircraft, cargo), by counting up."""
    p = read(d)
    out: dict[tuple[str, str], int] = {}
    for g in p.groups:
        if g.count_max == 0:
            continue
        for dest in g.to:
            rules = [s for s in p.assumptions if s.per_flight and _selected(p, g, dest, s.filters)]
            if any(s.total == "flights" and not s.admits(1) for s in rules):
                continue
            for c in g.carries:
                n = 0
                while _fits_alone(p, g.aircraft, rules, c, n + 1):
                    n += 1
                key = (g.aircraft, c)
                out[key] = max(out.get(key, 0), n)
    return out


def _plain_fewest(d: dict[str, Any], s: _Statement) -> int | None:
    """The fewest selected flights whose totals can sum into the claim's range.

    Counts are ignored (any number of flights of any group); per-flight assumptions decide
    which loads a flight may carry. A shortest solution never needs more than ``s.lo`` flights
    (each flight in it adds at least one unit), so the search stops there.
    """
    p = read(d)
    values: set[int] = set()
    for g in p.groups:
        for dest in g.to:
            if not _selected(p, g, dest, s.filters):
                continue
            rules = [a for a in p.assumptions if a.per_flight and _selected(p, g, dest, a.filters)]
            for load in _loads(p, g):
                if all(a.admits(_flight_value(p, a.total, load)) for a in rules):
                    values.add(_flight_value(p, s.total, load))
    top = s.hi if s.hi is not None else s.lo
    reach = {0}
    for n in range(s.lo + 1):
        if any(s.admits(x) for x in reach):
            return n
        reach = {min(x + v, top) if s.hi is None else x + v for x in reach for v in values}
        reach = {x for x in reach if x <= top}
    return None


def _oracle_range(d: dict[str, Any], s: _Statement) -> tuple[int, int, int]:
    """Over the base (or the flights alone if it is infeasible): min and max of the flights
    the claim selects, and the max of its total."""
    filters = {k: list(v) for k, v in s.filters}
    probe = {
        **d,
        "claims": [],
        "estimate": [{"total": "flights", **filters}, {"total": s.total, **filters}],
    }
    flights, total = brute_force(probe).bounds
    if flights.min is None:
        probe["assumptions"] = []
        flights, total = brute_force(probe).bounds
    assert flights.min is not None and flights.max is not None and total.max is not None
    return flights.min, flights.max, total.max


SEEDS = range(300)


@pytest.mark.parametrize("seed", SEEDS)
def test_capacities_match_a_plain_count(seed: int) -> None:
    d = random_scenario(seed)
    got = flight_capacities(scenario_from_dict(copy.deepcopy(d)))
    assert {(c.aircraft, c.cargo): c.most for c in got} == _plain_capacities(d)
    for c in got:
        assert c.most == min(n for _, n in c.allowed_by if n is not None)
        assert c.binds == tuple(r for r, n in c.allowed_by if n == c.most)


@pytest.mark.parametrize("seed", SEEDS)
def test_claim_needs_match_brute_force(seed: int) -> None:
    d = random_scenario(seed)
    needs = {n.claim.id: n for n in claim_needs(scenario_from_dict(copy.deepcopy(d)), (), OPTIONS)}
    wanted = [s for s in read(d).claims if not s.per_flight and s.total != "flights" and s.lo > 0]
    assert list(needs) == [s.id for s in wanted]
    for s in wanted:
        n = needs[s.id]
        assert (n.fewest_flights, n.fewest_proven) == (_plain_fewest(d, s), True), s.id
        low, high, most = _oracle_range(d, s)
        assert n.flights_seen == (low, high), s.id
        assert n.mean_needed == (Fraction(s.lo, high) if high else None), s.id
        assert n.mean_capacity == (Fraction(most, high) if high else None), s.id


# -- lanes: payload-range and hold size ----------------------------------------------------------


def _ranged(to: Any) -> dict[str, Any]:
    """48 t up to 1,000 km, falling linearly to 24 t at 3,000 km. X is ~111 km from M on the
    equator, Y ~2,001 km (payload ~35.99 t). Canisters 2 t; a 9 m pipe does not fit the 8 m hold.
    """
    doc = _il76()
    doc["airfields"] = {
        "M": {"lat": 0, "lon": 0},
        "X": {"lat": 0, "lon": 1},
        "Y": {"lat": 0, "lon": 18},
    }
    doc["aircraft"]["Il-76"] = {
        "payload": "48 t",
        "payload_range": [
            {"distance": "1000 km", "payload": "48 t"},
            {"distance": "3000 km", "payload": "24 t"},
        ],
        "hold": {"length": "8 m"},
    }
    doc["cargo"] = {
        "canister": {"kind": "missile", "mass": "2 t"},
        "pipe": {"kind": "pipe", "mass": "1 t", "size": {"length": "9 m"}},
    }
    doc["flights"][0]["to"] = to
    return doc


def test_the_longest_leg_lifts_least_and_the_roomiest_lane_is_reported() -> None:
    assert _capacities(_ranged("Y"))[("Il-76", "canister")].allowed_by == (("payload", 17),)
    assert _capacities(_ranged(["Y", "X"]))[("Il-76", "canister")].most == 24


def test_cargo_that_does_not_fit_the_hold_is_not_paired() -> None:
    assert list(_capacities(_ranged("X"))) == [("Il-76", "canister")]


def test_fewest_flights_on_a_long_leg() -> None:
    doc = _ranged("Y")
    doc["claims"] = [{"id": "c", "total": "missile", "at_least": 90}]
    assert _needs(doc)["c"].fewest_flights == 6  # 17 a flight at ~2,001 km, not 24
