"""Importer for Flightradar24 per-flight CSV files (the subscriber "Download CSV" of a flight).

The header is ``Timestamp,UTC,Callsign,Position,Altitude,Speed,Direction``: Unix seconds,
the same time as ISO-8601 UTC, the callsign, ``"lat,lon"`` in one quoted cell, altitude in
**feet** (0 on the ground), ground speed in knots and track in degrees. The file holds no
aircraft type, registration, address or airports: the type, registration and address can
be given to the importer (``airlift import fr24 --type C17 --registration ...``), and the
airfields are inferred from the positions as for readsb traces
(:mod:`airlift.tracks.segments`), so a file normally gives one leg (more if the aircraft
landed and took off again).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from airlift.errors import FlightDataError, Problem
from airlift.tracks.airfields import AirfieldTable
from airlift.tracks.csvcells import CsvRecord
from airlift.tracks.imported import Imported, csv_records
from airlift.tracks.legs import Leg
from airlift.tracks.segments import Point, legs_of_track
from airlift.tracks.times import TimeError, parse_export_time

__all__ = ["FORMAT", "HEADER", "import_fr24"]

FORMAT = "fr24"
#: The header of a Flightradar24 per-flight CSV file.
HEADER = ("timestamp", "utc", "callsign", "position", "altitude", "speed", "direction")


def _point(
    record: CsvRecord, columns: dict[str, int], file: str, problems: list[Problem]
) -> Point | None:
    def cell(name: str) -> tuple[str, int, int | None]:
        i = columns.get(name)
        if i is None or i >= len(record.cells):
            return "", record.line, None
        c = record.cells[i]
        return c.text.strip(), c.line, c.column

    def bad(name: str, message: str) -> None:
        _, line, column = cell(name)
        problems.append(Problem(file, line, column, (name.capitalize(),), message))

    stamp, _, _ = cell("timestamp")
    utc, _, _ = cell("utc")
    t = None
    for name, text in (("timestamp", stamp), ("utc", utc)):
        if text:
            try:
                t = parse_export_time(text).timestamp()
            except TimeError as exc:
                bad(name, str(exc))
                return None
            break
    if t is None:
        bad("timestamp", "no time in Timestamp or UTC")
        return None
    position, _, _ = cell("position")
    parts = position.split(",")
    try:
        lat, lon = float(parts[0]), float(parts[1])
        if len(parts) != 2 or abs(lat) > 90 or abs(lon) > 180:
            raise ValueError
    except (ValueError, IndexError):
        bad("position", f'expected "lat,lon" in degrees, found {position!r}')
        return None
    altitude, _, _ = cell("altitude")
    try:
        feet = float(altitude)
    except ValueError:
        bad("altitude", f"expected feet (0 on the ground), found {altitude!r}")
        return None
    callsign, _, _ = cell("callsign")
    return Point(t, lat, lon, feet, on_ground=feet <= 0, callsign=callsign or None)


def import_fr24(
    paths: Sequence[str | os.PathLike[str]],
    *,
    aircraft_type: str | None = None,
    registration: str | None = None,
    icao24: str | None = None,
    table: AirfieldTable | None = None,
) -> Imported:
    """The legs of Flightradar24 per-flight CSV files; the type, registration and address,
    which the files lack, apply to every file given."""
    files = tuple(os.fspath(p) for p in paths)
    problems: list[Problem] = []
    legs: list[Leg] = []
    for file in files:
        records = csv_records(file, problems)
        if records is None:
            continue
        names = [cell.text.strip().lower() for cell in records[0].cells]
        columns = {name: i for i, name in enumerate(names) if name in HEADER}
        if not {"position", "altitude"} <= set(columns) or not {"timestamp", "utc"} & set(columns):
            message = (
                "not a Flightradar24 flight CSV: expected the header "
                "Timestamp,UTC,Callsign,Position,Altitude,Speed,Direction"
            )
            problems.append(Problem(file, records[0].line, 1, (), message))
            continue
        points = [_point(r, columns, file, problems) for r in records[1:]]
        legs += legs_of_track(
            [p for p in points if p is not None],
            aircraft_type=aircraft_type,
            registration=registration,
            icao24=icao24,
            source=f"Flightradar24 CSV {file}",
            table=table,
        )
    if problems:
        raise FlightDataError(problems)
    notes = [
        "Flightradar24 flight files name no airports: every airfield was inferred from "
        "positions (altitudes in feet); ends that matched no known airfield are unknown",
    ]
    missing = [
        option
        for option, value in (
            ("--type", aircraft_type),
            ("--registration", registration),
            ("--icao24", icao24),
        )
        if value is None
    ]
    if missing:
        notes.append(
            "Flightradar24 flight files hold no aircraft type, registration or address; "
            f"not given here: {', '.join(missing)}"
        )
    return Imported(FORMAT, files, tuple(legs), tuple(notes))
