"""The explanation as JSON data: conflicts, relaxations, correction, thresholds.

Described in ``docs/json-format.md`` (section Explanation). Exact values are
written exactly: a whole number as a JSON integer, anything else as a string that
``fractions.Fraction`` parses back to the same value, a terminating decimal
(``"61200.5"``) when there is one and a fraction (``"184000/3"``) otherwise.
Never a float, so the same explanation always gives the same bytes.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import Any

from airlift.report.units import relaxation_unit
from airlift.result import (
    Allocation,
    ClaimNeed,
    Conflict,
    Correction,
    Cutoff,
    Explanation,
    FlightCapacity,
    Relaxation,
    StatementRef,
)

__all__ = ["allocation_to_json", "exact", "explanation_to_dict", "member"]


def allocation_to_json(alloc: Allocation | None) -> list[dict[str, Any]] | None:
    """An allocation as a list of rows, each with what is full and whether its group's count is.

    ``load`` counts units per flight; ``bulk`` gives each bulk cargo's exact mass per flight
    in kg (see :func:`exact`).

    ``count_binds`` is repeated on every row of a group, so that the allocation stays a
    plain list of rows.
    """
    if alloc is None:
        return None
    ends: dict[str, list[str]] = {}
    for group, end in alloc.count_binds:
        ends.setdefault(group, []).append(end)
    return [
        {
            "flights": r.flights,
            "to": r.to,
            "count": r.count,
            "load": dict(r.load),
            "bulk": {cargo: {"value": exact(kg), "unit": "kg"} for cargo, kg in r.bulk if kg},
            "binds": list(r.binds),
            "count_binds": list(ends.get(r.flights, ())),
        }
        for r in alloc.rows
    ]


def exact(q: Fraction | int | None) -> int | str | None:
    """An exact number as JSON: an integer, a terminating decimal string, or ``"p/q"``."""
    if q is None:
        return None
    q = Fraction(q)
    if q.denominator == 1:
        return q.numerator
    d = q.denominator
    twos = fives = 0
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    if d != 1:
        return f"{q.numerator}/{q.denominator}"
    places = max(twos, fives)
    scaled = abs(q.numerator) * 10**places // q.denominator
    whole, part = divmod(scaled, 10**places)
    sign = "-" if q < 0 else ""
    return f"{sign}{whole}.{str(part).rjust(places, '0')}"


def member(r: StatementRef) -> dict[str, Any]:
    """A statement an explanation cites: id, role, value as written, line and source."""
    return {
        "id": r.id,
        "role": r.role,
        "says": r.says,
        "written": r.written,
        "line": r.line,
        "source": r.source,
        "source_label": r.source_label,
    }


def _cutoff(cutoff: Cutoff | None) -> str | None:
    return cutoff.value if cutoff is not None else None


def _conflict(c: Conflict) -> dict[str, Any]:
    by_key = {m.key: m for m in c.members}
    return {
        "context": c.context,
        "proven": c.proven,
        "cutoff": _cutoff(c.cutoff),
        "members": [member(m) for m in c.members],
        "alike": [{"members": [by_key[k].id for k in a.keys], "among": a.among} for a in c.alike],
    }


def _relaxation(index: int, r: Relaxation, same_as: StatementRef | None = None) -> dict[str, Any]:
    return {
        "conflict": index,
        "id": r.statement.id,
        "role": r.statement.role,
        "line": r.statement.line,
        "field": r.field,
        "direction": r.direction,
        "unit": relaxation_unit(r),
        "current": exact(r.current),
        "needed": exact(r.needed),
        "current_text": r.current_text,
        "needed_text": r.needed_text,
        "proven": r.proven,
        "cutoff": _cutoff(r.cutoff),
        "same_as": same_as.id if same_as is not None else None,
        "witness": allocation_to_json(r.witness) if same_as is None else None,
    }


def _relaxations(index: int, c: Conflict) -> list[dict[str, Any]]:
    """A conflict's relaxations, one entry per member and number: a member alike the first
    of its class gets the first one's values, ``same_as`` its id, and no witness of its own."""
    by_key = {m.key: m for m in c.members}
    alike = {a.keys[0]: a.keys[1:] for a in c.alike}
    out = []
    for r in c.relaxations:
        out.append(_relaxation(index, r))
        for other in alike.get(r.statement.key, ()):
            out.append(_relaxation(index, replace(r, statement=by_key[other]), r.statement))
    return out


def _correction(c: Correction | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "drop": [member(r) for r in c.drop],
        "proven": c.proven,
        "cutoff": _cutoff(c.cutoff),
        "example": allocation_to_json(c.example),
    }


def _capacity(c: FlightCapacity) -> dict[str, Any]:
    return {
        "aircraft": c.aircraft,
        "cargo": c.cargo,
        "unit": c.measure.amount(0).unit,
        "most": exact(None if c.most is None else c.measure.value(c.most)),
        "binds": list(c.binds),
        "allowed_by": [
            {"resource": name, "allows": exact(None if n is None else c.measure.value(n))}
            for name, n in c.allowed_by
        ],
    }


def _valued(n: ClaimNeed, q: Fraction | None) -> Fraction | None:
    """A need's model amount in the unit of its measure (a mass, or units as they are)."""
    return None if q is None else n.measure.value(q)


def _need(n: ClaimNeed) -> dict[str, Any]:
    return {
        "id": n.claim.id,
        "line": n.claim.line,
        "source": n.claim.source,
        "source_label": n.claim.source_label,
        "total": n.total,
        "unit": n.measure.amount(0).unit,
        "amount": exact(n.measure.value(n.amount)),
        "fewest_flights": n.fewest_flights,
        "fewest_proven": n.fewest_proven,
        "fewest_cutoff": _cutoff(n.fewest_cutoff),
        "flights_seen": list(n.flights_seen),
        "mean_needed": exact(_valued(n, n.mean_needed)),
        "mean_capacity": exact(_valued(n, n.mean_capacity)),
        "share": exact(n.share),
    }


def explanation_to_dict(e: Explanation) -> dict[str, Any]:
    """The explanation as plain JSON values, keys in their documented order.

    Relaxations are listed flat, each naming its conflict by index in ``conflicts``; every
    member alike another gets its own entry (see :func:`_relaxations`).
    """
    return {
        "conflicts": [_conflict(c) for c in e.conflicts],
        "relaxations": [r for i, c in enumerate(e.conflicts) for r in _relaxations(i, c)],
        "correction": _correction(e.correction),
        "capacities": [_capacity(c) for c in e.capacities],
        "needs": [_need(n) for n in e.needs],
        "notes": list(e.notes),
    }
