"""Handing a unit's flights out to its alike groups keeps every flight's load whole."""

from __future__ import annotations

from fractions import Fraction

from airlift.analysis.spread import spread
from airlift.result import Allocation, AllocationRow
from airlift.scenario.schema import CountRange, FlightGroup


def _group(gid: str, lo: int, hi: int) -> FlightGroup:
    return FlightGroup.model_validate(
        {"id": gid, "aircraft": "A", "count": CountRange(min=lo, max=hi), "from": "O", "to": "D"}
    )


def test_spread_keeps_bulk_and_units_on_every_flight() -> None:
    # Three flights of the unit "a" (a fuzzed file of 1,000 alike groups lost the bulk of
    # every flight here, and the re-check refused the allocation).
    row = AllocationRow("a", "D", 3, (("crate", 2),), (("coal", Fraction(12_500)),))
    spread_out = spread(Allocation((row,)), [_group("a", 1, 1), _group("b", 2, 2)])
    assert [(r.flights, r.count) for r in spread_out.rows] == [("a", 1), ("b", 2)]
    assert all(r.load == row.load and r.bulk == row.bulk for r in spread_out.rows)
