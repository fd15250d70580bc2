"""`airlift sweep`: shares against closed forms, shortcuts against solving every sample,
per-sample answers against the brute-force oracle, and the same bytes for any ``jobs``."""

from __future__ import annotations

import copy
import math
from typing import Any

import numpy as np
import pytest

from airlift.analysis import judge as judge_module
from airlift.analysis import sweeps as sweep_module
from airlift.analysis.sweep_stats import wilson
from airlift.analysis.sweeps import SweepResult, sweep
from airlift.model import SolveOptions
from airlift.report.sweep_report import render_sweep, samples_csv
from airlift.scenario import scenario_from_dict
from tests.analysis.test_robust_brute_force import _pin, _ranges
from tests.oracle.brute_force import TooBig, brute_force
from tests.oracle.random_scenarios import random_scenario

OPTIONS = SolveOptions(time_limit=10, seed=0)


def _one_cargo(mass: Any, count: Any, claim: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": "closed form",
        "airfields": {"O": {}, "X": {}},
        "aircraft": {"A": {"payload": "10,000 kg"}},
        "cargo": {"m": {"kind": "missile", "mass": mass}},
        "flights": [{"id": "g", "aircraft": "A", "count": count, "from": "O", "to": "X"}],
        "claims": [{"id": "c", "says": "claim", "total": "missile", **claim}],
    }


def _inside(k: int, n: int, p: float) -> bool:
    lo, hi = wilson(k, n, confidence=0.999)
    return lo <= p <= hi


def test_share_matches_the_closed_form_of_a_mass_threshold() -> None:
    """4 units fit a 10,000 kg payload iff a unit weighs at most 2,500 kg. Masses are drawn
    uniformly from 1,000-3,000 kg and put on the 1 kg grid, so P = (2,500.5 - 1,000) / 2,000."""
    d = _one_cargo({"min": "1,000 kg", "max": "3,000 kg"}, 1, {"at_least": 4})
    r = sweep(scenario_from_dict(d), 4000, 7, OPTIONS, bound_samples=0)
    (c,) = r.claims
    assert c.possible.yes + c.possible.no == 4000 and c.possible.unknown == 0
    assert _inside(c.possible.yes, 4000, 1500.5 / 2000)
    assert not c.by_corners and r.evaluated < 4000  # dominance labelled most draws
    lo, hi = c.possible.interval
    assert lo < c.possible.share < hi


def test_share_of_a_sampled_flight_count_is_exact_per_count() -> None:
    """5 units a flight (10 t / 2 t); at least 12 units needs 3 of the 1-4 flights: P = 1/2.
    Counts are every integer equally likely, and dominance never crosses count values."""
    d = _one_cargo("2,000 kg", {"min": 1, "max": 4}, {"at_least": 12})
    r = sweep(scenario_from_dict(d), 2000, 3, OPTIONS, bound_samples=0)
    counts = r.values[:, 0]
    assert set(np.unique(counts)) == {1.0, 2.0, 3.0, 4.0}
    assert (r.possible[:, 0] == (counts >= 3)).all()
    assert _inside(int(r.possible[:, 0].sum()), 2000, 0.5)


def test_corners_decide_a_claim_exactly_without_sampling() -> None:
    """At most 5 units a flight at both corners (10 t / 2 t, or 4 slots... ): a claim of at
    least 30 units on 1-4 flights is impossible for every value: share exactly 0."""
    d = _one_cargo({"min": "1,800 kg", "max": "2,000 kg"}, {"min": 1, "max": 4}, {"at_least": 30})
    r = sweep(scenario_from_dict(d), 500, 0, OPTIONS, bound_samples=0)
    (c,) = r.claims
    assert c.by_corners and c.possible.share == 0.0 and c.possible.interval == (0.0, 0.0)
    assert r.evaluated == 0


def _random_with_ranges(seed: int) -> dict[str, Any] | None:
    d = random_scenario(seed)
    return d if any(True for _ in _ranges(d)) and d.get("claims") else None


@pytest.mark.parametrize("seed", range(0, 120, 3))
def test_shortcuts_give_the_labels_of_solving_every_sample(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rounds of 8 draws, so that labels carry from round to round by dominance."""
    d = _random_with_ranges(seed)
    if d is None:
        pytest.skip("no ranges or no claims")
    monkeypatch.setattr(sweep_module, "ROUND", 8)
    scenario = scenario_from_dict(copy.deepcopy(d))
    fast = sweep(scenario, 60, seed, OPTIONS, bound_samples=0)
    slow = sweep(scenario, 60, seed, OPTIONS, bound_samples=0, shortcuts=False)
    assert (fast.possible == slow.possible).all()
    assert (fast.implied == slow.implied).all()


@pytest.mark.parametrize("seed", range(1, 120, 7))
def test_sample_verdicts_match_the_oracle(seed: int) -> None:
    """The first draws of a sweep, written into the scenario dict and enumerated."""
    d = _random_with_ranges(seed)
    if d is None:
        pytest.skip("no ranges or no claims")
    r = sweep(scenario_from_dict(copy.deepcopy(d)), 8, seed, OPTIONS, bound_samples=0)
    where = {field: (path, dimension) for field, path, _, _, dimension in _ranges(d)}
    compared = 0
    for k in range(r.samples):
        values = {}
        for column, item in enumerate(r.inputs):
            path, dimension = where[item.field]
            values[path] = (_exact(r.values[k, column], item.lo, item.hi), dimension)
        try:
            oracle = brute_force(_pin(d, values), cap=60_000)
        except TooBig:
            continue
        for j, claim in enumerate(oracle.claims):
            assert r.possible[k, j] == int(claim.possible), (seed, k, claim.id)
            assert r.implied[k, j] == int(claim.possible and claim.necessary), (seed, k, claim.id)
        compared += 1
    if not compared:
        pytest.skip("too large for the oracle")


def _exact(value: float, lo: Any, hi: Any) -> Any:
    from fractions import Fraction

    if value <= lo:
        return lo
    if value >= hi:
        return hi
    return Fraction(int(value))


def _flat(r: SweepResult) -> str:
    return render_sweep(r, "json") + samples_csv(r)


def test_same_bytes_with_any_number_of_jobs() -> None:
    d = _one_cargo({"min": "1,000 kg", "max": "3,000 kg"}, {"min": 1, "max": 3}, {"at_least": 7})
    scenario = scenario_from_dict(d)
    one = sweep(scenario, 600, 11, OPTIONS, bound_samples=5)
    two = sweep(scenario, 600, 11, OPTIONS, bound_samples=5, jobs=2)
    assert _flat(one) == _flat(two)
    again = sweep(scenario, 600, 12, OPTIONS, bound_samples=5)
    assert _flat(again) != _flat(one)  # the seed matters


def test_same_bytes_on_a_dask_cluster() -> None:
    distributed = pytest.importorskip("distributed")
    d = _one_cargo({"min": "1,000 kg", "max": "3,000 kg"}, {"min": 1, "max": 3}, {"at_least": 7})
    scenario = scenario_from_dict(d)
    one = sweep(scenario, 300, 5, OPTIONS, bound_samples=0)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_cluster = sweep(scenario, 300, 5, OPTIONS, bound_samples=0, client=client)
    assert _flat(one) == _flat(on_cluster)


def test_a_sample_cut_short_counts_as_neither(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every solve of a draw whose mass is odd is 'cut by the time limit': those draws are
    unknown, never possible or impossible, and widen the share into an interval."""
    original = judge_module.SampleJudge.judge

    def cut(self: Any, values: Any, questions: Any) -> list[int]:
        mass = next(v for path, v in values.items() if path[0] == "cargo")
        if mass.numerator % 2:
            return [judge_module.UNKNOWN for _ in questions]
        return original(self, values, questions)

    monkeypatch.setattr(judge_module.SampleJudge, "judge", cut)
    d = _one_cargo({"min": "1,000 kg", "max": "3,000 kg"}, 1, {"at_least": 4})
    r = sweep(scenario_from_dict(d), 1000, 2, OPTIONS, bound_samples=0)
    (c,) = r.claims
    mass = r.values[:, 0]
    unknown = r.possible[:, 0] == -1
    assert 0 < c.possible.unknown == int(unknown.sum())
    assert (mass[unknown] % 2 == 1).all()  # only cut draws, and not all: dominance decided some
    assert unknown.sum() < (mass % 2 == 1).sum()
    decided = ~unknown
    assert (r.possible[decided, 0] == (mass[decided] <= 2500)).all()
    low, high = c.possible.bounds
    assert math.isclose(low, c.possible.yes / 1000)
    assert math.isclose(high, (c.possible.yes + c.possible.unknown) / 1000)
    assert "cut short and count as neither" in render_sweep(r, "text")


def test_a_sweep_ends_within_its_budget_and_says_so() -> None:
    """Draws left when the wall clock runs out are unknown; those decided are right."""
    from pathlib import Path

    from airlift.scenario import load_scenario

    hajun = Path(__file__).parent.parent / "data" / "valid" / "sweep-hajun.yaml"
    options = SolveOptions(time_limit=10, seed=0, max_seconds=0.3)
    r = sweep(load_scenario(hajun), 20_000, 1, options, bound_samples=50)
    names = [i.field for i in r.inputs]
    payload = r.values[:, names.index("aircraft.Il-76MD.payload")]
    slots = r.values[:, names.index("aircraft.Il-76MD.limits.canister_slots")]
    mass = r.values[:, names.index("cargo.48N6-canister.mass")]
    truth = np.minimum(slots, np.floor(payload / mass)) >= 10
    label = r.possible[:, 0]
    decided = label >= 0
    assert (label[decided] == truth[decided]).all()
    assert r.claims[0].possible.unknown == int((~decided).sum()) > 0
    assert any("wall clock ran out" in note for note in r.notes)


def test_each_draws_bounds_are_kept_for_histograms() -> None:
    """Per draw, the most missiles 9 flights carry is 9 x min(slots, floor(payload / mass))
    (sweep-hajun.yaml: one cargo, one aircraft), and the least is 0; the quantiles are
    those of the same values, and each claim keeps where it was written."""
    from pathlib import Path

    from airlift.analysis.sweep_stats import quantiles
    from airlift.scenario import load_scenario

    hajun = Path(__file__).parent.parent / "data" / "valid" / "sweep-hajun.yaml"
    r = sweep(load_scenario(hajun), 200, 5, OPTIONS, bound_samples=30)
    names = [i.field for i in r.inputs]
    payload = r.values[:30, names.index("aircraft.Il-76MD.payload")]
    slots = r.values[:30, names.index("aircraft.Il-76MD.limits.canister_slots")]
    mass = r.values[:30, names.index("cargo.48N6-canister.mass")]
    (missiles,) = [b for b in r.bounds if b.label == "missile"]
    assert missiles.most_values.shape == (30,)
    assert (missiles.most_values == 9 * np.minimum(slots, np.floor(payload / mass))).all()
    assert (missiles.least_values == 0).all()
    assert missiles.most == quantiles(missiles.most_values)
    lines = hajun.read_text().splitlines()
    written = [next(n for n, t in enumerate(lines, 1) if f"id: {c.id}," in t) for c in r.claims]
    assert [c.ref.line if c.ref else None for c in r.claims] == written


def test_a_schedule_is_said_not_to_be_swept() -> None:
    """A sweep judges load claims on the loads alone: with a schedule, its notes say so."""
    d = _one_cargo("2,000 kg", {"min": 1, "max": 4}, {"at_least": 12})
    assert not any("schedule" in n for n in sweep(scenario_from_dict(d), 50, 3, OPTIONS).notes)
    d["airfields"] = {"O": {"lat": 0, "lon": 0}, "X": {"lat": 0, "lon": 1}}
    d["schedule"] = {
        "window": {"start": "2024-01-01T00:00Z", "end": "2024-01-02T00:00Z"},
        "aircraft": {"A": {"block_speed": "600 km/h", "ground_time": "2 h"}},
        "claims": [{"id": "s", "what": "flights", "at_least": 2}],
    }
    notes = sweep(scenario_from_dict(d), 50, 3, OPTIONS).notes
    assert any("schedule and its 1 claim are not swept" in n for n in notes)
