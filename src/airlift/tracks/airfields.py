"""The airfield table: look an airfield up by ICAO code or name, or find those near a point.

The table ships with airlift (``airlift/catalog/airfields.yaml``): the airfields of the worked
scenarios and of common military airlifts, each row with its source or an estimate mark.
Millerovo and Seshcha, for example, are in no common airport database. When the optional
package ``airportsdata`` is installed, :func:`find_airfield` falls back on it for ICAO codes
the table lacks; it is imported only then, and airlift does not depend on it.
"""

from __future__ import annotations

import functools
import importlib
import importlib.resources
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from airlift.errors import FlightDataError, Problem

__all__ = [
    "AIRPORTSDATA_SOURCE",
    "EARTH_RADIUS_KM",
    "AirfieldRecord",
    "AirfieldTable",
    "find_airfield",
    "haversine_km",
    "load_airfield_table",
    "packaged_airfields",
]

#: The mean Earth radius (IUGG), as in :mod:`airlift.scenario.lanes`.
EARTH_RADIUS_KM = 6371.0088
#: The source named for a row taken from the optional airportsdata package.
AIRPORTSDATA_SOURCE = "airportsdata (installed package)"


@dataclass(frozen=True)
class AirfieldRecord:
    """One airfield of the table.

    ``icao`` is None for a field without an ICAO location indicator. ``source`` is a source
    id of the table (or :data:`AIRPORTSDATA_SOURCE`); ``estimate``, when set, says what is
    estimated and why. ``elevation_ft`` is feet above mean sea level, when known.
    """

    icao: str | None
    name: str
    lat: float
    lon: float
    country: str
    source: str | None = None
    estimate: str | None = None
    aliases: tuple[str, ...] = ()
    elevation_ft: float | None = None
    note: str | None = None

    @property
    def label(self) -> str:
        """How a leg file names it: the ICAO code, or the name when it has none."""
        return self.icao or self.name

    @property
    def names(self) -> tuple[str, ...]:
        """Every text that names it: code, name and other names."""
        return tuple(n for n in (self.icao, self.name, *self.aliases) if n)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance between two points in km."""
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class AirfieldTable:
    """Airfield records in file order, with the table's sources (id -> citation)."""

    records: tuple[AirfieldRecord, ...]
    sources: Mapping[str, str]
    file: str = "<table>"

    def find(self, text: str) -> AirfieldRecord | None:
        """The airfield ``text`` names (its ICAO code, name or another name; any case)."""
        key = _key(text)
        for record in self.records:
            if any(_key(name) == key for name in record.names):
                return record
        return None

    def within(
        self, lat: float, lon: float, radius_km: float
    ) -> list[tuple[AirfieldRecord, float]]:
        """The airfields at most ``radius_km`` from a point, nearest first, with their
        distances in km."""
        found = [(r, haversine_km(lat, lon, r.lat, r.lon)) for r in self.records]
        return sorted(
            ((r, km) for r, km in found if km <= radius_km),
            key=lambda item: (item[1], item[0].name),
        )

    def nearest(self, lat: float, lon: float, radius_km: float) -> AirfieldRecord | None:
        """The nearest airfield at most ``radius_km`` from a point; None when there is none.
        (To tell one airfield from neighbours, use :meth:`within`, which lists them all.)"""
        near = self.within(lat, lon, radius_km)
        return near[0][0] if near else None


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@functools.cache
def packaged_airfields() -> AirfieldTable:
    """The table shipped with airlift (read once per process)."""
    resource = importlib.resources.files("airlift") / "catalog" / "airfields.yaml"
    return load_airfield_table(resource.read_text(encoding="utf-8"), str(resource))


_FIELDS = {
    "icao",
    "name",
    "lat",
    "lon",
    "country",
    "source",
    "estimate",
    "aliases",
    "elevation_ft",
    "note",
}


def load_airfield_table(text: str, file: str) -> AirfieldTable:
    """Read an airfield table; raise :class:`~airlift.errors.FlightDataError` with every
    problem, each at ``file:line:column``."""
    problems: list[Problem] = []
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        raise FlightDataError([Problem(file, line, column, (), f"not valid YAML: {exc}")]) from None
    data = yaml.safe_load(text)
    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        raise FlightDataError([Problem(file, 1, 1, (), "expected sources: and airfields:")])
    nodes = {key.value: value for key, value in root.value}
    sources = data.get("sources") or {}
    rows = data.get("airfields") or []
    row_nodes = nodes.get("airfields")
    if not isinstance(sources, dict) or not isinstance(rows, list):
        raise FlightDataError([Problem(file, 1, 1, (), "expected sources: and airfields:")])
    citations = {str(sid): _citation(entry) for sid, entry in sources.items()}
    records = []
    for i, row in enumerate(rows):
        node = row_nodes.value[i] if isinstance(row_nodes, yaml.SequenceNode) else None
        line, column = (
            (node.start_mark.line + 1, node.start_mark.column + 1) if node else (None, None)
        )

        def bad(
            message: str, i: int = i, line: int | None = line, col: int | None = column
        ) -> None:
            problems.append(Problem(file, line, col, ("airfields", i), message))

        record = _record(row, citations, bad)
        if record is not None:
            records.append(record)
    seen: dict[str, str] = {}
    for i, record in enumerate(records):
        for name in record.names:
            other = seen.setdefault(_key(name), record.name)
            if other != record.name:
                problems.append(
                    Problem(file, None, None, ("airfields", i), f"{name!r} also names {other}")
                )
    if problems:
        raise FlightDataError(problems)
    return AirfieldTable(tuple(records), citations, file)


def _citation(entry: Any) -> str:
    if not isinstance(entry, dict):
        return str(entry)
    parts = [str(entry.get(k)) for k in ("publisher", "date", "url") if entry.get(k)]
    return ", ".join(parts)


def _record(row: Any, citations: Mapping[str, str], bad: Any) -> AirfieldRecord | None:
    if not isinstance(row, dict):
        bad("each airfield is a mapping: {icao: ..., name: ..., lat: ..., lon: ...}")
        return None
    unknown = sorted(set(row) - _FIELDS)
    if unknown:
        bad(f"unknown fields {unknown}; fields: {sorted(_FIELDS)}")
        return None
    name, lat, lon, country = row.get("name"), row.get("lat"), row.get("lon"), row.get("country")
    icao = row.get("icao")
    ok = True
    if not isinstance(name, str) or not name.strip():
        bad("name must be text")
        ok = False
    if icao is not None and not (isinstance(icao, str) and len(icao) == 4 and icao.isalnum()):
        bad(f"icao must be a four-character ICAO location indicator or null, not {icao!r}")
        ok = False
    for key, value, limit in (("lat", lat, 90), ("lon", lon, 180)):
        if isinstance(value, bool) or not isinstance(value, int | float) or abs(value) > limit:
            bad(f"{key} must be a number of degrees within ±{limit}")
            ok = False
    if not isinstance(country, str) or len(country) != 2:
        bad("country must be an ISO 3166-1 alpha-2 code such as RU")
        ok = False
    source, estimate = row.get("source"), row.get("estimate")
    if source is None and estimate is None:
        bad("every airfield needs a source or an estimate mark saying what is estimated and why")
        ok = False
    if source is not None and source not in citations:
        bad(f"unknown source {source!r}; sources: {', '.join(citations)}")
        ok = False
    aliases = row.get("aliases") or []
    elevation = row.get("elevation_ft")
    if not ok or not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return None
    return AirfieldRecord(
        icao=icao.upper() if isinstance(icao, str) else None,
        name=str(name).strip(),
        lat=float(lat),
        lon=float(lon),
        country=str(country),
        source=source,
        estimate=estimate,
        aliases=tuple(str(a) for a in aliases),
        elevation_ft=float(elevation) if isinstance(elevation, int | float) else None,
        note=row.get("note"),
    )


def find_airfield(text: str, table: AirfieldTable | None = None) -> AirfieldRecord | None:
    """The airfield ``text`` names, from the table, or else (an ICAO code only) from the
    optional ``airportsdata`` package when it is installed; None when neither knows it."""
    table = table or packaged_airfields()
    found = table.find(text)
    if found is not None:
        return found
    code = text.strip().upper()
    if len(code) != 4 or not code.isalnum():
        return None
    database = _airportsdata()
    entry = database.get(code) if database is not None else None
    if not entry:
        return None
    return AirfieldRecord(
        icao=code,
        name=str(entry.get("name") or code),
        lat=float(entry["lat"]),
        lon=float(entry["lon"]),
        country=str(entry.get("country") or ""),
        source=AIRPORTSDATA_SOURCE,
        elevation_ft=float(entry["elevation"]) if entry.get("elevation") is not None else None,
    )


@functools.cache
def _airportsdata() -> Mapping[str, Mapping[str, Any]] | None:
    """airportsdata's airports by ICAO code, when the package is installed; else None."""
    try:
        module = importlib.import_module("airportsdata")
    except ImportError:
        return None
    loaded: Mapping[str, Mapping[str, Any]] = module.load("ICAO")
    return loaded
