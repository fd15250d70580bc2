"""What a set of legs holds, as plain data: counts per type, airfield and route, the ends
that are unknown, the distinct airframes, and why every such count is a lower bound.

This is what ``airlift import`` prints (formatted by :mod:`airlift.report.legs_text`), and
what OSINT counts are made of: legs per type, origin, destination and period, with the
airframes seen. The numbers are what was *seen*: only about 43% of military aircraft carry
ADS-B (:data:`MILITARY_ADSB_SHARE`), and tracks are lost, so the true numbers are at
least these, and may be well above.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from airlift.tracks.airfields import AirfieldTable, packaged_airfields
from airlift.tracks.designators import aircraft_type, catalog_names
from airlift.tracks.legs import Leg, TimeKind

__all__ = [
    "DUPLICATE_WINDOW_S",
    "MILITARY_ADSB_SHARE",
    "MILITARY_ADSB_SOURCE",
    "LegSummary",
    "PlaceRow",
    "RouteRow",
    "TypeRow",
    "UnknownEnd",
    "summarize",
]

#: The share of military aircraft that carry ADS-B.
MILITARY_ADSB_SHARE = Fraction(429, 1000)
MILITARY_ADSB_SOURCE = (
    "OpenSky Network, OpenSky Report 2017 (Digital Avionics Systems Conference): ADS-B "
    "on 42.9% of military aircraft"
)
#: Two legs of one airframe departing less than this many seconds apart may be one leg
#: written twice (two sources merged).
DUPLICATE_WINDOW_S = 1800


@dataclass(frozen=True)
class TypeRow:
    """Legs of one aircraft type as written (None: unknown), the ICAO designator it
    belongs to, and the catalogue aircraft it may be."""

    aircraft_type: str | None
    designator: str | None
    catalog: tuple[str, ...]
    legs: int
    airframes: int


@dataclass(frozen=True)
class PlaceRow:
    """Legs from (or to) one airfield as written; empty: unknown; several: the end is one
    of them. ``name`` is the table's name of a single known airfield."""

    airfield: tuple[str, ...]
    name: str | None
    legs: int


@dataclass(frozen=True)
class RouteRow:
    """Legs of one type from one airfield to another, with their airframes and the first
    departure and last arrival seen (UTC)."""

    aircraft_type: str | None
    origin: tuple[str, ...]
    destination: tuple[str, ...]
    legs: int
    airframes: int
    first: datetime.datetime | None
    last: datetime.datetime | None


@dataclass(frozen=True)
class UnknownEnd:
    """A leg end that is not one known airfield: unknown (no alternatives) or ambiguous."""

    cite: str
    end: Literal["from", "to"]
    alternatives: tuple[str, ...]


@dataclass(frozen=True)
class LegSummary:
    """What a set of legs holds. Every count is of legs *seen*: a lower bound."""

    legs: int
    by_type: tuple[TypeRow, ...]
    origins: tuple[PlaceRow, ...]
    destinations: tuple[PlaceRow, ...]
    routes: tuple[RouteRow, ...]
    unknown_ends: tuple[UnknownEnd, ...]
    #: Distinct airframes (by registration or address; one airframe known by both counts once).
    airframes: tuple[str, ...]
    #: Legs that name no airframe (a callsign at most).
    without_airframe: int
    callsigns: int
    first_seen_departures: int
    last_seen_arrivals: int
    untimed: int
    first: datetime.datetime | None
    last: datetime.datetime | None
    #: Pairs of legs (``file:row``) that may be one leg written twice.
    duplicates: tuple[tuple[str, str], ...]
    #: What the importer says about these legs.
    notes: tuple[str, ...] = ()
    military_adsb_share: Fraction = MILITARY_ADSB_SHARE
    military_adsb_source: str = MILITARY_ADSB_SOURCE


class _Airframes:
    """Union of registrations and addresses seen on the same leg: one airframe."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        root = key
        while self.parent.setdefault(root, root) != root:
            root = self.parent[root]
        self.parent[key] = root
        return root

    def add(self, leg: Leg) -> str | None:
        keys = [k for k in (_reg(leg), _hex(leg)) if k]
        if not keys:
            return None
        roots = sorted(self.find(k) for k in keys)
        for root in roots[1:]:
            self.parent[root] = roots[0]
        return roots[0]

    def label(self, leg: Leg) -> str | None:
        keys = [k for k in (_reg(leg), _hex(leg)) if k]
        return self.find(keys[0]) if keys else None


def _reg(leg: Leg) -> str | None:
    return f"reg:{leg.registration.upper()}" if leg.registration else None


def _hex(leg: Leg) -> str | None:
    return f"hex:{leg.icao24}" if leg.icao24 else None


def _place_name(end: tuple[str, ...], table: AirfieldTable) -> str | None:
    if len(end) != 1:
        return None
    record = table.find(end[0])
    return record.name if record is not None and record.name != end[0] else None


def _places(ends: Iterable[tuple[str, ...]], table: AirfieldTable) -> tuple[PlaceRow, ...]:
    counts = Counter(ends)
    rows = [PlaceRow(end, _place_name(end, table), n) for end, n in counts.items()]
    return tuple(sorted(rows, key=lambda r: (-r.legs, not r.airfield, r.airfield)))


def _times(legs: Sequence[Leg]) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    starts = [leg.departure.utc for leg in legs if leg.departure]
    ends = [leg.arrival.utc for leg in legs if leg.arrival]
    moments = starts + ends
    return (min(moments), max(moments)) if moments else (None, None)


def summarize(
    legs: Sequence[Leg], notes: Sequence[str] = (), table: AirfieldTable | None = None
) -> LegSummary:
    """The summary of a set of legs (and the notes of the import that read them)."""
    table = table or packaged_airfields()
    frames = _Airframes()
    for leg in legs:
        frames.add(leg)
    labels = {id(leg): frames.label(leg) for leg in legs}

    def airframe(leg: Leg) -> str | None:
        return labels[id(leg)]

    by_type: dict[str | None, list[Leg]] = {}
    routes: dict[tuple[str | None, tuple[str, ...], tuple[str, ...]], list[Leg]] = {}
    for leg in legs:
        by_type.setdefault(leg.aircraft_type, []).append(leg)
        routes.setdefault((leg.aircraft_type, leg.origin, leg.destination), []).append(leg)

    def count_frames(group: Sequence[Leg]) -> int:
        return len({f for f in map(airframe, group) if f is not None})

    type_rows = []
    for name, group in by_type.items():
        entry = aircraft_type(name) if name else None
        type_rows.append(
            TypeRow(
                name,
                entry.designator if entry else None,
                catalog_names(name) if name else (),
                len(group),
                count_frames(group),
            )
        )
    route_rows = [
        RouteRow(t, o, d, len(group), count_frames(group), *_times(group))
        for (t, o, d), group in routes.items()
    ]
    ends: tuple[tuple[Literal["from", "to"], str], ...] = (
        ("from", "origin"),
        ("to", "destination"),
    )
    unknown = tuple(
        UnknownEnd(_cite(leg, i), which, getattr(leg, attribute))
        for i, leg in enumerate(legs)
        for which, attribute in ends
        if len(getattr(leg, attribute)) != 1
    )
    shown = _shown(legs, airframe)
    first, last = _times(legs)
    return LegSummary(
        legs=len(legs),
        by_type=tuple(
            sorted(
                type_rows, key=lambda r: (-r.legs, r.aircraft_type is None, r.aircraft_type or "")
            )
        ),
        origins=_places((leg.origin for leg in legs), table),
        destinations=_places((leg.destination for leg in legs), table),
        routes=tuple(
            sorted(
                route_rows,
                key=lambda r: (-r.legs, r.aircraft_type or "", r.origin, r.destination),
            )
        ),
        unknown_ends=unknown,
        airframes=shown,
        without_airframe=sum(1 for leg in legs if airframe(leg) is None),
        callsigns=len({leg.callsign for leg in legs if leg.callsign}),
        first_seen_departures=sum(
            1 for leg in legs if leg.departure and leg.departure.kind is TimeKind.FIRST_SEEN
        ),
        last_seen_arrivals=sum(
            1 for leg in legs if leg.arrival and leg.arrival.kind is TimeKind.LAST_SEEN
        ),
        untimed=sum(1 for leg in legs if leg.departure is None and leg.arrival is None),
        first=first,
        last=last,
        duplicates=_duplicates(legs, airframe),
        notes=tuple(notes),
    )


def _shown(legs: Sequence[Leg], airframe: Callable[[Leg], str | None]) -> tuple[str, ...]:
    """Each airframe as a reader knows it: its registrations and addresses, sorted."""
    regs: dict[str, set[str]] = {}
    hexes: dict[str, set[str]] = {}
    for leg in legs:
        label = airframe(leg)
        if label is None:
            continue
        regs.setdefault(label, set())
        hexes.setdefault(label, set())
        if leg.registration:
            regs[label].add(leg.registration)
        if leg.icao24:
            hexes[label].add(leg.icao24)
    out = []
    for label in regs:
        r, h = "/".join(sorted(regs[label])), "/".join(sorted(hexes[label]))
        out.append(f"{r} ({h})" if r and h else r or h)
    return tuple(sorted(out))


def _duplicates(
    legs: Sequence[Leg], airframe: Callable[[Leg], str | None]
) -> tuple[tuple[str, str], ...]:
    """Pairs of legs of one airframe departing less than the window apart, in file order."""
    by_frame: dict[str, list[tuple[datetime.datetime, int]]] = {}
    for i, leg in enumerate(legs):
        frame = airframe(leg)
        if leg.departure is not None and frame is not None:
            by_frame.setdefault(frame, []).append((leg.departure.utc, i))
    pairs = []
    for timed in by_frame.values():
        timed.sort()
        for a, (t1, i) in enumerate(timed):
            for t2, j in timed[a + 1 :]:
                if (t2 - t1).total_seconds() >= DUPLICATE_WINDOW_S:
                    break
                pairs.append((min(i, j), max(i, j)))
    return tuple((_cite(legs[i], i), _cite(legs[j], j)) for i, j in sorted(pairs))


def _cite(leg: Leg, index: int) -> str:
    """``file:line`` of a leg read from a file; else ``row N``, its line in the leg file
    written from these legs (the header is row 1)."""
    return leg.cite() if leg.row else f"row {index + 2}"
