"""Importer for OpenSky flight lists (CSV): the COVID-19 "flightlist" files on Zenodo, and
CSV exports of OpenSky's flights tables made with pyopensky or traffic.

The column names differ between versions and clients, so each field is found under any of
its names (:data:`COLUMNS`, matched in any case): the airports are ``origin`` and
``destination`` in the flightlist files, ``departure``/``arrival`` in recent pyopensky,
``estdepartureairport``/``estarrivalairport`` in the database and the REST API, and
``airportofdeparture``/``airportofdestination`` (with ``takeofftime``/``landingtime``) in
the newer flights table; where a row holds several, the first name listed wins. An empty
airport is one OpenSky matched to none: it becomes ``unknown``.

Traps, each handled here: ``firstseen``/``lastseen`` are the first and last messages
received, not takeoff and landing (they stay ``first_seen``/``last_seen``; only
``takeofftime``/``landingtime`` give takeoffs and landings); ``altitude_1``/``altitude_2``
are **metres**; times are UTC (text such as ``2018-12-31 00:43:16+00:00``, or Unix
seconds); and the script that made the flightlist files dropped every flight without a
callsign, so military legs flown without one are missing, not blank.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from airlift.errors import FlightDataError, Problem
from airlift.tracks.csvcells import CsvRecord
from airlift.tracks.imported import Imported, csv_records
from airlift.tracks.legs import Leg, LegTime, TimeKind, is_icao24
from airlift.tracks.times import TimeError, parse_export_time

__all__ = ["COLUMNS", "FORMAT", "import_opensky"]

FORMAT = "opensky"

#: Each field and the column names it goes by, the preferred first.
COLUMNS: Mapping[str, tuple[str, ...]] = {
    "callsign": ("callsign",),
    "icao24": ("icao24",),
    "aircraft_uid": ("aircraft_uid",),
    "registration": ("registration",),
    "typecode": ("typecode",),
    "origin": ("airportofdeparture", "origin", "departure", "estdepartureairport"),
    "destination": ("airportofdestination", "destination", "arrival", "estarrivalairport"),
    "firstseen": ("firstseen",),
    "lastseen": ("lastseen",),
    "takeofftime": ("takeofftime",),
    "landingtime": ("landingtime",),
    "altitude_1": ("altitude_1",),
    "altitude_2": ("altitude_2",),
}
_REQUIRED = ("origin", "destination", "firstseen", "lastseen")
#: An end first or last seen above this many metres was not seen near its airfield.
HIGH_M = 1000.0
_FEET_PER_M = 1 / 0.3048


def _columns(header: CsvRecord) -> dict[str, list[int]]:
    """For each field, the indices of the columns that hold it, preferred first."""
    names = [cell.text.strip().lower() for cell in header.cells]
    out: dict[str, list[int]] = {}
    for key, aliases in COLUMNS.items():
        found = [names.index(alias) for alias in aliases if alias in names]
        if found:
            out[key] = found
    return out


class _Row:
    def __init__(self, record: CsvRecord, columns: dict[str, list[int]], header: list[str]):
        self.record = record
        self.columns = columns
        self.header = header

    def index(self, key: str) -> int | None:
        """The column of the first non-empty value of a field (else its first column)."""
        indices = self.columns.get(key, [])
        for i in indices:
            if i < len(self.record.cells) and self.record.cells[i].text.strip():
                return i
        return indices[0] if indices else None

    def text(self, key: str) -> str:
        i = self.index(key)
        if i is None or i >= len(self.record.cells):
            return ""
        return self.record.cells[i].text.strip()

    def problem(self, file: str, key: str, message: str) -> Problem:
        i = self.index(key)
        cell = self.record.cells[i] if i is not None and i < len(self.record.cells) else None
        name = self.header[i] if i is not None else key
        if cell is None:
            return Problem(file, self.record.line, None, (name,), message)
        return Problem(file, cell.line, cell.column, (name,), message)


def _metres(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def import_opensky(paths: Sequence[str | os.PathLike[str]]) -> Imported:
    """The legs of OpenSky flight-list CSV files, one leg per row."""
    files = tuple(os.fspath(p) for p in paths)
    problems: list[Problem] = []
    legs: list[Leg] = []
    counts = {"first_seen": 0, "last_seen": 0, "unknown": 0, "anonymised": 0}
    for file in files:
        records = csv_records(file, problems)
        if records is None:
            continue
        header = [cell.text.strip().lower() for cell in records[0].cells]
        columns = _columns(records[0])
        missing = [key for key in _REQUIRED if key not in columns]
        if missing:
            wanted = "; ".join(f"{k}: {' or '.join(COLUMNS[k])}" for k in missing)
            message = (
                f"not an OpenSky flight list: no column for {wanted} "
                "(the header of the flightlist files is callsign,number,icao24,registration,"
                "typecode,origin,destination,firstseen,lastseen,day,...)"
            )
            problems.append(Problem(file, records[0].line, 1, (), message))
            continue
        for record in records[1:]:
            leg = _leg(_Row(record, columns, header), file, problems, counts)
            if leg is not None:
                legs.append(leg)
    if problems:
        raise FlightDataError(problems)
    return Imported(FORMAT, files, tuple(legs), _notes(len(legs), counts))


def _time(
    row: _Row,
    file: str,
    key: str,
    better: str,
    kinds: tuple[TimeKind, TimeKind],
    problems: list[Problem],
) -> LegTime | None:
    """The row's time of a takeoff or landing column when filled in, else of the first- or
    last-seen column; None (with a problem) when unreadable."""
    for column, kind in ((better, kinds[0]), (key, kinds[1])):
        text = row.text(column)
        if not text:
            continue
        try:
            return LegTime(parse_export_time(text), kind)
        except TimeError as exc:
            problems.append(row.problem(file, column, str(exc)))
            return None
    problems.append(row.problem(file, key, "empty; every OpenSky flight has this time"))
    return None


def _leg(row: _Row, file: str, problems: list[Problem], counts: dict[str, int]) -> Leg | None:
    before = len(problems)
    departure = _time(
        row, file, "firstseen", "takeofftime", (TimeKind.TAKEOFF, TimeKind.FIRST_SEEN), problems
    )
    arrival = _time(
        row, file, "lastseen", "landingtime", (TimeKind.LANDING, TimeKind.LAST_SEEN), problems
    )
    icao24 = row.text("icao24").lower() or None
    if icao24 is not None and not is_icao24(icao24):
        problems.append(row.problem(file, "icao24", f"{icao24!r} is not six hex digits"))
    notes = []
    uid = row.text("aircraft_uid")
    if icao24 is None and uid:
        notes.append(f"aircraft_uid {uid} (anonymised: no registration or address)")
        counts["anonymised"] += 1
    for key, what, kind in (
        ("altitude_1", "first seen", "takeoff"),
        ("altitude_2", "last seen", "landing"),
    ):
        metres = _metres(row.text(key))
        if metres is not None and metres > HIGH_M:
            notes.append(
                f"{what} at {metres:,.0f} m ({metres * _FEET_PER_M:,.0f} ft): "
                f"its {kind} was not seen"
            )
    if len(problems) > before or departure is None or arrival is None:
        return None
    origin = row.text("origin").upper()
    destination = row.text("destination").upper()
    counts["first_seen"] += departure.kind is TimeKind.FIRST_SEEN
    counts["last_seen"] += arrival.kind is TimeKind.LAST_SEEN
    counts["unknown"] += (not origin) + (not destination)
    return Leg(
        aircraft_type=row.text("typecode").upper() or None,
        origin=(origin,) if origin else (),
        destination=(destination,) if destination else (),
        departure=departure,
        arrival=arrival,
        registration=row.text("registration") or None,
        icao24=icao24,
        callsign=row.text("callsign") or None,
        source=f"OpenSky flight list {file}:{row.record.line}",
        note="; ".join(notes) or None,
    )


def _notes(legs: int, counts: dict[str, int]) -> tuple[str, ...]:
    out = [
        "OpenSky's flight lists leave out every flight without a callsign (the script that "
        "makes them drops those rows): military legs flown without one are missing here, "
        "not blank",
    ]
    if counts["first_seen"] or counts["last_seen"]:
        out.append(
            f"{counts['first_seen']} of {legs} departures and {counts['last_seen']} of {legs} "
            "arrivals are the first or last message received (first_seen, last_seen), not a "
            "takeoff or landing"
        )
    if counts["unknown"]:
        out.append(
            f"{counts['unknown']} leg ends had no airport in the list (OpenSky matched none) "
            "and are written unknown"
        )
    if counts["anonymised"]:
        out.append(
            f"{counts['anonymised']} rows are anonymised (aircraft_uid instead of icao24 and "
            "registration): their airframes cannot be told apart here"
        )
    return tuple(out)
