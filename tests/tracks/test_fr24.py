"""Flightradar24 per-flight CSV: one quoted position cell, feet, no type or airports."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from airlift.errors import AirliftError, FlightDataError
from airlift.tracks import import_flight_data, legs_csv, parse_legs
from airlift.tracks.fr24 import import_fr24
from airlift.tracks.legs import TimeKind

FLIGHT = Path(__file__).resolve().parents[1] / "data" / "tracks" / "fr24"
FILE = FLIGHT / "Flight_RCH871_(2b8a4c1f).csv"
UTC = datetime.UTC


def test_one_flight_from_ramstein_to_al_udeid() -> None:
    imported = import_fr24([FILE], aircraft_type="C17", registration="02-1109")
    (leg,) = imported.legs
    assert (leg.aircraft_type, leg.registration, leg.callsign) == ("C17", "02-1109", "RCH871")
    assert leg.origin == ("ETAR",)
    assert leg.departure is not None and leg.arrival is not None
    # the first point off the ground, after ground points at Ramstein
    assert leg.departure == leg.departure.__class__(
        datetime.datetime(2020, 8, 27, 2, 1, tzinfo=UTC), TimeKind.TAKEOFF
    )
    # the track ends on approach at 1,500 ft (1,370 ft above Al Udeid, 5.5 km away); as
    # metres it would be 4,921 ft and name no airfield
    assert leg.destination == ("OTBH",)
    assert leg.arrival.kind is TimeKind.LAST_SEEN
    assert leg.arrival.utc == datetime.datetime(2020, 8, 27, 8, 40, tzinfo=UTC)
    assert any("--icao24" in n for n in imported.notes)
    assert parse_legs(legs_csv(imported.legs)) == list(imported.legs)


def test_the_notes_say_what_the_file_lacks() -> None:
    notes = import_flight_data("flightradar24", [FILE]).notes
    assert any("--type, --registration, --icao24" in n for n in notes)


def test_bad_cells_are_located(tmp_path: Path) -> None:
    path = tmp_path / "Flight_X_(1).csv"
    path.write_text(
        "Timestamp,UTC,Callsign,Position,Altitude,Speed,Direction\n"
        '1598493000,2020-08-27T01:50:00Z,X,"49.43",0,0,260\n'
        '1598493600,2020-08-27T02:00:00Z,X,"49.4,7.5",high,140,260\n'
        ',,X,"49.4,7.5",0,140,260\n'
    )
    with pytest.raises(FlightDataError) as caught:
        import_fr24([path])
    found = [str(p) for p in caught.value.problems]
    assert found == [
        f"{path}:2:35: Position: expected \"lat,lon\" in degrees, found '49.43'",
        f"{path}:3:46: Altitude: expected feet (0 on the ground), found 'high'",
        f"{path}:4:1: Timestamp: no time in Timestamp or UTC",
    ]


def test_an_address_given_by_hand_is_checked() -> None:
    with pytest.raises(AirliftError, match="not a 24-bit address"):
        import_flight_data("fr24", [FILE], icao24="12345")
    legs = import_flight_data("fr24", [FILE], icao24="AE07E1").legs
    assert legs[0].icao24 == "ae07e1"


def test_an_unknown_format_suggests_the_nearest() -> None:
    with pytest.raises(AirliftError, match=r"unknown format 'fr42'.*formats: opensky, readsb"):
        import_flight_data("fr42", [FILE])
