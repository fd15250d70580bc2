"""Schedules with loads: the flagship's joint answer, and thousands of independent flights.

Each benchmark checks its answer: the flagship's loads and schedule hold together on its
fewest airframes (2); N flights with no fleet cap can all land one block time after the
window opens (a closed form) and never sooner (goal: 10,000 within the campaign-scale
seconds of the README's benchmarks).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from airlift.analysis import analyze
from airlift.analysis.schedule import analyze_schedule
from airlift.model import SolveOptions
from airlift.result import Feasibility, Verdict
from airlift.scenario import load_scenario, load_scenario_text

ROOT = Path(__file__).resolve().parents[1]
#: One degree of longitude on the equator, in km, and a leg of it at 600 km/h in seconds.
KM = 2 * 6371.0 * math.asin(math.sin(math.radians(0.5)))
BLOCK = math.ceil(KM / 600 * 3600 - 1e-6)


def test_flagship_loads_and_schedule_together(benchmark: Any) -> None:
    """The schedule part of ``airlift solve`` on the flagship: the schedule's own verdicts
    and bounds, then every claim judged again with loads and schedule in one model, and the
    joint answer on the fewest airframes."""
    loaded = load_scenario(ROOT / "scenarios" / "belarus-2022.yaml")
    options = SolveOptions()
    claims = analyze(loaded, options, explain=False).claims

    def run() -> object:
        return analyze_schedule(loaded.scenario, loaded.legs, options, loaded.line_of, claims)

    result = benchmark.pedantic(run, rounds=3, iterations=1)
    assert result.joint_status is Feasibility.FEASIBLE  # type: ignore[attr-defined]
    airframes = {leg.airframe for leg in result.timetable}  # type: ignore[attr-defined]
    assert len(airframes) == 2


@pytest.mark.parametrize("flights", [1_000, 10_000])
def test_independent_flights(benchmark: Any, flights: int) -> None:
    """N flights, no fleet cap: the Nth landing is due one block time after the window
    opens, and no flight can land a second sooner."""
    due = f"2024-01-01T00:{BLOCK // 60:02d}:{BLOCK % 60:02d}Z"
    sooner = f"2024-01-01T00:{(BLOCK - 1) // 60:02d}:{(BLOCK - 1) % 60:02d}Z"
    text = f"""\
title: {flights:,} flights
airfields:
  A: {{lat: 0, lon: 0}}
  B: {{lat: 0, lon: 1}}
aircraft:
  C-17: {{payload: 10 t}}
cargo:
  box: {{kind: box, mass: 1 t}}
flights: [{{id: g, aircraft: C-17, count: {flights}, from: A, to: B}}]
schedule:
  window: {{start: 2024-01-01T00:00Z, end: 2024-03-01T00:00Z}}
  aircraft:
    C-17: {{block_speed: 600 km/h, ground_time: 2 h}}
  claims:
    - {{id: all-by, what: flights, counting: landing, period: {{end: {due}}}, at_least: {flights}}}
    - {{id: sooner, what: flights, counting: landing, period: {{end: {sooner}}}, at_least: 1}}
"""
    loaded = load_scenario_text(text, "<bench>")

    def run() -> object:
        return analyze_schedule(loaded.scenario, loaded.legs, SolveOptions())

    result = benchmark.pedantic(run, rounds=1, iterations=1)
    verdicts = {c.ref.id: c.verdict for c in result.claims}  # type: ignore[attr-defined]
    assert verdicts == {"all-by": Verdict.CONSISTENT, "sooner": Verdict.INCONSISTENT}


def test_a_thousand_tracked_legs_on_fifty_airframes(benchmark: Any, tmp_path: Path) -> None:
    """1,000 legs with first/last-seen times on 50 registrations (each airframe's legs in
    one order), too many to place on airframes, so counted with each airframe's chain: a
    flight can land no earlier than it was last seen, and here each can land then, so the
    most landings by a date is the number of legs last seen by it (a count made here)."""
    import datetime
    import random

    rng = random.Random(2)
    start = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    rows = [
        "type,registration,icao24,callsign,from,to,departure_utc,departure_kind,"
        "arrival_utc,arrival_kind,source,note"
    ]
    last_seen = []
    for r in range(50):
        t = start + datetime.timedelta(hours=rng.randint(0, 24))
        for _ in range(20):
            land = t + datetime.timedelta(hours=3)
            rows.append(
                f"C17,10-{r:04d},,RCH{r},A,B,{t:%Y-%m-%dT%H:%M:%SZ},first_seen,"
                f"{land:%Y-%m-%dT%H:%M:%SZ},last_seen,bench,"
            )
            last_seen.append(land)
            t = land + datetime.timedelta(hours=rng.randint(20, 40))
    (tmp_path / "legs.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    due = datetime.datetime(2024, 1, 20, tzinfo=datetime.UTC)
    most = sum(1 for land in last_seen if land <= due)
    text = f"""\
title: 1,000 tracked legs
airfields:
  A: {{lat: 39.1, lon: -75.5}}
  B: {{lat: 31.2, lon: 34.9}}
aircraft:
  C-17: {{payload: 70 t}}
cargo:
  box: {{kind: box, mass: 1 t}}
flights: []
legs: [{{file: legs.csv, aircraft: {{C17: C-17}}, complete: true}}]
schedule:
  window: {{start: 2024-01-01T00:00Z, end: 2024-03-01T00:00Z}}
  aircraft:
    C-17: {{block_speed: 4000 km/h, ground_time: 2 h}}
  claims:
    - {{id: all, what: flights, counting: landing, period: {{end: 2024-01-20T00:00Z}},
        at_least: {most}}}
    - {{id: one-more, what: flights, counting: landing, period: {{end: 2024-01-20T00:00Z}},
        at_least: {most + 1}}}
"""
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_scenario(path)

    def run() -> object:
        return analyze_schedule(loaded.scenario, loaded.legs, SolveOptions())

    result = benchmark.pedantic(run, rounds=1, iterations=1)
    verdicts = {c.ref.id: c.verdict for c in result.claims}  # type: ignore[attr-defined]
    assert verdicts == {"all": Verdict.CONSISTENT, "one-more": Verdict.INCONSISTENT}
