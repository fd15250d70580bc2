"""The explanation as JSON: documented keys in order, exact numbers, every cited statement."""

from __future__ import annotations

import json
import random
import re
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from airlift.report import render_explanation, render_json
from airlift.report.json_explain import exact
from airlift.result import Analysis, Explanation
from tests.report.explain_fixtures import EXPLANATIONS, WITNESS, full_explanation

DOC = Path(__file__).resolve().parents[2] / "docs" / "json-format.md"

EXPLANATION = ["conflicts", "relaxations", "correction", "capacities", "needs", "notes"]
CONFLICT = ["context", "proven", "cutoff", "members", "alike"]
MEMBER = ["id", "role", "says", "written", "line", "source", "source_label"]
RELAXATION = [
    "conflict",
    "id",
    "role",
    "line",
    "field",
    "direction",
    "unit",
    "current",
    "needed",
    "current_text",
    "needed_text",
    "proven",
    "cutoff",
    "same_as",
    "witness",
]
CORRECTION = ["drop", "proven", "cutoff", "example"]
CAPACITY = ["aircraft", "cargo", "unit", "most", "binds", "allowed_by"]
NEED = [
    "id",
    "line",
    "source",
    "source_label",
    "total",
    "unit",
    "amount",
    "fewest_flights",
    "fewest_proven",
    "fewest_cutoff",
    "flights_seen",
    "mean_needed",
    "mean_capacity",
    "share",
]
EXPLAIN_TOP = ["schema_version", "title", "file", "claim", "explanation"]


def _explain(e: Explanation, claim: str | None = None) -> dict[str, Any]:
    data = json.loads(render_explanation(e, "json", title="T", file="f.yaml", claim=claim))
    assert isinstance(data, dict)
    return data


def _documented() -> set[str]:
    return set(re.findall(r"^\| `([a-z_]+)` \|", DOC.read_text(encoding="utf-8"), re.M))


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        out: set[str] = set()
        for k, v in value.items():
            if k not in ("load", "bulk"):  # cargo names
                out.add(k)
                out |= _keys(v)
        return out
    if isinstance(value, list):
        return set().union(*(_keys(v) for v in value)) if value else set()
    return set()


@pytest.mark.parametrize("name", sorted(EXPLANATIONS))
def test_keys_in_documented_order(name: str) -> None:
    data = _explain(EXPLANATIONS[name]())
    assert list(data) == EXPLAIN_TOP and data["schema_version"] == 2
    e = data["explanation"]
    assert list(e) == EXPLANATION
    for c in e["conflicts"]:
        assert list(c) == CONFLICT
        assert all(list(m) == MEMBER for m in c["members"])
    assert all(list(r) == RELAXATION for r in e["relaxations"])
    if e["correction"] is not None:
        assert list(e["correction"]) == CORRECTION
        assert all(list(m) == MEMBER for m in e["correction"]["drop"])
    for c in e["capacities"]:
        assert list(c) == CAPACITY
        assert all(list(a) == ["resource", "allows"] for a in c["allowed_by"])
    assert all(list(n) == NEED for n in e["needs"])
    assert _keys(data) <= _documented()


def test_solve_report_carries_the_explanation(proven: Analysis) -> None:
    explained = replace(proven, explanation=full_explanation(), example=WITNESS)
    data = json.loads(render_json(explained))
    assert data["explanation"] == _explain(full_explanation())["explanation"]
    assert _keys(data) - {"value", "allocation", "extra"} <= _documented()
    assert json.loads(render_json(proven))["explanation"] is None
    row = data["example"][0]
    assert row["binds"] == ["canister_slots"] and row["count_binds"] == ["max"]


def test_conflicts_and_relaxations_say_what_the_explanation_says() -> None:
    e = full_explanation()
    data = _explain(e, claim="hajun-84")
    assert data["claim"] == "hajun-84" and data["file"] == "f.yaml"
    got = data["explanation"]
    assert len(got["conflicts"]) == len(e.conflicts)
    for c, want in zip(got["conflicts"], e.conflicts, strict=True):
        assert c["context"] == want.context and c["proven"] is want.proven
        assert [
            (m["id"], m["role"], m["line"], m["source"], m["source_label"]) for m in c["members"]
        ] == [(m.id, m.role, m.line, m.source, m.source_label) for m in want.members]
    flat = [(i, r) for i, c in enumerate(e.conflicts) for r in c.relaxations]
    assert len(got["relaxations"]) == len(flat)
    for r, (i, want_r) in zip(got["relaxations"], flat, strict=True):
        assert r["conflict"] == i and r["id"] == want_r.statement.id
        assert r["line"] == want_r.statement.line and r["proven"] is want_r.proven
        assert Fraction(r["current"]) == want_r.current
        assert (r["needed"] is None) == (want_r.needed is None)
        if want_r.needed is not None:
            assert Fraction(r["needed"]) == want_r.needed
    payload = got["relaxations"][1]
    assert (payload["current"], payload["needed"], payload["unit"]) == (48000, 61200, "kg")
    assert payload["witness"][0]["binds"] == ["canister_slots"]
    mass = got["relaxations"][3]
    assert mass["needed"] == "5750/3" and mass["needed_text"] == "1.917 t"
    # every relaxation names what its numbers count, never "" for a count
    units = [(r["id"], r["unit"]) for r in got["relaxations"]]
    assert units[:7] == [
        ("almost-100", "units"),
        ("aircraft.Il-76MD.payload", "kg"),
        ("belarus-shuttle", "flights"),
        ("cargo.48N6-canister.mass", "kg"),
        ("every-flight-loaded", "units"),
        ("aircraft.Il-76MD.limits.canister_slots", "canister_slots"),
        ("cargo.48N6-canister.uses.canister_slots", "canister_slots"),
    ]
    assert all(r["unit"] for r in got["relaxations"])


def test_thresholds_and_needs() -> None:
    e = full_explanation()
    got = _explain(e)["explanation"]
    assert got["capacities"][1]["allowed_by"] == [
        {"resource": "payload", "allows": 12},
        {"resource": "canister_slots", "allows": 12},
        {"resource": "floor_length", "allows": None},
    ]
    assert got["capacities"][2]["most"] is None
    assert {c["unit"] for c in got["capacities"]} == {"units"}
    need = got["needs"][0]
    assert need["unit"] == "units" and need["amount"] == 84
    assert need["mean_needed"] == "42/11" and need["mean_capacity"] == 12
    assert need["share"] == "7/22" and need["flights_seen"] == [18, 22]
    assert got["needs"][2]["flights_seen"] == [9, None] and got["needs"][2]["share"] is None
    assert got["correction"]["drop"][0]["id"] == "hajun-84"


def test_exact_numbers() -> None:
    assert exact(Fraction(61200)) == 61200
    assert exact(Fraction(612, 10)) == "61.2"
    assert exact(Fraction(-1, 8)) == "-0.125"
    assert exact(Fraction(1, 3)) == "1/3"
    assert exact(Fraction(-7, 6)) == "-7/6"
    assert exact(None) is None
    rng = random.Random(7)
    for _ in range(2000):
        q = Fraction(rng.randint(-(10**6), 10**6), rng.choice([1, 2, 3, 4, 5, 8, 10, 12, 40, 625]))
        got = exact(q)
        assert Fraction(got) == q
        assert isinstance(got, int) == (q.denominator == 1)
        if isinstance(got, str) and "/" not in got:  # a decimal: no float digits, no exponent
            assert re.fullmatch(r"-?\d+\.\d*[1-9]", got), got
