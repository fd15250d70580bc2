"""10,000 legs: importing an OpenSky flight list, and loading a scenario that includes them.

The campaign-scale goal of issue [tracks]: 10,000 legs import and solve within the goals of
the README's benchmarks. Each benchmark also checks its answer against a count made
independently of the code it times (legs per row; groups per distinct type, origin and
destination).
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

tracks = pytest.importorskip("airlift.tracks")
scenario_module = pytest.importorskip("airlift.scenario")

LEGS = 10_000
FIELDS = {
    "UMLI": "Machulishchy",
    "UUMU": "Chkalovsky",
    "URRR": "Rostov",
    "OSLK": "Hmeimim",
    "LLOV": "Ovda",
    "UBBB": "Baku",
    "OAKB": "Kabul",
    "ETAR": "Ramstein",
    "KDOV": "Dover",
    "OTBH": "Al-Udeid",
}
TYPES = {"IL76": "Il-76MD", "A124": "An-124", "C17": "C-17A", "C5M": "C-5M", "AN12": "An-12"}
HEADER = (
    "callsign,number,icao24,registration,typecode,origin,destination,firstseen,lastseen,day,"
    "latitude_1,longitude_1,altitude_1,latitude_2,longitude_2,altitude_2\n"
)


def _rows(seed: int = 0) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    return [(rng.choice(list(TYPES)), *rng.sample(list(FIELDS), 2)) for _ in range(LEGS)]


def _flightlist(path: Path, rows: list[tuple[str, str, str]]) -> None:
    t0 = 1667952000
    lines = [
        f"RFF{i % 900:04d},,{i:06x},,{t},{o},{d},{t0 + 60 * i},{t0 + 60 * i + 7200},,"
        "0,0,300,0,0,300\n"
        for i, (t, o, d) in enumerate(rows)
    ]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")


def test_import_ten_thousand_legs(benchmark: Any, tmp_path: Path) -> None:
    rows = _rows()
    path = tmp_path / "flightlist.csv"
    _flightlist(path, rows)

    def run() -> Any:
        imported = tracks.import_flight_data("opensky", [path])
        return (
            imported,
            tracks.summarize(imported.legs, imported.notes),
            tracks.legs_csv(imported.legs),
        )

    _, summary, text = benchmark.pedantic(run, rounds=3, iterations=1)
    assert summary.legs == LEGS and len(text.splitlines()) == LEGS + 1
    assert {(r.aircraft_type, r.legs) for r in summary.by_type} == set(
        Counter(t for t, _, _ in rows).items()
    )


def test_load_a_scenario_of_ten_thousand_legs(benchmark: Any, tmp_path: Path) -> None:
    rows = _rows()
    _flightlist(tmp_path / "flightlist.csv", rows)
    imported = tracks.import_flight_data("opensky", [tmp_path / "flightlist.csv"])
    (tmp_path / "legs.csv").write_text(tracks.legs_csv(imported.legs), encoding="utf-8")
    airfields = "".join(f"  {name}: {{icao: {code}}}\n" for code, name in FIELDS.items())
    aircraft = "".join(f"  {name}: {{catalog: {name}}}\n" for name in TYPES.values())
    text = (
        f"title: {LEGS} legs\nairfields:\n{airfields}aircraft:\n{aircraft}"
        "cargo:\n  pallet: {kind: pallet, mass: 4.5 t}\nflights: []\nlegs: [legs.csv]\n"
    )
    path = tmp_path / "legs.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = benchmark.pedantic(scenario_module.load_scenario, args=(path,), rounds=3, iterations=1)
    groups = Counter((TYPES[t], FIELDS[o], FIELDS[d]) for t, o, d in rows)
    found = {(g.aircraft, g.from_, g.to[0]): g.count.min for g in loaded.scenario.flights}
    assert found == dict(groups)
    assert all(g.count.max is None for g in loaded.scenario.flights)
