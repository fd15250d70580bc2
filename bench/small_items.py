"""Seeded generator of many-small-items scenarios, for benchmarks and cross-checks.

``small_items(flights, groups, cargo_types, destinations, seed)`` returns a scenario
dict (as ``yaml.safe_load`` gives it) in which every flight can hold hundreds of
items of 4-6 cargo types, each its own kind: water packs, boxes, ration cases,
people, tent rolls, generators and the like, 20-250 kg each, some also using
floor length or seats. That is the shape the issue "[engine]" measured: the load
boxes of one flight explode when several kinds of small items are told apart, so
airlift must leave such lanes' loads to the solver instead.

What varies, all from ``random.Random(seed)``:

- 1-3 aircraft types with whole-kg payloads (some a range) and a ``floor.length``
  limit (cm) and a ``seats`` limit; names with dots and spaces (``Il-76.MD``);
- cargo types of 20-250 kg (exact or a range, written in kg or t), each its own
  kind, a few using floor length or seats; names with dots (``box.v2``);
- ``groups`` flight groups whose counts add up to ``flights`` at their maxima,
  the first one a single flight (a one-flight lane per destination) whenever
  there are two groups or more; counts exact or ranges; one to three
  destinations each; sometimes a ``carries`` subset;
- assumptions: sometimes per-flight minimums (and a maximum) on a kind for one
  group, sometimes a count of landings at one airfield;
- one claim per kind (``at_least``, ``at_most`` or ``between``; in all, to one
  destination or in one group), with thresholds drawn around what the flights
  could carry so that verdicts are mixed, plus one claim implied by a per-flight
  minimum when there is one.

Every number is a whole number of kg, cm or units, so the MILP reference
(:mod:`bench.milp`) computes with small exact integers. No ``estimate``: the
default rows (each kind in total and by destination, flights likewise) are bounded.

Command line::

    python -m bench.small_items --case thirty-six > case.yaml
    python -m bench.small_items --flights 200 --groups 8 --cargo-types 6 --seed 3
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from dataclasses import dataclass
from typing import Any

import yaml

__all__ = ["CASES", "main", "small_items"]

#: Fixed settings of the benchmark suite, from a handful of flights to a thousand.
CASES: dict[str, dict[str, int]] = {
    "six": {"flights": 6, "groups": 2, "cargo_types": 4, "destinations": 2, "seed": 1},
    "thirty-six": {"flights": 36, "groups": 3, "cargo_types": 5, "destinations": 3, "seed": 2},
    "two-hundred": {"flights": 200, "groups": 4, "cargo_types": 6, "destinations": 3, "seed": 3},
    "thousand": {"flights": 1000, "groups": 4, "cargo_types": 6, "destinations": 3, "seed": 4},
}


@dataclass(frozen=True)
class _Plane:
    name: str
    payload_kg: tuple[int, int]  # (min, max); equal when exact
    floor_cm: int
    seats: int


_PLANES = (
    _Plane("Il-76.MD", (40_000, 48_000), 2_450, 126),
    _Plane("An-12.BK", (20_000, 20_000), 1_350, 90),
    _Plane("C-130J.30", (19_958, 19_958), 1_690, 128),
    _Plane("A400M Atlas", (32_000, 37_000), 1_770, 116),
)


@dataclass(frozen=True)
class _Item:
    name: str
    kind: str
    mass_kg: tuple[int, int]  # range the smallest mass is drawn from
    floor_cm: tuple[int, int] | None  # floor length one unit takes, if any
    seats: int  # seats one unit takes (0: none)


_ITEMS = (
    _Item("water.pack", "water", (20, 40), None, 0),
    _Item("box.v2", "boxes", (30, 80), (2, 5), 0),
    _Item("ration.case", "rations", (20, 60), None, 0),
    _Item("people.adult", "people", (75, 100), None, 1),
    _Item("tent roll", "tents", (40, 120), (8, 15), 0),
    _Item("generator.2kW", "generators", (120, 250), (20, 40), 0),
    _Item("medkit", "medical", (20, 35), None, 0),
)

_AIRFIELDS = ("Base.1", "Field.North", "Rostov.on.Don", "Island strip")


def _mass(rng: random.Random, kg: int) -> str:
    """A whole-kg mass written in kg or, now and then, in tonnes."""
    return f"{kg / 1000:g} t" if rng.random() < 0.2 else f"{kg} kg"


def _cargo(rng: random.Random, cargo_types: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in rng.sample(_ITEMS, cargo_types):
        lo = rng.randint(*item.mass_kg)
        mass: Any = _mass(rng, lo)
        if rng.random() < 0.4:
            mass = {"min": mass, "max": _mass(rng, lo + rng.randint(1, 15))}
        entry: dict[str, Any] = {"kind": item.kind, "mass": mass}
        uses: dict[str, Any] = {}
        if item.floor_cm is not None:
            uses["floor.length"] = f"{rng.randint(*item.floor_cm)} cm"
        if item.seats:
            uses["seats"] = item.seats
        if uses:
            entry["uses"] = uses
        out[item.name] = entry
    return out


def _aircraft(rng: random.Random, groups: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for plane in rng.sample(_PLANES, min(len(_PLANES), rng.randint(1, 3), groups)):
        lo, hi = plane.payload_kg
        payload: Any = f"{hi:,} kg" if lo == hi else {"min": f"{lo:,} kg", "max": f"{hi:,} kg"}
        out[plane.name] = {
            "payload": payload,
            "limits": {"floor.length": f"{plane.floor_cm} cm", "seats": plane.seats},
        }
    return out


def _most(plane: dict[str, Any], item: dict[str, Any]) -> int:
    """Most units of ``item`` one flight of ``plane`` holds (to draw believable thresholds)."""

    def kg(raw: Any, side: str) -> float:
        text = str(raw[side] if isinstance(raw, dict) else raw).replace(",", "")
        number, unit = text.split()
        return float(number) * (1000 if unit == "t" else 1)

    best = math.floor(kg(plane["payload"], "max") / kg(item["mass"], "min"))
    for name, use in (item.get("uses") or {}).items():
        limit = plane["limits"][name]
        room = int(str(limit).split()[0]) if isinstance(limit, str) else limit
        need = int(str(use).split()[0]) if isinstance(use, str) else use
        best = min(best, room // need)
    return best


def _sizes(rng: random.Random, flights: int, groups: int) -> list[int]:
    """Group sizes adding up to ``flights``; the first is 1 when there are two groups or more."""
    if groups > flights:
        raise ValueError(f"{groups} groups need at least as many flights, got {flights}")
    if groups == 1:
        return [flights]
    rest = flights - 1
    weights = [rng.uniform(0.5, 1.0) for _ in range(groups - 1)]
    shares = [max(1, int(rest * w / sum(weights))) for w in weights]
    shares[0] += rest - sum(shares)
    return [1, *shares]


def _groups(
    rng: random.Random,
    flights: int,
    groups: int,
    aircraft: dict[str, Any],
    cargo: dict[str, Any],
    dests: list[str],
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i, size in enumerate(_sizes(rng, flights, groups)):
        count: Any = size
        if size > 1 and rng.random() < 0.6:
            count = {"min": size - rng.randint(1, max(1, size // 3)), "max": size}
        group: dict[str, Any] = {
            "id": f"lift.{i + 1}",
            "aircraft": rng.choice(sorted(aircraft)),
            "count": count,
            "from": "Base.1",
            "to": rng.sample(dests, rng.randint(1, len(dests))),
        }
        if rng.random() < 0.3:
            chosen = set(rng.sample(sorted(cargo), rng.randint(2, len(cargo))))
            group["carries"] = [c for c in cargo if c in chosen]
        out.append(group)
    return out


def _at(count: Any, side: str) -> int:
    return int(count[side] if isinstance(count, dict) else count)


def _carried(group: dict[str, Any], cargo: dict[str, Any]) -> list[str]:
    return list(group.get("carries", list(cargo)))


def _capacity(
    groups: list[dict[str, Any]],
    aircraft: dict[str, Any],
    cargo: dict[str, Any],
    kind: str,
    where: tuple[str, str] | None,
) -> int:
    """Most units of ``kind`` the selected flights could hold, each flight on its own."""
    total = 0
    for g in groups:
        if where is not None and where[0] == "to" and where[1] not in g["to"]:
            continue
        if where is not None and where[0] == "flights" and where[1] != g["id"]:
            continue
        per = [
            _most(aircraft[g["aircraft"]], cargo[c])
            for c in _carried(g, cargo)
            if cargo[c]["kind"] == kind
        ]
        total += _at(g["count"], "max") * max(per, default=0)
    return total


def _assumptions(
    rng: random.Random,
    groups: list[dict[str, Any]],
    aircraft: dict[str, Any],
    cargo: dict[str, Any],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Assumptions, and the claims they imply (a per-flight minimum adds up)."""
    assumptions: list[dict[str, Any]] = []
    implied: list[dict[str, Any]] = []
    if rng.random() < 0.75:
        g = rng.choice(groups)
        kinds = [cargo[c]["kind"] for c in _carried(g, cargo)]
        for n, kind in enumerate(rng.sample(kinds, min(len(kinds), rng.randint(1, 2)))):
            (ctype,) = [c for c in _carried(g, cargo) if cargo[c]["kind"] == kind]
            most = _most(aircraft[g["aircraft"]], cargo[ctype])
            least = rng.randint(1, max(1, min(40, most // (4 + 2 * n))))
            assumptions.append(
                {
                    "id": f"each {g['id']} carried {kind}",
                    "total": kind,
                    "flights": g["id"],
                    "per_flight": True,
                    "at_least": least,
                }
            )
            implied.append(
                {
                    "id": f"{kind} in {g['id']}, at least",
                    "total": kind,
                    "flights": g["id"],
                    "at_least": least * _at(g["count"], "min") - rng.randint(0, 1),
                }
            )
            if n == 0 and rng.random() < 0.4:
                assumptions.append(
                    {
                        "id": f"{g['id']} held at most so much {kind}",
                        "total": kind,
                        "flights": g["id"],
                        "per_flight": True,
                        "at_most": rng.randint(least, max(least, most // 2)),
                    }
                )
    if rng.random() < 0.4:
        g = rng.choice(groups)
        dest = rng.choice(g["to"])
        assumptions.append(
            {
                "id": f"landings at {dest}",
                "total": "flights",
                "to": dest,
                "at_least": max(1, _at(g["count"], "min") // 2),
            }
        )
    return assumptions, implied


def _claims(
    rng: random.Random,
    groups: list[dict[str, Any]],
    aircraft: dict[str, Any],
    cargo: dict[str, Any],
    dests: list[str],
) -> list[dict[str, Any]]:
    """One claim on each kind, its threshold drawn around what the flights could hold."""
    out: list[dict[str, Any]] = []
    for kind in dict.fromkeys(c["kind"] for c in cargo.values()):
        claim: dict[str, Any] = {"id": f"{kind}.claim", "total": kind}
        roll = rng.random()
        where: tuple[str, str] | None = None
        if roll < 0.35:
            where = ("to", rng.choice(dests))
        elif roll < 0.55:
            where = ("flights", rng.choice(groups)["id"])
        if where is not None:
            claim[where[0]] = where[1]
        cap = _capacity(groups, aircraft, cargo, kind, where)
        key = rng.choice(("at_least", "at_most", "between"))
        share = rng.choice((0.02, 0.3, 0.6, 0.9, 1.1))
        value = round(cap * share * rng.uniform(0.9, 1.1))
        if key == "between":
            claim[key] = [value, value + max(1, round(cap * rng.uniform(0.02, 0.3)))]
        else:
            claim[key] = value
        out.append(claim)
    return out


def small_items(
    flights: int, groups: int, cargo_types: int, destinations: int, seed: int = 0
) -> dict[str, Any]:
    """A many-small-items scenario dict with ``flights`` flights (at the groups' maxima)."""
    if not 1 <= cargo_types <= len(_ITEMS):
        raise ValueError(f"cargo_types must be 1 to {len(_ITEMS)}")
    if not 1 <= destinations < len(_AIRFIELDS):
        raise ValueError(f"destinations must be 1 to {len(_AIRFIELDS) - 1}")
    rng = random.Random(seed)
    dests = list(_AIRFIELDS[1 : destinations + 1])
    aircraft = _aircraft(rng, groups)
    cargo = _cargo(rng, cargo_types)
    group_list = _groups(rng, flights, groups, aircraft, cargo, dests)
    assumptions, implied = _assumptions(rng, group_list, aircraft, cargo)
    claims = _claims(rng, group_list, aircraft, cargo, dests) + implied
    return {
        "title": f"Many small items: {flights} flights, {cargo_types} kinds (seed {seed})",
        "airfields": {name: {} for name in _AIRFIELDS[: destinations + 1]},
        "aircraft": aircraft,
        "cargo": cargo,
        "flights": group_list,
        "assumptions": assumptions,
        "claims": [
            {**c, "at_least": max(0, c["at_least"])} if "at_least" in c else c for c in claims
        ],
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.small_items``: print a generated scenario as YAML."""
    parser = argparse.ArgumentParser(prog="python -m bench.small_items", description=__doc__)
    parser.add_argument("--case", choices=sorted(CASES), help="one of the benchmark cases")
    parser.add_argument("--flights", type=int, default=36)
    parser.add_argument("--groups", type=int, default=3)
    parser.add_argument("--cargo-types", type=int, default=5)
    parser.add_argument("--destinations", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    settings = (
        CASES[args.case]
        if args.case
        else {
            "flights": args.flights,
            "groups": args.groups,
            "cargo_types": args.cargo_types,
            "destinations": args.destinations,
            "seed": args.seed,
        }
    )
    d = small_items(**settings)
    sys.stdout.write(yaml.safe_dump(d, sort_keys=False, allow_unicode=True, width=100))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
