"""Minimal conflicts: statements that cannot all hold, none of them superfluous.

One conflict is found in two steps. CP-SAT, asked to switch on every
statement on a sum at once (assumption literals), names a clashing subset: its
*core*, which is sufficient but not minimal. Statements the solver cannot
switch (per-flight statements, payloads, masses, limits) join the core as they
are, less the physical values that provably cannot matter
(:mod:`airlift.analysis.relevance`). Then members are tried for deletion, in
blocks: if the rest still cannot hold, the block goes (and the solver's new
core may shrink the set further); if the rest can, the block is halved, down
to single members, which stay only if the rest then holds. Because dropping
statements only ever relaxes, a member that was needed when tried is needed
in the final set, so the result is minimal.

Alike statements (:mod:`airlift.analysis.alike`) are decided together: when
one member is needed, so is every member alike it, since swapping the two
maps the test of one onto the test of the other. Alike flight groups are
searched as one *unit* (one condition on their total), and :func:`expand` then
finds by bisection how few of a unit's groups the conflict needs. A conflict
of 300 identical flight groups costs a few solves, not 300.

A question that runs out of time leaves the member in place and marks the
conflict unproven, with what cut it short: never shown as proven, never
silently dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from airlift.analysis.alike import Alike
from airlift.analysis.relevance import idle_values
from airlift.analysis.whatif import WhatIfs
from airlift.result import Cutoff, Feasibility, Role, StatementKey

__all__ = ["DELETION_ORDER", "FoundConflict", "Search", "expand", "find_conflicts", "shrink"]

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
    #: What left it unproven (None when proven).
    cutoff: Cutoff | None = None


@dataclass(frozen=True)
class Search:
    """The conflicts found in one context, and whether the search finished."""

    found: tuple[FoundConflict, ...]
    #: False when a time limit left it unknown whether more conflicts remain.
    finished: bool
    #: What stopped an unfinished search.
    cutoff: Cutoff | None = None


def find_conflicts(
    whatifs: WhatIfs,
    universe: Sequence[StatementKey],
    limit: int,
    keep_in_each: StatementKey | None = None,
    alike: Alike | None = None,
) -> Search:
    """Up to ``limit`` pairwise disjoint minimal conflicts among ``universe``.

    After each conflict its members leave the universe and the search goes on,
    so every conflict found is disjoint from the others. ``keep_in_each`` (a
    claim judged against a feasible base) is in every conflict and stays in the
    universe; when it conflicts on its own, that one conflict is all there is.
    """
    pool = list(universe)
    found: list[FoundConflict] = []
    while len(found) < limit:
        first = whatifs.check(pool)
        if first.status is Feasibility.FEASIBLE:
            return Search(tuple(found), True)
        if first.status is Feasibility.UNKNOWN or first.core is None:
            return Search(tuple(found), False, first.cutoff or Cutoff.TIME_LIMIT)
        conflict = shrink(whatifs, pool, first.core, keep_in_each, alike)
        found.append(conflict)
        gone = set(conflict.members) - {keep_in_each}
        if not gone:  # the claim cannot hold even alone: no other conflict is disjoint from it
            return Search(tuple(found), True)
        pool = [k for k in pool if k not in gone]
    return Search(tuple(found), True)


def expand(
    whatifs: WhatIfs,
    found: FoundConflict,
    units: Mapping[StatementKey, Sequence[str]],
    order: Sequence[StatementKey],
) -> FoundConflict:
    """A conflict found among units of alike groups, as the fewest groups of each unit.

    ``found`` was searched with each unit standing for all of its groups; ``whatifs``
    asks about single groups (its statements include every group's count). Keeping
    ``j`` of a unit's ``k`` groups (the others dropped, so free) holds for small ``j``
    and fails for ``j = k``, and more groups kept only constrains more: the fewest
    that still fail is found by bisection, one unit after another. Any ``j`` groups of
    the unit would do; the first ``j`` in file order are named. Each group kept is then
    needed (with one fewer the rest holds), so the conflict stays minimal. ``order`` is
    the universe's order of single statements.
    """
    grouped = [k for k in found.members if k in units]
    if not grouped:
        return found
    counts = {u: len(units[u]) for u in grouped}
    proven, cutoff = found.proven, found.cutoff

    def members(taken: Mapping[StatementKey, int]) -> list[StatementKey]:
        out = [k for k in found.members if k not in units]
        for u, n in taken.items():
            out += [StatementKey(Role.FLIGHTS, g) for g in units[u][:n]]
        return out

    for u in grouped:
        low, high = 0, counts[u]  # low: holds (the unit is needed), high: cannot hold
        if whatifs.group(units[u][0]).count.min == 0:
            low = high - 1  # fewer than all flies from zero, as if the unit were dropped
        while high - low > 1:
            middle = (low + high) // 2
            answer = whatifs.check(members({**counts, u: middle}), hard=True)
            if answer.status is Feasibility.INFEASIBLE:
                high = middle
                continue
            low = middle
            if answer.status is not Feasibility.FEASIBLE:
                proven, cutoff = False, cutoff or answer.cutoff or Cutoff.TIME_LIMIT
        counts[u] = high
    position = {k: i for i, k in enumerate(order)}
    kept = sorted(members(counts), key=position.__getitem__)
    return FoundConflict(tuple(kept), proven, cutoff)


def shrink(
    whatifs: WhatIfs,
    pool: Sequence[StatementKey],
    core: frozenset[StatementKey],
    necessary: StatementKey | None,
    alike: Alike | None = None,
) -> FoundConflict:
    """A minimal conflict inside ``core`` plus the pool's statements the solver cannot switch.

    Deletion by blocks: a block of candidates goes at once when the rest still
    clashes (one solve instead of one per member), and the next block is then
    twice as large; when the rest holds, the block is halved, down to single
    members, which stay only if the rest then holds. Every member kept was thus
    tried alone (or alike one that was), so the result is minimal.
    """
    shrinking = _Shrinking(whatifs, pool, core, necessary, alike or Alike(whatifs.scenario))
    return shrinking.run()


class _Shrinking:
    """The state of one deletion search: members left, members known to be needed."""

    def __init__(
        self,
        whatifs: WhatIfs,
        pool: Sequence[StatementKey],
        core: frozenset[StatementKey],
        necessary: StatementKey | None,
        alike: Alike,
    ) -> None:
        self.whatifs = whatifs
        self.alike = alike
        self.position = {k: i for i, k in enumerate(pool)}
        self.members = self._pruned({k for k in pool if k in core or not whatifs.switchable(k)})
        self.needed: set[StatementKey] = {necessary} if necessary is not None else set()
        self.cutoff: Cutoff | None = None

    def _pruned(self, members: set[StatementKey]) -> set[StatementKey]:
        """``members`` without the physical values that cannot matter to them."""
        structure = self.whatifs.structure
        return members - idle_values(self.whatifs.scenario, members | structure)

    def _order(self) -> list[StatementKey]:
        """Candidates for deletion: by role (see DELETION_ORDER), alike ones side by side."""
        rank = {role: i for i, role in enumerate(DELETION_ORDER)}
        ordered = sorted(self.members, key=lambda k: (rank[k.role], self.position[k]))
        out: list[StatementKey] = []
        for members in self.alike.classes(ordered):
            out += members
        return [k for k in out if k not in self.needed]

    def run(self) -> FoundConflict:
        order = self._order()
        size = max(1, len(order) // 2)
        start = 0
        while start < len(order):
            block = [k for k in order[start : start + size] if self._open(k)]
            if not block:
                start += size
                continue
            gone = set(block)
            rest = [k for k in self.position if k in self.members and k not in gone]
            answer = self.whatifs.check(rest)
            if answer.status is Feasibility.INFEASIBLE:
                assert answer.core is not None
                kept = {k for k in rest if k in answer.core or not self.whatifs.switchable(k)}
                self.members = self._pruned(kept)
                start += size
                size = min(2 * size, max(1, len(order) - start))
            elif size > 1:
                size = max(1, size // 2)
            else:
                if answer.status is Feasibility.FEASIBLE:
                    self.needed.update(k for k in self.alike.of(block[0]) if k in self.members)
                elif self.cutoff is None:
                    self.cutoff = answer.cutoff or Cutoff.TIME_LIMIT
                start += 1
        members = tuple(k for k in self.position if k in self.members)
        return FoundConflict(members, self.cutoff is None, self.cutoff)

    def _open(self, key: StatementKey) -> bool:
        """Whether ``key`` is still a member whose need is not yet known."""
        return key in self.members and key not in self.needed
