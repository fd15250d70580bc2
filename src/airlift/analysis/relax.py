"""What would have to give: for each number in a conflict, the nearest value that ends it.

The rest of the conflict stays fixed (statements outside it stay dropped, as
in the conflict's own test). A bound on a sum or a flight count moves to the
least or greatest value the rest allows, found by one CP-SAT optimization
whose optimum also proves the next value toward the original impossible. A
per-flight bound or a physical value (payload, mass, limit, use) changes what
one flight can carry, so it is found by galloping and bisection over whole
units (1 kg, 1 cm, 1 unit; :mod:`airlift.analysis.nearest`): feasibility is
monotone in each of them. Every value reported comes with an allocation that
shows it works.

Members alike one another (:mod:`airlift.analysis.alike`) have the same
relaxations, so only the first of each class is relaxed; the conflict lists
the classes so that reports can say it of each.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction

from airlift.analysis.answers import Check, Optimum
from airlift.analysis.breakpoints import Breakpoints
from airlift.analysis.nearest import Nearest, nearest, nearest_among, rounded, tightest
from airlift.analysis.relevance import needed_cargo
from airlift.analysis.statements import Override, physical_value, statement_of
from airlift.analysis.totals import bounds_of
from airlift.analysis.whatif import WhatIfs
from airlift.errors import InternalError
from airlift.model import Requirement
from airlift.result import (
    Allocation,
    Cutoff,
    Measure,
    Relaxation,
    Role,
    StatementKey,
    StatementRef,
    TotalSpec,
)
from airlift.scenario.schema import FLIGHTS_TOTAL, Statement
from airlift.scenario.units import BASE_UNIT, Dimension

__all__ = ["format_amount", "relaxations"]


def relaxations(
    whatifs: WhatIfs,
    members: Sequence[StatementKey],
    refs: Mapping[StatementKey, StatementRef],
    proven: bool,
    classes: Sequence[Sequence[StatementKey]] = (),
    physical: Sequence[StatementKey] = (),
) -> tuple[Relaxation, ...]:
    """The relaxations of every number in a conflict, in the conflict's order.

    ``proven`` says whether the conflict itself is proven; a relaxation can be
    no more certain than the infeasibility of the value it starts from.
    ``classes`` are the conflict's classes of alike members: only the first
    member of each is relaxed. ``physical`` are the payloads, masses, limits and
    uses that stay as written while a number moves, though the conflict does not
    need them: a count relaxed up then needs the flights that can really carry
    the claim (what the thresholds say), not one flight of unlimited payload.
    """
    others = {k for members_alike in classes for k in members_alike[1:]}
    out: list[Relaxation] = []
    for key in members:
        if key in others:
            continue
        rest = [k for k in members if k != key]
        rest += [k for k in physical if k not in members]
        for found in _relax(whatifs, key, rest):
            out.append(found.relaxation(refs[key], proven))
    return tuple(out)


class _Found:
    """One number's search result, before it is tied to its statement's reference."""

    def __init__(
        self,
        field: str,
        direction: str,
        unit: str,
        current: Fraction,
        current_text: str,
        result: Nearest,
        mass: Measure | None = None,
    ) -> None:
        """``mass``: the found value counts grains of a bound written as a mass."""
        self.field, self.direction, self.unit = field, direction, unit
        self.current, self.current_text, self.result = current, current_text, result
        self.mass = mass

    def relaxation(self, ref: StatementRef, proven: bool) -> Relaxation:
        r = self.result
        needed = needed_text = None
        if r.value is not None and self.mass is not None:
            needed = Fraction(r.value, self.mass.grains)
            needed_text = self.mass.text(r.value)
        elif r.value is not None:
            needed = Fraction(r.value)
            needed_text = format_amount(needed, self.unit)
        return Relaxation(
            statement=ref,
            field=self.field,
            direction=self.direction,
            unit=self.unit,
            current=self.current,
            needed=needed,
            current_text=self.current_text,
            needed_text=needed_text,
            proven=proven and r.proven,
            witness=r.witness,
            cutoff=None if r.proven else (r.cutoff or Cutoff.TIME_LIMIT),
        )


def _relax(whatifs: WhatIfs, key: StatementKey, rest: list[StatementKey]) -> list[_Found]:
    scenario = whatifs.scenario
    if key.role in (Role.CLAIM, Role.ASSUMPTION):
        statement = statement_of(scenario, key)
        if whatifs.switchable(key):
            return _sum_bounds(whatifs, key, rest, statement)
        return _per_flight_bounds(whatifs, key, rest, statement)
    if key.role is Role.FLIGHTS:
        return _count_bounds(whatifs, key, rest)
    return _physical(whatifs, key, rest)


def _fields(statement: Statement) -> tuple[str, str]:
    """The names of a statement's lower and upper number."""
    if statement.at_least is not None:
        return "at_least", "at_least"
    if statement.at_most is not None:
        return "at_most", "at_most"
    if statement.equals is not None:
        return "equals", "equals"
    return "between.lo", "between.hi"


def _optimum(best: Optimum) -> Nearest:
    """An optimization's answer as a search result (no value: nothing found)."""
    return Nearest(best.value, best.proven, best.witness, best.cutoff)


def _sum_bounds(
    whatifs: WhatIfs, key: StatementKey, rest: list[StatementKey], statement: Statement
) -> list[_Found]:
    """Lower bound down to the greatest value the rest allows; upper bound up to the least."""
    base = whatifs.requirement_of(key)
    lo, hi = base.lo, base.hi
    low_field, high_field = _fields(statement)
    out: list[_Found] = []
    if lo > 0:
        best = whatifs.optimize(rest, Requirement("relaxed", base.spec, 0, hi), "max")
        out.append(_bound_found(low_field, "down", base.spec, lo, _optimum(best)))
    if hi is not None:
        best = whatifs.optimize(rest, Requirement("relaxed", base.spec, lo, None), "min")
        out.append(_bound_found(high_field, "up", base.spec, hi, _optimum(best)))
    return [f for f in out if f.result.value is not None]


def _bound_found(
    field: str, direction: str, spec: TotalSpec, written: int, result: Nearest
) -> _Found:
    """A statement's bound ``written`` (model integers) and the value it would need."""
    if spec.mass is None:
        return _Found(field, direction, "", Fraction(written), f"{written:,}", result)
    kg = Fraction(written, spec.mass.grains)
    unit = BASE_UNIT[Dimension.MASS]
    return _Found(field, direction, unit, kg, spec.mass.text(written), result, spec.mass)


def _count_bounds(whatifs: WhatIfs, key: StatementKey, rest: list[StatementKey]) -> list[_Found]:
    """A count's maximum up to the fewest flights the rest needs; its minimum down to the most."""
    count = whatifs.group(key.entry).count
    spec = TotalSpec(FLIGHTS_TOTAL, flights=(key.entry,))
    out: list[_Found] = []
    if count.max is not None:
        best = whatifs.optimize(rest, Requirement("relaxed", spec, count.min, None), "min")
        current = Fraction(count.max)
        out.append(_Found("count.max", "up", "", current, f"{count.max:,}", _optimum(best)))
    if count.min > 0:
        best = whatifs.optimize(rest, Requirement("relaxed", spec, 0, count.max), "max")
        current = Fraction(count.min)
        out.append(_Found("count.min", "down", "", current, f"{count.min:,}", _optimum(best)))
    return [f for f in out if f.result.value is not None]


def _per_flight_bounds(
    whatifs: WhatIfs, key: StatementKey, rest: list[StatementKey], statement: Statement
) -> list[_Found]:
    """A per-flight bound moved by bisection: the claim stays, with one number changed."""
    spec = whatifs.requirement_of(key).spec
    lo, hi = bounds_of(statement, whatifs.scenario)
    low_field, high_field = _fields(statement)
    kept = [*rest, key]
    out: list[_Found] = []

    def at(side: str) -> Callable[[int], Check]:
        return lambda v: whatifs.check(kept, ((key, side, Fraction(v)),), hard=True)

    def search(side: str, start: int, stop: int) -> Nearest:
        found = nearest(at(side), start, stop)
        if found.witness is None or found.value is None:
            return found
        shown = whatifs.shown(found.witness, kept, ((key, side, Fraction(found.value)),), True)
        return Nearest(found.value, found.proven, shown, found.cutoff)

    if lo > 0:
        out.append(_bound_found(low_field, "down", spec, lo, search("lo", lo, 0)))
    if hi is not None:
        roomy = whatifs.cap * len(whatifs.scenario.cargo) + 1  # above any capped flight's load
        if spec.mass is not None:  # ... or above any flight's mass
            roomy = whatifs.mass_cap + whatifs.heaviest_flight() + 1
        found = search("hi", hi, max(roomy, hi + 1))
        out.append(_bound_found(high_field, "up", spec, hi, found))
    return [f for f in out if f.result.value is not None]


def _physical(whatifs: WhatIfs, key: StatementKey, rest: list[StatementKey]) -> list[_Found]:
    """A payload or limit up, a mass or use down, to the nearest whole unit that works.

    Each allocation found is tightened: the value moves as far toward the written
    one as that allocation still allows, and is re-checked there.
    """
    written = physical_value(whatifs.scenario, key)
    up = key.role in (Role.PAYLOAD, Role.LIMIT)
    stop = whatifs.roomy(key) if up else 0
    current = written.value
    kept = [*rest, key]

    def overrides(value: int) -> tuple[Override, ...]:
        return ((key, "value", Fraction(value)),)

    def at(value: int) -> Check:
        return whatifs.check(kept, overrides(value), hard=True)

    def tighten(value: int, witness: Allocation) -> int:
        found = tightest(whatifs.scenario_of(kept, overrides(value), hard=True), key, witness)
        if found is None:
            return value
        moved = rounded(found, up)
        if moved == value:
            return value
        return moved if whatifs.holds(witness, kept, overrides(moved), hard=True) else value

    start = math.floor(current) if up else math.ceil(current)
    written_scenario = whatifs.scenario_of(kept, (), hard=True)
    needed = needed_cargo(whatifs.scenario, kept)
    found = nearest_among(at, start, stop, Breakpoints(written_scenario, key, needed, start))
    if found.witness is not None and found.value is not None:
        if not whatifs.holds(found.witness, kept, overrides(found.value), hard=True):
            raise InternalError(f"a relaxation's allocation fails its re-check at {found.value}")
        shown = whatifs.shown(found.witness, kept, overrides(found.value), hard=True)
        found = Nearest(found.value, found.proven, shown, found.cutoff)
    unit = BASE_UNIT[written.dimension]
    direction = "up" if up else "down"
    return [_Found(key.role.value, direction, unit, current, written.text, found)]


def format_amount(value: Fraction, unit: str) -> str:
    """An exact amount in words: ``61.234 t``, ``850 kg``, ``7.5 m``, ``26``."""
    if unit == BASE_UNIT[Dimension.MASS]:
        return _decimal(value / 1000, "t") if value >= 1000 else _decimal(value, "kg")
    if unit == BASE_UNIT[Dimension.LENGTH]:
        return _decimal(value / 100, "m") if value >= 100 else _decimal(value, "cm")
    return _decimal(value, "")


def _decimal(value: Fraction, unit: str) -> str:
    """Exact decimal when short; otherwise rounded to 3 places and marked with ``~``.

    Integer arithmetic only, so the text never depends on float formatting.
    """
    for places in range(4):
        scaled = value * 10**places
        if scaled.denominator == 1:
            return f"{_fixed(int(scaled), places)} {unit}".strip()
    rounded_value = round(value * 1000)  # Fraction.__round__: exact, ties to even
    return f"~{_fixed(rounded_value, 3)} {unit}".strip()


def _fixed(scaled: int, places: int) -> str:
    """``scaled / 10**places`` with thousands separators: ``_fixed(61234, 3)`` is ``61.234``."""
    sign = "-" if scaled < 0 else ""
    whole, part = divmod(abs(scaled), 10**places)
    text = f"{whole:,}"
    return f"{sign}{text}.{part:0{places}d}" if places else f"{sign}{text}"
