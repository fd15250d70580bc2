"""The plain-Python re-check catches each kind of broken allocation."""

from __future__ import annotations

from dataclasses import replace

import pytest

from airlift.analysis.checked import checked_allocation, checked_value
from airlift.analysis.totals import requirement
from airlift.analysis.verify import violations
from airlift.errors import InternalError
from airlift.model import Compiler, LaneModel, SolveOptions
from airlift.result import Allocation, AllocationRow, TotalSpec
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


def test_the_checked_path_refuses_a_solver_answer_that_breaks_the_scenario() -> None:
    """A solver answer tampered with (a fourth flight of a group of at most three) is
    refused as a bug, and so is a witness that does not total the objective."""
    s = build()
    problem = Compiler(s).compile([], ["missile"])
    model = LaneModel(problem)
    spec = TotalSpec("missile")
    total = Compiler(s).total(spec, problem)
    solution = model.solve(SolveOptions(time_limit=10, seed=0), ("max", total))
    order = list(s.cargo)

    def check(a: Allocation) -> list[str]:
        return violations(s, a, [])

    witness = checked_allocation(problem, solution, order, check)
    assert checked_value(s, witness, spec, solution.objective) == 12  # 3 flights x 4 slots
    with pytest.raises(InternalError, match="differs from the solver's 13"):
        checked_value(s, witness, spec, 13)
    lane = next(li for li, ws in enumerate(solution.box_counts) if ws and ws[0])
    boxes = list(solution.box_counts)
    boxes[lane] = (boxes[lane][0] + 1, *boxes[lane][1:])
    tampered = replace(solution, box_counts=tuple(boxes))
    with pytest.raises(InternalError, match="fails its re-check"):
        checked_allocation(problem, tampered, order, check)
