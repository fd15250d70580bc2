"""Whether a base has an allocation, by the totals its flights can reach (open counts allowed).

:func:`tests.oracle.brute_force.brute_force` enumerates multisets of flights,
which explodes once a dropped count lets a group fly twenty times. Feasibility
needs less: only the totals that summed assumptions bound. Each flight adds a
vector of non-negative amounts to them (one entry per summed assumption), so:

- a total above an upper bound stays above it: that partial allocation is dead;
- a total at or above its lower bound, with no upper bound, is as good as the
  bound itself: it is clipped there.

Every total then lives in a finite range, so the set of clipped vectors a group
can reach with ``n`` flights, for every ``n`` from its min to its max, is
small, and for an open count (``{min: n}``, no max) the union over all
``n >= min`` is a finite closure. Groups are combined by adding vectors. The
base is feasible exactly when some combined vector meets every lower bound.
Per-flight assumptions are conjunctions over flights: a flight that breaks one
is dropped before anything is added, as in :func:`brute_force`.

Loads of weightless cargo would still be unbounded: :func:`feasible` first
caps them as :func:`tests.oracle.statements.finite` does (and argues), then
leaves every count as written. It reads the format through the oracle's own
parser in :mod:`tests.oracle.brute_force`, so both enumerations share one
reading of the semantics and differ only in how they search.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from tests.oracle.brute_force import (
    _flight_value,
    _Group,
    _loads,
    _Plain,
    _selected,
    _Statement,
    read,
)
from tests.oracle.statements import cap_loads

__all__ = ["TooMany", "feasible"]

Rows = npt.NDArray[np.int64]  # one clipped vector of totals per row
#: Most vectors one step may produce before duplicates are removed.
MAX_ROWS = 20_000_000


class TooMany(RuntimeError):
    """More partial allocations to add up than :data:`MAX_ROWS`."""


class _Space:
    """Clipped vectors of the summed totals, one column per summed assumption.

    A column whose assumption has no upper bound is clipped at its lower bound;
    a column with an upper bound ``hi`` is clipped at ``hi + 1``, and a vector
    holding such a value is dead. A last column of zeros keeps arrays
    two-dimensional when no assumption is summed.
    """

    def __init__(self, summed: tuple[_Statement, ...]) -> None:
        self.summed = summed
        self.top = np.array(
            [s.lo if s.hi is None else s.hi + 1 for s in summed] + [0], dtype=np.int64
        )
        self.dead = np.array(
            [np.iinfo(np.int64).max if s.hi is None else s.hi + 1 for s in summed] + [1],
            dtype=np.int64,
        )
        self.radix = np.cumprod(np.concatenate(([1], self.top[:-1] + 1))).astype(np.int64)
        if float(np.prod(self.top.astype(float) + 1)) >= 2.0**62:
            raise TooMany("the clipped totals do not fit one 64-bit code")

    def zero(self) -> Rows:
        return np.zeros((1, len(self.top)), dtype=np.int64)

    def clip(self, rows: Rows) -> Rows:
        """Rows clipped, dead ones removed, duplicates removed (sorted by code)."""
        rows = np.minimum(rows, self.top)
        rows = rows[(rows < self.dead).all(axis=1)]
        codes = np.unique(rows @ self.radix)
        return self.decode(codes)

    def decode(self, codes: npt.NDArray[np.int64]) -> Rows:
        return (codes[:, None] // self.radix) % (self.top + 1)

    def add(self, states: Rows, options: Rows) -> Rows:
        """Every clipped ``state + option``."""
        if len(states) * len(options) > MAX_ROWS:
            raise TooMany(f"{len(states)} x {len(options)} partial allocations to add up")
        sums = (states[:, None, :] + options[None, :, :]).reshape(-1, len(self.top))
        return self.clip(sums)

    def codes(self, rows: Rows) -> npt.NDArray[np.int64]:
        return rows @ self.radix


def _options(p: _Plain, g: _Group, space: _Space) -> Rows:
    """What one flight of ``g`` can add to the summed totals (one row per distinct effect)."""
    per_flight = [s for s in p.assumptions if s.per_flight]
    out = []
    for dest in g.to:
        for load in _loads(p, g):
            if all(
                s.admits(_flight_value(p, s.total, load))
                for s in per_flight
                if _selected(p, g, dest, s.filters)
            ):
                out.append(
                    [
                        _flight_value(p, s.total, load) if _selected(p, g, dest, s.filters) else 0
                        for s in space.summed
                    ]
                    + [0]
                )
    if not out:
        return np.zeros((0, len(space.top)), dtype=np.int64)
    return space.clip(np.array(out, dtype=np.int64))


def _group(p: _Plain, g: _Group, space: _Space) -> Rows:
    """Every clipped vector ``g`` can add with a count in its range (open or not)."""
    options = _options(p, g, space)
    layer = space.zero()
    for _ in range(g.count_min):
        layer = space.add(layer, options)
    reached = space.codes(layer)
    n = g.count_min
    while len(layer) and (g.count_max is None or n < g.count_max):
        layer = space.add(layer, options)
        codes = space.codes(layer)
        if g.count_max is None:  # an open count: only new vectors can lead anywhere new
            fresh = ~np.isin(codes, reached)
            layer, codes = layer[fresh], codes[fresh]
        reached = np.union1d(reached, codes)
        n += 1
    return space.decode(reached)


def feasible(d: Mapping[str, Any]) -> bool:
    """Whether the base of ``d`` (claims ignored) has an allocation.

    Counts may be open; loads are capped first (see
    :func:`tests.oracle.statements.finite`), since without a mass or payload
    one flight could carry any number of units.
    """
    p = read(cap_loads(d))
    space = _Space(tuple(s for s in p.assumptions if not s.per_flight))
    combined = space.zero()
    for g in p.groups:
        combined = space.add(combined, _group(p, g, space))
        if not len(combined):
            return False
    lows = np.array([s.lo for s in space.summed] + [0], dtype=np.int64)
    return bool((combined >= lows).all(axis=1).any())
