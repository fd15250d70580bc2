"""The scenario of a what-if: some statements dropped, some numbers changed.

What dropping a statement means here:

- a flight group's count: the group may fly any number of flights;
- a payload, a loading limit: no such limit on that aircraft (a *roomy* value that no
  flight can fill stands for it);
- a cargo mass, a use of a limit: the cargo weighs nothing, uses none of it.

Claims and assumptions are not part of a variant: a what-if passes those it keeps to the
model as requirements. The scenario's structure (which airfields a group may fly to, what
it carries, cargo kinds) always applies.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from fractions import Fraction
from typing import Any

from airlift.result import Role, StatementKey
from airlift.scenario.schema import AmountRange, CountRange, FlightGroup, MassRange, Scenario
from airlift.scenario.units import Dimension, Quantity

__all__ = ["open_counts", "variant", "with_counts"]


def variant(
    scenario: Scenario,
    kept: Collection[StatementKey],
    values: Mapping[StatementKey, Fraction],
    counts: Collection[StatementKey],
    roomy: Callable[[StatementKey], int],
    open_groups: Mapping[str, FlightGroup] | None = None,
) -> Scenario:
    """``scenario`` with the physical values in ``kept`` as written, those in ``values``
    changed, every other one dropped, and every count open but those in ``counts``.

    ``roomy`` gives the value that stands for a dropped payload or limit;
    ``open_groups`` (see :func:`open_counts`) saves copying every group again.
    """
    opened = open_groups if open_groups is not None else open_counts(scenario)
    flights = [
        g if StatementKey(Role.FLIGHTS, g.id) in counts else opened[g.id] for g in scenario.flights
    ]
    aircraft = {}
    for name, entry in scenario.aircraft.items():
        update: dict[str, Any] = {}
        key = StatementKey(Role.PAYLOAD, name)
        if key in values or key not in kept:
            update["payload"] = _mass_range(values.get(key, Fraction(roomy(key))))
            if "payload_range" in type(entry).model_fields:
                update["payload_range"] = None
        update["limits"] = _amounts(Role.LIMIT, name, entry.limits, kept, values)
        aircraft[name] = entry.model_copy(update=update)
    cargo = {}
    for name, item in scenario.cargo.items():
        update = {}
        key = StatementKey(Role.MASS, name)
        if item.mass is not None and (key in values or key not in kept):  # bulk has none
            update["mass"] = _mass_range(values.get(key, Fraction(0)))
        update["uses"] = _amounts(Role.USES, name, item.uses, kept, values)
        cargo[name] = item.model_copy(update=update)
    return scenario.model_copy(
        update={
            "flights": flights,
            "aircraft": aircraft,
            "cargo": cargo,
            "assumptions": [],
            "claims": [],
        }
    )


def open_counts(scenario: Scenario) -> dict[str, FlightGroup]:
    """Every flight group with its count dropped (open: any number of flights), by id."""
    free = CountRange(min=0, max=None)
    return {g.id: g.model_copy(update={"count": free}) for g in scenario.flights}


def with_counts(scenario: Scenario, bounds: Mapping[str, Mapping[str, Fraction]]) -> Scenario:
    """``scenario`` with some groups' counts moved (``"lo"``/``"hi"`` per group id)."""
    if not bounds:
        return scenario
    flights = []
    for g in scenario.flights:
        moved = bounds.get(g.id, {})
        lo = int(moved["lo"]) if "lo" in moved else g.count.min
        hi = int(moved["hi"]) if "hi" in moved else g.count.max
        flights.append(g.model_copy(update={"count": CountRange(min=lo, max=hi)}))
    return scenario.model_copy(update={"flights": flights})


def _amounts(
    role: Role,
    entry: str,
    amounts: Mapping[str, AmountRange],
    kept: Collection[StatementKey],
    values: Mapping[StatementKey, Fraction],
) -> dict[str, AmountRange]:
    """An entry's limits (or uses) as a what-if has them: changed, kept as written, or dropped."""
    out = {}
    for name, amount in amounts.items():
        key = StatementKey(role, entry, name)
        if key in values:
            out[name] = _amount_range(values[key], amount.dimension)
        elif key in kept:
            out[name] = amount
    return out


def _mass_range(value: Fraction) -> MassRange:
    q = Quantity(Fraction(value), Dimension.MASS, f"{value} kg")
    return MassRange.model_construct(min=q, max=q)


def _amount_range(value: Fraction, dimension: Dimension) -> AmountRange:
    q = Quantity(Fraction(value), dimension, str(value))
    return AmountRange.model_construct(min=q, max=q)
