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
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from airlift.analysis.conflicts import find_conflicts
from airlift.analysis.correction import fewest_to_drop
from airlift.analysis.engine import Engine
from airlift.analysis.refs import LineOf, Located, source_label, statement_refs
from airlift.analysis.relax import relaxations
from airlift.analysis.thresholds import claim_needs, flight_capacities
from airlift.analysis.totals import requirement
from airlift.analysis.whatif import BASE_ROLES, PHYSICAL, WhatIfs, keys_of, physical_value
from airlift.model import SolveOptions
from airlift.result import (
    Conflict,
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


def explain(
    scenario: Scenario | Located,
    options: SolveOptions | None = None,
    claim: str | None = None,
    limit: int = DEFAULT_LIMIT,
    *,
    engine: Engine | None = None,
    verdicts: Mapping[str, Verdict] | None = None,
) -> Explanation:
    """Conflicts, relaxations, the fewest claims to drop, and thresholds of a scenario.

    ``claim`` restricts the explanation to one claim (its own conflicts, joint
    conflicts it is part of, and its needs). ``limit`` caps the conflicts per
    context. ``engine`` and ``verdicts`` let :func:`~airlift.analysis.analyze`
    share what it already solved; both are optional.
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
    conflicts: list[Conflict] = []
    correction = None

    def explain_context(
        context: str, universe: list[StatementKey], keep: StatementKey | None = None
    ) -> None:
        whatifs = WhatIfs(plain, universe, options)
        found, finished = find_conflicts(whatifs, universe, limit, keep)
        for f in found:
            conflicts.append(
                Conflict(
                    context,
                    tuple(refs[k] for k in f.members),
                    f.proven,
                    relaxations(whatifs, f.members, refs, f.proven),
                )
            )
        if not finished:
            notes.append(f"The search for conflicts ({context}) stopped at the time limit.")
        notes.extend(n for n in _too_large(whatifs) if n not in notes)

    base = engine.feasible()
    if base.status is Feasibility.INFEASIBLE:
        explain_context("base", base_keys)
    elif base.status is Feasibility.FEASIBLE:
        alone = {c.id: _alone(engine, c, verdicts) for c in plain.claims}
        for c in claims:
            if alone[c.id] is Feasibility.INFEASIBLE:
                key = StatementKey(Role.CLAIM, c.id)
                explain_context(f"claim:{c.id}", [key, *base_keys], key)
        joint = engine.feasible([requirement(c) for c in plain.claims]).status
        if joint is Feasibility.INFEASIBLE:
            possible = [c for c in plain.claims if alone[c.id] is Feasibility.FEASIBLE]
            clash = engine.feasible([requirement(c) for c in possible]).status
            if len(possible) > 1 and clash is Feasibility.INFEASIBLE:
                before = len(conflicts)
                joint_keys = [StatementKey(Role.CLAIM, c.id) for c in possible]
                explain_context("claims", [*joint_keys, *base_keys])
                if asked is not None:
                    kept = [c for c in conflicts[before:] if asked in _keys(c.members)]
                    conflicts[before:] = kept
            correction = fewest_to_drop(plain, options, refs)
            if correction is not None and not correction.proven:
                notes.append("The fewest claims to drop was not proven in time.")
    claim_refs = [refs[k] for k in keys_of(plain, (Role.CLAIM,))]
    needs = claim_needs(plain, claim_refs, options, engine)
    if asked is not None:
        needs = tuple(n for n in needs if n.claim.key == asked)
    return Explanation(
        conflicts=tuple(conflicts),
        correction=correction,
        capacities=flight_capacities(plain),
        needs=needs,
        notes=tuple(notes),
    )


def _alone(engine: Engine, claim: Statement, verdicts: Mapping[str, Verdict] | None) -> Feasibility:
    """Whether a claim can hold with the base, from a verdict already reached if there is one."""
    verdict = verdicts.get(claim.id) if verdicts is not None else None
    if verdict is Verdict.INCONSISTENT:
        return Feasibility.INFEASIBLE
    if verdict in (Verdict.CONSISTENT, Verdict.IMPLIED):
        return Feasibility.FEASIBLE
    if verdict is Verdict.UNKNOWN:
        return Feasibility.UNKNOWN
    return engine.feasible([requirement(claim)]).status


def _keys(members: Iterable[StatementRef]) -> set[StatementKey]:
    return {m.key for m in members}


def _too_large(whatifs: WhatIfs) -> list[str]:
    return [
        f"Some what-ifs were left unknown: the model is too large: {t}." for t in whatifs.too_large
    ]


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
