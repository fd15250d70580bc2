"""Names in a scenario's ``schedule:`` block, checked against the rest of the scenario.

The schema checks the block's shape (:mod:`airlift.scenario.schedule_schema`); this module
checks what it refers to: aircraft types and airfields that exist, sources that are
listed, claim ids not used twice, a schedule for every aircraft type that flies, and
coordinates for every airfield a scheduled flight uses (a leg's least duration comes from
its distance). Leg rows that name an airframe outside a registration list are located at
their row (:func:`leg_airframe_problems`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from airlift.errors import Problem
from airlift.scenario.quoting import quoted
from airlift.scenario.references import Finding, unknown_name
from airlift.scenario.schema import Scenario
from airlift.tracks import Leg

__all__ = ["check_schedule", "leg_airframe_problems"]


def _dict(x: object) -> dict[Any, Any]:
    return x if isinstance(x, dict) else {}


def _list(x: object) -> list[Any]:
    """A list as written, or nothing: the schema reports a list of another type."""
    return x if isinstance(x, list) else []


def _is_id(raw: object) -> bool:
    """Whether a claim's ``id`` can be compared with others (the schema checks the rest)."""
    return isinstance(raw, str | int | float | bool) or raw is None


def _names(raw: object) -> list[tuple[int | None, object]]:
    if isinstance(raw, list):
        return list(enumerate(raw))
    return [(None, raw)] if raw is not None else []


def check_schedule(data: Mapping[str, Any]) -> list[Finding]:
    """Every reference problem of the raw document's ``schedule:`` block."""
    schedule = data.get("schedule")
    if not isinstance(schedule, dict):
        return []
    aircraft = list(_dict(data.get("aircraft")))
    airfields = _dict(data.get("airfields"))
    sources = list(_dict(data.get("sources")))
    groups = [g for g in _list(data.get("flights")) if isinstance(g, dict)]
    found: list[Finding] = []

    def name(
        path: tuple[Any, ...], value: object, valid: list[str], what: str, plural: str
    ) -> None:
        for i, item in _names(value):
            if isinstance(item, str) and item not in valid:
                where = path if i is None else (*path, i)
                found.append(Finding(where, unknown_name(what, item, valid, plural)))

    per_type = _dict(schedule.get("aircraft"))
    for type_name, entry in per_type.items():
        if type_name not in aircraft:
            message = unknown_name("aircraft type", str(type_name), aircraft, "aircraft")
            found.append(Finding(("schedule", "aircraft", type_name), message, at_key=True))
        entry = _dict(entry)
        for field in _dict(entry.get("ground_time_at")):
            if field not in airfields:
                message = unknown_name("airfield", str(field), list(airfields), "airfields")
                at = ("schedule", "aircraft", type_name, "ground_time_at", field)
                found.append(Finding(at, message, at_key=True))
        name(
            ("schedule", "aircraft", type_name, "source"),
            entry.get("source"),
            sources,
            "source",
            "sources",
        )
    for field in _dict(schedule.get("spots")):
        if field not in airfields:
            message = unknown_name("airfield", str(field), list(airfields), "airfields")
            found.append(Finding(("schedule", "spots", field), message, at_key=True))
    flown = {g.get("aircraft") for g in groups if isinstance(g.get("aircraft"), str)}
    for type_name in sorted(
        t for t in flown if isinstance(t, str) and t not in per_type and t in aircraft
    ):
        found.append(
            Finding(
                ("schedule", "aircraft"),
                f"flights of {quoted(type_name)} have no schedule; add schedule.aircraft."
                f"{type_name} with its block_speed and ground_time",
            )
        )
    used: set[str] = set()
    for g in groups:
        # Only names: a group's values of another type are the schema's to report.
        if isinstance(g.get("aircraft"), str) and g["aircraft"] in per_type:
            used.update(n for _, n in _names(g.get("from")) if isinstance(n, str))
            used.update(n for _, n in _names(g.get("to")) if isinstance(n, str))
    for field in sorted(f for f in used if f in airfields):
        entry = _dict(airfields[field])
        if entry.get("lat") is None or entry.get("lon") is None:
            found.append(
                Finding(
                    ("airfields", field),
                    f"airfield {quoted(field)} needs lat and lon: a schedule times every leg "
                    "from its distance",
                    at_key=True,
                )
            )
    # Ids the schema refuses (a mapping, a list) are no ids to compare, and are unhashable.
    claim_ids = {
        c.get("id")
        for c in _list(data.get("claims"))
        if isinstance(c, dict) and _is_id(c.get("id"))
    }
    seen: set[object] = set()
    group_ids = [str(g["id"]) for g in groups if isinstance(g.get("id"), str)]
    for i, claim in enumerate(_list(schedule.get("claims"))):
        if not isinstance(claim, dict):
            continue
        path = ("schedule", "claims", i)
        cid = claim.get("id")
        if _is_id(cid):
            if cid in seen or cid in claim_ids:
                found.append(Finding((*path, "id"), f"claim id {quoted(str(cid))} is used twice"))
            seen.add(cid)
        name((*path, "aircraft"), claim.get("aircraft"), aircraft, "aircraft type", "aircraft")
        name((*path, "from"), claim.get("from"), list(airfields), "airfield", "airfields")
        name((*path, "to"), claim.get("to"), list(airfields), "airfield", "airfields")
        name((*path, "flights"), claim.get("flights"), group_ids, "flight group", "flight groups")
        name((*path, "source"), claim.get("source"), sources, "source", "sources")
    return found


def leg_airframe_problems(scenario: Scenario, legs: Mapping[str, tuple[Leg, ...]]) -> list[Problem]:
    """A problem at each leg row whose registration is not in its type's registration list."""
    if scenario.schedule is None:
        return []
    types = {g.id: g.aircraft for g in scenario.flights}
    out = []
    for group_id, group_legs in legs.items():
        entry = scenario.schedule.aircraft.get(types.get(group_id, ""))
        fleet = entry.airframes.registrations if entry and entry.airframes else None
        if fleet is None:
            continue
        for leg in group_legs:
            if leg.airframe is not None and leg.airframe not in fleet:
                column = "registration" if leg.registration else "icao24"
                line, col = leg.row.at(column) if leg.row else (None, None)
                message = (
                    f"airframe {quoted(leg.airframe)} is not in the schedule's airframes of "
                    f"{quoted(types[group_id])} ({', '.join(fleet)})"
                )
                out.append(
                    Problem(leg.row.file if leg.row else "<legs>", line, col, (column,), message)
                )
    return out
