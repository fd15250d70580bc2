"""Flight groups that nothing tells apart are one model group: same answers, far smaller models.

The engine without merging is checked against a brute-force enumerator elsewhere; here the
merged engine must give the same verdicts and bounds on scenarios full of twin groups, and
every allocation it returns passes the plain-Python re-check (the engine raises otherwise).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from airlift.analysis import analyze
from airlift.model import Compiler, SolveOptions
from airlift.result import Analysis
from airlift.scenario import scenario_from_dict
from tests.oracle.random_scenarios import random_scenario

OPTIONS = SolveOptions(time_limit=10, seed=0)


def _apart(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every scenario group a model group of its own."""

    def singletons(self: Compiler, *_: object) -> list[list[int]]:
        return [[i] for i in range(len(self.scenario.flights))]

    monkeypatch.setattr(Compiler, "_merged", singletons)


def _answers(a: Analysis) -> tuple[object, ...]:
    return (
        a.base_status,
        a.status,
        tuple((c.ref.id, c.verdict, c.settled) for c in a.claims),
        tuple((b.spec.label, b.min.lo, b.min.hi, b.max.lo, b.max.hi) for b in a.bounds),
    )


def _with_twins(d: dict[str, Any], seed: int) -> dict[str, Any]:
    """Every flight group followed by a twin (another id, a count of its own)."""
    out = copy.deepcopy(d)
    groups = []
    for i, g in enumerate(out["flights"]):
        twin = dict(g, id=f"{g['id']}.twin")
        twin["count"] = [1, {"min": 0, "max": 2}, {"min": 1}][(seed + i) % 3]
        groups += [g, twin]
    out["flights"] = groups
    return out


def test_twin_groups_compile_to_one_model_group_with_their_counts_summed() -> None:
    d = random_scenario(3)
    d.pop("claims", None)
    d.pop("assumptions", None)
    d.pop("estimate", None)
    g = d["flights"][0]
    d["flights"] = [dict(g, id=f"g{i}", count={"min": i % 2, "max": 2}) for i in range(3000)]
    problem = Compiler(scenario_from_dict(d)).compile([])
    (group,) = problem.groups
    assert len(group.members) == 3000
    assert (group.count_min, group.count_max) == (1500, 6000)


@pytest.mark.parametrize("seed", range(60))
def test_merged_twins_answer_as_separate_groups_do(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = _with_twins(random_scenario(seed), seed)
    merged = analyze(scenario_from_dict(d), OPTIONS, explain=False)
    _apart(monkeypatch)
    apart = analyze(scenario_from_dict(d), OPTIONS, explain=False)
    assert _answers(merged) == _answers(apart)
    for b in merged.bounds:  # each witness flies every twin within its own count
        for e in (b.min, b.max):
            if e.witness is not None:
                assert {r.flights for r in e.witness.rows} <= {g["id"] for g in d["flights"]}
