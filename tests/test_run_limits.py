"""Every run ends within its budget: wall-clock caps, --max-seconds and Ctrl-C, end to end."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from airlift.analysis import analyze
from airlift.model import SolveOptions
from airlift.result import Cutoff, Verdict
from airlift.scenario import scenario_from_dict

_HEADER = """title: identical flight groups and one impossible claim
airfields: {A: {}, B: {}, C: {}}
aircraft: {X: {payload: 10 t}}
cargo: {c: {kind: k, mass: 1 t}}
flights:
"""


def _many_groups(path: Path, groups: int) -> Path:
    """Like the fuzz-found case whose explanation took 292 s at 300 groups, but with every
    group's count its own, so that no two groups are alike: the explanation must relax
    each count on its own, which still takes far longer than a few seconds. (The fuzz-found
    groups were identical; alike groups are now explained once for all.)"""
    rows = "".join(
        f"  - {{id: g{i}, aircraft: X, count: {i + 1}, from: A, to: [B, C]}}\n"
        for i in range(groups)
    )
    claims = "claims:\n  - {id: too-many, total: k, at_least: 1000000}\n"
    path.write_text(_HEADER + rows + claims, encoding="utf-8")
    return path


def _airlift(*args: str) -> list[str]:
    return [sys.executable, "-m", "airlift", *args]


def test_the_budget_ends_a_long_explanation_with_a_complete_honest_report(tmp_path: Path) -> None:
    scenario = _many_groups(tmp_path / "many.yaml", 300)
    started = time.monotonic()
    done = subprocess.run(
        _airlift("solve", str(scenario), "--max-seconds", "3", "--format", "json"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    took = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    (note,) = [n for n in report["notes"] if "The wall clock cut this run short" in n]
    assert "budget of 3 s" in note
    assert report["settings"]["max_seconds"] == 3
    # The verdict was settled before the budget ran out, and is reported as proven.
    (claim,) = report["claims"]
    assert (claim["verdict"], claim["settled"]) == ("inconsistent", True)
    # Start-up and the report come on top of the budget; the explanation alone took 292 s.
    assert took < 15


@pytest.mark.skipif(os.name != "posix", reason="SIGINT delivery is POSIX")
def test_ctrl_c_ends_a_run_with_exit_130_and_no_traceback(tmp_path: Path) -> None:
    scenario = _many_groups(tmp_path / "many.yaml", 300)
    process = subprocess.Popen(
        _airlift("solve", str(scenario)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(3)  # past the imports, into the solving
    process.send_signal(signal.SIGINT)
    try:
        _, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("Ctrl-C did not end the run within 30 s")
    assert process.returncode == 130, err
    assert "Traceback" not in err
    assert err.strip() == "interrupted"


def test_an_exhausted_budget_answers_unknown_for_the_wall_clock_never_impossible() -> None:
    data = {
        "title": "t",
        "airfields": {"A": {}, "B": {}},
        "aircraft": {"X": {"payload": "10 t"}},
        "cargo": {"c": {"kind": "k", "mass": "1 t"}},
        "flights": [{"id": "g", "aircraft": "X", "count": 3, "from": "A", "to": "B"}],
        "claims": [{"id": "ok", "total": "k", "at_most": 30}],
    }
    # A budget so small that it is spent before the first solver call.
    options = SolveOptions(time_limit=1, max_seconds=1e-9)
    analysis = analyze(scenario_from_dict(data), options)
    (claim,) = analysis.claims
    assert claim.verdict is Verdict.UNKNOWN
    assert "wall clock" in claim.reason
    assert all(b.min.cutoff is Cutoff.WALL_CLOCK for b in analysis.bounds)
    assert any("The wall clock cut this run short" in note for note in analysis.notes)
