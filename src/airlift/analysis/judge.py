"""Claims decided at one sample of a sweep: possible there, and can it fail there?

A sample pins every uncertain input (:func:`airlift.scenario.inputs.pinned`); each question
is compiled into a problem and solved. Problems equal in what the solver sees (the load
boxes, the counts, the conditions: :func:`airlift.model.solver_key`) have equal answers, so
each is solved once: samples that differ only where no box changes cost a compile, not a
solve. An allocation the solver finds is re-checked in plain Python before it counts.
A question cut short by a time limit is unknown (-1), never possible or impossible.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from airlift.analysis.engine import Engine
from airlift.analysis.totals import negated_sides, requirement
from airlift.analysis.verify import violations
from airlift.errors import InternalError
from airlift.model import (
    Compiler,
    LaneModel,
    ModelTooLarge,
    OutOfTime,
    RangedMass,
    Requirement,
    SolveOptions,
    build_allocation,
    solver_key,
)
from airlift.result import Feasibility, SolveStatus
from airlift.scenario.inputs import InputPath, pinned
from airlift.scenario.schema import Scenario

__all__ = ["FAILS", "POSSIBLE", "Question", "SampleJudge", "SweepContext", "judge_batch"]

#: The two questions a sample answers about a claim.
POSSIBLE, FAILS = "possible", "fails"

#: One question: a claim (by index in the scenario) and which of the two.
Question = tuple[int, str]

#: Labels: yes, no, and unknown (cut short; never counted as either).
YES, NO, UNKNOWN = 1, 0, -1


@dataclass(frozen=True)
class SweepContext:
    """What every worker of a sweep needs, sent once per worker."""

    scenario: Scenario
    options: SolveOptions
    grains: int
    #: Tells apart the contexts of different sweeps in one worker.
    token: str


class SampleJudge:
    """Answers questions about claims at samples of one scenario, with a shared cache."""

    def __init__(self, context: SweepContext) -> None:
        self.context = context
        self._answers: dict[tuple[object, ...], int] = {}
        self.solved = 0
        self.cached = 0

    def judge(
        self, values: Mapping[InputPath, Fraction], questions: Sequence[Question]
    ) -> list[int]:
        """One label per question (1 yes, 0 no, -1 unknown) at the sample ``values``."""
        scenario = pinned(self.context.scenario, values)
        compiler = Compiler(scenario, self.context.grains)
        base = [requirement(a, scenario, compiler.grains) for a in scenario.assumptions]
        out = []
        for index, what in questions:
            req = requirement(scenario.claims[index], scenario, compiler.grains)
            if what == POSSIBLE:
                out.append(self._feasible(compiler, scenario, [*base, req]))
            elif req.per_flight:
                out.append(self._flight_fails(scenario, req))
            else:
                out.append(self._sum_fails(compiler, scenario, base, req))
        return out

    def _sum_fails(
        self, compiler: Compiler, scenario: Scenario, base: list[Requirement], req: Requirement
    ) -> int:
        """Whether the base holds with the claim's total outside its bound (either side)."""
        labels = []
        for lo, hi in negated_sides(req.lo, req.hi):
            side = Requirement(f"not {req.id}", req.spec, lo, hi)
            label = self._feasible(compiler, scenario, [*base, side])
            if label == YES:
                return YES
            labels.append(label)
        return UNKNOWN if UNKNOWN in labels else NO

    def _flight_fails(self, scenario: Scenario, req: Requirement) -> int:
        """Whether the base holds with some flight of a per-flight claim outside its bound."""
        engine = Engine(scenario, self.context.options, self.context.grains)
        labels = []
        for lo, hi in negated_sides(req.lo, req.hi):
            status = engine.flight_outside(req, lo, hi).status
            self.solved += 1
            if status is Feasibility.FEASIBLE:
                return YES
            labels.append(UNKNOWN if status is Feasibility.UNKNOWN else NO)
        return UNKNOWN if UNKNOWN in labels else NO

    def _feasible(self, compiler: Compiler, scenario: Scenario, reqs: list[Requirement]) -> int:
        try:
            problem = compiler.compile(reqs)
        except (ModelTooLarge, OutOfTime, RangedMass):
            return UNKNOWN
        key = solver_key(problem)
        if key in self._answers:
            self.cached += 1
            return self._answers[key]
        solution = LaneModel(problem).solve(self.context.options)
        self.solved += 1
        if solution.status is SolveStatus.INFEASIBLE:
            label = NO
        elif solution.found:
            allocation = build_allocation(problem, solution, list(scenario.cargo))
            problems = violations(scenario, allocation, reqs)
            if problems:
                raise InternalError("a sweep allocation fails its re-check: " + problems[0])
            label = YES
        else:
            return UNKNOWN  # a time limit is no answer, and may differ next time: not cached
        self._answers[key] = label
        return label


#: Judges kept in a worker, by sweep (see :func:`judge_batch`).
_JUDGES: dict[str, SampleJudge] = {}

#: One item of a batch: a sample's index, its values and the questions asked of it.
Item = tuple[int, dict[InputPath, Fraction], list[Question]]


def judge_batch(context: SweepContext, batch: Sequence[Item]) -> list[tuple[int, list[int]]]:
    """The labels of a batch of samples: the function a sweep's workers run. Each worker
    keeps one judge (and its cache) per sweep."""
    judge = _JUDGES.get(context.token)
    if judge is None:
        _JUDGES.clear()
        judge = _JUDGES[context.token] = SampleJudge(context)
    return [(index, judge.judge(values, questions)) for index, values, questions in batch]
