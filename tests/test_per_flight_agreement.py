"""airlift's fast model agrees with an independent per-flight model on generated scenarios.

airlift counts flights per (group, destination, load pattern); ``bench/per_flight.py``
gives every flight its own destination and load vector, parses units itself and
shares no code with airlift. On small seeded scenarios from ``bench/generator.py``
(some with estimate rows and ``by:`` expansions, some with an infeasible base)
both must give the same base status, the same claim verdicts and the same
proven bounds.
"""

from __future__ import annotations

import functools
import random
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `bench` lives at the repository root, beside `src`
    sys.path.insert(0, str(ROOT))

from airlift.analysis import analyze  # noqa: E402
from airlift.model import SolveOptions  # noqa: E402
from airlift.scenario import scenario_from_dict  # noqa: E402
from bench.generator import generate  # noqa: E402
from bench.per_flight import analysis_answers, answer, differences  # noqa: E402

SEEDS = range(20)


def _scenario(seed: int) -> dict[str, Any]:
    """A small generated scenario; every seventh one has a base that cannot hold."""
    rng = random.Random(seed)
    d = generate(
        flights=rng.randint(10, 40),
        groups=rng.randint(2, 4),
        cargo_types=rng.randint(3, 6),
        destinations=rng.randint(2, 4),
        kinds=rng.randint(2, 4),
        seed=seed,
        estimate=seed % 2 == 1,
    )
    if seed % 7 == 3:
        fewest = sum(
            g["count"] if isinstance(g["count"], int) else g["count"]["min"] for g in d["flights"]
        )
        d["assumptions"].append(
            {"id": "too-few-flights", "total": "flights", "at_most": fewest - 1}
        )
    return d


@functools.cache
def _reference(seed: int) -> dict[str, Any]:
    """The per-flight model's answers (cached: two tests read them)."""
    return answer(_scenario(seed), workers=1, time_limit=60.0).as_json()


@pytest.mark.parametrize("seed", SEEDS)
def test_airlift_agrees_with_per_flight_model(seed: int) -> None:
    d = _scenario(seed)
    want = _reference(seed)
    unproven = [
        (r["total"], r["to"]) for r in want["bounds"] if not (r["min_proven"] and r["max_proven"])
    ]
    assert not unproven, f"the per-flight model left bounds unproven: {unproven}"
    analysis = analyze(scenario_from_dict(d), SolveOptions(workers=1, seed=0), explain=False)
    got = analysis_answers(analysis)
    assert differences(want, got, require_proven=False) == []


def test_the_seeds_cover_every_answer() -> None:
    """The comparison means little unless the scenarios give every kind of answer."""
    statuses, verdicts = set(), set()
    for seed in SEEDS:
        got = _reference(seed)
        statuses.add(got["base_status"])
        verdicts.update(c["verdict"] for c in got["claims"])
    assert statuses == {"feasible", "infeasible"}
    assert {"implied", "consistent", "inconsistent"} <= verdicts
