"""Leg files in a scenario: ``legs:`` entries become flight groups before validation.

Each entry names a leg file (relative to the scenario file; see docs/legs.md). Its legs are
read, each leg's type and airfields are matched to the scenario's aircraft and airfields,
and identical legs (same aircraft, origin and destinations) become one flight group, so the
model stays as small as with hand-written groups. A group counts *at least* the legs seen
(``count: {min: n}``, open above), since tracking misses aircraft without ADS-B and loses
tracks, unless the entry says ``complete: true`` (exactly the legs listed).

Matching, for each leg: the entry's own mapping first (``aircraft: {IL76: Il-76MD}``,
``airfields: {OSLK: Hmeimim, unknown: [Millerovo, Seshcha]}``); then a scenario aircraft or
airfield of that name (any case), or an airfield whose ``icao`` or ``name`` it is; then,
for a type, the scenario aircraft taken from the catalogue entry the type's ICAO designator
stands for (``IL76`` -> ``catalog: Il-76MD``), and for an airfield, the scenario airfield
that the airfield table says is the same field (``Latakia`` and ``OSLK`` are Hmeimim). A leg
whose type or airfield matches nothing, or more than one thing, is a problem at its row.

Like the catalogue's values, the groups are located at the ``legs:`` entry that brought them
in, so that reports cite its line; :attr:`Expanded.legs` keeps each group's legs, with their
rows.
"""

from __future__ import annotations

import os
import pathlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from airlift.errors import FlightDataError, Problem
from airlift.scenario.quoting import quoted
from airlift.scenario.references import unknown_name
from airlift.scenario.schema import Scenario
from airlift.scenario.yaml_nodes import Path, Position
from airlift.tracks import Leg, catalog_names, find_airfield, read_legs
from airlift.tracks.legs import UNKNOWN
from airlift.tracks.summary import MILITARY_ADSB_SHARE

__all__ = ["Expanded", "expand_legs", "legs_notes"]


@dataclass
class Expanded:
    """A raw scenario document with its leg files turned into flight groups."""

    data: dict[str, Any]
    values: dict[Path, Position]
    keys: dict[Path, Position]
    problems: list[Problem] = field(default_factory=list)
    #: The legs of each group made from a leg file, by group id, in file order.
    legs: dict[str, tuple[Leg, ...]] = field(default_factory=dict)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _base_dir(file: str) -> pathlib.Path:
    """Where relative leg-file paths start: the scenario's directory (the working directory
    for a scenario given as text or data)."""
    if file.startswith("<") and file.endswith(">"):
        return pathlib.Path()
    return pathlib.Path(file).parent


class _Scenario:
    """The names a raw scenario defines, for matching legs to them."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        airfields = data.get("airfields")
        self.airfields: dict[str, dict[str, Any]] = {
            k: (v if isinstance(v, dict) else {})
            for k, v in (airfields.items() if isinstance(airfields, dict) else ())
            if isinstance(k, str)
        }
        aircraft = data.get("aircraft")
        self.aircraft: dict[str, dict[str, Any]] = {
            k: (v if isinstance(v, dict) else {})
            for k, v in (aircraft.items() if isinstance(aircraft, dict) else ())
            if isinstance(k, str)
        }
        self._airfields: dict[str, list[str]] = {}
        self._types: dict[str, list[str]] = {}

    def airfield(self, text: str) -> list[str]:
        """The scenario airfields ``text`` names: by key, then ICAO code or name, then by
        the airfield table's names for the same field (each text looked up once)."""
        if text not in self._airfields:
            self._airfields[text] = self._airfield(text)
        return self._airfields[text]

    def _airfield(self, text: str) -> list[str]:
        wanted = _key(text)
        by_key = [k for k in self.airfields if _key(k) == wanted]
        if by_key:
            return by_key
        written = [
            k
            for k, v in self.airfields.items()
            if any(isinstance(v.get(f), str) and _key(v[f]) == wanted for f in ("icao", "name"))
        ]
        if written:
            return written
        record = find_airfield(text)
        if record is None:
            return []
        names = {_key(n) for n in record.names}
        return [
            k
            for k, v in self.airfields.items()
            if _key(k) in names
            or any(isinstance(v.get(f), str) and _key(v[f]) in names for f in ("icao", "name"))
        ]

    def aircraft_for(self, text: str) -> list[str]:
        """The scenario aircraft a leg's type names: by key, else by catalogue entry."""
        if text not in self._types:
            self._types[text] = self._aircraft_for(text)
        return self._types[text]

    def _aircraft_for(self, text: str) -> list[str]:
        wanted = _key(text)
        by_key = [k for k in self.aircraft if _key(k) == wanted]
        if by_key:
            return by_key
        catalogue = {_key(n) for n in catalog_names(text)}
        return [
            k
            for k, v in self.aircraft.items()
            if _key(k) in catalogue
            or (isinstance(v.get("catalog"), str) and _key(v["catalog"]) in catalogue)
        ]


class _Entry:
    """One ``legs:`` entry being expanded: where it is, and the problems it causes."""

    def __init__(
        self, index: int, raw: Any, file: str, values: Mapping[Path, Position], out: Expanded
    ) -> None:
        self.index = index
        self.raw: dict[str, Any] = {"file": raw} if isinstance(raw, str) else raw
        self.file = file
        self.values = values
        self.out = out
        self.failed = False

    def path(self, *parts: str | int) -> Path:
        return ("legs", self.index, *parts)

    def position(self) -> Position | None:
        return self.values.get(self.path("file")) or self.values.get(self.path())

    def fail(self, path: Path, message: str) -> None:
        line, column = self.values.get(path) or self.position() or (None, None)
        self.out.problems.append(Problem(self.file, line, column, path, message))
        self.failed = True

    def mapping(self, name: str) -> dict[str, Any]:
        """The entry's ``aircraft`` or ``airfields`` mapping, keys compared in any case."""
        value = self.raw.get(name)
        if not isinstance(value, dict):
            return {}
        return {_key(str(k)): (k, v) for k, v in value.items()}


def expand_legs(
    data: Mapping[str, Any],
    file: str,
    values: Mapping[Path, Position],
    keys: Mapping[Path, Position],
) -> Expanded:
    """Turn every ``legs:`` entry of a raw scenario document into flight groups.

    ``data`` is not changed. Problems of a leg file are located at its rows; problems of an
    entry at the entry. Malformed entries are skipped here (the schema reports them).
    """
    out = Expanded(dict(data), dict(values), dict(keys))
    entries = data.get("legs")
    flights = data.get("flights")
    if not isinstance(entries, list) or not entries:
        return out
    scenario = _Scenario(data)
    groups: list[dict[str, Any]] = []
    taken = (
        {g.get("id") for g in flights if isinstance(g, dict)}
        if isinstance(flights, list)
        else set()
    )
    for index, raw in enumerate(entries):
        if not isinstance(raw, str | dict) or not isinstance(
            raw if isinstance(raw, str) else raw.get("file"), str
        ):
            continue
        entry = _Entry(index, raw, file, values, out)
        legs = _read(entry, _base_dir(file))
        if legs is None:
            continue
        made = _groups(entry, legs, scenario, data)
        for group, group_legs in made:
            if group["id"] in taken:
                entry.fail(
                    entry.path(),
                    f"the flight group {quoted(group['id'])} made from this file has the id "
                    "of another flight group; give this entry another id",
                )
                continue
            taken.add(group["id"])
            groups.append(group)
            out.legs[group["id"]] = group_legs
    if not groups or out.problems:
        return out
    start = len(flights) if isinstance(flights, list) else 0
    out.data["flights"] = [*(flights if isinstance(flights, list) else []), *groups]
    for k, group in enumerate(groups):
        entry_index = group.pop("_entry")
        at = values.get(("legs", entry_index, "file")) or values.get(("legs", entry_index))
        if at is None:
            continue
        for sub in _paths(group, ("flights", start + k)):
            out.values.setdefault(sub, at)
            if len(sub) > 2:
                out.keys.setdefault(sub, at)
    return out


def _paths(value: object, path: Path) -> list[Path]:
    found = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            found += _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _paths(v, (*path, i))
    return found


def _read(entry: _Entry, base: pathlib.Path) -> list[Leg] | None:
    """The legs of an entry's file; None (with problems) when it cannot be read."""
    written = str(entry.raw["file"]).strip()
    path = pathlib.Path(written)
    full = path if path.is_absolute() else base / path
    shown = os.fspath(full)
    if not full.is_file():
        why = "is a directory" if full.is_dir() else "does not exist"
        entry.fail(
            entry.path("file"),
            f"the leg file {shown} {why} (a path relative to the scenario file)",
        )
        return None
    try:
        return read_legs(full)
    except FlightDataError as exc:
        entry.out.problems.extend(exc.problems)
        entry.failed = True
        return None


def _aircraft(entry: _Entry, leg: Leg, scenario: _Scenario, problems: list[Problem]) -> str | None:
    text = leg.aircraft_type or UNKNOWN
    mapping = entry.mapping("aircraft")
    if _key(text) in mapping:
        return str(mapping[_key(text)][1])  # checked against the scenario's aircraft apart
    found = [] if leg.aircraft_type is None else scenario.aircraft_for(text)
    if len(found) == 1:
        return found[0]
    valid = list(scenario.aircraft)
    if found:
        message = (
            f"aircraft type {quoted(text)} may be any of {', '.join(map(quoted, found))} in "
            f"this scenario; say which in the legs entry: aircraft: {{{text}: {found[0]}}}"
        )
    else:
        known = catalog_names(text) if leg.aircraft_type else ()
        hint = f" (the catalogue's {', '.join(known)})" if known else ""
        message = (
            unknown_name("aircraft type", text, valid, "aircraft")
            + f"; no aircraft of the scenario is {quoted(text)}{hint}: add one, or map it in "
            f"the legs entry: aircraft: {{{text}: {valid[0] if valid else 'NAME'}}}"
        )
    line, column = leg.row.at("type") if leg.row else (None, None)
    problems.append(
        Problem(leg.row.file if leg.row else entry.file, line, column, ("type",), message)
    )
    return None


def _end(
    entry: _Entry,
    leg: Leg,
    column: str,
    scenario: _Scenario,
    problems: list[Problem],
) -> list[str] | None:
    """The scenario airfields a leg end may be; None (with a problem) when not known."""
    end = leg.origin if column == "from" else leg.destination
    text = "|".join(end) if end else UNKNOWN
    mapping = entry.mapping("airfields")
    found: list[str] = []
    if _key(text) in mapping:
        mapped = mapping[_key(text)][1]
        found = [mapped] if isinstance(mapped, str) else [str(m) for m in mapped]
    elif not end:
        _end_problem(
            entry,
            leg,
            column,
            problems,
            f"the leg's {'origin' if column == 'from' else 'destination'} is unknown; name the "
            f"airfield in the file, or say where such legs went in the legs entry: "
            f"airfields: {{unknown: {_example(scenario)}}}",
        )
        return None
    else:
        for part in end:
            if _key(part) in mapping:
                mapped = mapping[_key(part)][1]
                matches = [mapped] if isinstance(mapped, str) else [str(m) for m in mapped]
            else:
                matches = scenario.airfield(part)
            if len(matches) != 1 and _key(part) not in mapping:
                _end_problem(
                    entry, leg, column, problems, _airfield_message(part, matches, scenario)
                )
                return None
            found += [m for m in matches if m not in found]
    if column == "from" and len(found) > 1:
        _end_problem(
            entry,
            leg,
            column,
            problems,
            f"the origin may be any of {', '.join(map(quoted, found))}, but a flight group "
            f"leaves from one airfield; say which in the legs entry: airfields: "
            f"{{{text}: {found[0]}}}",
        )
        return None
    return found


def _example(scenario: _Scenario) -> str:
    names = list(scenario.airfields)[:2]
    return f"[{', '.join(names)}]" if names else "[NAME]"


def _airfield_message(text: str, matches: list[str], scenario: _Scenario) -> str:
    if matches:
        return (
            f"airfield {quoted(text)} may be any of {', '.join(map(quoted, matches))} here; "
            f"say which in the legs entry: airfields: {{{text}: {matches[0]}}}"
        )
    record = find_airfield(text)
    known = f" ({record.name}, {record.label} in the airfield table)" if record else ""
    valid = list(scenario.airfields)
    return (
        unknown_name("airfield", text, valid, "airfields")
        + f"; no airfield of the scenario is {quoted(text)}{known}: add it to airfields "
        f"(with icao: when it has a code), or map it in the legs entry: airfields: "
        f"{{{text}: {valid[0] if valid else 'NAME'}}}"
    )


def _end_problem(
    entry: _Entry, leg: Leg, column: str, problems: list[Problem], message: str
) -> None:
    line, col = leg.row.at(column) if leg.row else (None, None)
    problems.append(Problem(leg.row.file if leg.row else entry.file, line, col, (column,), message))


def _check_entry(entry: _Entry, scenario: _Scenario, data: Mapping[str, Any]) -> None:
    """Problems with the entry's own names: mapped aircraft and airfields, carries, source."""
    for name, valid, what, plural in (
        ("aircraft", list(scenario.aircraft), "aircraft", "aircraft"),
        ("airfields", list(scenario.airfields), "airfield", "airfields"),
    ):
        for written, target in entry.mapping(name).values():
            targets = [target] if isinstance(target, str) else target
            if not isinstance(targets, list):
                continue
            for i, item in enumerate(targets):
                if isinstance(item, str) and item not in valid:
                    where = (
                        entry.path(name, written)
                        if isinstance(target, str)
                        else entry.path(name, written, i)
                    )
                    entry.fail(where, unknown_name(what, item, valid, plural))
    cargo = data.get("cargo")
    carries = entry.raw.get("carries")
    if isinstance(cargo, dict):
        items = (
            [carries] if isinstance(carries, str) else carries if isinstance(carries, list) else []
        )
        for i, item in enumerate(items):
            if isinstance(item, str) and item.strip() not in cargo:
                where = (
                    entry.path("carries") if isinstance(carries, str) else entry.path("carries", i)
                )
                entry.fail(where, unknown_name("cargo type", item, list(cargo), "cargo types"))
        if carries == []:
            entry.fail(
                entry.path("carries"),
                "carries is empty; list at least one cargo type, or leave carries out to "
                "carry every type",
            )
    sources = data.get("sources")
    source = entry.raw.get("source")
    if isinstance(source, str):
        valid = list(sources) if isinstance(sources, dict) else []
        if source.strip() not in valid:
            entry.fail(entry.path("source"), unknown_name("source", source, valid, "sources"))


def _groups(
    entry: _Entry, legs: list[Leg], scenario: _Scenario, data: Mapping[str, Any]
) -> list[tuple[dict[str, Any], tuple[Leg, ...]]]:
    """The flight groups of an entry's legs, in the order their first leg was written."""
    _check_entry(entry, scenario, data)
    problems: list[Problem] = []
    by_key: dict[tuple[str, str, tuple[str, ...]], list[Leg]] = {}
    for leg in legs:
        name = _aircraft(entry, leg, scenario, problems)
        origins = _end(entry, leg, "from", scenario, problems)
        destinations = _end(entry, leg, "to", scenario, problems)
        if name is None or origins is None or destinations is None:
            continue
        by_key.setdefault((name, origins[0], tuple(destinations)), []).append(leg)
    entry.out.problems.extend(problems)
    if problems or entry.failed:
        return []
    complete = entry.raw.get("complete") is True
    written = str(entry.raw["file"]).strip()
    prefix = entry.raw.get("id") if isinstance(entry.raw.get("id"), str) else None
    prefix = prefix or pathlib.PurePath(written).stem
    out = []
    for (aircraft, origin, destination), group_legs in by_key.items():
        n = len(group_legs)
        group: dict[str, Any] = {
            "id": f"{prefix}/{aircraft}/{origin}/{'|'.join(destination)}",
            "aircraft": aircraft,
            "count": n if complete else {"min": n},
            "from": origin,
            "to": list(destination),
            "says": (
                f"{n} leg{'s' if n != 1 else ''} in {written} ({_rows(group_legs)})"
                + ("" if complete else ", at least what tracking saw")
            ),
            "_entry": entry.index,
        }
        for name in ("carries", "source", "note"):
            if entry.raw.get(name) is not None:
                group[name] = entry.raw[name]
        out.append((group, tuple(group_legs)))
    return out


def _rows(legs: list[Leg]) -> str:
    """``rows 2-5, 9``: the lines of the legs, runs joined."""
    lines = sorted(leg.row.line for leg in legs if leg.row is not None)
    runs: list[list[int]] = []
    for line in lines:
        if runs and line == runs[-1][-1] + 1:
            runs[-1].append(line)
        else:
            runs.append([line])
    parts = [f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs]
    return ("rows " if len(lines) != 1 else "row ") + ", ".join(parts)


def legs_notes(scenario: Scenario) -> list[str]:
    """Sentences for the report on the flights read from leg files: lower bounds unless the
    file is marked complete."""
    out = []
    share = f"{float(MILITARY_ADSB_SHARE) * 100:.0f}%"
    for entry in scenario.legs:
        if entry.complete:
            out.append(
                f"Flights read from {entry.file} are taken as complete (complete: true): "
                "exactly the legs listed flew, none unseen."
            )
        else:
            out.append(
                f"Flights read from {entry.file} count at least the legs seen, with no upper "
                f"limit: tracking misses aircraft without ADS-B (about {share} of military "
                "aircraft carry it) and loses tracks. Write complete: true in the legs entry "
                "if the file lists every flight."
            )
    return out
