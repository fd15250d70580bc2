"""Seeded tiny random scenarios that the brute-force oracle enumerates quickly.

:func:`random_scenario` returns a plain dict, as a YAML file would give it. The
draws cover the format's features at toy sizes: 1-3 aircraft types (payload
exact or a range, in whole or half tonnes, sometimes a count limit), 1-3 cargo
types in 1-2 kinds (masses as ranges, sometimes ``uses``), 1-3 flight groups of
0-3 flights (sometimes a count range) flying to one or several of 1-3
destinations (sometimes carrying a subset of the cargo), 0-2 assumptions and
1-4 claims of every bound type, filter and ``per_flight`` setting, and
sometimes an explicit ``estimate``. Bound values are drawn near the true range
of their total (found with the oracle), so that inconsistent, consistent and
implied verdicts all occur often; now and then an assumption is drawn outside
that range, making the base infeasible.
"""

from __future__ import annotations

import random
from typing import Any

from tests.oracle.brute_force import (
    TooBig,
    brute_force,
    parse_amount,
    parse_mass,
    read,
    work_estimate,
)

__all__ = ["ORACLE_CAP", "WORK_BUDGET", "random_scenario"]

#: Most multisets a generated scenario may make the oracle enumerate.
WORK_BUDGET = 6_000
#: Most work units (multisets plus signature pairs) the oracle may spend on one.
ORACLE_CAP = 30_000
_TOTAL_KEYS = ("at_least", "at_most", "equals", "between")


def _tonnes(half_tonnes: int, rng: random.Random) -> str:
    """A mass of ``half_tonnes`` / 2 t, written in t or (sometimes) in kg."""
    kg = half_tonnes * 500
    style = rng.random()
    if style < 0.15:
        return f"{kg:,} kg"
    if style < 0.3:
        return f"{kg} kg"
    return f"{kg // 1000} t" if kg % 1000 == 0 else f"{kg / 1000} t"


def _mass(rng: random.Random, lo: int, hi: int) -> Any:
    """An exact mass or a range, in half tonnes between ``lo`` and ``hi``."""
    a = rng.randint(lo, hi)
    if rng.random() < 0.4:
        return _tonnes(a, rng)
    b = rng.randint(a, hi + 1)
    return {"min": _tonnes(a, rng), "max": _tonnes(b, rng)}


def _count_amount(rng: random.Random, lo: int, hi: int) -> Any:
    a = rng.randint(lo, hi)
    if rng.random() < 0.6:
        return a
    return {"min": a, "max": rng.randint(a, hi + 1)}


def _names(rng: random.Random, pool: list[str], most: int) -> Any:
    """One name (sometimes as a bare string) or a short list, in random order."""
    picked = rng.sample(pool, rng.randint(1, min(most, len(pool))))
    return picked[0] if len(picked) == 1 and rng.random() < 0.5 else picked


def _physical(rng: random.Random) -> dict[str, Any]:
    """Airfields, aircraft, cargo and flight groups; no statements yet."""
    origins = [f"O{i}" for i in range(1, rng.randint(1, 2) + 1)]
    dests = [f"D{i}" for i in range(1, rng.randint(1, 3) + 1)]
    airfields: dict[str, Any] = {name: {} for name in origins + dests}
    aircraft: dict[str, Any] = {}
    for i in range(1, rng.randint(1, 3) + 1):
        entry: dict[str, Any] = {"payload": _mass(rng, 4, 12)}
        if rng.random() < 0.45:
            entry["limits"] = {"slots": _count_amount(rng, 1, 4)}
            if rng.random() < 0.15:
                entry["limits"]["pallets"] = _count_amount(rng, 0, 3)
        aircraft[f"A{i}"] = entry
    kinds = [f"k{i}" for i in range(1, rng.randint(1, 2) + 1)]
    cargo: dict[str, Any] = {}
    for i in range(1, rng.randint(1, 3) + 1):
        item: dict[str, Any] = {"kind": rng.choice(kinds), "mass": _mass(rng, 2, 6)}
        if rng.random() < 0.5:
            item["uses"] = {"slots": _count_amount(rng, 1, 2)}
            if rng.random() < 0.2:
                item["uses"]["pallets"] = 1
        cargo[f"c{i}"] = item
    flights = []
    for i in range(1, rng.randint(1, 3) + 1):
        a = rng.randint(0, 3)
        count: Any = a if rng.random() < 0.6 else {"min": a, "max": rng.randint(a, 3)}
        group: dict[str, Any] = {
            "id": f"g{i}",
            "aircraft": rng.choice(list(aircraft)),
            "count": count,
            "from": rng.choice(origins),
            "to": _names(rng, dests, 3),
        }
        if rng.random() < 0.3:
            group["carries"] = _names(rng, list(cargo), 2)
        flights.append(group)
    return {
        "title": f"random scenario {rng.random():.6f}",
        "airfields": airfields,
        "aircraft": aircraft,
        "cargo": cargo,
        "flights": flights,
    }


def _spec(rng: random.Random, d: dict[str, Any]) -> dict[str, Any]:
    """A total with random filters (each filter present about one time in five)."""
    kinds = list(dict.fromkeys(c["kind"] for c in d["cargo"].values()))
    spec: dict[str, Any] = {"total": rng.choice([*d["cargo"], *kinds, "flights"])}
    dests = [a for a in d["airfields"] if a.startswith("D")]
    origins = [a for a in d["airfields"] if a.startswith("O")]
    if rng.random() < 0.3:
        spec["to"] = _names(rng, dests if rng.random() < 0.9 else list(d["airfields"]), 2)
    if rng.random() < 0.15:
        spec["from"] = _names(rng, origins, 2)
    if rng.random() < 0.15:
        spec["aircraft"] = _names(rng, list(d["aircraft"]), 2)
    if rng.random() < 0.15:
        spec["flights"] = _names(rng, [g["id"] for g in d["flights"]], 2)
    return spec


def _per_flight_max(d: dict[str, Any], total: str) -> int:
    """A generous upper bound on one flight's ``total`` (for drawing per-flight values)."""
    if total == "flights":
        return 1
    p = read(d)
    lightest = min(p.mass_min.values())
    heaviest_payload = max(p.payload_max.values())
    return int(heaviest_payload // lightest)


def _ranges(d: dict[str, Any], specs: list[dict[str, Any]]) -> list[tuple[int, int] | None]:
    """The exact [min, max] of each aggregate spec over the base of ``d`` (None if none)."""
    out: list[tuple[int, int] | None] = []
    for spec in specs:  # one at a time: equal rows are merged in an estimate
        probe = {**d, "claims": [], "estimate": [dict(spec)]}
        (b,) = brute_force(probe, cap=ORACLE_CAP).bounds
        out.append(None if b.min is None or b.max is None else (b.min, b.max))
    return out


def _bound(rng: random.Random, lo: int, hi: int, *, generous: bool) -> dict[str, Any]:
    """A bound near ``[lo, hi]``; ``generous`` keeps it mostly satisfiable."""
    key = rng.choice(_TOTAL_KEYS)
    mid = (lo + hi) // 2

    def near(a: int, b: int) -> int:
        return max(0, rng.randint(a, b))

    if generous and rng.random() < 0.9:
        if key == "at_least":
            return {key: near(lo, mid)}
        if key == "at_most":
            return {key: near(mid, hi)}
        if key == "equals":
            return {key: near(lo, hi)}
        a = near(lo - 1, mid)
        return {key: [a, max(a, near(mid, hi + 1))]}
    if key == "at_least":
        return {key: rng.choice([lo, hi + 1, near(lo, hi + 1)])}
    if key == "at_most":
        return {key: rng.choice([max(0, lo - 1), hi, near(lo - 1, hi)])}
    if key == "equals":
        return {key: near(lo - 1, hi + 1)}
    a = near(lo - 1, hi + 1)
    return {key: [a, max(a, rng.choice([a, hi, a + rng.randint(0, 2), near(a, hi + 1)]))]}


def _statements(
    rng: random.Random, d: dict[str, Any], prefix: str, count: int, *, generous: bool
) -> list[dict[str, Any]]:
    specs = [_spec(rng, d) for _ in range(count)]
    per_flight = [rng.random() < 0.3 for _ in specs]
    ranges = _ranges(d, [s for s, pf in zip(specs, per_flight, strict=True) if not pf])
    out = []
    for i, (spec, pf) in enumerate(zip(specs, per_flight, strict=True), start=1):
        statement = {"id": f"{prefix}{i}", "says": f"statement {prefix}{i}", **spec}
        if pf:
            statement["per_flight"] = True
            total = spec["total"]
            lo, hi = (1, 1) if total == "flights" else (0, _per_flight_max(d, total))
            if generous and rng.random() < 0.7:
                # e.g. "each selected flight carried at least one"
                statement.update(
                    {"at_least": rng.randint(0, min(1, hi))}
                    if rng.random() < 0.6
                    else {"at_most": rng.randint(lo, hi)}
                )
            else:
                statement.update(_bound(rng, lo, hi, generous=False))
        else:
            span = ranges.pop(0) or (0, 3)
            statement.update(_bound(rng, *span, generous=generous))
        if rng.random() < 0.2 and not pf:
            statement["per_flight"] = False
        out.append(statement)
    return out


def _estimate(rng: random.Random, d: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for _ in range(rng.randint(1, 3)):
        row = _spec(rng, d)
        if rng.random() < 0.5:
            row.pop("to", None)
            row["by"] = "to"
        rows.append(row)
    return rows


def _sanity(d: dict[str, Any]) -> None:
    """The generator writes only what the oracle's own parser reads exactly."""
    for a in d["aircraft"].values():
        for v in (
            (a["payload"]["min"], a["payload"]["max"])
            if isinstance(a["payload"], dict)
            else (a["payload"],)
        ):
            assert parse_mass(v).denominator == 1
        for amount in (a.get("limits") or {}).values():
            parse_amount(amount if not isinstance(amount, dict) else amount["max"])


def random_scenario(seed: int) -> dict[str, Any]:
    """A tiny random scenario, the same for the same seed."""
    rng = random.Random(seed)
    while True:
        d = _physical(rng)
        if work_estimate(d) > WORK_BUDGET:
            continue
        _sanity(d)
        try:
            if rng.random() < 0.55:
                d["assumptions"] = _statements(
                    rng, d, "assume-", rng.randint(1, 2), generous=rng.random() < 0.85
                )
            d["claims"] = _statements(rng, d, "claim-", rng.randint(1, 4), generous=False)
            if rng.random() < 0.35:
                d["estimate"] = _estimate(rng, d)
            brute_force(d, cap=ORACLE_CAP)  # small enough to enumerate quickly
        except TooBig:
            continue
        return d
