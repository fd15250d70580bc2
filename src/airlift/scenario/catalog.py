"""The built-in catalogue of aircraft and cargo, and how a scenario refers to it.

The catalogue is data shipped inside the package (``airlift/catalog/aircraft.yaml`` and
``airlift/catalog/cargo.yaml``), read with the same YAML reader and schema as scenarios, so a
broken catalogue is reported as ``file:line:column: field: message`` too. Each file has
``sources:`` and an ``aircraft:`` or ``cargo:`` mapping whose entries are written exactly as in
a scenario; every entry names a ``source`` or carries an ``estimate`` mark.

A scenario uses an entry by name and may override any of its fields::

    aircraft:
      Il-76MD: {catalog: Il-76MD}                 # everything from the catalogue
      heavy: {catalog: Il-76MD, payload: 46 t}    # the catalogue entry, payload replaced

:func:`resolve_catalog` merges each referenced entry into the raw scenario document before
validation: a field written in the scenario replaces the catalogue's, except ``limits``,
``uses``, ``hold`` and ``size``, which are merged name by name. The sources the entry cites
are added to the scenario's ``sources`` as ``catalog:<id>`` (a prefix scenarios may not use
for their own sources), and the entry's ``source`` becomes those ids unless the scenario
gives its own. Which fields came from the catalogue is kept in :class:`CatalogOrigin`
records, so that reports can say "catalogue Il-76MD" instead of a line of the scenario.
"""

from __future__ import annotations

import copy
import functools
import importlib.resources
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from airlift.errors import Problem, ScenarioError
from airlift.scenario.messages import validation_problems
from airlift.scenario.quoting import quoted
from airlift.scenario.references import unknown_name
from airlift.scenario.schema import Aircraft, Cargo, Source
from airlift.scenario.yaml_nodes import Path, Position, read_yaml

__all__ = [
    "CATALOG_PREFIX",
    "MERGED_FIELDS",
    "SECTIONS",
    "Catalog",
    "CatalogEntry",
    "CatalogOrigin",
    "Resolved",
    "load_catalog",
    "packaged_catalog",
    "resolve_catalog",
]

#: Scenario source ids of catalogue sources start with this.
CATALOG_PREFIX = "catalog:"
#: The catalogue's sections, each in its own file ``<section>.yaml``.
SECTIONS = ("aircraft", "cargo")
#: Fields of an entry that a scenario's override merges into name by name.
MERGED_FIELDS = frozenset({"limits", "uses", "hold", "size"})
_ENTRY_WORDS = {
    "aircraft": ("catalogue aircraft", "catalogue aircraft"),
    "cargo": ("catalogue cargo entry", "catalogue cargo entries"),
}


class _CatalogFile(BaseModel):
    """One catalogue file: its sources and the entries of its section."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    description: str | None = None
    sources: dict[str, Source] = Field(default_factory=dict)
    aircraft: dict[str, Aircraft] = Field(default_factory=dict)
    cargo: dict[str, Cargo] = Field(default_factory=dict)


@dataclass(frozen=True)
class CatalogEntry:
    """One aircraft or cargo entry of the catalogue: validated, and as written."""

    section: str  #: "aircraft" or "cargo"
    name: str
    entry: Aircraft | Cargo
    raw: Mapping[str, Any]  #: the entry as read from the file (plain data)
    file: str
    line: int | None


@dataclass(frozen=True)
class Catalog:
    """Every catalogue entry and source, in file order."""

    sources: Mapping[str, Source]
    raw_sources: Mapping[str, Mapping[str, Any]]
    entries: Mapping[tuple[str, str], CatalogEntry]

    def names(self, section: str) -> list[str]:
        """The names of one section's entries, in file order."""
        return [name for s, name in self.entries if s == section]

    def get(self, section: str, name: str) -> CatalogEntry | None:
        return self.entries.get((section, name))

    def find(self, name: str) -> CatalogEntry | None:
        """The entry of that name in any section (aircraft first)."""
        for section in SECTIONS:
            entry = self.get(section, name)
            if entry is not None:
                return entry
        return None

    def source_label(self, source_id: str) -> str:
        """``publisher, date`` of a catalogue source."""
        s = self.sources[source_id]
        return f"{s.publisher}, {s.date}" if s.date else s.publisher


@dataclass(frozen=True)
class CatalogOrigin:
    """A scenario field whose value came from a catalogue entry, not from the scenario."""

    entry: str  #: the catalogue entry's name
    sources: tuple[str, ...]  #: the scenario source ids it cites (``catalog:<id>``)
    estimate: str | None = None  #: the entry's estimate mark, if any


def _catalog_dir() -> Any:
    return importlib.resources.files("airlift") / "catalog"


@functools.cache
def packaged_catalog() -> Catalog:
    """The catalogue shipped with airlift (read once per process)."""
    root = _catalog_dir()
    return load_catalog(
        {
            s: ((root / f"{s}.yaml").read_text(encoding="utf-8"), str(root / f"{s}.yaml"))
            for s in SECTIONS
        }
    )


def load_catalog(files: Mapping[str, tuple[str, str]]) -> Catalog:
    """Read catalogue files given as ``section -> (text, file name)``.

    Raises :class:`ScenarioError` with every problem of every file: shape, units, unknown
    source ids, an entry with neither ``source`` nor ``estimate``, an entry that refers to
    the catalogue itself, a source id defined differently in two files.
    """
    problems: list[Problem] = []
    sources: dict[str, Source] = {}
    raw_sources: dict[str, Mapping[str, Any]] = {}
    entries: dict[tuple[str, str], CatalogEntry] = {}
    for section, (text, file) in files.items():
        document = read_yaml(text, file)
        problems += document.problems
        data = document.data if isinstance(document.data, dict) else {}
        values = document.values

        def at(
            path: Path, message: str, file: str = file, values: Mapping[Path, Position] = values
        ) -> Problem:
            line, column = values.get(path, (None, None))
            return Problem(file, line, column, path, message)

        if not isinstance(document.data, dict):
            problems.append(at((), f"a catalogue file is a mapping with sources: and {section}:"))
            continue
        try:
            parsed = _CatalogFile.model_validate(data)
        except ValidationError as exc:
            problems += validation_problems(
                exc,
                _CatalogFile,
                data,
                file,
                values,
                document.keys,
                document.refused,
                document.flow,
            )
            continue
        for other in SECTIONS:
            if other != section and getattr(parsed, other):
                problems.append(
                    at(
                        (other,),
                        f"this file holds {section}; {other} entries belong in {other}.yaml",
                    )
                )
        for sid, source in parsed.sources.items():
            if sid in sources and sources[sid] != source:
                problems.append(
                    at(
                        ("sources", sid),
                        f"source {quoted(sid)} is defined differently in another catalogue file",
                    )
                )
            sources[sid] = source
            raw_sources[sid] = data["sources"][sid]
        for name, entry in getattr(parsed, section).items():
            path: Path = (section, name)
            if entry.catalog is not None:
                problems.append(
                    at((*path, "catalog"), "a catalogue entry cannot refer to the catalogue")
                )
            if not entry.source_ids and entry.estimate is None:
                problems.append(
                    at(
                        path,
                        "every catalogue entry needs a source or an estimate "
                        "mark saying what is estimated and why",
                    )
                )
            for i, sid in enumerate(entry.source_ids):
                if sid not in parsed.sources:
                    where = (
                        (*path, "source", i)
                        if isinstance(entry.source, list)
                        else (*path, "source")
                    )
                    problems.append(
                        at(where, unknown_name("source", sid, list(parsed.sources), "sources"))
                    )
            line = values.get(path, (None, None))[0]
            raw = data[section][name]
            entries[(section, name)] = CatalogEntry(section, name, entry, raw, file, line)
    if problems:
        raise ScenarioError(list(dict.fromkeys(problems)))  # a range's two ends fail alike
    return Catalog(sources, raw_sources, entries)


@dataclass
class Resolved:
    """A raw scenario document with its catalogue references merged in."""

    data: dict[str, Any]
    values: dict[Path, Position]
    keys: dict[Path, Position]
    problems: list[Problem] = field(default_factory=list)
    refused: set[Path] = field(default_factory=set)
    origins: dict[Path, CatalogOrigin] = field(default_factory=dict)


def _references(data: Mapping[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for section in SECTIONS:
        entries = data.get(section)
        if isinstance(entries, dict):
            for name, entry in entries.items():
                if isinstance(entry, dict) and "catalog" in entry:
                    yield section, name, entry


def _paths(value: object, path: Path) -> Iterator[Path]:
    """``path`` and the path of every value below it."""
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*path, i))


def resolve_catalog(
    data: Mapping[str, Any],
    file: str,
    values: Mapping[Path, Position],
    keys: Mapping[Path, Position],
    catalog: Catalog | None = None,
) -> Resolved:
    """Merge every ``catalog:`` reference of a raw scenario document into it.

    ``data`` is not changed. Values taken from the catalogue are located at the scenario's
    ``catalog:`` reference, so that a problem they cause points there. The catalogue is read
    only when the document refers to it (``catalog`` defaults to the packaged one).
    """
    out = Resolved(dict(data), dict(values), dict(keys))
    sources = data.get("sources")
    if isinstance(sources, dict):
        for sid in sources:
            if isinstance(sid, str) and sid.startswith(CATALOG_PREFIX):
                line, column = keys.get(("sources", sid), (None, None))
                out.problems.append(
                    Problem(
                        file,
                        line,
                        column,
                        ("sources", sid),
                        f"source ids starting with '{CATALOG_PREFIX}' are kept for the catalogue's "
                        "sources; rename this one",
                    )
                )
    references = list(_references(data))
    if not references:
        return out
    catalog = catalog or packaged_catalog()
    merged_sections: dict[str, dict[str, Any]] = {}
    added_sources: dict[str, Any] = {}
    for section, name, entry in references:
        path: Path = (section, name)
        ref = entry["catalog"]
        found = catalog.get(section, ref.strip()) if isinstance(ref, str) else None
        if found is None:
            line, column = values.get((*path, "catalog"), (None, None))
            out.problems.append(
                Problem(
                    file, line, column, (*path, "catalog"), _unknown_entry(catalog, section, ref)
                )
            )
            out.refused.add(path)
            continue
        section_data = merged_sections.setdefault(section, dict(data[section]))
        section_data[name] = _merge(found, entry, path, out)
        for sid in found.entry.source_ids:
            added_sources[CATALOG_PREFIX + sid] = copy.deepcopy(dict(catalog.raw_sources[sid]))
    out.data.update(merged_sections)
    if added_sources and (sources is None or isinstance(sources, dict)):
        out.data["sources"] = {**(sources or {}), **added_sources}
    return out


def _unknown_entry(catalog: Catalog, section: str, ref: object) -> str:
    what, plural = _ENTRY_WORDS[section]
    if not isinstance(ref, str) or not ref.strip():
        return (
            f"catalog must name a {what}, such as "
            f"'{catalog.names(section)[0]}' (airlift catalog lists them)"
        )
    elsewhere = [s for s in SECTIONS if s != section and catalog.get(s, ref.strip())]
    if elsewhere:
        return (
            f"{quoted(ref)} is a catalogue {elsewhere[0]} entry, not a {what}; "
            f"use it under {elsewhere[0]}:"
        )
    message = unknown_name(what, ref, catalog.names(section), plural)
    return message + " (airlift catalog lists them)"


def _merge(found: CatalogEntry, entry: dict[str, Any], path: Path, out: Resolved) -> dict[str, Any]:
    """The catalogue entry with the scenario's fields over it; records origins and positions."""
    base = copy.deepcopy(dict(found.raw))
    cited = tuple(CATALOG_PREFIX + s for s in found.entry.source_ids)
    if cited:
        base["source"] = cited[0] if len(cited) == 1 else list(cited)
    origin = CatalogOrigin(found.name, cited, found.entry.estimate)
    merged = dict(base)
    for key, value in entry.items():
        if key in MERGED_FIELDS and isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = {**base[key], **value}
            for sub in base[key]:
                if sub not in value:
                    out.origins[(*path, key, sub)] = origin
        else:
            merged[key] = value
    for key in base:
        if key not in entry:
            out.origins[(*path, key)] = origin
    at_value = out.values.get((*path, "catalog"))
    at_key = out.keys.get((*path, "catalog"))
    for sub in _paths(merged, path):
        if at_value is not None:
            out.values.setdefault(sub, at_value)
        if at_key is not None and len(sub) > len(path):
            out.keys.setdefault(sub, at_key)
    return merged
