"""``analyze()`` and ``explain()`` on generated scenarios swept by size: 60, 1,000, 10,000 flights.

Each benchmark times ``analyze`` without the explanation (the scenario is built
outside the timing) and then asserts that the answers equal the per-flight
model's, kept in ``bench/expected/<case>.json``: a benchmark is also a
regression test. Goal for the 10,000-flight case (20 groups, 20 cargo types,
20 destinations): under 5 s; its memory is measured in ``test_bench_memory.py``.
``explain`` is timed apart: it asks many what-ifs per inconsistent claim.
"""

from __future__ import annotations

from typing import Any

import pytest

from bench.conftest import case_scenario, expected_answers
from bench.per_flight import analysis_answers, differences, fingerprint

analysis = pytest.importorskip("airlift.analysis", reason="airlift.analysis is not written yet")
scenario_module = pytest.importorskip("airlift.scenario")

ROUNDS = {"small": 10, "medium": 3, "large": 3}


@pytest.mark.parametrize("case", ["small", "medium", "large"])
def test_analyze_generated(benchmark: Any, case: str) -> None:
    """Time ``analyze`` on one generated case, then check it against the per-flight model."""
    expected = expected_answers(case)
    d = case_scenario(case)
    assert fingerprint(d) == expected["scenario_sha256"], "the generator changed: regenerate"
    scenario = scenario_module.scenario_from_dict(d)
    benchmark.extra_info["flights"] = expected["generator"]["flights"]
    result = benchmark.pedantic(
        analysis.analyze,
        args=(scenario,),
        kwargs={"explain": False},
        rounds=ROUNDS[case],
        iterations=1,
    )
    assert differences(expected, analysis_answers(result), require_proven=True) == []


@pytest.mark.parametrize("case", ["small", "medium", "large"])
def test_explain_generated(benchmark: Any, case: str) -> None:
    """Time ``explain`` on one generated case: one conflict context per inconsistent claim."""
    expected = expected_answers(case)
    scenario = scenario_module.scenario_from_dict(case_scenario(case))
    result = benchmark.pedantic(analysis.explain, args=(scenario,), rounds=1, iterations=1)
    inconsistent = {c["id"] for c in expected["claims"] if c["verdict"] == "inconsistent"}
    contexts = {c.context for c in result.conflicts}
    assert {f"claim:{i}" for i in inconsistent} <= contexts
    assert all(c.proven for c in result.conflicts)
