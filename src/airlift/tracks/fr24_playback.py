"""One Flightradar24 web playback JSON file (``result.response.data.flight``) as one leg.

The flight's ``aircraft.model.code`` is its type, ``aircraft.identification.modes`` and
``.registration`` its address and registration, ``identification.callsign`` its callsign,
``airport.origin`` and ``airport.destination`` (``code.icao``) its airports, and
``airport.real`` where it went when it diverted. ``track[]`` holds its points:
``latitude``, ``longitude``, ``altitude.feet`` and ``altitude.meters``, ``timestamp`` (Unix
seconds). The leg's times are the first and last points (first and last seen: a playback
does not mark the takeoff), and an airport the file leaves null is inferred from that end
of the track as for readsb traces (:func:`airlift.tracks.segments.infer_end`), with
altitudes in **feet**: ``meters`` is used, converted, only when ``feet`` is missing, and a
bare number, which says no unit, is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from airlift.errors import Problem
from airlift.tracks.airfields import AirfieldTable
from airlift.tracks.jsondoc import JsonDoc, Path, json_type
from airlift.tracks.legs import Leg, LegTime, TimeKind, is_icao24
from airlift.tracks.segments import Point, infer_end
from airlift.tracks.times import TimeError, from_epoch, parse_export_time

__all__ = ["PLAYBACK", "PlaybackLeg", "playback_leg"]

#: Where a playback file holds its flight.
PLAYBACK = ("result", "response", "data", "flight")
_FEET_PER_M = 1 / 0.3048


@dataclass(frozen=True)
class PlaybackLeg:
    """The leg of a playback file, whether it diverted, and how many of its ends were
    inferred from the track."""

    leg: Leg
    diverted: bool
    inferred: int


def _get(data: Any, keys: Sequence[str]) -> Any:
    """The value at ``keys`` inside nested objects; None where one is missing."""
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


class _Playback:
    """Reads the values of one playback file's flight, recording problems at their paths."""

    def __init__(self, doc: JsonDoc, flight: dict[str, Any], problems: list[Problem]) -> None:
        self.doc = doc
        self.flight = flight
        self.problems = problems

    def text(self, *keys: str) -> str | None:
        """The text at ``keys`` inside the flight; None when missing or null."""
        value = _get(self.flight, keys)
        if value is None:
            return None
        if isinstance(value, str):
            return value.strip() or None
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        self.problems.append(
            self.doc.problem((*PLAYBACK, *keys), f"expected text, found {json_type(value)}")
        )
        return None

    def point(self, index: int, raw: Any) -> Point | None:
        """One track point; None (with a problem) when its time, position or altitude is
        unreadable."""
        path: Path = (*PLAYBACK, "track", index)
        if not isinstance(raw, dict):
            self.problems.append(
                self.doc.problem(path, f"expected a point, found {json_type(raw)}")
            )
            return None
        before = len(self.problems)
        t = None
        stamp = raw.get("timestamp")
        try:
            if isinstance(stamp, bool) or not isinstance(stamp, str | int | float):
                raise TimeError(f"expected Unix seconds, found {json_type(stamp)}")
            t = parse_export_time(str(stamp)).timestamp()
        except TimeError as exc:
            self.problems.append(self.doc.problem((*path, "timestamp"), str(exc)))
        lat = self._degrees(path, raw, "latitude", 90)
        lon = self._degrees(path, raw, "longitude", 180)
        feet = self._feet(path, raw.get("altitude"))
        if len(self.problems) > before or t is None:
            return None
        return Point(t, lat, lon, feet, on_ground=feet is not None and feet <= 0)

    def _degrees(self, path: Path, raw: dict[str, Any], key: str, limit: float) -> float | None:
        value = raw.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) <= limit:
            return float(value)
        message = f"expected degrees (at most {limit:g} either way), found {value!r}"
        self.problems.append(self.doc.problem((*path, key), message))
        return None

    def _feet(self, path: Path, altitude: Any) -> float | None:
        """The altitude in feet: ``feet``, else ``meters`` converted; a bare number says no
        unit and is refused."""
        if isinstance(altitude, dict):
            for key, factor in (("feet", 1.0), ("meters", _FEET_PER_M)):
                value = altitude.get(key)
                if isinstance(value, int | float) and not isinstance(value, bool):
                    return float(value) * factor
        message = (
            f"expected the altitude as {{feet, meters}}, found {json_type(altitude)}"
            if not isinstance(altitude, dict)
            else "the altitude has neither feet nor meters as a number"
        )
        self.problems.append(self.doc.problem((*path, "altitude"), message))
        return None


def playback_leg(doc: JsonDoc, table: AirfieldTable, problems: list[Problem]) -> PlaybackLeg | None:
    """The one leg of a playback file, or None when it has a problem (recorded)."""
    flight = _get(doc.data, PLAYBACK)
    if not isinstance(flight, dict):
        message = (
            "a Flightradar24 answer without result.response.data.flight: not a playback "
            f"file, found {json_type(flight)} there"
        )
        problems.append(doc.problem(PLAYBACK, message))
        return None
    before = len(problems)
    read = _Playback(doc, flight, problems)
    track = flight.get("track")
    if not isinstance(track, list):
        message = f"expected the flight's track (a list of points), found {json_type(track)}"
        problems.append(doc.problem((*PLAYBACK, "track"), message))
        track = []
    points = sorted(
        (p for p in (read.point(i, raw) for i, raw in enumerate(track)) if p is not None),
        key=lambda p: p.t,
    )
    callsign = read.text("identification", "callsign")
    fr24_id = read.text("identification", "id")
    aircraft_type = read.text("aircraft", "model", "code")
    modes = read.text("aircraft", "identification", "modes")
    registration = read.text("aircraft", "identification", "registration") or read.text(
        "aircraft", "registration"
    )
    filed = read.text("airport", "destination", "code", "icao")
    real = read.text("airport", "real", "code", "icao")
    named = {
        "from": read.text("airport", "origin", "code", "icao"),
        "to": real or filed,
    }
    icao24 = modes.lower() if modes else None
    if icao24 is not None and not is_icao24(icao24):
        path = (*PLAYBACK, "aircraft", "identification", "modes")
        problems.append(doc.problem(path, f"{modes!r} is not six hex digits"))
    if len(problems) > before:
        return None
    notes = []
    if real and filed and real != filed:
        notes.append(f"diverted: filed to {filed}, flown to {real} (airport.real)")
    ends: dict[str, tuple[str, ...]] = {}
    inferred = 0
    first, last = (points[0], points[-1]) if points else (None, None)
    for side, point in (("from", first), ("to", last)):
        code = named[side]
        if code:
            ends[side] = (code.upper(),)
        elif point is not None:
            end = infer_end(point, point.on_ground, table)
            ends[side] = end.airfields
            notes.append(f"{side}: inferred from the track, {end.how}")
            inferred += 1
        else:
            ends[side] = ()
    if not points:
        notes.append("the track has no points: no time is known")
    source = f"Flightradar24 playback {doc.file}"
    leg = Leg(
        aircraft_type=aircraft_type.upper() if aircraft_type else None,
        origin=ends["from"],
        destination=ends["to"],
        departure=LegTime(from_epoch(points[0].t), TimeKind.FIRST_SEEN) if points else None,
        arrival=LegTime(from_epoch(points[-1].t), TimeKind.LAST_SEEN) if points else None,
        registration=registration,
        icao24=icao24,
        callsign=callsign,
        source=f"{source} (flight {fr24_id})" if fr24_id else source,
        note="; ".join(notes) or None,
    )
    return PlaybackLeg(leg, bool(real and filed and real != filed), inferred)
