"""Questions about one scenario answered by the model, every answer re-checked.

An :class:`Engine` compiles the scenario once and answers two kinds of
question: can these requirements hold together (with an allocation that shows
it), and how low or high can a total go over the base (with an allocation that
attains it). Every allocation passes :mod:`airlift.analysis.verify` before it
is returned; one that fails is a bug and raises :class:`InternalError`. Returned
allocations say which constraints bind (:func:`airlift.analysis.binding.annotate`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from airlift.analysis.binding import annotate
from airlift.analysis.checked import checked_allocation, checked_value
from airlift.analysis.totals import requirement
from airlift.analysis.verify import some_flight_outside, total_value, violations
from airlift.errors import InternalError
from airlift.model import (
    Compiler,
    LaneModel,
    ModelTooLarge,
    OutOfTime,
    Problem,
    RangedMass,
    Requirement,
    Solution,
    SolveOptions,
)
from airlift.model.problem import Total
from airlift.model.recession import flight_repeats, neutral_lanes
from airlift.result import Allocation, Cutoff, Extreme, Feasibility, SolveStatus, TotalSpec
from airlift.scenario.schema import FLIGHTS_TOTAL, MassRange, Scenario

__all__ = ["Answer", "Engine"]

#: How many of the latest allocations a least total looks through for a 0 (each look
#: costs a pass over an allocation's rows: thousands, on thousands of groups).
SEEN_AT_ZERO = 16


@dataclass(frozen=True)
class Answer:
    """Whether requirements can hold together, and an allocation where they do."""

    status: Feasibility
    allocation: Allocation | None = None
    #: Why an UNKNOWN answer is unknown.
    cutoff: Cutoff | None = None


def _feasibility(status: SolveStatus) -> Feasibility:
    if status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
        return Feasibility.FEASIBLE
    if status is SolveStatus.INFEASIBLE:
        return Feasibility.INFEASIBLE
    if status is SolveStatus.MODEL_INVALID:
        raise InternalError("CP-SAT rejected the model as invalid")
    return Feasibility.UNKNOWN


class Engine:
    """Answers feasibility and extreme-value questions over one scenario."""

    def __init__(self, scenario: Scenario, options: SolveOptions, grains: int = 1) -> None:
        """``grains``: a mass scale to share (a pinned engine's parent's, say)."""
        self.scenario = scenario
        self.options = options
        self.compiler = Compiler(scenario, grains)
        self.base = [requirement(s, scenario, self.compiler.grains) for s in scenario.assumptions]
        self._base_models: dict[
            tuple[str, tuple[str, ...] | None, tuple[Requirement, ...]], LaneModel | Cutoff
        ] = {}
        #: Why some questions were left unknown, in words, without repeats.
        self.notes: list[str] = []
        self._cargo_order = list(scenario.cargo)
        self._extremes: dict[tuple[TotalSpec, str], Extreme] = {}
        self._answers: dict[tuple[Requirement, ...], Answer] = {}
        self._pinned: tuple[Engine, Engine] | None = None
        self._relaxing: Compiler | None = None
        #: Every allocation returned so far, with the requirements it was checked against.
        self._seen: list[tuple[frozenset[Requirement], Allocation]] = []

    def _compile(
        self,
        reqs: Sequence[Requirement],
        focus: Sequence[str] = (),
        split: Sequence[tuple[str, ...] | None] = (),
    ) -> Problem | Cutoff:
        """The problem of ``reqs``, or why it could not be built (too large: with a note)."""
        try:
            return self.compiler.compile(reqs, focus, split=[f for f in split if f is not None])
        except OutOfTime:
            return Cutoff.WALL_CLOCK  # the run's budget note says so
        except RangedMass as exc:
            self._ranged_note(exc)
            return Cutoff.RANGED_MASS
        except ModelTooLarge as exc:
            self._note(f"Some answers are unknown because the model is too large: {exc}.")
            return Cutoff.TOO_LARGE

    def _note(self, note: str) -> None:
        if note not in self.notes:
            self.notes.append(note)

    def _ranged_note(self, exc: RangedMass) -> None:
        self._note(
            f"Some answers are unknown or unproven because {exc}: a heavier unit fits fewer "
            "but weighs more, so only its least and its most mass were tried exactly."
        )

    @property
    def pinned(self) -> tuple[Engine, Engine]:
        """This engine with every ranged unit mass pinned at its least, and at its most.

        Where a mass total weighs such units, an answer found at either end is true
        (the mass may be that); one found at neither is not a proof.
        """
        if self._pinned is None:
            self._pinned = (self._pinned_at(most=False), self._pinned_at(most=True))
        return self._pinned

    def _pinned_at(self, most: bool) -> Engine:
        cargo = {}
        for name, c in self.scenario.cargo.items():
            if c.mass is not None and not c.mass.exact:
                end = c.mass.max if most else c.mass.min
                c = c.model_copy(update={"mass": MassRange(min=end, max=end)})
            cargo[name] = c
        pinned = self.scenario.model_copy(update={"cargo": cargo})
        return Engine(pinned, self.options, self.compiler.grains)

    def _model(
        self,
        reqs: Sequence[Requirement],
        focus: Sequence[str] = (),
        split: Sequence[tuple[str, ...] | None] = (),
    ) -> LaneModel | Cutoff:
        problem = self._compile(reqs, focus, split)
        return problem if isinstance(problem, Cutoff) else LaneModel(problem)

    def base_model(
        self, focus: str = FLIGHTS_TOTAL, groups: tuple[str, ...] | None = None
    ) -> LaneModel | None:
        """The base's model, telling apart the cargo of ``focus`` and the flight ``groups``.

        Built once per focus and groups.
        """
        model = self._base_model(focus, groups)
        return None if isinstance(model, Cutoff) else model

    def _base_model(
        self,
        focus: str,
        groups: tuple[str, ...] | None = None,
        given: tuple[Requirement, ...] = (),
    ) -> LaneModel | Cutoff:
        """The base's model (with the requirements ``given``), built once per question."""
        key = (focus, groups, given)
        if key not in self._base_models:
            self._base_models[key] = self._model([*self.base, *given], [focus], [groups])
        return self._base_models[key]

    def given(self, spec: TotalSpec) -> tuple[Requirement, ...]:
        """What a conditional bound is taken under besides the base: the requirements of
        the claims ``spec.given`` names (an assumption named there is in the base already)."""
        if spec.given is None:
            return ()
        assumed = {s.id for s in self.scenario.assumptions}
        return tuple(
            requirement(self.scenario.statement(i), self.scenario, self.compiler.grains)
            for i in spec.given
            if i not in assumed
        )

    # -- feasibility --------------------------------------------------------------------------

    def feasible(self, extra: Sequence[Requirement] = ()) -> Answer:
        """Can the base and ``extra`` hold together? (Each distinct question is solved once.)"""
        key = tuple(extra)
        if key not in self._answers:
            self._answers[key] = self._feasible(key)
        return self._answers[key]

    def _feasible(self, extra: tuple[Requirement, ...]) -> Answer:
        model = self._model([*self.base, *extra]) if extra else self._base_model(FLIGHTS_TOTAL)
        if model is Cutoff.RANGED_MASS:
            return self._ranged_feasible(extra)
        if isinstance(model, Cutoff):
            return Answer(Feasibility.UNKNOWN, cutoff=model)
        return self._answer(model.problem, model.solve(self.options), [*self.base, *extra])

    def _relaxed(
        self, reqs: Sequence[Requirement], objective: tuple[str, TotalSpec] | None = None
    ) -> Solution | None:
        """The ranged-mass relaxation's answer (see ``Compiler(relax_ranged=True)``); None
        when even the relaxation cannot be built. Its allocations prove nothing."""
        if self._relaxing is None:
            self._relaxing = Compiler(self.scenario, self.compiler.grains, relax_ranged=True)
        focus = [objective[1].total] if objective else []
        split = [objective[1].flights] if objective and objective[1].flights else []
        try:
            problem = self._relaxing.compile(reqs, focus, split=split)
            model = LaneModel(problem)
            if objective is None:
                return model.solve(self.options)
            total = self._relaxing.total(objective[1], problem)
            return model.solve(self.options, (objective[0], total))
        except ModelTooLarge:
            return None

    def _ranged_feasible(self, extra: tuple[Requirement, ...]) -> Answer:
        """Feasibility where ranged unit masses make a mass total non-monotone: impossible
        when the relaxation is, possible when the least masses allow it, else unknown."""
        relaxed = self._relaxed([*self.base, *extra])
        if relaxed is not None and relaxed.status is SolveStatus.INFEASIBLE:
            return Answer(Feasibility.INFEASIBLE)
        for pinned in self.pinned:
            found = pinned.feasible(extra)
            if found.status is Feasibility.FEASIBLE:
                return found
        return Answer(Feasibility.UNKNOWN, cutoff=Cutoff.RANGED_MASS)

    def flight_outside(self, claim: Requirement, lo: int, hi: int | None) -> Answer:
        """Can the base hold while a flight ``claim`` selects has its own total in ``[lo, hi]``?"""
        problem = self._compile(self.base, [claim.spec.total], [claim.spec.flights])
        if isinstance(problem, Cutoff):
            return Answer(Feasibility.UNKNOWN, cutoff=problem)
        try:
            probe = self.compiler.probe(claim, problem, lo, hi)
        except RangedMass:
            for pinned in self.pinned:
                found = pinned.flight_outside(claim, lo, hi)
                if found.status is Feasibility.FEASIBLE:
                    return found
            return Answer(Feasibility.UNKNOWN, cutoff=Cutoff.RANGED_MASS)
        if not probe.lanes:
            return Answer(Feasibility.INFEASIBLE)
        model = LaneModel(problem, probe)
        solution = model.solve(self.options)
        answer = self._answer(problem, solution, self.base)
        if answer.allocation is not None and not some_flight_outside(
            self.scenario, answer.allocation, claim
        ):
            raise InternalError(f"probe allocation for {claim.id} has no flight breaking it")
        return answer

    def neutral_groups(self, extra: Sequence[Requirement] = ()) -> frozenset[str] | None:
        """The flight groups that can fly one more flight while keeping the base and
        ``extra``: whatever holds with some count of such a group also holds with more.
        None when the problem could not be built or a lane was not decided."""
        problem = self._compile([*self.base, *extra])
        if isinstance(problem, Cutoff):
            return None
        lanes = neutral_lanes(problem)
        if lanes is None:
            return None
        return frozenset(i for li in lanes for i in problem.groups[problem.lanes[li].group].ids)

    def _answer(self, problem: Problem, solution: Solution, reqs: Sequence[Requirement]) -> Answer:
        status = _feasibility(solution.status)
        if not solution.found:
            return Answer(status, cutoff=solution.cutoff)
        allocation = self._checked(problem, solution, reqs)
        return Answer(status, allocation)

    def _checked(
        self, problem: Problem, solution: Solution, reqs: Sequence[Requirement]
    ) -> Allocation:
        allocation = checked_allocation(
            problem, solution, self._cargo_order, lambda a: violations(self.scenario, a, reqs)
        )
        annotated = annotate(self.scenario, allocation)
        self._seen.append((frozenset(reqs), annotated))
        return annotated

    def _seen_at_zero(self, spec: TotalSpec, given: Sequence[Requirement]) -> Allocation | None:
        """An allocation already checked against the base and ``given`` in which ``spec``
        totals 0: no total is less, so it proves the least without a solve."""
        need = {*self.base, *given}
        for reqs, allocation in self._seen[-SEEN_AT_ZERO:]:
            if need <= reqs and total_value(self.scenario, allocation, spec) == 0:
                return allocation
        return None

    # -- extremes -----------------------------------------------------------------------------

    def extreme(self, spec: TotalSpec, sense: str) -> Extreme:
        """The least (``"min"``) or greatest (``"max"``) value of a total over the base.

        With ``spec.given``, over the base and those claims together (a conditional bound):
        INFEASIBLE when no allocation satisfies them all.
        """
        key = (spec, sense)
        if key not in self._extremes:
            self._extremes[key] = self._solve_extreme(spec, sense)
        return self._extremes[key]

    def _solve_extreme(self, spec: TotalSpec, sense: str) -> Extreme:
        given = self.given(spec)
        if sense == "min" and (seen := self._seen_at_zero(spec, given)) is not None:
            return Extreme("min", 0, 0, SolveStatus.OPTIMAL, witness=seen, witness_value=0)
        model = self._base_model(spec.total, spec.flights, given)
        if model is Cutoff.RANGED_MASS:
            return self._pinned_extreme(spec, sense)
        if isinstance(model, Cutoff):
            lo = 0 if sense == "min" else None
            return Extreme(sense, lo, None, SolveStatus.UNKNOWN, cutoff=model)
        problem = model.problem
        try:
            total = self.compiler.total(spec, problem)
        except RangedMass as exc:
            self._ranged_note(exc)
            return self._pinned_extreme(spec, sense)
        unbounded = sense == "max" and self._unbounded(problem, total)
        if unbounded is None:  # not decided: neither unbounded nor the caps' maximum is proven
            return Extreme("max", None, None, SolveStatus.UNKNOWN, cutoff=Cutoff.TIME_LIMIT)
        if unbounded:
            base = self.feasible(given)
            if base.status is Feasibility.FEASIBLE:
                return Extreme("max", None, None, SolveStatus.OPTIMAL, unbounded=True)
            if base.status is Feasibility.INFEASIBLE:
                return Extreme("max", None, None, SolveStatus.INFEASIBLE)
            return Extreme("max", None, None, SolveStatus.UNKNOWN, cutoff=base.cutoff)
        solution = model.solve(self.options, (sense, total))
        if not solution.found:
            if solution.status is SolveStatus.INFEASIBLE:
                return Extreme(sense, None, None, SolveStatus.INFEASIBLE)
            _feasibility(solution.status)  # raises on an invalid model
            if sense == "min":
                return Extreme("min", 0, None, solution.status, cutoff=solution.cutoff)
            trivial = _trivial_max(problem, total)
            return Extreme("max", None, trivial, solution.status, cutoff=solution.cutoff)
        witness = self._checked(problem, solution, [*self.base, *given])
        value = checked_value(self.scenario, witness, spec, solution.objective)
        assert solution.bound is not None
        lo, hi = (solution.bound, value) if sense == "min" else (value, solution.bound)
        cutoff = solution.cutoff
        if solution.status is SolveStatus.OPTIMAL:
            lo, hi, cutoff = value, value, None
        return Extreme(
            sense, lo, hi, solution.status, witness=witness, witness_value=value, cutoff=cutoff
        )

    def _pinned_extreme(self, spec: TotalSpec, sense: str) -> Extreme:
        """A certified interval for an extreme that ranged unit masses leave undecided.

        The extremes with the masses at their least and at their most are attained by
        allocations that are true, so the better of them bounds the true extreme on one
        side; the ranged-mass relaxation bounds it on the other.
        """
        ends = [p.extreme(spec, sense) for p in self.pinned]  # (they take spec.given too)
        found = [e for e in ends if e.witness_value is not None]
        pick = max if sense == "max" else min
        at_least = pick(found, key=lambda e: e.witness_value or 0, default=ends[0])
        value = at_least.witness_value
        relaxed = self._relaxed([*self.base, *self.given(spec)], (sense, spec))
        if relaxed is not None and relaxed.status is SolveStatus.INFEASIBLE:
            return Extreme(sense, None, None, SolveStatus.INFEASIBLE)
        far = relaxed.bound if relaxed is not None and relaxed.found else None
        if value is None:
            lo, hi = (far or 0, None) if sense == "min" else (None, far)
            return Extreme(sense, lo, hi, SolveStatus.UNKNOWN, cutoff=Cutoff.RANGED_MASS)
        lo, hi = (far or 0, value) if sense == "min" else (value, far)
        if lo == hi:  # the relaxation's bound is attained by a true allocation
            return Extreme(
                sense, lo, hi, SolveStatus.OPTIMAL, witness=at_least.witness, witness_value=value
            )
        return Extreme(
            sense,
            lo,
            hi,
            SolveStatus.FEASIBLE,
            witness=at_least.witness,
            witness_value=value,
            cutoff=Cutoff.RANGED_MASS,
        )

    @staticmethod
    def _unbounded(problem: Problem, total: Total) -> bool | None:
        """Whether adding flights to an open group raises ``total`` without limit.

        Given a feasible base, the total is unbounded exactly when some flight of
        an open-count group can add to it while adding nothing to any total that
        an upper bound caps: such a flight can be repeated forever. Conversely, if
        every such flight adds to a capped total, the caps bound how many fly.
        A lane whose loads are the solver's has no boxes to read that from: one
        flight's load is solved for (:func:`~airlift.model.recession.flight_repeats`);
        None when that was not decided.
        """
        selected = set(total.lanes)
        for li, lane in enumerate(problem.lanes):
            if problem.groups[lane.group].count_max is not None or li not in selected:
                continue
            capped = [c for c in problem.conditions if c.hi is not None and li in c.total.lanes]
            if any(c.total.classes is None for c in capped):
                continue
            zeroed = {k for c in capped for k in (c.total.classes or ())}
            if lane.explicit is not None:
                repeats = flight_repeats(lane.explicit, zeroed, total.classes)
                if repeats is not False:
                    return repeats
            for box in lane.boxes:
                if any(box.floor[k] > 0 for k in zeroed):
                    continue
                if total.classes is None:
                    return True
                if any(box.ceiling[k] > 0 for k in total.classes if k not in zeroed):
                    return True
        return False


def _trivial_max(problem: Problem, total: Total) -> int:
    """A certified (loose) upper bound: every group at its cap, each flight at its fullest.

    The caps are safe here: when a total is not unbounded, its maximum is
    attained with no group above its cap (see :meth:`Compiler.compile`).
    """
    selected = set(total.lanes)
    bound = 0
    for gi, cap in enumerate(problem.caps):
        fullest = [
            problem.lanes[li].fullest(total.classes)
            for li in problem.lanes_of(gi)
            if li in selected
        ]
        bound += cap * max(fullest, default=0)
    return bound
