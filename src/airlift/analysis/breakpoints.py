"""The only values at which moving a payload, limit, mass or use can end a conflict.

Whether a conflict's statements hold, with one physical value moved, changes
only where some load of one flight starts or stops fitting. Cargo that no kept
statement needs (see :mod:`airlift.analysis.relevance`) can always be left
behind, so only loads of *needed* cargo matter, and:

- raising a payload (a limit) of aircraft ``a`` makes a difference only at the
  mass (the use of that limit) of some load of needed cargo that a flight of
  ``a`` can carry within its other limits;
- lowering the mass (a use) of cargo ``c`` makes a difference only at
  ``(room - what the rest of the load takes) / n`` for some lane carrying
  ``c``, some load of other needed cargo and ``n >= 1`` units of ``c``.

On whole units the nearest value that works is one of these *breakpoints*,
rounded toward the written value's far side (up for a payload, down for a
mass). :func:`breakpoints` lists them nearest first, lightest loads first, by
a best-first walk over loads. It may list values that fit no allocation (it
ignores per-flight statements and counts), which only costs a solve; it never
misses one, which is what makes searching only these values exact. The walk
is capped; a capped list says so, and the search goes on over whole units from
where it stopped.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction

from airlift.result import Role, StatementKey
from airlift.scenario.lanes import carried_types, lane_payload
from airlift.scenario.schema import Scenario

__all__ = ["MAX_LOADS", "Breakpoints"]

#: Loads the walk may visit before it gives up on listing every breakpoint.
MAX_LOADS = 5000
#: The resource name of the payload among a flight's resources.
_PAYLOAD = "\x00payload"


@dataclass(frozen=True)
class _Room:
    """What one kind of flight holds: its capacities, and the needed cargo it may carry."""

    capacity: tuple[tuple[str, Fraction], ...]
    types: tuple[str, ...]


@dataclass
class Breakpoints:
    """The breakpoints of one physical value beyond ``start``, nearest first (iterate).

    ``scenario`` is the what-if at the written value (statements outside the
    conflict dropped); ``needed`` the cargo types that some kept statement
    needs carried. After iteration ends, ``complete`` says whether every
    breakpoint was listed (False when the walk hit :data:`MAX_LOADS`).
    """

    scenario: Scenario
    key: StatementKey
    needed: frozenset[str]
    start: int
    complete: bool = field(default=False, init=False)

    def __iter__(self) -> Iterator[int]:
        up = self.key.role in (Role.PAYLOAD, Role.LIMIT)
        walk = self._raised() if up else self._lowered()
        last: int | None = None
        for value in walk:
            rounded = math.ceil(value) if up else math.floor(value)
            beyond = rounded > self.start if up else rounded < self.start
            if beyond and rounded != last and (up or rounded >= 0):
                last = rounded
                yield rounded

    # -- the resources of flights ------------------------------------------------------------

    def _resource(self) -> str:
        """The resource the key is a value of: the payload, or a limit's name."""
        if self.key.role in (Role.PAYLOAD, Role.MASS):
            return _PAYLOAD
        assert self.key.field is not None
        return self.key.field

    def _use(self, cargo: str, resource: str) -> Fraction:
        item = self.scenario.cargo[cargo]
        if resource == _PAYLOAD:  # bulk takes payload by the kg
            return item.mass.min.value if item.mass is not None else Fraction(1)
        return item.uses[resource].min.value if resource in item.uses else Fraction(0)

    def _rooms(self) -> list[_Room]:
        """Every distinct kind of flight the key bears on, with the needed cargo it carries."""
        s = self.scenario
        out: dict[_Room, None] = {}
        for group in s.flights:
            if self.key.role in (Role.PAYLOAD, Role.LIMIT) and group.aircraft != self.key.entry:
                continue
            types = tuple(t for t in carried_types(s, group) if t in self.needed)
            if self.key.role in (Role.MASS, Role.USES) and self.key.entry not in types:
                continue
            limits = s.aircraft[group.aircraft].limits
            for destination in group.to:
                capacity = [(_PAYLOAD, lane_payload(s, group, destination))]
                capacity += [(name, amount.max.value) for name, amount in limits.items()]
                out[_Room(tuple(capacity), types)] = None
        return list(out)

    def _fits(self, room: _Room, load: dict[str, int], skip: str) -> bool:
        for resource, capacity in room.capacity:
            if resource == skip:
                continue
            if sum(n * self._use(t, resource) for t, n in load.items()) > capacity:
                return False
        return True

    # -- the walks ---------------------------------------------------------------------------

    def _raised(self) -> Iterator[Fraction]:
        """What loads use of the key's resource, lightest first (a payload or limit raised)."""
        resource = self._resource()
        heap: list[tuple[Fraction, int, int, tuple[int, ...]]] = []
        rooms = self._rooms()
        kinds = [tuple(t for t in r.types if self._use(t, resource) > 0) for r in rooms]
        for i in range(len(rooms)):
            heap.append((Fraction(0), i, 0, ()))
        visited = 0
        while heap:
            used, i, first, counts = heapq.heappop(heap)
            visited += 1
            if visited > MAX_LOADS:
                return
            yield used
            for j in range(first, len(kinds[i])):
                grown = list(counts) + [0] * (len(kinds[i]) - len(counts))
                grown[j] += 1
                load = dict(zip(kinds[i], grown, strict=True))
                if self._fits(rooms[i], load, resource):
                    step = self._use(kinds[i][j], resource)
                    heapq.heappush(heap, (used + step, i, j, tuple(grown)))
        self.complete = True

    def _lowered(self) -> Iterator[Fraction]:
        """``(room - rest of load) / n`` over loads with ``n`` units of the key's cargo,
        largest first (a mass or use lowered)."""
        resource, cargo = self._resource(), self.key.entry
        heap: list[tuple[Fraction, int, int, int, tuple[int, ...]]] = []
        rooms = self._rooms()
        kinds = [
            tuple(t for t in r.types if t != cargo and self._use(t, resource) > 0) for r in rooms
        ]
        for i, room in enumerate(rooms):
            capacity = dict(room.capacity).get(resource)
            if capacity is None:  # the limit is dropped on these flights: any use fits
                continue
            if self._fits(room, {cargo: 1}, resource):
                heapq.heappush(heap, (-capacity, i, 1, 0, ()))
        visited = 0
        while heap:
            negative, i, n, first, counts = heapq.heappop(heap)
            visited += 1
            if visited > MAX_LOADS:
                return
            yield -negative
            room, capacity = rooms[i], dict(rooms[i].capacity)[resource]
            if not counts and self._fits(room, {cargo: n + 1}, resource):
                heapq.heappush(heap, (-capacity / (n + 1), i, n + 1, 0, ()))
            for j in range(first, len(kinds[i])):
                grown = list(counts) + [0] * (len(kinds[i]) - len(counts))
                grown[j] += 1
                load = {**dict(zip(kinds[i], grown, strict=True)), cargo: n}
                rest = sum(m * self._use(t, resource) for t, m in load.items() if t != cargo)
                if rest <= capacity and self._fits(room, load, resource):
                    heapq.heappush(heap, (-(capacity - rest) / n, i, n, j, tuple(grown)))
        self.complete = True
