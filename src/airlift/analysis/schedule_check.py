"""Re-check a schedule the solver returns against every rule of the schedule model, in
plain Python.

The schedule model (:mod:`airlift.model.schedule`) is trusted to search, never to be right:
every schedule it returns is read back here, rule by rule, from the plain integers of a
:class:`~airlift.model.schedule_data.ScheduleData` and a
:class:`~airlift.model.schedule.ScheduleSolution`, sharing no code with the model's
constraints. A solver bug, or a bug in how the model is built or read back, then shows up as
a violation instead of a wrong timetable. The rules, as the model's docstring lists them:

- a flight is flown when it lies on a path, on exactly one and once; mandatory flights are
  flown, and a flight has a destination exactly when it is flown;
- takeoff and landing lie in the window and in the flight's own intervals, the landing is
  not before the takeoff, the destination is one of the flight's, and a leg to another
  airfield lasts at least its block time;
- along a path: one aircraft type, each takeoff at least the separation after the landing
  before it (ground time, or ground time, a positioning leg and ground time);
- registrations: the named flights of a path name one airframe, and two paths of a type
  never name the same; a type has between its least and most airframes, and when its
  registrations are listed, at most as many as the airframes it can name (the list, and
  any other airframe its flights name);
- each group flies between its least and most flights; its alike flights (twins) fly in
  their order: a flown twin's earlier twins are flown and take off no later, and on one
  path a twin never directly follows a later twin of its group;
- spots: at each limited airfield, at no moment more aircraft being turned than spots. A
  takeoff holds a spot for the ground time before it, a landing not followed by the same
  airframe's takeoff from that field holds one for the ground time after it; both are
  half-open, ``[s, s + g)``, as CP-SAT's cumulative reads its intervals (``start <= t <
  end``, the ``add_cumulative`` docstring of ortools 9.15), so a turn may start the second
  another ends.

:func:`measure_value` and :func:`conditions_hold` give the plain value of the model's
measures and conditions, so that a witness can be checked against a claim without a solve.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence

from airlift.errors import InternalError
from airlift.model.schedule import Condition, Measure, ScheduleSolution
from airlift.model.schedule_data import ScheduleData
from airlift.result import SolveStatus, counted

__all__ = [
    "check_schedule",
    "conditions_hold",
    "measure_value",
    "peak_spots",
    "schedule_violations",
]

#: Formats a time given in seconds from the window's start.
Moment = Callable[[int], str]


def _seconds(t: int) -> str:
    return f"{t:,} s"


def schedule_violations(
    data: ScheduleData,
    solution: ScheduleSolution,
    free_spots: int | None = None,
    *,
    moment: Moment = _seconds,
) -> list[str]:
    """Every rule of the schedule model that ``solution`` breaks, in words naming the
    flights, airfields and airframes; empty when it keeps them all.

    ``free_spots`` is an airfield index whose spots the question leaves open (not checked);
    ``moment`` writes a time in seconds from the window's start (by default ``3,600 s``)."""
    shape = _shape(data, solution)
    if shape:
        return shape  # indices out of range: nothing else can be read
    return [
        *_presence(data, solution),
        *_times(data, solution, moment),
        *_paths(data, solution, moment),
        *_airframes(data, solution),
        *_counts(data, solution, moment),
        *_spots(data, solution, free_spots, moment),
    ]


def check_schedule(
    data: ScheduleData,
    solution: ScheduleSolution,
    free_spots: int | None = None,
    on: Sequence[Condition] = (),
    off: Sequence[Condition] = (),
    objective: tuple[str, Measure | str] | None = None,
    moment: Moment = _seconds,
) -> None:
    """Raise :class:`~airlift.errors.InternalError` unless ``solution`` keeps every rule,
    meets the ``on`` conditions, fails one of the ``off`` ones, and measures the objective
    the solver said (for the free spots: needs no more spots than it said)."""
    found = schedule_violations(data, solution, free_spots, moment=moment)
    if not found:
        if on and not conditions_hold(data, solution, on):
            found.append("the conditions asked to hold do not all hold")
        if off and conditions_hold(data, solution, off):
            found.append("the conditions asked to fail all hold")
        if objective is not None and solution.objective is not None:
            found += _objective_problems(data, solution, free_spots, objective[1])
    if found:
        raise InternalError("a solver schedule fails its re-check: " + "; ".join(found[:5]))


def _objective_problems(
    data: ScheduleData, solution: ScheduleSolution, free_spots: int | None, what: Measure | str
) -> list[str]:
    said = solution.objective
    assert said is not None
    if isinstance(what, Measure):
        value = measure_value(data, solution, what)
        return (
            [] if value == said else [f"the schedule measures {value:,}, the solver said {said:,}"]
        )
    if free_spots is None:
        return ["the free spots were asked of a model with no airfield to free"]
    peak = peak_spots(data, solution, free_spots)
    name = data.airfields[free_spots]
    if peak > said or (solution.status is SolveStatus.OPTIMAL and peak != said):
        return [f"the schedule holds {peak:,} spots at once at {name}, the solver said {said:,}"]
    return []


# --- reading a solution ----------------------------------------------------------------------


def _flown(solution: ScheduleSolution) -> set[int]:
    return {i for path in solution.paths for i in path}


def _next(solution: ScheduleSolution) -> dict[int, int]:
    """The flight the same airframe flies after each flight, where there is one."""
    return {a: b for path in solution.paths for a, b in itertools.pairwise(path)}


def _flight(data: ScheduleData, i: int) -> str:
    """A flight as a reader finds it: its leg row, or its place among its group's flights."""
    node = data.nodes[i]
    if node.leg is not None and node.leg.row is not None:
        return f"the leg at {node.leg.cite()} ({node.group})"
    k = sum(1 for j in range(i + 1) if data.nodes[j].group == node.group)
    return f"flight {k} of {node.group}"


def _registrations(data: ScheduleData, flights: Sequence[int]) -> list[str]:
    """The airframes ``flights`` name, sorted."""
    return sorted({r for i in flights if (r := data.nodes[i].airframe) is not None})


def _airframe(data: ScheduleData, solution: ScheduleSolution, p: int) -> str:
    named = _registrations(data, solution.paths[p])
    return f"airframe {p + 1}" + (f" ({', '.join(named)})" if named else "")


# --- the rules -----------------------------------------------------------------------------------


def _shape(data: ScheduleData, solution: ScheduleSolution) -> list[str]:
    n = len(data.nodes)
    out = [
        f"{name} has {len(values):,} entries for {n:,} flights"
        for name, values in (
            ("takeoffs", solution.takeoff),
            ("landings", solution.landing),
            ("destinations", solution.destination),
        )
        if len(values) != n
    ]
    for p, path in enumerate(solution.paths):
        if not path:
            out.append(f"airframe {p + 1} flies nothing")
        out += [
            f"airframe {p + 1} flies flight index {i}, not a flight" for i in path if not 0 <= i < n
        ]
    for i, k in enumerate(solution.destination[:n]):
        if k != -1 and not 0 <= k < len(data.airfields):
            out.append(f"{_flight(data, i)} lands at airfield index {k}, not an airfield")
    return out


def _presence(data: ScheduleData, solution: ScheduleSolution) -> list[str]:
    out = []
    seen: dict[int, int] = {}
    for path in solution.paths:
        for i in path:
            seen[i] = seen.get(i, 0) + 1
    for i, node in enumerate(data.nodes):
        flown = seen.get(i, 0)
        if flown > 1:
            out.append(f"{_flight(data, i)} is flown {counted(flown, 'time')}")
        if node.mandatory and not flown:
            out.append(f"{_flight(data, i)} must be flown and is not")
        has_destination = solution.destination[i] != -1
        if flown and not has_destination:
            out.append(f"{_flight(data, i)} is flown with no destination")
        if not flown and has_destination:
            out.append(f"{_flight(data, i)} is not flown but has a destination")
    return out


def _times(data: ScheduleData, solution: ScheduleSolution, moment: Moment) -> list[str]:
    out = []
    for i in sorted(_flown(solution)):
        node = data.nodes[i]
        what = functools.partial(_flight, data, i)  # named only when something is wrong
        t, land, k = solution.takeoff[i], solution.landing[i], solution.destination[i]
        for word, x, (lo, hi) in (("takes off", t, node.takeoff), ("lands", land, node.landing)):
            if not 0 <= x <= data.horizon:
                out.append(
                    f"{what()} {word} at {moment(x)}, outside the window "
                    f"({moment(0)} to {moment(data.horizon)})"
                )
            elif not lo <= x <= hi:
                out.append(
                    f"{what()} {word} at {moment(x)}, outside its row's {moment(lo)} to "
                    f"{moment(hi)}"
                )
        if land < t:
            out.append(f"{what()} lands at {moment(land)}, before its takeoff at {moment(t)}")
        if k == -1:
            continue  # no destination: said by _presence
        if k not in node.destinations:
            allowed = ", ".join(data.airfields[d] for d in node.destinations)
            out.append(
                f"{what()} lands at {data.airfields[k]}, not one of its destinations ({allowed})"
            )
        elif k != node.origin:
            least = data.block[node.aircraft, node.origin, k]
            if land - t < least:
                out.append(
                    f"{what()} flies {data.airfields[node.origin]} to {data.airfields[k]} in "
                    f"{land - t:,} s, under its block time of {least:,} s"
                )
    return out


def _paths(data: ScheduleData, solution: ScheduleSolution, moment: Moment) -> list[str]:
    out = []
    for p, path in enumerate(solution.paths):
        types = sorted({data.nodes[i].aircraft for i in path})
        if len(types) > 1:
            out.append(f"{_airframe(data, solution, p)} flies flights of {', '.join(types)}")
            continue
        for f, h in itertools.pairwise(path):
            a, b = data.nodes[f], data.nodes[h]
            landed = solution.destination[f]
            if landed == -1:
                continue  # no destination: said by _presence
            gap = data.separation(a.aircraft, landed, b.origin)
            ready = solution.landing[f] + gap
            if solution.takeoff[h] < ready:
                out.append(
                    f"{_airframe(data, solution, p)} takes off for {_flight(data, h)} from "
                    f"{data.airfields[b.origin]} at {moment(solution.takeoff[h])}, before "
                    f"{moment(ready)}: landed at {data.airfields[landed]} at "
                    f"{moment(solution.landing[f])}, separation {gap:,} s"
                )
            if a.twin and b.twin and a.group == b.group and h < f:
                out.append(
                    f"{_airframe(data, solution, p)} flies {_flight(data, h)} straight after "
                    f"{_flight(data, f)}: alike flights fly in their order"
                )
    return out


def _airframes(data: ScheduleData, solution: ScheduleSolution) -> list[str]:
    out = []
    owner: dict[tuple[str, str], int] = {}
    for p, path in enumerate(solution.paths):
        kind = data.nodes[path[0]].aircraft
        named = _registrations(data, path)
        if len(named) > 1:
            out.append(f"airframe {p + 1} flies legs of {', '.join(named)}")
        for reg in named:
            first = owner.setdefault((kind, reg), p)
            if first != p:
                out.append(f"{reg} flies as airframes {first + 1} and {p + 1}")
    for kind, least, most, registrations in data.fleets:
        used = sum(1 for path in solution.paths if data.nodes[path[0]].aircraft == kind)
        if used < least:
            out.append(
                f"{kind} flies {counted(used, 'airframe')}, fewer than its least of {least:,}"
            )
        if most is not None and used > most:
            out.append(f"{kind} flies {counted(used, 'airframe')}, more than its most of {most:,}")
        if registrations is not None:
            # The fleet is exactly the airframes it can name: the list, and any other its
            # flights name; an airframe with no named flight is one of them too.
            mine = [i for i, n in enumerate(data.nodes) if n.aircraft == kind]
            names = set(registrations) | set(_registrations(data, mine))
            if used > len(names):
                flies = counted(used, "airframe")
                out.append(f"{kind} flies {flies}, more than the {len(names):,} it can name")
    return out


def _counts(data: ScheduleData, solution: ScheduleSolution, moment: Moment) -> list[str]:
    out = []
    flown = _flown(solution)
    for group, least, most in data.counts:
        mine = [i for i, node in enumerate(data.nodes) if node.group == group]
        n = sum(1 for i in mine if i in flown)
        if n < least:
            out.append(f"{group} flies {counted(n, 'flight')}, fewer than its least of {least:,}")
        if most is not None and n > most:
            out.append(f"{group} flies {counted(n, 'flight')}, more than its most of {most:,}")
        twins = [i for i in mine if data.nodes[i].twin]
        for a, b in itertools.pairwise(twins):
            if b not in flown:
                continue
            if a not in flown:
                out.append(
                    f"{_flight(data, b)} is flown and {_flight(data, a)} is not: alike "
                    "flights fly in their order"
                )
            elif solution.takeoff[a] > solution.takeoff[b]:
                out.append(
                    f"{_flight(data, b)} takes off at {moment(solution.takeoff[b])}, before "
                    f"{_flight(data, a)} at {moment(solution.takeoff[a])}: alike flights fly "
                    "in their order"
                )
    return out


def _turns(data: ScheduleData, solution: ScheduleSolution, field: int) -> list[tuple[int, int]]:
    """The times ``[start, end)`` that aircraft hold a spot at ``field``, in seconds."""
    nxt = _next(solution)
    held = []
    for i in sorted(_flown(solution)):
        node = data.nodes[i]
        g = data.ground[node.aircraft, field]
        if node.origin == field:
            held.append((solution.takeoff[i] - g, solution.takeoff[i]))
        stays = i in nxt and data.nodes[nxt[i]].origin == field
        if solution.destination[i] == field and not stays:
            held.append((solution.landing[i], solution.landing[i] + g))
    return [(s, e) for s, e in held if e > s]


def _peak(turns: list[tuple[int, int]]) -> tuple[int, int]:
    """The most intervals holding at once and the first moment they do (0, 0 for none).
    A turn ending at a moment frees its spot before one starting then takes it."""
    events = sorted([(s, 1) for s, _ in turns] + [(e, -1) for _, e in turns])
    best, when, now = 0, 0, 0
    for t, step in events:
        now += step
        if now > best:
            best, when = now, t
    return best, when


def peak_spots(data: ScheduleData, solution: ScheduleSolution, field: int) -> int:
    """The most aircraft holding a spot at once at airfield index ``field``."""
    return _peak(_turns(data, solution, field))[0]


def _spots(
    data: ScheduleData, solution: ScheduleSolution, free_spots: int | None, moment: Moment
) -> list[str]:
    out = []
    for field, limit in data.spots:
        if field == free_spots:
            continue
        most, when = _peak(_turns(data, solution, field))
        if most > limit:
            out.append(
                f"{most:,} aircraft hold a spot at {data.airfields[field]} at {moment(when)}, "
                f"more than its {counted(limit, 'spot')}"
            )
    return out


# --- measures and conditions ------------------------------------------------------------------


def measure_value(data: ScheduleData, solution: ScheduleSolution, measure: Measure) -> int:
    """What ``measure`` is in ``solution``: airframes used (of the selected types; the
    selector's other filters do not apply to airframes), flights flown that the selector
    picks taking off (or landing) in ``[start, end]`` seconds, or the last landing (0 when
    nothing flies)."""
    flown = sorted(_flown(solution))
    select = measure.select
    if measure.what == "airframes":
        return sum(
            1
            for path in solution.paths
            if select.aircraft is None or data.nodes[path[0]].aircraft in select.aircraft
        )
    if measure.what == "completion":
        return max((solution.landing[i] for i in flown), default=0)
    if measure.what != "flights":
        raise ValueError(f"unknown schedule measure {measure.what!r}")
    count = 0
    for i in flown:
        node = data.nodes[i]
        if select.aircraft is not None and node.aircraft not in select.aircraft:
            continue
        if select.groups is not None and node.group not in select.groups:
            continue
        if select.origins is not None and node.origin not in select.origins:
            continue
        if select.destinations is not None and solution.destination[i] not in select.destinations:
            continue
        t = solution.takeoff[i] if measure.counting == "takeoff" else solution.landing[i]
        if measure.start is not None and t < measure.start:
            continue
        if measure.end is not None and t > measure.end:
            continue
        count += 1
    return count


def conditions_hold(
    data: ScheduleData, solution: ScheduleSolution, conditions: Sequence[Condition]
) -> bool:
    """Whether every condition ``lo <= sum(coef x measure) <= hi`` holds in ``solution``."""
    for c in conditions:
        value = sum(k * measure_value(data, solution, q) for k, q in c.terms)
        if c.lo is not None and value < c.lo:
            return False
        if c.hi is not None and value > c.hi:
            return False
    return True
