"""Flights of alike groups handed out anew, so that each group flies within its own count.

A unit of alike groups (:mod:`airlift.analysis.alike`) is asked about as one condition on
their total flights. An allocation the model finds for it may give one group more flights
than its count allows and another fewer; since nothing tells the groups apart (the same
lanes, the same loads, no statement naming one alone), any of the unit's flights may be
flown by any of its groups. :func:`spread` gives each group its minimum, then the rest up
to each maximum in file order, taking the unit's flights (destination and load) in the
order the allocation lists them. Every total a statement can ask about stays the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from airlift.result import Allocation, AllocationRow
from airlift.scenario.schema import FlightGroup

__all__ = ["spread"]


def spread(allocation: Allocation, groups: Sequence[FlightGroup]) -> Allocation:
    """``allocation`` with the flights of ``groups`` (alike) handed out within each count.

    Unchanged when their total is outside the sum of their counts (the re-check then
    says so).
    """
    ids = {g.id for g in groups}
    runs = [r for r in allocation.rows if r.flights in ids]
    total = sum(r.count for r in runs)
    low = sum(g.count.min for g in groups)
    highs = [g.count.max for g in groups]
    if total < low or (None not in highs and total > sum(h for h in highs if h is not None)):
        return allocation
    targets = [g.count.min for g in groups]
    surplus = total - low
    for i, g in enumerate(groups):
        room = surplus if g.count.max is None else min(surplus, g.count.max - g.count.min)
        targets[i] += room
        surplus -= room
    handed: list[AllocationRow] = []
    queue = [(r.to, r.load, r.count) for r in runs]
    position = 0
    for g, want in zip(groups, targets, strict=True):
        while want > 0:
            to, load, left = queue[position]
            take = min(want, left)
            handed.append(AllocationRow(g.id, to, take, load))
            want -= take
            if take == left:
                position += 1
            else:
                queue[position] = (to, load, left - take)
    first = next(i for i, r in enumerate(allocation.rows) if r.flights in ids) if runs else 0
    others = [r for r in allocation.rows if r.flights not in ids]
    return replace(allocation, rows=(*others[:first], *handed, *others[first:]))
