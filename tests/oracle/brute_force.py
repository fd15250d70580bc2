"""An independent brute-force oracle for small airlift scenarios.

It reads the plain scenario dict (exactly what a YAML file gives) and shares no
code with airlift: it has its own unit parser, its own reading of the format and
its own statement semantics, so a bug in the engine cannot hide in both.

How it enumerates. A flight is a ``(destination, load)`` pair, where a load is a
whole number of each carried cargo type that fits the aircraft at the most
permissive values (largest payload and limits, smallest masses and uses).
Flights of one group are interchangeable, so for each group and each count
``n`` in its range every multiset of ``n`` such pairs is enumerated
(``itertools.combinations_with_replacement``). Each multiset is reduced to its
*signature*: the sums it adds to every aggregate quantity the answers depend on
(aggregate assumptions and claims, estimate rows) and, for each per-flight
claim, whether all of its flights pass. Groups are combined by adding
signatures, keeping each distinct combined signature once: two allocations
with the same signature give the same answer to every question asked, so the
answers are exactly those of the full product of allocations.
Per-flight assumptions are conjunctions over flights, so a flight that breaks
one is dropped before enumeration. :func:`brute_force_literal` walks the full
product allocation by allocation through :func:`check_allocation` instead; the
oracle's own tests use it to cross-check the signature shortcut.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import comb
from typing import Any

__all__ = [
    "FILTER_KEYS",
    "OracleBound",
    "OracleClaim",
    "OracleResult",
    "TooBig",
    "brute_force",
    "brute_force_literal",
    "check_allocation",
    "estimate_specs",
    "statement_holds",
    "total_of",
    "work_estimate",
]

#: Filter keys of statements and estimate rows, in the order specs list them.
FILTER_KEYS = ("to", "from", "aircraft", "flights")
BOUND_KEYS = ("at_least", "at_most", "equals", "between")
#: Default cap on multisets enumerated plus distinct signatures kept.
DEFAULT_CAP = 400_000

Row = tuple[str, str, int, Mapping[str, int]]  # (group id, destination, count, load)
Spec = tuple[str, tuple[tuple[str, tuple[str, ...]], ...]]  # (total, ((filter, names), ...))


class TooBig(RuntimeError):
    """The scenario is too big (or open-ended) to enumerate within the cap."""


# --------------------------------------------------------------------------- parsing

_MASS_RE = re.compile(r"^\s*(?P<n>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?P<u>kg|t)\s*$")
_KG_PER = {"kg": Fraction(1), "t": Fraction(1000)}


def parse_mass(raw: object) -> Fraction:
    """``"4.5 t"`` -> ``Fraction(4500)`` kg. Only ``kg`` and ``t`` are understood."""
    if not isinstance(raw, str):
        raise ValueError(f"oracle: mass needs a unit, got {raw!r}")
    m = _MASS_RE.match(raw)
    if m is None:
        raise ValueError(f"oracle: cannot read mass {raw!r} (only kg and t)")
    return Fraction(m.group("n").replace(",", "")) * _KG_PER[m.group("u")]


def parse_amount(raw: object) -> Fraction:
    """A loading-limit amount: a whole count, or a mass in kg/t."""
    if isinstance(raw, bool):
        raise ValueError(f"oracle: bad amount {raw!r}")
    if isinstance(raw, int):
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
    return tuple(raw)  # type: ignore[arg-type]


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
class _Statement:
    id: str
    total: str
    filters: tuple[tuple[str, tuple[str, ...]], ...]
    per_flight: bool
    lo: int
    hi: int | None

    def admits(self, value: int) -> bool:
        return value >= self.lo and (self.hi is None or value <= self.hi)


@dataclass(frozen=True)
class _Plain:
    """The scenario read into the few facts the oracle needs."""

    cargo: tuple[str, ...]
    kind_of: Mapping[str, str]
    mass_min: Mapping[str, Fraction]
    uses_min: Mapping[str, Mapping[str, Fraction]]
    payload_max: Mapping[str, Fraction]
    limits_max: Mapping[str, Mapping[str, Fraction]]
    groups: tuple[_Group, ...]
    assumptions: tuple[_Statement, ...]
    claims: tuple[_Statement, ...]

    def group(self, gid: str) -> _Group:
        for g in self.groups:
            if g.id == gid:
                return g
        raise KeyError(gid)


def _statement(raw: Mapping[str, Any]) -> _Statement:
    given = [k for k in BOUND_KEYS if raw.get(k) is not None]
    if len(given) != 1:
        raise ValueError(f"oracle: statement {raw.get('id')!r} needs exactly one bound")
    key = given[0]
    lo: int
    hi: int | None
    if key == "at_least":
        lo, hi = raw[key], None
    elif key == "at_most":
        lo, hi = 0, raw[key]
    elif key == "equals":
        lo = hi = raw[key]
    else:
        lo, hi = raw[key]
    return _Statement(
        id=str(raw["id"]),
        total=str(raw["total"]),
        filters=_filters(raw),
        per_flight=bool(raw.get("per_flight", False)),
        lo=lo,
        hi=hi,
    )


def _filters(raw: Mapping[str, Any]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((k, _names(raw[k])) for k in FILTER_KEYS if raw.get(k) is not None)


def _ordered(filters: Mapping[str, tuple[str, ...]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((k, filters[k]) for k in FILTER_KEYS if k in filters)


def read(scenario: Mapping[str, Any]) -> _Plain:
    """Read a scenario dict; values at their most permissive ends."""
    cargo = tuple(scenario["cargo"])
    kind_of, mass_min, uses_min = {}, {}, {}
    for name, c in scenario["cargo"].items():
        kind_of[name] = str(c["kind"])
        mass_min[name] = _range(c["mass"], parse_mass)[0]
        uses_min[name] = {k: _range(v, parse_amount)[0] for k, v in (c.get("uses") or {}).items()}
    payload_max, limits_max = {}, {}
    for name, a in scenario["aircraft"].items():
        payload_max[name] = _range(a["payload"], parse_mass)[1]
        limits = a.get("limits") or {}
        limits_max[name] = {k: _range(v, parse_amount)[1] for k, v in limits.items()}
    groups = []
    for g in scenario["flights"]:
        count = g["count"]
        if isinstance(count, Mapping):
            cmin, cmax = int(count["min"]), count.get("max")
        else:
            cmin, cmax = int(count), int(count)
        carries = _names(g["carries"]) if g.get("carries") is not None else cargo
        groups.append(
            _Group(
                str(g["id"]),
                str(g["aircraft"]),
                str(g["from"]),
                _names(g["to"]),
                tuple(carries),
                cmin,
                None if cmax is None else int(cmax),
            )
        )
    return _Plain(
        cargo=cargo,
        kind_of=kind_of,
        mass_min=mass_min,
        uses_min=uses_min,
        payload_max=payload_max,
        limits_max=limits_max,
        groups=tuple(groups),
        assumptions=tuple(_statement(s) for s in scenario.get("assumptions") or ()),
        claims=tuple(_statement(s) for s in scenario.get("claims") or ()),
    )


def estimate_specs(scenario: Mapping[str, Any]) -> list[Spec]:
    """The estimate rows after ``by`` expansion, or the default rows.

    A ``by`` row gives one row per value (destination, origin, aircraft type or
    group id) among the groups that the row's other filters select, in order of
    first appearance; with ``by: to`` and a ``to`` filter, only those
    destinations. A row equal to an earlier one is shown once.
    Defaults: for each kind (first appearance in ``cargo``) its total, then one
    row per destination; then flights in total, then flights per destination.
    """
    rows = scenario.get("estimate")
    if rows is None:
        kinds: list[str] = []
        for c in scenario["cargo"].values():
            if c["kind"] not in kinds:
                kinds.append(c["kind"])
        rows = [r for k in [*kinds, "flights"] for r in ({"total": k}, {"total": k, "by": "to"})]
    specs: list[Spec] = []
    for row in rows:
        filters = dict(_filters(row))
        by = row.get("by")
        if by is None:
            expanded = [(str(row["total"]), _filters(row))]
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
            expanded = [(str(row["total"]), _ordered({**filters, by: (v,)})) for v in values]
        for spec in expanded:
            if spec not in specs:
                specs.append(spec)
    return specs


# --------------------------------------------------------------------------- semantics


def _selected(
    p: _Plain, g: _Group, dest: str, filters: Iterable[tuple[str, tuple[str, ...]]]
) -> bool:
    own = {"to": dest, "from": g.origin, "aircraft": g.aircraft, "flights": g.id}
    return all(own[key] in names for key, names in filters)


def _flight_value(p: _Plain, total: str, load: Mapping[str, int]) -> int:
    if total == "flights":
        return 1
    if total in p.kind_of:
        return load.get(total, 0)
    if total in p.kind_of.values():
        return sum(n for c, n in load.items() if p.kind_of[c] == total)
    raise ValueError(f"oracle: unknown total {total!r}")


def _fits(p: _Plain, aircraft: str, load: Mapping[str, int]) -> bool:
    """Whether one flight's load fits its aircraft at the most permissive values."""
    if sum(n * p.mass_min[c] for c, n in load.items()) > p.payload_max[aircraft]:
        return False
    for limit, cap in p.limits_max[aircraft].items():
        if sum(n * p.uses_min[c].get(limit, 0) for c, n in load.items()) > cap:
            return False
    return True


def _loads(p: _Plain, g: _Group) -> list[dict[str, int]]:
    """Every load (whole units of each carried type) that fits one flight of ``g``."""
    out: list[dict[str, int]] = []

    def extend(i: int, load: dict[str, int]) -> None:
        if i == len(g.carries):
            out.append(dict(load))
            return
        c = g.carries[i]
        n = 0
        while True:
            trial = {**load, c: n} if n else dict(load)
            if not _fits(p, g.aircraft, trial):
                break
            extend(i + 1, trial)
            n += 1

    extend(0, {})
    return out


def _flights_of(
    p: _Plain, rows: Iterable[Row]
) -> Iterator[tuple[_Group, str, Mapping[str, int], int]]:
    for gid, dest, count, load in rows:
        yield p.group(gid), dest, load, count


def _statement_on(p: _Plain, s: _Statement, rows: Sequence[Row]) -> bool:
    if s.per_flight:
        return all(
            s.admits(_flight_value(p, s.total, load))
            for g, dest, load, count in _flights_of(p, rows)
            if count > 0 and _selected(p, g, dest, s.filters)
        )
    value = sum(
        count * _flight_value(p, s.total, load)
        for g, dest, load, count in _flights_of(p, rows)
        if _selected(p, g, dest, s.filters)
    )
    return s.admits(value)


def check_allocation(
    scenario: Mapping[str, Any], rows: Iterable[Row], claims: Iterable[str] = ()
) -> list[str]:
    """Everything wrong with an allocation under the base (and the named claims).

    ``rows`` are ``(group id, destination, count, {cargo: units per flight})``.
    Checks group ids, destinations, carried types, whole non-negative numbers,
    each group's count range, payload and limits per flight at the most
    permissive values, every assumption and every claim in ``claims``.
    Returns an empty list for a valid allocation.
    """
    p = read(scenario)
    rows = list(rows)
    problems: list[str] = []
    counts = {g.id: 0 for g in p.groups}
    for gid, dest, count, load in rows:
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
        row_ok = True
        for c, n in load.items():
            if c not in g.carries:
                problems.append(f"{where}: carries {c!r}, not among {g.carries}")
                row_ok = False
            if not isinstance(n, int) or isinstance(n, bool) or n < 0:
                problems.append(f"{where}: bad number {n!r} of {c!r}")
                row_ok = False
        if row_ok and count > 0 and not _fits(p, g.aircraft, load):
            problems.append(f"{where}: load {dict(load)} does not fit a {g.aircraft}")
    for g in p.groups:
        if counts[g.id] < g.count_min or (g.count_max is not None and counts[g.id] > g.count_max):
            problems.append(f"group {g.id!r}: {counts[g.id]} flights, outside its count")
    if problems:
        return problems
    for s in p.assumptions:
        if not _statement_on(p, s, rows):
            problems.append(f"assumption {s.id!r} fails")
    wanted = set(claims)
    for s in p.claims:
        if s.id in wanted and not _statement_on(p, s, rows):
            problems.append(f"claim {s.id!r} fails")
    unknown = wanted - {s.id for s in p.claims}
    problems.extend(f"no claim {c!r}" for c in sorted(unknown))
    return problems


def statement_holds(scenario: Mapping[str, Any], rows: Iterable[Row], statement_id: str) -> bool:
    """Whether the assumption or claim ``statement_id`` holds in the allocation."""
    p = read(scenario)
    for s in (*p.assumptions, *p.claims):
        if s.id == statement_id:
            return _statement_on(p, s, list(rows))
    raise KeyError(statement_id)


def total_of(scenario: Mapping[str, Any], rows: Iterable[Row], spec: Spec) -> int:
    """The value of the total ``spec`` (from :func:`estimate_specs`) in the allocation."""
    p = read(scenario)
    total, filters = spec
    return sum(
        count * _flight_value(p, total, load)
        for g, dest, load, count in _flights_of(p, rows)
        if _selected(p, g, dest, filters)
    )


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class OracleClaim:
    """A claim's verdict and the two facts it comes from."""

    id: str
    possible: bool  #: holds in some base allocation
    necessary: bool  #: holds in every base allocation (vacuously true if none)
    verdict: str  #: "inconsistent", "implied" or "consistent"


@dataclass(frozen=True)
class OracleBound:
    """Min and max of one estimate total over base allocations (None if none exist)."""

    spec: Spec
    min: int | None
    max: int | None


@dataclass(frozen=True)
class OracleResult:
    base_feasible: bool
    all_claims_feasible: bool  #: some base allocation satisfies every claim
    claims: tuple[OracleClaim, ...]
    bounds: tuple[OracleBound, ...]
    allocations: int  #: number of allocations (before assumptions) covered


def _verdict(possible: bool, necessary: bool) -> str:
    if not possible:
        return "inconsistent"
    return "implied" if necessary else "consistent"


def _result(
    p: _Plain, specs: list[Spec], base: list[tuple[tuple[int, ...], tuple[bool, ...]]], n_alloc: int
) -> OracleResult:
    """Answers from the per-allocation facts of every base allocation.

    Each entry of ``base`` is (estimate totals, whether each claim holds).
    """
    claims = []
    for i, s in enumerate(p.claims):
        possible = any(held[i] for _, held in base)
        necessary = all(held[i] for _, held in base)
        claims.append(OracleClaim(s.id, possible, necessary, _verdict(possible, necessary)))
    bounds = []
    for j, spec in enumerate(specs):
        values = [totals[j] for totals, _ in base]
        bounds.append(OracleBound(spec, min(values, default=None), max(values, default=None)))
    return OracleResult(
        base_feasible=bool(base),
        all_claims_feasible=any(all(held) for _, held in base),
        claims=tuple(claims),
        bounds=tuple(bounds),
        allocations=n_alloc,
    )


def _multisets(n_options: int, count_min: int, count_max: int) -> int:
    """How many multisets of ``count_min..count_max`` items drawn from ``n_options``."""
    if n_options == 0:
        return 1 if count_min == 0 else 0
    return sum(comb(n_options + n - 1, n) for n in range(count_min, count_max + 1))


def work_estimate(scenario: Mapping[str, Any]) -> int:
    """Multisets :func:`brute_force` will enumerate (raises :class:`TooBig` if open)."""
    p = read(scenario)
    work = 0
    for g in p.groups:
        if g.count_max is None:
            raise TooBig(f"group {g.id!r} has an open count")
        work += _multisets(len(g.to) * len(_loads(p, g)), g.count_min, g.count_max)
    return work


def brute_force(scenario: Mapping[str, Any], cap: int = DEFAULT_CAP) -> OracleResult:
    """Verdicts, joint status and estimate bounds of a small scenario, by enumeration."""
    p = read(scenario)
    specs = estimate_specs(scenario)
    aggregate = [s for s in (*p.assumptions, *p.claims) if not s.per_flight]
    tracked = [(s.total, s.filters) for s in aggregate] + list(specs)
    per_flight_claims = [s for s in p.claims if s.per_flight]
    per_flight_assumptions = [s for s in p.assumptions if s.per_flight]
    width = len(tracked)

    work = 0
    n_alloc = 1
    combined: set[tuple[tuple[int, ...], tuple[bool, ...]]] = {
        ((0,) * width, (True,) * len(per_flight_claims))
    }
    for g in p.groups:
        if g.count_max is None:
            raise TooBig(f"group {g.id!r} has an open count")
        loads = _loads(p, g)
        options: list[tuple[tuple[int, ...], tuple[bool, ...]]] = []
        for dest in g.to:
            for load in loads:
                values = {s.id: _flight_value(p, s.total, load) for s in per_flight_assumptions}
                if not all(
                    s.admits(values[s.id])
                    for s in per_flight_assumptions
                    if _selected(p, g, dest, s.filters)
                ):
                    continue
                vector = tuple(
                    _flight_value(p, total, load) if _selected(p, g, dest, f) else 0
                    for total, f in tracked
                )
                passes = tuple(
                    not _selected(p, g, dest, s.filters)
                    or s.admits(_flight_value(p, s.total, load))
                    for s in per_flight_claims
                )
                options.append((vector, passes))
        n_alloc *= _multisets(len(g.to) * len(loads), g.count_min, g.count_max)
        work += _multisets(len(options), g.count_min, g.count_max)
        if work > cap:
            raise TooBig(f"more than {cap} multisets to enumerate")
        signatures: set[tuple[tuple[int, ...], tuple[bool, ...]]] = set()
        for n in range(g.count_min, g.count_max + 1):
            for chosen in itertools.combinations_with_replacement(options, n):
                vector = (
                    tuple(sum(col) for col in zip(*(o[0] for o in chosen), strict=True))
                    if chosen
                    else (0,) * width
                )
                passes = (
                    tuple(all(col) for col in zip(*(o[1] for o in chosen), strict=True))
                    if chosen
                    else (True,) * len(per_flight_claims)
                )
                signatures.add((vector, passes))
        work += len(combined) * len(signatures)
        if work > cap:
            raise TooBig(f"more than {cap} signatures to combine")
        combined = {
            (
                tuple(a + b for a, b in zip(v1, v2, strict=True)),
                tuple(x and y for x, y in zip(f1, f2, strict=True)),
            )
            for v1, f1 in combined
            for v2, f2 in signatures
        }

    n_agg_assumptions = sum(1 for s in p.assumptions if not s.per_flight)
    base = []
    for vector, passes in combined:
        if not all(aggregate[i].admits(vector[i]) for i in range(n_agg_assumptions)):
            continue
        # Claims in file order: aggregate ones read their column of ``vector``,
        # per-flight ones their flag in ``passes``.
        agg_column = iter(range(n_agg_assumptions, len(aggregate)))
        flag = iter(range(len(per_flight_claims)))
        held = tuple(
            passes[next(flag)] if s.per_flight else s.admits(vector[next(agg_column)])
            for s in p.claims
        )
        base.append((vector[len(aggregate) :], held))
    return _result(p, specs, base, n_alloc)


def literal_allocations(scenario: Mapping[str, Any]) -> Iterator[list[Row]]:
    """Every allocation, one by one: the product over groups of their multisets."""
    p = read(scenario)
    per_group = []
    for g in p.groups:
        if g.count_max is None:
            raise TooBig(f"group {g.id!r} has an open count")
        options = [(dest, load) for dest in g.to for load in _loads(p, g)]
        per_group.append(
            [
                [(g.id, dest, 1, load) for dest, load in chosen]
                for n in range(g.count_min, g.count_max + 1)
                for chosen in itertools.combinations_with_replacement(options, n)
            ]
        )
    for parts in itertools.product(*per_group):
        yield [row for part in parts for row in part]


def brute_force_literal(scenario: Mapping[str, Any], cap: int = 200_000) -> OracleResult:
    """The same answers as :func:`brute_force`, allocation by allocation (slow).

    Each allocation is judged by :func:`check_allocation`, :func:`statement_holds`
    and :func:`total_of`, i.e. by the checker used on the engine's witnesses.
    """
    p = read(scenario)
    specs = estimate_specs(scenario)
    base = []
    n_alloc = 0
    for rows in literal_allocations(scenario):
        n_alloc += 1
        if n_alloc > cap:
            raise TooBig(f"more than {cap} allocations")
        if check_allocation(scenario, rows):
            continue
        held = tuple(statement_holds(scenario, rows, s.id) for s in p.claims)
        base.append((tuple(total_of(scenario, rows, spec) for spec in specs), held))
    return _result(p, specs, base, n_alloc)
