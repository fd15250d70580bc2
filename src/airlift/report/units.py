"""What each number of a report counts, worded once for the text, Markdown and JSON reports.

A total's numbers read through its :class:`~airlift.result.Measure` (flights, units of cargo
or an exact mass); a bulk load is a mass per flight; a loading limit and what an item uses of
it count in the limit's own name (``12 canister_slots``); masses and lengths say their unit.
No number leaves a report bare. Everything is exact integer arithmetic: the same result
always gives the same bytes.
"""

from __future__ import annotations

from fractions import Fraction

from airlift.report.blocks import code
from airlift.result import (
    Amount,
    Measure,
    Relaxation,
    Role,
    StatementKey,
    ValueUsed,
    shown_unit,
)

__all__ = [
    "bulk_amount",
    "exact_decimal",
    "measure_unit",
    "relaxation_unit",
    "value_text",
    "value_unit",
]


def measure_unit(m: Measure) -> str:
    """The unit a total's numbers are given in: ``flights``, ``units`` or a mass unit (``t``)."""
    return m.unit if m.is_mass else m.what


def bulk_amount(kg: Fraction) -> Amount:
    """A bulk load per flight, exact: in t from 1 t up, in kg below (``12.5 t``, ``850 kg``)."""
    if kg >= 1000:
        return Amount(kg / 1000, "t")
    return Amount(kg, "kg")


def exact_decimal(q: Fraction) -> str:
    """An exact value with thousands separators: ``12.5``, ``48,000``, ``0.45359237``.

    A value that has no finite decimal is written ``p/q``; values read from a scenario always
    have one (every unit of the format is a decimal number of its base unit).
    """
    sign = "-" if q < 0 else ""
    q = abs(q)
    d, places = q.denominator, 0
    for prime in (2, 5):
        while d % prime == 0:
            d //= prime
    if d != 1:
        return f"{sign}{q.numerator:,}/{q.denominator:,}"
    while (q * 10**places).denominator != 1:
        places += 1
    whole, part = divmod(int(q * 10**places), 10**places)
    return f"{sign}{whole:,}" + (f".{part:0{places}d}" if places else "")


def _count_unit(key: StatementKey) -> str:
    """What a count of a physical value counts: the loading limit's name (``canister_slots``)."""
    return key.field or ""


def value_unit(v: ValueUsed) -> str:
    """The unit of a value used: ``kg``, ``cm``, or for a count the limit it counts."""
    return v.unit or _count_unit(v.key)


def value_text(v: ValueUsed, *, marked: bool = True) -> str:
    """A value used as a reader sees it, exact and with its unit.

    As the scenario wrote it (``48 t``, ``12.5 kg``, ``7.5 m``), a count followed by the limit
    it counts (``12 canister_slots``), marked as code unless ``marked`` is false; without the
    written text, the exact value in the unit it reaches (``2.3 t``, ``750 cm``).
    """
    text = v.used_text
    if not text:
        unit = shown_unit(v.used, v.unit) if v.unit else ""
        size = {"t": 1000, "m": 100}.get(unit, 1)
        text = f"{exact_decimal(Fraction(v.used) / size)} {unit}".strip()
    if not v.unit and v.key.field:  # the limit's name as code: a limit called t is no tonne
        text = f"{text} {code(v.key.field) if marked else v.key.field}"
    return text


def relaxation_unit(r: Relaxation) -> str:
    """What a relaxation's numbers count: ``kg``, ``cm``, ``flights``, ``units`` or a limit.

    The analysis gives ``""`` for every count; this says which count: a flight group's
    flights, a bound on flights or on units of cargo, or a loading limit's own units.
    """
    if r.unit:
        return r.unit
    ref = r.statement
    role = ref.key.role
    if role is Role.FLIGHTS:
        return "flights"
    if role in (Role.CLAIM, Role.ASSUMPTION):
        return "flights" if ref.bound is not None and ref.bound.flights else "units"
    return _count_unit(ref.key)
