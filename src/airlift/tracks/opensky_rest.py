"""Importer for OpenSky flights as JSON: the answers of the REST API's ``/flights/all``,
``/flights/aircraft``, ``/flights/arrival`` and ``/flights/departure``, and rows of the
history database's flights tables exported as JSON records (gzipped or not).

A REST answer is a JSON array of objects: ``icao24``, ``firstSeen``, ``estDepartureAirport``,
``lastSeen``, ``estArrivalAirport``, ``callsign`` (padded to 8 characters),
``estDepartureAirportHorizDistance`` and ``...VertDistance`` (metres from the estimated
airport), the same for the arrival, and ``departureAirportCandidatesCount`` and
``arrivalAirportCandidatesCount`` (other airports nearby that were possible); times are Unix
seconds, airports may be null. The database's tables hold the same fields in lower case
(``flights_data4``), with ``airportofdeparture``, ``takeofftime``... in ``flights_data5``;
pyopensky names the airports ``departure``/``arrival``, older clients ``origin``/
``destination``. An array of such records (pandas' ``to_json(orient="records")``) and one
record per line (JSON Lines, as Trino's command line writes them) are both read, and each
record is one leg (:mod:`airlift.tracks.opensky_record`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from airlift.errors import Problem
from airlift.tracks.imported import Imported
from airlift.tracks.jsondoc import JsonDoc, Path, json_type, read_json
from airlift.tracks.opensky_record import FIELDS, import_flights
from airlift.tracks.records import JsonRow, json_rows

__all__ = ["FORMAT", "import_opensky_rest"]

FORMAT = "opensky-rest"

_EXPECTED = (
    "expected OpenSky flights: a JSON array of objects with icao24, firstSeen, "
    "estDepartureAirport, lastSeen, estArrivalAirport, callsign, ..."
)


def _records(doc: JsonDoc, problems: list[Problem]) -> list[tuple[Path, Any]] | None:
    """The flight records of a file with their paths; None (with a problem) when the file
    is not a list of OpenSky flights."""
    data = doc.data
    if isinstance(data, list):
        return [((i,), record) for i, record in enumerate(data)]
    if isinstance(data, dict) and "states" in data:
        message = (
            "this is OpenSky's state vectors (/states/all: positions, not flights); " + _EXPECTED
        )
        problems.append(doc.problem((), message))
        return None
    if isinstance(data, dict):
        return [((), data)]
    problems.append(doc.problem((), f"found {json_type(data)}; {_EXPECTED}"))
    return None


def _rows(file: str, problems: list[Problem]) -> list[JsonRow]:
    """The flight records of a file; none (and a problem) when it holds no OpenSky flights."""
    doc = read_json(file, problems, many=True)
    records = None if doc is None else _records(doc, problems)
    if doc is None or records is None:
        return []
    rows = json_rows(doc, records, FIELDS, problems)
    if rows and not any(row.has("firstseen") for row in rows):
        problems.append(doc.problem((), f"no record has a firstSeen; {_EXPECTED}"))
        return []
    return rows


def import_opensky_rest(paths: Sequence[str | os.PathLike[str]]) -> Imported:
    """The legs of OpenSky flights in JSON files, one leg per flight record."""
    note = (
        "OpenSky's airports are estimates from the first and last positions it received, "
        "not flight plans; where an end was seen far from or high above its estimate, the "
        "leg's note says so"
    )
    return import_flights(FORMAT, paths, _rows, "OpenSky flights", note)
