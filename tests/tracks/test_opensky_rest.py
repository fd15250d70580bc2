"""OpenSky flights as JSON: REST answers, the history database's name variants, the traps."""

from __future__ import annotations

import dataclasses
import datetime
import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from airlift import cli
from airlift.errors import FlightDataError
from airlift.tracks import import_flight_data, legs_csv, parse_legs, read_legs, write_legs
from airlift.tracks.legs import Leg, TimeKind
from airlift.tracks.opensky_rest import import_opensky_rest

DATA = Path(__file__).resolve().parents[1] / "data" / "tracks" / "opensky-rest"
ANSWER = DATA / "flights_aircraft_15400a.json"
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def _at(seconds: int) -> datetime.datetime:
    return EPOCH + datetime.timedelta(seconds=seconds)


def _unsourced(legs: tuple[Leg, ...]) -> list[Leg]:
    return [dataclasses.replace(leg, source=None) for leg in legs]


def _write(path: Path, records: object) -> Path:
    path.write_text(json.dumps(records))
    return path


def test_a_rest_answer_keeps_first_and_last_seen_and_null_airports() -> None:
    imported = import_opensky_rest([ANSWER])
    assert imported.format == "opensky-rest"
    out, back, home = imported.legs
    assert (out.icao24, out.origin, out.destination) == ("15400a", ("UUMU",), ("OSLK",))
    # the callsign is padded to 8 characters in the answer
    assert out.callsign == "RFF8041"
    assert out.departure is not None and out.arrival is not None
    assert out.departure.utc == _at(1598385900) and out.arrival.utc == _at(1598402412)
    # first and last seen are messages received, never takeoffs or landings
    assert {leg.departure.kind for leg in imported.legs if leg.departure} == {TimeKind.FIRST_SEEN}
    assert {leg.arrival.kind for leg in imported.legs if leg.arrival} == {TimeKind.LAST_SEEN}
    # a null airport is one OpenSky matched to none: unknown, not guessed
    assert back.destination == () and home.origin == ()
    # a flight without a callsign is in the REST answer (the flightlist files drop it)
    assert home.callsign is None and home.destination == ("UUMU",)
    assert out.source is not None and out.source.endswith("flights_aircraft_15400a.json:2")
    assert any(n.startswith("2 leg ends had no airport") for n in imported.notes)
    assert not any("without a callsign" in n for n in imported.notes)


def test_the_distances_to_the_estimated_airports_are_metres() -> None:
    out, back, home = import_opensky_rest([ANSWER]).legs
    # 1,406 m and 40 m from Chkalovsky: near, nothing to say (as kilometres or feet, not so)
    assert out.note is None
    # 25,300 m is 25.3 km; 2,000 m is 6,562 ft (2000 / 0.3048 = 6561.7)
    assert back.note == (
        "from OSLK (OpenSky's estimate): first seen 25.3 km from it and 2,000 m (6,562 ft) "
        "above it: its takeoff was not seen"
    )
    assert (
        home.note == "to UUMU (OpenSky's estimate): OpenSky found 2 other possible airports near it"
    )


@pytest.mark.parametrize(
    ("horizontal", "vertical", "noted"),
    [(12_000, 1_000, False), (12_001, 0, True), (0, 1_001, True), (None, 999, False)],
)
def test_an_end_is_noted_beyond_12_km_or_1000_m(
    tmp_path: Path, horizontal: int | None, vertical: int, noted: bool
) -> None:
    record = {
        "icao24": "15400a",
        "firstSeen": 1598385900,
        "estDepartureAirport": "UUMU",
        "lastSeen": 1598402412,
        "estArrivalAirport": None,
        "estDepartureAirportHorizDistance": horizontal,
        "estDepartureAirportVertDistance": vertical,
    }
    (leg,) = import_opensky_rest([_write(tmp_path / "f.json", [record])]).legs
    assert (leg.note is not None) is noted


def test_the_history_database_names_as_json_records(tmp_path: Path) -> None:
    # flights_data5 (pandas' to_json: times in milliseconds), pyopensky's departure/arrival
    # as JSON Lines (one record per line, as Trino writes them), older origin/destination
    data5 = [
        {
            "icao24": "4b1805",
            "firstseen": 1598380000000,
            "estdepartureairport": "LSZH",
            "lastseen": 1598387000000,
            "estarrivalairport": "EGLL",
            "callsign": "SWR318  ",
            "airportofdeparture": "LSZH",
            "airportofdestination": "EGLL",
            "takeofftime": 1598380300000,
            "landingtime": 1598386700000,
        },
        {
            "icao24": "4b1806",
            "firstseen": 1598390000000,
            "estdepartureairport": "LSGG",
            "lastseen": 1598396000000,
            "estarrivalairport": None,
            "airportofdeparture": None,
            "takeofftime": None,
        },
    ]
    lines = tmp_path / "pyopensky.jsonl"
    lines.write_text(
        '{"icao24": "15400a", "firstseen": 1668029000, "departure": "UMLI", '
        '"lastseen": 1668033000, "arrival": null, "callsign": "RFF7777"}\n'
        '{"icao24": "15400b", "firstseen": "2022-11-09 21:41:00+00:00", "departure": "UMLI", '
        '"lastseen": "2022-11-09 23:30:00+00:00", "arrival": "URRR", "callsign": "RFF7778"}\n'
    )
    older = [{"icao24": "15400c", "firstseen": 1, "origin": "UUMU", "lastseen": 2}]
    older[0].update(firstseen=1598385900, lastseen=1598402412, destination="OSLK")
    files = [_write(tmp_path / "data5.json", data5), lines, _write(tmp_path / "o.json", older)]
    real, estimated, first, second, old = import_opensky_rest(files).legs
    assert real.departure is not None and real.arrival is not None
    assert real.departure == real.departure.__class__(_at(1598380300), TimeKind.TAKEOFF)
    assert real.arrival == real.arrival.__class__(_at(1598386700), TimeKind.LANDING)
    assert real.callsign == "SWR318"
    # no airportofdeparture and no takeofftime: the estimate and first seen stand in
    assert estimated.origin == ("LSGG",) and estimated.destination == ()
    assert estimated.departure is not None
    assert estimated.departure == estimated.departure.__class__(
        _at(1598390000), TimeKind.FIRST_SEEN
    )
    assert (first.origin, first.destination) == (("UMLI",), ())
    assert (second.origin, second.destination) == (("UMLI",), ("URRR",))
    assert second.departure is not None
    assert second.departure.utc == datetime.datetime(2022, 11, 9, 21, 41, tzinfo=datetime.UTC)
    # each line is a record: the source names its line
    assert second.source == f"OpenSky flights {lines}:2"
    assert (old.origin, old.destination) == (("UUMU",), ("OSLK",))


def test_bad_records_are_located_and_all_reported(tmp_path: Path) -> None:
    text = (
        '[{"icao24": "15400a", "firstSeen": "yesterday", "lastSeen": 1598402412},\n'
        ' {"icao24": "15400g", "firstSeen": 1598385900, "estDepartureAirport": "UUMU"},\n'
        ' {"icao24": "15400a", "firstSeen": 1598402412, "lastSeen": 1598385900},\n'
        ' {"icao24": "15400a", "firstSeen": 1598385900, "lastSeen": 1598402412, '
        '"callsign": {"raw": "RFF8041"}},\n'
        " 7]\n"
    )
    path = tmp_path / "bad.json"
    path.write_text(text)
    lines = text.splitlines()

    def column(line: int, needle: str) -> int:
        return lines[line - 1].index(needle) + 1

    time, address, arrival, callsign = '"yesterday', '"15400g', "1598385900", '{"raw'

    with pytest.raises(FlightDataError) as caught:
        import_opensky_rest([path])
    found = [str(p) for p in caught.value.problems]
    assert found == [
        f"{path}:1:{column(1, time)}: [0].firstSeen: expected a time such as "
        "2018-12-31 00:43:16+00:00 or Unix seconds",
        # a missing key is located at its record's opening brace
        f"{path}:2:2: [1].lastseen: null or missing; every OpenSky flight has this time",
        f"{path}:2:{column(2, address)}: [1].icao24: '15400g' is not six hex digits",
        f"{path}:3:{column(3, arrival)}: [2].lastSeen: before the departure "
        "(2020-08-26T00:40:12Z); both are UTC",
        f"{path}:4:{column(4, callsign)}: [3].callsign: expected text or a number, found an object",
        f"{path}:5:2: [4]: expected an object (one flight), found a number",
    ]


def test_files_of_other_kinds_are_refused(tmp_path: Path) -> None:
    states = _write(tmp_path / "states.json", {"time": 1598385900, "states": [["15400a"]]})
    summary = _write(tmp_path / "fr24.json", [{"fr24_id": "1", "first_seen": "2023-09-03"}])
    broken = tmp_path / "broken.json"
    second = '  "firstSeen": 15983859OO}]'
    broken.write_text('[{"icao24": "15400a",\n' + second)
    with pytest.raises(FlightDataError) as caught:
        import_opensky_rest([states, summary, broken])
    found = [str(p) for p in caught.value.problems]
    assert found[0].startswith(f"{broken}:2:{second.index('OO') + 1}: not valid JSON")
    assert found[1].startswith(f"{summary}:1:1: no record has a firstSeen; expected OpenSky")
    assert found[2].startswith(f"{states}:1:1: this is OpenSky's state vectors (/states/all")


def test_gzipped_answers_are_read_whatever_their_name(tmp_path: Path) -> None:
    packed = tmp_path / "flights.json"
    packed.write_bytes(gzip.compress(ANSWER.read_bytes()))
    plain = import_opensky_rest([ANSWER]).legs
    assert _unsourced(import_flight_data("opensky-json", [packed]).legs) == _unsourced(plain)


def test_imported_legs_round_trip_through_a_leg_file(tmp_path: Path) -> None:
    legs = import_flight_data("opensky-api", [ANSWER]).legs
    assert parse_legs(legs_csv(legs)) == list(legs)
    path = tmp_path / "legs.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        write_legs(legs, out)
    assert read_legs(path) == list(legs)


def test_the_command_line_writes_the_leg_file(tmp_path: Path) -> None:
    out = tmp_path / "legs.csv"
    args = ["import", "opensky-rest", str(ANSWER), "-o", str(out)]
    result = CliRunner().invoke(cli.main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert read_legs(out) == list(import_opensky_rest([ANSWER]).legs)
    assert f"Wrote 3 legs to {out}." in result.stdout
    assert "read as opensky-rest" in result.stdout
    again = tmp_path / "again.csv"
    args[-1] = str(again)
    CliRunner().invoke(cli.main, args, catch_exceptions=False)
    assert again.read_bytes() == out.read_bytes()
    bad = _write(tmp_path / "bad.json", [{"icao24": "15400a", "firstSeen": 1598385900}])
    result = CliRunner().invoke(cli.main, ["import", "opensky-rest", str(bad)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{bad}:1:2: [0].lastseen: null or missing" in result.stderr
