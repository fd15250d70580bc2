"""The two-input tipping curve: where a claim turns impossible over two inputs at once.

For each of a few values of input ``a`` (its grid, evenly thinned, ends included), the exact
value of input ``b`` at which the claim turns impossible, with every other range at its end
most favourable to loads (flight counts left as ranges). Because loads only get easier
toward the permissive ends, the possible region is a staircase and each column's threshold
is found by bisection on ``b``'s grid (1 kg, 1 cm, one unit): data for a chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from airlift.analysis.grid import Grid, first_true
from airlift.analysis.points import Points
from airlift.model import SolveOptions
from airlift.result import Feasibility
from airlift.scenario.inputs import Favours, Input, corner
from airlift.scenario.schema import Scenario, Statement

__all__ = ["COLUMNS", "CurvePoint", "TippingCurve", "tipping_curve"]

#: How many values of the first input the curve is computed at (ends included).
COLUMNS = 17


@dataclass(frozen=True)
class CurvePoint:
    """At ``a`` = ``at``: the claim is possible exactly while ``b`` is at most (or at least,
    see :attr:`TippingCurve.direction`) ``threshold``; ``None`` with ``everywhere`` True when
    every value of ``b`` allows it, False when none does; None when cut short."""

    at: Fraction
    threshold: Fraction | None
    everywhere: bool | None


@dataclass(frozen=True)
class TippingCurve:
    """The staircase boundary of a claim over two inputs (units: their base units)."""

    claim: str
    a: str
    b: str
    a_unit: str
    b_unit: str
    #: ``at_most`` or ``at_least``: how ``b`` must lie against each threshold.
    direction: str
    points: tuple[CurvePoint, ...]


def tipping_curve(
    scenario: Scenario,
    options: SolveOptions,
    grains: int,
    claim: Statement,
    a: Input,
    b: Input,
    inputs: list[Input],
    columns: int = COLUMNS,
) -> TippingCurve:
    """The boundary of ``claim`` over inputs ``a`` and ``b`` (both with a favourable end)."""
    points = Points(scenario, options, grains)
    others = {
        k: v for k, v in corner(inputs, restrictive=False).items() if k not in (a.path, b.path)
    }
    grid_a, grid_b = Grid(a.lo, a.hi), Grid(b.lo, b.hi)
    picks = sorted({round(k * (len(grid_a) - 1) / max(1, columns - 1)) for k in range(columns)})
    high = b.favours is Favours.HIGH
    out = []
    for index in picks:
        at = grid_a[index]

        def possible(k: int, at: Fraction = at) -> bool | None:
            value = grid_b[k] if high else grid_b[len(grid_b) - 1 - k]
            status = points.holds(claim, {**others, a.path: at, b.path: value}).status
            return None if status is Feasibility.UNKNOWN else status is Feasibility.FEASIBLE

        out.append(_column(at, len(grid_b), possible, grid_b, high))
    return TippingCurve(
        claim.id, a.name, b.name, a.unit, b.unit, "at_least" if high else "at_most", tuple(out)
    )


def _column(at: Fraction, size: int, possible: object, grid: Grid, high: bool) -> CurvePoint:
    test = possible  # indices run from b's restrictive end to its favourable one
    assert callable(test)
    top, bottom = test(size - 1), test(0)
    if top is None or bottom is None:
        return CurvePoint(at, None, None)
    if not top:
        return CurvePoint(at, None, False)
    if bottom:
        return CurvePoint(at, None, True)
    cut = False

    def known(k: int) -> bool:
        nonlocal cut
        answer = test(k)
        cut |= answer is None
        return bool(answer)

    first = first_true(size, known)
    if cut:
        return CurvePoint(at, None, None)
    return CurvePoint(at, grid[first] if high else grid[size - 1 - first], None)
