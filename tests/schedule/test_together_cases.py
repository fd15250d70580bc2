"""Loads and schedule together, by hand: a shuttle whose window caps the flights, so that
load claims change verdict once their flights must be flown, and schedule claims once
the flights must meet the load assumptions. The cap is a closed form (see
``test_schedule_cases.test_shuttle_fewest_airframes_is_a_closed_form``)."""

from __future__ import annotations

import json
import math

from airlift.analysis import analyze
from airlift.model import SolveOptions
from airlift.model.schedule_data import MAX_INDEPENDENT
from airlift.report import render_json, render_text
from airlift.result import Analysis, Feasibility, Verdict
from airlift.scenario import load_scenario_text
from tests.schedule.test_schedule_cases import KM

OPTIONS = SolveOptions(time_limit=10)
BLOCK = math.ceil(KM / 600 * 3600 - 1e-6)
#: One airframe shuttling A-B-A, 2 h on the ground at each end, in one day.
PER_DAY = (86_400 - BLOCK) // (2 * BLOCK + 2 * 7_200) + 1
#: Each flight carries at most 10 boxes of 1 t (payload 10 t).
MOST_BOXES = 10 * PER_DAY


def _text(
    claims: str,
    assumptions: str = "[]",
    schedule_claims: str = "[]",
    count: str = "{min: 2, max: 20}",
    fleet: str = "airframes: 1",
) -> str:
    return f"""\
title: shuttle with loads
airfields:
  A: {{lat: 0, lon: 0}}
  B: {{lat: 0, lon: 1}}
aircraft:
  C-17: {{payload: 10 t}}
cargo:
  box: {{kind: box, mass: 1 t}}
flights: [{{id: g, aircraft: C-17, count: {count}, from: A, to: B}}]
assumptions: {assumptions}
claims: {claims}
schedule:
  window: {{start: 2024-01-01T00:00Z, end: 2024-01-02T00:00Z}}
  aircraft:
    C-17:
      block_speed: 600 km/h
      ground_time: 2 h
      {fleet}
  claims: {schedule_claims}
"""


def _analysis(text: str) -> Analysis:
    return analyze(load_scenario_text(text, "<case>"), OPTIONS, explain=False)


def _together(a: Analysis) -> dict[str, tuple[Verdict, Verdict]]:
    assert a.schedule is not None
    return {t.ref.id: (t.alone, t.together) for t in a.schedule.together}


def test_the_window_caps_what_the_loads_may_claim() -> None:
    claims = (
        f"[{{id: over, total: box, at_least: {MOST_BOXES + 1}}},"
        f" {{id: full, total: box, at_least: {MOST_BOXES}}},"
        f" {{id: capped, total: box, at_most: {MOST_BOXES}}},"
        " {id: empty-ok, total: box, at_most: 0}]"
    )
    a = _analysis(_text(claims))
    verdicts = _together(a)
    # Alone, 20 flights could carry 200 boxes.
    assert verdicts["over"] == (Verdict.CONSISTENT, Verdict.INCONSISTENT)
    assert verdicts["full"] == (Verdict.CONSISTENT, Verdict.CONSISTENT)
    assert verdicts["capped"] == (Verdict.CONSISTENT, Verdict.IMPLIED)
    assert verdicts["empty-ok"] == (Verdict.CONSISTENT, Verdict.CONSISTENT)
    assert a.schedule is not None
    assert a.schedule.joint_base is Feasibility.FEASIBLE
    # "over" and "empty-ok" together are impossible anyway; the joint answer says so.
    assert a.schedule.joint_status is Feasibility.INFEASIBLE
    text = " ".join(render_text(a).split())
    assert "over load consistent inconsistent impossible once its flights must" in text
    # The top of the report says so too, before any section.
    assert (
        "With the schedule (see Schedule): loads, schedule and every claim together are "
        "impossible; 2 claims (over, capped) change verdict when judged with both."
    ) in text.split(" Claims ")[0]
    document = json.loads(render_json(a))["schedule"]
    rows = {t["id"]: t for t in document["together"]}
    # What it would take: the longest ground time (whole minutes) at which one airframe
    # flies the PER_DAY + 1 flights "over" needs, or a second airframe.
    longest = max(
        m for m in range(0, 121) if (86_400 - BLOCK) // (2 * BLOCK + 120 * m) + 1 > PER_DAY
    )
    needed = {r["field"]: r["needed"] for r in rows["over"]["relaxations"]}
    assert needed == {
        "schedule.aircraft.C-17.ground_time": f"{longest // 60} h {longest % 60} min",
        "schedule.aircraft.C-17.airframes": "2 airframes",
    }
    assert rows["over"]["alone"] == "consistent"
    assert rows["over"]["together"] == "inconsistent"
    assert rows["capped"]["reason"].startswith("certain once its flights must also be flown")
    assert document["joint_base"] == "feasible"


def test_the_loads_cap_what_the_schedule_may_claim() -> None:
    assumptions = "[{id: few, total: flights, at_most: 3}]"
    schedule_claims = (
        "[{id: four, what: flights, at_least: 4}, {id: three-at-most, what: flights, at_most: 3}]"
    )
    a = _analysis(_text("[]", assumptions, schedule_claims))
    verdicts = _together(a)
    assert verdicts["four"] == (Verdict.CONSISTENT, Verdict.INCONSISTENT)
    assert verdicts["three-at-most"] == (Verdict.CONSISTENT, Verdict.IMPLIED)
    assert a.schedule is not None
    assert a.schedule.joint_status is Feasibility.INFEASIBLE


def test_the_joint_example_flies_what_it_carries() -> None:
    claims = f"[{{id: full, total: box, at_least: {MOST_BOXES}}}]"
    a = _analysis(_text(claims))
    assert a.schedule is not None
    assert a.schedule.joint_status is Feasibility.FEASIBLE
    example = a.schedule.joint_example
    assert example is not None
    boxes = sum(r.count * r.load_dict().get("box", 0) for r in example.rows)
    flights = sum(r.count for r in example.rows)
    assert boxes >= MOST_BOXES
    assert flights == PER_DAY
    flown = [leg for leg in a.schedule.timetable if leg.flight_group == "g"]
    assert len(flown) >= 2  # the shown timetable flies the group's flights


def test_an_open_group_is_exact_when_its_airframes_are_capped() -> None:
    """Open above, but one airframe flies at most PER_DAY flights: every flight that fits
    is tried, so needing one more box than they carry is impossible, not unknown."""
    claims = f"[{{id: over, total: box, at_least: {MOST_BOXES + 1}}}]"
    a = _analysis(_text(claims, count="{min: 2}"))
    assert _together(a)["over"] == (Verdict.CONSISTENT, Verdict.INCONSISTENT)


def test_an_open_group_without_a_fleet_cap_is_counted_past_the_flights_placed() -> None:
    """No cap on airframes: the path model places the least count plus 24 flights of an open
    group; a claim needing more is asked again of the counting model with up to
    MAX_INDEPENDENT flights, and is unknown, with the reason, only past those."""
    tried = 2 + 24
    claims = (
        f"[{{id: past, total: box, at_least: {10 * tried + 1}}},"
        f" {{id: beyond, total: box, at_least: {10 * (MAX_INDEPENDENT + 1)}}}]"
    )
    a = _analysis(_text(claims, count="{min: 2}", fleet=""))
    assert a.schedule is not None
    rows = {t.ref.id: t for t in a.schedule.together}
    assert rows["past"].together is Verdict.CONSISTENT
    assert rows["beyond"].together is Verdict.UNKNOWN
    assert "open above" in rows["beyond"].reason


def test_loads_and_schedule_that_contradict_each_other_get_what_it_would_take() -> None:
    """The loads need PER_DAY + 1 flights (an assumption), the schedule flies PER_DAY: each
    side holds alone, not together, whatever the claims."""
    assumptions = f"[{{id: many, total: flights, at_least: {PER_DAY + 1}}}]"
    a = _analysis(_text("[{id: some, total: box, at_least: 1}]", assumptions))
    assert a.schedule is not None
    assert a.base_status is Feasibility.FEASIBLE
    assert a.schedule.base_status is Feasibility.FEASIBLE
    assert a.schedule.joint_base is Feasibility.INFEASIBLE
    assert a.schedule.joint_status is Feasibility.INFEASIBLE
    assert _together(a)["some"] == (Verdict.CONSISTENT, Verdict.INCONSISTENT)
    needed = {r.field: r.needed for r in a.schedule.joint_relaxations}
    assert needed["schedule.aircraft.C-17.airframes"] == "2 airframes"
    text = " ".join(render_text(a).split())
    assert "The loads and the schedule contradict each other even without the claims" in text
    assert "What it would take for loads and schedule to agree" in text


def test_a_group_open_above_is_never_called_impossible_for_want_of_flights() -> None:
    """No fleet cap: the path model places the least count plus 24 flights of an open group,
    and a "no" more flights might change is asked again with up to MAX_INDEPENDENT of them.
    So 100 flights is possible, and "at most 50" is possible, not certain, both proven; a
    claim past MAX_INDEPENDENT flights is unknown, not impossible; one that fewer flights
    cannot break (at least 5, the least being 10) is certain."""
    schedule_claims = (
        "[{id: hundred, what: flights, at_least: 100},"
        " {id: at-most-50, what: flights, at_most: 50},"
        f" {{id: beyond, what: flights, at_least: {MAX_INDEPENDENT + 1}}},"
        " {id: five, what: flights, at_least: 5}]"
    )
    a = _analysis(_text("[]", schedule_claims=schedule_claims, count="{min: 10}", fleet=""))
    assert a.schedule is not None
    alone = {c.ref.id: c for c in a.schedule.claims}
    assert alone["hundred"].verdict is Verdict.CONSISTENT
    assert alone["at-most-50"].verdict is Verdict.CONSISTENT
    assert "whether it must hold" not in alone["at-most-50"].reason
    assert alone["beyond"].verdict is Verdict.UNKNOWN
    assert "open above" in alone["beyond"].reason
    assert alone["five"].verdict is Verdict.IMPLIED
    together = _together(a)
    assert together["hundred"][1] is Verdict.CONSISTENT
    assert together["at-most-50"][1] is Verdict.CONSISTENT
    assert together["beyond"][1] is Verdict.UNKNOWN
    assert together["five"][1] is Verdict.IMPLIED
    bounds = {b.key: b for b in a.schedule.bounds}
    assert bounds["flights"].fastest is not None
    assert bounds["flights"].fastest.hi is None  # more than were placed not tried
