"""`airlift sweep` and the robust column of `airlift solve` (issue [uncertainty]).

Goals, each checked against a known answer as well as timed:

- 10,000 draws of the flagship take at most 20x one `airlift solve --no-explain` of it
  (whole processes, side by side: `test_flagship_sweep_against_one_solve`);
- 10,000 draws of three uncertain inputs take at most 3 s on one core;
- 10,000 draws of six uncertain inputs take at most 30 s with ``jobs=2``;
- `airlift solve` on the flagship costs at most 10% more than without the robust column.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from airlift.analysis import sweep
from airlift.model import SolveOptions
from airlift.scenario import load_scenario, load_scenario_text

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "scenarios" / "belarus-2022.yaml"
HAJUN = ROOT / "tests" / "data" / "valid" / "sweep-hajun.yaml"
OPTIONS = SolveOptions(time_limit=10, seed=0)

SIX = """\
title: six uncertain inputs, three open claims
airfields: {A: {}, B: {}, C: {}}
aircraft:
  Il-76MD:
    payload: {min: 40 t, max: 48 t}
    limits: {slots: {min: 8, max: 12}}
cargo:
  48N6: {kind: missile, mass: {min: 2.3 t, max: 4.5 t}, uses: {slots: 1}}
  40N6: {kind: missile, mass: {min: 2.4 t, max: 4.6 t}, uses: {slots: {min: 1, max: 2}}}
flights:
  - {id: shuttle, aircraft: Il-76MD, count: {min: 8, max: 10}, from: A, to: [B, C]}
assumptions:
  - {id: loaded, says: every flight loaded, total: missile, per_flight: true, at_least: 1}
claims:
  - {id: at-least-84, says: at least 84 missiles, total: missile, at_least: 84}
  - {id: forty-40n6, says: at least 40 40N6, total: 40N6, at_least: 40}
  - {id: fifty-to-c, says: at least 50 missiles to C, total: missile, to: C, at_least: 50}
"""


def _seconds(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - start


def test_flagship_sweep_against_one_solve() -> None:
    airlift = str(Path(sys.executable).with_name("airlift"))
    solve = min(_seconds([airlift, "solve", "--no-explain", str(FLAGSHIP)]) for _ in range(3))
    swept = min(_seconds([airlift, "sweep", str(FLAGSHIP), "--samples", "10000"]) for _ in range(2))
    print(f"\nflagship: solve --no-explain {solve:.2f} s, sweep of 10,000 {swept:.2f} s")
    assert swept <= 20 * solve


def test_flagship_shares_are_exact(benchmark) -> None:  # type: ignore[no-untyped-def]
    r = benchmark.pedantic(
        lambda: sweep(load_scenario(FLAGSHIP), 10_000, 0, OPTIONS), rounds=1, iterations=1
    )
    assert r.evaluated == 0 and all(c.by_corners for c in r.claims)
    assert all(c.possible.share == 1.0 for c in r.claims)


def test_three_inputs_on_one_core(benchmark) -> None:  # type: ignore[no-untyped-def]
    """84 missiles on 9 flights need 10 a flight: min(slots, payload // mass) >= 10."""
    r = benchmark.pedantic(
        lambda: sweep(load_scenario(HAJUN), 10_000, 0, OPTIONS), rounds=1, iterations=1
    )
    names = [i.field for i in r.inputs]
    payload = r.values[:, names.index("aircraft.Il-76MD.payload")]
    slots = r.values[:, names.index("aircraft.Il-76MD.limits.canister_slots")]
    mass = r.values[:, names.index("cargo.48N6-canister.mass")]
    expected = np.minimum(slots, np.floor(payload / mass)) >= 10
    assert (r.possible[:, 0] == expected).all()
    assert benchmark.stats.stats.max <= 3.0


def test_six_inputs_with_two_jobs(benchmark) -> None:  # type: ignore[no-untyped-def]
    scenario = load_scenario_text(SIX, "six.yaml")
    r = benchmark.pedantic(
        lambda: sweep(scenario, 10_000, 0, OPTIONS, jobs=2, bound_samples=20),
        rounds=1,
        iterations=1,
    )
    assert len(r.inputs) == 6
    assert all(c.possible.unknown == 0 for c in r.claims)
    slow = sweep(scenario, 300, 0, OPTIONS, bound_samples=0, shortcuts=False)
    assert (slow.possible == r.possible[:300]).all()
    print(f"\nsix inputs: {r.evaluated:,} of 10,000 draws evaluated")
    assert benchmark.stats.stats.max <= 30.0


def test_robust_column_costs_little() -> None:
    """Whole processes: the flagship's `airlift solve` with and without the robust column."""
    without = (
        "import sys, airlift.analysis.analyze as A\n"
        "from airlift.analysis.robust import RobustTable\n"
        "from airlift.result import Extent\n"
        "A.robust_verdicts = lambda s, o, g, c, b: "
        "RobustTable(tuple(None for _ in c), Extent.UNKNOWN, (), ())\n"
        "from airlift.cli import main\n"
        f"sys.argv = ['airlift', 'solve', {str(FLAGSHIP)!r}]\n"
        "main()\n"
    )
    airlift = str(Path(sys.executable).with_name("airlift"))
    base = min(_seconds([sys.executable, "-c", without]) for _ in range(5))
    full = min(_seconds([airlift, "solve", str(FLAGSHIP)]) for _ in range(5))
    print(f"\nflagship solve: {base:.2f} s without the robust column, {full:.2f} s with it")
    assert full <= 1.10 * base
