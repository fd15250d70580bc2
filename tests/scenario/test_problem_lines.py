"""Errors for a reader: one message repeated on many rows is said once, with its lines."""

from __future__ import annotations

from airlift.errors import LISTED_LINES, REPEATED, Problem, problem_lines


def _row(line: int, message: str = "unknown aircraft type 'C17'") -> Problem:
    return Problem("legs.csv", line, 1, ("type",), message)


def test_a_message_on_many_rows_is_said_once_with_its_lines() -> None:
    rows = [_row(n) for n in range(2, 2 + LISTED_LINES + 3)]
    other = Problem("legs.csv", 5, 3, ("departure_utc",), "no zone")
    lines = problem_lines(sorted([*rows, other]))
    assert len(lines) == 2
    listed = ", ".join(str(n) for n in range(3, 3 + LISTED_LINES))
    assert lines[0] == (
        f"{rows[0]} (the same at {LISTED_LINES + 2} more lines: {listed} and 2 more)"
    )
    assert lines[1] == str(other)


def test_a_few_repeats_are_each_said() -> None:
    rows = [_row(n) for n in range(2, 2 + REPEATED - 1)]
    assert problem_lines(rows) == [str(p) for p in rows]


def test_different_fields_or_files_are_not_merged() -> None:
    rows = [_row(n) for n in range(2, 2 + REPEATED)]
    elsewhere = [Problem("other.csv", n, 1, ("type",), rows[0].message) for n in (2, 3)]
    lines = problem_lines([*rows, *elsewhere])
    assert lines[0].endswith("(the same at 2 more lines: 3, 4)")
    assert lines[1:] == [str(p) for p in elsewhere]
