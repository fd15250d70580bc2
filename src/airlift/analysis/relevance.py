"""Physical values that cannot matter to a set of statements, found without a solver.

Loads are closed downward (every per-flight constraint of format v1 is a packing
constraint), so cargo that no kept statement asks to be carried can always be left on
the ground. Only cargo counted by a kept claim or assumption with a lower bound above
zero (the *needed* cargo) must ever fly. Hence, in any allocation of the kept statements
with one of these values dropped, removing every unit of unneeded cargo gives an
allocation that meets the value as well:

- the mass or a use of a cargo type that is not needed (none of it flies);
- the mass of a needed type that only aircraft without a kept payload carry (their loads
  are not weighed);
- the payload of an aircraft whose needed cargo all weighs nothing (dropped or zero
  masses);
- a loading limit of an aircraft that carries no needed cargo using it.

Such a value is *idle*: if the kept statements cannot hold, they still cannot without
it. Shrinking a conflict drops idle values without asking the solver, which would
otherwise build a model for each of them (a physical value shapes the model).
"""

from __future__ import annotations

from collections.abc import Collection

from airlift.analysis.statements import statement_of
from airlift.analysis.totals import bounds_of
from airlift.result import Role, StatementKey
from airlift.scenario.lanes import carried_types
from airlift.scenario.schema import FLIGHTS_TOTAL, Scenario

__all__ = ["idle_values", "needed_cargo"]


def idle_values(scenario: Scenario, kept: Collection[StatementKey]) -> frozenset[StatementKey]:
    """The physical values among ``kept`` that cannot matter to whether ``kept`` holds.

    ``kept`` must list every physical value in force, including those that are structure
    (always kept). Dropping one idle value can make others idle (a payload whose cargo
    weighs nothing once its masses are gone), so this repeats until nothing changes.
    """
    needed = needed_cargo(scenario, kept)
    carried: dict[str, set[str]] = {name: set() for name in scenario.aircraft}
    for group in scenario.flights:
        carried[group.aircraft].update(t for t in carried_types(scenario, group) if t in needed)
    carriers = {c: {a for a, types in carried.items() if c in types} for c in needed}
    left = {k for k in kept if k.physical}
    idle: set[StatementKey] = set()
    changed = True
    while changed:
        changed = False
        for key in sorted(left - idle):
            if _idle(scenario, key, needed, carried, carriers, left - idle):
                idle.add(key)
                changed = True
    return frozenset(idle)


def _weighs(scenario: Scenario, cargo: str, left: Collection[StatementKey]) -> bool:
    """Whether ``cargo`` takes payload while the statements ``left`` stand: bulk always
    (it fills what payload there is), a unit type while its mass stands."""
    mass = scenario.cargo[cargo].mass
    return mass is None or (StatementKey(Role.MASS, cargo) in left and mass.min.value > 0)


def needed_cargo(scenario: Scenario, kept: Collection[StatementKey]) -> frozenset[str]:
    """The cargo types some kept claim or assumption needs carried: counted by a total with
    a lower bound above zero. Every other type can always be left on the ground."""
    needed: set[str] = set()
    for key in kept:
        if key.role in (Role.CLAIM, Role.ASSUMPTION):
            statement = statement_of(scenario, key)
            if statement.total != FLIGHTS_TOTAL and bounds_of(statement, scenario)[0] > 0:
                needed |= scenario.members(statement.total)
    return frozenset(needed)


def _idle(
    scenario: Scenario,
    key: StatementKey,
    needed: frozenset[str],
    carried: dict[str, set[str]],
    carriers: dict[str, set[str]],
    left: set[StatementKey],
) -> bool:
    """Whether one physical value cannot matter, the values ``left`` in force."""
    if key.role is Role.MASS:
        if key.entry not in needed:
            return True
        return not any(StatementKey(Role.PAYLOAD, a) in left for a in carriers[key.entry])
    if key.role is Role.USES:
        return key.entry not in needed
    if key.role is Role.PAYLOAD:
        return not any(_weighs(scenario, c, left) for c in carried[key.entry])
    if key.role is Role.LIMIT and key.field is not None:
        limit = key.field
        return not any(
            limit in scenario.cargo[c].uses and scenario.cargo[c].uses[limit].min.value > 0
            for c in carried[key.entry]
        )
    return False
