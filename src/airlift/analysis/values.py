"""Which value of each range the model used, and why that one."""

from __future__ import annotations

import math
from fractions import Fraction

from airlift.result import ValueUsed
from airlift.scenario.schema import AmountRange, MassRange, Scenario

__all__ = ["values_used"]


def _written(r: MassRange | AmountRange) -> str:
    return r.min.text if r.exact else f"{{min: {r.min.text}, max: {r.max.text}}}"


def _value(field: str, r: MassRange | AmountRange, side: str) -> ValueUsed:
    """The permissive end of ``r``; shown rounded toward the permissive side when not whole.

    The model itself computes with the exact value; the rounding is for display.
    """
    exact: Fraction = (r.max if side == "max" else r.min).value
    used = math.ceil(exact) if side == "max" else math.floor(exact)
    return ValueUsed(field, _written(r), used, r.min.base_unit, side, rounded=used != exact)


def values_used(scenario: Scenario) -> tuple[ValueUsed, ...]:
    """Payloads and limits at their largest, masses and uses at their smallest."""
    out = []
    for name, aircraft in scenario.aircraft.items():
        out.append(_value(f"aircraft.{name}.payload", aircraft.payload, "max"))
        out += [_value(f"aircraft.{name}.limits.{k}", v, "max") for k, v in aircraft.limits.items()]
    for name, cargo in scenario.cargo.items():
        out.append(_value(f"cargo.{name}.mass", cargo.mass, "min"))
        out += [_value(f"cargo.{name}.uses.{k}", v, "min") for k, v in cargo.uses.items()]
    return tuple(out)
