"""One allocation against the base, and the literal enumeration, for the mass oracle.

:func:`check_allocation` re-checks an allocation that states its bulk kg per
flight (an engine witness): the mass variables stay unknowns it may choose, so an
allocation is valid when some value of every ranged mass makes every load fit
and every assumption (and the named claims) hold. :func:`brute_force_literal`
answers what :func:`tests.oracle.mass_oracle.mass_oracle` answers, allocation by
allocation, with one bulk variable per flight and bulk type.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any

from tests.oracle import exact_lp
from tests.oracle.mass_oracle import MassResult, Tally
from tests.oracle.mass_reading import (
    LP,
    ZERO,
    Filters,
    Form,
    MassRow,
    Plain,
    Spec,
    Stmt,
    TooBig,
    add_forms,
    count_value,
    load_mass,
    loads,
    plus,
    read,
    rows_of,
    scale_form,
    selected,
)

__all__ = ["brute_force_literal", "check_allocation", "claim_fails_in", "total_range_in"]

# --------------------------------------------------------------------------- one allocation


def _rows_valid(p: Plain, rows: Sequence[MassRow]) -> list[str]:
    problems = []
    counts = {g.id: 0 for g in p.groups}
    for gid, dest, count, load, bulk in rows:
        where = f"row {gid!r} to {dest!r}"
        if gid not in counts:
            problems.append(f"{where}: no such flight group")
            continue
        g = p.group(gid)
        if dest not in g.to:
            problems.append(f"{where}: {dest!r} is not among {g.to}")
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            problems.append(f"{where}: bad count {count!r}")
            continue
        counts[gid] += count
        for c, n in load.items():
            if c not in g.carries or p.cargo[c].bulk:
                problems.append(f"{where}: {c!r} is not a unit type it carries")
            if not isinstance(n, int) or isinstance(n, bool) or n < 0:
                problems.append(f"{where}: bad number {n!r} of {c!r}")
        for c, kg in bulk.items():
            if c not in g.carries or not p.cargo[c].bulk:
                problems.append(f"{where}: {c!r} is not a bulk type it carries")
            if not isinstance(kg, int | Fraction) or kg < 0:
                problems.append(f"{where}: bad amount {kg!r} of {c!r}")
        if count > 0:
            for limit, cap in p.limits[g.aircraft].items():
                used = sum((n * p.cargo[c].uses.get(limit, ZERO) for c, n in load.items()), ZERO)
                if used > cap:
                    problems.append(f"{where}: {limit} {used} over {cap}")
    for g in p.groups:
        if counts[g.id] < g.count_min or (g.count_max is not None and counts[g.id] > g.count_max):
            problems.append(f"group {g.id!r}: {counts[g.id]} flights, outside its count")
    return problems


def _value(p: Plain, total: str, mass: bool, load: Mapping[str, int], bulk: Any) -> Form:
    """One flight's value of a total, as a form (count totals: a constant)."""
    if not mass:
        return p.const(Fraction(count_value(p, total, load)))
    members = p.members(total)
    form = load_mass(p, load, members)
    extra = sum((Fraction(kg) for c, kg in bulk.items() if c in members), ZERO)
    return add_forms(form, p.const(extra))


def _selected_rows(p: Plain, rows: Sequence[MassRow], filters: Filters) -> list[MassRow]:
    return [r for r in rows if r[2] > 0 and selected(p.group(r[0]), r[1], filters)]


def _allocation_lp(p: Plain, rows: Sequence[MassRow], claims: Iterable[Stmt]) -> LP:
    """The LP over the mass variables for a fixed allocation, base and ``claims`` imposed."""
    lp = LP(p)
    for gid, _dest, count, load, bulk in rows:
        if count <= 0:
            continue
        g = p.group(gid)
        extra = sum((Fraction(kg) for kg in bulk.values()), ZERO)
        used = add_forms(load_mass(p, load), p.const(extra))
        lp.bound(lp.expr(used), None, p.payload[g.aircraft])
    for s in (*p.assumptions, *claims):
        _impose(p, lp, rows, s)
    return lp


def _impose(p: Plain, lp: LP, rows: Sequence[MassRow], s: Stmt) -> None:
    chosen = _selected_rows(p, rows, s.filters)
    if s.per_flight:
        for _gid, _dest, _count, load, bulk in chosen:
            lp.bound(lp.expr(_value(p, s.total, s.mass, load, bulk)), s.lo, s.hi)
    else:
        total = p.zero
        for _gid, _dest, count, load, bulk in chosen:
            total = add_forms(total, scale_form(_value(p, s.total, s.mass, load, bulk), count))
        lp.bound(lp.expr(total), s.lo, s.hi)


def _as_rows(rows: Iterable[Any]) -> list[MassRow]:
    out: list[MassRow] = []
    for r in rows:
        if len(r) == 4:
            gid, dest, count, load = r
            bulk: Mapping[str, Fraction] = {}
        else:
            gid, dest, count, load, bulk = r
        out.append((gid, dest, count, dict(load), dict(bulk)))
    return out


def _stmt(p: Plain, statement_id: str) -> Stmt:
    for s in (*p.assumptions, *p.claims):
        if s.id == statement_id:
            return s
    raise KeyError(statement_id)


def check_allocation(
    scenario: Mapping[str, Any], rows: Iterable[Any], claims: Iterable[str] = ()
) -> list[str]:
    """Everything wrong with an allocation (rows with bulk kg per flight) under the base.

    Valid means: shape, counts, limits, and some value of every mass variable for
    which every flight's load fits its payload and every assumption, and every claim
    named in ``claims``, holds. Returns an empty list for a valid allocation.
    """
    p = read(scenario)
    rows_ = _as_rows(rows)
    problems = _rows_valid(p, rows_)
    if problems:
        return problems
    wanted = [_stmt(p, c) for c in claims]
    lp = _allocation_lp(p, rows_, wanted)
    if not lp.feasible():
        base_ok = _allocation_lp(p, rows_, []).feasible()
        if not base_ok:
            return ["no mass in the ranges makes the loads fit and the assumptions hold"]
        return [f"claims {[c.id for c in wanted]} cannot hold with the base"]
    return []


def claim_fails_in(scenario: Mapping[str, Any], rows: Iterable[Any], claim_id: str) -> bool:
    """Whether, for some mass values with the allocation valid, the claim fails."""
    p = read(scenario)
    rows_ = _as_rows(rows)
    s = _stmt(p, claim_id)
    lp = _allocation_lp(p, rows_, [])
    chosen = _selected_rows(p, rows_, s.filters)
    values: list[Form] = []
    if s.per_flight:
        values = [_value(p, s.total, s.mass, load, bulk) for _, _, _, load, bulk in chosen]
    else:
        total = p.zero
        for _gid, _dest, count, load, bulk in chosen:
            total = add_forms(total, scale_form(_value(p, s.total, s.mass, load, bulk), count))
        values = [total]
    for form in values:
        rng = lp.extremes(lp.expr(form))
        if rng is None:
            return False
        if rng[0] < s.lo or (s.hi is not None and rng[1] > s.hi):
            return True
    return False


def total_range_in(
    scenario: Mapping[str, Any], rows: Iterable[Any], spec: Spec, claims: Iterable[str] = ()
) -> tuple[Fraction, Fraction] | None:
    """The values a total takes in an allocation over the mass values that keep it valid.

    Counts are whole numbers (a one-point range); mass totals are in kg.
    """
    p = read(scenario)
    rows_ = _as_rows(rows)
    total, filters, mass, _given = spec
    lp = _allocation_lp(p, rows_, [_stmt(p, c) for c in claims])
    form = p.zero
    for _gid, _dest, count, load, bulk in _selected_rows(p, rows_, filters):
        form = add_forms(form, scale_form(_value(p, total, mass, load, bulk), count))
    return lp.extremes(lp.expr(form))


# --------------------------------------------------------------------------- literal


def _literal_allocations(p: Plain) -> Iterator[list[tuple[str, str, dict[str, int]]]]:
    """Every allocation of whole loads, one flight per entry (multisets per group)."""
    per_group = []
    for g in p.groups:
        if g.count_max is None:
            raise TooBig(f"group {g.id!r} has an open count")
        options = [(dest, load) for dest in g.to for load in loads(p, g)]
        per_group.append(
            [
                [(g.id, dest, load) for dest, load in chosen]
                for n in range(g.count_min, g.count_max + 1)
                for chosen in itertools.combinations_with_replacement(options, n)
            ]
        )
    for parts in itertools.product(*per_group):
        yield [f for part in parts for f in part]


class _FlightLP:
    """One allocation of whole loads, one bulk variable per flight and bulk type."""

    def __init__(self, p: Plain, flights: Sequence[tuple[str, str, dict[str, int]]]) -> None:
        self.p = p
        self.flights = flights
        self.lp = LP(p)
        self.bulk: list[dict[str, int]] = []
        for gid, _dest, load in flights:
            g = p.group(gid)
            vs = {c: self.lp.var() for c in g.carries if p.cargo[c].bulk}
            self.bulk.append(vs)
            used = plus(self.lp.expr(load_mass(p, load)), vs.values())
            self.lp.bound(used, None, p.payload[g.aircraft])

    def flight_value(self, i: int, s_total: str, mass: bool) -> Any:
        _gid, _dest, load = self.flights[i]
        if not mass:
            return Fraction(count_value(self.p, s_total, load)), {}
        members = self.p.members(s_total)
        unit = self.lp.expr(load_mass(self.p, load, members))
        return plus(unit, [j for c, j in self.bulk[i].items() if c in members])

    def chosen(self, filters: Filters) -> list[int]:
        return [
            i
            for i, (gid, dest, _) in enumerate(self.flights)
            if selected(self.p.group(gid), dest, filters)
        ]

    def total(self, s_total: str, filters: Filters, mass: bool) -> Any:
        const, coeffs = ZERO, dict[int, Fraction]()
        for i in self.chosen(filters):
            c, cs = self.flight_value(i, s_total, mass)
            const += c
            for j, a in cs.items():
                coeffs[j] = coeffs.get(j, ZERO) + a
        return const, coeffs

    def rows_for(self, s: Stmt) -> list[exact_lp.Row]:
        if s.per_flight:
            out = []
            for i in self.chosen(s.filters):
                out += rows_of(self.flight_value(i, s.total, s.mass), s.lo, s.hi)
            return out
        return rows_of(self.total(s.total, s.filters, s.mass), s.lo, s.hi)


def brute_force_literal(scenario: Mapping[str, Any], cap: int = 3_000) -> MassResult:
    """The same answers as :func:`mass_oracle`, allocation by allocation (slow)."""
    p = read(scenario)
    tally = Tally(p.claims, p.specs)
    n = 0
    for flights in _literal_allocations(p):
        n += 1
        if n > cap:
            raise TooBig(f"more than {cap} allocations")
        f = _FlightLP(p, flights)
        for s in p.assumptions:
            f.lp.rows += f.rows_for(s)
        if not f.lp.feasible():
            continue
        tally.base = True
        for ci, s in enumerate(p.claims):
            tally.possible[ci] |= f.lp.feasible(f.rows_for(s))
            if s.per_flight:
                values = [f.flight_value(i, s.total, s.mass) for i in f.chosen(s.filters)]
            else:
                values = [f.total(s.total, s.filters, s.mass)]
            for v in values:
                rng = f.lp.extremes(v)
                assert rng is not None
                if rng[0] < s.lo or (s.hi is not None and rng[1] > s.hi):
                    tally.fails[ci] = True
        every = [r for s in p.claims for r in f.rows_for(s)]
        tally.joint |= f.lp.feasible(every)
        for j, (total, filters, mass, given) in enumerate(p.specs):
            named = [s for s in p.claims if s.id in given]
            extra = [r for s in named for r in f.rows_for(s)]
            rng = f.lp.extremes(f.total(total, filters, mass), extra)
            if rng is not None:
                tally.bound(j, *rng)
    return tally.result(signatures=n, variables=p.variables)
