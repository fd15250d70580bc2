"""JSON exports with the place of every value, so that a problem can say ``file:line:column``.

The standard library's ``json`` gives values but not where they were written. A
:class:`JsonDoc` keeps the text beside the parsed value and, when a problem needs the place
of a value, walks the text along the value's path (keys and list indices), letting the
decoder skip every value it does not enter; the offsets of a list's elements are found once.
Parsing stays the standard library's (fast, and the same answers as ``json.loads``), and the
walk is paid only for values a problem is about.

An importer may accept several JSON values in one file (JSON Lines, as the Trino command
line writes query results): they are read as the list of those values, and the first index
of a path is the value's place in the file.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

from airlift.errors import Problem
from airlift.tracks.imported import read_text

__all__ = ["JsonDoc", "Path", "json_type", "parse_json", "read_json"]

#: Where a value is inside a document: keys and list indices from the top.
Path = tuple[str | int, ...]

_WHITESPACE = re.compile(r"[ \t\n\r]*")


def _skip(text: str, i: int) -> int:
    """The offset of the first character at or after ``i`` that is not JSON whitespace."""
    match = _WHITESPACE.match(text, i)
    return match.end() if match else i


def json_type(value: Any) -> str:
    """How a user would name a JSON value's type in a message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, int | float):
        return "a number"
    return "an object" if isinstance(value, dict) else "a list"


class JsonDoc:
    """A parsed JSON file: ``data`` (one value, or the list of the values of a file that holds
    several), and the place in the text of any value in it (:meth:`at`)."""

    def __init__(self, file: str, text: str, values: list[Any], starts: list[int]) -> None:
        self.file = file
        self.text = text
        self.data: Any = values[0] if len(values) == 1 else values
        self._starts = starts
        self._decoder = json.JSONDecoder()
        self._elements: dict[int, list[int]] = {}
        self._newlines: list[int] | None = None

    @property
    def many(self) -> bool:
        """Whether the file holds several JSON values (JSON Lines) rather than one."""
        return len(self._starts) > 1

    def at(self, path: Path) -> tuple[int, int]:
        """The (line, column), 1-based, where the value at ``path`` starts; where a key or an
        index is not in the document, the place of the deepest value the path does reach."""
        return self._line_column(self._offset(path))

    def problem(self, path: Path, message: str) -> Problem:
        """A problem with the value at ``path``, located where it is written."""
        line, column = self.at(path)
        return Problem(self.file, line, column, path, message)

    def _offset(self, path: Path) -> int:
        rest = path
        at = self._starts[0]
        if self.many and path and isinstance(path[0], int):
            if 0 <= path[0] < len(self._starts):
                at = self._starts[path[0]]
            rest = path[1:]
        for key in rest:
            child = self._child(at, key)
            if child is None:
                break
            at = child
        return at

    def _skip(self, i: int) -> int:
        return _skip(self.text, i)

    def _end(self, i: int) -> int:
        """The offset just past the value that starts at ``i``."""
        return self._decoder.raw_decode(self.text, i)[1]

    def _child(self, at: int, key: str | int) -> int | None:
        opening = self.text[at]
        if opening == "[" and isinstance(key, int):
            elements = self._elements.get(at)
            if elements is None:
                elements = self._elements[at] = self._list(at)
            return elements[key] if 0 <= key < len(elements) else None
        if opening == "{" and isinstance(key, str):
            return self._member(at, key)
        return None

    def _list(self, at: int) -> list[int]:
        """The offsets of the elements of the list that opens at ``at``."""
        out: list[int] = []
        i = self._skip(at + 1)
        if self.text[i] == "]":
            return out
        while True:
            out.append(i)
            i = self._skip(self._end(i))
            if self.text[i] != ",":
                return out
            i = self._skip(i + 1)

    def _member(self, at: int, key: str) -> int | None:
        """The offset of the value of ``key`` in the object that opens at ``at`` (its last
        one, as the decoder keeps the last of a repeated key)."""
        found = None
        i = self._skip(at + 1)
        if self.text[i] == "}":
            return None
        while True:
            name, i = self._decoder.raw_decode(self.text, i)
            i = self._skip(self._skip(i) + 1)  # past the colon
            if name == key:
                found = i
            i = self._skip(self._end(i))
            if self.text[i] != ",":
                return found
            i = self._skip(i + 1)

    def _line_column(self, offset: int) -> tuple[int, int]:
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        before = bisect.bisect_left(self._newlines, offset)
        start = self._newlines[before - 1] + 1 if before else 0
        return before + 1, offset - start + 1


def parse_json(
    text: str, file: str, problems: list[Problem], *, many: bool = False
) -> JsonDoc | None:
    """The JSON value of ``text``, or with ``many`` the values of a file that holds several
    (JSON Lines); None, with the place and the decoder's reason in ``problems``, when it is
    not JSON."""
    decoder = json.JSONDecoder()
    values: list[Any] = []
    starts: list[int] = []
    i = _skip(text, 0)
    if i == len(text):
        problems.append(Problem(file, 1, 1, (), "the file is empty; expected JSON"))
        return None
    try:
        while i < len(text):
            if values and not many:
                raise json.JSONDecodeError("Extra data", text, i)
            value, end = decoder.raw_decode(text, i)
            values.append(value)
            starts.append(i)
            i = _skip(text, end)
    except json.JSONDecodeError as exc:
        problems.append(Problem(file, exc.lineno, exc.colno, (), f"not valid JSON: {exc.msg}"))
        return None
    except RecursionError:
        problems.append(Problem(file, None, None, (), "not readable: JSON nested too deeply"))
        return None
    return JsonDoc(file, text, values, starts)


def read_json(file: str, problems: list[Problem], *, many: bool = False) -> JsonDoc | None:
    """The JSON of an export file, gzipped or not (see :func:`parse_json`)."""
    text = read_text(file, problems)
    return None if text is None else parse_json(text, file, problems, many=many)
