"""The explanation in Markdown: the same sentences, escaped, with tables that stay tables."""

from __future__ import annotations

from dataclasses import replace

from airlift.report import render_explanation, render_markdown
from airlift.report.blocks import MARKDOWN_GLYPHS, code
from airlift.report.explain_blocks import conflict_sentence, need_sentence
from airlift.report.markdown import md_escape
from airlift.result import (
    Analysis,
    Conflict,
    Explanation,
    FlightCapacity,
    Role,
    StatementKey,
    StatementRef,
)
from tests.report.explain_fixtures import (
    CLAIMS_CONFLICT,
    NEEDS,
    WITNESS,
    full_explanation,
    unproven_only,
)

THRESHOLDS = "| Aircraft | Cargo | Most per flight | Limited by | Each alone allows |"


def _md(e: Explanation) -> str:
    return render_explanation(e, "markdown", title="Belarus | 2022", file="b.yaml")


def _table_rows(md: str, header: str) -> list[list[str]]:
    lines = md.splitlines()
    start = lines.index(header)
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    width = rows[0].count(" | ")
    assert all(r.replace("\\|", "").count(" | ") == width for r in rows), rows
    return [r.split(" | ") for r in rows[2:]]


def test_sections_and_sentences() -> None:
    md = _md(full_explanation())
    assert md.startswith("# Belarus \\| 2022\n\nFile: b.yaml\n\n")
    for heading in (
        "Conflicts",
        "Fewest claims to drop",
        "Thresholds",
        "About the explanation",
        "Statements cited",
    ):
        assert f"\n## {heading}\n" in md
    assert md_escape(conflict_sentence(CLAIMS_CONFLICT)) in md
    assert "- " + md_escape(need_sentence(NEEDS[0], MARKDOWN_GLYPHS)) in md
    assert "out of the 18–22 flights allowed" in md  # the Markdown dash


def test_thresholds_table() -> None:
    rows = _table_rows(_md(full_explanation()), THRESHOLDS)
    assert rows[0] == [
        "| Il-76MD",
        "48N6-canister",
        "12 units",
        "canister_slots",
        "payload: 20 units, canister_slots: 12 units |",
    ]
    assert rows[2] == ["| An-124", "pallet", "no limit", "–", "– |"]


def test_unproven_wording_survives_escaping() -> None:
    md = _md(unproven_only())
    assert "Not proven (found when the time limit ran out; may not be minimal):" in md
    assert "cannot" not in md.split("## Conflicts", 1)[1].split("## Fewest", 1)[0].replace(
        "cannot all hold together: dropping", ""
    )


def test_awkward_names_cannot_break_the_markup() -> None:
    odd = StatementRef("a|b*", "claim", "says | *this*", 3, "s", "Source | <b>", written="x")
    limit = StatementRef.of(StatementKey(Role.LIMIT, "An|124", "slots_"), None, 4, None, None, "2")
    e = Explanation(
        conflicts=(Conflict("claims", (odd, limit), proven=True),),
        capacities=(FlightCapacity("An|124", "box*", 2, ("slots_",), (("slots_", 2),)),),
    )
    md = _md(e)
    # a code span shows its text as it is: nothing inside it is escaped, nothing breaks out
    assert "`a|b*` (line 3, Source \\| \\<b\\>)" in md and "\\`" not in md
    assert "Source \\| \\<b\\>" in md
    rows = _table_rows(md, THRESHOLDS)
    assert len(rows) == 1
    cited = _table_rows(md, "| Statement | Says | Line | Source |")
    assert len(cited) == 1


def test_solve_report_in_markdown(proven: Analysis) -> None:
    md = render_markdown(replace(proven, explanation=full_explanation(), example=WITNESS))
    assert md.index("\n## Claims\n") < md.index("\n## Conflicts\n") < md.index("\n## Bounds\n")
    assert "| Flight group | To | Flights | Load per flight | Full |" in md
    assert "`belarus-shuttle` flies the most flights its count allows: 26 flights." in md
    assert "\n## Statements cited\n" not in md  # the solve report has its own tables


def test_ids_are_code_spans_not_escaped_backticks() -> None:
    md = _md(full_explanation())
    assert "\\`" not in md
    assert "`almost-100` (line 41, Daily Mirror, 2022-11-17) and `hajun-84` (line 43," in md
    text = render_explanation(full_explanation(), "text", title="Belarus | 2022", file="b.yaml")
    assert "\ue000" not in text and "\ue001" not in text
    assert "`almost-100` (line 41, Daily Mirror, 2022-11-17) and `hajun-84` (line 43," in text


def test_code_spans_hold_any_name() -> None:
    # a backtick inside: a longer fence, padded when the name starts or ends with one
    assert md_escape(f"see {code('a`b')}") == "see ``a`b``"
    assert md_escape(code("`x")) == "`` `x ``"
    assert md_escape(code("a|b")) == "`a|b`"
    assert md_escape(code("a|b"), cell=True) == "`a\\|b`"
    assert md_escape(code("*x*_")) == "`*x*_`"
    # real backticks in text from a scenario stay escaped, never read as code
    assert md_escape("a `quoted` word") == "a \\`quoted\\` word"
    assert md_escape("stray \ue000 mark") == "stray \\` mark"
    assert code("a\ue000b\ue001") == code("ab")
