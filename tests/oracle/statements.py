"""Statements of a scenario dict, what dropping or moving one means, and feasibility by enumeration.

This is the oracle's side of conflict checking. It reads and writes plain
scenario dicts only (it never imports airlift) and decides feasibility with
:func:`tests.oracle.brute_force.brute_force`.

Every number a scenario states is a *statement* named by a key ``(role, id)``:

=============  ============================  =====================================
role           id                            dropping it means
=============  ============================  =====================================
claim          the claim's id                the claim is removed
assumption     the assumption's id           the assumption is removed
flights        the group's id                its count becomes ``{min: 0}``, open
payload        ``aircraft.<A>.payload``      A's flights have no mass limit
limit          ``aircraft.<A>.limits.<L>``   A's flights have no limit L
mass           ``cargo.<C>.mass``            C weighs nothing
uses           ``cargo.<C>.uses.<L>``        C uses none of L
=============  ============================  =====================================

:func:`restrict` keeps a set of statements and drops every other one; what is
left is the scenario's structure (airfields each group may fly to, ``carries``,
cargo kinds) plus the kept statements. Kept claims become assumptions there, so
"these statements hold together" is just "the restricted base is feasible".

Dropping numbers leaves things unlimited (open counts, weightless cargo, no
payload), which no enumeration can walk. :func:`finite` adds caps that change
no feasibility answer; its docstring gives the argument.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from tests.oracle.brute_force import BOUND_KEYS, DEFAULT_CAP, brute_force, check_allocation

__all__ = [
    "CAP_PREFIX",
    "Key",
    "Row",
    "cap_loads",
    "check_rows",
    "feasible",
    "finite",
    "moved",
    "number",
    "restrict",
    "statement_keys",
]

Key = tuple[str, str]  # (role, id)
Row = tuple[str, str, int, Mapping[str, int]]
#: Limit names :func:`finite` adds; no scenario may use one.
CAP_PREFIX = "__oracle_cap__"
#: A payload no load of the capped enumeration comes near: "no mass limit".
_NO_PAYLOAD = "1000000000000 kg"


@dataclass(frozen=True)
class _Where:
    """Where in the dict a statement lives."""

    role: str
    name: str  # claim/assumption/group id, aircraft or cargo name
    limit: str | None = None  # the limit's name for "limit" and "uses"


def statement_keys(d: Mapping[str, Any]) -> dict[Key, _Where]:
    """Every statement of ``d``, keyed ``(role, id)`` as the engine names them, in file order.

    The id is the text of the JSON report (``aircraft.<A>.limits.<L>``), built here from
    the names and never split. Names with dots could make two statements read alike
    (aircraft ``A`` with limit ``b.c`` and aircraft ``A.limits.b`` with limit ``c``);
    such a scenario is refused rather than judged by the wrong statement.
    """
    wheres = [_Where("assumption", str(s["id"])) for s in d.get("assumptions") or ()]
    wheres += [_Where("claim", str(s["id"])) for s in d.get("claims") or ()]
    wheres += [_Where("flights", str(g["id"])) for g in d["flights"]]
    for a, entry in d["aircraft"].items():
        wheres.append(_Where("payload", a))
        wheres += [_Where("limit", a, lim) for lim in entry.get("limits") or {}]
    for c, entry in d["cargo"].items():
        wheres.append(_Where("mass", c))
        wheres += [_Where("uses", c, lim) for lim in entry.get("uses") or {}]
    out: dict[Key, _Where] = {}
    for where in wheres:
        key = (where.role, _text(where))
        if key in out:
            raise ValueError(f"oracle: two statements read {key}")
        out[key] = where
    return out


def _text(where: _Where) -> str:
    """A statement's id as the engine writes it: the id, or a physical value's field path."""
    if where.role == "payload":
        return f"aircraft.{where.name}.payload"
    if where.role == "limit":
        return f"aircraft.{where.name}.limits.{where.limit}"
    if where.role == "mass":
        return f"cargo.{where.name}.mass"
    if where.role == "uses":
        return f"cargo.{where.name}.uses.{where.limit}"
    return where.name


def restrict(d: Mapping[str, Any], keep: Iterable[Key]) -> dict[str, Any]:
    """``d`` with every statement outside ``keep`` dropped; kept claims become assumptions.

    The result has no claims and no estimate, so its base is feasible exactly
    when the kept statements hold together. Unknown keys are an error (a test
    must not silently judge a different set than the engine reported).
    """
    keys = statement_keys(d)
    keep = set(keep)
    unknown = keep - set(keys)
    if unknown:
        raise KeyError(f"oracle: no such statements {sorted(unknown)}")
    out = copy.deepcopy(dict(d))
    out.pop("estimate", None)
    out["assumptions"] = [
        s
        for role in ("assumptions", "claims")
        for s in out.get(role) or ()
        if (role[:-1], str(s["id"])) in keep
    ]
    out["claims"] = []
    kept = {keys[k] for k in keep}
    for g in out["flights"]:
        if _Where("flights", str(g["id"])) not in kept:
            g["count"] = {"min": 0}
    for a, entry in out["aircraft"].items():
        if _Where("payload", a) not in kept:
            entry["payload"] = _NO_PAYLOAD
        limits = {
            k: v for k, v in (entry.get("limits") or {}).items() if _Where("limit", a, k) in kept
        }
        entry.pop("limits", None)
        if limits:
            entry["limits"] = limits
    for c, entry in out["cargo"].items():
        if _Where("mass", c) not in kept:
            entry["mass"] = "0 kg"
        uses = {k: v for k, v in (entry.get("uses") or {}).items() if _Where("uses", c, k) in kept}
        entry.pop("uses", None)
        if uses:
            entry["uses"] = uses
    return out


# --------------------------------------------------------------------------- numbers


def _kg(value: Fraction) -> str:
    """A mass in kg as the oracle's parser reads it back exactly."""
    if value.denominator == 1:
        return f"{value.numerator} kg"
    text = f"{float(value):.12f}".rstrip("0")
    if Fraction(text) != value:
        raise ValueError(f"oracle: {value} kg has no short decimal form")
    return f"{text} kg"


def _amount(template: object, value: Fraction) -> Any:
    """``value`` written like ``template``: a count stays a count, a mass a mass in kg."""
    sample = template["min"] if isinstance(template, Mapping) else template
    if isinstance(sample, int):
        if value.denominator != 1:
            raise ValueError(f"oracle: count {value} is not whole")
        return int(value)
    return _kg(value)


def _statement(d: Mapping[str, Any], sid: str) -> dict[str, Any]:
    for role in ("assumptions", "claims"):
        for s in d.get(role) or ():
            if str(s["id"]) == sid:
                return s  # type: ignore[no-any-return]
    raise KeyError(sid)


def _permissive(raw: object, side: str, parse: Any) -> Fraction:
    if isinstance(raw, Mapping):
        return Fraction(parse(raw[side]))
    return Fraction(parse(raw))


def number(d: Mapping[str, Any], key: Key, field: str) -> Fraction:
    """The current value of one number (``field`` as in a relaxation) of statement ``key``.

    Physical values are read at their permissive ends (payload and limits at
    their max, masses and uses at their min), in kg for masses.
    """
    from tests.oracle.brute_force import parse_amount, parse_mass

    where = statement_keys(d)[key]
    if where.role in ("claim", "assumption"):
        s = _statement(d, where.name)
        if field == "between.lo":
            return Fraction(s["between"][0])
        if field == "between.hi":
            return Fraction(s["between"][1])
        return Fraction(s[field])
    if where.role == "flights":
        count = next(g for g in d["flights"] if str(g["id"]) == where.name)["count"]
        if not isinstance(count, Mapping):
            return Fraction(count)
        return Fraction(count["min" if field == "count.min" else "max"])
    if where.role == "payload":
        return _permissive(d["aircraft"][where.name]["payload"], "max", parse_mass)
    if where.role == "limit":
        return _permissive(d["aircraft"][where.name]["limits"][where.limit], "max", parse_amount)
    if where.role == "mass":
        return _permissive(d["cargo"][where.name]["mass"], "min", parse_mass)
    return _permissive(d["cargo"][where.name]["uses"][where.limit], "min", parse_amount)


def moved(d: Mapping[str, Any], key: Key, field: str, value: Fraction) -> dict[str, Any]:
    """A copy of ``d`` with one number of statement ``key`` set to ``value``.

    ``field`` is a relaxation's field: ``at_least``, ``at_most``, ``equals``
    (the statement becomes ``equals: value``), ``between.lo``/``between.hi``
    (that end of the range), ``count.min``/``count.max`` (that end of the
    group's count; an exact count ``n`` becomes a range with ``n`` at the other
    end), or ``payload``/``limit``/``mass``/``uses`` (the value becomes exactly
    ``value``; the oracle reads only the permissive end anyway).
    """
    out = copy.deepcopy(dict(d))
    where = statement_keys(out)[key]
    if where.role in ("claim", "assumption"):
        s = _statement(out, where.name)
        if value.denominator != 1 or value < 0:
            raise ValueError(f"oracle: bound {value} is not a whole number >= 0")
        v = int(value)
        if field in ("between.lo", "between.hi"):
            lo, hi = s["between"]
            s["between"] = [v, hi] if field == "between.lo" else [lo, v]
        else:
            assert field in BOUND_KEYS and field in s, (field, s)
            s[field] = v
        return out
    if where.role == "flights":
        g = next(g for g in out["flights"] if str(g["id"]) == where.name)
        count = g["count"]
        lo, hi = (count["min"], count.get("max")) if isinstance(count, Mapping) else (count, count)
        if field == "count.min":
            lo = int(value)
        else:
            assert field == "count.max", field
            hi = int(value)
        g["count"] = {"min": lo} if hi is None else {"min": lo, "max": hi}
        return out
    if where.role == "payload":
        out["aircraft"][where.name]["payload"] = _kg(value)
    elif where.role == "limit":
        limits = out["aircraft"][where.name]["limits"]
        limits[where.limit] = _amount(limits[where.limit], value)
    elif where.role == "mass":
        out["cargo"][where.name]["mass"] = _kg(value)
    else:
        uses = out["cargo"][where.name]["uses"]
        uses[where.limit] = _amount(uses[where.limit], value)
    return out


# --------------------------------------------------------------------------- feasibility


def _names(raw: object) -> tuple[str, ...]:
    return (raw,) if isinstance(raw, str) else tuple(raw)  # type: ignore[arg-type]


def _lo(s: Mapping[str, Any]) -> int:
    """The lower bound a statement puts on its total (0 if none)."""
    if s.get("at_least") is not None:
        return int(s["at_least"])
    if s.get("equals") is not None:
        return int(s["equals"])
    if s.get("between") is not None:
        return int(s["between"][0])
    return 0


def _may_select(s: Mapping[str, Any], g: Mapping[str, Any]) -> bool:
    """Whether statement ``s`` can select some flight of group ``g``."""
    own = {
        "from": (g["from"],),
        "aircraft": (g["aircraft"],),
        "flights": (g["id"],),
        "to": _names(g["to"]),
    }
    return all(set(_names(s[k])) & set(own[k]) for k in own if s.get(k) is not None)


def finite(d: Mapping[str, Any], slack: int = 0) -> dict[str, Any]:
    """``d`` with caps on flights and loads that leave its base's feasibility unchanged.

    Claims are ignored (use :func:`restrict` first, which turns kept claims
    into assumptions). Two caps, both only ever *remove* allocations, and each
    keeps at least one allocation if the base has any:

    *Loads.* Let ``M_c`` be the largest lower bound (``at_least``, ``equals``,
    ``between``'s first value; 0 if none) of any assumption whose total counts
    cargo ``c`` (``c`` itself or its kind). Take a valid allocation and cut any
    flight's load of ``c`` from ``n > M_c`` to ``M_c``. Masses and uses are
    never negative, so the flight still fits. A total that does not count
    ``c`` is unchanged; one that does loses units, so every upper bound still
    holds, and it still counts the ``M_c`` units left on that flight (whether
    summed or per flight), so every lower bound, being at most ``M_c``, still
    holds. So a valid allocation with at most ``M_c`` units of ``c`` on each
    flight exists: the cap is a limit every aircraft gets and only ``c`` uses.

    *Flights.* Take a valid allocation. For each summed assumption ``s`` with
    lower bound ``lo_s > 0``, pick flights that ``s`` selects and counts a
    positive amount on, one at a time, until they reach ``lo_s``: at most
    ``lo_s`` flights, as each adds at least 1. Keep those, plus any
    ``count_min`` flights of each group, and remove every other flight. Totals
    only fall (every upper bound holds), each summed lower bound is still met
    by the flights picked for it, per-flight assumptions hold for the flights
    left, and every group keeps between its min and its (possibly open) max.
    So group ``g`` needs at most ``count_min + sum(lo_s)`` flights, summed over
    the assumptions that may select ``g``; that cap replaces an open max (a
    dropped count, or an open ``{min: n}``, which the oracle refuses) and
    lowers a larger finite one.

    ``slack`` raises every cap by that much; the oracle's own tests use it to
    check that a looser cap never changes an answer.
    """
    out = cap_loads(d, slack)
    assumptions = list(out.get("assumptions") or ())
    for g in out["flights"]:
        count = g["count"]
        lo, hi = (
            (int(count["min"]), count.get("max"))
            if isinstance(count, Mapping)
            else (int(count), int(count))
        )
        cap = (
            lo
            + slack
            + sum(_lo(s) for s in assumptions if not s.get("per_flight") and _may_select(s, g))
        )
        g["count"] = {"min": lo, "max": max(lo, cap if hi is None else min(int(hi), cap))}
    return out


def cap_loads(d: Mapping[str, Any], slack: int = 0) -> dict[str, Any]:
    """``d`` with the load caps of :func:`finite` only: at most ``M_c`` of ``c`` per flight."""
    out = copy.deepcopy(dict(d))
    assumptions = list(out.get("assumptions") or ())
    kind_of = {c: str(e["kind"]) for c, e in out["cargo"].items()}
    for c, entry in out["cargo"].items():
        if any(a.startswith(CAP_PREFIX) for a in entry.get("uses") or {}):
            raise ValueError("oracle: the scenario already uses a cap limit")
        m_c = slack + max((_lo(s) for s in assumptions if s["total"] in (c, kind_of[c])), default=0)
        limit = f"{CAP_PREFIX}{c}"
        entry["uses"] = {**(entry.get("uses") or {}), limit: 1}
        for aircraft in out["aircraft"].values():
            aircraft["limits"] = {**(aircraft.get("limits") or {}), limit: m_c}
    return out


def feasible(d: Mapping[str, Any], cap: int = DEFAULT_CAP, slack: int = 0) -> bool:
    """Whether the base of ``d`` (counts may be open, values unlimited) has an allocation.

    Raises :class:`tests.oracle.brute_force.TooBig` when even the capped
    scenario is too big to enumerate.
    """
    return brute_force(finite(d, slack), cap=cap).base_feasible


def check_rows(d: Mapping[str, Any], rows: Iterable[Row]) -> list[str]:
    """Everything wrong with ``rows`` under the base of ``d`` (no caps: counts may be open)."""
    return check_allocation(d, rows)
