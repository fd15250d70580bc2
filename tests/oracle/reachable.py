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

Vector = tuple[int, ...]
#: Most distinct vectors one group or the combination may reach.
MAX_STATES = 200_000


class TooMany(RuntimeError):
    """More reachable vectors than :data:`MAX_STATES`."""


def _clip(v: Vector, bounds: tuple[_Statement, ...]) -> Vector | None:
    """``v`` with satisfied open-ended totals clipped; None if a total is above its bound."""
    out = []
    for x, s in zip(v, bounds, strict=True):
        if s.hi is None:
            out.append(min(x, s.lo))
        elif x > s.hi:
            return None
        else:
            out.append(x)
    return tuple(out)


def _add(states: set[Vector], options: set[Vector],
         bounds: tuple[_Statement, ...]) -> set[Vector]:
    out = set()
    for s in states:
        for o in options:
            v = _clip(tuple(a + b for a, b in zip(s, o, strict=True)), bounds)
            if v is not None:
                out.add(v)
    if len(out) > MAX_STATES:
        raise TooMany(f"more than {MAX_STATES} reachable totals")
    return out


def _options(p: _Plain, g: _Group, summed: tuple[_Statement, ...]) -> set[Vector]:
    """What one flight of ``g`` can add to the summed totals (one vector per distinct effect)."""
    per_flight = [s for s in p.assumptions if s.per_flight]
    out = set()
    for dest in g.to:
        for load in _loads(p, g):
            if all(s.admits(_flight_value(p, s.total, load)) for s in per_flight
                   if _selected(p, g, dest, s.filters)):
                out.add(tuple(_flight_value(p, s.total, load)
                              if _selected(p, g, dest, s.filters) else 0 for s in summed))
    return out


def _group(p: _Plain, g: _Group, summed: tuple[_Statement, ...]) -> set[Vector]:
    """Every clipped vector ``g`` can add with a count in its range (open or not)."""
    options = _options(p, g, summed)
    layer = {(0,) * len(summed)}
    for _ in range(g.count_min):
        layer = _add(layer, options, summed)
    reached = set(layer)
    n = g.count_min
    while layer and (g.count_max is None or n < g.count_max):
        layer = _add(layer, options, summed)
        if g.count_max is None:
            layer -= reached  # an open count: only new vectors can lead anywhere new
        reached |= layer
        n += 1
        if len(reached) > MAX_STATES:
            raise TooMany(f"more than {MAX_STATES} reachable totals")
    return reached


def feasible(d: Mapping[str, Any]) -> bool:
    """Whether the base of ``d`` (claims ignored) has an allocation.

    Counts may be open; loads are capped first (see
    :func:`tests.oracle.statements.finite`), since without a mass or payload
    one flight could carry any number of units.
    """
    p = read(cap_loads(d))
    summed = tuple(s for s in p.assumptions if not s.per_flight)
    combined = {(0,) * len(summed)}
    for g in p.groups:
        combined = _add(combined, _group(p, g, summed), summed)
        if not combined:
            return False
    return any(all(x >= s.lo for x, s in zip(v, summed, strict=True)) for v in combined)
