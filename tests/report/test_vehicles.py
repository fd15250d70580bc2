"""Ships, trucks and trains: reports count their trips as sailings, trips and trains."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from airlift.analysis import analyze
from airlift.model import SolveOptions
from airlift.report import render
from airlift.result import TotalSpec, trip_noun
from airlift.scenario import load_scenario_text, scenario_from_dict

OPTIONS = SolveOptions(time_limit=10, seed=0)
GUIDE = Path(__file__).resolve().parents[2] / "docs" / "scenario-format.md"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _guide_example() -> str:
    section = GUIDE.read_text(encoding="utf-8").split("## Ships, trucks and trains", 1)[1]
    return re.findall(r"^```yaml\n(.*?)^```", section, flags=re.S | re.M)[0]


@pytest.fixture(scope="module")
def air_and_sea() -> Any:
    return analyze(load_scenario_text(_guide_example(), "air-and-sea.yaml"), OPTIONS)


def test_trip_nouns() -> None:
    assert [trip_noun([v]) for v in ("aircraft", "ship", "truck", "train")] == [
        "flight",
        "sailing",
        "trip",
        "train",
    ]
    assert trip_noun(["aircraft", "ship"]) == trip_noun(["ship", "truck"]) == "trip"
    assert trip_noun([]) == "flight"
    spec = TotalSpec("flights", to=("Haifa",), trip="sailing")
    assert spec.label == "sailings to Haifa"
    assert spec.measure.text(1) == "1 sailing" and spec.measure.text(20) == "20 sailings"
    assert spec == TotalSpec("flights", to=("Haifa",))  # words only: the same total


def test_the_guide_example_speaks_of_sailings(air_and_sea: Any) -> None:
    a = air_and_sea
    bounds = {b.spec.label: b.spec.measure for b in a.bounds}
    assert list(bounds) == [
        "flights in airlift",
        "sailings in sealift",
        "trips",
        "materiel in airlift",
        "materiel in sealift",
    ]
    text = _flat(render(a, "text"))
    for said in (
        "sailings in sealift 2 sailings 2 sailings",
        "trips 202 trips 252 trips",
        "flights in airlift 200 flights 250 flights",
        "cannot hold with the 2 sailings of `sealift` (line 18)",
        "`sealift` would need at least 3 sailings; its count is 2 sailings (line 18)",
        "that takes at least 3 sailings, more than the 2 sailings allowed",
        "25,000 t per sailing on average",
        "Vehicle Cargo Most per trip",
    ):
        assert said in text
    assert "2 flights" not in text and "3 flights" not in text
    markdown = _flat(render(a, "markdown"))
    assert "| sailings in sealift | 2 sailings | 2 sailings |" in markdown
    assert "`sealift` would need at least 3 sailings; its count is 2 sailings" in markdown


def test_json_keeps_the_file_format_words(air_and_sea: Any) -> None:
    data = json.loads(render(air_and_sea, "json"))
    sea = data["bounds"][1]
    assert (sea["label"], sea["total"], sea["unit"], sea["min"]) == (
        "sailings in sealift",
        "flights",
        "flights",
        2,
    )
    relaxations = data["explanation"]["relaxations"]
    count = next(r for r in relaxations if r["id"] == "sealift")
    assert (count["unit"], count["needed"]) == ("flights", 3)


def _ships(**extra: Any) -> Any:
    doc: dict[str, Any] = {
        "title": "ferries",
        "airfields": {"Port": {}, "Isle": {}, "Quay": {}},
        "aircraft": {
            "ferry": {"vehicle": "ship", "payload": "100 t"},
            "lorry": {"vehicle": "truck", "payload": "20 t"},
            "freight": {"vehicle": "train", "payload": "500 t"},
        },
        "cargo": {"box": {"kind": "goods", "mass": "10 t"}},
        "flights": [
            {"id": "ferries", "aircraft": "ferry", "count": 3, "from": "Port", "to": "Isle"}
        ],
    }
    doc.update(extra)
    return scenario_from_dict(doc)


def test_a_claim_on_sailings_and_the_example_allocation() -> None:
    claims = [
        {"id": "four", "total": "flights", "at_least": 4},
        {"id": "boxes", "total": "goods", "per_flight": True, "at_most": 5},
    ]
    a = analyze(_ships(claims=claims), OPTIONS)
    four, boxes = a.claims
    assert four.reason == (
        "impossible: under the observations and assumptions, sailings in all is always "
        "3 sailings, never at least 4 sailings"
    )
    assert four.ref.written == "at least 4 sailings" and a.flight_groups[0].written == "3 sailings"
    assert boxes.ref.written == "goods at most 5 per sailing"
    b = analyze(_ships(), OPTIONS, explain=False)
    text = _flat(render(b, "text"))
    assert "3 sailings in all" in text
    assert "Flight group To Sailings Load per sailing" in text
    assert "`ferries` flies the most sailings its count allows: 3 sailings" in text


@pytest.mark.parametrize(
    ("vehicle", "said"),
    [("lorry", "trips 4 trips 4 trips"), ("freight", "trains 4 trains 4 trains")],
)
def test_trucks_make_trips_and_trains_trains(vehicle: str, said: str) -> None:
    flights = [{"id": "g", "aircraft": vehicle, "count": 4, "from": "Port", "to": "Quay"}]
    a = analyze(_ships(flights=flights, estimate=[{"total": "flights"}]), OPTIONS, explain=False)
    assert said in _flat(render(a, "text"))


def test_a_filter_that_selects_one_kind_names_it() -> None:
    flights = [
        {"id": "ferries", "aircraft": "ferry", "count": 3, "from": "Port", "to": ["Isle", "Quay"]},
        {"id": "lorries", "aircraft": "lorry", "count": 5, "from": "Port", "to": "Quay"},
    ]
    rows = [
        {"total": "flights", "to": "Isle"},  # only ferries land at Isle
        {"total": "flights", "to": "Quay"},  # ferries and lorries
        {"total": "flights", "by": "aircraft"},
    ]
    a = analyze(_ships(flights=flights, estimate=rows), OPTIONS, explain=False)
    assert [b.spec.label for b in a.bounds] == [
        "sailings to Isle",
        "trips to Quay",
        "sailings on ferry",
        "trips on lorry",
    ]
    assert [b.spec.measure.text(b.max.hi or 0) for b in a.bounds] == [
        "3 sailings",
        "8 trips",
        "3 sailings",
        "5 trips",
    ]
