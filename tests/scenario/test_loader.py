"""Loading scenarios: the issue's example loads as written; problems are located and ordered."""

from __future__ import annotations

import dataclasses
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from airlift.errors import Problem, ScenarioError
from airlift.scenario import (
    LoadedScenario,
    Scenario,
    load_scenario,
    load_scenario_text,
    scenario_from_dict,
    scenario_json_schema,
)

DATA = Path(__file__).parent.parent / "data"
EXAMPLE = DATA / "valid" / "issue-example.yaml"

MINIMAL = """\
title: minimal
airfields:
  A: {}
  B: {}
aircraft:
  Il-76MD: {payload: 48 t}
cargo:
  box: {kind: box, mass: 1 t}
flights:
  - {id: g, aircraft: Il-76MD, count: 3, from: A, to: B}
"""


def minimal_dict() -> dict[str, Any]:
    return {
        "title": "minimal",
        "airfields": {"A": {}, "B": {}},
        "aircraft": {"Il-76MD": {"payload": "48 t"}},
        "cargo": {"box": {"kind": "box", "mass": "1 t"}},
        "flights": [{"id": "g", "aircraft": "Il-76MD", "count": 3, "from": "A", "to": "B"}],
    }


def test_issue_example_loads_as_written() -> None:
    loaded = load_scenario(EXAMPLE)
    s = loaded.scenario
    assert isinstance(loaded, LoadedScenario) and loaded.file == str(EXAMPLE)
    assert s.title == "S-300/S-400 missiles flown out of Belarus, 9-13 November 2022"
    assert s.sources["mirror"].date == "2022-11-17"  # a date stays text
    assert s.sources["hajun"].publisher == "Belarusian Hajun, quoted by dziennik.pl"
    assert list(s.airfields) == [
        "Machulishchy",
        "Millerovo",
        "Rostov-on-Don",
        "Seshcha",
        "Chkalovsky",
    ]
    assert s.airfields["Machulishchy"].country == "BY"
    assert s.airfields["Chkalovsky"].lat == pytest.approx(55.890)
    plane = s.aircraft["Il-76MD"]
    assert plane.payload.min.value == Fraction(40_000)
    assert plane.payload.max.value == Fraction(48_000)
    assert plane.limits["canister_slots"].max.value == 12
    canister = s.cargo["48N6-canister"]
    assert canister.kind == "missile"
    assert canister.mass.min.value == Fraction(2300) and canister.mass.max.value == 3300
    assert canister.uses["canister_slots"].min.value == 1
    [group] = s.flights
    assert (group.id, group.aircraft, group.from_) == ("belarus-shuttle", "Il-76MD", "Machulishchy")
    assert (group.count.min, group.count.max) == (18, 22)
    assert group.to == ["Millerovo", "Rostov-on-Don", "Seshcha", "Chkalovsky"]
    assert group.carries == ["48N6-canister", "40N6-canister"]
    [assumption] = s.assumptions
    assert assumption.per_flight is True and assumption.at_least == 1
    assert [c.id for c in s.claims] == ["at-least-70", "almost-100", "hajun-84", "chkalovsky"]
    assert s.claims[1].between == (90, 99)
    assert s.claims[3].to == ["Chkalovsky"]
    assert s.estimate is not None and [(r.total, r.by) for r in s.estimate] == [
        ("missile", "to"),
        ("flights", "to"),
    ]


def test_positions_and_line_of() -> None:
    loaded = load_scenario(EXAMPLE)
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    # the recorded position is where the value's text starts
    line, column = loaded.positions[("flights", 0, "from")]
    assert lines[line - 1][column - 1 :].startswith("Machulishchy")
    line, column = loaded.key_positions[("flights", 0, "from")]
    assert lines[line - 1][column - 1 :].startswith("from:")
    line, column = loaded.positions[("claims", 2, "source")]
    assert lines[line - 1][column - 1 :].startswith("hajun")
    assert "hajun-84" in lines[loaded.line_of(("claims", 2)) - 1]  # type: ignore[operator]
    # count: {min, max} has its own min; "payload" with an exact value would not
    assert (
        loaded.line_of(("aircraft", "Il-76MD", "payload", "min"))
        == lines.index("    payload: {min: 40 t, max: 48 t}") + 1
    )
    assert loaded.line_of(("claims", 2, "no-such-field")) == loaded.line_of(("claims", 2))
    assert loaded.line_of(("no-such-section",)) is None


def test_short_forms_have_the_line_of_the_value() -> None:
    loaded = load_scenario_text(MINIMAL)
    assert loaded.file == "<string>"
    assert loaded.line_of(("aircraft", "Il-76MD", "payload", "max")) == 6
    assert loaded.line_of(("flights", 0, "count", "min")) == 10


def test_loaded_scenario_is_frozen() -> None:
    loaded = load_scenario_text(MINIMAL)
    with pytest.raises(dataclasses.FrozenInstanceError):
        loaded.file = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        loaded.positions[()] = (9, 9)  # type: ignore[index]


def test_yaml_11_words_stay_text() -> None:
    text = MINIMAL.replace("A: {}", "NO: {country: NO}").replace("from: A", "from: NO")
    loaded = load_scenario_text(text)
    assert loaded.scenario.airfields["NO"].country == "NO"
    assert loaded.scenario.flights[0].from_ == "NO"


def test_problem_format_is_file_line_column_field_message() -> None:
    text = MINIMAL.replace("mass: 1 t", "mass: 1 ton")
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "scenarios/x.yaml")
    [problem] = info.value.problems
    assert str(problem) == (
        "scenarios/x.yaml:8:26: cargo.box.mass: 'ton' is ambiguous; write 't' (metric tonne), "
        "'short_ton' or 'long_ton'"
    )
    assert str(info.value).startswith("1 problem in the scenario:\nscenarios/x.yaml:8:26: ")


def test_problems_are_sorted_by_line_then_column() -> None:
    text = MINIMAL.replace("to: B}", "to: C}").replace("title: minimal", "title: minimal\nx: 1")
    text = text.replace("payload: 48 t", "payload: 48")
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text)
    lines = [p.line for p in info.value.problems]
    assert lines == [2, 7, 11]
    assert [p.path for p in info.value.problems] == [
        ("x",),
        ("aircraft", "Il-76MD", "payload"),
        ("flights", 0, "to"),
    ]


def test_missing_file_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(ScenarioError) as info:
        load_scenario(missing)
    [problem] = info.value.problems
    assert problem == Problem(str(missing), None, None, (), "the file does not exist")
    assert str(problem) == f"{missing}: the file does not exist"


def test_directory_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario(tmp_path)
    assert "directory" in info.value.problems[0].message


def test_utf8_with_bom_and_non_ascii_text(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes(
        b"\xef\xbb\xbf" + MINIMAL.replace("minimal", "Machulishchy – Мачулищы").encode("utf-8")
    )
    assert load_scenario(path).scenario.title == "Machulishchy – Мачулищы"


def test_decode_error_is_located(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(MINIMAL.replace("minimal", "café").encode("latin-1"))
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    [problem] = info.value.problems
    assert (problem.line, problem.column) == (1, 11)
    assert "not valid UTF-8" in problem.message


def test_scenario_from_dict_validates_and_checks_references() -> None:
    scenario = scenario_from_dict(minimal_dict())
    assert isinstance(scenario, Scenario)
    assert scenario.flights[0].to == ["B"]
    bad = minimal_dict()
    bad["flights"][0]["to"] = "C"
    bad["cargo"]["box"]["mass"] = 5
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(bad, "built-in-code")
    found = {(p.file, p.line, p.field_name) for p in info.value.problems}
    assert found == {
        ("built-in-code", None, "flights[0].to"),
        ("built-in-code", None, "cargo.box.mass"),
    }


def test_scenario_from_dict_refuses_a_non_mapping() -> None:
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict([1, 2])  # type: ignore[arg-type]
    assert "must be a mapping" in info.value.problems[0].message


def test_missing_field_and_its_misspelling_give_one_problem() -> None:
    text = MINIMAL.replace("{kind: box,", "{knid: box,")
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text)
    [problem] = info.value.problems
    assert problem.message.startswith("unknown field 'knid'; did you mean 'kind'?")


def test_json_schema_describes_the_format_for_editors() -> None:
    schema = scenario_json_schema()
    json.dumps(schema)  # plain JSON
    assert schema["title"] and schema["description"]
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert set(schema["required"]) >= {"title", "airfields", "aircraft", "cargo", "flights"}
    defs = schema["$defs"]
    group = defs["FlightGroup"]["properties"]
    assert "from" in group and "from_" not in group
    # short forms the loader accepts are accepted by the schema too
    assert {"type": "string"} in group["to"]["anyOf"]
    assert any(option.get("type") == "integer" for option in group["count"]["anyOf"])
    payload = defs["Aircraft"]["properties"]["payload"]["anyOf"]
    assert any(option.get("type") == "string" for option in payload)
    assert {"$ref": "#/$defs/MassRange"} in payload

    def refs(node: object) -> list[str]:
        if isinstance(node, dict):
            own = [node["$ref"]] if "$ref" in node else []
            return own + [r for v in node.values() for r in refs(v)]
        return [r for v in node for r in refs(v)] if isinstance(node, list) else []

    for ref in refs(schema):
        assert ref.removeprefix("#/$defs/") in defs


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab:- {}[],'\"&*!#\n\t0123456789.~|>?%@`")), max_size=80)
)
def test_any_text_gives_a_scenario_or_a_scenario_error(text: str) -> None:
    try:
        load_scenario_text(text)
    except ScenarioError as exc:
        assert exc.problems
        assert all(isinstance(p, Problem) and p.message for p in exc.problems)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=0, max_value=MINIMAL.count("\n") - 1),
    st.sampled_from(
        ["", "x: 1", "  - 3", "!!python/object:os.system", "{", "to: [Z]", "mass: -1 t", "count:"]
    ),
)
def test_damaged_scenarios_never_escape_as_other_errors(line: int, insert: str) -> None:
    lines = MINIMAL.splitlines()
    lines[line] = lines[line][: len(lines[line]) // 2] + insert
    try:
        load_scenario_text("\n".join(lines))
    except ScenarioError as exc:
        assert exc.problems


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "the file is empty"),
        ("# nothing\n", "the file is empty"),
        ("null\n", "found nothing"),
        ("12\n", "found the number 12"),
        ("- a\n", "found a list"),
        ("--- !!python/object:x {a: 1}\n", "YAML tags that construct objects are refused"),
    ],
)
def test_top_level_must_be_a_mapping(text: str, fragment: str) -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text)
    [problem] = info.value.problems
    assert fragment in problem.message


@pytest.mark.parametrize("content", [b"", b"# only a comment\n", b"\n\n"])
def test_an_empty_file_names_line_1(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.yaml"
    path.write_bytes(content)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    [problem] = info.value.problems
    assert str(problem).startswith(f"{path}:1:1: the file is empty; a scenario needs at least")


def test_a_loaded_scenario_without_surprises_has_no_warnings() -> None:
    assert load_scenario_text(MINIMAL).warnings == ()
    assert load_scenario(EXAMPLE).warnings == ()
