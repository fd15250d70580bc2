"""Statement bounds written as masses, read exactly; estimate rows in a mass unit and under
given claims."""

from __future__ import annotations

from fractions import Fraction

import pytest

from airlift.errors import Problem, ScenarioError
from airlift.scenario import Statement, load_scenario_text, scenario_json_schema
from airlift.scenario.numeric import LARGEST
from airlift.scenario.units import (
    MASS_UNITS,
    Dimension,
    UnitError,
    parse_amount,
    parse_quantity,
    parse_unit,
    split_quantity,
)

SHORT_TON = Fraction("907.18474")
LB = Fraction("0.45359237")

SCENARIO = """\
title: mass bounds
airfields:
  A: {}
aircraft:
  X: {payload: 100 t}
cargo:
  coal: {kind: supplies, bulk: true}
  tin: {kind: boxes, mass: 1 t}
flights:
  - {id: g, aircraft: X, count: 10, from: A, to: A}
assumptions:
  - {id: loaded, total: supplies, per_flight: true, at_least: 1 t}
claims:
  - id: claim
    total: supplies
    BOUND
"""
#: Where the bound is written in SCENARIO: line 16, after "    at_least: ".
LINE = 16


def claim(bound: str) -> Statement:
    return load_scenario_text(SCENARIO.replace("BOUND", bound)).scenario.claims[0]


def only(bound: str, scenario: str = SCENARIO) -> Problem:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(scenario.replace("BOUND", bound), "m.yaml")
    [problem] = info.value.problems
    assert problem.line == LINE
    return problem


@pytest.mark.parametrize(
    ("bound", "interval", "unit", "texts"),
    [
        ("at_least: 1000 t", (Fraction(1_000_000), None), "t", ("1000 t",)),
        (
            "at_least: 2,326,406 short_ton",
            (2_326_406 * SHORT_TON, None),
            "short_ton",
            ("2,326,406 short_ton",),
        ),
        ("at_most: 106,000 lb", (Fraction(0), 106_000 * LB), "lb", ("106,000 lb",)),
        ("equals: 12.5 kg", (Fraction(25, 2), Fraction(25, 2)), "kg", ("12.5 kg",)),
        ("equals: 0 t", (Fraction(0), Fraction(0)), "t", ("0 t",)),
        (
            "between: [900 t, '1,100 t']",
            (Fraction(900_000), Fraction(1_100_000)),
            "t",
            ("900 t", "1,100 t"),
        ),
        (
            "between: ['1,000 kg', 1 long_ton]",
            (Fraction(1000), Fraction("1016.0469088")),
            "kg",
            ("1,000 kg", "1 long_ton"),
        ),
        ("at_least: '2,325,509.6 t'", (Fraction("2325509600"), None), "t", ("2,325,509.6 t",)),
    ],
)
def test_mass_bounds_are_read_exactly(
    bound: str,
    interval: tuple[Fraction, Fraction | None],
    unit: str,
    texts: tuple[str, ...],
) -> None:
    statement = claim(bound)
    assert statement.mass_interval == interval
    assert all(isinstance(x, Fraction) for x in statement.mass_interval if x is not None)
    assert statement.mass_unit == unit
    assert statement.bound_texts == texts
    with pytest.raises(ValueError, match="bounds a mass"):
        _ = statement.interval


def test_the_short_tons_of_the_issue_are_exact() -> None:
    lo, hi = claim("at_least: 2,326,406 short_ton").mass_interval
    assert lo == Fraction(2_326_406) * Fraction(90_718_474, 100_000) and hi is None
    assert lo == Fraction("2110480022.24444")  # kg: 2,326,406 x 907.18474, in decimal


@pytest.mark.parametrize(
    ("bound", "interval", "texts"),
    [
        ("at_least: 1,000", (1_000, None), ("1,000",)),
        ("at_most: '12,500'", (0, 12_500), ("12,500",)),
        ("equals: 7", (7, 7), ("7",)),
        ("between: ['1,000', 2000]", (1_000, 2_000), ("1,000", "2,000")),
    ],
)
def test_count_bounds_keep_their_interval(
    bound: str, interval: tuple[int, int | None], texts: tuple[str, ...]
) -> None:
    text = SCENARIO.replace("total: supplies\n", "total: tin\n").replace("BOUND", bound)
    statement = load_scenario_text(text).scenario.claims[0]
    assert statement.interval == interval
    assert statement.mass_unit is None
    assert statement.bound_texts == texts
    with pytest.raises(ValueError, match="bounds a count"):
        _ = statement.mass_interval


@pytest.mark.parametrize(
    ("bound", "column", "message"),
    [
        ("at_least: 1000 ton", 15, "'ton' is ambiguous; write 't' (metric tonne), 'short_ton'"),
        ("at_least: 5 tons", 15, "'tons' is ambiguous"),
        ("at_least: 12 tonnes", 15, "unknown unit 'tonnes'; did you mean 't'?"),
        ("at_least: 12 Kg", 15, "units are case-sensitive: did you mean 'kg'?"),
        ("at_least: 3 m", 15, "'3 m' is a length, but a mass is needed here"),
        ("at_most: -3 t", 14, "must not be negative, got '-3 t'"),
        ("at_most: -3", 14, "must be at least 0, found the number -3"),
        ("at_most: 12.5", 14, "'12.5' is not a whole number: a count is whole (12), a mass"),
        (
            "at_most: 70 missiles",
            14,
            "expected a whole number (a count, such as 1,000) or a mass with a unit (such as "
            "'1,000 t'), found the text '70 missiles'",
        ),
        ("at_most: [1 t]", 14, "expected a whole number (a count, such as 1,000) or a mass"),
        ("at_most: 1,00 t", 14, "found the text '1,00 t'"),
        (
            "at_least: 5,000,000,000,000,000 t",
            15,
            "is too large: the largest accepted mass is 4,611,686,018,427,387,904 kg",
        ),
        ("at_least: 0.0000000000000000000001 kg", 15, "is too precise"),
    ],
)
def test_bad_mass_bounds_are_refused_where_they_are_written(
    bound: str, column: int, message: str
) -> None:
    problem = only(bound)
    assert (problem.column, problem.field_name) == (column, f"claims[0].{bound.split(':')[0]}")
    assert message in problem.message


def test_between_does_not_mix_a_count_and_a_mass() -> None:
    problem = only("between: [5, 6 t]")
    assert (problem.column, problem.field_name) == (14, "claims[0].between")
    assert problem.message == (
        "between mixes a count (5) and a mass ('6 t'); write both ends as masses with units, "
        "or both as whole numbers"
    )
    assert "a count (5)" in only("between: [6 t, 5]").message


def test_between_masses_are_ordered_by_their_value_not_their_text() -> None:
    assert claim("between: [1 short_ton, 1 t]").mass_interval == (SHORT_TON, Fraction(1000))
    problem = only("between: [1 long_ton, 1 t]")
    assert problem.message == (
        "between ['1 long_ton', '1 t'] has its lower end above its upper end"
    )


def test_a_between_end_is_located_at_itself() -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(SCENARIO.replace("BOUND", "between:\n      - 1 t\n      - 2 ton"))
    [problem] = info.value.problems
    assert (problem.line, problem.column, problem.field_name) == (18, 9, "claims[0].between[1]")


def test_flights_are_counted_never_weighed() -> None:
    text = SCENARIO.replace("total: supplies\n", "total: flights\n")
    problem = only("at_most: 5 t", text)
    assert problem.field_name == "claims[0].at_most"
    assert problem.message == (
        "flights are counted, not weighed: a bound on total flights is a whole number of "
        "flights, not '5 t'"
    )
    assert load_scenario_text(text.replace("BOUND", "at_most: '1,398'")).scenario.claims[
        0
    ].interval == (0, 1_398)


def test_unit_cargo_may_be_bounded_by_mass() -> None:
    text = SCENARIO.replace("total: supplies\n", "total: boxes\n").replace("BOUND", "at_least: 3 t")
    assert load_scenario_text(text).scenario.claims[0].mass_interval == (Fraction(3000), None)


def test_a_statement_built_in_python_takes_a_quantity() -> None:
    bound = parse_quantity("1,000 t", Dimension.MASS)
    statement = Statement.model_validate({"id": "s", "total": "coal", "at_least": bound})
    assert statement.at_least == bound and statement.mass_unit == "t"
    assert Statement.model_validate({"id": "s", "total": "coal", "at_most": 5}).interval == (0, 5)


def test_a_statement_holds_up_to_two_to_the_62_kg() -> None:
    text = SCENARIO.replace("BOUND", f"at_most: {LARGEST} kg")
    assert load_scenario_text(text).scenario.claims[0].mass_interval == (0, LARGEST)


# --- estimate rows ---------------------------------------------------------------------

ESTIMATE = SCENARIO.replace("BOUND", "at_least: 5 t") + "estimate:\n  - ROW\n"


def row_problem(row: str) -> Problem:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(ESTIMATE.replace("ROW", row), "e.yaml")
    [problem] = info.value.problems
    assert problem.line == 18
    return problem


@pytest.mark.parametrize("unit", list(MASS_UNITS))
def test_an_estimate_row_may_name_a_mass_unit(unit: str) -> None:
    row = f"{{total: supplies, unit: {unit}, given: claim}}"
    [estimate] = load_scenario_text(ESTIMATE.replace("ROW", row)).scenario.estimate or []
    assert estimate.unit == unit and estimate.given == ["claim"]


def test_an_estimate_row_has_no_unit_or_condition_by_default() -> None:
    [estimate] = (
        load_scenario_text(ESTIMATE.replace("ROW", "{total: supplies}")).scenario.estimate or []
    )
    assert estimate.unit is None and estimate.given is None


@pytest.mark.parametrize(
    ("row", "column", "field", "message"),
    [
        ("{total: flights, unit: t}", 28, "estimate[0].unit", "flights are counted, not weighed"),
        ("{total: coal, unit: ton}", 25, "estimate[0].unit", "'ton' is ambiguous; write 't'"),
        ("{total: coal, unit: tonnes}", 25, "estimate[0].unit", "did you mean 't'?"),
        ("{total: coal, unit: ft}", 25, "estimate[0].unit", "'ft' is a length unit"),
        ("{total: coal, unit: 5}", 25, "estimate[0].unit", "expected text, found the number 5"),
        (
            "{total: coal, given: [claim, loade]}",
            34,
            "estimate[0].given[1]",
            "unknown claim or assumption 'loade'; did you mean 'loaded'? valid ids: loaded, claim",
        ),
        ("{total: coal, given: []}", 26, "estimate[0].given", "given is empty"),
        ("{total: coal, given: [claim, claim]}", 34, "estimate[0].given[1]", "listed twice"),
    ],
)
def test_bad_estimate_rows_are_refused_where_they_are_written(
    row: str, column: int, field: str, message: str
) -> None:
    problem = row_problem(row)
    assert (problem.column, problem.field_name) == (column, field)
    assert message in problem.message


# --- units and the JSON Schema ---------------------------------------------------------


def test_a_quantity_knows_the_unit_it_was_written_in() -> None:
    assert parse_quantity("2,326,406 short_ton", Dimension.MASS).unit == "short_ton"
    assert parse_quantity("12.5kg", Dimension.MASS).unit == "kg"
    assert parse_amount("12").unit is None
    assert split_quantity("1,000 t") == ("1,000", "t")
    assert split_quantity("12.5") == ("12.5", None)
    assert split_quantity("about 5") is None


def test_a_unit_alone_is_checked_like_the_unit_of_a_quantity() -> None:
    assert parse_unit(" short_ton ", Dimension.MASS) == "short_ton"
    with pytest.raises(UnitError, match="'tons' is ambiguous"):
        parse_unit("tons", Dimension.MASS)
    with pytest.raises(UnitError, match="did you mean 'lb'"):
        parse_unit("lbs", Dimension.MASS)


def test_the_json_schema_takes_mass_bounds_and_estimate_units() -> None:
    defs = scenario_json_schema()["$defs"]
    at_least = defs["Statement"]["properties"]["at_least"]["anyOf"][0]
    patterns = [option.get("pattern", "") for option in at_least["anyOf"]]
    assert any("short_ton" in p for p in patterns)
    assert "1,000 t" in at_least["examples"]
    row = defs["EstimateRow"]["properties"]
    assert row["unit"]["anyOf"][0] == {"enum": list(MASS_UNITS)}
    assert {"type": "string"} in row["given"]["anyOf"]
