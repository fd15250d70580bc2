"""Turn a solution over flight counts into a manifest: flights, destinations, loads.

The solver knows how many flights of each lane fly each load box and how many
units of each class the lane carries in all. Here we hand those units out to
the flights, box floor first and then up to the box ceiling, and name the
cargo types: a ceiling is realized by its recorded units, a smaller load by
removing units of the right class. Flights with equal loads become one row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

from airlift.model.cpsat import Solution
from airlift.model.problem import Box, Group, Lane, Problem
from airlift.result import Allocation, AllocationRow

__all__ = ["build_allocation"]

_Run = tuple[int, int, tuple[int, ...]]  # (flights, box index, load per class)


def build_allocation(
    problem: Problem, solution: Solution, cargo_order: Sequence[str]
) -> Allocation:
    """The allocation a found solution describes, rows in group and destination order."""
    assert solution.found, "only a found solution describes an allocation"
    runs: dict[int, list[tuple[str, int, tuple[int, ...]]]] = {}  # per group: its flights
    for li, lane in enumerate(problem.lanes):
        if not _flies(lane, solution, li):  # most lanes of thousands of groups
            assert not any(solution.class_loads[li]), "a lane without flights carries cargo"
            continue
        loads: dict[tuple[int, ...], int] = {}
        if lane.explicit is not None:
            for size, units in solution.flight_loads[li]:
                loads[units] = loads.get(units, 0) + size
        else:
            lane_runs = _lane_runs(lane.boxes, solution, li, lane.bulk)
            if lane.bulk:
                lane_runs = _with_bulk(problem, li, solution, lane_runs)
            for count, b, load in lane_runs:
                poured = dict(zip(lane.bulk, lane.bulk_as, strict=True))
                units = _realize(problem, lane.boxes[b], load, poured)
                loads[units] = loads.get(units, 0) + count
        ordered = sorted(loads.items(), key=lambda kv: kv[0], reverse=True)
        runs.setdefault(lane.group, []).extend((lane.destination, n, u) for u, n in ordered)
    bulk = {c for k in problem.bulk_classes for c in problem.classes[k]}
    rows: list[tuple[int, AllocationRow]] = []
    named: dict[tuple[int, ...], tuple[_Cargo, _Bulk]] = {}  # rows repeat a few loads
    for gi, flights in runs.items():
        group = problem.groups[gi]
        for order, member, destination, count, units in _hand_out(group, flights):
            if units not in named:
                named[units] = _named(problem, units, cargo_order, bulk)
            cargo, by_mass = named[units]
            rows.append((order, AllocationRow(member, destination, count, cargo, by_mass)))
    rows.sort(key=lambda r: r[0])  # stable: file order of groups, then lane and load order
    return Allocation(tuple(row for _, row in rows))


def _flies(lane: Lane, solution: Solution, li: int) -> bool:
    """Whether any flight of ``lane`` (lane ``li``) flies, the probe's included: if not, it
    has no rows."""
    if lane.explicit is not None:
        return bool(solution.flight_loads[li])
    return any(solution.box_counts[li])


_Cargo = tuple[tuple[str, int], ...]
_Bulk = tuple[tuple[str, Fraction], ...]


def _named(
    problem: Problem, units: tuple[int, ...], cargo_order: Sequence[str], bulk: set[str]
) -> tuple[_Cargo, _Bulk]:
    """Units per cargo type as a row's load: units of each type carried, in ``cargo_order``,
    and the kg of each ``bulk`` type."""
    named = dict(zip(problem.cargo_types, units, strict=True))
    carried = [c for c in cargo_order if named.get(c, 0) > 0]
    cargo = tuple((c, named[c]) for c in carried if c not in bulk)
    by_mass = tuple((c, Fraction(named[c], problem.grains)) for c in carried if c in bulk)
    return cargo, by_mass


def _hand_out(
    group: Group, flights: Sequence[tuple[str, int, tuple[int, ...]]]
) -> list[tuple[int, str, str, int, tuple[int, ...]]]:
    """A model group's flights as rows of its scenario groups: ``(order, id, to, count, load)``.

    Each merged group gets its minimum, then as many more as its maximum allows, in
    file order; the flights are handed out in lane and load order.
    """
    if not group.members:
        return [(group.order, group.id, to, n, units) for to, n, units in flights]
    total = sum(n for _, n, _ in flights)
    quotas = [m.count_min for m in group.members]
    spare = total - sum(quotas)
    for i, m in enumerate(group.members):
        more = spare if m.count_max is None else min(spare, m.count_max - m.count_min)
        quotas[i] += more
        spare -= more
    assert spare == 0, "a merged group flew more flights than its members allow"
    out = []
    member = 0
    for to, n, units in flights:
        while n:
            while quotas[member] == 0:
                member += 1
            take = min(n, quotas[member])
            m = group.members[member]
            out.append((m.order, m.id, to, take, units))
            quotas[member] -= take
            n -= take
    return out


def _lane_runs(
    boxes: Sequence[Box], solution: Solution, li: int, bulk: Sequence[int] = ()
) -> list[_Run]:
    """Flights of one lane as runs of equal loads that add up to the lane's class totals
    (but for the ``bulk`` classes, poured in afterwards by :func:`_with_bulk`)."""
    counts = solution.box_counts[li]
    probe = solution.probe if solution.probe is not None and solution.probe.lane == li else None
    runs: list[_Run] = []
    fixed: list[_Run] = []
    for b, (box, count) in enumerate(zip(boxes, counts, strict=True)):
        if probe is not None and probe.box == b:
            fixed.append((1, b, probe.load))
            count -= 1
        if count > 0:
            runs.append((count, b, box.floor))
    for k, total in enumerate(solution.class_loads[li]):
        if k in bulk:
            continue
        remaining = total - sum(c * load[k] for c, _, load in runs + fixed)
        assert remaining >= 0, "class total below the floors of its flights"
        grown: list[_Run] = []
        for count, b, load in runs:
            room = boxes[b].ceiling[k] - load[k]
            if remaining == 0 or room == 0:
                grown.append((count, b, load))
                continue
            full = min(count, remaining // room)
            rest = remaining - full * room if full < count else 0
            if full:
                grown.append((full, b, _with(load, k, load[k] + room)))
            left = count - full
            if rest and left:
                grown.append((1, b, _with(load, k, load[k] + rest)))
                left -= 1
            if left:
                grown.append((left, b, load))
            remaining -= full * room + (rest if count > full else 0)
        assert remaining == 0, "class total above the ceilings of its flights"
        runs = grown
    return fixed + runs


def _with_bulk(problem: Problem, li: int, solution: Solution, runs: list[_Run]) -> list[_Run]:
    """``runs`` with the lane's bulk poured into the payload their units leave, in order.

    The solver bounds only the lane's bulk in all (see ``LaneModel._add_bulk_room``),
    so any order fills it: first each flight's per-flight minimum of bulk, if any, then
    the rest. The probe flight (first in ``runs``) keeps the bulk the solver gave it.
    """
    lane = problem.lanes[li]
    probe = solution.probe if solution.probe is not None and solution.probe.lane == li else None
    left = {k: solution.class_loads[li][k] - (probe.load[k] if probe else 0) for k in lane.bulk}
    fixed, rest = (runs[:1], runs[1:]) if probe is not None else ([], runs)
    if lane.bulk_floor is not None:
        ks, lo = lane.bulk_floor
        rest = _pour(rest, ks, left, lambda load: lo - sum(load[k] for k in ks))

    def room(load: tuple[int, ...]) -> int:
        if lane.bulk_total is not None:  # no payload: any flight takes what is left
            return lane.bulk_total * len(lane.bulk) - sum(load[k] for k in lane.bulk)
        units = sum(
            m * n
            for k, (m, n) in enumerate(zip(problem.class_mass, load, strict=True))
            if k not in lane.bulk
        )
        return lane.payload - units - sum(load[k] for k in lane.bulk)

    rest = _pour(rest, lane.bulk, left, room)
    assert not any(left.values()), "a lane's bulk exceeds the room its flights leave"
    return fixed + rest


def _pour(
    runs: Sequence[_Run],
    classes: Sequence[int],
    left: dict[int, int],
    room_of: Callable[[tuple[int, ...]], int],
) -> list[_Run]:
    """Runs with ``left`` of ``classes`` poured into each flight's ``room_of`` its load, in
    order; runs split where the amount runs out."""
    out: list[_Run] = []
    for count, b, load in runs:
        room = room_of(load)
        while count:
            k = next((k for k in classes if left[k]), None)
            if k is None or room <= 0:
                out.append((count, b, load))
                break
            full = min(count, left[k] // room)
            if full:  # flights filled with class k alone
                out.append((full, b, _with(load, k, load[k] + room)))
                left[k] -= full * room
                count -= full
                continue
            mixed, space = load, room  # one flight takes what is left, class after class
            for j in classes:
                take = min(left[j], space)
                mixed, space = _with(mixed, j, mixed[j] + take), space - take
                left[j] -= take
            out.append((1, b, mixed))
            count -= 1
    return out


def _with(load: tuple[int, ...], k: int, value: int) -> tuple[int, ...]:
    return (*load[:k], value, *load[k + 1 :])


def _realize(
    problem: Problem, box: Box, load: tuple[int, ...], bulk_as: dict[int, int]
) -> tuple[int, ...]:
    """Units per cargo type carrying ``load``: the box's ceiling realization, trimmed, and
    each poured bulk class as the type ``bulk_as`` names (a type the flight may carry)."""
    units = list(box.realization)
    index = {c: i for i, c in enumerate(problem.cargo_types)}
    for k, members in enumerate(problem.classes):
        if k in bulk_as:
            units[bulk_as[k]] += load[k]
            continue
        excess = box.ceiling[k] - load[k]
        for name in reversed(members):
            if excess == 0:
                break
            i = index[name]
            taken = min(units[i], excess)
            units[i] -= taken
            excess -= taken
    return tuple(units)
