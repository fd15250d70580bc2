"""What an importer returns: the legs it read and what a reader must know about them."""

from __future__ import annotations

import os
import pathlib
from dataclasses import dataclass

from airlift.errors import FlightDataError, Problem
from airlift.tracks.legs import Leg

__all__ = ["Imported", "read_bytes"]


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
    file = os.fspath(path)
    try:
        return pathlib.Path(file).read_bytes()
    except FileNotFoundError:
        message = "the file does not exist"
    except IsADirectoryError:
        message = "this is a directory, not a file"
    except OSError as exc:
        message = f"the file cannot be read: {exc.strerror or exc}"
    raise FlightDataError([Problem(file, None, None, (), message)])
