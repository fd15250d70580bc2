"""What it would take: the nearest value of each schedule input at which a failing
schedule (or claim) would hold, the other inputs at their fast end.

Every input moves feasibility one way: a shorter ground time, a faster block speed, more
airframes or more spots only ever add schedules. So each relaxation is a bisection on a
grid (whole minutes of ground time, whole km/h of speed) or one minimisation (airframes,
spots), and the value found is the nearest one: it holds there and not one step further.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from fractions import Fraction

from airlift.analysis.schedule_engine import Ask, ScheduleEngine
from airlift.model.schedule import Condition, Measure, Selector
from airlift.model.schedule_data import TypeValues
from airlift.result import ScheduleRelaxation, SolveStatus, counted

__all__ = ["joint_relaxations", "relaxations"]

#: Whether the question holds with a schedule built for an :class:`Ask` (None: unknown).
Feasible = Callable[[Ask], bool | None]
#: The fewest airframes of a type, or spots at an airfield, at which the question holds
#: (None: not found): the type or airfield, and the count written.
Least = Callable[[str, int], int | None]

#: The fastest block speed a relaxation tries, km/h: past it, speed is not the way out.
FASTEST = 5_000


def _minutes(m: int) -> str:
    h, rest = divmod(m, 60)
    if h and rest:
        return f"{h} h {rest} min"
    return f"{h} h" if h else f"{rest} min"


def _largest(holds: Callable[[int], bool | None], lo: int, hi: int) -> int | None:
    """The largest x in [lo, hi] with holds(x), holds falling as x grows; None when not even
    lo holds or an answer was unknown."""
    first = holds(lo)
    if not first:
        return None
    while lo < hi:
        mid = (lo + hi + 1) // 2
        ok = holds(mid)
        if ok is None:
            return None
        lo, hi = (mid, hi) if ok else (lo, mid - 1)
    return lo


def relaxations(
    engine: ScheduleEngine,
    on: Sequence[Condition],
    line_of: Callable[[tuple[str | int, ...]], int | None],
    what: str,
) -> tuple[ScheduleRelaxation, ...]:
    """The nearest value of each input at which the base with ``on`` would hold."""
    fast = engine.fast

    def feasible(ask: Ask) -> bool | None:
        solution, _ = engine.solve(ask, on)
        if solution.found:
            return True
        return False if solution.status is SolveStatus.INFEASIBLE else None

    def airframes(t: str, written: int) -> int | None:
        lifted = fast.moved(fleets={**fast.fleets, t: None})
        ext, _, _ = engine.extreme(
            lifted, "min", Measure("airframes", Selector(aircraft=frozenset([t]))), on
        )
        return ext.lo if ext.proven and isinstance(ext.lo, int) else None

    def spots(field: str, written: int) -> int | None:
        freed = fast.moved(spots={**fast.spots, field: None}, free_spots=field)
        ext, _, _ = engine.extreme(freed, "min", "spots", on)
        return ext.lo if ext.proven and isinstance(ext.lo, int) else None

    return _relaxations(engine, feasible, airframes, spots, line_of, what)


def joint_relaxations(
    engine: ScheduleEngine,
    feasible: Feasible,
    line_of: Callable[[tuple[str | int, ...]], int | None],
    what: str,
) -> tuple[ScheduleRelaxation, ...]:
    """The same for a question asked of loads and schedule together (``feasible``), where
    the fewest airframes and spots are found by bisection on feasibility (each more only
    adds schedules) up to one per flight."""
    fast = engine.fast
    most = max(len(engine.model(fast)[0].nodes), 1)

    def airframes(t: str, written: int) -> int | None:
        return _smallest(
            lambda k: feasible(fast.moved(fleets={**fast.fleets, t: k})), written + 1, most
        )

    def spots(field: str, written: int) -> int | None:
        return _smallest(
            lambda k: feasible(fast.moved(spots={**fast.spots, field: k})), written + 1, most
        )

    return _relaxations(engine, feasible, airframes, spots, line_of, what)


def _smallest(holds: Callable[[int], bool | None], lo: int, hi: int) -> int | None:
    """The smallest x in [lo, hi] with holds(x), holds rising as x grows; None when not even
    hi holds or an answer was unknown."""
    if lo > hi or not holds(hi):
        return None
    while lo < hi:
        mid = (lo + hi) // 2
        ok = holds(mid)
        if ok is None:
            return None
        lo, hi = (lo, mid) if ok else (mid + 1, hi)
    return lo


def _relaxations(
    engine: ScheduleEngine,
    feasible: Feasible,
    least_airframes: Least,
    least_spots: Least,
    line_of: Callable[[tuple[str | int, ...]], int | None],
    what: str,
) -> tuple[ScheduleRelaxation, ...]:
    fast = engine.fast
    out: list[ScheduleRelaxation] = []
    for t, entry in engine.schedule.aircraft.items():
        values = fast.values[t]
        grounds: list[tuple[str | None, Fraction, str, tuple[str | int, ...]]] = [
            (None, values.ground, entry.ground_time.min.text, ("ground_time",))
        ]
        grounds += [
            (field, values.ground_minutes(field), r.min.text, ("ground_time_at", field))
            for field, r in entry.ground_time_at.items()
        ]
        for field, written, text, sub in grounds:

            def at(minutes: int, t: str = t, field: str | None = field) -> bool | None:
                v = fast.values[t]
                if field is None:
                    moved = replace(v, ground=Fraction(minutes))
                else:
                    moved = replace(
                        v,
                        ground_at=tuple(
                            (k, Fraction(minutes) if k == field else g) for k, g in v.ground_at
                        ),
                    )
                return feasible(fast.moved(values={**fast.values, t: moved}))

            best = _largest(at, 0, int(written))
            if best is None:
                continue
            where = f" at {field}" if field else ""
            path = ("schedule", "aircraft", t, *sub)
            out.append(
                ScheduleRelaxation(
                    ".".join(str(p) for p in path),
                    text,
                    _minutes(best),
                    line_of(path),
                    f"{what} only if the ground time of {t}{where} is at most {_minutes(best)} "
                    f"(written: {text})",
                )
            )
        speed = int(values.speed)

        def fast_enough(kmh: int, t: str = t) -> bool | None:
            moved: TypeValues = replace(fast.values[t], speed=Fraction(kmh))
            return feasible(fast.moved(values={**fast.values, t: moved}))

        if speed < FASTEST and fast_enough(FASTEST):
            lo, hi = speed + 1, FASTEST
            while lo < hi:
                mid = (lo + hi) // 2
                ok = fast_enough(mid)
                if ok is None:
                    lo = hi = -1
                    break
                lo, hi = (lo, mid) if ok else (mid + 1, hi)
            if lo > 0:
                path = ("schedule", "aircraft", t, "block_speed")
                out.append(
                    ScheduleRelaxation(
                        ".".join(path),
                        entry.block_speed.max.text,
                        f"{lo:,} km/h",
                        line_of(path),
                        f"{what} only if {t} flies at a block speed of at least {lo:,} km/h "
                        f"(written: {entry.block_speed.max.text})",
                    )
                )
        fleet = entry.airframes.most if entry.airframes is not None else None
        if fleet is not None:
            needed = least_airframes(t, fleet)
            if needed is not None and needed > fleet:
                path = ("schedule", "aircraft", t, "airframes")
                out.append(
                    ScheduleRelaxation(
                        ".".join(path),
                        counted(fleet, "airframe"),
                        counted(needed, "airframe"),
                        line_of(path),
                        f"{what} only with {counted(needed, 'airframe')} of {t} "
                        f"({counted(fleet, 'airframe')} written)",
                    )
                )
    for field, spots in engine.schedule.spots.items():
        needed = least_spots(field, spots)
        if needed is not None and needed > spots:
            path = ("schedule", "spots", field)
            out.append(
                ScheduleRelaxation(
                    ".".join(path),
                    counted(spots, "spot"),
                    counted(needed, "spot"),
                    line_of(path),
                    f"{what} only with {counted(needed, 'spot')} at {field} "
                    f"({counted(spots, 'spot')} written)",
                )
            )
    return tuple(out)
