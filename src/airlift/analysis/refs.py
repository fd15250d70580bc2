"""Where each statement of a scenario was written, and how to say its value in words.

Every result that cites a statement (a verdict, a conflict, a relaxation) cites
it through a :class:`~airlift.result.StatementRef` built here, so that reports
can name its line and its source the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from airlift.result import Role, StatementKey, StatementRef
from airlift.scenario.schema import FLIGHTS_TOTAL, CountRange, Scenario, Statement

__all__ = [
    "LineOf",
    "Located",
    "bound_words",
    "count_words",
    "source_label",
    "statement_refs",
]

LineOf = Callable[[tuple[str | int, ...]], int | None]


class Located(Protocol):
    """A scenario read from a file, which knows the line of each field."""

    @property
    def scenario(self) -> Scenario: ...
    @property
    def file(self) -> str: ...
    def line_of(self, path: tuple[str | int, ...]) -> int | None: ...


def source_label(scenario: Scenario, source: str | None) -> str | None:
    """``Daily Mirror, 2022-11-17`` for a source id; None when there is none."""
    if source is None or source not in scenario.sources:
        return None
    s = scenario.sources[source]
    return f"{s.publisher}, {s.date}" if s.date else s.publisher


def bound_words(statement: Statement) -> str:
    """A statement's bound in words: ``at least 84``, ``between 90 and 99``."""
    if statement.at_least is not None:
        words = f"at least {statement.at_least:,}"
    elif statement.at_most is not None:
        words = f"at most {statement.at_most:,}"
    elif statement.equals is not None:
        words = f"exactly {statement.equals:,}"
    else:
        assert statement.between is not None
        words = f"between {statement.between[0]:,} and {statement.between[1]:,}"
    return words


def count_words(count: CountRange) -> str:
    """A flight count in words: ``20 flights``, ``18-22 flights``, ``at least 9 flights``."""
    if count.max is None:
        return f"at least {count.min:,} flights"
    if count.min == count.max:
        return f"{count.min:,} flights"
    return f"{count.min:,}-{count.max:,} flights"


def statement_refs(
    scenario: Scenario, line_of: LineOf | None = None
) -> dict[str, tuple[StatementRef, ...]]:
    """References to the claims, assumptions and flight groups, keyed by section."""

    def line(path: tuple[str | int, ...]) -> int | None:
        return line_of(path) if line_of is not None else None

    out: dict[str, tuple[StatementRef, ...]] = {}
    for role, key, items in (
        (Role.CLAIM, "claims", scenario.claims),
        (Role.ASSUMPTION, "assumptions", scenario.assumptions),
    ):
        out[key] = tuple(
            StatementRef.of(
                StatementKey(role, s.id),
                s.says,
                line((key, i)),
                s.source,
                source_label(scenario, s.source),
                _statement_written(s),
            )
            for i, s in enumerate(items)
        )
    out["flights"] = tuple(
        StatementRef.of(
            StatementKey(Role.FLIGHTS, g.id),
            g.says,
            line(("flights", i)),
            g.source,
            source_label(scenario, g.source),
            count_words(g.count),
        )
        for i, g in enumerate(scenario.flights)
    )
    return out


def _statement_written(statement: Statement) -> str:
    """``at most 9 flights``, ``missile at least 84``, ``missile at most 6 per flight``."""
    if statement.total == FLIGHTS_TOTAL:
        words = f"{bound_words(statement)} flights"
    else:
        words = f"{statement.total} {bound_words(statement)}"
    return f"{words} per flight" if statement.per_flight else words
