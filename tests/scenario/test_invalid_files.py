"""Every file under tests/data/invalid/ fails with exactly the problems its header names.

Each file starts with one or more lines ``# expect: LINE:COL FIELD MESSAGE-FRAGMENT``
(``-`` for no position or no field). Loading it must raise one ScenarioError that
holds exactly one problem per expectation line: all of a file's problems at once,
and nothing else.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from airlift.errors import Problem, ScenarioError
from airlift.scenario import load_scenario

INVALID = Path(__file__).parent.parent / "data" / "invalid"
FILES = sorted(INVALID.glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (?P<pos>\d+:\d+|-) (?P<field>\S+) (?P<fragment>.+)$")


def expectations(path: Path) -> list[tuple[str, str, str]]:
    """The ``# expect:`` lines at the top of a file, as (position, field, fragment)."""
    out = []
    for line in path.read_bytes().decode("utf-8", "replace").splitlines():
        match = EXPECT.match(line)
        if match is None:
            break
        out.append((match["pos"], match["field"], match["fragment"]))
    return out


def matches(problem: Problem, pos: str, field: str, fragment: str) -> bool:
    where = f"{problem.line}:{problem.column}" if problem.line is not None else "-"
    return where == pos and (problem.field_name or "-") == field and fragment in problem.message


def test_there_are_invalid_files() -> None:
    assert len(FILES) >= 25


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_invalid_file_reports_exactly_its_expected_problems(path: Path) -> None:
    expected = expectations(path)
    assert expected, f"{path.name} states no '# expect:' line on its first line"
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    problems = info.value.problems
    listing = "\n".join(str(p) for p in problems)
    for pos, field, fragment in expected:
        assert any(matches(p, pos, field, fragment) for p in problems), (
            f"{path.name}: no problem at {pos} {field} containing {fragment!r}; got:\n{listing}"
        )
    assert len(problems) == len(expected), f"{path.name}: unexpected problems:\n{listing}"
    for problem in problems:
        assert problem.file == str(path)


def test_a_file_with_many_problems_reports_them_all_at_once() -> None:
    path = INVALID / "several-problems.yaml"
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    messages = [p.message for p in info.value.problems]
    assert len(messages) == len(expectations(path)) >= 10
    # problems found while reading YAML, by the schema, and by the reference checks
    assert any("duplicate key" in m for m in messages)
    assert any("YAML tags" in m for m in messages)
    assert any("is above max" in m for m in messages)
    assert any("missing required field" in m for m in messages)
    assert any(m.startswith("unknown airfield") for m in messages)
    assert any(m.startswith("duplicate statement id") for m in messages)
    # sorted by line, then column
    places = [(p.line or 0, p.column or 0) for p in info.value.problems]
    assert places == sorted(places)
