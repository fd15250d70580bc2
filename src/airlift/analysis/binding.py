"""Which constraints bind in an allocation: full resources per row, and counts at an end.

**A resource binds on a row** (see :mod:`airlift.analysis.capacity` for what a resource is)
when no carried cargo type that uses it could be added as one more unit without exceeding it:

    used(load) + min{ use(t) : t carried by the group, use(t) > 0 } > capacity

where ``used(load)`` sums the row's units times their use, "carried" means the group's
``carries`` (every cargo type when it has none) less any type that does not fit the hold, and
the values are those the model decides with (the lane's payload, lowered by payload-range
with distance; the largest limits; the smallest masses and uses). A resource no carried type uses
never binds. So with 12 canister slots and 12 canisters aboard, ``canister_slots`` binds; with
27.6 t aboard of 48 t, payload does not, since another 2.3 t canister would fit by mass. Both
may bind at once. A per-flight assumption binds, by its id, when the flight's total has reached
its ``at_most``. Cargo that the answer's model left on the ground is still counted as carried:
binding is about whether the flight is *full*, not about what a question happened to count.

**A flight count binds** (``Allocation.count_binds``) when the allocation flies a group

- at its ``max``, and that is more than zero: ``(group id, "max")`` (exact counts included:
  no more flights of the group could have flown);
- otherwise at its ``min``, when that is more than zero and below its max (or the count is
  open): ``(group id, "min")``: no fewer could have flown.

Groups appear in the scenario's order.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from airlift.analysis.capacity import FlightRoom, Rooms, flight_room
from airlift.result import Allocation, AllocationRow
from airlift.scenario.schema import Scenario

__all__ = ["annotate", "count_binds", "row_binds"]


def row_binds(scenario: Scenario, row: AllocationRow) -> tuple[str, ...]:
    """The resources full on each flight of ``row``, in the order :func:`flight_room` lists."""
    group = next(g for g in scenario.flights if g.id == row.flights)
    return _binds(flight_room(scenario, group, row.to), row.load)


def _binds(room: FlightRoom, load: tuple[tuple[str, int], ...]) -> tuple[str, ...]:
    return _binds_within(_smallest_uses(room), room, load)


#: Per resource a room has: its name, its capacity and the least positive use of it by a
#: carried cargo type (resources no carried type uses are left out: they never bind).
_Smallest = tuple[tuple[str, Fraction, Fraction], ...]


def _smallest_uses(room: FlightRoom) -> _Smallest:
    out = []
    for resource, capacity in room.capacity:
        smallest = min((u for t in room.carried if (u := room.use(t, resource)) > 0), default=None)
        if smallest is not None:
            out.append((resource, capacity, smallest))
    return tuple(out)


def _binds_within(
    smallest: _Smallest, room: FlightRoom, load: tuple[tuple[str, int], ...]
) -> tuple[str, ...]:
    out = []
    for resource, capacity, least in smallest:
        used = sum((n * room.use(t, resource) for t, n in load), Fraction(0))
        if used + least > capacity:
            out.append(resource)
    return tuple(out)


def count_binds(scenario: Scenario, allocation: Allocation) -> tuple[tuple[str, str], ...]:
    """The groups flown at an end of their count: ``(id, "max")`` or ``(id, "min")``."""
    out = []
    flown_by_group: dict[str, int] = {}
    for r in allocation.rows:
        flown_by_group[r.flights] = flown_by_group.get(r.flights, 0) + r.count
    for group in scenario.flights:
        flown = flown_by_group.get(group.id, 0)
        lo, hi = group.count.min, group.count.max
        if hi is not None and flown == hi and hi > 0:
            out.append((group.id, "max"))
        elif flown == lo and lo > 0 and hi != lo:
            out.append((group.id, "min"))
    return tuple(out)


class _Binding:
    """What binds for each kind of lane and load of one scenario, computed once."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.groups = {g.id: g for g in scenario.flights}
        self.rooms = Rooms(scenario)
        self.found: dict[tuple[object, ...], tuple[str, ...]] = {}
        #: Per group id and destination, its kind of lane (``Rooms.key``).
        self.lanes: dict[tuple[str, str], tuple[object, ...]] = {}
        #: Per kind of lane (``Rooms.key``): its room and the least use of each resource.
        self.smallest: dict[tuple[object, ...], tuple[FlightRoom, _Smallest]] = {}

    def binds(self, row: AllocationRow) -> tuple[str, ...]:
        group = self.groups[row.flights]
        if (row.flights, row.to) not in self.lanes:
            self.lanes[row.flights, row.to] = self.rooms.key(group, row.to)
        lane = self.lanes[row.flights, row.to]
        key = (lane, row.load)
        if key not in self.found:
            if lane not in self.smallest:
                room = self.rooms.room(group, row.to)
                self.smallest[lane] = room, _smallest_uses(room)
            room, smallest = self.smallest[lane]
            self.found[key] = _binds_within(smallest, room, row.load)
        return self.found[key]


#: The scenarios annotated last, most recent first: an analysis annotates hundreds of
#: allocations of one scenario. Held by identity (``is``), so never mistaken for another.
_RECENT: list[_Binding] = []
_KEEP = 4


def _binding(scenario: Scenario) -> _Binding:
    for i, known in enumerate(_RECENT):
        if known.scenario is scenario:
            if i:
                _RECENT.insert(0, _RECENT.pop(i))
            return known
    _RECENT.insert(0, _Binding(scenario))
    del _RECENT[_KEEP:]
    return _RECENT[0]


def annotate(scenario: Scenario, allocation: Allocation) -> Allocation:
    """``allocation`` with every row's ``binds`` and the allocation's ``count_binds`` filled.

    Rows of groups that fly alike (same aircraft, origin, cargo and the same per-flight
    assumptions over them) to one destination share one room, and rows with the same
    load in one room bind alike: thousands of imported groups cost a few rooms, and the
    hundreds of allocations of one analysis share them.
    """
    binding = _binding(scenario)
    rows = tuple(replace(r, binds=binding.binds(r)) for r in allocation.rows)
    return replace(allocation, rows=rows, count_binds=count_binds(scenario, allocation))
