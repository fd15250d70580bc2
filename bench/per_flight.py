"""An independent per-flight CP-SAT model of a scenario: the reference answers.

airlift's own model counts flights per (group, destination, load pattern) so
that it does not grow with the number of identical flights. This module is the
slow, obvious model it is checked against: every observed flight gets its own
"flies" Boolean (for flights within a group's count range), its own choice of
one destination, and its own load vector, split by destination. It shares no
code with airlift: it reads the scenario dict (as YAML gives it) and parses
units itself, exactly, with :class:`~fractions.Fraction`.

Values are taken at their most permissive, as the issue prescribes: payloads
and loading limits at their max, item masses and uses at their min, exactly
(``2,205 lb`` is 1000.17... kg, so four of them do not fit in 4,000 kg). To
keep CP-SAT away from huge exact coefficients, questions are first asked of
models rounded looser or tighter than the exact one (see :class:`_Solver`).
Flights of one group are interchangeable, so they are ordered by destination
(flown flights first); that removes only symmetric copies of solutions.
Counts open above (``{min: 9}``) have no per-flight model and raise
NotImplementedError.

Answers: the base status, each claim's verdict and the min and max of every
estimate row (default rows when the scenario has none). Run
``python -m bench.per_flight --write-expected`` to regenerate ``bench/expected``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from ortools.sat.python import cp_model

__all__ = [
    "Answers",
    "Total",
    "analysis_answers",
    "answer",
    "default_rows",
    "differences",
    "fingerprint",
    "parse",
]

_MASS = {
    "kg": Fraction(1),
    "t": Fraction(1000),
    "lb": Fraction("0.45359237"),
    "short_ton": Fraction("907.18474"),
    "long_ton": Fraction("1016.0469088"),
}
_LENGTH = {
    "m": Fraction(100),
    "cm": Fraction(1),
    "mm": Fraction(1, 10),
    "km": Fraction(100_000),
    "ft": Fraction("30.48"),
    "in": Fraction("2.54"),
    "nmi": Fraction(185_200),
}
_TEXT = re.compile(r"^\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*([A-Za-z_]*)\s*$")
EXPECTED = Path(__file__).with_name("expected")


def _number(raw: Any) -> tuple[Fraction, str]:
    """A value and its unit ('' for a bare count), exactly."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return Fraction(raw), ""
    match = _TEXT.match(str(raw))
    if match is None:
        raise ValueError(f"cannot read {raw!r}")
    return Fraction(match.group(1).replace(",", "")), match.group(2)


def _base(raw: Any) -> tuple[str, Fraction]:
    """(dimension, value in kg / cm / count) of a quantity."""
    value, unit = _number(raw)
    if unit in _MASS:
        return "mass", value * _MASS[unit]
    if unit in _LENGTH:
        return "length", value * _LENGTH[unit]
    if unit == "":
        return "count", value
    raise ValueError(f"unknown unit in {raw!r}")


def _side(raw: Any, side: str) -> Any:
    return raw[side] if isinstance(raw, dict) else raw


def _names(raw: Any) -> tuple[str, ...] | None:
    if raw is None:
        return None
    return (raw,) if isinstance(raw, str) else tuple(raw)


@dataclass(frozen=True)
class Group:
    """One flight group in integers: loads[c] is the most units of c one flight holds."""

    id: str
    aircraft: str
    lo: int
    hi: int
    origin: str
    to: tuple[str, ...]
    cargo: tuple[str, ...]  # carried types one flight can hold at least one of


@dataclass(frozen=True)
class Data:
    """A scenario reduced to exact numbers at the permissive values."""

    airfields: tuple[str, ...]
    aircraft: tuple[str, ...]
    cargo: tuple[str, ...]
    kind: dict[str, str]
    mass: dict[str, Fraction]  # kg, the smallest mass
    payload: dict[str, Fraction]  # kg, the largest payload
    limits: dict[str, dict[str, Fraction]]  # aircraft -> limit name -> the largest amount
    uses: dict[str, dict[str, Fraction]]  # cargo -> limit name -> the smallest amount
    groups: tuple[Group, ...]
    most: dict[tuple[str, str], int]  # (aircraft, cargo) -> most units on one flight

    def kinds(self) -> list[str]:
        return list(dict.fromkeys(self.kind[c] for c in self.cargo))

    def members(self, total: str) -> tuple[str, ...]:
        """Cargo types counted by ``total`` (empty for ``flights``)."""
        if total in self.kind:
            return (total,)
        return tuple(c for c in self.cargo if self.kind[c] == total)


def parse(d: dict[str, Any]) -> Data:
    """Reduce a scenario dict to exact data at the permissive values."""
    payload: dict[str, Fraction] = {}
    limits: dict[str, dict[str, Fraction]] = {}
    for name, a in d["aircraft"].items():
        payload[name] = _base(_side(a["payload"], "max"))[1]
        limits[name] = {k: _base(_side(v, "max"))[1] for k, v in (a.get("limits") or {}).items()}
    mass = {c: _base(_side(v["mass"], "min"))[1] for c, v in d["cargo"].items()}
    uses = {
        c: {k: _base(_side(u, "min"))[1] for k, u in (v.get("uses") or {}).items()}
        for c, v in d["cargo"].items()
    }
    if any(m <= 0 for m in mass.values()):
        raise ValueError("every cargo mass must be positive")
    most: dict[tuple[str, str], int] = {}
    for a in d["aircraft"]:
        for c in d["cargo"]:
            caps = [payload[a] / mass[c]]
            caps += [limits[a][k] / uses[c][k] for k in limits[a] if uses[c].get(k, 0) > 0]
            most[a, c] = math.floor(min(caps))
    groups = []
    for g in d["flights"]:
        count = g["count"]
        lo, hi = (count, count) if isinstance(count, int) else (count["min"], count.get("max"))
        if hi is None:
            raise NotImplementedError(f"group {g['id']}: an open count has no per-flight model")
        carried = _names(g.get("carries")) or tuple(d["cargo"])
        groups.append(
            Group(
                g["id"],
                g["aircraft"],
                lo,
                hi,
                g["from"],
                _names(g["to"]) or (),
                tuple(c for c in d["cargo"] if c in carried and most[g["aircraft"], c] > 0),
            )
        )
    return Data(
        tuple(d["airfields"]),
        tuple(d["aircraft"]),
        tuple(d["cargo"]),
        {c: v["kind"] for c, v in d["cargo"].items()},
        mass,
        payload,
        limits,
        uses,
        tuple(groups),
        most,
    )


@dataclass(frozen=True)
class Total:
    """A total over flights with its filters (None: no filter)."""

    total: str
    to: tuple[str, ...] | None = None
    from_: tuple[str, ...] | None = None
    aircraft: tuple[str, ...] | None = None
    flights: tuple[str, ...] | None = None

    @classmethod
    def of(cls, row: dict[str, Any]) -> Total:
        return cls(
            row["total"],
            _names(row.get("to")),
            _names(row.get("from")),
            _names(row.get("aircraft")),
            _names(row.get("flights")),
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "to": _list(self.to),
            "from": _list(self.from_),
            "aircraft": _list(self.aircraft),
            "flights": _list(self.flights),
        }

    def __str__(self) -> str:
        words = [self.total]
        for word, names in (
            ("to", self.to),
            ("from", self.from_),
            ("on", self.aircraft),
            ("in", self.flights),
        ):
            if names is not None:
                words.append(f"{word} {' or '.join(names)}")
        return " ".join(words)

    def picks(self, g: Group) -> bool:
        """Whether the static filters (all but ``to``) select group ``g``."""
        return (
            (self.from_ is None or g.origin in self.from_)
            and (self.aircraft is None or g.aircraft in self.aircraft)
            and (self.flights is None or g.id in self.flights)
        )


def _list(names: tuple[str, ...] | None) -> list[str] | None:
    return None if names is None else list(names)


def default_rows(data: Data) -> list[Total]:
    """Rows bounded without ``estimate``: each kind in total and by destination, then flights."""
    rows: list[dict[str, Any]] = []
    for total in [*data.kinds(), "flights"]:
        rows += [{"total": total}, {"total": total, "by": "to"}]
    return _expand(rows, data)


def _expand(rows: list[dict[str, Any]], data: Data) -> list[Total]:
    """Rows after ``by:`` expansion, without duplicates.

    ``by`` runs over the values that the groups selected by the row's other
    filters have, in order of first appearance among the flight groups.
    """
    out: list[Total] = []
    for row in rows:
        base = Total.of(row)
        by = row.get("by")
        expanded = [base]
        if by is not None:
            values: list[str] = []
            for g in data.groups:
                if not base.picks(g):
                    continue
                for value in {
                    "to": g.to,
                    "from": (g.origin,),
                    "aircraft": (g.aircraft,),
                    "flights": (g.id,),
                }[by]:
                    if by == "to" and base.to is not None and value not in base.to:
                        continue
                    if value not in values:
                        values.append(value)
            field = "from_" if by == "from" else by
            expanded = [Total(**{**base.__dict__, field: (value,)}) for value in values]
        out += [t for t in expanded if t not in out]
    return out


def estimate_rows(d: dict[str, Any], data: Data) -> list[Total]:
    """The scenario's estimate rows after ``by:`` expansion, or the default rows."""
    if d.get("estimate") is None:
        return default_rows(data)
    return _expand(list(d["estimate"]), data)


def _integers(values: list[Fraction]) -> list[int]:
    """The same ratios as whole numbers: times the denominators' lcm, over the gcd."""
    scale = math.lcm(*(v.denominator for v in values))
    whole = [int(v * scale) for v in values]
    common = math.gcd(*whole) or 1
    return [w // common for w in whole]


def _row(values: list[Fraction], scale: int | None, relax: bool) -> list[int]:
    """A capacity row ``[cap, *weights]`` in whole numbers.

    ``scale`` None: exact (:func:`_integers`). Otherwise the values times
    ``scale``, rounded so that the row is looser than the exact one (``relax``:
    cap up, weights down) or tighter (cap down, weights up).
    """
    if scale is None:
        return _integers(values)
    cap, *weights = (v * scale for v in values)
    if relax:
        return [math.ceil(cap), *(math.floor(w) for w in weights)]
    return [math.floor(cap), *(math.ceil(w) for w in weights)]


class _Model:
    """The per-flight CP-SAT model of the base, with switchable claims.

    Capacity rows are exact (``scale`` None) or rounded at ``scale`` units per
    kg (cm, count) to a looser (``relax``) or tighter model than the exact one;
    ``exact`` says whether any row actually had to be rounded.
    """

    def __init__(self, data: Data, scale: int | None = None, relax: bool = True) -> None:
        self.data, self.scale, self.relax = data, scale, relax
        self.m = cp_model.CpModel()
        self.flights: list[tuple[Group, Any, dict[str, Any], dict[tuple[str, str], Any]]] = []
        #: rounded rows, exactly: (variable indices, weights, cap), to re-check a solution
        self.checks: list[tuple[list[int], list[int], int]] = []
        for g in data.groups:
            self._group(g)
        self.exact = not self.checks

    def _capacity(self, values: list[Fraction], loads: list[Any], where: Any, most: int) -> None:
        """``sum(weight * load) <= cap``, only where the flight lands (loads are 0 elsewhere).

        ``values`` are the exact cap and weights; ``most`` bounds the sum of the loads.
        """
        cap, *weights = _row(values, self.scale, self.relax)
        self.m.add(sum(w * x for w, x in zip(weights, loads, strict=True)) <= cap * where)
        if self.scale is not None and any((v * self.scale).denominator != 1 for v in values):
            exact_cap, *exact = _integers(values)
            self.checks.append(([x.index for x in loads], exact, exact_cap))
        if 0 in weights and not isinstance(where, int):  # a weightless load goes nowhere else
            self.m.add(sum(loads) <= most * where)

    def exact_ok(self, solution: list[int]) -> bool:
        """Whether a solution of a rounded model meets every capacity row exactly."""
        return all(
            sum(w * solution[i] for i, w in zip(idx, weights, strict=True)) <= cap
            for idx, weights, cap in self.checks
        )

    def _group(self, g: Group) -> None:
        """Flights of ``g``: flies, one destination each, loads split by destination."""
        m, data = self.m, self.data
        previous = None
        for i in range(g.hi):
            fly: Any = 1 if i < g.lo else m.new_bool_var(f"{g.id}#{i}")
            dest: dict[str, Any]
            if len(g.to) == 1:
                dest = {g.to[0]: fly}
            else:
                dest = {d: m.new_bool_var(f"{g.id}#{i}>{d}") for d in g.to}
                m.add(sum(dest.values()) == fly)
            load = {
                (d, c): m.new_int_var(0, data.most[g.aircraft, c], f"{g.id}#{i}>{d}:{c}")
                for d in g.to
                for c in g.cargo
            }
            for d in g.to:
                here = [load[d, c] for c in g.cargo]
                if not here:
                    continue
                most = sum(data.most[g.aircraft, c] for c in g.cargo)
                self._capacity(
                    [data.payload[g.aircraft], *(data.mass[c] for c in g.cargo)],
                    here,
                    dest[d],
                    most,
                )
                for name, limit in data.limits[g.aircraft].items():
                    uses = [data.uses[c].get(name, Fraction(0)) for c in g.cargo]
                    if (
                        sum(
                            u * data.most[g.aircraft, c] for u, c in zip(uses, g.cargo, strict=True)
                        )
                        <= limit
                    ):
                        continue  # no load within the payload can reach this limit
                    self._capacity([limit, *uses], here, dest[d], most)
            rank = sum(j * dest[d] for j, d in enumerate(g.to)) + len(g.to) * (1 - fly)
            if previous is not None:
                m.add(previous <= rank)
            previous = rank
            self.flights.append((g, fly, dest, load))

    def _selected(self, t: Total, g: Group, dest: dict[str, Any]) -> Any:
        """0/1 expression: this flight flies and is selected by ``t``'s filters."""
        if not t.picks(g):
            return 0
        return sum(v for d, v in dest.items() if t.to is None or d in t.to)

    def _value(
        self, t: Total, g: Group, dest: dict[str, Any], load: dict[tuple[str, str], Any]
    ) -> Any:
        """This flight's contribution to ``t`` (0 when the filters do not select it)."""
        if t.total == "flights":
            return self._selected(t, g, dest)
        if not t.picks(g):
            return 0
        types = set(self.data.members(t.total))
        return sum(x for (d, c), x in load.items() if c in types and (t.to is None or d in t.to))

    def expression(self, t: Total) -> Any:
        return sum(self._value(t, g, dest, load) for g, _, dest, load in self.flights)

    def statement(self, s: dict[str, Any], on: Any = None) -> None:
        """Enforce a statement (if ``on`` is a literal, only when it is true)."""
        t, (lo, hi) = Total.of(s), _interval(s)
        if s.get("per_flight"):
            for g, _, dest, load in self.flights:
                value, chosen = self._value(t, g, dest, load), self._selected(t, g, dest)
                if isinstance(chosen, int) and chosen == 0:
                    continue
                parts = [value >= lo * chosen] if lo > 0 else []
                if hi is not None:
                    parts.append(value <= hi)
                for part in parts:
                    self._add(part, on)
            return
        total = self.expression(t)
        for part in ([total >= lo] if lo > 0 else []) + ([total <= hi] if hi is not None else []):
            self._add(part, on)

    def _add(self, condition: Any, on: Any = None) -> None:
        """Add ``condition`` (maybe a plain bool, when both sides are constants) if ``on``."""
        if isinstance(condition, bool | int):
            if not condition:
                self.m.add_bool_or([] if on is None else [on.negated()])
            return
        c = self.m.add(condition)
        if on is not None:
            c.only_enforce_if(on)

    def negation(self, s: dict[str, Any], on: Any) -> None:
        """When ``on`` is true, the statement fails (somewhere, for per_flight)."""
        t, (lo, hi) = Total.of(s), _interval(s)
        witnesses: list[Any] = []
        pairs: list[tuple[Any, Any]] = []
        if s.get("per_flight"):
            for g, _, dest, load in self.flights:
                chosen = self._selected(t, g, dest)
                if not (isinstance(chosen, int) and chosen == 0):
                    pairs.append((self._value(t, g, dest, load), chosen))
        else:
            pairs.append((self.expression(t), 1))
        for value, chosen in pairs:
            here = []
            if lo > 0:
                here.append((value <= lo - 1, self.m.new_bool_var("below")))
            if hi is not None:
                here.append((value >= hi + 1, self.m.new_bool_var("above")))
            for condition, literal in here:
                self._add(condition, literal)
                witnesses.append(literal)
            if here:
                self.m.add(sum(lit for _, lit in here) <= chosen)
        self.m.add(sum(witnesses) >= 1).only_enforce_if(on)


def _interval(s: dict[str, Any]) -> tuple[int, int | None]:
    if "at_least" in s:
        return s["at_least"], None
    if "at_most" in s:
        return 0, s["at_most"]
    if "equals" in s:
        return s["equals"], s["equals"]
    lo, hi = s["between"]
    return lo, hi


@dataclass
class Answers:
    """The per-flight model's answers, as plain JSON-ready data."""

    base_status: str
    claims: list[dict[str, Any]]
    bounds: list[dict[str, Any]]
    calls: int = 0  #: solver calls made
    refined: int = 0  #: questions a first, looser rounded model did not settle

    def as_json(self) -> dict[str, Any]:
        return {"base_status": self.base_status, "claims": self.claims, "bounds": self.bounds}


#: Units per kg (cm, count) of the rounded models tried before the exact one.
SCALES = (1, 1000)
_GOOD = (cp_model.OPTIMAL, cp_model.FEASIBLE)


class _Variant:
    """One model (exact, or rounded looser or tighter) with its assumptions and claim switches."""

    def __init__(self, d: dict[str, Any], data: Data, scale: int | None, relax: bool) -> None:
        self.model = _Model(data, scale, relax)
        self.name = "exact" if scale is None else f"{'loose' if relax else 'tight'} at 1/{scale} kg"
        for s in d.get("assumptions") or []:
            self.model.statement(s)
        self.switches: dict[tuple[str, str], Any] = {}
        for s in d.get("claims") or []:
            holds = self.model.m.new_bool_var(f"{s['id']}+")
            fails = self.model.m.new_bool_var(f"{s['id']}-")
            self.model.statement(s, holds)
            self.model.negation(s, fails)
            self.switches[s["id"], "holds"] = holds
            self.switches[s["id"], "fails"] = fails


class _Solver:
    """Answers exact questions with rounded models first, and exact coefficients last.

    Exact coefficients can be huge (a mass in lb against one in t: 1e12), and
    OR-Tools 9.15 presolve was seen to return wrong optima on such rows (see
    bench/README.md). So each question is first put to a model rounded looser
    than the exact one (its optimum bounds the exact one; its infeasibility is
    exact infeasibility; a solution that meets the exact rows is exact), then,
    if needed, to one rounded tighter (its solutions are exact solutions), at
    1 and 1/1000 kg, and only then to the exact model. A scenario whose values
    are whole kg (cm) needs only the first model, which is then exact.
    """

    def __init__(
        self,
        d: dict[str, Any],
        workers: int,
        time_limit: float,
        seed: int,
        log: Callable[[str], None] | None,
    ) -> None:
        self.d, self.data, self.log = d, parse(d), log
        self.variants: dict[tuple[int | None, bool], _Variant] = {}
        self.solver = cp_model.CpSolver()
        p = self.solver.parameters
        p.num_workers, p.random_seed, p.max_time_in_seconds = workers, seed, time_limit
        p.linearization_level = 2  # the LP bound proves most minima at once
        self.calls = self.refined = 0

    def _variant(self, scale: int | None, relax: bool) -> _Variant:
        if (scale, relax) not in self.variants:
            self.variants[scale, relax] = _Variant(self.d, self.data, scale, relax)
        return self.variants[scale, relax]

    def _ladder(self) -> list[tuple[int | None, bool]]:
        """Models to try in turn: loose, then tight, at each scale; the exact one last."""
        out: list[tuple[int | None, bool]] = []
        for scale in SCALES:
            out.append((scale, True))
            if self._variant(scale, True).model.exact:
                return out
            out.append((scale, False))
        return [*out, (None, True)]

    def _solve(
        self,
        v: _Variant,
        what: str,
        on: tuple[str, str] | None,
        objective: Total | None,
        maximize: bool,
    ) -> tuple[int, int, int, bool]:
        """One call: (status, value, bound, whether the solution is exact)."""
        m = v.model.m
        for key, lit in v.switches.items():
            domain = m.proto.variables[lit.index].domain
            domain[0] = domain[1] = 1 if key == on else 0
        m.clear_objective()
        if objective is not None:
            (m.maximize if maximize else m.minimize)(v.model.expression(objective))
        status = self.solver.solve(m)
        self.calls += 1
        if self.log is not None:
            self.log(
                f"{self.solver.wall_time:8.2f} s {self.solver.status_name(status):10} "
                f"{what} [{v.name}]"
            )
        if status not in _GOOD:
            return int(status), 0, 0, False
        value = bound = 0
        if objective is not None:
            value = round(self.solver.objective_value)
            bound = (
                math.floor(self.solver.best_objective_bound + 1e-6)
                if maximize
                else math.ceil(self.solver.best_objective_bound - 1e-6)
            )
        exact = v.model.exact or v.model.exact_ok(list(self.solver.response_proto.solution))
        return int(status), value, bound, exact

    def feasible(self, what: str, on: tuple[str, str] | None = None) -> str:
        """ "feasible", "infeasible" or "unknown", exactly."""
        for step, (scale, relax) in enumerate(self._ladder()):
            self.refined += step == 1
            status, _, _, exact = self._solve(self._variant(scale, relax), what, on, None, False)
            if status == cp_model.UNKNOWN:
                return "unknown"
            if relax and status == cp_model.INFEASIBLE:
                return "infeasible"  # even the looser model has no solution
            if status in _GOOD and (exact or not relax):
                return "feasible"  # a solution of the exact rows
        raise AssertionError("the exact model always settles feasibility")

    def extreme(self, t: Total, sense: str) -> tuple[int | None, int | None, bool]:
        """Certified interval ``[lo, hi]`` of the min or max of ``t``, and whether proven."""
        maximize = sense == "max"
        best: int | None = None  # attained by an exact solution
        bound: int | None = None  # no exact solution does better
        for step, (scale, relax) in enumerate(self._ladder()):
            self.refined += step == 1
            status, value, limit, exact = self._solve(
                self._variant(scale, relax), f"{sense} {t}", None, t, maximize
            )
            if status not in _GOOD:
                if relax:
                    break  # out of time: nothing finer will do better
                continue  # the tighter model may have no solution at all
            if relax:
                bound = limit if bound is None else (min if maximize else max)(bound, limit)
            if exact or not relax:
                best = value if best is None else (max if maximize else min)(best, value)
            if best is not None and best == bound:
                break
            if status != cp_model.OPTIMAL and relax:
                break  # cut by the time limit: a finer model will not do better
        lo, hi = (best, bound) if maximize else (bound, best)
        return lo, hi, lo is not None and lo == hi


def answer(
    d: dict[str, Any],
    workers: int = 2,
    time_limit: float = 600.0,
    seed: int = 0,
    log: Callable[[str], None] | None = None,
) -> Answers:
    """Base status, claim verdicts and estimate bounds of scenario dict ``d``."""
    solver = _Solver(d, workers, time_limit, seed, log)
    claim_ids = [s["id"] for s in d.get("claims") or []]
    base = solver.feasible("base")
    if base != "feasible":
        verdict = "inconsistent" if base == "infeasible" else "unknown"
        return Answers(
            base,
            [{"id": i, "verdict": verdict} for i in claim_ids],
            [],
            solver.calls,
            solver.refined,
        )
    claims = []
    for claim_id in claim_ids:
        verdict = {"infeasible": "inconsistent", "unknown": "unknown"}.get(
            solver.feasible(f"{claim_id} holds", (claim_id, "holds")), ""
        )
        if not verdict:
            verdict = {"infeasible": "implied", "unknown": "unknown"}.get(
                solver.feasible(f"{claim_id} fails", (claim_id, "fails")), "consistent"
            )
        claims.append({"id": claim_id, "verdict": verdict})
    bounds = []
    for t in estimate_rows(d, solver.data):
        row: dict[str, Any] = t.as_json()
        for sense in ("min", "max"):
            constant = solver._variant(SCALES[0], True).model.expression(t)
            if isinstance(constant, int):  # e.g. nothing selected, or only flights that must fly
                lo = hi = constant
            else:
                lo, hi, _ = solver.extreme(t, sense)
            proven = lo is not None and lo == hi
            row[sense] = lo if proven else None
            row[f"{sense}_proven"] = proven
            row[f"{sense}_interval"] = [lo, hi]
        bounds.append(row)
    return Answers("feasible", claims, bounds, solver.calls, solver.refined)


_KEYS = ("total", "to", "from", "aircraft", "flights")


def analysis_answers(analysis: Any) -> dict[str, Any]:
    """airlift's ``Analysis`` in the shape of :meth:`Answers.as_json`, read by attribute.

    Duck-typed on purpose: this module never imports airlift, so that it stays
    an independent check.
    """
    bounds = []
    for b in analysis.bounds:
        spec = b.spec
        row: dict[str, Any] = {
            "total": spec.total,
            "to": _list(spec.to),
            "from": _list(spec.from_),
            "aircraft": _list(spec.aircraft),
            "flights": _list(spec.flights),
        }
        for sense, extreme in (("min", b.min), ("max", b.max)):
            row[sense] = extreme.lo if extreme.proven and not extreme.unbounded else None
            row[f"{sense}_proven"] = bool(extreme.proven)
            row[f"{sense}_interval"] = [extreme.lo, extreme.hi]
            if extreme.unbounded:
                row[f"{sense}_unbounded"] = True
        bounds.append(row)
    return {
        "base_status": str(analysis.base_status),
        "claims": [{"id": c.ref.id, "verdict": str(c.verdict)} for c in analysis.claims],
        "bounds": bounds,
    }


def differences(
    expected: dict[str, Any], actual: dict[str, Any], require_proven: bool = True
) -> list[str]:
    """Where ``actual`` answers disagree with ``expected`` (both shaped like ``as_json``).

    An expected value that is not proven only requires the actual proven value
    to lie in its certified interval. With ``require_proven``, an actual bound
    that is not proven where the expected one is counts as a difference.
    """
    out: list[str] = []
    if expected["base_status"] != actual["base_status"]:
        out.append(f"base status {actual['base_status']}, expected {expected['base_status']}")
    want = {c["id"]: c["verdict"] for c in expected["claims"]}
    got = {c["id"]: c["verdict"] for c in actual["claims"]}
    if list(want) != list(got):
        out.append(f"claims {list(got)}, expected {list(want)}")
    for claim_id, verdict in want.items():
        if verdict != "unknown" and got.get(claim_id, verdict) != verdict:
            out.append(f"claim {claim_id}: {got[claim_id]}, expected {verdict}")
    if expected["base_status"] != "feasible" or actual["base_status"] != "feasible":
        return out

    def key(row: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(tuple(row[k]) if isinstance(row[k], list) else row[k] for k in _KEYS)

    rows = {key(r): r for r in actual["bounds"]}
    for extra in sorted(rows.keys() - {key(r) for r in expected["bounds"]}, key=repr):
        out.append(f"bound {extra}: not expected")
    for row in expected["bounds"]:
        mine = rows.get(key(row))
        if mine is None:
            out.append(f"bound {key(row)}: missing")
            continue
        for sense in ("min", "max"):
            where = f"{sense} of {key(row)}"
            if row[f"{sense}_proven"] and mine[f"{sense}_proven"]:
                if row[sense] != mine[sense]:
                    out.append(f"{where}: {mine[sense]}, expected {row[sense]}")
            elif row[f"{sense}_proven"]:
                if require_proven:
                    out.append(
                        f"{where}: not proven ({mine[f'{sense}_interval']}), expected {row[sense]}"
                    )
            elif mine[f"{sense}_proven"]:
                lo, hi = row[f"{sense}_interval"]
                if (lo is not None and mine[sense] < lo) or (hi is not None and mine[sense] > hi):
                    out.append(f"{where}: {mine[sense]}, outside expected [{lo}, {hi}]")
    return out


def _run_case(name: str, out: Path, workers: int, time_limit: float, verbose: bool) -> None:
    """Generate case ``name``, answer it and write the JSON with its cost."""
    from bench.generator import CASES, generate

    start = time.perf_counter()
    settings = CASES[name]
    log = (lambda line: print(f"{name}: {line}", file=sys.stderr, flush=True)) if verbose else None
    scenario = generate(**settings)
    result = answer(scenario, workers=workers, time_limit=time_limit, log=log)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    body = {
        "case": name,
        "generator": settings,
        "scenario_sha256": fingerprint(scenario),
        **result.as_json(),
        "produced_by": {
            "command": "python -m bench.per_flight --write-expected",
            "model": "bench.per_flight",
            "workers": workers,
            "solver_calls": result.calls,
            "refined_questions": result.refined,
            "time_limit_per_solve_s": time_limit,
            "ortools": _ortools_version(),
            "seconds": round(seconds, 1),
            "peak_rss_mb": round(peak_mb),
        },
    }
    out.write_text(_dumps(body), encoding="utf-8")


def fingerprint(scenario: dict[str, Any]) -> str:
    """SHA-256 of the scenario's canonical JSON: expected answers belong to this exact dict."""
    text = json.dumps(scenario, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _dumps(body: dict[str, Any]) -> str:
    """JSON with one claim or bound per line, so that diffs of expected files read well."""
    lines = []
    for key, value in body.items():
        if isinstance(value, list):
            rows = ",\n".join(f"  {json.dumps(v)}" for v in value)
            inside = f"\n{rows}\n " if value else ""
            lines.append(f" {json.dumps(key)}: [{inside}]")
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _ortools_version() -> str:
    from importlib.metadata import version

    return version("ortools")


def main(argv: list[str] | None = None) -> int:
    """Command line: answer a YAML file, or (re)write ``bench/expected``."""
    parser = argparse.ArgumentParser(prog="python -m bench.per_flight")
    parser.add_argument("file", nargs="?", help="a scenario YAML file to answer")
    parser.add_argument(
        "--write-expected",
        action="store_true",
        help="answer every case in bench.generator.CASES, one process each",
    )
    parser.add_argument("--cases", help="comma-separated case names (default: all)")
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--verbose", action="store_true", help="log every solver call")
    parser.add_argument(
        "--time-limit", type=float, default=3600.0, help="wall-clock seconds per solver call"
    )
    args = parser.parse_args(argv)
    if args.case:
        _run_case(args.case, Path(args.out), args.workers, args.time_limit, args.verbose)
        return 0
    if args.write_expected:
        from bench.generator import CASES

        EXPECTED.mkdir(exist_ok=True)
        for name in args.cases.split(",") if args.cases else CASES:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.per_flight",
                    "--case",
                    name,
                    "--out",
                    str(EXPECTED / f"{name}.json"),
                    "--workers",
                    str(args.workers),
                    "--time-limit",
                    str(args.time_limit),
                    *(["--verbose"] if args.verbose else []),
                ],
                check=True,
            )
        return 0
    if not args.file:
        parser.error("give a scenario file or --write-expected")
    import yaml

    text = Path(args.file).read_text(encoding="utf-8")
    result = answer(yaml.safe_load(text), workers=args.workers, time_limit=args.time_limit)
    print(json.dumps(result.as_json(), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
