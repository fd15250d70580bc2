"""Schedule models built once per set of values, and their answers in plain terms.

A question is asked of the schedule at some values of its ranges (a *corner*, or one value
moved for a relaxation), with some conditions on or off. Models are cached by those values,
so the verdict, the negation and the bounds at one corner share one model.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import replace

from airlift.analysis.schedule_check import check_schedule
from airlift.model import SolveOptions
from airlift.model.schedule import (
    Condition,
    Measure,
    ScheduleModel,
    ScheduleSolution,
    asks_airframes,
    grows_with_flights,
)
from airlift.model.schedule_aggregate import AggregateModel
from airlift.model.schedule_data import (
    MAX_INDEPENDENT,
    OPEN_EXTRA,
    Corner,
    ScheduleData,
    TypeValues,
    compile_schedule,
    type_values,
)
from airlift.result import Cutoff, Feasibility, ScheduleExtreme, ScheduleLeg, SolveStatus
from airlift.scenario.schema import Scenario
from airlift.tracks import Leg
from airlift.tracks.times import format_utc

__all__ = ["Ask", "ScheduleEngine", "feasibility"]


def feasibility(solution: ScheduleSolution) -> Feasibility:
    if solution.found:
        return Feasibility.FEASIBLE
    if solution.status is SolveStatus.INFEASIBLE:
        return Feasibility.INFEASIBLE
    return Feasibility.UNKNOWN


class Ask:
    """What a model is built for: values per type, spots, fleet caps, optional counts."""

    def __init__(
        self,
        values: Mapping[str, TypeValues],
        spots: Mapping[str, int | None] | None = None,
        fleets: Mapping[str, int | None] | None = None,
        optional: bool = False,
        free_spots: str | None = None,
    ) -> None:
        self.values = dict(values)
        self.spots = dict(spots or {})
        self.fleets = dict(fleets or {})
        self.optional = optional
        self.free_spots = free_spots

    def key(self) -> tuple[object, ...]:
        return (
            tuple(sorted(self.values.items())),
            tuple(sorted(self.spots.items())),
            tuple(sorted(self.fleets.items())),
            self.optional,
            self.free_spots,
        )

    def moved(self, **changes: object) -> Ask:
        out = Ask(self.values, self.spots, self.fleets, self.optional, self.free_spots)
        for name, value in changes.items():
            setattr(out, name, value)
        return out


class ScheduleEngine:
    """The schedule questions of one scenario."""

    def __init__(
        self, scenario: Scenario, legs: Mapping[str, tuple[Leg, ...]], options: SolveOptions
    ) -> None:
        assert scenario.schedule is not None
        self.scenario = scenario
        self.schedule = scenario.schedule
        self.legs = legs
        self.options = options
        self.start: datetime.datetime = self.schedule.window.start
        self._models: dict[tuple[object, ...], tuple[ScheduleData, ScheduleModel | None]] = {}
        self._counted: dict[tuple[object, ...], ScheduleData] = {}
        self._extremes: dict[
            tuple[object, ...], tuple[ScheduleExtreme, ScheduleSolution, ScheduleData]
        ] = {}

    def corner(self, corner: str) -> Ask:
        """The values of every type at one end of its ranges."""
        return Ask({t: type_values(e, corner) for t, e in self.schedule.aircraft.items()})

    @property
    def fast(self) -> Ask:
        return self.corner(Corner.FAST)

    @property
    def slow(self) -> Ask:
        return self.corner(Corner.SLOW)

    def model(self, ask: Ask) -> tuple[ScheduleData, ScheduleModel | None]:
        """The model with airframe paths for ``ask``; None when the flights are too many to
        place (``ScheduleData.placeable``: they are then counted per question where they
        can be, see :meth:`solve`)."""
        key = ask.key()
        if key not in self._models:
            data = compile_schedule(
                self.scenario, self.legs, ask.values, ask.spots, ask.fleets, ask.optional
            )
            model = None
            if data.placeable:
                index = {n: i for i, n in enumerate(data.airfields)}
                free = None if ask.free_spots is None else index[ask.free_spots]
                # One airframe's most flights: presolve pays for itself there (the
                # flagship: 0.11 s and 0.14 s without, 0.02 s and 0.01 s with).
                tuned = {"cp_model_presolve": True} if ask.optional else None
                model = ScheduleModel(data, free, tuned)
            self._models[key] = (data, model)
        return self._models[key]

    def counted(self, ask: Ask) -> ScheduleData | None:
        """The schedule of ``ask`` with every group open above given as many unseen flights
        as the counting model takes (``MAX_INDEPENDENT`` in all), where flights can be counted
        (``ScheduleData.chained``) and some group was cut at its least plus ``OPEN_EXTRA``;
        else None."""
        data, _ = self.model(ask)
        if not data.truncated or not data.chained or ask.free_spots is not None:
            return None
        key = ask.key()
        if key not in self._counted:
            room = max(MAX_INDEPENDENT - len(data.nodes), 0) // len(data.truncated)
            self._counted[key] = compile_schedule(
                self.scenario,
                self.legs,
                ask.values,
                ask.spots,
                ask.fleets,
                ask.optional,
                open_extra=OPEN_EXTRA + room,
            )
        return self._counted[key]

    def solve(
        self,
        ask: Ask,
        on: Sequence[Condition] = (),
        off: Sequence[Condition] = (),
        objective: tuple[str, Measure | str] | None = None,
        settings: Mapping[str, object] | None = None,
    ) -> tuple[ScheduleSolution, ScheduleData]:
        """Solve with the conditions ``on`` all holding and ``off`` not all holding;
        ``settings`` are CP-SAT settings for this question (``SolveOptions.params`` win).

        Past what can be placed on airframes, flights tied only along named airframes'
        chains (``ScheduleData.chained``) are counted in an :class:`AggregateModel` built for
        the question, up to ``MAX_INDEPENDENT``; a question on airframes or spots is then
        unknown (too large), as is any question on more flights tied otherwise.
        A "no" that more flights of a group open above might change is asked again of the
        counting model with many more of them (:meth:`counted`), and is unknown (cutoff
        "open flights") if still "no" there."""
        data, paths = self.model(ask)
        solution = self._solve(data, paths, on, off, objective, settings)
        if solution.cutoff is Cutoff.OPEN_FLIGHTS:
            more = self.counted(ask)
            measure = None if objective is None else objective[1]
            if more is not None and not asks_airframes([*on, *off], measure):
                return self._solve(more, None, on, off, objective, settings), more
        return solution, data

    def _solve(
        self,
        data: ScheduleData,
        paths: ScheduleModel | None,
        on: Sequence[Condition],
        off: Sequence[Condition],
        objective: tuple[str, Measure | str] | None,
        settings: Mapping[str, object] | None,
    ) -> ScheduleSolution:
        measure = None if objective is None else objective[1]
        model: ScheduleModel | AggregateModel
        if paths is not None:
            model = paths
        else:
            counted = (
                data.chained
                and len(data.nodes) <= MAX_INDEPENDENT
                and not isinstance(measure, str)
                and not asks_airframes([*on, *off], measure)
            )
            if not counted:
                return ScheduleSolution(SolveStatus.UNKNOWN, cutoff=Cutoff.TOO_LARGE)
            asked = [q for c in [*on, *off] for _, q in c.terms]
            if isinstance(measure, Measure):
                asked.append(measure)
            model = AggregateModel(data, asked)
        true = [model.holds(on)] if on else []
        false = [model.holds(off)] if off else []
        options = self.options
        if settings:
            options = replace(options, params={**settings, **options.params})
        solution = model.solve(options, true, false, objective)
        if solution.found:  # the solver searches; plain Python says whether it was right
            check_schedule(data, solution, model.free_spots, on, off, objective, self.moment)
        elif (
            solution.status is SolveStatus.INFEASIBLE
            and data.truncated
            and grows_with_flights(on, off)
        ):
            return ScheduleSolution(SolveStatus.UNKNOWN, cutoff=Cutoff.OPEN_FLIGHTS)
        return solution

    def extreme(
        self,
        ask: Ask,
        sense: str,
        what: Measure | str,
        on: Sequence[Condition] = (),
        as_time: bool = False,
    ) -> tuple[ScheduleExtreme, ScheduleSolution, ScheduleData]:
        """The least or most of a measure as a certified interval (a UTC time as text);
        asked once per question."""
        key = (ask.key(), sense, what, tuple(on), as_time)
        if key not in self._extremes:
            self._extremes[key] = self._extreme(ask, sense, what, on, as_time)
        return self._extremes[key]

    def _extreme(
        self,
        ask: Ask,
        sense: str,
        what: Measure | str,
        on: Sequence[Condition],
        as_time: bool,
    ) -> tuple[ScheduleExtreme, ScheduleSolution, ScheduleData]:
        solution, data = self.solve(ask, on, (), (sense, what))
        if not solution.found:
            status = solution.status
            return ScheduleExtreme(None, None, status, solution.cutoff), solution, data
        assert solution.objective is not None and solution.bound is not None
        ends = sorted((solution.objective, solution.bound))
        lo: int | str | None = self.moment(ends[0]) if as_time else ends[0]
        hi: int | str | None = self.moment(ends[1]) if as_time else ends[1]
        # More flights of an open group were not tried: a most may be higher, and a least
        # lower where the conditions need flights (dropping flights keeps the others).
        if data.truncated and what != "spots":
            if sense == "max":
                hi = None
            elif grows_with_flights(on):
                lo = None
        extreme = ScheduleExtreme(lo, hi, solution.status, solution.cutoff)
        if (lo is None or hi is None) and solution.cutoff is None:
            extreme = replace(extreme, cutoff=Cutoff.OPEN_FLIGHTS)
        return extreme, solution, data

    def moment(self, seconds: int) -> str:
        return format_utc(self.start + datetime.timedelta(seconds=seconds))

    def timetable(self, solution: ScheduleSolution, data: ScheduleData) -> tuple[ScheduleLeg, ...]:
        """The legs of a solution, airframe by airframe, positioning legs included."""
        if not solution.found:
            return ()
        names = data.airfields
        out: list[ScheduleLeg] = []
        anonymous = 0
        for path in solution.paths:
            named = next((data.nodes[i].airframe for i in path if data.nodes[i].airframe), None)
            if named is None:
                anonymous += 1
                named = f"airframe {anonymous}"
            for k, i in enumerate(path):
                node = data.nodes[i]
                dest = solution.destination[i]
                out.append(
                    ScheduleLeg(
                        named,
                        node.group,
                        names[node.origin],
                        names[dest],
                        self.moment(solution.takeoff[i]),
                        self.moment(solution.landing[i]),
                        node.leg.cite() if node.leg is not None and node.leg.row else None,
                    )
                )
                if k + 1 < len(path):
                    nxt = data.nodes[path[k + 1]]
                    if nxt.origin != dest:
                        leave = solution.landing[i] + data.ground[node.aircraft, dest]
                        arrive = leave + data.block[node.aircraft, dest, nxt.origin]
                        out.append(
                            ScheduleLeg(
                                named,
                                None,
                                names[dest],
                                names[nxt.origin],
                                self.moment(leave),
                                self.moment(arrive),
                            )
                        )
        return tuple(out)
