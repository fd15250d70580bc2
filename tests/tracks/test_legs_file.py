"""The leg file: reading, writing, round trips, and every problem located at file:line:column."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import pytest

from airlift.errors import FlightDataError, ScenarioError
from airlift.tracks import LEG_COLUMNS, Leg, LegTime, TimeKind, legs_csv, parse_legs, read_legs
from airlift.tracks.legs import write_legs

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "scenarios" / "legs" / "chkalovsky-hmeimim-2020-08.csv"
HEADER = ",".join(LEG_COLUMNS)
UTC = datetime.UTC


def _t(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=UTC)


def _problems(text: str) -> list[str]:
    with pytest.raises(FlightDataError) as caught:
        parse_legs(text, "legs.csv")
    return [str(p) for p in caught.value.problems]


def test_a_full_row_is_read_field_by_field() -> None:
    text = (
        f"{HEADER}\n"
        "IL76,RF-78816,15400A,RFF8041 ,UUMU,OSLK|Latakia,2020-08-25T20:05:00Z,takeoff,"
        '2020-08-26T00:40Z,last_seen,"Hunter, 26 Aug",a note\n'
    )
    (leg,) = parse_legs(text, "legs.csv")
    assert leg.aircraft_type == "IL76"
    assert (leg.registration, leg.icao24, leg.callsign) == ("RF-78816", "15400a", "RFF8041")
    assert leg.origin == ("UUMU",) and leg.destination == ("OSLK", "Latakia")
    assert leg.departure == LegTime(_t("2020-08-25T20:05:00"), TimeKind.TAKEOFF)
    assert leg.arrival == LegTime(_t("2020-08-26T00:40:00"), TimeKind.LAST_SEEN)
    assert (leg.source, leg.note) == ("Hunter, 26 Aug", "a note")
    assert leg.airframe == "RF-78816"
    assert leg.row is not None and leg.cite() == "legs.csv:2"
    # the source cell starts after ten commas and the cells before it
    line = text.splitlines()[1]
    assert leg.row.at("source") == (2, line.index('"Hunter') + 1)


def test_unknown_ends_and_types_and_optional_columns() -> None:
    (leg,) = parse_legs("from,to,type\nunknown,UNKNOWN,unknown\n", "x.csv")
    assert leg.origin == () and leg.destination == () and leg.aircraft_type is None
    assert leg.departure is None and leg.arrival is None and leg.airframe is None


def test_comments_blank_lines_and_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "legs.csv"
    path.write_bytes(b"\xef\xbb\xbf# written by hand\nfrom,to,type\n\nA,B,IL76\n# more\nC,D,C17\n")
    legs = read_legs(path)
    assert [(leg.origin, leg.row.line if leg.row else 0) for leg in legs] == [
        (("A",), 4),
        (("C",), 6),
    ]


def test_the_example_file_round_trips_byte_for_byte() -> None:
    legs = read_legs(EXAMPLE)
    assert len(legs) == 7
    text = legs_csv(legs)
    assert text == EXAMPLE.read_text(encoding="utf-8")
    assert parse_legs(text) == legs


def _every_kind_of_leg() -> list[Leg]:
    t0 = _t("2022-11-09T06:31:00")
    return [
        Leg("IL76", ("UMLI",), ("URRR",)),
        Leg(None, (), (), note="nothing known"),
        Leg(
            "C-17A",
            ("Ramstein",),
            ("OTBH", "OKAS"),
            LegTime(t0, TimeKind.FIRST_SEEN),
            LegTime(t0 + datetime.timedelta(hours=5), TimeKind.LANDING),
            registration="02-1109",
            icao24="~ae07e1",
            callsign="RCH 871",
            source='says "about", with, commas',
            note="line one\nline two",
        ),
    ]


def test_written_legs_read_back_equal_and_write_the_same_bytes() -> None:
    legs = _every_kind_of_leg()
    text = legs_csv(legs)
    back = parse_legs(text)
    assert back == legs
    assert legs_csv(back) == text
    out = io.StringIO()
    write_legs(legs, out)
    assert out.getvalue() == text
    assert text.splitlines()[0] == HEADER
    # rows of the written file are where the reader says they are (a quoted cell spans lines)
    assert [leg.row.line for leg in back if leg.row] == [2, 3, 4]


#: Each bad leg file, and the problems it must give (file:line:column: column: message start).
BAD: list[tuple[str, list[str]]] = [
    ("", ["legs.csv:1:1: the file has no header row"]),
    (
        "from,to,typ,remark\nA,B,IL76,x\n",
        [
            "legs.csv:1:9: unknown column 'typ' (did you mean 'type'?)",
            "legs.csv:1:13: unknown column 'remark'",
            "legs.csv:1:1: the header has no column 'type'",
        ],
    ),
    ("from,to,type,to\nA,B,C,D\n", ["legs.csv:1:14: to: this column is named twice"]),
    ("from,to,type\nA,B,IL76,extra\n", ["legs.csv:2:10: this row has 4 cells"]),
    ("from,to,type\nA,B\n", ["legs.csv:2:4: this row has 2 cells"]),
    ("from,to,type\n,B,IL76\n", ["legs.csv:2:1: from: empty; write 'unknown'"]),
    ("from,to,type\nA,B,\n", ["legs.csv:2:5: type: empty; write 'unknown'"]),
    ("from,to,type\nA,B| ,IL76\n", ["legs.csv:2:3: to: an empty airfield between '|'"]),
    ("from,to,type\nA,B|unknown,IL76\n", ["legs.csv:2:3: to: 'unknown' cannot be one of"]),
    ("from,to,type\nA,B|B,IL76\n", ["legs.csv:2:3: to: an airfield is named twice"]),
    (
        "from,to,type,departure_utc,departure_kind\nA,B,IL76,2020-08-25 21:40,takeoff\n",
        [
            "legs.csv:2:10: departure_utc: the time has no zone: leg files hold UTC, written "
            "with Z (2020-08-25T21:40:00Z if this is UTC)"
        ],
    ),
    (
        "from,to,type,departure_utc,departure_kind\nA,B,IL76,2020-08-25T21:40+03:00,takeoff\n",
        [
            "legs.csv:2:10: departure_utc: leg files hold UTC: 2020-08-25T21:40+03:00 is "
            "2020-08-25T18:40:00Z"
        ],
    ),
    (
        "from,to,type,departure_utc,departure_kind\nA,B,IL76,2020-02-30T10:00Z,takeoff\n",
        ["legs.csv:2:10: departure_utc: not a date and time of the calendar"],
    ),
    (
        "from,to,type,departure_utc,departure_kind\nA,B,IL76,25/08/2020,takeoff\n",
        ["legs.csv:2:10: departure_utc: expected a UTC time such as 2020-08-25T21:40:00Z"],
    ),
    (
        "from,to,type,departure_utc,departure_kind\nA,B,IL76,2020-08-25T21:40Z,\n",
        ["legs.csv:2:28: departure_kind: say what departure_utc is: takeoff or first_seen"],
    ),
    (
        "from,to,type,departure_utc,departure_kind\nA,B,IL76,2020-08-25T21:40Z,landing\n",
        ["legs.csv:2:28: departure_kind: 'landing' is not takeoff or first_seen"],
    ),
    (
        "from,to,type,arrival_utc,arrival_kind\nA,B,IL76,,landing\n",
        ["legs.csv:2:11: arrival_kind: a kind without a time"],
    ),
    (
        "from,to,type,departure_utc,departure_kind,arrival_utc,arrival_kind\n"
        "A,B,IL76,2020-08-25T21:40Z,takeoff,2020-08-25T20:00Z,landing\n",
        ["legs.csv:2:36: arrival_utc: arrives before it departs (2020-08-25T21:40:00Z)"],
    ),
    ("from,to,type,icao24\nA,B,IL76,15400\n", ["legs.csv:2:10: icao24: '15400' is not a 24-bit"]),
    (
        'from,to,type,note\nA,B,IL76,"closed" late\n',
        ["legs.csv:2:18: not readable as CSV: text after the closing quote"],
    ),
    (
        'from,to,type,note\nA,B,IL76,"never closed\nC,D,C17,x\n',
        ["legs.csv:2:10: not readable as CSV: a quoted value is never closed"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), BAD, ids=[str(i) for i in range(len(BAD))])
def test_each_problem_names_its_line_column_and_field(text: str, expected: list[str]) -> None:
    found = _problems(text)
    assert len(found) == len(expected), found
    for want in expected:
        assert any(f.startswith(want) for f in found), (want, found)
    for problem in found:
        assert re.match(r"^legs\.csv:\d+:\d+: ", problem), problem


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    text = (
        "from,to,type,icao24,departure_utc,departure_kind\n"
        "A,B,IL76,xyz,,\n"
        "A,,C17,,2020-08-25T21:40Z,first_seen\n"
        "A,B,C17,,2020-08-25T21:40,\n"
    )
    found = _problems(text)
    assert [f.split(": ")[0] for f in found] == [
        "legs.csv:2:10",
        "legs.csv:3:3",
        "legs.csv:4:10",
        "legs.csv:4:27",
    ]


def test_an_unreadable_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(FlightDataError, match="does not exist"):
        read_legs(tmp_path / "missing.csv")
    with pytest.raises(FlightDataError, match="directory"):
        read_legs(tmp_path)
    bad = tmp_path / "latin1.csv"
    bad.write_bytes(b"from,to,type\nM\xfcrted,B,IL76\n")
    with pytest.raises(FlightDataError) as caught:
        read_legs(bad)
    assert str(caught.value.problems[0]).startswith(f"{bad}:2:2: the file is not valid UTF-8")
    # a user error: the CLI reports it like a scenario's problems (exit 2, no traceback)
    assert isinstance(caught.value, ScenarioError)
    assert str(caught.value).startswith(f"1 problem in {bad}:")


def test_a_leg_time_must_be_utc() -> None:
    with pytest.raises(ValueError, match="UTC"):
        LegTime(datetime.datetime(2020, 8, 25, 21, 40), TimeKind.TAKEOFF)


@pytest.mark.parametrize("year", [1, 999, 1948, 9999])
def test_a_time_of_any_year_is_written_as_it_is_read(year: int) -> None:
    """ISO-8601 years have four digits: ``0001-01-01T00:00:00Z``, not ``1-01-01T...`` (the
    year 1 is a valid window start; found by the fuzzer, #11)."""
    from airlift.tracks.times import format_utc, parse_leg_time

    moment = datetime.datetime(year, 1, 1, 0, 0, 59, tzinfo=datetime.UTC)
    assert format_utc(moment) == f"{year:04d}-01-01T00:00:59Z"
    assert parse_leg_time(format_utc(moment)) == moment
