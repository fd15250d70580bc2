"""Compile a scenario and a set of requirements into a :class:`Problem`.

Values are taken at their most permissive end (largest payload and limit,
smallest mass and use): every v1 constraint is monotone in them, so whatever
is possible for some value in the ranges is possible there. Masses and lengths
are scaled to integers *exactly* (by the least common denominator of the
values in the file, so ``106,000 lb`` is not rounded at all).

A :class:`Compiler` is built once per scenario and compiles many requirement
sets cheaply: load boxes are cached by what decides them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from airlift.model.patterns import CarriedType, FlightSpec, load_boxes
from airlift.model.problem import Condition, Group, Lane, Problem, Probe, Total
from airlift.result import TotalSpec
from airlift.scenario.schema import FLIGHTS_TOTAL, FlightGroup, Scenario
from airlift.scenario.units import Dimension

__all__ = ["Compiler", "Requirement"]


@dataclass(frozen=True)
class Requirement:
    """``lo <= total <= hi`` over the flights ``spec`` selects, in sum or per flight."""

    id: str
    spec: TotalSpec
    lo: int
    hi: int | None
    per_flight: bool = False


def selects(spec: TotalSpec, group: FlightGroup, destination: str) -> bool:
    """Whether a flight of ``group`` landing at ``destination`` is selected by ``spec``."""
    return (
        (spec.to is None or destination in spec.to)
        and (spec.from_ is None or group.from_ in spec.from_)
        and (spec.aircraft is None or group.aircraft in spec.aircraft)
        and (spec.flights is None or group.id in spec.flights)
    )


class Compiler:
    """Turns requirement sets over one scenario into integer problems."""

    def __init__(self, scenario: Scenario, tracked: Iterable[str]) -> None:
        self.scenario = scenario
        kinds = scenario.kinds
        sets: list[frozenset[str]] = []
        for name in tracked:
            if name == FLIGHTS_TOTAL:
                continue
            members = frozenset([name] if name in scenario.cargo else kinds.get(name, []))
            if not members:
                raise ValueError(f"unknown total {name!r}")
            if members not in sets:
                sets.append(members)
        self._sets = sets
        signatures: dict[frozenset[int], list[str]] = {}
        for cargo in scenario.cargo:
            signature = frozenset(i for i, s in enumerate(sets) if cargo in s)
            if signature:
                signatures.setdefault(signature, []).append(cargo)
        self.classes: tuple[tuple[str, ...], ...] = tuple(tuple(v) for v in signatures.values())
        self.cargo_types: tuple[str, ...] = tuple(c for cls in self.classes for c in cls)
        self._class_of = {c: k for k, cls in enumerate(self.classes) for c in cls}
        self._scale = {d: _common_scale(scenario, d) for d in (Dimension.MASS, Dimension.LENGTH)}
        self._specs = {g.id: self._flight_spec(g) for g in scenario.flights}

    # -- values -------------------------------------------------------------------------------

    def _integer(self, value: Fraction, dimension: Dimension) -> int:
        scaled = value * self._scale.get(dimension, 1)
        assert scaled.denominator == 1, "scale must make every value whole"
        return int(scaled)

    def classes_of(self, total: str) -> tuple[int, ...] | None:
        """Class indices a cargo or kind total sums; None for ``flights``."""
        if total == FLIGHTS_TOTAL:
            return None
        members = [total] if total in self.scenario.cargo else self.scenario.kinds.get(total, [])
        ks = sorted({self._class_of[c] for c in members if c in self._class_of})
        if len(ks) != len({self._class_of.get(c) for c in members}):
            raise ValueError(f"total {total!r} was not declared as tracked")
        return tuple(ks)

    def _flight_spec(self, group: FlightGroup) -> FlightSpec:
        """Capacity and per-type resource use of one flight of ``group``, without statements."""
        aircraft = self.scenario.aircraft[group.aircraft]
        limits = sorted(aircraft.limits)
        capacity = (self._integer(aircraft.payload.max.value, Dimension.MASS),) + tuple(
            self._integer(aircraft.limits[name].max.value, aircraft.limits[name].dimension)
            for name in limits
        )
        carried = set(group.carries) if group.carries is not None else set(self.scenario.cargo)
        types = []
        for index, name in enumerate(self.cargo_types):
            if name not in carried:
                continue
            cargo = self.scenario.cargo[name]
            usage = (self._integer(cargo.mass.min.value, Dimension.MASS),) + tuple(
                self._integer(cargo.uses[limit].min.value, cargo.uses[limit].dimension)
                if limit in cargo.uses else 0
                for limit in limits
            )
            types.append(CarriedType(index, self._class_of[name], usage))
        return FlightSpec(len(self.classes), len(self.cargo_types), capacity, tuple(types))

    # -- problems -----------------------------------------------------------------------------

    def compile(self, requirements: Sequence[Requirement]) -> Problem:
        """The integer problem of the scenario's flights under ``requirements``."""
        scenario = self.scenario
        groups = tuple(
            Group(g.id, g.aircraft, g.from_, g.count.min, g.count.max, tuple(g.to))
            for g in scenario.flights
        )
        per_flight = [r for r in requirements if r.per_flight]
        lanes = []
        for gi, g in enumerate(scenario.flights):
            for destination in g.to:
                lanes.append(Lane(gi, destination, self._lane_boxes(g, destination, per_flight)))
        lanes_t = tuple(lanes)
        conditions = tuple(
            Condition(r.id, self.total(r.spec, lanes_t), r.lo, r.hi)
            for r in requirements if not r.per_flight
        )
        slack = sum(c.hi if c.hi is not None else c.lo for c in conditions) + 1
        caps = tuple(g.count_max if g.count_max is not None else g.count_min + slack for g in groups)
        return Problem(self.cargo_types, self.classes, groups, lanes_t, conditions, caps)

    def _lane_boxes(
        self, group: FlightGroup, destination: str, per_flight: Sequence[Requirement]
    ) -> tuple:  # type: ignore[type-arg]
        base = self._specs[group.id]
        upper: list[tuple[tuple[int, ...], int]] = []
        lower: list[tuple[tuple[int, ...], int]] = []
        for r in per_flight:
            if not selects(r.spec, group, destination):
                continue
            classes = self.classes_of(r.spec.total)
            if classes is None:  # each flight counts one
                if not (r.lo <= 1 and (r.hi is None or 1 <= r.hi)):
                    return ()
                continue
            if r.hi is not None:
                upper.append((classes, r.hi))
            if r.lo > 0:
                lower.append((classes, r.lo))
        spec = FlightSpec(
            base.classes, base.cargo_types, base.capacity, base.types,
            tuple(sorted(set(upper))), tuple(sorted(set(lower))),
        )
        return load_boxes(spec)

    def total(self, spec: TotalSpec, lanes: Sequence[Lane]) -> Total:
        """The lanes and classes a total sums over."""
        flights = self.scenario.flights
        selected = tuple(
            i for i, lane in enumerate(lanes) if selects(spec, flights[lane.group], lane.destination)
        )
        return Total(selected, self.classes_of(spec.total))

    def probe(self, requirement: Requirement, lanes: Sequence[Lane], lo: int, hi: int | None) -> Probe:
        """A probe flight among the lanes ``requirement`` selects, its total within ``[lo, hi]``."""
        t = self.total(requirement.spec, lanes)
        return Probe(t.lanes, t.classes, lo, hi)


def _common_scale(scenario: Scenario, dimension: Dimension) -> int:
    """The least integer that makes every value of ``dimension`` in the scenario whole."""
    denominators = [1]
    values: list[Fraction] = []
    if dimension is Dimension.MASS:
        values += [a.payload.max.value for a in scenario.aircraft.values()]
        values += [c.mass.min.value for c in scenario.cargo.values()]
    for aircraft in scenario.aircraft.values():
        values += [r.max.value for r in aircraft.limits.values() if r.dimension is dimension]
    for cargo in scenario.cargo.values():
        values += [r.min.value for r in cargo.uses.values() if r.dimension is dimension]
    denominators += [v.denominator for v in values]
    return math.lcm(*denominators)
