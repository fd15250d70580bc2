"""The explanation in the text report: quotable sentences that cite every statement.

Each test reads the rendered text back, so a sentence that loses its line, its
source or its "not proven" would fail here.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from fractions import Fraction

import pytest

from airlift.report import explain_blocks, render_explanation, render_text
from airlift.report.blocks import CODE_CLOSE, CODE_OPEN, TEXT_GLYPHS, Glyphs
from airlift.report.explain_blocks import statements_table
from airlift.result import (
    Allocation,
    Analysis,
    BoundKind,
    ClaimNeed,
    Conflict,
    Correction,
    Explanation,
    FlightCount,
    Relaxation,
    Role,
    StatedBound,
    StatementKey,
    StatementRef,
)
from tests.report.explain_fixtures import (
    ALMOST_100,
    CLAIM_CONFLICT,
    CLAIMS_CONFLICT,
    EXPLANATIONS,
    HAJUN_84,
    MASS,
    NEEDS,
    OVER_300,
    PAYLOAD,
    SHUTTLE,
    UNPROVEN_CONFLICT,
    USES,
    WITNESS,
    full_explanation,
    relax,
    renamed,
    thresholds_only,
    unproven_only,
)

TITLE = "S-300/S-400 missiles flown out of Belarus"


def _plain(sentence: str) -> str:
    """A sentence as the text layout shows it: names marked as code in plain backticks."""
    return sentence.replace(CODE_OPEN, "`").replace(CODE_CLOSE, "`")


def conflict_sentence(c: Conflict) -> str:
    return _plain(explain_blocks.conflict_sentence(c))


def relaxation_sentence(r: Relaxation) -> str:
    return _plain(explain_blocks.relaxation_sentence(r))


def correction_sentence(c: Correction) -> str:
    return _plain(explain_blocks.correction_sentence(c))


def need_sentence(n: ClaimNeed, g: Glyphs) -> str:
    return _plain(explain_blocks.need_sentence(n, g))


def _text(e: Explanation, claim: str | None = None) -> str:
    return render_explanation(
        e, "text", title=TITLE, file="scenarios/belarus-2022.yaml", claim=claim
    )


def _one_line(text: str) -> str:
    """The text with line wrapping undone, so that sentences can be searched whole."""
    return " ".join(text.split())


def _cited(ref: StatementRef) -> str:
    """What a sentence must say after a statement: its line and its source."""
    parts = [f"line {ref.line}"] if ref.line is not None else []
    if ref.source_label:
        parts.append(ref.source_label)
    return f" ({', '.join(parts)})" if parts else ""


def test_the_leads_example_sentence() -> None:
    """The wording the issue asks for, down to the punctuation."""
    sentence = conflict_sentence(CLAIMS_CONFLICT)
    assert sentence == (
        "`almost-100` (line 41, Daily Mirror, 2022-11-17) and `hajun-84` (line 43, Belarusian "
        "Hajun, quoted by dziennik.pl, 2022-11-15) cannot both hold with `every-flight-loaded` "
        "(line 37, Daily Mirror, 2022-11-17) and the Il-76MD payload of 48 t (line 20, "
        "Encyclopaedia Britannica)."
    )


@pytest.mark.parametrize(
    "conflict", [CLAIMS_CONFLICT, CLAIM_CONFLICT, UNPROVEN_CONFLICT], ids=lambda c: c.context
)
def test_every_member_is_cited_with_line_and_source(conflict: Conflict) -> None:
    text = _one_line(_text(Explanation(conflicts=(conflict,))))
    sentence = conflict_sentence(conflict)
    assert sentence in text
    for m in conflict.members:
        assert m.written is not None
        tail = _cited(m)
        if m.role in ("claim", "assumption", "flights"):
            assert f"`{m.id}`" in sentence
        if m.role not in ("claim", "assumption"):  # those are cited by id, as the issue asks
            assert m.written.removesuffix(" flights") in sentence
        assert tail in sentence, (m.id, sentence)


def test_physical_roles_read_naturally() -> None:
    sentence = conflict_sentence(CLAIM_CONFLICT)
    assert "the 18-22 flights of `belarus-shuttle` (line 30," in sentence
    assert "the Il-76MD canister_slots limit of 12 (line 22, Encyclopaedia Britannica)" in sentence
    assert "each 48N6-canister taking 1 canister_slots (line 26)" in sentence
    assert "aircraft." not in sentence and "cargo." not in sentence
    assert sentence.startswith("`over-300` (line 45, Daily Mirror, 2022-11-17) cannot hold with")


def test_a_base_conflict_without_claims() -> None:
    e = full_explanation()
    base = next(c for c in e.conflicts if c.context == "base")
    sentence = conflict_sentence(base)
    assert sentence.startswith("`every-flight-loaded` (line 37, Daily Mirror, 2022-11-17), ")
    assert sentence.endswith("cannot all hold together.")


def test_claims_alone() -> None:
    c = Conflict("claims", (ALMOST_100, HAJUN_84), proven=True)
    assert conflict_sentence(c).endswith(" cannot both hold.")  # not "both ... together"
    three = Conflict("claims", (ALMOST_100, HAJUN_84, OVER_300), proven=True)
    assert conflict_sentence(three).endswith(
        ", `hajun-84` (line 43, "
        + HAJUN_84.source_label
        + ") and `over-300` (line 45, Daily Mirror, "
        "2022-11-17) cannot all hold together."
    )
    unsure = Conflict("claims", (ALMOST_100, HAJUN_84), proven=False)
    assert conflict_sentence(unsure).endswith(" seem unable to both hold.")


def test_relaxations_name_the_value_needed_and_the_value_written() -> None:
    got = [relaxation_sentence(r) for r in CLAIMS_CONFLICT.relaxations]
    assert got == [
        # the claim's bound in units of cargo, without its total's name
        "`almost-100` would have to allow as few as 88 units; it says between 90 and 99 units "
        "(line 41)",
        # "has", not "is written": a value may come from the catalogue, not the line cited
        "The Il-76MD payload would have to be at least 61.2 t; the scenario has 48 t (line 20)",
        # the count is cited at its group's line, a few lines above the count itself
        "`belarus-shuttle` would need at least 26 flights; its count is 18-22 flights (line 30)",
        "The 48N6-canister mass would have to be at most 1.917 t; the scenario has 2.3 t (line 25)",
        "No value of `every-flight-loaded` would end this conflict; it says at least 1 unit per "
        "flight (line 37)",
    ]
    text = _one_line(_text(full_explanation()))
    for sentence in got:
        assert f"- {sentence}" in text


def test_no_value_in_that_direction() -> None:
    uses = CLAIM_CONFLICT.relaxations[1]
    assert relaxation_sentence(uses) == (
        "No smaller value of the canister_slots each 48N6-canister takes would end this "
        "conflict; the scenario has 1 `canister_slots` (line 26)"
    )


def test_unproven_is_never_worded_as_proven() -> None:
    sentence = conflict_sentence(UNPROVEN_CONFLICT)
    assert sentence.startswith(
        "Not proven (found when the time limit ran out; may not be minimal): "
    )
    assert "cannot" not in sentence and "seems unable to hold" in sentence
    relax = relaxation_sentence(UNPROVEN_CONFLICT.relaxations[0])
    assert relax.startswith(
        "Not proven (found when the time limit ran out; the nearest value "
        "may differ): `belarus-shuttle` would need at least 30 flights"
    )
    text = _one_line(_text(unproven_only()))
    assert "may hold together after all" in text
    correction = correction_sentence(unproven_only().correction)  # type: ignore[arg-type]
    assert correction.startswith(
        "Not proven (found when the time limit ran out): dropping these "
        "2 claims may let the rest hold together: `hajun-84` (line 43,"
    )
    assert "lets" not in correction


def test_no_value_found_in_time_is_not_said_to_be_none() -> None:
    r = relax(SHUTTLE, "count.max", "up", "", 22, None, "22", None, proven=False)
    assert relaxation_sentence(r) == (
        "Not proven (the time limit ran out): no number of flights of "
        "`belarus-shuttle` was found to end this conflict; its count is 18-22 flights (line 30)"
    )


def test_proven_items_do_not_say_not_proven() -> None:
    text = _one_line(_text(thresholds_only()) + _text(Explanation(conflicts=(CLAIMS_CONFLICT,))))
    assert "not proven" not in text.lower() and "may hold together after all" not in text


def test_correction() -> None:
    e = full_explanation()
    assert correction_sentence(e.correction) == (  # type: ignore[arg-type]
        "Dropping 1 claim lets the rest hold together: `hajun-84` (line 43, Belarusian Hajun, "
        "quoted by dziennik.pl, 2022-11-15)."
    )
    assert "\nFewest claims to drop\n" in _text(e)


def test_thresholds_table() -> None:
    text = _text(full_explanation())
    section = text.split("\nThresholds\n", 1)[1].split("\n\nWhat each claim", 1)[0]
    # rows wrap their last cell onto a second line: read each row as its lines together
    rows: list[str] = []
    for line in section.splitlines():
        if line.startswith(("Il-", "An-")):
            rows.append(" ".join(line.split()))
        elif line.startswith(" ") and rows:
            rows[-1] += " " + " ".join(line.split())
    assert rows == [
        "Il-76MD 48N6-canister 12 units canister_slots payload: 20 units, canister_slots: 12 units",
        "Il-76MD 40N6-canister 12 units payload, canister_slots payload: 12 units, "
        "canister_slots: 12 units",
        "An-124 pallet no limit - -",
    ]


def test_need_sentences() -> None:
    got = [need_sentence(n, TEXT_GLYPHS) for n in NEEDS]
    assert got[0] == (
        "For `hajun-84` (line 43, Belarusian Hajun, quoted by dziennik.pl, 2022-11-15) to hold, "
        'the total "missile to Millerovo" must reach 84 units: that takes at least 7 flights out '
        "of the 18-22 flights allowed; spread over 22 flights, that is 3.82 units per flight on "
        "average, 32% of the 12 units a flight can carry on average."
    )
    # 301 / 22 = 13.6818..., 301 / 264 = 114.01...%: both rounded up, and over capacity said
    assert "that takes at least 26 flights, more than the 18-22 flights allowed;" in got[1]
    assert "13.69 units per flight" in got[1] and "115% of the 12 units" in got[1]
    assert got[1].endswith(", more than the flights can carry.")
    assert got[2].endswith(
        "about 8 flights (not proven: the time limit ran out) out of the 9 or more flights allowed."
    )
    assert "no number of such flights could carry that (20 flights allowed)" in got[3]
    timed_out = replace(NEEDS[3], fewest_proven=False)
    assert "no number" not in need_sentence(timed_out, TEXT_GLYPHS)
    assert (
        "must reach 1 unit: the time limit ran out before any number of such flights was found "
        "to carry it (20 flights allowed)"
    ) in need_sentence(timed_out, TEXT_GLYPHS)
    assert "%" not in got[3]  # no capacity: no share
    for sentence in got:  # the range is what the base allows, never "seen"
        assert "seen" not in sentence and "total of" not in sentence
    open_count = replace(NEEDS[0], flights_seen=(0, None), mean_needed=None)
    assert need_sentence(open_count, TEXT_GLYPHS).endswith(
        "that takes at least 7 flights; the number of such flights is open."
    )
    text = _one_line(_text(full_explanation()))
    for sentence in got:
        assert f"- {sentence}" in text
    assert "rounded up" in text


def test_a_need_on_one_flight_says_no_average() -> None:
    one = replace(
        NEEDS[0],
        flights_seen=(1, 1),
        fewest_flights=1,
        mean_needed=Fraction(84),
        mean_capacity=Fraction(120),
    )
    assert need_sentence(one, TEXT_GLYPHS).endswith(
        "that takes at least 1 flight out of the 1 flight allowed; that is 70% of the 120 units "
        "that flight can carry."
    )
    over = replace(one, mean_capacity=Fraction(80), fewest_flights=2)
    assert need_sentence(over, TEXT_GLYPHS).endswith(
        "that takes at least 2 flights, more than the 1 flight allowed; that is 105% of the 80 "
        "units that flight can carry, more than it can carry."
    )
    text = _one_line(_text(Explanation(needs=(one,))))
    assert "per flight on average" not in text and "Mean loads" not in text
    assert "Shares of capacity are shown as whole percents, rounded up" in text


def test_needs_say_what_the_range_of_flights_is_measured_against() -> None:
    intro = "out of the number of such flights the observations and assumptions allow"
    assert intro in _one_line(_text(thresholds_only()))
    # a base that cannot hold: the needs were measured over the observed flights alone
    base = next(c for c in full_explanation().conflicts if c.context == "base")
    text = _one_line(_text(Explanation(conflicts=(base,), needs=NEEDS[:1])))
    assert "out of the number of such flights the observations alone allow" in text


def test_relaxations_to_zero_are_worded_honestly() -> None:
    mass = relax(MASS, "mass", "down", "kg", 2300, 0, "2.3 t", "0 kg")
    assert relaxation_sentence(mass) == (
        "Each 48N6-canister would have to weigh under 1 kg; the scenario has 2.3 t (2,300 kg, "
        "line 25)"
    )
    uses = relax(USES, "uses", "down", "", 1, 0, "1", "0")
    assert relaxation_sentence(uses) == (
        "The canister_slots each 48N6-canister takes would have to be under 1 `canister_slots`; "
        "the scenario has 1 `canister_slots` (line 26)"
    )
    lane = StatementRef.of(
        StatementKey(Role.USES, "launcher", "lane_length"), None, 9, None, None, "12 m"
    )
    assert "would have to be under 1 cm;" in relaxation_sentence(
        relax(lane, "uses", "down", "cm", 1200, 0, "12 m", "0")
    )
    # a sum that only no flights at all keep under its bound
    nothing = Allocation(rows=())
    empty = relax(HAJUN_84, "at_least", "down", "", 84, 0, "84", "0", witness=nothing)
    assert relaxation_sentence(empty) == (
        "`hajun-84` would have to allow as few as 0 units (no flights at all); it says at least "
        "84 units (line 43)"
    )
    flown = relax(HAJUN_84, "at_least", "down", "", 84, 0, "84", "0", witness=WITNESS)
    assert relaxation_sentence(flown) == (
        "`hajun-84` would have to allow as few as 0 units; it says at least 84 units (line 43)"
    )
    count = relax(SHUTTLE, "count.min", "down", "", 18, 0, "18", "0")
    assert relaxation_sentence(count) == (
        "`belarus-shuttle` would need no flights at all; its count is 18-22 flights (line 30)"
    )
    for r in (mass, uses, empty, flown, count):
        assert "at most 0" not in relaxation_sentence(r)


def test_relaxations_say_what_a_bound_counts() -> None:
    per_flight = StatementRef(
        "usa-today-336",
        "claim",
        "a normal capacity of 336 people",
        200,
        "usa-today",
        "USA TODAY",
        written="person at most 336 per flight",
        bound=StatedBound(BoundKind.AT_MOST, (336,), "person", per_flight=True),
    )
    assert relaxation_sentence(relax(per_flight, "at_most", "up", "", 336, 440, "336", "440")) == (
        "`usa-today-336` would have to allow as many as 440 units per flight; it says at most "
        "336 units per flight (line 200)"
    )
    flights = StatementRef(
        "more-than-30",
        "claim",
        "More than 30 special flights",
        173,
        "x",
        "Xinhua",
        written="at least 31 flights",
        bound=StatedBound(BoundKind.AT_LEAST, (31,), "flights", flights=True),
    )
    assert relaxation_sentence(relax(flights, "at_least", "down", "", 31, 30, "31", "30")) == (
        "`more-than-30` would have to allow as few as 30 flights; it says at least 31 flights "
        "(line 173)"
    )


def test_a_value_in_other_units_is_converted_to_those_needed() -> None:
    c74 = renamed(PAYLOAD, "C-74", written="50,000 lb", line=189)
    lb = relax(c74, "payload", "up", "kg", Fraction("22679.6185"), 23587, "50,000 lb", "23.587 t")
    assert relaxation_sentence(lb) == (
        "The C-74 payload would have to be at least 23.587 t; the scenario has 50,000 lb (about "
        "22.68 t, line 189)"
    )
    short_ton = relax(
        MASS, "mass", "down", "kg", Fraction("907.18474"), 872, "1 short_ton", "872 kg"
    )
    assert "; the scenario has 1 short_ton (about 907.185 kg, line 25)" in relaxation_sentence(
        short_ton
    )
    exact = relax(MASS, "mass", "down", "kg", 2300, 900, "2.3 t", "900 kg")
    assert relaxation_sentence(exact).endswith("; the scenario has 2.3 t (2,300 kg, line 25)")
    same = CLAIMS_CONFLICT.relaxations[1]  # 48 t against 61.2 t: nothing to convert
    assert relaxation_sentence(same).endswith("; the scenario has 48 t (line 20)")


def test_flight_counts_read_as_counts() -> None:
    one = renamed(SHUTTLE, "c74-first", written="1 flight", count=FlightCount(1, 1))
    assert "the 1 flight of `c74-first` (line 30," in conflict_sentence(
        Conflict("claims", (OVER_300, one), proven=True)
    )
    open_count = renamed(
        SHUTTLE, "hajun-shuttle", written="at least 9 flights", count=FlightCount(9, None)
    )
    assert "the 9 or more flights of `hajun-shuttle` (line 30," in conflict_sentence(
        Conflict("claims", (OVER_300, open_count), proven=True)
    )


def test_conflicts_intro_says_what_stays_and_what_is_set_aside() -> None:
    text = _one_line(_text(Explanation(conflicts=(CLAIMS_CONFLICT,))))
    assert (
        "with the conflict's other statements and every payload, mass and loading limit as "
        "written, and every other statement outside it set aside."
    ) in text


def test_cited_ids_shared_by_a_claim_and_a_flight_group_say_which() -> None:
    group = renamed(SHUTTLE, "c74-air-force-day", line=206)
    claim = renamed(HAJUN_84, "c74-air-force-day", line=286)
    table = statements_table((group, claim, ALMOST_100), TEXT_GLYPHS)
    assert [r[0] for r in table.rows] == [
        "c74-air-force-day (flights)",
        "c74-air-force-day (claim)",
        "almost-100",
    ]


@pytest.mark.parametrize("name", sorted(EXPLANATIONS))
def test_same_explanation_same_bytes(name: str) -> None:
    e = EXPLANATIONS[name]()
    for fmt in ("text", "markdown", "json"):
        out = render_explanation(e, fmt, title=TITLE)
        assert out == render_explanation(copy.deepcopy(e), fmt, title=TITLE)
        assert out.endswith("\n") and not out.endswith("\n\n")


@pytest.mark.parametrize("name", sorted(EXPLANATIONS))
def test_fits_in_100_columns(name: str) -> None:
    for line in _text(EXPLANATIONS[name]()).splitlines():
        assert len(line) <= 100 and line == line.rstrip(), line


def test_sections_only_when_non_empty() -> None:
    text = _text(thresholds_only())
    assert "\nThresholds\n" in text
    for heading in ("Conflicts", "Fewest claims to drop", "About the explanation"):
        assert f"\n{heading}\n" not in text
    empty = _text(Explanation(), claim="hajun-84")
    assert "Claim: `hajun-84`" in empty and "Nothing to explain about `hajun-84`" in empty


def test_float_repr_never_appears() -> None:
    text = _text(full_explanation())
    assert not re.search(r"\d\.\d{3,}", text.replace("1.917 t", ""))
    assert "Fraction" not in text


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown report format"):
        render_explanation(Explanation(), "html", title=TITLE)


# --- in the solve report ---------------------------------------------------------------------


def _explained(a: Analysis) -> Analysis:
    return replace(a, explanation=full_explanation(), example=WITNESS)


def test_solve_report_places_the_explanation_after_the_claims(proven: Analysis) -> None:
    text = render_text(_explained(proven))
    order = [
        text.index(f"\n{h}\n")
        for h in ("Claims", "Conflicts", "Fewest claims to drop", "Thresholds", "Bounds")
    ]
    assert order == sorted(order)
    body = _one_line(text)
    assert conflict_sentence(CLAIMS_CONFLICT) in body


def test_solve_report_without_explanation_is_unchanged(proven: Analysis) -> None:
    plain = render_text(proven)
    assert "Conflicts" not in plain and "Thresholds" not in plain and "Full" not in plain


def test_allocation_shows_what_binds(proven: Analysis) -> None:
    text = render_text(_explained(proven))
    section = text.split("\nExample allocation\n", 1)[1].split("\nFlight groups\n", 1)[0]
    header = next(line for line in section.splitlines() if line.startswith("Flight group"))
    assert header.split()[-1] == "Full"
    assert any(
        line.startswith("belarus-shuttle") and line.rstrip().endswith("canister_slots")
        for line in section.splitlines()
    )
    assert "`belarus-shuttle` flies the most flights its count allows: 26 flights." in _one_line(
        section
    )
    fewest = Allocation(rows=WITNESS.rows, count_binds=(("belarus-shuttle", "min"),))
    assert _plain(explain_blocks.count_binds_sentence(fewest) or "") == (
        "`belarus-shuttle` flies the fewest flights its count allows: 26 flights."
    )


def test_fractions_round_up_exactly() -> None:
    from airlift.report.explain_blocks import fmt_fraction_up, fmt_percent_up

    assert fmt_fraction_up(Fraction(84, 22)) == "3.82"
    assert fmt_fraction_up(Fraction(12)) == "12"
    assert fmt_fraction_up(Fraction(38, 10)) == "3.8"
    assert fmt_fraction_up(Fraction(1, 1000)) == "0.01"
    assert fmt_fraction_up(Fraction(123456789, 100)) == "1,234,567.89"
    assert fmt_percent_up(Fraction(1)) == "100%"
    assert fmt_percent_up(Fraction(100001, 100000)) == "101%"
    assert fmt_percent_up(Fraction(0)) == "0%"
