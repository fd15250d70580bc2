"""OpenSky flight lists: the column-name variants, and the traps of the format."""

from __future__ import annotations

import dataclasses
import datetime
import gzip
from pathlib import Path

import pytest

from airlift.errors import FlightDataError
from airlift.tracks import import_flight_data, legs_csv, parse_legs
from airlift.tracks.legs import TimeKind
from airlift.tracks.opensky import import_opensky

DATA = Path(__file__).resolve().parents[1] / "data" / "tracks" / "opensky"
UTC = datetime.UTC


def test_the_zenodo_flightlist_keeps_first_and_last_seen() -> None:
    imported = import_opensky([DATA / "flightlist_20200801_20200831.csv"])
    assert imported.format == "opensky"
    hvn, rff41, rff39, rch = imported.legs
    # the README's example row
    assert (hvn.callsign, hvn.icao24, hvn.origin, hvn.destination) == (
        "HVN19",
        "888152",
        ("YMML",),
        ("LFPG",),
    )
    assert hvn.aircraft_type is None and hvn.registration is None
    assert hvn.departure is not None and hvn.arrival is not None
    assert hvn.departure.utc == datetime.datetime(2018, 12, 31, 0, 43, 16, tzinfo=UTC)
    assert hvn.arrival.utc == datetime.datetime(2019, 1, 1, 4, 56, 29, tzinfo=UTC)
    # first/last seen are messages received, never takeoffs or landings
    assert {leg.departure.kind for leg in imported.legs if leg.departure} == {TimeKind.FIRST_SEEN}
    assert {leg.arrival.kind for leg in imported.legs if leg.arrival} == {TimeKind.LAST_SEEN}
    assert (rff41.aircraft_type, rff41.registration) == ("IL76", "RF-78816")
    assert rch.origin == ("KDOV",) and rch.destination == ("ETAR",)
    # an empty airport is one OpenSky matched to none
    assert rff39.destination == ()
    assert hvn.source is not None and hvn.source.endswith("flightlist_20200801_20200831.csv:2")


def test_altitudes_are_read_as_metres() -> None:
    legs = import_opensky([DATA / "flightlist_20200801_20200831.csv"]).legs
    # 304.8 m and -53.34 m are low: nothing to say; 2,000 m is 6,562 ft (2000 / 0.3048),
    # which as feet (610 m) would be low too
    assert legs[0].note is None
    assert legs[1].note == "first seen at 2,000 m (6,562 ft): its takeoff was not seen"
    assert legs[2].note == "last seen at 9,144 m (30,000 ft): its landing was not seen"


def test_the_notes_say_what_the_lists_leave_out() -> None:
    notes = import_opensky([DATA / "flightlist_20200801_20200831.csv"]).notes
    assert any("without a callsign" in n and "missing" in n for n in notes)
    assert "4 of 4 departures and 4 of 4 arrivals are the first or last message" in " ".join(notes)
    assert any(n.startswith("1 leg ends had no airport") for n in notes)


def test_pyopensky_names_the_airports_departure_and_arrival() -> None:
    first, second = import_opensky([DATA / "pyopensky_flightlist.csv"]).legs
    assert first.origin == ("UMLI",) and first.destination == ()
    assert second.origin == ("UMLI",) and second.destination == ("URRR",)
    # Unix seconds: 1668030060 s after 1970-01-01T00:00Z
    epoch = datetime.datetime(1970, 1, 1, tzinfo=UTC)
    assert second.departure is not None
    assert second.departure.utc == epoch + datetime.timedelta(seconds=1668030060)


def test_the_newer_flights_table_gives_takeoffs_and_landings() -> None:
    real, estimated = import_opensky([DATA / "flights_data5.csv"]).legs
    epoch = datetime.datetime(1970, 1, 1, tzinfo=UTC)
    assert real.departure is not None and real.arrival is not None
    assert real.departure.kind is TimeKind.TAKEOFF
    assert real.departure.utc == epoch + datetime.timedelta(seconds=1598380300)
    assert real.arrival.kind is TimeKind.LANDING
    assert real.callsign == "SWR318"  # padded to 8 characters in the export
    # no airportofdeparture and no takeofftime: the estimate and first seen stand in
    assert estimated.origin == ("LSGG",) and estimated.destination == ()
    assert estimated.departure is not None
    assert estimated.departure.kind is TimeKind.FIRST_SEEN
    assert estimated.departure.utc == epoch + datetime.timedelta(seconds=1598390000)


def test_imported_legs_round_trip_through_a_leg_file() -> None:
    files = sorted(DATA.glob("[fp]*.csv"))
    legs = import_opensky(files).legs
    assert len(legs) == 8
    assert parse_legs(legs_csv(legs)) == list(legs)


def test_bad_rows_are_located_and_all_reported() -> None:
    with pytest.raises(FlightDataError) as caught:
        import_opensky([DATA / "bad.csv"])
    found = [str(p) for p in caught.value.problems]
    where = f"{DATA / 'bad.csv'}"
    assert found == [
        f"{where}:2:33: firstseen: expected a time such as 2018-12-31 00:43:16+00:00 or Unix "
        "seconds",
        f"{where}:3:10: icao24: '15400g' is not six hex digits",
        f"{where}:3:59: lastseen: empty; every OpenSky flight has this time",
    ]


def test_a_file_of_another_kind_is_refused_at_its_header() -> None:
    with pytest.raises(FlightDataError) as caught:
        import_opensky([DATA / "not-opensky.csv"])
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (1, 1)
    assert "not an OpenSky flight list" in problem.message


def test_given_values_fill_in_only_what_the_export_lacks() -> None:
    legs = import_flight_data(
        "flightlist", [DATA / "flightlist_20200801_20200831.csv"], aircraft_type="B744"
    ).legs
    assert [leg.aircraft_type for leg in legs] == ["B744", "IL76", "IL76", "C17"]


def test_the_flightlist_files_are_read_gzipped_as_published(tmp_path: Path) -> None:
    plain = DATA / "flightlist_20200801_20200831.csv"
    packed = tmp_path / "flightlist_20200801_20200831.csv.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    broken = tmp_path / "broken.csv.gz"
    broken.write_bytes(gzip.compress(plain.read_bytes())[:-12])
    legs = import_opensky([packed]).legs
    assert [dataclasses.replace(leg, source=None) for leg in legs] == [
        dataclasses.replace(leg, source=None) for leg in import_opensky([plain]).legs
    ]
    with pytest.raises(FlightDataError) as caught:
        import_opensky([broken])
    assert str(caught.value.problems[0]).startswith(f"{broken}: not a readable gzip file")
