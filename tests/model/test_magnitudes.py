"""Numbers too large for CP-SAT's 64-bit sums give an honest unknown, not a crash."""

from __future__ import annotations

from airlift.analysis import analyze
from airlift.result import Verdict
from airlift.scenario import scenario_from_dict


def test_overflowing_unit_sums_are_unknown_with_a_note() -> None:
    scenario = scenario_from_dict(
        {
            "title": "kilograms of everything",
            "airfields": {"A": {}, "B": {}},
            "aircraft": {"big": {"payload": "100 t"}},
            "cargo": {"kg": {"kind": "bulk", "mass": "1 kg"}},
            "flights": [
                {"id": "f", "aircraft": "big", "count": {"min": 1}, "from": "A", "to": "B"}
            ],
            "claims": [{"id": "lots", "total": "bulk", "at_least": 9_000_000_000_000_000}],
        }
    )
    analysis = analyze(scenario)
    assert [c.verdict for c in analysis.claims] == [Verdict.UNKNOWN]
    assert any("64-bit" in note for note in analysis.notes)


def test_large_but_representable_counts_are_answered() -> None:
    scenario = scenario_from_dict(
        {
            "title": "a million flights",
            "airfields": {"A": {}, "B": {}},
            "aircraft": {"big": {"payload": "100 t"}},
            "cargo": {"kg": {"kind": "bulk", "mass": "1 kg"}},
            "flights": [{"id": "f", "aircraft": "big", "count": 1_000_000, "from": "A", "to": "B"}],
            "claims": [{"id": "lots", "total": "bulk", "at_least": 100_000_000_001}],
        }
    )
    analysis = analyze(scenario)
    assert [c.verdict for c in analysis.claims] == [Verdict.INCONSISTENT]  # 1e6 x 1e5 kg = 1e11
