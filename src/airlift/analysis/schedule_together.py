"""Every claim judged over the loads and the schedule together, and the joint answer.

The loads' verdicts (``airlift solve``'s claims table) and the schedule's are each decided
in their own model. Here both kinds are judged again in the joint model
(:mod:`airlift.analysis.schedule_joint`), where an allocation's flights must also be flown
on a timetable: a claim possible for the loads alone may need more flights than the window
allows, and one the schedule allows may need flights the loads rule out.

A verdict already final on its own is not solved again: a claim impossible alone stays
impossible, and one certain alone stays certain whenever loads and schedule agree at all.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from airlift.analysis.refs import LineOf
from airlift.analysis.schedule_claims import claim_conditions
from airlift.analysis.schedule_engine import Ask, ScheduleEngine
from airlift.analysis.schedule_joint import (
    Decided,
    JointAnswer,
    JointEngine,
    load_verdict,
    questions,
    schedule_verdict,
)
from airlift.analysis.schedule_relax import joint_relaxations
from airlift.model import Requirement
from airlift.model.schedule import Condition, Measure, ScheduleSolution, Selector
from airlift.model.schedule_data import ScheduleData
from airlift.result import (
    Allocation,
    ClaimResult,
    Feasibility,
    ScheduleClaimResult,
    ScheduleLeg,
    ScheduleRelaxation,
    StatementRef,
    TogetherVerdict,
    Verdict,
    stopped_by,
)

__all__ = ["Together", "together"]


@dataclass(frozen=True)
class Together:
    """The joint answers of a scenario with a schedule."""

    status: Feasibility  #: loads and schedule with every claim
    base: Feasibility  #: loads and schedule with no claim
    verdicts: tuple[TogetherVerdict, ...] = ()
    example: Allocation | None = None
    timetable: tuple[ScheduleLeg, ...] = ()
    notes: tuple[str, ...] = ()
    #: When loads and schedule contradict each other: what it would take.
    relaxations: tuple[ScheduleRelaxation, ...] = ()


def together(
    engine: ScheduleEngine,
    load_claims: Sequence[ClaimResult],
    schedule_claims: Sequence[ScheduleClaimResult],
    schedule_status: Feasibility,
    lines: LineOf | None = None,
    fewest: int | None = None,
) -> Together:
    """Judge every claim with loads and schedule in one model; ``schedule_status`` is
    whether the schedule alone (with no claim) can be flown at the fast end, and
    ``fewest`` the fewest airframes it needs, when proven (for a timetable easy to read).
    A claim only the other model makes impossible, and loads and schedule that contradict
    each other, get relaxations: the nearest schedule values at which they would hold."""
    if lines is None:
        lines = _no_lines
    scenario = engine.scenario
    if schedule_status is Feasibility.INFEASIBLE:
        return Together(Feasibility.INFEASIBLE, Feasibility.INFEASIBLE)
    data, _ = engine.model(engine.fast)
    assert scenario.schedule is not None
    conditions = [claim_conditions(scenario, c) for c in scenario.schedule.claims]
    measures = {q for cs in conditions for c in cs for _, q in c.terms}
    joint = JointEngine(scenario, data, engine.options, measures, engine.counted(engine.fast))
    reqs = [joint.requirement(c.id) for c in scenario.claims]
    on = [c for cs in conditions for c in cs]
    joint.share(questions(reqs))
    verdicts_alone = [c.verdict for c in load_claims] + [c.verdict for c in schedule_claims]
    if Verdict.INCONSISTENT in verdicts_alone:
        # A claim impossible in its own model is impossible with the other's too.
        everything = JointAnswer(Feasibility.INFEASIBLE)
    else:
        everything = joint.ask(reqs, on=on)
    base = everything if everything.status is Feasibility.FEASIBLE else joint.ask()
    notes = []
    if base.status is Feasibility.UNKNOWN:
        notes.append(f"Loads and schedule together are unknown: {_why(base)}.")
    verdicts = [
        _judged(c.ref, "load", c.verdict, base, functools.partial(load_verdict, joint, req))
        for c, req in zip(load_claims, reqs, strict=True)
    ]
    verdicts += [
        _judged(c.ref, "schedule", c.verdict, base, functools.partial(schedule_verdict, joint, cs))
        for c, cs in zip(schedule_claims, conditions, strict=True)
    ]
    moved = _Moved(engine, measures)
    asked = [*(([r], ()) for r in reqs), *(([], cs) for cs in conditions)]
    verdicts = [
        _relaxed(v, moved, question, lines) for v, question in zip(verdicts, asked, strict=True)
    ]
    base_relaxed: tuple[ScheduleRelaxation, ...] = ()
    if base.status is Feasibility.INFEASIBLE:
        base_relaxed = joint_relaxations(
            engine, moved.feasible([], ()), lines, "Loads and schedule agree"
        )
    timetable: tuple[ScheduleLeg, ...] = ()
    if everything.schedule is not None:
        timetable = engine.timetable(*_on_fewest(engine, joint, everything, on, fewest))
    return Together(
        everything.status,
        base.status,
        tuple(verdicts),
        everything.allocation,
        timetable,
        tuple(notes),
        base_relaxed,
    )


class _Moved:
    """Joint questions at moved schedule values (a relaxation's probes), one joint engine
    per set of values."""

    def __init__(self, engine: ScheduleEngine, measures: Iterable[Measure]) -> None:
        self.engine = engine
        self.measures = frozenset(measures)
        self._joints: dict[tuple[object, ...], JointEngine] = {}

    def joint(self, ask: Ask) -> JointEngine:
        key = ask.key()
        if key not in self._joints:
            data, _ = self.engine.model(ask)
            more = self.engine.counted(ask)
            self._joints[key] = JointEngine(
                self.engine.scenario, data, self.engine.options, self.measures, more
            )
        return self._joints[key]

    def feasible(
        self, reqs: Sequence[Requirement], on: Sequence[Condition]
    ) -> Callable[[Ask], bool | None]:
        def holds(ask: Ask) -> bool | None:
            status = self.joint(ask).ask(reqs, on=on).status
            return {Feasibility.FEASIBLE: True, Feasibility.INFEASIBLE: False}.get(status)

        return holds


def _relaxed(
    verdict: TogetherVerdict,
    moved: _Moved,
    question: tuple[Sequence[Requirement], Sequence[Condition]],
    lines: LineOf,
) -> TogetherVerdict:
    """A claim made impossible by the other model, with what it would take: the nearest
    value of each schedule input at which loads and schedule would meet it together."""
    if verdict.together is not Verdict.INCONSISTENT or verdict.alone is Verdict.INCONSISTENT:
        return verdict
    found = joint_relaxations(moved.engine, moved.feasible(*question), lines, "Possible")
    return replace(verdict, relaxations=found)


#: CP-SAT settings for packing known flights on the fewest airframes: no linear relaxation
#: (the flagship: 0.015 s, against 0.28 s at the schedule model's level 1).
_PACKING: dict[str, object] = {"linearization_level": 0}


def _on_fewest(
    engine: ScheduleEngine,
    joint: JointEngine,
    answer: JointAnswer,
    on: Sequence[Condition],
    fewest: int | None,
) -> tuple[ScheduleSolution, ScheduleData]:
    """The joint answer's timetable redone on the fewest airframes that fly the same flights
    per group and destination (so its allocation still rides on it) and meet the schedule
    claims: a timetable a reader can follow. Found in the schedule model alone, where that
    is cheap, the more so at the schedule's own fewest (``fewest``); the joint answer's own
    timetable when not proven."""
    assert answer.allocation is not None and answer.schedule is not None
    assert answer.data is not None
    own = (answer.schedule, answer.data)
    index = {name: i for i, name in enumerate(engine.scenario.airfields)}
    per_lane: dict[tuple[str, str], int] = {}
    for row in answer.allocation.rows:
        per_lane[row.flights, row.to] = per_lane.get((row.flights, row.to), 0) + row.count
    lanes = [
        Condition(((1, _lane(g.id, index[d])),), n, n)
        for g in engine.scenario.flights
        for d in g.to
        for n in [per_lane.get((g.id, d), 0)]
    ]
    found = None
    if fewest is not None:
        # No timetable flies on fewer airframes than the schedule's least over every
        # flight count, so one on that many is on the fewest: a feasibility question.
        at_most = Condition(((1, Measure("airframes")),), None, fewest)
        found = engine.solve(engine.fast, [*on, *lanes, at_most], settings=_PACKING)
    if found is None or not found[0].found:
        extreme, solution, data = engine.extreme(
            engine.fast, "min", Measure("airframes"), on=[*on, *lanes]
        )
        if not extreme.proven or not solution.found:
            return own
        found = (solution, data)
    joint.check_tie(answer.allocation, *found)
    return found


def _lane(group: str, destination: int) -> Measure:
    return Measure(
        "flights", Selector(groups=frozenset([group]), destinations=frozenset([destination]))
    )


def _no_lines(path: tuple[str | int, ...]) -> int | None:
    return None


def _why(answer: JointAnswer) -> str:
    return answer.reason or stopped_by(answer.cutoff)


_WITH = {"load": "with the schedule", "schedule": "with the loads"}


def _judged(
    ref: StatementRef,
    kind: str,
    alone: Verdict,
    base: JointAnswer,
    decide: Callable[[], Decided],
) -> TogetherVerdict:
    """One claim's verdict together: from its own verdict where that is final, else solved."""
    if alone is Verdict.INCONSISTENT:
        return TogetherVerdict(ref, kind, alone, alone, "impossible on its own already")
    if base.status is Feasibility.INFEASIBLE:
        return TogetherVerdict(
            ref,
            kind,
            alone,
            Verdict.INCONSISTENT,
            "impossible: the loads and the schedule contradict each other, whatever the claims",
        )
    if base.status is Feasibility.UNKNOWN:
        return TogetherVerdict(ref, kind, alone, Verdict.UNKNOWN, f"unknown: {_why(base)}", False)
    decided = decide()
    return TogetherVerdict(
        ref, kind, alone, decided.verdict, _reason(kind, alone, decided), decided.settled
    )


def _reason(kind: str, alone: Verdict, decided: Decided) -> str:
    if decided.verdict is Verdict.UNKNOWN:
        return f"unknown {_WITH[kind]}: {decided.why}"
    if not decided.settled:
        return f"possible {_WITH[kind]}; {decided.why} before it was known whether it must hold"
    if decided.verdict is alone:
        return f"the same {_WITH[kind]}"
    if kind == "load":
        flown = "once its flights must also be flown on the schedule"
        every = "every allocation whose flights can be flown on the schedule meets it"
    else:
        flown = "once the flights must also carry the loads"
        every = "every timetable whose flights can carry the loads meets it"
    if decided.verdict is Verdict.INCONSISTENT:
        return f"impossible {flown}: no allocation and timetable meet it together"
    if decided.verdict is Verdict.IMPLIED:
        return f"certain {flown}: {every}"
    return f"possible, not certain, {_WITH[kind]}"
