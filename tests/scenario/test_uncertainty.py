"""The uncertainty: block: read as written, its names matched whole, its defaults, its schema.

Problems of the block, each at its line and column, are in tests/data/invalid/uncertainty-*.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from airlift.errors import ScenarioError
from airlift.scenario import (
    Dimension,
    load_scenario,
    load_scenario_text,
    scenario_from_dict,
    scenario_json_schema,
)
from airlift.scenario.inputs import inputs_of
from airlift.scenario.uncertainty import DEFAULT_SAMPLES, DEFAULT_SEED, Uncertainty

VALID = Path(__file__).parent.parent / "data" / "valid" / "uncertainty.yaml"

BASE = """\
title: t
airfields: {A: {}, B: {}}
aircraft:
  Il-76MD: {payload: {min: 40 t, max: 48 t}, limits: {slots: {min: 6, max: 12}}}
cargo:
  a.b: {kind: box, mass: {min: 1 t, max: 2 t}, uses: {slots: 1}}
  a: {kind: box, mass: 1 t}
flights:
  - {id: g.1, aircraft: Il-76MD, count: {min: 1, max: 4}, from: A, to: B}
"""


def load(block: str) -> Any:
    return load_scenario_text(BASE + block).scenario


def problems(block: str) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(BASE + block)
    return [f"{p.line}:{p.column} {p.field_name}: {p.message}" for p in info.value.problems]


def test_the_valid_example_reads_every_weighting_as_written() -> None:
    s = load_scenario(VALID).scenario
    block = s.uncertainty
    assert block is not None
    assert (block.seed, block.samples) == (20221117, 10_000)
    kinds = {name: w.kind for name, w in block.inputs.items()}
    assert kinds == {
        "cargo.48N6-canister.mass": "pert",
        "cargo.40N6-canister.mass": "same_quantile_as",
        "aircraft.Il-76MD.payload": "triangular",
        "aircraft.Il-76MD.limits.canister_slots": "discrete",
        "aircraft.Il-76MD.hold.length": "normal",
        "aircraft.Il-76MD.payload_range.1.payload": "pert",
        "cargo.spares.kit.mass": "discrete",
        "flights.belarus-shuttle.count": "uniform",
    }
    pert = block.inputs["cargo.48N6-canister.mass"].pert
    assert pert is not None and pert.mode.value == 2800
    normal = block.inputs["aircraft.Il-76MD.hold.length"].normal
    assert normal is not None and (normal.mean.value, normal.sd.value) == (2200, 150)
    slots = block.inputs["aircraft.Il-76MD.limits.canister_slots"]
    assert [(t, q.value, w) for t, q, w in slots.points()] == [("6", 6, 1.0), ("12", 12, 2.0)]
    spares = block.inputs["cargo.spares.kit.mass"].points()
    assert [q.value for _, q, _ in spares] == [106_000 * Fraction("0.45359237"), 49_000, 50_000]
    assert block.inputs["aircraft.Il-76MD.payload_range.1.payload"].pert is not None
    # every key names an input of the file
    names = {i.name for i in inputs_of(s)}
    assert set(block.inputs) <= names


def test_an_unlisted_input_is_uniform_and_the_defaults_are_those_of_the_sweep() -> None:
    s = load("uncertainty: {inputs: {cargo.a.b.mass: {pert: {mode: 1.5 t}}}}\n")
    assert s.uncertainty.weighting("aircraft.Il-76MD.payload").kind == "uniform"
    assert s.uncertainty.weighting("cargo.a.b.mass").kind == "pert"
    assert (
        (s.uncertainty.seed, s.uncertainty.samples)
        == (DEFAULT_SEED, DEFAULT_SAMPLES)
        == (
            0,
            10_000,
        )
    )
    assert load("uncertainty: {}\n").uncertainty == Uncertainty()
    assert load("uncertainty:\n").uncertainty is None
    assert load("").uncertainty is None


def test_names_with_dots_are_matched_whole_never_split() -> None:
    s = load(
        "uncertainty:\n  inputs:\n    cargo.a.b.mass: uniform\n    flights.g.1.count: uniform\n"
    )
    assert set(s.uncertainty.inputs) == {"cargo.a.b.mass", "flights.g.1.count"}
    # 'cargo.a.mass' is the exact mass of cargo 'a', not a part of 'a.b'
    [exact] = problems("uncertainty: {inputs: {cargo.a.mass: uniform}}\n")
    assert exact == (
        "10:24 uncertainty.inputs.cargo.a.mass: 'cargo.a.mass' is exact (1 t); only a range "
        "can carry a distribution"
    )
    [unknown] = problems("uncertainty: {inputs: {cargo.a.b.c.mass: uniform}}\n")
    assert "unknown input 'cargo.a.b.c.mass'; did you mean 'cargo.a.b.mass'?" in unknown


def test_discrete_values_may_be_numbers_there_and_only_there() -> None:
    s = load("uncertainty: {inputs: {aircraft.Il-76MD.limits.slots: {discrete: {6: 1, 12: 3}}}}\n")
    points = s.uncertainty.inputs["aircraft.Il-76MD.limits.slots"].points()
    assert [(text, q.value, q.dimension, w) for text, q, w in points] == [
        ("6", 6, Dimension.COUNT, 1.0),
        ("12", 12, Dimension.COUNT, 3.0),
    ]
    # a number as a key elsewhere in the block is still refused: keys are names
    [refused] = problems("uncertainty: {inputs: {6: uniform}}\n")
    assert "the key 6 is read as a number" in refused


def test_python_callers_may_give_numbers_and_quantities_as_they_please() -> None:
    data: dict[str, Any] = {
        "title": "t",
        "airfields": {"A": {}, "B": {}},
        "aircraft": {"P": {"payload": {"min": "40 t", "max": "48 t"}}},
        "cargo": {"c": {"kind": "c", "mass": "1 t"}},
        "flights": [
            {"id": "g", "aircraft": "P", "count": {"min": 1, "max": 4}, "from": "A", "to": "B"}
        ],
        "uncertainty": {
            "seed": 7,
            "inputs": {
                "flights.g.count": {"discrete": {1: 1, 4: 2.5}},
                "aircraft.P.payload": {"normal": {"mean": "44 t", "sd": "1,500 kg"}},
            },
        },
    }
    s = scenario_from_dict(data)
    assert s.uncertainty is not None
    count = s.uncertainty.inputs["flights.g.count"]
    assert [(q.value, w) for _, q, w in count.points()] == [(1, 1.0), (4, 2.5)]
    normal = s.uncertainty.inputs["aircraft.P.payload"].normal
    assert normal is not None and normal.sd.value == 1500
    data["uncertainty"]["inputs"]["flights.g.count"] = {"discrete": {5: 1}}
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(data)
    [problem] = info.value.problems
    assert problem.field_name == "uncertainty.inputs.flights.g.count.discrete.5"
    assert "outside the range of 'flights.g.count' (1 flights to 4 flights)" in problem.message


def test_count_parameters_may_be_fractions_but_discrete_counts_are_whole() -> None:
    s = load("uncertainty: {inputs: {flights.g.1.count: {normal: {mean: 2.5, sd: '0.75'}}}}\n")
    normal = s.uncertainty.inputs["flights.g.1.count"].normal
    assert (normal.mean.value, normal.sd.value) == (Fraction(5, 2), Fraction(3, 4))
    [half] = problems("uncertainty: {inputs: {flights.g.1.count: {discrete: {2.5: 1}}}}\n")
    assert "'2.5' is not a whole number; 'flights.g.1.count' is counted in whole flights" in half


def test_a_weighting_is_one_word_or_one_distribution() -> None:
    [word] = problems("uncertainty: {inputs: {cargo.a.b.mass: Uniform}}\n")
    assert "expected uniform or one distribution" in word
    [empty] = problems("uncertainty: {inputs: {cargo.a.b.mass: {discrete: {}}}}\n")
    assert "discrete is empty; give at least one value and its weight" in empty
    [number] = problems("uncertainty: {inputs: {cargo.a.b.mass: 3}}\n")
    assert number.endswith("found the number 3")
    assert number.startswith("10:40 uncertainty.inputs.cargo.a.b.mass: expected uniform")


def test_the_json_schema_describes_the_block() -> None:
    schema = scenario_json_schema()
    defs = schema["$defs"]
    assert {"$ref": "#/$defs/Uncertainty"} in schema["properties"]["uncertainty"]["anyOf"]
    block = defs["Uncertainty"]
    assert set(block["properties"]) == {"seed", "samples", "inputs"}
    assert block["properties"]["samples"]["default"] == 10_000
    assert block["properties"]["inputs"]["additionalProperties"] == {"$ref": "#/$defs/Weighting"}
    word, mapping = defs["Weighting"]["anyOf"]
    assert word == {"const": "uniform"}
    assert (mapping["minProperties"], mapping["maxProperties"]) == (1, 1)
    assert set(mapping["properties"]) == {
        "triangular",
        "pert",
        "normal",
        "discrete",
        "same_quantile_as",
    }
    assert defs["Mode"]["required"] == ["mode"]
    assert set(defs["Normal"]["required"]) == {"mean", "sd"}
