"""One record of a flight list, a CSV row or a JSON object alike, read by field name.

OpenSky's flights and Flightradar24's flight summary come as CSV or as JSON records with the
same field names, so an importer reads either through a :class:`Record`. A field may go by
several names (:data:`Fields`: each field and its names, the preferred first), matched in
any case; a record's value of a field is that of the first of its names that is filled in.
Every value is read as text, stripped (a number as its digits, ``true`` and ``false`` as
such), and every problem is located where the value is written: the cell of a CSV row, or
the value of a JSON object with its path (``[3].firstSeen``: the record's index, then the
key as the file writes it). :func:`leg_times` reads a record's departure and arrival times
from the first of their fields that is filled in (a takeoff before a first-seen time).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from airlift.errors import Problem
from airlift.tracks.csvcells import CsvRecord
from airlift.tracks.jsondoc import JsonDoc, Path, json_type
from airlift.tracks.legs import LegTime, TimeKind
from airlift.tracks.times import TimeError, format_utc, parse_export_time

__all__ = ["CsvFields", "CsvRow", "Fields", "JsonRow", "Record", "json_rows", "leg_times"]

#: Each field an importer reads and the names it goes by, the preferred first (lower case).
Fields = Mapping[str, tuple[str, ...]]


class Record(Protocol):
    """A record's values by field name, and problems located at them."""

    #: The line the record starts on (its row, or the opening brace of its object).
    line: int
    #: How the record writes a value that is not there, for messages ("empty", "null").
    blank: str

    def has(self, key: str) -> bool:
        """Whether the record names the field at all (a column, a key), filled in or not."""
        ...

    def text(self, key: str) -> str:
        """The field's value as text, stripped; empty when it is not there."""
        ...

    def problem(self, key: str, message: str) -> Problem:
        """A problem with the field's value, located where it is written."""
        ...


class CsvFields:
    """Where each field is in the rows of one CSV file, from its header."""

    def __init__(self, file: str, header: CsvRecord, fields: Fields) -> None:
        self.file = file
        self.names = [cell.text.strip().lower() for cell in header.cells]
        self.columns: dict[str, list[int]] = {}
        for key, aliases in fields.items():
            found = [self.names.index(alias) for alias in aliases if alias in self.names]
            if found:
                self.columns[key] = found

    def row(self, record: CsvRecord) -> CsvRow:
        """One row of the file read by field name."""
        return CsvRow(self, record)


class CsvRow:
    """A CSV row read by field name (:class:`Record`)."""

    blank = "empty"

    def __init__(self, fields: CsvFields, record: CsvRecord) -> None:
        self._fields = fields
        self.record = record
        self.line = record.line

    def _index(self, key: str) -> int | None:
        """The column of the first non-empty value of a field (else its first column)."""
        indices = self._fields.columns.get(key, [])
        cells = self.record.cells
        for i in indices:
            if i < len(cells) and cells[i].text.strip():
                return i
        return indices[0] if indices else None

    def has(self, key: str) -> bool:
        return key in self._fields.columns

    def text(self, key: str) -> str:
        i = self._index(key)
        if i is None or i >= len(self.record.cells):
            return ""
        return self.record.cells[i].text.strip()

    def problem(self, key: str, message: str) -> Problem:
        i = self._index(key)
        file = self._fields.file
        cell = self.record.cells[i] if i is not None and i < len(self.record.cells) else None
        name = self._fields.names[i] if i is not None else key
        if cell is None:
            return Problem(file, self.record.line, None, (name,), message)
        return Problem(file, cell.line, cell.column, (name,), message)


def _scalar_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


class JsonRow:
    """A JSON object read by field name (:class:`Record`). Keys are matched in any case; a
    value that is an object or a list where a field wants text or a number is a problem,
    found once when the row is made, and the field is then read as not there."""

    blank = "null or missing"

    def __init__(
        self,
        doc: JsonDoc,
        path: Path,
        data: dict[str, Any],
        fields: Fields,
        problems: list[Problem],
    ) -> None:
        self._doc = doc
        self._path = path
        self._data = data
        self.line = doc.at(path)[0]
        keys: dict[str, str] = {}
        for key in data:
            keys.setdefault(key.strip().lower(), key)
        self._names: dict[str, list[str]] = {}
        for field, aliases in fields.items():
            present = [keys[alias] for alias in aliases if alias in keys]
            for name in present:
                value = data[name]
                if isinstance(value, dict | list):
                    message = f"expected text or a number, found {json_type(value)}"
                    problems.append(doc.problem((*path, name), message))
            self._names[field] = [n for n in present if not isinstance(data[n], dict | list)]

    def _name(self, key: str) -> str | None:
        """The key of the first filled-in value of a field (else its first key)."""
        names = self._names.get(key, [])
        for name in names:
            if _scalar_text(self._data[name]):
                return name
        return names[0] if names else None

    def has(self, key: str) -> bool:
        return bool(self._names.get(key))

    def text(self, key: str) -> str:
        name = self._name(key)
        return "" if name is None else _scalar_text(self._data[name])

    def problem(self, key: str, message: str) -> Problem:
        name = self._name(key)
        return self._doc.problem((*self._path, name if name is not None else key), message)


def json_rows(
    doc: JsonDoc, records: Iterable[tuple[Path, Any]], fields: Fields, problems: list[Problem]
) -> list[JsonRow]:
    """The records (path, value) of a JSON file that are objects, read by field name; any
    other value is a problem where it is written (a record is one flight)."""
    rows = []
    for path, data in records:
        if isinstance(data, dict):
            rows.append(JsonRow(doc, path, data, fields, problems))
        else:
            message = f"expected an object (one flight), found {json_type(data)}"
            problems.append(doc.problem(path, message))
    return rows


def _first_time(
    record: Record, choices: Sequence[tuple[str, TimeKind]], problems: list[Problem]
) -> tuple[LegTime, str] | str | None:
    """The time of the first of ``choices`` (field, kind) filled in, with its field; the
    field of an unreadable one (its problem recorded); None when none is filled in."""
    for key, kind in choices:
        text = record.text(key)
        if not text:
            continue
        try:
            return LegTime(parse_export_time(text), kind), key
        except TimeError as exc:
            problems.append(record.problem(key, str(exc)))
            return key
    return None


def leg_times(
    record: Record,
    departure: Sequence[tuple[str, TimeKind]],
    arrival: Sequence[tuple[str, TimeKind]],
    problems: list[Problem],
    *,
    required: str | None = None,
) -> tuple[LegTime | None, LegTime | None]:
    """A record's departure and arrival: each the time of the first of its fields (field,
    kind: a takeoff time before a first-seen one) that is filled in. An unreadable time, an
    arrival before the departure, and (when the export has them on every flight, as
    ``required`` says: "every OpenSky flight") a missing time are problems; such a time is
    None, and so is a time no field gives."""
    out: list[LegTime | None] = []
    keys: list[str] = []
    for choices in (departure, arrival):
        found = _first_time(record, choices, problems)
        if found is None and required is not None:
            seen = choices[-1][0]
            problems.append(record.problem(seen, f"{record.blank}; {required} has this time"))
        out.append(found[0] if isinstance(found, tuple) else None)
        keys.append(found[1] if isinstance(found, tuple) else "")
    first, last = out
    if first is not None and last is not None and last.utc < first.utc:
        message = f"before the departure ({format_utc(first.utc)}); both are UTC"
        problems.append(record.problem(keys[1], message))
        return first, None
    return first, last
