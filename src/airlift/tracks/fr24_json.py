"""Importer for Flightradar24 JSON: the API's flight summary and the web playback JSON
(gzipped or not); the shape of each file is found from its content.

**Flight summary** (the API's ``flight-summary/full`` or ``/light``): ``{"data": [...]}`` or a
bare array of flights (or one per line), each with ``fr24_id``, ``callsign``, ``type``,
``reg``, ``hex``, ``orig_icao``, ``dest_icao`` (the filed destination),
``dest_icao_actual`` (where it went: a diversion when they differ), ``datetime_takeoff``,
``datetime_landed``, ``first_seen``, ``last_seen``, ``flight_ended``... Times are UTC
(``2023-01-27T05:15:22``, with or without ``Z``). One leg per flight: the departure is the
takeoff when FR24 gives one, else the first message seen; the arrival likewise. A CSV with
the same field names as its header is read the same way.

**Playback** (``result.response.data.flight``): one flight with its track, read as one leg
by :mod:`airlift.tracks.fr24_playback`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from airlift.errors import FlightDataError, Problem
from airlift.tracks.airfields import AirfieldTable, packaged_airfields
from airlift.tracks.fr24 import HEADER as TRACK_HEADER
from airlift.tracks.fr24_playback import playback_leg
from airlift.tracks.imported import Imported, read_text, seen_note, text_records
from airlift.tracks.jsondoc import JsonDoc, Path, json_type, parse_json
from airlift.tracks.legs import Leg, TimeKind, is_icao24
from airlift.tracks.records import CsvFields, Record, json_rows, leg_times

__all__ = ["FORMAT", "SUMMARY_FIELDS", "import_fr24_json"]

FORMAT = "fr24-json"

#: The flight summary's fields and the names they go by (FR24's documentation writes the
#: destinations both ``dest_icao`` and ``destination_icao``).
SUMMARY_FIELDS: Mapping[str, tuple[str, ...]] = {
    "fr24_id": ("fr24_id",),
    "callsign": ("callsign",),
    "type": ("type",),
    "reg": ("reg",),
    "hex": ("hex",),
    "orig_icao": ("orig_icao",),
    "orig_iata": ("orig_iata",),
    "dest_icao": ("dest_icao", "destination_icao"),
    "dest_iata": ("dest_iata", "destination_iata"),
    "dest_icao_actual": ("dest_icao_actual", "destination_icao_actual"),
    "dest_iata_actual": ("dest_iata_actual", "destination_iata_actual"),
    "datetime_takeoff": ("datetime_takeoff",),
    "datetime_landed": ("datetime_landed",),
    "first_seen": ("first_seen",),
    "last_seen": ("last_seen",),
    "flight_ended": ("flight_ended",),
}
_TIMES = ("datetime_takeoff", "first_seen", "datetime_landed", "last_seen")
_EXPECTED = (
    'expected Flightradar24\'s flight summary ({"data": [...]} or an array of flights with '
    "fr24_id, orig_icao, dest_icao, datetime_takeoff, first_seen, ...) or its playback JSON "
    "(result.response.data.flight with a track)"
)


@dataclass
class _Counts:
    """What the legs of one import hold that its notes count."""

    diverted: int = 0
    filed: int = 0
    unfinished: int = 0
    inferred: int = 0


def _summary_leg(
    record: Record, source: str, problems: list[Problem], counts: _Counts
) -> Leg | None:
    """The leg of one flight of a flight summary, or None when it has a problem (recorded)."""
    before = len(problems)
    departure, arrival = leg_times(
        record,
        (("datetime_takeoff", TimeKind.TAKEOFF), ("first_seen", TimeKind.FIRST_SEEN)),
        (("datetime_landed", TimeKind.LANDING), ("last_seen", TimeKind.LAST_SEEN)),
        problems,
    )
    icao24 = record.text("hex").lower() or None
    if icao24 is not None and not is_icao24(icao24):
        problems.append(record.problem("hex", f"{icao24!r} is not six hex digits"))
    if len(problems) > before:
        return None
    notes = []
    origin = record.text("orig_icao").upper()
    if not origin and record.text("orig_iata"):
        notes.append(f"from: only the IATA code {record.text('orig_iata').upper()} is given")
    filed = record.text("dest_icao").upper()
    actual = record.text("dest_icao_actual").upper()
    destination = actual or filed
    if actual and filed and actual != filed:
        notes.append(
            f"diverted: filed to {filed} (dest_icao), flown to {actual} (dest_icao_actual)"
        )
        counts.diverted += 1
    elif filed and not actual:
        notes.append(
            f"to: {filed} is the filed destination (dest_icao); the summary gives no actual one"
        )
        counts.filed += 1
    iata = record.text("dest_iata_actual") or record.text("dest_iata")
    if not destination and iata:
        notes.append(f"to: only the IATA code {iata.upper()} is given")
    if record.text("flight_ended").lower() == "false":
        notes.append(
            "the flight had not ended when the summary was made (flight_ended false): its "
            "end is not in the export"
        )
        counts.unfinished += 1
    fr24_id = record.text("fr24_id")
    return Leg(
        aircraft_type=record.text("type").upper() or None,
        origin=(origin,) if origin else (),
        destination=(destination,) if destination else (),
        departure=departure,
        arrival=arrival,
        registration=record.text("reg") or None,
        icao24=icao24,
        callsign=record.text("callsign") or None,
        source=f"{source} (fr24_id {fr24_id})" if fr24_id else source,
        note="; ".join(notes) or None,
    )


def _summary_records(doc: JsonDoc) -> list[tuple[Path, Any]] | None:
    """The flights of a flight summary with their paths; None when the file is not one."""
    data = doc.data
    if isinstance(data, list):
        return [((i,), record) for i, record in enumerate(data)]
    if isinstance(data, dict) and isinstance(data.get("data"), list):
        return [(("data", i), record) for i, record in enumerate(data["data"])]
    if isinstance(data, dict) and any(key in data for key in ("fr24_id", *_TIMES)):
        return [((), data)]
    return None


def _json_legs(
    doc: JsonDoc, table: AirfieldTable, problems: list[Problem], counts: _Counts
) -> list[Leg]:
    if isinstance(doc.data, dict) and "result" in doc.data:
        played = playback_leg(doc, table, problems)
        if played is None:
            return []
        counts.diverted += played.diverted
        counts.inferred += played.inferred
        return [played.leg]
    records = _summary_records(doc)
    if records is None:
        problems.append(
            doc.problem((), f"found {json_type(doc.data)} of another kind; {_EXPECTED}")
        )
        return []
    rows = json_rows(doc, records, SUMMARY_FIELDS, problems)
    if rows and not any(row.has(key) for row in rows for key in _TIMES):
        problems.append(doc.problem((), f"no flight has a time ({', '.join(_TIMES)}); {_EXPECTED}"))
        return []
    source = f"Flightradar24 flight summary {doc.file}"
    legs = []
    for row in rows:
        leg = _summary_leg(row, f"{source}:{row.line}", problems, counts)
        if leg is not None:
            legs.append(leg)
    return legs


def _csv_legs(text: str, file: str, problems: list[Problem], counts: _Counts) -> list[Leg]:
    records = text_records(text, file, problems)
    if records is None:
        return []
    fields = CsvFields(file, records[0], SUMMARY_FIELDS)
    if not any(key in fields.columns for key in _TIMES):
        hint = (
            "this is a per-flight track CSV: import it as fr24"
            if set(TRACK_HEADER) <= set(fields.names)
            else _EXPECTED + " or a CSV with the flight summary's field names as its header"
        )
        problems.append(Problem(file, records[0].line, 1, (), f"not a flight summary; {hint}"))
        return []
    source = f"Flightradar24 flight summary {file}"
    legs = []
    for record in records[1:]:
        leg = _summary_leg(fields.row(record), f"{source}:{record.line}", problems, counts)
        if leg is not None:
            legs.append(leg)
    return legs


def import_fr24_json(
    paths: Sequence[str | os.PathLike[str]], table: AirfieldTable | None = None
) -> Imported:
    """The legs of Flightradar24 flight summaries (JSON, or CSV with the same fields) and
    playback files: one leg per flight."""
    files = tuple(os.fspath(p) for p in paths)
    table = table or packaged_airfields()
    problems: list[Problem] = []
    legs: list[Leg] = []
    counts = _Counts()
    for file in files:
        text = read_text(file, problems)
        if text is None:
            continue
        if text.lstrip()[:1] not in ("{", "["):
            legs += _csv_legs(text, file, problems, counts)
            continue
        doc = parse_json(text, file, problems, many=True)
        if doc is not None:
            legs += _json_legs(doc, table, problems, counts)
    if problems:
        raise FlightDataError(problems)
    return Imported(FORMAT, files, tuple(legs), _notes(legs, counts))


def _legs(n: int, what: str = "leg") -> str:
    return f"{n} {what}{'s' if n != 1 else ''}"


def _notes(legs: Sequence[Leg], counts: _Counts) -> tuple[str, ...]:
    out = seen_note(legs)
    if counts.diverted:
        out.append(
            f"{_legs(counts.diverted)} diverted: the destination written is where the flight "
            "went, not the filed one (the leg's note names both)"
        )
    if counts.filed:
        out.append(
            f"{_legs(counts.filed)} with only a filed destination (dest_icao), which says where "
            "the flight was going, not where it landed"
        )
    if counts.unfinished:
        out.append(
            f"{_legs(counts.unfinished, 'flight')} had not ended when the summary was made "
            "(flight_ended false)"
        )
    if counts.inferred:
        out.append(
            f"{_legs(counts.inferred, 'leg end')} inferred from the track, as Flightradar24 "
            "named no airport (altitudes in feet); an end that matched no known airfield is "
            "unknown"
        )
    unknown = sum((not leg.origin) + (not leg.destination) for leg in legs)
    if unknown:
        out.append(f"{_legs(unknown, 'leg end')} with no airport, written unknown")
    return tuple(out)
