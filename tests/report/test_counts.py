"""Every count a report puts before a noun is singular for one and plural otherwise.

Counts of flights (a group's count, a relaxation's needed count, a bound on flights, the
flights a claim takes, an example allocation's total) and of claims (the fewest to drop,
all claims together), each for 0, 1 and 2: "1 flight", never "1 flights".
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from airlift.report import explain_blocks, render_text
from airlift.report.blocks import CODE_CLOSE, CODE_OPEN, TEXT_GLYPHS
from airlift.report.format import overall_sentence
from airlift.result import (
    Allocation,
    AllocationRow,
    Analysis,
    BoundKind,
    ClaimNeed,
    Conflict,
    Correction,
    Feasibility,
    FlightCount,
    StatedBound,
    StatementRef,
    Verdict,
)
from tests.report.conftest import base_analysis, claim
from tests.report.explain_fixtures import HAJUN_84, OVER_300, SHUTTLE, relax, renamed


def _plain(sentence: str) -> str:
    return sentence.replace(CODE_OPEN, "`").replace(CODE_CLOSE, "`")


def _group(lo: int, hi: int | None) -> StatementRef:
    return renamed(SHUTTLE, "g", written=None, count=FlightCount(lo, hi))


def _flights_claim(kind: BoundKind, *numbers: int) -> StatementRef:
    bound = StatedBound(kind, numbers, "flights", flights=True)
    return renamed(HAJUN_84, "c", bound=bound, written=None)


@pytest.mark.parametrize(
    ("lo", "hi", "named"),
    [
        (0, 0, "the 0 flights of `g`"),
        (1, 1, "the 1 flight of `g`"),
        (2, 2, "the 2 flights of `g`"),
        (0, 1, "the 0-1 flights of `g`"),
        (1, 2, "the 1-2 flights of `g`"),
        (0, None, "the 0 or more flights of `g`"),
        (1, None, "the 1 or more flights of `g`"),
        (2, None, "the 2 or more flights of `g`"),
        (1_398, 1_398, "the 1,398 flights of `g`"),
    ],
)
def test_a_flight_group_is_cited_by_its_count(lo: int, hi: int | None, named: str) -> None:
    sentence = _plain(
        explain_blocks.conflict_sentence(Conflict("claims", (OVER_300, _group(lo, hi)), True))
    )
    assert f"cannot hold with {named} (line 30, " in sentence


def test_a_group_without_its_count_is_named_plainly() -> None:
    group = renamed(SHUTTLE, "g", count=None)
    sentence = _plain(explain_blocks.conflict_sentence(Conflict("claims", (OVER_300, group), True)))
    assert "with the flight count of `g` (line 30," in sentence


@pytest.mark.parametrize(
    ("direction", "needed", "said"),
    [
        ("up", 1, "`g` would need at least 1 flight; its count is 0 flights (line 30)"),
        ("up", 2, "`g` would need at least 2 flights; its count is 0 flights (line 30)"),
        ("down", 1, "`g` would need at most 1 flight; its count is 0 flights (line 30)"),
        ("down", 2, "`g` would need at most 2 flights; its count is 0 flights (line 30)"),
        ("down", 0, "`g` would need no flights at all; its count is 0 flights (line 30)"),
    ],
)
def test_a_count_needed(direction: str, needed: int, said: str) -> None:
    r = relax(_group(0, 0), "count.max", direction, "", 0, needed, "0", f"{needed:,}")
    assert _plain(explain_blocks.relaxation_sentence(r)) == said[0].upper() + said[1:]


@pytest.mark.parametrize(
    ("lo", "hi", "now"),
    [
        (1, 1, "1 flight"),
        (2, 2, "2 flights"),
        (1, 2, "1-2 flights"),
        (1, None, "at least 1 flight"),
        (2, None, "at least 2 flights"),
    ],
)
def test_a_count_as_it_is(lo: int, hi: int | None, now: str) -> None:
    r = relax(_group(lo, hi), "count.min", "down", "", lo, 0, f"{lo}", "0")
    assert _plain(explain_blocks.relaxation_sentence(r)).endswith(f"; its count is {now} (line 30)")


@pytest.mark.parametrize(
    ("needed", "allow"),
    [(0, "as few as 0 flights"), (1, "as few as 1 flight"), (2, "as few as 2 flights")],
)
def test_a_bound_on_flights_needed(needed: int, allow: str) -> None:
    r = relax(
        _flights_claim(BoundKind.AT_LEAST, 3), "at_least", "down", "", 3, needed, "3", str(needed)
    )
    assert _plain(explain_blocks.relaxation_sentence(r)) == (
        f"`c` would have to allow {allow}; it says at least 3 flights (line 43)"
    )


@pytest.mark.parametrize(
    ("kind", "numbers", "says"),
    [
        (BoundKind.EQUALS, (0,), "exactly 0 flights"),
        (BoundKind.EQUALS, (1,), "exactly 1 flight"),
        (BoundKind.EQUALS, (2,), "exactly 2 flights"),
        (BoundKind.AT_MOST, (1,), "at most 1 flight"),
        (BoundKind.BETWEEN, (0, 1), "between 0 and 1 flights"),
    ],
)
def test_a_bound_on_flights_as_it_is(kind: BoundKind, numbers: tuple[int, ...], says: str) -> None:
    r = relax(_flights_claim(kind, *numbers), "at_most", "up", "", numbers[-1], 3, "1", "3")
    assert _plain(explain_blocks.relaxation_sentence(r)) == (
        f"`c` would have to allow as many as 3 flights; it says {says} (line 43)"
    )


@pytest.mark.parametrize(("n", "claims"), [(0, "0 claims"), (1, "1 claim"), (2, "2 claims")])
def test_claims_to_drop(n: int, claims: str) -> None:
    drop = tuple(renamed(HAJUN_84, f"c{i}") for i in range(n))
    sentence = _plain(explain_blocks.correction_sentence(Correction(drop, proven=True)))
    assert sentence.startswith(f"Dropping {claims} lets the rest hold together:")
    unproven = _plain(explain_blocks.correction_sentence(Correction(drop, proven=False)))
    assert f"dropping these {claims} may let the rest hold together:" in unproven


@pytest.mark.parametrize(("n", "flights"), [(0, "0 flights"), (1, "1 flight"), (2, "2 flights")])
@pytest.mark.parametrize("proven", [True, False])
def test_flights_a_claim_takes(n: int, flights: str, proven: bool) -> None:
    need = ClaimNeed(HAJUN_84, "missile", 84, n, proven, (3, 3), None, None)
    sentence = _plain(explain_blocks.need_sentence(need, TEXT_GLYPHS))
    takes = "at least" if proven else "about"
    assert f"that takes {takes} {flights}" in sentence


def test_a_mean_over_the_flights_allowed() -> None:
    need = ClaimNeed(HAJUN_84, "missile", 84, 7, True, (1, 2), Fraction(42), Fraction(12))
    sentence = _plain(explain_blocks.need_sentence(need, TEXT_GLYPHS))
    assert "; spread over 2 flights, that is 42 units per flight on average" in sentence
    assert "must reach 84 units:" in sentence and "of the 12 units a flight can carry" in sentence


@pytest.mark.parametrize(
    ("needed", "allow", "says"),
    [
        (0, "0 units", "at least 1 unit"),
        (1, "1 unit", "at least 1 unit"),
        (2, "2 units", "at least 1 unit"),
    ],
)
def test_a_bound_on_units_needed(needed: int, allow: str, says: str) -> None:
    claim_ref = renamed(HAJUN_84, "c", bound=StatedBound(BoundKind.AT_LEAST, (1,), "missile"))
    r = relax(claim_ref, "at_least", "down", "", 1, needed, "1", str(needed))
    assert _plain(explain_blocks.relaxation_sentence(r)) == (
        f"`c` would have to allow as few as {allow}; it says {says} (line 43)"
    )


@pytest.mark.parametrize(("n", "flights"), [(0, "0 flights"), (1, "1 flight"), (2, "2 flights")])
def test_the_example_allocations_flights_in_all(n: int, flights: str) -> None:
    example = Allocation(rows=(AllocationRow("belarus-shuttle", "Millerovo", n, ()),))
    text = " ".join(render_text(base_analysis(example=example)).split())
    assert f"every claim, {flights} in all." in text


@pytest.mark.parametrize(
    ("n", "start"),
    [(1, "The claim is"), (2, "Both claims together are"), (3, "All 3 claims together are")],
)
def test_all_claims_together(n: int, start: str) -> None:
    claims = tuple(claim(f"c{i}", Verdict.CONSISTENT) for i in range(n))
    a: Analysis = base_analysis(claims=claims, status=Feasibility.FEASIBLE)
    assert overall_sentence(a).startswith(f"{start} consistent with")
