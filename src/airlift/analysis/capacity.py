"""What one flight of a lane can hold: the single source of per-flight capacity for explanations.

A *resource* is anything one flight has a fixed amount of and its cargo uses up:

- ``"payload"``: the aircraft's payload, used by each unit's mass;
- each loading limit of the aircraft, by its name, used by each unit's ``uses``;
- each per-flight assumption with an upper bound on a cargo total that selects the lane
  (say ``{total: missile, per_flight: true, at_most: 6}``), by the assumption's id: each unit
  counted by the total uses one.

Values are exact fractions at the permissive end the model decides with (largest payload and
limits, smallest masses and uses; see :mod:`airlift.analysis.values`), so "full" here means
full at the values every verdict rests on.

Both :mod:`airlift.analysis.binding` and :mod:`airlift.analysis.thresholds` read capacities
through :func:`flight_room` only. It takes the lane's payload (lowered by payload-range with
distance) and the cargo a group may carry (its ``carries``, less what does not fit the hold)
from :mod:`airlift.scenario.lanes`, the module the model and the re-check read too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from airlift.analysis.totals import bounds_of, spec_of
from airlift.model.compile import selects
from airlift.scenario.lanes import carried_types, lane_payload
from airlift.scenario.schema import FLIGHTS_TOTAL, FlightGroup, Scenario

__all__ = ["PAYLOAD", "FlightRoom", "Rooms", "flight_room", "lane_allowed"]

#: The resource name of an aircraft's payload.
PAYLOAD = "payload"


@dataclass(frozen=True)
class FlightRoom:
    """The resources of one flight of a lane and what each carried cargo unit uses of them.

    ``capacity`` lists the resources in report order: payload, the aircraft's limits in the
    order written, then per-flight assumptions in file order. ``uses`` maps each carried cargo
    type to its positive per-unit use of each resource (a resource it does not use is absent).
    ``statements`` names the resources that are assumptions rather than physical values.
    """

    carried: tuple[str, ...]
    capacity: tuple[tuple[str, Fraction], ...]
    uses: Mapping[str, Mapping[str, Fraction]]
    statements: frozenset[str] = frozenset()
    #: Carried bulk cargo, whose ``uses`` are per kg rather than per unit.
    bulk: frozenset[str] = frozenset()

    def use(self, cargo: str, resource: str) -> Fraction:
        """What one unit of ``cargo`` uses of ``resource`` (0 when none)."""
        return self.uses.get(cargo, {}).get(resource, Fraction(0))


def lane_allowed(scenario: Scenario, group: FlightGroup, destination: str) -> bool:
    """False when a per-flight assumption on ``flights`` forbids every flight of the lane.

    E.g. ``{total: flights, to: Seshcha, per_flight: true, at_most: 0}``: no flight lands there.
    """
    for s in scenario.assumptions:
        if (
            s.per_flight
            and s.total == FLIGHTS_TOTAL
            and selects(spec_of(s, scenario), group, destination)
        ):
            lo, hi = bounds_of(s, scenario)
            if lo > 1 or (hi is not None and hi < 1):
                return False
    return True


def flight_room(scenario: Scenario, group: FlightGroup, destination: str) -> FlightRoom:
    """The resources of one flight of ``group`` landing at ``destination``, exactly.

    The payload is the lane's (:func:`~airlift.scenario.lanes.lane_payload`), and the cargo
    types are those the group may carry that fit the hold
    (:func:`~airlift.scenario.lanes.carried_types`).
    """
    aircraft = scenario.aircraft[group.aircraft]
    types = carried_types(scenario, group)
    capacity: list[tuple[str, Fraction]] = [(PAYLOAD, lane_payload(scenario, group, destination))]
    capacity += [(name, amount.max.value) for name, amount in aircraft.limits.items()]
    uses: dict[str, dict[str, Fraction]] = {}
    for name in types:
        cargo = scenario.cargo[name]
        # Bulk cargo is counted here per kg: one kg of it takes one kg of payload.
        kg = _unit_kg(scenario, name)
        own = {PAYLOAD: kg} if kg > 0 else {}
        for limit in aircraft.limits:
            if limit in cargo.uses and cargo.uses[limit].min.value > 0:
                own[limit] = cargo.uses[limit].min.value
        uses[name] = own
    statements = set()
    for s in scenario.assumptions:
        if not s.per_flight or s.total == FLIGHTS_TOTAL:
            continue
        hi = s.interval[1] if s.mass_unit is None else s.mass_interval[1]
        if hi is None:
            continue
        if not selects(spec_of(s, scenario), group, destination):
            continue
        counted = scenario.members(s.total).intersection(types)
        if not counted:
            continue
        capacity.append((s.id, Fraction(hi)))
        statements.add(s.id)
        for name in counted:
            uses[name][s.id] = Fraction(1) if s.mass_unit is None else _unit_kg(scenario, name)
    bulk = frozenset(name for name in types if scenario.cargo[name].mass is None)
    return FlightRoom(types, tuple(capacity), uses, frozenset(statements), bulk)


def _unit_kg(scenario: Scenario, name: str) -> Fraction:
    """What one unit of a cargo type weighs at its least, in kg; 1 for bulk, counted in kg."""
    mass = scenario.cargo[name].mass
    return Fraction(1) if mass is None else mass.min.value


class Rooms:
    """:func:`flight_room` and :func:`lane_allowed` of a scenario's lanes, once per kind of lane.

    A lane's room depends on its group only through the aircraft, the origin, the cargo it
    may carry and which per-flight assumptions select it, so lanes alike in these share
    one: thousands of imported groups cost a few rooms.
    """

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self._per_flight = [spec_of(s, scenario) for s in scenario.assumptions if s.per_flight]
        self._rooms: dict[tuple[object, ...], FlightRoom] = {}
        self._allowed: dict[tuple[object, ...], bool] = {}

    def key(self, group: FlightGroup, destination: str) -> tuple[object, ...]:
        """What the room of a lane depends on."""
        return (
            group.aircraft,
            group.from_,
            destination,
            None if group.carries is None else tuple(group.carries),
            tuple(selects(spec, group, destination) for spec in self._per_flight),
        )

    def room(self, group: FlightGroup, destination: str) -> FlightRoom:
        """:func:`flight_room` of the lane."""
        key = self.key(group, destination)
        if key not in self._rooms:
            self._rooms[key] = flight_room(self.scenario, group, destination)
        return self._rooms[key]

    def allowed(self, group: FlightGroup, destination: str) -> bool:
        """:func:`lane_allowed` of the lane."""
        key = self.key(group, destination)
        if key not in self._allowed:
            self._allowed[key] = lane_allowed(self.scenario, group, destination)
        return self._allowed[key]
