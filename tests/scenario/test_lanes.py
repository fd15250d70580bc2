"""Distances, payload-range limits and hold fits, each checked against numbers worked by hand."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import pytest

from airlift.errors import ScenarioError
from airlift.scenario import Scenario, scenario_from_dict
from airlift.scenario.lanes import (
    EARTH_RADIUS_KM,
    carried_types,
    great_circle_km,
    hold_misfit,
    lane_distance_km,
    lane_notes,
    lane_payload,
    lane_payload_detail,
    payload_at,
)
from airlift.scenario.schema import Aircraft, Airfield, Cargo

MACHULISHCHY = Airfield(lat=53.774, lon=27.577)
#: Straight-line distances from Machulishchy in the reference notes (rounded to whole km).
PUBLISHED = {
    "Seshcha": ((53.715, 33.346), 379),
    "Chkalovsky": ((55.890, 38.044), 710),
    "Millerovo": ((48.954, 40.301), 1031),
    "Rostov-on-Don": ((47.258, 39.818), 1126),
}


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_great_circle_matches_published_distances(name: str) -> None:
    (lat, lon), km = PUBLISHED[name]
    got = great_circle_km(MACHULISHCHY, Airfield(lat=lat, lon=lon))
    assert got is not None and abs(got - km) <= 1


def test_great_circle_along_the_equator_is_radius_times_angle() -> None:
    got = great_circle_km(Airfield(lat=0, lon=0), Airfield(lat=0, lon=20))
    assert got == pytest.approx(EARTH_RADIUS_KM * math.radians(20), rel=1e-12)
    assert great_circle_km(Airfield(lat=0, lon=0), Airfield()) is None


def _aircraft(payload: str, points: list[tuple[str, Any]]) -> Aircraft:
    return Aircraft.model_validate(
        {"payload": payload, "payload_range": [{"distance": d, "payload": p} for d, p in points]}
    )


IL76MD90A = _aircraft(
    "60 t",
    [("4,000 km", "60 t"), ("5,000 km", {"min": "50 t", "max": "52 t"}), ("8,500 km", "20 t")],
)


@pytest.mark.parametrize(
    ("km", "kg", "beyond"),
    [
        (0, 60_000, False),  # up to the first point: the structural maximum
        (3_999, 60_000, False),
        (4_000, 60_000, False),
        (4_500, 56_000, False),  # halfway from 60 t to 52 t (the larger end of 50-52 t)
        (5_000, 52_000, False),
        (6_750, 36_000, False),  # halfway from 52 t to 20 t
        (8_500, 20_000, False),
        (9_000, 20_000, True),  # beyond the last point: its payload, flagged
    ],
)
def test_payload_between_points_is_on_the_straight_line(km: int, kg: int, beyond: bool) -> None:
    assert payload_at(IL76MD90A, km) == (Fraction(kg), beyond)


def test_an_interpolated_payload_is_rounded_up_to_whole_kilograms() -> None:
    a = _aircraft("10 t", [("1,000 km", "10 t"), ("4,000 km", "9 t")])
    # 10,000 - 1,000 x (2,000 - 1,000) / 3,000 = 9,666.67 kg, rounded up (the permissive side).
    assert payload_at(a, 2_000) == (Fraction(9_667), False)


def test_the_payload_is_never_above_the_structural_maximum() -> None:
    a = _aircraft("50 t", [("1,000 km", "60 t"), ("3,000 km", "40 t")])
    assert payload_at(a, 0) == (Fraction(50_000), False)
    assert payload_at(a, 1_000) == (Fraction(50_000), False)
    assert payload_at(a, 1_500) == (Fraction(50_000), False)  # 55 t on the line
    assert payload_at(a, 2_500) == (Fraction(45_000), False)


def test_points_must_go_out_in_distance_and_not_up_in_payload() -> None:
    with pytest.raises(Exception, match="distances must increase"):
        _aircraft("60 t", [("5,000 km", "50 t"), ("4,000 km", "40 t")])
    with pytest.raises(Exception, match="payloads must not increase"):
        _aircraft("60 t", [("4,000 km", "40 t"), ("5,000 km", "50 t")])


def _scenario(**overrides: Any) -> Scenario:
    doc: dict[str, Any] = {
        "title": "lanes",
        "airfields": {
            "O": {"lat": 0, "lon": 0},
            "Near": {"lat": 0, "lon": 5},
            "Far": {"lat": 0, "lon": 20},
            "Nowhere": {},
        },
        "aircraft": {
            "A": {
                "payload": "10 t",
                "payload_range": [
                    {"distance": "1,000 km", "payload": "10 t"},
                    {"distance": "3,000 km", "payload": "4 t"},
                ],
            }
        },
        "cargo": {"box": {"kind": "box", "mass": "1 t"}},
        "flights": [
            {"id": "g", "aircraft": "A", "count": 3, "from": "O", "to": ["Near", "Far", "Nowhere"]}
        ],
    }
    doc.update(overrides)
    return scenario_from_dict(doc)


def test_lane_payload_uses_the_rounded_down_distance() -> None:
    s = _scenario()
    g = s.flights[0]
    far_km = math.floor(EARTH_RADIUS_KM * math.radians(20))
    assert far_km == 2_223
    assert lane_distance_km(s, g, "Far") == far_km
    # 10,000 - 6,000 x (2,223 - 1,000) / 2,000 = 6,331 kg
    assert lane_payload(s, g, "Far") == Fraction(6_331)
    assert lane_distance_km(s, g, "Near") == 555
    assert lane_payload(s, g, "Near") == Fraction(10_000)
    nowhere = lane_payload_detail(s, g, "Nowhere")
    assert (nowhere.payload, nowhere.applies, nowhere.distance_km) == (
        Fraction(10_000),
        False,
        None,
    )
    assert lane_notes(s) == [
        "The payload-range points of A are not applied to flights g from O to Nowhere: an "
        "airfield has no lat/lon, so the structural maximum payload is used."
    ]


def test_a_lane_beyond_the_last_point_is_noted() -> None:
    s = _scenario(
        airfields={"O": {"lat": 0, "lon": 0}, "Far": {"lat": 0, "lon": 40}},
        flights=[{"id": "g", "aircraft": "A", "count": 3, "from": "O", "to": "Far"}],
    )
    assert lane_payload(s, s.flights[0], "Far") == Fraction(4_000)
    (note,) = lane_notes(s)
    assert note.startswith(
        "flights g from O to Far cover 4,447 km, beyond the last "
        "payload-range point of A (3,000 km, 4 t)"
    )


def _cargo(**size: Any) -> Cargo:
    return Cargo.model_validate({"kind": "k", "mass": "1 t", "size": size})


HOLD = Aircraft.model_validate(
    {
        "payload": "50 t",
        "hold": {"length": {"min": "20 m", "max": "24.5 m"}, "width": "3.45 m", "height": "3.4 m"},
    }
)


def test_hold_fit_compares_the_largest_hold_with_the_smallest_unit() -> None:
    assert hold_misfit(HOLD, _cargo(length="24.5 m", width="3.45 m", height="3.4 m")) is None
    assert hold_misfit(HOLD, _cargo(length={"min": "24 m", "max": "30 m"})) is None
    assert (
        hold_misfit(HOLD, _cargo(length="24.6 m")) == "its length 24.6 m exceeds the hold's 24.5 m"
    )


def test_width_and_height_may_be_swapped_but_not_length() -> None:
    # 3.4 m wide and 3.45 m high fits turned on its side.
    assert hold_misfit(HOLD, _cargo(width="3.4 m", height="3.45 m")) is None
    # The 5P85SE launcher: 3.15 m wide, 3.8 m high; either way up it is too tall or too wide.
    assert hold_misfit(HOLD, _cargo(length="13.1 m", width="3.15 m", height="3.8 m")) == (
        "its height 3.8 m exceeds the hold's 3.4 m (also when turned on its side)"
    )
    assert hold_misfit(HOLD, _cargo(length="3 m", width="30 m", height="1 m")) == (
        "its width 30 m exceeds the hold's 3.45 m (also when turned on its side)"
    )


def test_missing_dimensions_are_not_checked() -> None:
    open_hold = Aircraft.model_validate({"payload": "50 t", "hold": {"width": "1 m"}})
    assert hold_misfit(open_hold, _cargo(length="100 m", height="9 m")) is None
    assert hold_misfit(Aircraft.model_validate({"payload": "1 t"}), _cargo(width="9 m")) is None


def test_cargo_that_does_not_fit_is_not_carried_and_is_noted() -> None:
    s = _scenario(
        aircraft={
            "A": {"payload": "10 t", "hold": {"length": "5 m", "width": "2 m", "height": "2 m"}}
        },
        cargo={
            "box": {"kind": "box", "mass": "1 t", "size": {"length": "1 m"}},
            "pole": {"kind": "box", "mass": "1 t", "size": {"length": "6 m"}},
        },
    )
    assert carried_types(s, s.flights[0]) == ("box",)
    assert lane_notes(s) == [
        "pole does not fit in the hold of A: its length 6 m exceeds the hold's 5 m; no A flight "
        "carries it."
    ]


def test_a_bad_length_is_a_located_error() -> None:
    with pytest.raises(
        ScenarioError,
        match=r"aircraft\.A\.hold\.width: '3' has no unit|"
        r"aircraft\.A\.hold\.width: 3 has no unit",
    ):
        _scenario(aircraft={"A": {"payload": "1 t", "hold": {"width": 3}}})
