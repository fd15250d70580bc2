"""Verdicts for every value inside the stated ranges, or only some, and where they tip.

Today's verdict is decided at the *permissive corner* of the ranges: a claim is possible
when some value of every range allows it. Every constraint of a scenario is a packing
(plus per-flight minimums), so the allocations only grow when a payload, a limit or a hold
grows or a mass, a use or a cargo size shrinks. Hence, exactly:

- possible for every value  = possible at the *restrictive corner* (least payloads and
  limits, largest masses and uses);
- possible for no value     = impossible at the permissive corner (today's verdict);
- implied for every value   = the claim cannot fail at the permissive corner (today's);
- implied for some value    = it cannot fail at the restrictive corner.

Flight counts have no favourable end (one more flight can break an upper bound or a
per-flight minimum), so "every value" tries each combination of counts at the restrictive
corner, up to :data:`MAX_COUNT_VECTORS`; beyond that the answer is unknown, with the reason.
A mass total of units whose mass is a range is not monotone in that mass (heavier units fit
fewer but weigh more), so corners do not decide it: unknown, with the reason.

A *tipping point* is the exact value of one input at which a claim turns impossible, with
every other input at the end least, or most, favourable to loads (:func:`tipping_points`).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from airlift.analysis.grid import Grid, first_true
from airlift.analysis.points import Points
from airlift.analysis.totals import negated_sides, requirement
from airlift.model import Requirement, SolveOptions
from airlift.model.budget import current as current_budget
from airlift.result import (
    ClaimResult,
    Extent,
    Feasibility,
    RangeInput,
    Robust,
    TippingPoint,
    Verdict,
    stopped_by,
)
from airlift.scenario.inputs import Favours, Input, InputPath, corner, inputs_of
from airlift.scenario.schema import Scenario, Statement

__all__ = [
    "MAX_COUNT_VECTORS",
    "MAX_TIPPING_INPUTS",
    "RobustTable",
    "mass_sensitive",
    "range_inputs",
    "robust_verdicts",
]

#: The most combinations of flight counts tried one by one for "every value".
MAX_COUNT_VECTORS = 64
#: The most ranges a claim's tipping points are searched along (each costs a bisection, or
#: a solve per count, at both ends of the others).
MAX_TIPPING_INPUTS = 16

_Values = dict[InputPath, Fraction]


class _Undecided(Exception):
    """A probe of a search was cut short: the search cannot be exact."""


@dataclass(frozen=True)
class RobustTable:
    """The robust verdict of each claim (in claim order) and of the base."""

    claims: tuple[Robust | None, ...]
    base: Extent
    ranges: tuple[RangeInput, ...]
    notes: tuple[str, ...]


def range_inputs(inputs: Sequence[Input]) -> tuple[RangeInput, ...]:
    """The inputs as plain result data, for reports."""
    words = {Favours.HIGH: "high", Favours.LOW: "low", Favours.NONE: "none"}
    return tuple(
        RangeInput(i.name, i.lo, i.hi, i.unit, i.lo_text, i.hi_text, words[i.favours])
        for i in inputs
    )


def robust_verdicts(
    scenario: Scenario,
    options: SolveOptions,
    grains: int,
    claims: Sequence[ClaimResult],
    base: Feasibility,
) -> RobustTable:
    """Each claim's verdict over every value inside the ranges, given its verdict at the
    permissive corner (``claims``, from :func:`airlift.analysis.verdicts.judge_claim`)."""
    inputs = inputs_of(scenario)
    return _Robust(scenario, options, grains, inputs).table(claims, base)


class _Robust:
    def __init__(
        self, scenario: Scenario, options: SolveOptions, grains: int, inputs: list[Input]
    ) -> None:
        self.scenario = scenario
        self.inputs = inputs
        self.points = Points(scenario, options, grains)
        self.restrictive = corner(inputs, restrictive=True)
        self.permissive = corner(inputs, restrictive=False)
        self.counts = [i for i in inputs if i.is_count]
        self._base: Extent | None = None
        #: Set while judging a claim when its counts were too many to try each (why).
        self.counts_as_ranges: str | None = None
        self._base_fails: list[_Values] = []

    def table(self, claims: Sequence[ClaimResult], base: Feasibility) -> RobustTable:
        ranges = range_inputs(self.inputs)
        if base is Feasibility.INFEASIBLE:
            return RobustTable(tuple(None for _ in claims), Extent.NONE, ranges, ())
        self.points.seed([a for c in claims for a in (c.holds, c.fails)])
        base_extent = self.base_extent() if base is Feasibility.FEASIBLE else Extent.UNKNOWN
        robust = tuple(
            self.claim(statement, result)
            if not _out_of_time()
            else Robust(Extent.UNKNOWN, Extent.UNKNOWN, "the wall clock ran out")
            for statement, result in zip(self.scenario.claims, claims, strict=True)
        )
        notes = list(self.points.notes)
        if len(self.inputs) > MAX_TIPPING_INPUTS and any(r.possible is Extent.SOME for r in robust):
            notes.append(
                f"Tipping points were not sought: the scenario has {len(self.inputs):,} ranges, "
                f"more than the {MAX_TIPPING_INPUTS} each claim is searched along."
            )
        return RobustTable(robust, base_extent, ranges, tuple(notes))

    # -- the base -----------------------------------------------------------------------------

    def base_extent(self) -> Extent:
        """For which values the observations and assumptions hold together."""
        if self._base is None:
            vectors, _ = self._vectors(self._neutral([]))
            if vectors is None:
                self._base = Extent.UNKNOWN
            else:
                unknown = False
                for vector in vectors:
                    values = {**self.restrictive, **vector}
                    status = self.points.base(values).status
                    if status is Feasibility.INFEASIBLE:
                        self._base_fails.append(values)
                    unknown |= status is Feasibility.UNKNOWN
                self._base = (
                    Extent.SOME if self._base_fails else Extent.UNKNOWN if unknown else Extent.EVERY
                )
        return self._base

    # -- flight counts ------------------------------------------------------------------------

    def _neutral(self, statements: list[Statement], negated: bool = False) -> frozenset[str]:
        """The groups whose count only helps (see :meth:`Engine.neutral_groups`) the base
        with ``statements`` at the restrictive corner, or with the claim's negation."""
        if not self.counts:
            return frozenset()
        engine = self.points.engine(self.restrictive)
        if not negated:
            reqs = [requirement(s, engine.scenario, engine.compiler.grains) for s in statements]
            return engine.neutral_groups(reqs) or frozenset()
        (claim,) = statements
        req = requirement(claim, engine.scenario, engine.compiler.grains)
        if req.per_flight:  # a flight breaking it stays when others join
            return engine.neutral_groups() or frozenset()
        found: frozenset[str] | None = None
        for lo, hi in negated_sides(req.lo, req.hi):
            side = engine.neutral_groups([Requirement(f"not {req.id}", req.spec, lo, hi)])
            side = side or frozenset()
            found = side if found is None else found & side
        return found or frozenset()

    def _vectors(self, neutral: frozenset[str]) -> tuple[list[_Values] | None, str | None]:
        """The combinations of flight counts to try: each group whose count only helps at
        its least, every count of each other ranged group (None, with why, when too many)."""
        fixed = {c.path: c.lo for c in self.counts if c.path[1] in neutral}
        varied = [c for c in self.counts if c.path[1] not in neutral]
        if _combinations(varied) > MAX_COUNT_VECTORS:
            self.counts_as_ranges = (
                f"flight counts were taken as ranges (some count in each): "
                f"{_combinations(varied):,} combinations are too many to try one by one "
                f"(the limit is {MAX_COUNT_VECTORS})"
            )
            return [fixed], None
        return [{**fixed, **v} for v in _count_vectors(varied)], None

    # -- one claim ----------------------------------------------------------------------------

    def claim(self, statement: Statement, result: ClaimResult) -> Robust:
        if not self.inputs:
            return _without_ranges(result)
        if result.verdict is Verdict.UNKNOWN:
            return Robust(Extent.UNKNOWN, Extent.UNKNOWN, result.reason)
        if result.verdict is Verdict.INCONSISTENT:
            return Robust(Extent.NONE, Extent.NONE)
        ranged = mass_sensitive(self.scenario, statement, self.inputs)
        if ranged is not None:
            implied = Extent.EVERY if result.verdict is Verdict.IMPLIED else Extent.UNKNOWN
            return Robust(Extent.UNKNOWN, implied, ranged)
        self.counts_as_ranges = None
        possible, failing, why = self._possible(statement)
        implied, why_implied = self._implied(statement, result)
        ranges = self.counts_as_ranges
        tipping: tuple[TippingPoint, ...] = ()
        if possible is Extent.SOME:
            tipping = self._tipping(statement, failing)
        return Robust(
            possible,
            implied,
            why or why_implied,
            tipping,
            tuple(_vector_key(v) for v in failing if _vector_key(v)),
            counts_each=ranges is None,
            counts_note=ranges,
        )

    def _possible(self, statement: Statement) -> tuple[Extent, list[_Values], str | None]:
        """Possible for every value, or only some: tried at the restrictive corner, at each
        combination of flight counts. Returns the combinations where it is impossible."""
        vectors, why = self._vectors(self._neutral([statement]))
        if vectors is None:
            return Extent.UNKNOWN, [], why
        failing: list[_Values] = []
        cutoff = None
        unknown = False
        for vector in vectors:
            answer = self.points.holds(statement, {**self.restrictive, **vector})
            if answer.status is Feasibility.INFEASIBLE:
                failing.append(vector)
            elif answer.status is Feasibility.UNKNOWN:
                unknown, cutoff = True, answer.cutoff
        if failing:
            return Extent.SOME, failing, None
        if unknown:
            return Extent.UNKNOWN, [], f"{stopped_by(cutoff)} at the restrictive corner"
        return Extent.EVERY, [], None

    def _implied(self, statement: Statement, result: ClaimResult) -> tuple[Extent, str | None]:
        """Implied for every value, some, or none: it cannot fail at the permissive corner
        (every value) or at the restrictive one (some)."""
        if result.verdict is Verdict.IMPLIED:
            return Extent.EVERY, None
        if not result.settled:
            return Extent.UNKNOWN, result.reason
        vectors, why = self._vectors(self._neutral([statement], negated=True))
        if vectors is None:
            return Extent.UNKNOWN, why
        unknown = False
        base_failed = False
        cutoff = None
        for vector in vectors:
            values = {**self.restrictive, **vector}
            base = self.points.base(values)
            if base.status is not Feasibility.FEASIBLE:
                base_failed |= base.status is Feasibility.INFEASIBLE
                unknown |= base.status is Feasibility.UNKNOWN
                cutoff = base.cutoff if base.status is Feasibility.UNKNOWN else cutoff
                continue
            answer = self.points.fails(statement, values)
            if answer.status is Feasibility.INFEASIBLE:
                return Extent.SOME, None
            if answer.status is Feasibility.UNKNOWN:
                unknown, cutoff = True, answer.cutoff
        if unknown:
            return Extent.UNKNOWN, f"{stopped_by(cutoff)} at the restrictive corner"
        if base_failed:
            return Extent.UNKNOWN, (
                "the observations and assumptions fail at the restrictive corner, so whether "
                "the claim must hold somewhere between the corners was not decided"
            )
        return Extent.NONE, None

    # -- tipping points -----------------------------------------------------------------------

    def _tipping(self, statement: Statement, failing: list[_Values]) -> tuple[TippingPoint, ...]:
        """Where each input turns the claim impossible, others at either end."""
        found: list[TippingPoint] = []
        if len(self.inputs) > MAX_TIPPING_INPUTS:
            return ()
        least = {**self.restrictive, **(failing[0] if failing else {})}
        for others_at, others in (
            ("least_favourable", least),
            ("most_favourable", self.permissive),
        ):
            for item in self.inputs:
                if _out_of_time():
                    return tuple(found)
                base = {k: v for k, v in others.items() if k != item.path}
                tip = self._count_tip if item.is_count else self._tip
                try:
                    point = tip(statement, item, base, others_at)
                except _Undecided:
                    continue
                if point is not None:
                    found.append(point)
        return tuple(found)

    def _tip(
        self, statement: Statement, item: Input, others: _Values, others_at: str
    ) -> TippingPoint | None:
        """The value of ``item`` at which the claim turns impossible, or None if no value of
        it does (with ``others`` pinned; counts left as ranges unless pinned there)."""
        grid = Grid(item.lo, item.hi)
        high = item.favours is Favours.HIGH

        def value(index: int) -> Fraction:
            return grid[index] if high else grid[len(grid) - 1 - index]

        def possible(index: int) -> bool:
            answer = self.points.holds(statement, {**others, item.path: value(index)})
            if answer.status is Feasibility.UNKNOWN:
                raise _Undecided
            return answer.status is Feasibility.FEASIBLE

        # Indices run from the restrictive end to the favourable one: False, then True.
        if not possible(len(grid) - 1) or possible(0):
            return None
        first = first_true(len(grid), possible)
        at = value(first)
        shown = tuple((i.name, i.text(others[i.path])) for i in self.inputs if i.path in others)
        return TippingPoint(
            item.name,
            at,
            item.unit,
            others_at,
            "at_least" if high else "at_most",
            item.text(at),
            shown,
        )

    def _count_tip(
        self, statement: Statement, item: Input, others: _Values, others_at: str
    ) -> TippingPoint | None:
        """The flight count at which the claim turns impossible: every count of the range is
        tried (counts have no favourable end); a tipping point when the counts that allow the
        claim are those from some count up, or up to some count, and not all of them."""
        counts = range(int(item.lo), int(item.hi) + 1)
        if len(counts) > MAX_COUNT_VECTORS:
            return None
        allowed = []
        for n in counts:
            answer = self.points.holds(statement, {**others, item.path: Fraction(n)})
            if answer.status is Feasibility.UNKNOWN:
                raise _Undecided
            allowed.append(answer.status is Feasibility.FEASIBLE)
        if all(allowed) or not any(allowed):
            return None
        first, last = allowed.index(True), len(allowed) - 1 - allowed[::-1].index(True)
        if not all(allowed[first : last + 1]):
            return None  # allowed at counts apart: no single tipping point
        if last == len(allowed) - 1:
            at, direction = counts[first], "at_least"
        elif first == 0:
            at, direction = counts[last], "at_most"
        else:
            return None  # allowed only in the middle of the range: two tipping points
        shown = tuple((i.name, i.text(others[i.path])) for i in self.inputs if i.path in others)
        value = Fraction(at)
        return TippingPoint(
            item.name, value, item.unit, others_at, direction, item.text(value), shown
        )


def mass_sensitive(scenario: Scenario, statement: Statement, inputs: Sequence[Input]) -> str | None:
    """Why the corners do not decide a claim: a mass total (of the claim, or of an
    assumption) sums units whose mass is a range; None when they do. Such a claim is not
    monotone in that mass (heavier units fit fewer but weigh more)."""
    ranged = {str(i.path[1]) for i in inputs if i.path[0] == "cargo" and i.path[2] == "mass"}
    for s in (statement, *scenario.assumptions):
        if s.mass_unit is None:
            continue
        hit = sorted(scenario.members(s.total) & ranged)
        if hit:
            return (
                f"{s.id} totals a mass of {hit[0]}, whose unit mass is a range: heavier "
                "units fit fewer but weigh more, so the corners of the ranges do not decide it"
            )
    return None


def _out_of_time() -> bool:
    """Whether the run's wall-clock budget is spent: what is left is then not tried."""
    budget = current_budget()
    return budget is not None and budget.expired()


def _without_ranges(result: ClaimResult) -> Robust:
    """A scenario without ranges: its verdict holds for its one set of values."""
    possible = Extent.NONE if result.verdict is Verdict.INCONSISTENT else Extent.EVERY
    implied = Extent.EVERY if result.verdict is Verdict.IMPLIED else Extent.NONE
    if result.verdict is Verdict.UNKNOWN:
        return Robust(Extent.UNKNOWN, Extent.UNKNOWN, result.reason)
    if not result.settled:
        implied = Extent.UNKNOWN
    return Robust(possible, implied, None if result.settled else result.reason)


def _combinations(counts: Sequence[Input]) -> int:
    total = 1
    for c in counts:
        total *= int(c.hi - c.lo) + 1
    return total


def _count_vectors(counts: Sequence[Input]) -> list[_Values]:
    """Every combination of the ranged flight counts (one empty one when there are none)."""
    axes = [[(c.path, Fraction(n)) for n in range(int(c.lo), int(c.hi) + 1)] for c in counts]
    return [dict(combo) for combo in itertools.product(*axes)]


def _vector_key(vector: Mapping[InputPath, Fraction]) -> tuple[tuple[str, int], ...]:
    return tuple((str(path[1]), int(v)) for path, v in vector.items() if path[0] == "flights")
