"""Loads and schedule in one CP-SAT model, so that they are decided together, exactly.

The load model (:class:`~airlift.model.cpsat.LaneModel`) counts flights per lane (a group
and a destination); the schedule model (:class:`~airlift.model.schedule.ScheduleModel`)
places each flight on an airframe, in time, at one destination. Built into the same CP-SAT
model and tied by those counts, every solution is an allocation of the loads *and* a
timetable that flies exactly its flights, so "impossible" here is a proof for both at once.

The tie: per lane, the load model's flights of the lane are the schedule's flights of the
lane's scenario groups that land at its destination; a schedule flight to a destination no
lane of its group has is not flown there. Group counts follow, since a group's flights are
its lanes' flights in both models.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from airlift.model.cpsat import LaneModel, Solution
from airlift.model.options import SolveOptions
from airlift.model.problem import Probe, Problem
from airlift.model.schedule import Measure, ScheduleModel, ScheduleSolution, run_schedule
from airlift.model.schedule_aggregate import AggregateModel
from airlift.model.schedule_data import ScheduleData
from airlift.result import Cutoff, SolveStatus

__all__ = ["JointModel", "JointSolution"]

#: CP-SAT settings of joint questions, unless ``SolveOptions.params`` sets them: the
#: schedule model's (its circuit dominates the search; see ``model.schedule``).
_JOINT_PARAMS: dict[str, object] = {
    "linearization_level": 1,
    "cp_model_presolve": False,
    "cp_model_probing_level": 0,
}


@dataclass(frozen=True)
class JointSolution:
    """One answer of the joint model: its status and, when found, both halves."""

    status: SolveStatus
    loads: Solution | None = None
    schedule: ScheduleSolution | None = None
    cutoff: Cutoff | None = None

    @property
    def found(self) -> bool:
        return self.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)


class JointModel:
    """A load problem and a compiled schedule in one model; each :meth:`solve` sets which
    schedule conditions hold (the load requirements are compiled into ``problem``). Where
    the flights are too many to place on airframes (``ScheduleData.placeable``) they are
    counted in aggregate, which needs flights tied only along chains (``ScheduleData.chained``)."""

    def __init__(
        self,
        problem: Problem,
        data: ScheduleData,
        probe: Probe | None = None,
        settings: Mapping[str, object] | None = None,
        switchable: Collection[str] = (),
        measures: Iterable[Measure] = (),
    ) -> None:
        """``switchable`` names load conditions that hold only when assumed in
        :meth:`solve` (see :class:`~airlift.model.cpsat.LaneModel`), so that one model
        answers questions on several of them. ``measures`` are the schedule measures the
        questions will ask of flights too many to place (tied only along chains), counted in
        aggregate (:class:`~airlift.model.schedule_aggregate.AggregateModel`)."""
        self.problem = problem
        self.data = data
        self.settings = {**_JOINT_PARAMS, **(settings or {})}
        self.loads = LaneModel(problem, probe, switchable)
        self.model = self.loads.model
        self.schedule: ScheduleModel | AggregateModel
        if data.placeable:
            self.schedule = ScheduleModel(data, model=self.model)
        else:
            self.schedule = AggregateModel(data, measures, model=self.model)
        self._tie_lanes()

    def _tie_lanes(self) -> None:
        index = {name: i for i, name in enumerate(self.data.airfields)}
        tied: set[tuple[str, int]] = set()
        for li, lane in enumerate(self.problem.lanes):
            ids = self.problem.groups[lane.group].ids
            field = index[lane.destination]
            flown = self.schedule.flights_to(ids, field)
            self.model.add(self.loads.lane_n[li] == flown)
            tied.update((g, field) for g in ids)
        for group, field in sorted(self.schedule.destinations() - tied):
            self.model.add(self.schedule.flights_to([group], field) == 0)

    def solve(
        self,
        options: SolveOptions,
        true: Sequence[cp_model.IntVar] = (),
        false: Sequence[cp_model.IntVar] = (),
        assume: Sequence[str] = (),
    ) -> JointSolution:
        """Solve with the schedule literals ``true`` on and ``false`` off (literals of
        ``self.schedule.holds``) and the switchable load conditions ``assume`` on."""
        switched = [self.loads.switch[name] for name in assume]
        loads: list[Solution] = []

        def read(solver: cp_model.CpSolver, status: SolveStatus, *_: object) -> ScheduleSolution:
            loads.append(self.loads.read(solver, status))
            return self.schedule.read(solver, status)

        schedule = run_schedule(
            self.model, self.settings, options, [*true, *switched], false, None, read
        )
        if not schedule.found:
            return JointSolution(schedule.status, cutoff=schedule.cutoff)
        return JointSolution(schedule.status, loads[0], schedule, schedule.cutoff)
