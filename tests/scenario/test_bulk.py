"""Bulk cargo: carried by mass in any amount, with no unit mass, size or uses, and bounded
only by masses."""

from __future__ import annotations

from fractions import Fraction

import pytest
from pydantic import ValidationError

from airlift.errors import Problem, ScenarioError
from airlift.scenario import Cargo, load_scenario_text, scenario_from_dict, scenario_json_schema

SCENARIO = """\
title: bulk
airfields:
  A: {}
aircraft:
  X: {payload: 100 t, limits: {slots: 4}}
cargo:
  coal: {kind: supplies, bulk: true}
  flour: {kind: supplies, bulk: true}
  tin: {kind: boxes, mass: 1 t, uses: {slots: 1}}
flights:
  - {id: g, aircraft: X, count: 10, from: A, to: A}
claims:
  - {id: c, total: supplies, at_least: 1000 t}
"""


def problems(text: str) -> list[Problem]:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "b.yaml")
    return info.value.problems


def only(text: str) -> Problem:
    [problem] = problems(text)
    return problem


def test_bulk_cargo_loads_with_no_unit_mass() -> None:
    s = load_scenario_text(SCENARIO).scenario
    coal, tin = s.cargo["coal"], s.cargo["tin"]
    assert coal.bulk and coal.mass is None and coal.size is None and coal.uses == {}
    assert not tin.bulk and tin.unit_mass is tin.mass
    assert tin.unit_mass.min.value == 1000
    with pytest.raises(ValueError, match="bulk cargo has no unit mass"):
        _ = coal.unit_mass
    assert s.members("supplies") == {"coal", "flour"}


def test_cargo_is_unit_cargo_by_default() -> None:
    cargo = Cargo.model_validate({"kind": "k", "mass": "2 t"})
    assert cargo.bulk is False
    assert Cargo.model_validate({"kind": "k", "bulk": True}).mass is None


@pytest.mark.parametrize("value", ['"true"', "1", "yes"])
def test_bulk_is_strictly_true_or_false(value: str) -> None:
    text = SCENARIO.replace("{kind: supplies, bulk: true}", f"{{bulk: {value}, kind: supplies}}", 1)
    problem = only(text)
    assert (problem.line, problem.column, problem.field_name) == (7, 16, "cargo.coal.bulk")
    assert problem.message.startswith("expected true or false")


def test_unit_cargo_without_a_mass_says_to_give_one_or_bulk() -> None:
    problem = only(SCENARIO.replace("{kind: boxes, mass: 1 t,", "{kind: boxes,"))
    assert (problem.line, problem.column, problem.field_name) == (9, 8, "cargo.tin.mass")
    assert problem.message == (
        "missing required field 'mass': give the mass of one unit (mass: 2.5 t), or bulk: "
        "true for cargo carried by mass in any amount (coal, food, fuel)"
    )


def test_a_misspelt_mass_is_reported_once_with_its_spelling() -> None:
    [problem] = problems(SCENARIO.replace("{kind: boxes, mass: 1 t,", "{kind: boxes, mas: 1 t,"))
    assert problem.message.startswith("unknown field 'mas'; did you mean 'mass'?")


@pytest.mark.parametrize(
    ("field", "value", "column", "message"),
    [
        ("mass", "1 t", 44, "bulk cargo has no unit mass; remove mass"),
        ("size", "{length: 1 m}", 44, "bulk cargo has no unit size; remove size"),
        (
            "uses",
            "{slots: 1}",
            44,
            "a bulk cargo's use of a loading limit per tonne is not supported yet: bulk "
            "cargo takes payload mass only; remove uses",
        ),
    ],
)
def test_bulk_cargo_refuses_what_a_unit_has(
    field: str, value: str, column: int, message: str
) -> None:
    text = SCENARIO.replace("bulk: true}", f"bulk: true, {field}: {value}}}", 1)
    problem = only(text)
    assert (problem.line, problem.column, problem.field_name) == (7, column, f"cargo.coal.{field}")
    assert problem.message.startswith(message)


def test_empty_uses_on_bulk_cargo_are_harmless() -> None:
    load_scenario_text(SCENARIO.replace("bulk: true}", "bulk: true, uses: {}}", 1))


def test_every_problem_of_bulk_cargo_is_reported_at_once() -> None:
    text = SCENARIO.replace(
        "coal: {kind: supplies, bulk: true}",
        "coal: {kind: supplies, bulk: true, mass: 1 t, size: {length: 1 m}, uses: {slots: 1}}",
    ).replace("{kind: boxes, mass: 1 t,", "{kind: boxes,")
    text += "  - {id: d, total: coal, at_most: 5}\n  - {id: e, total: flights, at_most: 5 t}\n"
    found = problems(text)
    assert [p.field_name for p in found] == [
        "cargo.coal.mass",
        "cargo.coal.size",
        "cargo.coal.uses",
        "cargo.tin.mass",
        "claims[1].at_most",
        "claims[2].at_most",
    ]
    assert all(p.line is not None and p.column is not None for p in found)


@pytest.mark.parametrize(
    ("bound", "example"),
    [
        ("at_least: 1000", 'at_least: "1,000 t"'),
        ("at_most: 617", "at_most: 617 t"),
        ("equals: '2,000'", 'equals: "2,000 t"'),
        ("between: [900, '1,100']", 'between: ["900 t", "1,100 t"]'),
    ],
)
def test_a_count_bound_on_bulk_cargo_shows_the_bound_as_a_mass(bound: str, example: str) -> None:
    text = SCENARIO.replace("total: supplies, at_least: 1000 t", f"total: coal, {bound}")
    problem = only(text)
    key = bound.split(":")[0]
    column = text.splitlines()[12].index(f"{key}: ") + len(key) + 3
    assert (problem.line, problem.column) == (13, column)
    assert problem.field_name == f"claims[0].{key}"
    assert problem.message == (
        "'coal' is bulk cargo, counted by mass, not in units: write the bound with a unit, "
        f"e.g. {example}"
    )


def test_a_count_bound_on_a_kind_with_a_bulk_member_names_the_bulk_types() -> None:
    text = SCENARIO.replace("tin: {kind: boxes,", "tin: {kind: supplies,").replace(
        "at_least: 1000 t", "per_flight: true, at_least: 1"
    )
    problem = only(text)
    assert problem.message.startswith(
        "'supplies' holds bulk cargo ('coal', 'flour'), counted by mass, not in units"
    )


def test_mass_bounds_on_bulk_and_unit_cargo_and_per_flight_are_allowed() -> None:
    text = SCENARIO + (
        "  - {id: d, total: coal, per_flight: true, at_most: 100 t}\n"
        "  - {id: e, total: boxes, at_least: '2,000 kg'}\n"
        "  - {id: f, total: tin, at_least: 3}\n"
        "estimate:\n  - {total: supplies}\n  - {total: boxes, unit: lb}\n"
    )
    s = load_scenario_text(text).scenario
    assert [c.mass_unit for c in s.claims] == ["t", "t", "kg", None]
    assert s.claims[3].interval == (3, None)
    assert s.estimate is not None and s.estimate[0].unit is None


def test_the_catalogue_bulk_entries_are_bulk_and_refuse_a_mass_where_it_is_written() -> None:
    text = SCENARIO.replace(
        "  coal: {kind: supplies, bulk: true}\n",
        "  coal: {catalog: bulk-tonne}\n  sht: {catalog: bulk-short-ton, kind: supplies}\n",
    )
    s = load_scenario_text(text).scenario
    assert s.cargo["coal"].bulk and s.cargo["coal"].mass is None
    assert s.cargo["sht"].bulk and s.members("supplies") == {"sht", "flour"}
    problem = only(text.replace("{catalog: bulk-tonne}", "{catalog: bulk-tonne, mass: 1 t}"))
    assert (problem.line, problem.column, problem.field_name) == (7, 37, "cargo.coal.mass")
    assert problem.message.startswith("bulk cargo has no unit mass")
    counted = text.replace("total: supplies, at_least: 1000 t", "total: bulk, at_least: 5")
    assert only(counted).message.startswith(
        "'bulk' holds bulk cargo ('coal'), counted by mass, not in units: write the bound with "
        "a unit, e.g. at_least: 5 t"
    )


def test_from_python_a_missing_mass_has_no_line() -> None:
    data = {
        "title": "bulk",
        "airfields": {"A": {}},
        "aircraft": {"X": {"payload": "100 t"}},
        "cargo": {"tin": {"kind": "boxes"}},
        "flights": [{"id": "g", "aircraft": "X", "count": 1, "from": "A", "to": "A"}],
    }
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(data)
    [problem] = info.value.problems
    assert (problem.line, problem.field_name) == (None, "cargo.tin.mass")
    with pytest.raises(ValidationError):
        Cargo.model_validate({"kind": "boxes"})
    with pytest.raises(ValidationError):
        Cargo.model_validate({"kind": "coal", "bulk": True, "mass": "1 t"})


def test_the_json_schema_knows_bulk_cargo() -> None:
    cargo = scenario_json_schema()["$defs"]["Cargo"]
    assert cargo["properties"]["bulk"]["type"] == "boolean"
    alternatives = [alt["required"] for alt in cargo["anyOf"]]
    assert alternatives == [["catalog"], ["kind", "mass"], ["kind", "bulk"]]
    assert cargo["if"]["properties"]["bulk"] == {"const": True}
    assert {"required": ["mass"]} in cargo["then"]["not"]["anyOf"]


def test_kg_of_bulk_bounds_stay_exact() -> None:
    s = load_scenario_text(SCENARIO.replace("1000 t", "12.5 kg")).scenario
    assert s.claims[0].mass_interval == (Fraction(25, 2), None)
