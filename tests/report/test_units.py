"""Every number a reader sees says what it counts: flights, units, an exact mass (issue 8).

Each test renders a result whose numbers would read the same without their unit, and fails
if a number loses it: bounds through each kind of :class:`~airlift.result.Measure` (flights,
units of cargo, a mass in t or lb), bulk loads in an allocation, values used, and the claim
reasons the analysis writes. The JSON names each number's unit and keeps masses exact.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from fractions import Fraction
from typing import Any

import pytest

from airlift.analysis.verdicts import _asks, _range_words
from airlift.model import Requirement
from airlift.report import render_json, render_markdown, render_text
from airlift.result import (
    FLIGHTS,
    UNITS,
    Allocation,
    AllocationRow,
    Analysis,
    Bound,
    Extreme,
    Measure,
    SolveStatus,
    TotalSpec,
)
from airlift.scenario.schema import Statement
from tests.report.conftest import base_analysis, bound, exact

#: Masses counted in grams (1,000 model integers a kg), shown in tonnes as the file wrote.
TONNES = Measure("mass", "t", 1000)
#: Masses counted in 1/100,000,000 kg, shown in pounds: 1 kg is no whole number of lb.
POUNDS = Measure("mass", "lb", 100_000_000)
KG = 1000  # model integers of TONNES in a kg
T = 1000 * KG  # and in a tonne

COAL = TotalSpec("coal", mass=TONNES)
FLOUR = TotalSpec("flour", mass=POUNDS)
FLIGHTS_SPEC = TotalSpec("flights", aircraft=("B747F",))

BULK = Allocation(
    rows=(
        AllocationRow(
            "boeing",
            "Tel Aviv",
            800,
            (("pallet", 2),),
            bulk=(("coal", Fraction(112_760)), ("flour", Fraction(0))),
        ),
        AllocationRow("cessna", "Tel Aviv", 3, (), bulk=(("flour", Fraction(1701, 2)),)),
    )
)


def _unproven(sense: str, lo: int, hi: int) -> Extreme:
    return Extreme(sense, lo, hi, SolveStatus.FEASIBLE)


def _analysis() -> Analysis:
    """Bounds in each measure, one proven and one cut short, and an allocation with bulk."""
    return base_analysis(
        bounds=(
            bound(COAL, exact("min", 0), exact("max", 90_208 * T, BULK)),
            bound(COAL, _unproven("min", 84_000 * T, 96_500 * T), exact("max", 100_000 * T)),
            bound(FLOUR, exact("min", 0), exact("max", 100_000_000)),  # 1 kg: no whole lb
            bound(TotalSpec("pallet"), exact("min", 1), exact("max", 264)),
            bound(FLIGHTS_SPEC, exact("min", 1), exact("max", 1)),
        ),
        example=BULK,
    )


def _cells(line: str) -> list[str]:
    return re.split(r"\s{2,}", line.strip())


def test_every_bound_says_what_it_counts_in_text() -> None:
    rows = [
        _cells(line)
        for line in render_text(_analysis()).split("\nBounds\n", 1)[1].splitlines()
        if line.startswith(("coal", "flour", "pallet", "flights on"))
    ]
    assert rows == [
        ["coal", "0 t", "90,208 t"],
        ["coal", "84,000 t-96,500 t (time limit)", "100,000 t"],
        ["flour", "0 lb", "about 2.205 lb"],
        ["pallet", "1 unit", "264 units"],
        ["flights on B747F", "1 flight", "1 flight"],
    ]


def test_every_bound_says_what_it_counts_in_markdown() -> None:
    md = render_markdown(_analysis())
    table = md.split("\n## Bounds\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ") for line in table.splitlines() if line.startswith("| ")][2:]
    assert [r[1:] for r in rows] == [
        ["0 t", "90,208 t |"],
        ["84,000 t–96,500 t (time limit)", "100,000 t |"],
        ["0 lb", "about 2.205 lb |"],
        ["1 unit", "264 units |"],
        ["1 flight", "1 flight |"],
    ]


def _json(a: Analysis) -> dict[str, Any]:
    data = json.loads(render_json(a))
    assert isinstance(data, dict)
    return data


def test_json_bounds_name_their_unit_and_are_exact() -> None:
    bounds = _json(_analysis())["bounds"]
    assert [(b["unit"], b["min"], b["max"]) for b in bounds] == [
        ("t", 0, 90208),
        ("t", 84000, 100000),
        ("lb", 0, "100000000/45359237"),  # 1 kg in lb, exactly: no float, no rounding
        ("units", 1, 264),
        ("flights", 1, 1),
    ]
    assert bounds[1]["min_interval"] == [84000, 96500] and bounds[1]["proven"] is False
    assert bounds[0]["max_witness"]["value"] == 90208  # the witness in the bound's unit
    small = base_analysis(bounds=(bound(COAL, exact("min", 0), exact("max", 12_500)),))
    got = _json(small)["bounds"][0]["max"]
    assert got == "0.0125" and Fraction(got) == Fraction(125, 10_000)  # 12.5 kg in t, exactly


def test_json_claim_range_names_its_unit() -> None:
    c = base_analysis().claims[0]
    ranged = replace(c, range=Bound(COAL, exact("min", 0), exact("max", 5 * KG)))
    got = _json(base_analysis(claims=(ranged,)))["claims"][0]["range"]
    assert got == {"unit": "t", "min": 0, "max": "0.005", "proven": True, "unbounded": False}


def test_bulk_loads_are_exact_masses_per_flight() -> None:
    text = render_text(_analysis())
    body = " ".join(text.split("\nExample allocation\n", 1)[1].split())
    # t from 1 t up, kg below; a zero is left out; a row with bulk alone is not empty
    assert "2 x pallet, 112.76 t of coal" in body
    assert "850.5 kg of flour" in body
    assert "empty" not in body and "of flour, " not in body
    md = render_markdown(_analysis())
    assert "2 × pallet, 112.76 t of coal" in md


def test_json_bulk_loads_name_kg_and_are_exact() -> None:
    rows = _json(_analysis())["example"]
    assert rows[0]["load"] == {"pallet": 2}
    assert rows[0]["bulk"] == {"coal": {"value": 112760, "unit": "kg"}}  # zeros left out
    assert rows[1]["load"] == {} and rows[1]["bulk"] == {"flour": {"value": "850.5", "unit": "kg"}}
    assert list(rows[0]) == ["flights", "to", "count", "load", "bulk", "binds", "count_binds"]


def test_rows_without_bulk_carry_an_empty_bulk() -> None:
    rows = _json(base_analysis())["example"]
    assert all(r["bulk"] == {} for r in rows)


def test_json_is_reproducible_with_masses() -> None:
    assert render_json(_analysis()) == render_json(_analysis())


# --- claim reasons, as the analysis words them ----------------------------------------------


def _bound(spec: TotalSpec, lo: Extreme, hi: Extreme) -> Bound:
    return Bound(spec, lo, hi)


@pytest.mark.parametrize(
    ("spec", "lo", "hi", "words"),
    [
        (TotalSpec("missile"), 18, 264, "missile in all ranges from 18 to 264 units"),
        (TotalSpec("missile", to=("X",)), 0, 1, "missile to X ranges from 0 to 1 units"),
        (TotalSpec("flights"), 14, 14, "flights in all is always 14 flights"),
        (TotalSpec("flights"), 1, 1, "flights in all is always 1 flight"),
        (COAL, 0, 112_760 * T, "coal in all ranges from 0 t to 112,760 t"),
        (COAL, 12_500, 12_500, "coal in all is always 0.0125 t"),
        (FLOUR, 0, 100_000_000, "flour in all ranges from 0 lb to about 2.205 lb"),
    ],
)
def test_a_reason_says_what_its_range_counts(spec: TotalSpec, lo: int, hi: int, words: str) -> None:
    assert _range_words(_bound(spec, exact("min", lo), exact("max", hi))) == words


def test_an_open_or_unproven_range_says_what_it_counts() -> None:
    open_max = Extreme("max", None, None, SolveStatus.OPTIMAL, unbounded=True)
    assert _range_words(_bound(TotalSpec("flights"), exact("min", 14), open_max)) == (
        "flights in all can be anything from 14 flights up, without limit"
    )
    cut = _bound(COAL, _unproven("min", 84 * T, 90 * T), _unproven("max", 95 * T, 96 * T))
    assert _range_words(cut) == (
        "coal in all lies between 84 t and 96 t (the exact ends were not proven in time)"
    )
    units = _bound(TotalSpec("missile"), _unproven("min", 84, 90), _unproven("max", 95, 96))
    assert _range_words(units) == (
        "missile in all lies between 84 and 96 units (the exact ends were not proven in time)"
    )


@pytest.mark.parametrize(
    ("bound_", "req", "asks"),
    [
        ({"at_most": 9}, Requirement("c", TotalSpec("flights"), 0, 9), "at most 9 flights"),
        ({"at_least": 1}, Requirement("c", TotalSpec("flights"), 1, None), "at least 1 flight"),
        ({"at_least": 84}, Requirement("c", TotalSpec("missile"), 84, None), "at least 84 units"),
        (
            {"between": [90, 99]},
            Requirement("c", TotalSpec("missile"), 90, 99),
            "between 90 and 99 units",
        ),
        # a bound on a mass says it through the total's measure, from the model's integers
        ({"at_least": 1}, Requirement("c", COAL, 120_000 * T, None), "at least 120,000 t"),
        ({"at_most": 1}, Requirement("c", COAL, 0, 12_500), "at most 0.0125 t"),
        ({"equals": 1}, Requirement("c", COAL, T, T), "exactly 1 t"),
        (
            {"between": [1, 2]},
            Requirement("c", COAL, 900 * T, 1100 * T),
            "between 900 t and 1,100 t",
        ),
    ],
)
def test_a_reason_says_what_the_claim_counts(
    bound_: dict[str, Any], req: Requirement, asks: str
) -> None:
    claim = Statement.model_validate({"id": "c", "total": req.spec.total, **bound_})
    assert _asks(claim, req) == asks


def test_measures_behind_the_words() -> None:
    """The API the words rest on: FLIGHTS and UNITS count, a mass is exact in its unit."""
    assert (FLIGHTS.text(1), FLIGHTS.text(2), UNITS.text(264)) == (
        "1 flight",
        "2 flights",
        "264 units",
    )
    assert TONNES.text(90_208 * T) == "90,208 t"
    assert TONNES.value(12_500) == Fraction(1, 80)
