"""The CP-SAT model of a compiled problem, and plain answers out of it.

This is the only module that imports ortools. Variables count flights, never
individual flights: flights per group, per lane (group and destination), per
load box of a lane, and units per cargo class carried on a lane. One builder
answers many queries: each :meth:`LaneModel.solve` sets its own objective.
"""

from __future__ import annotations

import functools
import math
import os
import queue
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from airlift.errors import AirliftError, InternalError
from airlift.model import budget
from airlift.model.collector import gc_paused
from airlift.model.options import SolveOptions
from airlift.model.problem import Box, FlightSpec, Probe, Problem, Total
from airlift.result import Cutoff, SolveStatus

__all__ = ["LaneModel", "ProbeChoice", "Solution", "SolverSettingsError"]

_STATUS = {
    cp_model.OPTIMAL: SolveStatus.OPTIMAL,
    cp_model.FEASIBLE: SolveStatus.FEASIBLE,
    cp_model.INFEASIBLE: SolveStatus.INFEASIBLE,
    cp_model.UNKNOWN: SolveStatus.UNKNOWN,
    cp_model.MODEL_INVALID: SolveStatus.MODEL_INVALID,
}

#: Settings that make answers reproducible and infeasibility proofs fast;
#: ``SolveOptions.params`` may override any of them.
_DEFAULT_PARAMS: dict[str, object] = {"linearization_level": 2, "symmetry_level": 0}


class SolverSettingsError(AirliftError):
    """A pass-through CP-SAT parameter that does not exist or has a wrong value."""


@dataclass(frozen=True)
class ProbeChoice:
    """The singled-out flight of a probe: its lane, box (-1: a flight of its own) and load."""

    lane: int
    box: int
    load: tuple[int, ...]


@dataclass(frozen=True)
class Solution:
    """One solver answer as plain integers (values empty unless a solution was found)."""

    status: SolveStatus
    objective: int | None = None
    bound: int | None = None
    group_counts: tuple[int, ...] = ()
    box_counts: tuple[tuple[int, ...], ...] = ()  #: per lane, flights per box
    class_loads: tuple[tuple[int, ...], ...] = ()  #: per lane, units per class in all
    probe: ProbeChoice | None = None
    #: The switchable conditions on in this solution (in build order).
    switched_on: tuple[str, ...] = ()
    #: When infeasible under assumptions: assumed conditions that clash (not minimal).
    core: tuple[str, ...] = ()
    #: Why the answer is unproven (UNKNOWN, or FEASIBLE for an objective); None otherwise.
    cutoff: Cutoff | None = None
    #: Per lane with explicit loads, (flights, units per cargo type) of each slot it flies.
    flight_loads: tuple[tuple[tuple[int, tuple[int, ...]], ...], ...] = ()

    @property
    def found(self) -> bool:
        return self.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)


class LaneModel:
    """A CP-SAT model over flight counts; build once, solve for many objectives."""

    def __init__(
        self, problem: Problem, probe: Probe | None = None, switchable: Collection[str] = ()
    ) -> None:
        """Build the model; conditions named in ``switchable`` hold only when switched on.

        A switchable condition gets a literal that enforces it: :meth:`solve` can
        assume some switched on (and report which of them clash), and
        :meth:`most_switched` finds how many can hold at once.
        """
        self.problem = problem
        self.model = cp_model.CpModel()
        self._probe_spec = probe
        self._switchable = frozenset(switchable)
        self.switch: dict[str, cp_model.IntVar] = {}
        self._objective: cp_model.LinearExprT | None = None
        with gc_paused():
            self._add_group_counts()
            self._add_lane_split()
            self._add_box_split()
            self._add_probe()
            self._add_class_loads()
            self._add_conditions()

    # -- constraint families ------------------------------------------------------------------

    def _add_group_counts(self) -> None:
        """Each group flies between its minimum and its cap (its maximum, or a safe cap)."""
        p = self.problem
        self.group_n = [
            self.model.new_int_var(g.count_min, p.caps[i], f"n[{g.id}]")
            for i, g in enumerate(p.groups)
        ]

    def _add_lane_split(self) -> None:
        """Every flight of a group lands at exactly one of its destinations."""
        p = self.problem
        self.lane_n = []
        for lane in p.lanes:
            top = p.caps[lane.group] if lane.open else 0
            name = f"n[{p.groups[lane.group].id}->{lane.destination}]"
            self.lane_n.append(self.model.new_int_var(0, top, name))
        for gi, n in enumerate(self.group_n):
            self.model.add(cp_model.LinearExpr.sum([self.lane_n[i] for i in p.lanes_of(gi)]) == n)

    def _add_box_split(self) -> None:
        """Every flight of a lane carries a load from one of the lane's boxes."""
        p = self.problem
        self.box_n: list[list[cp_model.IntVar]] = []
        self.flight_on: dict[int, list[cp_model.IntVar]] = {}
        self.flight_x: dict[int, list[dict[int, cp_model.IntVar]]] = {}
        self.flight_sizes: dict[int, tuple[int, ...]] = {}
        for li, lane in enumerate(p.lanes):
            if lane.explicit is not None:
                self.box_n.append([])
                self._add_flights(li, lane.explicit)
                continue
            if len(lane.boxes) == 1:
                self.box_n.append([self.lane_n[li]])
                continue
            top = p.caps[lane.group]
            ws = [self.model.new_int_var(0, top, f"w[{li},{b}]") for b in range(len(lane.boxes))]
            self.model.add(cp_model.LinearExpr.sum(ws) == self.lane_n[li])
            self.box_n.append(ws)

    def _add_flights(self, li: int, spec: FlightSpec) -> None:
        """A lane whose loads are the solver's: load slots, each one flight's units per cargo
        type within its limits, flown by a fixed number of flights (one, for few flights).

        The limits are not written times the slot's ``on``: that made no measurable
        difference, and with masses of 10^11 grains CP-SAT proved a wrong maximum so.
        """
        sizes = self.problem.lanes[li].explicit_slots(self.problem.caps)
        on = [self.model.new_bool_var(f"on[{li},{s}]") for s in range(len(sizes))]
        self.model.add(cp_model.LinearExpr.weighted_sum(on, sizes) == self.lane_n[li])
        for s in range(len(sizes) - 1):  # slots of a size are interchangeable: fly the first
            if sizes[s] == sizes[s + 1]:
                self.model.add(on[s] >= on[s + 1])
        mosts = {t.index: spec.most(t) for t in spec.types}
        loads: list[dict[int, cp_model.IntVar]] = []
        for s in range(len(sizes)):
            x: dict[int, cp_model.IntVar] = {}
            for t in spec.types:
                most = mosts[t.index]
                assert most is not None, "an explicit lane bounds every type"
                x[t.index] = self.model.new_int_var(0, most, f"x[{li},{s},{t.index}]")
                self.model.add(x[t.index] <= most * on[s])
            for r, capacity in enumerate(spec.capacity):
                used = [(x[t.index], t.usage[r]) for t in spec.types if t.usage[r]]
                if used:
                    self.model.add(sum(v * u for v, u in used) <= capacity)
            for ks, hi in spec.upper:
                self.model.add(sum(x[t.index] for t in spec.types if t.klass in ks) <= hi)
            for ks, lo in spec.lower:
                within = sum(x[t.index] for t in spec.types if t.klass in ks)
                self.model.add(within >= lo * on[s])
            for ks, lo in spec.mass_lower:
                self.model.add(_mass_of(x, spec, ks) >= lo * on[s])
            loads.append(x)
        self.flight_on[li] = on
        self.flight_x[li] = loads
        self.flight_sizes[li] = sizes

    def _flight_sum(
        self, li: int, s: int, classes: Collection[int], weights: Sequence[int] | None = None
    ) -> cp_model.LinearExprT:
        """Units of ``classes`` on flight ``s`` of an explicit lane (each ``weights[k]``)."""
        spec = self.problem.lanes[li].explicit
        assert spec is not None
        x = self.flight_x[li][s]
        if weights is None:
            return sum(x[t.index] for t in spec.types if t.klass in classes)
        return sum(x[t.index] * weights[t.klass] for t in spec.types if t.klass in classes)

    def _add_probe(self) -> None:
        """Single out one flight of the probe's lanes whose own total lies in the probe's range."""
        self.probe_pick: dict[tuple[int, int], cp_model.IntVar] = {}
        self.probe_load: dict[tuple[int, int], cp_model.IntVar] = {}
        self.flight_pick: dict[tuple[int, int], cp_model.IntVar] = {}
        spec = self._probe_spec
        if spec is None:
            return
        p = self.problem
        for li in spec.lanes:
            for s, on in enumerate(self.flight_on.get(li, [])):
                pick = self.model.new_bool_var(f"probe[{li},flight {s}]")
                self.model.add_implication(pick, on)
                self.flight_pick[li, s] = pick
            for b, _ in enumerate(p.lanes[li].boxes):
                pick = self.model.new_bool_var(f"probe[{li},{b}]")
                self.model.add(self.box_n[li][b] >= pick)
                self.probe_pick[li, b] = pick
        self.model.add_exactly_one([*self.probe_pick.values(), *self.flight_pick.values()])
        if spec.classes is None:  # the flight itself counts one
            picked = sum(self.probe_pick.values()) + sum(self.flight_pick.values())
            self.model.add(picked >= spec.lo)
            if spec.hi is not None:
                self.model.add(picked <= spec.hi)
            return
        for (li, s), pick in self.flight_pick.items():
            own = self._flight_sum(li, s, spec.classes, spec.weights)
            self.model.add(own >= spec.lo).only_enforce_if(pick)
            if spec.hi is not None:
                self.model.add(own <= spec.hi).only_enforce_if(pick)
        self._add_box_probe(spec)

    def _add_box_probe(self, spec: Probe) -> None:
        """The probe's load when it flies a box: within the box, and within the range."""
        assert spec.classes is not None
        p = self.problem
        for li in spec.lanes:
            lane = p.lanes[li]
            boxes = lane.boxes
            picks = [(self.probe_pick[li, b], box) for b, box in enumerate(boxes)]
            for k in range(len(p.classes)):
                if k in lane.bulk:  # what the probe's units leave of its payload
                    top = lane.ceiling(k)
                    z = self.model.new_int_var(0, top, f"probe_load[{li},{k}]")
                    self.model.add(z <= top * sum(pk for pk, _ in picks))
                    self.probe_load[li, k] = z
                    continue
                top = max((box.ceiling[k] for box in boxes), default=0)
                z = self.model.new_int_var(0, top, f"probe_load[{li},{k}]")
                self.model.add(z >= sum(pk * box.floor[k] for pk, box in picks))
                self.model.add(z <= sum(pk * box.ceiling[k] for pk, box in picks))
                self.probe_load[li, k] = z
            if lane.bulk and lane.bulk_total is None:
                own = self._lane_mass(li, functools.partial(self._probe_at, li))
                self.model.add(own <= lane.payload * sum(pk for pk, _ in picks))
            if lane.bulk_floor is not None:  # the probe flight carries its minimum too
                ks, lo = lane.bulk_floor
                floor = sum(self.probe_load[li, k] for k in ks)
                self.model.add(floor >= lo * sum(pk for pk, _ in picks))
        w = spec.weights
        quantity = sum(
            self.probe_load[li, k] * (1 if w is None else w[k])
            for li in spec.lanes
            for k in spec.classes
        )
        box_picked = sum(self.probe_pick.values())
        self.model.add(quantity >= spec.lo * box_picked)
        if spec.hi is not None:
            self.model.add(quantity <= spec.hi)

    def _probe_at(self, li: int, k: int) -> cp_model.LinearExprT:
        return self.probe_load[li, k]

    def _add_class_loads(self) -> None:
        """Units of each class on a lane: its flights' own, or within its boxes' bounds, summed."""
        p = self.problem
        self.class_y: list[list[cp_model.IntVar | int]] = []
        self._box_columns: dict[int, tuple[list[tuple[int, ...]], list[tuple[int, ...]]]] = {}
        for li, lane in enumerate(p.lanes):
            if lane.explicit is not None:
                row = self._explicit_class_row(li)
            else:
                row = self._boxed_class_row(li)
            self.class_y.append(row)
            if lane.bulk and lane.explicit is None and lane.bulk_total is None:
                self._add_bulk_room(li)
            elif lane.bulk_total is not None:  # no payload, but bulk needs a flight
                flown = self.model.new_bool_var(f"flown[{li}]")
                self.model.add(self.lane_n[li] >= flown)
                for k in lane.bulk:
                    self.model.add(row[k] <= lane.bulk_total * flown)

    def _class_vars(self, li: int) -> list[cp_model.IntVar | None]:
        """Per class, the units of lane ``li`` in all; None where its flights carry none."""
        lane = self.problem.lanes[li]
        top = self.problem.caps[lane.group]
        out: list[cp_model.IntVar | None] = []
        for k in range(len(self.problem.classes)):
            ceiling = lane.ceiling(k)
            if ceiling == 0:
                out.append(None)
                continue
            most = top * ceiling
            if lane.bulk_total is not None and k in lane.bulk:
                most = lane.bulk_total  # in all, not per flight
            out.append(self.model.new_int_var(0, most, f"y[{li},{k}]"))
        return out

    def _explicit_class_row(self, li: int) -> list[cp_model.IntVar | int]:
        """Per class, the units on an explicit lane: its load slots' units, each times its
        slot's flights."""
        spec = self.problem.lanes[li].explicit
        assert spec is not None
        sizes = self.flight_sizes[li]
        loads = self.flight_x[li]
        row: list[cp_model.IntVar | int] = []
        for k, y in enumerate(self._class_vars(li)):
            if y is None:
                row.append(0)
                continue
            indices = [t.index for t in spec.types if t.klass == k]
            units = [x[i] for x in loads for i in indices]
            flights = [n for n in sizes for _ in indices]
            self.model.add(y == cp_model.LinearExpr.weighted_sum(units, flights))
            row.append(y)
        return row

    def _boxed_class_row(self, li: int) -> list[cp_model.IntVar | int]:
        """Per class, the units on a boxed lane: between its flights' box floors and
        ceilings, summed (but for the probe flight's own load, and for bulk, bounded by
        :meth:`_add_bulk_room`).

        The sums are built as weighted sums: far faster than Python's ``sum`` of terms
        on lanes of many boxes, and the same constraints.
        """
        lane = self.problem.lanes[li]
        ws = self.box_n[li]
        picks = [self.probe_pick[li, b] for b in range(len(ws)) if (li, b) in self.probe_pick]
        # A flight flying a box counts in its floor and ceiling, but the probe's own load
        # stands apart: (w - pick) flights of each box, when the probe may fly here.
        flights = [*ws, *picks]
        floors, ceilings = self._columns(lane.boxes)
        row: list[cp_model.IntVar | int] = []
        for k, y in enumerate(self._class_vars(li)):
            if y is None:
                row.append(0)
                continue
            row.append(y)
            probe_z = self.probe_load.get((li, k))
            carried = y if probe_z is None else y - probe_z
            if k in lane.bulk:  # bounded by the payload the units leave, below
                self.model.add(carried >= 0)  # the probe's own bulk is part of the lane's
                continue
            for column, at_least in ((floors[k], True), (ceilings[k], False)):
                weights = [*column, *(-c for c in column)] if picks else column
                bound = cp_model.LinearExpr.weighted_sum(flights, weights)
                self.model.add(carried >= bound if at_least else carried <= bound)
        return row

    def _columns(
        self, boxes: tuple[Box, ...]
    ) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]]:
        """Per class, the floors and the ceilings of ``boxes``: computed once per tuple of
        boxes, which the lanes of one kind of flight share."""
        key = id(boxes)  # the problem holds the boxes, so no other tuple takes their id
        if key not in self._box_columns:
            floors = list(zip(*(box.floor for box in boxes), strict=True))
            ceilings = list(zip(*(box.ceiling for box in boxes), strict=True))
            self._box_columns[key] = floors, ceilings
        return self._box_columns[key]

    def _lane_mass(
        self, li: int, load: Callable[[int], cp_model.LinearExprT]
    ) -> cp_model.LinearExprT:
        """The mass in grains of ``load(k)`` units of each class a boxed lane carries."""
        p = self.problem
        lane = p.lanes[li]
        terms: list[cp_model.LinearExprT] = []
        for k in range(len(p.classes)):
            if k in lane.bulk:
                terms.append(load(k))
            elif lane.ceiling(k):
                assert p.class_mass[k] >= 0, "bulk shares a lane with a class of mixed masses"
                terms.append(load(k) * p.class_mass[k])
        return cp_model.LinearExpr.sum(terms)

    def _add_bulk_room(self, li: int) -> None:
        """A boxed lane's bulk fills at most the payload its units leave on its flights.

        This is exact: every flight's units fit its payload, so each flight has a
        whole number of grains of room, and bulk divides to the grain. The probe
        flight, if it flies here, has its own room (see :meth:`_add_box_probe`).
        """
        lane = self.problem.lanes[li]
        picked = sum(pk for (pl, _), pk in self.probe_pick.items() if pl == li)

        def rest(k: int) -> cp_model.LinearExprT:
            z = self.probe_load.get((li, k))
            return self.class_y[li][k] if z is None else self.class_y[li][k] - z

        self.model.add(self._lane_mass(li, rest) <= lane.payload * (self.lane_n[li] - picked))
        if lane.bulk_floor is not None:  # each of the other flights carries its minimum
            ks, lo = lane.bulk_floor
            self.model.add(sum(rest(k) for k in ks) >= lo * (self.lane_n[li] - picked))

    def _add_conditions(self) -> None:
        """Every aggregate requirement holds (a switchable one when switched on)."""
        for condition in self.problem.conditions:
            expr = self.expression(condition.total)
            heavier = self.expression(condition.total, heavier=True)
            constraints = [self.model.add(heavier >= condition.lo)]
            if condition.hi is not None:
                constraints.append(self.model.add(expr <= condition.hi))
            if condition.id in self._switchable:
                literal = self.model.new_bool_var(f"on[{condition.id}]")
                self.switch[condition.id] = literal
                for constraint in constraints:
                    constraint.only_enforce_if(literal)

    # -- queries ------------------------------------------------------------------------------

    def expression(self, total: Total, heavier: bool = False) -> cp_model.LinearExprT:
        """The solver expression of a total (of a relaxation's ``heavier`` weights)."""
        if total.classes is None:
            return sum(self.lane_n[li] for li in total.lanes)
        if total.weights is not None:
            w = total.weights_hi if heavier and total.weights_hi is not None else total.weights
            return sum(self.class_y[li][k] * w[k] for li in total.lanes for k in total.classes)
        return sum(self.class_y[li][k] for li in total.lanes for k in total.classes)

    def solve(
        self,
        options: SolveOptions,
        objective: tuple[str, Total] | None = None,
        assume: Sequence[str] = (),
    ) -> Solution:
        """Solve for feasibility, or for the ``("min"|"max", total)`` objective.

        ``assume`` switches conditions on. When that is infeasible, the
        solution's ``core`` names assumed conditions that already clash: a
        sufficient set, not a minimal one.
        """
        self.model.clear_objective()  # type: ignore[no-untyped-call]
        self._objective = None
        if objective is not None:
            sense, total = objective
            self._objective = self.expression(total, heavier=sense == "max")
            if sense == "min":
                self.model.minimize(self._objective)
            else:
                self.model.maximize(self._objective)
        return self._run(options, objective[0] if objective else None, assume)

    def most_switched(
        self, options: SolveOptions, among: Sequence[str], assume: Sequence[str] = ()
    ) -> Solution:
        """Switch on as many of ``among`` as can hold together with ``assume`` switched on."""
        self.model.clear_objective()  # type: ignore[no-untyped-call]
        self._objective = sum(self.switch[name] for name in among)
        self.model.maximize(self._objective)
        return self._run(options, "max", assume)

    def _run(self, options: SolveOptions, sense: str | None, assume: Sequence[str]) -> Solution:
        self.model.clear_assumptions()
        literals = [self.switch[name] for name in assume]
        self.model.add_assumptions(literals)
        solver = budgeted_solver(options)
        if solver is None:
            return Solution(SolveStatus.UNKNOWN, cutoff=Cutoff.WALL_CLOCK)
        status = _STATUS[_solve_interruptibly(solver, self.model)]
        if status is SolveStatus.MODEL_INVALID:
            reason = solver.solution_info() or "no reason given"
            if options.params:
                raise SolverSettingsError(f"CP-SAT refused the settings given: {reason}")
            raise InternalError(f"CP-SAT rejected the model as invalid: {reason}")
        if status is SolveStatus.INFEASIBLE and literals:
            names = {literal.index: name for name, literal in self.switch.items()}
            core = solver.sufficient_assumptions_for_infeasibility()
            return Solution(status, core=tuple(sorted(names[i] for i in core if i in names)))
        cutoff = _cutoff(solver, options, status, sense)
        count_cut(cutoff)
        if status not in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
            return Solution(status, cutoff=cutoff)
        return replace(self.read(solver, status, sense), cutoff=cutoff)

    def read(
        self, solver: cp_model.CpSolver, status: SolveStatus, sense: str | None = None
    ) -> Solution:
        """The loads of a found solution in plain integers (of this model, or of a joint
        model built into the same CP-SAT model)."""
        value = solver.value
        p = self.problem
        probe = None
        for (li, b), pick in self.probe_pick.items():
            if solver.boolean_value(pick):
                load = tuple(value(self.probe_load[li, k]) for k in range(len(p.classes)))
                probe = ProbeChoice(li, b, load)
        for (li, s), pick in self.flight_pick.items():
            if solver.boolean_value(pick):
                load = tuple(
                    _int(value, self._flight_sum(li, s, (k,))) for k in range(len(p.classes))
                )
                probe = ProbeChoice(li, -1, load)
        objective = bound = None
        if sense is not None and self._objective is not None:
            # CP-SAT reports the objective as a double, which cannot hold every integer
            # above 2^53; the value of the expression at the solution is exact.
            objective = _int(value, self._objective)
            bound = _outward(solver.best_objective_bound, sense, objective)
        # Read once, the solution is a list by variable index: a solver.value call per
        # variable cost more than the rest of reading a model of thousands of lanes.
        solution = list(solver.response_proto.solution)
        return Solution(
            status=status,
            objective=objective,
            bound=bound,
            group_counts=tuple(solution[n.index] for n in self.group_n),
            box_counts=tuple(tuple(solution[w.index] for w in ws) for ws in self.box_n),
            class_loads=tuple(
                tuple(y if isinstance(y, int) else solution[y.index] for y in row)
                for row in self.class_y
            ),
            probe=probe,
            switched_on=tuple(n for n, lit in self.switch.items() if solver.boolean_value(lit)),
            flight_loads=tuple(self._flight_loads(solution, li) for li in range(len(p.lanes))),
        )

    def _flight_loads(
        self, solution: Sequence[int], li: int
    ) -> tuple[tuple[int, tuple[int, ...]], ...]:
        """Flights and their units per cargo type, per slot an explicit lane flies (empty
        otherwise), read from the ``solution`` values by variable index."""
        loads = []
        width = len(self.problem.cargo_types)
        slots = zip(
            self.flight_on.get(li, []),
            self.flight_x.get(li, []),
            self.flight_sizes.get(li, ()),
            strict=True,
        )
        for on, x, size in slots:
            if solution[on.index]:
                units = [0] * width
                for index, var in x.items():
                    units[index] = solution[var.index]
                loads.append((size, tuple(units)))
        return tuple(loads)


def _mass_of(
    x: dict[int, cp_model.IntVar], spec: FlightSpec, classes: Collection[int]
) -> cp_model.LinearExprT:
    """The mass in grains of the units of ``classes`` on one explicit flight."""
    return sum(x[t.index] * t.usage[0] for t in spec.types if t.klass in classes)


def _outward(raw: float, sense: str, objective: int) -> int:
    """The solver's (double) best bound as an integer rounded away from the objective.

    A double is off by up to one part in 2^52, so the margin grows with the
    magnitude; the interval between objective and bound then stays certified.
    """
    margin = abs(raw) * 2.0**-50 + 1e-6
    if sense == "min":
        return min(objective, math.ceil(raw - margin))
    return max(objective, math.floor(raw + margin))


def _int(value: object, y: cp_model.LinearExprT) -> int:
    return y if isinstance(y, int) else int(value(y))  # type: ignore[operator]


def _cutoff(
    solver: cp_model.CpSolver, options: SolveOptions, status: SolveStatus, sense: str | None
) -> Cutoff | None:
    """Which limit stopped an unfinished call: the deterministic one, or else the wall clock."""
    unfinished = status is SolveStatus.UNKNOWN or (
        status is SolveStatus.FEASIBLE and sense is not None
    )
    if not unfinished:
        return None
    if solver.deterministic_time >= options.time_limit * 0.999:
        return Cutoff.TIME_LIMIT
    return Cutoff.WALL_CLOCK


def _solve_interruptibly(
    solver: cp_model.CpSolver, model: cp_model.CpModel
) -> cp_model.CpSolverStatus:
    """``solver.solve(model)``, stopped at once by Ctrl-C, which then raises KeyboardInterrupt.

    CP-SAT's own SIGINT handler would end the search but swallow the signal, so
    the run would go on to its next call. The search runs in a thread instead
    (CP-SAT releases the GIL), and an interrupt of the waiting thread stops it.
    """
    outcome: list[cp_model.CpSolverStatus] = []
    failure: list[BaseException] = []
    done = threading.Event()

    def work() -> None:
        try:
            outcome.append(solver.solve(model))
        except BaseException as exc:  # handed to the waiting thread
            failure.append(exc)
        finally:
            done.set()

    _SEARCHES.run(work)
    try:
        while not done.wait(0.05):
            pass
    except KeyboardInterrupt:
        solver.stop_search()
        done.wait()
        raise
    if failure:
        raise failure[0]
    return outcome[0]


class _SearchThread:
    """One long-lived daemon thread that runs the searches, one after another.

    Starting a thread per solver call cost about 1 ms, a third of a small scenario's
    whole analysis. A process forked from this one (the explanation's workers) starts
    its own thread on its first call, as the parent's does not run there.
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._pid = 0
        self._lock = threading.Lock()

    def run(self, job: Callable[[], None]) -> None:
        """Hand ``job`` to the thread (it reports back by itself)."""
        with self._lock:
            if self._thread is None or self._pid != os.getpid() or not self._thread.is_alive():
                self._jobs = queue.SimpleQueue()
                self._thread = threading.Thread(target=self._serve, name="cp-sat", daemon=True)
                self._thread.start()
                self._pid = os.getpid()
            self._jobs.put(job)

    def _serve(self) -> None:
        jobs = self._jobs
        while True:
            jobs.get()()


_SEARCHES = _SearchThread()


def count_cut(cutoff: Cutoff | None) -> None:
    """Count a call the wall clock cut short against the run's budget (for its note)."""
    run = budget.current()
    if cutoff is Cutoff.WALL_CLOCK and run is not None:
        run.calls_cut += 1


def budgeted_solver(options: SolveOptions) -> cp_model.CpSolver | None:
    """A solver set up for one call within the run's wall-clock budget (see
    :func:`budget.call_seconds`); None, and the call counted as skipped, when it is spent."""
    seconds = budget.call_seconds(options)
    if seconds <= 0:
        run = budget.current()
        if run is not None:
            run.calls_skipped += 1
        return None
    solver = cp_model.CpSolver()
    _configure(solver, options, seconds)
    return solver


def _configure(solver: cp_model.CpSolver, options: SolveOptions, seconds: float) -> None:
    params = solver.parameters
    params.num_workers = options.workers
    params.random_seed = options.seed
    params.max_deterministic_time = options.time_limit
    params.max_time_in_seconds = seconds
    params.catch_sigint_signal = False
    for name, setting in {**_DEFAULT_PARAMS, **dict(options.params)}.items():
        try:
            setattr(params, name, setting)
        except AttributeError:
            raise SolverSettingsError(f"CP-SAT has no parameter {name!r}") from None
        except (TypeError, ValueError) as exc:
            raise SolverSettingsError(
                f"CP-SAT parameter {name!r} cannot be {setting!r}: {exc}"
            ) from None
