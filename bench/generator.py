"""Seeded generator of realistic airlift scenarios, for benchmarks and cross-checks.

``generate(flights, groups, cargo_types, destinations)`` returns a scenario as a
plain dict, exactly as ``yaml.safe_load`` would give it from a file: quantities
are strings with units (``"45 t"``, ``"5,200 lb"``, ``"8 m"``), counts are
integers or ``{min, max}`` mappings, and ``from`` is spelled ``from``.

The scenarios look like the real thing (a few transport aircraft types with
payload ranges and slot and floor-length limits, cargo of several kinds with
mass ranges, flight groups with one origin and one to five destinations) and
carry assumptions and claims chosen so that verdicts are mixed: some claims
are implied, some merely consistent, some inconsistent. The flight counts of
all groups add up to ``flights`` at their maxima, so a per-flight model has
exactly ``flights`` flights. Every count is closed (no ``{min: n}`` without a
max), because a per-flight model cannot represent an unbounded group.

The same arguments always give the same dict (``random.Random(seed)``).

Command line::

    python -m bench.generator --flights 10000 --groups 20 --cargo-types 20 \
        --destinations 20 --seed 0 > big.yaml
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

__all__ = ["CASES", "generate", "main", "to_yaml", "write_yaml"]

#: Fixed settings whose per-flight answers are kept in ``bench/expected/<name>.json``.
CASES: dict[str, dict[str, int]] = {
    "small": {"flights": 60, "groups": 4, "cargo_types": 6, "destinations": 4, "seed": 0},
    "medium": {"flights": 1000, "groups": 10, "cargo_types": 12, "destinations": 10, "seed": 0},
    "large": {"flights": 10000, "groups": 20, "cargo_types": 20, "destinations": 20, "seed": 0},
}


@dataclass(frozen=True)
class _AircraftType:
    name: str
    payload_min_t: float
    payload_max_t: float
    slots: int
    floor_m: float | None  # None: the type has no floor-length limit
    unit: str  # how payloads are written: "t" or "lb"


_AIRCRAFT = (
    _AircraftType("Il-76MD", 40, 48, 12, 20.0, "t"),
    _AircraftType("An-124", 120, 150, 36, 36.5, "t"),
    _AircraftType("An-12", 18, 20, 6, 13.5, "t"),
    _AircraftType("C-17A", 74.8, 77.5, 18, 20.7, "lb"),
    _AircraftType("An-22", 60, 80, 16, 26.4, "t"),
    _AircraftType("C-130J", 19.96, 19.96, 6, None, "lb"),
    _AircraftType("A400M", 37, 37, 9, 17.7, "t"),
)


@dataclass(frozen=True)
class _KindProfile:
    name: str
    mass_t: tuple[float, float]  # range the lightest unit mass is drawn from
    slots: tuple[int, int]
    floor_m: tuple[float, float] | None


_KINDS = (
    _KindProfile("missile", (1.5, 3.4), (1, 1), (7.2, 9.0)),
    _KindProfile("launcher", (18.0, 42.0), (4, 6), (11.0, 13.5)),
    _KindProfile("radar", (6.0, 24.0), (2, 4), (6.0, 11.0)),
    _KindProfile("ammunition", (0.4, 1.6), (1, 1), None),
    _KindProfile("vehicle", (4.0, 15.0), (2, 3), (5.0, 8.0)),
    _KindProfile("fuel", (1.0, 4.5), (1, 2), None),
)

_DESTINATIONS = (
    ("Millerovo", "RU", 48.954, 40.301),
    ("Rostov-on-Don", "RU", 47.258, 39.818),
    ("Seshcha", "RU", 53.715, 33.346),
    ("Chkalovsky", "RU", 55.890, 38.044),
    ("Yeysk", "RU", 46.68, 38.25),
    ("Kursk-Khalino", "RU", 51.751, 36.296),
    ("Voronezh-Baltimor", "RU", 51.624, 39.153),
    ("Belgorod", "RU", 50.644, 36.590),
)
_ORIGINS = (
    ("Machulishchy", "BY", 53.774, 27.577),
    ("Baranovichi", "BY", 53.094, 26.046),
    ("Lida", "BY", 53.878, 25.373),
    ("Zyabrovka", "BY", 52.30, 31.1),
)


def _kind_profile(index: int) -> _KindProfile:
    if index < len(_KINDS):
        return _KINDS[index]
    base = _KINDS[index % len(_KINDS)]
    return _KindProfile(
        f"{base.name}-{index // len(_KINDS) + 1}", base.mass_t, base.slots, base.floor_m
    )


def _tonnes(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text} t"


def _mass_text(rng: random.Random, tonnes: float) -> str:
    """A mass written the way sources write it: mostly tonnes, sometimes kg or lb."""
    roll = rng.random()
    if roll < 0.12:
        pounds = round(tonnes * 1000 / 0.45359237 / 10) * 10
        return f"{pounds:,} lb"
    if roll < 0.25 and tonnes < 5:
        return f"{round(tonnes * 1000 / 5) * 5:,} kg"
    return _tonnes(tonnes)


def _payload_text(kg: float, unit: str) -> str:
    if unit == "lb":
        return f"{round(kg / 0.45359237 / 100) * 100:,} lb"
    return _tonnes(kg / 1000)


def _airfields(
    rng: random.Random, destinations: int
) -> tuple[dict[str, Any], list[str], list[str]]:
    fields: dict[str, Any] = {}
    dests: list[str] = []
    for i in range(destinations):
        if i < len(_DESTINATIONS):
            name, country, lat, lon = _DESTINATIONS[i]
        else:
            name, country = f"Field-{i + 1:02d}", "RU"
            lat, lon = round(rng.uniform(45, 60), 3), round(rng.uniform(32, 50), 3)
        fields[name] = {"country": country, "lat": lat, "lon": lon}
        dests.append(name)
    origins: list[str] = []
    for i in range(max(2, min(len(_ORIGINS), destinations // 4))):
        name, country, lat, lon = _ORIGINS[i]
        fields[name] = {"country": country, "lat": lat, "lon": lon}
        origins.append(name)
    return fields, dests, origins


def _aircraft(rng: random.Random, groups: int) -> dict[str, Any]:
    count = min(len(_AIRCRAFT), max(1, min(groups, rng.randint(2, 4))))
    chosen = [_AIRCRAFT[0], *rng.sample(_AIRCRAFT[1:], count - 1)]
    out: dict[str, Any] = {}
    for a in chosen:
        lo, hi = a.payload_min_t * 1000, a.payload_max_t * 1000
        payload: Any = (
            _payload_text(lo, a.unit)
            if lo == hi
            else {"min": _payload_text(lo, a.unit), "max": _payload_text(hi, a.unit)}
        )
        slots: Any = a.slots if rng.random() < 0.7 else {"min": a.slots - 2, "max": a.slots}
        limits: dict[str, Any] = {"slots": slots}
        if a.floor_m is not None:
            limits["floor_length"] = (
                f"{round(a.floor_m / 0.3048)} ft" if a.unit == "lb" else f"{a.floor_m} m"
            )
        out[a.name] = {"payload": payload, "limits": limits}
    return out


def _cargo(rng: random.Random, cargo_types: int, kinds: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for i in range(cargo_types):
        profile = _kind_profile(i % kinds)
        lo = rng.uniform(*profile.mass_t)
        mass: Any
        if rng.random() < 0.35:
            mass = _mass_text(rng, lo)
        else:
            mass = {"min": _mass_text(rng, lo), "max": _tonnes(lo * rng.uniform(1.05, 1.45))}
        uses: dict[str, Any] = {"slots": rng.randint(*profile.slots)}
        if profile.floor_m is not None and rng.random() < 0.8:
            uses["floor_length"] = f"{round(rng.uniform(*profile.floor_m), 1)} m"
        serial = i // kinds
        suffix = chr(ord("A") + serial) if serial < 26 else str(serial + 1)
        out[f"{profile.name}-{suffix}"] = {"kind": profile.name, "mass": mass, "uses": uses}
    return out


def _quantity_kg(text: str) -> Fraction:
    """Kilograms in a mass string this module wrote (only t, kg and lb occur)."""
    number, unit = text.split()
    factor = {"t": Fraction(1000), "kg": Fraction(1), "lb": Fraction("0.45359237")}[unit]
    return Fraction(number.replace(",", "")) * factor


def _length_cm(text: str) -> Fraction:
    number, unit = text.split()
    return Fraction(number) * {"m": Fraction(100), "ft": Fraction("30.48")}[unit]


def _at(value: Any, side: str) -> Any:
    return value[side] if isinstance(value, dict) else value


def _units_per_flight(aircraft: dict[str, Any], cargo: dict[str, Any]) -> int:
    """Most units of one cargo type one flight can hold, at the permissive values.

    Used only to choose believable carries and claim thresholds; the verdicts
    come from the models, never from this estimate.
    """
    best = int(
        _quantity_kg(_at(aircraft["payload"], "max")) // _quantity_kg(_at(cargo["mass"], "min"))
    )
    for name, limit in aircraft["limits"].items():
        use = cargo["uses"].get(name)
        if use is None:
            continue
        if name == "slots":
            best = min(best, int(_at(limit, "max")) // int(use))
        else:
            best = min(best, int(_length_cm(limit) // _length_cm(use)))
    return best


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` positive integers, unevenly."""
    weights = [rng.uniform(0.3, 1.0) ** 2 for _ in range(parts)]
    scale = (total - parts) / sum(weights)
    shares = [1 + int(w * scale) for w in weights]
    for i in range(total - sum(shares)):
        shares[i % parts] += 1
    return shares


def _groups(
    rng: random.Random,
    flights: int,
    groups: int,
    aircraft: dict[str, Any],
    cargo: dict[str, Any],
    dests: list[str],
    origins: list[str],
) -> list[dict[str, Any]]:
    if groups > flights:
        raise ValueError(f"{groups} groups need at least as many flights, got {flights}")
    out: list[dict[str, Any]] = []
    for i, size in enumerate(_split(rng, flights, groups)):
        name = rng.choice(sorted(aircraft))
        fits = [c for c in cargo if _units_per_flight(aircraft[name], cargo[c]) >= 1]
        group: dict[str, Any] = {"id": f"g{i + 1:02d}-{name}", "aircraft": name}
        if rng.random() < 0.3 or size == 1:
            group["count"] = size
        else:
            group["count"] = {"min": max(0, size - rng.randint(1, max(1, size // 4))), "max": size}
        group["from"] = rng.choice(origins)
        to = rng.sample(dests, rng.randint(1, min(5, len(dests))))
        group["to"] = to[0] if len(to) == 1 and rng.random() < 0.5 else to
        if rng.random() < 0.85 and fits:
            chosen = set(rng.sample(fits, rng.randint(1, min(len(fits), 8))))
            group["carries"] = [c for c in cargo if c in chosen]
        out.append(group)
    return out


def _count(group: dict[str, Any], side: str) -> int:
    return int(_at(group["count"], side))


def _carried(group: dict[str, Any], cargo: dict[str, Any]) -> list[str]:
    return list(group.get("carries", list(cargo)))


def _dests(group: dict[str, Any]) -> list[str]:
    return [group["to"]] if isinstance(group["to"], str) else list(group["to"])


def _kind_capacity(
    groups: list[dict[str, Any]],
    aircraft: dict[str, Any],
    cargo: dict[str, Any],
    kind: str,
    **where: str,
) -> int:
    """A rough most-units-of-``kind`` over the groups selected by ``where``."""
    total = 0
    for g in groups:
        if "aircraft" in where and g["aircraft"] != where["aircraft"]:
            continue
        if "to" in where and where["to"] not in _dests(g):
            continue
        per = [
            _units_per_flight(aircraft[g["aircraft"]], cargo[c])
            for c in _carried(g, cargo)
            if cargo[c]["kind"] == kind
        ]
        total += _count(g, "max") * max(per, default=0)
    return total


def _statements(
    rng: random.Random,
    groups: list[dict[str, Any]],
    aircraft: dict[str, Any],
    cargo: dict[str, Any],
    dests: list[str],
) -> tuple[list[Any], list[Any]]:
    kinds = sorted({c["kind"] for c in cargo.values()})
    kinds_of = {
        id(g): [
            k
            for k in kinds
            if any(
                cargo[c]["kind"] == k and _units_per_flight(aircraft[g["aircraft"]], cargo[c]) >= 1
                for c in _carried(g, cargo)
            )
        ]
        for g in groups
    }
    loaded = [g for g in groups if kinds_of[id(g)]]
    assumptions: list[Any] = []
    claims: list[Any] = []
    forced_group: dict[str, Any] | None = None
    forced_kind = kinds[0]
    if loaded:
        forced_group = rng.choice(loaded)
        forced_kind = rng.choice(kinds_of[id(forced_group)])
        assumptions.append(
            {
                "id": f"each-{forced_group['id']}-loaded",
                "total": forced_kind,
                "flights": forced_group["id"],
                "per_flight": True,
                "at_least": 1,
                "says": (
                    f"every {forced_group['aircraft']} flight of this group carried {forced_kind}"
                ),
            }
        )
    busy = rng.choice(groups)
    busy_dest = rng.choice(_dests(busy))
    busy_least = max(1, _count(busy, "min") // 2)
    assumptions.append(
        {
            "id": f"busy-{busy_dest}",
            "total": "flights",
            "to": busy_dest,
            "at_least": busy_least,
            "says": "spotters counted these landings",
        }
    )
    kind = rng.choice(kinds)
    cap = _kind_capacity(groups, aircraft, cargo, kind)
    claims.append(
        {
            "id": f"{kind}-at-least",
            "total": kind,
            "at_least": max(1, round(cap * rng.uniform(0.3, 1.4))),
            "says": f"at least this much {kind} was flown",
        }
    )
    kind = rng.choice(kinds)
    cap = _kind_capacity(groups, aircraft, cargo, kind)
    claims.append(
        {
            "id": f"{kind}-at-most",
            "total": kind,
            "at_most": round(cap * rng.uniform(0.4, 1.3)),
            "says": f"no more {kind} than this",
        }
    )
    kind = rng.choice(kinds)
    cap = _kind_capacity(groups, aircraft, cargo, kind)
    lo = round(cap * rng.uniform(0.1, 0.9))
    claims.append(
        {
            "id": f"{kind}-between",
            "total": kind,
            "between": [lo, lo + max(1, round(cap * rng.uniform(0.05, 0.3)))],
        }
    )
    dest = rng.choice(dests)
    kind = rng.choice(kinds)
    claims.append(
        {
            "id": f"{kind}-to-{dest}",
            "total": kind,
            "to": dest,
            "at_least": 1,
            "says": f"{dest} received {kind}",
        }
    )
    kind = rng.choice(kinds)
    cap = _kind_capacity(groups, aircraft, cargo, kind, to=busy_dest)
    claims.append(
        {
            "id": f"{kind}-to-{busy_dest}",
            "total": kind,
            "to": busy_dest,
            "at_least": max(1, round(cap * rng.uniform(0.2, 1.1))),
        }
    )
    plane = rng.choice(sorted({g["aircraft"] for g in groups}))
    on_plane = sum(_count(g, "min") for g in groups if g["aircraft"] == plane)
    claims.append(
        {
            "id": f"{plane}-flights",
            "total": "flights",
            "aircraft": plane,
            rng.choice(("at_least", "at_least", "equals")): max(1, on_plane + rng.randint(-2, 2)),
        }
    )
    if forced_group is not None:
        claims.append(
            {
                "id": f"{forced_kind}-in-{forced_group['id']}",
                "total": forced_kind,
                "flights": forced_group["id"],
                "at_least": _count(forced_group, "min") + rng.randint(-1, 1),
            }
        )
    group = rng.choice(groups)
    ctype = rng.choice(_carried(group, cargo))
    most = _units_per_flight(aircraft[group["aircraft"]], cargo[ctype])
    claims.append(
        {
            "id": f"{ctype}-per-flight",
            "total": ctype,
            "flights": group["id"],
            "per_flight": True,
            **(
                {"at_most": max(0, most + rng.randint(-2, 1))}
                if rng.random() < 0.6
                else {"at_least": max(1, most + rng.randint(-1, 1))}
            ),
        }
    )
    total_min = sum(_count(g, "min") for g in groups)
    total_max = sum(_count(g, "max") for g in groups)
    claims.append(
        {
            "id": "flights-in-all",
            "total": "flights",
            "between": [
                max(0, total_min - rng.randint(0, 3)),
                total_max - rng.randint(0, max(0, (total_max - total_min) // 2)),
            ],
        }
    )
    return assumptions, claims


def _estimate_rows(
    rng: random.Random, groups: list[dict[str, Any]], cargo: dict[str, Any], dests: list[str]
) -> list[Any]:
    kinds = sorted({c["kind"] for c in cargo.values()})
    rows: list[Any] = [
        {"total": rng.choice(kinds), "by": "to"},
        {"total": "flights", "by": "to"},
        {"total": rng.choice(list(cargo))},
        {"total": rng.choice(kinds), "by": "flights"},
        {"total": "flights", "by": "aircraft"},
        {
            "total": rng.choice(kinds),
            "to": rng.sample(dests, min(2, len(dests))),
            "from": rng.choice(groups)["from"],
        },
    ]
    return rows


def generate(
    flights: int,
    groups: int,
    cargo_types: int,
    destinations: int,
    kinds: int = 4,
    seed: int = 0,
    estimate: bool = False,
) -> dict[str, Any]:
    """A scenario dict with ``flights`` flights (at the groups' maxima) in ``groups`` groups.

    ``kinds`` cargo kinds share the ``cargo_types`` types round-robin. Without
    ``estimate`` the scenario has no ``estimate`` rows (the default analysis);
    with it, a few rows exercising ``by:`` and filters are added.
    """
    if min(flights, groups, cargo_types, destinations, kinds) < 1:
        raise ValueError("every size must be at least 1")
    kinds = min(kinds, cargo_types)
    rng = random.Random(seed)
    fields, dests, origins = _airfields(rng, destinations)
    aircraft = _aircraft(rng, groups)
    cargo = _cargo(rng, cargo_types, kinds)
    group_list = _groups(rng, flights, groups, aircraft, cargo, dests, origins)
    assumptions, claims = _statements(rng, group_list, aircraft, cargo, dests)
    scenario: dict[str, Any] = {
        "title": (
            f"Generated airlift: {flights} flights, {groups} groups, {cargo_types} cargo "
            f"types, {destinations} destinations (seed {seed})"
        ),
        "sources": {"gen": {"publisher": "bench.generator", "note": f"seed {seed}"}},
        "airfields": fields,
        "aircraft": aircraft,
        "cargo": cargo,
        "flights": group_list,
        "assumptions": assumptions,
        "claims": claims,
    }
    seen: set[str] = set()
    for statement in [*assumptions, *claims]:
        statement["source"] = "gen"
        while statement["id"] in seen:
            statement["id"] += "-2"
        seen.add(statement["id"])
    if estimate:
        scenario["estimate"] = _estimate_rows(rng, group_list, cargo, dests)
    return scenario


def to_yaml(d: dict[str, Any]) -> str:
    """The scenario as YAML text, keys in the order written."""
    return yaml.safe_dump(d, sort_keys=False, allow_unicode=True, width=100)


def write_yaml(d: dict[str, Any], path: str | Path) -> None:
    """Write the scenario as a YAML file."""
    Path(path).write_text(to_yaml(d), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.generator``: print a generated scenario as YAML."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.generator",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--flights", type=int, default=60)
    parser.add_argument("--groups", type=int, default=4)
    parser.add_argument("--cargo-types", type=int, default=6)
    parser.add_argument("--destinations", type=int, default=4)
    parser.add_argument("--kinds", type=int, default=4)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--estimate", action="store_true", help="add estimate rows")
    parser.add_argument("--out", help="write here instead of standard output")
    args = parser.parse_args(argv)
    scenario = generate(
        args.flights,
        args.groups,
        args.cargo_types,
        args.destinations,
        args.kinds,
        args.seed,
        args.estimate,
    )
    if args.out:
        write_yaml(scenario, args.out)
    else:
        sys.stdout.write(to_yaml(scenario))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
