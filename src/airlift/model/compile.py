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
from dataclasses import dataclass, replace
from fractions import Fraction

from airlift.model import budget
from airlift.model.collector import gc_paused
from airlift.model.patterns import TooManyLoads, load_boxes
from airlift.model.problem import (
    Box,
    CarriedType,
    Condition,
    FlightSpec,
    Group,
    Lane,
    Member,
    Probe,
    Problem,
    Total,
)
from airlift.model.unanswerable import ModelTooLarge, OutOfTime, RangedMass
from airlift.result import TotalSpec
from airlift.scenario.lanes import carried_types, lane_payload
from airlift.scenario.schema import FLIGHTS_TOTAL, FlightGroup, Scenario
from airlift.scenario.units import Dimension

__all__ = ["Compiler", "ModelTooLarge", "OutOfTime", "RangedMass", "Requirement", "mass_scale"]


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


def _selects(spec: TotalSpec, group: Group, destination: str) -> bool:
    """Whether flights of a model group landing at ``destination`` are selected by ``spec``."""
    if spec.flights is not None:
        named = [i in spec.flights for i in group.ids]
        if any(named) and not all(named):
            raise ValueError(f"{spec.label!r} names part of merged groups {group.ids}")
        if not all(named):
            return False
    return (
        (spec.to is None or destination in spec.to)
        and (spec.from_ is None or group.origin in spec.from_)
        and (spec.aircraft is None or group.aircraft in spec.aircraft)
    )


def _model_group(flights: Sequence[FlightGroup], members: Sequence[int]) -> Group:
    """The model group of scenario groups that nothing tells apart (see Compiler._merged)."""
    first = flights[members[0]]
    if len(members) == 1:
        return Group(
            first.id,
            first.aircraft,
            first.from_,
            first.count.min,
            first.count.max,
            tuple(first.to),
            order=members[0],
        )
    parts = tuple(
        Member(flights[i].id, flights[i].count.min, flights[i].count.max, i) for i in members
    )
    most = [m.count_max for m in parts]
    return Group(
        first.id,
        first.aircraft,
        first.from_,
        sum(m.count_min for m in parts),
        None if None in most else sum(m for m in most if m is not None),
        tuple(first.to),
        parts,
        order=members[0],
    )


class Compiler:
    """Turns requirement sets over one scenario into integer problems.

    A problem tells apart only the cargo that its own requirements and the
    totals it is asked about mention: cargo types that no total distinguishes
    form one *class*, and cargo that no total mentions only takes up room, so
    it is left on the ground. Fewer classes mean far fewer load boxes.
    """

    def __init__(
        self,
        scenario: Scenario,
        grains: int = 1,
        relax_ranged: bool = False,
        roomy: frozenset[str] = frozenset(),
    ) -> None:
        """``grains``: a mass scale the problems must share (a what-if's parent's, say);
        the compiler's own is the least multiple of it that makes this scenario whole.

        With ``relax_ranged``, a mass total of units whose mass is a range is not refused
        (:class:`RangedMass`) but relaxed: units pack at their least mass and weigh their
        most toward a lower bound or a maximum, their least toward an upper bound or a
        minimum. Every true allocation satisfies the relaxation, so its infeasibility or
        its bound is a proof; its allocations prove nothing and are never shown.
        """
        self.scenario = scenario
        self.relax_ranged = relax_ranged
        #: Aircraft whose payload a what-if dropped (its value only stands for "no limit").
        self.roomy = roomy
        self._scale = {d: _common_scale(scenario, d) for d in (Dimension.MASS, Dimension.LENGTH)}
        self._scale[Dimension.MASS] = math.lcm(self._scale[Dimension.MASS], grains)
        #: Whether any mass is asked about: then cargo classes never mix unit masses.
        self._by_mass = _asks_mass(scenario)
        self._capacity = {name: self._aircraft_capacity(name) for name in scenario.aircraft}
        self._payloads: dict[tuple[str, str], int] = {}  # per lane, its payload limit, scaled
        #: Per kind of flight (see :meth:`_kind`) and classes, its spec without statements.
        self._specs: dict[tuple[object, ...], FlightSpec] = {}
        #: Every spec :meth:`_flight_spec` made, once: equal specs are then one object.
        self._interned: dict[FlightSpec, FlightSpec] = {}
        statements = [*scenario.claims, *scenario.assumptions, *(scenario.estimate or [])]
        #: The ``flights`` filters of the scenario's statements: they tell groups apart.
        filters = [frozenset(s.flights) for s in statements if s.flights is not None]
        if any(row.by == "flights" for row in scenario.estimate or []):
            filters += [frozenset([g.id]) for g in scenario.flights]  # each group bounded alone
        self._filters = list(dict.fromkeys(filters))

    # -- values -------------------------------------------------------------------------------

    @property
    def grains(self) -> int:
        """Model integers per kg: every mass of the scenario is a whole number of them."""
        return self._scale[Dimension.MASS]

    def _integer(self, value: Fraction, dimension: Dimension) -> int:
        scaled = value * self._scale.get(dimension, 1)
        assert scaled.denominator == 1, "scale must make every value whole"
        return int(scaled)

    def mass_grains(self, kg: Fraction, up: bool) -> int:
        """``kg`` in grains, rounded up (a lower bound) or down (an upper bound) if not whole.

        Every mass the scenario writes is whole in grains; rounding is for values
        computed from them, and goes the way that loses no allocation.
        """
        scaled = kg * self.grains
        return math.ceil(scaled) if up else math.floor(scaled)

    def _unit_mass(self, name: str, most: bool = False) -> int:
        """One unit of a cargo type in grains (its least mass, or its ``most``); 1 for bulk,
        counted in grains."""
        cargo = self.scenario.cargo[name]
        if cargo.mass is None:
            return 1
        return self._integer((cargo.mass.max if most else cargo.mass.min).value, Dimension.MASS)

    def members(self, total: str) -> frozenset[str]:
        """The cargo types a total sums (empty for ``flights``)."""
        members = self.scenario.members(total)
        if not members and total != FLIGHTS_TOTAL:
            raise ValueError(f"unknown total {total!r}")
        return members

    def partition(
        self, totals: Iterable[str], by_mass: bool | None = None
    ) -> tuple[tuple[str, ...], ...]:
        """Cargo types grouped into classes that none of ``totals`` tells apart."""
        sets = list(dict.fromkeys(self.members(t) for t in totals if t != FLIGHTS_TOTAL))
        signatures: dict[tuple[object, ...], list[str]] = {}
        for cargo in self.scenario.cargo:
            within = frozenset(i for i, s in enumerate(sets) if cargo in s)
            if not within:
                continue
            # Bulk never shares a class with units, and where a mass is asked about,
            # units of different masses never share one: a class has one mass.
            bulk = self.scenario.cargo[cargo].mass is None
            weighed = self._by_mass if by_mass is None else by_mass
            mass = (self._unit_mass(cargo), self._unit_mass(cargo, True)) if weighed else 0
            signatures.setdefault((within, bulk, mass), []).append(cargo)
        return tuple(tuple(v) for v in signatures.values())

    def _aircraft_capacity(self, name: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
        aircraft = self.scenario.aircraft[name]
        limits = tuple(sorted(aircraft.limits))
        capacity = (
            self._integer(aircraft.payload.max.value, Dimension.MASS),
            *tuple(
                self._integer(aircraft.limits[n].max.value, aircraft.limits[n].dimension)
                for n in limits
            ),
        )
        return limits, capacity

    @staticmethod
    def _kind(group: FlightGroup) -> tuple[object, ...]:
        """What decides the flight spec of ``group``: its aircraft and what it carries."""
        return group.aircraft, None if group.carries is None else frozenset(group.carries)

    def _flight_spec(self, group: FlightGroup, classes: tuple[tuple[str, ...], ...]) -> FlightSpec:
        """Capacity and per-type resource use of one flight of ``group``, without statements:
        one spec per kind of flight, as thousands of groups share a few, and one object per
        spec (groups whose cargo lists differ only in cargo left on the ground share it)."""
        key = (self._kind(group), classes)
        if key not in self._specs:
            spec = self._new_flight_spec(group, classes)
            self._specs[key] = self._interned.setdefault(spec, spec)
        return self._specs[key]

    def _new_flight_spec(
        self, group: FlightGroup, classes: tuple[tuple[str, ...], ...]
    ) -> FlightSpec:
        limits, capacity = self._capacity[group.aircraft]
        carried = set(carried_types(self.scenario, group))  # its carries that fit the hold
        cargo_types = [c for cls in classes for c in cls]
        class_of = {c: k for k, cls in enumerate(classes) for c in cls}
        types = []
        for index, name in enumerate(cargo_types):
            if name not in carried:
                continue
            cargo = self.scenario.cargo[name]
            usage = (
                self._unit_mass(name),
                *tuple(
                    self._integer(cargo.uses[limit].min.value, cargo.uses[limit].dimension)
                    if limit in cargo.uses
                    else 0
                    for limit in limits
                ),
            )
            types.append(CarriedType(index, class_of[name], usage, cargo.mass is None))
        return FlightSpec(len(classes), len(cargo_types), capacity, tuple(types))

    def _payload(self, group: FlightGroup, destination: str) -> int:
        """The payload limit of a lane (payload-range by distance), scaled."""
        key = (group.id, destination)
        if key not in self._payloads:
            exact = lane_payload(self.scenario, group, destination)
            self._payloads[key] = self._integer(exact, Dimension.MASS)
        return self._payloads[key]

    def _lane_spec(self, spec: FlightSpec, group: FlightGroup, destination: str) -> FlightSpec:
        """``spec`` with the lane's payload limit (payload-range by distance) as its payload."""
        payload = self._payload(group, destination)
        if payload == spec.capacity[0]:
            return spec
        return replace(spec, capacity=(payload, *spec.capacity[1:]))

    # -- problems -----------------------------------------------------------------------------

    def compile(
        self,
        requirements: Sequence[Requirement],
        focus: Iterable[str] = (),
        class_cap: int | None = None,
        split: Iterable[Iterable[str]] = (),
        mass_cap: int | None = None,
    ) -> Problem:
        """The integer problem of the scenario's flights under ``requirements``.

        ``focus`` names the totals (cargo types or kinds) that will be asked
        about besides those the requirements mention, and ``split`` the
        ``flights`` filters of those totals (they keep groups apart). ``class_cap`` limits the
        units of each class on one flight; it keeps loads finite when a what-if
        drops a payload or a mass, and changes no feasibility answer as long as
        it is at least every finite bound of the requirements (a flight with
        more units of a class than that can leave the surplus behind: every
        lower bound it helps meet is met by its capped load alone). ``mass_cap``
        does the same for bounds on masses, in grains: a unit class may then
        carry as many units as make that mass. Only ask feasibility of a problem
        compiled with a cap, never an extreme.
        """
        with gc_paused():
            return self._compile(requirements, focus, class_cap, split, mass_cap)

    def _compile(
        self,
        requirements: Sequence[Requirement],
        focus: Iterable[str],
        class_cap: int | None,
        split: Iterable[Iterable[str]],
        mass_cap: int | None,
    ) -> Problem:
        budget.check()
        scenario = self.scenario
        by_mass = self._by_mass or any(r.spec.mass is not None for r in requirements)
        classes = self.partition([*(r.spec.total for r in requirements), *focus], by_mass)
        merged = self._merged(requirements, split)
        groups = tuple(_model_group(scenario.flights, members) for members in merged)
        per_flight = [r for r in requirements if r.per_flight]
        caps_of = None if class_cap is None else self._class_caps(classes, class_cap, mass_cap)
        lanes = []
        alike: dict[tuple[object, ...], Lane] = {}  # lanes that differ in group and place only
        for gi, members in enumerate(merged):
            budget.check()  # a model of thousands of groups takes a while to build
            g = scenario.flights[members[0]]
            spec = self._flight_spec(g, classes)
            for destination in g.to:
                key = (
                    id(spec),  # (interned: one object per spec, kept by the compiler)
                    g.aircraft in self.roomy,
                    self._payload(g, destination),
                    groups[gi].count_max,
                    tuple(selects(r.spec, g, destination) for r in per_flight),
                )
                if key not in alike:
                    lane_spec = self._lane_spec(spec, g, destination)
                    lane = self._lane(
                        gi, groups[gi], g, destination, lane_spec, classes, per_flight, caps_of
                    )
                    lane.ceilings  # noqa: B018 (computed once, for every lane placed from it)
                    alike[key] = lane
                lanes.append(alike[key].placed(gi, destination))
        problem = Problem(
            tuple(c for cls in classes for c in cls),
            classes,
            groups,
            tuple(lanes),
            (),
            (),
            grains=self.grains,
            class_mass=tuple(self._class_mass(cls) for cls in classes),
            class_mass_hi=tuple(self._class_mass(cls, True) for cls in classes),
            bulk_classes=frozenset(
                k for k, cls in enumerate(classes) if scenario.cargo[cls[0]].mass is None
            ),
        )
        conditions = tuple(
            Condition(r.id, self.total(r.spec, problem), r.lo, r.hi)
            for r in requirements
            if not r.per_flight
        )
        slack = sum(_flights_to_meet(c, problem) for c in conditions) + 1
        caps = tuple(
            g.count_max if g.count_max is not None else g.count_min + slack for g in groups
        )
        heavier = problem.class_mass_hi if self.relax_ranged else None
        most = _most_reachable(problem, caps, by_mass, heavier)
        conditions = tuple(_within(c, most) for c in conditions)
        for lane in problem.lanes:
            if lane.explicit is not None:
                _check_slots(lane.explicit, caps[lane.group], groups[lane.group])
        return replace(problem, conditions=conditions, caps=caps)

    def _lane(
        self,
        gi: int,
        model_group: Group,
        group: FlightGroup,
        destination: str,
        spec: FlightSpec,
        classes: tuple[tuple[str, ...], ...],
        per_flight: Sequence[Requirement],
        class_cap: Sequence[int] | None = None,
    ) -> Lane:
        """One lane, in the formulation that suits it; both are exact.

        Load boxes make a model whose size does not grow with the flights, and a
        tight one, but their number grows fast with the classes told apart; a
        lane of few flights whose boxes would be many leaves each flight's load
        to the solver instead. Bulk stays out of the boxes: it fills what payload
        the units leave (see :mod:`airlift.model.problem`).
        """
        bounded = self._bounded_spec(group, destination, spec, classes, per_flight, class_cap)
        if bounded is None:
            return Lane(gi, destination, ())
        most = model_group.count_max
        if bounded.mass_lower:  # a minimum of a mass that bulk shares with units
            if _slots_fit(bounded):
                return Lane(gi, destination, (), explicit=bounded)
            raise ModelTooLarge(
                f"a per-flight minimum of a mass that bulk cargo shares with units, on "
                f"{group.aircraft} (flights {group.id}), needs each flight's own load, and "
                f"that is decided only where a flight's limits bound every cargo type"
            )
        bulk = tuple(sorted({t.klass for t in bounded.types if t.bulk}))
        floor = _bulk_floor(bounded, frozenset(bulk))
        if not bulk or _bulk_per_flight(bounded, frozenset(bulk), floor):
            # No bulk, or bulk that a per-flight cap or a loading limit ties to each
            # flight: in the boxes like units (bulk searched last: one box per unit load).
            found = self._boxes_or_explicit(group, bounded, classes, most)
            if found is None:
                return Lane(gi, destination, (), explicit=bounded)
            return Lane(gi, destination, found, payload=bounded.capacity[0])
        bulk_as = tuple(min(t.index for t in bounded.types if t.klass == k) for k in bulk)
        units = replace(
            bounded,
            types=tuple(t for t in bounded.types if not t.bulk),
            lower=tuple(b for b in bounded.lower if not set(b[0]) & set(bulk)),
        )
        payload = bounded.capacity[0]
        if floor is None and class_cap is not None and group.aircraft in self.roomy:
            # No payload to share: each bulk class up to its cap in all (enough for any
            # bound of a feasibility question), so that no number grows with the flights.
            roomy = self._boxes(group, units, classes)
            if not roomy:
                return Lane(gi, destination, ())
            total = max(class_cap[k] for k in bulk)
            return Lane(gi, destination, roomy, bulk=bulk, bulk_as=bulk_as, bulk_total=total)
        if floor is not None:  # every flight keeps that much payload for its bulk
            if floor[1] > payload or not floor[0]:  # (or carries none of that bulk)
                return Lane(gi, destination, ())
            units = replace(units, capacity=(payload - floor[1], *units.capacity[1:]))
        # Bulk stays out of the boxes, so only unit classes make them many.
        found = self._boxes_or_explicit(group, units, classes, most)
        if found is None:
            return Lane(gi, destination, (), explicit=bounded)
        if not found:
            return Lane(gi, destination, ())
        return Lane(
            gi,
            destination,
            found,
            bulk=bulk,
            payload=payload,
            bulk_as=bulk_as,
            bulk_floor=floor,
        )

    def _boxes_or_explicit(
        self,
        group: FlightGroup,
        boxed: FlightSpec,
        classes: tuple[tuple[str, ...], ...],
        most: int | None,
    ) -> tuple[Box, ...] | None:
        """The load boxes of ``boxed`` on a lane of at most ``most`` flights, or None for
        the solver's own loads (load slots, :meth:`FlightSpec.slot_sizes`).

        Boxes make the smaller model while they are few, and one enumeration serves
        every lane of the same kind of flight; but they multiply with the classes told
        apart, and enumerating many costs more than the solve. So the loads are the
        solver's wherever the boxes would be more than a limit
        (:data:`EXPLICIT_WHEN_BOXES_EXCEED` on a lane of few flights,
        :data:`LARGE_LANE_BOXES` on one of more) and the slots are few
        (:data:`SLOTS_AFTER_BOXES`), with no enumeration where two classes alone
        show it (:func:`_two_classes_need_many`). Past those, boxes up to their own
        limit, then slots as a last resort (:data:`MAX_SLOT_VARIABLES`).
        """
        if not _slots_fit(boxed):
            return self._boxes(group, boxed, classes)
        few = most is not None and most <= EXPLICIT_MAX_FLIGHTS
        limit = EXPLICIT_WHEN_BOXES_EXCEED if few else LARGE_LANE_BOXES
        # An open count's cap is known only once the lanes are: size its slots for the most.
        flights = most if most is not None else MAX_UNITS
        slots_few = few or _slot_variables(boxed, flights) <= SLOTS_AFTER_BOXES
        if slots_few and _two_classes_need_many(boxed, limit):
            return None
        try:
            return load_boxes(boxed, limit)
        except TooManyLoads:
            if slots_few:
                return None
        try:
            return load_boxes(boxed)
        except TooManyLoads:
            return None

    def _boxes(
        self, group: FlightGroup, spec: FlightSpec, classes: tuple[tuple[str, ...], ...]
    ) -> tuple[Box, ...]:
        try:
            return load_boxes(spec)
        except TooManyLoads as exc:
            told_apart = ", ".join("+".join(cls) for cls in classes)
            raise ModelTooLarge(
                f"telling apart {told_apart} on {group.aircraft} (flights {group.id}) needs "
                f"{exc} per flight"
            ) from None

    def _bounded_spec(
        self,
        group: FlightGroup,
        destination: str,
        spec: FlightSpec,
        classes: tuple[tuple[str, ...], ...],
        per_flight: Sequence[Requirement],
        class_cap: Sequence[int] | None = None,
    ) -> FlightSpec | None:
        """``spec`` with the lane's per-flight bounds; None when no flight may fly it."""
        upper: list[tuple[tuple[int, ...], int]] = []
        bulk = {k for k, cls in enumerate(classes) if self.scenario.cargo[cls[0]].mass is None}
        if class_cap is not None:  # (bulk needs none: its payload or its total bounds it)
            upper += [((k,), cap) for k, cap in enumerate(class_cap) if k not in bulk]
        lower: list[tuple[tuple[int, ...], int]] = []
        mass_upper: list[tuple[tuple[int, ...], int]] = []  # each becomes a resource
        mass_lower: list[tuple[tuple[int, ...], int]] = []
        for r in per_flight:
            if not selects(r.spec, group, destination):
                continue
            ks = _class_indices(classes, self.members(r.spec.total), r.spec.total)
            if ks is None:  # each flight counts one
                if not (r.lo <= 1 and (r.hi is None or r.hi >= 1)):
                    return None
                continue
            if r.spec.mass is not None and not set(ks) <= bulk:
                self._ranged(r.spec, ks, classes)
                if r.hi is not None:
                    mass_upper.append((ks, r.hi))
                if r.lo > 0:
                    mass_lower.append((ks, r.lo))
                continue
            if r.hi is not None:
                upper.append((ks, r.hi))
            if r.lo > 0:
                lower.append((ks, r.lo))
        spec = replace(spec, upper=tuple(sorted(set(upper))), lower=tuple(sorted(set(lower))))
        for ks, hi in sorted(set(mass_upper)):
            spec = _with_mass_cap(spec, ks, hi)
        return replace(spec, mass_lower=tuple(sorted(set(mass_lower))))

    def _merged(
        self, requirements: Sequence[Requirement], split: Iterable[Iterable[str]] = ()
    ) -> list[list[int]]:
        """Scenario groups (indices) that no statement tells apart, merged, in file order.

        Flights of such groups are interchangeable, so one model group with the sum
        of their count ranges carries exactly the same totals: thousands of groups
        read from tracking data cost what a few do. Groups are told apart by what
        they are (aircraft, origin, destinations, cargo) and by every ``flights``
        filter of the scenario's statements, of ``requirements`` and in ``split``;
        a total that names part of a merged group is a bug, refused by :meth:`total`.
        """
        filters = [
            *self._filters,
            *(frozenset(r.spec.flights) for r in requirements if r.spec.flights),
            *(frozenset(names) for names in split),
        ]
        merged: dict[tuple[object, ...], list[int]] = {}
        for gi, g in enumerate(self.scenario.flights):
            key = (
                g.aircraft,
                g.from_,
                tuple(g.to),
                None if g.carries is None else tuple(g.carries),
                tuple(g.id in names for names in filters),
            )
            merged.setdefault(key, []).append(gi)
        return list(merged.values())

    def _class_caps(
        self, classes: tuple[tuple[str, ...], ...], cap: int, mass_cap: int | None
    ) -> tuple[int, ...]:
        """Per class, the most units one flight needs (see :meth:`compile`)."""
        out = []
        for cls in classes:
            mass = self._class_mass(cls)
            if self.scenario.cargo[cls[0]].mass is None:
                out.append(max(cap, mass_cap or 0))
            elif mass_cap and mass:
                out.append(max(cap, -(-mass_cap // mass)))
            else:
                out.append(cap)
        return tuple(out)

    def _class_mass(self, cls: tuple[str, ...], most: bool = False) -> int:
        """The mass of one unit of a class in grains (its least, or its ``most``); -1 when
        its types differ in mass."""
        masses = {self._unit_mass(name, most) for name in cls}
        return masses.pop() if len(masses) == 1 else -1

    def _ranged(
        self, spec: TotalSpec, ks: Iterable[int], classes: tuple[tuple[str, ...], ...]
    ) -> None:
        """Raise :class:`RangedMass` when a class of a mass total has a ranged unit mass."""
        for k in ks:
            for name in classes[k]:
                mass = self.scenario.cargo[name].mass
                if mass is not None and not mass.exact:
                    raise RangedMass(
                        f"the mass of one {name} is a range ({mass.min.text} to "
                        f"{mass.max.text}), and the mass of {spec.label} is not monotone in it"
                    )

    def _weights(
        self, spec: TotalSpec, problem: Problem, classes: tuple[int, ...]
    ) -> tuple[tuple[int, ...], tuple[int, ...] | None]:
        """Per class, what one unit adds to the mass total ``spec``, in grains, and the
        heavier weights of a relaxation (None: the weights are exact).

        Raises :class:`RangedMass` when a class of the total has a unit mass given
        as a range, unless relaxing: its mass then is not monotone in that mass (a
        heavier unit fits fewer but weighs more), which the model does not decide.
        """
        assert all(problem.class_mass[k] >= 0 for k in classes), "a mass total mixes masses"
        if all(problem.class_mass_hi[k] == problem.class_mass[k] for k in classes):
            return problem.class_mass, None
        if not self.relax_ranged:
            self._ranged(spec, classes, problem.classes)
            return problem.class_mass, None
        return problem.class_mass, problem.class_mass_hi

    def total(self, spec: TotalSpec, problem: Problem) -> Total:
        """The lanes and classes of ``problem`` that a total sums over."""
        # A total on named groups looks at their lanes only: what-ifs ask one per group.
        lanes = (
            range(len(problem.lanes)) if spec.flights is None else problem.lanes_named(spec.flights)
        )
        selected = tuple(
            i
            for i in lanes
            if _selects(spec, problem.groups[problem.lanes[i].group], problem.lanes[i].destination)
        )
        classes = _class_indices(problem.classes, self.members(spec.total), spec.total)
        weights = heavier = None
        if spec.mass is not None and spec.mass.grains != self.grains:
            raise ValueError(
                f"{spec.label!r} counts {spec.mass.grains} grains per kg, the problem {self.grains}"
            )
        if spec.mass is not None and classes is not None:
            weights, heavier = self._weights(spec, problem, classes)
        return Total(selected, classes, weights, heavier)

    def probe(self, requirement: Requirement, problem: Problem, lo: int, hi: int | None) -> Probe:
        """A probe flight among the lanes ``requirement`` selects, its total within ``[lo, hi]``."""
        t = self.total(requirement.spec, problem)
        fullest = max(
            (problem.lanes[li].fullest(t.classes, t.weights) for li in t.lanes), default=0
        )
        # One flight never carries more than ``fullest``: bounds past it are clamped exactly.
        return Probe(
            t.lanes,
            t.classes,
            min(lo, fullest + 1),
            None if hi is None or hi >= fullest else hi,
            t.weights,
        )


#: Lanes of at most this many flights have one load slot a flight at most; they leave
#: loads to the solver past this many boxes of one flight ...
EXPLICIT_MAX_FLIGHTS = 64
EXPLICIT_WHEN_BOXES_EXCEED = 32
#: Lanes of more flights do so past this many boxes ...
LARGE_LANE_BOXES = 64
#: ... when their load slots need at most this many variables.
SLOTS_AFTER_BOXES = 6_000
#: The most slot variables (slots times cargo types) one lane may have.
MAX_SLOT_VARIABLES = 60_000


def _slot_variables(spec: FlightSpec, flights: int) -> int:
    """The variables of the load slots of ``flights`` flights of ``spec``."""
    return len(spec.slot_sizes(flights)) * len(spec.types)


def _check_slots(spec: FlightSpec, flights: int, group: Group) -> None:
    """Refuse a lane whose load slots would make too large a model."""
    variables = _slot_variables(spec, flights)
    if variables > MAX_SLOT_VARIABLES:
        raise ModelTooLarge(
            f"the loads of {group.aircraft} (flights {group.id}) need {variables:,} "
            f"variables, more than {MAX_SLOT_VARIABLES:,}"
        )


def _two_classes_need_many(spec: FlightSpec, limit: int) -> bool:
    """Whether the two classes a flight holds most of, alone, likely need more than
    ``limit`` load boxes, a cheap sign that all of them do.

    More than ``limit`` of each on one flight is taken as the sign (many small items
    share some limit; this only picks the faster exact form). Otherwise, with three
    classes or more and no per-flight minimum, the two are enumerated, in milliseconds:
    each maximal load of two classes extends to a maximal load of all, no two alike.
    """
    most: dict[int, int] = {}
    for t in spec.types:
        most[t.klass] = max(most.get(t.klass, 0), spec.most(t) or 0)
    pair = sorted(most, key=lambda k: (-most[k], k))[:2]
    if len(pair) < 2:
        return False
    if most[pair[1]] > limit:
        return True
    if len(most) < 3 or spec.lower or spec.mass_lower:  # (with two, the pair is all)
        return False
    two = replace(spec, types=tuple(t for t in spec.types if t.klass in pair))
    try:
        load_boxes(two, limit)
    except TooManyLoads:
        return True
    return False


def _slots_fit(spec: FlightSpec) -> bool:
    """Whether one flight's limits bound every cargo type, so that loads can be variables."""
    return all(spec.most(t) is not None for t in spec.types)


#: The largest count of units or flights the model may need; CP-SAT works in 64-bit
#: integers, keeps variable domains within about ±2^62 and refuses models whose
#: linear sums could overflow. 2^60 leaves room for sums of several such terms.
MAX_UNITS = 2**60


def _most_reachable(
    problem: Problem,
    caps: Sequence[int],
    masses: bool = False,
    heavier: Sequence[int] | None = None,
) -> int:
    """A bound on every total of the problem: all flights at their caps, each at its fullest
    (and, when ``masses`` are asked about, each at its heaviest).

    Raises :class:`ModelTooLarge` when that bound, or a single group's cap, exceeds
    :data:`MAX_UNITS`: the solver could not then sum the model's quantities exactly.
    """
    for cap in caps:
        if cap > MAX_UNITS:
            raise ModelTooLarge(
                f"a flight count of {cap:,} is more than the solver's 64-bit integers can sum "
                f"(at most {MAX_UNITS:,})"
            )
    most = 0
    known: dict[tuple[object, ...], tuple[int, int]] = {}
    for lane in problem.lanes:
        # Lanes placed from one (Lane.placed) share their loads' objects: one computation.
        key = (id(lane.boxes), id(lane.explicit), lane.bulk, lane.payload, lane.bulk_total)
        if key not in known:
            known[key] = _lane_most(problem, lane, masses, heavier)
        per_flight, in_all = known[key]
        most += caps[lane.group] * per_flight + in_all
    if most > MAX_UNITS:
        raise ModelTooLarge(
            f"the flights could carry up to {most:,} units, more than the solver's 64-bit "
            "integers can sum; count cargo in larger units"
        )
    return most


def _lane_most(
    problem: Problem, lane: Lane, masses: bool, heavier: Sequence[int] | None
) -> tuple[int, int]:
    """What one lane adds to :func:`_most_reachable`: per flight, and in all."""
    if lane.bulk_total is not None:  # bulk in all, then units per flight
        every = tuple(k for k in range(len(problem.classes)) if k not in lane.bulk)
        weights = tuple(max(w, 1) for w in problem.class_mass)
        per_flight = max(lane.fullest(every), lane.fullest(every, weights) if masses else 0)
        return max(per_flight, 1), lane.bulk_total * len(lane.bulk)
    fullest = lane.fullest(tuple(range(len(problem.classes))))
    # The solver bounds a class's units on a lane by a sum over its boxes, each term up to
    # the group's cap flights: that sum must fit too, not only the fullest box.
    fullest = max(
        [fullest, *(sum(b.ceiling[k] for b in lane.boxes) for k in range(len(problem.classes)))]
    )
    # A flight's mass is within its payload, but a what-if may drop the payload.
    heaviest = _fullest_mass(lane) if masses else 0
    if heavier is not None:  # a relaxation weighs units at their most, past the payload
        every = tuple(range(len(problem.classes)))
        heaviest = max(heaviest, lane.fullest(every, tuple(max(w, 0) for w in heavier)))
    return max(fullest, heaviest, 1), 0


def _bulk_floor(spec: FlightSpec, bulk: frozenset[int]) -> tuple[tuple[int, ...], int] | None:
    """The per-flight minimum of bulk alone that poured bulk can decide, if there is one.

    A flight carrying at least ``lo`` grains of bulk classes ``ks`` is a flight whose units
    fit the payload less ``lo``, and a lane of such flights carries at least ``lo`` a
    flight of ``ks`` (the rest of the room is poured as usual): exact, as bulk divides
    freely. None when no minimum touches bulk, or more than one set of classes does.
    """
    touching = [(ks, lo) for ks, lo in spec.lower if set(ks) & bulk]
    sets = {ks for ks, _ in touching}
    if len(sets) != 1:
        return None
    ks = next(iter(sets))
    return tuple(k for k in ks if k in bulk), max(lo for _, lo in touching)


def _bulk_per_flight(
    spec: FlightSpec, bulk: frozenset[int], floor: tuple[tuple[int, ...], int] | None
) -> bool:
    """Whether bulk must be counted per flight: a cap on it, a loading limit it uses, or a
    minimum that is not bulk alone (see :func:`_bulk_floor`)."""
    if any(set(ks) & bulk for ks, _ in spec.upper):
        return True
    if any(t.bulk and any(t.usage[1:]) for t in spec.types):
        return True
    touching = [ks for ks, _ in spec.lower if set(ks) & bulk]
    return bool(touching) and (floor is None or not set(touching[0]) <= bulk)


def _with_mass_cap(spec: FlightSpec, ks: tuple[int, ...], hi: int) -> FlightSpec:
    """``spec`` where the mass of classes ``ks`` on one flight is at most ``hi`` grains.

    A cap on every class a flight carries lowers its payload; any other cap is one more
    resource, which both formulations decide (bulk using it goes in the boxes).
    """
    carried = {t.klass for t in spec.types}
    if carried <= set(ks):
        return replace(spec, capacity=(min(spec.capacity[0], hi), *spec.capacity[1:]))
    types = tuple(
        replace(t, usage=(*t.usage, t.usage[0] if t.klass in ks else 0)) for t in spec.types
    )
    return replace(spec, capacity=(*spec.capacity, hi), types=types)


def _flights_to_meet(condition: Condition, problem: Problem) -> int:
    """How many flights of open groups meeting ``condition`` may need, at most.

    An open group needs no more flights than it takes to meet every bound with one
    unit each (a flight carrying none of it can stay home). A mass counts in grains,
    so a flight adds at least its lightest unit, and bulk, which divides freely,
    fills whole payloads but for one flight per lane.
    """
    amount = condition.hi if condition.hi is not None else condition.lo
    total = condition.total
    if total.weights is None or total.classes is None:
        return amount
    least = [total.weights[k] for k in total.classes if k not in problem.bulk_classes]
    bulk = [k for k in total.classes if k in problem.bulk_classes]
    if bulk:
        least += [problem.lanes[li].payload for li in total.lanes if problem.lanes[li].payload]
        least += [_least_bulk(problem.lanes[li], bulk) for li in total.lanes]
        least += [
            problem.lanes[li].bulk_total or 0 for li in total.lanes if problem.lanes[li].bulk_total
        ]
        least += [
            spec.capacity[0]
            for li in total.lanes
            if (spec := problem.lanes[li].explicit) is not None and spec.capacity[0]
        ]
    smallest = min((w for w in least if w > 0), default=1)
    return -(-amount // smallest) + len(total.lanes)


def _least_bulk(lane: Lane, bulk: list[int]) -> int:
    """The least a flight of ``lane`` must carry of the ``bulk`` classes, in grains; 0 when
    it may carry none. Such a flight cannot stay home to make room for full ones, so an
    open group may fly as many flights as such minimums fit a bound."""
    if lane.bulk_floor is not None and set(lane.bulk_floor[0]) & set(bulk):
        return lane.bulk_floor[1]
    spec = lane.explicit
    if spec is None:
        return 0
    touching = [lo for ks, lo in (*spec.lower, *spec.mass_lower) if set(ks) & set(bulk)]
    return min(touching, default=0)


def _fullest_mass(lane: Lane) -> int:
    """An upper bound on the mass of one flight of ``lane``, in grains: its payload."""
    return lane.explicit.capacity[0] if lane.explicit is not None else lane.payload


def _within(condition: Condition, most: int) -> Condition:
    """``condition`` with bounds past ``most`` clamped, which changes no answer.

    No total exceeds ``most``: a lower bound above it stays unreachable at
    ``most + 1``, and an upper bound at or above it never binds. Clamping keeps
    every number the solver sees within 64 bits, however large the file's bounds.
    """
    lo = min(condition.lo, most + 1)
    hi = None if condition.hi is None or condition.hi >= most else condition.hi
    if (lo, hi) == (condition.lo, condition.hi):
        return condition
    return replace(condition, lo=lo, hi=hi)


def _class_indices(
    classes: tuple[tuple[str, ...], ...], members: frozenset[str], name: str
) -> tuple[int, ...] | None:
    """Indices of the classes that make up ``members``; None for the flights total."""
    if name == FLIGHTS_TOTAL:
        return None
    indices = []
    for k, cls in enumerate(classes):
        inside = members.issuperset(cls)
        if not inside and members.intersection(cls):
            raise ValueError(f"total {name!r} is not told apart in this problem")
        if inside:
            indices.append(k)
    return tuple(indices)


def mass_scale(scenario: Scenario) -> int:
    """Model integers per kg: the least number that makes every mass of ``scenario`` whole."""
    return _common_scale(scenario, Dimension.MASS)


def _asks_mass(scenario: Scenario) -> bool:
    """Whether the scenario has bulk cargo or asks about a mass anywhere."""
    if any(c.mass is None for c in scenario.cargo.values()):
        return True
    statements = [*scenario.claims, *scenario.assumptions]
    return any(s.mass_unit is not None for s in statements) or any(
        row.unit is not None for row in scenario.estimate or []
    )


def _common_scale(scenario: Scenario, dimension: Dimension) -> int:
    """The least integer that makes every value of ``dimension`` in the scenario whole."""
    denominators = [1]
    values: list[Fraction] = []
    if dimension is Dimension.MASS:
        values += [a.payload.max.value for a in scenario.aircraft.values()]
        # A lane's payload depends on its aircraft and route only: once per distinct route.
        routes = {(g.aircraft, g.from_, d): g for g in scenario.flights for d in g.to}
        values += [lane_payload(scenario, g, d) for (_, _, d), g in routes.items()]
        # Both ends of a unit mass: an answer may be tried with the mass pinned at either.
        values += [
            end.value for c in scenario.cargo.values() if c.mass for end in (c.mass.min, c.mass.max)
        ]
        for s in [*scenario.claims, *scenario.assumptions]:
            if s.mass_unit is not None:
                lo, hi = s.mass_interval
                values += [lo] if hi is None else [lo, hi]
    for aircraft in scenario.aircraft.values():
        values += [r.max.value for r in aircraft.limits.values() if r.dimension is dimension]
    for cargo in scenario.cargo.values():
        values += [r.min.value for r in cargo.uses.values() if r.dimension is dimension]
    denominators += [v.denominator for v in values]
    return math.lcm(*denominators)
