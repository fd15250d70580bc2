"""A scenario whose names hold dots, spaces, quotes, a colon and Cyrillic letters.

Names are the user's: an aircraft ``Il-76.MD``, a cargo ``box.v2`` and a cargo ``ящик "Ω"``,
a loading limit ``floor length``, an airfield ``Москва Шереметьево``, a source
``paper.v1``, a flight group ``shuttle.1`` and claims ``five.boxes``, ``four crates``,
``все.ящики`` and ``boxes: eight``. Every figure is small enough to check by hand:

- one flight lifts 10 t and has 20 m of floor; a box weighs 2 t and takes 5 m of floor,
  a crate weighs 3 t; so a flight carries at most 4 boxes (floor) or 3 crates (payload);
- ``five.boxes`` (5 boxes a flight) conflicts with the floor length limit: it needs 25 m;
- ``four crates`` (4 crates a flight) conflicts with the payload and the crate's mass:
  it needs 12 t of payload, or crates of 2.5 t;
- ``все.ящики`` (6 crates) and ``boxes: eight`` (8 boxes) each fill both flights, so they
  cannot both hold: a conflict between claims, over the payload and both masses.
"""

from __future__ import annotations

from airlift.result import Role, StatementKey
from airlift.scenario import LoadedScenario, load_scenario_text

__all__ = [
    "AIRCRAFT",
    "BOX",
    "CRATE",
    "FLOOR",
    "KEYS",
    "TEXT",
    "line_of",
    "load",
]

AIRCRAFT = "Il-76.MD"
BOX = "box.v2"
CRATE = 'ящик "Ω"'
FLOOR = "floor length"

TEXT = """\
title: Names with dots, spaces, quotes and other scripts
sources:
  paper.v1: {publisher: 'The "Quoted" Paper', date: 2022-11-17}
airfields:
  Base.1: {}
  Москва Шереметьево: {}
aircraft:
  Il-76.MD:
    payload: 10 t
    limits: {floor length: 20 m}
    source: paper.v1
cargo:
  box.v2:
    kind: box
    mass: 2 t
    uses: {floor length: 5 m}
  ящик "Ω":
    kind: crate
    mass: 3 t
flights:
  - id: shuttle.1
    aircraft: Il-76.MD
    count: 2
    from: Base.1
    to: Москва Шереметьево
claims:
  - {id: five.boxes, says: five boxes a flight, total: box.v2, per_flight: true, at_least: 5,
     source: paper.v1}
  - {id: four crates, says: four crates a flight, total: 'ящик "Ω"', per_flight: true,
     at_least: 4}
  - {id: все.ящики, says: six crates in all, total: crate, at_least: 6}
  - {id: "boxes: eight", says: eight boxes in all, total: box.v2, to: Москва Шереметьево,
     at_least: 8}
"""

#: Every statement the explanation may cite, by a short name.
KEYS = {
    "five": StatementKey(Role.CLAIM, "five.boxes"),
    "four": StatementKey(Role.CLAIM, "four crates"),
    "six": StatementKey(Role.CLAIM, "все.ящики"),
    "eight": StatementKey(Role.CLAIM, "boxes: eight"),
    "shuttle": StatementKey(Role.FLIGHTS, "shuttle.1"),
    "payload": StatementKey(Role.PAYLOAD, AIRCRAFT),
    "floor": StatementKey(Role.LIMIT, AIRCRAFT, FLOOR),
    "box": StatementKey(Role.MASS, BOX),
    "crate": StatementKey(Role.MASS, CRATE),
    "box floor": StatementKey(Role.USES, BOX, FLOOR),
}


def load() -> LoadedScenario:
    """The scenario, read from text so that every statement has its line."""
    return load_scenario_text(TEXT, "awkward.yaml")


def line_of(start: str) -> int:
    """The line of :data:`TEXT` that starts with ``start`` (after its indent), from 1."""
    lines = [n for n, line in enumerate(TEXT.splitlines(), 1) if line.lstrip().startswith(start)]
    assert len(lines) == 1, (start, lines)
    return lines[0]
