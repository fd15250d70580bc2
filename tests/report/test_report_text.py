"""The terminal report: content, order, honesty about limits, and layout."""

from __future__ import annotations

import copy
import re

from airlift.report import render_text
from airlift.result import Analysis, Bound, Feasibility, Verdict

SECTIONS = ["Claims", "Bounds", "Values used", "Example allocation", "Assumptions", "Settings"]


def _section(text: str, name: str) -> str:
    """The body of one section: from its underlined heading to the next heading."""
    lines = text.splitlines()
    start = next(
        i for i, line in enumerate(lines[:-1]) if line == name and set(lines[i + 1]) == {"-"}
    )
    body = []
    for i in range(start + 2, len(lines)):
        if (
            i + 1 < len(lines)
            and lines[i + 1]
            and set(lines[i + 1]) == {"-"}
            and len(lines[i + 1]) == len(lines[i])
            and lines[i]
        ):
            break
        body.append(lines[i])
    return "\n".join(body)


def _claim_block(text: str, claim_id: str) -> str:
    """The lines of the claims section that belong to one claim: its row up to a blank line."""
    lines = _section(text, "Claims").splitlines()
    starts = [i for i, line in enumerate(lines) if line.split()[:1] == [claim_id]]
    assert len(starts) == 1, claim_id
    block = []
    for line in lines[starts[0] :]:
        if not line.strip():
            break
        block.append(line)
    return "\n".join(block)


def _bound_row(text: str, b: Bound) -> str:
    body = _section(text, "Bounds")
    rows = [line for line in body.splitlines() if line.startswith(b.spec.label + "  ")]
    assert len(rows) == 1, (b.spec.label, body)
    return rows[0]


def test_lines_fit_in_100_columns_and_have_no_colour(any_analysis: Analysis) -> None:
    text = render_text(any_analysis)
    assert text.endswith("\n") and not text.endswith("\n\n")
    for line in text.splitlines():
        assert len(line) <= 100, line
        assert line == line.rstrip(), repr(line)
    assert "\x1b" not in text


def test_same_analysis_same_bytes(any_analysis: Analysis) -> None:
    assert render_text(any_analysis) == render_text(copy.deepcopy(any_analysis))


def test_sections_in_order(proven: Analysis) -> None:
    text = render_text(proven)
    assert text.splitlines()[0] == proven.title
    positions = [text.index(f"\n{name}\n") for name in SECTIONS]
    assert positions == sorted(positions)
    assert text.index(f"File: {proven.file}") < positions[0]


def test_own_wording_is_ascii(proven: Analysis) -> None:
    render_text(proven).encode("ascii")  # the fixture's own text is ASCII too


def test_base_and_overall_status(
    proven: Analysis, no_example: Analysis, inconsistent_base: Analysis
) -> None:
    head = render_text(proven).split("\nClaims\n")[0]
    assert "observations and assumptions are consistent" in head
    assert "inconsistent" not in head
    head = render_text(no_example).split("\nClaims\n")[0]
    assert "observations and assumptions are consistent" in head
    assert "claims together are inconsistent" in head
    head = render_text(inconsistent_base).split("\nClaims\n")[0]
    assert "observations and assumptions are inconsistent" in head


def test_claims_show_every_field(proven: Analysis) -> None:
    text = render_text(proven)
    for c in proven.claims:
        block = _claim_block(text, c.ref.id)
        flat = " ".join(block.split())
        assert c.verdict.value in block.splitlines()[0].split()
        assert ("yes" if c.settled else "no") in block.splitlines()[0].split()
        assert str(c.ref.line) in block.splitlines()[0].split()
        assert c.ref.source_label is not None and c.ref.source_label in flat
        assert c.ref.says is not None and c.ref.says in flat
        assert c.reason in flat


def test_unknown_is_never_shown_as_inconsistent(unknown: Analysis) -> None:
    text = render_text(unknown)
    assert "infeasible" not in text.lower()
    head = text.split("\nClaims\n")[0]
    assert "inconsistent" not in head
    assert "could not be decided in the time limit" in head
    for c in unknown.claims:
        assert c.verdict is Verdict.UNKNOWN
        block = _claim_block(text, c.ref.id)
        assert "unknown" in block.splitlines()[0].split()
        assert "inconsistent" not in block and "impossible" not in block


def test_unproven_bound_is_an_interval_not_a_number(unproven: Analysis) -> None:
    text = render_text(unproven)
    b = unproven.bounds[0]
    assert b.min.lo is not None and b.min.hi is not None and b.min.lo != b.min.hi
    assert b.max.lo is not None and b.max.hi is not None
    row = _bound_row(text, b)
    cells = re.split(r"\s{2,}", row.strip())
    assert cells[1] == f"{b.min.lo}-{b.min.hi} units (time limit)"
    assert cells[2] == f"{b.max.lo}-{b.max.hi} units (time limit)"
    # a one-sided certificate says which side is known, and is still not a bare number
    half = unproven.bounds[2]
    cells = re.split(r"\s{2,}", _bound_row(text, half).strip())
    assert cells[1] == f"at most {half.min.hi} units (time limit)"
    assert cells[2] == f"at least {half.max.lo} units (time limit)"
    assert "certified interval" in _section(text, "Bounds")


def test_proven_bounds_are_numbers(proven: Analysis) -> None:
    text = render_text(proven)
    for b in proven.bounds:
        cells = re.split(r"\s{2,}", _bound_row(text, b).strip())
        noun = "flights" if b.spec.total == "flights" else "units"
        assert cells[1:] == [f"{b.min.lo:,} {noun}", f"{b.max.hi:,} {noun}"]
    assert "most permissive values" in _section(text, "Bounds")


def test_unbounded_max(unbounded: Analysis) -> None:
    text = render_text(unbounded)
    b = unbounded.bounds[0]
    cells = re.split(r"\s{2,}", _bound_row(text, b).strip())
    assert cells[2] == "unbounded"
    assert cells[1] == f"{b.min.lo} units"


def test_unknown_bound_says_unknown(unknown: Analysis) -> None:
    row = _bound_row(render_text(unknown), unknown.bounds[0])
    assert row.count("unknown (time limit)") == 2
    assert not re.search(r"\d", row)


def test_inconsistent_base_has_no_bounds_and_no_example(inconsistent_base: Analysis) -> None:
    text = render_text(inconsistent_base)
    row = _bound_row(text, inconsistent_base.bounds[0])
    assert not re.search(r"\d", row)
    assert "None" in _section(text, "Example allocation")
    assert inconsistent_base.base_status is Feasibility.INFEASIBLE


def test_values_used(proven: Analysis) -> None:
    body = _section(render_text(proven), "Values used")
    assert "monotone" in body and "most permissive" in body
    shown = {
        "aircraft.Il-76MD.payload": "48 t",
        "aircraft.Il-76MD.limits.canister_slots": "12 `canister_slots`",
        "cargo.48N6-canister.mass": "2.3 t",
        "cargo.40N6-canister.mass": "5,001.5 lb",
        "cargo.ration.mass": "12.5 kg",
    }
    assert [v.field for v in proven.values_used] == list(shown)
    for v in proven.values_used:
        rows = [line for line in body.splitlines() if line.startswith(v.field[:30])]
        assert len(rows) == 1, v.field
        assert f"  {shown[v.field]}  " in rows[0]
        assert ("largest" if v.side == "max" else "smallest") in rows[0]
    assert "rounded" not in body


def test_a_mass_is_shown_exactly_never_rounded(proven: Analysis) -> None:
    """12.5 kg is used as 12.5 kg: never '12 kg, rounded' (issue 8)."""
    body = _section(render_text(proven), "Values used")
    row = next(line for line in body.splitlines() if line.startswith("cargo.ration.mass"))
    assert re.split(r"\s{2,}", row.strip())[1:4] == ["12.5 kg", "12.5 kg", "smallest"]
    assert "12 kg" not in body and "rounded" not in body


def test_example_allocation(proven: Analysis) -> None:
    assert proven.example is not None
    body = _section(render_text(proven), "Example allocation")
    total = sum(r.count for r in proven.example.rows)
    assert f"{total} flights in all" in " ".join(body.split())
    for r in proven.example.rows:
        rows = [line for line in body.splitlines() if line.split()[:2] == [r.flights, r.to]]
        assert len(rows) == 1
        assert str(r.count) in rows[0].split()
        for cargo, n in r.load:
            assert f"{n} x {cargo}" in rows[0]
        if not r.load:
            assert "empty" in rows[0]


def test_no_example_says_why(no_example: Analysis) -> None:
    body = _section(render_text(no_example), "Example allocation")
    assert "None" in body and "all claims at once" in body


def test_assumptions_groups_notes_settings(proven: Analysis) -> None:
    text = render_text(proven)
    body = _section(text, "Assumptions")
    for a in proven.assumptions:
        row = next(line for line in body.splitlines() if line.startswith(a.id + " "))
        assert str(a.line) in row.split() and a.source_label is not None
        assert a.source_label in row
    for g in proven.flight_groups:
        assert g.id in _section(text, "Flight groups")
    for note in proven.notes:
        assert note in _section(text, "Notes")
    settings = _section(text, "Settings")
    assert "time limit: 10 s" in settings
    assert "seed: 0" in settings and "workers: 1" in settings


def test_long_cells_wrap_inside_the_width(awkward: Analysis) -> None:
    text = render_text(awkward)
    flat = " ".join(text.split())
    for c in awkward.claims:
        assert c.reason in flat
    assert "reason59" in text


def test_empty_analysis(empty: Analysis) -> None:
    text = render_text(empty)
    assert "no claims" in text
    assert "No totals to bound" in text
    assert "File:" not in text


def test_values_used_cite_their_line_and_source(proven: Analysis) -> None:
    text = render_text(proven)
    lines = text.splitlines()
    payload = next(line for line in lines if line.startswith("aircraft.Il-76MD.payload"))
    assert payload.rstrip().endswith("14")
    assert "aircraft Il-76MD: Encyclopaedia Britannica" in text
    assert "cargo 48N6-canister: no source given" in text
