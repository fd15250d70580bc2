"""Importer for OpenSky flight lists (CSV): the COVID-19 "flightlist" files on Zenodo
(gzipped or not), and CSV exports of OpenSky's flights tables made with pyopensky or traffic.

Each row is one flight, read by :mod:`airlift.tracks.opensky_record` (the column names of
every version and client, and the traps of the format). The script that made the flightlist
files dropped every flight without a callsign, so military legs flown without one are
missing, not blank: the notes say so.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from airlift.errors import Problem
from airlift.tracks.imported import Imported, csv_records
from airlift.tracks.opensky_record import FIELDS, REQUIRED, import_flights
from airlift.tracks.records import CsvFields, CsvRow

__all__ = ["FORMAT", "import_opensky"]

FORMAT = "opensky"


def _rows(file: str, problems: list[Problem]) -> list[CsvRow]:
    """The rows of a flight-list file; none (and a problem) when it is not one."""
    records = csv_records(file, problems)
    if records is None:
        return []
    fields = CsvFields(file, records[0], FIELDS)
    missing = [key for key in REQUIRED if key not in fields.columns]
    if missing:
        wanted = "; ".join(f"{k}: {' or '.join(FIELDS[k])}" for k in missing)
        message = (
            f"not an OpenSky flight list: no column for {wanted} "
            "(the header of the flightlist files is callsign,number,icao24,registration,"
            "typecode,origin,destination,firstseen,lastseen,day,...)"
        )
        problems.append(Problem(file, records[0].line, 1, (), message))
        return []
    return [fields.row(record) for record in records[1:]]


def import_opensky(paths: Sequence[str | os.PathLike[str]]) -> Imported:
    """The legs of OpenSky flight-list CSV files, one leg per row."""
    note = (
        "OpenSky's flight lists leave out every flight without a callsign (the script that "
        "makes them drops those rows): military legs flown without one are missing here, "
        "not blank"
    )
    return import_flights(FORMAT, paths, _rows, "OpenSky flight list", note)
