"""Numbers a scenario may hold: up to 2**62 (what the engine decides exactly), written with
thousands separators or not, never NaN, infinite or negative, and never a crash however many
digits they have."""

from __future__ import annotations

from fractions import Fraction

import pytest

from airlift.errors import Problem, ScenarioError
from airlift.scenario import load_scenario_text, scenario_from_dict
from airlift.scenario.numeric import LARGEST, decimal_digits, show_number
from airlift.scenario.units import (
    LENGTH_UNITS,
    MASS_UNITS,
    Dimension,
    UnitError,
    parse_amount,
    parse_quantity,
)

SCENARIO = """\
title: numbers
airfields:
  A: {lat: LAT}
aircraft:
  X:
    payload: PAYLOAD
    limits:
      slots: LIMIT
cargo:
  c: {kind: k, mass: 1 kg}
flights:
  - id: g
    aircraft: X
    count: COUNT
    from: A
    to: A
claims:
  - id: claim
    total: k
    at_least: BOUND
"""
#: Where each placeholder's value is written in SCENARIO, and the field it is.
PLACES = {
    "LAT": (3, 12, "airfields.A.lat"),
    "PAYLOAD": (6, 14, "aircraft.X.payload"),
    "LIMIT": (8, 14, "aircraft.X.limits.slots"),
    "COUNT": (14, 12, "flights[0].count"),
    "BOUND": (20, 15, "claims[0].at_least"),
}
DEFAULTS = {"LAT": "53.5", "PAYLOAD": "48 t", "LIMIT": "12", "COUNT": "20", "BOUND": "1"}
TWO_62 = "4,611,686,018,427,387,904"
TWO_63 = "9,223,372,036,854,775,808"


def scenario(**values: str) -> str:
    text = SCENARIO
    for name, default in DEFAULTS.items():
        text = text.replace(name, values.get(name, default))
    return text


def only_problem(**values: str) -> Problem:
    """The one problem of the scenario, checked to be where the changed value was written."""
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(scenario(**values), "n.yaml")
    [problem] = info.value.problems
    [name] = values
    line, column, field = PLACES[name]
    assert (problem.line, problem.column, problem.field_name) == (line, column, field)
    assert len(problem.message) < 300, "a message never repeats a huge value"
    return problem


def test_the_template_scenario_loads() -> None:
    loaded = load_scenario_text(scenario())
    assert loaded.scenario.flights[0].count.min == 20


# --- counts and bounds: up to and including 2**62 ----------------------------------------


@pytest.mark.parametrize("count", [str(2**62), str(2**53 + 1), "1,398", "'1,398'", "'20'"])
def test_counts_up_to_two_to_the_62_load(count: str) -> None:
    loaded = load_scenario_text(scenario(COUNT=count))
    expected = int(count.strip("'").replace(",", ""))
    assert loaded.scenario.flights[0].count.min == loaded.scenario.flights[0].count.max == expected


def test_a_count_range_and_an_open_count_take_thousands_separators() -> None:
    ranged = scenario(COUNT="\n      min: 1,000\n      max: 2,000")
    count = load_scenario_text(ranged).scenario.flights[0].count
    assert (count.min, count.max) == (1_000, 2_000)
    flow = load_scenario_text(scenario(COUNT="{min: '1,000', max: '4,611,686,018,427,387,904'}"))
    assert (flow.scenario.flights[0].count.min, flow.scenario.flights[0].count.max) == (
        1_000,
        LARGEST,
    )
    opened = load_scenario_text(scenario(COUNT="{min: '1,398'}")).scenario.flights[0].count
    assert (opened.min, opened.max) == (1_398, None)


@pytest.mark.parametrize(
    ("key", "value", "interval"),
    [
        ("at_least", "1,000", (1_000, None)),
        ("at_most", "'12,500'", (0, 12_500)),
        ("equals", str(LARGEST), (LARGEST, LARGEST)),
        ("between", "['1,000', '2,000']", (1_000, 2_000)),
        ("between", "\n      - 1,000\n      - 2,000", (1_000, 2_000)),
    ],
)
def test_claim_bounds_take_thousands_separators_up_to_two_to_the_62(
    key: str, value: str, interval: tuple[int, int | None]
) -> None:
    text = scenario().replace("at_least: 1", f"{key}: {value}")
    [claim] = load_scenario_text(text).scenario.claims
    assert claim.interval == interval


@pytest.mark.parametrize(
    ("count", "shown"),
    [
        (str(2**62 + 1), "4,611,686,018,427,387,905"),
        (str(2**63), TWO_63),
        ("'9,223,372,036,854,775,808'", TWO_63),
        ("'10,000,000,000,000,000,000'", "'10,000,000,000,000,000,000'"),
        ("9" * 4301, "'999999999"),
        ("'" + "9" * 5000 + "'", "(5,000 characters)"),
        ("0x" + "f" * 40, "1,461,501,637,330,902,918,203,684,832,716,283,019,655,932,542,975"),
    ],
)
def test_larger_counts_are_refused_naming_the_largest(count: str, shown: str) -> None:
    problem = only_problem(COUNT=count)
    assert problem.message.startswith("count ")
    assert shown in problem.message
    assert problem.message.endswith(f"is too large: the largest accepted count is {TWO_62}")


def test_a_count_range_is_checked_at_both_ends() -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(scenario(COUNT=f"{{min: 0, max: {2**63}}}"), "n.yaml")
    [problem] = info.value.problems
    assert (problem.line, problem.column, problem.field_name) == (14, 26, "flights[0].count.max")
    assert problem.message.startswith(f"count {TWO_63} is too large")


def test_a_count_too_large_is_named_exactly_as_in_the_issue() -> None:
    problem = only_problem(COUNT=str(2**63))
    assert problem.message == f"count {TWO_63} is too large: the largest accepted count is {TWO_62}"


@pytest.mark.parametrize(
    "bound",
    [str(2**63), str(2**63 - 1), "'" + "1" * 4400 + "'", "1" * 4400, "10,000,000,000,000,000,000"],
)
def test_larger_bounds_are_refused_naming_the_largest(bound: str) -> None:
    problem = only_problem(BOUND=bound)
    assert problem.message.startswith("bound ")
    assert problem.message.endswith(f"the largest accepted bound is {TWO_62}")


@pytest.mark.parametrize("key", ["at_most", "equals"])
def test_every_bound_key_is_limited(key: str) -> None:
    text = scenario().replace("at_least: 1", f"{key}: {2**63}")
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text)
    [problem] = info.value.problems
    assert problem.field_name == f"claims[0].{key}" and "too large" in problem.message


def test_a_between_end_is_limited() -> None:
    text = scenario().replace("at_least: 1", f"between: [0, {2**63}]")
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text)
    [problem] = info.value.problems
    assert problem.field_name == "claims[0].between[1]" and "bound 9,223" in problem.message


@pytest.mark.parametrize(
    ("count", "fragment"),
    [
        ("-1", "must be at least 0"),
        ("'-1,000'", "must be at least 0"),
        ("'-" + "9" * 30 + "'", "must not be negative"),
        (".nan", "found the number nan"),
        (".inf", "found the number inf"),
        ("20.0", "expected a whole number"),
        ("'1,00'", "found the text '1,00'"),
        ("about 20", "expected a whole number of flights or a range"),
    ],
)
def test_bad_counts_are_refused(count: str, fragment: str) -> None:
    assert fragment in only_problem(COUNT=count).message


def test_a_huge_count_from_python_is_refused_without_a_crash() -> None:
    data = {
        "title": "t",
        "airfields": {"A": {}},
        "aircraft": {"X": {"payload": "1 t"}},
        "cargo": {"c": {"kind": "k", "mass": "1 kg"}},
        "flights": [{"id": "g", "aircraft": "X", "count": 10**5000, "from": "A", "to": "A"}],
    }
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(data)
    [problem] = info.value.problems
    assert "(5,001 digits) is too large" in problem.message


# --- masses, lengths and limit amounts: at most 2**62 in kg, cm or units ------------------


@pytest.mark.parametrize(
    "payload", [f"{LARGEST} kg", "4,611,686,018,427,387.904 t", "0.001 kg", "106,000 lb"]
)
def test_masses_up_to_two_to_the_62_kg_load(payload: str) -> None:
    load_scenario_text(scenario(PAYLOAD=f"'{payload}'"))


@pytest.mark.parametrize(
    ("payload", "largest"),
    [
        (f"{LARGEST + 1} kg", f"{TWO_62} kg"),
        ("4,611,686,018,427,388 t", f"{TWO_62} kg (about 4,611,686,018,427,387 t)"),
        ("20,000,000,000,000,000,000 lb", f"{TWO_62} kg (about 10,167,027,321,088,729,742 lb)"),
        ("9" * 4301 + " kg", f"{TWO_62} kg"),
        ("0" * 5000 + "9" * 30 + " kg", f"{TWO_62} kg"),
    ],
)
def test_larger_masses_are_refused_naming_the_largest(payload: str, largest: str) -> None:
    problem = only_problem(PAYLOAD=f"'{payload}'")
    assert problem.message.endswith(f"is too large: the largest accepted mass is {largest}")


@pytest.mark.parametrize(
    "payload",
    ["1.0000000000000000000001 kg", "0.1234567890123456789012345 t", "0." + "1" * 5000 + " t"],
)
def test_masses_too_precise_to_hold_exactly_are_refused(payload: str) -> None:
    message = only_problem(PAYLOAD=f"'{payload}'").message
    assert "is too precise to compute with exactly" in message
    assert "round it to fewer decimal places" in message


@pytest.mark.parametrize(
    ("unit", "dimension"),
    [*((u, Dimension.MASS) for u in MASS_UNITS), *((u, Dimension.LENGTH) for u in LENGTH_UNITS)],
)
def test_ten_digits_and_ten_decimals_always_fit_as_the_guide_says(
    unit: str, dimension: Dimension
) -> None:
    for text in ("9,999,999,999", "123,456.7891", "9.999999999", "0.9999999999", "0.0000000001"):
        parse_quantity(f"{text} {unit}", dimension)


def test_trailing_zeros_and_leading_zeros_are_not_precision() -> None:
    payload = "'" + "0" * 5000 + "48." + "0" * 5000 + " t'"
    loaded = load_scenario_text(scenario(PAYLOAD=payload))
    assert loaded.scenario.aircraft["X"].payload.max.value == 48_000


@pytest.mark.parametrize(
    ("limit", "fragment"),
    [
        (str(2**62 + 1), "count 4,611,686,018,427,387,905 is too large"),
        ("'9,223,372,036,854,775,808'", "count '9,223,372,036,854,775,808' is too large"),
        ("1e30", "count 1e+30 is too large"),
        ("'" + "9" * 4301 + "'", "(4,301 characters) is too large"),
        ("'" + "9" * 4301 + " kg'", "the largest accepted mass is"),
        ("'" + "9" * 4301 + " m'", "the largest accepted length is"),
        ("'0." + "1" * 4400 + " m'", "too precise"),
        ("'0." + "1" * 4400 + "'", "expected a whole number"),
        (".nan", "expected a whole number, got nan"),
        (".inf", "expected a whole number, got inf"),
        ("-3", "must not be negative"),
    ],
)
def test_limit_amounts_of_any_length_are_located_problems(limit: str, fragment: str) -> None:
    assert fragment in only_problem(LIMIT=limit).message


def test_a_limit_of_two_to_the_62_units_loads() -> None:
    loaded = load_scenario_text(scenario(LIMIT=str(LARGEST)))
    assert loaded.scenario.aircraft["X"].limits["slots"].max.value == LARGEST


def test_limit_ranges_are_checked_at_both_ends() -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(scenario(LIMIT=f"{{min: 1, max: {2**63}}}"), "n.yaml")
    [problem] = info.value.problems
    assert problem.field_name == "aircraft.X.limits.slots.max" and "too large" in problem.message


# --- coordinates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lat", "fragment"),
    [
        (".nan", "expected a number of degrees, found nan"),
        (".inf", "expected a number of degrees, found inf"),
        ("'-inf'", "expected a number of degrees, found '-inf'"),
        ("9" * 5000, "must be at most 90"),
        ("'" + "9" * 5000 + "'", "must be at most 90"),
    ],
)
def test_coordinates_are_finite(lat: str, fragment: str) -> None:
    assert fragment in only_problem(LAT=lat).message


# --- the parsers themselves ---------------------------------------------------------------


@pytest.mark.parametrize("text", ["1" * 4301 + " kg", "1" * 4301 + " m"])
def test_the_quantity_parser_never_converts_thousands_of_digits(text: str) -> None:
    dimension = Dimension.MASS if text.endswith("kg") else Dimension.LENGTH
    with pytest.raises(UnitError, match="too large"):
        parse_quantity(text, dimension)
    with pytest.raises(UnitError, match="too large"):
        parse_amount(text)


def test_the_amount_parser_reads_counts_exactly() -> None:
    assert parse_amount(str(2**53 + 1)).value == 2**53 + 1  # a float would give 2**53
    assert parse_amount("1,000").value == Fraction(1_000)
    assert parse_amount("12.0").value == 12
    with pytest.raises(UnitError, match="whole number"):
        parse_amount("12.5")


def test_numbers_are_shown_without_converting_huge_ones_to_text() -> None:
    assert show_number(2**63) == TWO_63
    assert show_number(-(10**4400) + 1) == "-999,…,999 (4,400 digits)"
    assert decimal_digits(10**4400) == 4401
    assert decimal_digits(10**4400 - 1) == 4400
    assert decimal_digits(0) == 1


def test_a_between_split_at_its_thousands_separators_says_to_quote() -> None:
    text = scenario().replace("at_least: 1", "between: [1,000, 2,000]")
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text)
    [problem] = info.value.problems
    assert problem.field_name == "claims[0].between"
    assert problem.message.startswith("expected 2 items, found 4; inside [...] a comma")
    assert problem.message.endswith('e.g. ["1,000", "2,000"]')


def test_a_between_with_too_many_items_otherwise_says_only_that() -> None:
    text = scenario().replace("at_least: 1", "between: [a, b, c]")
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text)
    assert info.value.problems[0].message == "expected 2 items, found 3"
