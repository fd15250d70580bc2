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

from collections.abc import Callable, Sequence
from typing import Protocol

from airlift.result import (
    MASS_UNIT_KG,
    BoundKind,
    FlightCount,
    Role,
    StatedBound,
    StatementKey,
    StatementRef,
    trip_noun,
)
from airlift.scenario.schema import (
    FLIGHTS_TOTAL,
    CountRange,
    FlightGroup,
    Scenario,
    Statement,
)
from airlift.scenario.units import Quantity

__all__ = [
    "Filters",
    "LineOf",
    "Located",
    "bound_words",
    "count_words",
    "flight_count",
    "group_trip",
    "source_label",
    "stated_bound",
    "statement_refs",
    "trip_of",
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


class Filters(Protocol):
    """Anything that selects flights: a statement, an estimate row, a total."""

    @property
    def to(self) -> Sequence[str] | None: ...
    @property
    def from_(self) -> Sequence[str] | None: ...
    @property
    def aircraft(self) -> Sequence[str] | None: ...
    @property
    def flights(self) -> Sequence[str] | None: ...


def _may_select(item: Filters, group: FlightGroup) -> bool:
    """Whether the filters of ``item`` may select flights of ``group`` (at one of its ``to``)."""
    return (
        (item.to is None or any(d in item.to for d in group.to))
        and (item.from_ is None or group.from_ in item.from_)
        and (item.aircraft is None or group.aircraft in item.aircraft)
        and (item.flights is None or group.id in item.flights)
    )


def trip_of(scenario: Scenario, item: Filters | None = None) -> str:
    """What one of the flights a statement, an estimate row or a total selects is called.

    ``flight`` when they are all aircraft's, ``sailing`` when all ships' (see
    :func:`~airlift.result.trip_noun`), ``trip`` when they mix kinds of vehicle. Counted
    over the groups the filters may select, or over every group when they select none (or
    ``item`` is None).
    """
    kinds = {a.vehicle for a in scenario.aircraft.values()}
    if len(kinds) <= 1:  # one kind of vehicle (most files: aircraft only)
        return trip_noun(kinds)
    groups = scenario.flights
    if item is not None:
        groups = [g for g in groups if _may_select(item, g)] or groups
    return trip_noun(
        scenario.aircraft[g.aircraft].vehicle for g in groups if g.aircraft in scenario.aircraft
    )


def group_trip(scenario: Scenario, group: FlightGroup) -> str:
    """What one flight of ``group`` is called: ``flight``, ``sailing``..."""
    aircraft = scenario.aircraft.get(group.aircraft)
    return trip_noun([aircraft.vehicle] if aircraft is not None else [])


def stated_bound(statement: Statement, scenario: Scenario | None = None) -> StatedBound:
    """What a claim or an assumption states, as numbers: its bound and what it counts.

    A bound written as a mass keeps its unit, and its numbers are exact amounts in it.
    With ``scenario``, the bound names what the flights it selects are called
    (:func:`trip_of`); without, they are flights.
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
        trip="flight" if scenario is None else trip_of(scenario, statement),
    )


def bound_words(statement: Statement) -> str:
    """A statement's bound in words: ``at least 84``, ``between 90 and 99``."""
    return stated_bound(statement).words


def flight_count(count: CountRange, trip: str = "flight") -> FlightCount:
    """A flight group's count as numbers; ``trip`` names one (``sailing`` for a ship's)."""
    return FlightCount(count.min, count.max, trip)


def count_words(count: CountRange, trip: str = "flight") -> str:
    """A flight count in words: ``20 flights``, ``1 flight``, ``at least 9 flights``,
    ``20 sailings`` for a group of ships (``trip`` names one)."""
    numbers = flight_count(count, trip)
    return f"{numbers.words} {numbers.noun_after(trip)}"


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
                _statement_written(s, scenario),
                bound=stated_bound(s, scenario),
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
            count_words(g.count, group_trip(scenario, g)),
            count=flight_count(g.count, group_trip(scenario, g)),
        )
        for i, g in enumerate(scenario.flights)
    )
    return out


def _statement_written(statement: Statement, scenario: Scenario) -> str:
    """``at most 9 flights``, ``missile at least 84``, ``missile at most 6 per flight``;
    ``at most 9 sailings``, ``missile at most 6 per sailing`` of ships."""
    bound = stated_bound(statement, scenario)
    if bound.flights:
        words = f"{bound.words} {bound.noun_after(bound.trip)}"
    else:
        words = f"{statement.total} {bound.words}"
    return f"{words} per {bound.trip}" if statement.per_flight else words
