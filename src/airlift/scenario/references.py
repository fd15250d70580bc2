"""Checks that names in a scenario refer to things the scenario defines.

These run on the raw document (plain dicts and lists, as read from YAML), not on
the validated model, so that they still work when other parts of the file are
malformed and their findings can be reported together with the shape errors.
Anything that is not where or what the schema expects is skipped here: the
schema reports it.

Checked: every flight group's ``aircraft``, ``from``, ``to`` and ``carries``;
every statement's and estimate row's filters and ``total``; every ``source``;
unique flight group ids and statement ids (assumptions and claims together);
``total`` names that are both a cargo type and a kind; the reserved name
``flights``; limits whose dimension (count, mass, length) differs between the
aircraft that set them and the cargo that uses them; empty ``carries``; a bound written
as a count on a total that holds bulk cargo (counted by mass, never in units); every
estimate row's ``given`` claims and assumptions.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from airlift.errors import format_path
from airlift.scenario.numeric import show_number, written_count
from airlift.scenario.quoting import quoted, shorten, yaml_quoted
from airlift.scenario.units import Dimension, UnitError, parse_amount

__all__ = ["Finding", "check_references", "nearest", "unknown_name"]

Path = tuple[str | int, ...]
LineOf = Callable[[Path], int | None]

#: The ``total`` that counts flights instead of cargo.
FLIGHTS = "flights"
#: How many valid names an "unknown name" message lists before it stops.
MAX_LISTED = 12
#: Names longer than this get no spelling suggestion: comparing them costs more than it helps.
_MAX_COMPARED = 200


@dataclass(frozen=True)
class Finding:
    """A reference problem at ``path``; ``at_key`` locates it at the key, not the value."""

    path: Path
    message: str
    at_key: bool = False


def nearest(name: str, valid: list[str]) -> str | None:
    """The valid name the user most likely meant: a close spelling, another case, or the
    only name that contains what was written (``40N6`` for ``40N6-canister``)."""
    if len(name) > _MAX_COMPARED:
        return None
    close = difflib.get_close_matches(name, valid, n=1, cutoff=0.6)
    if close:
        return close[0]
    same = [v for v in valid if v.lower() == name.lower()]
    inside = [v for v in valid if name.lower() in v.lower()] if name else []
    for candidates in (same, inside):
        if len(candidates) == 1:
            return candidates[0]
    return None


def unknown_name(what: str, name: str, valid: list[str], plural: str) -> str:
    """``unknown airfield 'X'; did you mean 'Y'? valid airfields: ...``"""
    message = f"unknown {what} {quoted(name)}"
    valid = list(dict.fromkeys(valid))
    if not valid:
        return f"{message}; no {plural} are defined"
    close = nearest(name, valid)
    if close:
        message += f"; did you mean {quoted(close)}?"
    listed = ", ".join(shorten(v) for v in valid[:MAX_LISTED])
    if len(valid) > MAX_LISTED:
        listed += f", ... ({len(valid) - MAX_LISTED} more)"
    return f"{message}{' ' if close else '; '}valid {plural}: {listed}"


def _section_keys(data: dict[str, object], section: str, required: bool) -> list[str] | None:
    """The names a section defines; None when it is malformed or missing but required."""
    value = data.get(section)
    if value is None and section not in data:
        return None if required else []
    if not isinstance(value, dict):
        return None
    return [k for k in value if isinstance(k, str)]


def _items(data: dict[str, object], section: str) -> Iterator[tuple[int, dict[str, object]]]:
    value = data.get(section)
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item


def _names(value: object, path: Path) -> Iterator[tuple[Path, str]]:
    """The names in a field that takes one name or a list of names."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield (*path, i), item


class _Checker:
    """Collects findings for one raw scenario document."""

    def __init__(self, data: dict[str, object], line_of: LineOf) -> None:
        self.data = data
        self.line_of = line_of
        self.out: list[Finding] = []
        self.sources = _section_keys(data, "sources", required=False)
        self.airfields = _section_keys(data, "airfields", required=True)
        self.aircraft = _section_keys(data, "aircraft", required=True)
        self.cargo = _section_keys(data, "cargo", required=True)
        self.kinds: dict[str, list[str]] | None = None
        self.bulk: list[str] = []
        cargo = data.get("cargo")
        if isinstance(cargo, dict):
            self.kinds = {}
            for name, item in cargo.items():
                kind = item.get("kind") if isinstance(item, dict) else None
                if isinstance(kind, str):
                    self.kinds.setdefault(kind.strip(), []).append(name)
                if isinstance(item, dict) and item.get("bulk") is True:
                    self.bulk.append(name)
        self.groups: list[str] | None = None
        if isinstance(data.get("flights"), list):
            groups = [g.get("id") for _, g in _items(data, "flights")]
            self.groups = [g for g in groups if isinstance(g, str)]

    def add(self, path: Path, message: str, at_key: bool = False) -> None:
        self.out.append(Finding(path, message, at_key))

    def name(self, path: Path, value: object, valid: list[str] | None, what: str) -> None:
        """Check one reference (skipping values of the wrong type or unchecked sections)."""
        if valid is None or not isinstance(value, str) or value.strip() in valid:
            return
        self.add(path, unknown_name(what, value, valid, what + "s" if what != "aircraft" else what))

    def names(self, path: Path, value: object, valid: list[str] | None, what: str) -> None:
        seen: dict[str, Path] = {}
        for item_path, item in _names(value, path):
            if item in seen:
                self.add(item_path, f"{quoted(item)} is listed twice")
            seen[item] = item_path
            self.name(item_path, item, valid, what)

    def total(self, path: Path, value: object) -> None:
        if not isinstance(value, str) or self.cargo is None or self.kinds is None:
            return
        value = value.strip()
        if value == FLIGHTS:
            return
        in_kind = self.kinds.get(value)
        if value in self.cargo and in_kind is not None and in_kind != [value]:
            others = ", ".join(quoted(c) for c in in_kind if c != value)
            self.add(
                path,
                f"{quoted(value)} is both a cargo type and a kind (a kind that also holds "
                f"{others}); rename the cargo type or the kind",
            )
        elif value not in self.cargo and in_kind is None:
            valid = [*self.kinds, *(c for c in self.cargo if c not in self.kinds), FLIGHTS]
            message = unknown_name("total", value, valid, "totals")
            self.add(
                path,
                message.replace("valid totals:", "a total is a kind, a cargo type or 'flights':"),
            )

    def filters(self, path: Path, item: dict[str, object]) -> None:
        self.names((*path, "to"), item.get("to"), self.airfields, "airfield")
        self.names((*path, "from"), item.get("from"), self.airfields, "airfield")
        self.names((*path, "aircraft"), item.get("aircraft"), self.aircraft, "aircraft")
        self.names((*path, "flights"), item.get("flights"), self.groups, "flight group")
        self.total((*path, "total"), item.get("total"))

    def source(self, path: Path, item: object, several: bool = False) -> None:
        """Check a ``source`` field; aircraft and cargo (``several``) may list several ids."""
        if not isinstance(item, dict):
            return
        value = item.get("source")
        if several and isinstance(value, list):
            self.names((*path, "source"), value, self.sources, "source")
            if not value:
                self.add(
                    (*path, "source"),
                    "source is empty; name at least one source id, or leave source out",
                )
        else:
            self.name((*path, "source"), value, self.sources, "source")

    def unique_ids(self, sections: tuple[str, ...], what: str) -> None:
        first: dict[str, Path] = {}
        for section in sections:
            for i, item in _items(self.data, section):
                ident, path = item.get("id"), (section, i, "id")
                if not isinstance(ident, str):
                    continue
                if ident in first:
                    line = self.line_of(first[ident])
                    where = f"line {line}" if line is not None else format_path(first[ident])
                    self.add(
                        path, f"duplicate {what} id {quoted(ident)}; it is already used on {where}"
                    )
                else:
                    first[ident] = path


def _dimension(raw: object) -> Dimension | None:
    if isinstance(raw, dict):
        raw = raw.get("min", raw.get("max"))
    try:
        return parse_amount(raw).dimension
    except UnitError:
        return None


def _limit_dimensions(c: _Checker) -> None:
    """A limit and every ``uses`` of it must measure the same thing."""
    first: dict[str, tuple[Dimension, Path]] = {}
    for section, field in (("aircraft", "limits"), ("cargo", "uses")):
        entries = c.data.get(section)
        if not isinstance(entries, dict):
            continue
        for name, entry in entries.items():
            amounts = entry.get(field) if isinstance(entry, dict) else None
            if not isinstance(amounts, dict):
                continue
            for limit, raw in amounts.items():
                dim, path = _dimension(raw), (section, name, field, limit)
                if dim is None:
                    continue
                if limit not in first:
                    first[limit] = (dim, path)
                elif first[limit][0] != dim:
                    ref_dim, ref_path = first[limit]
                    c.add(
                        path,
                        f"{quoted(limit)} is a {ref_dim} in {shorten(format_path(ref_path))} "
                        f"but a {dim} "
                        "here; a limit and its uses must measure the same thing",
                    )


def _reserved_flights(c: _Checker) -> None:
    """``total: flights`` counts flights, so no cargo type or kind may be named so."""
    cargo = c.data.get("cargo")
    if not isinstance(cargo, dict):
        return
    for name, item in cargo.items():
        if name == FLIGHTS:
            c.add(
                ("cargo", name),
                "'flights' is reserved ('total: flights' counts flights); rename this cargo type",
                at_key=True,
            )
        kind = item.get("kind") if isinstance(item, dict) else None
        if isinstance(kind, str) and kind.strip() == FLIGHTS:
            c.add(
                ("cargo", name, "kind"),
                "'flights' is reserved ('total: flights' counts flights); use another kind name",
            )


#: Keys of a statement that set its bound (as in :data:`airlift.scenario.schema.BOUND_KEYS`).
_BOUND_KEYS = ("at_least", "at_most", "equals", "between")


def _bulk_members(c: _Checker, total: object) -> list[str]:
    """The bulk cargo types a statement's ``total`` counts, in file order."""
    if not isinstance(total, str) or c.kinds is None:
        return []
    total = total.strip()
    members = [total] if total in c.bulk else c.kinds.get(total, [])
    return [m for m in members if m in c.bulk]


def _mass_example(key: str, counts: list[int]) -> str:
    """``at_least: 1,000 t`` or ``between: ["900 t", "1,100 t"]``: the bound as a mass."""
    masses = [f"{show_number(n)} t" for n in counts]
    if key == "between":
        return f"between: [{', '.join(yaml_quoted(m) for m in masses)}]"
    return f"{key}: {yaml_quoted(masses[0]) if ',' in masses[0] else masses[0]}"


def _count_bounds_on_bulk(c: _Checker, path: Path, statement: dict[str, object]) -> None:
    """Bulk cargo is counted by mass: a bound on a total holding it needs a unit."""
    bulk = _bulk_members(c, statement.get("total"))
    if not bulk:
        return
    for key in _BOUND_KEYS:
        raw = statement.get(key)
        written = raw if key == "between" and isinstance(raw, list) else [raw]
        counts = [written_count(n) for n in written]
        if not written or any(n is None for n in counts):
            continue  # a mass, or malformed (the schema says so), or mixed (likewise)
        total = str(statement["total"]).strip()
        if bulk == [total]:
            what = f"{quoted(total)} is bulk cargo"
        else:
            held = ", ".join(quoted(b) for b in bulk)
            what = f"{quoted(total)} holds bulk cargo ({held})"
        c.add(
            (*path, key),
            f"{what}, counted by mass, not in units: write the bound with a unit, e.g. "
            f"{_mass_example(key, [n for n in counts if n is not None])}",
        )


def _given(c: _Checker, path: Path, value: object) -> None:
    """An estimate row's ``given`` names claims or assumptions of the file."""
    if value == []:
        c.add(path, "given is empty; name at least one claim or assumption, or leave given out")
        return
    ids = [
        item.get("id")
        for section in ("assumptions", "claims")
        for _, item in _items(c.data, section)
    ]
    valid = [i for i in ids if isinstance(i, str)]
    seen: set[str] = set()
    for item_path, item in _names(value, path):
        if item in seen:
            c.add(item_path, f"{quoted(item)} is listed twice")
        seen.add(item)
        if item.strip() not in valid:
            message = unknown_name("claim or assumption", item, valid, "claims or assumptions")
            c.add(item_path, message.replace("valid claims or assumptions:", "valid ids:"))


def check_references(data: object, line_of: LineOf | None = None) -> list[Finding]:
    """Every reference problem in a raw scenario document, in no particular order.

    ``line_of`` gives the line of a path, to say where a duplicate id was first used.
    """
    if not isinstance(data, dict):
        return []
    c = _Checker(data, line_of or (lambda path: None))
    for section in ("aircraft", "cargo"):
        entries = data.get(section)
        if isinstance(entries, dict):
            for name, entry in entries.items():
                c.source((section, name), entry, several=True)
    for i, group in _items(data, "flights"):
        path: Path = ("flights", i)
        c.name((*path, "aircraft"), group.get("aircraft"), c.aircraft, "aircraft")
        c.name((*path, "from"), group.get("from"), c.airfields, "airfield")
        c.names((*path, "to"), group.get("to"), c.airfields, "airfield")
        c.names((*path, "carries"), group.get("carries"), c.cargo, "cargo type")
        if group.get("carries") == []:
            c.add(
                (*path, "carries"),
                "carries is empty; list at least one cargo type, or leave "
                "carries out to carry every type",
            )
        c.source(path, group)
    for section in ("assumptions", "claims"):
        for i, statement in _items(data, section):
            c.filters((section, i), statement)
            c.source((section, i), statement)
            _count_bounds_on_bulk(c, (section, i), statement)
    for i, row in _items(data, "estimate"):
        c.filters(("estimate", i), row)
        if "given" in row:
            _given(c, ("estimate", i, "given"), row["given"])
    c.unique_ids(("flights",), "flight group")
    c.unique_ids(("assumptions", "claims"), "statement")
    _limit_dimensions(c)
    _reserved_flights(c)
    return c.out
