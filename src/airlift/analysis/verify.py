"""Re-check an allocation against the scenario in plain Python.

Every allocation airlift reports passes through here first. The check reads
the scenario directly, with exact fractions, and shares no code with the
model: a solver bug, or a bug in how we compile or read back the model,
shows up as a violation instead of a wrong manifest. Two derived facts are read from
:mod:`airlift.scenario.lanes`, the same functions the model compiles from, so that both agree
on them by construction: a lane's payload limit (payload-range by distance) and whether a cargo
type fits an aircraft's hold. Their own tests check them against known distances and by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from airlift.model.compile import Requirement
from airlift.result import Allocation, AllocationRow, TotalSpec
from airlift.scenario.lanes import hold_misfit, lane_payload
from airlift.scenario.schema import FLIGHTS_TOTAL, FlightGroup, Scenario

__all__ = ["flight_total", "total_value", "violations"]


def _groups(scenario: Scenario) -> dict[str, FlightGroup]:
    """The scenario's flight groups by id (built once per check, not once per row)."""
    return {g.id: g for g in scenario.flights}


def _selected(group: FlightGroup, spec: TotalSpec, row: AllocationRow) -> bool:
    return (
        (spec.to is None or row.to in spec.to)
        and (spec.from_ is None or group.from_ in spec.from_)
        and (spec.aircraft is None or group.aircraft in spec.aircraft)
        and (spec.flights is None or group.id in spec.flights)
    )


def flight_total(scenario: Scenario, spec: TotalSpec, row: AllocationRow) -> int:
    """What one flight of ``row`` adds to ``spec``'s total (ignoring its filters).

    A mass total is in the model's grains (``spec.mass.grains`` per kg), which make
    every mass of the scenario whole: a fraction here is a bug, and raises.
    """
    if spec.total == FLIGHTS_TOTAL:
        return 1
    members = scenario.members(spec.total)
    if spec.mass is None:
        return sum(n for name, n in row.load if name in members)
    kg = sum((n * _unit_kg(scenario, name) for name, n in row.load if name in members), Fraction())
    kg += sum((amount for name, amount in row.bulk if name in members), Fraction())
    grains = kg * spec.mass.grains
    if grains.denominator != 1:
        raise ValueError(f"{kg} kg is not a whole number of grains ({spec.mass.grains} per kg)")
    return int(grains)


def _unit_kg(scenario: Scenario, name: str) -> Fraction:
    """The mass of one unit of a (unit) cargo type in kg, at its permissive least."""
    mass = scenario.cargo[name].mass
    if mass is None:
        raise ValueError(f"{name} is bulk cargo, carried by mass, not in units")
    return mass.min.value


def total_value(scenario: Scenario, allocation: Allocation, spec: TotalSpec) -> int:
    """The value of a total over a whole allocation.

    Each distinct load is counted once: rows of thousands of groups repeat a few.
    """
    groups = _groups(scenario)
    per_flight: dict[tuple[object, ...], int] = {}
    total = 0
    for row in allocation.rows:
        if row.flights in groups and _selected(groups[row.flights], spec, row):
            load = (row.load, row.bulk)
            if load not in per_flight:
                per_flight[load] = flight_total(scenario, spec, row)
            total += row.count * per_flight[load]
    return total


def _row_problems(
    scenario: Scenario,
    groups: dict[str, FlightGroup],
    row: AllocationRow,
    checked: dict[tuple[object, ...], list[str]],
) -> Iterable[str]:
    group = groups.get(row.flights)
    if group is None:
        yield f"unknown flight group {row.flights!r}"
        return
    if row.to not in group.to:
        yield f"{row.flights}: lands at {row.to}, not one of {group.to}"
    if row.count <= 0:
        yield f"{row.flights}: a row of {row.count} flights"
    # One flight's load is checked once per route and load, and which of its cargo the group
    # may carry (all that the check reads of the group's list): rows of thousands of groups,
    # each with a list of its own, repeat the same few.
    allowed = scenario.cargo if group.carries is None else group.carries
    may_carry = tuple(name in allowed for name, _ in (*row.load, *row.bulk))
    key = (group.aircraft, group.from_, row.to, row.to in group.to, may_carry, row.load, row.bulk)
    if key not in checked:
        checked[key] = list(_load_problems(scenario, group, row.to, row.load, row.bulk))
    for problem in checked[key]:
        yield f"{row.flights}{problem}"


def _load_problems(
    scenario: Scenario,
    group: FlightGroup,
    to: str,
    load: tuple[tuple[str, int], ...],
    bulk: tuple[tuple[str, Fraction], ...] = (),
) -> Iterable[str]:
    """What is wrong with one flight of ``group`` to ``to`` carrying ``load`` and ``bulk``,
    each said after the group's id."""
    carries = set(group.carries) if group.carries is not None else set(scenario.cargo)
    aircraft = scenario.aircraft[group.aircraft]
    mass = Fraction(0)
    for name, kg in bulk:
        if name not in carries:
            yield f": carries {name}, which the group does not carry"
        elif scenario.cargo[name].mass is not None:
            yield f": carries {name} by mass, but it is counted in units"
        if kg < 0:
            yield f": a negative mass of {name}"
        mass += kg
    used: dict[str, Fraction] = {name: Fraction(0) for name in aircraft.limits}
    for name, units in load:
        if name not in carries:
            yield f": carries {name}, which the group does not carry"
            continue
        misfit = hold_misfit(aircraft, scenario.cargo[name])
        if misfit is not None and units > 0:
            yield f": carries {name}, which does not fit the hold: {misfit}"
        if units < 0:
            yield f": negative units of {name}"
        cargo = scenario.cargo[name]
        if cargo.mass is None:
            yield f": carries {name} in units, but it is bulk cargo"
            continue
        mass += units * cargo.mass.min.value
        for limit in used:
            if limit in cargo.uses:
                used[limit] += units * cargo.uses[limit].min.value
    payload = lane_payload(scenario, group, to) if to in group.to else aircraft.payload.max.value
    if mass > payload:
        yield f"->{to}: {mass} kg exceeds the payload {payload} kg"
    for limit, amount in used.items():
        if amount > aircraft.limits[limit].max.value:
            yield f"->{to}: uses {amount} of {limit}, above its limit"


def violations(
    scenario: Scenario, allocation: Allocation, requirements: Iterable[Requirement]
) -> list[str]:
    """Every way ``allocation`` breaks the scenario's flights or ``requirements`` (none: valid)."""
    problems: list[str] = []
    groups = _groups(scenario)
    flown_by_group: dict[str, int] = {}
    checked: dict[tuple[object, ...], list[str]] = {}
    for row in allocation.rows:
        problems += _row_problems(scenario, groups, row, checked)
        flown_by_group[row.flights] = flown_by_group.get(row.flights, 0) + row.count
    for group in scenario.flights:
        flown = flown_by_group.get(group.id, 0)
        if flown < group.count.min or (group.count.max is not None and flown > group.count.max):
            problems.append(f"{group.id}: {flown} flights, outside its count")
    for req in requirements:
        values = (
            [
                flight_total(scenario, req.spec, r)
                for r in allocation.rows
                if r.flights in groups and _selected(groups[r.flights], req.spec, r)
            ]
            if req.per_flight
            else [total_value(scenario, allocation, req.spec)]
        )
        for value in values:
            if value < req.lo or (req.hi is not None and value > req.hi):
                problems.append(f"{req.id}: total {value} outside [{req.lo}, {req.hi}]")
    return problems


def some_flight_outside(
    scenario: Scenario, allocation: Allocation, requirement: Requirement
) -> bool:
    """Whether a flight ``requirement`` selects has its own total outside the bound."""
    groups = _groups(scenario)
    for row in allocation.rows:
        if _selected(groups[row.flights], requirement.spec, row):
            value = flight_total(scenario, requirement.spec, row)
            if value < requirement.lo or (requirement.hi is not None and value > requirement.hi):
                return True
    return False
