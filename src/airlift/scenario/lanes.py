"""What one flight of a lane can lift and hold: distance, payload-range and hold size.

A *lane* is the flights of one group that land at one destination. Two facts of the
scenario make lanes of one aircraft type differ, and both are decided here, once, so that
the model (:mod:`airlift.model.compile`), the plain-Python re-check
(:mod:`airlift.analysis.verify`) and the explanations read the same numbers:

- **payload-range**: an aircraft with ``payload_range`` points lifts less the farther it
  flies. When both airfields of a lane have coordinates, the lane's payload limit is read off
  the points at the great-circle distance (:func:`lane_payload`);
- **hold size**: a cargo type whose ``size`` exceeds an aircraft's ``hold`` cannot fly on it
  (:func:`hold_misfit`).

Every choice errs on the permissive side, like the rest of the model (a larger payload never
makes an allocation impossible): the distance is rounded *down* to whole kilometres, an
interpolated payload *up* to whole kilograms, the hold is taken at its largest and the cargo
at its smallest. :func:`lane_notes` says in words where these rules changed something.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from airlift.scenario.schema import (
    Aircraft,
    Airfield,
    Cargo,
    FlightGroup,
    LengthRange,
    Scenario,
)
from airlift.scenario.units import LENGTH_UNITS

__all__ = [
    "EARTH_RADIUS_KM",
    "LanePayload",
    "carried_types",
    "great_circle_km",
    "hold_misfit",
    "lane_distance_km",
    "lane_notes",
    "lane_payload",
    "lane_payload_detail",
    "payload_at",
]

#: The IUGG mean Earth radius R1, in km. Great-circle distances on this sphere are within
#: about 0.5 % of the distances on the WGS 84 ellipsoid.
EARTH_RADIUS_KM = 6371.0088

_CM_PER_KM = LENGTH_UNITS["km"]


def great_circle_km(a: Airfield, b: Airfield) -> float | None:
    """The great-circle distance between two airfields in km (haversine), or None when
    either has no ``lat``/``lon``."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def lane_distance_km(scenario: Scenario, group: FlightGroup, destination: str) -> int | None:
    """The lane's great-circle distance rounded down to whole km (the permissive side, since a
    shorter flight lifts more), or None when an airfield lacks coordinates."""
    km = great_circle_km(scenario.airfields[group.from_], scenario.airfields[destination])
    return None if km is None else math.floor(km)


def payload_at(aircraft: Aircraft, distance_km: int) -> tuple[Fraction, bool]:
    """The payload limit in kg at ``distance_km``, and whether that is beyond the last point.

    Up to the first point: the structural maximum (``payload``, largest end). Between two
    points: on the straight line joining them, rounded up to whole kg. Beyond the last point:
    the last point's payload (the permissive choice; the true limit is lower and may be nil).
    Never above the structural maximum. Points use the largest end of their payload range.
    """
    structural = aircraft.payload.max.value
    points = [(p.distance.value / _CM_PER_KM, p.payload.max.value) for p in aircraft.payload_range]
    if not points or distance_km < points[0][0]:
        return structural, False
    for (d1, p1), (d2, p2) in itertools.pairwise(points):
        if d1 <= distance_km <= d2:
            exact = p1 + (p2 - p1) * (distance_km - d1) / (d2 - d1)
            return min(structural, Fraction(math.ceil(exact))), False
    last_distance, last_payload = points[-1]
    beyond = distance_km > last_distance
    return min(structural, Fraction(math.ceil(last_payload))), beyond


@dataclass(frozen=True)
class LanePayload:
    """The payload limit of one lane and how it was decided."""

    payload: Fraction  #: kg, exact
    distance_km: int | None  #: None: an airfield has no coordinates
    applies: bool  #: the aircraft has payload-range points and the distance is known
    beyond: bool  #: the distance is beyond the aircraft's last payload-range point


def lane_payload_detail(scenario: Scenario, group: FlightGroup, destination: str) -> LanePayload:
    """The payload limit of the flights of ``group`` landing at ``destination``, with why."""
    aircraft = scenario.aircraft[group.aircraft]
    distance = lane_distance_km(scenario, group, destination)
    if not aircraft.payload_range or distance is None:
        return LanePayload(aircraft.payload.max.value, distance, False, False)
    payload, beyond = payload_at(aircraft, distance)
    return LanePayload(payload, distance, True, beyond)


def lane_payload(scenario: Scenario, group: FlightGroup, destination: str) -> Fraction:
    """The payload limit in kg (exact, at the permissive end) of one flight of the lane.

    This is the one function the model, the re-check and the explanations ask: the
    structural maximum, lowered by the aircraft's payload-range points when both airfields
    have coordinates.
    """
    return lane_payload_detail(scenario, group, destination).payload


_End = tuple[Fraction, str] | None


def _end(r: LengthRange | None, largest: bool) -> _End:
    """One end of a length range as ``(value in cm, text)``, or None when it is not given."""
    if r is None:
        return None
    q = r.max if largest else r.min
    return q.value, q.text


def _fits(item: _End, room: _End) -> bool:
    return item is None or room is None or item[0] <= room[0]


def _exceeds(what: str, item: _End, room: _End) -> str:
    assert item is not None and room is not None
    return f"{what} {item[1]} exceeds the hold's {room[1]}"


def hold_misfit(aircraft: Aircraft, cargo: Cargo) -> str | None:
    """Why one unit of ``cargo`` cannot fit in ``aircraft``'s hold, or None when it may.

    Compared at the permissive ends (the largest hold, the smallest cargo). Width and height
    may be swapped (the unit turned on its side); length may not. A dimension missing from
    either side is not checked.
    """
    hold, size = aircraft.hold, cargo.size
    if hold is None or size is None:
        return None
    length, room_length = _end(size.length, False), _end(hold.length, True)
    if not _fits(length, room_length):
        return "its " + _exceeds("length", length, room_length)
    w, h = _end(size.width, False), _end(size.height, False)
    hw, hh = _end(hold.width, True), _end(hold.height, True)
    if (_fits(w, hw) and _fits(h, hh)) or (_fits(w, hh) and _fits(h, hw)):
        return None
    parts = []
    if not _fits(w, hw):
        parts.append(_exceeds("width", w, hw))
    if not _fits(h, hh):
        parts.append(_exceeds("height", h, hh))
    if not parts:  # upright it fits; the failure is only when turned, so say it plainly
        parts.append("width and height do not fit the hold either way up")
    return "its " + " and ".join(parts) + " (also when turned on its side)"


def carried_types(scenario: Scenario, group: FlightGroup) -> tuple[str, ...]:
    """The cargo types a group's flights may carry, in the scenario's cargo order: those in
    its ``carries`` (every type when it has none) that fit the aircraft's hold."""
    allowed = set(group.carries) if group.carries is not None else set(scenario.cargo)
    aircraft = scenario.aircraft[group.aircraft]
    return tuple(
        name
        for name, cargo in scenario.cargo.items()
        if name in allowed and hold_misfit(aircraft, cargo) is None
    )


def _kg(value: Fraction) -> str:
    tonnes = value / 1000
    if tonnes.denominator == 1 or (tonnes * 10).denominator == 1:
        return f"{float(tonnes):,g} t"
    return f"{math.ceil(value):,} kg"


def lane_notes(scenario: Scenario) -> list[str]:
    """Sentences for the report: cargo kept off an aircraft by its hold, lanes beyond their
    aircraft's last payload-range point, and payload-range left unused for lack of
    coordinates. In file order, without repeats."""
    out: list[str] = []
    for text in _notes(scenario):
        if text not in out:
            out.append(text)
    return out


def _notes(scenario: Scenario) -> Iterator[str]:
    for group in scenario.flights:
        aircraft = scenario.aircraft[group.aircraft]
        allowed = set(group.carries) if group.carries is not None else set(scenario.cargo)
        for name, cargo in scenario.cargo.items():
            why = hold_misfit(aircraft, cargo) if name in allowed else None
            if why is not None:
                yield (
                    f"{name} does not fit in the hold of {group.aircraft}: {why}; no "
                    f"{group.aircraft} flight carries it."
                )
        if not aircraft.payload_range:
            continue
        for destination in group.to:
            lane = lane_payload_detail(scenario, group, destination)
            where = f"flights {group.id} from {group.from_} to {destination}"
            if lane.distance_km is None:
                yield (
                    f"The payload-range points of {group.aircraft} are not applied to {where}: "
                    "an airfield has no lat/lon, so the structural maximum payload is used."
                )
            elif lane.beyond:
                last = aircraft.payload_range[-1]
                yield (
                    f"{where} cover {lane.distance_km:,} km, beyond the last payload-range "
                    f"point of {group.aircraft} ({last.distance.text}, "
                    f"{last.payload.max.text}); the payload limit used is that point's "
                    f"{_kg(lane.payload)}, the permissive side: the real limit is lower."
                )
