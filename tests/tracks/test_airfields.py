"""The airfield table: sourced rows, lookups, distances, and the optional airportsdata."""

from __future__ import annotations

import math
import sys
import types
from pathlib import Path

import pytest
import yaml

from airlift.errors import FlightDataError
from airlift.tracks import airfields as airfields_module
from airlift.tracks import find_airfield, haversine_km, packaged_airfields
from airlift.tracks.airfields import EARTH_RADIUS_KM, load_airfield_table

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def test_every_row_names_a_source_or_says_it_is_an_estimate() -> None:
    table = packaged_airfields()
    assert len(table.records) >= 40
    for record in table.records:
        assert (record.source in table.sources) or record.estimate, record.name
    # the fields the issue names, missing from common airport databases, are there
    for name in ("Millerovo", "Seshcha", "Machulishchy", "Chkalovsky", "Hmeimim", "Ovda"):
        assert table.find(name) is not None, name
    assert table.find("Millerovo").estimate  # no public database lists it


def test_the_scenarios_airfields_agree_with_the_table() -> None:
    """Every airfield a shipped scenario locates is in the table, within 2 km."""
    checked = 0
    for path in sorted(SCENARIOS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, entry in data["airfields"].items():
            if not entry or entry.get("lat") is None:
                continue
            record = find_airfield(entry.get("icao") or name)
            assert record is not None, (path.name, name)
            km = haversine_km(entry["lat"], entry["lon"], record.lat, record.lon)
            assert km < 2, (path.name, name, km)
            checked += 1
    assert checked >= 6


def test_lookup_by_code_name_or_other_name_in_any_case() -> None:
    table = packaged_airfields()
    hmeimim = table.find("OSLK")
    assert hmeimim is not None and hmeimim.name == "Hmeimim"
    for text in ("oslk", "Latakia", "  bassel al-assad   international airport", "KHMEIMIM"):
        assert table.find(text) == hmeimim, text
    assert table.find("Atlantis") is None
    assert hmeimim.label == "OSLK" and table.find("Seshcha").label == "Seshcha"


def test_haversine_against_closed_forms() -> None:
    quarter = math.pi / 2 * EARTH_RADIUS_KM
    assert haversine_km(0, 0, 90, 0) == pytest.approx(quarter, rel=1e-12)
    assert haversine_km(0, 0, 0, 1) == pytest.approx(2 * math.pi * EARTH_RADIUS_KM / 360)
    assert haversine_km(10, 20, -30, 40) == pytest.approx(haversine_km(-30, 40, 10, 20))
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * EARTH_RADIUS_KM)


def test_within_lists_neighbours_nearest_first() -> None:
    table = packaged_airfields()
    near = table.within(54.785, 32.045, 12)
    assert [r.label for r, _ in near] == ["XUBS", "UUBS"]
    assert near[0][1] <= near[1][1] <= 12
    # Chkalovsky and Zhukovsky are 37 km apart: at 5 km, only one is near
    assert [r.label for r, _ in table.within(55.88, 38.06, 5)] == ["UUMU"]
    nearest = table.nearest(54.785, 32.045, 12)
    assert nearest is not None and nearest.label == "XUBS"
    assert table.nearest(0.0, 0.0, 100) is None


def test_airportsdata_fills_in_codes_the_table_lacks(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("airportsdata")
    entry = {
        "name": "Sochi International Airport",
        "lat": 43.4499,
        "lon": 39.9566,
        "country": "RU",
        "elevation": 89,
    }
    fake.load = lambda key="ICAO": {"URSS": entry}  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "airportsdata", fake)
    airfields_module._airportsdata.cache_clear()
    try:
        record = find_airfield("urss")
        assert record is not None
        assert (record.icao, record.name, record.source) == (
            "URSS",
            "Sochi International Airport",
            airfields_module.AIRPORTSDATA_SOURCE,
        )
        assert find_airfield("UMLI") == packaged_airfields().find("UMLI")  # the table first
        assert find_airfield("ZZZZ") is None
    finally:
        airfields_module._airportsdata.cache_clear()


def test_without_airportsdata_an_unknown_code_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "airportsdata", None)  # import fails
    airfields_module._airportsdata.cache_clear()
    try:
        assert find_airfield("URSS") is None
    finally:
        airfields_module._airportsdata.cache_clear()


def test_a_broken_table_is_reported_row_by_row() -> None:
    text = (
        "sources:\n  s: {publisher: P}\n"
        "airfields:\n"
        "  - {icao: UUMU, name: A, lat: 55.9, lon: 38.0, country: RU}\n"
        "  - {icao: UUMU2, name: B, lat: 95, lon: 38.0, country: RU, source: t}\n"
        "  - {icao: null, name: C, lat: 1, lon: 2, country: RU, source: s, colour: red}\n"
    )
    with pytest.raises(FlightDataError) as caught:
        load_airfield_table(text, "t.yaml")
    found = [str(p) for p in caught.value.problems]
    assert found[0].startswith("t.yaml:4:5: airfields[0]: every airfield needs a source")
    assert any(
        f.startswith("t.yaml:5:5: airfields[1]: icao must be a four-character") for f in found
    )
    assert any(f.startswith("t.yaml:5:5: airfields[1]: lat must be a number") for f in found)
    assert any(f.startswith("t.yaml:5:5: airfields[1]: unknown source 't'") for f in found)
    assert any(f.startswith("t.yaml:6:5: airfields[2]: unknown fields ['colour']") for f in found)
