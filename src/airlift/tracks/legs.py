"""The flight-leg file: one CSV row per leg, the form every importer writes and a scenario reads.

A leg file is UTF-8 CSV with a header row. Its columns (``LEG_COLUMNS``; see docs/legs.md):

- ``type``: the aircraft type, an ICAO type designator (``IL76``) or a catalogue name
  (``Il-76MD``), or ``unknown``;
- ``registration``, ``icao24`` (the 24-bit address, six hex digits), ``callsign``: who flew,
  as far as known (a callsign is not an airframe: it is reused);
- ``from`` and ``to``: an airfield (a name or an ICAO code), ``unknown``, or alternatives
  joined by ``|`` (``UUBS|XUBS``) when a track ended between neighbouring fields;
- ``departure_utc`` and ``arrival_utc``: ISO-8601 UTC times with ``Z``, or empty when not
  known; ``departure_kind`` (``takeoff`` or ``first_seen``) and ``arrival_kind``
  (``landing`` or ``last_seen``) say what each time is, since the first message received
  from an aircraft is not its takeoff;
- ``source`` and ``note``: where the row comes from, and anything a reader should know.

Only ``type``, ``from`` and ``to`` must be present as columns; the others may be left out.
:func:`read_legs` reports every problem of a file at once, each as ``file:line:column``
with the column's name; :func:`write_legs` writes legs so that reading them back gives
the same legs and writing them again the same bytes.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import enum
import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from airlift.errors import FlightDataError, Problem, decode_input, read_input
from airlift.tracks.csvcells import CsvRecord, read_records
from airlift.tracks.times import TimeError, format_utc, parse_leg_time

__all__ = [
    "ARRIVAL_KINDS",
    "DEPARTURE_KINDS",
    "LEG_COLUMNS",
    "REQUIRED_COLUMNS",
    "UNKNOWN",
    "Leg",
    "LegTime",
    "RowRef",
    "TimeKind",
    "is_icao24",
    "legs_csv",
    "parse_legs",
    "read_legs",
    "write_legs",
]

#: The columns of a leg file, in the order :func:`write_legs` writes them.
LEG_COLUMNS = (
    "type",
    "registration",
    "icao24",
    "callsign",
    "from",
    "to",
    "departure_utc",
    "departure_kind",
    "arrival_utc",
    "arrival_kind",
    "source",
    "note",
)
#: Columns a leg file must have (their cells must not be empty).
REQUIRED_COLUMNS = ("type", "from", "to")
#: Written for an airfield or a type that is not known.
UNKNOWN = "unknown"
#: Separates the airfields a track may have ended at (``UUBS|XUBS``).
ALTERNATIVES = "|"


class TimeKind(enum.StrEnum):
    """What a leg's time is: seen on the runway, or only the first or last message."""

    TAKEOFF = "takeoff"
    LANDING = "landing"
    FIRST_SEEN = "first_seen"
    LAST_SEEN = "last_seen"


DEPARTURE_KINDS = (TimeKind.TAKEOFF, TimeKind.FIRST_SEEN)
ARRIVAL_KINDS = (TimeKind.LANDING, TimeKind.LAST_SEEN)


@dataclass(frozen=True)
class LegTime:
    """A time in UTC (to the second) and what it is."""

    utc: datetime.datetime
    kind: TimeKind

    def __post_init__(self) -> None:
        if self.utc.tzinfo is None or self.utc.utcoffset() != datetime.timedelta(0):
            raise ValueError("a leg time is in UTC")


@dataclass(frozen=True)
class RowRef:
    """Where a leg was written: its file, its line, and where each of its cells starts."""

    file: str
    line: int
    columns: tuple[tuple[str, int, int], ...] = ()  #: (column name, line, column)

    def cite(self) -> str:
        """``file:line``, for messages."""
        return f"{self.file}:{self.line}"

    def at(self, column: str) -> tuple[int, int | None]:
        """The (line, column) of a cell, or the row's line when the cell is not in the file."""
        for name, line, col in self.columns:
            if name == column:
                return line, col
        return self.line, None


@dataclass(frozen=True)
class Leg:
    """One flight leg: who flew, from where to where, when, and who says so.

    ``origin`` and ``destination`` are the airfields as written (a name or an ICAO code);
    an empty tuple is ``unknown``, several are alternatives (the leg ended at one of them).
    ``aircraft_type`` is None when unknown. ``row`` says where the leg was read from; it
    takes no part in comparing legs, so legs read back from a written file equal the legs
    written.
    """

    aircraft_type: str | None
    origin: tuple[str, ...]
    destination: tuple[str, ...]
    departure: LegTime | None = None
    arrival: LegTime | None = None
    registration: str | None = None
    icao24: str | None = None
    callsign: str | None = None
    source: str | None = None
    note: str | None = None
    row: RowRef | None = field(default=None, compare=False, repr=False)

    @property
    def airframe(self) -> str | None:
        """The airframe's identity as far as the row tells it: registration, else the
        24-bit address; None when only a callsign (or nothing) is known."""
        return self.registration or self.icao24

    def cite(self) -> str:
        """``file:line`` of the row, or ``a leg`` when it was not read from a file."""
        return self.row.cite() if self.row is not None else "a leg"


def _end_text(end: tuple[str, ...]) -> str:
    return ALTERNATIVES.join(end) if end else UNKNOWN


def _cells(leg: Leg) -> tuple[str, ...]:
    def time(t: LegTime | None) -> tuple[str, str]:
        return ("", "") if t is None else (format_utc(t.utc), t.kind.value)

    return (
        leg.aircraft_type or UNKNOWN,
        leg.registration or "",
        leg.icao24 or "",
        leg.callsign or "",
        _end_text(leg.origin),
        _end_text(leg.destination),
        *time(leg.departure),
        *time(leg.arrival),
        leg.source or "",
        leg.note or "",
    )


def write_legs(legs: Iterable[Leg], stream: TextIO) -> None:
    """Write legs as a leg file (header first, ``\\n`` line ends, quotes only where needed).

    The same legs always give the same text; :func:`read_legs` gives them back."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(LEG_COLUMNS)
    for leg in legs:
        writer.writerow(_cells(leg))


def legs_csv(legs: Iterable[Leg]) -> str:
    """The text :func:`write_legs` writes."""
    out = io.StringIO()
    write_legs(legs, out)
    return out.getvalue()


def read_legs(path: str | os.PathLike[str]) -> list[Leg]:
    """Read a leg file; raise :class:`~airlift.errors.FlightDataError` with every problem."""
    file = os.fspath(path)
    raw = read_input(file, "leg file", FlightDataError)
    return parse_legs(decode_input(raw, file, FlightDataError), file)


def parse_legs(text: str, file: str = "<string>") -> list[Leg]:
    """The legs of a leg file given as text; ``file`` names it in problems."""
    records, troubles = read_records(text)
    problems = [
        Problem(file, t.line, t.column, (), f"not readable as CSV: {t.message}") for t in troubles
    ]
    if not records:
        message = "the file has no header row; the first row names the columns: " + ",".join(
            LEG_COLUMNS
        )
        raise FlightDataError([*problems, Problem(file, 1, 1, (), message)])
    header, rows = records[0], records[1:]
    columns = _header(header, file, problems)
    legs = []
    for record in rows:
        leg = _leg(record, columns, len(header.cells), file, problems)
        if leg is not None:
            legs.append(leg)
    if problems:
        raise FlightDataError(problems)
    return legs


def _suggest(name: str, valid: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(valid), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _header(record: CsvRecord, file: str, problems: list[Problem]) -> dict[str, int]:
    """Column name -> index, from the header row; problems for unknown, repeated and
    missing columns."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(record.cells):
        name = cell.text.strip().lower()
        where = (file, cell.line, cell.column)
        if name not in LEG_COLUMNS:
            known = ", ".join(LEG_COLUMNS)
            message = (
                f"unknown column {cell.text.strip()!r}{_suggest(name, LEG_COLUMNS)}; the "
                f"columns of a leg file are {known} (remarks of your own go in note)"
            )
            problems.append(Problem(*where, (), message))
        elif name in columns:
            problems.append(Problem(*where, (name,), "this column is named twice"))
        else:
            columns[name] = index
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        message = f"the header has no column {', '.join(map(repr, missing))}; a leg file needs " + (
            ", ".join(REQUIRED_COLUMNS)
        )
        problems.append(Problem(file, record.line, 1, (), message))
    return columns


_ICAO24 = re.compile(r"^~?[0-9a-f]{6}$")


def is_icao24(text: str) -> bool:
    """Whether ``text`` is a 24-bit address as a leg file writes it: six lower-case hex
    digits, ``~`` first for a non-ICAO address."""
    return _ICAO24.match(text) is not None


class _Row:
    """The cells of one record by column name, collecting problems as values are read."""

    def __init__(
        self, record: CsvRecord, columns: dict[str, int], file: str, problems: list[Problem]
    ) -> None:
        self.record = record
        self.columns = columns
        self.file = file
        self.problems = problems
        self.failed = False

    def text(self, name: str) -> str:
        index = self.columns.get(name)
        if index is None or index >= len(self.record.cells):
            return ""
        return self.record.cells[index].text.strip()

    def where(self, name: str) -> tuple[int, int | None]:
        index = self.columns.get(name)
        if index is None or index >= len(self.record.cells):
            return self.record.line, None
        cell = self.record.cells[index]
        return cell.line, cell.column

    def fail(self, name: str, message: str) -> None:
        line, column = self.where(name)
        self.problems.append(Problem(self.file, line, column, (name,), message))
        self.failed = True

    def optional(self, name: str) -> str | None:
        return self.text(name) or None

    def ref(self) -> RowRef:
        cells = self.record.cells
        located = tuple(
            (name, cells[i].line, cells[i].column)
            for name, i in sorted(self.columns.items(), key=lambda item: item[1])
            if i < len(cells)
        )
        return RowRef(self.file, self.record.line, located)


def _leg(
    record: CsvRecord, columns: dict[str, int], width: int, file: str, problems: list[Problem]
) -> Leg | None:
    """The leg of one record, or None when a problem was found (and recorded)."""
    row = _Row(record, columns, file, problems)
    cells = record.cells
    if len(cells) != width:
        if len(cells) > width:
            line, column = cells[width].line, cells[width].column
            fix = "quote a value that holds a comma"
        else:
            last = cells[-1]
            line, column = last.line, last.column + len(last.text)
            fix = "write every cell, empty ones too (a row of a leg file ends like its header)"
        message = f"this row has {len(cells)} cells but the header names {width} columns; {fix}"
        problems.append(Problem(file, line, column, (), message))
        return None
    aircraft_type = _required(row, "type")
    origin = _end(row, "from")
    destination = _end(row, "to")
    departure = _time(row, "departure_utc", "departure_kind", DEPARTURE_KINDS)
    arrival = _time(row, "arrival_utc", "arrival_kind", ARRIVAL_KINDS)
    if departure is not None and arrival is not None and arrival.utc < departure.utc:
        row.fail(
            "arrival_utc",
            f"arrives before it departs ({format_utc(departure.utc)}); both are UTC",
        )
    icao24 = row.optional("icao24")
    if icao24 is not None:
        icao24 = icao24.lower()
        if not _ICAO24.match(icao24):
            row.fail(
                "icao24",
                f"{icao24!r} is not a 24-bit address: six hex digits such as 4b1805 "
                "('~' first for a non-ICAO address)",
            )
    if row.failed:
        return None
    return Leg(
        aircraft_type=None if aircraft_type.lower() == UNKNOWN else aircraft_type,
        origin=origin,
        destination=destination,
        departure=departure,
        arrival=arrival,
        registration=row.optional("registration"),
        icao24=icao24,
        callsign=row.optional("callsign"),
        source=row.optional("source"),
        note=row.optional("note"),
        row=row.ref(),
    )


def _required(row: _Row, name: str) -> str:
    text = row.text(name)
    if not text and name in row.columns:
        row.fail(name, f"empty; write {UNKNOWN!r} when it is not known")
    return text


def _end(row: _Row, name: str) -> tuple[str, ...]:
    text = _required(row, name)
    if not text or text.lower() == UNKNOWN:
        return ()
    parts = tuple(part.strip() for part in text.split(ALTERNATIVES))
    if any(not part for part in parts):
        row.fail(name, f"an empty airfield between '{ALTERNATIVES}'; write names or codes")
    elif any(part.lower() == UNKNOWN for part in parts):
        row.fail(name, f"{UNKNOWN!r} cannot be one of several airfields; write it alone")
    elif len(set(parts)) != len(parts):
        row.fail(name, "an airfield is named twice")
    return parts


def _time(
    row: _Row, time_column: str, kind_column: str, kinds: tuple[TimeKind, ...]
) -> LegTime | None:
    text = row.text(time_column)
    kind_text = row.text(kind_column).lower()
    choices = " or ".join(k.value for k in kinds)
    moment = None
    if text:
        try:
            moment = parse_leg_time(text)
        except TimeError as exc:
            row.fail(time_column, str(exc))
    kind = None
    if kind_text:
        valid = {k.value: k for k in kinds}
        if kind_text not in valid:
            row.fail(kind_column, f"{row.text(kind_column)!r} is not {choices}")
        elif not text:
            row.fail(kind_column, f"a kind without a time; write {time_column} or leave both empty")
        kind = valid.get(kind_text)
    elif text:
        row.fail(
            kind_column,
            f"say what {time_column} is: {choices} (the first message received from an "
            "aircraft is not its takeoff)",
        )
    if moment is None or kind is None:
        return None
    return LegTime(moment, kind)
