"""The compiled, solver-neutral form of a scenario: integers only.

A *lane* is the set of flights of one group that land at one destination.
Flights of a lane are interchangeable, so the model counts them instead of
giving each its own variables. What one flight of a lane may carry is the set
of its *load boxes*: every load allowed on one flight lies in some box
``floor <= load <= ceiling``, and every load in a box is allowed, where loads
are counted per *cargo class* (cargo types that no statement tells apart).
The n-fold sums of such a set are exactly the sums of boxes, which is what
keeps the model independent of the number of flights.

Where the boxes would be too many, a lane gives the solver its loads instead,
as *load slots*: each slot is one load (units per cargo type, within the
flight's limits) flown by a fixed number of flights (:func:`slot_sizes`).

*Bulk* cargo (carried by mass in any amount) is counted in grains, the least
fraction of a kg that makes every mass of the scenario whole, and stays out of
the boxes: a flight carries whatever payload its units leave, so the bulk a lane
carries is bounded by its flights' payload less the mass of their units, which
is exact because bulk divides to the grain.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, cached_property

__all__ = [
    "Box",
    "CarriedType",
    "Condition",
    "FlightSpec",
    "Group",
    "Lane",
    "Member",
    "Probe",
    "Problem",
    "Total",
    "slot_sizes",
    "solver_key",
]

Vector = tuple[int, ...]


@dataclass(frozen=True)
class CarriedType:
    """A cargo type one flight may carry: its index, class and resource use."""

    index: int  #: position in the problem's cargo types
    klass: int
    usage: Vector  #: per resource, aligned with FlightSpec.capacity (mass first)
    bulk: bool = False  #: counted in grains of mass, not units


@dataclass(frozen=True)
class FlightSpec:
    """Everything that decides what one flight of a lane can carry.

    ``upper`` and ``lower`` are per-flight bounds on sums of classes. The spec
    is hashable so that lanes with equal specs share one enumeration.
    """

    classes: int
    cargo_types: int
    capacity: Vector
    types: tuple[CarriedType, ...]
    upper: tuple[tuple[tuple[int, ...], int], ...] = ()
    lower: tuple[tuple[tuple[int, ...], int], ...] = ()
    #: Per-flight minimums of the mass (in grains) of sums of classes that mix bulk and
    #: units: only a lane of explicit flights decides these.
    mass_lower: tuple[tuple[tuple[int, ...], int], ...] = ()

    def most(self, t: CarriedType) -> int | None:
        """The most units of ``t`` one flight can carry alone; None when nothing bounds it."""
        bounds = [cap // use for use, cap in zip(t.usage, self.capacity, strict=True) if use]
        bounds += [hi for ks, hi in self.upper if t.klass in ks]
        return min(bounds, default=None)

    def slot_sizes(self, flights: int) -> tuple[int, ...]:
        """The load slots of a lane of at most ``flights`` flights of this spec (every type
        bounded): see :func:`slot_sizes`."""
        most = max((self.most(t) or 0 for t in self.types), default=0)
        return slot_sizes(flights, len(self.types), most)


@dataclass(frozen=True)
class Box:
    """Loads ``floor <= y <= ceiling`` (per class) that one flight may carry.

    ``realization`` gives, per cargo type of the problem, units that realize
    ``ceiling``; any smaller load is realized by removing units of its class.
    """

    floor: tuple[int, ...]
    ceiling: tuple[int, ...]
    realization: tuple[int, ...]


@dataclass(frozen=True)
class Member:
    """A scenario flight group merged into a model group, with its own count range."""

    id: str
    count_min: int
    count_max: int | None
    order: int  #: position in the scenario's flights, for reports in file order


@dataclass(frozen=True)
class Group:
    """One flight group of the model: how many flights it may have and where they may land.

    Scenario groups that nothing tells apart (the same aircraft, origin, destinations and
    cargo, and named together or not at all by every statement) are one model group,
    whose ``members`` keep each scenario group's own count; empty when it is one group.
    """

    id: str
    aircraft: str
    origin: str
    count_min: int
    count_max: int | None  #: None: open above
    destinations: tuple[str, ...]
    members: tuple[Member, ...] = ()
    order: int = 0  #: position of its (first) scenario group in the file

    @property
    def ids(self) -> tuple[str, ...]:
        """The scenario groups this model group stands for."""
        return tuple(m.id for m in self.members) if self.members else (self.id,)


@dataclass(frozen=True)
class Lane:
    """The flights of ``groups[group]`` that land at ``destination``.

    A lane's loads are either enumerated as ``boxes`` or left to the solver
    (``explicit``, the flight's capacity and per-flight bounds) as load slots of
    one variable per cargo type, one slot per flight on a lane of few flights
    (:meth:`explicit_slots`): both are exact.
    """

    group: int
    destination: str
    boxes: tuple[Box, ...]  #: empty (and not explicit): no flight may land here
    explicit: FlightSpec | None = None
    #: Bulk classes a flight of this (boxed) lane carries, beside the boxes' units.
    bulk: tuple[int, ...] = ()
    #: Per class of ``bulk``, the cargo type (its index) that carries it in allocations:
    #: one the lane's group may carry (no total tells a class's types apart).
    bulk_as: tuple[int, ...] = ()
    #: One flight's payload limit in grains: the room units leave is for bulk.
    payload: int = 0
    #: A per-flight minimum of the bulk classes ``[0]``, in grains, that every flight of
    #: this (boxed) lane carries: its units were packed in the payload less that much.
    bulk_floor: tuple[tuple[int, ...], int] | None = None
    #: Set where the payload is dropped (a what-if): no payload bounds the bulk, and the
    #: lane carries at most this much of each bulk class in all (see ``Compiler.compile``).
    bulk_total: int | None = None

    def explicit_slots(self, caps: tuple[int, ...]) -> tuple[int, ...]:
        """The flights each load slot of this explicit lane stands for (see :func:`slot_sizes`)."""
        assert self.explicit is not None, "only an explicit lane has load slots"
        return self.explicit.slot_sizes(caps[self.group])

    def placed(self, group: int, destination: str) -> Lane:
        """This lane's loads for the flights of another group and destination.

        A shallow copy that keeps what was already computed of the loads (``ceilings``):
        the thousands of lanes alike of a large scenario are placed from one (see
        ``Compiler.compile``), and :func:`dataclasses.replace` took six times as long.
        """
        lane = object.__new__(Lane)
        lane.__dict__.update(self.__dict__, group=group, destination=destination)
        return lane

    @property
    def open(self) -> bool:
        """Whether flights of the group may land here."""
        return bool(self.boxes) or self.explicit is not None

    def ceiling(self, k: int) -> int:
        """An upper bound on the units of class ``k`` one flight of this lane carries."""
        return self.ceilings[k] if k < len(self.ceilings) else 0

    @cached_property
    def ceilings(self) -> tuple[int, ...]:
        """Per class, an upper bound on the units one flight of this lane carries."""
        if self.explicit is None:
            if not self.boxes:
                return ()
            tops = [max(column) for column in zip(*(b.ceiling for b in self.boxes), strict=True)]
            for k in self.bulk:
                tops[k] = self.payload if self.bulk_total is None else self.bulk_total
            return tuple(tops)
        spec = self.explicit
        out = []
        for k in range(spec.classes):
            total = sum(spec.most(t) or 0 for t in spec.types if t.klass == k)
            out.append(min([total, *(hi for ks, hi in spec.upper if k in ks)]))
        return tuple(out)

    def fullest(
        self, classes: tuple[int, ...] | None, weights: tuple[int, ...] | None = None
    ) -> int:
        """An upper bound on what one flight carries of ``classes`` (None: the flight, 1),
        each unit counted ``weights[k]`` times when given (a mass, in grains)."""
        if classes is None:
            return 1 if self.open else 0
        w = weights if weights is not None else (1,) * (max(classes, default=0) + 1)
        if self.explicit is None:
            boxed = max(
                (sum(box.ceiling[k] * w[k] for k in classes) for box in self.boxes), default=0
            )
            room = self.payload if self.bulk_total is None else self.bulk_total
            return boxed + sum(room * w[k] for k in self.bulk if k in classes)
        return sum(self.ceiling(k) * w[k] for k in classes)


@dataclass(frozen=True)
class Total:
    """A sum over the flights of some lanes: of cargo classes, or of flights.

    With ``weights`` (per class of the problem) each unit of class ``k`` counts
    ``weights[k]``: the total is a mass in grains.
    """

    lanes: tuple[int, ...]
    classes: tuple[int, ...] | None  #: None: count flights
    weights: tuple[int, ...] | None = None
    #: A relaxation's heavier weights (a unit mass's largest end), for lower bounds and
    #: maxima; None when ``weights`` are exact (see ``Compiler(relax_ranged=True)``).
    weights_hi: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Condition:
    """An aggregate requirement ``lo <= total <= hi`` (``hi`` None: open)."""

    id: str
    total: Total
    lo: int
    hi: int | None


@dataclass(frozen=True)
class Probe:
    """One flight, singled out from the selected lanes, whose load must lie in ``[lo, hi]``.

    Used to ask whether *some* selected flight can break a per-flight claim.
    """

    lanes: tuple[int, ...]
    classes: tuple[int, ...] | None  #: None: the flight itself (counts 1)
    lo: int
    hi: int | None
    weights: tuple[int, ...] | None = None  #: as in :class:`Total`


@dataclass(frozen=True)
class Problem:
    """Everything the CP-SAT model needs, as plain integers and names."""

    cargo_types: tuple[str, ...]  #: types the realization vectors refer to
    classes: tuple[tuple[str, ...], ...]  #: cargo types in each class
    groups: tuple[Group, ...]
    lanes: tuple[Lane, ...]
    conditions: tuple[Condition, ...]
    caps: tuple[int, ...]  #: per group, the largest flight count the model allows
    grains: int = 1  #: model integers of mass per kg
    #: Per class, the mass of one unit in grains (1 for a bulk class, whose unit is a
    #: grain); -1 where a class mixes masses (only when nothing asks for its mass).
    class_mass: tuple[int, ...] = ()
    bulk_classes: frozenset[int] = frozenset()
    #: Per class, the largest mass of one unit in grains (as ``class_mass``).
    class_mass_hi: tuple[int, ...] = ()

    def lanes_of(self, group: int) -> list[int]:
        """The lanes of one group, in lane order."""
        return list(self._lanes_by_group.get(group, ()))

    def lanes_named(self, ids: tuple[str, ...]) -> list[int]:
        """The lanes of the model groups that stand for any of the scenario groups ``ids``."""
        named = sorted({self._group_of_id[i] for i in ids if i in self._group_of_id})
        return sorted(li for gi in named for li in self._lanes_by_group.get(gi, ()))

    @cached_property
    def _group_of_id(self) -> dict[str, int]:
        return {i: gi for gi, group in enumerate(self.groups) for i in group.ids}

    @cached_property
    def _lanes_by_group(self) -> dict[int, tuple[int, ...]]:
        by_group: dict[int, list[int]] = {}
        for i, lane in enumerate(self.lanes):
            by_group.setdefault(lane.group, []).append(i)
        return {g: tuple(lanes) for g, lanes in by_group.items()}


def solver_key(problem: Problem) -> tuple[object, ...]:
    """What the CP-SAT model of ``problem`` is built from, less what only names its answers.

    Two problems with equal keys have the same feasible set: lanes compare by their boxes'
    floors and ceilings (not the units that realize them, nor the unit masses, which the
    boxes already account for), by their flight spec when the loads are the solver's, and by
    their bulk room. A sweep's samples often differ only where no box changes.
    """
    lanes = tuple(
        (
            lane.group,
            lane.destination,
            tuple((b.floor, b.ceiling) for b in lane.boxes),
            lane.explicit,
            lane.bulk,
            lane.payload if lane.bulk else 0,
            lane.bulk_floor,
            lane.bulk_total,
        )
        for lane in problem.lanes
    )
    groups = tuple((g.count_min, g.count_max, g.members) for g in problem.groups)
    return groups, problem.caps, lanes, problem.conditions, problem.bulk_classes


@cache  # asked per lane alike, per model and per check: a few distinct answers
def slot_sizes(flights: int, types: int, most: int) -> tuple[int, ...]:
    """How many flights each load slot of a lane stands for: any loads of at most
    ``flights`` flights, of ``types`` cargo types and at most ``most`` units of each,
    are some slots' loads, each flown by its slot's number of flights.

    One slot a flight is exact but grows with the flights. Fewer slots suffice:
    the loads one flight may carry are the integer points of a polytope (its
    limits and per-flight bounds are linear), so n such loads can be rewritten
    as n loads of at most ``D`` distinct values with the same sum, where ``D`` is
    the smaller of

    - ``2**types``: two distinct loads that agree in every count's parity are
      replaced by two copies of their midpoint, an integer point of the same
      polytope; the sum and the count stay, the sum of squares falls, so this
      ends with loads of pairwise different parities (Eisenbrand and Shmonin,
      "Carathéodory bounds for integer cones", Oper. Res. Lett. 34, 2006);
    - ``2d log2(4dM)`` with ``d = types + 1`` (the load and a 1 that counts its
      flight) and ``M = most``: their Theorem 1, for any integer cone.

    Each distinct load's number of flights is a sum of powers of two, so slots of
    ``2**b`` flights, at most ``D`` of them and at most ``flights // 2**b`` (they
    fly no more than ``flights`` in all), hold any such loads exactly.
    """
    distinct = _distinct_loads(types, most)
    if distinct >= flights:
        return (1,) * flights
    sizes: list[int] = []
    size = 1
    while size <= flights:
        sizes += [size] * min(distinct, flights // size)
        size *= 2
    return tuple(sizes) if len(sizes) < flights else (1,) * flights


def _distinct_loads(types: int, most: int) -> int:
    """An upper bound on the distinct loads n flights need (see :func:`slot_sizes`)."""
    parity: int = 2 ** min(types, 62)
    d = types + 1
    cone = math.ceil(2 * d * math.log2(4 * d * max(most, 1))) + 1  # rounded up: still exact
    return min(parity, cone)
