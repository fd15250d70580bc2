"""Conflicts, relaxations and the minimum correction set against the brute-force oracle.

For tiny random scenarios in which claims conflict often
(:func:`tests.oracle.conflict_scenarios.conflict_scenario`) and a few written
by hand, every answer of :func:`airlift.analysis.explain` is re-derived by
enumeration, with statements dropped and numbers moved by
:mod:`tests.oracle.statements` (which never imports airlift):

- a conflict's members cannot hold together, and dropping any one of them
  lets the rest hold (minimality); conflicts of one context are disjoint;
- a context with no conflict is feasible, and one with a conflict is not;
- a relaxation's ``needed`` value lets the conflict hold, the next value
  toward ``current`` does not, and its witness is valid with the value moved;
- the correction's claims, dropped, let the rest hold with the base, and no
  smaller set of claims does;
- under default options everything is proven; a run cut short by solver
  limits never calls an unchecked conflict or relaxation proven.
"""

from __future__ import annotations

import copy
import functools
import itertools
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

import pytest

import airlift.analysis
from tests.oracle.brute_force import check_allocation
from tests.oracle.conflict_scenarios import conflict_scenario
from tests.oracle.reachable import TooMany, feasible
from tests.oracle.statements import Key, moved, number, restrict, statement_keys

if not hasattr(airlift.analysis, "explain"):
    pytest.skip("airlift.analysis.explain is not written yet", allow_module_level=True)

from airlift.analysis import explain
from airlift.model import SolveOptions
from airlift.result import Allocation, Conflict, Explanation, Relaxation, StatementRef
from airlift.scenario import scenario_from_dict

OPTIONS = SolveOptions(time_limit=10, seed=0)
#: Solver calls that stop before any search: presolve alone must decide, or nothing is proven.
CUT = SolveOptions(time_limit=10, seed=0,
                   params={"max_number_of_conflicts": 0, "cp_model_presolve": False})
SEEDS = range(150)
#: Relaxation fields whose statements get easier to satisfy as the value moves that way.
DOWN = {"at_least", "between.lo", "count.min", "mass", "uses"}
UP = {"at_most", "between.hi", "count.max", "payload", "limit"}
UNITS = {"payload": "kg", "mass": "kg", "flights": "", "claim": "", "assumption": ""}
#: A value beyond any total of a tiny scenario, standing for "no bound in that direction".
FAR = Fraction(10**6)


def key(ref: StatementRef) -> Key:
    return ref.role, ref.id


def rows(allocation: Allocation) -> list[tuple[str, str, int, dict[str, int]]]:
    return [(r.flights, r.to, r.count, dict(r.load)) for r in allocation.rows]


class Skipped(Exception):
    """The oracle could not enumerate a restricted set (too many reachable totals)."""


def can_hold(restricted: Mapping[str, Any]) -> bool:
    """Whether the base of a restricted scenario has an allocation (counts may be open)."""
    try:
        return feasible(restricted)
    except TooMany as e:
        raise Skipped(str(e)) from e


class Truth:
    """What the oracle finds about one scenario dict: its statements and which contexts hold.

    ``uses`` entries are structure, not statements: the engine keeps them with
    the limit they fill (``BASE_ROLES`` in :mod:`airlift.analysis.explain`),
    so a kept limit applies with every use of it and a dropped one takes its
    uses along. :meth:`holds` therefore always keeps them.
    """

    def __init__(self, d: Mapping[str, Any]) -> None:
        self.d = d
        keys = list(statement_keys(d))
        self.uses = [k for k in keys if k[0] == "uses"]
        self.base = [k for k in keys if k[0] not in ("claim", "uses")]
        self.claims = [k for k in keys if k[0] == "claim"]
        self.base_ok = self.holds(self.base)
        self.possible = [k for k in self.claims if self.base_ok and self.holds([*self.base, k])]
        self.all_ok = self.base_ok and self.holds(self.base + self.claims)

    def holds(self, keep: Iterable[Key]) -> bool:
        """Whether the statements ``keep`` hold together, every other one dropped."""
        return can_hold(restrict(self.d, [*keep, *self.uses]))

    def restricted(self, keep: Iterable[Key]) -> dict[str, Any]:
        return restrict(self.d, [*keep, *self.uses])

    def contexts(self) -> dict[str, list[Key]]:
        """The statements each context judges: the base; the base and one claim; the claims
        that are each possible, together with the base."""
        out = {"base": self.base, "claims": self.base + self.possible}
        out.update({f"claim:{k[1]}": [*self.base, k] for k in self.claims})
        return out


# --------------------------------------------------------------------------- checks


def check_conflict(t: Truth, c: Conflict, *, proven_only: bool = False) -> None:
    """Infeasible, minimal, and made of statements its context judges."""
    members = [key(m) for m in c.members]
    what = f"{c.context} conflict {members}"
    assert len(set(members)) == len(members), f"{what}: a member twice"
    allowed = t.contexts().get(c.context)
    assert allowed is not None, f"{what}: unknown context"
    assert set(members) <= set(allowed), f"{what}: members outside the context"
    if c.context.startswith("claim:"):
        assert ("claim", c.context[len("claim:"):]) in members, f"{what}: without its claim"
    if proven_only and not c.proven:
        return
    assert not t.holds(members), f"{what}: the oracle finds the members hold together"
    for m in members:
        rest = [k for k in members if k != m]
        assert t.holds(rest), f"{what}: still impossible without {m} (not minimal)"


def _at(restricted: Mapping[str, Any], k: Key, r: Relaxation, value: Fraction) -> dict[str, Any]:
    """The restricted scenario with the relaxed number at ``value``.

    ``equals: v`` moved down to ``x`` reads ``between: [x, v]`` (up: ``[v, x]``):
    the engine moves one end of the statement's interval. For a sum this is
    the same as ``equals: x``, as ``x`` is the nearest value the rest allows.
    """
    if r.field != "equals":
        return moved(restricted, k, r.field, value)
    s = copy.deepcopy(dict(restricted))
    statement = next(x for x in s["assumptions"] if x["id"] == k[1])
    v = statement.pop("equals")
    statement["between"] = [v, v]
    end = "between.lo" if r.direction == "down" else "between.hi"
    return moved(s, k, end, value)


def check_relaxation(t: Truth, c: Conflict, r: Relaxation) -> None:
    """``needed`` works with the rest of the conflict fixed; one step back does not."""
    what = f"{c.context} relaxation of {r.statement.id}.{r.field} ({r.current} -> {r.needed})"
    members = [key(m) for m in c.members]
    k = key(r.statement)
    assert k in members, f"{what}: not a member of its conflict"
    assert r.direction in ("up", "down"), what
    if r.field in DOWN:
        assert r.direction == "down", what
    if r.field in UP:
        assert r.direction == "up", what
    assert r.current == number(t.d, k, r.field), f"{what}: current is not the scenario's value"
    if r.statement.role in UNITS:
        assert r.unit == UNITS[r.statement.role], f"{what}: unit {r.unit!r}"
    restricted = t.restricted(members)
    if k[0] == "claim":  # kept claims are assumptions of the same id there
        k = ("assumption", k[1])
    if r.needed is None:
        farthest = Fraction(0) if r.direction == "down" else FAR
        extreme = _at(restricted, k, r, farthest)
        if r.field == "count.max":  # as far as it goes: no maximum at all
            group = next(g for g in extreme["flights"] if g["id"] == k[1])
            group["count"] = {"min": group["count"]["min"]}
        assert not can_hold(extreme), f"{what}: reported impossible, but {farthest} works"
        return
    assert (r.needed < r.current) if r.direction == "down" else (r.needed > r.current), what
    assert r.needed.denominator == 1, f"{what}: not on the unit grid"
    relaxed = _at(restricted, k, r, r.needed)
    assert can_hold(relaxed), f"{what}: needed value does not work"
    if r.witness is not None:
        problems = check_allocation(relaxed, rows(r.witness))
        assert problems == [], f"{what}: witness {problems}"
    else:
        assert not r.proven, f"{what}: proven without a witness"
    step = r.needed + 1 if r.direction == "down" else r.needed - 1  # back toward current
    if step != r.current:
        assert not can_hold(_at(restricted, k, r, step)), \
            f"{what}: {step} (nearer {r.current}) works too"


def check_correction(t: Truth, e: Explanation) -> None:
    """The fewest claims to drop, re-derived by trying every smaller set."""
    if not t.base_ok or t.all_ok:
        assert e.correction is None, "a correction where none is needed"
        return
    corr = e.correction
    assert corr is not None, "no correction for claims that cannot hold together"
    drop = [key(r) for r in corr.drop]
    assert drop and set(drop) <= set(t.claims), f"drop {drop}"
    kept = [k for k in t.claims if k not in drop]
    assert t.holds(t.base + kept), f"dropping {drop} leaves claims that cannot hold"
    if corr.example is not None:
        problems = check_allocation(t.d, rows(corr.example), claims=[k[1] for k in kept])
        assert problems == [], f"correction example: {problems}"
    else:
        assert not corr.proven, "a proven correction without an example"
    if corr.proven:
        for n in range(len(drop)):
            for fewer in itertools.combinations(t.claims, n):
                rest = [k for k in t.claims if k not in fewer]
                assert not t.holds(t.base + rest), f"dropping only {fewer} is enough"


def check_contexts(t: Truth, e: Explanation, limit: int) -> None:
    """Conflicts exactly where the oracle finds a context infeasible; disjoint; exhaustive.

    A context with fewer than ``limit`` conflicts whose search finished has
    none left: its statements minus every member (its claim stays) hold.
    """
    by_context: dict[str, list[Conflict]] = {}
    for c in e.conflicts:
        by_context.setdefault(c.context, []).append(c)
    if not t.base_ok:
        assert set(by_context) == {"base"}, f"infeasible base, conflicts in {set(by_context)}"
    else:
        assert "base" not in by_context, "a base conflict in a feasible base"
        for k in t.claims:
            got = f"claim:{k[1]}" in by_context
            assert got == (k not in t.possible), \
                f"claim {k[1]}: possible {k in t.possible}, conflicts reported: {got}"
        clash = len(t.possible) > 1 and not t.holds(t.base + t.possible)
        assert ("claims" in by_context) == clash, \
            f"possible claims {t.possible} clash: {clash}, conflicts: {'claims' in by_context}"
    stopped = any("stopped at the time limit" in n for n in e.notes)
    for context, found in by_context.items():
        keep = ("claim", context[len("claim:"):]) if context.startswith("claim:") else None
        for a, b in itertools.combinations(found, 2):
            shared = {key(m) for m in a.members} & {key(m) for m in b.members}
            assert shared <= {keep}, f"{context}: conflicts share {shared - {keep}}"
        if len(found) < limit and not stopped:
            used = {key(m) for c in found for m in c.members} - {keep}
            rest = [k for k in t.contexts()[context] if k not in used]
            assert t.holds(rest), f"{context}: another conflict remains in {rest}"


def check_explanation(d: Mapping[str, Any], e: Explanation, limit: int = 5) -> Truth:
    """Every conflict, relaxation and the correction of ``e`` against the oracle."""
    t = Truth(d)
    check_contexts(t, e, limit)
    for c in e.conflicts:
        assert c.proven, f"{c.context}: not proven under default options"
        check_conflict(t, c)
        for r in c.relaxations:
            assert r.proven, f"{c.context}: relaxation of {r.statement.id} not proven"
            check_relaxation(t, c, r)
    check_correction(t, e)
    return t


# --------------------------------------------------------------------------- random


@functools.cache
def _explained(seed: int) -> tuple[dict[str, Any], Explanation]:
    d = conflict_scenario(seed)
    return d, explain(scenario_from_dict(copy.deepcopy(d)), OPTIONS)


@pytest.mark.parametrize("seed", SEEDS)
def test_explanation_matches_brute_force(seed: int) -> None:
    d, e = _explained(seed)
    try:
        check_explanation(d, e)
    except Skipped as s:
        pytest.skip(f"too big for the oracle: {s}")


def test_random_scenarios_cover_every_context_and_field() -> None:
    """The random cases above exercise what they claim to (else the checks prove little)."""
    seen_contexts, seen_fields, corrections = set(), set(), 0
    for seed in SEEDS:
        _, e = _explained(seed)
        for c in e.conflicts:
            seen_contexts.add(c.context.split(":")[0])
            seen_fields.update(r.field for r in c.relaxations)
        corrections += e.correction is not None
    assert seen_contexts == {"base", "claim", "claims"}
    assert {"at_least", "at_most", "count.max", "payload", "mass"} <= seen_fields, seen_fields
    assert corrections >= 10


@pytest.mark.parametrize("first_seed", range(0, 150, 30))
def test_a_cut_run_never_calls_an_unchecked_answer_proven(first_seed: int) -> None:
    """With no search allowed, whatever is still marked proven must pass the oracle."""
    for seed in range(first_seed, first_seed + 30):
        d, full = _explained(seed)
        if not full.conflicts:
            continue
        cut = explain(scenario_from_dict(copy.deepcopy(d)), CUT)
        try:
            t = Truth(d)
            for c in cut.conflicts:
                check_conflict(t, c, proven_only=True)
                for r in c.relaxations:
                    if r.proven:
                        check_relaxation(t, c, r)
            if cut.correction is not None and cut.correction.proven:
                check_correction(t, cut)
        except Skipped:
            continue
