"""Random scenarios renamed so that every name would break a dotted path.

:func:`renamed` gives a scenario dict the same structure under other names: aircraft
``Il-76.MD``, cargo ``box.v2`` and ``ящик "Ω"``, the limit ``floor length``, airfields
``Москва Шереметьево`` and ``Base.1``, flight groups ``shuttle.1``, statement ids with
dots, spaces and guillemets. Renaming is one-to-one and touches every reference, so
every answer about the renamed scenario is the answer about the original with the
names replaced: a test that checks one against the oracle checks the other as well,
now over names with dots, spaces, quotes and other scripts. Like the rest of the
oracle it never imports airlift.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["renamed"]

AIRCRAFT = ("Il-76.MD", "Ан-124 «Руслан»", 'C-5 "Galaxy".v2')
CARGO = ("box.v2", 'ящик "Ω"', "48N6.canister (E2)")
KINDS = ("ракета.S-300", "kind two")
LIMITS = ("floor length", "pallet.positions")
AIRFIELDS = ("Москва Шереметьево", "Base.1", "Rostov.on.Don", "Мачулищи", "Chkalovsky AB")
GROUPS = ("shuttle.1", "рейс 2", 'g "3"')
#: The reserved total that counts flights: never a cargo type's or a kind's name.
FLIGHTS_TOTAL = "flights"


def _namer(old: Iterable[str], new: tuple[str, ...]) -> dict[str, str]:
    """Each distinct old name, in order of first appearance, to the next new one."""
    names = list(dict.fromkeys(old))
    if len(names) > len(new):
        raise ValueError(f"awkward names: {len(names)} names, only {len(new)} replacements")
    return dict(zip(names, new, strict=False))


def _statement_id(old: str) -> str:
    """``claim-2`` -> ``claim.2 «№»``: a dot, a space, guillemets and a Cyrillic sign."""
    return f"{old.replace('-', '.')} «№»"


def _names(raw: Any, rename: Mapping[str, str]) -> Any:
    """A name or a list of names (as the format allows either), renamed."""
    if isinstance(raw, str):
        return rename[raw]
    return [rename[name] for name in raw]


class _Names:
    """The renaming of every namespace of one scenario dict."""

    def __init__(self, d: Mapping[str, Any]) -> None:
        self.aircraft = _namer(d["aircraft"], AIRCRAFT)
        self.cargo = _namer(d["cargo"], CARGO)
        self.kinds = _namer((str(c["kind"]) for c in d["cargo"].values()), KINDS)
        used = [lim for a in d["aircraft"].values() for lim in a.get("limits") or {}]
        used += [lim for c in d["cargo"].values() for lim in c.get("uses") or {}]
        self.limits = _namer(used, LIMITS)
        self.airfields = _namer(d["airfields"], AIRFIELDS)
        self.groups = _namer((str(g["id"]) for g in d["flights"]), GROUPS)

    def total(self, name: str) -> str:
        if name in self.cargo:
            return self.cargo[name]
        if name in self.kinds:
            return self.kinds[name]
        assert name == FLIGHTS_TOTAL, name
        return name

    def filters(self) -> dict[str, Mapping[str, str]]:
        """How each filter of a statement or an estimate row renames its names."""
        return {
            "to": self.airfields,
            "from": self.airfields,
            "aircraft": self.aircraft,
            "flights": self.groups,
        }


def _spec(row: Mapping[str, Any], names: _Names) -> dict[str, Any]:
    """A statement or an estimate row with its total and filters renamed."""
    out = dict(row)
    out["total"] = names.total(str(row["total"]))
    for key, rename in names.filters().items():
        if out.get(key) is not None:
            out[key] = _names(out[key], rename)
    return out


def _entries(
    section: Mapping[str, Any], rename: Mapping[str, str], inner: Callable[[Any], Any]
) -> dict[str, Any]:
    return {rename[name]: inner(entry) for name, entry in section.items()}


def renamed(d: Mapping[str, Any]) -> dict[str, Any]:
    """``d`` with every aircraft, cargo, kind, limit, airfield, group and statement renamed."""
    names = _Names(d)
    out = copy.deepcopy(dict(d))

    def aircraft(entry: dict[str, Any]) -> dict[str, Any]:
        if entry.get("limits"):
            entry["limits"] = {names.limits[k]: v for k, v in entry["limits"].items()}
        return entry

    def cargo(entry: dict[str, Any]) -> dict[str, Any]:
        entry["kind"] = names.kinds[str(entry["kind"])]
        if entry.get("uses"):
            entry["uses"] = {names.limits[k]: v for k, v in entry["uses"].items()}
        return entry

    out["airfields"] = _entries(out["airfields"], names.airfields, lambda e: e)
    out["aircraft"] = _entries(out["aircraft"], names.aircraft, aircraft)
    out["cargo"] = _entries(out["cargo"], names.cargo, cargo)
    for g in out["flights"]:
        g["id"] = names.groups[str(g["id"])]
        g["aircraft"] = names.aircraft[g["aircraft"]]
        g["from"] = names.airfields[g["from"]]
        g["to"] = _names(g["to"], names.airfields)
        if g.get("carries") is not None:
            g["carries"] = _names(g["carries"], names.cargo)
    for section in ("assumptions", "claims"):
        if out.get(section):
            out[section] = [
                {**_spec(s, names), "id": _statement_id(str(s["id"]))} for s in out[section]
            ]
    if out.get("estimate"):
        out["estimate"] = [_spec(row, names) for row in out["estimate"]]
    return out
