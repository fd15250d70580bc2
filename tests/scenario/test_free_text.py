"""Free text (says, note, title...) that YAML would cut short: '#' comments warn, and ',' or
':' inside unquoted text get advice to quote it. The skeleton of ``airlift new`` quotes it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from airlift.errors import Problem, ScenarioError
from airlift.scenario import Scenario, load_scenario, load_scenario_text
from airlift.scenario.messages import is_free_text
from airlift.scenario.template import new_scenario_text

ROOT = Path(__file__).resolve().parent.parent.parent

BASE = """\
title: free text
airfields: {A: {}}
aircraft: {X: {payload: 1 t}}
cargo: {c: {kind: k, mass: 1 kg}}
flights:
  - id: g
    aircraft: X
    count: 1
    from: A
    to: A
"""


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "f.yaml")
    return info.value.problems


# --- which fields are free text ---------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        ("title",),
        ("description",),
        ("sources", "s", "publisher"),
        ("sources", "s", "title"),
        ("sources", "s", "note"),
        ("airfields", "A", "name"),
        ("airfields", "A", "note"),
        ("aircraft", "X", "name"),
        ("aircraft", "X", "estimate"),
        ("aircraft", "X", "note"),
        ("cargo", "c", "estimate"),
        ("flights", 0, "says"),
        ("flights", 0, "note"),
        ("claims", 3, "says"),
        ("assumptions", 0, "note"),
    ],
)
def test_prose_fields_are_free_text(path: tuple[str | int, ...]) -> None:
    assert is_free_text(path, Scenario)


@pytest.mark.parametrize(
    "path",
    [
        ("flights", 0, "id"),
        ("flights", 0, "to"),
        ("claims", 0, "total"),
        ("sources", "s", "url"),
        ("sources", "s", "date"),
        ("airfields", "A", "country"),
        ("cargo", "c", "kind"),
        ("aircraft", "X", "limits", "note"),
        ("says",),
        (),
    ],
)
def test_names_numbers_and_links_are_not_free_text(path: tuple[str | int, ...]) -> None:
    assert not is_free_text(path, Scenario)


# --- a '#' after free text warns --------------------------------------------------------


def test_a_comment_after_free_text_is_a_warning_at_the_hash() -> None:
    loaded = load_scenario_text(BASE + "    says: 84 missiles #2 report\n", "f.yaml")
    assert loaded.scenario.flights[0].says == "84 missiles"
    [warning] = loaded.warnings
    assert (warning.file, warning.line, warning.column) == ("f.yaml", 11, 23)
    assert warning.field_name == "flights[0].says"
    assert str(warning) == (
        "f.yaml:11:23: flights[0].says: read as '84 missiles': ' #' starts a comment, so "
        "'#2 report' is not part of the text; if it should be, put the text in quotes: "
        'says: "84 missiles #2 report"'
    )


def test_a_comment_inside_a_flow_mapping_suggests_only_the_text() -> None:
    text = BASE + "claims:\n  - {id: a, says: 84 missiles #2, seen\n     , total: c, at_least: 1}\n"
    [warning] = load_scenario_text(text).warnings
    assert warning.line == 12 and warning.message.endswith('says: "84 missiles #2"')


@pytest.mark.parametrize(
    "line",
    [
        "    says: '84 missiles' # the writer's own comment\n",
        "    note: >-  # a block scalar's header comment\n      84 missiles #2 report\n",
        "    count: 1 # a number, not text\n",
        "    says: https://x.org/a#part\n",
    ],
)
def test_deliberate_comments_and_hashes_inside_text_do_not_warn(line: str) -> None:
    text = BASE.replace("    count: 1\n", "") + (
        line if "count" in line else "    count: 1\n" + line
    )
    assert load_scenario_text(text).warnings == ()


def test_comments_after_names_do_not_warn() -> None:
    text = BASE.replace("    to: A\n", "    to: A   # the only airfield\n")
    text = text.replace("title: free text", "title: 'free text'  # quoted, so meant")
    assert load_scenario_text(text).warnings == ()


def test_warnings_are_in_file_order() -> None:
    text = BASE.replace("title: free text", "title: t # one") + "    note: n # two\n"
    assert [w.line for w in load_scenario_text(text).warnings] == [1, 11]


def test_every_worked_scenario_and_the_skeleton_load_without_warnings(tmp_path: Path) -> None:
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        assert load_scenario(path).warnings == (), path.name
    skeleton = tmp_path / "new.yaml"
    skeleton.write_text(new_scenario_text(), encoding="utf-8")
    assert load_scenario(skeleton).warnings == ()


# --- ',' and ':' inside unquoted text say to quote it -----------------------------------


def test_a_comma_in_flow_text_says_to_quote_it() -> None:
    text = BASE + "claims:\n  - {id: a, says: 84 missiles, 9 flights, total: c, at_least: 1}\n"
    [problem] = problems_of(text)
    assert (problem.line, problem.column) == (12, 32)
    assert problem.message == (
        "unknown field '9 flights'; inside {...} a comma ends a text, so is this the rest of "
        'says? Put the text in quotes: says: "84 missiles, 9 flights"'
    )


def test_several_commas_in_flow_text_give_the_whole_text() -> None:
    text = BASE + "claims:\n  - {id: a, total: c, at_least: 1, says: a, b: c, d}\n"
    problems = problems_of(text)
    assert [p.field_name for p in problems] == ["claims[0].b", "claims[0].d"]
    for problem in problems:
        assert problem.message.endswith('says: "a, b: c, d"')


def test_a_thousands_separator_in_flow_text_says_to_quote_the_text() -> None:
    text = BASE + "claims:\n  - {id: a, says: about 1,000 missiles, total: c, at_least: 1}\n"
    [problem] = problems_of(text)
    assert problem.message.endswith('says: "about 1,000 missiles"')


def test_an_unknown_field_after_a_name_is_a_plain_unknown_field() -> None:
    text = BASE + "claims:\n  - {id: a, total: c, at_least: 1, sayz: x}\n"
    [problem] = problems_of(text)
    assert problem.message.startswith("unknown field 'sayz'; did you mean 'says'?")


def test_in_block_style_an_unknown_field_is_a_plain_unknown_field() -> None:
    [problem] = problems_of(BASE + "    says: a\n    b:\n")
    assert "quotes" not in problem.message


def test_a_colon_in_block_text_says_to_quote_it() -> None:
    [problem] = problems_of(BASE + "    says: Hajun: 84 missiles\n")
    assert (problem.line, problem.column) == (11, 16)
    assert problem.message.endswith(
        "If the ':' belongs to the text, put the text in quotes, e.g. says: \"Hajun: 84 missiles\""
    )


def test_a_colon_in_flow_text_says_to_quote_it() -> None:
    text = BASE + "claims:\n  - {id: a, says: Hajun: 84 missiles, total: c, at_least: 1}\n"
    [problem] = problems_of(text)
    assert problem.message.endswith('must be in quotes, e.g. says: "Hajun: 84 missiles"')


def test_the_skeleton_quotes_every_says_or_writes_it_in_block_style() -> None:
    text = new_scenario_text()
    says = [line for line in text.splitlines() if re.search(r"\bsays:", line)]
    assert says
    for line in says:
        if line.lstrip().startswith("#"):
            continue
        value = line.split("says:", 1)[1].strip()
        assert value[:1] in ("'", '"'), line


# --- messages never repeat a huge value -------------------------------------------------


def test_messages_cut_long_values_short() -> None:
    long = "A" * 50_000
    text = f"""\
title: long values
airfields: {{B: {{}}}}
aircraft: {{X: {{payload: 1 {long}, limits: {{s: {long}}}}}}}
cargo:
  c: {{kind: k, mass: '{long}', size: {long}}}
  d: {{kind: k, mass: {{min: '2 t', max: '1 t'}}}}
flights:
  - {{id: {long}, aircraft: X, count: 1, from: B, to: [{long}, {long}]}}
  - {{id: {long}, aircraft: {long}, count: '{long}', from: B, to: B, source: {long}}}
claims:
  - {{id: a, total: {long}, at_least: {long}}}
  - {{id: b, total: k, at_least: !!int {long}}}
"""
    problems = problems_of(text)
    assert len(problems) >= 10
    for problem in problems:
        assert len(problem.message) < 400, problem.message[:400]
    assert any("(50,000 characters)" in p.message for p in problems)


def test_long_unknown_names_get_no_slow_suggestion() -> None:
    long = "B" * 200_000
    text = BASE.replace("airfields: {A: {}}", f"airfields: {{A: {{}}, ? {long}x : {{}}}}")
    text = text.replace("    to: A\n", f"    to: {long}y\n")
    [problem] = problems_of(text)
    assert problem.message.startswith("unknown airfield 'BBB") and len(problem.message) < 400
