"""Names that read like bounds or units: sentences are built from fields, never from text.

A cargo type called ``crate at most 2``, a cargo type and a flight group called
``flights at least 3``, a group called ``at least 2 flights`` and a loading limit
called ``t``: a report that looked for "at least N" or a last word in the text the
analysis wrote would quote the name as the bound, or the name as the unit. The first
tests build relaxations by hand; the last solve a scenario with these names (once per
module) and read every sentence back in text and Markdown.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from airlift.analysis import analyze
from airlift.model import SolveOptions
from airlift.report import explain_blocks, render, render_explanation
from airlift.report.blocks import CODE_CLOSE, CODE_OPEN
from airlift.result import (
    Allocation,
    Analysis,
    BoundKind,
    Conflict,
    FlightCount,
    Relaxation,
    Role,
    StatedBound,
    StatementKey,
    StatementRef,
)
from airlift.scenario import load_scenario_text
from tests.report.explain_fixtures import HAJUN_84, SHUTTLE, relax, renamed

CRATE = "crate at most 2"
BOX = "flights at least 3"


def _plain(sentence: str) -> str:
    return sentence.replace(CODE_OPEN, "`").replace(CODE_CLOSE, "`")


def _said(r: Relaxation) -> str:
    return _plain(explain_blocks.relaxation_sentence(r))


# --- by hand ---------------------------------------------------------------------------------


def test_the_issues_example() -> None:
    """A per-flight claim on a cargo called ``crate at most 2``, moved from 5 down to 4."""
    bound = StatedBound(BoundKind.AT_LEAST, (5,), CRATE, per_flight=True)
    ref = renamed(HAJUN_84, CRATE, written=f"{CRATE} at least 5 per flight", bound=bound)
    assert _said(relax(ref, "at_least", "down", "", 5, 4, "5", "4")) == (
        "`crate at most 2` would have to allow as few as 4 units per flight; it says at least 5 "
        "units per flight (line 43)"
    )


@pytest.mark.parametrize(
    ("bound", "r", "sentence"),
    [
        (
            StatedBound(BoundKind.AT_LEAST, (100,), BOX),
            ("at_least", "down", 100, 30),
            "`x` would have to allow as few as 30 units; it says at least 100 units (line 43)",
        ),
        (
            StatedBound(BoundKind.BETWEEN, (90, 99), CRATE),
            ("between.lo", "down", 90, 0),
            "`x` would have to allow as few as 0 units (no flights at all); it says between 90 and "
            "99 units (line 43)",
        ),
        (
            StatedBound(BoundKind.AT_MOST, (1,), "flights", flights=True),
            ("at_most", "up", 1, 3),
            "`x` would have to allow as many as 3 flights; it says at most 1 flight (line 43)",
        ),
        (
            StatedBound(BoundKind.EQUALS, (2,), BOX, per_flight=True),
            ("equals", "up", 2, 3),
            "`x` would have to allow as many as 3 units per flight; it says exactly 2 units per "
            "flight (line 43)",
        ),
    ],
)
def test_a_bound_is_said_from_its_fields(
    bound: StatedBound, r: tuple[str, str, int, int], sentence: str
) -> None:
    # the text says something else altogether: only the fields may be read
    ref = renamed(HAJUN_84, "x", written=f"{bound.total} at most 7 flights per flight", bound=bound)
    field, direction, current, needed = r
    witness = None if needed else Allocation(rows=())  # only no flights at all fit
    relaxed = relax(
        ref, field, direction, "", current, needed, str(current), str(needed), True, witness
    )
    assert _said(relaxed) == sentence


def test_groups_named_like_counts() -> None:
    group = renamed(SHUTTLE, BOX, written="at least 3 flights", count=FlightCount(3, None))
    one = renamed(SHUTTLE, "at least 2 flights", written="1 flight", count=FlightCount(1, 1))
    sentence = _plain(
        explain_blocks.conflict_sentence(Conflict("claims", (HAJUN_84, group, one), True))
    )
    assert (
        "cannot hold with the 3 or more flights of `flights at least 3` (line 30, Daily Mirror, "
        "2022-11-17) and the 1 flight of `at least 2 flights` (line 30, "
    ) in sentence
    assert _said(relax(group, "count.min", "down", "", 3, 1, "3", "1")) == (
        "`flights at least 3` would need at most 1 flight; its count is at least 3 flights "
        "(line 30)"
    )
    assert _said(relax(one, "count.max", "up", "", 1, 2, "1", "2")) == (
        "`at least 2 flights` would need at least 2 flights; its count is 1 flight (line 30)"
    )


def _limit_t(written: str) -> StatementRef:
    return StatementRef.of(StatementKey(Role.LIMIT, "Il-76", "t"), None, 8, None, None, written)


def test_a_limit_called_t() -> None:
    count = relax(_limit_t("12"), "limit", "up", "", 12, 40, "12", "40")
    assert (
        _said(count)
        == "The Il-76 t limit would have to be at least 40 `t`; the scenario has 12 `t` (line 8)"
    )
    mass = relax(_limit_t("1,500 kg"), "limit", "up", "kg", 1500, 2500, "1,500 kg", "2.5 t")
    assert _said(mass) == (
        "The Il-76 t limit would have to be at least 2.5 t; the scenario has 1,500 kg (1.5 t, "
        "line 8)"
    )
    use = StatementRef.of(StatementKey(Role.USES, CRATE, "t"), None, 10, None, None, "1")
    assert _said(relax(use, "uses", "down", "", 1, 0, "1", "0")) == (
        "The t each crate at most 2 takes would have to be under 1 `t`; the scenario has 1 `t` "
        "(line 10)"
    )


def test_units_come_from_the_relaxations_fields() -> None:
    """The needed unit from the exact value, the written one from ``current_unit`` if said."""
    limit = _limit_t("2300 kg")
    up = relax(limit, "limit", "up", "kg", 2300, 2900, "2300 kg", "2.9 t")
    assert up.needed_unit == "t" and up.current_unit is None
    assert _said(up).endswith("the scenario has 2300 kg (2.3 t, line 8)")
    mass = StatementRef.of(StatementKey(Role.MASS, CRATE), None, 10, None, None, "2300 kg")
    down = relax(mass, "mass", "down", "kg", 2300, 850, "2300 kg", "850 kg")
    assert down.needed_unit == "kg"
    as_written = replace(down, current_unit="kg")
    assert _said(as_written) == (
        "The crate at most 2 mass would have to be at most 850 kg; the scenario has 2300 kg "
        "(line 10)"
    )
    pounds = replace(down, current_text="5,070.6 lb", current_unit="lb")
    assert _said(pounds).endswith("the scenario has 5,070.6 lb (2,300 kg, line 10)")
    tonnes = replace(down, current_text="2.3 t", current_unit="t")
    assert _said(tonnes).endswith("the scenario has 2.3 t (2,300 kg, line 10)")
    # without current_unit: converted unless the scenario wrote it just so
    assert _said(replace(down, current_text="2,300 kg")).endswith(
        "the scenario has 2,300 kg (line 10)"
    )
    assert replace(down, needed=None, needed_text=None).needed_unit is None


# --- solved ----------------------------------------------------------------------------------

TEXT = """\
title: Names that read like bounds
airfields:
  A: {}
  B: {}
aircraft:
  Il-76:
    payload: 48 t
    limits: {t: 12}
cargo:
  crate at most 2: {kind: crate, mass: 2 t, uses: {t: 1}}
  flights at least 3: {kind: box, mass: 3 t, uses: {t: 2}}
flights:
  - {id: flights at least 3, aircraft: Il-76, count: {min: 3, max: 5}, from: A, to: B}
  - {id: at least 2 flights, aircraft: Il-76, count: 1, from: A, to: B,
     carries: [crate at most 2]}
assumptions:
  - {id: few crates, total: crate at most 2, per_flight: true, at_most: 5}
claims:
  - {id: crate at most 2, total: crate at most 2, per_flight: true, at_least: 7}
  - {id: many boxes, total: flights at least 3, at_least: 100}
  - {id: one flight, total: flights, at_most: 1}
"""

#: Every relaxation and citation, worked out by hand: a flight carries at most 12 t-units
#: (crates take 1, boxes 2), so 6 boxes, and 100 boxes on at most 5 flights need 20 each;
#: no t limit gives them that, as the 48 t payload (kept as written) lifts 16 boxes of 3 t.
SENTENCES = (
    "`crate at most 2` (line 19) cannot hold with `few crates` (line 17) and the 3-5 flights "
    "of `flights at least 3` (line 13).",
    "`crate at most 2` would have to allow as few as 5 units per flight; it says at least 7 "
    "units per flight (line 19)",
    "`few crates` would have to allow as many as 7 units per flight; it says at most 5 units "
    "per flight (line 17)",
    "`many boxes` (line 20) cannot hold with the 3-5 flights of `flights at least 3` (line 13) "
    "and the Il-76 t limit of 12 (line 8).",
    "`many boxes` would have to allow as few as 30 units; it says at least 100 units (line 20)",
    "`flights at least 3` would need at least 17 flights; its count is 3-5 flights (line 13)",
    "No larger value of the Il-76 t limit would end this conflict; the scenario has 12 `t` "
    "(line 8)",
    "`one flight` would have to allow as many as 3 flights; it says at most 1 flight (line 21)",
    "`flights at least 3` would need at most 1 flight; its count is 3-5 flights (line 13)",
)


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    loaded = load_scenario_text(TEXT, "odd.yaml")
    return analyze(loaded, SolveOptions(time_limit=10, seed=0, workers=1), explain=True)


def _one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_solved_sentences(analysis: Analysis, fmt: str) -> None:
    assert analysis.explanation is not None
    for report in (
        render(analysis, fmt),
        render_explanation(analysis.explanation, fmt, title=analysis.title),
    ):
        body = _one_line(report)
        if fmt == "markdown":  # code spans and escapes aside, the same words
            body = body.replace("\\", "")
        for sentence in SENTENCES:
            assert sentence in body, sentence
        for wrong in ("it says at most 2", "it says at least 3", "5 at least", "30 at least"):
            assert wrong not in body, wrong


def test_solved_json_keeps_the_text_as_written(analysis: Analysis) -> None:
    data = json.loads(render(analysis, "json"))
    members = {
        (m["role"], m["id"]): m["written"]
        for c in data["explanation"]["conflicts"]
        for m in c["members"]
    }
    assert members[("claim", CRATE)] == "crate at most 2 at least 7 per flight"
    assert members[("claim", "many boxes")] == "flights at least 3 at least 100"
    assert members[("claim", "one flight")] == "at most 1 flight"
    assert members[("flights", BOX)] == "3-5 flights"
