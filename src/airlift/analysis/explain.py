"""`explain`: why claims fail and what it would take, for one scenario.

Three kinds of contradiction are explained, each in its own *context*:

- ``base``: the observations and assumptions cannot hold on their own;
- ``claim:<id>``: one claim cannot hold with the base (every conflict then
  contains the claim; after one is found, the others are sought among the
  rest of the base, so each names a different reason);
- ``claims``: every claim can hold alone, but not all together.

For each conflict, :mod:`airlift.analysis.relax` says what each of its numbers
would have to become; for clashing claims, :mod:`airlift.analysis.correction`
finds the fewest to drop. Thresholds (what one flight can carry, what each
claim needs) come from :mod:`airlift.analysis.thresholds`.

Contexts are independent of one another, so a large scenario's contexts run in
worker processes (:mod:`airlift.analysis.tasks`) with the same results as one
after another. Conflicts are listed with the fewest claims first, so that a
reader does not blame a claim that a smaller conflict leaves out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import partial

from airlift.analysis.alike import Alike
from airlift.analysis.conflicts import expand, find_conflicts
from airlift.analysis.correction import fewest_to_drop
from airlift.analysis.engine import Engine
from airlift.analysis.refs import LineOf, Located, source_label, statement_refs
from airlift.analysis.relax import relaxations
from airlift.analysis.statements import BASE_ROLES, PHYSICAL, keys_of, physical_value
from airlift.analysis.tasks import Workers, usable_processes
from airlift.analysis.thresholds import claim_needs, flight_capacities
from airlift.analysis.totals import requirement
from airlift.analysis.whatif import WhatIfs
from airlift.model import SolveOptions
from airlift.result import (
    AlikeMembers,
    Conflict,
    Cutoff,
    Explanation,
    Feasibility,
    Role,
    StatementKey,
    StatementRef,
    Verdict,
)
from airlift.scenario.schema import Scenario, Statement, source_ids

__all__ = ["BASE_ROLES", "explain"]

#: How many disjoint conflicts to report per context by default.
DEFAULT_LIMIT = 5
#: Scenarios with at least this many lanes (flight groups times their destinations)
#: explain their contexts in worker processes when more than one core is free.
POOL_LANES = 24


def explain(
    scenario: Scenario | Located,
    options: SolveOptions | None = None,
    claim: str | None = None,
    limit: int = DEFAULT_LIMIT,
    *,
    engine: Engine | None = None,
    verdicts: Mapping[str, Verdict] | None = None,
    processes: int | None = None,
) -> Explanation:
    """Conflicts, relaxations, the fewest claims to drop, and thresholds of a scenario.

    ``claim`` restricts the explanation to one claim (its own conflicts, joint
    conflicts it is part of, and its needs). ``limit`` caps the conflicts per
    context. ``engine`` and ``verdicts`` let :func:`~airlift.analysis.analyze`
    share what it already solved; both are optional. ``processes`` caps the
    worker processes that explain contexts at once (1: all in this process);
    by default, large scenarios use every core. The answer is the same either way.
    """
    options = options or SolveOptions()
    located = None if isinstance(scenario, Scenario) else scenario
    plain = scenario if isinstance(scenario, Scenario) else scenario.scenario
    line_of = located.line_of if located is not None else None
    if claim is not None and claim not in {c.id for c in plain.claims}:
        raise KeyError(claim)
    refs = _all_refs(plain, line_of)
    asked = StatementKey(Role.CLAIM, claim) if claim is not None else None
    engine = engine or Engine(plain, options)
    base_keys = keys_of(plain, BASE_ROLES)
    claims = [c for c in plain.claims if claim is None or c.id == claim]
    notes: list[str] = []
    contexts: list[_Context] = []
    correction = None

    clash, impossible = False, set[str]()
    base = engine.feasible()
    if base.status is Feasibility.INFEASIBLE:
        contexts.append(_Context("base", tuple(base_keys)))
    elif base.status is Feasibility.FEASIBLE:
        alone = {c.id: _alone(engine, c, verdicts) for c in plain.claims}
        for c in claims:
            if alone[c.id] is Feasibility.INFEASIBLE:
                key = StatementKey(Role.CLAIM, c.id)
                contexts.append(_Context(f"claim:{c.id}", (key, *base_keys), key))
        joint = engine.feasible([requirement(c, plain) for c in plain.claims]).status
        if joint is Feasibility.INFEASIBLE:
            clash = True
            impossible = {c.id for c in plain.claims if alone[c.id] is Feasibility.INFEASIBLE}
            possible = [c for c in plain.claims if alone[c.id] is Feasibility.FEASIBLE]
            together = engine.feasible([requirement(c, plain) for c in possible]).status
            if len(possible) > 1 and together is Feasibility.INFEASIBLE:
                joint_keys = [StatementKey(Role.CLAIM, c.id) for c in possible]
                contexts.append(_Context("claims", (*joint_keys, *base_keys), asked=asked))
    conflicts: list[Conflict] = []
    with Workers(_processes(plain, processes, len(contexts))) as workers:
        results = [
            workers.submit(partial(_explain_context, plain, options, refs, limit, c))
            for c in contexts
        ]
        if clash:  # meanwhile, here
            correction = fewest_to_drop(plain, options, refs, _implied(verdicts), impossible)
        claim_refs = [refs[k] for k in keys_of(plain, (Role.CLAIM,))]
        needs = claim_needs(plain, claim_refs, options, engine)
        for result in results:
            found, found_notes = result()
            conflicts += found
            notes.extend(n for n in found_notes if n not in notes)
    if correction is not None and not correction.proven:
        notes.append(_unproven_correction(correction.cutoff))
    if asked is not None:
        needs = tuple(n for n in needs if n.claim.key == asked)
    return Explanation(
        conflicts=tuple(sorted(conflicts, key=_claims_in)),
        correction=correction,
        capacities=flight_capacities(plain),
        needs=needs,
        notes=tuple(notes),
    )


@dataclass(frozen=True)
class _Context:
    """One context to search for conflicts: its name, statements and the claim in each."""

    name: str
    universe: tuple[StatementKey, ...]
    keep: StatementKey | None = None
    #: Only conflicts with this claim are reported (``explain(claim=...)`` on joint clashes).
    asked: StatementKey | None = None


def _explain_context(
    scenario: Scenario,
    options: SolveOptions,
    refs: Mapping[StatementKey, StatementRef],
    limit: int,
    context: _Context,
) -> tuple[list[Conflict], list[str]]:
    """The conflicts of one context with their relaxations, and notes on what was cut short."""
    alike = Alike(scenario)
    units = alike.units(context.universe)
    grouped = {StatementKey(Role.FLIGHTS, g) for ids in units.values() for g in ids[1:]}
    reduced = [k for k in context.universe if k not in grouped]
    by_unit = WhatIfs(scenario, reduced, options, units)
    search = find_conflicts(by_unit, reduced, limit, context.keep, alike)
    whatifs = WhatIfs(scenario, context.universe, options)
    conflicts = []
    for found in search.found:
        f = expand(whatifs, found, units, context.universe)
        classes = tuple(
            AlikeMembers(c, len(alike.of(c[0])) if c[0].role is Role.FLIGHTS else len(c))
            for c in alike.classes(f.members)
            if len(alike.of(c[0])) > 1 and (len(c) > 1 or c[0].role is Role.FLIGHTS)
        )
        conflicts.append(
            Conflict(
                context.name,
                tuple(refs[k] for k in f.members),
                f.proven,
                relaxations(
                    whatifs,
                    f.members,
                    refs,
                    f.proven,
                    [a.keys for a in classes],
                    [k for k in context.universe if k.role in PHYSICAL],
                ),
                alike=classes,
                cutoff=f.cutoff,
            )
        )
    if context.asked is not None:
        conflicts = [c for c in conflicts if context.asked in _keys(c.members)]
    notes = []
    if not search.finished:
        notes.append(_stopped(context.name, search.cutoff))
    too_large = dict.fromkeys([*by_unit.too_large, *whatifs.too_large])
    notes += [f"Some what-ifs were left unknown: the model is too large: {t}." for t in too_large]
    return conflicts, notes


def _processes(scenario: Scenario, asked: int | None, contexts: int) -> int:
    """How many worker processes explain ``contexts`` contexts (0: all in this one).

    Workers pay off when a scenario is large and more than one core is free: this
    process meanwhile finds the fewest claims to drop and what each claim needs.
    """
    if asked is None:
        lanes = sum(len(g.to) for g in scenario.flights)
        asked = usable_processes() if lanes >= POOL_LANES else 1
    return min(asked, contexts) if asked > 1 else 0


def _claims_in(conflict: Conflict) -> int:
    """How many claims a conflict blames (conflicts with fewer are listed first)."""
    return sum(1 for m in conflict.members if m.key.role is Role.CLAIM)


def _stopped(context: str, cutoff: Cutoff | None) -> str:
    """The note on a search for conflicts that did not finish, saying what stopped it."""
    if cutoff is Cutoff.WALL_CLOCK:
        return f"The search for conflicts ({context}) stopped when the wall clock ran out."
    if cutoff is Cutoff.TOO_LARGE:
        return f"The search for conflicts ({context}) stopped: a model was too large to build."
    return f"The search for conflicts ({context}) stopped at the time limit."


def _unproven_correction(cutoff: Cutoff | None) -> str:
    if cutoff is Cutoff.WALL_CLOCK:
        return "The fewest claims to drop was not proven before the wall clock ran out."
    return "The fewest claims to drop was not proven in time."


def _implied(verdicts: Mapping[str, Verdict] | None) -> frozenset[str]:
    """The claims the base implies: dropping one never helps the others hold."""
    if verdicts is None:
        return frozenset()
    return frozenset(c for c, v in verdicts.items() if v is Verdict.IMPLIED)


def _alone(engine: Engine, claim: Statement, verdicts: Mapping[str, Verdict] | None) -> Feasibility:
    """Whether a claim can hold with the base, from a verdict already reached if there is one."""
    verdict = verdicts.get(claim.id) if verdicts is not None else None
    if verdict is Verdict.INCONSISTENT:
        return Feasibility.INFEASIBLE
    if verdict in (Verdict.CONSISTENT, Verdict.IMPLIED):
        return Feasibility.FEASIBLE
    if verdict is Verdict.UNKNOWN:
        return Feasibility.UNKNOWN
    return engine.feasible([requirement(claim, engine.scenario)]).status


def _keys(members: Iterable[StatementRef]) -> set[StatementKey]:
    return {m.key for m in members}


def _all_refs(scenario: Scenario, line_of: LineOf | None) -> dict[StatementKey, StatementRef]:
    """A reference for every statement: claims, assumptions, counts and physical values."""
    refs = {
        ref.key: ref for section in statement_refs(scenario, line_of).values() for ref in section
    }
    for key in keys_of(scenario, PHYSICAL):
        refs[key] = _physical_ref(scenario, key, line_of)
    return refs


def _physical_ref(scenario: Scenario, key: StatementKey, line_of: LineOf | None) -> StatementRef:
    """A payload, limit, mass or use, cited by its own line and its entry's first source."""
    entry = (
        scenario.aircraft[key.entry]
        if key.role.section == "aircraft"
        else scenario.cargo[key.entry]
    )
    written = physical_value(scenario, key).text
    line = line_of(key.path) if line_of is not None else None
    sources = source_ids(entry.source)
    first = sources[0] if sources else None
    return StatementRef.of(key, None, line, first, source_label(scenario, first), written)
