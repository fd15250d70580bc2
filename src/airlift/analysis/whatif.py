"""Scenarios with some statements dropped or some numbers changed, and their answers.

Explaining a contradiction means asking many what-ifs: does the rest hold
without this statement, or with that payload raised? Here every statement of a
scenario is a :class:`~airlift.result.StatementKey` (a role, an entry's name
and, for limits and uses, the limit's name: never text split apart again), and
a :class:`WhatIfs` answers "can the statements in ``kept`` hold together?" and
"how low or high can a total go?" for any kept subset, with some numbers
overridden.

What dropping a statement means:

- a claim or an assumption: it is gone;
- a flight group's count: the group may fly any number of flights;
- a payload, a loading limit: no such limit on that aircraft;
- a cargo mass, a use of a limit: the cargo weighs nothing, uses none of it.

The scenario's structure (which airfields a group may fly to, what it
carries, cargo kinds) always applies. Statements on sums and flight counts
become switchable conditions of one CP-SAT model per set of the other kept
statements, so trying many subsets of them costs one solve each and no
rebuild. Every allocation returned is re-checked against the what-if scenario
in plain Python.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from airlift.analysis.binding import annotate
from airlift.analysis.totals import requirement
from airlift.analysis.verify import total_value, violations
from airlift.errors import InternalError
from airlift.model import (
    Compiler,
    LaneModel,
    ModelTooLarge,
    Problem,
    Requirement,
    SolveOptions,
    build_allocation,
)
from airlift.result import Allocation, Feasibility, Role, SolveStatus, StatementKey, TotalSpec
from airlift.scenario.schema import (
    FLIGHTS_TOTAL,
    AmountRange,
    CountRange,
    MassRange,
    Scenario,
    Statement,
)
from airlift.scenario.units import Dimension, Quantity

__all__ = [
    "BASE_ROLES",
    "PHYSICAL",
    "Check",
    "Optimum",
    "Override",
    "WhatIfs",
    "keys_of",
    "physical_value",
    "statement_of",
    "switchable",
]

#: The roles of the values of aircraft and cargo entries.
PHYSICAL = (Role.PAYLOAD, Role.LIMIT, Role.MASS, Role.USES)
#: The statements the base is made of, besides the structure of the flights. A
#: loading limit stands with the uses that define it: dropping it drops them, so
#: uses are not statements of their own here.
BASE_ROLES = (Role.ASSUMPTION, Role.FLIGHTS, Role.PAYLOAD, Role.LIMIT, Role.MASS)
#: A number changed for a what-if: ``(key, side, value)``; side "lo"/"hi" for a
#: statement's or a count's bound, "value" for a physical value (base units).
Override = tuple[StatementKey, str, Fraction]


def keys_of(scenario: Scenario, roles: Iterable[Role]) -> list[StatementKey]:
    """The scenario's statements of the given roles, in file order within each role."""
    out: list[StatementKey] = []
    for role in roles:
        out += _keys_of_role(scenario, role)
    return out


def _keys_of_role(scenario: Scenario, role: Role) -> list[StatementKey]:
    """The scenario's statements of one role, in file order."""
    if role is Role.CLAIM:
        return [StatementKey(role, s.id) for s in scenario.claims]
    if role is Role.ASSUMPTION:
        return [StatementKey(role, s.id) for s in scenario.assumptions]
    if role is Role.FLIGHTS:
        return [StatementKey(role, g.id) for g in scenario.flights]
    if role is Role.PAYLOAD:
        return [StatementKey(role, a) for a in scenario.aircraft]
    if role is Role.LIMIT:
        return [
            StatementKey(role, a, name)
            for a, entry in scenario.aircraft.items()
            for name in entry.limits
        ]
    if role is Role.MASS:
        return [StatementKey(role, c) for c in scenario.cargo]
    if role is Role.USES:
        return [
            StatementKey(role, c, name)
            for c, entry in scenario.cargo.items()
            for name in entry.uses
        ]
    raise ValueError(f"unknown role {role!r}")


def statement_of(scenario: Scenario, key: StatementKey) -> Statement:
    """The claim or assumption a key names."""
    items = scenario.claims if key.role is Role.CLAIM else scenario.assumptions
    return next(s for s in items if s.id == key.entry)


def physical_value(scenario: Scenario, key: StatementKey) -> Quantity:
    """The value a physical statement has in the model: the permissive end of its range."""
    if key.role is Role.PAYLOAD:
        return scenario.aircraft[key.entry].payload.max
    if key.role is Role.MASS:
        return scenario.cargo[key.entry].mass.min
    if key.field is not None and key.role is Role.LIMIT:
        return scenario.aircraft[key.entry].limits[key.field].max
    if key.field is not None and key.role is Role.USES:
        return scenario.cargo[key.entry].uses[key.field].min
    raise ValueError(f"not a physical statement: {key!r}")


def switchable(scenario: Scenario, key: StatementKey) -> bool:
    """Whether a statement is a condition on a sum (a claim, an assumption, a count)."""
    if key.role is Role.FLIGHTS:
        return True
    return key.role in (Role.CLAIM, Role.ASSUMPTION) and not statement_of(scenario, key).per_flight


@dataclass(frozen=True)
class Check:
    """Whether kept statements hold together, and the evidence."""

    status: Feasibility
    #: When infeasible: switchable kept statements that already clash with the
    #: other kept ones (sufficient, not minimal); None when unknown.
    core: frozenset[StatementKey] | None = None
    witness: Allocation | None = None  #: when feasible: an allocation, re-checked


@dataclass(frozen=True)
class Optimum:
    """The least or greatest value of a total under kept statements."""

    status: SolveStatus
    value: int | None = None  #: a value attained by ``witness``
    proven: bool = False  #: ``value`` is the optimum
    witness: Allocation | None = None


class WhatIfs:
    """Answers what-ifs over one scenario and one set of statements that may be kept.

    ``statements`` is every key any question may keep; it fixes the per-flight
    cap on units of each class (see :meth:`Compiler.compile`), so it must
    include every statement whose number a question may raise.
    """

    def __init__(
        self, scenario: Scenario, statements: Iterable[StatementKey], options: SolveOptions
    ) -> None:
        self.scenario = scenario
        self.options = options
        self.statements = list(dict.fromkeys(statements))
        self._cargo_order = list(scenario.cargo)
        self.cap = max([1, *(n for key in self.statements for n in self._numbers(key))])
        self._models: dict[Any, tuple[LaneModel, Scenario, dict[str, Requirement]] | None] = {}
        self.too_large: list[str] = []

    # -- numbers ------------------------------------------------------------------------------

    def _numbers(self, key: StatementKey) -> list[int]:
        if key.role in (Role.CLAIM, Role.ASSUMPTION):
            lo, hi = statement_of(self.scenario, key).interval
            return [lo] + ([hi] if hi is not None else [])
        if key.role is Role.FLIGHTS:
            count = self._group(key.entry).count
            return [count.min] + ([count.max] if count.max is not None else [])
        return []

    def _group(self, group_id: str) -> Any:
        return next(g for g in self.scenario.flights if g.id == group_id)

    def requirement_of(
        self, key: StatementKey, overrides: Mapping[str, Fraction] | None = None
    ) -> Requirement:
        """The requirement a claim, an assumption or a count stands for, with new bounds."""
        overrides = overrides or {}
        if key.role is Role.FLIGHTS:
            count = self._group(key.entry).count
            req = Requirement(
                _rid(key), TotalSpec(FLIGHTS_TOTAL, flights=(key.entry,)), count.min, count.max
            )
        else:
            base = requirement(statement_of(self.scenario, key))
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
            use = sum(c.mass.min.value for c in cargo)
        elif key.role is Role.LIMIT and limit is not None:
            use = sum(c.uses[limit].min.value for c in cargo if limit in c.uses)
        else:
            raise ValueError(f"only a payload or a limit has a roomy value, not {key!r}")
        return math.ceil(self.cap * use) + 1

    # -- the what-if scenario ----------------------------------------------------------------

    def _variant(
        self,
        kept: frozenset[StatementKey],
        values: Mapping[StatementKey, Fraction],
        counts: frozenset[StatementKey],
    ) -> Scenario:
        """The scenario with the physical values kept or changed, and counts open but ``counts``.

        A physical value that is not one of this object's statements is always
        kept: it is part of the structure (a use, say, stands with its limit).
        """
        s = self.scenario
        fixed = set(keys_of(s, PHYSICAL)) - set(self.statements)
        kept = kept | fixed
        free = CountRange(min=0, max=None)
        flights = [
            g
            if StatementKey(Role.FLIGHTS, g.id) in counts
            else g.model_copy(update={"count": free})
            for g in s.flights
        ]
        aircraft = {}
        for name, entry in s.aircraft.items():
            update: dict[str, Any] = {}
            key = StatementKey(Role.PAYLOAD, name)
            if key in values or key not in kept:
                roomy = values.get(key, Fraction(self.roomy(key)))
                update["payload"] = _mass_range(roomy)
                if "payload_range" in type(entry).model_fields:
                    update["payload_range"] = None
            update["limits"] = _amounts(Role.LIMIT, name, entry.limits, kept, values)
            aircraft[name] = entry.model_copy(update=update)
        cargo = {}
        for name, item in s.cargo.items():
            update = {}
            key = StatementKey(Role.MASS, name)
            if key in values or key not in kept:
                update["mass"] = _mass_range(values.get(key, Fraction(0)))
            update["uses"] = _amounts(Role.USES, name, item.uses, kept, values)
            cargo[name] = item.model_copy(update=update)
        return s.model_copy(
            update={
                "flights": flights,
                "aircraft": aircraft,
                "cargo": cargo,
                "assumptions": [],
                "claims": [],
            }
        )

    def _model(
        self,
        kept: frozenset[StatementKey],
        overrides: tuple[Override, ...],
        extra: Requirement | None,
        hard: bool = False,
    ) -> tuple[LaneModel, Scenario, dict[str, Requirement]] | None:
        """The model of a what-if, built once per distinct question.

        Without ``hard``, every switchable statement is a switch and only the
        rest of ``kept`` shapes the model, so subsets of switches share it.
        With ``hard``, exactly ``kept`` holds, as plain constraints and written
        counts: a tighter model, for optimizing and bisecting one fixed set.
        """
        fixed = kept if hard else frozenset(k for k in kept if not switchable(self.scenario, k))
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
    ) -> tuple[LaneModel, Scenario, dict[str, Requirement]] | None:
        values = {key: value for key, side, value in overrides if side == "value"}
        bounds: dict[StatementKey, dict[str, Fraction]] = {}
        for key, side, value in overrides:
            if side != "value":
                bounds.setdefault(key, {})[side] = value
        counts = frozenset(k for k in fixed if k.role is Role.FLIGHTS) if hard else frozenset()
        variant = self._variant(fixed, values, counts)
        if hard:
            variant = _with_counts(variant, {k.entry: bounds[k] for k in counts if k in bounds})
        reqs = {
            _rid(k): self.requirement_of(k, bounds.get(k))
            for k in self.statements
            if (k in fixed if hard else switchable(self.scenario, k) or k in fixed)
            if k.role in (Role.CLAIM, Role.ASSUMPTION) or (k.role is Role.FLIGHTS and not hard)
        }
        if extra is not None:
            reqs[extra.id] = extra
        switches = (
            []
            if hard
            else [
                _rid(k) for k in self.statements if switchable(self.scenario, k) and _rid(k) in reqs
            ]
        )
        try:
            problem = Compiler(variant).compile(list(reqs.values()), class_cap=self.cap)
        except ModelTooLarge as exc:
            self.too_large.append(str(exc))
            return None
        return LaneModel(problem, switchable=switches), variant, reqs

    # -- questions ----------------------------------------------------------------------------

    def check(
        self, kept: Iterable[StatementKey], overrides: tuple[Override, ...] = (), hard: bool = False
    ) -> Check:
        """Can the statements in ``kept`` (with ``overrides``) hold together?

        With ``hard`` (see :meth:`_model`) an infeasible answer carries no core.
        """
        kept = frozenset(kept)
        built = self._model(kept, overrides, None, hard)
        if built is None:
            return Check(Feasibility.UNKNOWN)
        model, variant, reqs = built
        on = [] if hard else self._switched_on(kept)
        solution = model.solve(self.options, assume=on)
        if solution.status is SolveStatus.INFEASIBLE:
            if hard:
                return Check(Feasibility.INFEASIBLE)
            by_id = {_rid(k): k for k in self.statements if switchable(self.scenario, k)}
            return Check(Feasibility.INFEASIBLE, frozenset(by_id[i] for i in solution.core))
        if not solution.found:
            return Check(Feasibility.UNKNOWN)
        in_force = list(reqs.values()) if hard else self._in_force(kept, reqs)
        witness = self._checked(model.problem, solution, variant, in_force)
        return Check(Feasibility.FEASIBLE, witness=witness)

    def optimize(self, kept: Iterable[StatementKey], target: Requirement, sense: str) -> Optimum:
        """The least or greatest value of ``target``'s total under ``kept`` and ``target``."""
        built = self._model(frozenset(kept), (), target, hard=True)
        if built is None:
            return Optimum(SolveStatus.UNKNOWN)
        model, variant, reqs = built
        total = Compiler(variant).total(target.spec, model.problem)
        solution = model.solve(self.options, (sense, total))
        if not solution.found:
            return Optimum(solution.status)
        witness = self._checked(model.problem, solution, variant, list(reqs.values()))
        value = total_value(variant, witness, target.spec)
        if value != solution.objective:
            raise InternalError(f"what-if witness total {value} != solver's {solution.objective}")
        return Optimum(solution.status, value, solution.status is SolveStatus.OPTIMAL, witness)

    def _switched_on(self, kept: frozenset[StatementKey]) -> list[str]:
        return [_rid(k) for k in self.statements if k in kept and switchable(self.scenario, k)]

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
        if built is None:
            return Optimum(SolveStatus.UNKNOWN), frozenset()
        model, variant, reqs = built
        on = self._switched_on(kept)
        among = [_rid(k) for k in optional]
        solution = model.most_switched(self.options, among, assume=on)
        if not solution.found:
            return Optimum(solution.status), frozenset()
        held = frozenset(k for k in optional if _rid(k) in solution.switched_on)
        in_force = self._in_force(kept | held, reqs)
        witness = self._checked(model.problem, solution, variant, in_force)
        proven = solution.status is SolveStatus.OPTIMAL
        return Optimum(solution.status, len(held), proven, witness), held

    def _checked(
        self, problem: Problem, solution: Any, variant: Scenario, reqs: list[Requirement]
    ) -> Allocation:
        allocation = build_allocation(problem, solution, self._cargo_order)
        found = violations(variant, allocation, reqs)
        if found:
            raise InternalError("a what-if allocation fails its re-check: " + "; ".join(found[:5]))
        return annotate(variant, allocation)


def _rid(key: StatementKey) -> str:
    """The model's id of a switchable statement's requirement: ``claim:<id>``, ``flights:<id>``.

    Unique, as a role has no colon; used only to look the key up again, never split.
    """
    return f"{key.role.value}:{key.entry}"


def _amounts(
    role: Role,
    entry: str,
    amounts: Mapping[str, AmountRange],
    kept: frozenset[StatementKey],
    values: Mapping[StatementKey, Fraction],
) -> dict[str, AmountRange]:
    """An entry's limits (or uses) as a what-if has them: changed, kept as written, or dropped."""
    out = {}
    for name, amount in amounts.items():
        key = StatementKey(role, entry, name)
        if key in values:
            out[name] = _amount_range(values[key], amount.dimension)
        elif key in kept:
            out[name] = amount
    return out


def _with_counts(scenario: Scenario, bounds: Mapping[str, Mapping[str, Fraction]]) -> Scenario:
    """``scenario`` with some groups' counts moved (``"lo"``/``"hi"`` per group id)."""
    if not bounds:
        return scenario
    flights = []
    for g in scenario.flights:
        moved = bounds.get(g.id, {})
        lo = int(moved["lo"]) if "lo" in moved else g.count.min
        hi = int(moved["hi"]) if "hi" in moved else g.count.max
        flights.append(g.model_copy(update={"count": CountRange(min=lo, max=hi)}))
    return scenario.model_copy(update={"flights": flights})


def _mass_range(value: Fraction) -> MassRange:
    q = Quantity(Fraction(value), Dimension.MASS, f"{value} kg")
    return MassRange.model_construct(min=q, max=q)


def _amount_range(value: Fraction, dimension: Dimension) -> AmountRange:
    q = Quantity(Fraction(value), dimension, str(value))
    return AmountRange.model_construct(min=q, max=q)
