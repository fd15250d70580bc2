"""The nearest value of one number at which a what-if holds: galloping, bisection, tightening.

A per-flight bound or a physical value (payload, limit, mass, use) changes what
one flight can carry, so it cannot be a switch of one model: each value tried
is a model of its own. Feasibility is monotone in each such number, so the
nearest value that works is found by galloping away from the written one
(steps 1, 2, 4, ...) until one works, then bisecting.

Each allocation found narrows the search by more than the value tried: an
allocation that works with a payload of 64 t but loads no flight beyond
61.18 t works with 61.18 t as well (:func:`tightest`). The next value tried is
then below 61.18 t, often the last one needed. Every value reported comes
with an allocation re-checked at exactly that value.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from airlift.analysis.answers import Check
from airlift.analysis.breakpoints import Breakpoints
from airlift.result import Allocation, AllocationRow, Cutoff, Feasibility, Role, StatementKey
from airlift.scenario.lanes import lane_payload
from airlift.scenario.schema import Scenario

__all__ = ["Nearest", "nearest", "nearest_among", "rounded", "tightest"]


@dataclass(frozen=True)
class Nearest:
    """The value found, whether it is proven nearest, an allocation at it, and any cutoff."""

    value: int | None  #: None: no value up to the far end works
    proven: bool
    witness: Allocation | None
    cutoff: Cutoff | None = None


def nearest(
    check: Callable[[int], Check],
    start: int,
    stop: int,
    tighten: Callable[[int, Allocation], int] | None = None,
) -> Nearest:
    """The value nearest ``start`` (which fails) toward ``stop`` at which ``check`` holds.

    Feasibility must be monotone from ``start`` to ``stop``. Steps double away
    from ``start`` until one holds, then bisection closes in: values far from
    the written one (which make loads huge) are tried only when needed.
    ``tighten(value, witness)``, when given, moves a value that holds toward
    ``start`` as far as its witness still holds there (the witness is then
    taken to hold at the returned value). An unknown answer counts as failing,
    and unproves the result. No value when even ``stop`` fails.
    """
    sign = 1 if stop >= start else -1
    bad, proven, cutoff = start, True, None
    good: int | None = None
    witness: Allocation | None = None

    def failed(answer: Check) -> None:
        nonlocal proven, cutoff
        if answer.status is not Feasibility.INFEASIBLE:
            proven = False
            cutoff = cutoff or answer.cutoff or Cutoff.TIME_LIMIT

    def held(value: int, answer: Check) -> tuple[int, Allocation]:
        assert answer.witness is not None
        moved = tighten(value, answer.witness) if tighten is not None else value
        # never back past a value that failed: at most to the next one toward ``value``
        return (max(moved, bad + 1) if sign > 0 else min(moved, bad - 1)), answer.witness

    step = 1
    while good is None:
        probe = start + sign * step
        if sign * (probe - stop) >= 0:
            probe = stop
        answer = check(probe)
        if answer.status is Feasibility.FEASIBLE:
            good, witness = held(probe, answer)
        elif probe == stop:
            failed(answer)
            return Nearest(None, proven, None, cutoff)
        else:
            bad = probe
            failed(answer)
            step *= 2
    while abs(good - bad) > 1:
        middle = (bad + good) // 2
        answer = check(middle)
        if answer.status is Feasibility.FEASIBLE:
            good, witness = held(middle, answer)
        else:
            bad = middle
            failed(answer)
    return Nearest(good, proven, witness, cutoff)


def nearest_among(
    check: Callable[[int], Check], start: int, stop: int, candidates: Breakpoints
) -> Nearest:
    """As :func:`nearest`, trying only ``candidates``: the values, nearest ``start`` first,
    where feasibility may change (:mod:`airlift.analysis.breakpoints`).

    Gallops over the candidates (the 1st, 2nd, 4th, ...) and then bisects between
    them, so the answer takes about twice the logarithm of its rank among them:
    often one or two solves. When the list was capped before a candidate held,
    the search goes on over whole units from the last one tried.
    """
    up = stop >= start
    values: list[int] = []
    listed = iter(candidates)
    ended = at_stop = False

    def value(i: int) -> int | None:
        """The ``i``-th value to try (None past the last): candidates, then ``stop``."""
        nonlocal ended, at_stop
        while len(values) <= i and not ended:
            v = next(listed, None)
            if v is None:
                ended = True
            elif v >= stop if up else v <= stop:  # the far end stands for all beyond it
                values.append(stop)
                ended = at_stop = True
            else:
                values.append(v)
        return values[i] if i < len(values) else None

    proven, cutoff = True, None
    bad, step, i = -1, 1, 0
    while True:
        v = value(i)
        if v is None:
            if len(values) - 1 > bad:
                i = len(values) - 1
                continue
            if candidates.complete or at_stop:  # nothing beyond the last one tried changes
                return Nearest(None, proven, None, cutoff)
            rest = nearest(check, values[bad] if bad >= 0 else start, stop)
            rest_cutoff = cutoff or rest.cutoff
            return Nearest(rest.value, proven and rest.proven, rest.witness, rest_cutoff)
        answer = check(v)
        if answer.status is Feasibility.FEASIBLE:
            good, witness = i, answer.witness
            break
        if answer.status is not Feasibility.INFEASIBLE:
            proven, cutoff = False, cutoff or answer.cutoff or Cutoff.TIME_LIMIT
        bad, i, step = i, i + step, step * 2
    while good - bad > 1:
        middle = (bad + good) // 2
        answer = check(values[middle])
        if answer.status is Feasibility.FEASIBLE:
            good, witness = middle, answer.witness
        else:
            bad = middle
            if answer.status is not Feasibility.INFEASIBLE:
                proven, cutoff = False, cutoff or answer.cutoff or Cutoff.TIME_LIMIT
    return Nearest(values[good], proven, witness, cutoff)


def tightest(scenario: Scenario, key: StatementKey, witness: Allocation) -> Fraction | None:
    """The value of the physical ``key`` nearest to failing at which ``witness`` still fits.

    ``scenario`` is the what-if the witness was found in. For a payload or a limit (which
    a relaxation raises) the most any flight of that aircraft uses of it; for a mass or a
    use (lowered) the most one unit could weigh or use with every flight carrying it still
    within its payload or limit. None when the witness does not depend on the value (no
    flight of the aircraft, or none carrying the cargo, or the limit dropped).
    """
    groups = {g.id: g for g in scenario.flights}
    if key.role in (Role.PAYLOAD, Role.LIMIT):
        used = [
            _use(scenario, row.load, key.field) + (_bulk(row) if key.role is Role.PAYLOAD else 0)
            for row in witness.rows
            if groups[row.flights].aircraft == key.entry
        ]
        return max(used, default=None)
    bounds: list[Fraction] = []
    for row in witness.rows:
        units = dict(row.load).get(key.entry, 0)
        if units == 0:
            continue
        group = groups[row.flights]
        if key.role is Role.MASS:
            room = lane_payload(scenario, group, row.to) - _bulk(row)
        else:
            limits = scenario.aircraft[group.aircraft].limits
            if key.field not in limits:
                continue
            room = limits[key.field].max.value
        others = _use(scenario, tuple(x for x in row.load if x[0] != key.entry), key.field)
        bounds.append((room - others) / units)
    return min(bounds, default=None)


def _bulk(row: AllocationRow) -> Fraction:
    """The mass of the bulk cargo on one flight of ``row``, in kg."""
    return sum((kg for _, kg in row.bulk), Fraction(0))


def _use(scenario: Scenario, load: tuple[tuple[str, int], ...], limit: str | None) -> Fraction:
    """The mass of one flight's load (``limit`` None) or what it uses of a limit."""
    total = Fraction(0)
    for name, units in load:
        cargo = scenario.cargo[name]
        if limit is None and cargo.mass is not None:
            total += units * cargo.mass.min.value
        elif limit in cargo.uses:
            total += units * cargo.uses[limit].min.value
    return total


def rounded(value: Fraction, up: bool) -> int:
    """A tightened value on the unit grid, on the side where the witness still fits."""
    return math.ceil(value) if up else math.floor(value)
