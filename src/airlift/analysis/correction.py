"""The fewest claims to drop so that the rest hold together with the base.

A minimum correction set. Claims on sums are switches of one CP-SAT model,
which maximizes how many hold at once. A per-flight claim changes what one
flight can carry, so it cannot be a switch: each subset of the per-flight
claims to keep gets its own model, largest subsets first, and subsets that
could not beat the best answer so far are skipped. Exact as long as every
solve is proven optimal; a time limit makes the answer a valid set to drop
that may not be the smallest. A claim the base implies holds wherever the base
does, so dropping it never helps: such per-flight claims are always kept
rather than tried both ways; a claim that fails with the base alone is always
dropped.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from itertools import combinations

from airlift.analysis.alike import Alike
from airlift.analysis.statements import BASE_ROLES, keys_of, switchable
from airlift.analysis.whatif import WhatIfs
from airlift.model import SolveOptions
from airlift.result import (
    Allocation,
    Correction,
    Cutoff,
    Role,
    SolveStatus,
    StatementKey,
    StatementRef,
)
from airlift.scenario.schema import Scenario

__all__ = ["MAX_SUBSETS", "fewest_to_drop"]

#: How many subsets of per-flight claims to try before giving up on a proof;
#: the answer is then a valid set to drop that may not be the smallest.
MAX_SUBSETS = 256


def fewest_to_drop(
    scenario: Scenario,
    options: SolveOptions,
    refs: Mapping[StatementKey, StatementRef],
    implied: Collection[str] = (),
    impossible: Collection[str] = (),
) -> Correction | None:
    """The fewest claims whose removal lets the others hold with the base; None if none helps.

    Subsets of per-flight claims to keep are tried from the largest down; once
    the best drop set found has ``d`` claims, subsets leaving out ``d`` or more
    per-flight claims cannot beat it, so a small answer is proven quickly.
    ``implied`` names claims the base is known to imply; they are never dropped.
    ``impossible`` names claims known to fail with the base alone; they always are.
    """
    base = keys_of(scenario, BASE_ROLES)
    claims = keys_of(scenario, (Role.CLAIM,))
    units = Alike(scenario).units(base)  # every count is kept: alike groups count as one
    grouped = {StatementKey(Role.FLIGHTS, g) for ids in units.values() for g in ids[1:]}
    base = [k for k in base if k not in grouped]
    whatifs = WhatIfs(scenario, [*base, *claims], options, units)
    always = [k for k in claims if not switchable(scenario, k) and k.entry in implied]
    dropped = {k for k in claims if k.entry in impossible}
    base = [*base, *always]
    per_flight = [
        k for k in claims if not switchable(scenario, k) and k not in always and k not in dropped
    ]
    on_sums = [k for k in claims if switchable(scenario, k) and k not in dropped]
    best: tuple[set[StatementKey], Allocation | None] | None = None
    proven, tried, cutoff = True, 0, None
    for size in range(len(per_flight), -1, -1):
        if best is not None and len(per_flight) - size + len(dropped) >= len(best[0]):
            break
        for keep in combinations(per_flight, size):
            if tried == MAX_SUBSETS:
                proven, cutoff = False, cutoff or Cutoff.TIME_LIMIT
                break
            tried += 1
            optimum, held = whatifs.most_held([*base, *keep], on_sums)
            if optimum.value is None:
                # Infeasible is a proof that this subset cannot be kept; unknown is not.
                if optimum.status is not SolveStatus.INFEASIBLE:
                    proven, cutoff = False, cutoff or optimum.cutoff
                continue
            if not optimum.proven:
                proven, cutoff = False, cutoff or optimum.cutoff
            drop = {k for k in per_flight if k not in keep} | {k for k in on_sums if k not in held}
            drop |= dropped
            if best is None or len(drop) < len(best[0]):
                best = (drop, optimum.witness)
        if tried == MAX_SUBSETS and not proven:
            break
    if best is None or not best[0]:
        return None
    drop, example = best
    ordered = tuple(refs[k] for k in claims if k in drop)
    return Correction(ordered, proven, example, None if proven else cutoff or Cutoff.TIME_LIMIT)
