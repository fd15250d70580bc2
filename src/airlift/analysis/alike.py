"""Interchangeable statements: those that differ in nothing but their id.

Two flight groups are *alike* when they have the same aircraft, count, origin,
destinations and cargo (every field but ``id``, ``says``, ``source`` and
``note``) and no claim or assumption tells them apart (every ``flights``
filter names both or neither). Two claims, or two assumptions, are alike when
they say the same thing of the same flights. Swapping two alike statements
maps the scenario onto itself, so any what-if that keeps both (or drops both)
has the same answer as its swapped twin, and an allocation that shows one
shows the other with the two ids swapped.

Explanations use this to do the work once per class: in a conflict holding
several alike members, one test of deletion decides them all and one
relaxation serves them all (:mod:`airlift.analysis.conflicts`,
:mod:`airlift.analysis.relax`). Imported tracking data yields thousands of
identical groups, so this keeps the explanation from growing with their
square. Physical values are never alike here: each stands alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from airlift.result import Role, StatementKey
from airlift.scenario.schema import Scenario

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["Alike"]

#: Fields that name or describe a statement without changing what it says.
_WORDS = {"id", "says", "source", "note"}


class Alike:
    """The classes of interchangeable statements of one scenario."""

    def __init__(self, scenario: Scenario) -> None:
        statements = [*scenario.claims, *scenario.assumptions]
        named_in: dict[str, list[int]] = {}
        for i, s in enumerate(statements):
            for group in s.flights or ():
                named_in.setdefault(group, []).append(i)
        signatures: dict[StatementKey, tuple[object, ...]] = {}
        for g in scenario.flights:
            key = StatementKey(Role.FLIGHTS, g.id)
            signatures[key] = (Role.FLIGHTS, _content(g), tuple(named_in.get(g.id, ())))
        for role, items in ((Role.CLAIM, scenario.claims), (Role.ASSUMPTION, scenario.assumptions)):
            for s in items:
                signatures[StatementKey(role, s.id)] = (role, _content(s))
        by_signature: dict[tuple[object, ...], list[StatementKey]] = {}
        for key, signature in signatures.items():
            by_signature.setdefault(signature, []).append(key)
        self._class: dict[StatementKey, tuple[StatementKey, ...]] = {
            key: tuple(keys) for keys in by_signature.values() if len(keys) > 1 for key in keys
        }

    def of(self, key: StatementKey) -> tuple[StatementKey, ...]:
        """Every statement alike ``key`` (itself included), in scenario order; ``(key,)`` alone."""
        return self._class.get(key, (key,))

    def classes(self, keys: Sequence[StatementKey]) -> list[tuple[StatementKey, ...]]:
        """``keys`` grouped into classes of alike statements, each in the order of ``keys``.

        Classes are listed in the order of their first member.
        """
        position = {k: i for i, k in enumerate(keys)}
        out: list[tuple[StatementKey, ...]] = []
        seen: set[StatementKey] = set()
        for key in keys:
            if key in seen:
                continue
            members = [k for k in self.of(key) if k in position]
            ordered = tuple(sorted(members, key=position.__getitem__))
            seen.update(ordered)
            out.append(ordered)
        return out

    def units(self, keys: Sequence[StatementKey]) -> dict[StatementKey, tuple[str, ...]]:
        """The classes of two or more alike flight groups among ``keys``, each as a *unit*:
        keyed by its first group's count, with the ids of all its groups in file order.

        A unit of ``k`` groups kept stands for all ``k`` counts kept; as one condition on
        their total (between the sums of their bounds) it says the same, since nothing
        tells the groups apart, and lets the model count them as one group.
        """
        out = {}
        for members in self.classes(keys):
            if len(members) > 1 and members[0].role is Role.FLIGHTS:
                out[members[0]] = tuple(k.entry for k in members)
        return out

    def any(self, keys: Iterable[StatementKey]) -> bool:
        """Whether some of ``keys`` have an alike statement at all."""
        return any(k in self._class for k in keys)


def _content(model: BaseModel) -> str:
    """Everything a group or a statement says, as canonical text, without its words."""
    dump = model.model_dump(mode="json", exclude=_WORDS)
    return json.dumps(dump, sort_keys=True, ensure_ascii=False)
