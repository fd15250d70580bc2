"""Quantities with units, read exactly, through the parser and through a scenario file."""

from __future__ import annotations

from fractions import Fraction

import pytest

from airlift.errors import ScenarioError
from airlift.scenario import load_scenario_text
from airlift.scenario.units import Dimension, UnitError, parse_amount, parse_quantity

# Definitions (international yard and pound agreement, 1959; nautical mile, 1929).
LB = Fraction(45359237, 100_000_000)  # kg
FT = Fraction(3048, 100)  # cm
INCH = FT / 12

MASSES = [
    ("850 kg", Fraction(850)),
    ("48 t", Fraction(48_000)),
    ("2.3 t", Fraction(2_300)),
    ("1 lb", LB),
    ("106,000 lb", 106_000 * LB),
    ("1 short_ton", 2_000 * LB),
    ("1 long_ton", 2_240 * LB),
    ("1,234,567.5 kg", Fraction(2_469_135, 2)),
    ("  12.5t ", Fraction(12_500)),
]
LENGTHS = [
    ("7.5 m", Fraction(750)),
    ("30 cm", Fraction(30)),
    ("5 mm", Fraction(1, 2)),
    ("1.2 km", Fraction(120_000)),
    ("1 ft", FT),
    ("12 in", FT),
    ("1 in", INCH),
    ("1 nmi", Fraction(185_200)),
]


@pytest.mark.parametrize(("text", "kg"), MASSES)
def test_masses_are_exact_kilograms(text: str, kg: Fraction) -> None:
    q = parse_quantity(text, Dimension.MASS)
    assert q.value == kg and q.dimension is Dimension.MASS
    assert isinstance(q.value, Fraction)


def test_106000_lb_is_exactly_48080_79122_kg() -> None:
    assert parse_quantity("106,000 lb", Dimension.MASS).value == Fraction("48080.79122")


@pytest.mark.parametrize(("text", "cm"), LENGTHS)
def test_lengths_are_exact_centimetres(text: str, cm: Fraction) -> None:
    q = parse_quantity(text, Dimension.LENGTH)
    assert q.value == cm and q.dimension is Dimension.LENGTH


@pytest.mark.parametrize("text", ["2.8 ton", "3 tons", "2.8 Ton"])
def test_ton_is_ambiguous(text: str) -> None:
    with pytest.raises(UnitError, match="ambiguous"):
        parse_quantity(text, Dimension.MASS)


@pytest.mark.parametrize("raw", [48, 2.5, "48", "106,000"])
def test_bare_numbers_are_rejected(raw: object) -> None:
    with pytest.raises(UnitError, match="no unit"):
        parse_quantity(raw, Dimension.MASS)


@pytest.mark.parametrize(
    "text",
    ["1,00 t", "10,0000 kg", ",100 kg", "1,000,00 lb", "2.300,5 kg", "1.000.000 kg", "1 000 kg"],
)
def test_bad_thousands_separators_are_rejected(text: str) -> None:
    with pytest.raises(UnitError, match="cannot read"):
        parse_quantity(text, Dimension.MASS)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("48 kgs", "did you mean 'kg'?"),
        ("48 T", "did you mean 't'?"),
        ("8 m", "is a length"),
        ("48 stone", "valid units"),
        ("", "cannot read"),
        ("t", "cannot read"),
    ],
)
def test_unknown_or_misplaced_units_say_what_to_write(text: str, fragment: str) -> None:
    with pytest.raises(UnitError) as info:
        parse_quantity(text, Dimension.MASS)
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("raw", "dimension", "value"),
    [
        (12, Dimension.COUNT, Fraction(12)),
        ("12", Dimension.COUNT, Fraction(12)),
        ("20 m", Dimension.LENGTH, Fraction(2_000)),
        ("2 t", Dimension.MASS, Fraction(2_000)),
    ],
)
def test_limit_amounts_are_counts_masses_or_lengths(
    raw: object, dimension: Dimension, value: Fraction
) -> None:
    q = parse_amount(raw)
    assert (q.dimension, q.value) == (dimension, value)


def test_half_counts_are_refused() -> None:
    with pytest.raises(UnitError, match="whole number"):
        parse_amount(1.5)


SCENARIO = """\
title: units
airfields: {A: {}, B: {}}
aircraft:
  C-5M: {payload: '281,001 lb', limits: {deck: 36.91 m, pallets: 36}}
cargo:
  box: {kind: box, mass: MASS, uses: {deck: 88 in, pallets: 1}}
flights:
  - {id: g, aircraft: C-5M, count: 1, from: A, to: B}
"""


def test_units_through_a_scenario_file() -> None:
    s = load_scenario_text(SCENARIO.replace("MASS", "'2,000 lb'")).scenario
    assert s.aircraft["C-5M"].payload.max.value == 281_001 * LB
    assert s.aircraft["C-5M"].limits["deck"].min.value == 3_691
    assert s.cargo["box"].mass.min.value == 2_000 * LB
    assert s.cargo["box"].uses["deck"].max.value == 88 * INCH


@pytest.mark.parametrize(
    ("mass", "fragment"),
    [
        ("2 ton", "ambiguous"),
        ("2000", "no unit"),
        ("'1,00 t'", "cannot read"),
        ("-2 t", "more than zero"),
    ],
)
def test_bad_masses_in_a_file_are_located(mass: str, fragment: str) -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(SCENARIO.replace("MASS", mass), "u.yaml")
    [problem] = info.value.problems
    assert (problem.line, problem.column, problem.field_name) == (6, 26, "cargo.box.mass")
    assert fragment in problem.message


def test_unquoted_thousands_separator_in_a_flow_mapping_gets_a_hint() -> None:
    # YAML ends a plain value at a comma inside {...}: "2,000 lb" reads as 2 and a key "000 lb"
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(SCENARIO.replace("MASS", "2,000 lb"), "u.yaml")
    messages = {p.field_name: p.message for p in info.value.problems}
    assert "no unit" in messages["cargo.box.mass"]
    assert "must be quoted" in messages["cargo.box.000 lb"]
