"""Seeded tiny random scenarios in which claims conflict often.

:func:`conflict_scenario` starts from :func:`tests.oracle.random_scenarios.random_scenario`
(which already makes a claim inconsistent with the base about four times in
ten, and the base itself infeasible about one time in ten) and, when its base
is feasible, often adds a pair of claims that are each possible alone but ask
for near the most of two totals at once, so that they compete for the same
flights: the "claims" context. Every bound is drawn from the total's true
range over the base (found with the oracle), so that the added claims are
always consistent alone; some are ``between`` ranges, giving conflicts in both
directions. Values stay tiny so that the oracle enumerates every restricted
set of statements quickly.
"""

from __future__ import annotations

import random
from typing import Any

from tests.oracle.brute_force import brute_force
from tests.oracle.random_scenarios import ORACLE_CAP, random_scenario

__all__ = ["conflict_scenario"]


def _total(rng: random.Random, d: dict[str, Any]) -> dict[str, Any]:
    """A total (cargo type, kind or flights), filtered to one destination half the time."""
    kinds = list(dict.fromkeys(str(c["kind"]) for c in d["cargo"].values()))
    spec: dict[str, Any] = {"total": rng.choice([*d["cargo"], *kinds, "flights"])}
    dests = sorted(
        {t for g in d["flights"] for t in ([g["to"]] if isinstance(g["to"], str) else g["to"])}
    )
    if rng.random() < 0.5:
        spec["to"] = rng.choice(dests)
    return spec


def _range(d: dict[str, Any], spec: dict[str, Any]) -> tuple[int, int] | None:
    """The exact [min, max] of ``spec``'s total over the base of ``d``."""
    probe = {**d, "claims": [], "estimate": [dict(spec)]}
    (b,) = brute_force(probe, cap=ORACLE_CAP).bounds
    return None if b.min is None or b.max is None else (b.min, b.max)


def _competing(rng: random.Random, d: dict[str, Any], n: int) -> dict[str, Any] | None:
    """A claim asking for near the top of a total's range (possible alone), or None."""
    spec = _total(rng, d)
    span = _range(d, spec)
    if span is None or span[1] == 0:
        return None
    lo, hi = span
    want = rng.randint(max(lo, (lo + hi + 1) // 2), hi)
    claim: dict[str, Any] = {"id": f"joint-{n}", "says": f"competing claim {n}", **spec}
    if rng.random() < 0.4:
        claim["between"] = [want, rng.randint(want, hi)]
    else:
        claim["at_least"] = want
    return claim


def conflict_scenario(seed: int) -> dict[str, Any]:
    """A tiny random scenario, conflict-prone, the same for the same seed."""
    d = random_scenario(seed)
    rng = random.Random(f"conflict-{seed}")
    if rng.random() < 0.5 or not brute_force(d, cap=ORACLE_CAP).base_feasible:
        return d
    added = [c for n in (1, 2) if (c := _competing(rng, d, n)) is not None]
    if rng.random() < 0.5:  # fewer claims: more of the conflicts are between these two
        d["claims"] = d["claims"][:1]
    d["claims"] = [*d["claims"], *added]
    return d
