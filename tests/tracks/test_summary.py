"""The summary of a set of legs, checked against counts made independently."""

from __future__ import annotations

import datetime
import itertools
import random
from collections import Counter

from airlift.tracks import Leg, LegTime, TimeKind, parse_legs, summarize
from airlift.tracks.summary import MILITARY_ADSB_SHARE

UTC = datetime.UTC
T0 = datetime.datetime(2022, 11, 9, 6, 0, tzinfo=UTC)


def _leg(hours: float, **kw: object) -> Leg:
    base: dict[str, object] = {
        "aircraft_type": "IL76",
        "origin": ("UMLI",),
        "destination": ("URRR",),
    }
    base.update(kw)
    at = T0 + datetime.timedelta(hours=hours)
    return Leg(
        departure=LegTime(at, TimeKind.FIRST_SEEN),
        arrival=LegTime(at + datetime.timedelta(hours=2), TimeKind.LANDING),
        **base,  # type: ignore[arg-type]
    )


def test_counts_match_an_independent_count_on_random_legs() -> None:
    rng = random.Random(7)
    types_ = ["IL76", "A124", None]
    places = [("UMLI",), ("URRR",), (), ("UUBS", "XUBS")]
    legs = [
        _leg(
            i * 3.0,
            aircraft_type=rng.choice(types_),
            origin=rng.choice(places),
            destination=rng.choice(places),
            registration=rng.choice([None, "RA-1", "RA-2"]),
            callsign=rng.choice([None, "RFF1", "RFF2", "RFF3"]),
        )
        for i in range(60)
    ]
    s = summarize(legs)
    assert s.legs == 60
    assert {(r.aircraft_type, r.legs) for r in s.by_type} == set(
        Counter(leg.aircraft_type for leg in legs).items()
    )
    origins = Counter(leg.origin for leg in legs)
    assert {(r.airfield, r.legs) for r in s.origins} == set(origins.items())
    routes = Counter((leg.aircraft_type, leg.origin, leg.destination) for leg in legs)
    assert {(r.aircraft_type, r.origin, r.destination, r.legs) for r in s.routes} == {
        (*k, n) for k, n in routes.items()
    }
    unknown = sum((len(leg.origin) != 1) + (len(leg.destination) != 1) for leg in legs)
    assert len(s.unknown_ends) == unknown
    assert s.airframes == tuple(sorted({leg.registration for leg in legs if leg.registration}))
    assert s.without_airframe == sum(1 for leg in legs if leg.registration is None)
    assert s.callsigns == len({leg.callsign for leg in legs if leg.callsign})
    assert s.first_seen_departures == 60 and s.last_seen_arrivals == 0
    assert (s.first, s.last) == (T0, T0 + datetime.timedelta(hours=59 * 3 + 2))
    # rows sorted by legs, most first
    assert [r.legs for r in s.by_type] == sorted((r.legs for r in s.by_type), reverse=True)


def test_a_registration_and_an_address_seen_together_are_one_airframe() -> None:
    legs = [
        _leg(0, registration="RA-78830"),
        _leg(5, icao24="154201"),
        _leg(10, registration="RA-78830", icao24="154201"),
        _leg(15, icao24="154202"),
    ]
    s = summarize(legs)
    assert s.airframes == ("154202", "RA-78830 (154201)")
    (row,) = s.by_type
    assert (row.legs, row.airframes, row.designator) == (4, 2, "IL76")
    assert row.catalog == ("Il-76MD", "Il-76TD-90VD", "Il-76MD-90A")


def test_legs_of_one_airframe_departing_close_together_may_be_duplicates() -> None:
    text = (
        "type,registration,from,to,departure_utc,departure_kind\n"
        "IL76,RA-1,A,B,2022-11-09T06:00Z,takeoff\n"
        "IL76,RA-2,A,B,2022-11-09T06:05Z,takeoff\n"
        "IL76,RA-1,A,B,2022-11-09T06:20Z,first_seen\n"
        "IL76,RA-1,A,B,2022-11-09T07:00Z,takeoff\n"
    )
    s = summarize(parse_legs(text, "l.csv"))
    assert s.duplicates == (("l.csv:2", "l.csv:4"),)
    # brute force: every pair of the same airframe under 30 min apart
    legs = parse_legs(text, "l.csv")
    pairs = [
        (a.cite(), b.cite())
        for a, b in itertools.combinations(legs, 2)
        if a.registration == b.registration
        and a.departure
        and b.departure
        and abs((b.departure.utc - a.departure.utc).total_seconds()) < 1800
    ]
    assert list(s.duplicates) == pairs


def test_unknown_ends_cite_the_row_of_the_file_written() -> None:
    s = summarize([_leg(0), _leg(1, destination=()), _leg(2, origin=("A", "B"))])
    assert [(u.cite, u.end, u.alternatives) for u in s.unknown_ends] == [
        ("row 3", "to", ()),
        ("row 4", "from", ("A", "B")),
    ]
    assert s.military_adsb_share == MILITARY_ADSB_SHARE
    assert float(MILITARY_ADSB_SHARE) == 0.429
    assert s.origins[0].name == "Machulishchy"  # the table's name for UMLI
