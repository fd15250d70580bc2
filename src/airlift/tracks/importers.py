"""The importers by name, with the other names each goes by, and one entry point for all."""

from __future__ import annotations

import dataclasses
import difflib
import os
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from airlift.errors import AirliftError
from airlift.tracks.airfields import AirfieldTable
from airlift.tracks.fr24 import import_fr24
from airlift.tracks.fr24_json import import_fr24_json
from airlift.tracks.imported import Imported
from airlift.tracks.legs import is_icao24
from airlift.tracks.opensky import import_opensky
from airlift.tracks.opensky_rest import import_opensky_rest
from airlift.tracks.readsb import import_readsb

__all__ = ["ALIASES", "FORMATS", "format_name", "import_flight_data"]

#: Each importer and what it reads.
FORMATS: Mapping[str, str] = MappingProxyType(
    {
        "opensky": "OpenSky flight lists (CSV): the Zenodo flightlist files, pyopensky exports",
        "readsb": (
            "readsb trace_full_<hex>.json traces, gzipped or not: ADS-B Exchange, adsb.lol, "
            "airplanes.live"
        ),
        "fr24": "Flightradar24 per-flight CSV (Timestamp,UTC,Callsign,Position,...)",
        "opensky-rest": (
            "OpenSky flights as JSON: REST API answers (/flights/...), history-database "
            "records (an array or JSON Lines)"
        ),
        "fr24-json": (
            "Flightradar24 JSON: the API's flight summary (or a CSV with its fields), the "
            "web playback JSON"
        ),
    }
)
#: Other names accepted for each importer.
ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "opensky-flightlist": "opensky",
        "flightlist": "opensky",
        "adsbx": "readsb",
        "adsb-exchange": "readsb",
        "adsbexchange": "readsb",
        "adsblol": "readsb",
        "adsb.lol": "readsb",
        "airplanes.live": "readsb",
        "airplaneslive": "readsb",
        "tar1090": "readsb",
        "trace": "readsb",
        "flightradar24": "fr24",
        "opensky-json": "opensky-rest",
        "opensky-api": "opensky-rest",
        "opensky-trino": "opensky-rest",
        "fr24-api": "fr24-json",
        "fr24-summary": "fr24-json",
        "fr24-playback": "fr24-json",
        "flightradar24-json": "fr24-json",
    }
)


def format_name(name: str) -> str:
    """The importer a format name means; an AirliftError naming the valid ones otherwise."""
    key = name.strip().lower()
    if key in FORMATS:
        return key
    if key in ALIASES:
        return ALIASES[key]
    names = [*FORMATS, *ALIASES]
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise AirliftError(
        f"unknown format {name!r}{hint}; formats: {', '.join(FORMATS)} (also {', '.join(ALIASES)})"
    )


def import_flight_data(
    fmt: str,
    paths: Sequence[str | os.PathLike[str]],
    *,
    aircraft_type: str | None = None,
    registration: str | None = None,
    icao24: str | None = None,
    table: AirfieldTable | None = None,
) -> Imported:
    """Read tracking exports of one format into legs.

    ``aircraft_type``, ``registration`` and ``icao24`` fill in what the export does not
    say (a Flightradar24 file says none of them); values the export gives are kept.
    Raises :class:`~airlift.errors.FlightDataError` with every problem of every file.
    """
    name = format_name(fmt)
    if not paths:
        raise AirliftError(f"no {name} file given")
    if icao24 is not None:
        icao24 = icao24.strip().lower()
        if not is_icao24(icao24):
            raise AirliftError(f"{icao24!r} is not a 24-bit address: six hex digits such as 4b1805")
    if name == "fr24":
        return import_fr24(
            paths,
            aircraft_type=aircraft_type,
            registration=registration,
            icao24=icao24,
            table=table,
        )
    if name == "opensky":
        imported = import_opensky(paths)
    elif name == "opensky-rest":
        imported = import_opensky_rest(paths)
    elif name == "fr24-json":
        imported = import_fr24_json(paths, table)
    else:
        imported = import_readsb(paths, table)
    if aircraft_type is None and registration is None and icao24 is None:
        return imported
    legs = tuple(
        dataclasses.replace(
            leg,
            aircraft_type=leg.aircraft_type or aircraft_type,
            registration=leg.registration or registration,
            icao24=leg.icao24 or icao24,
        )
        for leg in imported.legs
    )
    return dataclasses.replace(imported, legs=legs)
