"""Errors a user can cause, kept apart from bugs.

A user's mistake (a malformed file, an unknown name, an impossible unit) is an
:class:`AirliftError`; the CLI prints it without a traceback and exits 2.
Infeasible or time-limited solves are *answers*, never exceptions.
Anything else that escapes is a bug and is reported as an internal error.
"""

from __future__ import annotations

import pathlib
from dataclasses import dataclass, field

__all__ = [
    "AirliftError",
    "FlightDataError",
    "InternalError",
    "Problem",
    "ScenarioError",
    "decode_input",
    "problem_lines",
    "read_input",
]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can.

    ``path`` is the field path inside the document, e.g.
    ``("cargo", "48N6-canister", "mass", "min")``; ``line`` and ``column`` are
    1-based and ``None`` when the problem has no place in a file (e.g. the
    scenario was built in Python).
    """

    file: str
    line: int | None
    column: int | None
    path: tuple[str | int, ...]
    message: str = field(compare=True)

    @property
    def field_name(self) -> str:
        """The dotted field path as a user would write it (``flights[2].to``)."""
        return format_path(self.path)

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        name = self.field_name
        return f"{where}: {name}: {self.message}" if name else f"{where}: {self.message}"


def format_path(path: tuple[str | int, ...]) -> str:
    """Render a field path: keys joined by dots, list indices in brackets."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class AirliftError(Exception):
    """Base class of every error caused by the user's input or request."""


class ScenarioError(AirliftError):
    """A scenario file (or dict) has one or more problems; all are carried."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=_problem_order)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the scenario"
        super().__init__(head + ":\n" + "\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[ScenarioError], tuple[list[Problem]]]:
        """Rebuilt from its problems, so it crosses to and from worker processes whole."""
        return type(self), (self.problems,)


def _problem_order(p: Problem) -> tuple[str, int, int, str, str]:
    return (p.file, p.line or 0, p.column or 0, format_path(p.path), p.message)


#: A message repeated on this many rows or more is said once, with the rows it is on.
REPEATED = 3
#: The most line numbers listed for a repeated message.
LISTED_LINES = 10


def problem_lines(problems: list[Problem]) -> list[str]:
    """The problems as lines for a reader: each once, except that one message repeated on
    many rows of a file (the same field, say, on every row of a leg file) is said at its
    first row with the lines of the others, instead of once per row."""
    same: dict[tuple[str, str, str], list[Problem]] = {}
    for p in problems:
        same.setdefault((p.file, p.field_name, p.message), []).append(p)
    out = []
    for p in problems:
        group = same[p.file, p.field_name, p.message]
        if len(group) < REPEATED or any(q.line is None for q in group):
            out.append(str(p))
            continue
        if p is not group[0]:
            continue
        lines = [str(q.line) for q in group[1:]]
        listed = ", ".join(lines[:LISTED_LINES])
        more = len(lines) - LISTED_LINES
        tail = f" and {more:,} more" if more > 0 else ""
        out.append(f"{p} (the same at {len(lines):,} more lines: {listed}{tail})")
    return out


class InternalError(Exception):
    """A bug in airlift, e.g. a solver answer that fails its plain-Python re-check."""


class FlightDataError(ScenarioError):
    """A flight-leg file or a tracking export has one or more problems; all are carried.

    Each problem is located as ``file:row:column`` (the row is the file's line) and names
    the column, so that a user can fix every row of a file in one pass. It is a
    :class:`ScenarioError` because a scenario that includes the file reports its problems
    the same way, together with the scenario's own.
    """

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        count = len(self.problems)
        files = sorted({p.file for p in self.problems})
        where = files[0] if len(files) == 1 else "the flight data"
        head = f"{count} problem{'s' if count != 1 else ''} in {where}"
        self.args = (head + ":\n" + "\n".join(str(p) for p in self.problems),)


def read_input(file: str, kind: str, error: type[ScenarioError] = ScenarioError) -> bytes:
    """The bytes of a user's input ``file`` (a ``kind`` of file: "scenario file", "leg
    file"), or ``error`` saying in the user's words why it cannot be read."""
    try:
        return pathlib.Path(file).read_bytes()
    except FileNotFoundError:
        raise error([Problem(file, None, None, (), "the file does not exist")]) from None
    except IsADirectoryError:
        raise error([Problem(file, None, None, (), f"this is a directory, not a {kind}")]) from None
    except OSError as exc:
        message = f"the file cannot be read: {exc.strerror or exc}"
        raise error([Problem(file, None, None, (), message)]) from None


def decode_input(raw: bytes, file: str, error: type[ScenarioError] = ScenarioError) -> str:
    """The text of a UTF-8 input file (a byte-order mark is skipped), or ``error`` located at
    the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        before = raw[:start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        message = f"the file is not valid UTF-8 (byte 0x{raw[start]:02x}); save it as UTF-8"
        raise error([Problem(file, line, column, (), message)]) from None
