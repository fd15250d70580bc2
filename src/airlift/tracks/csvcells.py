"""CSV records whose cells know where they were written (line and column).

The standard ``csv`` module reads the values; this module also finds where each cell starts
in the file, so that a problem with a value can be shown as ``file:line:column`` like every
other problem airlift reports. Lines whose first character is ``#`` are comments, and blank
lines are skipped.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["Cell", "CsvRecord", "CsvTrouble", "read_records"]


@dataclass(frozen=True)
class Cell:
    """One value of a record, as written (not stripped), and where it starts (1-based)."""

    text: str
    line: int
    column: int


@dataclass(frozen=True)
class CsvRecord:
    """One record of a CSV file: the line it starts on and its cells in order."""

    line: int
    cells: tuple[Cell, ...]

    def texts(self) -> tuple[str, ...]:
        return tuple(cell.text for cell in self.cells)


@dataclass(frozen=True)
class CsvTrouble:
    """A record the csv module could not read (a stray quote, a NUL byte...), and where."""

    line: int
    column: int
    message: str


def _plain(message: str) -> str:
    """The csv module's complaint in a user's words."""
    if "expected after" in message:
        return (
            "text after the closing quote of a quoted value; quote the whole value and "
            'double every quote inside it ("")'
        )
    if "unexpected end of data" in message:
        return "a quoted value is never closed: its closing quote is missing"
    return message


def _trouble_at(raw: str) -> int:
    """The offset in ``raw`` (one broken record) of what broke it: a NUL, a character after
    a closing quote other than a comma, or the opening quote of a quoted cell that never
    ends; the start when none is found."""
    quoted = False
    opened = 0
    at_start = True
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\0":
            return i
        if quoted:
            if ch == '"':
                if i + 1 < len(raw) and raw[i + 1] == '"':
                    i += 1
                else:
                    quoted = False
                    if i + 1 < len(raw) and raw[i + 1] not in ",\r\n":
                        return i + 1
        elif ch == '"' and at_start:
            quoted, opened = True, i
        elif ch in "\r\n" and not quoted:
            break
        at_start = ch == ","
        i += 1
    return opened if quoted else 0


class _Lines:
    """An iterator over lines that remembers how many it has handed out."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self.taken = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if self.taken >= len(self._lines):
            raise StopIteration
        self.taken += 1
        return self._lines[self.taken - 1]


def _starts(raw: str) -> list[int]:
    """Offsets in ``raw`` (one record, excel dialect) where each cell begins."""
    if '"' not in raw:  # no quoting: every comma ends a cell
        starts = [0]
        for part in raw.rstrip("\r\n").split(",")[:-1]:
            starts.append(starts[-1] + len(part) + 1)
        return starts
    starts = [0]
    quoted = False
    at_start = True
    i = 0
    while i < len(raw):
        ch = raw[i]
        if quoted:
            if ch == '"':
                if i + 1 < len(raw) and raw[i + 1] == '"':
                    i += 1
                else:
                    quoted = False
        elif ch == '"' and at_start:
            quoted = True
        elif ch == ",":
            starts.append(i + 1)
            at_start = True
            i += 1
            continue
        elif ch in "\r\n":
            break
        at_start = False
        i += 1
    return starts


def _position(raw: str, offset: int, first_line: int) -> tuple[int, int]:
    before = raw[:offset]
    newlines = before.count("\n")
    column = offset - (before.rfind("\n") + 1) + 1
    return first_line + newlines, column


def read_records(text: str) -> tuple[list[CsvRecord], list[CsvTrouble]]:
    """Every record of a CSV text with the position of each cell, and the records that
    could not be read. Comment lines (``#`` first) and blank lines are left out."""
    lines = text.splitlines(keepends=True)
    source = _Lines(lines)
    reader = csv.reader(source, strict=True)
    records: list[CsvRecord] = []
    troubles: list[CsvTrouble] = []
    while True:
        first = source.taken
        if first < len(lines) and lines[first].startswith("#"):
            next(source)
            continue
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raw = "".join(lines[first : max(source.taken, first + 1)])
            line, column = _position(raw, _trouble_at(raw), first + 1)
            troubles.append(CsvTrouble(line, column, _plain(str(exc))))
            # skip the rest of the broken record's lines, then carry on with a fresh reader
            reader = csv.reader(source, strict=True)
            continue
        if not values or (len(values) == 1 and not values[0].strip()):
            continue
        raw = "".join(lines[first : source.taken])
        starts = _starts(raw)
        if len(starts) != len(values):  # cannot happen for well-formed excel CSV; stay safe
            starts = [0] * len(values)
        cells = tuple(
            Cell(value, *_position(raw, offset, first + 1))
            for value, offset in zip(values, starts, strict=True)
        )
        records.append(CsvRecord(first + 1, cells))
    return records, troubles
