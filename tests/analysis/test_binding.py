"""Which constraints bind in an allocation: hand cases, and every witness on random scenarios.

The random check recomputes each row's binding resources from the brute-force oracle's own
reading of the scenario (which shares no code with airlift), by trying one more unit of every
carried cargo type.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import Any

import pytest

from airlift.analysis import analyze
from airlift.analysis.binding import annotate, count_binds, row_binds
from airlift.analysis.engine import Engine
from airlift.model import SolveOptions
from airlift.result import Allocation, AllocationRow, Analysis, TotalSpec
from airlift.scenario import scenario_from_dict
from tests.oracle.brute_force import _flight_value, _selected, read
from tests.oracle.random_scenarios import random_scenario

from .tiny import build

OPTIONS = SolveOptions(time_limit=10, seed=0)


def _row(load: dict[str, int], to: str = "X", count: int = 1, group: str = "g") -> AllocationRow:
    return AllocationRow(group, to, count, tuple(load.items()))


# -- rows, by hand (tiny: payload 10 t, 4 slots; missile 2 t + 1 slot, crate 3 t) ------------


@pytest.mark.parametrize(
    ("load", "binds"),
    [
        ({}, ()),  # an empty flight: nothing is full
        ({"m": 4}, ("slots",)),  # 8 t: another missile fits by mass (10 t), not by slots
        ({"m": 2, "c": 2}, ("payload",)),  # 10 t: full by mass, 2 slots free
        ({"c": 3}, ("payload",)),  # 9 t: neither a 2 t missile nor a 3 t crate fits
        ({"m": 3, "c": 1}, ("payload",)),  # 9 t, 3 slots: a missile would make 11 t
        ({"m": 1, "c": 2}, ()),  # 8 t, 1 slot: a missile still fits (10 t, 2 slots)
        ({"m": 3}, ()),  # 6 t, 3 slots: one more missile fits both
    ],
)
def test_row_binds_by_hand(load: dict[str, int], binds: tuple[str, ...]) -> None:
    assert row_binds(build(), _row(load)) == binds


def test_payload_and_slots_can_bind_together() -> None:
    scenario = build(aircraft={"A": {"payload": "8 t", "limits": {"slots": 4}}})
    assert row_binds(scenario, _row({"m": 4})) == ("payload", "slots")


def test_a_limit_no_carried_type_uses_never_binds() -> None:
    # Carrying crates only: the slots stay empty and cannot bind, whatever the load.
    flights = [{"id": "g", "aircraft": "A", "count": 2, "from": "O", "to": "X", "carries": "c"}]
    scenario = build(flights=flights)
    assert row_binds(scenario, _row({"c": 3})) == ("payload",)
    assert row_binds(scenario, _row({"c": 2})) == ()  # 6 t: a third crate fits


def test_exact_fractions_at_the_permissive_values() -> None:
    # 44,000 lb = 19,958.06 kg exactly; crates at their lightest, 2 t. Nine crates (18 t)
    # leave 1,958.06 kg, less than one more crate; eight leave room for a ninth.
    scenario = build(
        aircraft={"A": {"payload": "44,000 lb"}},
        cargo={"c": {"kind": "crate", "mass": {"min": "2 t", "max": "3 t"}}},
    )
    assert row_binds(scenario, _row({"c": 9})) == ("payload",)
    assert row_binds(scenario, _row({"c": 8})) == ()


def test_per_flight_assumptions_bind_by_id_where_they_select() -> None:
    cap = {"id": "two-at-x", "total": "missile", "to": "X", "per_flight": True, "at_most": 2}
    scenario = build(assumptions=[cap])
    assert row_binds(scenario, _row({"m": 2}, to="X")) == ("two-at-x",)
    assert row_binds(scenario, _row({"m": 2}, to="Y")) == ()
    # Full with crates too: 2 missiles + 2 crates is 10 t.
    assert row_binds(scenario, _row({"m": 2, "c": 2}, to="X")) == ("payload", "two-at-x")
    # A crate is not a missile, so a crate-only load leaves the assumption with room.
    assert row_binds(scenario, _row({"c": 1}, to="X")) == ()


# -- counts --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "flown", "expected"),
    [
        ({"min": 2, "max": 3}, [3], (("g", "max"),)),
        ({"min": 2, "max": 3}, [1, 1], (("g", "min"),)),
        (2, [2], (("g", "max"),)),  # an exact count binds as the most that could fly
        ({"min": 0, "max": 3}, [], ()),  # none flown, none needed: nothing binds
        ({"min": 0, "max": 3}, [1], ()),
        (0, [], ()),  # a group that never flies says nothing
        ({"min": 1}, [1], (("g", "min"),)),  # open count at its minimum
        ({"min": 1}, [5], ()),
    ],
)
def test_count_binds(count: Any, flown: list[int], expected: tuple[tuple[str, str], ...]) -> None:
    flights = [{"id": "g", "aircraft": "A", "count": count, "from": "O", "to": ["X", "Y"]}]
    scenario = build(flights=flights)
    dests = ["X", "Y"]
    rows = tuple(_row({}, to=dests[i], count=n) for i, n in enumerate(flown))
    assert count_binds(scenario, Allocation(rows)) == expected


def test_annotate_fills_rows_and_counts() -> None:
    scenario = build()
    raw = Allocation((_row({"m": 4}, count=2), _row({"m": 1}, to="Y")))
    done = annotate(scenario, raw)
    assert [r.binds for r in done.rows] == [("slots",), ()]
    assert done.count_binds == (("g", "max"),)
    assert [(r.flights, r.to, r.count, r.load) for r in done.rows] == [
        (r.flights, r.to, r.count, r.load) for r in raw.rows
    ]


def test_engine_witnesses_come_annotated() -> None:
    engine = Engine(build(), OPTIONS)
    most = engine.extreme(TotalSpec("missile"), "max")
    assert most.witness is not None and most.witness_value == 12
    assert all(r.binds == ("slots",) for r in most.witness.rows)
    assert most.witness.count_binds == (("g", "max"),)
    least = engine.extreme(TotalSpec("flights"), "min")
    assert least.witness is not None and least.witness.count_binds == (("g", "min"),)


# -- every witness on random scenarios, against a plain recomputation ------------------------


def _plain_binds(d: Mapping[str, Any], row: AllocationRow) -> tuple[str, ...]:
    """Resources to which no carried type could add one unit, from the oracle's values."""
    p = read(d)
    g = p.group(row.flights)
    load = dict(row.load)
    resources: list[tuple[str, Fraction, dict[str, Fraction]]] = [
        ("payload", p.payload_max[g.aircraft], {c: p.mass_min[c] for c in g.carries})
    ]
    for name, cap in p.limits_max[g.aircraft].items():
        resources.append((name, cap, {c: p.uses_min[c].get(name, Fraction(0)) for c in g.carries}))
    for s in p.assumptions:
        if (
            s.per_flight
            and s.total != "flights"
            and s.hi is not None
            and _selected(p, g, row.to, s.filters)
        ):
            counts = {c: Fraction(_flight_value(p, s.total, {c: 1})) for c in g.carries}
            resources.append((s.id, Fraction(s.hi), counts))
    out = []
    for name, cap, use in resources:
        used = sum((n * use[c] for c, n in load.items()), Fraction(0))
        users = [c for c in g.carries if use[c] > 0]
        if users and all(used + use[c] > cap for c in users):
            out.append(name)
    return tuple(out)


def _plain_counts(d: Mapping[str, Any], allocation: Allocation) -> tuple[tuple[str, str], ...]:
    out = []
    for g in read(d).groups:
        flown = sum(r.count for r in allocation.rows if r.flights == g.id)
        if g.count_max is not None and flown == g.count_max and flown > 0:
            out.append((g.id, "max"))
        elif flown == g.count_min and flown > 0 and g.count_max != g.count_min:
            out.append((g.id, "min"))
    return tuple(out)


def _witnesses(a: Analysis) -> Iterator[Allocation]:
    if a.example is not None:
        yield a.example
    for c in a.claims:
        yield from (w for w in (c.holds, c.fails) if w is not None)
    for b in a.bounds:
        yield from (e.witness for e in (b.min, b.max) if e.witness is not None)


@pytest.mark.parametrize("seed", range(150))
def test_witness_binds_match_a_plain_recomputation(seed: int) -> None:
    d = random_scenario(seed)
    analysis = analyze(scenario_from_dict(copy.deepcopy(d)), OPTIONS, explain=False)
    for allocation in _witnesses(analysis):
        for row in allocation.rows:
            assert row.binds == _plain_binds(d, row), row
        assert allocation.count_binds == _plain_counts(d, allocation)


def test_the_lane_payload_and_the_hold_decide_what_is_full() -> None:
    # 48 t up to 1,000 km, 24 t at 3,000 km: Y (~2,001 km away on the equator) lifts ~35.99 t,
    # X (~111 km) the full 48 t. Pipes are longer than the hold, so only crates count.
    scenario = build(
        airfields={
            "O": {"lat": 0, "lon": 0},
            "X": {"lat": 0, "lon": 1},
            "Y": {"lat": 0, "lon": 18},
        },
        aircraft={
            "A": {
                "payload": "48 t",
                "hold": {"length": "8 m"},
                "payload_range": [
                    {"distance": "1000 km", "payload": "48 t"},
                    {"distance": "3000 km", "payload": "24 t"},
                ],
            }
        },
        cargo={
            "c": {"kind": "crate", "mass": "5 t"},
            "p": {"kind": "pipe", "mass": "1 t", "size": {"length": "9 m"}},
        },
    )
    assert row_binds(scenario, _row({"c": 7}, to="Y")) == ("payload",)  # 35 t + 5 t > 35.99 t
    assert row_binds(scenario, _row({"c": 6}, to="Y")) == ()
    assert row_binds(scenario, _row({"c": 7}, to="X")) == ()
    # 45 t at X: a 1 t pipe would fit, but it cannot fly on A, and a crate would not.
    assert row_binds(scenario, _row({"c": 9}, to="X")) == ("payload",)
