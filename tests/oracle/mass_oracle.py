"""An independent exact oracle for bulk cargo and mass bounds on small scenarios.

It reads the plain scenario dict (what a YAML file gives) and shares no code
with airlift or with :mod:`tests.oracle.brute_force`: its own unit parser, its
own reading of the format and statements, and its own exact linear programming
(:mod:`tests.oracle.exact_lp`, Fractions only; no float anywhere).

What is true. A flight carries whole units of each unit cargo type and any
non-negative *real* amount (kg) of each bulk type it carries. A unit type whose
mass is a range ``{min, max}`` has ONE true mass ``m`` in that range, the same
for every unit of it: the payload holds at ``m`` and mass totals count ``m``
per unit. "Possible" means there are values of every range and an allocation
satisfying the base (flights, assumptions) and the claim. Payloads and loading
limits only ever cap, so their largest values are exact; so are the smallest
uses, and the smallest mass of a ranged type that no mass total counts (a
lighter unit only leaves more room). A ranged type that some mass total counts
(statement or estimate row) is a *mass variable*: its value is part of the
continuous problem below.

How it decides. The unit loads are enumerated as whole numbers (everything
that fits at the smallest masses). For fixed whole loads everything left is
linear in the continuous unknowns: the mass variables and the bulk amounts.
Bulk on the flights that no per-flight mass statement constrains is pooled: the
bulk the flights of a *pool* (same bulk types counted by the same aggregate
totals) can take is exactly ``{X >= 0 : sum(X) <= R}`` with ``R`` the sum of
their rooms (payload minus the mass of their units), a linear form in the mass
variables. Flights that a per-flight mass statement constrains are kept apart
per distinct (destination, load), ``k`` alike flights as one block scaled by
``k`` (the sum of ``k`` points of a convex set ``Q`` is exactly ``k Q``). The
remaining problem for one combination of whole loads is a small LP, solved
exactly. Allocations are reduced to *signatures* (everything the LPs and the
count statements read) and deduplicated, group by group, as flights are added.

The scenario is read by :mod:`tests.oracle.mass_reading`;
:mod:`tests.oracle.mass_check` re-checks single allocations (engine witnesses)
and walks every allocation literally, one bulk variable per flight and type (no
pools, no blocks), for the self-tests to compare with.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from tests.oracle.mass_reading import (
    DEFAULT_CAP,
    LP,
    LP_BUDGET,
    ZERO,
    Con,
    Filters,
    Form,
    Group,
    Plain,
    Spec,
    Stmt,
    TooBig,
    add_forms,
    count_value,
    is_const,
    load_mass,
    loads,
    plus,
    read,
    reset_lp_count,
    scale_form,
    selected,
)

__all__ = ["MassBound", "MassClaim", "MassResult", "Tally", "mass_oracle"]

# --------------------------------------------------------------------------- signatures


@dataclass(frozen=True)
class _Option:
    """One flight of group ``group`` to ``dest`` carrying whole units ``load``."""

    group: str
    dest: str
    load: tuple[tuple[str, int], ...]
    counts: tuple[int, ...]  #: each aggregate count total
    masses: tuple[Form, ...]  #: each aggregate mass total: the mass of the units
    flags: tuple[bool, ...]  #: per-flight claims: no whole-number or constant failure
    mu_base: frozenset[Con]  #: conditions on the mass variables (room, assumptions)
    mu_claims: tuple[frozenset[Con], ...]  #: per per-flight claim, conditions on them
    pool: tuple[tuple[bool, ...], ...] | None  #: pooled bulk classes (None: kept apart)
    room: Form


@dataclass(frozen=True)
class _Sig:
    counts: tuple[int, ...]
    masses: tuple[Form, ...]
    flags: tuple[bool, ...]
    mu_base: frozenset[Con]
    mu_claims: tuple[frozenset[Con], ...]
    pools: tuple[tuple[tuple[tuple[bool, ...], ...], Form], ...]
    apart: tuple[tuple[tuple[str, str, tuple[tuple[str, int], ...]], int], ...]

    def continuous(self) -> tuple[Any, ...]:
        return (self.masses, self.mu_base, self.mu_claims, self.pools, self.apart)


def _order(sig: _Sig) -> tuple[Any, ...]:
    """A sort key for signatures, so that the work done (and an LP cap) does not depend
    on the hash order of strings, which changes from one process to the next."""
    return (
        sig.counts,
        sig.masses,
        sig.flags,
        sorted(map(repr, sig.mu_base)),
        [sorted(map(repr, cons)) for cons in sig.mu_claims],
        sig.pools,
        sig.apart,
    )


def _merge(a: _Sig, b: _Sig) -> _Sig:
    pools = dict(a.pools)
    for shape, r in b.pools:
        pools[shape] = add_forms(pools[shape], r) if shape in pools else r
    apart = dict(a.apart)
    for key, k in b.apart:
        apart[key] = apart.get(key, 0) + k
    return _Sig(
        tuple(map(operator.add, a.counts, b.counts)),
        tuple(tuple(map(operator.add, x, y)) for x, y in zip(a.masses, b.masses, strict=True)),
        tuple(map(operator.and_, a.flags, b.flags)),
        a.mu_base | b.mu_base,
        tuple(x | y for x, y in zip(a.mu_claims, b.mu_claims, strict=True)),
        tuple(sorted(pools.items())),
        tuple(sorted(apart.items())),
    )


def _of_option(o: _Option) -> _Sig:
    pools: tuple[tuple[tuple[tuple[bool, ...], ...], Form], ...] = ()
    apart: tuple[tuple[tuple[str, str, tuple[tuple[str, int], ...]], int], ...] = ()
    if o.pool is None:
        apart = (((o.group, o.dest, o.load), 1),)
    elif o.pool:
        pools = ((o.pool, o.room),)
    return _Sig(o.counts, o.masses, o.flags, o.mu_base, o.mu_claims, pools, apart)


def _const_con(p: Plain, form: Form, lo: Fraction | None, hi: Fraction | None) -> bool | None:
    """True/False when ``form`` is a constant; None when it depends on a mass variable."""
    if not is_const(form):
        return None
    kg = Fraction(form[0]) / p.scale
    return (lo is None or kg >= lo) and (hi is None or kg <= hi)


class _Model:
    """The scenario's statements split into what the signatures track."""

    def __init__(self, scenario: Mapping[str, Any]) -> None:
        p = self.p = read(scenario)
        agg = [s for s in (*p.assumptions, *p.claims) if not s.per_flight]
        #: aggregate totals: (total, filters, mass); assumptions, claims, then estimate rows
        #: estimate rows bounded here (a row with ``given`` is bounded on a probe instead)
        self.plain_rows = [j for j, spec in enumerate(p.specs) if not spec[3]]
        tracked: list[tuple[str, Filters, bool]] = [(s.total, s.filters, s.mass) for s in agg]
        tracked += [p.specs[j][:3] for j in self.plain_rows]
        self.agg_stmts = agg
        self.tracked = tracked
        self.count_cols = [i for i, t in enumerate(tracked) if not t[2]]
        self.mass_cols = [i for i, t in enumerate(tracked) if t[2]]
        self.pf_claims = [s for s in p.claims if s.per_flight]
        self.pf_assumptions = [s for s in p.assumptions if s.per_flight]
        self._classes: dict[tuple[str, str, bool], list[tuple[tuple[bool, ...], list[str]]]] = {}
        self.options: dict[str, list[_Option]] = {g.id: self._options(g) for g in p.groups}
        self.option_by_key = {
            (o.group, o.dest, o.load): o for opts in self.options.values() for o in opts
        }

    # -- per flight

    def _bulk_in(self, g: Group, total: str) -> list[str]:
        members = set(self.p.members(total))
        return [c for c in g.carries if self.p.cargo[c].bulk and c in members]

    def _pf_bulk(self, g: Group, dest: str) -> list[Stmt]:
        """Per-flight mass statements that select this flight and count bulk it carries."""
        return [
            s
            for s in (*self.pf_assumptions, *self.pf_claims)
            if s.mass and selected(g, dest, s.filters) and self._bulk_in(g, s.total)
        ]

    def classes(self, g: Group, dest: str, apart: bool) -> list[tuple[tuple[bool, ...], list[str]]]:
        """Bulk types the flight carries, grouped by which totals count them.

        Membership is over the aggregate mass totals and (when kept apart) the
        per-flight mass statements that select the flight; types counted by none
        are left out (any amount of them only fills room).
        """
        cached = self._classes.get((g.id, dest, apart))
        if cached is not None:
            return cached
        stmts = self._pf_bulk(g, dest) if apart else []
        out: dict[tuple[bool, ...], list[str]] = {}
        for c in g.carries:
            if not self.p.cargo[c].bulk:
                continue
            member = tuple(
                self.tracked[i][2]
                and selected(g, dest, self.tracked[i][1])
                and c in self.p.members(self.tracked[i][0])
                for i in self.mass_cols
            ) + tuple(c in self.p.members(s.total) for s in stmts)
            if any(member):
                out.setdefault(member, []).append(c)
        self._classes[(g.id, dest, apart)] = result = sorted(out.items())
        return result

    def _one_flight(
        self, g: Group, dest: str, s: Stmt, load: Mapping[str, int]
    ) -> tuple[bool, Con | None]:
        """Whether one flight of ``g`` to ``dest`` with ``load`` can satisfy the per-flight
        statement ``s`` (True where ``s`` does not select it, or bulk decides it), and the
        condition on the unit masses it needs when that depends on them."""
        p = self.p
        if not selected(g, dest, s.filters):
            return True, None
        if not s.mass:
            return s.admits(count_value(p, s.total, load)), None
        if self._bulk_in(g, s.total):
            return True, None
        form = load_mass(p, load, p.members(s.total))
        fixed = _const_con(p, form, s.lo, s.hi)
        return (True, (form, s.lo, s.hi)) if fixed is None else (fixed, None)

    def _options(self, g: Group) -> list[_Option]:
        p = self.p
        out = []
        for dest in g.to:
            for load in loads(p, g):
                mu_base: set[Con] = set()
                room = add_forms(p.const(p.payload[g.aircraft]), scale_form(load_mass(p, load), -1))
                fits = _const_con(p, room, ZERO, None)
                if fits is None:
                    mu_base.add((room, ZERO, None))
                ok = fits is not False
                for s in self.pf_assumptions:
                    holds, con = self._one_flight(g, dest, s, load)
                    ok = ok and holds
                    if con is not None:
                        mu_base.add(con)
                if not ok:
                    continue
                flags, mu_claims = [], []
                for s in self.pf_claims:
                    holds, con = self._one_flight(g, dest, s, load)
                    flags.append(holds)
                    mu_claims.append(frozenset() if con is None else frozenset({con}))
                counts = tuple(
                    count_value(p, self.tracked[i][0], load)
                    if selected(g, dest, self.tracked[i][1])
                    else 0
                    for i in self.count_cols
                )
                masses = tuple(
                    load_mass(p, load, p.members(self.tracked[i][0]))
                    if selected(g, dest, self.tracked[i][1])
                    else p.zero
                    for i in self.mass_cols
                )
                apart = bool(self._pf_bulk(g, dest))
                pool = None if apart else tuple(m for m, _ in self.classes(g, dest, False))
                out.append(
                    _Option(
                        g.id,
                        dest,
                        tuple(sorted(load.items())),
                        counts,
                        masses,
                        tuple(flags),
                        frozenset(mu_base),
                        tuple(mu_claims),
                        pool,
                        room,
                    )
                )
        return out

    # -- the LP of one signature

    def build(
        self,
        sig: _Sig,
        holds: Iterable[Stmt] = (),
        split: tuple[str, str, tuple[tuple[str, int], ...]] | None = None,
    ) -> tuple[LP, list[tuple[Fraction, dict[int, Fraction]]], dict[str, Any]]:
        """The base LP of ``sig``, with the per-flight statements ``holds`` imposed.

        Returns the LP, the expression of each aggregate mass total (in
        ``mass_cols`` order) and, when ``split`` names a block kept apart, the
        variables of one flight of it taken alone (``"single"``: its class
        variables by member tuple, with the flight's option).
        """
        p = self.p
        lp = LP(p)
        holds = list(holds)
        for form, lo, hi in sig.mu_base:
            lp.bound(lp.expr(form), lo, hi)
        exprs = [lp.expr(m) for m in sig.masses]
        extra_vars: list[list[int]] = [[] for _ in self.mass_cols]
        for shape, room in sig.pools:
            vs = []
            for member in shape:
                j = lp.var()
                vs.append(j)
                for col, counted in enumerate(member):
                    if counted:
                        extra_vars[col].append(j)
            const, coeffs = lp.expr(room)
            row = {j: Fraction(1) for j in vs}
            for j, a in coeffs.items():
                row[j] = row.get(j, ZERO) - a
            lp.rows.append((row, "<=", const))
        info: dict[str, Any] = {}
        for key, k in sig.apart:
            o = self.option_by_key[key]
            parts = [(k, False)]
            if split == key:
                parts = [(k - 1, False), (1, True)] if k > 1 else [(1, True)]
            for mult, single in parts:
                g = p.group(o.group)
                stmts = self._pf_bulk(g, o.dest)
                vs_by_member: dict[tuple[bool, ...], int] = {}
                for member, _ in self.classes(g, o.dest, True):
                    j = lp.var()
                    vs_by_member[member] = j
                    for col in range(len(self.mass_cols)):
                        if member[col]:
                            extra_vars[col].append(j)
                const, coeffs = lp.expr(scale_form(o.room, mult))
                row = {j: Fraction(1) for j in vs_by_member.values()}
                for j, a in coeffs.items():
                    row[j] = row.get(j, ZERO) - a
                lp.rows.append((row, "<=", const))
                for si, s in enumerate(stmts):
                    if s in self.pf_assumptions or s in holds:
                        unit = lp.expr(
                            scale_form(load_mass(p, dict(o.load), p.members(s.total)), mult)
                        )
                        inside = [j for m, j in vs_by_member.items() if m[len(self.mass_cols) + si]]
                        lp.bound(
                            plus(unit, inside),
                            s.lo * mult,
                            None if s.hi is None else s.hi * mult,
                        )
                if single:
                    info["single"] = (vs_by_member, stmts, o)
        for s in holds:
            if s.per_flight:
                i = self.pf_claims.index(s)
                for form, lo, hi in sig.mu_claims[i]:
                    lp.bound(lp.expr(form), lo, hi)
        full = [plus(e, vs) for e, vs in zip(exprs, extra_vars, strict=True)]
        for col, i in enumerate(self.mass_cols):
            if i < len(self.agg_stmts):
                s = self.agg_stmts[i]
                if s in self.p.assumptions:
                    lp.bound(full[col], s.lo, s.hi)
        return lp, full, info

    def single_value(self, lp: LP, info: Mapping[str, Any], s: Stmt) -> Any:
        """The value of per-flight statement ``s`` on the flight taken alone."""
        vs_by_member, stmts, o = info["single"]
        si = stmts.index(s)
        unit = lp.expr(load_mass(self.p, dict(o.load), self.p.members(s.total)))
        inside = [j for m, j in vs_by_member.items() if m[len(self.mass_cols) + si]]
        return plus(unit, inside)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class MassClaim:
    id: str
    possible: bool
    necessary: bool
    verdict: str


@dataclass(frozen=True)
class MassBound:
    """Min and max of one estimate row over the base: units or flights, or kg (mass rows)."""

    spec: Spec
    min: Fraction | None
    max: Fraction | None


@dataclass(frozen=True)
class MassResult:
    base_feasible: bool
    all_claims_feasible: bool
    claims: tuple[MassClaim, ...]
    bounds: tuple[MassBound, ...]
    signatures: int = 0
    lps: int = 0
    variables: tuple[str, ...] = field(default=())


def _verdict(possible: bool, necessary: bool) -> str:
    if not possible:
        return "inconsistent"
    return "implied" if necessary else "consistent"


class Tally:
    """Accumulates the answers over the base-feasible signatures."""

    def __init__(self, claims: Sequence[Stmt], specs: Sequence[Spec]) -> None:
        self.claims = claims
        self.specs = specs
        self.base = False
        self.joint = False
        self.possible = [False] * len(claims)
        self.fails = [False] * len(claims)
        self.lo: list[Fraction | None] = [None] * len(specs)
        self.hi: list[Fraction | None] = [None] * len(specs)

    def bound(self, j: int, lo: Fraction, hi: Fraction) -> None:
        old_lo, old_hi = self.lo[j], self.hi[j]
        self.lo[j] = lo if old_lo is None else min(old_lo, lo)
        self.hi[j] = hi if old_hi is None else max(old_hi, hi)

    def result(self, **extra: Any) -> MassResult:
        claims = tuple(
            MassClaim(s.id, pos, not fail, _verdict(pos, not fail))
            for s, pos, fail in zip(self.claims, self.possible, self.fails, strict=True)
        )
        bounds = tuple(
            MassBound(spec, lo, hi)
            for spec, lo, hi in zip(self.specs, self.lo, self.hi, strict=True)
        )
        return MassResult(self.base, self.joint, claims, bounds, **extra)


def _signatures(m: _Model, cap: int) -> tuple[set[_Sig], int]:
    work = 0
    p = m.p
    zero = _Sig(
        tuple(0 for _ in m.count_cols),
        tuple(p.zero for _ in m.mass_cols),
        tuple(True for _ in m.pf_claims),
        frozenset(),
        tuple(frozenset() for _ in m.pf_claims),
        (),
        (),
    )
    combined = {zero}
    for g in p.groups:
        if g.count_max is None:
            raise TooBig(f"group {g.id!r} has an open count")
        opts = [_of_option(o) for o in m.options[g.id]]
        level = {zero}
        own: set[_Sig] = {zero} if g.count_min == 0 else set()
        for n in range(1, g.count_max + 1):
            work += len(level) * len(opts)
            if work > cap:
                raise TooBig(f"more than {cap} signature steps")
            level = {_merge(s, o) for s in level for o in opts}
            if n >= g.count_min:
                own |= level
        work += len(combined) * len(own)
        if work > cap:
            raise TooBig(f"more than {cap} signature steps")
        combined = {_merge(a, b) for a in combined for b in own}
    return combined, work


def _box(p: Plain, form: Form) -> tuple[Fraction, Fraction]:
    """The least and greatest value (kg) of ``form`` over the ranges of the mass variables."""
    lo = hi = Fraction(form[0])
    for i, name in enumerate(p.variables):
        a = form[1 + i]
        c = p.cargo[name]
        if a > 0:
            lo, hi = lo + a * c.lo, hi + a * c.hi
        elif a < 0:
            lo, hi = lo + a * c.hi, hi + a * c.lo
    return lo / p.scale, hi / p.scale


class _Continuous:
    """The LP questions of one signature's continuous part, each answered once.

    It is shared by every signature with the same continuous key: only the fields
    of :meth:`_Sig.continuous` may be read from ``sig``, never counts or flags.
    """

    def __init__(self, m: _Model, sig: _Sig) -> None:
        self.m = m
        self.sig = sig
        self._lp: tuple[LP, list[Any]] | None = None
        self.memo: dict[Any, Any] = {}
        p = m.p
        caps = [ZERO] * len(m.mass_cols)
        blocks: list[tuple[list[tuple[bool, ...]], Fraction]] = [
            (list(shape), max(ZERO, _box(p, room)[1])) for shape, room in sig.pools
        ]
        for key, k in sig.apart:
            o = m.option_by_key[key]
            members = [mb for mb, _ in m.classes(p.group(o.group), o.dest, True)]
            blocks.append((members, k * max(ZERO, _box(p, o.room)[1])))
        for members, most in blocks:
            for col in range(len(m.mass_cols)):
                if any(mb[col] for mb in members):
                    caps[col] += most
        #: Cheap bounds on each aggregate mass total: units over the ranges, bulk 0 to room.
        self.cheap = [
            (_box(p, f)[0], _box(p, f)[1] + cap) for f, cap in zip(sig.masses, caps, strict=True)
        ]

    def base(self) -> tuple[LP, list[Any]]:
        if self._lp is None:
            lp, full, _ = self.m.build(self.sig)
            self._lp = lp, full
        return self._lp

    def once(self, key: Any, compute: Any) -> Any:
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    def feasible(self) -> bool:
        return bool(self.once("base", lambda: self.base()[0].feasible()))

    def least(self, col: int) -> Fraction:
        lp, full = self.base()
        return self.once(("min", col), lambda: lp.optimum(full[col], maximize=False))  # type: ignore[no-any-return]

    def greatest(self, col: int) -> Fraction:
        lp, full = self.base()
        return self.once(("max", col), lambda: lp.optimum(full[col], maximize=True))  # type: ignore[no-any-return]


def mass_oracle(
    scenario: Mapping[str, Any], cap: int = DEFAULT_CAP, lp_cap: int | None = None
) -> MassResult:
    """Verdicts, joint status and estimate bounds, exactly (see the module docstring).

    Raises :class:`TooBig` past ``cap`` signature steps or ``lp_cap`` LPs.
    """
    m = _Model(scenario)
    p = m.p
    reset_lp_count(lp_cap)
    try:
        sigs, _ = _signatures(m, cap)
        tally = Tally(p.claims, p.specs)
        parts: dict[Any, _Continuous] = {}
        n_agg_assumptions = sum(1 for s in p.assumptions if not s.per_flight)
        spec_col = len(m.agg_stmts)
        mass_at = {i: col for col, i in enumerate(m.mass_cols)}
        agg_index = {id(s): i for i, s in enumerate(m.agg_stmts)}
        for sig in sorted(sigs, key=_order):
            cols = dict(zip(m.count_cols, sig.counts, strict=True))
            if not all(m.agg_stmts[i].admits(v) for i, v in cols.items() if i < n_agg_assumptions):
                continue
            ck = sig.continuous()
            part = parts.get(ck)
            if part is None:
                part = parts[ck] = _Continuous(m, sig)
            if not part.feasible():
                continue
            tally.base = True
            maybe_all = True  # no claim is known to fail in every completion of sig
            for ci, s in enumerate(p.claims):
                if tally.possible[ci] and tally.fails[ci]:
                    continue
                if not s.per_flight:
                    i = agg_index[id(s)]
                    if s.mass:
                        pos, fail = _aggregate_claim(part, mass_at[i], s)
                    else:
                        pos = s.admits(cols[i])
                        fail = not pos
                else:
                    pos, fail = _per_flight_claim(part, s, sig.flags)
                tally.possible[ci] |= pos
                tally.fails[ci] |= fail
                maybe_all = maybe_all and pos
            if maybe_all and not tally.joint:
                tally.joint = _joint(part, cols, sig.flags)
            for i, j in enumerate(m.plain_rows, start=spec_col):
                if i in cols:
                    tally.bound(j, Fraction(cols[i]), Fraction(cols[i]))
                    continue
                col = mass_at[i]
                clo, chi = part.cheap[col]
                old_lo, old_hi = tally.lo[j], tally.hi[j]
                lo = part.least(col) if old_lo is None or clo < old_lo else old_lo
                hi = part.greatest(col) if old_hi is None or chi > old_hi else old_hi
                tally.bound(j, lo, hi)
        lps = LP_BUDGET.used
    finally:
        reset_lp_count(None)
    for j, spec in enumerate(p.specs):
        if spec[3] and tally.base:
            given = _given_row(scenario, spec, cap, lp_cap)
            if given.min is not None and given.max is not None:
                tally.bound(j, given.min, given.max)
    return tally.result(signatures=len(sigs), lps=lps, variables=p.variables)


def _given_row(scenario: Mapping[str, Any], spec: Spec, cap: int, lp_cap: int | None) -> MassBound:
    """A conditional row: the plain row over the base with its given claims assumed.

    No bound (None) when the given claims cannot hold with the base.
    """
    total, filters, mass, given = spec
    moved = [dict(c) for c in scenario.get("claims") or () if str(c["id"]) in given]
    row: dict[str, Any] = {"total": total, **{k: list(v) for k, v in filters}}
    if mass:
        row["unit"] = "t"
    probe = {
        **scenario,
        "assumptions": [*(scenario.get("assumptions") or ()), *moved],
        "claims": [],
        "estimate": [row],
    }
    (bound,) = mass_oracle(probe, cap, lp_cap).bounds
    return bound


def _aggregate_claim(part: _Continuous, col: int, s: Stmt) -> tuple[bool, bool]:
    """Whether an aggregate mass claim may hold, and may fail, in a completion (base holding).

    The total's values over the (convex) completions form the interval
    [least, greatest]; the cheap bounds settle most cases without an LP.
    """
    clo, chi = part.cheap[col]
    if clo >= s.lo:
        reach_lo, below = True, False
    elif chi < s.lo:
        reach_lo, below = False, True
    else:
        reach_lo, below = part.greatest(col) >= s.lo, part.least(col) < s.lo
    if s.hi is None or chi <= s.hi:
        reach_hi, above = True, False
    elif clo > s.hi:
        reach_hi, above = False, True
    else:
        reach_hi, above = part.least(col) <= s.hi, part.greatest(col) > s.hi
    return reach_lo and reach_hi, below or above


def _per_flight_claim(part: _Continuous, s: Stmt, flags: tuple[bool, ...]) -> tuple[bool, bool]:
    """Whether a per-flight claim may hold, and may fail, in a completion (base holding).

    ``flags`` are the signature's own (they are not part of the continuous key that
    ``part`` is shared under).
    """
    m, sig = part.m, part.sig
    k = m.pf_claims.index(s)
    flag = flags[k]
    pos = flag and bool(part.once(("pf-holds", k), lambda: m.build(sig, holds=[s])[0].feasible()))
    return pos, not flag or _pf_fails(part, s, k)


def _pf_fails(part: _Continuous, s: Stmt, k: int) -> bool:
    """Whether some flight may break per-flight claim ``s`` (the base holding)."""
    m, sig = part.m, part.sig
    p = m.p
    lp, _ = part.base()
    for form, lo, hi in sorted(sig.mu_claims[k], key=repr):
        blo, bhi = _box(p, form)
        if (lo is None or blo >= lo) and (hi is None or bhi <= hi):
            continue
        least, most = part.once(("mu", form), lambda form=form: lp.extremes(lp.expr(form)))
        if (lo is not None and least < lo) or (hi is not None and most > hi):
            return True
    if not s.mass:
        return False
    for key, _n in sig.apart:
        o = m.option_by_key[key]
        if s not in m._pf_bulk(p.group(o.group), o.dest):
            continue
        ulo, uhi = _box(p, load_mass(p, dict(o.load), p.members(s.total)))
        if ulo >= s.lo and (s.hi is None or uhi + max(ZERO, _box(p, o.room)[1]) <= s.hi):
            continue

        def compute(key: Any = key) -> Any:
            lp2, _, info = m.build(sig, split=key)
            return lp2.extremes(m.single_value(lp2, info, s))

        least, most = part.once(("split", key, s.id), compute)
        if least < s.lo or (s.hi is not None and most > s.hi):
            return True
    return False


def _joint(part: _Continuous, cols: Mapping[int, int], flags: tuple[bool, ...]) -> bool:
    """Whether every claim holds together in some completion of the signature."""
    m, sig = part.m, part.sig
    p = m.p
    agg_index = {id(s): i for i, s in enumerate(m.agg_stmts)}
    if not all(flags):
        return False
    for s in p.claims:
        if not s.per_flight and not s.mass and not s.admits(cols[agg_index[id(s)]]):
            return False

    def compute() -> bool:
        lp, full, _ = m.build(sig, holds=m.pf_claims)
        for col, i in enumerate(m.mass_cols):
            if i < len(m.agg_stmts) and m.agg_stmts[i] in p.claims:
                s = m.agg_stmts[i]
                lp.bound(full[col], s.lo, s.hi)
        return lp.feasible()

    return bool(part.once("joint", compute))
