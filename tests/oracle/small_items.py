"""Seeded tiny scenarios of several kinds of small items, small enough to enumerate.

The shape of ``bench/small_items.py`` (4-6 cargo types, each its own kind, light
items, some also using seats or floor slots) shrunk until the brute-force oracle
walks every allocation: 1-3 flight groups of 0-2 flights (often a single flight,
so one-flight lanes), payloads holding a handful of items, per-flight minimums
(and sometimes maximums) among the assumptions, claims on kinds and cargo types
(summed, per destination, per group, per aircraft, sometimes per flight) with
bounds drawn near each total's true range, and names with dots, spaces and other
scripts everywhere: aircraft ``Il-76.MD``, cargo ``box.v2``, the limit
``floor.slots``, airfields ``Base.1``, groups ``lift.1``, ids like ``claim.2 «№»``.

Only what the oracle parses is written: masses in whole kg or t, limits and
uses as counts. Like the rest of the oracle it never imports airlift.
"""

from __future__ import annotations

import random
from typing import Any

from tests.oracle.brute_force import TooBig, brute_force, work_estimate

__all__ = ["SMALL_ITEMS_CAP", "small_items_scenario"]

#: Most multisets one scenario may make the oracle enumerate.
WORK_BUDGET = 20_000
#: Most work units (multisets plus signature pairs) the oracle may spend on one.
SMALL_ITEMS_CAP = 120_000

_PLANES = ("Il-76.MD", "C-130J 30", "Ан-12.БК")
#: (cargo type, kind, lightest mass range in kg, uses)
_ITEMS: tuple[tuple[str, str, tuple[int, int], dict[str, int]], ...] = (
    ("water.pack", "water", (20, 40), {}),
    ("box.v2", "boxes", (30, 80), {"floor.slots": 1}),
    ("ration case", "rations.k", (20, 60), {}),
    ("people.adult", "people", (75, 100), {"seats": 1}),
    ("tent.roll", "tents «T»", (40, 120), {"floor.slots": 2}),
    ("generator.2kW", "generators", (120, 250), {"floor.slots": 2}),
    ("medkit", "medical", (20, 35), {}),
)
_DESTS = ("Field.North", "Rostov.on.Don", "Island strip")
_BOUNDS = ("at_least", "at_most", "equals", "between")


def _mass(rng: random.Random, kg: int) -> str:
    return f"{kg / 1000:g} t" if rng.random() < 0.2 else f"{kg} kg"


def _physical(rng: random.Random) -> dict[str, Any]:
    """Airfields, aircraft, cargo and flight groups (at most three flights in all)."""
    dests = list(_DESTS[: rng.randint(1, 3)])
    cargo: dict[str, Any] = {}
    lightest = 250
    for name, kind, (lo, hi), uses in rng.sample(_ITEMS, rng.randint(4, 6)):
        kg = rng.randint(lo, hi)
        lightest = min(lightest, kg)
        mass: Any = _mass(rng, kg)
        if rng.random() < 0.3:
            mass = {"min": mass, "max": _mass(rng, kg + rng.randint(1, 20))}
        cargo[name] = {"kind": kind, "mass": mass, **({"uses": dict(uses)} if uses else {})}
    aircraft: dict[str, Any] = {}
    for name in rng.sample(_PLANES, rng.randint(1, 2)):
        payload = 10 * round(lightest * rng.uniform(3, 7) / 10)
        entry: dict[str, Any] = {"payload": f"{payload} kg"}
        if rng.random() < 0.3:
            entry["payload"] = {"min": f"{payload - 10} kg", "max": f"{payload} kg"}
        limits: dict[str, Any] = {}
        if rng.random() < 0.7:
            limits["seats"] = rng.randint(1, 3)
        if rng.random() < 0.7:
            limits["floor.slots"] = rng.randint(1, 4)
        if limits:
            entry["limits"] = limits
        aircraft[name] = entry
    flights = []
    left = rng.choice((1, 2, 2, 3, 3))
    for i in range(1, rng.randint(1, 3) + 1):
        most = min(left, rng.choice((1, 1, 2)))
        left -= most
        count: Any = most if rng.random() < 0.7 else {"min": rng.randint(0, most), "max": most}
        group: dict[str, Any] = {
            "id": f"lift.{i}" if i != 2 else "lift 2",
            "aircraft": rng.choice(list(aircraft)),
            "count": count,
            "from": "Base.1",
            "to": rng.sample(dests, rng.randint(1, len(dests))),
        }
        if rng.random() < 0.25:
            group["carries"] = rng.sample(list(cargo), rng.randint(2, len(cargo)))
        flights.append(group)
    return {
        "title": "small items «tiny»",
        "airfields": {"Base.1": {}, **{d: {} for d in dests}},
        "aircraft": aircraft,
        "cargo": cargo,
        "flights": flights,
    }


def _filters(rng: random.Random, d: dict[str, Any]) -> dict[str, Any]:
    """Zero or one filter: a destination, a group or an aircraft type."""
    roll = rng.random()
    if roll < 0.3:
        return {"to": rng.choice([a for a in d["airfields"] if a != "Base.1"])}
    if roll < 0.5:
        return {"flights": rng.choice(d["flights"])["id"]}
    if roll < 0.6:
        return {"aircraft": rng.choice(list(d["aircraft"]))}
    return {}


def _kinds(d: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys(c["kind"] for c in d["cargo"].values()))


def _range(d: dict[str, Any], spec: dict[str, Any]) -> tuple[int, int] | None:
    """The exact [min, max] of a summed total over the base of ``d`` (None: no base)."""
    probe = {**d, "claims": [], "estimate": [dict(spec)]}
    (b,) = brute_force(probe, cap=SMALL_ITEMS_CAP).bounds
    return None if b.min is None or b.max is None else (b.min, b.max)


def _bound(rng: random.Random, lo: int, hi: int) -> dict[str, Any]:
    """A bound near ``[lo, hi]``, so that every verdict occurs."""
    key = rng.choice(_BOUNDS)

    def near() -> int:
        return max(0, rng.randint(lo - 1, hi + 1))

    if key == "between":
        a = near()
        return {key: [a, max(a, rng.choice((a, hi, near(), a + 2)))]}
    if key == "at_least":
        return {key: rng.choice((lo, hi + 1, near()))}
    if key == "at_most":
        return {key: rng.choice((max(0, lo - 1), hi, near()))}
    return {key: near()}


def _assumptions(rng: random.Random, d: dict[str, Any]) -> list[dict[str, Any]]:
    """Per-flight minimums (sometimes a maximum), sometimes a count of landings."""
    out: list[dict[str, Any]] = []
    for n in range(rng.choice((0, 1, 1, 2))):
        total = rng.choice([*_kinds(d), *d["cargo"]])
        s: dict[str, Any] = {"id": f"each.{n + 1} carried", "total": total, "per_flight": True}
        s.update(_filters(rng, d))
        s["at_least"] = rng.choice((1, 1, 2))
        out.append(s)
    if rng.random() < 0.25:
        out.append(
            {
                "id": "at most so many a flight",
                "total": rng.choice(_kinds(d)),
                "per_flight": True,
                "at_most": rng.randint(1, 3),
            }
        )
    if rng.random() < 0.2:
        out.append(
            {
                "id": "landings.seen",
                "total": "flights",
                "to": rng.choice([a for a in d["airfields"] if a != "Base.1"]),
                "at_least": 1,
            }
        )
    return out


def _claims(rng: random.Random, d: dict[str, Any]) -> list[dict[str, Any]]:
    """A claim on most kinds, now and then on a cargo type or per flight."""
    out: list[dict[str, Any]] = []
    for i, kind in enumerate(_kinds(d), start=1):
        if rng.random() < 0.2:
            continue
        total = kind if rng.random() < 0.8 else rng.choice(list(d["cargo"]))
        spec: dict[str, Any] = {"total": total, **_filters(rng, d)}
        claim: dict[str, Any] = {"id": f"claim.{i} «№»", **spec}
        if rng.random() < 0.2:
            claim["per_flight"] = True
            claim.update(_bound(rng, 0, 4))
        else:
            span = _range(d, spec) or (0, 3)
            claim.update(_bound(rng, *span))
        out.append(claim)
    return out or [{"id": "claim.flights", "total": "flights", "at_least": 1}]


def small_items_scenario(seed: int) -> dict[str, Any]:
    """A tiny many-kinds scenario, the same for the same seed."""
    rng = random.Random(seed)
    while True:
        d = _physical(rng)
        try:
            if work_estimate(d) > WORK_BUDGET:
                continue
            d["assumptions"] = _assumptions(rng, d)
            d["claims"] = _claims(rng, d)
            brute_force(d, cap=SMALL_ITEMS_CAP)  # small enough to enumerate
        except TooBig:
            continue
        return d
