"""The YAML reader: YAML 1.2 core-schema scalars, positions, refused constructs."""

from __future__ import annotations

import math

import pytest

from airlift.errors import ScenarioError
from airlift.scenario.yaml_nodes import MAX_ALIAS_NODES, read_yaml, resolve_plain


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # YAML 1.1 booleans and sexagesimals and dates are plain text in YAML 1.2
        ("NO", "NO"),
        ("no", "no"),
        ("yes", "yes"),
        ("Yes", "Yes"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("12:30", "12:30"),
        ("2022-11-17", "2022-11-17"),
        ("1_000", "1_000"),
        ("0b101", "0b101"),
        ("48 t", "48 t"),
        ("Il-76MD", "Il-76MD"),
        # core schema values
        ("", None),
        ("~", None),
        ("null", None),
        ("Null", None),
        ("NULL", None),
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("FALSE", False),
        ("tRue", "tRue"),
        ("nULL", "nULL"),
        ("0", 0),
        ("42", 42),
        ("-7", -7),
        ("+5", 5),
        ("007", 7),
        ("0x1F", 31),
        ("0xff", 255),
        ("0o17", 15),
        ("0o8", "0o8"),
        ("1.5", 1.5),
        ("-0.5", -0.5),
        (".5", 0.5),
        ("5.", 5.0),
        ("1e3", 1000.0),
        ("2.5E-1", 0.25),
        (".inf", math.inf),
        ("-.Inf", -math.inf),
        ("+.INF", math.inf),
    ],
)
def test_plain_scalars_follow_the_core_schema(text: str, expected: object) -> None:
    value = resolve_plain(text)
    assert value == expected
    assert type(value) is type(expected)


def test_nan_is_a_float() -> None:
    for text in (".nan", ".NaN", ".NAN"):
        value = resolve_plain(text)
        assert isinstance(value, float) and math.isnan(value)


def test_document_values_and_positions() -> None:
    text = (
        "a: NO\n"
        "b: [yes, '12', !!str 12, !!int '12', !!float 3, !!bool 'true', !!null '']\n"
        "c:\n"
        "  d: 2022-11-17\n"
        "  e: 12:30\n"
    )
    doc = read_yaml(text, "f.yaml")
    assert doc.data == {
        "a": "NO",
        "b": ["yes", "12", "12", 12, 3.0, True, None],
        "c": {"d": "2022-11-17", "e": "12:30"},
    }
    assert doc.problems == []
    assert doc.values[()] == (1, 1)
    assert doc.values[("a",)] == (1, 4)
    assert doc.keys[("a",)] == (1, 1)
    assert doc.values[("b", 1)] == (2, 10)
    assert doc.values[("c",)] == (4, 3)
    assert doc.keys[("c", "e")] == (5, 3)
    assert doc.values[("c", "e")] == (5, 6)


def test_empty_documents_are_none() -> None:
    assert read_yaml("", "f").data is None
    assert read_yaml("# only a comment\n", "f").data is None


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['ls']",
        "!!python/name:os.system ''",
        "!custom x",
        "!!set {a: null}",
        "!!timestamp 2022-11-17",
        "!!binary aGk=",
    ],
)
def test_other_tags_are_refused(tag: str) -> None:
    doc = read_yaml(f"ok: 1\nbad: {tag}\n", "f.yaml")
    assert doc.data == {"ok": 1, "bad": None}
    [problem] = doc.problems
    assert (problem.line, problem.column, problem.path) == (2, 6, ("bad",))
    assert "YAML tags that construct objects are refused" in problem.message
    assert ("bad",) in doc.refused


def test_standard_tag_with_a_wrong_value_is_a_problem() -> None:
    doc = read_yaml("a: !!int twelve\n", "f.yaml")
    [problem] = doc.problems
    assert "'twelve' is not a valid !!int" in problem.message
    assert (problem.line, problem.column) == (1, 4)


def test_duplicate_keys_name_the_first_line() -> None:
    doc = read_yaml("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n", "f.yaml")
    assert doc.data == {"a": 1, "b": {"c": 1}}
    found = {(p.line, p.column, p.path): p.message for p in doc.problems}
    assert found == {
        (4, 3, ("b", "c")): "duplicate key 'c'; it is already given on line 3",
        (5, 1, ("a",)): "duplicate key 'a'; it is already given on line 1",
    }


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("1: x\n", "read as a number"),
        ("true: x\n", "read as a boolean"),
        ("~: x\n", "key is empty"),
        ("? [a]\n: x\n", "not a list or mapping"),
        ("<<: {a: 1}\n", "merge keys"),
        ("!!int 3: x\n", "write it in quotes"),
    ],
)
def test_keys_must_be_names(text: str, fragment: str) -> None:
    doc = read_yaml(text, "f.yaml")
    assert doc.data == {}
    [problem] = doc.problems
    assert fragment in problem.message
    assert problem.line == 1


def test_a_refused_key_does_not_refuse_its_mapping() -> None:
    doc = read_yaml("a: {!!python/name:os.system k: 1, b: 2}\n", "f.yaml")
    assert doc.data == {"a": {"b": 2}}
    [problem] = doc.problems
    assert "YAML tags that construct objects are refused" in problem.message
    assert doc.refused == frozenset()


def test_quoted_number_keys_are_names() -> None:
    assert read_yaml("'1': x\n\"true\": y\n", "f").data == {"1": "x", "true": "y"}


def test_aliases_expand_and_locate_the_alias() -> None:
    doc = read_yaml("a: &x [1, 2]\nb: *x\n", "f.yaml")
    assert doc.data == {"a": [1, 2], "b": [1, 2]}
    assert doc.values[("b",)] == (2, 4)
    assert doc.values[("b", 1)] == (1, 11)  # where the text of the value is


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    with pytest.raises(ScenarioError) as info:
        read_yaml("\n".join(lines), "bomb.yaml")
    [problem] = info.value.problems
    assert f"more than {MAX_ALIAS_NODES:,} values" in problem.message
    assert problem.line is not None and problem.line > 1


def test_recursive_alias_is_refused() -> None:
    doc = read_yaml("x: &a [1, *a]\n", "f.yaml")
    [problem] = doc.problems
    assert "inside its own anchor" in problem.message
    assert (problem.line, problem.column, problem.path) == (1, 11, ("x", 1))


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ("a: [1, 2\n", 2, 1, "expected ',' or ']'"),
        ("a:\n\tb: 1\n", 2, 1, "tabs cannot indent YAML"),
        ("a: b: c\n", 1, 5, "mapping values are not allowed here"),
        ("a:\n  b: 1\n c: 2\n", 3, 2, "indentation"),
        ("a: 1\nb\nc: 2\n", 2, 1, "no ':'"),
        ("a: 'open\n", 1, 4, "never closed"),
        ("a: *nowhere\n", 1, 4, "undefined alias"),
        ("a: &x 1\nb: &x 2\n", 2, 4, "defined twice"),
        ("a: 1\n---\nb: 2\n", 2, 1, "more than one YAML document"),
        ("a: \x07\n", 1, 4, "not allowed"),
    ],
)
def test_malformed_yaml_uses_the_parser_mark(
    text: str, line: int, column: int, fragment: str
) -> None:
    with pytest.raises(ScenarioError) as info:
        read_yaml(text, "bad.yaml")
    [problem] = info.value.problems
    assert (problem.file, problem.line, problem.column) == ("bad.yaml", line, column)
    assert fragment in problem.message


def test_deep_nesting_is_a_problem_not_a_crash() -> None:
    with pytest.raises(ScenarioError) as info:
        read_yaml("[" * 5000 + "]" * 5000, "deep.yaml")
    assert "nested too deeply" in info.value.problems[0].message
