"""Which flight groups and claims of a scenario dict are alike, found without airlift.

Two groups are alike when every field but ``id``, ``says``, ``source`` and ``note`` is the
same (a count or a list of names written either way) and every claim or assumption names
both or neither in its ``flights`` filter; two claims (or assumptions) are alike when they
say the same of the same flights. Swapping two alike statements maps the scenario onto
itself, so an explanation may say of one what it found for the other: these helpers let
the tests check that against the brute-force oracle.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

__all__ = ["alike_groups", "alike_statements", "swapped"]

_WORDS = {"id", "says", "source", "note"}


def _names(raw: object) -> tuple[str, ...] | None:
    if raw is None:
        return None
    return (raw,) if isinstance(raw, str) else tuple(str(x) for x in raw)  # type: ignore[attr-defined]


def _count(raw: object) -> tuple[Any, Any]:
    if isinstance(raw, Mapping):
        return raw.get("min", 0), raw.get("max")
    return raw, raw


def _statements(d: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [*(d.get("claims") or ()), *(d.get("assumptions") or ())]


def alike_groups(d: Mapping[str, Any]) -> dict[str, frozenset[str]]:
    """Each flight group's id, mapped to the ids of every group alike it (itself included)."""
    statements = _statements(d)
    signatures: dict[str, str] = {}
    for g in d["flights"]:
        fields = {k: v for k, v in g.items() if k not in _WORDS}
        fields["count"] = _count(fields.get("count"))
        for name in ("to", "carries"):
            fields[name] = _names(fields.get(name))
        named = [i for i, s in enumerate(statements) if g["id"] in (_names(s.get("flights")) or ())]
        signatures[g["id"]] = json.dumps([fields, named], sort_keys=True, default=str)
    return {
        gid: frozenset(o for o, sig in signatures.items() if sig == signatures[gid])
        for gid in signatures
    }


def alike_statements(d: Mapping[str, Any], section: str) -> dict[str, frozenset[str]]:
    """Each claim's (or assumption's) id, mapped to the ids of those that say the same."""
    signatures = {}
    for s in d.get(section) or ():
        fields = {k: v for k, v in s.items() if k not in _WORDS}
        for name in ("to", "from", "aircraft", "flights"):
            fields[name] = _names(fields.get(name))
        signatures[s["id"]] = json.dumps(fields, sort_keys=True, default=str)
    return {
        sid: frozenset(o for o, sig in signatures.items() if sig == signatures[sid])
        for sid in signatures
    }


def swapped(
    rows: list[tuple[str, str, int, dict[str, int]]], a: str, b: str
) -> list[tuple[str, str, int, dict[str, int]]]:
    """Allocation rows with flight groups ``a`` and ``b`` exchanged."""
    swap = {a: b, b: a}
    return [(swap.get(g, g), to, n, load) for g, to, n, load in rows]
