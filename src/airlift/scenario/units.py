"""Quantities with explicit units, parsed exactly.

Scenario files write ``48 t``, ``106,000 lb`` or ``7.5 m``. We parse them into
exact :class:`~fractions.Fraction` values in a base unit (kg for mass, cm for
length) so that no precision is lost before the model decides, with a known
direction, how to round to integers. A bare number where a unit is needed is an
error, and so is the ambiguous ``ton``: we never guess a unit.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

__all__ = [
    "LENGTH_UNITS",
    "MASS_UNITS",
    "Dimension",
    "Quantity",
    "UnitError",
    "parse_amount",
    "parse_quantity",
]


class Dimension(StrEnum):
    """What a quantity measures; its base unit is given by :data:`BASE_UNIT`."""

    MASS = "mass"
    LENGTH = "length"
    COUNT = "count"


BASE_UNIT = {Dimension.MASS: "kg", Dimension.LENGTH: "cm", Dimension.COUNT: ""}

#: Mass units, in kilograms per unit (exact by definition).
MASS_UNITS: dict[str, Fraction] = {
    "kg": Fraction(1),
    "t": Fraction(1000),
    "lb": Fraction("0.45359237"),
    "short_ton": Fraction("907.18474"),
    "long_ton": Fraction("1016.0469088"),
}

#: Length units, in centimetres per unit (exact by definition).
LENGTH_UNITS: dict[str, Fraction] = {
    "m": Fraction(100),
    "cm": Fraction(1),
    "mm": Fraction(1, 10),
    "km": Fraction(100_000),
    "ft": Fraction("30.48"),
    "in": Fraction("2.54"),
    "nmi": Fraction(185_200),
}

_UNITS = {Dimension.MASS: MASS_UNITS, Dimension.LENGTH: LENGTH_UNITS}

#: Spellings people use that we refuse to interpret, with what to write instead.
_AMBIGUOUS = {
    "ton": "'ton' is ambiguous; write 't' (metric tonne), 'short_ton' or 'long_ton'",
    "tons": "'tons' is ambiguous; write 't' (metric tonne), 'short_ton' or 'long_ton'",
}
_ALIASES = {
    "tonne": "t",
    "tonnes": "t",
    "mt": "t",
    "kgs": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "lbs": "lb",
    "pound": "lb",
    "pounds": "lb",
    "meter": "m",
    "meters": "m",
    "metre": "m",
    "metres": "m",
    "feet": "ft",
    "foot": "ft",
    "inch": "in",
    "inches": "in",
    "nm": "nmi",
    "short_tons": "short_ton",
    "long_tons": "long_ton",
}

_NUMBER = r"(?P<number>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
_QUANTITY_RE = re.compile(rf"^\s*{_NUMBER}\s*(?P<unit>[A-Za-z_]+)?\s*$")


class UnitError(ValueError):
    """A quantity could not be read; the message is written for the user."""


@dataclass(frozen=True)
class Quantity:
    """An exact amount in its dimension's base unit, with the text it came from."""

    value: Fraction
    dimension: Dimension
    text: str

    def __str__(self) -> str:
        return self.text

    @property
    def base_unit(self) -> str:
        return BASE_UNIT[self.dimension]


def _unit_hint(unit: str, dimension: Dimension) -> str:
    lowered = unit.lower()
    if lowered in _AMBIGUOUS:
        return _AMBIGUOUS[lowered]
    valid = list(_UNITS[dimension])
    alias = _ALIASES.get(lowered)
    if alias in valid:
        return f"unknown unit '{unit}'; did you mean '{alias}'?"
    if lowered in valid:
        return f"unknown unit '{unit}'; units are case-sensitive: did you mean '{lowered}'?"
    close = difflib.get_close_matches(unit, valid, n=1)
    hint = f" did you mean '{close[0]}'?" if close else ""
    return f"unknown {dimension} unit '{unit}';{hint} valid units: {', '.join(valid)}"


def parse_quantity(raw: object, dimension: Dimension) -> Quantity:
    """Parse ``raw`` (e.g. ``"106,000 lb"``) as a mass or length; raise :class:`UnitError`."""
    if dimension is Dimension.COUNT:
        return parse_count(raw)
    example = "48 t" if dimension is Dimension.MASS else "7.5 m"
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise UnitError(f"expected a {dimension} with a unit, such as '{example}'")
    if isinstance(raw, int | float):
        raise UnitError(
            f"{raw} has no unit; write the {dimension} with one, such as '{raw} "
            f"{example.split()[1]}' (valid units: {', '.join(_UNITS[dimension])})"
        )
    match = _QUANTITY_RE.match(raw)
    if match is None:
        raise UnitError(
            f"cannot read '{raw}' as a {dimension}; write a number and a unit, such as "
            f"'{example}' (use ',' only as a thousands separator: '106,000 lb')"
        )
    unit = match.group("unit")
    if unit is None:
        raise UnitError(
            f"'{raw}' has no unit; write the {dimension} with one "
            f"(valid units: {', '.join(_UNITS[dimension])})"
        )
    factors = _UNITS[dimension]
    if unit not in factors:
        other = next((d for d, units in _UNITS.items() if unit in units and d != dimension), None)
        if other is not None:
            raise UnitError(f"'{raw}' is a {other}, but a {dimension} is needed here")
        raise UnitError(_unit_hint(unit, dimension))
    number = Fraction(match.group("number").replace(",", ""))
    return Quantity(number * factors[unit], dimension, raw.strip())


def parse_count(raw: object) -> Quantity:
    """Parse a whole, unitless number (a count of slots, seats, pallet positions)."""
    if isinstance(raw, bool):
        raise UnitError("expected a whole number")
    if isinstance(raw, int):
        return Quantity(Fraction(raw), Dimension.COUNT, str(raw))
    if isinstance(raw, float) and raw.is_integer():
        return Quantity(Fraction(int(raw)), Dimension.COUNT, str(int(raw)))
    raise UnitError(
        f"expected a whole number, got {raw!r}; to count halves, double the limit and the uses"
    )


def parse_amount(raw: object) -> Quantity:
    """Parse a loading-limit amount: a whole count (``12``) or a mass or length (``20 m``)."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return parse_count(raw)
    if isinstance(raw, str):
        match = _QUANTITY_RE.match(raw)
        unit = match.group("unit") if match else None
        if match is not None and unit is None:
            return parse_count(float(match.group("number").replace(",", "")))
        for dimension, units in _UNITS.items():
            if unit in units:
                return parse_quantity(raw, dimension)
        if unit is not None:
            if unit.lower() in _AMBIGUOUS:
                raise UnitError(_AMBIGUOUS[unit.lower()])
            valid = [*MASS_UNITS, *LENGTH_UNITS]
            alias = _ALIASES.get(unit.lower())
            close = [alias] if alias else difflib.get_close_matches(unit, valid, n=1)
            hint = f" did you mean '{close[0]}'?" if close else ""
            raise UnitError(f"unknown unit '{unit}';{hint} valid units: {', '.join(valid)}")
    raise UnitError(
        f"cannot read {raw!r} as an amount; write a whole count ('12'), a mass ('2 t') "
        "or a length ('8 m')"
    )
