"""ICAO aircraft type designators and the catalogue aircraft each may be.

Tracking data names an aircraft's type by its ICAO designator (``IL76``, ``C17``); the
catalogue (``airlift catalog``) names variants (``Il-76MD``, ``Il-76TD-90VD``). One
designator may stand for several variants: every Il-76 is ``IL76``, so a leg of type
``IL76`` may be any of the three Il-76 entries, and a scenario says which it means. A
designator with no catalogue entry (``B744``) is known but maps to nothing.

Designators follow ICAO Doc 8643, *Aircraft Type Designators*, as republished by the FAA in
Order JO 7360.1H (20 April 2023), https://www.faa.gov/media/70716.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["DESIGNATORS", "DESIGNATOR_SOURCE", "AircraftType", "aircraft_type", "catalog_names"]

#: Where the designators come from.
DESIGNATOR_SOURCE = (
    "ICAO Doc 8643, Aircraft Type Designators, as republished in FAA Order JO 7360.1H "
    "(20 April 2023), https://www.faa.gov/media/70716"
)


@dataclass(frozen=True)
class AircraftType:
    """An ICAO type designator, what it names, and the catalogue aircraft it may be."""

    designator: str
    description: str
    catalog: tuple[str, ...]  #: catalogue aircraft names, the most common first


def _types(*rows: tuple[str, str, tuple[str, ...]]) -> Mapping[str, AircraftType]:
    return MappingProxyType({d: AircraftType(d, text, names) for d, text, names in rows})


#: Designators of transport aircraft seen in military airlifts, by designator.
DESIGNATORS: Mapping[str, AircraftType] = _types(
    ("IL76", "Ilyushin Il-76 (all variants)", ("Il-76MD", "Il-76TD-90VD", "Il-76MD-90A")),
    ("A124", "Antonov An-124 Ruslan", ("An-124",)),
    ("A225", "Antonov An-225 Mriya", ()),
    ("AN22", "Antonov An-22 Antei", ("An-22",)),
    ("AN12", "Antonov An-12", ("An-12",)),
    ("AN26", "Antonov An-26", ("An-26",)),
    ("C17", "Boeing C-17 Globemaster III", ("C-17A",)),
    ("C5M", "Lockheed C-5M Super Galaxy", ("C-5M",)),
    ("C5", "Lockheed C-5 Galaxy (C-5A/B/C)", ()),
    ("C30J", "Lockheed Martin C-130J Hercules (J and J-30)", ("C-130J-30", "C-130J")),
    ("C130", "Lockheed C-130 Hercules (before the J)", ()),
    ("C141", "Lockheed C-141 Starlifter", ("C-141B",)),
    ("A400", "Airbus A400M Atlas", ("A400M",)),
    ("DC4", "Douglas DC-4 / C-54 Skymaster", ("C-54",)),
    ("DC3", "Douglas DC-3 / C-47 Skytrain", ("C-47",)),
    ("B744", "Boeing 747-400 (freighters among them)", ()),
    ("B748", "Boeing 747-8 (freighters among them)", ()),
    ("B77L", "Boeing 777-200LR / 777F", ()),
    ("MD11", "McDonnell Douglas MD-11 (freighters among them)", ()),
)


def aircraft_type(text: str) -> AircraftType | None:
    """The designator named by ``text`` (any case), or the designator of the catalogue
    aircraft named by ``text`` (``Il-76MD`` gives ``IL76``); None when neither."""
    key = text.strip().upper()
    if key in DESIGNATORS:
        return DESIGNATORS[key]
    for entry in DESIGNATORS.values():
        if any(name.upper() == key for name in entry.catalog):
            return entry
    return None


def catalog_names(text: str) -> tuple[str, ...]:
    """The catalogue aircraft a leg's type may be: the designator's entries, or the one
    catalogue aircraft the type names itself; empty when none is known."""
    key = text.strip().upper()
    if key in DESIGNATORS:
        return DESIGNATORS[key].catalog
    entry = aircraft_type(text)
    if entry is None:
        return ()
    return tuple(name for name in entry.catalog if name.upper() == key)
