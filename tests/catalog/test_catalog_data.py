"""The shipped catalogue: it loads, every entry is sourced or marked as an estimate, and it
holds what the project's reference notes list, with their figures."""

from __future__ import annotations

import importlib.resources
from fractions import Fraction

import pytest

from airlift.errors import ScenarioError
from airlift.scenario.catalog import SECTIONS, Catalog, load_catalog, packaged_catalog
from airlift.scenario.schema import Aircraft, Cargo

#: Every aircraft in the reference notes (facts.md), by catalogue name.
AIRCRAFT = [
    "Il-76MD",
    "Il-76TD-90VD",
    "Il-76MD-90A",
    "An-124",
    "An-22",
    "An-12",
    "An-26",
    "C-17A",
    "C-130J",
    "C-130J-30",
    "C-5M",
    "C-141B",
    "A400M",
    "C-54",
    "C-47",
]
#: Every missile, canister and launcher there, plus the generic units.
CARGO = [
    "48N6",
    "48N6E",
    "48N6E2",
    "48N6DM",
    "40N6",
    "5V55",
    "9M96E2",
    "48N6-canister",
    "40N6-canister",
    "5P85SE-launcher",
    "463L-pallet",
    "bulk-tonne",
    "bulk-short-ton",
    "passenger",
]

T = Fraction(1000)  # kg per tonne


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return packaged_catalog()


def test_catalogue_files_are_package_data() -> None:
    root = importlib.resources.files("airlift") / "catalog"
    for section in SECTIONS:
        assert (root / f"{section}.yaml").is_file()


def test_it_holds_every_aircraft_and_cargo_of_the_reference_notes(catalog: Catalog) -> None:
    assert set(AIRCRAFT) <= set(catalog.names("aircraft"))
    assert set(CARGO) <= set(catalog.names("cargo"))
    assert all(isinstance(catalog.entries[("aircraft", n)].entry, Aircraft) for n in AIRCRAFT)
    assert all(isinstance(catalog.entries[("cargo", n)].entry, Cargo) for n in CARGO)


def test_every_entry_has_a_source_or_an_estimate_mark(catalog: Catalog) -> None:
    unmarked = [
        name
        for (_, name), e in catalog.entries.items()
        if not e.entry.source_ids and not (e.entry.estimate or "").strip()
    ]
    assert unmarked == []


def test_every_cited_source_exists_and_every_source_is_cited(catalog: Catalog) -> None:
    cited = {sid for e in catalog.entries.values() for sid in e.entry.source_ids}
    assert cited <= set(catalog.sources)
    assert set(catalog.sources) <= cited, "a catalogue source no entry cites"
    for source in catalog.sources.values():
        assert source.publisher.strip()


def test_estimates_say_why(catalog: Catalog) -> None:
    for e in catalog.entries.values():
        if e.entry.estimate is not None:
            assert len(e.entry.estimate.split()) >= 6, e.name


def test_ranges_where_the_notes_give_ranges(catalog: Catalog) -> None:
    def aircraft(name: str) -> Aircraft:
        entry = catalog.entries[("aircraft", name)].entry
        assert isinstance(entry, Aircraft)
        return entry

    def cargo(name: str) -> Cargo:
        entry = catalog.entries[("cargo", name)].entry
        assert isinstance(entry, Cargo)
        return entry

    il76 = aircraft("Il-76MD")
    assert (il76.payload.min.value, il76.payload.max.value) == (40 * T, 48 * T)
    assert il76.hold is not None and il76.hold.width is not None
    assert il76.hold.width.max.value == 345  # cm
    c17 = aircraft("C-17A")
    assert c17.payload.max.value == Fraction("170900") * Fraction("0.45359237")
    assert c17.limits["pallet_positions"].max.value == 18
    assert aircraft("C-130J").limits["pallet_positions"].max.value == 6
    assert aircraft("C-130J-30").limits["pallet_positions"].max.value == 8
    assert aircraft("C-5M").limits["pallet_positions"].max.value == 36
    assert aircraft("A400M").limits["pallet_positions"].max.value == 9
    canister = cargo("48N6-canister").unit_mass
    assert (canister.min.value, canister.max.value) == (Fraction(2300), Fraction(3300))
    assert cargo("48N6-canister").estimate is not None
    assert cargo("5P85SE-launcher").unit_mass.min.value == Fraction("42150")
    assert cargo("463L-pallet").uses["pallet_positions"].max.value == 1
    for bulk in ("bulk-tonne", "bulk-short-ton"):
        assert cargo(bulk).bulk and cargo(bulk).mass is None and not cargo(bulk).uses
    passenger = cargo("passenger")
    assert passenger.estimate is not None and "seats" in passenger.uses


def test_payload_range_points_never_exceed_the_structural_maximum(catalog: Catalog) -> None:
    for e in catalog.entries.values():
        if isinstance(e.entry, Aircraft):
            for point in e.entry.payload_range:
                assert point.payload.max.value <= e.entry.payload.max.value, e.name


def _files(aircraft: str, cargo: str = "sources: {}\ncargo: {}\n") -> dict[str, tuple[str, str]]:
    return {"aircraft": (aircraft, "aircraft.yaml"), "cargo": (cargo, "cargo.yaml")}


def _problems(aircraft: str) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        load_catalog(_files(aircraft))
    return [str(p) for p in info.value.problems]


def test_an_unsourced_unmarked_entry_is_refused_with_its_line() -> None:
    text = "sources: {s: {publisher: P}}\naircraft:\n  A: {payload: 10 t}\n"
    assert _problems(text) == [
        "aircraft.yaml:3:6: aircraft.A: every catalogue entry needs a source or an estimate "
        "mark saying what is estimated and why"
    ]


def test_an_unknown_source_id_is_refused_with_line_and_column() -> None:
    text = (
        "sources: {britannica: {publisher: P}}\naircraft:\n  A:\n    payload: 10 t\n"
        "    source: [britannica, britanica]\n"
    )
    (problem,) = _problems(text)
    assert problem.startswith(
        "aircraft.yaml:5:26: aircraft.A.source[1]: unknown source "
        "'britanica'; did you mean 'britannica'?"
    )


def test_a_broken_value_in_the_catalogue_is_located_like_a_scenario_problem() -> None:
    text = "sources: {s: {publisher: P}}\naircraft:\n  A: {payload: 10 ton, source: s}\n"
    (problem,) = _problems(text)
    assert problem.startswith("aircraft.yaml:3:16: aircraft.A.payload: 'ton' is ambiguous")


def test_an_entry_cannot_refer_to_the_catalogue() -> None:
    text = "sources: {s: {publisher: P}}\naircraft:\n  A: {catalog: B, payload: 1 t, source: s}\n"
    assert _problems(text) == [
        "aircraft.yaml:3:16: aircraft.A.catalog: a catalogue entry cannot refer to the catalogue"
    ]
