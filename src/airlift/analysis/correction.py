"""The fewest claims to drop so that the rest hold together with the base.

A minimum correction set. Claims on sums are switches of one CP-SAT model,
which maximizes how many hold at once. A per-flight claim changes what one
flight can carry, so it cannot be a switch: each subset of the per-flight
claims to keep gets its own model, largest subsets first, and subsets that
could not beat the best answer so far are skipped. Exact as long as every
solve is proven optimal; a time limit makes the answer a valid set to drop
that may not be the smallest.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations

from airlift.analysis.whatif import BASE_ROLES, WhatIfs, keys_of, switchable
from airlift.model import SolveOptions
from airlift.result import Allocation, Correction, Role, SolveStatus, StatementKey, StatementRef
from airlift.scenario.schema import Scenario

__all__ = ["MAX_SUBSETS", "fewest_to_drop"]

#: How many subsets of per-flight claims to try before giving up on a proof;
#: the answer is then a valid set to drop that may not be the smallest.
MAX_SUBSETS = 256


def fewest_to_drop(
    scenario: Scenario, options: SolveOptions, refs: Mapping[StatementKey, StatementRef]
) -> Correction | None:
    """The fewest claims whose removal lets the others hold with the base; None if none helps.

    Subsets of per-flight claims to keep are tried from the largest down; once
    the best drop set found has ``d`` claims, subsets leaving out ``d`` or more
    per-flight claims cannot beat it, so a small answer is proven quickly.
    """
    base = keys_of(scenario, BASE_ROLES)
    claims = keys_of(scenario, (Role.CLAIM,))
    whatifs = WhatIfs(scenario, [*base, *claims], options)
    per_flight = [k for k in claims if not switchable(scenario, k)]
    on_sums = [k for k in claims if switchable(scenario, k)]
    best: tuple[set[StatementKey], Allocation | None] | None = None
    proven, tried = True, 0
    for size in range(len(per_flight), -1, -1):
        if best is not None and len(per_flight) - size >= len(best[0]):
            break
        for keep in combinations(per_flight, size):
            if tried == MAX_SUBSETS:
                proven = False
                break
            tried += 1
            optimum, held = whatifs.most_held([*base, *keep], on_sums)
            if optimum.value is None:
                # Infeasible is a proof that this subset cannot be kept; unknown is not.
                proven = proven and optimum.status is SolveStatus.INFEASIBLE
                continue
            proven = proven and optimum.proven
            drop = {k for k in per_flight if k not in keep} | {k for k in on_sums if k not in held}
            if best is None or len(drop) < len(best[0]):
                best = (drop, optimum.witness)
        if tried == MAX_SUBSETS and not proven:
            break
    if best is None or not best[0]:
        return None
    drop, example = best
    ordered = tuple(refs[k] for k in claims if k in drop)
    return Correction(ordered, proven, example)
