"""Every scenario shipped in scenarios/ loads, solves, and gives its expected verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from airlift.analysis import analyze
from airlift.model import SolveOptions
from airlift.result import Feasibility, Verdict
from airlift.scenario import load_scenario

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
OPTIONS = SolveOptions(time_limit=30, seed=0)

IMPLIED, CONSISTENT, INCONSISTENT = Verdict.IMPLIED, Verdict.CONSISTENT, Verdict.INCONSISTENT

#: Per file: expected claim verdicts, and expected (min, max) of some totals.
#: Belarus 2022: 18-22 Il-76 flights, each with at least one and (12 canister
#: slots) at most 12 canisters, so 18-264 missiles in all. Any destination may
#: receive all or none of them. Every published total lies inside that range,
#: so each is possible and none is forced; "at least 9 aircraft" is forced.
EXPECTED: dict[str, tuple[dict[str, Verdict], dict[str, tuple[int, int]]]] = {
    "belarus-2022.yaml": (
        {
            "at-least-70": CONSISTENT,
            "almost-100": CONSISTENT,
            "hajun-84": CONSISTENT,
            "hajun-9-aircraft": IMPLIED,
            "chkalovsky": CONSISTENT,
            "millerovo": CONSISTENT,
            "rostov-on-don": CONSISTENT,
            "seshcha": CONSISTENT,
            "hajun-millerovo": CONSISTENT,
            "rostov-region": CONSISTENT,
            "moscow-region": CONSISTENT,
            "bryansk-region": CONSISTENT,
        },
        {
            "missile": (18, 12 * 22),
            "missile to Chkalovsky": (0, 12 * 22),
            "flights": (18, 22),
            "flights to Seshcha": (0, 22),
        },
    ),
}


def test_every_scenario_file_has_expectations() -> None:
    assert sorted(p.name for p in SCENARIOS.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_scenario_solves_with_expected_verdicts(name: str) -> None:
    verdicts, bounds = EXPECTED[name]
    analysis = analyze(load_scenario(SCENARIOS / name), OPTIONS)
    assert analysis.base_status is Feasibility.FEASIBLE
    assert {c.ref.id: c.verdict for c in analysis.claims} == verdicts
    assert all(c.settled for c in analysis.claims)
    found = {b.spec.label: (b.min.lo, b.max.hi) for b in analysis.bounds if b.proven}
    for label, expected in bounds.items():
        assert found.get(label) == expected, label
    # Every value the model used cites the line it is written on.
    assert all(v.line is not None for v in analysis.values_used)
    every_claim_possible = all(v is not INCONSISTENT for v in verdicts.values())
    if every_claim_possible and analysis.status is Feasibility.FEASIBLE:
        assert analysis.example is not None
