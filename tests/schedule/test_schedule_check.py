"""The plain-Python re-check of schedules (``airlift.analysis.schedule_check``).

Three ways it must be right: every schedule the model returns on the brute-force suite's
random instances passes it, and measures what the solver said; a random break of such a
schedule is refused exactly when the brute-force oracle's own rules refuse it; and each way
of breaking a schedule written out by hand is named. Then the hook: ``ScheduleEngine.solve``
raises on a broken answer, and the flagship runs through ``airlift solve`` with the check on.
"""

from __future__ import annotations

import itertools
import random
import textwrap
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

import airlift.analysis.schedule_engine as schedule_engine
from airlift import cli
from airlift.analysis.schedule_check import (
    check_schedule,
    conditions_hold,
    measure_value,
    peak_spots,
    schedule_violations,
)
from airlift.analysis.schedule_engine import ScheduleEngine
from airlift.errors import InternalError
from airlift.model import SolveOptions
from airlift.model.schedule import Condition, Measure, ScheduleModel, ScheduleSolution, Selector
from airlift.model.schedule_data import Node, ScheduleData
from airlift.result import SolveStatus
from airlift.scenario import load_scenario_text
from tests.schedule import oracle
from tests.schedule.test_schedule_brute_force import _data, _instance

OPTIONS = SolveOptions(time_limit=10, seed=0, workers=1)
ROOT = Path(__file__).resolve().parents[2]

# --- every model answer passes, and measures what the solver said ---------------------------


def _answers(
    model: ScheduleModel, claim: Condition
) -> list[tuple[ScheduleSolution, Measure | None]]:
    """The model's answers to the questions the analysis asks: feasibility, the three
    bounds, and a claim made to hold and to fail."""
    out: list[tuple[ScheduleSolution, Measure | None]] = [(model.solve(OPTIONS), None)]
    for sense, measure in (
        ("min", Measure("airframes")),
        ("min", Measure("completion")),
        ("max", Measure("flights")),
        ("max", claim.terms[0][1]),
    ):
        out.append((model.solve(OPTIONS, objective=(sense, measure)), measure))
    return out


def _claim(rng: random.Random, horizon: int) -> Condition:
    start = rng.randint(0, horizon - 1)
    end = rng.randint(start, horizon)
    counting = rng.choice(["takeoff", "landing"])
    return Condition(((1, Measure("flights", counting=counting, start=start, end=end)),), 1, None)


@pytest.mark.parametrize("seed", range(60))
def test_every_model_answer_passes_and_measures_its_objective(seed: int) -> None:
    rng = random.Random(seed)
    data = _data(_instance(rng))
    model = ScheduleModel(data)
    claim = _claim(rng, data.horizon)
    for solution, measure in _answers(model, claim):
        if not solution.found:
            assert solution.status is SolveStatus.INFEASIBLE
            continue
        assert schedule_violations(data, solution) == []
        if measure is not None:
            assert measure_value(data, solution, measure) == solution.objective
    holds = model.solve(OPTIONS, true=[model.holds([claim])])
    fails = model.solve(OPTIONS, false=[model.holds([claim])])
    for solution, expected in ((holds, True), (fails, False)):
        if solution.found:
            assert schedule_violations(data, solution) == []
            assert conditions_hold(data, solution, [claim]) is expected


# --- random breaks: refused exactly when the oracle's rules refuse them ----------------------


def _oracle_accepts(inst: oracle.Instance, solution: ScheduleSolution) -> bool:
    """Whether the brute-force oracle's rules (and the alike flights' order, which it does
    not impose) keep ``solution``: its code, not the checker's."""
    flown: dict[int, tuple[int, int, int]] = {}
    for path in solution.paths:
        for i in path:
            if i in flown:
                return False
            flown[i] = (solution.destination[i], solution.takeoff[i], solution.landing[i])
    for i, flight in enumerate(inst.flights):
        if i in flown and flown[i] not in oracle._choices(inst, flight):
            return False
        if i not in flown and not flight.optional:
            return False
    for group, (lo, hi) in inst.counts.items():
        n = sum(1 for i in flown if inst.flights[i].group == group)
        if not lo <= n <= hi:
            return False
    parts = [list(p) for p in solution.paths]
    if inst.most_airframes is not None and len(parts) > inst.most_airframes:
        return False
    if not oracle._labels_ok(inst, parts):
        return False
    if not all(oracle._chain_ok(inst, flown, part) for part in parts):
        return False
    if not oracle._spots_ok(inst, flown, parts):
        return False
    twins = [i for i, f in enumerate(inst.flights) if f.group == "twins"]
    for a, b in itertools.pairwise(twins):
        if b in flown and (a not in flown or flown[a][1] > flown[b][1]):
            return False
    return True


def _broken(rng: random.Random, data: ScheduleData, solution: ScheduleSolution) -> ScheduleSolution:
    """``solution`` with one to three random changes: times moved, a destination changed,
    flights moved between airframes, flown or not flown. Paths stay in takeoff order."""
    paths = [list(p) for p in solution.paths]
    takeoff, landing = list(solution.takeoff), list(solution.landing)
    dest = list(solution.destination)
    n, fields = len(data.nodes), len(data.airfields)
    for _ in range(rng.randint(1, 3)):
        flown = [i for p in paths for i in p]
        kind = rng.choice(["takeoff", "landing", "both", "dest", "move", "drop", "add", "merge"])
        if kind in ("takeoff", "landing", "both", "dest", "move", "drop") and flown:
            i = rng.choice(flown)
            d = rng.choice([-2, -1, 1, 2])
            if kind in ("takeoff", "both"):
                takeoff[i] += d
            if kind in ("landing", "both"):
                landing[i] += d
            if kind == "dest":
                dest[i] = rng.randrange(fields)
            if kind in ("move", "drop"):
                for p in paths:
                    if i in p:
                        p.remove(i)
            if kind == "move":
                target = rng.randrange(len(paths) + 1)
                paths.append([i]) if target == len(paths) else paths[target].append(i)
            if kind == "drop":
                dest[i] = -1
        elif kind == "add" and len(flown) < n:
            i = rng.choice([j for j in range(n) if j not in flown])
            node = data.nodes[i]
            dest[i] = rng.choice([*node.destinations, rng.randrange(fields)])
            takeoff[i] = rng.randint(0, data.horizon)
            landing[i] = rng.randint(takeoff[i], data.horizon)
            target = rng.randrange(len(paths) + 1)
            paths.append([i]) if target == len(paths) else paths[target].append(i)
        elif kind == "merge" and len(paths) > 1:
            a, b = rng.sample(range(len(paths)), 2)
            paths[a] += paths[b]
            paths[b] = []
    ordered = tuple(tuple(sorted(p, key=lambda i: (takeoff[i], i))) for p in paths if p)
    return replace(
        solution,
        paths=ordered,
        takeoff=tuple(takeoff),
        landing=tuple(landing),
        destination=tuple(dest),
    )


@pytest.mark.parametrize("seed", range(60))
def test_random_breaks_are_refused_exactly_when_the_oracle_refuses_them(seed: int) -> None:
    rng = random.Random(seed)
    inst = _instance(rng)
    data = _data(inst)
    base = ScheduleModel(data).solve(OPTIONS)
    if not base.found:
        return
    refused = 0
    for _ in range(40):
        broken = _broken(rng, data, base)
        found = schedule_violations(data, broken)
        assert (not found) == _oracle_accepts(inst, broken), (inst, broken, found)
        refused += bool(found)
    assert refused  # the breaks do break something


# --- each way of breaking a schedule, by hand --------------------------------------------------

A, B, C = 0, 1, 2
H = 30  #: the window, in seconds


def _pinned(spots: int = 1) -> ScheduleData:
    """Three airfields, ground 2 s everywhere, legs of 3 s (5 s between A and C), and
    every flight's times fixed, so that exactly one schedule exists:

    - R1 flies A-B 2-5 and B-A 7-10; R2 flies A-B 4-7 (C would take 5 s), then the first
      alike flight of ``g``, B-A 9-12;
    - ``g``'s second alike flight could only take off at 0, before its first: not flown;
    - at A (``spots`` spots) the takeoffs hold [0, 2) and [2, 4), the landings [10, 12)
      and [12, 14): one spot at a time, each turn starting the second another ends.
    """
    legs = "legs"

    def node(
        group: str,
        origin: int,
        dests: tuple[int, ...],
        t: int,
        land: int,
        airframe: str | None = None,
        mandatory: bool = True,
        twin: bool = False,
    ) -> Node:
        return Node(
            group, "T", origin, dests, mandatory, (t, t), (land, land), airframe, None, twin
        )

    block = {("T", a, b): 3 for a in (A, B, C) for b in (A, B, C) if a != b}
    block["T", A, C] = block["T", C, A] = 5
    return ScheduleData(
        horizon=H,
        airfields=("Alpha", "Bravo", "Charlie"),
        nodes=(
            node(legs, A, (B,), 2, 5, "R1"),
            node(legs, B, (A,), 7, 10, "R1"),
            node(legs, A, (B, C), 4, 7, "R2"),
            node("g", B, (A,), 9, 12, twin=True),
            node("g", B, (A,), 0, 3, mandatory=False, twin=True),
        ),
        counts=((legs, 3, 3), ("g", 1, 2)),
        fleets=(("T", 0, 2, None),),
        ground={("T", f): 2 for f in (A, B, C)},
        block=block,
        spots=((A, spots),),
    )


def _loose(**changes: object) -> ScheduleData:
    """:func:`_pinned` with ``changes`` and every flight's times free in the window: the
    pinned schedule still fits, and a moved time breaks only what moving it breaks."""
    data = replace(_pinned(), **changes)  # type: ignore[arg-type]
    nodes = tuple(replace(n, takeoff=(0, H), landing=(0, H)) for n in data.nodes)
    return replace(data, nodes=nodes)


@pytest.fixture(scope="module")
def pinned() -> ScheduleSolution:
    solution = ScheduleModel(_pinned()).solve(OPTIONS)
    assert solution.found
    # The one schedule the data allows (so the model read the spots' turns as half-open).
    assert solution.paths == ((0, 1), (2, 3))
    assert solution.destination == (B, A, B, A, -1)
    assert solution.takeoff[:4] == (2, 7, 4, 9) and solution.landing[:4] == (5, 10, 7, 12)
    return solution


def test_the_pinned_schedule_passes_and_measures_by_hand(pinned: ScheduleSolution) -> None:
    data = _pinned()
    assert schedule_violations(data, pinned) == []
    assert schedule_violations(_loose(), pinned) == []

    def value(measure: Measure) -> int:
        return measure_value(data, pinned, measure)

    # Four flights flown, on two airframes; the last lands at 12 s.
    assert value(Measure("airframes")) == 2
    assert value(Measure("airframes", Selector(aircraft=frozenset(["U"])))) == 0
    assert value(Measure("completion")) == 12
    assert value(Measure("flights")) == 4
    # Both ends of a period count: takeoffs at 2 and 4 in [2, 4]; landings at 5, 7 in [5, 7].
    assert value(Measure("flights", start=2, end=4)) == 2
    assert value(Measure("flights", start=3, end=6)) == 1
    assert value(Measure("flights", counting="landing", start=5, end=7)) == 2
    assert value(Measure("flights", counting="landing", end=9)) == 2
    assert value(Measure("flights", Selector(destinations=frozenset([A])))) == 2
    assert value(Measure("flights", Selector(origins=frozenset([B])))) == 2
    assert value(Measure("flights", Selector(groups=frozenset(["g"])))) == 1
    # Spots at Alpha: one at a time. At Bravo both airframes turn, each landing followed by
    # its takeoff from there: the takeoffs hold [5, 7) and [7, 9), one at a time too.
    assert peak_spots(data, pinned, A) == 1
    assert peak_spots(data, pinned, B) == 1
    assert peak_spots(data, _paths(pinned, (0,), (1,), (2, 3)), B) == 2  # R1 leaves from Bravo
    nothing = replace(pinned, paths=(), destination=(-1,) * 5)
    assert measure_value(data, nothing, Measure("completion")) == 0
    assert measure_value(data, nothing, Measure("airframes")) == 0


def test_conditions_hold_sums_their_terms(pinned: ScheduleSolution) -> None:
    data = _pinned()
    flights, airframes = Measure("flights"), Measure("airframes")
    # 4 flights on 2 airframes: 2 flights per airframe, as 4 - 2 x 2 = 0.
    per = Condition(((1, flights), (-2, airframes)), 0, 0)
    assert conditions_hold(data, pinned, [per])
    assert not conditions_hold(data, pinned, [replace(per, lo=1, hi=None)])
    assert conditions_hold(data, pinned, [Condition(((1, flights),), 4, None)])
    both = [Condition(((1, flights),), 4, None), Condition(((1, airframes),), None, 1)]
    assert not conditions_hold(data, pinned, both)
    assert conditions_hold(data, pinned, [])


Break = Callable[[ScheduleSolution], ScheduleSolution]


def _times(s: ScheduleSolution, i: int, t: int, land: int) -> ScheduleSolution:
    takeoff, landing = list(s.takeoff), list(s.landing)
    takeoff[i], landing[i] = t, land
    return replace(s, takeoff=tuple(takeoff), landing=tuple(landing))


def _dest(s: ScheduleSolution, i: int, k: int) -> ScheduleSolution:
    dest = list(s.destination)
    dest[i] = k
    return replace(s, destination=tuple(dest))


def _paths(s: ScheduleSolution, *paths: tuple[int, ...]) -> ScheduleSolution:
    return replace(s, paths=paths)


_OPEN_FLEET = (("T", 0, None, None),)
_G_OPTIONAL = tuple(replace(n, mandatory=n.group != "g") for n in _pinned().nodes)

#: Per way of breaking the pinned schedule: the break, the data it is checked against (the
#: unbroken schedule passes on it), and words the violations must hold.
BREAKS: dict[str, tuple[Break, Callable[[], ScheduleData], tuple[str, ...]]] = {
    # R1 lands at Bravo at 5 s and needs 2 s there.
    "takeoff before the separation": (
        lambda s: _times(s, 1, 6, 9),
        _loose,
        ("airframe 1 (R1) takes off", "from Bravo at 6 s, before 7 s", "separation 2 s"),
    ),
    "a mandatory flight dropped": (
        lambda s: _dest(_paths(s, (0, 1), (2,)), 3, -1),
        _loose,
        ("flight 1 of g must be flown and is not", "g flies 0 flights, fewer than its least of 1"),
    ),
    "too many flights in a group": (
        lambda s: _dest(_times(_paths(s, (0, 1), (2, 3, 4)), 4, 19, 22), 4, A),
        lambda: _loose(counts=(("legs", 3, 3), ("g", 1, 1))),
        ("g flies 2 flights, more than its most of 1",),
    ),
    "a flight flown twice": (
        lambda s: _paths(s, (0, 1), (2, 3), (3,)),
        lambda: _loose(fleets=_OPEN_FLEET),
        ("flight 1 of g is flown 2 times",),
    ),
    # R2's leg moved after R1's return to Alpha, on R1's airframe.
    "two registrations on one path": (
        lambda s: _times(_times(_paths(s, (0, 1, 2, 3)), 2, 12, 15), 3, 17, 20),
        _loose,
        ("airframe 1 flies legs of R1, R2",),
    ),
    "one registration on two paths": (
        lambda s: _paths(s, (0,), (1,), (2, 3)),
        lambda: _loose(fleets=_OPEN_FLEET),
        ("R1 flies as airframes 1 and 2",),
    ),
    "more airframes than the fleet's most": (
        lambda s: _paths(s, (0, 1), (2,), (3,)),
        _loose,
        ("T flies 3 airframes, more than its most of 2",),
    ),
    "more airframes than the registrations": (
        lambda s: _paths(s, (0, 1), (2,), (3,)),
        lambda: _loose(fleets=(("T", 0, None, ("R1", "R2")),)),
        ("T flies 3 airframes, more than the 2 it can name",),
    ),
    # R2 takes off at 3 s: its turn [1, 3) overlaps R1's [0, 2) at Alpha.
    "two turns on one spot": (
        lambda s: _times(s, 2, 3, 6),
        _loose,
        ("2 aircraft hold a spot at Alpha at 1 s, more than its 1 spot",),
    ),
    "landing after the window": (
        lambda s: _times(s, 3, 9, H + 1),
        _loose,
        ("flight 1 of g lands at 31 s, outside the window (0 s to 30 s)",),
    ),
    "takeoff before the window": (
        lambda s: _times(s, 0, -1, 2),
        _loose,
        ("flight 1 of legs takes off at -1 s, outside the window",),
    ),
    "takeoff outside its row's time": (
        lambda s: _times(s, 0, 1, 5),
        _pinned,
        ("flight 1 of legs takes off at 1 s, outside its row's 2 s to 2 s",),
    ),
    "a leg under its block time": (
        lambda s: _times(s, 0, 2, 4),
        _loose,
        ("flight 1 of legs flies Alpha to Bravo in 2 s, under its block time of 3 s",),
    ),
    "a destination not the flight's": (
        lambda s: _dest(s, 2, A),
        _loose,
        ("flight 3 of legs lands at Alpha, not one of its destinations (Bravo, Charlie)",),
    ),
    "landing before takeoff": (
        lambda s: _times(s, 1, 7, 6),
        _loose,
        ("flight 2 of legs lands at 6 s, before its takeoff at 7 s",),
    ),
    "a later alike flight first": (
        lambda s: _dest(_times(_times(_paths(s, (0, 1), (2, 4, 3)), 4, 9, 12), 3, 19, 22), 4, A),
        _loose,
        ("flight 2 of g takes off at 9 s, before flight 1 of g at 19 s", "straight after"),
    ),
    "a later alike flight alone": (
        lambda s: _dest(_dest(_times(_paths(s, (0, 1), (2, 4)), 4, 9, 12), 4, A), 3, -1),
        lambda: _loose(nodes=_G_OPTIONAL),
        ("flight 2 of g is flown and flight 1 of g is not",),
    ),
    "a flown flight with no destination": (
        lambda s: _dest(s, 0, -1),
        _loose,
        ("flight 1 of legs is flown with no destination",),
    ),
    "an unflown flight with a destination": (
        lambda s: _dest(s, 4, A),
        _loose,
        ("flight 2 of g is not flown but has a destination",),
    ),
}


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_each_break_is_named(pinned: ScheduleSolution, name: str) -> None:
    brk, data_of, words = BREAKS[name]
    data = data_of()
    assert schedule_violations(data, pinned) == []
    found = schedule_violations(data, brk(pinned))
    for w in words:
        assert any(w in v for v in found), (w, found)


def test_too_few_airframes_and_free_spots(pinned: ScheduleSolution) -> None:
    least = _loose(fleets=(("T", 3, None, None),))
    assert schedule_violations(least, pinned) == ["T flies 2 airframes, fewer than its least of 3"]
    crowded = _times(pinned, 2, 3, 6)  # two turns at Alpha at 1 s
    assert schedule_violations(_loose(), crowded, free_spots=A) == []
    assert peak_spots(_loose(), crowded, A) == 2


def test_indices_out_of_range_are_said_alone(pinned: ScheduleSolution) -> None:
    found = schedule_violations(_pinned(), _paths(pinned, (0, 1), (2, 9), ()))
    assert found == ["airframe 2 flies flight index 9, not a flight", "airframe 3 flies nothing"]
    short = replace(pinned, landing=pinned.landing[:3])
    assert schedule_violations(_pinned(), short) == ["landings has 3 entries for 5 flights"]


# --- the hook: every schedule the engine returns is checked ----------------------------------

SHUTTLE = textwrap.dedent(
    """\
    title: shuttle
    airfields:
      A: {lat: 0, lon: 0}
      B: {lat: 0, lon: 1}
    aircraft:
      C-17: {payload: 70 t}
    cargo:
      box: {kind: box, mass: 1 t}
    flights: [{id: g, aircraft: C-17, count: 3, from: A, to: B}]
    schedule:
      window: {start: 2024-01-01T00:00Z, end: 2024-01-02T00:00Z}
      aircraft:
        C-17: {block_speed: 600 km/h, ground_time: 2 h}
      spots: {A: 1}
    """
)

Solve = Callable[..., ScheduleSolution]


def _engine(monkeypatch: pytest.MonkeyPatch, wrap: Callable[[Solve], Solve]) -> ScheduleEngine:
    """An engine of :data:`SHUTTLE` whose model answers through ``wrap``."""
    monkeypatch.setattr(ScheduleModel, "solve", wrap(ScheduleModel.solve))
    loaded = load_scenario_text(SHUTTLE, "<shuttle>")
    return ScheduleEngine(loaded.scenario, loaded.legs, OPTIONS)


def test_engine_refuses_a_schedule_breaking_a_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    def wrap(real: Solve) -> Solve:
        def solve(self: ScheduleModel, *args: object, **kwargs: object) -> ScheduleSolution:
            s = real(self, *args, **kwargs)
            i = s.paths[0][0]
            return _times(s, i, s.takeoff[i], s.takeoff[i] + 60)  # a one-minute leg

        return solve

    engine = _engine(monkeypatch, wrap)
    with pytest.raises(InternalError, match="in 60 s, under its block time of 668 s"):
        engine.solve(engine.fast)


def test_engine_refuses_a_schedule_missing_its_conditions(monkeypatch: pytest.MonkeyPatch) -> None:
    def wrap(real: Solve) -> Solve:
        def solve(
            self: ScheduleModel, options: SolveOptions, *_: object, **kw: object
        ) -> ScheduleSolution:
            return real(self, options)  # the conditions dropped

        return solve

    engine = _engine(monkeypatch, wrap)
    flights = Measure("flights")
    never, always = Condition(((1, flights),), 4, None), Condition(((1, flights),), 3, 3)
    with pytest.raises(InternalError, match="the conditions asked to hold do not all hold"):
        engine.solve(engine.fast, on=[never])
    with pytest.raises(InternalError, match="the conditions asked to fail all hold"):
        engine.solve(engine.fast, off=[always])
    assert engine.solve(engine.fast, on=[always], off=[never])[0].found


def test_engine_refuses_an_objective_the_schedule_does_not_measure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def wrap(real: Solve) -> Solve:
        def solve(self: ScheduleModel, *args: object, **kwargs: object) -> ScheduleSolution:
            s = real(self, *args, **kwargs)
            return s if s.objective is None else replace(s, objective=s.objective - 1)

        return solve

    engine = _engine(monkeypatch, wrap)
    assert engine.solve(engine.fast)[0].found
    with pytest.raises(InternalError, match="the schedule measures 1, the solver said 0"):
        engine.extreme(engine.fast, "min", Measure("airframes"))
    freed = engine.fast.moved(spots={"A": None}, free_spots="A")
    with pytest.raises(InternalError, match="holds 1 spots at once at A, the solver said 0"):
        engine.extreme(freed, "min", "spots")


def test_engine_passes_its_own_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = _engine(monkeypatch, lambda real: real)
    extreme, solution, data = engine.extreme(engine.fast, "min", Measure("airframes"))
    assert solution.found and extreme.lo == measure_value(data, solution, Measure("airframes"))
    check_schedule(data, solution, None, objective=("min", Measure("airframes")))
    freed = engine.fast.moved(spots={"A": None}, free_spots="A")
    spots, solution, data = engine.extreme(freed, "min", "spots")
    assert spots.lo == peak_spots(data, solution, 0) == 1


def test_flagship_solves_with_every_schedule_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    """``airlift solve`` on the flagship as shipped: every schedule it finds is checked, and
    the check changes nothing in the report."""
    checked: list[ScheduleSolution] = []
    real = schedule_engine.check_schedule

    def spy(data: ScheduleData, solution: ScheduleSolution, *args: object) -> None:
        checked.append(solution)
        real(data, solution, *args)  # type: ignore[arg-type]

    args = ["solve", str(ROOT / "scenarios" / "belarus-2022.yaml")]
    monkeypatch.setattr(schedule_engine, "check_schedule", spy)
    result = CliRunner().invoke(cli.main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert len(checked) > 5 and all(s.found for s in checked)
    assert "hajun-8-in-2-days" in result.stdout
    monkeypatch.setattr(schedule_engine, "check_schedule", lambda *a: None)
    unchecked = CliRunner().invoke(cli.main, args, catch_exceptions=False)
    assert unchecked.stdout_bytes == result.stdout_bytes
