"""What an importer returns: the legs it read and what a reader must know about them."""

from __future__ import annotations

import os
from dataclasses import dataclass

from airlift.errors import FlightDataError, Problem, decode_input, read_input
from airlift.tracks.csvcells import CsvRecord, read_records
from airlift.tracks.legs import Leg

__all__ = ["Imported", "csv_records", "read_bytes"]


@dataclass(frozen=True)
class Imported:
    """Legs read from tracking exports.

    ``format`` is the importer's name (``opensky``, ``readsb``, ``fr24``); ``notes`` are
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


def csv_records(file: str, problems: list[Problem]) -> list[CsvRecord] | None:
    """The records of an export in CSV, header first; what cannot be read goes to
    ``problems``, and None when the file holds no header row."""
    records, troubles = read_records(decode_input(read_bytes(file), file, FlightDataError))
    problems += [
        Problem(file, t.line, t.column, (), f"not readable as CSV: {t.message}") for t in troubles
    ]
    if not records:
        problems.append(Problem(file, 1, 1, (), "the file is empty; expected a header row"))
        return None
    return records
