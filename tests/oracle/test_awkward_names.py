"""Renaming a random scenario changes its names and nothing else; the oracle keeps names whole."""

from __future__ import annotations

from typing import Any

import pytest

from tests.oracle.awkward_names import renamed
from tests.oracle.brute_force import brute_force
from tests.oracle.random_scenarios import ORACLE_CAP, random_scenario
from tests.oracle.statements import restrict, statement_keys


def _answers(d: dict[str, Any]) -> tuple[Any, ...]:
    """The oracle's answers without names: verdicts and bounds in file order."""
    r = brute_force(d, cap=ORACLE_CAP)
    return (
        r.base_feasible,
        r.all_claims_feasible,
        tuple(c.verdict for c in r.claims),
        tuple((b.min, b.max) for b in r.bounds),
    )


@pytest.mark.parametrize("seed", range(0, 40, 3))
def test_renaming_keeps_every_answer(seed: int) -> None:
    d = random_scenario(seed)
    awkward = renamed(d)
    assert _answers(awkward) == _answers(d)
    names = [*awkward["aircraft"], *awkward["cargo"], *awkward["airfields"]]
    assert all(any(ch in name for ch in '. «"') or not name.isascii() for name in names)
    assert len(statement_keys(awkward)) == len(statement_keys(d))


def test_statements_of_entries_with_dots_are_found_whole() -> None:
    d = renamed(random_scenario(1))
    aircraft = next(iter(d["aircraft"]))
    key = ("payload", f"aircraft.{aircraft}.payload")
    assert statement_keys(d)[key].name == aircraft
    kept = restrict(d, [key])
    assert kept["aircraft"][aircraft]["payload"] == d["aircraft"][aircraft]["payload"]


def test_statements_that_would_read_alike_are_refused() -> None:
    d = {
        "aircraft": {"A": {"limits": {"x.limits.y": 1}}, "A.limits.x": {"limits": {"y": 1}}},
        "cargo": {},
        "flights": [],
    }
    with pytest.raises(ValueError, match="two statements read"):
        statement_keys(d)
