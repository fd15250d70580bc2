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

from airlift.analysis.whatif import Key, WhatIfs, keys_of, switchable
from airlift.model import SolveOptions
from airlift.result import Allocation, Correction, SolveStatus, StatementRef
from airlift.scenario.schema import Scenario

__all__ = ["MAX_PER_FLIGHT", "fewest_to_drop"]

#: Per-flight claims beyond this many are not all tried as subsets to keep;
#: the answer is then valid but unproven.
MAX_PER_FLIGHT = 8


def fewest_to_drop(
    scenario: Scenario, options: SolveOptions, refs: Mapping[Key, StatementRef]
) -> Correction | None:
    """The fewest claims whose removal lets the others hold with the base; None if none helps."""
    base = keys_of(scenario, ("assumption", "flights", "payload", "limit", "mass"))
    claims = keys_of(scenario, ("claim",))
    whatifs = WhatIfs(scenario, [*base, *claims], options)
    per_flight = [k for k in claims if not switchable(scenario, k)]
    on_sums = [k for k in claims if switchable(scenario, k)]
    best: tuple[set[Key], bool, Allocation | None] | None = None
    proven = len(per_flight) <= MAX_PER_FLIGHT
    sizes = range(len(per_flight), -1, -1) if proven else [len(per_flight)]
    for size in sizes:
        if best is not None and len(per_flight) - size >= len(best[0]):
            break
        for keep in combinations(per_flight, size):
            optimum, held = whatifs.most_held([*base, *keep], on_sums)
            if optimum.value is None:
                # Infeasible is a proof that this subset cannot be kept; unknown is not.
                proven = proven and optimum.status is SolveStatus.INFEASIBLE
                continue
            proven = proven and optimum.proven
            drop = {k for k in per_flight if k not in keep} | {k for k in on_sums if k not in held}
            if best is None or len(drop) < len(best[0]):
                best = (drop, optimum.proven, optimum.witness)
    if best is None:
        return None
    drop, _, example = best
    if not drop:
        return None
    ordered = tuple(refs[k] for k in claims if k in drop)
    return Correction(ordered, proven, example)
