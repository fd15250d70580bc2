"""The Markdown report: valid GitHub tables, escaped text, same content as the text report."""

from __future__ import annotations

import copy
import re

from airlift.report import render_markdown
from airlift.report.markdown import md_escape
from airlift.result import Analysis

_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _cells(line: str) -> list[str]:
    """A table row's cells, splitting on unescaped pipes only."""
    assert line.startswith("| ") and line.endswith(" |"), line
    return [c.strip() for c in _UNESCAPED_PIPE.split(line)[1:-1]]


def _tables(md: str) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    current: list[list[str]] | None = None
    for line in md.splitlines():
        if line.startswith("|"):
            if current is None:
                current = []
                tables.append(current)
            current.append(_cells(line))
        else:
            current = None
    return tables


def _table_after(md: str, heading: str) -> list[list[str]]:
    return _tables(md.split(f"\n## {heading}\n", 1)[1])[0]


def test_tables_are_well_formed(any_analysis: Analysis) -> None:
    md = render_markdown(any_analysis)
    for table in _tables(md):
        header, rule, *rows = table
        assert all(re.fullmatch(r"---:?", c) for c in rule), rule
        assert len(rule) == len(header)
        for row in rows:
            assert len(row) == len(header), (header, row)
    # a table is a block of its own: a blank line before and after it
    lines = md.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("|") and not lines[i - 1].startswith("|"):
            assert lines[i - 1] == ""
        if line.startswith("|") and i + 1 < len(lines) and not lines[i + 1].startswith("|"):
            assert lines[i + 1] == ""


def test_one_table_per_section(proven: Analysis) -> None:
    md = render_markdown(proven)
    assert len(_table_after(md, "Claims")[0]) == 7
    assert len(_table_after(md, "Bounds")[0]) == 3
    assert len(_table_after(md, "Example allocation")[0]) == 4
    assert md.startswith(f"# {proven.title}\n")
    headings = re.findall(r"^## (.+)$", md, flags=re.M)
    for name in [
        "Claims",
        "Bounds",
        "Values used",
        "Example allocation",
        "Assumptions",
        "Settings",
    ]:
        assert name in headings
    order = [
        headings.index(n)
        for n in [
            "Claims",
            "Bounds",
            "Values used",
            "Example allocation",
            "Assumptions",
            "Settings",
        ]
    ]
    assert order == sorted(order)


def test_same_analysis_same_bytes(any_analysis: Analysis) -> None:
    assert render_markdown(any_analysis) == render_markdown(copy.deepcopy(any_analysis))
    assert render_markdown(any_analysis).endswith("\n")


def test_claim_rows(proven: Analysis) -> None:
    rows = _table_after(render_markdown(proven), "Claims")[2:]
    assert len(rows) == len(proven.claims)
    for row, c in zip(rows, proven.claims, strict=True):
        assert row[0] == md_escape(c.ref.id)
        assert row[2] == c.verdict.value
        assert row[3] == ("yes" if c.settled else "no")
        assert row[4] == md_escape(c.reason)
        assert row[5] == str(c.ref.line)
        assert c.ref.source_label is not None and row[6] == md_escape(c.ref.source_label)


def test_unproven_interval_and_unbounded(unproven: Analysis, unbounded: Analysis) -> None:
    rows = _table_after(render_markdown(unproven), "Bounds")[2:]
    b = unproven.bounds[0]
    assert rows[0][1] == f"{b.min.lo}–{b.min.hi} units (time limit)"
    assert rows[0][2] == f"{b.max.lo}–{b.max.hi} units (time limit)"
    rows = _table_after(render_markdown(unbounded), "Bounds")[2:]
    assert rows[0][2] == "unbounded"


def test_unknown_claims_not_inconsistent(unknown: Analysis) -> None:
    md = render_markdown(unknown)
    rows = _table_after(md, "Claims")[2:]
    assert [r[2] for r in rows] == ["unknown"] * len(unknown.claims)
    assert "infeasible" not in md.lower()
    assert "inconsistent" not in md.split("\n## Claims\n")[0]


def test_escaping_keeps_tables_intact(awkward: Analysis) -> None:
    md = render_markdown(awkward)
    rows = _table_after(md, "Claims")[2:]
    assert rows[0][0] == r"a\|b"
    assert rows[0][1] == r"pipes \| and \*stars\* and newlines"
    assert rows[0][6] == r"Source \| with pipe"
    example = _table_after(md, "Example allocation")[2:]
    assert example[0][:3] == [r"g\|1", r"A\|B", "3"]
    assert "× 48N6-canister" in example[0][3]
    assert md.startswith(r"# Ракеты \| \*moved\* \<out\> of_Belarus\_" + "\n")
    assert "\n- note with \\| pipe\n" in md


def test_md_escape_roundtrip_characters() -> None:
    assert md_escape("canister_slots") == "canister_slots"
    assert md_escape("_x_") == r"\_x\_"
    assert md_escape("a\\b") == r"a\\b"
    assert md_escape("line\nbreak") == "line break"
    assert md_escape("[link](x) `code` ~~s~~") == r"\[link\](x) \`code\` \~\~s\~\~"


def test_values_used_table(proven: Analysis) -> None:
    md = render_markdown(proven)
    rows = _table_after(md, "Values used")[2:]
    assert [r[0] for r in rows] == [md_escape(v.field) for v in proven.values_used]
    payload = rows[0]
    assert payload[2] == "48 t" and payload[3] == "largest"
    assert [r[2] for r in rows[1:]] == ["12 `canister_slots`", "2.3 t", "5,001.5 lb", "12.5 kg"]
    assert "monotone" in md.split("\n## Values used\n")[1].split("\n## ")[0]
