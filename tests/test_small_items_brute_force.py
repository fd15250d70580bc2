"""Both lane formulations against the brute-force oracle, on tiny many-kinds scenarios.

A lane's loads are either enumerated as load boxes or, for a lane of few flights
whose boxes would be many (and always for a one-flight lane), left to the solver
as one variable per flight and cargo type (``airlift.model.compile``). Tiny
scenarios never have many boxes, so each one is analysed twice, with
``EXPLICIT_WHEN_BOXES_EXCEED`` at 0 (every small lane explicit) and at a huge
number (boxes everywhere but on one-flight lanes), and both analyses must equal
what the oracle finds by enumeration: base status, joint status, every verdict,
every bound and every witness (re-checked by the oracle's own checker). The
scenarios (:mod:`tests.oracle.small_items`) have 4-6 cargo types of small items,
each its own kind, per-flight minimums, one-flight lanes and names with dots and
spaces. No answer may be ``unknown``: the time limit is generous.
"""

from __future__ import annotations

import collections
import copy
import functools
from typing import Any

import pytest

import airlift.model.compile as compile_module
import airlift.model.problem as problem_module
from airlift.analysis import analyze
from airlift.model import SolveOptions
from airlift.result import Analysis
from airlift.scenario import scenario_from_dict
from tests.oracle.brute_force import OracleResult, brute_force
from tests.oracle.small_items import SMALL_ITEMS_CAP, small_items_scenario
from tests.test_against_brute_force import assert_rows_match, compare

OPTIONS = SolveOptions(time_limit=20, seed=0)
SEEDS = range(36)
#: EXPLICIT_WHEN_BOXES_EXCEED for each formulation under test.
FORMS = {"explicit": 0, "boxes": 10**9}

if not hasattr(compile_module, "EXPLICIT_WHEN_BOXES_EXCEED"):
    pytest.skip(
        "this airlift has no explicit lane formulation (EXPLICIT_WHEN_BOXES_EXCEED)",
        allow_module_level=True,
    )


@functools.cache
def _expected(seed: int) -> tuple[dict[str, Any], OracleResult]:
    d = small_items_scenario(seed)
    return d, brute_force(d, cap=SMALL_ITEMS_CAP)


def _analyse(
    d: dict[str, Any], form: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[Analysis, collections.Counter[str]]:
    """The engine's analysis with one formulation forced, and how many lanes took each form."""
    monkeypatch.setattr(compile_module, "EXPLICIT_WHEN_BOXES_EXCEED", FORMS[form])
    made: collections.Counter[str] = collections.Counter()
    lane = problem_module.Lane

    def spy(*args: Any, **kwargs: Any) -> Any:
        built = lane(*args, **kwargs)
        made["explicit" if built.explicit is not None else "boxes" if built.boxes else "shut"] += 1
        return built

    monkeypatch.setattr(compile_module, "Lane", spy)
    return analyze(scenario_from_dict(copy.deepcopy(d)), OPTIONS, explain=False), made


def _multi_flight(d: dict[str, Any]) -> bool:
    """Whether some group may fly more than one flight (a lane that may take boxes)."""
    return any(
        (g["count"] if isinstance(g["count"], int) else g["count"]["max"]) > 1 for g in d["flights"]
    )


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("seed", SEEDS)
def test_small_items_match_brute_force(
    seed: int, form: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    d, expected = _expected(seed)
    analysis, made = _analyse(d, form, monkeypatch)
    unknown = [c.ref.id for c in analysis.claims if c.verdict == "unknown"]
    unknown += [
        f"{e.sense} of {b.spec.label}"
        for b in analysis.bounds
        for e in (b.min, b.max)
        if e.lo is not None and e.lo != e.hi
    ]
    assert not unknown, f"unknown under a generous time limit: {unknown}"
    compare(d, analysis, expected)
    assert_rows_match(analysis, expected)
    if form == "explicit":
        assert made["boxes"] == 0 and made["explicit"] > 0, f"lanes built: {made}"
    elif _multi_flight(d) and expected.base_feasible:
        assert made["boxes"] > 0, f"no lane built with boxes: {made}"


def test_the_seeds_cover_what_they_claim_to() -> None:
    """Every verdict, infeasible bases, one-flight groups, per-flight minimums, 4-6 kinds."""
    verdicts: set[str] = set()
    bases: set[bool] = set()
    kinds, one_flight, minimums, per_flight_claims = set(), 0, 0, 0
    for seed in SEEDS:
        d, expected = _expected(seed)
        verdicts |= {c.verdict for c in expected.claims}
        bases.add(expected.base_feasible)
        kinds.add(len({c["kind"] for c in d["cargo"].values()}))
        one_flight += any(g["count"] == 1 for g in d["flights"])
        minimums += any(s.get("per_flight") and "at_least" in s for s in d["assumptions"])
        per_flight_claims += any(s.get("per_flight") for s in d["claims"])
        assert any("." in name for name in [*d["aircraft"], *d["cargo"], *d["airfields"]])
    assert verdicts == {"implied", "consistent", "inconsistent"}
    assert bases == {True, False}
    assert kinds == {4, 5, 6}
    assert min(one_flight, minimums, per_flight_claims) >= 5
