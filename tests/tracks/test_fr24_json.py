"""Flightradar24 JSON: the API's flight summary (and its CSV form), the web playback JSON."""

from __future__ import annotations

import copy
import csv
import dataclasses
import datetime
import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from airlift import cli
from airlift.errors import FlightDataError
from airlift.tracks import import_flight_data, legs_csv, parse_legs, read_legs
from airlift.tracks.fr24_json import import_fr24_json
from airlift.tracks.legs import Leg, LegTime, TimeKind

DATA = Path(__file__).resolve().parents[1] / "data" / "tracks"
SUMMARY = DATA / "fr24-json" / "flight-summary-full.json"
PLAYBACK = DATA / "fr24-json" / "playback_2b8a4c1f.json"
UTC = datetime.UTC


def _unsourced(legs: tuple[Leg, ...]) -> list[Leg]:
    return [dataclasses.replace(leg, source=None) for leg in legs]


def _flights() -> list[dict[str, Any]]:
    flights: list[dict[str, Any]] = json.loads(SUMMARY.read_text())["data"]
    return flights


def _playback() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(PLAYBACK.read_text())
    return data


def _flight(playback: dict[str, Any]) -> dict[str, Any]:
    flight: dict[str, Any] = playback["result"]["response"]["data"]["flight"]
    return flight


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, indent=1))
    return path


def test_the_summary_prefers_takeoff_and_landing_and_the_actual_destination() -> None:
    imported = import_fr24_json([SUMMARY])
    assert imported.format == "fr24-json"
    out, back, unseen = imported.legs
    assert (out.aircraft_type, out.registration, out.callsign) == ("IL76", "4K-AZ100", "AZQ4061")
    assert out.icao24 == "600b2c"  # FR24 writes the address in capitals
    assert (out.origin, out.destination) == (("UBBB",), ("LLOV",))
    assert out.departure == LegTime(
        datetime.datetime(2023, 9, 3, 8, 12, 40, tzinfo=UTC), TimeKind.TAKEOFF
    )
    assert out.arrival == LegTime(
        datetime.datetime(2023, 9, 3, 11, 40, 5, tzinfo=UTC), TimeKind.LANDING
    )
    assert out.note is None
    assert out.source is not None and out.source.endswith(
        "flight-summary-full.json:3 (fr24_id 3126f1a2)"
    )
    # a diversion: filed to Baku, flown to Ganja; the times have no zone and are UTC
    assert back.destination == ("UBBG",)
    assert back.note == "diverted: filed to UBBB (dest_icao), flown to UBBG (dest_icao_actual)"
    assert back.departure is not None
    assert back.departure.utc == datetime.datetime(2023, 9, 3, 14, 2, tzinfo=UTC)
    # no takeoff or landing: first and last seen stand in, and say so
    assert unseen.departure == LegTime(
        datetime.datetime(2023, 9, 4, 2, 31, tzinfo=UTC), TimeKind.FIRST_SEEN
    )
    assert unseen.arrival is not None and unseen.arrival.kind is TimeKind.LAST_SEEN
    # a null origin is unknown; a filed destination alone is kept, and said to be filed
    assert unseen.origin == () and unseen.destination == ("LLOV",)
    assert unseen.note is not None and "LLOV is the filed destination" in unseen.note
    assert "flight_ended false" in unseen.note
    notes = " ".join(imported.notes)
    assert "1 of 3 departures and 1 of 3 arrivals are the first or last message received" in notes
    assert "1 leg diverted" in notes and "1 flight had not ended" in notes


def test_a_bare_array_json_lines_and_csv_give_the_same_legs(tmp_path: Path) -> None:
    flights = _flights()
    bare = _write(tmp_path / "bare.json", flights)
    lines = tmp_path / "lines.json"
    lines.write_text("".join(json.dumps(f) + "\n" for f in flights))
    table = tmp_path / "summary.csv"
    with table.open("w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(flights[0]))
        writer.writeheader()
        for flight in flights:
            writer.writerow(
                {
                    k: "" if v is None else str(v).lower() if isinstance(v, bool) else v
                    for k, v in flight.items()
                }
            )
    expected = _unsourced(import_fr24_json([SUMMARY]).legs)
    for path in (bare, lines, table):
        assert _unsourced(import_fr24_json([path]).legs) == expected, path


def test_the_playback_gives_one_leg_seen_from_its_first_to_its_last_point() -> None:
    imported = import_flight_data("fr24-playback", [PLAYBACK])
    (leg,) = imported.legs
    track = _flight(_playback())["track"]
    first = min(point["timestamp"] for point in track)
    last = max(point["timestamp"] for point in track)
    epoch = datetime.datetime(1970, 1, 1, tzinfo=UTC)
    assert leg.departure == LegTime(epoch + datetime.timedelta(seconds=first), TimeKind.FIRST_SEEN)
    assert leg.arrival == LegTime(epoch + datetime.timedelta(seconds=last), TimeKind.LAST_SEEN)
    assert (leg.aircraft_type, leg.registration, leg.icao24, leg.callsign) == (
        "C17",
        "02-1109",
        "ae07e1",
        "RCH871",
    )
    assert leg.origin == ("ETAR",)  # as the file names it
    # the destination is null: inferred from the track's end, on approach at 1,500 ft
    # (1,370 ft above Al Udeid, 5.5 km away)
    assert leg.destination == ("OTBH",)
    assert leg.note == "to: inferred from the track, at 1,500 ft, 5.5 km from OTBH"
    assert leg.source == f"Flightradar24 playback {PLAYBACK} (flight 2b8a4c1f)"


@pytest.mark.parametrize(
    ("altitude", "destination"),
    [
        # 1,500 ft is low over Al Udeid; as metres (4,921 ft) it would not be
        ({"feet": 1500, "meters": 457}, ("OTBH",)),
        # 1,219 m is 3,999 ft, too high; as feet it would be low
        ({"meters": 1219}, ()),
        ({"meters": 457}, ("OTBH",)),
    ],
)
def test_the_track_is_read_in_feet_never_in_metres(
    tmp_path: Path, altitude: dict[str, int], destination: tuple[str, ...]
) -> None:
    playback = _playback()
    _flight(playback)["track"][-1]["altitude"] = altitude
    (leg,) = import_fr24_json([_write(tmp_path / "p.json", playback)]).legs
    assert leg.destination == destination


def test_a_null_origin_is_inferred_and_a_diversion_is_said(tmp_path: Path) -> None:
    playback = _playback()
    airport = _flight(playback)["airport"]
    airport["destination"] = copy.deepcopy(airport["origin"])
    airport["destination"]["code"] = {"iata": "XJD", "icao": "OTBH"}
    airport["real"] = {"code": {"iata": "KWI", "icao": "OKAS"}}
    airport["origin"] = None
    imported = import_fr24_json([_write(tmp_path / "p.json", playback)])
    (leg,) = imported.legs
    # seen on the ground at Ramstein first (0.0 km from its reference point)
    assert leg.origin == ("ETAR",)
    assert leg.destination == ("OKAS",)
    assert leg.note == (
        "diverted: filed to OTBH, flown to OKAS (airport.real); "
        "from: inferred from the track, on the ground, 0.0 km from ETAR"
    )
    assert any(n.startswith("1 leg end inferred from the track") for n in imported.notes)


def test_bad_values_are_located_and_all_reported(tmp_path: Path) -> None:
    flights = _flights()
    flights[0]["datetime_takeoff"] = "03/09/2023 08:12"
    flights[1]["hex"] = "60XB2C"
    flights[2]["datetime_landed"] = "2023-09-04T01:00:00Z"  # before its first_seen
    summary = _write(tmp_path / "s.json", {"data": [*flights, "AZQ4063"]})
    text = summary.read_text().splitlines()

    def place(needle: str) -> str:
        line = next(i for i, t in enumerate(text) if needle in t)
        return f"{line + 1}:{text[line].index(needle) + 1}"

    playback = _playback()
    track = _flight(playback)["track"]
    track[2]["timestamp"] = "soon"
    track[3]["altitude"] = 28000
    bad = _write(tmp_path / "p.json", playback)
    lines = bad.read_text().splitlines()
    stamp = next(i for i, t in enumerate(lines) if '"soon"' in t)
    height = next(i for i, t in enumerate(lines) if '"altitude": 28000' in t)
    takeoff, address, landed, text_record = '"03/09', '"60XB2C', '"2023-09-04T01:00', '"AZQ4063'
    with pytest.raises(FlightDataError) as caught:
        import_fr24_json([summary, bad])
    flight = "result.response.data.flight.track"
    assert [str(p) for p in caught.value.problems] == [
        f"{bad}:{stamp + 1}:{lines[stamp].index('soon')}: {flight}[2].timestamp: expected a "
        "time such as 2018-12-31 00:43:16+00:00 or Unix seconds",
        f"{bad}:{height + 1}:{lines[height].index('28000') + 1}: {flight}[3].altitude: "
        "expected the altitude as {feet, meters}, found a number",
        f"{summary}:{place(takeoff)}: data[0].datetime_takeoff: expected a time such as "
        "2018-12-31 00:43:16+00:00 or Unix seconds",
        f"{summary}:{place(address)}: data[1].hex: '60xb2c' is not six hex digits",
        f"{summary}:{place(landed)}: data[2].datetime_landed: before the "
        "departure (2023-09-04T02:31:00Z); both are UTC",
        f"{summary}:{place(text_record)}: data[3]: expected an object (one flight), found text",
    ]


def test_a_file_of_neither_shape_is_refused(tmp_path: Path) -> None:
    other = _write(tmp_path / "other.json", {"flights": []})
    tracks = _write(tmp_path / "tracks.json", [{"fr24_id": "2b8a4c1f", "tracks": []}])
    answer = _write(tmp_path / "answer.json", {"result": {"response": {"data": None}}})
    flight_csv = DATA / "fr24" / "Flight_RCH871_(2b8a4c1f).csv"
    with pytest.raises(FlightDataError) as caught:
        import_fr24_json([other, tracks, answer, flight_csv])
    found = {p.file: str(p) for p in caught.value.problems}
    assert found[str(flight_csv)].startswith(f"{flight_csv}:1:1: not a flight summary; this is")
    assert found[str(flight_csv)].endswith("a per-flight track CSV: import it as fr24")
    assert found[str(other)].startswith(f"{other}:1:1: found an object of another kind; expected")
    assert found[str(tracks)].startswith(f"{tracks}:1:1: no flight has a time (datetime_takeoff")
    # located at the deepest value the path reaches: "data": null, on line 4 of the file
    assert found[str(answer)] == (
        f"{answer}:4:12: result.response.data.flight: a Flightradar24 answer without "
        "result.response.data.flight: not a playback file, found null there"
    )


def test_gzipped_files_are_read_whatever_their_name(tmp_path: Path) -> None:
    packed = tmp_path / "playback.json"
    packed.write_bytes(gzip.compress(PLAYBACK.read_bytes()))
    assert _unsourced(import_fr24_json([packed]).legs) == _unsourced(
        import_fr24_json([PLAYBACK]).legs
    )


def test_imported_legs_round_trip_and_the_command_line_writes_them(tmp_path: Path) -> None:
    legs = import_flight_data("fr24-json", [SUMMARY, PLAYBACK]).legs
    assert len(legs) == 4
    assert parse_legs(legs_csv(legs)) == list(legs)
    out = tmp_path / "legs.csv"
    args = ["import", "fr24-api", str(SUMMARY), str(PLAYBACK), "-o", str(out)]
    result = CliRunner().invoke(cli.main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert read_legs(out) == list(legs)
    assert "Legs from 2 files read as fr24-json" in result.stdout
