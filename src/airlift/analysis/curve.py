"""The two-input tipping curve: where a claim turns impossible over two inputs at once.

With every other range at its end most favourable to loads (flight counts left as ranges),
the claim is possible exactly while input ``b`` is at most (or at least) a threshold that
depends on input ``a``. Loads only get easier toward the permissive ends, so that threshold
moves one way as ``a`` does: the possible region is a staircase. Its steps are found exactly:
the threshold at both ends of a stretch of ``a``'s grid is found by bisection on ``b``'s grid
(1 kg, 1 cm, one unit), and a stretch whose ends agree is one step (monotone: nothing between
differs); others are halved. Each :class:`CurvePoint` starts a step. Data for a chart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from airlift.analysis.grid import Grid, first_true
from airlift.analysis.points import Points
from airlift.model import SolveOptions
from airlift.result import Feasibility
from airlift.scenario.inputs import Favours, Input, corner
from airlift.scenario.schema import Scenario, Statement

__all__ = ["COLUMNS", "MOST_THRESHOLDS", "CurvePoint", "TippingCurve", "tipping_curve"]

#: The most thresholds (each a bisection) one curve may find looking for its steps; past
#: it the curve gives the exact threshold at :data:`COLUMNS` values of ``a`` instead
#: (``exact`` False: more steps lie between them).
MOST_THRESHOLDS = 64
COLUMNS = 17

#: A threshold on ``b``'s grid (an index from its restrictive end), or what stands for none:
#: ``_NOWHERE`` no value of b allows the claim, ``_EVERYWHERE`` every value does, None cut short.
_Threshold = int | None
_NOWHERE, _EVERYWHERE = -1, -2


@dataclass(frozen=True)
class CurvePoint:
    """From ``a`` = ``at`` up to the next point's ``at`` (or ``a``'s top): the claim is
    possible exactly while ``b`` is at most (at least, see :attr:`TippingCurve.direction`)
    ``threshold``; with ``threshold`` None, ``everywhere`` True when every value of ``b``
    allows it, False when none does, None when a solve was cut short."""

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
    #: False when the staircase has too many steps to list (:data:`MOST_THRESHOLDS`): the
    #: points are then exact thresholds at :data:`COLUMNS` values of ``a``, each holding at
    #: its own ``at`` only, with more steps between them.
    exact: bool = True


def tipping_curve(
    scenario: Scenario,
    options: SolveOptions,
    grains: int,
    claim: Statement,
    a: Input,
    b: Input,
    inputs: list[Input],
) -> TippingCurve:
    """The exact staircase of ``claim`` over inputs ``a`` and ``b`` (both with a favourable
    end)."""
    points = Points(scenario, options, grains)
    pair = (a.path, b.path)
    others = {k: v for k, v in corner(inputs, restrictive=False).items() if k not in pair}
    grid_a, grid_b = Grid(a.lo, a.hi), Grid(b.lo, b.hi)
    high = b.favours is Favours.HIGH

    def b_value(k: int) -> Fraction:
        return grid_b[k] if high else grid_b[len(grid_b) - 1 - k]

    found: dict[int, _Threshold] = {}

    def threshold(index: int) -> _Threshold:
        if index not in found:
            at = grid_a[index]

            def possible(k: int) -> bool | None:
                values = {**others, a.path: at, b.path: b_value(k)}
                status = points.holds(claim, values).status
                return None if status is Feasibility.UNKNOWN else status is Feasibility.FEASIBLE

            found[index] = _threshold(len(grid_b), possible)
        return found[index]

    starts, exact = _steps(len(grid_a), threshold)
    if not exact:  # too many steps to list: exact thresholds at evenly spread values of a
        last = len(grid_a) - 1
        starts = sorted({round(k * last / max(1, COLUMNS - 1)) for k in range(COLUMNS)})
        for index in starts:
            threshold(index)
    out = []
    for index in starts:
        t = found[index]
        if t is None:
            out.append(CurvePoint(grid_a[index], None, None))
        elif t < 0:
            out.append(CurvePoint(grid_a[index], None, t == _EVERYWHERE))
        else:
            out.append(CurvePoint(grid_a[index], b_value(t), None))
    direction = "at_least" if high else "at_most"
    return TippingCurve(claim.id, a.name, b.name, a.unit, b.unit, direction, tuple(out), exact)


def _threshold(size: int, possible: Callable[[int], bool | None]) -> _Threshold:
    """The least index of ``b``'s grid (from its restrictive end) where the claim is
    possible, by bisection; or what stands for none (see ``_Threshold``)."""
    top, bottom = possible(size - 1), possible(0)
    if top is None or bottom is None:
        return None
    if not top:
        return _NOWHERE
    if bottom:
        return _EVERYWHERE
    cut = False

    def known(k: int) -> bool:
        nonlocal cut
        answer = possible(k)
        cut |= answer is None
        return bool(answer)

    first = first_true(size, known)
    return None if cut else first


def _steps(size: int, threshold: Callable[[int], _Threshold]) -> tuple[list[int], bool]:
    """The indices of ``a``'s grid where the threshold changes (0 first), and whether all
    were found within :data:`MOST_THRESHOLDS`. A stretch whose two ends agree is one step:
    the threshold is monotone in ``a``, and a cut-short end (None) is split like a change."""
    starts = {0}
    stack = [(0, size - 1)]
    asked: set[int] = set()
    while stack:
        lo, hi = stack.pop()
        asked |= {lo, hi}
        t_lo, t_hi = threshold(lo), threshold(hi)
        if t_lo == t_hi and t_lo is not None:
            continue
        if hi - lo <= 1:
            starts.add(hi)
            continue
        if len(asked) >= MOST_THRESHOLDS:
            return sorted(starts), False
        mid = (lo + hi) // 2
        stack += [(mid, hi), (lo, mid)]
    ordered = sorted(starts)
    merged = [ordered[0]]
    for index in ordered[1:]:
        if threshold(index) != threshold(merged[-1]) or threshold(index) is None:
            merged.append(index)
    return merged, True
