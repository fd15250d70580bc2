"""Quantities with explicit units, parsed exactly.

Scenario files write ``48 t``, ``106,000 lb`` or ``7.5 m``. We parse them into
exact :class:`~fractions.Fraction` values in a base unit (kg for mass, cm for
length) so that no precision is lost before the model decides, with a known
direction, how to round to integers. A bare number where a unit is needed is an
error, and so is the ambiguous ``ton``: we never guess a unit.

A value above :data:`~airlift.scenario.numeric.LARGEST` in its base unit, or one whose
exact fraction in the base unit needs a numerator or denominator above it, is refused:
the engine could not decide it exactly (see :mod:`airlift.scenario.numeric`). The text
of a number is checked for length before it is converted, so that no digit string, however
long, reaches ``int()`` or ``Fraction()`` beyond what they convert quickly.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from airlift.scenario.numeric import LARGEST, show_number, significant_digits, too_large
from airlift.scenario.quoting import quoted

__all__ = [
    "LENGTH_UNITS",
    "MASS_UNITS",
    "Dimension",
    "Quantity",
    "UnitError",
    "near_unit",
    "parse_amount",
    "parse_quantity",
    "parse_unit",
    "split_quantity",
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


#: Significant digits before the decimal point beyond which a number is too large in any
#: unit (10**40 mm is far above LARGEST cm), and after it beyond which it is too precise
#: in any unit (a unit factor cancels at most 5**5 of a denominator of 2**100 or more).
_MOST_WHOLE_DIGITS = 40
_MOST_DECIMALS = 100


class _TooLarge(Exception):
    """A number's text has more whole digits than any accepted value."""


class _TooPrecise(Exception):
    """A number's text has more decimals than any accepted value can hold exactly."""


def _exact(number: str) -> Fraction:
    """The exact value of a number's text (``-1,234.50``), checked for length first."""
    sign = "-" if number.startswith("-") else ""
    whole, _, decimals = number.lstrip("+-").replace(",", "").partition(".")
    whole, decimals = whole.lstrip("0") or "0", decimals.rstrip("0")
    if significant_digits(whole) > _MOST_WHOLE_DIGITS:
        raise _TooLarge
    if len(decimals) > _MOST_DECIMALS:
        raise _TooPrecise
    return Fraction(f"{sign}{whole}.{decimals or '0'}")


def _base_value(raw: str, number: str, unit: str, dimension: Dimension) -> Fraction:
    """``number`` ``unit`` in the base unit; refused when the engine could not hold it."""
    factor = _UNITS[dimension][unit]
    try:
        value = _exact(number) * factor
    except _TooLarge:
        raise UnitError(_too_large_quantity(raw, unit, dimension)) from None
    except _TooPrecise:
        raise UnitError(_too_precise(raw, dimension)) from None
    if value < 0:
        return value  # refused by the schema, which says whether zero is allowed
    if value > LARGEST:
        raise UnitError(_too_large_quantity(raw, unit, dimension))
    if value.numerator > LARGEST or value.denominator > LARGEST:
        raise UnitError(_too_precise(raw, dimension))
    return value


def _too_large_quantity(raw: str, unit: str, dimension: Dimension) -> str:
    """``'5e30 t' is too large: the largest accepted mass is 4,611,... kg (about ... t)``"""
    base = BASE_UNIT[dimension]
    largest = f"{LARGEST:,} {base}"
    if unit != base:
        in_unit = Fraction(LARGEST) / _UNITS[dimension][unit]
        about = "" if in_unit.denominator == 1 else "about "
        largest += f" ({about}{math.floor(in_unit):,} {unit})"
    return f"{quoted(raw.strip())} is too large: the largest accepted {dimension} is {largest}"


def _too_precise(raw: str, dimension: Dimension) -> str:
    base = BASE_UNIT[dimension]
    return (
        f"{quoted(raw.strip())} is too precise to compute with exactly: in {base} it is a "
        f"fraction whose numerator or denominator is above {LARGEST:,}; round it to fewer "
        "decimal places"
    )


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

    @property
    def unit(self) -> str | None:
        """The unit the quantity was written in (``'t'``, ``'short_ton'``); None for a count."""
        if self.dimension is Dimension.COUNT:
            return None
        split = split_quantity(self.text)
        return split[1] if split is not None else None


def split_quantity(text: str) -> tuple[str, str | None] | None:
    """The number and the unit of a quantity's text (``'1,000 t'`` gives ``('1,000', 't')``,
    ``'12.5'`` gives ``('12.5', None)``); None when the text is not a number and a word."""
    match = _QUANTITY_RE.match(text)
    if match is None:
        return None
    return match.group("number"), match.group("unit")


def _unit_hint(unit: str, dimension: Dimension) -> str:
    lowered = unit.lower()
    if lowered in _AMBIGUOUS:
        return _AMBIGUOUS[lowered]
    valid = list(_UNITS[dimension])
    alias = _ALIASES.get(lowered)
    if alias in valid:
        return f"unknown unit {quoted(unit)}; did you mean '{alias}'?"
    if lowered in valid:
        return f"unknown unit {quoted(unit)}; units are case-sensitive: did you mean '{lowered}'?"
    close = difflib.get_close_matches(unit, valid, n=1)
    hint = f" did you mean '{close[0]}'?" if close else ""
    return f"unknown {dimension} unit {quoted(unit)};{hint} valid units: {', '.join(valid)}"


def near_unit(unit: str, dimension: Dimension) -> bool:
    """Whether ``unit`` is a unit of ``dimension`` or a near miss of one that a message can
    name: the ambiguous ``ton``, an alias (``tonnes``), another case (``KG``), a close
    misspelling, or a unit of another dimension. ``missiles`` is none of these."""
    lowered = unit.lower()
    valid = list(_UNITS[dimension])
    return (
        unit in valid
        or lowered in _AMBIGUOUS
        or lowered in _ALIASES
        or lowered in valid
        or any(unit in units for units in _UNITS.values())
        or bool(difflib.get_close_matches(unit, valid, n=1))
    )


def parse_unit(raw: object, dimension: Dimension) -> str:
    """A unit name alone (``t``, ``short_ton``), checked like the unit of a quantity;
    raise :class:`UnitError` saying what to write instead (``ton`` is ambiguous)."""
    if not isinstance(raw, str):
        raise UnitError(f"expected a {dimension} unit: {', '.join(_UNITS[dimension])}")
    unit = raw.strip()
    if unit in _UNITS[dimension]:
        return unit
    other = next((d for d, units in _UNITS.items() if unit in units and d != dimension), None)
    if other is not None:
        raise UnitError(f"{quoted(unit)} is a {other} unit, but a {dimension} unit is needed here")
    raise UnitError(_unit_hint(unit, dimension))


def parse_quantity(raw: object, dimension: Dimension) -> Quantity:
    """Parse ``raw`` (e.g. ``"106,000 lb"``) as a mass or length; raise :class:`UnitError`."""
    if dimension is Dimension.COUNT:
        return parse_count(raw)
    example = "48 t" if dimension is Dimension.MASS else "7.5 m"
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise UnitError(f"expected a {dimension} with a unit, such as '{example}'")
    if isinstance(raw, int | float):
        shown = show_number(raw) if isinstance(raw, int) else str(raw)
        raise UnitError(
            f"{shown} has no unit; write the {dimension} with one, such as '{shown} "
            f"{example.split()[1]}' (valid units: {', '.join(_UNITS[dimension])})"
        )
    match = _QUANTITY_RE.match(raw)
    if match is None:
        raise UnitError(
            f"cannot read {quoted(raw)} as a {dimension}; write a number and a unit, such as "
            f"'{example}' (use ',' only as a thousands separator: '106,000 lb')"
        )
    unit = match.group("unit")
    if unit is None:
        raise UnitError(
            f"{quoted(raw)} has no unit; write the {dimension} with one "
            f"(valid units: {', '.join(_UNITS[dimension])})"
        )
    if unit not in _UNITS[dimension]:
        other = next((d for d, units in _UNITS.items() if unit in units and d != dimension), None)
        if other is not None:
            raise UnitError(f"{quoted(raw)} is a {other}, but a {dimension} is needed here")
        raise UnitError(_unit_hint(unit, dimension))
    value = _base_value(raw, match.group("number"), unit, dimension)
    return Quantity(value, dimension, raw.strip())


def parse_count(raw: object) -> Quantity:
    """Parse a whole, unitless number (a count of slots, seats, pallet positions)."""
    if isinstance(raw, bool):
        raise UnitError("expected a whole number")
    if isinstance(raw, int):
        return _count(raw, show_number(raw))
    if isinstance(raw, float) and not math.isfinite(raw):
        raise UnitError(f"expected a whole number, got {raw}")
    if isinstance(raw, float) and raw.is_integer():
        return _count(int(raw), str(raw))
    shown = quoted(raw) if isinstance(raw, str) else repr(raw)
    raise UnitError(
        f"expected a whole number, got {shown}; to count halves, double the limit and the uses"
    )


def _count(number: int, shown: str) -> Quantity:
    """A count, refused above LARGEST (a negative one is refused by the schema)."""
    if number > LARGEST:
        raise UnitError(too_large("count", shown))
    return Quantity(Fraction(number), Dimension.COUNT, str(number))


def parse_amount(raw: object) -> Quantity:
    """Parse a loading-limit amount: a whole count (``12``) or a mass or length (``20 m``)."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return parse_count(raw)
    if isinstance(raw, str):
        match = _QUANTITY_RE.match(raw)
        unit = match.group("unit") if match else None
        if match is not None and unit is None:
            return _count_text(raw, match.group("number"))
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
            raise UnitError(f"unknown unit {quoted(unit)};{hint} valid units: {', '.join(valid)}")
    shown = quoted(raw) if isinstance(raw, str) else repr(raw)
    raise UnitError(
        f"cannot read {shown} as an amount; write a whole count ('12'), a mass ('2 t') "
        "or a length ('8 m')"
    )


def _count_text(raw: str, number: str) -> Quantity:
    """A count written as text (``'12'``, ``'1,000'``), read exactly."""
    try:
        value = _exact(number)
    except _TooLarge:
        raise UnitError(too_large("count", quoted(raw.strip()))) from None
    except _TooPrecise:
        value = Fraction(1, 2)  # not whole, whatever its digits
    if value.denominator != 1:
        raise UnitError(
            f"expected a whole number, got {quoted(raw.strip())}; to count halves, double "
            "the limit and the uses"
        )
    return _count(value.numerator, quoted(raw.strip()))
