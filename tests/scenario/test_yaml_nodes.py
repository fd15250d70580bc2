"""The YAML reader: YAML 1.2 core-schema scalars, positions, refused constructs."""

from __future__ import annotations

import math

import pytest

from airlift.errors import ScenarioError
from airlift.scenario.yaml_nodes import (
    MAX_ALIAS_CHARS,
    MAX_ALIAS_NODES,
    MAX_DEPTH,
    TrailingComment,
    read_yaml,
    resolve_plain,
)


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


@pytest.mark.parametrize("levels", [MAX_DEPTH, 330, 5000])
def test_deep_nesting_names_where_it_passed_the_limit(levels: int) -> None:
    # the root mapping is the first level, so the title's MAX_DEPTH-th '[' is one too many
    text = "a: 1\ntitle: " + "[" * levels + "]" * levels + "\n"
    with pytest.raises(ScenarioError) as info:
        read_yaml(text, "deep.yaml")
    [problem] = info.value.problems
    assert (problem.line, problem.column) == (2, len("title: ") + MAX_DEPTH)
    assert f"more than {MAX_DEPTH} levels" in problem.message


def test_nesting_up_to_the_limit_is_read() -> None:
    levels = MAX_DEPTH - 1
    doc = read_yaml("title: " + "[" * levels + "]" * levels + "\n", "f.yaml")
    assert doc.problems == []


def test_nesting_built_from_aliases_is_located_at_the_alias() -> None:
    half = MAX_DEPTH - 2
    lines = [f"a0: &a0 {'[' * half}x{']' * half}"]
    lines += [f"a{i}: &a{i} {'[' * half}*a{i - 1}{']' * half}" for i in range(1, 3)]
    with pytest.raises(ScenarioError) as info:
        read_yaml("\n".join(lines), "deep.yaml")
    [problem] = info.value.problems
    assert problem.line == 2 and "nested too deeply" in problem.message


def test_a_long_text_aliased_many_times_is_refused_at_the_alias() -> None:
    big = "A" * 20_000
    text = f"title: &big {big}\nto: [{', '.join(['*big'] * 50)}]\n"
    with pytest.raises(ScenarioError) as info:
        read_yaml(text, "f.yaml")
    [problem] = info.value.problems
    crossing = MAX_ALIAS_CHARS // len(big)  # the alias whose text passes the limit
    assert problem.path == ("to", crossing)
    assert (problem.line, problem.column) == (2, 6 + 6 * crossing)
    assert f"more than {MAX_ALIAS_CHARS:,} characters" in problem.message
    assert len(str(problem)) < 200


def test_long_aliased_keys_count_too() -> None:
    big = "k" * 60_000
    with pytest.raises(ScenarioError) as info:
        read_yaml(f"a: &k {big}\nb: {{*k : 1}}\nc: {{*k : 2}}\n", "f.yaml")
    [problem] = info.value.problems
    assert problem.line == 3 and "characters" in problem.message


def test_a_few_short_aliases_are_fine() -> None:
    doc = read_yaml("to: &to [A, B]\nc1: {to: *to}\nc2: {to: *to}\n", "f.yaml")
    assert doc.data == {"to": ["A", "B"], "c1": {"to": ["A", "B"]}, "c2": {"to": ["A", "B"]}}


@pytest.mark.parametrize(
    "text",
    [
        "9" * 4301,
        "1" + "0" * 4300,
        "0x" + "f" * 4000,
        "0o" + "7" * 5000,
        "-" + "9" * 200,
    ],
)
def test_integers_too_long_to_convert_stay_text(text: str) -> None:
    # Python refuses int() of 4,301 digits; any such number is refused by the field holding it
    assert resolve_plain(text) == text
    assert read_yaml(f"a: {text}\nb: !!int {text}\n", "f.yaml").data == {"a": text, "b": text}


def test_integers_with_leading_zeros_are_converted() -> None:
    assert resolve_plain("0" * 5000 + "12") == 12
    assert resolve_plain("9" * 100) == int("9" * 100)


def test_a_tagged_float_never_overflows() -> None:
    doc = read_yaml(f"a: !!float 1{'0' * 400}\nb: !!float 0x1{'0' * 300}\n", "f.yaml")
    assert doc.data == {"a": math.inf, "b": math.inf}


def test_long_values_are_cut_in_messages() -> None:
    doc = read_yaml(f"a: !!int {'x' * 10_000}\n", "f.yaml")
    [problem] = doc.problems
    assert "(10,000 characters)" in problem.message and len(problem.message) < 200
    with pytest.raises(ScenarioError) as info:
        read_yaml(f"a: *{'n' * 10_000}\n", "f.yaml")
    assert len(info.value.problems[0].message) < 200


def test_comments_after_unquoted_values_are_noted() -> None:
    text = (
        "says: 84 missiles #2 report\n"
        "note: 'quoted' # a comment the writer meant\n"
        "count: 3   # figures\n"
        "flow: {says: x #y\n  , b: 1}\n"
        "url: https://x.org/a#part\n"
    )
    doc = read_yaml(text, "f.yaml")
    assert doc.data == {
        "says": "84 missiles",
        "note": "quoted",
        "count": 3,
        "flow": {"says": "x", "b": 1},
        "url": "https://x.org/a#part",
    }
    assert doc.comments == {
        ("says",): TrailingComment(1, 19, "#2 report"),
        ("count",): TrailingComment(3, 12, "# figures"),
        ("flow", "says"): TrailingComment(4, 16, "#y"),
    }


def test_flow_mappings_are_noted() -> None:
    doc = read_yaml("a: {b: 1}\nc:\n  d: {e: 2}\n", "f.yaml")
    assert doc.flow == frozenset({("a",), ("c", "d")})


@pytest.mark.parametrize(
    ("text", "column", "example"),
    [
        ("says: 84 missiles: 9 flights\n", 18, 'says: "84 missiles: 9 flights"'),
        ("- says: a: b # c\n", 10, 'says: "a: b"'),
        (
            "- {id: a, says: 84 missiles: 9 flights, total: k}\n",
            28,
            'says: "84 missiles: 9 flights"',
        ),
        ("- {id: a, says: see [1] here, total: k}\n", 21, 'says: "see [1] here"'),
        ('- {id: a, says: a "b": c}\n', 22, "says: 'a \"b\": c'"),
    ],
)
def test_unquoted_text_that_breaks_the_yaml_says_to_quote_it(
    text: str, column: int, example: str
) -> None:
    with pytest.raises(ScenarioError) as info:
        read_yaml(text, "bad.yaml")
    [problem] = info.value.problems
    assert (problem.line, problem.column) == (1, column)
    assert "in quotes, e.g. " + example in problem.message


def test_a_comment_that_hides_the_end_of_a_flow_mapping_says_to_quote() -> None:
    text = "claims:\n  - {id: a, says: 84 missiles #2 report, total: k}\n"
    with pytest.raises(ScenarioError) as info:
        read_yaml(text, "bad.yaml")
    [problem] = info.value.problems
    assert "' #' starts a comment" in problem.message
    assert 'put the text in quotes, e.g. says: "84 missiles #2 report"' in problem.message


def test_an_unclosed_list_gets_no_quoting_advice() -> None:
    with pytest.raises(ScenarioError) as info:
        read_yaml("- {id: a, to: [B}\n", "bad.yaml")
    assert "quotes" not in info.value.problems[0].message
