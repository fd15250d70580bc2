"""Scenarios that include leg files: legs grouped into flight groups, counted as at least
what was seen unless complete, and every problem located at its row or its entry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from airlift.analysis import analyze
from airlift.errors import ScenarioError
from airlift.model import SolveOptions
from airlift.result import Verdict
from airlift.scenario import load_scenario, scenario_from_dict, scenario_json_schema
from airlift.scenario.loader import LoadedScenario

HEADER = "type,registration,icao24,callsign,from,to,source\n"
LEGS = (
    HEADER
    + "IL76,RA-1,,,Machulishchy,Millerovo,Hajun\n"
    + "IL76,RA-2,,,UMLI,Millerovo,Hajun\n"
    + "A124,,,,UMLI,URRR,Hajun\n"
    + "IL76,RA-1,,,machulishchy,MILLEROVO,Hajun\n"
    + "Il-76MD,,,,UMLI,Rostov-on-Don,Hajun\n"
)
SCENARIO = """\
title: legs
sources:
  hajun: {publisher: Belarusian Hajun}
airfields:
  Machulishchy: {icao: UMLI}
  Millerovo: {}
  Rostov: {name: Rostov-on-Don}
aircraft:
  Il-76MD: {catalog: Il-76MD}
  An-124: {catalog: An-124}
cargo:
  missile: {kind: missile, mass: 1.8 t}
  food: {kind: food, bulk: true}
flights:
  - {id: hand, aircraft: Il-76MD, count: 2, from: Machulishchy, to: Rostov, carries: food}
legs:
  - file: legs/seen.csv
    carries: [missile]
    source: hajun
"""


def _write(
    tmp_path: Path, scenario: str = SCENARIO, legs: str = LEGS, name: str = "seen.csv"
) -> Path:
    (tmp_path / "legs").mkdir(exist_ok=True)
    (tmp_path / "legs" / name).write_text(legs, encoding="utf-8")
    path = tmp_path / "case.yaml"
    path.write_text(scenario, encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    return [str(p) for p in caught.value.problems]


def test_legs_are_grouped_by_aircraft_origin_and_destination(tmp_path: Path) -> None:
    loaded = load_scenario(_write(tmp_path))
    groups = {g.id: g for g in loaded.scenario.flights}
    assert list(groups) == [
        "hand",
        "seen/Il-76MD/Machulishchy/Millerovo",
        "seen/An-124/Machulishchy/Rostov",
        "seen/Il-76MD/Machulishchy/Rostov",
    ]
    millerovo = groups["seen/Il-76MD/Machulishchy/Millerovo"]
    # rows 2, 3 and 5: IL76 by designator, the airfields by name, code and any case
    assert (millerovo.count.min, millerovo.count.max) == (3, None)
    assert millerovo.aircraft == "Il-76MD" and millerovo.from_ == "Machulishchy"
    assert millerovo.to == ["Millerovo"] and millerovo.carries == ["missile"]
    assert millerovo.source == "hajun"
    assert millerovo.says == ("3 legs in legs/seen.csv (rows 2-3, 5), at least what tracking saw")
    # URRR is Rostov-on-Don in the airfield table, the name of the scenario's Rostov
    assert groups["seen/An-124/Machulishchy/Rostov"].count.min == 1
    assert groups["seen/Il-76MD/Machulishchy/Rostov"].says == (
        "1 leg in legs/seen.csv (row 6), at least what tracking saw"
    )
    # the groups are cited at the legs entry, and keep their legs with their rows
    entry_line = SCENARIO.splitlines().index("  - file: legs/seen.csv") + 1
    k = list(groups).index("seen/Il-76MD/Machulishchy/Millerovo")
    assert loaded.line_of(("flights", k, "count", "min")) == entry_line
    assert [leg.row.line for leg in loaded.legs[millerovo.id] if leg.row] == [2, 3, 5]
    assert loaded.legs[millerovo.id][0].registration == "RA-1"


def test_a_complete_file_counts_exactly_the_legs(tmp_path: Path) -> None:
    text = SCENARIO.replace("    source: hajun\n", "    source: hajun\n    complete: true\n")
    groups = {g.id: g for g in load_scenario(_write(tmp_path, text)).scenario.flights}
    count = groups["seen/Il-76MD/Machulishchy/Millerovo"].count
    assert (count.min, count.max) == (3, 3)
    assert "at least" not in (groups["seen/Il-76MD/Machulishchy/Millerovo"].says or "")


def test_analysis_counts_at_least_the_legs_seen_and_says_so(tmp_path: Path) -> None:
    claims = (
        "claims:\n"
        "  - {id: nine, total: flights, from: Machulishchy, aircraft: Il-76MD, to: Millerovo,"
        " at_least: 9}\n"
        "estimate:\n  - {total: flights, to: Millerovo}\n"
    )
    options = SolveOptions(time_limit=5, seed=0)
    open_file = analyze(load_scenario(_write(tmp_path, SCENARIO + claims)), options, explain=False)
    (claim,) = open_file.claims
    assert claim.verdict is Verdict.CONSISTENT  # 3 seen; more may have flown
    (bound,) = open_file.bounds
    assert bound.outer == (3, None)
    assert any("count at least the legs seen" in n for n in open_file.notes)
    complete = SCENARIO.replace("    source: hajun\n", "    source: hajun\n    complete: true\n")
    closed = analyze(load_scenario(_write(tmp_path, complete + claims)), options, explain=False)
    assert closed.claims[0].verdict is Verdict.INCONSISTENT
    assert closed.bounds[0].outer == (3, 3)
    assert any("taken as complete" in n for n in closed.notes)


def test_many_identical_legs_make_one_group(tmp_path: Path) -> None:
    legs = HEADER + "IL76,,,,UMLI,Millerovo,x\n" * 500
    text = SCENARIO.replace("  - {id: hand", "  - {id: hand2")
    flights = load_scenario(_write(tmp_path, text, legs)).scenario.flights
    assert [(g.id, g.count.min) for g in flights[1:]] == [
        ("seen/Il-76MD/Machulishchy/Millerovo", 500)
    ]


def test_an_entry_maps_types_and_airfields_and_names_its_groups(tmp_path: Path) -> None:
    legs = (
        HEADER
        + "IL76,,,,UMLI,unknown,x\nC17,,,,Chkalovsky,UUBS|XUBS,x\nunknown,,,,UMLI,Millerovo,x\n"
    )
    text = SCENARIO.replace(
        "    source: hajun\n",
        "    source: hajun\n"
        "    id: hajun-week\n"
        "    aircraft: {C17: An-124, unknown: An-124}\n"
        "    airfields: {unknown: [Millerovo, Rostov], chkalovsky: Machulishchy,"
        " UUBS|XUBS: Rostov}\n",
    )
    groups = {g.id: g for g in load_scenario(_write(tmp_path, text, legs)).scenario.flights}
    assert groups["hajun-week/Il-76MD/Machulishchy/Millerovo|Rostov"].to == ["Millerovo", "Rostov"]
    assert groups["hajun-week/An-124/Machulishchy/Rostov"].aircraft == "An-124"
    assert groups["hajun-week/An-124/Machulishchy/Millerovo"].count.min == 1


def test_alternatives_become_the_destinations_of_one_group(tmp_path: Path) -> None:
    text = SCENARIO.replace(
        "  Millerovo: {}\n",
        "  Millerovo: {}\n  Smolensk-N: {icao: XUBS}\n  Smolensk-S: {icao: UUBS}\n",
    )
    legs = HEADER + "IL76,,,,UMLI,UUBS|XUBS,x\n"
    flights = load_scenario(_write(tmp_path, text, legs)).scenario.flights
    assert flights[-1].to == ["Smolensk-S", "Smolensk-N"]


def test_problems_are_located_at_the_rows_of_the_leg_file(tmp_path: Path) -> None:
    legs = (
        HEADER
        + "IL76,,,,UMLI,Atlantis,x\n"  # row 2: an airfield the scenario lacks
        + "B744,,,,UMLI,Millerovo,x\n"  # row 3: a type the scenario lacks
        + "IL76,,,,unknown,Millerovo,x\n"  # row 4: an unknown origin
        + "IL76,,,,UMLI,OSLK,x\n"  # row 5: in the table but not in the scenario
        + "IL76,,,,UMLI|UMMS,Millerovo,x\n"  # row 6: UMMS is not in the scenario
    )
    found = _problems(_write(tmp_path, legs=legs))
    file = tmp_path / "legs" / "seen.csv"
    assert found[0].startswith(f"{file}:2:14: to: unknown airfield 'Atlantis'")
    assert found[1].startswith(f"{file}:3:1: type: unknown aircraft type 'B744'")
    assert "aircraft: {B744: Il-76MD}" in found[1]
    assert found[2].startswith(f"{file}:4:9: from: the leg's origin is unknown")
    assert found[3].startswith(f"{file}:5:14: to: unknown airfield 'OSLK'")
    assert "(Hmeimim, OSLK in the airfield table)" in found[3]
    assert found[4].startswith(f"{file}:6:9: from: unknown airfield 'UMMS'")
    assert len(found) == 5


def test_an_ambiguous_type_or_origin_must_be_mapped(tmp_path: Path) -> None:
    text = SCENARIO.replace(
        "  An-124: {catalog: An-124}\n", "  Il-76-90A: {catalog: Il-76MD-90A}\n"
    )
    text = text.replace(
        "  Millerovo: {}\n", "  Millerovo: {}\n  A: {icao: UUBS}\n  B: {icao: XUBS}\n"
    )
    legs = HEADER + "IL76,,,,UMLI,Millerovo,x\nIl-76MD,,,,UUBS|XUBS,Millerovo,x\n"
    found = _problems(_write(tmp_path, text, legs))
    file = tmp_path / "legs" / "seen.csv"
    assert found == [
        f"{file}:2:1: type: aircraft type 'IL76' may be any of 'Il-76MD', 'Il-76-90A' in this "
        "scenario; say which in the legs entry: aircraft: {IL76: Il-76MD}",
        f"{file}:3:12: from: the origin may be any of 'A', 'B', but a flight group leaves from "
        "one airfield; say which in the legs entry: airfields: {UUBS|XUBS: A}",
    ]


def test_problems_of_the_entry_are_located_in_the_scenario(tmp_path: Path) -> None:
    text = SCENARIO.replace(
        "    carries: [missile]\n    source: hajun\n",
        "    carries: [misile]\n    source: hajn\n    aircraft: {IL76: Il-78}\n",
    )
    found = _problems(_write(tmp_path, text))
    lines = text.splitlines()
    at = {
        name: lines.index(next(x for x in lines if x.startswith(f"    {name}:"))) + 1
        for name in ("carries", "source", "aircraft")
    }
    case = tmp_path / "case.yaml"
    assert len(found) == 3
    assert found[0] == (
        f"{case}:{at['carries']}:15: legs[0].carries[0]: unknown cargo type 'misile'; did you "
        "mean 'missile'? valid cargo types: missile, food"
    )
    assert found[1].startswith(
        f"{case}:{at['source']}:13: legs[0].source: unknown source 'hajn'; did you mean 'hajun'?"
    )
    assert found[2] == (
        f"{case}:{at['aircraft']}:22: legs[0].aircraft.IL76: unknown aircraft 'Il-78'; did you "
        "mean 'Il-76MD'? valid aircraft: Il-76MD, An-124"
    )


def test_a_missing_or_broken_leg_file(tmp_path: Path) -> None:
    path = _write(tmp_path)
    (tmp_path / "legs" / "seen.csv").unlink()
    line = SCENARIO.splitlines().index("  - file: legs/seen.csv") + 1
    assert _problems(path) == [
        f"{path}:{line}:11: legs[0].file: the leg file {tmp_path / 'legs' / 'seen.csv'} does "
        "not exist (a path relative to the scenario file)"
    ]
    _write(tmp_path, legs=HEADER + "IL76,,nothex,,UMLI,Millerovo,x\n")
    found = _problems(path)
    assert found == [
        f"{tmp_path / 'legs' / 'seen.csv'}:2:7: icao24: 'nothex' is not a 24-bit address: six hex"
        " digits such as 4b1805 ('~' first for a non-ICAO address)"
    ]


def test_a_group_id_may_not_clash(tmp_path: Path) -> None:
    text = SCENARIO.replace("{id: hand,", "{id: seen/An-124/Machulishchy/Rostov,")
    (problem,) = _problems(_write(tmp_path, text))
    assert "has the id of another flight group; give this entry another id" in problem


def test_a_file_name_alone_and_a_scenario_from_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = SCENARIO.replace(
        "legs:\n  - file: legs/seen.csv\n    carries: [missile]\n    source: hajun\n",
        "legs: [legs/seen.csv]\n",
    )
    loaded: LoadedScenario = load_scenario(_write(tmp_path, text))
    assert loaded.scenario.legs[0].file == "legs/seen.csv"
    assert loaded.scenario.legs[0].complete is False
    assert loaded.scenario.flights[1].carries is None  # carries everything, as written
    # a scenario given as data reads its leg files relative to the working directory
    monkeypatch.chdir(tmp_path)
    data = {
        "title": "t",
        "airfields": {"Machulishchy": {"icao": "UMLI"}, "Millerovo": {}, "Rostov-on-Don": {}},
        "aircraft": {"Il-76MD": {"catalog": "Il-76MD"}, "An-124": {"catalog": "An-124"}},
        "cargo": {"x": {"kind": "x", "mass": "1 t"}},
        "flights": [],
        "legs": ["legs/seen.csv"],
    }
    assert len(scenario_from_dict(data).flights) == 3


def test_the_json_schema_describes_legs() -> None:
    schema = scenario_json_schema()
    json.dumps(schema)
    items = schema["properties"]["legs"]["items"]["anyOf"]
    assert {"type": "string"} in items and {"$ref": "#/$defs/LegFile"} in items
    entry = schema["$defs"]["LegFile"]
    assert entry["required"] == ["file"] and entry["additionalProperties"] is False
    assert {"file", "carries", "complete", "aircraft", "airfields", "id", "source"} <= set(
        entry["properties"]
    )
    assert "icao" in schema["$defs"]["Airfield"]["properties"]
