"""Peak memory of ``analyze`` on the 10,000-flight case, in a fresh process (goal: < 300 MB).

The analysis runs in a child Python process so that nothing this process has
loaded counts; the peak resident set size of the child is read from
``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` once it has exited. It
includes the interpreter, ortools, numpy and pydantic themselves. Peak RSS of
all children waited for so far is reported, so an earlier, bigger child would
only make the check stricter.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from typing import Any

import pytest

from bench.conftest import ROOT, expected_answers
from bench.per_flight import differences

pytest.importorskip("airlift.analysis", reason="airlift.analysis is not written yet")

LIMIT_MB = 300

CHILD = """
import json, sys
sys.path.insert(0, {root!r})
from airlift.analysis import analyze
from airlift.scenario import scenario_from_dict
from bench.generator import CASES, generate
from bench.per_flight import analysis_answers
result = analyze(scenario_from_dict(generate(**CASES[{case!r}])))
print(json.dumps(analysis_answers(result)))
"""


def _run_child(case: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT), case=case)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    answers: dict[str, Any] = json.loads(done.stdout)
    return answers


def test_memory_large(benchmark: Any) -> None:
    """Whole child process (start-up, generation, analysis) under 300 MB peak RSS."""
    expected = expected_answers("large")
    answers = benchmark.pedantic(_run_child, args=("large",), rounds=1, iterations=1)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    benchmark.extra_info["peak_rss_mb"] = round(peak_mb, 1)
    assert differences(expected, answers, require_proven=True) == []
    assert peak_mb < LIMIT_MB, f"peak RSS {peak_mb:.0f} MB, goal under {LIMIT_MB} MB"
