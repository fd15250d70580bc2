"""A scenario's schedule compiled to whole seconds: the flights to place, and the times
between them.

Every flight a schedule places is a *node*: one leg read from a leg file (with its times
and airframe, as far as the row gives them), or one flight of a flight group's count that
no row describes. A group of ``count: {min: 18, max: 22}`` gives 22 nodes, the first 18
flown; a group open above gives the nodes that could still fit (see :func:`compile_schedule`).

Times are whole seconds from the window's start. The values of the ranges are chosen by a
:class:`Corner` (or pinned one by one for a relaxation): a leg takes at least its
great-circle distance at the block speed plus the block extra, rounded up to the second;
a ground time is rounded up to the second. Longer legs and ground times only ever remove
schedules, so the fastest corner decides "possible" and the slowest "for every value".

A leg or ground time longer than the window is kept as one second more than the window: it
rules out the same schedules (nothing that long fits between two moments of the window, and
spots held that long overlap every other use of the spot), and a file may write durations
up to 2^62 minutes or speeds of 10^-9 km/h, whose seconds no 64-bit solver holds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction

from airlift.scenario.lanes import great_circle_km
from airlift.scenario.schedule_schema import AircraftSchedule, Schedule
from airlift.scenario.schema import Scenario
from airlift.tracks import Leg
from airlift.tracks.legs import TimeKind

__all__ = [
    "MAX_INDEPENDENT",
    "MAX_NODES",
    "MAX_TIMED_NODES",
    "OPEN_EXTRA",
    "Corner",
    "Node",
    "ScheduleData",
    "TypeValues",
    "compile_schedule",
    "type_values",
]

#: The most flights with free times one schedule model places on airframe paths; past it,
#: questions are unknown (too large) unless the flights are independent (see
#: ``ScheduleData.chained``). Flights whose takeoff a leg row fixes follow few others,
#: so up to ``MAX_TIMED_NODES`` flights are placed when at most this many are free.
MAX_NODES = 120
#: The most flights placed on airframe paths when most of them have a fixed takeoff (300
#: tracked legs on 20 registrations and 24 unseen flights: 16,608 arcs, 2.7 s to a first
#: schedule, the fewest airframes a certified interval at the default time limit).
MAX_TIMED_NODES = 500
#: The most independent flights one schedule model places (a few variables each, no paths).
MAX_INDEPENDENT = 20_000
#: The most unseen flights added to a group open above, when nothing else caps it.
OPEN_EXTRA = 24
#: Nodes are made up to one past ``MAX_INDEPENDENT``, which every model refuses (too large):
#: a count may be 2^62, and one node per flight would fill any memory first.
NODE_LIMIT = MAX_INDEPENDENT + 1


@dataclass(frozen=True)
class TypeValues:
    """The values of one aircraft type's schedule ranges, chosen for one question."""

    speed: Fraction  #: km/h
    extra: Fraction  #: minutes added to every leg
    ground: Fraction  #: minutes, where ``ground_at`` says nothing
    ground_at: tuple[tuple[str, Fraction], ...] = ()  #: minutes, per airfield

    def ground_minutes(self, airfield: str) -> Fraction:
        return dict(self.ground_at).get(airfield, self.ground)


class Corner:
    """Which end of every range: the fastest legs and shortest turns, or the slowest."""

    FAST = "fast"
    SLOW = "slow"


def type_values(entry: AircraftSchedule, corner: str) -> TypeValues:
    """An aircraft type's values at a corner of its ranges."""
    fast = corner == Corner.FAST

    def end(r: object) -> Fraction:
        lo, hi = r.min.value, r.max.value  # type: ignore[attr-defined]
        return Fraction(lo if fast else hi)

    return TypeValues(
        speed=Fraction(entry.block_speed.max.value if fast else entry.block_speed.min.value),
        extra=end(entry.block_extra) if entry.block_extra is not None else Fraction(0),
        ground=end(entry.ground_time),
        ground_at=tuple((k, end(v)) for k, v in entry.ground_time_at.items()),
    )


@dataclass(frozen=True)
class Node:
    """One flight to place: its group, type, origin, possible destinations, and what its
    leg row fixes (times in seconds from the window's start, airframe)."""

    group: str
    aircraft: str
    origin: int
    destinations: tuple[int, ...]
    mandatory: bool
    takeoff: tuple[int, int]  #: earliest and latest takeoff
    landing: tuple[int, int]  #: earliest and latest landing
    airframe: str | None = None
    leg: Leg | None = None
    #: Nodes of one group with no row are interchangeable: the same ``twin`` key.
    twin: bool = False


@dataclass(frozen=True)
class ScheduleData:
    """A schedule in whole seconds, ready for the model."""

    horizon: int  #: the window's length in seconds
    airfields: tuple[str, ...]
    nodes: tuple[Node, ...]
    #: Per group: (least, most) flights; most None when open.
    counts: tuple[tuple[str, int, int | None], ...]
    #: Per aircraft type: (least airframes, most or None, registrations or None).
    fleets: tuple[tuple[str, int, int | None, tuple[str, ...] | None], ...]
    #: Seconds of ground time, per (type, airfield index).
    ground: Mapping[tuple[str, int], int]
    #: Least seconds of a leg, per (type, origin index, destination index).
    block: Mapping[tuple[str, int, int], int]
    spots: tuple[tuple[int, int], ...]  #: (airfield index, spots)
    #: Groups open above whose unseen flights were cut at the node cap: a maximum over
    #: them is only a lower bound, and "impossible" needing more flights is unproven.
    truncated: tuple[str, ...] = ()
    values: tuple[tuple[str, TypeValues], ...] = field(default=(), compare=False)
    #: How many flights the schedule places, when more than ``NODE_LIMIT`` (the nodes stop
    #: there); None when every flight is a node.
    uncut: int | None = None

    @property
    def flight_count(self) -> int:
        """How many flights the schedule places (its nodes, unless they were cut)."""
        return len(self.nodes) if self.uncut is None else self.uncut

    def chains(self) -> dict[tuple[str, str], tuple[int, ...]]:
        """The flights of each named airframe (type and registration), by latest takeoff."""
        named: dict[tuple[str, str], list[int]] = {}
        for i, node in enumerate(self.nodes):
            if node.airframe is not None:
                named.setdefault((node.aircraft, node.airframe), []).append(i)
        return {
            key: tuple(sorted(nodes, key=lambda i: (*self.nodes[i].takeoff[::-1], i)))
            for key, nodes in named.items()
        }

    @property
    def chained(self) -> bool:
        """Whether flights are tied only along named airframes' legs, in one order each: no
        type's airframes are capped or listed and no spots are limited (so a flight with no
        registration may fly on an airframe of its own), every named leg is flown, and of
        two legs of one airframe the one that can take off later lands after the other's
        latest takeoff (so it can never be flown first). Then the counting model, with each
        named airframe's legs in their order, decides every question but those on
        airframes exactly."""
        if self.spots or any(
            most is not None or regs is not None for _, _, most, regs in self.fleets
        ):
            return False
        for chain in self.chains().values():
            latest = None
            for i in chain:
                node = self.nodes[i]
                if not node.mandatory:
                    return False
                # It lands no earlier than its row says, nor before it takes off.
                earliest = max(node.landing[0], node.takeoff[0])
                if latest is not None and earliest <= latest:
                    return False
                latest = node.takeoff[1] if latest is None else max(latest, node.takeoff[1])
        return True

    @property
    def placeable(self) -> bool:
        """Whether the model with airframe paths is built: at most ``MAX_NODES`` flights, or
        at most ``MAX_TIMED_NODES`` of which at most ``MAX_NODES`` have a free takeoff."""
        n = len(self.nodes)
        if n <= MAX_NODES:
            return True
        free = sum(1 for node in self.nodes if node.takeoff[0] != node.takeoff[1])
        return n <= MAX_TIMED_NODES and free <= MAX_NODES

    def separation(self, aircraft: str, landed: int, departs: int) -> int:
        """Least seconds from a landing at ``landed`` to the next takeoff from ``departs``:
        the ground time there, or ground time, a positioning leg and ground time again."""
        if landed == departs:
            return self.ground[aircraft, departs]
        return (
            self.ground[aircraft, landed]
            + self.block[aircraft, landed, departs]
            + self.ground[aircraft, departs]
        )


def _seconds(minutes: Fraction, horizon: int) -> int:
    """Whole seconds of ``minutes``, rounded up; at most ``horizon + 1`` (see the module)."""
    return min(math.ceil(minutes * 60), horizon + 1)


def _block_seconds(km: float, values: TypeValues, horizon: int) -> int:
    """Least seconds of a leg of ``km`` at ``values.speed`` plus the extra, rounded up (a
    nanosecond of float noise is not a second); at most ``horizon + 1`` (see the module)."""
    flying = km * 3600 / float(values.speed)
    return min(math.ceil(flying + float(values.extra * 60) - 1e-6), horizon + 1)


def compile_schedule(
    scenario: Scenario,
    legs: Mapping[str, tuple[Leg, ...]],
    values: Mapping[str, TypeValues],
    spots: Mapping[str, int | None] | None = None,
    fleets: Mapping[str, int | None] | None = None,
    optional: bool = False,
    open_extra: int = OPEN_EXTRA,
) -> ScheduleData:
    """The scenario's schedule at ``values`` (per aircraft type), in seconds.

    ``spots`` and ``fleets`` override the written spots per airfield (None: no limit) and
    the most airframes per type, for a question that moves them. ``optional`` makes every
    flight optional and every count open (from zero, legs too): for "how many could one
    airframe fly", whatever the counts say. ``open_extra`` is how many unseen flights beyond
    its least a group open above gets when no fleet cap bounds it.
    """
    schedule = scenario.schedule
    assert schedule is not None, "compile_schedule needs a schedule"
    start = schedule.window.start
    horizon = int((schedule.window.end - start).total_seconds())
    names = tuple(scenario.airfields)
    index = {n: i for i, n in enumerate(names)}
    types = sorted({g.aircraft for g in scenario.flights})
    ground = {
        (t, i): _seconds(values[t].ground_minutes(n), horizon)
        for t in types
        for i, n in enumerate(names)
    }
    used = {index[g.from_] for g in scenario.flights} | {
        index[d] for g in scenario.flights for d in g.to
    }
    block: dict[tuple[str, int, int], int] = {}
    for t in types:
        for a in sorted(used):
            for b in sorted(used):
                if a != b:
                    km = great_circle_km(scenario.airfields[names[a]], scenario.airfields[names[b]])
                    block[t, a, b] = _block_seconds(km or 0.0, values[t], horizon)
    fleet_rows = _fleets(schedule, types, fleets or {})
    most_by_type = {t: most for t, _, most, _ in fleet_rows}
    nodes: list[Node] = []
    counts: list[tuple[str, int, int | None]] = []
    truncated: list[str] = []
    placed = 0
    for g in scenario.flights:
        origin = index[g.from_]
        dests = tuple(index[d] for d in g.to)
        seen = legs.get(g.id, ())
        for leg in seen:
            node = _leg_node(g.id, g.aircraft, origin, dests, leg, start, horizon)
            nodes.append(replace(node, mandatory=False) if optional else node)
        least = 0 if optional else g.count.min
        if g.count.max is not None and not optional:
            most = g.count.max
            extra = most - len(seen)
        else:
            most = None
            need = max(least - len(seen), 0)
            origins = {index[h.from_] for h in scenario.flights if h.aircraft == g.aircraft}
            cap = _open_cap(
                g.aircraft, origin, dests, origins, block, ground, horizon, most_by_type
            )
            room = None if cap is None else max(cap - len(seen), 0)
            if room is not None and room <= need + open_extra:
                extra = max(room, need)
            else:
                extra = need + open_extra
                truncated.append(g.id)
        placed += len(seen) + max(extra, 0)
        for k in range(max(min(extra, NODE_LIMIT - len(nodes)), 0)):
            nodes.append(
                Node(
                    g.id,
                    g.aircraft,
                    origin,
                    dests,
                    mandatory=len(seen) + k < least,
                    takeoff=(0, horizon),
                    landing=(0, horizon),
                    twin=True,
                )
            )
        counts.append((g.id, least, most))
    written = dict(schedule.spots)
    if spots is not None:
        written = {k: v for k, v in {**written, **spots}.items() if v is not None}
    return ScheduleData(
        horizon=horizon,
        airfields=names,
        nodes=tuple(nodes),
        counts=tuple(counts),
        fleets=fleet_rows,
        ground=ground,
        block=block,
        spots=tuple((index[k], v) for k, v in written.items()),
        truncated=tuple(truncated),
        values=tuple(sorted(values.items())),
        uncut=placed if placed > len(nodes) else None,
    )


def _fleets(
    schedule: Schedule, types: list[str], moved: Mapping[str, int | None]
) -> tuple[tuple[str, int, int | None, tuple[str, ...] | None], ...]:
    rows = []
    for t in types:
        entry = schedule.aircraft[t].airframes
        least = entry.least if entry is not None else 0
        most = entry.most if entry is not None else None
        regs = tuple(entry.registrations) if entry and entry.registrations else None
        if t in moved:
            most = moved[t]
        if t in moved:
            least = 0
        rows.append((t, least, most, regs))
    return tuple(rows)


def _open_cap(
    aircraft: str,
    origin: int,
    dests: tuple[int, ...],
    origins: set[int],
    block: Mapping[tuple[str, int, int], int],
    ground: Mapping[tuple[str, int], int],
    horizon: int,
    most: Mapping[str, int | None],
) -> int | None:
    """Flights of a group that could fit the window at all, when its type's airframes are
    capped: after each of its flights an airframe turns and, unless it stays, positions to
    an origin of its type before the next takeoff, so takeoffs are at least the shortest
    leg and least separation apart, and the last lands within the window."""
    fleet = most.get(aircraft)
    if fleet is None:
        return None

    def gap(d: int, o: int) -> int:
        if d == o:
            return ground[aircraft, o]
        return ground[aircraft, d] + block[aircraft, d, o] + ground[aircraft, o]

    shortest = (
        min(block[aircraft, origin, d] for d in dests if d != origin) if origin not in dests else 0
    )
    if shortest > horizon:
        return 0
    turn = min(gap(d, o) for d in dests for o in origins)
    per_airframe = (horizon - shortest) // max(shortest + turn, 1) + 1
    return fleet * per_airframe


def _leg_node(
    group: str,
    aircraft: str,
    origin: int,
    dests: tuple[int, ...],
    leg: Leg,
    start: object,
    horizon: int,
) -> Node:
    """A leg row as a node: a takeoff or landing time fixes it; a first-seen time is a
    latest takeoff, a last-seen time an earliest landing (the aircraft was in the air)."""
    takeoff, landing = (0, horizon), (0, horizon)
    if leg.departure is not None:
        t = int((leg.departure.utc - start).total_seconds())  # type: ignore[operator]
        takeoff = (t, t) if leg.departure.kind is TimeKind.TAKEOFF else (0, t)
    if leg.arrival is not None:
        t = int((leg.arrival.utc - start).total_seconds())  # type: ignore[operator]
        landing = (t, t) if leg.arrival.kind is TimeKind.LANDING else (t, horizon)
    return Node(
        group,
        aircraft,
        origin,
        dests,
        mandatory=True,
        takeoff=takeoff,
        landing=landing,
        airframe=leg.airframe,
        leg=leg,
    )
