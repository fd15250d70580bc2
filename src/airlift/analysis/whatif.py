"""Scenarios with some statements dropped or some numbers changed, and their answers.

Explaining a contradiction means asking many what-ifs: does the rest hold
without this statement, or with that payload raised? A :class:`WhatIfs`
answers "can the statements in ``kept`` hold together?" and "how low or high
can a total go?" for any kept subset of a scenario's statements (typed keys,
see :mod:`airlift.analysis.statements`), with some numbers overridden. What
dropping a statement means is said in :mod:`airlift.analysis.variants`; a
dropped claim or assumption is simply gone.

Statements on sums and flight counts become switchable conditions of one
CP-SAT model per set of the other kept statements, so trying many subsets of
them costs one solve each and no rebuild. Every allocation returned is
re-checked against the what-if scenario in plain Python; the allocations of
:meth:`WhatIfs.check` are not yet annotated with what binds (most are only
evidence along the way), :meth:`WhatIfs.shown` does that for one that is
reported.

A question the wall clock cuts short (the run's budget, or a call's cap) or
that needs a model too large to build is answered unknown, with its
:class:`~airlift.result.Cutoff`, never as a guess.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from airlift.analysis.answers import Check, Optimum
from airlift.analysis.binding import annotate
from airlift.analysis.checked import checked_allocation, checked_value
from airlift.analysis.spread import counted_problems, spread
from airlift.analysis.statements import PHYSICAL, Override, keys_of, statement_of, switchable
from airlift.analysis.totals import bounds_of, grains, requirement
from airlift.analysis.variants import open_counts, variant, with_counts
from airlift.model import (
    Compiler,
    LaneModel,
    ModelTooLarge,
    OutOfTime,
    Problem,
    Requirement,
    Solution,
    SolveOptions,
)
from airlift.result import (
    Allocation,
    Cutoff,
    Feasibility,
    Role,
    SolveStatus,
    StatementKey,
    TotalSpec,
)
from airlift.scenario.schema import FLIGHTS_TOTAL, FlightGroup, Scenario

__all__ = ["WhatIfs"]


#: A built what-if: its model, its scenario and its requirements by id.
_Built = tuple[LaneModel, Scenario, dict[str, Requirement]]


class WhatIfs:
    """Answers what-ifs over one scenario and one set of statements that may be kept.

    ``statements`` is every key any question may keep; it fixes the per-flight
    cap on units of each class (see :meth:`Compiler.compile`), so it must
    include every statement whose number a question may raise.
    """

    def __init__(
        self,
        scenario: Scenario,
        statements: Iterable[StatementKey],
        options: SolveOptions,
        units: Mapping[StatementKey, Sequence[str]] | None = None,
    ) -> None:
        self.scenario = scenario
        self.options = options
        self.statements = list(dict.fromkeys(statements))
        self._groups = {g.id: g for g in scenario.flights}
        self._units = {k: tuple(ids) for k, ids in (units or {}).items()}
        self._count_ids = {_rid(k) for k in self.statements if k.role is Role.FLIGHTS}
        self._switch = {k: switchable(scenario, k) for k in self.statements}
        self._structure = frozenset(keys_of(scenario, PHYSICAL)) - frozenset(self.statements)
        self._cargo_order = list(scenario.cargo)
        self.cap = max([1, *(n for key in self.statements for n in self._numbers(key, False))])
        #: The same for masses, in grains: what one flight may need of a mass bound.
        self.mass_cap = max([1, *(n for key in self.statements for n in self._numbers(key, True))])
        self._models: dict[Any, _Built | Cutoff] = {}
        self._open: dict[str, FlightGroup] | None = None
        self.too_large: list[str] = []

    # -- numbers ------------------------------------------------------------------------------

    def _numbers(self, key: StatementKey, masses: bool) -> list[int]:
        """The bounds ``key`` writes: its masses (in grains) or its counts."""
        if key.role in (Role.CLAIM, Role.ASSUMPTION):
            statement = statement_of(self.scenario, key)
            if (statement.mass_unit is not None) is not masses:
                return []
            lo, hi = bounds_of(statement, self.scenario)
            return [lo] + ([hi] if hi is not None else [])
        if key.role is Role.FLIGHTS and not masses:
            lo, hi = self._count(key)
            return [lo] + ([hi] if hi is not None else [])
        return []

    def members(self, key: StatementKey) -> tuple[str, ...]:
        """The flight groups a count key stands for: its own, or every group of its unit."""
        return self._units.get(key, (key.entry,))

    def _count(self, key: StatementKey) -> tuple[int, int | None]:
        """The count a count key says: its group's, or the sum over its unit's groups."""
        counts = [self.group(g).count for g in self.members(key)]
        highs = [c.max for c in counts]
        hi = None if None in highs else sum(h for h in highs if h is not None)
        return sum(c.min for c in counts), hi

    @property
    def structure(self) -> frozenset[StatementKey]:
        """The physical values that are not statements here: always kept, as structure."""
        return self._structure

    def group(self, group_id: str) -> FlightGroup:
        """The flight group of an id."""
        return self._groups[group_id]

    def switchable(self, key: StatementKey) -> bool:
        """Whether ``key`` is a switch of the models (a claim or assumption on a sum, a count)."""
        found = self._switch.get(key)
        return switchable(self.scenario, key) if found is None else found

    def requirement_of(
        self, key: StatementKey, overrides: Mapping[str, Fraction] | None = None
    ) -> Requirement:
        """The requirement a claim, an assumption or a count stands for, with new bounds."""
        overrides = overrides or {}
        if key.role is Role.FLIGHTS:
            lo, hi = self._count(key)
            spec = TotalSpec(FLIGHTS_TOTAL, flights=self.members(key))
            req = Requirement(_rid(key), spec, lo, hi)
        else:
            base = requirement(statement_of(self.scenario, key), self.scenario)
            req = Requirement(_rid(key), base.spec, base.lo, base.hi, base.per_flight)
        lo = int(overrides["lo"]) if "lo" in overrides else req.lo
        hi = int(overrides["hi"]) if "hi" in overrides else req.hi
        return Requirement(req.id, req.spec, lo, hi, req.per_flight)

    def roomy(self, key: StatementKey) -> int:
        """A payload or limit value no flight can fill with at most ``cap`` units per class.

        Such a value changes no answer, so it stands for the payload or limit dropped.
        """
        cargo = self.scenario.cargo.values()
        limit = key.field
        if key.role is Role.PAYLOAD:
            use = sum(c.mass.min.value for c in cargo if c.mass is not None)
            use += Fraction(self.mass_cap, grains(self.scenario)) / self.cap
        elif key.role is Role.LIMIT and limit is not None:
            use = sum(c.uses[limit].min.value for c in cargo if limit in c.uses)
        else:
            raise ValueError(f"only a payload or a limit has a roomy value, not {key!r}")
        return math.ceil(self.cap * use) + 1

    def heaviest_flight(self) -> int:
        """In grains, a mass no flight reaches with every payload at most roomy."""
        units = sum(c.mass.min.value for c in self.scenario.cargo.values() if c.mass is not None)
        payloads = [a.payload.max.value for a in self.scenario.aircraft.values()]
        kg = max([*payloads, Fraction(0)]) + self.cap * units
        return math.ceil(kg * grains(self.scenario)) + 1

    # -- the what-if scenario ----------------------------------------------------------------

    def _fixed(self, kept: frozenset[StatementKey], hard: bool) -> frozenset[StatementKey]:
        """What shapes the model: all of ``kept`` when hard, else its non-switchable part."""
        return kept if hard else frozenset(k for k in kept if not self.switchable(k))

    def _setup(
        self, fixed: frozenset[StatementKey], overrides: tuple[Override, ...], hard: bool
    ) -> tuple[Scenario, dict[str, Requirement]]:
        """The what-if scenario and the requirements of its model (see :meth:`_model`).

        A physical value that is not one of this object's statements is always
        kept: it is part of the structure (a use, say, stands with its limit).
        """
        values = {key: value for key, side, value in overrides if side == "value"}
        bounds: dict[StatementKey, dict[str, Fraction]] = {}
        for key, side, value in overrides:
            if side != "value":
                bounds.setdefault(key, {})[side] = value
        counts = frozenset(k for k in fixed if k.role is Role.FLIGHTS) if hard else frozenset()
        written = {StatementKey(Role.FLIGHTS, g) for k in counts for g in self.members(k)}
        if self._open is None:
            self._open = open_counts(self.scenario)
        scenario = variant(
            self.scenario, fixed | self._structure, values, written, self.roomy, self._open
        )
        if hard:
            if any(k in self._units for k in counts if k in bounds):
                raise ValueError("the count of a unit of alike groups cannot be moved")
            scenario = with_counts(scenario, {k.entry: bounds[k] for k in counts if k in bounds})
        reqs = {
            _rid(k): self.requirement_of(k, bounds.get(k))
            for k in self.statements
            if (k in fixed if hard else self.switchable(k) or k in fixed)
            if k.role in (Role.CLAIM, Role.ASSUMPTION) or (k.role is Role.FLIGHTS and not hard)
        }
        return scenario, reqs

    def _model(
        self,
        kept: frozenset[StatementKey],
        overrides: tuple[Override, ...],
        extra: Requirement | None,
        hard: bool = False,
    ) -> _Built | Cutoff:
        """The model of a what-if, built once per distinct question (or why it was not).

        Without ``hard``, every switchable statement is a switch and only the
        rest of ``kept`` shapes the model, so subsets of switches share it.
        With ``hard``, exactly ``kept`` holds, as plain constraints and written
        counts: a tighter model, for optimizing and bisecting one fixed set.
        """
        fixed = self._fixed(kept, hard)
        cache_key = (fixed, overrides, extra, hard)
        if cache_key not in self._models:
            self._models[cache_key] = self._build(fixed, overrides, extra, hard)
        return self._models[cache_key]

    def _build(
        self,
        fixed: frozenset[StatementKey],
        overrides: tuple[Override, ...],
        extra: Requirement | None,
        hard: bool,
    ) -> _Built | Cutoff:
        scenario, reqs = self._setup(fixed, overrides, hard)
        if extra is not None:
            reqs[extra.id] = extra
        switches = (
            []
            if hard
            else [_rid(k) for k in self.statements if self.switchable(k) and _rid(k) in reqs]
        )
        try:
            roomy = frozenset(
                a
                for a in scenario.aircraft
                if StatementKey(Role.PAYLOAD, a) not in fixed | self._structure
                and not any(key == StatementKey(Role.PAYLOAD, a) for key, *_ in overrides)
            )
            compiler = Compiler(scenario, grains(self.scenario), roomy=roomy)
            problem = compiler.compile(
                list(reqs.values()), class_cap=self.cap, mass_cap=self.mass_cap
            )
        except OutOfTime:
            return Cutoff.WALL_CLOCK  # the run's budget counts it and says so
        except ModelTooLarge as exc:
            self.too_large.append(str(exc))
            return Cutoff.TOO_LARGE
        return LaneModel(problem, switchable=switches), scenario, reqs

    # -- questions ----------------------------------------------------------------------------

    def check(
        self, kept: Iterable[StatementKey], overrides: tuple[Override, ...] = (), hard: bool = False
    ) -> Check:
        """Can the statements in ``kept`` (with ``overrides``) hold together?

        With ``hard`` (see :meth:`_model`) an infeasible answer carries no core.
        """
        kept = frozenset(kept)
        built = self._model(kept, overrides, None, hard)
        if isinstance(built, Cutoff):
            return Check(Feasibility.UNKNOWN, cutoff=built)
        model, scenario, reqs = built
        on = [] if hard else self._switched_on(kept)
        solution = model.solve(self.options, assume=on)
        if solution.status is SolveStatus.INFEASIBLE:
            if hard:
                return Check(Feasibility.INFEASIBLE)
            by_id = {_rid(k): k for k in self.statements if self.switchable(k)}
            return Check(Feasibility.INFEASIBLE, frozenset(by_id[i] for i in solution.core))
        if not solution.found:
            return Check(Feasibility.UNKNOWN, cutoff=_why(solution))
        in_force = list(reqs.values()) if hard else self._in_force(kept, reqs)
        witness = self._checked(model.problem, solution, scenario, in_force)
        return Check(Feasibility.FEASIBLE, witness=witness)

    def scenario_of(
        self,
        kept: Iterable[StatementKey],
        overrides: tuple[Override, ...] = (),
        hard: bool = False,
    ) -> Scenario:
        """The what-if scenario of :meth:`check` (its claims and assumptions left out)."""
        return self._setup(self._fixed(frozenset(kept), hard), overrides, hard)[0]

    def holds(
        self,
        witness: Allocation,
        kept: Iterable[StatementKey],
        overrides: tuple[Override, ...] = (),
        hard: bool = False,
    ) -> bool:
        """Whether ``witness`` satisfies the what-if of :meth:`check` (re-checked in Python)."""
        kept = frozenset(kept)
        scenario, reqs = self._setup(self._fixed(kept, hard), overrides, hard)
        in_force = list(reqs.values()) if hard else self._in_force(kept, reqs)
        return not self._problems(scenario, witness, in_force)

    def shown(
        self,
        witness: Allocation,
        kept: Iterable[StatementKey],
        overrides: tuple[Override, ...] = (),
        hard: bool = False,
    ) -> Allocation:
        """``witness`` annotated with what binds in the what-if of :meth:`check`, for a report."""
        scenario, _ = self._setup(self._fixed(frozenset(kept), hard), overrides, hard)
        return annotate(scenario, witness)

    def optimize(self, kept: Iterable[StatementKey], target: Requirement, sense: str) -> Optimum:
        """The least or greatest value of ``target``'s total under ``kept`` and ``target``."""
        built = self._model(frozenset(kept), (), target, hard=True)
        if isinstance(built, Cutoff):
            return Optimum(SolveStatus.UNKNOWN, cutoff=built)
        model, scenario, reqs = built
        total = Compiler(scenario, grains(self.scenario)).total(target.spec, model.problem)
        solution = model.solve(self.options, (sense, total))
        if not solution.found:
            return Optimum(solution.status, cutoff=_why(solution))
        witness = self._checked(model.problem, solution, scenario, list(reqs.values()))
        value = checked_value(scenario, witness, target.spec, solution.objective)
        proven = solution.status is SolveStatus.OPTIMAL
        cutoff = None if proven else _why(solution)
        return Optimum(solution.status, value, proven, annotate(scenario, witness), cutoff)

    def _switched_on(self, kept: frozenset[StatementKey]) -> list[str]:
        return [_rid(k) for k in self.statements if k in kept and self.switchable(k)]

    def _in_force(
        self, kept: frozenset[StatementKey], reqs: Mapping[str, Requirement]
    ) -> list[Requirement]:
        """The requirements of a switch model that ``kept`` puts in force."""
        return [reqs[_rid(k)] for k in self.statements if k in kept and _rid(k) in reqs]

    def most_held(
        self, kept: Iterable[StatementKey], optional: Sequence[StatementKey]
    ) -> tuple[Optimum, frozenset[StatementKey]]:
        """As many of the switchable ``optional`` statements as can hold with all of ``kept``.

        Returns the optimum (its value: how many hold) and which ones hold in its witness.
        """
        kept = frozenset(kept)
        built = self._model(kept, (), None)
        if isinstance(built, Cutoff):
            return Optimum(SolveStatus.UNKNOWN, cutoff=built), frozenset()
        model, scenario, reqs = built
        on = self._switched_on(kept)
        among = [_rid(k) for k in optional]
        solution = model.most_switched(self.options, among, assume=on)
        if not solution.found:
            return Optimum(solution.status, cutoff=_why(solution)), frozenset()
        held = frozenset(k for k in optional if _rid(k) in solution.switched_on)
        in_force = self._in_force(kept | held, reqs)
        witness = annotate(scenario, self._checked(model.problem, solution, scenario, in_force))
        proven = solution.status is SolveStatus.OPTIMAL
        cutoff = None if proven else _why(solution)
        return Optimum(solution.status, len(held), proven, witness, cutoff), held

    def _problems(
        self, scenario: Scenario, allocation: Allocation, reqs: list[Requirement]
    ) -> list[str]:
        """Every way ``allocation`` breaks the what-if (see :func:`counted_problems`)."""
        return counted_problems(scenario, allocation, reqs, self._count_ids, self.group)

    def _checked(
        self, problem: Problem, solution: Solution, scenario: Scenario, reqs: list[Requirement]
    ) -> Allocation:
        def shape(allocation: Allocation) -> Allocation:
            for r in reqs:
                if r.id in self._count_ids and len(r.spec.flights or ()) > 1:
                    allocation = spread(allocation, [self.group(g) for g in r.spec.flights or ()])
            return allocation

        return checked_allocation(
            problem,
            solution,
            self._cargo_order,
            lambda a: self._problems(scenario, a, reqs),
            shape,
        )


def _why(solution: Solution) -> Cutoff:
    """Why a solver answer is unproven: what the solver said, else its deterministic limit."""
    return solution.cutoff if solution.cutoff is not None else Cutoff.TIME_LIMIT


def _rid(key: StatementKey) -> str:
    """The model's id of a switchable statement's requirement: ``claim:<id>``, ``flights:<id>``.

    Unique, as a role has no colon; used only to look the key up again, never split.
    """
    return f"{key.role.value}:{key.entry}"
