"""Statements and estimate rows as totals and requirements the model understands."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from airlift.analysis.refs import trip_of
from airlift.model.compile import Requirement, mass_scale
from airlift.result import Measure, TotalSpec
from airlift.scenario.schema import FLIGHTS_TOTAL, EstimateRow, Scenario, Statement

__all__ = [
    "bounds_of",
    "default_rows",
    "estimate_specs",
    "grains",
    "negated_sides",
    "requirement",
    "spec_of",
]


def _names(values: list[str] | None) -> tuple[str, ...] | None:
    return tuple(values) if values is not None else None


#: The last scenarios' mass scales, by identity: computing one reads every lane's payload.
_GRAINS: dict[int, tuple[Scenario, int]] = {}


def grains(scenario: Scenario) -> int:
    """Model integers per kg for ``scenario``: every mass it writes is whole in them."""
    cached = _GRAINS.get(id(scenario))
    if cached is None or cached[0] is not scenario:
        if len(_GRAINS) > 16:
            _GRAINS.clear()
        cached = _GRAINS[id(scenario)] = (scenario, mass_scale(scenario))
    return cached[1]


def _mass_unit(item: Statement | EstimateRow, scenario: Scenario) -> str | None:
    """The unit a total's mass is shown in; None when the total counts units or flights.

    A bound written as a mass, or an estimate row with a ``unit``, gives its own;
    any other total of bulk cargo (counted by mass) is shown in t.
    """
    written = item.mass_unit if isinstance(item, Statement) else item.unit
    if written is not None:
        return written
    members = scenario.members(item.total)
    if any(scenario.cargo[name].mass is None for name in members):
        return "t"
    return None


def spec_of(
    item: Statement | EstimateRow, scenario: Scenario, scale: int | None = None
) -> TotalSpec:
    """The total a statement or estimate row is about, with its filters and measure (a
    mass in ``scale`` grains per kg; by default the scenario's own).

    An estimate row's ``given`` (claims or assumptions its bound is taken under) comes along,
    and so does what one of the flights it selects is called (``sailing`` for ships).
    """
    unit = _mass_unit(item, scenario)
    spec = TotalSpec(
        total=item.total,
        to=_names(item.to),
        from_=_names(item.from_),
        aircraft=_names(item.aircraft),
        flights=_names(item.flights),
        mass=None if unit is None else Measure("mass", unit, scale or grains(scenario)),
        given=_names(item.given) if isinstance(item, EstimateRow) else None,
    )
    return replace(spec, trip=trip_of(scenario, spec))


def bounds_of(
    statement: Statement, scenario: Scenario, scale: int | None = None
) -> tuple[int, int | None]:
    """A statement's bound ``[lo, hi]`` in model integers: units, flights or grains."""
    if statement.mass_unit is None:
        return statement.interval
    lo, hi = statement.mass_interval
    scale = scale or grains(scenario)
    # Whole by construction: the scale includes every bound's denominator.
    return math.ceil(lo * scale), None if hi is None else math.floor(hi * scale)


def requirement(statement: Statement, scenario: Scenario, scale: int | None = None) -> Requirement:
    """What a statement requires of every allocation that satisfies it (masses in ``scale``
    grains per kg; by default the scenario's own)."""
    lo, hi = bounds_of(statement, scenario, scale)
    spec = spec_of(statement, scenario, scale)
    return Requirement(statement.id, spec, lo, hi, statement.per_flight)


def _expansion(scenario: Scenario, row: EstimateRow) -> Iterator[TotalSpec]:
    """One spec per value of ``row.by`` among the groups the row's other filters select."""
    base = spec_of(row, scenario)
    if row.by is None:
        yield base
        return
    values: list[str] = []
    for g in scenario.flights:
        if base.from_ is not None and g.from_ not in base.from_:
            continue
        if base.aircraft is not None and g.aircraft not in base.aircraft:
            continue
        if base.flights is not None and g.id not in base.flights:
            continue
        candidates = {"to": g.to, "from": [g.from_], "aircraft": [g.aircraft], "flights": [g.id]}[
            row.by
        ]
        for value in candidates:
            if row.by == "to" and base.to is not None and value not in base.to:
                continue
            if value not in values:
                values.append(value)
    field = "from_" if row.by == "from" else row.by
    for value in values:
        changes: dict[str, Any] = {field: (value,)}
        spec = replace(base, **changes)
        yield replace(spec, trip=trip_of(scenario, spec))


def default_rows(scenario: Scenario) -> list[EstimateRow]:
    """Without ``estimate``: each kind in total and by destination, then flights likewise."""
    rows: list[EstimateRow] = []
    for kind in scenario.kinds:
        rows += [EstimateRow(total=kind), EstimateRow(total=kind, by="to")]
    rows += [EstimateRow(total=FLIGHTS_TOTAL), EstimateRow(total=FLIGHTS_TOTAL, by="to")]
    return rows


def estimate_specs(scenario: Scenario) -> list[TotalSpec]:
    """Every total to bound, in order, with ``by`` rows expanded and duplicates dropped."""
    rows = scenario.estimate if scenario.estimate is not None else default_rows(scenario)
    specs: list[TotalSpec] = []
    for row in rows:
        for spec in _expansion(scenario, row):
            if spec not in specs:
                specs.append(spec)
    return specs


def negated_sides(lo: int, hi: int | None) -> list[tuple[int, int | None]]:
    """The bounds a total takes when ``lo <= total <= hi`` fails: below, then above."""
    sides: list[tuple[int, int | None]] = []
    if lo > 0:
        sides.append((0, lo - 1))
    if hi is not None:
        sides.append((hi + 1, None))
    return sides
