"""The CP-SAT model of a schedule: flights on airframes, in time, within the window.

Each flight (a :class:`~airlift.model.schedule_data.Node`) has a takeoff and a landing
time in whole seconds and, when present, lies on exactly one airframe's path. Paths are
circuits through a depot (``add_multiple_circuit``): an arc depot -> f starts an airframe at f, an
arc f -> h says the same airframe flies h next, an arc f -> depot ends it, and a loop f -> f
leaves f unflown. So the airframes used are the arcs out of the depot. One private method
per constraint family:

- ``_add_nodes``: times within the window and the row's times, durations of at least the
  block time to the chosen destination (no leg faster than the block speed allows);
- ``_add_paths``: the circuit, and per arc the separation: the next takeoff at least the
  ground time after landing at the same field, or ground time, a positioning leg and
  ground time again when the next flight leaves from elsewhere (an airframe must be where
  it takes off); an airframe's first flight may leave from anywhere;
- ``_add_airframes``: legs of one registration on one path, of two on two, and the fleet's
  size;
- ``_add_counts``: each flight group's count; unseen flights of a group are alike, so the
  flown ones come first and in takeoff order;
- ``_add_occupancy`` (redundant, for speed): no more flights busy at once than airframes;
- ``_add_spots``: spots limit the aircraft being turned at once at an airfield: each
  takeoff holds a spot for the ground time before it, and a landing not followed by a
  takeoff from the same field holds one for the ground time after it (a turn at one field
  is one stay); an aircraft waiting longer is taken to be off the spots.

Claims and questions are :class:`Condition` rows over :class:`Measure` s, each reified by
one literal, so "holds" and "fails" are both solves of the same model.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from airlift.errors import InternalError
from airlift.model.cpsat import (
    _STATUS,
    _cutoff,
    _outward,
    _solve_interruptibly,
    budgeted_solver,
    count_cut,
)
from airlift.model.options import SolveOptions
from airlift.model.schedule_data import ScheduleData
from airlift.result import Cutoff, SolveStatus

__all__ = [
    "Condition",
    "Measure",
    "ScheduleModel",
    "ScheduleSolution",
    "Selector",
    "asks_airframes",
    "grows_with_flights",
    "run_schedule",
]


@dataclass(frozen=True)
class Selector:
    """Which flights a measure counts; None is no filter. Airfields are indices."""

    aircraft: frozenset[str] | None = None
    groups: frozenset[str] | None = None
    origins: frozenset[int] | None = None
    destinations: frozenset[int] | None = None


@dataclass(frozen=True)
class Measure:
    """A quantity of a schedule: ``airframes`` used, ``flights`` taking off (or landing,
    ``counting="landing"``) in ``[start, end]`` seconds, or ``completion`` (the last landing,
    in seconds; 0 with no flight)."""

    what: str
    select: Selector = Selector()
    counting: str = "takeoff"
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Condition:
    """``lo <= sum(coef x measure) <= hi``; None is an open end."""

    terms: tuple[tuple[int, Measure], ...]
    lo: int | None
    hi: int | None


@dataclass(frozen=True)
class ScheduleSolution:
    """One solver answer: its status and, when found, the schedule."""

    status: SolveStatus
    objective: int | None = None
    bound: int | None = None
    cutoff: Cutoff | None = None
    #: Each airframe's flights, as node indices in flying order; airframes by first takeoff.
    paths: tuple[tuple[int, ...], ...] = ()
    takeoff: tuple[int, ...] = ()
    landing: tuple[int, ...] = ()
    destination: tuple[int, ...] = ()  #: airfield index per node (-1 when not flown)

    @property
    def found(self) -> bool:
        return self.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)


#: Settings for schedule models, unless ``SolveOptions.params`` sets them: the circuit's
#: linear relaxation, presolve and probing cost more than they prune on models this small
#: (the flagship: 55 s at the load model's settings, 0.3 s here; 30 alike flights on 8
#: airframes: unproven after 5 s with no linear relaxation, 0.14 s at level 1).
_SCHEDULE_PARAMS: dict[str, object] = {
    "linearization_level": 1,
    "cp_model_presolve": False,
    "cp_model_probing_level": 0,
}


class ScheduleModel:
    """The CP-SAT model of one compiled schedule; each :meth:`solve` sets its own question.

    ``free_spots`` names an airfield index whose spots become a variable (``spot_var``),
    for the question of how many it needs; ``settings`` are CP-SAT settings for its questions
    (``SolveOptions.params`` still win). ``model`` is a CP-SAT model to build into (the load
    model's, for loads and schedule in one model); a new one by default.
    """

    def __init__(
        self,
        data: ScheduleData,
        free_spots: int | None = None,
        settings: Mapping[str, object] | None = None,
        model: cp_model.CpModel | None = None,
    ) -> None:
        self.data = data
        #: Solver settings of this model's questions, over ``_SCHEDULE_PARAMS``.
        self.settings = {**_SCHEDULE_PARAMS, **(settings or {})}
        self.model = model if model is not None else cp_model.CpModel()
        self.free_spots = free_spots
        n = len(data.nodes)
        self.present: list[cp_model.IntVar] = []
        self.takeoff: list[cp_model.IntVar] = []
        self.landing: list[cp_model.IntVar] = []
        self.dest: list[dict[int, cp_model.IntVar]] = []
        self.start: dict[int, cp_model.IntVar] = {}
        self.end: dict[int, cp_model.IntVar] = {}
        self.arc: dict[tuple[int, int], cp_model.IntVar] = {}
        self._measures: dict[Measure, cp_model.LinearExprT] = {}
        self._holds: dict[tuple[Condition, ...], cp_model.IntVar] = {}
        #: Airframes used, per aircraft type (one variable, so that bounds reach objectives).
        self.used: dict[str, cp_model.IntVar] = {}
        self.spot_var: cp_model.IntVar | None = None
        self._add_nodes()
        self._add_paths()
        self._add_airframes()
        self._add_counts()
        self._add_spots()
        self._add_occupancy()
        self.size = n

    # --- constraint families ---------------------------------------------------------------

    def _add_nodes(self) -> None:
        for i in range(len(self.data.nodes)):
            on, t, land, choice = node_vars(self.model, self.data, i)
            self.present.append(on)
            self.takeoff.append(t)
            self.landing.append(land)
            self.dest.append(choice)

    def _may_follow(self, f: int, h: int) -> bool:
        """Whether flight ``h`` can be the next of ``f``'s airframe at all."""
        d = self.data
        a, b = d.nodes[f], d.nodes[h]
        if a.aircraft != b.aircraft:
            return False
        if a.airframe is not None and b.airframe is not None and a.airframe != b.airframe:
            return False
        if a.twin and b.twin and a.group == b.group and h < f:
            return False  # alike flights fly in their order
        least = min(d.separation(a.aircraft, k, b.origin) for k in a.destinations)
        return b.takeoff[1] >= a.landing[0] + least

    def _add_paths(self) -> None:
        m, d = self.model, self.data
        n = len(d.nodes)
        arcs: list[tuple[int, int, cp_model.LiteralT]] = []
        depot = 0
        for f in range(n):
            self.start[f] = m.new_bool_var(f"s{f}")
            self.end[f] = m.new_bool_var(f"e{f}")
            arcs += [(depot, f + 1, self.start[f]), (f + 1, depot, self.end[f])]
            arcs.append((f + 1, f + 1, ~self.present[f]))
        for f in range(n):
            for h in range(n):
                if f == h or not self._may_follow(f, h):
                    continue
                y = m.new_bool_var(f"y{f}_{h}")
                self.arc[f, h] = y
                arcs.append((f + 1, h + 1, y))
                a, b = d.nodes[f], d.nodes[h]
                for k, z in self.dest[f].items():
                    gap = d.separation(a.aircraft, k, b.origin)
                    m.add(self.takeoff[h] >= self.landing[f] + gap).only_enforce_if([y, z])
        if n:
            m.add_multiple_circuit(arcs)

    def _add_airframes(self) -> None:
        m, d = self.model, self.data
        for aircraft, least, most, registrations in d.fleets:
            mine = [i for i, node in enumerate(d.nodes) if node.aircraft == aircraft]
            used = sum(self.start[i] for i in mine)
            if most is not None:
                m.add(used <= most)
            if least:
                m.add(used >= least)
            named = sorted({d.nodes[i].airframe for i in mine} - {None})  # type: ignore[type-var]
            fleet = list(registrations) if registrations is not None else []
            labels = fleet + [r for r in named if r not in fleet]
            if not labels:
                continue
            anonymous = len(labels)
            top = anonymous if registrations is None else anonymous - 1
            label = {}
            for i in mine:
                node = d.nodes[i]
                if node.airframe is not None:
                    label[i] = m.new_constant(labels.index(node.airframe))
                else:
                    label[i] = m.new_int_var(0, top, f"a{i}")
            for (f, h), y in self.arc.items():
                if f in label and h in label:
                    m.add(label[h] == label[f]).only_enforce_if(y)
            for k in range(len(labels)):
                starts = []
                for i in mine:
                    node = d.nodes[i]
                    if node.airframe is not None:
                        if labels.index(node.airframe) == k:
                            starts.append(self.start[i])
                        continue
                    is_k = m.new_bool_var(f"is{i}_{k}")
                    m.add(label[i] == k).only_enforce_if(is_k)
                    m.add(label[i] != k).only_enforce_if(~is_k)
                    both = m.new_bool_var(f"sk{i}_{k}")
                    m.add_bool_and([self.start[i], is_k]).only_enforce_if(both)
                    m.add_bool_or([~self.start[i], ~is_k, both])
                    starts.append(both)
                m.add(sum(starts) <= 1)

    def _add_counts(self) -> None:
        m, d = self.model, self.data
        for group, least, most in d.counts:
            mine = [i for i, node in enumerate(d.nodes) if node.group == group]
            flown = sum(self.present[i] for i in mine)
            m.add(flown >= least)
            if most is not None:
                m.add(flown <= most)
            twins = [i for i in mine if d.nodes[i].twin]
            for a, b in itertools.pairwise(twins):
                m.add_implication(self.present[b], self.present[a])
                m.add(self.takeoff[a] <= self.takeoff[b]).only_enforce_if(self.present[b])

    def _add_spots(self) -> None:
        m, d = self.model, self.data
        limits = dict(d.spots)
        fields = set(limits)
        if self.free_spots is not None:
            fields.add(self.free_spots)
        for field in sorted(fields):
            intervals = []
            for i, node in enumerate(d.nodes):
                if node.origin == field:
                    g = d.ground[node.aircraft, field]
                    s = m.new_int_var(-g, d.horizon, f"ps{i}")
                    m.add(s == self.takeoff[i] - g)
                    intervals.append(
                        m.new_optional_fixed_size_interval_var(s, g, self.present[i], f"P{i}")
                    )
                z = self.dest[i].get(field)
                if z is None:
                    continue
                g = d.ground[node.aircraft, field]
                held = m.new_bool_var(f"held{i}_{field}")
                turned = self.same_field_at(i, field)
                # Held after landing: flown to this field and not turned here for the next.
                m.add(held <= z)
                m.add(held + turned >= z)
                m.add(held + turned <= 1)
                intervals.append(
                    m.new_optional_fixed_size_interval_var(self.landing[i], g, held, f"A{i}")
                )
            demands = [1] * len(intervals)
            if field == self.free_spots:
                self.spot_var = m.new_int_var(0, max(len(intervals), 1), "spots")
                m.add_cumulative(intervals, demands, self.spot_var)
            else:
                m.add_cumulative(intervals, demands, limits[field])

    def _add_occupancy(self) -> None:
        """Redundant, for speed: an airframe is busy from each takeoff for at least the
        leg and the least separation before any next takeoff, so at no moment are more
        of its type's flights busy than airframes used (the last flight's busy time may
        run past the window: nothing follows it)."""
        m, d = self.model, self.data
        for aircraft, _, _, _ in d.fleets:
            mine = [i for i, node in enumerate(d.nodes) if node.aircraft == aircraft]
            used = m.new_int_var(0, len(mine), f"used_{aircraft}")
            m.add(used == sum(self.start[i] for i in mine))
            self.used[aircraft] = used
            intervals = []
            energy = []
            for i in mine:
                node = d.nodes[i]
                busy = min(
                    (0 if k == node.origin else d.block[aircraft, node.origin, k])
                    + min(d.separation(aircraft, k, o) for o in self._origins(aircraft))
                    for k in node.destinations
                )
                if busy <= 0:
                    continue
                energy.append((busy, self.present[i]))
                intervals.append(
                    m.new_optional_fixed_size_interval_var(
                        self.takeoff[i], busy, self.present[i], f"B{i}"
                    )
                )
            if intervals:
                m.add_cumulative(intervals, [1] * len(intervals), used)
                # The same as one linear row: an airframe's busy times start within the
                # window and do not overlap, so they add up to at most the window and one.
                longest = max(b for b, _ in energy)
                m.add(sum(b * x for b, x in energy) <= used * (d.horizon + longest))
                # And per airframe: takeoffs at least the least busy time apart, the last
                # one early enough to land in the window.
                shortest = min(
                    (
                        d.block[aircraft, d.nodes[i].origin, k]
                        for i in mine
                        for k in d.nodes[i].destinations
                        if k != d.nodes[i].origin
                    ),
                    default=0,
                )
                most = (d.horizon - shortest) // min(b for b, _ in energy) + 1
                m.add(sum(x for _, x in energy) <= used * max(most, 0))

    def _origins(self, aircraft: str) -> set[int]:
        return {node.origin for node in self.data.nodes if node.aircraft == aircraft}

    def same_field_at(self, f: int, field: int) -> cp_model.LinearExpr:
        """1 when ``f``'s airframe next takes off from ``field``, where ``f`` landed."""
        terms = [
            y
            for (a, h), y in self.arc.items()
            if a == f and self.data.nodes[h].origin == field and field in self.dest[f]
        ]
        if len(self.dest[f]) == 1:
            return cp_model.LinearExpr.sum(terms)
        out = []
        for y in terms:
            w = self.model.new_bool_var("")
            self.model.add_bool_and([y, self.dest[f][field]]).only_enforce_if(w)
            self.model.add_bool_or([~y, ~self.dest[f][field], w])
            out.append(w)
        return cp_model.LinearExpr.sum(out)

    # --- measures and conditions -----------------------------------------------------------

    def flights_to(self, groups: Iterable[str], field: int) -> cp_model.LinearExprT:
        """The flights of ``groups`` landing at ``field`` (the tie to the loads)."""
        named = set(groups)
        return cp_model.LinearExpr.sum(
            [
                choice[field]
                for node, choice in zip(self.data.nodes, self.dest, strict=True)
                if node.group in named and field in choice
            ]
        )

    def destinations(self) -> set[tuple[str, int]]:
        """Every (group, airfield) a flight may land at."""
        return {(node.group, k) for node in self.data.nodes for k in node.destinations}

    def _selected(self, i: int, s: Selector) -> cp_model.LinearExprT | None:
        """1 when node ``i`` is flown and selected by ``s`` (None: never selected)."""
        node = self.data.nodes[i]
        if s.aircraft is not None and node.aircraft not in s.aircraft:
            return None
        if s.groups is not None and node.group not in s.groups:
            return None
        if s.origins is not None and node.origin not in s.origins:
            return None
        if s.destinations is None:
            return self.present[i]
        picks = [z for k, z in self.dest[i].items() if k in s.destinations]
        return sum(picks) if picks else None

    def measure(self, q: Measure) -> cp_model.LinearExprT:
        """The measure's expression, built once."""
        if q not in self._measures:
            self._measures[q] = self._build_measure(q)
        return self._measures[q]

    def _build_measure(self, q: Measure) -> cp_model.LinearExprT:
        m, d = self.model, self.data
        if q.what == "airframes":
            return sum(v for t, v in self.used.items() if _type_ok(t, q.select))
        if q.what == "completion":
            last = m.new_int_var(0, d.horizon, "completion")
            for i in range(len(d.nodes)):
                m.add(last >= self.landing[i]).only_enforce_if(self.present[i])
            # The completion is some flown flight's landing, or 0 when none flies.
            if d.nodes:
                pick = [m.new_bool_var("") for _ in d.nodes]
                for i, b in enumerate(pick):
                    m.add_implication(b, self.present[i])
                    m.add(last == self.landing[i]).only_enforce_if(b)
                zero = m.new_bool_var("")
                m.add(last == 0).only_enforce_if(zero)
                m.add_exactly_one([*pick, zero])
            return last
        counted = []
        for i in range(len(d.nodes)):
            sel = self._selected(i, q.select)
            if sel is None:
                continue
            time = self.takeoff[i] if q.counting == "takeoff" else self.landing[i]
            counted.append(inside(m, time, sel, q.start, q.end))
        return sum(counted) if counted else 0

    def holds(self, conditions: Sequence[Condition]) -> cp_model.IntVar:
        """A literal true exactly when every condition holds (built once per conditions)."""
        key = tuple(conditions)
        if key not in self._holds:
            self._holds[key] = self._build_holds(key)
        return self._holds[key]

    def _build_holds(self, conditions: Sequence[Condition]) -> cp_model.IntVar:
        return reify_conditions(self.model, conditions, self.measure)

    # --- solving -----------------------------------------------------------------------------

    def solve(
        self,
        options: SolveOptions,
        true: Sequence[cp_model.IntVar] = (),
        false: Sequence[cp_model.IntVar] = (),
        objective: tuple[str, Measure | str] | None = None,
    ) -> ScheduleSolution:
        """Solve with ``true`` literals on and ``false`` off, for feasibility or for the
        ``("min"|"max", measure)`` objective (the measure ``"spots"``: the free spots)."""
        target: tuple[str, cp_model.LinearExprT] | None = None
        if objective is not None:
            sense, what = objective
            if isinstance(what, Measure):
                target = (sense, self.measure(what))
            else:
                assert what == "spots" and self.spot_var is not None
                target = (sense, self.spot_var)
        return self._solve(options, true, false, target)

    def _solve(
        self,
        options: SolveOptions,
        true: Sequence[cp_model.IntVar],
        false: Sequence[cp_model.IntVar],
        objective: tuple[str, cp_model.LinearExprT] | None,
    ) -> ScheduleSolution:
        settings = dict(self.settings)
        if objective is not None and self.spot_var is not None:
            # Placing turns on few spots is a cumulative search that the circuit's linear
            # relaxation only slows (the flagship: 31 s unproven at level 1, 0.04 s at 0).
            settings["linearization_level"] = 0
        return run_schedule(self.model, settings, options, true, false, objective, self.read)

    def read(
        self,
        solver: cp_model.CpSolver,
        status: SolveStatus,
        objective: int | None = None,
        bound: int | None = None,
        cutoff: Cutoff | None = None,
    ) -> ScheduleSolution:
        """The schedule of a found solution in plain values (of this model, or of a joint
        model built into the same CP-SAT model)."""
        n = len(self.data.nodes)
        on = [bool(solver.value(self.present[i])) for i in range(n)]
        nxt = {f: h for (f, h), y in self.arc.items() if solver.boolean_value(y)}
        paths = []
        for f in range(n):
            if on[f] and solver.boolean_value(self.start[f]):
                path = [f]
                while path[-1] in nxt:
                    path.append(nxt[path[-1]])
                paths.append(tuple(path))
        takeoff = tuple(int(solver.value(self.takeoff[i])) for i in range(n))
        landing = tuple(int(solver.value(self.landing[i])) for i in range(n))
        dest = tuple(
            next((k for k, z in self.dest[i].items() if solver.value(z)), -1) if on[i] else -1
            for i in range(n)
        )
        paths.sort(key=lambda p: (takeoff[p[0]], p))
        return ScheduleSolution(
            status, objective, bound, cutoff, tuple(paths), takeoff, landing, dest
        )


def node_vars(
    m: cp_model.CpModel, d: ScheduleData, i: int
) -> tuple[cp_model.IntVar, cp_model.IntVar, cp_model.IntVar, dict[int, cp_model.IntVar]]:
    """Flight ``i`` of ``d`` in ``m``: whether it is flown, its takeoff and landing, and a
    literal per destination it may land at; times within the window and its row's, and no
    leg faster than the block time to the chosen destination."""
    node = d.nodes[i]
    on = m.new_constant(1) if node.mandatory else m.new_bool_var(f"on{i}")
    lo_t, hi_t = max(node.takeoff[0], 0), min(node.takeoff[1], d.horizon)
    lo_l, hi_l = max(node.landing[0], 0), min(node.landing[1], d.horizon)
    if lo_t > hi_t or lo_l > hi_l:
        # The row's time is outside the window: flown, this node cannot be placed.
        m.add(on == 0)
        lo_t, hi_t, lo_l, hi_l = 0, d.horizon, 0, d.horizon
    t = m.new_int_var(lo_t, hi_t, f"t{i}")
    land = m.new_int_var(lo_l, hi_l, f"l{i}")
    choice: dict[int, cp_model.IntVar] = {}
    if len(node.destinations) == 1:
        choice[node.destinations[0]] = on
    else:
        for k in node.destinations:
            choice[k] = m.new_bool_var(f"z{i}_{k}")
        m.add(sum(choice.values()) == on)
    for k, z in choice.items():
        if k == node.origin:
            continue
        m.add(land - t >= d.block[node.aircraft, node.origin, k]).only_enforce_if(z)
    m.add(land >= t).only_enforce_if(on)
    if not node.mandatory:
        # Unflown, its times are fixed at their earliest, so that no two answers differ
        # only in them.
        m.add(t == lo_t).only_enforce_if(~on)
        m.add(land == lo_l).only_enforce_if(~on)
    return on, t, land, choice


def inside(
    m: cp_model.CpModel,
    time: cp_model.IntVar,
    flown: cp_model.LinearExprT,
    start: int | None,
    end: int | None,
) -> cp_model.LinearExprT:
    """1 when a flight is ``flown`` (a 0-1 expression) and ``time`` lies in ``[start, end]``
    (None: open); ``flown`` itself without a period."""
    if start is None and end is None:
        return flown
    out = m.new_bool_var("")
    parts = []
    if start is not None:
        after = m.new_bool_var("")
        m.add(time >= start).only_enforce_if(after)
        m.add(time < start).only_enforce_if(~after)
        parts.append(after)
    if end is not None:
        before = m.new_bool_var("")
        m.add(time <= end).only_enforce_if(before)
        m.add(time > end).only_enforce_if(~before)
        parts.append(before)
    is_flown = m.new_bool_var("")
    m.add(is_flown == flown)
    parts.append(is_flown)
    m.add_bool_and(parts).only_enforce_if(out)
    m.add_bool_or([~p for p in parts] + [out])
    return out


def reify_conditions(
    m: cp_model.CpModel,
    conditions: Sequence[Condition],
    measure: Callable[[Measure], cp_model.LinearExprT],
) -> cp_model.IntVar:
    """A literal of ``m`` true exactly when every condition holds, its measures given by
    ``measure`` (of any formulation)."""
    parts = []
    for c in conditions:
        expr = cp_model.LinearExpr.sum([k * measure(q) for k, q in c.terms])
        for side, bound in (("lo", c.lo), ("hi", c.hi)):
            if bound is None:
                continue
            b = m.new_bool_var("")
            if side == "lo":
                m.add(expr >= bound).only_enforce_if(b)
                m.add(expr <= bound - 1).only_enforce_if(~b)
            else:
                m.add(expr <= bound).only_enforce_if(b)
                m.add(expr >= bound + 1).only_enforce_if(~b)
            parts.append(b)
    out = m.new_bool_var("holds")
    if not parts:
        m.add(out == 1)
        return out
    m.add_bool_and(parts).only_enforce_if(out)
    m.add_bool_or([~p for p in parts] + [out])
    return out


def run_schedule(
    model: cp_model.CpModel,
    settings: Mapping[str, object],
    options: SolveOptions,
    true: Sequence[cp_model.IntVar],
    false: Sequence[cp_model.IntVar],
    objective: tuple[str, cp_model.LinearExprT] | None,
    read: Callable[..., ScheduleSolution],
) -> ScheduleSolution:
    """Solve a schedule model (of any formulation) with ``true`` literals on and ``false``
    off, for feasibility or an objective, within the run's budget; ``read`` turns a found
    solution into a :class:`ScheduleSolution` (``read(solver, status, objective, bound,
    cutoff)``)."""
    model.clear_objective()  # type: ignore[no-untyped-call]
    model.clear_assumptions()
    model.add_assumptions([*true, *(~x for x in false)])
    sense = None
    if objective is not None:
        sense, expr = objective
        if sense == "min":
            model.minimize(expr)
        else:
            model.maximize(expr)
    solver = budgeted_solver(options)
    if solver is None:
        return ScheduleSolution(SolveStatus.UNKNOWN, cutoff=Cutoff.WALL_CLOCK)
    for name, setting in settings.items():
        if name not in options.params:
            setattr(solver.parameters, name, setting)
    status = _STATUS[_solve_interruptibly(solver, model)]
    if status is SolveStatus.MODEL_INVALID:
        raise InternalError(f"CP-SAT rejected the schedule model: {solver.solution_info()}")
    cutoff = _cutoff(solver, options, status, sense)
    count_cut(cutoff)
    if status not in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
        return ScheduleSolution(status, cutoff=cutoff)
    objective_value = bound = None
    if objective is not None and sense is not None:
        objective_value = int(solver.value(objective[1]))
        bound = _outward(solver.best_objective_bound, sense, objective_value)
    return read(solver, status, objective_value, bound, cutoff)


def grows_with_flights(on: Sequence[Condition], off: Sequence[Condition] = ()) -> bool:
    """Whether more flights might turn a "no" into a "yes": some condition to hold has a
    lower bound, or some condition to fail an upper bound, or a term may fall as flights
    are added (a negative coefficient). Every measure (flights, airframes, the last
    landing) only grows with flights, so otherwise dropping flights keeps an answer an
    answer, and a question answered "no" with some flights is "no" with more."""
    for c in [*on, *off]:
        if any(k < 0 for k, _ in c.terms):
            return True
    return any(c.lo is not None and c.lo > 0 for c in on) or any(c.hi is not None for c in off)


def asks_airframes(conditions: Sequence[Condition], objective: Measure | str | None = None) -> bool:
    """Whether a question needs airframe paths: a measure of airframes in a condition or as
    the objective, or the spots an airfield needs (turns are an airframe's)."""
    measures = [q for c in conditions for _, q in c.terms]
    if objective is not None:
        if not isinstance(objective, Measure):
            return True
        measures.append(objective)
    return any(q.what == "airframes" for q in measures)


def _type_ok(aircraft: str, s: Selector) -> bool:
    return s.aircraft is None or aircraft in s.aircraft
