"""``analyze()`` on generated scenarios swept by size: 60, 1,000 and 10,000 flights.

Each benchmark times ``analyze`` (the scenario is built outside the timing) and
then asserts that the answers equal the per-flight model's, kept in
``bench/expected/<case>.json``: a benchmark is also a regression test.
Goal for the 10,000-flight case (20 groups, 20 cargo types, 20 destinations):
under 5 s; its memory is measured in ``test_bench_memory.py``.
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
    result = benchmark.pedantic(analysis.analyze, args=(scenario,), rounds=ROUNDS[case],
                                iterations=1)
    assert differences(expected, analysis_answers(result), require_proven=True) == []
