"""Times, durations and speeds of a schedule, parsed exactly.

A schedule writes durations as ``3.5 h`` or ``45 min``, speeds as ``750 km/h`` or
``405 kn``, and moments as ISO-8601 UTC with a ``Z`` (``2022-11-09T00:00Z``). Like masses
and lengths (:mod:`airlift.scenario.units`), every amount needs its unit, read into an
exact :class:`~fractions.Fraction` of a base unit (minutes for a duration, km/h for a
speed), and nothing is guessed: a bare number, ``hr`` or ``knots`` is refused with what to
write instead, and a moment without its zone is refused (sources in local time must be
converted first). These dimensions live apart from the load model's units so that a
loading limit can never be written in hours.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass
from fractions import Fraction

from airlift.scenario.numeric import LARGEST
from airlift.scenario.quoting import quoted
from airlift.tracks.times import TimeError, parse_leg_time

__all__ = [
    "DURATION_UNITS",
    "SPEED_UNITS",
    "Rate",
    "Span",
    "UnitError",
    "parse_duration",
    "parse_instant",
    "parse_rate",
    "parse_speed",
]

#: Duration units, in minutes per unit (exact).
DURATION_UNITS: dict[str, Fraction] = {"h": Fraction(60), "min": Fraction(1)}
#: Speed units, in km/h per unit (exact: one knot is 1.852 km/h by definition).
SPEED_UNITS: dict[str, Fraction] = {"km/h": Fraction(1), "kn": Fraction("1.852")}

_ALIASES = {
    "hr": "h",
    "hrs": "h",
    "hour": "h",
    "hours": "h",
    "mins": "min",
    "minute": "min",
    "minutes": "min",
    "m": "min",
    "kmh": "km/h",
    "kph": "km/h",
    "km/hr": "km/h",
    "kt": "kn",
    "kts": "kn",
    "knot": "kn",
    "knots": "kn",
}
_NUMBER = r"(?P<number>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,9})?)"
_AMOUNT_RE = re.compile(rf"^\s*{_NUMBER}\s*(?P<unit>[A-Za-z/]+)?\s*$")
#: JSON Schema patterns of the texts the parsers accept.
DURATION_PATTERN = r"^\s*(\d{1,3}(,\d{3})+|\d+)(\.\d{1,9})?\s*(h|min)\s*$"
SPEED_PATTERN = r"^\s*(\d{1,3}(,\d{3})+|\d+)(\.\d{1,9})?\s*(km/h|kn)\s*$"
INSTANT_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|\+00:?00)$"


class UnitError(ValueError):
    """An amount could not be read; the message is written for the user."""


@dataclass(frozen=True)
class Span:
    """A duration or a speed: an exact amount in its base unit, with the text it came from."""

    value: Fraction  #: minutes for a duration, km/h for a speed
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Rate:
    """A plain decimal number (``2.5`` sorties per airframe per day), exact."""

    value: Fraction
    text: str

    def __str__(self) -> str:
        return self.text


def _amount(raw: object, units: dict[str, Fraction], what: str, example: str) -> Span:
    if isinstance(raw, Span):
        return raw
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise UnitError(f"expected a {what} with a unit, such as '{example}'")
    if isinstance(raw, int | float):
        raise UnitError(
            f"{raw} has no unit; write the {what} with one, such as '{raw} "
            f"{example.split()[1]}' (valid units: {', '.join(units)})"
        )
    match = _AMOUNT_RE.match(raw)
    if match is None:
        raise UnitError(
            f"cannot read {quoted(raw)} as a {what}; write a number and a unit, such as '{example}'"
        )
    unit = match["unit"]
    if unit is None:
        raise UnitError(
            f"{quoted(raw)} has no unit; write the {what} with one (valid units: "
            f"{', '.join(units)})"
        )
    if unit not in units:
        alias = _ALIASES.get(unit.lower())
        if alias in units:
            raise UnitError(f"unknown unit {quoted(unit)}; did you mean '{alias}'?")
        close = difflib.get_close_matches(unit, list(units), n=1)
        hint = f" did you mean '{close[0]}'?" if close else ""
        raise UnitError(
            f"unknown {what} unit {quoted(unit)};{hint} valid units: {', '.join(units)}"
        )
    value = Fraction(match["number"].replace(",", "")) * units[unit]
    if value > LARGEST:
        raise UnitError(f"{quoted(raw.strip())} is too large")
    return Span(value, raw.strip())


def parse_duration(raw: object) -> Span:
    """``3.5 h`` or ``45 min`` as exact minutes; raise :class:`UnitError`."""
    return _amount(raw, DURATION_UNITS, "duration", "3.5 h")


def parse_speed(raw: object) -> Span:
    """``750 km/h`` or ``405 kn`` as exact km/h; raise :class:`UnitError`."""
    return _amount(raw, SPEED_UNITS, "speed", "750 km/h")


def parse_rate(raw: object) -> Rate:
    """A plain number of at most nine decimals (``2``, ``2.5``), exact."""
    if isinstance(raw, Rate):
        return raw
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise UnitError("expected a number, such as 2 or 2.5")
    text = str(raw).strip()
    if re.fullmatch(r"\d+(\.\d{1,9})?", text) is None:
        raise UnitError(f"expected a number such as 2 or 2.5, got {quoted(text)}")
    value = Fraction(text)
    if value > LARGEST:
        raise UnitError(f"{quoted(text)} is too large")
    return Rate(value, text)


def parse_instant(raw: object) -> datetime.datetime:
    """A moment in UTC, ISO-8601 with ``Z`` (``2022-11-09T00:00Z``); raise :class:`UnitError`.

    A moment without a zone, or in another zone, is refused with the UTC time to write."""
    if isinstance(raw, datetime.datetime):
        if raw.tzinfo is None or raw.utcoffset() != datetime.timedelta(0):
            raise UnitError("expected a time in UTC")
        return raw
    if not isinstance(raw, str):
        raise UnitError("expected a UTC time such as 2022-11-09T00:00Z (ISO-8601 with Z)")
    try:
        return parse_leg_time(raw)
    except TimeError as exc:
        raise UnitError(str(exc).replace("leg files hold", "schedules are in")) from None
