"""A brute-force schedule enumerator that shares no code with the model.

An instance is plain data on a small integer clock: airfields 0..k-1, a window [0, H],
ground time per airfield, least leg time per pair of airfields, flights (origin, possible
destinations, optional or not, fixed times, airframe label), flight groups' counts, the most
airframes, spots per airfield. :func:`outcomes` tries every presence, destination, takeoff
and landing of every flight and every split of the flown ones into airframes, keeps the
schedules that obey every rule written out again here, and returns what each one measures.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Flight:
    group: str
    origin: int
    dests: tuple[int, ...]
    optional: bool
    takeoff: tuple[int, int]
    landing: tuple[int, int]
    label: str | None = None


@dataclass(frozen=True)
class Instance:
    horizon: int
    ground: tuple[int, ...]
    block: dict[tuple[int, int], int]
    flights: tuple[Flight, ...]
    counts: dict[str, tuple[int, int]]
    most_airframes: int | None
    spots: dict[int, int]


@dataclass(frozen=True)
class Outcome:
    airframes: int
    flights: int
    completion: int
    departures: tuple[int, ...]  #: takeoff of each flown flight
    #: Flights per (group, destination), those flown only, sorted.
    lanes: tuple[tuple[str, int, int], ...] = ()


def _partitions(items: list[int]) -> Iterator[list[list[int]]]:
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for part in _partitions(rest):
        for i in range(len(part)):
            yield [*part[:i], [first, *part[i]], *part[i + 1 :]]
        yield [[first], *part]


def _gap(inst: Instance, landed_at: int, leaves_from: int) -> int:
    if landed_at == leaves_from:
        return inst.ground[leaves_from]
    return inst.ground[landed_at] + inst.block[landed_at, leaves_from] + inst.ground[leaves_from]


def _choices(inst: Instance, f: Flight) -> list[tuple[int, int, int] | None]:
    out: list[tuple[int, int, int] | None] = [None] if f.optional else []
    for d in f.dests:
        for t in range(max(0, f.takeoff[0]), min(inst.horizon, f.takeoff[1]) + 1):
            lo = max(f.landing[0], t + inst.block[f.origin, d])
            for land in range(lo, min(inst.horizon, f.landing[1]) + 1):
                out.append((d, t, land))
    return out


def _spots_ok(
    inst: Instance, flown: dict[int, tuple[int, int, int]], parts: list[list[int]]
) -> bool:
    nxt: dict[int, int] = {}
    for part in parts:
        order = sorted(part, key=lambda i: flown[i][1])
        for a, b in itertools.pairwise(order):
            nxt[a] = b
    for field, cap in inst.spots.items():
        g = inst.ground[field]
        if g == 0:
            continue
        busy: list[tuple[int, int]] = []
        for i, (d, t, land) in flown.items():
            if inst.flights[i].origin == field:
                busy.append((t - g, t))
            if d == field and not (i in nxt and inst.flights[nxt[i]].origin == field):
                busy.append((land, land + g))
        for moment in {s for s, _ in busy}:
            if sum(1 for s, e in busy if s <= moment < e) > cap:
                return False
    return True


def outcomes(inst: Instance) -> set[Outcome]:
    """What every valid schedule measures."""
    found: set[Outcome] = set()
    options = [_choices(inst, f) for f in inst.flights]
    for pick in itertools.product(*options):
        flown = {i: p for i, p in enumerate(pick) if p is not None}
        per_group: dict[str, int] = {}
        for i in flown:
            per_group[inst.flights[i].group] = per_group.get(inst.flights[i].group, 0) + 1
        if any(not lo <= per_group.get(g, 0) <= hi for g, (lo, hi) in inst.counts.items()):
            continue
        for parts in _partitions(sorted(flown)):
            if inst.most_airframes is not None and len(parts) > inst.most_airframes:
                continue
            if not _labels_ok(inst, parts):
                continue
            if not all(_chain_ok(inst, flown, part) for part in parts):
                continue
            if not _spots_ok(inst, flown, parts):
                continue
            found.add(
                Outcome(
                    len(parts),
                    len(flown),
                    max((p[2] for p in flown.values()), default=0),
                    tuple(sorted(p[1] for p in flown.values())),
                    _lanes(inst, flown),
                )
            )
    return found


def _lanes(
    inst: Instance, flown: dict[int, tuple[int, int, int]]
) -> tuple[tuple[str, int, int], ...]:
    per: dict[tuple[str, int], int] = {}
    for i, (d, _, _) in flown.items():
        key = (inst.flights[i].group, d)
        per[key] = per.get(key, 0) + 1
    return tuple(sorted((g, d, n) for (g, d), n in per.items()))


def _labels_ok(inst: Instance, parts: list[list[int]]) -> bool:
    seen: dict[str, int] = {}
    for k, part in enumerate(parts):
        labels = {inst.flights[i].label for i in part} - {None}
        if len(labels) > 1:
            return False
        for label in labels:
            if seen.setdefault(label, k) != k:  # type: ignore[arg-type]
                return False
    return True


def _chain_ok(inst: Instance, flown: dict[int, tuple[int, int, int]], part: list[int]) -> bool:
    order = sorted(part, key=lambda i: flown[i][1])
    for a, b in itertools.pairwise(order):
        d, _, land = flown[a]
        if flown[b][1] < land + _gap(inst, d, inst.flights[b].origin):
            return False
    return True
