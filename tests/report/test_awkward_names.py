"""Names with dots, spaces, quotes and other scripts, solved and rendered in every format.

Unlike the other report tests this one solves (the scenario of
:mod:`tests.analysis.awkward`, once per module): the names must survive the whole way
from the file to the sentence, and every sentence must name the aircraft, cargo and
limit the analysis meant, whole, never cut at a dot.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from airlift.analysis import analyze
from airlift.model import SolveOptions
from airlift.report import FORMATS, render, render_explanation
from airlift.result import Analysis
from tests.analysis.awkward import line_of, load

OPTIONS = SolveOptions(time_limit=10, seed=0, workers=1)
QUOTED = 'The "Quoted" Paper, 2022-11-17'
FLOOR_LINE, PAYLOAD_LINE = line_of("limits: {floor length"), line_of("payload: 10 t")
BOX_LINE, CRATE_LINE = line_of("mass: 2 t"), line_of("mass: 3 t")
SIX_LINE, EIGHT_LINE = line_of("- {id: все.ящики"), line_of('- {id: "boxes: eight"')

#: Sentences (or their ends) of the explanation, the same in text and Markdown.
SENTENCES = (
    f"the Il-76.MD floor length limit of 20 m (line {FLOOR_LINE}, {QUOTED}).",
    "The Il-76.MD floor length limit would have to be at least 25 m; the scenario has 20 m "
    f"(line {FLOOR_LINE})",
    f'the Il-76.MD payload of 10 t (line {PAYLOAD_LINE}, {QUOTED}) and the ящик "Ω" mass of '
    f"3 t (line {CRATE_LINE}).",
    "The Il-76.MD payload would have to be at least 12 t; the scenario has 10 t "
    f"(line {PAYLOAD_LINE})",
    f'The ящик "Ω" mass would have to be at most 2.5 t; the scenario has 3 t (line {CRATE_LINE})',
    "The box.v2 mass would have to be at most 250 kg; the scenario has 2 t (2,000 kg, "
    f"line {BOX_LINE})",
    f"`все.ящики` (line {SIX_LINE}) and `boxes: eight` (line {EIGHT_LINE}) cannot both hold",
    f"For `boxes: eight` (line {EIGHT_LINE}) to hold, the total "
    '"box.v2 to Москва Шереметьево" must reach 8',
)


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyze(load(), OPTIONS, explain=True)


def one_line(text: str) -> str:
    """The report with its lines joined, so that a wrapped sentence reads as one."""
    return " ".join(text.split())


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_sentences_name_whole_entries(analysis: Analysis, fmt: str) -> None:
    report = one_line(render(analysis, fmt))
    for sentence in SENTENCES:
        assert sentence in report, sentence
    assert "Il-76 " not in report and "MD payload" not in report.replace("Il-76.MD payload", "")
    sources = (
        f"Sources: aircraft Il-76.MD: {QUOTED}; cargo box.v2: no source given; "
        'cargo ящик "Ω": no source given.'
    )
    assert sources in report
    assert "aircraft.Il-76.MD.limits.floor length" in report  # the values-used table


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_explain_alone_says_the_same(analysis: Analysis, fmt: str) -> None:
    assert analysis.explanation is not None
    report = one_line(render_explanation(analysis.explanation, fmt, title=analysis.title))
    for sentence in SENTENCES:
        assert sentence in report, sentence


def _members(conflict: dict[str, Any]) -> set[tuple[str, str]]:
    return {(m["role"], m["id"]) for m in conflict["members"]}


def _check_json_explanation(e: dict[str, Any]) -> None:
    by_context = {c["context"]: c for c in e["conflicts"]}
    assert _members(by_context["claim:five.boxes"]) == {
        ("claim", "five.boxes"),
        ("flights", "shuttle.1"),
        ("limit", "aircraft.Il-76.MD.limits.floor length"),
    }
    assert _members(by_context["claim:four crates"]) == {
        ("claim", "four crates"),
        ("flights", "shuttle.1"),
        ("payload", "aircraft.Il-76.MD.payload"),
        ("mass", 'cargo.ящик "Ω".mass'),
    }
    assert ("mass", "cargo.box.v2.mass") in _members(by_context["claims"])
    lines = {m["id"]: m["line"] for c in e["conflicts"] for m in c["members"]}
    assert lines["aircraft.Il-76.MD.limits.floor length"] == FLOOR_LINE
    assert lines['cargo.ящик "Ω".mass'] == CRATE_LINE
    relaxed = {(r["conflict"], r["id"]): r for r in e["relaxations"]}
    contexts = [c["context"] for c in e["conflicts"]]
    floor = relaxed[contexts.index("claim:five.boxes"), "aircraft.Il-76.MD.limits.floor length"]
    assert (floor["role"], floor["field"], floor["needed"], floor["needed_text"]) == (
        "limit",
        "limit",
        2500,
        "25 m",
    )
    crate = relaxed[contexts.index("claim:four crates"), 'cargo.ящик "Ω".mass']
    assert (crate["role"], crate["direction"], crate["needed"]) == ("mass", "down", 2500)
    assert {d["id"] for d in e["correction"]["drop"]} >= {"five.boxes", "four crates"}
    capacity = {(c["aircraft"], c["cargo"]): c["binds"] for c in e["capacities"]}
    assert capacity["Il-76.MD", "box.v2"] == ["floor length"]


def test_json_ids_are_the_field_paths_as_written(analysis: Analysis) -> None:
    report = render(analysis, "json")
    assert "Москва Шереметьево" in report and "\\u" not in report  # UTF-8, not escapes
    data = json.loads(report)
    _check_json_explanation(data["explanation"])
    assert [v["field"] for v in data["values_used"]] == [
        "aircraft.Il-76.MD.payload",
        "aircraft.Il-76.MD.limits.floor length",
        "cargo.box.v2.mass",
        "cargo.box.v2.uses.floor length",
        'cargo.ящик "Ω".mass',
    ]
    assert [c["id"] for c in data["claims"]] == [
        "five.boxes",
        "four crates",
        "все.ящики",
        "boxes: eight",
    ]


def test_explain_json(analysis: Analysis) -> None:
    assert analysis.explanation is not None
    report = render_explanation(analysis.explanation, "json", title=analysis.title)
    _check_json_explanation(json.loads(report)["explanation"])


def test_every_format_renders(analysis: Analysis) -> None:
    assert all(render(analysis, fmt) for fmt in FORMATS)
