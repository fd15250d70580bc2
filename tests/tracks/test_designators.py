"""ICAO type designators and the catalogue aircraft each may be."""

from __future__ import annotations

from airlift.scenario import packaged_catalog
from airlift.tracks import DESIGNATORS, aircraft_type, catalog_names


def test_every_named_catalogue_aircraft_exists_and_each_has_a_designator() -> None:
    catalogue = set(packaged_catalog().names("aircraft"))
    named = [name for entry in DESIGNATORS.values() for name in entry.catalog]
    assert len(named) == len(set(named)), "a catalogue aircraft under two designators"
    assert set(named) <= catalogue
    # a new catalogue aircraft needs its designator here, or imports cannot name it
    assert catalogue <= set(named)


def test_designators_and_catalogue_names_both_lead_to_the_catalogue() -> None:
    assert catalog_names("IL76") == ("Il-76MD", "Il-76TD-90VD", "Il-76MD-90A")
    assert catalog_names(" il76 ") == catalog_names("IL76")
    assert catalog_names("Il-76MD-90A") == ("Il-76MD-90A",)
    assert catalog_names("C30J") == ("C-130J-30", "C-130J")
    assert catalog_names("B744") == ()  # a known designator with no catalogue entry
    assert catalog_names("XYZ1") == ()
    entry = aircraft_type("c-17a")
    assert entry is not None and entry.designator == "C17"
    assert aircraft_type("Tu-154") is None
    for designator, entry in DESIGNATORS.items():
        assert entry.designator == designator and designator == designator.upper()
