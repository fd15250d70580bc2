"""Minimal conflicts: statements that cannot all hold, none of them superfluous.

One conflict is found in two steps. CP-SAT, asked to switch on every
statement on a sum at once (assumption literals), names a clashing subset: its
*core*, which is sufficient but not minimal. Statements the solver cannot
switch (per-flight statements, payloads, masses, limits) join the core as they
are. Then each member is tried for deletion: if the rest still cannot hold, it
goes (and the solver's new core may shrink the set further); if the rest can,
it stays, with an allocation that proves it. Because dropping statements only
ever relaxes, a member that was needed when tried is needed in the final set,
so the result is minimal.

A question that runs out of time leaves the member in place and marks the
conflict unproven: never shown as proven, never silently dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from airlift.analysis.whatif import WhatIfs, switchable
from airlift.result import Feasibility, Role, StatementKey

__all__ = ["DELETION_ORDER", "FoundConflict", "find_conflicts", "shrink"]

#: Roles in the order their members are tried for deletion: earlier roles leave
#: a conflict first when several conflicts overlap, so conflicts read in terms
#: of claims and observations where the physics allows.
DELETION_ORDER = (
    Role.ASSUMPTION,
    Role.USES,
    Role.MASS,
    Role.LIMIT,
    Role.PAYLOAD,
    Role.FLIGHTS,
    Role.CLAIM,
)


@dataclass(frozen=True)
class FoundConflict:
    """A conflict's members (in the universe's order) and whether it is proven minimal."""

    members: tuple[StatementKey, ...]
    proven: bool


def find_conflicts(
    whatifs: WhatIfs,
    universe: Sequence[StatementKey],
    limit: int,
    keep_in_each: StatementKey | None = None,
) -> tuple[list[FoundConflict], bool]:
    """Up to ``limit`` pairwise disjoint minimal conflicts among ``universe``.

    After each conflict its members leave the universe and the search goes on,
    so every conflict found is disjoint from the others. ``keep_in_each`` (a
    claim judged against a feasible base) is in every conflict and stays in the
    universe. Returns the conflicts and whether the search finished (False
    when a time limit left it unknown whether more remain).
    """
    pool = list(universe)
    found: list[FoundConflict] = []
    while len(found) < limit:
        first = whatifs.check(pool)
        if first.status is Feasibility.FEASIBLE:
            return found, True
        if first.status is Feasibility.UNKNOWN or first.core is None:
            return found, False
        conflict = shrink(whatifs, pool, first.core, keep_in_each)
        found.append(conflict)
        pool = [k for k in pool if k not in conflict.members or k == keep_in_each]
        if keep_in_each is not None and pool == [keep_in_each]:
            return found, True
    return found, True


def shrink(
    whatifs: WhatIfs,
    pool: Sequence[StatementKey],
    core: frozenset[StatementKey],
    necessary: StatementKey | None,
) -> FoundConflict:
    """A minimal conflict inside ``core`` plus the pool's statements the solver cannot switch.

    Deletion by blocks: a block of candidates goes at once when the rest still
    clashes (one solve instead of one per member); when it does not, the block
    is halved, down to single members, which stay only if the rest then holds.
    Every member kept was thus tried alone, so the result is minimal.
    """
    scenario = whatifs.scenario
    members = [k for k in pool if k in core or not switchable(scenario, k)]
    proven = True
    rank = {role: i for i, role in enumerate(DELETION_ORDER)}
    order = [k for k in sorted(members, key=lambda k: rank[k.role]) if k != necessary]
    size = max(1, len(order) // 2)
    start = 0
    while start < len(order):
        block = {k for k in order[start : start + size] if k in members}
        if not block:
            start += size
            continue
        rest = [k for k in members if k not in block]
        answer = whatifs.check(rest)
        if answer.status is Feasibility.INFEASIBLE:
            assert answer.core is not None
            members = [k for k in rest if k in answer.core or not switchable(scenario, k)]
            start += size
        elif size > 1:
            size = max(1, size // 2)
        else:
            proven = proven and answer.status is Feasibility.FEASIBLE
            start += 1
    return FoundConflict(tuple(members), proven)
