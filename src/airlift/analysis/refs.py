"""Where each statement of a scenario was written, and how to say its value in words.

Every result that cites a statement (a verdict, a conflict, a relaxation) cites
it through a :class:`~airlift.result.StatementRef` built here, so that reports
can name its line and its source the same way everywhere. A reference carries
what its statement says as numbers (a claim's or an assumption's
:class:`~airlift.result.StatedBound`, a flight group's
:class:`~airlift.result.FlightCount`) besides its text: reports build their
sentences from the numbers, never by reading the text again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from airlift.result import (
    MASS_UNIT_KG,
    BoundKind,
    FlightCount,
    Role,
    StatedBound,
    StatementKey,
    StatementRef,
)
from airlift.scenario.schema import FLIGHTS_TOTAL, CountRange, Scenario, Statement
from airlift.scenario.units import Quantity

__all__ = [
    "LineOf",
    "Located",
    "bound_words",
    "count_words",
    "flight_count",
    "source_label",
    "stated_bound",
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


def stated_bound(statement: Statement) -> StatedBound:
    """What a claim or an assumption states, as numbers: its bound and what it counts.

    A bound written as a mass keeps its unit, and its numbers are exact amounts in it.
    """
    written: tuple[int | Quantity, ...]
    if statement.at_least is not None:
        kind, written = BoundKind.AT_LEAST, (statement.at_least,)
    elif statement.at_most is not None:
        kind, written = BoundKind.AT_MOST, (statement.at_most,)
    elif statement.equals is not None:
        kind, written = BoundKind.EQUALS, (statement.equals,)
    else:
        assert statement.between is not None
        kind, written = BoundKind.BETWEEN, statement.between
    unit = statement.mass_unit
    numbers = tuple(
        n if isinstance(n, int) else n.value / MASS_UNIT_KG[unit or "kg"] for n in written
    )
    return StatedBound(
        kind,
        numbers,
        statement.total,
        flights=statement.total == FLIGHTS_TOTAL,
        per_flight=statement.per_flight,
        unit=unit,
    )


def bound_words(statement: Statement) -> str:
    """A statement's bound in words: ``at least 84``, ``between 90 and 99``."""
    return stated_bound(statement).words


def flight_count(count: CountRange) -> FlightCount:
    """A flight group's count as numbers."""
    return FlightCount(count.min, count.max)


def count_words(count: CountRange) -> str:
    """A flight count in words: ``20 flights``, ``1 flight``, ``at least 9 flights``."""
    numbers = flight_count(count)
    return f"{numbers.words} {numbers.noun_after('flight')}"


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
                bound=stated_bound(s),
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
            count=flight_count(g.count),
        )
        for i, g in enumerate(scenario.flights)
    )
    return out


def _statement_written(statement: Statement) -> str:
    """``at most 9 flights``, ``missile at least 84``, ``missile at most 6 per flight``."""
    bound = stated_bound(statement)
    if bound.flights:
        words = f"{bound.words} {bound.noun_after('flight')}"
    else:
        words = f"{statement.total} {bound.words}"
    return f"{words} per flight" if statement.per_flight else words
