"""A per-flight MILP (HiGHS, through ``scipy.optimize.milp``): the reference for small items.

The issue "[engine]" measured airlift against exactly this kind of model on
scenarios of many small items: every flight gets its own destination (one
binary per destination) and its own load (one integer per cargo type), with
payload, loading limits and per-flight statements as linear rows. It grows with
the flights, but HiGHS answers each question exactly. This module shares no code
with ``airlift.model``: it reads the scenario through airlift's loader
(:func:`airlift.scenario.scenario_from_dict`), so that masses, uses and limits
are the exact :class:`~fractions.Fraction` values airlift itself reads, and takes
each lane's payload and the cargo that fits the hold from ``airlift.scenario``
(:func:`~airlift.scenario.lane_payload`, :func:`~airlift.scenario.lanes.carried_types`).

Exactness. Every capacity row is scaled to whole numbers exactly (the lcm of its
denominators); the generated scenarios give small integers, and a row whose
coefficients pass 2^40 is refused, since HiGHS computes in doubles. Objectives
are whole-valued and solved with ``mip_rel_gap=0``, so an optimum is exact; every
solution is rounded and re-checked against every row in integer arithmetic.

Answers, shaped like :meth:`bench.per_flight.Answers.as_json` (so that
:func:`bench.per_flight.differences` compares them with airlift's): the base
status, each claim's verdict (from the min and max of its total, plus one
feasibility solve when a ``between`` range lies strictly inside them, since
totals can skip values) and the min and max of every default estimate row
(each kind in total and by destination, flights likewise). Counts open above,
per-flight claims and a scenario's own ``estimate`` rows are not modelled
(NotImplementedError).

Command line::

    python -m bench.milp --case thirty-six      # answers as JSON, with the time taken
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix

from airlift.scenario import Scenario, Statement, lane_payload, scenario_from_dict
from airlift.scenario.lanes import carried_types

__all__ = ["MilpAnswers", "milp_answers"]

#: Largest coefficient a row may have: doubles hold whole numbers exactly far beyond it.
_LARGEST = 2**40
_FLIGHTS = "flights"
Terms = dict[int, int]  # variable index -> whole coefficient


def _whole(values: Sequence[Fraction]) -> list[int]:
    """The same ratios as small whole numbers: times the lcm of denominators, over the gcd."""
    scale = math.lcm(*(v.denominator for v in values))
    ints = [int(v * scale) for v in values]
    common = math.gcd(*ints) or 1
    out = [i // common for i in ints]
    if max(abs(i) for i in out) > _LARGEST:
        raise ValueError(f"a row with coefficients up to {max(out)} is not exact in doubles")
    return out


@dataclass
class _Lane:
    """The flights of one group that may land at one destination."""

    group: str
    aircraft: str
    origin: str
    to: str
    types: tuple[str, ...]
    #: per flight i: (its binary "lands here", {cargo type: its integer load})
    flights: list[tuple[int, dict[str, int]]] = field(default_factory=list)


@dataclass
class _Model:
    """Variables (bounds, integral) and rows (``lo <= sum(terms) <= hi``) of the base."""

    lb: list[float] = field(default_factory=list)
    ub: list[float] = field(default_factory=list)
    rows: list[tuple[Terms, float, float]] = field(default_factory=list)
    lanes: list[_Lane] = field(default_factory=list)

    def var(self, hi: int) -> int:
        self.lb.append(0.0)
        self.ub.append(float(hi))
        return len(self.lb) - 1

    def row(self, terms: Terms, lo: float, hi: float) -> None:
        self.rows.append((terms, lo, hi))


def _selects(s: Statement, lane: _Lane) -> bool:
    """Whether a statement's filters select the flights of ``lane``."""
    return (
        (s.to is None or lane.to in s.to)
        and (s.from_ is None or lane.origin in s.from_)
        and (s.aircraft is None or lane.aircraft in s.aircraft)
        and (s.flights is None or lane.group in s.flights)
    )


def _build(scenario: Scenario) -> _Model:
    """The per-flight model of the base: flights, destinations, loads and assumptions."""
    m = _Model()
    per_flight = [s for s in scenario.assumptions if s.per_flight]
    for g in scenario.flights:
        lo, hi = g.count.min, g.count.max
        if hi is None:
            raise NotImplementedError(f"group {g.id}: an open count has no per-flight model")
        plane = scenario.aircraft[g.aircraft]
        lanes = [
            _Lane(g.id, g.aircraft, g.from_, d, carried_types(scenario, g))
            for d in dict.fromkeys(g.to)
        ]
        for lane in lanes:
            payload = lane_payload(scenario, g, lane.to)
            mass = {c: scenario.cargo[c].mass.min.value for c in lane.types}
            rows = [[payload, *(mass[c] for c in lane.types)]]
            for name, limit in plane.limits.items():
                uses = [
                    scenario.cargo[c].uses[name].min.value
                    if name in scenario.cargo[c].uses
                    else Fraction(0)
                    for c in lane.types
                ]
                rows.append([limit.max.value, *uses])
            most = {c: math.floor(payload / mass[c]) for c in lane.types}
            for room, *uses in rows[1:]:
                for c, u in zip(lane.types, uses):
                    if u > 0:
                        most[c] = min(most[c], math.floor(room / u))
            whole = [_whole(values) for values in rows]
            statements = [s for s in per_flight if _selects(s, lane)]
            for _ in range(hi):
                here = m.var(1)
                if any(s.total == _FLIGHTS and not s.interval[0] <= 1 for s in statements):
                    m.ub[here] = 0.0  # "each flight counts at least 2": none lands here
                if any(s.total == _FLIGHTS and s.interval[1] == 0 for s in statements):
                    m.ub[here] = 0.0
                load = {c: m.var(most[c]) for c in lane.types}
                for cap, *weights in whole:
                    terms = {load[c]: w for c, w in zip(lane.types, weights) if w}
                    m.row({**terms, here: -cap}, -math.inf, 0)
                for s in statements:
                    if s.total == _FLIGHTS:
                        continue
                    counted = [load[c] for c in lane.types if c in scenario.members(s.total)]
                    s_lo, s_hi = s.interval
                    terms = dict.fromkeys(counted, 1)
                    if s_lo > 0:
                        m.row({**terms, here: -s_lo}, 0, math.inf)
                    if s_hi is not None and counted:
                        m.row(terms, -math.inf, s_hi)
                lane.flights.append((here, load))
        for i in range(hi):
            flies = {lane.flights[i][0]: 1 for lane in lanes}
            m.row(flies, 1 if i < lo else 0, 1)
            if i + 1 < hi:
                # Interchangeable flights, sorted by destination, flown ones first: rank(i) is
                # the index of its destination, or len(lanes) when it does not fly.
                rank = {lane.flights[i][0]: j - len(lanes) for j, lane in enumerate(lanes)}
                for j, lane in enumerate(lanes):
                    rank[lane.flights[i + 1][0]] = len(lanes) - j
                m.row(rank, -math.inf, 0)
        m.lanes.extend(lanes)
    for s in scenario.assumptions:
        if not s.per_flight:
            lo, hi = s.interval
            m.row(_total(scenario, m, s), lo, math.inf if hi is None else hi)
    return m


def _total(scenario: Scenario, m: _Model, s: Any) -> Terms:
    """The sum a statement or estimate row counts, as terms over the variables."""
    members = scenario.members(s.total)
    terms: Terms = {}
    for lane in m.lanes:
        if not _selects(s, lane):
            continue
        for here, load in lane.flights:
            if s.total == _FLIGHTS:
                terms[here] = 1
            for c, x in load.items():
                if c in members:
                    terms[x] = 1
    return terms


@dataclass
class _Outcome:
    status: str  # "optimal", "infeasible" or "unknown"
    value: int | None = None  # the best value found (for an objective)
    bound: int | None = None  # no solution does better


class _Solver:
    """HiGHS over the base model plus a few extra rows per question."""

    def __init__(self, scenario: Scenario, time_limit: float) -> None:
        self.scenario = scenario
        self.model = _build(scenario)
        self.time_limit = time_limit
        self.calls = 0
        self.seconds = 0.0

    def solve(self, extra: Sequence[tuple[Terms, float, float]], objective: Terms) -> _Outcome:
        """Minimise ``objective`` (empty: feasibility) under the base and ``extra`` rows."""
        m = self.model
        rows = [*m.rows, *extra]
        r, c, v = [], [], []
        for k, (terms, _, _) in enumerate(rows):
            for j, w in terms.items():
                r.append(k)
                c.append(j)
                v.append(w)
        a = coo_matrix((v, (r, c)), shape=(len(rows), len(m.lb))).tocsr()
        cost = np.zeros(len(m.lb))
        for j, w in objective.items():
            cost[j] = w
        start = time.perf_counter()
        res = milp(
            cost,
            integrality=np.ones(len(m.lb)),
            bounds=Bounds(np.array(m.lb), np.array(m.ub)),
            constraints=LinearConstraint(
                a, np.array([lo for _, lo, _ in rows]), np.array([hi for _, _, hi in rows])
            ),
            options={"time_limit": self.time_limit, "mip_rel_gap": 0.0, "disp": False},
        )
        self.seconds += time.perf_counter() - start
        self.calls += 1
        if res.status == 2:
            return _Outcome("infeasible")
        if res.x is None:
            return _Outcome("unknown")
        x = [round(float(xi)) for xi in res.x]
        self._check(rows, x)
        value = sum(w * x[j] for j, w in objective.items())
        bound = res.mip_dual_bound if objective else value
        proven = res.status == 0 or (bound is not None and math.ceil(bound - 1e-6) >= value)
        status = "optimal" if proven else "unknown"
        return _Outcome(status, value, value if proven else math.ceil(bound - 1e-6))

    def _check(self, rows: Sequence[tuple[Terms, float, float]], x: list[int]) -> None:
        """Every row and bound, in whole numbers: HiGHS's tolerances let nothing through."""
        for j, xj in enumerate(x):
            assert self.model.lb[j] <= xj <= self.model.ub[j], f"variable {j} = {xj}"
        for terms, lo, hi in rows:
            total = sum(w * x[j] for j, w in terms.items())
            assert lo <= total <= hi, f"row {terms} = {total}, not in [{lo}, {hi}]"

    def extreme(self, terms: Terms, sense: str, extra: Sequence[Any] = ()) -> _Outcome:
        """The min or max of a sum (the bound as a certified end, for a max negated back)."""
        if not terms:
            return _Outcome("optimal", 0, 0)
        sign = 1 if sense == "min" else -1
        out = self.solve(extra, {j: sign * w for j, w in terms.items()})
        if out.value is None:
            return out
        assert out.bound is not None
        return _Outcome(out.status, sign * out.value, sign * out.bound)


@dataclass(frozen=True)
class MilpAnswers:
    """The MILP's answers (JSON-ready, as ``bench.per_flight.Answers.as_json``) and its cost."""

    base_status: str
    claims: list[dict[str, Any]]
    bounds: list[dict[str, Any]]
    calls: int
    seconds: float  #: time spent inside HiGHS
    variables: int
    rows: int

    def as_json(self) -> dict[str, Any]:
        return {"base_status": self.base_status, "claims": self.claims, "bounds": self.bounds}


def _verdict(solver: _Solver, s: Statement) -> str:
    """A claim's verdict: inconsistent, implied, consistent, or unknown (out of time)."""
    if s.per_flight:
        raise NotImplementedError(f"claim {s.id}: per-flight claims are not modelled")
    terms = _total(solver.scenario, solver.model, s)
    lo, hi = s.interval
    low, high = solver.extreme(terms, "min"), solver.extreme(terms, "max")
    if "unknown" in (low.status, high.status):
        return "unknown"
    assert low.value is not None and high.value is not None
    inside = [v for v in (low.value, high.value) if lo <= v and (hi is None or v <= hi)]
    if high.value < lo or (hi is not None and low.value > hi):
        holds = False
    elif inside:
        holds = True
    else:  # the range lies strictly between min and max; totals may skip it
        found = solver.solve([(terms, lo, math.inf if hi is None else hi)], {})
        if found.status == "unknown":
            return "unknown"
        holds = found.status == "optimal"
    fails = low.value < lo or (hi is not None and high.value > hi)
    if not holds:
        return "inconsistent"
    return "consistent" if fails else "implied"


def _rows(scenario: Scenario) -> list[dict[str, Any]]:
    """The default estimate rows: each kind, then flights, in total and by destination."""
    dests = list(dict.fromkeys(d for g in scenario.flights for d in g.to))
    out = []
    for total in [*scenario.kinds, _FLIGHTS]:
        for to in [None, *dests]:
            out.append(
                {
                    "total": total,
                    "to": None if to is None else [to],
                    "from": None,
                    "aircraft": None,
                    "flights": None,
                }
            )
    return out


@dataclass(frozen=True)
class _Row:
    """An estimate row with the attributes :func:`_total` reads."""

    total: str
    to: list[str] | None
    from_: None = None
    aircraft: None = None
    flights: None = None


def milp_answers(d: dict[str, Any], time_limit: float = 300.0) -> MilpAnswers:
    """Base status, claim verdicts and default-row bounds of scenario dict ``d``."""
    scenario = scenario_from_dict(d)
    if scenario.estimate is not None:
        raise NotImplementedError("only the default estimate rows are modelled")
    solver = _Solver(scenario, time_limit)
    size = (len(solver.model.lb), len(solver.model.rows))
    base = solver.solve([], {}).status
    base_status = {"optimal": "feasible"}.get(base, base)
    if base_status != "feasible":
        verdict = "inconsistent" if base_status == "infeasible" else "unknown"
        claims = [{"id": s.id, "verdict": verdict} for s in scenario.claims]
        return MilpAnswers(base_status, claims, [], solver.calls, solver.seconds, *size)
    claims = [{"id": s.id, "verdict": _verdict(solver, s)} for s in scenario.claims]
    bounds = []
    for row in _rows(scenario):
        terms = _total(scenario, solver.model, _Row(row["total"], row["to"]))
        for sense in ("min", "max"):
            out = solver.extreme(terms, sense)
            proven = out.status == "optimal"
            interval = [out.value, out.bound] if sense == "max" else [out.bound, out.value]
            row[sense] = out.value if proven else None
            row[f"{sense}_proven"] = proven
            row[f"{sense}_interval"] = interval
        bounds.append(row)
    return MilpAnswers("feasible", claims, bounds, solver.calls, solver.seconds, *size)


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.milp``: the MILP's answers for a case or a YAML file, as JSON."""
    from bench.small_items import CASES, small_items

    parser = argparse.ArgumentParser(prog="python -m bench.milp")
    parser.add_argument("file", nargs="?", help="a scenario YAML file")
    parser.add_argument("--case", choices=sorted(CASES))
    parser.add_argument("--time-limit", type=float, default=300.0, help="seconds per solve")
    args = parser.parse_args(argv)
    if args.case:
        d = small_items(**CASES[args.case])
    elif args.file:
        import yaml

        with open(args.file, encoding="utf-8") as f:
            d = yaml.safe_load(f)
    else:
        parser.error("give a scenario file or --case")
    start = time.perf_counter()
    answers = milp_answers(d, args.time_limit)
    body = {
        **answers.as_json(),
        "calls": answers.calls,
        "variables": answers.variables,
        "rows": answers.rows,
        "seconds": round(time.perf_counter() - start, 2),
    }
    json.dump(body, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
