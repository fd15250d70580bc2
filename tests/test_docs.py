"""The documentation's examples run: README code works, the format guide's example solves."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from airlift.analysis import analyze
from airlift.model import SolveOptions
from airlift.result import Feasibility, Verdict
from airlift.scenario import load_scenario_text

ROOT = Path(__file__).resolve().parent.parent


def _blocks(path: Path, language: str) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.S | re.M)


def test_readme_python_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    blocks = _blocks(ROOT / "README.md", "python")
    assert blocks, "the README shows how to use airlift from Python"
    for code in blocks:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), {})
        assert out.getvalue(), "the example prints its results"


def _complete_scenarios() -> list[str]:
    path = ROOT / "docs" / "scenario-format.md"
    return [b for b in _blocks(path, "yaml") if re.search(r"^title:", b, flags=re.M)]


def test_every_complete_scenario_in_the_format_guide_loads() -> None:
    scenarios = _complete_scenarios()
    assert scenarios
    for text in scenarios:
        load_scenario_text(text, "docs/scenario-format.md")


def test_the_worked_example_solves_as_the_guide_reasons() -> None:
    text = next(t for t in _complete_scenarios() if "Relief pallets" in t)
    a = analyze(load_scenario_text(text, "worked-example.yaml"), SolveOptions())
    verdicts = {c.ref.id: c.verdict for c in a.claims}
    assert verdicts == {
        "some-to-island": Verdict.IMPLIED,
        "fifty-to-island": Verdict.CONSISTENT,
        "seven-a-flight": Verdict.INCONSISTENT,
    }
    assert (a.base_status, a.status) == (Feasibility.FEASIBLE, Feasibility.INFEASIBLE)
    assert a.example is None
    bounds = {b.spec.label: b for b in a.bounds}
    island = bounds["supplies to Island"]
    assert island.min.lo == 7 and island.max.unbounded
    assert bounds["supplies to Spare"].outer == (0, 12)
    assert bounds["water-pallet"].min.lo == 0 and bounds["water-pallet"].max.unbounded
    assert bounds["flights to Spare"].outer == (0, 2)
