"""What would have to give: for each number in a conflict, the nearest value that ends it.

The rest of the conflict stays fixed (statements outside it stay dropped, as
in the conflict's own test). A bound on a sum or a flight count moves to the
least or greatest value the rest allows, found by one CP-SAT optimization
whose optimum also proves the next value toward the original impossible. A
per-flight bound or a physical value (payload, mass, limit, use) changes what
one flight can carry, so it is found by bisection over whole units (1 kg,
1 cm, 1 unit): feasibility is monotone in each of them. Every value reported
comes with an allocation that shows it works.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction

from airlift.analysis.whatif import (
    Check,
    Override,
    WhatIfs,
    physical_value,
    statement_of,
    switchable,
)
from airlift.model import Requirement
from airlift.result import (
    Allocation,
    Feasibility,
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
) -> tuple[Relaxation, ...]:
    """The relaxations of every number in a conflict, in the conflict's order.

    ``proven`` says whether the conflict itself is proven; a relaxation can be
    no more certain than the infeasibility of the value it starts from.
    """
    out: list[Relaxation] = []
    for key in members:
        rest = [k for k in members if k != key]
        for found in _relax(whatifs, key, rest):
            field, direction, unit, current, current_text, needed, sure, witness = found
            out.append(
                Relaxation(
                    statement=refs[key],
                    field=field,
                    direction=direction,
                    unit=unit,
                    current=current,
                    needed=needed,
                    current_text=current_text,
                    needed_text=format_amount(needed, unit) if needed is not None else None,
                    proven=proven and sure,
                    witness=witness,
                )
            )
    return tuple(out)


_Found = tuple[
    str, str, str, Fraction, str, Fraction | None, bool, Allocation | None
]  # field, direction, unit, current, current text, needed, proven, witness


def _relax(whatifs: WhatIfs, key: StatementKey, rest: list[StatementKey]) -> list[_Found]:
    scenario = whatifs.scenario
    if key.role in (Role.CLAIM, Role.ASSUMPTION):
        statement = statement_of(scenario, key)
        if switchable(scenario, key):
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


def _sum_bounds(
    whatifs: WhatIfs, key: StatementKey, rest: list[StatementKey], statement: Statement
) -> list[_Found]:
    """Lower bound down to the greatest value the rest allows; upper bound up to the least."""
    lo, hi = statement.interval
    base = whatifs.requirement_of(key)
    low_field, high_field = _fields(statement)
    out: list[_Found] = []
    if lo > 0:
        target = Requirement("relaxed", base.spec, 0, hi)
        best = whatifs.optimize(rest, target, "max")
        needed = Fraction(best.value) if best.value is not None else None
        out.append((low_field, "down", "", Fraction(lo), f"{lo:,}", needed, best.proven,
                    best.witness))  # fmt: skip
    if hi is not None:
        target = Requirement("relaxed", base.spec, lo, None)
        best = whatifs.optimize(rest, target, "min")
        needed = Fraction(best.value) if best.value is not None else None
        out.append((high_field, "up", "", Fraction(hi), f"{hi:,}", needed, best.proven,
                    best.witness))  # fmt: skip
    return [f for f in out if f[5] is not None]


def _count_bounds(whatifs: WhatIfs, key: StatementKey, rest: list[StatementKey]) -> list[_Found]:
    """A count's maximum up to the fewest flights the rest needs; its minimum down to the most."""
    count = next(g for g in whatifs.scenario.flights if g.id == key.entry).count
    spec = TotalSpec(FLIGHTS_TOTAL, flights=(key.entry,))
    out: list[_Found] = []
    if count.max is not None:
        best = whatifs.optimize(rest, Requirement("relaxed", spec, count.min, None), "min")
        if best.value is not None:
            out.append(("count.max", "up", "", Fraction(count.max), f"{count.max:,}",
                        Fraction(best.value), best.proven, best.witness))  # fmt: skip
    if count.min > 0:
        best = whatifs.optimize(rest, Requirement("relaxed", spec, 0, count.max), "max")
        if best.value is not None:
            out.append(("count.min", "down", "", Fraction(count.min), f"{count.min:,}",
                        Fraction(best.value), best.proven, best.witness))  # fmt: skip
    return out


def _per_flight_bounds(
    whatifs: WhatIfs, key: StatementKey, rest: list[StatementKey], statement: Statement
) -> list[_Found]:
    """A per-flight bound moved by bisection: the claim stays, with one number changed."""
    lo, hi = statement.interval
    low_field, high_field = _fields(statement)
    out: list[_Found] = []

    def at(side: str) -> Callable[[int], Check]:
        return lambda v: whatifs.check([*rest, key], ((key, side, Fraction(v)),), hard=True)

    if lo > 0:
        found = _bisect(at("lo"), lo, 0)
        out.append((low_field, "down", "", Fraction(lo), f"{lo:,}", *found))
    if hi is not None:
        roomy = whatifs.cap * len(whatifs.scenario.cargo) + 1  # above any capped flight's load
        found = _bisect(at("hi"), hi, max(roomy, hi + 1))
        out.append((high_field, "up", "", Fraction(hi), f"{hi:,}", *found))
    return [f for f in out if f[5] is not None]


def _physical(whatifs: WhatIfs, key: StatementKey, rest: list[StatementKey]) -> list[_Found]:
    """A payload or limit up, a mass or use down, to the nearest whole unit that works."""
    written = physical_value(whatifs.scenario, key)
    direction = "up" if key.role in (Role.PAYLOAD, Role.LIMIT) else "down"
    stop = whatifs.roomy(key) if direction == "up" else 0
    current = written.value

    def at(value: int) -> Check:
        overrides: tuple[Override, ...] = ((key, "value", Fraction(value)),)
        return whatifs.check([*rest, key], overrides, hard=True)

    start = math.floor(current) if direction == "up" else math.ceil(current)
    needed, proven, witness = _bisect(at, start, stop)
    unit = BASE_UNIT[written.dimension]
    return [(key.role.value, direction, unit, current, written.text, needed, proven, witness)]


def _bisect(
    check: Callable[[int], Check], start: int, stop: int
) -> tuple[Fraction | None, bool, Allocation | None]:
    """The value nearest ``start`` (which fails) toward ``stop`` at which ``check`` holds.

    Feasibility must be monotone from ``start`` to ``stop``. Steps double away
    from ``start`` until one holds, then bisection closes in: values far from
    the written one (which make loads huge) are tried only when needed.
    Returns the value, whether it is proven nearest, and an allocation at it;
    no value when even ``stop`` fails. An unknown answer counts as failing,
    and unproves the result.
    """
    sign = 1 if stop >= start else -1
    bad, proven = start, True
    good: int | None = None
    witness: Allocation | None = None
    step = 1
    while good is None:
        probe = start + sign * step
        if sign * (probe - stop) >= 0:
            probe = stop
        answer = check(probe)
        if answer.status is Feasibility.FEASIBLE:
            good, witness = probe, answer.witness
        elif probe == stop:
            return None, proven and answer.status is Feasibility.INFEASIBLE, None
        else:
            bad = probe
            proven = proven and answer.status is Feasibility.INFEASIBLE
            step *= 2
    while abs(good - bad) > 1:
        middle = (bad + good) // 2
        answer = check(middle)
        if answer.status is Feasibility.FEASIBLE:
            good, witness = middle, answer.witness
        else:
            bad = middle
            proven = proven and answer.status is Feasibility.INFEASIBLE
    return Fraction(good), proven, witness


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
    rounded = round(value * 1000)  # Fraction.__round__: exact, ties to even
    return f"~{_fixed(rounded, 3)} {unit}".strip()


def _fixed(scaled: int, places: int) -> str:
    """``scaled / 10**places`` with thousands separators: ``_fixed(61234, 3)`` is ``61.234``."""
    sign = "-" if scaled < 0 else ""
    whole, part = divmod(abs(scaled), 10**places)
    text = f"{whole:,}"
    return f"{sign}{text}.{part:0{places}d}" if places else f"{sign}{text}"
