"""What a statement reference says as numbers, and the words a count's noun takes.

A claim's or an assumption's reference carries its bound (kind, numbers, what it counts,
per flight) and a flight group's its count (min, max), so that reports never read them
back out of the text. Its text picks "flight" or "flights" by the number, as every count
with a noun does (:func:`airlift.result.noun`).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from airlift.analysis.refs import count_words, flight_count, stated_bound, statement_refs
from airlift.analysis.relax import format_amount
from airlift.result import (
    BoundKind,
    FlightCount,
    Role,
    StatedBound,
    StatementKey,
    StatementRef,
    counted,
    noun,
    shown_unit,
)
from airlift.scenario.schema import CountRange
from tests.analysis.tiny import build

# --- one noun rule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("singular", "plural", "words"),
    [
        ("flight", None, ("0 flights", "1 flight", "2 flights")),
        ("claim", None, ("0 claims", "1 claim", "2 claims")),
        ("statement", None, ("0 statements", "1 statement", "2 statements")),
        ("group", None, ("0 groups", "1 group", "2 groups")),
        ("member", None, ("0 members", "1 member", "2 members")),
        ("unit", None, ("0 units", "1 unit", "2 units")),
        ("time", None, ("0 times", "1 time", "2 times")),
        ("person", "people", ("0 people", "1 person", "2 people")),
    ],
)
def test_counted_picks_singular_for_one_only(
    singular: str, plural: str | None, words: tuple[str, str, str]
) -> None:
    assert tuple(counted(n, singular, plural) for n in (0, 1, 2)) == words


def test_nouns_of_large_and_fractional_amounts() -> None:
    assert counted(1398, "flight") == "1,398 flights"
    assert noun(Fraction(1), "flight") == "flight"
    assert noun(Fraction(3, 2), "flight") == "flights"
    assert noun(Fraction(1, 2), "flight") == "flights"


# --- bounds and counts as numbers ------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "numbers", "words"),
    [
        (BoundKind.AT_LEAST, (84,), "at least 84"),
        (BoundKind.AT_MOST, (1_000,), "at most 1,000"),
        (BoundKind.EQUALS, (2,), "exactly 2"),
        (BoundKind.BETWEEN, (90, 99), "between 90 and 99"),
    ],
)
def test_a_stated_bound_in_words(kind: BoundKind, numbers: tuple[int, ...], words: str) -> None:
    assert StatedBound(kind, numbers, "missile").words == words


@pytest.mark.parametrize(
    ("kind", "numbers", "noun_after"),
    [
        (BoundKind.AT_LEAST, (0,), "flights"),
        (BoundKind.AT_LEAST, (1,), "flight"),
        (BoundKind.AT_LEAST, (2,), "flights"),
        (BoundKind.AT_MOST, (0,), "flights"),
        (BoundKind.AT_MOST, (1,), "flight"),
        (BoundKind.AT_MOST, (2,), "flights"),
        (BoundKind.EQUALS, (0,), "flights"),
        (BoundKind.EQUALS, (1,), "flight"),
        (BoundKind.EQUALS, (2,), "flights"),
        (BoundKind.BETWEEN, (0, 1), "flights"),
        (BoundKind.BETWEEN, (1, 1), "flight"),
        (BoundKind.BETWEEN, (1, 2), "flights"),
    ],
)
def test_the_noun_after_a_bound(kind: BoundKind, numbers: tuple[int, ...], noun_after: str) -> None:
    assert StatedBound(kind, numbers, "flights", flights=True).noun_after("flight") == noun_after


def test_a_bound_takes_one_number_or_two_between() -> None:
    with pytest.raises(ValueError):
        StatedBound(BoundKind.BETWEEN, (1,), "missile")
    with pytest.raises(ValueError):
        StatedBound(BoundKind.AT_LEAST, (1, 2), "missile")


@pytest.mark.parametrize(
    ("lo", "hi", "words"),
    [
        (0, 0, "0 flights"),
        (1, 1, "1 flight"),
        (2, 2, "2 flights"),
        (0, None, "at least 0 flights"),
        (1, None, "at least 1 flight"),
        (2, None, "at least 2 flights"),
        (0, 1, "0-1 flights"),
        (1, 2, "1-2 flights"),
        (18, 22, "18-22 flights"),
        (1398, 1398, "1,398 flights"),
    ],
)
def test_flight_counts_in_words(lo: int, hi: int | None, words: str) -> None:
    count = CountRange(min=lo, max=hi)
    assert count_words(count) == words
    assert flight_count(count) == FlightCount(lo, hi)


def test_references_must_match_their_role() -> None:
    bound = StatedBound(BoundKind.AT_LEAST, (1,), "missile")
    with pytest.raises(ValueError, match="no bound"):
        StatementRef("g", "flights", None, None, None, None, bound=bound)
    with pytest.raises(ValueError, match="no flight count"):
        StatementRef("c", "claim", None, None, None, None, count=FlightCount(1, 2))
    payload = StatementKey(Role.PAYLOAD, "A")
    with pytest.raises(ValueError, match="no bound"):
        StatementRef.of(payload, None, None, None, None, "10 t", bound=bound)


# --- references built from a scenario --------------------------------------------------------

#: Names that read like bounds: whatever the text says, the numbers come from the fields.
CRATE = "crate at most 2"
BOX = "flights at least 3"


def _odd(**overrides: Any) -> dict[str, tuple[StatementRef, ...]]:
    """The tiny scenario with a cargo ``crate at most 2``, a cargo and a group ``flights at
    least 3``, a limit ``t``, and the statements given."""
    doc: dict[str, Any] = {
        "aircraft": {"A": {"payload": "10 t", "limits": {"t": 4}}},
        "cargo": {
            CRATE: {"kind": "crate", "mass": "2 t", "uses": {"t": 1}},
            BOX: {"kind": "box", "mass": "3 t"},
        },
        "flights": [
            {"id": BOX, "aircraft": "A", "count": {"min": 3}, "from": "O", "to": "X"},
            {"id": "one", "aircraft": "A", "count": 1, "from": "O", "to": "Y"},
        ],
    }
    doc.update(overrides)
    return statement_refs(build(**doc))


def test_odd_names_keep_their_numbers_apart_from_their_text() -> None:
    refs = _odd(
        assumptions=[{"id": "few", "total": CRATE, "per_flight": True, "at_most": 5}],
        claims=[
            {"id": CRATE, "total": CRATE, "per_flight": True, "at_least": 7},
            {"id": "many", "total": BOX, "between": [100, 1_200]},
        ],
    )
    crate, many = refs["claims"]
    assert crate.written == "crate at most 2 at least 7 per flight"
    assert crate.bound == StatedBound(BoundKind.AT_LEAST, (7,), CRATE, per_flight=True)
    assert many.written == "flights at least 3 between 100 and 1,200"
    assert many.bound == StatedBound(BoundKind.BETWEEN, (100, 1_200), BOX)
    (few,) = refs["assumptions"]
    assert few.bound == StatedBound(BoundKind.AT_MOST, (5,), CRATE, per_flight=True)
    group, one = refs["flights"]
    assert (group.key, group.written, group.count) == (
        StatementKey(Role.FLIGHTS, BOX),
        "at least 3 flights",
        FlightCount(3, None),
    )
    assert (one.written, one.count, one.bound) == ("1 flight", FlightCount(1, 1), None)
    assert all(r.count is None for r in (crate, many, few))


@pytest.mark.parametrize(
    ("bound", "written"),
    [
        ({"at_most": 0}, "at most 0 flights"),
        ({"at_most": 1}, "at most 1 flight"),
        ({"at_most": 2}, "at most 2 flights"),
        ({"equals": 1}, "exactly 1 flight"),
        ({"at_least": 1}, "at least 1 flight"),
        ({"between": [0, 1]}, "between 0 and 1 flights"),
    ],
)
def test_a_bound_on_flights_is_written_with_the_right_noun(
    bound: dict[str, Any], written: str
) -> None:
    refs = _odd(claims=[{"id": "c", "total": "flights", **bound}])
    (c,) = refs["claims"]
    assert c.written == written
    assert c.bound is not None and c.bound.flights and not c.bound.per_flight
    assert stated_bound(build(claims=[{"id": "c", "total": "flights", **bound}]).claims[0]) == (
        c.bound
    )


# --- the unit an amount is shown in ----------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [0, Fraction(1, 3), 99, 100, 999, Fraction(99999, 100), 1000, 61234, 10**9],
)
@pytest.mark.parametrize("base", ["kg", "cm", ""])
def test_shown_unit_is_the_unit_format_amount_shows(value: Fraction | int, base: str) -> None:
    """The one rule, pinned to the analysis' own text: ``format_amount`` ends in that unit."""
    unit = shown_unit(Fraction(value), base)
    text = format_amount(Fraction(value), base)
    assert text.endswith(f" {unit}") if unit else not text[-1].isalpha()
