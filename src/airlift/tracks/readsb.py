"""Importer for readsb ``trace_full_<hex>.json`` traces (ADS-B Exchange, adsb.lol,
airplanes.live, and any tar1090 globe history), gzipped or not.

A trace file holds one aircraft's positions for one UTC day: ``icao`` (hex address, ``~``
first for a non-ICAO one), ``timestamp`` (Unix seconds that every point's first value is
added to), ``trace`` (the points) and, from the aircraft database when known, ``r``
(registration), ``t`` (ICAO type designator) and ``dbFlags`` (1: military). Each point is
``[seconds after timestamp, lat, lon, altitude in feet or "ground" or null, ground speed
(kt), track, flags, vertical rate, details or null, source, ...]``; older files have short
points. Flag 1 marks a stale position, flag 2 the start of a new leg. The callsign is in
``details.flight``, and only in some points.

There is no airport in a trace: every airfield is inferred from positions
(:mod:`airlift.tracks.segments`). Altitudes are in **feet**. A flight over midnight UTC is
split across two daily files: give both, and the importer joins the aircraft's points
before cutting legs; given one, a leg still airborne at the end of the day says so.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from airlift.errors import FlightDataError, Problem
from airlift.tracks.airfields import AirfieldTable
from airlift.tracks.imported import Imported
from airlift.tracks.jsondoc import read_json
from airlift.tracks.legs import is_icao24
from airlift.tracks.segments import AIR_RADIUS_KM, GROUND_RADIUS_KM, LOW_FT, Point, legs_of_track
from airlift.tracks.times import UTC

__all__ = ["FORMAT", "import_readsb"]

FORMAT = "readsb"


@dataclass
class _Aircraft:
    """Everything read for one hex address, over every file given."""

    icao: str
    registration: str | None = None
    aircraft_type: str | None = None
    military: bool = False
    files: list[str] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    day_starts: list[float] = field(default_factory=list)
    day_ends: list[float] = field(default_factory=list)


def _load(file: str, problems: list[Problem]) -> dict[str, Any] | None:
    doc = read_json(file, problems)
    if doc is None:
        return None
    data = doc.data
    if not isinstance(data, dict) or not all(k in data for k in ("icao", "timestamp", "trace")):
        message = (
            "not a readsb trace: expected a JSON object with icao, timestamp and trace "
            "(a trace_full_<hex>.json file)"
        )
        problems.append(Problem(file, 1, 1, (), message))
        return None
    return data


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _point(base: float, raw: Any) -> Point | None:
    """One trace point, or None when it has no time."""
    if not isinstance(raw, list) or len(raw) < 4:
        return None
    offset = _number(raw[0])
    if offset is None:
        return None
    altitude = raw[3]
    flags = raw[6] if len(raw) > 6 and isinstance(raw[6], int) else 0
    details = raw[8] if len(raw) > 8 and isinstance(raw[8], dict) else {}
    flight = details.get("flight")
    return Point(
        t=base + offset,
        lat=_number(raw[1]),
        lon=_number(raw[2]),
        alt_ft=_number(altitude),
        on_ground=altitude == "ground",
        new_leg=bool(flags & 2),
        callsign=flight.strip() or None if isinstance(flight, str) else None,
        stale=bool(flags & 1),
    )


def _day_end(t: float) -> float:
    day = datetime.datetime.fromtimestamp(t, UTC).date()
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), UTC)
    return end.timestamp()


def import_readsb(
    paths: Sequence[str | os.PathLike[str]], table: AirfieldTable | None = None
) -> Imported:
    """The legs of readsb trace files (one or more aircraft, one or more days each)."""
    files = tuple(os.fspath(p) for p in paths)
    problems: list[Problem] = []
    aircraft: dict[str, _Aircraft] = {}
    for file in files:
        data = _load(file, problems)
        if data is None:
            continue
        base = _number(data.get("timestamp"))
        trace = data.get("trace")
        if base is None or not isinstance(trace, list):
            problems.append(
                Problem(file, None, None, (), "timestamp must be Unix seconds and trace a list")
            )
            continue
        icao = str(data["icao"]).strip().lower()
        if not is_icao24(icao):
            message = (
                f"icao {icao!r} is not a 24-bit address (six hex digits, '~' first if non-ICAO)"
            )
            problems.append(Problem(file, None, None, ("icao",), message))
            continue
        entry = aircraft.setdefault(icao, _Aircraft(icao))
        if file not in entry.files:
            entry.files.append(file)
        entry.registration = entry.registration or _text(data.get("r"))
        entry.aircraft_type = entry.aircraft_type or _text(data.get("t"))
        flags = data.get("dbFlags")
        entry.military = entry.military or (isinstance(flags, int) and bool(flags & 1))
        points = [p for p in (_point(base, raw) for raw in trace) if p is not None]
        entry.points += points
        if points:
            entry.day_starts.append(_day_end(points[0].t) - 86400)
            entry.day_ends.append(_day_end(points[-1].t))
    if problems:
        raise FlightDataError(problems)
    legs = []
    joined = []
    for icao in sorted(aircraft):
        entry = aircraft[icao]
        if len(entry.files) > 1:
            joined.append(f"{icao} ({len(entry.files)} files)")
        legs += legs_of_track(
            entry.points,
            aircraft_type=entry.aircraft_type,
            registration=entry.registration,
            icao24=icao,
            source=f"readsb trace {', '.join(entry.files)}",
            table=table,
            start_of_data=min(entry.day_starts, default=None),
            end_of_data=max(entry.day_ends, default=None),
            extra_note="military (dbFlags)" if entry.military else None,
        )
    legs.sort(
        key=lambda leg: (
            leg.departure.utc if leg.departure else datetime.datetime.max.replace(tzinfo=UTC),
            leg.icao24 or "",
        )
    )
    notes = [
        "readsb traces name no airports: every airfield was inferred from positions (on the "
        f"ground within {GROUND_RADIUS_KM:g} km of a known airfield, or at most "
        f"{LOW_FT:,.0f} ft above one within {AIR_RADIUS_KM:g} km); ends that matched none "
        "are unknown, ends between neighbouring fields list every candidate",
    ]
    if joined:
        notes.append(
            "points of one aircraft in several daily files were joined before cutting legs, "
            "so a flight over midnight UTC is one leg: " + ", ".join(joined)
        )
    return Imported(FORMAT, files, tuple(legs), tuple(notes))


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
