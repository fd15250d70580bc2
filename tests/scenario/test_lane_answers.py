"""Payload-range and hold size change what the engine answers, as an enumeration confirms.

The scenario: flights of one aircraft type from O on the equator to Near (5 degrees east) or
Far (20 degrees east). Its payload-range points are 10 t up to 1,000 km and 4 t at 3,000 km;
a box weighs 1 t. Near is 555 km away (full 10 t, so 10 boxes a flight); Far is 2,223 km away
(10,000 - 6,000 x 1,223 / 2,000 = 6,331 kg, so 6 boxes a flight).
"""

from __future__ import annotations

import itertools
from typing import Any

from airlift.analysis import analyze
from airlift.analysis.verify import violations
from airlift.model import SolveOptions
from airlift.result import Allocation, AllocationRow, Analysis, Verdict
from airlift.scenario import scenario_from_dict
from tests.oracle.brute_force import brute_force

OPTIONS = SolveOptions(time_limit=10, seed=0)
#: Boxes one flight can carry to each destination, worked out in the module docstring.
PER_FLIGHT = {"Near": 10, "Far": 6}
FLIGHTS = 3
#: Claim verdicts and (min, max) of each total.
Answers = tuple[dict[str, str], dict[str, tuple[int | None, int | None]]]


def _doc(payload_range: bool = True, to: Any = ("Near", "Far")) -> dict[str, Any]:
    aircraft: dict[str, Any] = {"payload": "10 t"}
    if payload_range:
        aircraft["payload_range"] = [
            {"distance": "1,000 km", "payload": "10 t"},
            {"distance": "3,000 km", "payload": "4 t"},
        ]
    return {
        "title": "payload by distance",
        "airfields": {
            "O": {"lat": 0, "lon": 0},
            "Near": {"lat": 0, "lon": 5},
            "Far": {"lat": 0, "lon": 20},
        },
        "aircraft": {"A": aircraft},
        "cargo": {"box": {"kind": "box", "mass": "1 t"}},
        "flights": [{"id": "g", "aircraft": "A", "count": FLIGHTS, "from": "O", "to": list(to)}],
        "claims": [
            {"id": "far-25", "total": "box", "to": "Far", "at_least": 25},
            {"id": "near-25", "total": "box", "to": "Near", "at_least": 25},
            {"id": "far-and-near", "total": "box", "at_least": 22},
        ],
        "estimate": [{"total": "box", "by": "to"}, {"total": "box"}],
    }


def _enumerate(per_flight: dict[str, int]) -> Answers:
    """Verdicts and bounds by trying every destination and load of every flight."""
    options = [(d, n) for d, most in per_flight.items() for n in range(most + 1)]
    totals = []
    for flights in itertools.product(options, repeat=FLIGHTS):
        to = {d: sum(n for dest, n in flights if dest == d) for d in per_flight}
        totals.append({"box to Far": to["Far"], "box to Near": to["Near"], "box": sum(to.values())})
    claims = {
        "far-25": ("box to Far", 25),
        "near-25": ("box to Near", 25),
        "far-and-near": ("box", 22),
    }
    verdicts = {}
    for cid, (label, least) in claims.items():
        holds = [t[label] >= least for t in totals]
        verdicts[cid] = "implied" if all(holds) else "consistent" if any(holds) else "inconsistent"
    bounds = {
        label: (min(t[label] for t in totals), max(t[label] for t in totals)) for label in totals[0]
    }
    return verdicts, bounds


def _answers(a: Analysis) -> Answers:
    bounds = {b.spec.label: (b.min.lo, b.max.hi) for b in a.bounds}
    assert all(b.proven for b in a.bounds)
    return {c.ref.id: c.verdict.value for c in a.claims}, bounds


def test_a_long_lane_lifts_less_and_the_answers_change() -> None:
    limited = analyze(scenario_from_dict(_doc()), OPTIONS)
    assert _answers(limited) == _enumerate(PER_FLIGHT)
    verdicts, bounds = _answers(limited)
    assert verdicts["far-25"] == Verdict.INCONSISTENT and bounds["box to Far"] == (0, 18)
    structural = analyze(scenario_from_dict(_doc(payload_range=False)), OPTIONS)
    assert _answers(structural) == _enumerate({"Near": 10, "Far": 10})
    assert _answers(structural)[0]["far-25"] == Verdict.CONSISTENT
    lanes = {(lane.to, lane.distance_km, lane.payload, lane.beyond) for lane in limited.lane_limits}
    assert lanes == {("Near", 555, 10_000, False), ("Far", 2_223, 6_331, False)}
    assert structural.lane_limits == ()


def test_a_one_lane_group_agrees_with_the_oracle_at_the_lane_payload() -> None:
    """The oracle knows no payload-range: give it the lane's payload, worked out by hand."""
    with_range = _doc(to=["Far"])
    plain = _doc(payload_range=False, to=["Far"])
    plain["aircraft"]["A"]["payload"] = "6331 kg"
    plain.pop("estimate")
    plain["estimate"] = [{"total": "box"}]
    with_range["estimate"] = [{"total": "box"}]
    for doc in (with_range, plain):
        doc["claims"] = [
            {"id": "far-18", "total": "box", "at_least": 18},
            {"id": "far-19", "total": "box", "at_least": 19},
            {"id": "far-0", "total": "box", "at_least": 0},
        ]
    oracle = brute_force(plain)
    a = analyze(scenario_from_dict(with_range), OPTIONS)
    assert {c.ref.id: c.verdict.value for c in a.claims} == {c.id: c.verdict for c in oracle.claims}
    (bound,) = a.bounds
    (expected,) = oracle.bounds
    assert (bound.min.lo, bound.max.hi) == (expected.min, expected.max) == (0, 18)


def test_the_recheck_uses_the_lane_payload() -> None:
    s = scenario_from_dict(_doc())
    fits = Allocation((AllocationRow("g", "Far", 3, (("box", 6),)),))
    assert violations(s, fits, []) == []
    heavy = Allocation(
        (AllocationRow("g", "Far", 1, (("box", 7),)), AllocationRow("g", "Near", 2, (("box", 10),)))
    )
    assert violations(s, heavy, []) == ["g->Far: 7000 kg exceeds the payload 6331 kg"]


HOLD_DOC: dict[str, Any] = {
    "title": "launchers on an Il-76",
    "airfields": {"O": {}, "X": {}},
    "aircraft": {"Il-76MD": {"catalog": "Il-76MD", "limits": {"canister_slots": 12}}},
    "cargo": {"canister": {"catalog": "48N6-canister"}, "launcher": {"catalog": "5P85SE-launcher"}},
    "flights": [{"id": "g", "aircraft": "Il-76MD", "count": 2, "from": "O", "to": "X"}],
    "claims": [
        {"id": "a-launcher", "total": "launcher", "at_least": 1},
        {"id": "24-canisters", "total": "canister", "at_least": 24},
    ],
    "estimate": [{"total": "launcher"}, {"total": "canister"}],
}


def test_cargo_too_big_for_the_hold_never_flies_and_the_report_says_why() -> None:
    # Launcher 42.15 t fits the payload (48 t) but is 3.8 m high against 3.4 m of hold, and
    # 3.15 m wide: turned on its side it is 3.8 m wide against 3.45 m.
    a = analyze(scenario_from_dict(HOLD_DOC), OPTIONS, explain=False)
    verdicts, bounds = _answers(a)
    assert verdicts == {"a-launcher": "inconsistent", "24-canisters": "consistent"}
    assert bounds == {"launcher": (0, 0), "canister": (0, 24)}
    assert (
        "launcher does not fit in the hold of Il-76MD: its height 3.8 m exceeds the hold's "
        "3.4 m (also when turned on its side); no Il-76MD flight carries it."
    ) in a.notes
    s = scenario_from_dict(HOLD_DOC)
    bad = Allocation((AllocationRow("g", "X", 2, (("launcher", 1),)),))
    assert violations(s, bad, []) == [
        "g: carries launcher, which does not fit the hold: its height 3.8 m exceeds the hold's "
        "3.4 m (also when turned on its side)"
    ]


def test_without_hold_sizes_the_launcher_would_fly() -> None:
    doc = dict(HOLD_DOC)
    doc["cargo"] = {
        "canister": {"catalog": "48N6-canister"},
        "launcher": {"catalog": "5P85SE-launcher", "size": {"height": "3.4 m"}},
    }
    a = analyze(scenario_from_dict(doc), OPTIONS, explain=False)
    assert _answers(a)[0]["a-launcher"] == "consistent"
    assert not any("does not fit" in note for note in a.notes)
