"""Conflicts, relaxations and the minimum correction set against the brute-force oracle.

For tiny random scenarios in which claims conflict often
(:func:`tests.oracle.conflict_scenarios.conflict_scenario`) and a few written
by hand, every answer of :func:`airlift.analysis.explain` is re-derived by
enumeration, with statements dropped and numbers moved by
:mod:`tests.oracle.statements` (which never imports airlift):

- a conflict's members cannot hold together, and dropping any one of them
  lets the rest hold (minimality);
- a context has conflicts exactly when the oracle finds it infeasible; the
  conflicts of one context are disjoint (but for the claim of a
  ``claim:<id>`` context), and when fewer than the limit are reported, what
  is left of the context once their members are dropped holds;
- a relaxation's ``needed`` value lets the conflict hold with the rest of it
  fixed, the next value toward ``current`` does not, and its witness is valid
  with the value moved; a number with no relaxation has no value that helps;
- the correction's claims, dropped, let the rest hold with the base, and no
  smaller set of claims does;
- under default options conflicts and relaxations are proven; a run cut
  short by solver limits never calls an unchecked conflict or relaxation
  proven.

Statements are keyed ``(role, id)`` as the engine names them. ``uses`` are
structure here, as in the engine: they stand and fall with their limit. Every
odd seed's scenario is renamed (:mod:`tests.oracle.awkward_names`), so that the
names of its aircraft, cargo, limits, airfields, groups and statements hold
dots, spaces, quotes and Cyrillic letters.
"""

from __future__ import annotations

import copy
import functools
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import replace
from fractions import Fraction
from typing import Any

import pytest

from airlift.analysis import explain
from airlift.model import SolveOptions
from airlift.result import Allocation, Conflict, Explanation, Relaxation, StatementRef
from airlift.scenario import scenario_from_dict
from tests.analysis.alike_oracle import alike_groups, alike_statements, swapped
from tests.oracle.awkward_names import renamed
from tests.oracle.brute_force import check_allocation
from tests.oracle.conflict_scenarios import conflict_scenario
from tests.oracle.reachable import TooMany, feasible
from tests.oracle.statements import Key, moved, number, restrict, statement_keys

OPTIONS = SolveOptions(time_limit=10, seed=0)
#: Solver calls that stop before any search: presolve alone must decide, or nothing is proven.
CUT = SolveOptions(
    time_limit=10, seed=0, params={"max_number_of_conflicts": 0, "cp_model_presolve": False}
)
SEEDS = range(120)
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

    def relaxing(self, members: Iterable[Key]) -> dict[str, Any]:
        """What a conflict's relaxations move a number in: its members, and every payload,
        mass and limit as written (the engine keeps them, so that a count relaxed up
        needs the flights that really carry the claim)."""
        physical = [k for k in self.base if k[0] in ("payload", "mass", "limit")]
        return restrict(self.d, [*members, *physical, *self.uses])

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
        assert ("claim", c.context[len("claim:") :]) in members, f"{what}: without its claim"
    if proven_only and not c.proven:
        return
    assert not t.holds(members), f"{what}: the oracle finds the members hold together"
    for m in members:
        rest = [k for k in members if k != m]
        assert t.holds(rest), f"{what}: still impossible without {m} (not minimal)"


def _at(
    restricted: Mapping[str, Any], k: Key, field: str, direction: str, value: Fraction
) -> dict[str, Any]:
    """The restricted scenario with the number ``field`` of ``k`` moved to ``value``.

    ``equals: v`` moved down to ``x`` reads ``between: [x, v]`` (up: ``[v, x]``):
    the engine moves one end of the statement's interval. For a sum this is
    the same as ``equals: x``, as ``x`` is the nearest value the rest allows.
    """
    if field != "equals":
        return moved(restricted, k, field, value)
    s = copy.deepcopy(dict(restricted))
    statement = next(x for x in s["assumptions"] if x["id"] == k[1])
    v = statement.pop("equals")
    statement["between"] = [v, v]
    end = "between.lo" if direction == "down" else "between.hi"
    return moved(s, k, end, value)


def _extreme(restricted: Mapping[str, Any], k: Key, field: str, direction: str) -> dict[str, Any]:
    """The restricted scenario with one number as far as it goes in ``direction``."""
    out = _at(restricted, k, field, direction, Fraction(0) if direction == "down" else FAR)
    if field == "count.max":  # as far as it goes: no maximum at all
        group = next(g for g in out["flights"] if g["id"] == k[1])
        group["count"] = {"min": group["count"]["min"]}
    return out


def numbers(d: Mapping[str, Any], k: Key) -> list[tuple[str, str]]:
    """The (field, direction) pairs a relaxation of statement ``k`` may move."""
    if k[0] in ("claim", "assumption"):
        s = next(
            x for x in (*(d.get("claims") or ()), *(d.get("assumptions") or ())) if x["id"] == k[1]
        )
        if "at_least" in s:
            return [("at_least", "down")] if s["at_least"] > 0 else []
        if "at_most" in s:
            return [("at_most", "up")]
        if "equals" in s:
            return [("equals", "down")] * (s["equals"] > 0) + [("equals", "up")]
        return [("between.lo", "down")] * (s["between"][0] > 0) + [("between.hi", "up")]
    if k[0] == "flights":
        count = next(g for g in d["flights"] if g["id"] == k[1])["count"]
        lo, hi = (count["min"], count.get("max")) if isinstance(count, Mapping) else (count, count)
        return [("count.max", "up")] * (hi is not None) + [("count.min", "down")] * (lo > 0)
    return [
        (
            {"payload": "payload", "limit": "limit", "mass": "mass", "uses": "uses"}[k[0]],
            "down" if k[0] in ("mass", "uses") else "up",
        )
    ]


def check_relaxations_complete(t: Truth, c: Conflict) -> None:
    """Every number of the conflict gets a relaxation, unless no value of it ends the conflict.

    A member alike one before it has the first one's relaxations (see :func:`alike_relaxed`).
    """
    given = [(key(r.statement), r.field, r.direction) for r in c.relaxations]
    assert len(set(given)) == len(given), f"{c.context}: a relaxation twice: {given}"
    given += [(key(m.statement), m.field, m.direction) for m in alike_relaxed(c)]
    members = [key(m) for m in c.members]
    restricted = t.relaxing(members)
    for k in members:
        for field, direction in numbers(t.d, k):
            if (k, field, direction) in given:
                continue
            kk = ("assumption", k[1]) if k[0] == "claim" else k
            assert not can_hold(_extreme(restricted, kk, field, direction)), (
                f"{c.context}: no relaxation of {k} {field} {direction}, but one exists"
            )


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
    restricted = t.relaxing(members)
    if k[0] == "claim":  # kept claims are assumptions of the same id there
        k = ("assumption", k[1])
    if r.needed is None:
        assert not can_hold(_extreme(restricted, k, r.field, r.direction)), (
            f"{what}: reported impossible, but the farthest value works"
        )
        return
    assert (r.needed < r.current) if r.direction == "down" else (r.needed > r.current), what
    assert r.needed.denominator == 1, f"{what}: not on the unit grid"
    relaxed = _at(restricted, k, r.field, r.direction, r.needed)
    assert can_hold(relaxed), f"{what}: needed value does not work"
    if r.witness is not None:
        problems = check_allocation(relaxed, rows(r.witness))
        assert problems == [], f"{what}: witness {problems}"
    else:
        assert not r.proven, f"{what}: proven without a witness"
    step = r.needed + 1 if r.direction == "down" else r.needed - 1  # back toward current
    if step != r.current:
        assert not can_hold(_at(restricted, k, r.field, r.direction, step)), (
            f"{what}: {step} (nearer {r.current}) works too"
        )


def check_correction(t: Truth, e: Explanation, *, minimal: bool = False) -> None:
    """The fewest claims to drop, re-derived by trying every smaller set.

    A correction marked proven must be the smallest; with ``minimal`` (no time
    limit can have cut these tiny searches short) every one must be.
    """
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
    if corr.proven or minimal:
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
            assert got == (k not in t.possible), (
                f"claim {k[1]}: possible {k in t.possible}, conflicts reported: {got}"
            )
        clash = len(t.possible) > 1 and not t.holds(t.base + t.possible)
        assert ("claims" in by_context) == clash, (
            f"possible claims {t.possible} clash: {clash}, conflicts: {'claims' in by_context}"
        )
    stopped = any("search for conflicts" in n and "stopped" in n for n in e.notes)
    twins = alike_groups(t.d)
    for context, found in by_context.items():
        keep = ("claim", context[len("claim:") :]) if context.startswith("claim:") else None
        for a, b in itertools.combinations(found, 2):
            shared = {key(m) for m in a.members} & {key(m) for m in b.members}
            assert shared <= {keep}, f"{context}: conflicts share {shared - {keep}}"
        alone = any({key(m) for m in c.members} == {keep} for c in found)
        if alone:  # a claim that cannot hold even on its own is reported once, alone
            assert len(found) == 1, f"{context}: the claim alone, and other conflicts besides"
        elif len(found) < limit and not stopped:
            used = {key(m) for c in found for m in c.members} - {keep}
            # a conflict takes every group alike one of its own out of the search: another
            # among them would be the same conflict under other names
            used |= {("flights", g) for k in used if k[0] == "flights" for g in twins[k[1]]}
            rest = [k for k in t.contexts()[context] if k not in used]
            assert t.holds(rest), f"{context}: another conflict remains in {rest}"


def alike_relaxed(c: Conflict) -> list[Relaxation]:
    """The relaxations a conflict states of its alike members: the first member's, said of
    each other one, with a witness whose two groups are swapped back into an allocation."""
    refs = {m.key: m for m in c.members}
    out = []
    for members in (a.keys for a in c.alike):
        first = refs[members[0]]
        for other in members[1:]:
            for r in c.relaxations:
                if r.statement.key == first.key:
                    out.append(replace(r, statement=refs[other], witness=r.witness))
    return out


def check_alike(t: Truth, c: Conflict) -> None:
    """The members a conflict calls alike are alike by the oracle's own reading."""
    groups = alike_groups(t.d)
    claims = alike_statements(t.d, "claims")
    assumptions = alike_statements(t.d, "assumptions")
    for alike in c.alike:
        members = alike.keys
        assert len(members) > 1 or alike.among > 1, f"{c.context}: a class of one"
        roles = {k.role.value for k in members}
        assert len(roles) == 1, f"{c.context}: alike across roles {roles}"
        table = {"flights": groups, "claim": claims, "assumption": assumptions}[roles.pop()]
        first = members[0].entry
        assert all(k.entry in table[first] for k in members), f"{c.context}: not alike {members}"
        assert alike.among == len(table[first] if members[0].role.value == "flights" else members)


def check_alike_relaxation(t: Truth, c: Conflict, r: Relaxation, first: StatementRef) -> None:
    """An alike member's relaxation, checked as its own, its witness the first's swapped."""
    if r.witness is None or r.statement.role != "flights":
        check_relaxation(t, c, r)
        return
    original = rows(r.witness)
    moved_rows = swapped(original, first.id, r.statement.id)
    check_relaxation(t, c, replace(r, witness=None, proven=False))
    members = [key(m) for m in c.members]
    relaxed = _at(t.restricted(members), key(r.statement), r.field, r.direction, r.needed)
    assert check_allocation(relaxed, moved_rows) == [], f"{c.context}: swapped witness fails"


def check_explanation(d: Mapping[str, Any], e: Explanation, limit: int = 5) -> Truth:
    """Every conflict, relaxation and the correction of ``e`` against the oracle."""
    t = Truth(d)
    check_contexts(t, e, limit)
    for c in e.conflicts:
        assert c.proven, f"{c.context}: not proven under default options"
        check_conflict(t, c)
        check_alike(t, c)
        for r in c.relaxations:
            assert r.proven, f"{c.context}: relaxation of {r.statement.id} not proven"
            check_relaxation(t, c, r)
        firsts = {k: a.keys[0] for a in c.alike for k in a.keys[1:]}
        refs = {m.key: m for m in c.members}
        for r in alike_relaxed(c):
            check_alike_relaxation(t, c, r, refs[firsts[r.statement.key]])
        check_relaxations_complete(t, c)
    check_correction(t, e, minimal=True)
    return t


# --------------------------------------------------------------------------- random


@functools.cache
def _explained(seed: int) -> tuple[dict[str, Any], Explanation]:
    """The scenario of a seed and its explanation; every odd seed's names would break a
    dotted path (``Il-76.MD``, ``box.v2``, ``floor length``, ``Москва Шереметьево``)."""
    d = conflict_scenario(seed)
    if seed % 2:
        d = renamed(d)
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
    seen_contexts: set[str] = set()
    seen_fields: set[tuple[str, str]] = set()
    seen_roles: set[str] = set()
    corrections = 0
    for seed in SEEDS:
        _, e = _explained(seed)
        for c in e.conflicts:
            seen_contexts.add(c.context.split(":")[0])
            seen_roles.update(m.role for m in c.members)
            seen_fields.update((r.field, r.direction) for r in c.relaxations)
        corrections += e.correction is not None
    assert seen_contexts == {"base", "claim", "claims"}
    assert seen_roles == {"claim", "assumption", "flights", "payload", "limit", "mass"}
    assert {f for f, _ in seen_fields} >= DOWN - {"uses"} | UP | {"equals"}, seen_fields
    assert {("equals", "up"), ("equals", "down")} <= seen_fields
    assert corrections >= 20


def test_corrections_are_proven_under_default_options() -> None:
    unproven = [
        seed for seed in SEEDS if (c := _explained(seed)[1].correction) is not None and not c.proven
    ]
    assert unproven == []


def test_one_inconsistent_per_flight_claim_is_proven_the_only_one_to_drop() -> None:
    """The smallest case of the above: one claim, 'each flight carried 4' where 3 fit."""
    d = _hand(
        [_group(count=1)],
        claims=[{"id": "each-four", "total": "missile", "per_flight": True, "at_least": 4}],
    )
    e = explain(scenario_from_dict(copy.deepcopy(d)), OPTIONS)
    check_explanation(d, e)
    assert e.correction is not None
    assert [r.id for r in e.correction.drop] == ["each-four"]
    assert e.correction.proven


#: Settings that stop solver calls early, so that some answers are left unproven.
CUTS = {
    "no-search": CUT,  # nothing beyond propagation: conflicts found are all unproven
    "one-conflict": SolveOptions(time_limit=10, seed=0, params={"max_number_of_conflicts": 1}),
}


@pytest.mark.parametrize("cut", list(CUTS))
def test_a_cut_run_never_calls_an_unchecked_answer_proven(cut: str) -> None:
    """With solver calls cut short, whatever is still marked proven must pass the oracle.

    An unproven conflict may be neither minimal nor proven impossible, so only
    its context is checked; any witness must still be valid.
    """
    proven = unproven = 0
    for seed in SEEDS[::4]:
        d, full = _explained(seed)
        if not full.conflicts:
            continue
        e = explain(scenario_from_dict(copy.deepcopy(d)), CUTS[cut])
        t = Truth(d)
        for c in e.conflicts:
            check_conflict(t, c, proven_only=True)
            for r in c.relaxations:
                if r.proven:
                    check_relaxation(t, c, r)
                elif r.needed is not None and r.witness is not None:
                    members = [key(m) for m in c.members]
                    k = (
                        ("assumption", r.statement.id)
                        if r.statement.role == "claim"
                        else key(r.statement)
                    )
                    relaxed = _at(t.restricted(members), k, r.field, r.direction, r.needed)
                    assert check_allocation(relaxed, rows(r.witness)) == [], (seed, r)
                proven += r.proven
                unproven += not r.proven
            proven += c.proven
            unproven += not c.proven
        if e.correction is not None:
            check_correction(t, e)
    assert unproven > 0, "the cut never bit: this test checks nothing"
    if cut == "one-conflict":
        assert proven > 0, "nothing proven: this test checks nothing"


# --------------------------------------------------------------------------- by hand


def _hand(
    flights: list[dict[str, Any]],
    *,
    payload: Any = "10 t",
    cargo: dict[str, Any] | None = None,
    limits: dict[str, Any] | None = None,
    assumptions: list[dict[str, Any]] | None = None,
    claims: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Aircraft A (``payload``, ``limits``) flies from O to X or Y; missiles m weigh 3 t."""
    aircraft: dict[str, Any] = {"A": {"payload": payload}}
    if limits:
        aircraft["A"]["limits"] = limits
    return {
        "title": "by hand",
        "airfields": {"O": {}, "X": {}, "Y": {}},
        "aircraft": aircraft,
        "cargo": cargo or {"m": {"kind": "missile", "mass": "3 t"}},
        "flights": flights,
        "assumptions": assumptions or [],
        "claims": claims or [],
    }


def _group(gid: str = "g", count: Any = 2, to: Any = "X", **extra: Any) -> dict[str, Any]:
    return {"id": gid, "aircraft": "A", "count": count, "from": "O", "to": to, **extra}


def _explain_by_hand(d: dict[str, Any], **kwargs: Any) -> Explanation:
    e = explain(scenario_from_dict(copy.deepcopy(d)), OPTIONS, **kwargs)
    check_explanation(d, e, limit=kwargs.get("limit", 5))
    return e


def _members(c: Conflict) -> set[Key]:
    return {key(m) for m in c.members}


def _needed(c: Conflict) -> dict[tuple[str, str], Fraction | None]:
    return {(r.statement.id, r.field): r.needed for r in c.relaxations}


PAYLOAD, MASS = ("payload", "aircraft.A.payload"), ("mass", "cargo.m.mass")


def test_a_claim_beyond_two_full_flights() -> None:
    # Two flights, 10 t each, missiles of 3 t: 3 per flight, 6 in all; the claim says 7.
    d = _hand([_group()], claims=[{"id": "seven", "total": "missile", "at_least": 7}])
    e = _explain_by_hand(d)
    (c,) = e.conflicts
    assert c.context == "claim:seven"
    assert _members(c) == {("claim", "seven"), ("flights", "g"), PAYLOAD, MASS}
    # 6 missiles fit; a third flight carries 7; 7 on two flights puts 4 on one:
    # 4 x 3 t = 12 t of payload, or missiles of 10 t / 4 = 2.5 t.
    # Fewer flights than 2 never help, so the count's minimum has no relaxation.
    assert _needed(c) == {
        ("seven", "at_least"): 6,
        ("g", "count.max"): 3,
        ("aircraft.A.payload", "payload"): 12_000,
        ("cargo.m.mass", "mass"): 2_500,
    }
    assert {r.unit for r in c.relaxations if r.field in ("payload", "mass")} == {"kg"}
    assert e.correction is not None and [r.id for r in e.correction.drop] == ["seven"]


def test_masses_off_the_tonne_grid() -> None:
    # 10.5 t / 2.7 t = 3.9: 3 per flight, 6 on two flights; 8 need 4 per flight:
    # 4 x 2.7 t = 10.8 t of payload, or missiles of at most 10.5 t / 4 = 2.625 t.
    d = _hand(
        [_group()],
        payload="10.5 t",
        cargo={"m": {"kind": "missile", "mass": {"min": "2.7 t", "max": "3.1 t"}}},
        claims=[{"id": "eight", "total": "missile", "at_least": 8}],
    )
    (c,) = _explain_by_hand(d).conflicts
    needed = _needed(c)
    assert needed[("aircraft.A.payload", "payload")] == 10_800
    assert needed[("cargo.m.mass", "mass")] == 2_625
    assert needed[("g", "count.max")] == 3  # 3 flights x 3 = 9 >= 8


def test_slots_bind_before_payload() -> None:
    # 20 t of payload but 3 slots; missiles of 1 t take a slot each: 3 per flight.
    d = _hand(
        [_group()],
        payload="20 t",
        limits={"slots": 3},
        cargo={"m": {"kind": "missile", "mass": "1 t", "uses": {"slots": 1}}},
        claims=[{"id": "seven", "total": "missile", "at_least": 7}],
    )
    (c,) = _explain_by_hand(d).conflicts
    assert _members(c) == {
        ("claim", "seven"),
        ("flights", "g"),
        ("limit", "aircraft.A.limits.slots"),
    }
    assert _needed(c)[("aircraft.A.limits.slots", "limit")] == 4
    assert {r.unit for r in c.relaxations if r.field == "limit"} == {""}


def test_two_claims_that_each_hold_alone() -> None:
    # One flight, to X or to Y: a flight to X and a flight to Y cannot both happen.
    d = _hand(
        [_group(count=1, to=["X", "Y"])],
        claims=[
            {"id": "x", "total": "flights", "to": "X", "at_least": 1},
            {"id": "y", "total": "flights", "to": "Y", "at_least": 1},
        ],
    )
    e = _explain_by_hand(d)
    (c,) = e.conflicts
    assert c.context == "claims"
    assert _members(c) == {("claim", "x"), ("claim", "y"), ("flights", "g")}
    assert _needed(c) == {("x", "at_least"): 0, ("y", "at_least"): 0, ("g", "count.max"): 2}
    assert e.correction is not None and len(e.correction.drop) == 1 and e.correction.proven
    # Asked about one claim, the joint conflict it is part of is still shown.
    only_x = _explain_by_hand(d, claim="x")
    assert [x.context for x in only_x.conflicts] == ["claims"]


def test_an_impossible_base_with_two_disjoint_reasons() -> None:
    # g1 (A, 10 t) carries missiles of 3 t, and each is said to carry 4: 12 t.
    # g2 (B, 5 t) carries shells of 2 t, and each is said to carry 3: 6 t.
    d = _hand(
        [
            _group("g1", count={"min": 1, "max": 2}, carries="m"),
            {**_group("g2", count=1, carries="s"), "aircraft": "B"},
        ],
        cargo={"m": {"kind": "missile", "mass": "3 t"}, "s": {"kind": "shell", "mass": "2 t"}},
        assumptions=[
            {"id": "four", "total": "missile", "flights": "g1", "per_flight": True, "at_least": 4},
            {"id": "three", "total": "shell", "flights": "g2", "per_flight": True, "at_least": 3},
        ],
        claims=[{"id": "any", "total": "flights", "at_least": 0}],
    )
    d["aircraft"]["B"] = {"payload": "5 t"}
    e = _explain_by_hand(d)
    assert [c.context for c in e.conflicts] == ["base", "base"]
    assert {frozenset(_members(c)) for c in e.conflicts} == {
        frozenset({("assumption", "four"), ("flights", "g1"), PAYLOAD, MASS}),
        frozenset(
            {
                ("assumption", "three"),
                ("flights", "g2"),
                ("payload", "aircraft.B.payload"),
                ("mass", "cargo.s.mass"),
            }
        ),
    }
    four = next(c for c in e.conflicts if ("assumption", "four") in _members(c))
    # 3 per flight fit; 12 t lifts 4; 2.5 t missiles make 4; g1 may fly 0 times.
    assert _needed(four) == {
        ("four", "at_least"): 3,
        ("aircraft.A.payload", "payload"): 12_000,
        ("cargo.m.mass", "mass"): 2_500,
        ("g1", "count.min"): 0,
    }
    assert e.correction is None  # the base itself fails: no claim to drop helps
    # With a limit of one, one conflict is shown (and the check above allows more).
    assert len(_explain_by_hand(d, limit=1).conflicts) == 1


def test_between_and_equals_move_one_end() -> None:
    # 6 missiles at most on two flights; "7 to 9" and "exactly 7" both fail. Each
    # flight "exactly 4": 3 fit, so its lower end moves down to 3.
    d = _hand(
        [_group()],
        claims=[
            {"id": "range", "total": "missile", "between": [7, 9]},
            {"id": "exact", "total": "missile", "equals": 7},
            {"id": "each", "total": "missile", "per_flight": True, "equals": 4},
        ],
    )
    e = _explain_by_hand(d)
    by_context = {c.context: c for c in e.conflicts}
    assert _needed(by_context["claim:range"])[("range", "between.lo")] == 6
    assert ("range", "between.hi") not in _needed(by_context["claim:range"])
    assert _needed(by_context["claim:exact"])[("exact", "equals")] == 6
    each = [r for r in by_context["claim:each"].relaxations if r.statement.id == "each"]
    assert [(r.field, r.direction, r.needed) for r in each] == [("equals", "down", Fraction(3))]
