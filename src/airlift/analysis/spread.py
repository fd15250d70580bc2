"""Flights of alike groups handed out anew, and counts re-checked group by group.

A unit of alike groups (:mod:`airlift.analysis.alike`) is asked about as one condition on
their total flights. An allocation the model finds for it may give one group more flights
than its count allows and another fewer; since nothing tells the groups apart (the same
lanes, the same loads, no statement naming one alone), any of the unit's flights may be
flown by any of its groups. :func:`spread` gives each group its minimum, then the rest up
to each maximum in file order, taking the unit's flights (destination and load) in the
order the allocation lists them. Every total a statement can ask about stays the same.

:func:`counted_problems` re-checks an allocation with the counts among its requirements
taken group by group, so that thousands of count conditions do not each total every row.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import replace

from airlift.analysis.verify import violations
from airlift.model import Requirement
from airlift.result import Allocation, AllocationRow
from airlift.scenario.schema import FlightGroup, Scenario

__all__ = ["counted_problems", "spread"]


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
    queue = [(r, r.count) for r in runs]
    position = 0
    for g, want in zip(groups, targets, strict=True):
        while want > 0:
            row, left = queue[position]
            take = min(want, left)
            handed.append(replace(row, flights=g.id, count=take, binds=()))
            want -= take
            if take == left:
                position += 1
            else:
                queue[position] = (row, left - take)
    first = next(i for i, r in enumerate(allocation.rows) if r.flights in ids) if runs else 0
    others = [r for r in allocation.rows if r.flights not in ids]
    return replace(allocation, rows=(*others[:first], *handed, *others[first:]))


def counted_problems(
    scenario: Scenario,
    allocation: Allocation,
    reqs: Sequence[Requirement],
    count_ids: Collection[str],
    group: Callable[[str], FlightGroup],
) -> list[str]:
    """Every way ``allocation`` breaks ``scenario`` and ``reqs`` (see :func:`violations`).

    Requirements whose id is in ``count_ids`` are flight counts: of one group, or of a
    unit of alike groups (then each of its groups must also fly within its own count,
    as ``group`` gives it). They are checked from each group's flights, counted once.
    """
    counts = [r for r in reqs if r.id in count_ids]
    if not counts:
        return violations(scenario, allocation, reqs)
    flown: dict[str, int] = {}
    for row in allocation.rows:
        flown[row.flights] = flown.get(row.flights, 0) + row.count
    problems = []
    for r in counts:
        members = r.spec.flights or ()
        n = sum(flown.get(g, 0) for g in members)
        if n < r.lo or (r.hi is not None and n > r.hi):
            problems.append(f"{r.id}: {n} flights outside [{r.lo}, {r.hi}]")
        for g in members if len(members) > 1 else ():  # a unit: each group on its own
            count, n = group(g).count, flown.get(g, 0)
            if n < count.min or (count.max is not None and n > count.max):
                problems.append(f"{g}: {n} flights, outside its count")
    others = [r for r in reqs if r.id not in count_ids]
    return problems + violations(scenario, allocation, others)
