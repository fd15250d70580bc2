"""Schedules by hand: closed forms for a shuttle, spots, relaxations, leg rows that clash,
and the format's refusals located at their place in the file."""

from __future__ import annotations

import datetime
import math
import textwrap
from fractions import Fraction
from pathlib import Path

import pytest

from airlift.analysis import analyze
from airlift.errors import ScenarioError
from airlift.model import SolveOptions
from airlift.report import render_json, render_markdown, render_text
from airlift.result import Analysis, Feasibility, Verdict
from airlift.scenario import load_scenario, load_scenario_text
from airlift.scenario.durations import UnitError, parse_duration, parse_instant, parse_speed

OPTIONS = SolveOptions(time_limit=10)
#: Two airfields 1 degree of longitude apart on the equator: 111.19 km.
KM = 2 * 6371.0 * math.asin(math.sin(math.radians(0.5)))


def _scenario(
    count: str = "4",
    ground: str = "2 h",
    extra: str = "",
    claims: str = "",
    window_end: str = "2024-01-02T00:00Z",
    legs: str = "",
    fleet: str = "",
) -> str:
    return textwrap.dedent(
        f"""\
        title: shuttle
        airfields:
          A: {{lat: 0, lon: 0}}
          B: {{lat: 0, lon: 1}}
        aircraft:
          C-17: {{payload: 70 t}}
        cargo:
          box: {{kind: box, mass: 1 t}}
        flights: {"[]" if legs else f"[{{id: g, aircraft: C-17, count: {count}, from: A, to: B}}]"}
        {legs}
        schedule:
          window: {{start: 2024-01-01T00:00Z, end: {window_end}}}
          aircraft:
            C-17:
              block_speed: 600 km/h
              ground_time: {ground}
              {fleet}
        {extra}
          claims: [{claims}]
        """
    )


def _analysis(text: str) -> Analysis:
    return analyze(load_scenario_text(text, "<case>"), OPTIONS, explain=False)


def _block(speed: float = 600) -> int:
    return math.ceil(KM / speed * 3600 - 1e-6)


def _bounds(a: Analysis) -> dict[str, object]:
    assert a.schedule is not None
    return {b.key if b.key != "spots" else f"spots {b.airfield}": b for b in a.schedule.bounds}


@pytest.mark.parametrize(("count", "ground_h"), [(1, 2), (4, 2), (9, 1), (30, 3)])
def test_shuttle_fewest_airframes_is_a_closed_form(count: int, ground_h: int) -> None:
    """One airframe flies A-B, B-A (positioning), turning ground_h at each end: a cycle of
    2 x block + 2 x ground, and floor((H - block) / cycle) + 1 flights in the window."""
    a = _analysis(_scenario(str(count), f"{ground_h} h"))
    block, ground = _block(), ground_h * 3600
    per_airframe = (86_400 - block) // (2 * block + 2 * ground) + 1
    bounds = _bounds(a)
    assert bounds["airframes"].fastest.lo == math.ceil(count / per_airframe)  # type: ignore[attr-defined]
    assert bounds["sorties_per_airframe"].fastest.lo == per_airframe  # type: ignore[attr-defined]
    # With as many airframes as flights, all leave at once: done after one block time.
    completion = bounds["completion"].fastest.lo  # type: ignore[attr-defined]
    assert completion == f"2024-01-01T00:{block // 60:02d}:{block % 60:02d}Z"


def test_spots_needed_is_a_closed_form() -> None:
    """Each takeoff from A holds one of A's spots for the ground time before it; takeoffs lie
    in [0, H - block], so one spot turns floor((H - block) / g) + 1 aircraft."""
    a = _analysis(_scenario("20", "3 h", window_end="2024-01-01T12:00Z"))
    per_spot = (12 * 3600 - _block()) // (3 * 3600) + 1
    assert _bounds(a)["spots A"].fastest.lo == math.ceil(20 / per_spot)  # type: ignore[attr-defined]


def test_an_impossible_completion_says_what_ground_time_would_do() -> None:
    """Three flights, one airframe (written), done by 10:00: the last takes off after two
    cycles of 2 x block + 2 x g, so it needs 2 (2 b + 2 g) + b <= 10 h."""
    text = _scenario(
        "3",
        "3 h",
        claims="{id: done, what: completion, at_most: 2024-01-01T10:00Z}",
        fleet="airframes: 1",
    )
    a = _analysis(text)
    assert a.schedule is not None
    claim = a.schedule.claims[0]
    assert claim.verdict is Verdict.INCONSISTENT
    b = _block()
    best_seconds = (10 * 3600 - b - 4 * b) // 4  # the largest g with 4 b + 4 g + b <= 10 h
    needed = {r.field: r.needed for r in claim.relaxations}
    h, m = divmod(best_seconds // 60, 60)
    assert needed["schedule.aircraft.C-17.ground_time"] == (f"{h} h {m} min" if m else f"{h} h")
    # k airframes: the last takeoff is ceil(3 / k) - 1 cycles in.
    fewest = next(k for k in (1, 2, 3) if (math.ceil(3 / k) - 1) * (2 * b + 6 * 3600) + b <= 36_000)
    assert needed["schedule.aircraft.C-17.airframes"] == f"{fewest} airframes" == "2 airframes"
    assert "ground time of C-17 is at most" in render_text(a)


def test_flights_in_a_period_and_the_nth_landing() -> None:
    claims = (
        "{id: four-by-noon, what: flights, counting: landing, period: {end: 2024-01-01T12:00Z},"
        " at_least: 4}, {id: two-airframes, what: airframes, at_most: 1}"
    )
    a = _analysis(_scenario("4", "2 h", claims=claims))
    assert a.schedule is not None
    verdicts = {c.ref.id: c.verdict for c in a.schedule.claims}
    # Four airframes land by one block time; one airframe flies at most 4 in 24 h.
    assert verdicts == {"four-by-noon": Verdict.CONSISTENT, "two-airframes": Verdict.CONSISTENT}
    holds = a.schedule.claims[0].holds
    landed = [leg for leg in holds if leg.flight_group and leg.landing <= "2024-01-01T12:00:00Z"]
    assert len(landed) >= 4


def test_leg_rows_too_close_on_one_airframe_are_cited(tmp_path: Path) -> None:
    (tmp_path / "legs.csv").write_text(
        "type,registration,from,to,departure_utc,departure_kind,arrival_utc,arrival_kind\n"
        "C-17,RCH1,A,B,2024-01-01T01:00:00Z,takeoff,2024-01-01T01:30:00Z,landing\n"
        "C-17,RCH1,A,B,2024-01-01T03:00:00Z,takeoff,2024-01-01T03:30:00Z,landing\n"
        "C-17,RCH1,A,B,2024-01-01T03:40:00Z,takeoff,2024-01-01T03:41:00Z,landing\n",
        encoding="utf-8",
    )
    text = _scenario(legs="legs: [{file: legs.csv, complete: true}]")
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    a = analyze(load_scenario(path), OPTIONS, explain=False)
    assert a.schedule is not None
    assert a.schedule.base_status is Feasibility.INFEASIBLE
    cited = {c.rows for c in a.schedule.conflicts}
    legs = str(tmp_path / "legs.csv")
    # Rows 2 and 3: back at A needs 2 h at B, 11 min to fly back and 2 h at A.
    assert (f"{legs}:2", f"{legs}:3") in cited
    # Row 4 flies 111 km in 1 min, faster than 600 km/h allows.
    assert (f"{legs}:4",) in cited
    assert all(c.verdict is Verdict.INCONSISTENT for c in a.schedule.claims)
    for render in (render_text, render_markdown, render_json):
        assert f"{legs}:4" in render(a)


def test_the_format_refuses_what_it_cannot_read() -> None:
    text = _scenario().replace("block_speed: 600 km/h", "block_speed: 600")
    text = text.replace("ground_time: 2 h", "ground_time: 2 hours")
    text = text.replace("end: 2024-01-02T00:00Z", "end: 2024-01-02T00:00")
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "case.yaml")
    found = {(p.path[-1], p.line) for p in caught.value.problems}
    lines = text.splitlines()
    assert ("block_speed", _line(lines, "block_speed:")) in found
    assert ("ground_time", _line(lines, "ground_time:")) in found
    assert any(p.path[:2] == ("schedule", "window") for p in caught.value.problems)


def _line(lines: list[str], text: str) -> int:
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_units_are_exact_and_explicit() -> None:
    assert parse_duration("3.5 h").value == 210
    assert parse_duration("45 min").value == 45
    assert parse_speed("405 kn").value * 1000 == 405 * 1852
    for bad in ("3.5", 3.5, "3.5 hours", "2 hr"):
        with pytest.raises(UnitError):
            parse_duration(bad)
    with pytest.raises(UnitError, match="did you mean 'kn'"):
        parse_speed("400 knots")
    with pytest.raises(UnitError):
        parse_instant("2024-01-01T03:00+03:00")


def test_names_in_the_schedule_are_checked() -> None:
    text = _scenario().replace("    C-17:\n      block", "    C17:\n      block")
    text = text.replace("aircraft:\n    C17:", "aircraft:\n    C17:")
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text + "  spots: {Z: 1}\n", "case.yaml")
    messages = " | ".join(p.message for p in caught.value.problems)
    assert "unknown aircraft type 'C17'" in messages
    assert "unknown airfield 'Z'" in messages
    assert "have no schedule" in messages


def test_the_json_schema_accepts_the_short_forms_the_loader_reads() -> None:
    import re

    from airlift.scenario import scenario_json_schema

    defs = scenario_json_schema()["$defs"]
    ground = defs["AircraftSchedule"]["properties"]["ground_time"]["anyOf"]
    assert {"$ref": "#/$defs/DurationRange"} in ground
    text = next(o for o in ground if o.get("type") == "string")
    assert re.match(text["pattern"], "3.5 h") and not re.match(text["pattern"], "3.5")
    speed = defs["AircraftSchedule"]["properties"]["block_speed"]["anyOf"]
    pattern = next(o for o in speed if o.get("type") == "string")["pattern"]
    assert re.match(pattern, "405 kn") and re.match(pattern, "750 km/h")
    start = defs["Window"]["properties"]["start"]["pattern"]
    assert re.match(start, "2022-11-09T00:00Z") and not re.match(start, "2022-11-09T00:00")
    assert "from" in defs["ScheduleClaim"]["properties"]


@pytest.mark.parametrize("ground", ["4,611,686,018,427,387,904 min", "1,441 min"])
def test_a_ground_time_longer_than_the_window_gives_each_flight_its_own_airframe(
    ground: str,
) -> None:
    """No airframe lands and takes off again within a day when it stays longer than a day on
    the ground, so three flights need three airframes, whether the ground time is 24 h 1 min
    or 2^62 min (the largest a file may write, whose seconds no 64-bit solver holds: found
    by the fuzzer, #11); with two airframes written they cannot all be flown."""
    a = _analysis(_scenario("3", ground))
    assert a.schedule is not None
    assert a.schedule.base_status is Feasibility.FEASIBLE
    assert _bounds(a)["airframes"].fastest.lo == 3  # type: ignore[attr-defined]
    capped = _analysis(_scenario("3", ground, fleet="airframes: 2"))
    assert capped.schedule is not None
    assert capped.schedule.base_status is Feasibility.INFEASIBLE


@pytest.mark.parametrize("speed", ["0.000000001 km/h", "4.63 km/h"])
def test_a_leg_longer_than_the_window_cannot_be_flown(speed: str) -> None:
    """111.19 km at 4.63 km/h takes 24 h 1 min, past a one-day window; at 10^-9 km/h it takes
    about 4 x 10^14 s, more than the solver's domains hold near a 2^62-minute ground time."""
    text = _scenario("1", "4,611,686,018,427,387,904 min").replace("600 km/h", speed)
    assert KM / float(speed.split()[0]) > 24
    a = _analysis(text)
    assert a.schedule is not None
    assert a.schedule.base_status is Feasibility.INFEASIBLE


@pytest.mark.parametrize(
    ("window_end", "rate", "holds"),
    [
        ("2024-01-06T00:00Z", '"0.4"', True),
        ("2024-01-06T00:00Z", '"0.400000001"', False),
        ("2024-01-06T00:00Z", '"4611686018427387904"', False),
        ("2224-01-01T00:00Z", '"0.000000001"', True),
        ("2224-01-01T00:00Z", '"0.000027379"', True),
        ("2224-01-01T00:00Z", '"0.000027380"', False),
    ],
)
def test_sorties_per_airframe_per_day_are_compared_exactly(
    window_end: str, rate: str, holds: bool
) -> None:
    """Two flights on the one airframe written: 2 / days of the window sorties per airframe
    per day, 0.4 over five days and 2 / 73,048 = 0.0000273792... over two centuries. A rate
    written with nine decimals, or as 2^62, over such windows needs more than 64 bits
    cross-multiplied (it crashed, found by the fuzzer, #11); the claim is still exact."""
    days = (datetime.date.fromisoformat(window_end[:10]) - datetime.date(2024, 1, 1)).days
    assert (Fraction(2, days) >= Fraction(rate.strip('"').replace(",", ""))) is holds
    claim = f"{{id: rate, what: sorties_per_airframe_per_day, at_least: {rate}}}"
    a = _analysis(_scenario("2", claims=claim, window_end=window_end, fleet="airframes: 1"))
    assert a.schedule is not None
    verdict = a.schedule.claims[0].verdict
    assert verdict is (Verdict.IMPLIED if holds else Verdict.INCONSISTENT)
    at_most = claim.replace("at_least", "at_most")
    b = _analysis(_scenario("2", claims=at_most, window_end=window_end, fleet="airframes: 1"))
    assert b.schedule is not None
    exact = Fraction(2, days) == Fraction(rate.strip('"').replace(",", ""))
    expected = Verdict.IMPLIED if (exact or not holds) else Verdict.INCONSISTENT
    assert b.schedule.claims[0].verdict is expected


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        ("at_most: '20000.000000001'", Verdict.IMPLIED),
        ("at_least: '9.999884260'", Verdict.CONSISTENT),
        ("at_least: '9.999884261'", Verdict.INCONSISTENT),
        ("at_most: '0.999988426'", Verdict.INCONSISTENT),
        ("at_most: '0.999988427'", Verdict.CONSISTENT),
    ],
)
def test_a_rate_with_nine_decimals_over_a_day_and_a_second(claim: str, verdict: Verdict) -> None:
    """Ten flights on one to ten airframes in 86,401 s: 864,000 / 86,401 = 9.99988426...
    sorties per airframe per day on one, 86,400 / 86,401 = 0.99998842... on ten. Nine
    decimals against that window's seconds gave coefficients past 64 bits (CP-SAT refused
    the model, exit 3; found by the fuzzer, #11)."""
    assert Fraction("9.999884260") < Fraction(864_000, 86_401) < Fraction("9.999884261")
    assert Fraction("0.999988426") < Fraction(86_400, 86_401) < Fraction("0.999988427")
    text = _scenario(
        "10",
        "1 min",
        claims=f"{{id: rate, what: sorties_per_airframe_per_day, {claim}}}",
        window_end="2024-01-02T00:00:01Z",
        fleet="airframes: {min: 1, max: 10}",
    )
    a = _analysis(text)
    assert a.schedule is not None
    assert a.schedule.claims[0].verdict is verdict


@pytest.mark.parametrize(
    ("count", "placed"),
    [("{min: 0, max: 30000}", 30_000), ("{min: 10000000}", 10_000_024)],
)
def test_nodes_stop_one_past_what_any_model_takes(count: str, placed: int) -> None:
    """One node per flight of a count of 2^62 filled any memory (MemoryError under the
    fuzzer's 2 GB cap, found by the fuzzer, #11): nodes stop at one past the 20,000 that any
    model takes, and the data still says how many flights there are (an open count gets
    its least plus 24)."""
    from airlift.model.schedule_data import (
        MAX_INDEPENDENT,
        NODE_LIMIT,
        Corner,
        compile_schedule,
        type_values,
    )

    loaded = load_scenario_text(_scenario(count), "<case>")
    schedule = loaded.scenario.schedule
    assert schedule is not None
    values = {t: type_values(e, Corner.FAST) for t, e in schedule.aircraft.items()}
    data = compile_schedule(loaded.scenario, {}, values)
    assert len(data.nodes) == NODE_LIMIT == MAX_INDEPENDENT + 1
    assert data.flight_count == placed


def test_a_count_of_2_to_the_62_is_too_large_to_schedule() -> None:
    a = _analysis(_scenario("{min: 0, max: 4611686018427387904}"))
    assert a.schedule is not None
    assert a.schedule.joint_status is Feasibility.UNKNOWN
    assert any("places 4,611,686,018,427,387,904 flights" in n for n in a.schedule.notes)
