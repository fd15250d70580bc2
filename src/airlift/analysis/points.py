"""Questions at points inside a scenario's ranges: is the claim possible there, can it fail?

A *point* pins some of the scenario's inputs (:mod:`airlift.scenario.inputs`) to one value
each: a corner of the ranges, a value tried while looking for a tipping point, or one
sample of a sweep. :class:`Points` answers at any point through an
:class:`~airlift.analysis.engine.Engine` over the pinned scenario, so every allocation is
re-checked there like any other.

An allocation already found often settles a question at another point without a solve:
one that satisfies the base and the claim at a point proves the claim possible there, and
one that satisfies the base and breaks the claim proves it can fail. Such allocations are
re-checked in plain Python against the point's own scenario before they count.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from airlift.analysis.engine import Answer, Engine
from airlift.analysis.totals import requirement
from airlift.analysis.verdicts import negations
from airlift.analysis.verify import some_flight_outside, total_value, violations
from airlift.model import Requirement, SolveOptions
from airlift.result import Allocation, Feasibility
from airlift.scenario.inputs import InputPath, pinned
from airlift.scenario.schema import Scenario, Statement

__all__ = ["Point", "Points"]

#: A point: pinned inputs and their values, in a canonical order (a dictionary key).
Point = tuple[tuple[InputPath, Fraction], ...]

#: How many allocations already found are tried at a point before a solve.
TRIED_WITNESSES = 12


def point(values: Mapping[InputPath, Fraction]) -> Point:
    """The canonical key of the point that pins ``values``."""
    return tuple(sorted(values.items(), key=lambda kv: tuple(map(str, kv[0]))))


class Points:
    """Answers feasibility questions at points inside one scenario's ranges."""

    def __init__(self, scenario: Scenario, options: SolveOptions, grains: int) -> None:
        self.scenario = scenario
        self.options = options
        self.grains = grains
        self._engines: dict[Point, Engine] = {}
        #: Allocations found so far (at any point), newest last.
        self._found: list[Allocation] = []
        #: Why some questions were left unknown (from the engines), without repeats.
        self.notes: list[str] = []
        #: How many questions were settled by an allocation already found, and how many solved.
        self.reused = 0
        self.solved = 0

    def engine(self, values: Mapping[InputPath, Fraction]) -> Engine:
        """The engine of the scenario pinned at ``values`` (one per point)."""
        key = point(values)
        if key not in self._engines:
            self._engines[key] = Engine(pinned(self.scenario, values), self.options, self.grains)
        return self._engines[key]

    def seed(self, allocations: Sequence[Allocation | None]) -> None:
        """Allocations found elsewhere (at the permissive corner, say) worth trying."""
        self._found.extend(a for a in allocations if a is not None)

    def base(self, values: Mapping[InputPath, Fraction]) -> Answer:
        """Can the observations and assumptions hold together at this point?"""
        engine = self.engine(values)
        found = self._reuse(engine, [], None)
        return found if found is not None else self._solved(engine, engine.feasible())

    def holds(self, claim: Statement, values: Mapping[InputPath, Fraction]) -> Answer:
        """Can the base and ``claim`` hold together at this point?"""
        engine = self.engine(values)
        req = self._requirement(engine, claim)
        found = self._reuse(engine, [req], None)
        return found if found is not None else self._solved(engine, engine.feasible([req]))

    def fails(self, claim: Statement, values: Mapping[InputPath, Fraction]) -> Answer:
        """Can the base hold while ``claim`` fails, at this point?"""
        engine = self.engine(values)
        req = self._requirement(engine, claim)
        found = self._reuse(engine, [], req)
        if found is not None:
            return found
        answers = negations(engine, req)
        self.solved += len(answers)
        yes = next((a for a in answers if a.status is Feasibility.FEASIBLE), None)
        if yes is not None:
            self._keep(yes)
            return yes
        unknown = next((a for a in answers if a.status is Feasibility.UNKNOWN), None)
        self._notes(engine)
        return unknown if unknown is not None else Answer(Feasibility.INFEASIBLE)

    def _requirement(self, engine: Engine, claim: Statement) -> Requirement:
        return requirement(claim, engine.scenario, engine.compiler.grains)

    def _solved(self, engine: Engine, answer: Answer) -> Answer:
        self.solved += 1
        self._keep(answer)
        self._notes(engine)
        return answer

    def _keep(self, answer: Answer) -> None:
        if answer.allocation is not None:
            self._found.append(answer.allocation)

    def _notes(self, engine: Engine) -> None:
        self.notes.extend(n for n in engine.notes if n not in self.notes)

    def _reuse(
        self, engine: Engine, reqs: list[Requirement], broken: Requirement | None
    ) -> Answer | None:
        """A feasible answer from an allocation already found, if one fits this question:
        it satisfies the base and ``reqs`` at this point and, when given, breaks ``broken``."""
        scenario = engine.scenario
        for allocation in reversed(self._found[-TRIED_WITNESSES:]):
            if not _counts_fit(scenario, allocation):
                continue
            if violations(scenario, allocation, [*engine.base, *reqs]):
                continue
            if broken is not None and not _breaks(scenario, allocation, broken):
                continue
            self.reused += 1
            return Answer(Feasibility.FEASIBLE, allocation)
        return None


def _counts_fit(scenario: Scenario, allocation: Allocation) -> bool:
    """Whether each group flies a number of flights within its count (a quick first test)."""
    flown: dict[str, int] = {}
    for row in allocation.rows:
        flown[row.flights] = flown.get(row.flights, 0) + row.count
    for group in scenario.flights:
        n = flown.get(group.id, 0)
        if n < group.count.min or (group.count.max is not None and n > group.count.max):
            return False
    return True


def _breaks(scenario: Scenario, allocation: Allocation, req: Requirement) -> bool:
    """Whether ``allocation`` breaks ``req``: its total, or one selected flight's, is outside."""
    if req.per_flight:
        return some_flight_outside(scenario, allocation, req)
    value = total_value(scenario, allocation, req.spec)
    return value < req.lo or (req.hi is not None and value > req.hi)
