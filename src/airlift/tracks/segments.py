"""Cutting a track (timed positions of one aircraft) into legs, and naming their airfields.

A track is split where the aircraft is on the ground and where the export marks the start
of a new leg (readsb's leg flag). Each airborne stretch is one leg. Its departure is a
*takeoff* when the aircraft was seen on the ground just before (within
:data:`MAX_GROUND_GAP_S`), else only *first seen*; its arrival likewise a *landing* or
*last seen*.

An end's airfield is inferred from the table by distance, and never guessed: on the ground,
the airfields within :data:`GROUND_RADIUS_KM`; in the air, only when the aircraft is low
(at most :data:`LOW_FT` above the airfield) and within :data:`AIR_RADIUS_KM`. One airfield
there names the end; several make it ambiguous (``UUBS|XUBS``, every one of them kept);
none, or a high end (a track lost in cruise), leave it ``unknown``. A note on the leg says
how each end was found.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from airlift.tracks.airfields import AirfieldTable, packaged_airfields
from airlift.tracks.legs import Leg, LegTime, TimeKind
from airlift.tracks.times import format_utc, from_epoch

__all__ = [
    "AIR_RADIUS_KM",
    "GROUND_RADIUS_KM",
    "LOW_FT",
    "MAX_GROUND_GAP_S",
    "End",
    "Point",
    "Segment",
    "infer_end",
    "legs_of_track",
    "split_track",
]

#: An aircraft on the ground is on an airfield within this distance of its reference point.
GROUND_RADIUS_KM = 5.0
#: A low track end (approach or climb-out) is matched to airfields within this distance.
AIR_RADIUS_KM = 12.0
#: A track end at most this many feet above an airfield counts as low.
LOW_FT = 2000.0
#: A ground point more than this many seconds from the first (last) airborne point does not
#: make the departure (arrival) a takeoff (landing): the takeoff fell in a gap of coverage.
MAX_GROUND_GAP_S = 600.0
#: A gap longer than this inside a leg is mentioned in the leg's note.
NOTED_GAP_S = 1800.0


@dataclass(frozen=True)
class Point:
    """One position report: Unix time, position, altitude in feet (None when not reported),
    whether on the ground, whether the export marks it as the start of a new leg, and the
    callsign when the report carries one."""

    t: float
    lat: float | None
    lon: float | None
    alt_ft: float | None
    on_ground: bool = False
    new_leg: bool = False
    callsign: str | None = None
    stale: bool = False


@dataclass(frozen=True)
class Segment:
    """An airborne stretch of a track with the ground points on either side, if seen."""

    points: tuple[Point, ...]
    ground_before: Point | None
    ground_after: Point | None


def split_track(points: Iterable[Point]) -> list[Segment]:
    """The airborne stretches of a track, in time order (a stretch of one point is noise and
    dropped)."""
    ordered = sorted(points, key=lambda p: p.t)
    segments: list[Segment] = []
    current: list[Point] = []
    before: Point | None = None
    previous: Point | None = None

    def close(after: Point | None) -> None:
        if len(current) > 1:
            segments.append(Segment(tuple(current), before, after))

    for point in ordered:
        if point.on_ground:
            if current:
                close(point)
                current = []
        else:
            if current and point.new_leg:
                close(None)
                current = []
            if not current:
                before = previous if previous is not None and previous.on_ground else None
            current.append(point)
        previous = point
    if current:
        close(None)
    return segments


@dataclass(frozen=True)
class End:
    """One end of a leg: the airfields it may be (empty: unknown) and how that was found."""

    airfields: tuple[str, ...]
    how: str


def _feet(value: float) -> str:
    return f"{round(value):,} ft"


def infer_end(point: Point, on_ground: bool, table: AirfieldTable) -> End:
    """The airfield(s) at a track end, by distance; see the module's rules."""
    if point.lat is None or point.lon is None:
        return End((), "no position")
    if on_ground:
        near = table.within(point.lat, point.lon, GROUND_RADIUS_KM)
        where = "on the ground"
    else:
        if point.alt_ft is None:
            return End((), "no altitude at the end of the track")
        candidates = table.within(point.lat, point.lon, AIR_RADIUS_KM)
        near = [(r, km) for r, km in candidates if point.alt_ft - (r.elevation_ft or 0.0) <= LOW_FT]
        where = f"at {_feet(point.alt_ft)}"
        if not near:
            return End((), f"{where}, not low near a known airfield")
    if not near:
        return End((), f"{where}, no known airfield within {GROUND_RADIUS_KM:g} km")
    distances = ", ".join(f"{km:.1f} km from {r.label}" for r, km in near)
    if len(near) > 1:
        return End(tuple(r.label for r, _ in near), f"{where}, ambiguous: {distances}")
    return End((near[0][0].label,), f"{where}, {distances}")


def _callsign(points: Sequence[Point]) -> tuple[str | None, list[str]]:
    """The first callsign of a leg and any others it used."""
    seen: list[str] = []
    for p in points:
        if p.callsign and p.callsign not in seen:
            seen.append(p.callsign)
    return (seen[0] if seen else None), seen[1:]


def _gaps(points: Sequence[Point]) -> list[str]:
    out = []
    for a, b in itertools.pairwise(points):
        if b.t - a.t > NOTED_GAP_S:
            out.append(
                f"no position {format_utc(from_epoch(a.t))} to {format_utc(from_epoch(b.t))}"
            )
    return out


def legs_of_track(
    points: Iterable[Point],
    *,
    aircraft_type: str | None,
    registration: str | None,
    icao24: str | None,
    source: str,
    table: AirfieldTable | None = None,
    start_of_data: float | None = None,
    end_of_data: float | None = None,
    extra_note: str | None = None,
) -> list[Leg]:
    """The legs of one aircraft's track. ``start_of_data`` and ``end_of_data`` are the first
    and last moments the export covers (a daily file's midnights): a leg already or still
    airborne there is noted as cut by them."""
    table = table or packaged_airfields()
    legs = []
    for segment in split_track(points):
        first, last = segment.points[0], segment.points[-1]
        before, after = segment.ground_before, segment.ground_after
        took_off = before is not None and first.t - before.t <= MAX_GROUND_GAP_S
        landed = after is not None and after.t - last.t <= MAX_GROUND_GAP_S
        origin = infer_end(before if took_off and before else first, took_off, table)
        destination = infer_end(after if landed and after else last, landed, table)
        departure = LegTime(_utc(first.t), TimeKind.TAKEOFF if took_off else TimeKind.FIRST_SEEN)
        arrival = LegTime(_utc(last.t), TimeKind.LANDING if landed else TimeKind.LAST_SEEN)
        callsign, others = _callsign(segment.points)
        notes = [f"from: {origin.how}", f"to: {destination.how}"]
        if others:
            notes.append(f"also callsign {', '.join(others)}")
        notes += _gaps(segment.points)
        if not took_off and start_of_data is not None and first.t - start_of_data <= 120:
            notes.append(
                "already airborne when the file's data begins: the start of the flight is in "
                "the previous day's file"
            )
        if not landed and end_of_data is not None and end_of_data - last.t <= 120:
            notes.append(
                "still airborne when the file's data ends: the rest of the flight is in the "
                "next day's file"
            )
        if extra_note:
            notes.append(extra_note)
        legs.append(
            Leg(
                aircraft_type=aircraft_type,
                origin=origin.airfields,
                destination=destination.airfields,
                departure=departure,
                arrival=arrival,
                registration=registration,
                icao24=icao24,
                callsign=callsign,
                source=source,
                note="; ".join(notes),
            )
        )
    return legs


def _utc(t: float) -> datetime.datetime:
    return from_epoch(t)
