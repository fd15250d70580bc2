"""Loads and schedule decided together, in one model (:class:`airlift.model.joint.JointModel`).

The schedule at the fast end of its ranges allows every timetable any value allows, so
"possible together" and "certain together" are decided there, as for the schedule alone.
A flight group open above is closed at the flights the schedule places for it: exact
unless the schedule cut them (``ScheduleData.truncated``), and then an "impossible" that
more flights might change (a load total to reach, a schedule count to reach) is unknown.

Each answer is re-checked in plain Python: the allocation against the load statements
(:mod:`airlift.analysis.verify`), the timetable by the schedule engine's own check.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from airlift.analysis.binding import annotate
from airlift.analysis.checked import checked_allocation
from airlift.analysis.schedule_check import check_schedule, conditions_hold
from airlift.analysis.totals import negated_sides, requirement
from airlift.analysis.verify import some_flight_outside, violations
from airlift.errors import InternalError
from airlift.model import (
    Compiler,
    ModelTooLarge,
    OutOfTime,
    Problem,
    RangedMass,
    Requirement,
    SolveOptions,
)
from airlift.model.joint import JointModel, JointSolution
from airlift.model.schedule import (
    Condition,
    Measure,
    ScheduleSolution,
    asks_airframes,
    grows_with_flights,
)
from airlift.model.schedule_data import (
    MAX_INDEPENDENT,
    MAX_NODES,
    MAX_TIMED_NODES,
    ScheduleData,
)
from airlift.result import Allocation, Cutoff, Feasibility, SolveStatus, Verdict, stopped_by
from airlift.scenario.schema import Scenario

__all__ = [
    "Decided",
    "JointAnswer",
    "JointEngine",
    "Witness",
    "load_verdict",
    "questions",
    "schedule_verdict",
]


@dataclass(frozen=True)
class JointAnswer:
    """Whether loads and schedule can meet some requirements together, with a witness."""

    status: Feasibility
    allocation: Allocation | None = None
    schedule: ScheduleSolution | None = None
    cutoff: Cutoff | None = None
    #: Why an UNKNOWN answer is unknown, in words (None: ``cutoff`` says it).
    reason: str | None = None
    #: The compiled schedule ``schedule`` indexes (the engine's, or its ``more``'s).
    data: ScheduleData | None = None


@dataclass(frozen=True)
class Witness:
    """A joint answer found: its allocation and its schedule."""

    allocation: Allocation
    schedule: ScheduleSolution
    data: ScheduleData


class JointEngine:
    """Joint questions of one scenario: load requirements and schedule conditions."""

    def __init__(
        self,
        scenario: Scenario,
        data: ScheduleData,
        options: SolveOptions,
        measures: Iterable[Measure] = (),
        more: ScheduleData | None = None,
    ) -> None:
        """``data``: the schedule compiled at the fast end of its ranges; ``measures``: the
        schedule measures questions will ask (needed up front where counted flights
        are counted in aggregate; others get a model of their own). ``more``: the same
        schedule with many more flights of the groups open above (see
        ``ScheduleEngine.counted``), asked where ``data`` cut them and more might answer."""
        self.measures = frozenset(measures)
        self.more = None if more is None else JointEngine(scenario, more, options, measures)
        self.options = options
        self.data = data
        self.scenario = _closed(scenario, data)
        self.compiler = Compiler(self.scenario)
        self.base = [
            requirement(s, self.scenario, self.compiler.grains) for s in scenario.assumptions
        ]
        self._cargo_order = list(scenario.cargo)
        self._answers: dict[object, JointAnswer] = {}
        #: Every joint allocation found, for answering later questions without a solve.
        self.witnesses: list[Witness] = []
        #: Requirements answered by the shared model, with their switch names.
        self._switch: dict[Requirement, str] = {}
        self._shared: JointModel | Cutoff | None = None

    def requirement(self, statement_id: str) -> Requirement:
        return requirement(
            self.scenario.statement(statement_id), self.scenario, self.compiler.grains
        )

    def ask(
        self,
        reqs: Sequence[Requirement] = (),
        on: Sequence[Condition] = (),
        off: Sequence[Condition] = (),
        outside: tuple[Requirement, int, int | None] | None = None,
    ) -> JointAnswer:
        """Can the base, ``reqs`` and the schedule conditions ``on`` hold while those of
        ``off`` do not all hold (and, with ``outside = (claim, lo, hi)``, some flight the
        per-flight claim selects carries a total in ``[lo, hi]``)?"""
        key = (tuple(reqs), tuple(on), tuple(off), outside)
        if key not in self._answers:
            self._answers[key] = self._ask(list(reqs), tuple(on), tuple(off), outside)
        return self._answers[key]

    def _ask(
        self,
        reqs: list[Requirement],
        on: tuple[Condition, ...],
        off: tuple[Condition, ...],
        outside: tuple[Requirement, int, int | None] | None,
    ) -> JointAnswer:
        reason = self._too_large([*on, *off])
        if reason is not None:
            return JointAnswer(Feasibility.UNKNOWN, cutoff=Cutoff.TOO_LARGE, reason=reason)
        everything = [*self.base, *reqs]
        assume: list[str] = []
        asked = {q for c in [*on, *off] for _, q in c.terms}
        shareable = outside is None and reqs and asked <= self.measures
        shared = self._shared_model() if shareable else None
        if isinstance(shared, Cutoff):
            return JointAnswer(Feasibility.UNKNOWN, cutoff=shared)
        if shared is not None and all(r in self._switch for r in reqs):
            model = shared
            assume = [self._switch[r] for r in reqs]
        else:
            built = self._model(everything, outside, measures=asked)
            if isinstance(built, (Cutoff, JointAnswer)):
                return (
                    built
                    if isinstance(built, JointAnswer)
                    else JointAnswer(Feasibility.UNKNOWN, cutoff=built)
                )
            model = built
        true = [model.schedule.holds(on)] if on else []
        false = [model.schedule.holds(off)] if off else []
        solution = model.solve(self.options, true, false, assume)
        problem = model.problem
        if solution.status is SolveStatus.INFEASIBLE:
            if self.data.truncated and _needs_flights(everything, on, off, outside):
                more = None if self.more is None else self.more.ask(reqs, on, off, outside)
                if more is not None and more.status is not Feasibility.UNKNOWN:
                    return more
                return JointAnswer(
                    Feasibility.UNKNOWN,
                    cutoff=Cutoff.OPEN_FLIGHTS,
                    reason=(
                        "no answer with at most the flights the schedule placed for the groups "
                        f"open above ({', '.join(self.data.truncated)}); more were not tried"
                    ),
                )
            return JointAnswer(Feasibility.INFEASIBLE)
        if not solution.found:
            return JointAnswer(Feasibility.UNKNOWN, cutoff=solution.cutoff)
        allocation = self._checked(problem, solution, everything)
        assert solution.schedule is not None
        check_schedule(self.data, solution.schedule, on=on, off=off)
        self.check_tie(allocation, solution.schedule, self.data)
        if outside is not None and not some_flight_outside(self.scenario, allocation, outside[0]):
            raise InternalError(f"joint probe allocation for {outside[0].id} breaks nothing")
        self.witnesses.append(Witness(allocation, solution.schedule, self.data))
        return JointAnswer(Feasibility.FEASIBLE, allocation, solution.schedule, data=self.data)

    def share(self, reqs: Sequence[Requirement]) -> None:
        """Answer later questions on any of ``reqs`` (aggregate ones) with one joint model
        where each is a switchable condition, instead of a model per question."""
        for r in reqs:
            if not r.per_flight and r not in self._switch:
                self._switch[r] = f"q{len(self._switch)}"
        self._shared = None

    def _shared_model(self) -> JointModel | Cutoff | None:
        if not self._switch:
            return None
        if self._shared is None:
            named = [replace(r, id=name) for r, name in self._switch.items()]
            built = self._model([*self.base, *named], None, switchable=self._switch.values())
            self._shared = built if not isinstance(built, JointAnswer) else Cutoff.TOO_LARGE
        return self._shared

    def _model(
        self,
        reqs: Sequence[Requirement],
        outside: tuple[Requirement, int, int | None] | None,
        switchable: Collection[str] = (),
        measures: Iterable[Measure] = (),
    ) -> JointModel | Cutoff | JointAnswer:
        """The joint model of ``reqs`` (and a probe for ``outside``), or why not: a cutoff,
        or an answer already (a probe no flight can meet)."""
        split = [(g.id,) for g in self.scenario.flights]
        focus = [outside[0].spec.total] if outside is not None else []
        try:
            problem = self.compiler.compile(reqs, focus, split=split)
            probe = None
            if outside is not None:
                claim, lo, hi = outside
                probe = self.compiler.probe(claim, problem, lo, hi)
                if not probe.lanes:
                    return JointAnswer(Feasibility.INFEASIBLE)
        except OutOfTime:
            return Cutoff.WALL_CLOCK
        except RangedMass:
            return Cutoff.RANGED_MASS
        except ModelTooLarge:
            return Cutoff.TOO_LARGE
        return JointModel(
            problem,
            self.data,
            probe,
            switchable=switchable,
            measures=self.measures | set(measures),
        )

    def _too_large(self, conditions: Sequence[Condition]) -> str | None:
        """Why a joint model would be too large, or None: flights too many to place on
        airframes must be tied only along chains (no question on airframes), and at most
        ``MAX_INDEPENDENT`` of them."""
        n = self.data.flight_count
        if self.data.placeable:
            return None
        if not self.data.chained:
            return (
                f"the schedule places {n:,} flights, more than {MAX_NODES} with free times "
                f"or {MAX_TIMED_NODES} in all, with airframes tied together (a fleet, "
                "registrations or spots)"
            )
        if n > MAX_INDEPENDENT:
            return f"the schedule places {n:,} flights, more than {MAX_INDEPENDENT:,}"
        if asks_airframes(conditions):
            return f"a claim on airframes over {n:,} flights (too many to place)"
        return None

    def _checked(
        self, problem: Problem, solution: JointSolution, reqs: Sequence[Requirement]
    ) -> Allocation:
        assert solution.loads is not None
        allocation = checked_allocation(
            problem,
            solution.loads,
            self._cargo_order,
            lambda a: violations(self.scenario, a, reqs),
        )
        return annotate(self.scenario, allocation)

    def check_tie(
        self, allocation: Allocation, schedule: ScheduleSolution, data: ScheduleData
    ) -> None:
        """Raise :class:`InternalError` unless the allocation's flights per group and
        destination are the timetable's (``schedule`` of ``data``)."""
        carried: dict[tuple[str, str], int] = {}
        for row in allocation.rows:
            if row.count:
                key = (row.flights, row.to)
                carried[key] = carried.get(key, 0) + row.count
        flown: dict[tuple[str, str], int] = {}
        for path in schedule.paths:
            for i in path:
                key = (data.nodes[i].group, data.airfields[schedule.destination[i]])
                flown[key] = flown.get(key, 0) + 1
        if carried != flown:
            raise InternalError(
                f"a joint answer carries loads on {sorted(carried.items())} but its timetable "
                f"flies {sorted(flown.items())}"
            )

    def found(self) -> list[Witness]:
        """Every joint answer found so far, here and in ``more``."""
        return [*self.witnesses, *(self.more.witnesses if self.more is not None else [])]

    def meets(self, conditions: Sequence[Condition]) -> bool:
        """Whether some joint answer found so far meets every schedule condition."""
        return any(conditions_hold(w.data, w.schedule, conditions) for w in self.found())

    def misses(self, conditions: Sequence[Condition]) -> bool:
        """Whether some joint answer found so far fails one of the schedule conditions."""
        return any(not conditions_hold(w.data, w.schedule, conditions) for w in self.found())

    def breaks(self, req: Requirement) -> bool:
        """Whether some joint allocation found so far breaks the load requirement ``req``."""
        return any(violations(self.scenario, w.allocation, [req]) for w in self.found())


def _needs_flights(
    reqs: Sequence[Requirement],
    on: Sequence[Condition],
    off: Sequence[Condition],
    outside: tuple[Requirement, int, int | None] | None,
) -> bool:
    """Whether more flights of an open group might answer a question answered "no" with
    the flights placed: some load total must reach a least (each flight's own bounds keep
    when flights are dropped), a flight must be singled out, or the schedule's conditions
    grow with flights (:func:`grows_with_flights`)."""
    loads = any(r.lo > 0 and not r.per_flight for r in reqs) or outside is not None
    return loads or grows_with_flights(on, off)


def _closed(scenario: Scenario, data: ScheduleData) -> Scenario:
    """The scenario with each group open above closed at the flights the schedule places
    for it: the load model's own cap on an open group is safe for loads alone, not for a
    schedule claim that needs more flights."""
    placed: dict[str, int] = {}
    for node in data.nodes:
        placed[node.group] = placed.get(node.group, 0) + 1
    flights = []
    for g in scenario.flights:
        if g.count.max is None:
            top = max(placed.get(g.id, 0), g.count.min)
            g = g.model_copy(update={"count": g.count.model_copy(update={"max": top})})
        flights.append(g)
    return scenario.model_copy(update={"flights": flights})


@dataclass(frozen=True)
class Decided:
    """A verdict over loads and schedule together, and why (for an unknown or unsettled one)."""

    verdict: Verdict
    settled: bool = True
    why: str | None = None


def _why(answer: JointAnswer) -> str:
    return answer.reason or stopped_by(answer.cutoff)


def questions(reqs: Sequence[Requirement]) -> list[Requirement]:
    """Every requirement :func:`load_verdict` may ask of ``reqs``: each, and each side of
    each one's negation (per-flight ones need a probe of their own and are left out)."""
    out = []
    for req in reqs:
        if req.per_flight:
            continue
        out.append(req)
        out += [
            Requirement(f"not {req.id}", req.spec, lo, hi)
            for lo, hi in negated_sides(req.lo, req.hi)
        ]
    return out


def load_verdict(engine: JointEngine, req: Requirement) -> Decided:
    """A load claim judged over loads and schedule together: possible when some joint
    answer meets it, certain when none breaks it. Answers already found are tried first."""
    if not any(not violations(engine.scenario, w.allocation, [req]) for w in engine.found()):
        holds = engine.ask([req])
        if holds.status is Feasibility.INFEASIBLE:
            return Decided(Verdict.INCONSISTENT)
        if holds.status is Feasibility.UNKNOWN:
            return Decided(Verdict.UNKNOWN, False, _why(holds))
    if engine.breaks(req):
        return Decided(Verdict.CONSISTENT)
    why = None
    for lo, hi in negated_sides(req.lo, req.hi):
        if req.per_flight:
            fails = engine.ask(outside=(req, lo, hi))
        else:
            fails = engine.ask([Requirement(f"not {req.id}", req.spec, lo, hi)])
        if fails.status is Feasibility.FEASIBLE:
            return Decided(Verdict.CONSISTENT)
        if fails.status is Feasibility.UNKNOWN:
            why = _why(fails)
    if why is not None:
        return Decided(Verdict.CONSISTENT, False, why)
    return Decided(Verdict.IMPLIED)


def schedule_verdict(engine: JointEngine, conditions: Sequence[Condition]) -> Decided:
    """A schedule claim (its conditions) judged over loads and schedule together; answers
    already found are tried first."""
    if not engine.meets(conditions):
        holds = engine.ask(on=conditions)
        if holds.status is Feasibility.INFEASIBLE:
            return Decided(Verdict.INCONSISTENT)
        if holds.status is Feasibility.UNKNOWN:
            return Decided(Verdict.UNKNOWN, False, _why(holds))
    if engine.misses(conditions):
        return Decided(Verdict.CONSISTENT)
    fails = engine.ask(off=conditions)
    if fails.status is Feasibility.FEASIBLE:
        return Decided(Verdict.CONSISTENT)
    if fails.status is Feasibility.UNKNOWN:
        return Decided(Verdict.CONSISTENT, False, _why(fails))
    return Decided(Verdict.IMPLIED)
