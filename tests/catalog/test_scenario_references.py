"""A scenario uses catalogue entries by name, overrides fields, and reports cite them."""

from __future__ import annotations

import textwrap
from fractions import Fraction
from typing import Any

import pytest

from airlift.analysis import analyze
from airlift.errors import ScenarioError
from airlift.model import SolveOptions
from airlift.report import render_json, render_text
from airlift.scenario import load_scenario_text, scenario_from_dict
from airlift.scenario.catalog import packaged_catalog

HEAD = """\
title: catalogue use
sources:
  mine: {publisher: My notes}
airfields:
  O: {}
  X: {}
"""
FLIGHTS = """\
flights:
  - {id: g, aircraft: Il-76MD, count: 2, from: O, to: X}
"""


def _text(aircraft: str, cargo: str, extra: str = "") -> str:
    return HEAD + textwrap.dedent(aircraft) + textwrap.dedent(cargo) + FLIGHTS + extra


def _problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "s.yaml")
    return [str(p) for p in info.value.problems]


def test_a_reference_takes_every_field_from_the_catalogue() -> None:
    loaded = load_scenario_text(
        _text(
            "aircraft:\n  Il-76MD: {catalog: Il-76MD}\n",
            "cargo:\n  can: {catalog: 48N6-canister}\n",
        ),
        "s.yaml",
    )
    s = loaded.scenario
    catalogue = packaged_catalog()
    il76 = catalogue.entries[("aircraft", "Il-76MD")].entry
    assert s.aircraft["Il-76MD"].payload == il76.payload
    assert s.aircraft["Il-76MD"].hold == il76.hold
    assert s.aircraft["Il-76MD"].catalog == "Il-76MD"
    assert s.cargo["can"].kind == "missile"
    assert s.aircraft["Il-76MD"].source_ids == (
        "catalog:britannica",
        "catalog:news-mail-ru",
        "catalog:ru-wikipedia-il76",
    )
    assert s.sources["catalog:britannica"].publisher == "Encyclopaedia Britannica"
    assert "catalog:fas" in s.sources and "mine" in s.sources
    origin = loaded.origin_of(("aircraft", "Il-76MD", "payload"))
    assert origin is not None and origin.entry == "Il-76MD"
    # Values from the catalogue are located at the reference that brought them in.
    assert loaded.line_of(("aircraft", "Il-76MD", "hold", "width")) == 8


def test_overrides_replace_fields_and_merge_limits() -> None:
    loaded = load_scenario_text(
        _text(
            """\
        aircraft:
          Il-76MD:
            catalog: Il-76MD
            payload: 46 t
            source: mine
            limits: {canister_slots: 12}
          C-17A:
            catalog: C-17A
            limits: {seats: 134}
        """,
            "cargo:\n  people: {catalog: passenger, mass: 80 kg}\n",
        ),
        "s.yaml",
    )
    s = loaded.scenario
    assert s.aircraft["Il-76MD"].payload.max.value == 46_000
    assert s.aircraft["Il-76MD"].source == "mine"
    assert s.aircraft["Il-76MD"].limits["canister_slots"].max.value == 12
    assert s.aircraft["Il-76MD"].payload_range  # kept from the catalogue
    c17 = s.aircraft["C-17A"].limits
    assert (c17["seats"].max.value, c17["pallet_positions"].max.value) == (134, 18)
    assert s.cargo["people"].mass.min.value == 80 and s.cargo["people"].uses["seats"].min.value == 1
    assert loaded.origin_of(("aircraft", "Il-76MD", "payload")) is None
    assert loaded.origin_of(("aircraft", "C-17A", "limits", "seats")) is None
    assert loaded.origin_of(("aircraft", "C-17A", "limits", "pallet_positions")) is not None
    assert loaded.origin_of(("cargo", "people", "uses", "seats")) is not None


def test_unknown_entries_are_located_with_a_suggestion_and_all_reported() -> None:
    problems = _problems(
        _text(
            "aircraft:\n  Il-76MD: {catalog: Il-76DM}\n",
            "cargo:\n  can: {catalog: 48N6-canistr}\n  c17: {catalog: C-17A}\n  x: {kind: k}\n",
        )
    )
    assert problems[0].startswith(
        "s.yaml:8:22: aircraft.Il-76MD.catalog: unknown catalogue aircraft 'Il-76DM'; "
        "did you mean 'Il-76MD'?"
    )
    assert problems[1].startswith(
        "s.yaml:10:18: cargo.can.catalog: unknown catalogue cargo entry '48N6-canistr'; "
        "did you mean '48N6-canister'?"
    )
    assert problems[2] == (
        "s.yaml:11:18: cargo.c17.catalog: 'C-17A' is a catalogue aircraft entry, not a "
        "catalogue cargo entry; use it under aircraft:"
    )
    assert problems[3].startswith("s.yaml:12:6: cargo.x.mass: missing required field 'mass'")
    assert len(problems) == 4  # nothing reported twice, nothing about the unresolved entries


def test_catalog_source_ids_are_reserved() -> None:
    text = _text(
        "aircraft:\n  Il-76MD: {catalog: Il-76MD}\n", "cargo:\n  can: {catalog: 48N6-canister}\n"
    ).replace("  mine: {publisher: My notes}", "  catalog:x: {publisher: My notes}")
    (problem,) = _problems(text)
    assert problem.startswith(
        "s.yaml:3:3: sources.catalog:x: source ids starting with "
        "'catalog:' are kept for the catalogue's sources"
    )


def test_a_scenario_built_in_python_may_refer_to_the_catalogue() -> None:
    doc: dict[str, Any] = {
        "title": "t",
        "airfields": {"O": {}, "X": {}},
        "aircraft": {"C-130J": {"catalog": "C-130J"}},
        "cargo": {"pallet": {"catalog": "463L-pallet"}},
        "flights": [{"id": "g", "aircraft": "C-130J", "count": 1, "from": "O", "to": "X"}],
    }
    s = scenario_from_dict(doc)
    assert s.aircraft["C-130J"].payload.max.value == Fraction(44_000) * Fraction("0.45359237")
    assert doc["aircraft"]["C-130J"] == {"catalog": "C-130J"}  # the caller's dict is untouched


def test_reports_say_which_values_came_from_the_catalogue() -> None:
    loaded = load_scenario_text(
        _text(
            "aircraft:\n  Il-76MD: {catalog: Il-76MD, limits: {canister_slots: 12}}\n",
            "cargo:\n  can: {catalog: 48N6-canister}\n",
        ),
        "s.yaml",
    )
    a = analyze(loaded, SolveOptions(), explain=False)
    values = {v.field: v for v in a.values_used}
    payload = values["aircraft.Il-76MD.payload"]
    assert payload.catalog == "Il-76MD" and payload.line == 8
    assert payload.source == "Encyclopaedia Britannica; news.mail.ru; Russian Wikipedia"
    slots = values["aircraft.Il-76MD.limits.canister_slots"]
    assert slots.catalog is None and slots.source is None  # written here, citing nothing
    mass = values["cargo.can.mass"]
    assert mass.catalog == "48N6-canister" and mass.used == 2300
    text = render_text(a)
    assert "catalogue Il-76MD" in text and "catalogue 48N6-canister" in text
    assert "aircraft Il-76MD (catalogue Il-76MD): Encyclopaedia Britannica" in text
    assert '"catalog": "Il-76MD"' in render_json(a)


def test_the_catalogue_examples_in_the_format_guide_resolve() -> None:
    from pathlib import Path

    guide = Path(__file__).resolve().parents[2] / "docs" / "scenario-format.md"
    section = guide.read_text(encoding="utf-8").split("## The catalogue", 1)[1]
    block = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    text = HEAD.replace("  mine:", "  my-source:") + block + FLIGHTS
    s = load_scenario_text(text, "guide.yaml").scenario
    assert s.aircraft["Il-76MD-light"].payload.max.value == 40_000
    assert s.aircraft["C-17A"].limits["pallet_positions"].max.value == 18


def test_the_json_schema_lets_a_catalogue_reference_stand_alone() -> None:
    from airlift.scenario import scenario_json_schema

    defs = scenario_json_schema()["$defs"]
    for name, own in (("Aircraft", "payload"), ("Cargo", "kind")):
        assert "required" not in defs[name]
        assert {"required": ["catalog"]} in defs[name]["anyOf"]
        assert any(own in alt["required"] for alt in defs[name]["anyOf"])
    assert {"catalog", "payload_range", "hold", "estimate"} <= set(defs["Aircraft"]["properties"])
    assert {"catalog", "size", "estimate"} <= set(defs["Cargo"]["properties"])
