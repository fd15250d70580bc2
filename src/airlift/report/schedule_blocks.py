"""The schedule's part of a report: verdicts, bounds, conflicts, relaxations, a timetable.

Pure functions of an :class:`~airlift.result.Analysis`, as blocks for the text and Markdown
layouts (:func:`schedule_blocks`) and as plain data for JSON (:func:`schedule_to_dict`).
Every number names what it counts (airframes, flights, spots, minutes, a UTC time).
"""

from __future__ import annotations

import datetime
from typing import Any

from airlift.report.blocks import Block, Bullets, Glyphs, Heading, Paragraph, Table
from airlift.report.json_explain import allocation_to_json
from airlift.result import (
    Analysis,
    Feasibility,
    ScheduleBound,
    ScheduleClaimResult,
    ScheduleConflict,
    ScheduleExtreme,
    ScheduleLeg,
    ScheduleRelaxation,
    ScheduleResult,
    counted,
    stopped_by,
)

__all__ = ["SECTION_SCHEDULE", "schedule_blocks", "schedule_headline", "schedule_to_dict"]

#: The key of the schedule's section heading.
SECTION_SCHEDULE = "schedule"

_NOUN = {"airframes": "airframe", "flights": "flight", "spots": "spot"}
#: The most legs of a timetable a text or Markdown report shows (JSON has them all).
SHOWN_LEGS = 60


def _value(x: int | str | None, unit: str) -> str:
    if x is None:
        return "no finite bound known"
    if isinstance(x, str):
        return f"{x} (UTC)"
    return counted(x, _NOUN.get(unit, unit))


def extreme_text(e: ScheduleExtreme | None, unit: str, g: Glyphs) -> str:
    """``2 airframes``; ``1-3 spots (not proven: time limit)``; ``unknown``."""
    if e is None:
        return g.none
    if e.status.value == "infeasible":
        return "none possible"
    if e.lo is None and e.hi is None:
        return f"unknown ({e.cutoff.value if e.cutoff else 'not decided'})"
    if e.proven:
        return _value(e.lo, unit)
    why = f": {e.cutoff.value}" if e.cutoff else ""
    if e.hi is None:
        return f"at least {_value(e.lo, unit)} (more not tried{why})"
    if e.lo is None:
        return f"at most {_value(e.hi, unit)} (less not ruled out{why})"
    return f"{_value(e.lo, unit)} {g.dash} {_value(e.hi, unit)} (not proven{why})"


def _base_sentence(s: ScheduleResult) -> str:
    window = f"the window {s.window[0]} to {s.window[1]} (UTC)"
    if s.base_status is Feasibility.INFEASIBLE:
        return f"The flights cannot be flown in {window}, at any value in the ranges."
    if s.base_status is Feasibility.UNKNOWN:
        return (
            f"Whether the flights can be flown in {window} was not decided: "
            f"{stopped_by(s.base_cutoff)}."
        )
    if s.base_every_value is Feasibility.FEASIBLE:
        return f"The flights can be flown in {window}, at every value in the ranges."
    return (
        f"The flights can be flown in {window} at the fast end of the ranges (fastest block "
        "speeds, shortest ground times), but not at every value in them."
    )


def _joint_sentence(s: ScheduleResult) -> str:
    """Loads and schedule with every claim, decided in one model."""
    head = "Loads and schedule together (one model, every claim):"
    if s.joint_status is Feasibility.FEASIBLE:
        return (
            f"{head} possible. Some allocation meeting every load claim is flown on a "
            "timetable meeting every schedule claim."
        )
    if s.joint_status is Feasibility.UNKNOWN:
        return f"{head} unknown (see the notes)."
    if s.joint_base is Feasibility.INFEASIBLE:
        return (
            f"{head} impossible. The loads and the schedule contradict each other even "
            "without the claims."
        )
    return (
        f"{head} impossible. No allocation meeting every load claim is flown on a timetable "
        "meeting every schedule claim."
    )


def _together_blocks(s: ScheduleResult, g: Glyphs) -> list[Block]:
    """The claims whose verdict changes (or is unsettled) once loads and schedule are
    judged together; one sentence when none does."""
    changed = [t for t in s.together if t.together is not t.alone or not t.settled]
    if not s.together:
        return []
    if not changed:
        return [
            Paragraph(
                "Every claim's verdict is the same with loads and schedule together "
                f"({counted(len(s.together), 'claim')} judged again in one model)."
            )
        ]
    rows = tuple(
        (
            t.ref.id,
            t.kind,
            t.alone.value,
            t.together.value,
            t.reason,
            str(t.ref.line) if t.ref.line is not None else g.none,
        )
        for t in changed
    )
    out: list[Block] = [
        Paragraph(
            "Claims judged again with loads and schedule together, where the verdict changes "
            f"or is unsettled ({len(changed)} of {counted(len(s.together), 'claim')}):"
        ),
        Table(
            headers=("Claim", "Kind", "Alone", "Together", "Reason", "Line"),
            rows=rows,
            align=("l", "l", "l", "l", "l", "r"),
            wrap=(False, False, False, False, True, False),
        ),
    ]
    relaxed = [f"{t.ref.id}: {line}" for t in changed for line in _relaxation_lines(t.relaxations)]
    if relaxed:
        out.append(Paragraph("What it would take, loads and schedule together:"))
        out.append(Bullets(tuple(relaxed)))
    return out


def schedule_headline(a: Analysis) -> str | None:
    """One sentence for the top of a report with a schedule: loads, schedule and claims
    together, and the claims whose verdict changes there (None without a schedule)."""
    s = a.schedule
    if s is None:
        return None
    head = "With the schedule (see Schedule): "
    if s.joint_base is Feasibility.INFEASIBLE:
        text = head + "the loads and the schedule contradict each other, even without the claims"
    else:
        status = {
            Feasibility.FEASIBLE: "possible",
            Feasibility.INFEASIBLE: "impossible",
            Feasibility.UNKNOWN: "not decided",
        }[s.joint_status]
        text = head + f"loads, schedule and every claim together are {status}"
    changed = [t.ref.id for t in s.together if t.together is not t.alone]
    if changed:
        text += (
            f"; {counted(len(changed), 'claim')} ({', '.join(changed)}) "
            f"{'changes' if len(changed) == 1 else 'change'} verdict when judged with both"
        )
    return text + "."


def _bound_row(b: ScheduleBound, g: Glyphs, days: float | None) -> tuple[str, ...]:
    def end(e: ScheduleExtreme | None) -> str:
        text = extreme_text(e, b.unit, g)
        per_day = b.key == "sorties_per_airframe" and days and e is not None and e.proven
        if per_day and e is not None and isinstance(e.lo, int) and days:
            text += f" ({e.lo / days:.2f} per day)"
        return text

    return (b.label, end(b.fastest), end(b.slowest) if b.slowest is not None else g.none)


def _claim_row(c: ScheduleClaimResult, g: Glyphs) -> tuple[str, ...]:
    every = {True: "yes", False: "no", None: g.none}[c.every_value]
    line = str(c.ref.line) if c.ref.line is not None else g.none
    return (c.ref.id, c.verdict.value, every, c.ref.written or g.none, c.reason, line)


def _conflict_text(c: ScheduleConflict) -> str:
    if not c.lines:
        return c.text + "."
    word = "lines" if len(c.lines) > 1 else "line"
    return f"{c.text} (scenario {word} {', '.join(map(str, c.lines))})."


def _relaxation_lines(rs: tuple[ScheduleRelaxation, ...]) -> list[str]:
    return [f"{r.text}{f' (line {r.line})' if r.line else ''}." for r in rs]


def timetable_table(legs: tuple[ScheduleLeg, ...], g: Glyphs) -> Table:
    """One row per leg, airframe by airframe; a positioning leg has no flight group."""
    return Table(
        headers=("Airframe", "Flight group", "From", "To", "Takeoff (UTC)", "Landing (UTC)", "Row"),
        rows=tuple(
            (
                leg.airframe,
                leg.flight_group or "(positioning)",
                leg.origin,
                leg.destination,
                leg.takeoff,
                leg.landing,
                leg.row or g.none,
            )
            for leg in legs
        ),
        align=("l", "l", "l", "l", "l", "l", "l"),
        wrap=(False, True, False, False, False, False, False),
    )


def _days(s: ScheduleResult) -> float | None:
    """The window's length in days."""
    try:
        start = datetime.datetime.fromisoformat(s.window[0].replace("Z", "+00:00"))
        end = datetime.datetime.fromisoformat(s.window[1].replace("Z", "+00:00"))
    except ValueError:
        return None
    return (end - start).total_seconds() / 86_400


def schedule_blocks(a: Analysis, g: Glyphs) -> list[Block]:
    """The schedule section; empty without a schedule."""
    s = a.schedule
    if s is None:
        return []
    out: list[Block] = [Heading("Schedule", 2, SECTION_SCHEDULE)]
    out += [Paragraph(_base_sentence(s)), Paragraph(_joint_sentence(s))]
    out += _together_blocks(s, g)
    if s.joint_relaxations:
        out.append(Paragraph("What it would take for loads and schedule to agree:"))
        out.append(Bullets(tuple(_relaxation_lines(s.joint_relaxations))))
    if s.bounds:
        days = _days(s)
        out.append(
            Paragraph(
                "What the schedule allows, at the fast end of every range (fastest block "
                "speeds, shortest ground times: what is possible at all) and at the slow end."
            )
        )
        out.append(
            Table(
                headers=("Question", "Fast end", "Slow end"),
                rows=tuple(_bound_row(b, g, days) for b in s.bounds),
                align=("l", "r", "r"),
                wrap=(True, False, False),
            )
        )
    if s.claims:
        out.append(
            Table(
                headers=("Claim", "Verdict", "Every value", "Claims", "Reason", "Line"),
                rows=tuple(_claim_row(c, g) for c in s.claims),
                align=("l", "l", "l", "l", "l", "r"),
                wrap=(False, False, False, True, True, False),
                below=(False, False, False, False, True, False),
            )
        )
        relaxed = [line for c in s.claims for line in _relaxation_lines(c.relaxations)]
        if relaxed:
            out.append(Bullets(tuple(f"{line}" for line in relaxed)))
    if s.conflicts:
        out.append(Paragraph("Leg rows that cannot all be true:"))
        out.append(Bullets(tuple(_conflict_text(c) for c in s.conflicts)))
    if s.relaxations:
        out.append(Paragraph("What it would take:"))
        out.append(Bullets(tuple(_relaxation_lines(s.relaxations))))
    if s.timetable:
        flights = sum(1 for leg in s.timetable if leg.flight_group is not None)
        airframes = len({leg.airframe for leg in s.timetable})
        out.append(
            Paragraph(
                f"A timetable {s.timetable_is}: {counted(flights, 'flight')} on "
                f"{counted(airframes, 'airframe')}, positioning legs included (at the fast end "
                "of the ranges; a leg may be shown longer than its least block time where "
                "nothing needs it shorter)."
            )
        )
        if len(s.timetable) > SHOWN_LEGS:
            out.append(
                Paragraph(
                    f"The first {SHOWN_LEGS} of its {len(s.timetable):,} legs (the JSON output "
                    "has them all):"
                )
            )
        out.append(timetable_table(s.timetable[:SHOWN_LEGS], g))
    if s.values:
        out.append(
            Table(
                headers=("Schedule value", "Written", "Line"),
                rows=tuple((f, w, str(n) if n else g.none) for f, w, n in s.values),
                align=("l", "l", "r"),
                wrap=(False, True, False),
            )
        )
    if s.notes:
        out.append(Bullets(s.notes))
    return out


def _extreme(e: ScheduleExtreme | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {
        "lo": e.lo,
        "hi": e.hi,
        "proven": e.proven,
        "status": e.status.value,
        "cutoff": None if e.cutoff is None else e.cutoff.value,
    }


def _leg(leg: ScheduleLeg) -> dict[str, Any]:
    return {
        "airframe": leg.airframe,
        "flight_group": leg.flight_group,
        "from": leg.origin,
        "to": leg.destination,
        "takeoff_utc": leg.takeoff,
        "landing_utc": leg.landing,
        "row": leg.row,
    }


def _relaxation(r: ScheduleRelaxation) -> dict[str, Any]:
    return {"field": r.field, "written": r.written, "needed": r.needed, "line": r.line}


def schedule_to_dict(s: ScheduleResult | None) -> dict[str, Any] | None:
    """The ``schedule`` object of the JSON report (docs/json-format.md); None without one."""
    if s is None:
        return None
    return {
        "window": {"start": s.window[0], "end": s.window[1]},
        "base_status": s.base_status.value,
        "base_every_value": s.base_every_value.value,
        "joint_status": s.joint_status.value,
        "joint_base": s.joint_base.value,
        "together": [
            {
                "id": t.ref.id,
                "kind": t.kind,
                "line": t.ref.line,
                "alone": t.alone.value,
                "together": t.together.value,
                "settled": t.settled,
                "reason": t.reason,
                "relaxations": [_relaxation(r) for r in t.relaxations],
            }
            for t in s.together
        ],
        "joint_example": allocation_to_json(s.joint_example),
        "joint_relaxations": [_relaxation(r) for r in s.joint_relaxations],
        "claims": [
            {
                "id": c.ref.id,
                "what": c.what,
                "says": c.ref.says,
                "line": c.ref.line,
                "source": c.ref.source,
                "written": c.ref.written,
                "verdict": c.verdict.value,
                "every_value": c.every_value,
                "reason": c.reason,
                "relaxations": [_relaxation(r) for r in c.relaxations],
                "holds": [_leg(leg) for leg in c.holds],
                "fails": [_leg(leg) for leg in c.fails],
            }
            for c in s.claims
        ],
        "bounds": [
            {
                "key": b.key,
                "label": b.label,
                "sense": b.sense,
                "unit": b.unit,
                "airfield": b.airfield,
                "fast_end": _extreme(b.fastest),
                "slow_end": _extreme(b.slowest),
            }
            for b in s.bounds
        ],
        "conflicts": [
            {"rows": list(c.rows), "lines": list(c.lines), "text": c.text} for c in s.conflicts
        ],
        "relaxations": [_relaxation(r) for r in s.relaxations],
        "timetable": [_leg(leg) for leg in s.timetable],
        "values": [{"field": f, "written": w, "line": n} for f, w, n in s.values],
        "notes": list(s.notes),
    }
