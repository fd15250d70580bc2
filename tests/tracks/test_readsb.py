"""readsb traces (ADS-B Exchange, adsb.lol, airplanes.live): legs cut at the ground and at
the leg flag, airfields inferred by distance, days joined over midnight."""

from __future__ import annotations

import datetime
import gzip
import json
from pathlib import Path

import pytest

from airlift.errors import FlightDataError
from airlift.tracks import import_flight_data, legs_csv, parse_legs
from airlift.tracks.legs import Leg, TimeKind
from airlift.tracks.readsb import import_readsb

DATA = Path(__file__).resolve().parents[1] / "data" / "tracks" / "readsb" / "2020" / "08"
DAY1 = DATA / "25" / "traces" / "0a" / "trace_full_15400a.json"
DAY2 = DATA / "26" / "traces" / "0a" / "trace_full_15400a.json"  # gzipped, named .json
AN124 = DATA / "25" / "traces" / "da" / "trace_full_1541da.json"
UTC = datetime.UTC


def _at(base: float, offset: float) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(base, UTC) + datetime.timedelta(seconds=offset)


def _of(legs: tuple[Leg, ...], icao24: str) -> list[Leg]:
    return [leg for leg in legs if leg.icao24 == icao24]


def test_the_day_file_is_gzip_even_when_named_json() -> None:
    assert DAY2.read_bytes()[:2] == b"\x1f\x8b"
    assert json.loads(gzip.decompress(DAY2.read_bytes()))["icao"] == "15400a"


def test_two_days_are_joined_into_one_flight_over_midnight() -> None:
    imported = import_readsb([DAY1, DAY2])
    out, back = _of(imported.legs, "15400a")
    assert out.origin == ("UUMU",) and out.destination == ("OSLK",)
    assert out.departure is not None and out.arrival is not None
    # takeoff: the first airborne point after ground points at Chkalovsky (offset 1260 s)
    assert out.departure.kind is TimeKind.TAKEOFF
    assert out.departure.utc == _at(1598378400, 1260)
    # landing: the last airborne point before ground points at Hmeimim (day 2, offset 4200 s)
    assert out.arrival.kind is TimeKind.LANDING
    assert out.arrival.utc == _at(1598400003, 4200)
    assert (out.registration, out.aircraft_type, out.callsign) == ("RF-78816", "IL76", "RFF8041")
    # the way back took off from Hmeimim and was lost at 31,000 ft: its end is unknown
    assert back.origin == ("OSLK",) and back.destination == ()
    assert back.arrival is not None and back.arrival.kind is TimeKind.LAST_SEEN
    assert back.callsign == "RFF8042"  # the callsign is only in some points
    assert back.note is not None and "to: at 31,000 ft, not low near a known airfield" in back.note
    assert any("joined" in n and "15400a (2 files)" in n for n in imported.notes)


def test_one_day_alone_ends_the_flight_at_midnight_and_says_so() -> None:
    (leg,) = import_readsb([DAY1]).legs
    assert leg.origin == ("UUMU",) and leg.destination == ()
    assert leg.arrival is not None and leg.arrival.kind is TimeKind.LAST_SEEN
    assert leg.note is not None and "rest of the flight is in the next day's file" in leg.note
    first, _ = import_readsb([DAY2]).legs
    assert first.origin == () and first.destination == ("OSLK",)
    assert first.departure is not None and first.departure.kind is TimeKind.FIRST_SEEN
    assert first.note is not None and "start of the flight is in the previous day's" in first.note


def test_the_leg_flag_cuts_a_track_without_ground_points() -> None:
    legs = import_readsb([AN124]).legs
    assert len(legs) == 2
    first, second = legs
    assert first.departure is not None and second.departure is not None
    assert second.departure.utc == _at(1598342400, 7200)  # the point flagged 2
    # neither end was on the ground: first and last seen, whatever the airfield
    assert {first.departure.kind, second.departure.kind} == {TimeKind.FIRST_SEEN}
    assert [leg.callsign for leg in legs] == ["RFF8210", "RFF8211"]
    assert first.note is not None and "military (dbFlags)" in first.note


def test_an_end_between_neighbouring_fields_keeps_both() -> None:
    first, second = import_readsb([AN124]).legs
    # 1,500 ft (feet: 680 ft above the Smolensk fields, at 820 ft) within 5 km of both;
    # read as metres it would be 4,921 ft, too high to name any airfield
    assert set(first.destination) == {"UUBS", "XUBS"}
    assert first.note is not None and "ambiguous" in first.note
    assert first.origin == ()  # first seen at 25,000 ft
    # low (2,200 ft, 1,515 ft above Vnukovo) and close: Vnukovo, but still only last seen
    assert second.destination == ("UUWW",)
    assert second.arrival is not None and second.arrival.kind is TimeKind.LAST_SEEN


def test_a_low_first_point_names_the_airfield_but_is_not_a_takeoff(tmp_path: Path) -> None:
    trace = {
        "icao": "154201",
        "timestamp": 1668000000,
        "trace": [
            [0, 53.78, 27.60, 1400, 160, 90, 0, 1500, {"flight": "RFF7012 "}, "adsb_icao"],
            [600, 53.60, 30.00, 20000, 400, 90, 0, 0, None, "adsb_icao"],
        ],
    }
    path = tmp_path / "trace_full_154201.json"
    path.write_text(json.dumps(trace))
    (leg,) = import_readsb([path]).legs
    assert leg.origin == ("UMLI",)  # 701 ft above Machulishchy, about 1.5 km away
    assert leg.departure is not None and leg.departure.kind is TimeKind.FIRST_SEEN
    assert leg.aircraft_type is None and leg.registration is None


def test_the_aliases_of_the_format_and_a_round_trip() -> None:
    for name in ("adsbx", "adsb.lol", "airplanes.live", "readsb"):
        legs = import_flight_data(name, [DAY1, DAY2, AN124]).legs
        assert len(legs) == 4
    # ordered by departure time
    times = [leg.departure.utc for leg in legs if leg.departure]
    assert times == sorted(times)
    assert parse_legs(legs_csv(legs)) == list(legs)


def test_broken_files_are_user_errors(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("{not json")
    (tmp_path / "b.json").write_text('{"aircraft": []}')
    (tmp_path / "c.json").write_text('{"icao": "xyz", "timestamp": 0, "trace": []}')
    with pytest.raises(FlightDataError) as caught:
        import_readsb([tmp_path / n for n in ("a.json", "b.json", "c.json")])
    found = [str(p) for p in caught.value.problems]
    assert found[0].startswith(f"{tmp_path / 'a.json'}:1:2: not valid JSON")
    assert found[1].startswith(f"{tmp_path / 'b.json'}:1:1: not a readsb trace")
    assert found[2].startswith(f"{tmp_path / 'c.json'}: icao: icao 'xyz' is not a 24-bit")
