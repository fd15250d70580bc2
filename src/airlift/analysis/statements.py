"""The statements of a scenario as typed keys, and what each one says.

Explaining a contradiction means dropping statements and moving numbers. Every
statement is a :class:`~airlift.result.StatementKey` (a role, an entry's name
and, for limits and uses, the limit's name: never text split apart again);
this module lists a scenario's keys and looks up what a key stands for.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from airlift.result import Role, StatementKey
from airlift.scenario.schema import Scenario, Statement
from airlift.scenario.units import Quantity

__all__ = [
    "BASE_ROLES",
    "PHYSICAL",
    "Override",
    "keys_of",
    "physical_value",
    "statement_of",
    "switchable",
]

#: The roles of the values of aircraft and cargo entries.
PHYSICAL = (Role.PAYLOAD, Role.LIMIT, Role.MASS, Role.USES)
#: The statements the base is made of, besides the structure of the flights. A
#: loading limit stands with the uses that define it: dropping it drops them, so
#: uses are not statements of their own here.
BASE_ROLES = (Role.ASSUMPTION, Role.FLIGHTS, Role.PAYLOAD, Role.LIMIT, Role.MASS)
#: A number changed for a what-if: ``(key, side, value)``; side "lo"/"hi" for a
#: statement's or a count's bound, "value" for a physical value (base units).
Override = tuple[StatementKey, str, Fraction]


def keys_of(scenario: Scenario, roles: Iterable[Role]) -> list[StatementKey]:
    """The scenario's statements of the given roles, in file order within each role."""
    out: list[StatementKey] = []
    for role in roles:
        out += _keys_of_role(scenario, role)
    return out


def _keys_of_role(scenario: Scenario, role: Role) -> list[StatementKey]:
    """The scenario's statements of one role, in file order."""
    if role is Role.CLAIM:
        return [StatementKey(role, s.id) for s in scenario.claims]
    if role is Role.ASSUMPTION:
        return [StatementKey(role, s.id) for s in scenario.assumptions]
    if role is Role.FLIGHTS:
        return [StatementKey(role, g.id) for g in scenario.flights]
    if role is Role.PAYLOAD:
        return [StatementKey(role, a) for a in scenario.aircraft]
    if role is Role.LIMIT:
        return [
            StatementKey(role, a, name)
            for a, entry in scenario.aircraft.items()
            for name in entry.limits
        ]
    if role is Role.MASS:  # bulk cargo has no unit mass
        return [StatementKey(role, c) for c, entry in scenario.cargo.items() if entry.mass]
    if role is Role.USES:
        return [
            StatementKey(role, c, name)
            for c, entry in scenario.cargo.items()
            for name in entry.uses
        ]
    raise ValueError(f"unknown role {role!r}")


def statement_of(scenario: Scenario, key: StatementKey) -> Statement:
    """The claim or assumption a key names."""
    items = scenario.claims if key.role is Role.CLAIM else scenario.assumptions
    return next(s for s in items if s.id == key.entry)


def physical_value(scenario: Scenario, key: StatementKey) -> Quantity:
    """The value a physical statement has in the model: the permissive end of its range."""
    if key.role is Role.PAYLOAD:
        return scenario.aircraft[key.entry].payload.max
    if key.role is Role.MASS:
        mass = scenario.cargo[key.entry].mass
        if mass is None:
            raise ValueError(f"{key.entry} is bulk cargo, with no unit mass")
        return mass.min
    if key.field is not None and key.role is Role.LIMIT:
        return scenario.aircraft[key.entry].limits[key.field].max
    if key.field is not None and key.role is Role.USES:
        return scenario.cargo[key.entry].uses[key.field].min
    raise ValueError(f"not a physical statement: {key!r}")


def switchable(scenario: Scenario, key: StatementKey) -> bool:
    """Whether a statement is a condition on a sum (a claim, an assumption, a count)."""
    if key.role is Role.FLIGHTS:
        return True
    return key.role in (Role.CLAIM, Role.ASSUMPTION) and not statement_of(scenario, key).per_flight
