"""Which value of each range the model used, and why that one."""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

from airlift.result import ValueUsed
from airlift.scenario.schema import AmountRange, MassRange, Scenario

__all__ = ["values_used"]


def _written(r: MassRange | AmountRange) -> str:
    return r.min.text if r.exact else f"{{min: {r.min.text}, max: {r.max.text}}}"


def _value(path: tuple[str, ...], r: MassRange | AmountRange, side: str, cite: _Cite) -> ValueUsed:
    """The permissive end of ``r``; shown rounded toward the permissive side when not whole.

    The model itself computes with the exact value; the rounding is for display.
    """
    exact: Fraction = (r.max if side == "max" else r.min).value
    used = math.ceil(exact) if side == "max" else math.floor(exact)
    line, source = cite(path)
    return ValueUsed(
        ".".join(path), _written(r), used, r.min.base_unit, side, used != exact, line, source
    )


_Cite = Callable[[tuple[str, ...]], tuple[int | None, str | None]]


def values_used(
    scenario: Scenario,
    line_of: Callable[[tuple[str | int, ...]], int | None] | None = None,
    source_label: Callable[[str | None], str | None] = lambda _: None,
) -> tuple[ValueUsed, ...]:
    """Payloads and limits at their largest, masses and uses at their smallest.

    Each value cites the line it is written on (when ``line_of`` knows it) and
    the source of the aircraft or cargo entry it belongs to.
    """

    def cite(path: tuple[str, ...]) -> tuple[int | None, str | None]:
        section, name = path[0], path[1]
        entry = scenario.aircraft[name] if section == "aircraft" else scenario.cargo[name]
        return (line_of(path) if line_of else None), source_label(entry.source)

    out = []
    for name, aircraft in scenario.aircraft.items():
        out.append(_value(("aircraft", name, "payload"), aircraft.payload, "max", cite))
        out += [
            _value(("aircraft", name, "limits", k), v, "max", cite)
            for k, v in aircraft.limits.items()
        ]
    for name, cargo in scenario.cargo.items():
        out.append(_value(("cargo", name, "mass"), cargo.mass, "min", cite))
        out += [_value(("cargo", name, "uses", k), v, "min", cite) for k, v in cargo.uses.items()]
    return tuple(out)
