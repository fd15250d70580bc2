"""A tiny exact linear-programming solver over Fractions, for the mass oracle.

Two-phase dense-tableau simplex with Bland's rule (so it never cycles), on
non-negative variables. It is written for problems of a handful of variables
and rows, where exactness matters and speed does not; it shares no code with
airlift or with any solver library.

A problem is a list of rows ``(coefficients, sense, rhs)`` with ``coefficients``
a mapping from variable index to Fraction and ``sense`` one of ``"<="``,
``">="``, ``"=="``. Every variable is ``>= 0``. :class:`Polytope` runs phase 1
once and then optimises any number of objectives from the feasible basis it
found; :func:`solve` is the one-shot form.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

__all__ = ["LPResult", "Polytope", "Row", "solve"]

Row = tuple[Mapping[int, Fraction], str, Fraction]

_ZERO = Fraction(0)
_ONE = Fraction(1)


@dataclass(frozen=True)
class LPResult:
    """``status`` is ``"optimal"``, ``"infeasible"`` or ``"unbounded"``."""

    status: str
    value: Fraction | None = None  #: the optimum of the objective (as given, min or max)
    x: tuple[Fraction, ...] | None = None  #: an optimal point

    @property
    def feasible(self) -> bool:
        return self.status != "infeasible"


def _pivot(t: list[list[Fraction]], basis: list[int], r: int, c: int) -> None:
    row = t[r]
    p = row[c]
    if p != 1:
        inv = 1 / p
        t[r] = row = [v * inv if v else v for v in row]
    nz = [j for j, v in enumerate(row) if v]
    for i, other in enumerate(t):
        if i == r:
            continue
        f = other[c]
        if f:
            for j in nz:
                other[j] -= f * row[j]
    basis[r] = c


def _simplex(t: list[list[Fraction]], basis: list[int], allowed: int) -> bool:
    """Minimise the objective held in the last row of ``t`` (reduced costs; rhs last).

    Only columns ``< allowed`` may enter. Returns False when unbounded.
    """
    obj = t[-1]
    m = len(t) - 1
    while True:
        enter = next((j for j in range(allowed) if obj[j] < 0), None)
        if enter is None:
            return True
        best: tuple[Fraction, int] | None = None
        leave = -1
        for i in range(m):
            a = t[i][enter]
            if a > 0:
                key = (t[i][-1] / a, basis[i])
                if best is None or key < best:
                    best, leave = key, i
        if leave < 0:
            return False
        _pivot(t, basis, leave, enter)


class Polytope:
    """``{x >= 0 : rows}``, with a feasible basis found once (phase 1)."""

    def __init__(self, n_vars: int, rows: Sequence[Row]) -> None:
        self.n_vars = n_vars
        self.empty = False
        self.tableau: list[list[Fraction]] = []
        self.basis: list[int] = []
        self.width = n_vars
        # Rows that x = 0 satisfies get a slack as their basic variable; only the
        # others need an artificial one.
        norm: list[tuple[dict[int, Fraction], str, Fraction]] = []
        for coeffs, sense, rhs in rows:
            c = {j: Fraction(v) for j, v in coeffs.items() if v}
            rhs = Fraction(rhs)
            if not c:
                if not (
                    (sense == "<=" and rhs >= 0)
                    or (sense == ">=" and rhs <= 0)
                    or (sense == "==" and rhs == 0)
                ):
                    self.empty = True
                    return
                continue
            if sense == ">=" and rhs <= 0:
                c, sense, rhs = {j: -v for j, v in c.items()}, "<=", -rhs
            elif sense == "<=" and rhs < 0:
                c, sense, rhs = {j: -v for j, v in c.items()}, ">=", -rhs
            elif sense == "==" and rhs < 0:
                c, rhs = {j: -v for j, v in c.items()}, -rhs
            norm.append((c, sense, rhs))
        n_slack = sum(1 for _, s, _ in norm if s != "==")
        n_art = sum(1 for _, s, _ in norm if s != "<=")
        n_real = n_vars + n_slack
        width = n_real + n_art + 1
        t: list[list[Fraction]] = []
        basis: list[int] = []
        slack, art = n_vars, n_real
        for c, sense, rhs in norm:
            row = [_ZERO] * width
            for j, v in c.items():
                row[j] = v
            row[-1] = rhs
            if sense == "<=":
                row[slack] = _ONE
                basis.append(slack)
                slack += 1
            else:
                if sense == ">=":
                    row[slack] = -_ONE
                    slack += 1
                row[art] = _ONE
                basis.append(art)
                art += 1
            t.append(row)
        if n_art:
            obj = [_ZERO] * width
            for i, b in enumerate(basis):
                if b >= n_real:
                    row = t[i]
                    for j in range(n_real):
                        if row[j]:
                            obj[j] -= row[j]
                    obj[-1] -= row[-1]
            t.append(obj)
            _simplex(t, basis, n_real)
            if t[-1][-1] != 0:  # minus the sum of the artificials
                self.empty = True
                return
            t.pop()
            i = 0
            while i < len(t):  # basic artificials at level 0: pivot out or drop the row
                if basis[i] >= n_real:
                    enter = next((j for j in range(n_real) if t[i][j]), None)
                    if enter is None:
                        del t[i]
                        del basis[i]
                        continue
                    _pivot(t, basis, i, enter)
                i += 1
        for row in t:
            del row[n_real:-1]
        self.tableau, self.basis, self.width = t, basis, n_real

    @property
    def feasible(self) -> bool:
        return not self.empty

    def optimise(self, objective: Mapping[int, Fraction], *, maximize: bool = False) -> LPResult:
        if self.empty:
            return LPResult("infeasible")
        n_real = self.width
        t = [list(row) for row in self.tableau]
        basis = list(self.basis)
        cost = [_ZERO] * (n_real + 1)
        for j, v in objective.items():
            cost[j] = -Fraction(v) if maximize else Fraction(v)
        obj = list(cost)
        for i, b in enumerate(basis):
            cb = cost[b]
            if cb:
                row = t[i]
                for j in range(n_real + 1):
                    if row[j]:
                        obj[j] -= cb * row[j]
        t.append(obj)
        if not _simplex(t, basis, n_real):
            return LPResult("unbounded")
        x = [_ZERO] * self.n_vars
        for i, b in enumerate(basis):
            if b < self.n_vars:
                x[b] = t[i][-1]
        value = sum((Fraction(v) * x[j] for j, v in objective.items()), _ZERO)
        return LPResult("optimal", value, tuple(x))


def solve(
    n_vars: int,
    rows: Sequence[Row],
    objective: Mapping[int, Fraction] | None = None,
    *,
    maximize: bool = False,
) -> LPResult:
    """Optimise ``objective`` (or only test feasibility) over ``rows``, all variables ``>= 0``."""
    poly = Polytope(n_vars, rows)
    if not poly.feasible:
        return LPResult("infeasible")
    return poly.optimise(objective or {}, maximize=maximize)
