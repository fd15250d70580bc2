"""Reference checks on raw scenario documents: names must refer to defined things."""

from __future__ import annotations

from typing import Any

import pytest

from airlift.errors import ScenarioError
from airlift.scenario import scenario_from_dict
from airlift.scenario.references import check_references, unknown_name


def base() -> dict[str, Any]:
    return {
        "title": "refs",
        "sources": {"mirror": {"publisher": "Daily Mirror"}},
        "airfields": {"A": {}, "B": {}, "C": {}},
        "aircraft": {"Il-76MD": {"payload": "48 t", "limits": {"slots": 12}}},
        "cargo": {
            "48N6": {"kind": "missile", "mass": "2.3 t", "uses": {"slots": 1}},
            "40N6": {"kind": "missile", "mass": "2.4 t", "uses": {"slots": 1}},
            "Iskander": {"kind": "Iskander", "mass": "4 t"},
        },
        "flights": [
            {"id": "g1", "aircraft": "Il-76MD", "count": 3, "from": "A", "to": ["B", "C"]},
            {
                "id": "g2",
                "aircraft": "Il-76MD",
                "count": {"min": 1},
                "from": "B",
                "to": "C",
                "carries": "48N6",
            },
        ],
        "assumptions": [{"id": "s1", "total": "missile", "at_least": 1, "per_flight": True}],
        "claims": [
            {"id": "s2", "total": "flights", "at_most": 10, "from": ["A", "B"], "flights": "g1"},
            {
                "id": "s3",
                "total": "Iskander",
                "equals": 0,
                "aircraft": "Il-76MD",
                "to": "C",
                "source": "mirror",
            },
            {"id": "s4", "total": "40N6", "at_least": 0, "flights": ["g1", "g2"]},
        ],
        "estimate": [{"total": "missile", "by": "to"}, {"total": "flights", "from": "A"}],
    }


def messages(data: dict[str, Any]) -> dict[str, str]:
    return {".".join(map(str, f.path)): f.message for f in check_references(data)}


def test_a_consistent_scenario_has_no_findings() -> None:
    assert check_references(base()) == []
    scenario_from_dict(base())  # and it validates


def test_a_kind_holding_only_its_namesake_is_not_ambiguous() -> None:
    data = base()
    data["claims"][1]["total"] = "Iskander"
    assert check_references(data) == []
    data["cargo"]["Tochka"] = {"kind": "Iskander", "mass": "2 t"}
    assert "both a cargo type and a kind" in messages(data)["claims.1.total"]


def test_source_without_a_sources_section() -> None:
    data = base()
    del data["sources"]
    assert messages(data) == {"claims.1.source": "unknown source 'mirror'; no sources are defined"}


def test_long_lists_of_valid_names_are_truncated() -> None:
    names = [f"field-{i:02d}" for i in range(20)]
    message = unknown_name("airfield", "nowhere", names, "airfields")
    assert "field-00" in message and "field-11" in message and "field-12" not in message
    assert message.endswith("... (8 more)")


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("il-76md", "Il-76MD"),
        ("Il-76", "Il-76MD"),
        ("Il76MD", "Il-76MD"),
        ("76", "Il-76MD"),
    ],
)
def test_suggestions(name: str, suggestion: str) -> None:
    message = unknown_name("aircraft", name, ["Il-76MD", "An-124", "C-17"], "aircraft")
    assert f"did you mean '{suggestion}'?" in message


def test_no_suggestion_when_nothing_is_close() -> None:
    message = unknown_name("aircraft", "Boeing", ["Il-76MD", "An-124"], "aircraft")
    assert "did you mean" not in message
    assert message == "unknown aircraft 'Boeing'; valid aircraft: Il-76MD, An-124"


def test_malformed_sections_are_left_to_the_schema() -> None:
    data = base()
    data["airfields"] = ["A", "B"]
    data["flights"][0]["to"] = ["Nowhere"]
    assert check_references(data) == []
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(data)
    assert [p.field_name for p in info.value.problems] == ["airfields"]


def test_non_dict_document_has_no_findings() -> None:
    assert check_references(["not", "a", "scenario"]) == []


def test_every_filter_is_checked() -> None:
    data = base()
    data["claims"][0].update({"from": ["A", "X"], "flights": "g9"})
    data["claims"][1].update({"aircraft": "C-17", "to": "Y"})
    data["estimate"][1]["from"] = "Z"
    data["estimate"][0]["total"] = "rockets"
    assert set(messages(data)) == {
        "claims.0.from.1",
        "claims.0.flights",
        "claims.1.aircraft",
        "claims.1.to",
        "estimate.1.from",
        "estimate.0.total",
    }


def test_duplicate_statement_ids_span_assumptions_and_claims() -> None:
    data = base()
    data["claims"][2]["id"] = "s1"
    assert messages(data) == {
        "claims.2.id": "duplicate statement id 's1'; it is already used on assumptions[0].id"
    }


def test_limit_dimensions_must_agree() -> None:
    data = base()
    data["aircraft"]["C-17"] = {
        "payload": "77 t",
        "limits": {"slots": {"min": "2 m", "max": "3 m"}},
    }
    assert messages(data) == {
        "aircraft.C-17.limits.slots": (
            "'slots' is a count in aircraft.Il-76MD.limits.slots but a length here; a limit and "
            "its uses must measure the same thing"
        )
    }


def test_unreadable_amounts_are_left_to_the_schema() -> None:
    data = base()
    data["cargo"]["48N6"]["uses"] = {"slots": "1 ton"}
    assert check_references(data) == []


def test_listed_twice() -> None:
    data = base()
    data["flights"][0]["to"] = ["B", "C", "B"]
    data["flights"][1]["carries"] = ["48N6", "48N6"]
    assert messages(data) == {
        "flights.0.to.2": "'B' is listed twice",
        "flights.1.carries.1": "'48N6' is listed twice",
    }
