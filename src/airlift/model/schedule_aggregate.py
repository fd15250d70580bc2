"""Flights in aggregate: thousands of flights placed in time by counting them.

When flights are tied only along named airframes' legs in one order
(``ScheduleData.chained``: no fleet cap or spots, so a flight with no registration may fly
on an airframe of its own), such a flight's takeoff, landing and destination can be chosen
apart from every other flight's; a named airframe's legs keep variables of their own, in
their one order, each next takeoff at least the separation after the landing before.
Every question asked of them counts flights taking off or landing in periods, or asks for
the last landing. So the window is cut at every end of every period asked about into
*segments*, and a flight with no registration is only placed in a *cell*: a destination, a
takeoff segment and a landing segment. A cell is open to a flight when some takeoff and
landing in it are far enough apart for the block time and inside the flight's own times;
how many flights of each *class* (alike flights: a group's flights with no row, or rows
with the same times) take each cell is one integer.

That is exact: a count of flights in a period is a sum of cells (and of named legs inside
it), and the last landing can be any second from the latest of the earliest landings to
the latest of the latest. A solution is read back as one airframe per unnamed flight and
one per named airframe, at times inside each cell (``read``), and re-checked by the caller
like any schedule.

The model is built for the measures of one set of questions (their periods cut the
window), so it is built per question; cells are few (classes x destinations x segment
pairs), whatever the number of flights.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from airlift.errors import InternalError
from airlift.model.options import SolveOptions
from airlift.model.schedule import (
    Condition,
    Measure,
    ScheduleSolution,
    Selector,
    inside,
    node_vars,
    reify_conditions,
    run_schedule,
)
from airlift.model.schedule_data import ScheduleData
from airlift.result import Cutoff, SolveStatus

__all__ = ["AggregateModel"]

#: Settings for aggregate questions, unless ``SolveOptions.params`` sets them: the load
#: model's (a small integer program over counts).
_SETTINGS: dict[str, object] = {}


@dataclass(frozen=True)
class _Class:
    """Alike flights: one group, origin, destinations and time ranges; their nodes."""

    group: str
    aircraft: str
    origin: int
    destinations: tuple[int, ...]
    takeoff: tuple[int, int]
    landing: tuple[int, int]
    nodes: tuple[int, ...] = ()
    mandatory: int = 0  #: how many of them must fly


@dataclass(frozen=True)
class _Cell:
    """Flights of a class landing at ``destination``, taking off in segment ``rise`` and
    landing in segment ``fall``; ``earliest`` and ``latest`` landing there."""

    klass: int
    destination: int
    rise: int
    fall: int
    earliest: int
    latest: int
    first_takeoff: int  #: the earliest takeoff of the cell


class AggregateModel:
    """Independent flights counted in cells, for the ``measures`` of some questions."""

    def __init__(
        self,
        data: ScheduleData,
        measures: Iterable[Measure],
        model: cp_model.CpModel | None = None,
    ) -> None:
        if not data.chained:
            raise InternalError("a counted schedule needs flights tied only along chains")
        self.data = data
        self.model = model if model is not None else cp_model.CpModel()
        self.paths = False
        self.free_spots = None
        self._points = self._cuts(measures)
        self.classes = self._classes()
        self.cells: list[_Cell] = []
        self.count: list[cp_model.IntVar] = []
        self._measures: dict[Measure, cp_model.LinearExprT] = {}
        self._holds: dict[tuple[Condition, ...], cp_model.IntVar] = {}
        self._last: cp_model.IntVar | None = None
        self._picks: list[cp_model.IntVar] = []
        self._named_picks: dict[int, cp_model.IntVar] = {}
        #: Named airframes' flights, one by one: flown, takeoff, landing, destination.
        self.chains = data.chains()
        self.present: dict[int, cp_model.IntVar] = {}
        self.takeoff: dict[int, cp_model.IntVar] = {}
        self.landing: dict[int, cp_model.IntVar] = {}
        self.dest: dict[int, dict[int, cp_model.IntVar]] = {}
        self._add_cells()
        self._add_chains()
        self._add_counts()

    # --- segments, classes, cells ------------------------------------------------------------

    def _cuts(self, measures: Iterable[Measure]) -> list[int]:
        """Segment starts: 0, and each period's start and the second after its end."""
        h = self.data.horizon
        points = {0}
        for q in measures:
            for p in (q.start, None if q.end is None else q.end + 1):
                if p is not None and 0 < p <= h:
                    points.add(p)
        return sorted(points)

    def _segment(self, k: int) -> tuple[int, int]:
        end = self._points[k + 1] - 1 if k + 1 < len(self._points) else self.data.horizon
        return self._points[k], end

    def _segments_of(self, lo: int, hi: int) -> range:
        first = bisect.bisect_right(self._points, lo) - 1
        last = bisect.bisect_right(self._points, hi) - 1
        return range(max(first, 0), last + 1)

    def _classes(self) -> list[_Class]:
        h = self.data.horizon
        keyed: dict[_Class, list[int]] = {}
        mandatory: dict[_Class, int] = {}
        for i, node in enumerate(self.data.nodes):
            if node.airframe is not None:
                continue  # on its airframe's chain (_add_chains)
            key = _Class(
                node.group,
                node.aircraft,
                node.origin,
                node.destinations,
                (max(node.takeoff[0], 0), min(node.takeoff[1], h)),
                (max(node.landing[0], 0), min(node.landing[1], h)),
            )
            keyed.setdefault(key, []).append(i)
            mandatory[key] = mandatory.get(key, 0) + int(node.mandatory)
        return [
            replace(key, nodes=tuple(nodes), mandatory=mandatory[key])
            for key, nodes in keyed.items()
        ]

    def _add_cells(self) -> None:
        d = self.data
        for c, k in enumerate(self.classes):
            (t_lo, t_hi), (l_lo, l_hi) = k.takeoff, k.landing
            for dest in k.destinations:
                block = 0 if dest == k.origin else d.block[k.aircraft, k.origin, dest]
                for rise in self._segments_of(t_lo, t_hi):
                    s_lo, _ = self._segment(rise)
                    first = max(s_lo, t_lo)
                    for fall in self._segments_of(max(l_lo, first), l_hi):
                        f_lo, f_hi = self._segment(fall)
                        earliest = max(f_lo, l_lo, first + block)
                        latest = min(f_hi, l_hi)
                        if earliest <= latest:
                            self.cells.append(_Cell(c, dest, rise, fall, earliest, latest, first))
        m = self.model
        for n, cell in enumerate(self.cells):
            top = len(self.classes[cell.klass].nodes)
            self.count.append(m.new_int_var(0, top, f"x{n}"))

    def _add_chains(self) -> None:
        """Each named airframe flies its legs in their one order (``ScheduleData.chains``):
        the next takeoff at least the separation after the landing before."""
        m, d = self.model, self.data
        for chain in self.chains.values():
            for i in chain:
                on, t, land, choice = node_vars(m, d, i)
                self.present[i], self.takeoff[i], self.landing[i] = on, t, land
                self.dest[i] = choice
            for a, b in itertools.pairwise(chain):
                node, nxt = d.nodes[a], d.nodes[b]
                for k, z in self.dest[a].items():
                    gap = d.separation(node.aircraft, k, nxt.origin)
                    m.add(self.takeoff[b] >= self.landing[a] + gap).only_enforce_if(z)

    def _add_counts(self) -> None:
        m, d = self.model, self.data
        per_class: dict[int, list[cp_model.IntVar]] = {}
        for cell, x in zip(self.cells, self.count, strict=True):
            per_class.setdefault(cell.klass, []).append(x)
        self.flown = []
        for c, k in enumerate(self.classes):
            flown = cp_model.LinearExpr.sum(per_class.get(c, []))
            m.add(flown >= k.mandatory)
            m.add(flown <= len(k.nodes))
            self.flown.append(flown)
        for group, least, most in d.counts:
            flown = cp_model.LinearExpr.sum(
                [self.flown[c] for c, k in enumerate(self.classes) if k.group == group]
                + [on for i, on in self.present.items() if d.nodes[i].group == group]
            )
            m.add(flown >= least)
            if most is not None:
                m.add(flown <= most)

    # --- measures and conditions -----------------------------------------------------------

    def flights_to(self, groups: Iterable[str], field: int) -> cp_model.LinearExprT:
        """The flights of ``groups`` landing at ``field`` (the tie to the loads)."""
        named = set(groups)
        counted = [
            x
            for cell, x in zip(self.cells, self.count, strict=True)
            if cell.destination == field and self.classes[cell.klass].group in named
        ]
        chained = [
            choice[field]
            for i, choice in self.dest.items()
            if self.data.nodes[i].group in named and field in choice
        ]
        return cp_model.LinearExpr.sum(counted + chained)

    def destinations(self) -> set[tuple[str, int]]:
        """Every (group, airfield) a flight may land at."""
        out = {(k.group, dest) for k in self.classes for dest in k.destinations}
        out |= {(self.data.nodes[i].group, k) for i, choice in self.dest.items() for k in choice}
        return out

    def measure(self, q: Measure) -> cp_model.LinearExprT:
        if q not in self._measures:
            self._measures[q] = self._build_measure(q)
        return self._measures[q]

    def _build_measure(self, q: Measure) -> cp_model.LinearExprT:
        if q.what == "airframes":
            raise InternalError("airframes asked of independent flights in aggregate")
        if q.what == "completion":
            return self._completion()
        # The period's part inside the window: it may start after the window's end (or end
        # before its start), and then no segment is inside it.
        lo = 0 if q.start is None else max(q.start, 0)
        hi = self.data.horizon if q.end is None else min(q.end, self.data.horizon)
        segments = set(self._segments_of(lo, hi)) if lo <= hi else set()
        for seg in segments:
            s_lo, s_hi = self._segment(seg)
            if s_lo < lo or s_hi > hi:
                raise InternalError(f"segment {s_lo}-{s_hi} straddles a period of {q}")
        out: list[cp_model.LinearExprT] = []
        for cell, x in zip(self.cells, self.count, strict=True):
            k = self.classes[cell.klass]
            if not _selected(k, cell.destination, q.select):
                continue
            when = cell.rise if q.counting == "takeoff" else cell.fall
            if when in segments:
                out.append(x)
        for i in self.present:
            sel = self._named_selected(i, q.select)
            if sel is not None:
                time = self.takeoff[i] if q.counting == "takeoff" else self.landing[i]
                out.append(inside(self.model, time, sel, q.start, q.end))
        return cp_model.LinearExpr.sum(out)

    def _named_selected(self, i: int, s: Selector) -> cp_model.LinearExprT | None:
        """1 when named flight ``i`` is flown and selected by ``s`` (None: never)."""
        node = self.data.nodes[i]
        k = _Class(node.group, node.aircraft, node.origin, node.destinations, (0, 0), (0, 0))
        if not _selected(k, None, s):
            return None
        if s.destinations is None:
            return self.present[i]
        picks = [z for field, z in self.dest[i].items() if field in s.destinations]
        return cp_model.LinearExpr.sum(picks) if picks else None

    def _completion(self) -> cp_model.IntVar:
        """The last landing: at least every used cell's earliest landing and every named
        flight's landing, and either some used cell's latest (its flights may land that
        late) or some named flight's landing; 0 when nothing flies."""
        m, h = self.model, self.data.horizon
        last = m.new_int_var(0, h, "completion")
        picks = []
        for n, (cell, x) in enumerate(zip(self.cells, self.count, strict=True)):
            used = m.new_bool_var(f"u{n}")
            m.add(x >= 1).only_enforce_if(used)
            m.add(x == 0).only_enforce_if(~used)
            m.add(last >= cell.earliest).only_enforce_if(used)
            pick = m.new_bool_var(f"p{n}")
            m.add_implication(pick, used)
            m.add(last <= cell.latest).only_enforce_if(pick)
            picks.append(pick)
        named = {}
        for i, on in self.present.items():
            m.add(last >= self.landing[i]).only_enforce_if(on)
            pick = m.new_bool_var(f"q{i}")
            m.add_implication(pick, on)
            m.add(last == self.landing[i]).only_enforce_if(pick)
            named[i] = pick
        none = m.new_bool_var("none")
        m.add(last == 0).only_enforce_if(none)
        m.add(cp_model.LinearExpr.sum(self.count) == 0).only_enforce_if(none)
        for on in self.present.values():
            m.add_implication(none, ~on)
        m.add_exactly_one([*picks, *named.values(), none])
        self._last, self._picks, self._named_picks = last, picks, named
        return last

    def holds(self, conditions: Sequence[Condition]) -> cp_model.IntVar:
        """A literal true exactly when every condition holds (built once per conditions)."""
        key = tuple(conditions)
        if key not in self._holds:
            self._holds[key] = reify_conditions(self.model, key, self.measure)
        return self._holds[key]

    # --- solving -------------------------------------------------------------------------------

    def solve(
        self,
        options: SolveOptions,
        true: Sequence[cp_model.IntVar] = (),
        false: Sequence[cp_model.IntVar] = (),
        objective: tuple[str, Measure | str] | None = None,
    ) -> ScheduleSolution:
        """Solve with ``true`` literals on and ``false`` off, for feasibility or for the
        ``("min"|"max", measure)`` objective."""
        target = None
        if objective is not None:
            sense, what = objective
            if not isinstance(what, Measure):
                raise InternalError("spots asked of independent flights in aggregate")
            target = (sense, self.measure(what))
        return run_schedule(self.model, _SETTINGS, options, true, false, target, self.read)

    # --- reading -------------------------------------------------------------------------------

    def read(
        self,
        solver: cp_model.CpSolver,
        status: SolveStatus,
        objective: int | None = None,
        bound: int | None = None,
        cutoff: Cutoff | None = None,
    ) -> ScheduleSolution:
        """One flight per node, each on an airframe of its own, at times inside its cell:
        the earliest takeoff, and the earliest landing, but the last landing where the
        completion was asked (one flight of the picked cell lands then). A class's nodes
        take its cells in order of takeoff, since alike flights fly in their order."""
        n = len(self.data.nodes)
        takeoff = [0] * n
        landing = [0] * n
        destination = [-1] * n
        unused = {c: list(k.nodes) for c, k in enumerate(self.classes)}
        last = None if self._last is None else int(solver.value(self._last))
        picked = None
        if last is not None:
            picked = next((i for i, p in enumerate(self._picks) if solver.boolean_value(p)), None)
        flights = [
            (cell.first_takeoff, n_cell, j)
            for n_cell, (cell, x) in enumerate(zip(self.cells, self.count, strict=True))
            for j in range(int(solver.value(x)))
        ]
        for _, n_cell, j in sorted(flights):
            cell = self.cells[n_cell]
            node = unused[cell.klass].pop(0)
            takeoff[node] = cell.first_takeoff
            landing[node] = cell.earliest
            if picked == n_cell and j == 0 and last is not None:
                landing[node] = last
            destination[node] = cell.destination
        for i in self.present:
            takeoff[i] = int(solver.value(self.takeoff[i]))
            landing[i] = int(solver.value(self.landing[i]))
            if solver.value(self.present[i]):
                destination[i] = next(k for k, z in self.dest[i].items() if solver.value(z))
        # Unflown nodes keep their earliest times, as the path model leaves them.
        for nodes in unused.values():
            for node in nodes:
                lo_t = max(self.data.nodes[node].takeoff[0], 0)
                lo_l = max(self.data.nodes[node].landing[0], 0)
                takeoff[node], landing[node] = lo_t, lo_l
        on_chain = {i for chain in self.chains.values() for i in chain}
        alone = [(i,) for i in range(n) if destination[i] >= 0 and i not in on_chain]
        chains = [tuple(i for i in chain if destination[i] >= 0) for chain in self.chains.values()]
        flown = [p for p in [*alone, *chains] if p]
        paths = tuple(sorted(flown, key=lambda p: (takeoff[p[0]], p)))
        return ScheduleSolution(
            status,
            objective,
            bound,
            cutoff,
            paths,
            tuple(takeoff),
            tuple(landing),
            tuple(destination),
        )


def _selected(k: _Class, destination: int | None, s: Selector) -> bool:
    """Whether flights of class ``k`` landing at ``destination`` are selected (None: the
    destination is left to the caller)."""
    if s.aircraft is not None and k.aircraft not in s.aircraft:
        return False
    if s.groups is not None and k.group not in s.groups:
        return False
    if s.origins is not None and k.origin not in s.origins:
        return False
    return s.destinations is None or destination is None or destination in s.destinations
