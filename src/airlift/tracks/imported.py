"""What an importer returns (the legs it read and what a reader must know about them), and
the reading every importer shares: a file's bytes, gunzipped when gzipped, as text; as CSV
records."""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from airlift.errors import FlightDataError, Problem, decode_input, read_input
from airlift.tracks.csvcells import CsvRecord, read_records
from airlift.tracks.legs import Leg, TimeKind

__all__ = ["Imported", "csv_records", "read_bytes", "read_text", "seen_note", "text_records"]

_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class Imported:
    """Legs read from tracking exports.

    ``format`` is the importer's name (``opensky``, ``readsb``, ``fr24``...); ``notes`` are
    sentences about this import that a reader of its legs must know (what the format leaves
    out, what was inferred), in the order found.
    """

    format: str
    files: tuple[str, ...]
    legs: tuple[Leg, ...]
    notes: tuple[str, ...] = ()


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of an input file, or a FlightDataError saying why it cannot be read."""
    return read_input(os.fspath(path), "file", FlightDataError)


def read_text(file: str, problems: list[Problem]) -> str | None:
    """The text of an export in UTF-8, gunzipped first when its bytes are gzip (downloads
    are gzipped whatever their name: readsb traces, the flightlist files); None, with the
    reason in ``problems``, when it is not readable."""
    raw = read_bytes(file)
    if raw.startswith(_GZIP_MAGIC):
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as exc:
            problems.append(Problem(file, None, None, (), f"not a readable gzip file: {exc}"))
            return None
    try:
        return decode_input(raw, file, FlightDataError)
    except FlightDataError as exc:
        problems += exc.problems
        return None


def text_records(text: str, file: str, problems: list[Problem]) -> list[CsvRecord] | None:
    """The records of an export's text in CSV, header first; what cannot be read goes to
    ``problems``, and None when the text holds no header row."""
    records, troubles = read_records(text)
    problems += [
        Problem(file, t.line, t.column, (), f"not readable as CSV: {t.message}") for t in troubles
    ]
    if not records:
        problems.append(Problem(file, 1, 1, (), "the file is empty; expected a header row"))
        return None
    return records


def csv_records(file: str, problems: list[Problem]) -> list[CsvRecord] | None:
    """The records of an export in CSV (gzipped or not), header first; what cannot be read
    goes to ``problems``, and None when the file holds no header row."""
    text = read_text(file, problems)
    return None if text is None else text_records(text, file, problems)


def seen_note(legs: Sequence[Leg]) -> list[str]:
    """How many departures and arrivals are only the first or last message received (none
    when every time is a takeoff or a landing): a reader must not take them for either."""
    first = sum(
        leg.departure is not None and leg.departure.kind is TimeKind.FIRST_SEEN for leg in legs
    )
    last = sum(leg.arrival is not None and leg.arrival.kind is TimeKind.LAST_SEEN for leg in legs)
    if not first and not last:
        return []
    n = len(legs)
    return [
        f"{first} of {n} departures and {last} of {n} arrivals are the first or last message "
        "received (first_seen, last_seen), not a takeoff or landing"
    ]
