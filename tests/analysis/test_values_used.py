"""Values used are exact, as the scenario wrote them: 12.5 kg is never '12 kg, rounded'."""

from __future__ import annotations

import json
from fractions import Fraction

from airlift.analysis import analyze
from airlift.analysis.values import values_used
from airlift.model import SolveOptions
from airlift.report import render_json, render_markdown, render_text
from airlift.result import Role
from airlift.scenario import load_scenario_text
from tests.analysis.tiny import build

TEXT = """\
title: exact values
airfields: {O: {}, X: {}}
aircraft:
  A: {payload: {min: 900 kg, max: '1,000.25 kg'}, limits: {slots: 4, floor: 7.5 m}}
cargo:
  ration: {kind: food, mass: 12.5 kg, uses: {floor: 12.5 cm}}
  drum: {kind: fuel, mass: {min: '5,001.5 lb', max: '7,500 lb'}}
flights:
  - {id: g, aircraft: A, count: 2, from: O, to: [X]}
"""

#: Field -> (exact value in its base unit, the text a reader sees, the JSON unit).
EXPECTED = {
    "aircraft.A.payload": (Fraction("1000.25"), "1,000.25 kg", "kg"),
    "aircraft.A.limits.slots": (Fraction(4), "4", "slots"),
    "aircraft.A.limits.floor": (Fraction(750), "7.5 m", "cm"),
    "cargo.ration.mass": (Fraction("12.5"), "12.5 kg", "kg"),
    "cargo.ration.uses.floor": (Fraction("12.5"), "12.5 cm", "cm"),
    "cargo.drum.mass": (Fraction("5001.5") * Fraction("0.45359237"), "5,001.5 lb", "kg"),
}


def test_values_used_are_exact_and_keep_their_text() -> None:
    values = values_used(load_scenario_text(TEXT, "exact.yaml").scenario)
    got = {v.field: (v.used, v.used_text, v.unit) for v in values}
    assert {k: (used, text) for k, (used, text, _) in got.items()} == {
        k: (used, text) for k, (used, text, _) in EXPECTED.items()
    }
    assert got["cargo.ration.mass"][0] != 12  # never rounded down to a whole kg
    assert {v.field: v.side for v in values}["cargo.drum.mass"] == "min"


def test_every_report_shows_12_5_kg_as_written() -> None:
    a = analyze(load_scenario_text(TEXT, "exact.yaml"), SolveOptions(time_limit=5, seed=0))
    text = render_text(a)
    body = text.split("\nValues used\n", 1)[1].split("\nExample allocation\n", 1)[0]
    ration = next(line for line in body.splitlines() if line.startswith("cargo.ration.mass"))
    assert ration.split()[1:4] == ["12.5", "kg", "12.5"]  # written, then used: 12.5 kg
    assert "rounded" not in text and "12 kg" not in text
    assert "4 `slots`" in body and "1,000.25 kg" in body and "5,001.5 lb" in body
    md = render_markdown(a)
    assert "| cargo.ration.mass | 12.5 kg | 12.5 kg | smallest |" in md
    data = json.loads(render_json(a))
    got = {v["field"]: (v["used"], v["used_text"], v["unit"]) for v in data["values_used"]}
    assert got["cargo.ration.mass"] == ("12.5", "12.5 kg", "kg")
    assert got["aircraft.A.limits.slots"] == (4, "4 slots", "slots")
    for field, (used, _, unit) in EXPECTED.items():
        assert Fraction(got[field][0]) == used and got[field][2] == unit
    assert all("rounded" not in v for v in data["values_used"])


def test_tiny_values_are_unchanged_where_whole() -> None:
    values = {v.key: v for v in values_used(build())}
    payload = next(v for k, v in values.items() if k.role is Role.PAYLOAD)
    assert (payload.used, payload.used_text, payload.unit) == (10_000, "10 t", "kg")
