"""Conditional bounds (an estimate row's ``given``): worked by hand, and against enumeration."""

from __future__ import annotations

import itertools
import json
import random
from typing import Any

from airlift.analysis import analyze
from airlift.report import render
from airlift.result import Bound, SolveStatus
from airlift.scenario import scenario_from_dict

from .test_engine import OPTIONS
from .tiny import build


def _bounds(a: Any) -> dict[str, tuple[int | None, int | None]]:
    return {b.spec.label: (b.min.lo, None if b.max.unbounded else b.max.hi) for b in a.bounds}


# One group g of 2-3 flights from O to X or Y; a flight carries at most 4 missiles (slots),
# at most 3 crates (3 t each in 10 t), or a mix that fits 10 t and 4 slots (see tiny.build).
ALL_TO_X = {"id": "all-to-x", "total": "flights", "to": "X", "at_least": 3}
CRATES_Y = {"id": "crates-y", "total": "crate", "to": "Y", "at_least": 7}


def test_a_claim_that_sends_every_flight_to_x_empties_y() -> None:
    rows = [
        {"total": "flights", "to": "Y"},
        {"total": "flights", "to": "Y", "given": "all-to-x"},
        {"total": "flights", "given": ["all-to-x"]},
        {"total": "missile", "to": "X", "given": "all-to-x"},
    ]
    a = analyze(build(claims=[ALL_TO_X], estimate=rows), OPTIONS, explain=False)
    assert _bounds(a) == {
        "flights to Y": (0, 3),
        "flights to Y given all-to-x": (0, 0),  # all three flights land at X
        "flights given all-to-x": (3, 3),  # the count's 2 is no longer possible
        "missile to X given all-to-x": (0, 12),
    }
    assert all(b.proven for b in a.bounds)
    # The witnesses satisfy the claim: three flights, all at X.
    for b in a.bounds[1:]:
        for e in (b.min, b.max):
            assert e.witness is not None
            assert [(r.to, r.count) for r in e.witness.rows if r.count] == [("X", 3)]


def test_a_cargo_claim_bounds_another_cargo_and_the_flights() -> None:
    # 7 crates to Y need all 3 flights at Y (3 crates a flight at most). Loads 3+2+2 crates
    # leave room for 0+2+2 missiles (2 crates and 2 missiles: 10 t, 2 slots); 3+3+1 leaves
    # 0+0+3 (1 crate and 3 missiles: 9 t). So missiles go from 0 to 4.
    rows = [
        {"total": "flights", "to": "X", "given": "crates-y"},
        {"total": "missile", "given": "crates-y"},
        {"total": "missile"},
    ]
    a = analyze(build(claims=[CRATES_Y], estimate=rows), OPTIONS, explain=False)
    assert _bounds(a) == {
        "flights to X given crates-y": (0, 0),
        "missile given crates-y": (0, 4),
        "missile": (0, 12),
    }


def test_a_per_flight_claim_limits_each_flight_under_it() -> None:
    # Three missiles on every flight (6 t) leave room for one crate (3 t), not two.
    three = {"id": "three-each", "total": "missile", "per_flight": True, "at_least": 3}
    rows = [{"total": "crate"}, {"total": "crate", "given": "three-each"}]
    a = analyze(build(claims=[three], estimate=rows), OPTIONS, explain=False)
    assert list(_bounds(a).values()) == [(0, 9), (0, 3)]
    witness = a.bounds[1].max.witness
    assert witness is not None
    assert all(dict(r.load).get("m", 0) >= 3 for r in witness.rows if r.count)


def test_given_an_assumption_is_the_base_bound() -> None:
    rows = [{"total": "missile", "to": "Y"}, {"total": "missile", "to": "Y", "given": "all-x"}]
    a = analyze(build(assumptions=[dict(ALL_TO_X, id="all-x")], estimate=rows), OPTIONS)
    assert list(_bounds(a).values()) == [(0, 0), (0, 0)]


def test_a_given_cap_bounds_an_open_count() -> None:
    open_group = {"id": "g", "aircraft": "A", "count": {"min": 2}, "from": "O", "to": ["X"]}
    cap = {"id": "cap", "total": "flights", "at_most": 5}
    rows = [
        {"total": "flights"},
        {"total": "flights", "given": "cap"},
        {"total": "missile", "given": "cap"},
    ]
    a = analyze(build(flights=[open_group], claims=[cap], estimate=rows), OPTIONS, explain=False)
    assert _bounds(a) == {
        "flights": (2, None),
        "flights given cap": (2, 5),
        "missile given cap": (0, 20),
    }
    assert a.bounds[0].max.unbounded and not a.bounds[1].max.unbounded


def test_given_claims_that_cannot_hold_leave_no_range_and_say_why() -> None:
    more = {"id": "four", "total": "flights", "at_least": 4}
    rows = [
        {"total": "missile", "given": ["all-to-x", "four"]},
        {"total": "missile", "given": "all-to-x"},
    ]
    a = analyze(build(claims=[ALL_TO_X, more], estimate=rows), OPTIONS, explain=False)
    empty, fine = a.bounds
    assert empty.spec.given == ("all-to-x", "four")
    assert empty.min.status is empty.max.status is SolveStatus.INFEASIBLE
    assert (empty.min.lo, empty.max.hi) == (None, None) and not empty.max.unbounded
    assert fine.proven and (fine.min.lo, fine.max.hi) == (0, 12)
    said = (
        "missile given all-to-x, four: no allocation satisfies the observations, assumptions, "
        "{0}all-to-x{1} and {0}four{1}, so this total has no range under them."
    )
    text = " ".join(render(a, "text").split())
    assert said.format("`", "`") in text
    assert "none (no allocation)" in text
    markdown = " ".join(render(a, "markdown").split())
    assert said.format("`", "`") in markdown
    bounds = json.loads(render(a, "json"))["bounds"]
    assert [b["given"] for b in bounds] == [["all-to-x", "four"], ["all-to-x"]]
    assert bounds[0]["label"] == "missile given all-to-x, four"
    first = bounds[0]
    assert (first["min_status"], first["min"], first["max"]) == ("infeasible", None, None)


def test_json_given_is_null_without_a_condition() -> None:
    a = analyze(build(estimate=[{"total": "flights"}]), OPTIONS, explain=False)
    (bound,) = json.loads(render(a, "json"))["bounds"]
    assert bound["given"] is None and bound["label"] == "flights"


# --- against plain enumeration ----------------------------------------------------------

# Two aircraft: A (10 t, 4 slots) and B (6 t); missiles of 2 t take a slot, crates weigh 3 t.
_PAYLOAD = {"A": 10, "B": 6}
_SLOTS = {"A": 4, "B": None}
_GROUPS = (("g1", "A", (1, 3), ("X", "Y")), ("g2", "B", (0, 1), ("Y", "Z")))
_CARGO = ("m", "c")
_KIND = {"m": "missile", "c": "crate"}


def _loads(aircraft: str) -> list[tuple[int, int]]:
    """Every (missiles, crates) one flight of ``aircraft`` can carry."""
    slots = _SLOTS[aircraft]
    return [
        (m, c)
        for m in range(6)
        for c in range(4)
        if 2 * m + 3 * c <= _PAYLOAD[aircraft] and (slots is None or m <= slots)
    ]


#: An allocation's totals: per (group, destination), its flights, missiles and crates.
Sums = tuple[tuple[str, str, int, int, int], ...]


def _group_sums(gid: str, aircraft: str, count: tuple[int, int], to: tuple[str, ...]) -> set[Sums]:
    """Every distinct set of totals the flights of one group can make, flight by flight."""
    loads = [(d, m, c) for d in to for m, c in _loads(aircraft)]
    out = set()
    for n in range(count[0], count[1] + 1):
        for flights in itertools.combinations_with_replacement(loads, n):
            out.add(
                tuple(
                    (
                        gid,
                        d,
                        *map(
                            sum,
                            zip(
                                *([(1, m, c) for e, m, c in flights if e == d] or [(0, 0, 0)]),
                                strict=True,
                            ),
                        ),
                    )
                    for d in to
                )
            )
    return out


def _allocations() -> list[Sums]:
    """The totals of every allocation (allocations with the same totals once)."""
    per_group = [_group_sums(*group) for group in _GROUPS]
    return [sum(parts, ()) for parts in itertools.product(*per_group)]


def _value(sums: Sums, row: dict[str, Any]) -> int:
    total = 0
    for gid, dest, n, m, c in sums:
        if row.get("to") not in (None, dest) or row.get("flights") not in (None, gid):
            continue
        total += {"flights": n, "missile": m, "m": m, "crate": c, "c": c}[row["total"]]
    return total


def _holds(sums: Sums, claim: dict[str, Any]) -> bool:
    v = _value(sums, claim)
    return claim.get("at_least", 0) <= v <= claim.get("at_most", v)


def _random_claims(rng: random.Random) -> list[dict[str, Any]]:
    claims = []
    for i in range(3):
        claim: dict[str, Any] = {"id": f"k{i}", "total": rng.choice(["flights", "missile", "c"])}
        if rng.random() < 0.6:
            claim["to"] = rng.choice(["X", "Y", "Z"])
        if rng.random() < 0.3:
            claim["flights"] = rng.choice(["g1", "g2"])
        top = 5 if claim["total"] == "flights" else 14
        if rng.random() < 0.5:
            claim["at_least"] = rng.randint(1, top)
        else:
            claim["at_most"] = rng.randint(0, top)
        claims.append(claim)
    return claims


def _scenario(claims: list[dict[str, Any]], rows: list[dict[str, Any]]) -> Any:
    return scenario_from_dict(
        {
            "title": "enumerated",
            "airfields": {"O": {}, "X": {}, "Y": {}, "Z": {}},
            "aircraft": {"A": {"payload": "10 t", "limits": {"slots": 4}}, "B": {"payload": "6 t"}},
            "cargo": {
                "m": {"kind": "missile", "mass": "2 t", "uses": {"slots": 1}},
                "c": {"kind": "crate", "mass": "3 t"},
            },
            "flights": [
                {
                    "id": g,
                    "aircraft": ac,
                    "count": {"min": lo, "max": hi},
                    "from": "O",
                    "to": list(to),
                }
                for g, ac, (lo, hi), to in _GROUPS
            ],
            "claims": claims,
            "estimate": rows,
        }
    )


def _check(bound: Bound, expected: tuple[int, int] | None) -> None:
    if expected is None:
        assert bound.min.status is bound.max.status is SolveStatus.INFEASIBLE, bound.spec.label
    else:
        assert bound.proven and (bound.min.lo, bound.max.hi) == expected, bound.spec.label


def test_conditional_bounds_match_enumeration() -> None:
    allocations = _allocations()
    rng = random.Random(8)
    empty = ranged = 0
    for _ in range(8):
        claims = _random_claims(rng)
        rows = []
        for claim in claims:
            for total, to in (("flights", None), ("missile", "Y"), ("crate", None)):
                row = {"total": total, "given": claim["id"]}
                rows.append(row if to is None else {**row, "to": to})
        rows.append({"total": "flights", "to": "Y", "given": [c["id"] for c in claims[:2]]})
        a = analyze(_scenario(claims, rows), OPTIONS, explain=False)
        holds = {c["id"]: [_holds(sums, c) for sums in allocations] for c in claims}
        assert len(a.bounds) == len(rows)
        for bound, row in zip(a.bounds, rows, strict=True):
            given = [holds[i] for i in bound.spec.given or ()]
            values = [
                _value(sums, row)
                for j, sums in enumerate(allocations)
                if all(mask[j] for mask in given)
            ]
            _check(bound, (min(values), max(values)) if values else None)
            empty += not values
            ranged += bool(values) and min(values) < max(values)
    assert empty and ranged  # both kinds of answer were checked


def test_given_with_ranged_unit_masses_is_certified_or_exact() -> None:
    # Missiles weigh 2-3 t: with every flight at X (3 flights), the most missile mass is
    # 3 x 10 t (4 missiles of 2.5 t fill a flight), inside the certified interval; none
    # reach Y, exactly; and claims that cannot hold leave no range.
    four = {"id": "four", "total": "flights", "at_least": 4}
    rows = [
        {"total": "missile", "unit": "t", "given": "all-to-x"},
        {"total": "missile", "to": "Y", "unit": "t", "given": "all-to-x"},
        {"total": "missile", "unit": "t", "given": "four"},
    ]
    a = analyze(build(claims=[ALL_TO_X, four], estimate=rows), OPTIONS, explain=False)
    most, at_y, empty = a.bounds
    m = most.spec.measure
    assert most.min.lo == most.min.hi == 0
    assert most.max.lo is not None and most.max.hi is not None
    assert m.value(most.max.lo) <= 30 <= m.value(most.max.hi)
    assert at_y.proven and (at_y.min.lo, at_y.max.hi) == (0, 0)
    assert empty.min.status is empty.max.status is SolveStatus.INFEASIBLE
