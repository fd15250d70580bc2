"""Flights from tracking data: the flight-leg file, importers, airfields and type designators.

A *leg file* (CSV, one row per leg; see docs/legs.md) is what an analyst writes by hand from
posts and screenshots, and what every importer writes: :func:`read_legs` and
:func:`write_legs`. Importers read the exports analysts have (OpenSky flight lists and
REST/database JSON, readsb traces from ADS-B Exchange, adsb.lol and airplanes.live,
Flightradar24 flight CSV, API flight summaries and playback JSON) with the standard library
only: :func:`import_flight_data`. :func:`summarize` says what a set of legs
holds. A scenario includes leg files with ``legs:``; :mod:`airlift.scenario.legs` turns them
into flight groups.

This package sits below :mod:`airlift.scenario` and imports nothing of airlift but
:mod:`airlift.errors`.

The names below are loaded on first use (PEP 562): a scenario that reads a leg file does not
load every importer.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from airlift.tracks.airfields import AirfieldRecord as AirfieldRecord
    from airlift.tracks.airfields import AirfieldTable as AirfieldTable
    from airlift.tracks.airfields import find_airfield as find_airfield
    from airlift.tracks.airfields import haversine_km as haversine_km
    from airlift.tracks.airfields import packaged_airfields as packaged_airfields
    from airlift.tracks.designators import DESIGNATORS as DESIGNATORS
    from airlift.tracks.designators import AircraftType as AircraftType
    from airlift.tracks.designators import aircraft_type as aircraft_type
    from airlift.tracks.designators import catalog_names as catalog_names
    from airlift.tracks.imported import Imported as Imported
    from airlift.tracks.importers import ALIASES as ALIASES
    from airlift.tracks.importers import FORMATS as FORMATS
    from airlift.tracks.importers import format_name as format_name
    from airlift.tracks.importers import import_flight_data as import_flight_data
    from airlift.tracks.legs import LEG_COLUMNS as LEG_COLUMNS
    from airlift.tracks.legs import Leg as Leg
    from airlift.tracks.legs import LegTime as LegTime
    from airlift.tracks.legs import RowRef as RowRef
    from airlift.tracks.legs import TimeKind as TimeKind
    from airlift.tracks.legs import legs_csv as legs_csv
    from airlift.tracks.legs import parse_legs as parse_legs
    from airlift.tracks.legs import read_legs as read_legs
    from airlift.tracks.legs import write_legs as write_legs
    from airlift.tracks.summary import LegSummary as LegSummary
    from airlift.tracks.summary import summarize as summarize

#: Where each public name lives.
_WHERE = {
    "AirfieldRecord": "airlift.tracks.airfields",
    "AirfieldTable": "airlift.tracks.airfields",
    "find_airfield": "airlift.tracks.airfields",
    "haversine_km": "airlift.tracks.airfields",
    "packaged_airfields": "airlift.tracks.airfields",
    "DESIGNATORS": "airlift.tracks.designators",
    "AircraftType": "airlift.tracks.designators",
    "aircraft_type": "airlift.tracks.designators",
    "catalog_names": "airlift.tracks.designators",
    "Imported": "airlift.tracks.imported",
    "ALIASES": "airlift.tracks.importers",
    "FORMATS": "airlift.tracks.importers",
    "format_name": "airlift.tracks.importers",
    "import_flight_data": "airlift.tracks.importers",
    "LEG_COLUMNS": "airlift.tracks.legs",
    "Leg": "airlift.tracks.legs",
    "LegTime": "airlift.tracks.legs",
    "RowRef": "airlift.tracks.legs",
    "TimeKind": "airlift.tracks.legs",
    "legs_csv": "airlift.tracks.legs",
    "parse_legs": "airlift.tracks.legs",
    "read_legs": "airlift.tracks.legs",
    "write_legs": "airlift.tracks.legs",
    "LegSummary": "airlift.tracks.summary",
    "summarize": "airlift.tracks.summary",
}

__all__ = [
    "ALIASES",
    "DESIGNATORS",
    "FORMATS",
    "LEG_COLUMNS",
    "AircraftType",
    "AirfieldRecord",
    "AirfieldTable",
    "Imported",
    "Leg",
    "LegSummary",
    "LegTime",
    "RowRef",
    "TimeKind",
    "aircraft_type",
    "catalog_names",
    "find_airfield",
    "format_name",
    "haversine_km",
    "import_flight_data",
    "legs_csv",
    "packaged_airfields",
    "parse_legs",
    "read_legs",
    "summarize",
    "write_legs",
]


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'airlift.tracks' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
