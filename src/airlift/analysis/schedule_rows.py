"""Leg rows that cannot all be true, found row by row in plain Python.

A row whose takeoff and landing are both known flies at a speed; a row outside the window
was not in it; two rows of one airframe (registration or 24-bit address) must leave time
between them to land, turn, fly to the next origin and turn again. Each clash is a
:class:`~airlift.result.ScheduleConflict` citing the rows (``file:line``) and the scenario
lines of the values it uses, at the fast end of every range (so it holds for every value).
These are the conflicts a reader can check by hand; a shortfall of airframes or spots is
explained by the relaxations instead.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Mapping

from airlift.model.schedule_data import ScheduleData
from airlift.result import ScheduleConflict
from airlift.scenario.schema import Scenario
from airlift.tracks import Leg
from airlift.tracks.legs import TimeKind
from airlift.tracks.times import format_utc

__all__ = ["duration_text", "row_conflicts"]


def duration_text(seconds: int) -> str:
    """``3 h 30 min``, ``58 min 20 s``: a duration with its units."""
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    parts = [f"{h:,} h"] if h else []
    if m or (h and s):
        parts.append(f"{m} min")
    if s:
        parts.append(f"{s} s")
    return sign + (" ".join(parts) or "0 min")


def _times(leg: Leg) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    takeoff = (
        leg.departure.utc if leg.departure and leg.departure.kind is TimeKind.TAKEOFF else None
    )
    landing = leg.arrival.utc if leg.arrival and leg.arrival.kind is TimeKind.LANDING else None
    return takeoff, landing


def row_conflicts(
    scenario: Scenario,
    legs: Mapping[str, tuple[Leg, ...]],
    data: ScheduleData,
    line_of: Callable[[tuple[str | int, ...]], int | None],
) -> tuple[ScheduleConflict, ...]:
    """Rows too fast, outside the window, or too close on one airframe."""
    schedule = scenario.schedule
    assert schedule is not None
    window = schedule.window
    index = {n: i for i, n in enumerate(scenario.airfields)}
    groups = {g.id: g for g in scenario.flights}
    window_line = line_of(("schedule", "window"))
    found: list[ScheduleConflict] = []
    flown: dict[str, list[tuple[datetime.datetime, datetime.datetime, Leg, str]]] = {}
    for gid, group_legs in legs.items():
        g = groups[gid]
        speed_line = line_of(("schedule", "aircraft", g.aircraft, "block_speed"))
        for leg in group_legs:
            takeoff, landing = _times(leg)
            for moment, what in ((takeoff, "takes off"), (landing, "lands")):
                if moment is not None and not window.start <= moment <= window.end:
                    found.append(
                        ScheduleConflict(
                            (leg.cite(),),
                            tuple(x for x in (window_line,) if x),
                            f"row {leg.cite()} {what} at {format_utc(moment)}, outside the "
                            f"window {format_utc(window.start)} to {format_utc(window.end)}",
                        )
                    )
            if takeoff is None or landing is None or len(g.to) != 1:
                continue
            least = data.block.get((g.aircraft, index[g.from_], index[g.to[0]]), 0)
            took = int((landing - takeoff).total_seconds())
            if took < least:
                found.append(
                    ScheduleConflict(
                        (leg.cite(),),
                        tuple(x for x in (speed_line,) if x),
                        f"row {leg.cite()} flies {g.from_} to {g.to[0]} in "
                        f"{duration_text(took)}; at the block speed of {g.aircraft} it takes "
                        f"at least {duration_text(least)}",
                    )
                )
            if leg.airframe is not None:
                flown.setdefault(leg.airframe, []).append((takeoff, landing, leg, gid))
    for airframe, rows in sorted(flown.items()):
        rows.sort(key=lambda r: (r[0], r[1]))
        for (_, land_a, leg_a, ga), (take_b, _, leg_b, gb) in itertools.pairwise(rows):
            a, b = groups[ga], groups[gb]
            if len(a.to) != 1:
                continue
            need = data.separation(a.aircraft, index[a.to[0]], index[b.from_])
            gap = int((take_b - land_a).total_seconds())
            if gap >= need:
                continue
            how = (
                f"the ground time at {a.to[0]}"
                if a.to[0] == b.from_
                else f"ground time at {a.to[0]}, a positioning leg to {b.from_} and ground "
                "time there"
            )
            entry = schedule.aircraft[a.aircraft]
            base = ("schedule", "aircraft", a.aircraft)
            paths = [
                (*base, "ground_time_at", f)
                if f in entry.ground_time_at
                else (*base, "ground_time")
                for f in dict.fromkeys((a.to[0], b.from_))
            ]
            if a.to[0] != b.from_:
                paths.append((*base, "block_speed"))
            lines = tuple(sorted({x for x in map(line_of, paths) if x}))
            found.append(
                ScheduleConflict(
                    (leg_a.cite(), leg_b.cite()),
                    lines,
                    f"airframe {airframe} lands at {a.to[0]} at {format_utc(land_a)} (row "
                    f"{leg_a.cite()}) and takes off from {b.from_} at {format_utc(take_b)} "
                    f"(row {leg_b.cite()}), {duration_text(gap)} later; {how} take at least "
                    f"{duration_text(need)}",
                )
            )
    return tuple(found)
