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

:func:`brute_force_literal` instead walks every allocation with one bulk
variable per flight and type (no pools, no blocks); the self-tests compare the
two. :func:`check_allocation` re-checks an allocation that states its bulk kg
(an engine witness); the mass variables stay unknowns it may choose.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from math import lcm
from typing import Any

from tests.oracle import exact_lp

__all__ = [
    "KG_PER",
    "MassBound",
    "MassClaim",
    "MassResult",
    "MassRow",
    "Spec",
    "TooBig",
    "brute_force_literal",
    "check_allocation",
    "claim_fails_in",
    "estimate_specs",
    "mass_oracle",
    "parse_bound",
    "parse_mass",
    "ranged_mass_in_mass_total",
    "total_range_in",
]

FILTER_KEYS = ("to", "from", "aircraft", "flights")
BOUND_KEYS = ("at_least", "at_most", "equals", "between")
KG_PER: dict[str, Fraction] = {
    "kg": Fraction(1),
    "t": Fraction(1000),
    "lb": Fraction(45359237, 100_000_000),
    "short_ton": Fraction(90718474, 100_000),
    "long_ton": Fraction(10160469088, 10_000_000),
}
DEFAULT_CAP = 200_000

Filters = tuple[tuple[str, tuple[str, ...]], ...]
#: An estimate row: (total, filters, whether it is bounded in mass).
Spec = tuple[str, Filters, bool]
#: An allocation row: (group id, destination, count, {unit type: units}, {bulk type: kg}),
#: the load and bulk being per flight.
MassRow = tuple[str, str, int, Mapping[str, int], Mapping[str, Fraction]]
#: A linear form in the mass variables: (constant, coefficient of each variable), in
#: units of 1/scale kg (``_Plain.scale``), so that adding forms adds whole numbers.
Form = tuple[Any, ...]
#: ``lo <= form <= hi`` (either side None: open).
Con = tuple[Form, Fraction | None, Fraction | None]

_ZERO = Fraction(0)


class TooBig(RuntimeError):
    """The scenario is too big (or open-ended) to enumerate within the cap."""


# --------------------------------------------------------------------------- parsing

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_MASS_RE = re.compile(rf"^\s*(?P<n>{_NUMBER})\s*(?P<u>kg|t|lb|short_ton|long_ton)\s*$")
_COUNT_RE = re.compile(r"^\s*(?:\d{1,3}(?:,\d{3})+|\d+)\s*$")


def parse_mass(raw: object) -> Fraction:
    """``"1,000 t"`` -> ``Fraction(1000000)`` kg; units kg, t, lb, short_ton, long_ton."""
    if not isinstance(raw, str):
        raise ValueError(f"mass oracle: a mass needs a unit, got {raw!r}")
    m = _MASS_RE.match(raw)
    if m is None:
        raise ValueError(f"mass oracle: cannot read mass {raw!r}")
    return Fraction(m.group("n").replace(",", "")) * KG_PER[m.group("u")]


def parse_bound(raw: object) -> tuple[Fraction, bool]:
    """A statement bound: ``(value, is_mass)``; a count may be written ``"1,000"``."""
    if isinstance(raw, bool):
        raise ValueError(f"mass oracle: bad bound {raw!r}")
    if isinstance(raw, int):
        return Fraction(raw), False
    if isinstance(raw, str) and _COUNT_RE.match(raw):
        return Fraction(int(raw.replace(",", ""))), False
    return parse_mass(raw), True


def _amount(raw: object) -> Fraction:
    """A loading-limit amount: a whole count or a mass."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return Fraction(raw)
    return parse_mass(raw)


def _range(raw: object, parse: Any) -> tuple[Fraction, Fraction]:
    if isinstance(raw, Mapping):
        return parse(raw["min"]), parse(raw["max"])
    value = parse(raw)
    return value, value


def _names(raw: object) -> tuple[str, ...]:
    if isinstance(raw, str):
        return (raw,)
    return tuple(str(x) for x in raw)  # type: ignore[attr-defined]


def _filters(raw: Mapping[str, Any]) -> Filters:
    return tuple((k, _names(raw[k])) for k in FILTER_KEYS if raw.get(k) is not None)


@dataclass(frozen=True)
class _Cargo:
    name: str
    kind: str
    bulk: bool
    lo: Fraction  #: smallest mass per unit (0 for bulk)
    hi: Fraction
    uses: Mapping[str, Fraction]


@dataclass(frozen=True)
class _Group:
    id: str
    aircraft: str
    origin: str
    to: tuple[str, ...]
    carries: tuple[str, ...]
    count_min: int
    count_max: int | None


@dataclass(frozen=True)
class _Stmt:
    id: str
    total: str
    filters: Filters
    per_flight: bool
    mass: bool
    lo: Fraction
    hi: Fraction | None

    def admits(self, value: Fraction | int) -> bool:
        return value >= self.lo and (self.hi is None or value <= self.hi)


def _statement(raw: Mapping[str, Any]) -> _Stmt:
    given = [k for k in BOUND_KEYS if raw.get(k) is not None]
    if len(given) != 1:
        raise ValueError(f"mass oracle: statement {raw.get('id')!r} needs exactly one bound")
    key = given[0]
    if key == "between":
        (lo, m1), (hi, m2) = parse_bound(raw[key][0]), parse_bound(raw[key][1])
        if m1 != m2:
            raise ValueError(f"mass oracle: {raw.get('id')!r} mixes a mass and a count")
        mass, bounds = m1, (lo, hi)
    else:
        value, mass = parse_bound(raw[key])
        bounds = {
            "at_least": (value, None),
            "at_most": (_ZERO, value),
            "equals": (value, value),
        }[key]
    return _Stmt(
        id=str(raw["id"]),
        total=str(raw["total"]),
        filters=_filters(raw),
        per_flight=bool(raw.get("per_flight", False)),
        mass=mass,
        lo=bounds[0],
        hi=bounds[1],
    )


@dataclass(frozen=True)
class _Plain:
    """The scenario read into the facts the oracle needs."""

    cargo: Mapping[str, _Cargo]
    payload: Mapping[str, Fraction]  #: largest payload per aircraft type, kg
    limits: Mapping[str, Mapping[str, Fraction]]  #: largest limits
    groups: tuple[_Group, ...]
    assumptions: tuple[_Stmt, ...]
    claims: tuple[_Stmt, ...]
    specs: tuple[Spec, ...]
    variables: tuple[str, ...]  #: ranged unit types that a mass total counts
    scale: int = 1  #: forms count 1/scale kg: every mass and payload is a whole number of them

    def group(self, gid: str) -> _Group:
        for g in self.groups:
            if g.id == gid:
                return g
        raise KeyError(gid)

    def members(self, total: str) -> tuple[str, ...]:
        if total == "flights":
            return ()
        if total in self.cargo:
            return (total,)
        out = tuple(c.name for c in self.cargo.values() if c.kind == total)
        if not out:
            raise ValueError(f"mass oracle: unknown total {total!r}")
        return out

    def has_bulk(self, total: str) -> bool:
        return any(self.cargo[c].bulk for c in self.members(total))

    def unit_mass(self, name: str) -> Form:
        """The mass of one unit of ``name`` as a form."""
        c = self.cargo[name]
        if name in self.variables:
            form = [0] * (1 + len(self.variables))
            form[1 + self.variables.index(name)] = self.scale
            return tuple(form)
        return (self.kg_to_form(c.lo),) + (0,) * len(self.variables)

    def kg_to_form(self, kg: Fraction) -> Any:
        """``kg`` in the forms' units (a whole number for every mass the file writes)."""
        v = kg * self.scale
        return v.numerator if v.denominator == 1 else v

    def const(self, kg: Fraction) -> Form:
        return (self.kg_to_form(kg), *self.zero[1:])

    @property
    def zero(self) -> Form:
        return (0,) * (1 + len(self.variables))


def _spec_is_mass(cargo: Mapping[str, Any], total: str, row: Mapping[str, Any]) -> bool:
    if row.get("unit") is not None:
        return True
    if total == "flights":
        return False
    names = [total] if total in cargo else [n for n, c in cargo.items() if c["kind"] == total]
    return any(bool(cargo[n].get("bulk", False)) for n in names)


def estimate_specs(scenario: Mapping[str, Any]) -> list[Spec]:
    """The estimate rows after ``by`` expansion, or the default rows.

    A row is bounded in mass when it says ``unit`` or its total has a bulk member.
    ``by`` rows give one row per value among the groups the other filters select,
    in order of first appearance; a row equal to an earlier one is kept once.
    Defaults: each kind in total, then by destination; flights, then by destination.
    """
    cargo = scenario["cargo"]
    rows = scenario.get("estimate")
    if rows is None:
        kinds: list[str] = []
        for c in cargo.values():
            if c["kind"] not in kinds:
                kinds.append(c["kind"])
        rows = [r for k in [*kinds, "flights"] for r in ({"total": k}, {"total": k, "by": "to"})]
    specs: list[Spec] = []
    for row in rows:
        total = str(row["total"])
        mass = _spec_is_mass(cargo, total, row)
        filters = dict(_filters(row))
        by = row.get("by")
        expanded: list[Spec]
        if by is None:
            expanded = [(total, _filters(row), mass)]
        else:
            values: list[str] = []
            for g in scenario["flights"]:
                own = {"from": [g["from"]], "aircraft": [g["aircraft"]], "flights": [g["id"]]}
                if any(key in filters and own[key][0] not in filters[key] for key in own):
                    continue
                for value in _names(g["to"]) if by == "to" else own[by]:
                    if by == "to" and "to" in filters and value not in filters["to"]:
                        continue
                    if value not in values:
                        values.append(value)
            expanded = []
            for v in values:
                merged = {**filters, by: (v,)}
                ordered = tuple((k, merged[k]) for k in FILTER_KEYS if k in merged)
                expanded.append((total, ordered, mass))
        for spec in expanded:
            if spec not in specs:
                specs.append(spec)
    return specs


def read(scenario: Mapping[str, Any]) -> _Plain:
    cargo: dict[str, _Cargo] = {}
    for name, c in scenario["cargo"].items():
        bulk = bool(c.get("bulk", False))
        lo, hi = (_ZERO, _ZERO) if bulk else _range(c["mass"], parse_mass)
        uses = {} if bulk else {k: _range(v, _amount)[0] for k, v in (c.get("uses") or {}).items()}
        cargo[str(name)] = _Cargo(str(name), str(c["kind"]), bulk, lo, hi, uses)
    payload, limits = {}, {}
    for name, a in scenario["aircraft"].items():
        payload[str(name)] = _range(a["payload"], parse_mass)[1]
        limits[str(name)] = {k: _range(v, _amount)[1] for k, v in (a.get("limits") or {}).items()}
    groups = []
    for g in scenario["flights"]:
        count = g["count"]
        if isinstance(count, Mapping):
            cmin, cmax = int(count["min"]), count.get("max")
        else:
            cmin, cmax = int(count), int(count)
        carries = _names(g["carries"]) if g.get("carries") is not None else tuple(cargo)
        groups.append(
            _Group(
                str(g["id"]),
                str(g["aircraft"]),
                str(g["from"]),
                _names(g["to"]),
                carries,
                cmin,
                None if cmax is None else int(cmax),
            )
        )
    assumptions = tuple(_statement(s) for s in scenario.get("assumptions") or ())
    claims = tuple(_statement(s) for s in scenario.get("claims") or ())
    specs = tuple(estimate_specs(scenario))
    plain = _Plain(cargo, payload, limits, tuple(groups), assumptions, claims, specs, ())
    # Mass variables: ranged unit types that some mass total counts.
    counted: set[str] = set()
    for s in (*assumptions, *claims):
        if s.mass:
            counted.update(plain.members(s.total))
    for total, _, mass in specs:
        if mass:
            counted.update(plain.members(total))
    variables = tuple(
        c.name for c in cargo.values() if not c.bulk and c.lo != c.hi and c.name in counted
    )
    for s in (*assumptions, *claims):
        if not s.mass and plain.has_bulk(s.total):
            raise ValueError(f"mass oracle: {s.id!r} counts bulk cargo without a mass bound")
    scale = 1
    for kg in [*payload.values(), *(x for c in cargo.values() for x in (c.lo, c.hi))]:
        scale = lcm(scale, kg.denominator)
    return _Plain(
        cargo, payload, limits, tuple(groups), assumptions, claims, specs, variables, scale
    )


def ranged_mass_in_mass_total(scenario: Mapping[str, Any]) -> bool:
    """Whether a unit type with a ranged mass is counted by some mass total."""
    return bool(read(scenario).variables)


# --------------------------------------------------------------------------- forms


def _add(a: Form, b: Form) -> Form:
    return tuple(x + y for x, y in zip(a, b, strict=True))


def _scale(a: Form, k: int | Fraction) -> Form:
    return tuple(x * k for x in a)


def _is_const(a: Form) -> bool:
    return not any(a[1:])


def _load_mass(p: _Plain, load: Mapping[str, int], members: Iterable[str] | None = None) -> Form:
    wanted = None if members is None else set(members)
    form = p.zero
    for c, n in load.items():
        if n and (wanted is None or c in wanted) and not p.cargo[c].bulk:
            form = _add(form, _scale(p.unit_mass(c), n))
    return form


def _count_value(p: _Plain, total: str, load: Mapping[str, int]) -> int:
    if total == "flights":
        return 1
    return sum(load.get(c, 0) for c in p.members(total))


def _selected(g: _Group, dest: str, filters: Filters) -> bool:
    own = {"to": dest, "from": g.origin, "aircraft": g.aircraft, "flights": g.id}
    return all(own[key] in names for key, names in filters)


def _fits_permissive(p: _Plain, g: _Group, load: Mapping[str, int]) -> bool:
    """Whether whole units fit at the smallest masses and uses, largest limits."""
    mass = sum((n * p.cargo[c].lo for c, n in load.items()), _ZERO)
    if mass > p.payload[g.aircraft]:
        return False
    for limit, cap in p.limits[g.aircraft].items():
        if sum((n * p.cargo[c].uses.get(limit, _ZERO) for c, n in load.items()), _ZERO) > cap:
            return False
    return True


def _loads(p: _Plain, g: _Group) -> list[dict[str, int]]:
    """Every whole unit load that fits one flight of ``g`` at the permissive values."""
    units = [c for c in g.carries if not p.cargo[c].bulk]
    out: list[dict[str, int]] = []

    def extend(i: int, load: dict[str, int]) -> None:
        if i == len(units):
            out.append(dict(load))
            return
        n = 0
        while True:
            trial = {**load, units[i]: n} if n else dict(load)
            if not _fits_permissive(p, g, trial):
                break
            extend(i + 1, trial)
            n += 1

    extend(0, {})
    return out


# --------------------------------------------------------------------------- the LP


class _LP:
    """Variables (each >= 0) and rows; forms in the mass variables are shifted to them."""

    def __init__(self, p: _Plain) -> None:
        self.p = p
        self.n = 0
        self.rows: list[exact_lp.Row] = []
        self.mu: list[int] = []
        for name in p.variables:
            c = p.cargo[name]
            j = self.var()
            self.mu.append(j)
            self.rows.append(({j: Fraction(1)}, "<=", c.hi - c.lo))
        self._poly: exact_lp.Polytope | None = None
        self._poly_rows = 0

    def var(self) -> int:
        self.n += 1
        return self.n - 1

    def expr(self, form: Form) -> tuple[Fraction, dict[int, Fraction]]:
        """``form`` in kg as (constant, {variable: coefficient})."""
        d = self.p.scale
        const = Fraction(form[0]) / d
        coeffs: dict[int, Fraction] = {}
        for i, name in enumerate(self.p.variables):
            a = form[1 + i]
            if a:
                coef = Fraction(a) / d
                const += coef * self.p.cargo[name].lo
                coeffs[self.mu[i]] = coef
        return const, coeffs

    def bound(
        self,
        expr: tuple[Fraction, Mapping[int, Fraction]],
        lo: Fraction | None,
        hi: Fraction | None,
    ) -> None:
        const, coeffs = expr
        if lo is not None:
            self.rows.append((dict(coeffs), ">=", lo - const))
        if hi is not None:
            self.rows.append((dict(coeffs), "<=", hi - const))

    def polytope(self, extra: Sequence[exact_lp.Row] = ()) -> exact_lp.Polytope:
        """The polytope of the rows (and ``extra``); without ``extra`` it is built once."""
        if extra:
            _count_lp()
            return exact_lp.Polytope(self.n, [*self.rows, *extra])
        if self._poly is None or self._poly_rows != len(self.rows):
            _count_lp()
            self._poly = exact_lp.Polytope(self.n, self.rows)
            self._poly_rows = len(self.rows)
        return self._poly

    def feasible(self, extra: Sequence[exact_lp.Row] = ()) -> bool:
        return self.polytope(extra).feasible

    def optimum(self, expr: tuple[Fraction, Mapping[int, Fraction]], *, maximize: bool) -> Fraction:
        """The least (or greatest) value of ``expr`` over a non-empty polytope."""
        const, coeffs = expr
        if not coeffs:
            return const
        _count_lp()
        r = self.polytope().optimise(coeffs, maximize=maximize)
        assert r.value is not None, "bounded and feasible by construction"
        return const + r.value

    def extremes(
        self, expr: tuple[Fraction, Mapping[int, Fraction]]
    ) -> tuple[Fraction, Fraction] | None:
        if not self.feasible():
            return None
        return self.optimum(expr, maximize=False), self.optimum(expr, maximize=True)


#: LPs solved since :func:`_reset_lp_count`, and the most allowed (None: no limit).
_LP_COUNT = [0, None]


def _reset_lp_count(cap: int | None) -> None:
    _LP_COUNT[0], _LP_COUNT[1] = 0, cap


def _count_lp() -> None:
    _LP_COUNT[0] += 1
    cap = _LP_COUNT[1]
    if cap is not None and _LP_COUNT[0] > cap:
        raise TooBig(f"more than {cap} LPs")


def _plus(
    a: tuple[Fraction, Mapping[int, Fraction]], vars_: Iterable[int]
) -> tuple[Fraction, dict[int, Fraction]]:
    coeffs = dict(a[1])
    for j in vars_:
        coeffs[j] = coeffs.get(j, _ZERO) + 1
    return a[0], coeffs


def _rows_of(
    expr: tuple[Fraction, Mapping[int, Fraction]], lo: Fraction | None, hi: Fraction | None
) -> list[exact_lp.Row]:
    const, coeffs = expr
    out: list[exact_lp.Row] = []
    if lo is not None:
        out.append((dict(coeffs), ">=", lo - const))
    if hi is not None:
        out.append((dict(coeffs), "<=", hi - const))
    return out


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


def _merge(a: _Sig, b: _Sig) -> _Sig:
    pools = dict(a.pools)
    for shape, r in b.pools:
        pools[shape] = _add(pools[shape], r) if shape in pools else r
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


def _const_con(p: _Plain, form: Form, lo: Fraction | None, hi: Fraction | None) -> bool | None:
    """True/False when ``form`` is a constant; None when it depends on a mass variable."""
    if not _is_const(form):
        return None
    kg = Fraction(form[0]) / p.scale
    return (lo is None or kg >= lo) and (hi is None or kg <= hi)


class _Model:
    """The scenario's statements split into what the signatures track."""

    def __init__(self, scenario: Mapping[str, Any]) -> None:
        p = self.p = read(scenario)
        agg = [s for s in (*p.assumptions, *p.claims) if not s.per_flight]
        #: aggregate totals: (total, filters, mass); assumptions, claims, then estimate rows
        tracked: list[Spec] = [(s.total, s.filters, s.mass) for s in agg] + list(p.specs)
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

    def _bulk_in(self, g: _Group, total: str) -> list[str]:
        members = set(self.p.members(total))
        return [c for c in g.carries if self.p.cargo[c].bulk and c in members]

    def _pf_bulk(self, g: _Group, dest: str) -> list[_Stmt]:
        """Per-flight mass statements that select this flight and count bulk it carries."""
        return [
            s
            for s in (*self.pf_assumptions, *self.pf_claims)
            if s.mass and _selected(g, dest, s.filters) and self._bulk_in(g, s.total)
        ]

    def classes(
        self, g: _Group, dest: str, apart: bool
    ) -> list[tuple[tuple[bool, ...], list[str]]]:
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
                and _selected(g, dest, self.tracked[i][1])
                and c in self.p.members(self.tracked[i][0])
                for i in self.mass_cols
            ) + tuple(c in self.p.members(s.total) for s in stmts)
            if any(member):
                out.setdefault(member, []).append(c)
        self._classes[(g.id, dest, apart)] = result = sorted(out.items())
        return result

    def _options(self, g: _Group) -> list[_Option]:
        p = self.p
        out = []
        for dest in g.to:
            for load in _loads(p, g):
                mu_base: set[Con] = set()
                room = _add(p.const(p.payload[g.aircraft]), _scale(_load_mass(p, load), -1))
                fits = _const_con(p, room, _ZERO, None)
                if fits is None:
                    mu_base.add((room, _ZERO, None))
                ok = fits is not False
                for s in self.pf_assumptions:
                    if not _selected(g, dest, s.filters):
                        continue
                    if not s.mass:
                        ok = ok and s.admits(_count_value(p, s.total, load))
                    elif not self._bulk_in(g, s.total):
                        form = _load_mass(p, load, p.members(s.total))
                        fixed = _const_con(p, form, s.lo, s.hi)
                        if fixed is None:
                            mu_base.add((form, s.lo, s.hi))
                        else:
                            ok = ok and fixed
                if not ok:
                    continue
                flags, mu_claims = [], []
                for s in self.pf_claims:
                    cons: set[Con] = set()
                    flag = True
                    if _selected(g, dest, s.filters):
                        if not s.mass:
                            flag = s.admits(_count_value(p, s.total, load))
                        elif not self._bulk_in(g, s.total):
                            form = _load_mass(p, load, p.members(s.total))
                            fixed = _const_con(p, form, s.lo, s.hi)
                            if fixed is None:
                                cons.add((form, s.lo, s.hi))
                            else:
                                flag = fixed
                    flags.append(flag)
                    mu_claims.append(frozenset(cons))
                counts = tuple(
                    _count_value(p, self.tracked[i][0], load)
                    if _selected(g, dest, self.tracked[i][1])
                    else 0
                    for i in self.count_cols
                )
                masses = tuple(
                    _load_mass(p, load, p.members(self.tracked[i][0]))
                    if _selected(g, dest, self.tracked[i][1])
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
        holds: Iterable[_Stmt] = (),
        split: tuple[str, str, tuple[tuple[str, int], ...]] | None = None,
    ) -> tuple[_LP, list[tuple[Fraction, dict[int, Fraction]]], dict[str, Any]]:
        """The base LP of ``sig``, with the per-flight statements ``holds`` imposed.

        Returns the LP, the expression of each aggregate mass total (in
        ``mass_cols`` order) and, when ``split`` names a block kept apart, the
        variables of one flight of it taken alone (``"single"``: its class
        variables by member tuple, with the flight's option).
        """
        p = self.p
        lp = _LP(p)
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
                for col, inside in enumerate(member):
                    if inside:
                        extra_vars[col].append(j)
            const, coeffs = lp.expr(room)
            row = {j: Fraction(1) for j in vs}
            for j, a in coeffs.items():
                row[j] = row.get(j, _ZERO) - a
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
                const, coeffs = lp.expr(_scale(o.room, mult))
                row = {j: Fraction(1) for j in vs_by_member.values()}
                for j, a in coeffs.items():
                    row[j] = row.get(j, _ZERO) - a
                lp.rows.append((row, "<=", const))
                for si, s in enumerate(stmts):
                    if s in self.pf_assumptions or s in holds:
                        unit = lp.expr(
                            _scale(_load_mass(p, dict(o.load), p.members(s.total)), mult)
                        )
                        inside = [j for m, j in vs_by_member.items() if m[len(self.mass_cols) + si]]
                        lp.bound(
                            _plus(unit, inside),
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
        full = [_plus(e, vs) for e, vs in zip(exprs, extra_vars, strict=True)]
        for col, i in enumerate(self.mass_cols):
            if i < len(self.agg_stmts):
                s = self.agg_stmts[i]
                if s in self.p.assumptions:
                    lp.bound(full[col], s.lo, s.hi)
        return lp, full, info

    def single_value(self, lp: _LP, info: Mapping[str, Any], s: _Stmt) -> Any:
        """The value of per-flight statement ``s`` on the flight taken alone."""
        vs_by_member, stmts, o = info["single"]
        si = stmts.index(s)
        unit = lp.expr(_load_mass(self.p, dict(o.load), self.p.members(s.total)))
        inside = [j for m, j in vs_by_member.items() if m[len(self.mass_cols) + si]]
        return _plus(unit, inside)


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


class _Tally:
    """Accumulates the answers over the base-feasible signatures."""

    def __init__(self, claims: Sequence[_Stmt], specs: Sequence[Spec]) -> None:
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


def _box(p: _Plain, form: Form) -> tuple[Fraction, Fraction]:
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
    """The LP questions of one signature's continuous part, each answered once."""

    def __init__(self, m: _Model, sig: _Sig) -> None:
        self.m = m
        self.sig = sig
        self._lp: tuple[_LP, list[Any]] | None = None
        self.memo: dict[Any, Any] = {}
        p = m.p
        caps = [_ZERO] * len(m.mass_cols)
        blocks: list[tuple[list[tuple[bool, ...]], Fraction]] = [
            (list(shape), max(_ZERO, _box(p, room)[1])) for shape, room in sig.pools
        ]
        for key, k in sig.apart:
            o = m.option_by_key[key]
            members = [mb for mb, _ in m.classes(p.group(o.group), o.dest, True)]
            blocks.append((members, k * max(_ZERO, _box(p, o.room)[1])))
        for members, most in blocks:
            for col in range(len(m.mass_cols)):
                if any(mb[col] for mb in members):
                    caps[col] += most
        #: Cheap bounds on each aggregate mass total: units over the ranges, bulk 0 to room.
        self.cheap = [
            (_box(p, f)[0], _box(p, f)[1] + cap) for f, cap in zip(sig.masses, caps, strict=True)
        ]

    def base(self) -> tuple[_LP, list[Any]]:
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
    _reset_lp_count(lp_cap)
    try:
        sigs, _ = _signatures(m, cap)
        tally = _Tally(p.claims, p.specs)
        parts: dict[Any, _Continuous] = {}
        n_agg_assumptions = sum(1 for s in p.assumptions if not s.per_flight)
        spec_col = len(m.agg_stmts)
        mass_at = {i: col for col, i in enumerate(m.mass_cols)}
        agg_index = {id(s): i for i, s in enumerate(m.agg_stmts)}
        for sig in sigs:
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
                    pos, fail = _per_flight_claim(part, s)
                tally.possible[ci] |= pos
                tally.fails[ci] |= fail
                maybe_all = maybe_all and pos
            if maybe_all and not tally.joint:
                tally.joint = _joint(part, cols)
            for j in range(len(p.specs)):
                i = spec_col + j
                if i in cols:
                    tally.bound(j, Fraction(cols[i]), Fraction(cols[i]))
                    continue
                col = mass_at[i]
                clo, chi = part.cheap[col]
                old_lo, old_hi = tally.lo[j], tally.hi[j]
                lo = part.least(col) if old_lo is None or clo < old_lo else old_lo
                hi = part.greatest(col) if old_hi is None or chi > old_hi else old_hi
                tally.bound(j, lo, hi)
        lps = _LP_COUNT[0]
    finally:
        _reset_lp_count(None)
    return tally.result(signatures=len(sigs), lps=lps, variables=p.variables)


def _aggregate_claim(part: _Continuous, col: int, s: _Stmt) -> tuple[bool, bool]:
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


def _per_flight_claim(part: _Continuous, s: _Stmt) -> tuple[bool, bool]:
    m, sig = part.m, part.sig
    k = m.pf_claims.index(s)
    flag = sig.flags[k]
    pos = flag and bool(part.once(("pf-holds", k), lambda: m.build(sig, holds=[s])[0].feasible()))
    return pos, not flag or _pf_fails(part, s, k)


def _pf_fails(part: _Continuous, s: _Stmt, k: int) -> bool:
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
        ulo, uhi = _box(p, _load_mass(p, dict(o.load), p.members(s.total)))
        if ulo >= s.lo and (s.hi is None or uhi + max(_ZERO, _box(p, o.room)[1]) <= s.hi):
            continue

        def compute(key: Any = key) -> Any:
            lp2, _, info = m.build(sig, split=key)
            return lp2.extremes(m.single_value(lp2, info, s))

        least, most = part.once(("split", key, s.id), compute)
        if least < s.lo or (s.hi is not None and most > s.hi):
            return True
    return False


def _joint(part: _Continuous, cols: Mapping[int, int]) -> bool:
    """Whether every claim holds together in some completion of the signature."""
    m, sig = part.m, part.sig
    p = m.p
    agg_index = {id(s): i for i, s in enumerate(m.agg_stmts)}
    if not all(sig.flags):
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


# --------------------------------------------------------------------------- one allocation


def _rows_valid(p: _Plain, rows: Sequence[MassRow]) -> list[str]:
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
                used = sum((n * p.cargo[c].uses.get(limit, _ZERO) for c, n in load.items()), _ZERO)
                if used > cap:
                    problems.append(f"{where}: {limit} {used} over {cap}")
    for g in p.groups:
        if counts[g.id] < g.count_min or (g.count_max is not None and counts[g.id] > g.count_max):
            problems.append(f"group {g.id!r}: {counts[g.id]} flights, outside its count")
    return problems


def _value(p: _Plain, total: str, mass: bool, load: Mapping[str, int], bulk: Any) -> Form:
    """One flight's value of a total, as a form (count totals: a constant)."""
    if not mass:
        return p.const(Fraction(_count_value(p, total, load)))
    members = p.members(total)
    form = _load_mass(p, load, members)
    extra = sum((Fraction(kg) for c, kg in bulk.items() if c in members), _ZERO)
    return _add(form, p.const(extra))


def _selected_rows(p: _Plain, rows: Sequence[MassRow], filters: Filters) -> list[MassRow]:
    return [r for r in rows if r[2] > 0 and _selected(p.group(r[0]), r[1], filters)]


def _allocation_lp(p: _Plain, rows: Sequence[MassRow], claims: Iterable[_Stmt]) -> _LP:
    """The LP over the mass variables for a fixed allocation, base and ``claims`` imposed."""
    lp = _LP(p)
    for gid, _dest, count, load, bulk in rows:
        if count <= 0:
            continue
        g = p.group(gid)
        extra = sum((Fraction(kg) for kg in bulk.values()), _ZERO)
        used = _add(_load_mass(p, load), p.const(extra))
        lp.bound(lp.expr(used), None, p.payload[g.aircraft])
    for s in (*p.assumptions, *claims):
        _impose(p, lp, rows, s)
    return lp


def _impose(p: _Plain, lp: _LP, rows: Sequence[MassRow], s: _Stmt) -> None:
    chosen = _selected_rows(p, rows, s.filters)
    if s.per_flight:
        for _gid, _dest, _count, load, bulk in chosen:
            lp.bound(lp.expr(_value(p, s.total, s.mass, load, bulk)), s.lo, s.hi)
    else:
        total = p.zero
        for _gid, _dest, count, load, bulk in chosen:
            total = _add(total, _scale(_value(p, s.total, s.mass, load, bulk), count))
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


def _stmt(p: _Plain, statement_id: str) -> _Stmt:
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
            total = _add(total, _scale(_value(p, s.total, s.mass, load, bulk), count))
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
    total, filters, mass = spec
    lp = _allocation_lp(p, rows_, [_stmt(p, c) for c in claims])
    form = p.zero
    for _gid, _dest, count, load, bulk in _selected_rows(p, rows_, filters):
        form = _add(form, _scale(_value(p, total, mass, load, bulk), count))
    return lp.extremes(lp.expr(form))


# --------------------------------------------------------------------------- literal


def _literal_allocations(p: _Plain) -> Iterator[list[tuple[str, str, dict[str, int]]]]:
    """Every allocation of whole loads, one flight per entry (multisets per group)."""
    per_group = []
    for g in p.groups:
        if g.count_max is None:
            raise TooBig(f"group {g.id!r} has an open count")
        options = [(dest, load) for dest in g.to for load in _loads(p, g)]
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

    def __init__(self, p: _Plain, flights: Sequence[tuple[str, str, dict[str, int]]]) -> None:
        self.p = p
        self.flights = flights
        self.lp = _LP(p)
        self.bulk: list[dict[str, int]] = []
        for gid, _dest, load in flights:
            g = p.group(gid)
            vs = {c: self.lp.var() for c in g.carries if p.cargo[c].bulk}
            self.bulk.append(vs)
            used = _plus(self.lp.expr(_load_mass(p, load)), vs.values())
            self.lp.bound(used, None, p.payload[g.aircraft])

    def flight_value(self, i: int, s_total: str, mass: bool) -> Any:
        _gid, _dest, load = self.flights[i]
        if not mass:
            return Fraction(_count_value(self.p, s_total, load)), {}
        members = self.p.members(s_total)
        unit = self.lp.expr(_load_mass(self.p, load, members))
        return _plus(unit, [j for c, j in self.bulk[i].items() if c in members])

    def chosen(self, filters: Filters) -> list[int]:
        return [
            i
            for i, (gid, dest, _) in enumerate(self.flights)
            if _selected(self.p.group(gid), dest, filters)
        ]

    def total(self, s_total: str, filters: Filters, mass: bool) -> Any:
        const, coeffs = _ZERO, {}
        for i in self.chosen(filters):
            c, cs = self.flight_value(i, s_total, mass)
            const += c
            for j, a in cs.items():
                coeffs[j] = coeffs.get(j, _ZERO) + a
        return const, coeffs

    def rows_for(self, s: _Stmt) -> list[exact_lp.Row]:
        if s.per_flight:
            out = []
            for i in self.chosen(s.filters):
                out += _rows_of(self.flight_value(i, s.total, s.mass), s.lo, s.hi)
            return out
        return _rows_of(self.total(s.total, s.filters, s.mass), s.lo, s.hi)


def brute_force_literal(scenario: Mapping[str, Any], cap: int = 3_000) -> MassResult:
    """The same answers as :func:`mass_oracle`, allocation by allocation (slow)."""
    p = read(scenario)
    tally = _Tally(p.claims, p.specs)
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
        for j, (total, filters, mass) in enumerate(p.specs):
            rng = f.lp.extremes(f.total(total, filters, mass))
            assert rng is not None
            tally.bound(j, *rng)
    return tally.result(signatures=n, variables=p.variables)
