"""Reading a scenario for the mass oracle: units, statements, linear forms, the LP.

Shares no code with airlift: its own unit parser (kg, t, lb, short_ton,
long_ton, thousands separators), its own reading of cargo (unit or bulk),
aircraft, flight groups, statements (count or mass bounds) and estimate rows.
Masses of unit cargo whose range a mass total counts are *mass variables*;
everything that depends on them is a linear *form* in them, and :class:`LP`
turns forms into rows of the exact LP of :mod:`tests.oracle.exact_lp`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import lcm
from typing import Any

from tests.oracle import exact_lp

__all__ = [
    "BOUND_KEYS",
    "DEFAULT_CAP",
    "FILTER_KEYS",
    "KG_PER",
    "LP",
    "ZERO",
    "Con",
    "Filters",
    "Form",
    "Group",
    "MassRow",
    "Plain",
    "Spec",
    "Stmt",
    "TooBig",
    "add_forms",
    "count_lp",
    "count_value",
    "estimate_specs",
    "is_const",
    "load_mass",
    "loads",
    "parse_bound",
    "parse_mass",
    "plus",
    "ranged_mass_in_mass_total",
    "read",
    "reset_lp_count",
    "rows_of",
    "scale_form",
    "selected",
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
#: An estimate row: (total, filters, whether it is bounded in mass, the ids it is given).
Spec = tuple[str, Filters, bool, tuple[str, ...]]
#: An allocation row: (group id, destination, count, {unit type: units}, {bulk type: kg}),
#: the load and bulk being per flight.
MassRow = tuple[str, str, int, Mapping[str, int], Mapping[str, Fraction]]
#: A linear form in the mass variables: (constant, coefficient of each variable), in
#: units of 1/scale kg (``Plain.scale``), so that adding forms adds whole numbers.
Form = tuple[Any, ...]
#: ``lo <= form <= hi`` (either side None: open).
Con = tuple[Form, Fraction | None, Fraction | None]

ZERO = Fraction(0)


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
class Cargo:
    name: str
    kind: str
    bulk: bool
    lo: Fraction  #: smallest mass per unit (0 for bulk)
    hi: Fraction
    uses: Mapping[str, Fraction]


@dataclass(frozen=True)
class Group:
    id: str
    aircraft: str
    origin: str
    to: tuple[str, ...]
    carries: tuple[str, ...]
    count_min: int
    count_max: int | None


@dataclass(frozen=True)
class Stmt:
    id: str
    total: str
    filters: Filters
    per_flight: bool
    mass: bool
    lo: Fraction
    hi: Fraction | None

    def admits(self, value: Fraction | int) -> bool:
        return value >= self.lo and (self.hi is None or value <= self.hi)


def _statement(raw: Mapping[str, Any]) -> Stmt:
    given = [k for k in BOUND_KEYS if raw.get(k) is not None]
    if len(given) != 1:
        raise ValueError(f"mass oracle: statement {raw.get('id')!r} needs exactly one bound")
    key = given[0]
    bounds: tuple[Fraction, Fraction | None]
    if key == "between":
        (lo, m1), (hi, m2) = parse_bound(raw[key][0]), parse_bound(raw[key][1])
        if m1 != m2:
            raise ValueError(f"mass oracle: {raw.get('id')!r} mixes a mass and a count")
        mass, bounds = m1, (lo, hi)
    else:
        value, mass = parse_bound(raw[key])
        bounds = {
            "at_least": (value, None),
            "at_most": (ZERO, value),
            "equals": (value, value),
        }[key]
    return Stmt(
        id=str(raw["id"]),
        total=str(raw["total"]),
        filters=_filters(raw),
        per_flight=bool(raw.get("per_flight", False)),
        mass=mass,
        lo=bounds[0],
        hi=bounds[1],
    )


@dataclass(frozen=True)
class Plain:
    """The scenario read into the facts the oracle needs."""

    cargo: Mapping[str, Cargo]
    payload: Mapping[str, Fraction]  #: largest payload per aircraft type, kg
    limits: Mapping[str, Mapping[str, Fraction]]  #: largest limits
    groups: tuple[Group, ...]
    assumptions: tuple[Stmt, ...]
    claims: tuple[Stmt, ...]
    specs: tuple[Spec, ...]
    variables: tuple[str, ...]  #: ranged unit types that a mass total counts
    scale: int = 1  #: forms count 1/scale kg: every mass and payload is a whole number of them

    def group(self, gid: str) -> Group:
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

    A row is bounded in mass when it says ``unit`` or its total has a bulk member;
    ``given`` names the claims (or assumptions) the bound is taken under.
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
        given = _names(row["given"]) if row.get("given") is not None else ()
        by = row.get("by")
        expanded: list[Spec]
        if by is None:
            expanded = [(total, _filters(row), mass, given)]
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
                expanded.append((total, ordered, mass, given))
        for spec in expanded:
            if spec not in specs:
                specs.append(spec)
    return specs


def read(scenario: Mapping[str, Any]) -> Plain:
    cargo: dict[str, Cargo] = {}
    for name, c in scenario["cargo"].items():
        bulk = bool(c.get("bulk", False))
        lo, hi = (ZERO, ZERO) if bulk else _range(c["mass"], parse_mass)
        uses = {} if bulk else {k: _range(v, _amount)[0] for k, v in (c.get("uses") or {}).items()}
        cargo[str(name)] = Cargo(str(name), str(c["kind"]), bulk, lo, hi, uses)
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
            Group(
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
    plain = Plain(cargo, payload, limits, tuple(groups), assumptions, claims, specs, ())
    # Mass variables: ranged unit types that some mass total counts.
    counted: set[str] = set()
    for s in (*assumptions, *claims):
        if s.mass:
            counted.update(plain.members(s.total))
    for total, _, mass, _ in specs:
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
    return Plain(
        cargo, payload, limits, tuple(groups), assumptions, claims, specs, variables, scale
    )


def ranged_mass_in_mass_total(scenario: Mapping[str, Any]) -> bool:
    """Whether a unit type with a ranged mass is counted by some mass total."""
    return bool(read(scenario).variables)


# --------------------------------------------------------------------------- forms


def add_forms(a: Form, b: Form) -> Form:
    return tuple(x + y for x, y in zip(a, b, strict=True))


def scale_form(a: Form, k: int | Fraction) -> Form:
    return tuple(x * k for x in a)


def is_const(a: Form) -> bool:
    return not any(a[1:])


def load_mass(p: Plain, load: Mapping[str, int], members: Iterable[str] | None = None) -> Form:
    wanted = None if members is None else set(members)
    form = p.zero
    for c, n in load.items():
        if n and (wanted is None or c in wanted) and not p.cargo[c].bulk:
            form = add_forms(form, scale_form(p.unit_mass(c), n))
    return form


def count_value(p: Plain, total: str, load: Mapping[str, int]) -> int:
    if total == "flights":
        return 1
    return sum(load.get(c, 0) for c in p.members(total))


def selected(g: Group, dest: str, filters: Filters) -> bool:
    own = {"to": dest, "from": g.origin, "aircraft": g.aircraft, "flights": g.id}
    return all(own[key] in names for key, names in filters)


def _fits_permissive(p: Plain, g: Group, load: Mapping[str, int]) -> bool:
    """Whether whole units fit at the smallest masses and uses, largest limits."""
    mass = sum((n * p.cargo[c].lo for c, n in load.items()), ZERO)
    if mass > p.payload[g.aircraft]:
        return False
    for limit, cap in p.limits[g.aircraft].items():
        if sum((n * p.cargo[c].uses.get(limit, ZERO) for c, n in load.items()), ZERO) > cap:
            return False
    return True


def loads(p: Plain, g: Group) -> list[dict[str, int]]:
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


class LP:
    """Variables (each >= 0) and rows; forms in the mass variables are shifted to them."""

    def __init__(self, p: Plain) -> None:
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
            count_lp()
            return exact_lp.Polytope(self.n, [*self.rows, *extra])
        if self._poly is None or self._poly_rows != len(self.rows):
            count_lp()
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
        count_lp()
        r = self.polytope().optimise(coeffs, maximize=maximize)
        assert r.value is not None, "bounded and feasible by construction"
        return const + r.value

    def extremes(
        self, expr: tuple[Fraction, Mapping[int, Fraction]], extra: Sequence[exact_lp.Row] = ()
    ) -> tuple[Fraction, Fraction] | None:
        """The least and greatest value of ``expr`` (None: no point, with ``extra``)."""
        if not extra:
            if not self.feasible():
                return None
            return self.optimum(expr, maximize=False), self.optimum(expr, maximize=True)
        poly = self.polytope(extra)
        if not poly.feasible:
            return None
        const, coeffs = expr
        lo, hi = poly.optimise(coeffs), poly.optimise(coeffs, maximize=True)
        assert lo.value is not None and hi.value is not None, "bounded by construction"
        return const + lo.value, const + hi.value


@dataclass
class _Budget:
    """LPs solved since :func:`reset_lp_count`, and the most allowed (None: no limit)."""

    used: int = 0
    cap: int | None = None


LP_BUDGET = _Budget()


def reset_lp_count(cap: int | None) -> None:
    LP_BUDGET.used, LP_BUDGET.cap = 0, cap


def count_lp() -> None:
    LP_BUDGET.used += 1
    cap = LP_BUDGET.cap
    if cap is not None and LP_BUDGET.used > cap:
        raise TooBig(f"more than {cap} LPs")


def plus(
    a: tuple[Fraction, Mapping[int, Fraction]], vars_: Iterable[int]
) -> tuple[Fraction, dict[int, Fraction]]:
    coeffs = dict(a[1])
    for j in vars_:
        coeffs[j] = coeffs.get(j, ZERO) + 1
    return a[0], coeffs


def rows_of(
    expr: tuple[Fraction, Mapping[int, Fraction]], lo: Fraction | None, hi: Fraction | None
) -> list[exact_lp.Row]:
    const, coeffs = expr
    out: list[exact_lp.Row] = []
    if lo is not None:
        out.append((dict(coeffs), ">=", lo - const))
    if hi is not None:
        out.append((dict(coeffs), "<=", hi - const))
    return out
