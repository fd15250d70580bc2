"""``airlift solve`` with its explanation at campaign scale: 10,000 flights, four impossible claims.

The case is :func:`bench.explain_scale.four_impossible`. Each benchmark runs the whole
command as a user does, a fresh process writing the JSON report, and asserts its answers:
exactly the four impossible claims are inconsistent, each has its own conflict, and every
conflict and relaxation is proven (so a faster run cannot have cut corners). Goals: with
the explanation at most 5 s and 300 MB of peak RSS, without it at most 1.5 s (wall clock,
on an otherwise idle 2-core machine; the time is also recorded as CPU time, which a busy
machine inflates less). On a busy machine (load above 1.5) the time goal is not judged:
the test then checks answers and memory and skips, saying the times it saw.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from bench.conftest import ROOT
from bench.explain_scale import IMPOSSIBLE, four_impossible
from bench.generator import write_yaml

pytest.importorskip("airlift.cli", reason="airlift.cli is not written yet")

GOAL_SECONDS = {"explained": 5.0, "unexplained": 1.5}
LIMIT_MB = 300
ROUNDS = 3


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("explain") / "four-impossible.yaml"
    write_yaml(four_impossible(), path)
    return path


def _solve(path: Path, *flags: str) -> tuple[dict[str, Any], float, float]:
    """The JSON report of ``airlift solve`` in a fresh process, its wall and CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "airlift", "solve", str(path), "--format", "json", *flags],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    report: dict[str, Any] = json.loads(done.stdout)
    return report, wall, cpu


def _check_verdicts(report: dict[str, Any]) -> None:
    inconsistent = [c["id"] for c in report["claims"] if c["verdict"] == "inconsistent"]
    assert inconsistent == list(IMPOSSIBLE)
    assert all(c["settled"] for c in report["claims"])


@pytest.mark.parametrize("mode", ["explained", "unexplained"])
def test_solve_four_impossible(benchmark: Any, scenario: Path, mode: str) -> None:
    """The whole command, best of three fresh processes against its goal."""
    flags = () if mode == "explained" else ("--no-explain",)
    runs: list[tuple[dict[str, Any], float, float]] = []
    benchmark.pedantic(lambda: runs.append(_solve(scenario, *flags)), rounds=ROUNDS, iterations=1)
    report = runs[-1][0]
    _check_verdicts(report)
    if mode == "explained":
        e = report["explanation"]
        assert {c["context"] for c in e["conflicts"]} == {f"claim:{c}" for c in IMPOSSIBLE}
        assert all(c["proven"] for c in e["conflicts"])
        assert e["relaxations"] and all(r["proven"] for r in e["relaxations"])
        assert e["notes"] == []
    else:
        assert report["explanation"] is None
    wall = min(w for _, w, _ in runs)
    cpu = min(c for _, _, c in runs)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    benchmark.extra_info.update(
        {"best_wall_s": round(wall, 2), "best_cpu_s": round(cpu, 2), "peak_rss_mb": round(peak_mb)}
    )
    assert peak_mb < LIMIT_MB, f"peak RSS {peak_mb:.0f} MB, goal under {LIMIT_MB} MB"
    busy = os.getloadavg()[0] - 1  # this benchmark's own process counts one
    if busy > 0.5:
        pytest.skip(
            f"answers and memory checked; the machine is busy (load {busy + 1:.1f}), so the "
            f"time goal ({GOAL_SECONDS[mode]} s; best {wall:.2f} s wall, {cpu:.2f} s CPU) "
            "is not judged"
        )
    assert wall <= GOAL_SECONDS[mode], f"{wall:.2f} s, goal {GOAL_SECONDS[mode]} s"
