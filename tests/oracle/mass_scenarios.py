"""Seeded tiny random scenarios with bulk cargo and mass bounds, for the mass oracle.

:func:`random_mass_scenario` returns a plain dict, as a YAML file would give it:
1-2 aircraft types (payload 10-30 t written in t, kg, lb or short_ton, now and
then a range, sometimes a slot limit), 1-2 unit cargo types of 2-9 t (sometimes
a mass range), 0-2 bulk types sharing kinds with them or not, 1-3 flight groups
of 0-3 flights to 1-2 destinations (sometimes a count range or a subset of the
cargo), 0-2 assumptions and 1-3 claims: mass bounds on bulk, unit and mixed
totals (``at_least``, ``at_most``, ``equals``, ``between``, in kg, t, lb,
short_ton or long_ton, with thousands separators), count bounds on unit totals
and flights, some ``per_flight``; estimate rows by default or written (with
``unit: t`` on unit totals now and then, and now and then a copy of a row taken
``given`` one or two claims). Bound values are drawn near the true
range of their total (found with the oracle), often exactly at its ends, so that
every verdict occurs and the edges are hit.

At most one unit type has a ranged mass that a mass total counts, unless
``two_ranged`` (for the oracle's own tests): then both unit types have ranged masses.
"""

from __future__ import annotations

import random
from fractions import Fraction
from math import comb
from typing import Any

from tests.oracle.mass_oracle import mass_oracle
from tests.oracle.mass_reading import (
    KG_PER,
    TooBig,
    estimate_specs,
    loads,
    parse_mass,
    read,
)

__all__ = ["ORACLE_CAP", "random_mass_scenario", "write_mass"]

#: Most signature steps the oracle may take on one generated scenario.
ORACLE_CAP = 6_000
#: Most combinations of whole loads a drawn scenario may have (checked before the oracle).
MULTISET_BUDGET = 5_000
#: Most LPs the oracle may solve on one generated scenario (else another is drawn).
LP_BUDGET = 250
_KEYS = ("at_least", "at_most", "equals", "between")


def write_mass(kg: Fraction, unit: str, *, commas: bool = False) -> str | None:
    """``kg`` written exactly in ``unit`` (a finite decimal), or None if it cannot be."""
    value = kg / KG_PER[unit]
    for digits in range(0, 9):
        scaled = value * 10**digits
        if scaled.denominator == 1:
            whole, frac = divmod(int(scaled), 10**digits)
            head = f"{whole:,}" if commas else str(whole)
            text = f"{head}.{frac:0{digits}d}" if digits else head
            assert parse_mass(f"{text} {unit}") == kg
            return f"{text} {unit}"
    return None


def _payload(rng: random.Random) -> Any:
    """10-30 t, written in t, kg, lb or short_ton; sometimes a range."""

    def one(lo_t: int, hi_t: int) -> str:
        style = rng.random()
        if style < 0.2:
            lb = rng.randint(lo_t * 2205, hi_t * 2205) // 10 * 10
            return f"{lb:,} lb" if rng.random() < 0.5 else f"{lb} lb"
        if style < 0.3:
            return f"{rng.randint(lo_t * 11, hi_t * 11) // 10} short_ton"
        kg = rng.randint(lo_t * 2, hi_t * 2) * 500
        if style < 0.45:
            return f"{kg:,} kg"
        if rng.random() < 0.2:
            kg += rng.choice([10, 250, 760])
        return write_mass(Fraction(kg), "t") or f"{kg} kg"

    if rng.random() < 0.2:
        a = one(10, 25)
        b = one(10, 30)
        lo, hi = sorted([a, b], key=parse_mass)
        return {"min": lo, "max": hi}
    return one(10, 30)


def _unit_mass(rng: random.Random, ranged: bool) -> Any:
    """2-9 t in half tonnes (or kg now and then); a range when ``ranged``."""

    def one(lo: int, hi: int) -> str:
        half = rng.randint(lo, hi)
        kg = half * 500
        if rng.random() < 0.15:
            kg += rng.choice([125, 300])
        return write_mass(Fraction(kg), "t") or f"{kg} kg"

    if not ranged:
        return one(4, 18)
    a = rng.randint(4, 14)
    lo, hi = one(a, a), one(a + 1, min(18, a + 4))
    return {"min": lo, "max": hi}


def _physical(rng: random.Random, two_ranged: bool) -> dict[str, Any]:
    dests = [f"D{i}" for i in range(1, rng.randint(1, 2) + 1)]
    aircraft: dict[str, Any] = {}
    for i in range(1, rng.randint(1, 2) + 1):
        entry: dict[str, Any] = {"payload": _payload(rng)}
        if rng.random() < 0.15:
            entry["limits"] = {"slots": rng.randint(2, 5)}
        aircraft[f"A{i}"] = entry
    kinds = ["supplies", "arms"][: rng.randint(1, 2)]
    cargo: dict[str, Any] = {}
    n_unit = 2 if two_ranged else rng.randint(1, 2)
    n_ranged = 0
    for i in range(1, n_unit + 1):
        ranged = two_ranged or (rng.random() < 0.4 and n_ranged == 0)
        n_ranged += ranged
        item: dict[str, Any] = {"kind": rng.choice(kinds), "mass": _unit_mass(rng, ranged)}
        if rng.random() < 0.15:
            item["uses"] = {"slots": 1}
        cargo[f"u{i}"] = item
    for i in range(1, rng.choice([0, 1, 1, 1, 2, 2]) + 1):
        cargo[f"b{i}"] = {"kind": rng.choice(kinds), "bulk": True}
    flights = []
    for i in range(1, rng.randint(1, 3) + 1):
        a = rng.randint(0, 3)
        count: Any = a if rng.random() < 0.7 else {"min": a, "max": rng.randint(a, 3)}
        picked = rng.sample(dests, rng.randint(1, len(dests)))
        group: dict[str, Any] = {
            "id": f"g{i}",
            "aircraft": rng.choice(list(aircraft)),
            "count": count,
            "from": "O",
            "to": picked[0] if len(picked) == 1 and rng.random() < 0.5 else picked,
        }
        if rng.random() < 0.25:
            group["carries"] = rng.sample(list(cargo), rng.randint(1, len(cargo)))
        flights.append(group)
    return {
        "title": f"random mass scenario {rng.random():.6f}",
        "airfields": {name: {} for name in ["O", *dests]},
        "aircraft": aircraft,
        "cargo": cargo,
        "flights": flights,
    }


def _has_bulk(d: dict[str, Any], total: str) -> bool:
    if total == "flights":
        return False
    cargo = d["cargo"]
    names = [total] if total in cargo else [n for n, c in cargo.items() if c["kind"] == total]
    return any(cargo[n].get("bulk", False) for n in names)


def _spec(rng: random.Random, d: dict[str, Any], want_mass: bool) -> dict[str, Any]:
    """A total with random filters; a mass total when ``want_mass`` (or when it has bulk)."""
    kinds = list(dict.fromkeys(c["kind"] for c in d["cargo"].values()))
    pool = [*d["cargo"], *kinds] + ([] if want_mass else ["flights"])
    if not want_mass:
        pool = [t for t in pool if not _has_bulk(d, t)]
    spec: dict[str, Any] = {"total": rng.choice(pool)}
    dests = [a for a in d["airfields"] if a.startswith("D")]
    if rng.random() < 0.3:
        spec["to"] = rng.choice(dests)
    if rng.random() < 0.1:
        spec["aircraft"] = rng.choice(list(d["aircraft"]))
    if rng.random() < 0.15:
        spec["flights"] = rng.sample([g["id"] for g in d["flights"]], 1)
    return spec


def _ranges(
    d: dict[str, Any], specs: list[tuple[dict[str, Any], bool]]
) -> list[tuple[Fraction, Fraction]]:
    """The exact [min, max] of each aggregate total over the base of ``d`` (kg for masses).

    One oracle run with every total as an estimate row; a total without a value
    (the base is infeasible) gets a made-up range.
    """
    rows = [{**spec, "unit": "t"} if mass else dict(spec) for spec, mass in specs]
    probe = {**d, "claims": [], "estimate": rows}
    result = mass_oracle(probe, cap=ORACLE_CAP, lp_cap=LP_BUDGET)
    found = {b.spec: (b.min, b.max) for b in result.bounds}
    out = []
    for row, (_, mass) in zip(rows, specs, strict=True):
        (key,) = estimate_specs({**d, "estimate": [row]})
        lo, hi = found[key]
        if lo is None or hi is None:
            lo, hi = Fraction(0), Fraction(3000 if mass else 3)
        out.append((lo, hi))
    return out


def _mass_text(rng: random.Random, kg: Fraction) -> str:
    """``kg`` (>= 0) in a random unit, exactly when it can be written so, else nearby."""
    kg = max(Fraction(0), kg)
    units = ["t", "t", "t", "kg", "kg", "lb", "short_ton", "long_ton"]
    rng.shuffle(units)
    for unit in units:
        text = write_mass(kg, unit, commas=rng.random() < 0.5)
        if text is not None:
            return text
    # Not a finite decimal in any unit: a whole kg just below or above.
    return f"{int(kg) + rng.choice([0, 1])} kg"


def _near(rng: random.Random, lo: Fraction, hi: Fraction, mass: bool) -> Fraction:
    """A value around [lo, hi]: often an end, else inside or a little beyond."""
    step = Fraction(500) if mass else Fraction(1)
    r = rng.random()
    if r < 0.3:
        return rng.choice([lo, hi])
    if r < 0.45:
        return rng.choice([lo - step, hi + step, lo - step / 10, hi + step / 10])
    span = hi - lo
    value = lo + span * Fraction(rng.randint(0, 8), 8)
    return value if mass else Fraction(round(value))


def _bound(rng: random.Random, lo: Fraction, hi: Fraction, mass: bool) -> dict[str, Any]:
    key = rng.choice(_KEYS)

    def text(v: Fraction) -> Any:
        v = max(Fraction(0), v)
        if not mass:
            n = int(v)
            return f"{n:,}" if n >= 1000 or rng.random() < 0.1 else n
        return _mass_text(rng, v)

    if key == "between":
        a, b = sorted([_near(rng, lo, hi, mass), _near(rng, lo, hi, mass)])
        ta, tb = text(a), text(b)
        if (parse_mass(ta) if mass else int(str(ta).replace(",", ""))) > (
            parse_mass(tb) if mass else int(str(tb).replace(",", ""))
        ):
            ta, tb = tb, ta
        return {key: [ta, tb]}
    return {key: text(_near(rng, lo, hi, mass))}


def _statements(
    rng: random.Random, d: dict[str, Any], prefix: str, count: int
) -> list[dict[str, Any]]:
    plain = read({**d, "estimate": []})
    most_payload = max(plain.payload.values())
    drawn = []
    for _ in range(count):
        mass = rng.random() < 0.7
        spec = _spec(rng, d, mass)
        drawn.append((spec, mass or _has_bulk(d, spec["total"]), rng.random() < 0.25))
    ranges = iter(_ranges(d, [(spec, mass) for spec, mass, pf in drawn if not pf]))
    out = []
    for i, (spec, mass, pf) in enumerate(drawn, start=1):
        statement: dict[str, Any] = {"id": f"{prefix}{i}", "says": f"statement {prefix}{i}"}
        statement.update(spec)
        if pf:
            statement["per_flight"] = True
            most = most_payload if mass else Fraction(1 if spec["total"] == "flights" else 6)
            lo, hi = Fraction(0), most
        else:
            lo, hi = next(ranges)
        statement.update(_bound(rng, lo, hi, mass))
        out.append(statement)
    return out


def _estimate(rng: random.Random, d: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for _ in range(rng.randint(1, 3)):
        row = _spec(rng, d, rng.random() < 0.5)
        if not _has_bulk(d, row["total"]) and row["total"] != "flights" and rng.random() < 0.4:
            row["unit"] = "t"
        if rng.random() < 0.3:
            row.pop("to", None)
            row["by"] = "to"
        key = (row["total"], row.get("to"), row.get("flights"), row.get("aircraft"))
        if any((r["total"], r.get("to"), r.get("flights"), r.get("aircraft")) == key for r in rows):
            continue  # the same total once, never once as a count and once as a mass
        rows.append(row)
    return rows


def _conditional(rng: random.Random, d: dict[str, Any]) -> None:
    """Now and then, a copy of an estimate row taken ``given`` one or two statements."""
    if rng.random() < 0.5:
        return
    ids = [s["id"] for s in d["claims"]]
    if d.get("assumptions") and rng.random() < 0.15:
        ids.append(rng.choice(d["assumptions"])["id"])
    given = rng.sample(ids, rng.randint(1, min(2, len(ids))))
    row = dict(rng.choice(d["estimate"]))
    row["given"] = given if len(given) > 1 or rng.random() < 0.5 else given[0]
    d["estimate"].append(row)


def _multisets(d: dict[str, Any]) -> int:
    """How many combinations of whole loads the groups of ``d`` have (a size guess)."""
    p = read({**d, "estimate": []})
    total = 1
    for g in p.groups:
        n = len(g.to) * len(loads(p, g))
        total *= sum(comb(n + k - 1, k) for k in range(g.count_min, (g.count_max or 0) + 1))
    return total


def _ranged_in_mass(d: dict[str, Any]) -> int:
    return len(read(d).variables)


def random_mass_scenario(seed: int, *, two_ranged: bool = False) -> dict[str, Any]:
    """A tiny random scenario with bulk cargo and mass bounds, the same for the same seed."""
    rng = random.Random(seed)
    # Conditional rows are drawn apart, so that adding them left the other draws alone.
    given_rng = random.Random(f"given {seed}")
    while True:
        d = _physical(rng, two_ranged)
        if _multisets(d) > MULTISET_BUDGET:
            continue
        try:
            probe = {**d, "estimate": []}
            mass_oracle(probe, cap=ORACLE_CAP, lp_cap=LP_BUDGET)
            if rng.random() < 0.5:
                d["assumptions"] = _statements(rng, d, "assume-", rng.randint(1, 2))
            d["claims"] = _statements(rng, d, "claim-", rng.randint(1, 3))
            if rng.random() < 0.6:
                d["estimate"] = _estimate(rng, d)
                _conditional(given_rng, d)
            mass_oracle(d, cap=ORACLE_CAP, lp_cap=LP_BUDGET)
        except TooBig:
            continue
        if not two_ranged and _ranged_in_mass(d) > 1:
            continue
        return d
