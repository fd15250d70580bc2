"""OpenSky flights as legs, whatever export they came in: rows of a flight-list CSV, or JSON
objects of the REST API or of the history database (:mod:`airlift.tracks.records`). Each
importer says how to find a file's records; :func:`import_flights` does the rest.

The field names differ between versions and clients, so each field is found under any of
its names (:data:`FIELDS`, matched in any case): the airports are ``origin`` and
``destination`` in the flightlist files, ``departure``/``arrival`` in recent pyopensky,
``estDepartureAirport``/``estArrivalAirport`` in the REST API and the ``flights_data4``
table, and ``airportofdeparture``/``airportofdestination`` (with ``takeofftime``/
``landingtime``) in ``flights_data5``; where a record holds several, the first name listed
wins. An empty or null airport is one OpenSky matched to none: it becomes ``unknown``.

Traps, each handled here: ``firstseen``/``lastseen`` are the first and last messages
received, not takeoff and landing (they stay ``first_seen``/``last_seen``; only
``takeofftime``/``landingtime`` give takeoffs and landings); ``altitude_1``/``altitude_2``
and the airport distances of the REST API (``est...HorizDistance``, ``...VertDistance``)
are **metres**; callsigns are padded to 8 characters; times are UTC (text such as
``2018-12-31 00:43:16+00:00``, Unix seconds, or the Unix milliseconds of pandas' JSON).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence

from airlift.errors import FlightDataError, Problem
from airlift.tracks.imported import Imported, seen_note
from airlift.tracks.legs import Leg, TimeKind, is_icao24
from airlift.tracks.records import Record, leg_times
from airlift.tracks.segments import AIR_RADIUS_KM

__all__ = ["FAR_M", "FIELDS", "HIGH_M", "REQUIRED", "flight_leg", "import_flights"]

#: Each field and the names it goes by, the preferred first (lower case).
FIELDS: Mapping[str, tuple[str, ...]] = {
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
    "origin_horizontal": ("estdepartureairporthorizdistance",),
    "origin_vertical": ("estdepartureairportvertdistance",),
    "destination_horizontal": ("estarrivalairporthorizdistance",),
    "destination_vertical": ("estarrivalairportvertdistance",),
    "origin_candidates": ("departureairportcandidatescount",),
    "destination_candidates": ("arrivalairportcandidatescount",),
}
#: Fields every OpenSky export has (under one of their names).
REQUIRED = ("origin", "destination", "firstseen", "lastseen")
#: An end first or last seen more than this many metres up (above the sea, or above the
#: airport OpenSky estimated) was not seen near its airfield.
HIGH_M = 1000.0
#: An end first or last seen farther than this from the airport OpenSky estimated was not
#: seen near it (the distance within which airlift itself names the airfield of a low end).
FAR_M = AIR_RADIUS_KM * 1000
_FEET_PER_M = 1 / 0.3048


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _metres(metres: float) -> str:
    return f"{metres:,.0f} m ({metres * _FEET_PER_M:,.0f} ft)"


def _estimate_note(record: Record, end: str, airport: str, what: str, kind: str) -> str | None:
    """What the REST API's distances and candidates say of one end's estimated airport."""
    horizontal = _number(record.text(f"{end}_horizontal"))
    vertical = _number(record.text(f"{end}_vertical"))
    candidates = _number(record.text(f"{end}_candidates"))
    parts = []
    if (horizontal is not None and horizontal > FAR_M) or (
        vertical is not None and vertical > HIGH_M
    ):
        where = []
        if horizontal is not None:
            where.append(f"{horizontal / 1000:,.1f} km from it")
        if vertical is not None:
            where.append(f"{_metres(vertical)} above it")
        parts.append(f"{what} {' and '.join(where)}: its {kind} was not seen")
    if candidates is not None and candidates >= 1:
        plural = "s" if candidates != 1 else ""
        parts.append(f"OpenSky found {candidates:,.0f} other possible airport{plural} near it")
    if not parts:
        return None
    side = "from" if end == "origin" else "to"
    return f"{side} {airport} (OpenSky's estimate): " + "; ".join(parts)


def flight_leg(record: Record, source: str, problems: list[Problem]) -> Leg | None:
    """The leg of one OpenSky flight record, or None when it has a problem (recorded)."""
    before = len(problems)
    departure, arrival = leg_times(
        record,
        (("takeofftime", TimeKind.TAKEOFF), ("firstseen", TimeKind.FIRST_SEEN)),
        (("landingtime", TimeKind.LANDING), ("lastseen", TimeKind.LAST_SEEN)),
        problems,
        required="every OpenSky flight",
    )
    icao24 = record.text("icao24").lower() or None
    if icao24 is not None and not is_icao24(icao24):
        problems.append(record.problem("icao24", f"{icao24!r} is not six hex digits"))
    if len(problems) > before or departure is None or arrival is None:
        return None
    origin = record.text("origin").upper()
    destination = record.text("destination").upper()
    notes = []
    uid = record.text("aircraft_uid")
    if icao24 is None and uid:
        notes.append(f"aircraft_uid {uid} (anonymised: no registration or address)")
    for key, what, kind in (
        ("altitude_1", "first seen", "takeoff"),
        ("altitude_2", "last seen", "landing"),
    ):
        metres = _number(record.text(key))
        if metres is not None and metres > HIGH_M:
            notes.append(f"{what} at {_metres(metres)}: its {kind} was not seen")
    for end, airport, what, kind in (
        ("origin", origin, "first seen", "takeoff"),
        ("destination", destination, "last seen", "landing"),
    ):
        note = _estimate_note(record, end, airport, what, kind) if airport else None
        if note is not None:
            notes.append(note)
    return Leg(
        aircraft_type=record.text("typecode").upper() or None,
        origin=(origin,) if origin else (),
        destination=(destination,) if destination else (),
        departure=departure,
        arrival=arrival,
        registration=record.text("registration") or None,
        icao24=icao24,
        callsign=record.text("callsign") or None,
        source=source,
        note="; ".join(notes) or None,
    )


def import_flights(
    fmt: str,
    paths: Sequence[str | os.PathLike[str]],
    records: Callable[[str, list[Problem]], Iterable[Record]],
    source: str,
    note: str,
) -> Imported:
    """The legs of OpenSky exports, one per flight record: ``records`` gives a file's records
    (recording what is wrong with the file in the problems it is given), ``source`` names
    the export in each leg's source (with the file and the record's line), and ``note`` is
    what a reader must know of the export's kind, before the notes every export shares."""
    files = tuple(os.fspath(p) for p in paths)
    problems: list[Problem] = []
    legs: list[Leg] = []
    anonymised = 0
    for file in files:
        for record in records(file, problems):
            leg = flight_leg(record, f"{source} {file}:{record.line}", problems)
            if leg is not None:
                legs.append(leg)
                anonymised += leg.icao24 is None and bool(record.text("aircraft_uid"))
    if problems:
        raise FlightDataError(problems)
    notes = [note, *seen_note(legs)]
    unknown = sum((not leg.origin) + (not leg.destination) for leg in legs)
    if unknown:
        notes.append(
            f"{unknown} leg ends had no airport in the list (OpenSky matched none) and are "
            "written unknown"
        )
    if anonymised:
        notes.append(
            f"{anonymised} rows are anonymised (aircraft_uid instead of icao24 and "
            "registration): their airframes cannot be told apart here"
        )
    return Imported(fmt, files, tuple(legs), tuple(notes))
