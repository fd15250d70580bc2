"""The plain-Python re-check catches each kind of broken allocation."""

from __future__ import annotations

from airlift.analysis.totals import requirement
from airlift.analysis.verify import violations
from airlift.result import Allocation, AllocationRow
from airlift.scenario.schema import Statement

from .tiny import build


def _alloc(*rows: tuple[str, str, int, dict[str, int]]) -> Allocation:
    return Allocation(
        tuple(AllocationRow(g, to, n, tuple(load.items())) for g, to, n, load in rows)
    )


def test_a_valid_allocation_passes() -> None:
    assert (
        violations(build(), _alloc(("g", "X", 2, {"m": 2, "c": 2}), ("g", "Y", 1, {"m": 4})), [])
        == []
    )


def test_each_broken_rule_is_reported() -> None:
    s = build()
    cases = {
        "payload": _alloc(("g", "X", 2, {"m": 2, "c": 3})),  # 13 t > 10 t
        "slots": _alloc(("g", "X", 2, {"m": 5})),  # 5 slots > 4
        "destination": _alloc(("g", "Z", 2, {})),
        "count": _alloc(("g", "X", 4, {})),  # at most 3 flights
        "too few": _alloc(("g", "X", 1, {})),  # at least 2 flights
        "unknown group": _alloc(("h", "X", 2, {})),
    }
    for name, allocation in cases.items():
        assert violations(s, allocation, []), name


def test_requirements_are_checked_in_sum_and_per_flight() -> None:
    s = build()
    allocation = _alloc(("g", "X", 1, {"m": 3}), ("g", "Y", 1, {"m": 1}))
    in_sum = requirement(Statement(id="sum", total="missile", at_least=5), s)
    per_flight = requirement(Statement(id="pf", total="missile", per_flight=True, at_least=2), s)
    only_x = requirement(
        Statement(id="x", total="missile", per_flight=True, at_least=2, to=["X"]), s
    )
    assert violations(s, allocation, [in_sum])
    assert violations(s, allocation, [per_flight])
    assert violations(s, allocation, [only_x]) == []
