"""`analyze_schedule`: what a scenario's ``schedule:`` allows, and whether its claims hold.

Schedule questions are decided exactly on their own, by the schedule model
(:mod:`airlift.model.schedule`), at the two ends of the ranges: the *fast* end (fastest
block speed, shortest ground times, least block extra) decides what is possible at all,
since slower legs and longer turns only remove schedules; the *slow* end decides what is
possible for every value. Verdicts follow the load claims' words: a claim is inconsistent
when no schedule meets it, implied when every schedule does.

With the loads: the schedule model counts the same flights as the load model (each group's
count, each flight's destination), and the two are built into one CP-SAT model tied by those
counts (:mod:`airlift.analysis.schedule_joint`). Every claim, load or schedule, is judged
there once more ("together"), and loads and schedule with every claim get one exact answer:
an allocation with its timetable, a proof that none exists, or unknown with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from airlift.analysis.refs import LineOf, source_label
from airlift.analysis.schedule_claims import DAY, claim_conditions, claim_measure, claim_written
from airlift.analysis.schedule_engine import Ask, ScheduleEngine, feasibility
from airlift.analysis.schedule_relax import relaxations
from airlift.analysis.schedule_rows import row_conflicts
from airlift.analysis.schedule_together import together
from airlift.model import SolveOptions
from airlift.model.schedule import Measure, ScheduleSolution, Selector
from airlift.model.schedule_data import MAX_INDEPENDENT, OPEN_EXTRA, ScheduleData
from airlift.result import (
    ClaimResult,
    Cutoff,
    Feasibility,
    ScheduleBound,
    ScheduleClaimResult,
    ScheduleLeg,
    ScheduleRelaxation,
    ScheduleResult,
    StatementRef,
    Verdict,
    counted,
    stopped_by,
)
from airlift.scenario.schedule_schema import ScheduleClaim
from airlift.scenario.schema import Scenario
from airlift.tracks import Leg
from airlift.tracks.times import format_utc

__all__ = ["analyze_schedule"]

_BASE = "the flights, the window and the schedule's values"
_JOINT_TIMETABLE = (
    "meeting every claim, loads and schedule together, on the fewest airframes that fly "
    "its flights (its allocation is the JSON output's schedule.joint_example)"
)


def analyze_schedule(
    scenario: Scenario,
    legs: Mapping[str, tuple[Leg, ...]],
    options: SolveOptions,
    line_of: LineOf | None = None,
    load_claims: Sequence[ClaimResult] = (),
) -> ScheduleResult | None:
    """The schedule's verdicts, bounds, timetable and joint answer; None without a schedule.

    ``load_claims`` are the load claims' verdicts on their own (in the scenario's order),
    judged again here together with the schedule."""
    if scenario.schedule is None:
        return None
    lines: LineOf = line_of or (lambda path: None)
    engine = ScheduleEngine(scenario, legs, options)
    window = scenario.schedule.window
    # Whether anything is possible, with the fewest airframes (a bound asked anyway).
    base, data = _base(engine, engine.fast)
    slow, _ = _base(engine, engine.slow)
    base_status = feasibility(base)
    conflicts = row_conflicts(scenario, legs, data, lines)
    notes: list[str] = []
    relaxed: tuple[ScheduleRelaxation, ...] = ()
    if base_status is Feasibility.INFEASIBLE and not conflicts:
        relaxed = relaxations(engine, (), lines, "The flights could be flown in the window")
    # Bounds first: a claim's conditions stay in the model it was judged on.
    bounds = _bounds(engine, base_status) if base_status is Feasibility.FEASIBLE else ()
    claims = tuple(
        _judge(engine, claim, i, lines, base_status) for i, claim in enumerate(_claims(scenario))
    )
    if data.truncated:
        more = (
            f"answers that need more were asked again with up to {MAX_INDEPENDENT:,} flights "
            "in all (nothing ties the flights but named airframes), and any still cut short "
            'say "open flights"'
            if engine.counted(engine.fast) is not None
            else 'answers that might need more are unknown or unsettled ("open flights")'
        )
        notes.append(
            f"Flight groups open above ({', '.join(data.truncated)}) were given their least "
            f"count plus {OPEN_EXTRA} unseen flights in the schedule, nothing capping them: "
            f"a most of flights is then only a lower bound, and {more}."
        )
    joint = together(engine, load_claims, claims, base_status, lines, _fewest(bounds))
    notes.extend(joint.notes)
    shown, shown_is = joint.timetable, _JOINT_TIMETABLE
    if not shown:
        shown, shown_is = _shown_timetable(bounds), "on the fewest airframes"
    if not shown:
        shown, shown_is = engine.timetable(base, data), "of the flights"
    return ScheduleResult(
        window=(format_utc(window.start), format_utc(window.end)),
        base_status=base_status,
        base_every_value=feasibility(slow),
        claims=claims,
        bounds=bounds,
        timetable=shown,
        timetable_is=shown_is,
        base_cutoff=base.cutoff if base_status is Feasibility.UNKNOWN else None,
        conflicts=conflicts,
        relaxations=relaxed,
        joint_status=joint.status,
        joint_base=joint.base,
        together=joint.verdicts,
        joint_example=joint.example,
        joint_relaxations=joint.relaxations,
        notes=tuple(notes),
        values=_values(scenario, lines),
    )


def _base(engine: ScheduleEngine, ask: Ask) -> tuple[ScheduleSolution, ScheduleData]:
    """Whether anything is possible, on the fewest airframes (a bound asked anyway), or by a
    plain solve where airframes cannot be asked (counted flights, too many to place)."""
    _, solution, data = engine.extreme(ask, "min", Measure("airframes"))
    if solution.cutoff is Cutoff.TOO_LARGE:
        return engine.solve(ask)
    return solution, data


def _fewest(bounds: tuple[ScheduleBound, ...]) -> int | None:
    """The fewest airframes able to fly the flights, when proven."""
    for b in bounds:
        if b.key == "airframes" and b.fastest is not None and b.fastest.proven:
            return b.fastest.lo if isinstance(b.fastest.lo, int) else None
    return None


def _shown_timetable(bounds: tuple[ScheduleBound, ...]) -> tuple[ScheduleLeg, ...]:
    """The timetable a report shows: one on the fewest airframes, when found."""
    return next((b.witness for b in bounds if b.key == "airframes" and b.witness), ())


def _claims(scenario: Scenario) -> list[ScheduleClaim]:
    assert scenario.schedule is not None
    return list(scenario.schedule.claims)


def _ref(scenario: Scenario, claim: ScheduleClaim, i: int, lines: LineOf) -> StatementRef:
    source = claim.source_ids[0] if claim.source_ids else None
    return StatementRef(
        claim.id,
        "claim",
        claim.says,
        lines(("schedule", "claims", i)),
        source,
        source_label(scenario, source),
        claim_written(claim),
    )


def _range_words(engine: ScheduleEngine, claim: ScheduleClaim) -> str | None:
    """``such flights: from 0 to 14 flights`` at the fast end; None for a rate or a time
    (the latest completion is the window's end whenever a leg may be slow, and searching up
    to it second by second is not worth a sentence)."""
    if claim.what in ("sorties_per_airframe_per_day", "completion"):
        return None
    measure = claim_measure(engine.scenario, claim)
    lo, _, _ = engine.extreme(engine.fast, "min", measure)
    hi, _, _ = engine.extreme(engine.fast, "max", measure)
    if not (lo.proven and hi.proven):
        return None
    noun = "airframe" if claim.what == "airframes" else "flight"
    assert isinstance(lo.lo, int) and isinstance(hi.hi, int)
    what = "airframes used" if claim.what == "airframes" else "such flights"
    if lo.lo == hi.hi:
        return f"{what}: always {counted(lo.lo, noun)}"
    return f"{what}: from {lo.lo:,} to {counted(hi.hi, noun)}"


def _judge(
    engine: ScheduleEngine, claim: ScheduleClaim, i: int, lines: LineOf, base: Feasibility
) -> ScheduleClaimResult:
    ref = _ref(engine.scenario, claim, i, lines)
    if base is Feasibility.INFEASIBLE:
        return ScheduleClaimResult(
            ref, claim.what, Verdict.INCONSISTENT, None, f"{_BASE} are inconsistent on their own"
        )
    conditions = claim_conditions(engine.scenario, claim)
    holds, data = engine.solve(engine.fast, on=conditions)
    words = _range_words(engine, claim)
    tail = f" ({words})" if words else ""
    if not holds.found and holds.status.value == "infeasible":
        relaxed = relaxations(engine, conditions, lines, "Possible")
        return ScheduleClaimResult(
            ref,
            claim.what,
            Verdict.INCONSISTENT,
            False,
            f"impossible: no schedule of {_BASE} meets it, even at the fast end of every "
            f"range{tail}",
            relaxations=relaxed,
        )
    if not holds.found:
        return ScheduleClaimResult(
            ref,
            claim.what,
            Verdict.UNKNOWN,
            None,
            f"{stopped_by(holds.cutoff)} before it was proven possible or impossible",
            cutoff=holds.cutoff,
        )
    fails, fdata = engine.solve(engine.fast, off=conditions)
    every, _ = engine.solve(engine.slow, on=conditions)
    every_value = {Feasibility.FEASIBLE: True, Feasibility.INFEASIBLE: False}.get(
        feasibility(every)
    )
    slow_words = {
        True: "; possible at every value in the ranges",
        False: "; not possible at the slow end of the ranges (longest ground times, slowest "
        "block speeds)",
        None: "",
    }[every_value]
    witness = engine.timetable(holds, data)
    if fails.found:
        return ScheduleClaimResult(
            ref,
            claim.what,
            Verdict.CONSISTENT,
            every_value,
            f"possible, not certain: some schedules meet it and some do not{tail}{slow_words}",
            holds=witness,
            fails=engine.timetable(fails, fdata),
        )
    if fails.status.value == "infeasible":
        return ScheduleClaimResult(
            ref,
            claim.what,
            Verdict.IMPLIED,
            every_value,
            f"certain: every schedule of {_BASE} meets it{tail}{slow_words}",
            holds=witness,
        )
    return ScheduleClaimResult(
        ref,
        claim.what,
        Verdict.CONSISTENT,
        every_value,
        f"possible; {stopped_by(fails.cutoff)} before it was known whether it must hold",
        holds=witness,
        cutoff=fails.cutoff,
    )


def _bounds(engine: ScheduleEngine, base: Feasibility) -> tuple[ScheduleBound, ...]:
    """Fewest airframes, most flights, earliest completion, spots needed, and the most
    flights one airframe can fly, at the fast end and (where cheap) the slow end."""
    out = []
    scenario = engine.scenario
    schedule = engine.schedule
    airframes = Measure("airframes")
    for key, label, sense, measure, unit in (
        ("airframes", "fewest airframes able to fly the flights", "min", airframes, "airframes"),
        ("completion", "earliest completion (last landing)", "min", Measure("completion"), "UTC"),
        ("flights", "most flights in the window", "max", Measure("flights"), "flights"),
    ):
        as_time = unit == "UTC"
        fast, solution, data = engine.extreme(engine.fast, sense, measure, as_time=as_time)
        slow = None
        if key != "flights":
            slow, _, _ = engine.extreme(engine.slow, sense, measure, as_time=as_time)
        out.append(
            ScheduleBound(
                key, label, sense, unit, fast, slow, witness=engine.timetable(solution, data)
            )
        )
    origins = list(dict.fromkeys([g.from_ for g in scenario.flights] + list(schedule.spots)))
    for field in origins:
        freed = engine.fast.moved(spots={field: None}, free_spots=field)
        fast, _, _ = engine.extreme(freed, "min", "spots")
        out.append(
            ScheduleBound("spots", f"spots needed at {field}", "min", "spots", fast, airfield=field)
        )
    for t in sorted({g.aircraft for g in scenario.flights}):
        one = {t: 1, **{u: 0 for u in schedule.aircraft if u != t}}
        ends = []
        for ask in (engine.fast, engine.slow):
            moved = ask.moved(fleets=one, optional=True)
            ext, _, _ = engine.extreme(
                moved, "max", Measure("flights", Selector(aircraft=frozenset([t])))
            )
            ends.append(ext)
        days = (schedule.window.end - schedule.window.start).total_seconds() / DAY
        day_word = "day" if days == 1 else "days"
        out.append(
            ScheduleBound(
                "sorties_per_airframe",
                f"most flights one {t} airframe can fly in the window ({days:g} {day_word}), "
                "whatever the counts",
                "max",
                "flights",
                ends[0],
                ends[1],
            )
        )
    return tuple(out)


def _values(scenario: Scenario, lines: LineOf) -> tuple[tuple[str, str, int | None], ...]:
    """The schedule's values as written, with their lines, for the report."""
    assert scenario.schedule is not None
    s = scenario.schedule
    out = [
        (
            "schedule.window",
            f"{format_utc(s.window.start)} to {format_utc(s.window.end)}",
            lines(("schedule", "window")),
        )
    ]

    def span(r: object) -> str:
        lo, hi = r.min.text, r.max.text  # type: ignore[attr-defined]
        return lo if lo == hi else f"{lo} to {hi}"

    for t, e in s.aircraft.items():
        base = ("schedule", "aircraft", t)
        out.append(
            (
                f"schedule.aircraft.{t}.block_speed",
                span(e.block_speed),
                lines((*base, "block_speed")),
            )
        )
        if e.block_extra is not None:
            out.append(
                (
                    f"schedule.aircraft.{t}.block_extra",
                    span(e.block_extra),
                    lines((*base, "block_extra")),
                )
            )
        out.append(
            (
                f"schedule.aircraft.{t}.ground_time",
                span(e.ground_time),
                lines((*base, "ground_time")),
            )
        )
        for field, r in e.ground_time_at.items():
            out.append(
                (
                    f"schedule.aircraft.{t}.ground_time_at.{field}",
                    span(r),
                    lines((*base, "ground_time_at", field)),
                )
            )
        if e.airframes is not None:
            a = e.airframes
            written = (
                ", ".join(a.registrations)
                if a.registrations
                else f"{a.min:,} to {a.max:,}"
                if a.max is not None
                else f"at least {a.min:,}"
            )
            out.append((f"schedule.aircraft.{t}.airframes", written, lines((*base, "airframes"))))
    for field, n in s.spots.items():
        out.append(
            (f"schedule.spots.{field}", counted(n, "spot"), lines(("schedule", "spots", field)))
        )
    return tuple(out)
