"""Statements and estimate rows as totals and requirements the model understands."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from airlift.model.compile import Requirement
from airlift.result import TotalSpec
from airlift.scenario.schema import FLIGHTS_TOTAL, EstimateRow, Scenario, Statement

__all__ = ["default_rows", "estimate_specs", "requirement", "spec_of"]


def _names(values: list[str] | None) -> tuple[str, ...] | None:
    return tuple(values) if values is not None else None


def spec_of(item: Statement | EstimateRow) -> TotalSpec:
    """The total a statement or estimate row is about, with its filters."""
    return TotalSpec(
        total=item.total,
        to=_names(item.to),
        from_=_names(item.from_),
        aircraft=_names(item.aircraft),
        flights=_names(item.flights),
    )


def requirement(statement: Statement) -> Requirement:
    """What a statement requires of every allocation that satisfies it."""
    lo, hi = statement.interval
    return Requirement(statement.id, spec_of(statement), lo, hi, statement.per_flight)


def _expansion(scenario: Scenario, row: EstimateRow) -> Iterator[TotalSpec]:
    """One spec per value of ``row.by`` among the groups the row's other filters select."""
    base = spec_of(row)
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
        yield replace(base, **changes)


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
