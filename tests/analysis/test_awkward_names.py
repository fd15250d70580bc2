"""Names with dots, spaces, quotes and other scripts, through the whole analysis.

The scenario is :mod:`tests.analysis.awkward`: a limit conflict, a payload-and-mass
conflict and a conflict between two claims, every one of them about entries whose
names would break a dotted path (``Il-76.MD``, ``box.v2``, ``ящик "Ω"``, ``floor length``).
Each conflict must name the right statements, each relaxation the right number, and
each reference the line it is written on.
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from airlift.analysis import analyze, explain
from airlift.model import SolveOptions
from airlift.result import Analysis, Conflict, Relaxation, Role, StatementKey, Verdict
from tests.analysis.awkward import AIRCRAFT, BOX, CRATE, FLOOR, KEYS, line_of, load

OPTIONS = SolveOptions(time_limit=10, seed=0, workers=1)


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyze(load(), OPTIONS, explain=True)


def conflicts(a: Analysis) -> dict[str, Conflict]:
    assert a.explanation is not None
    return {c.context: c for c in a.explanation.conflicts}


def members(c: Conflict) -> set[StatementKey]:
    return {m.key for m in c.members}


def relaxed(c: Conflict, name: str) -> Relaxation:
    (found,) = [r for r in c.relaxations if r.statement.key == KEYS[name]]
    return found


def test_verdicts(analysis: Analysis) -> None:
    verdicts = {c.ref.key: c.verdict for c in analysis.claims}
    assert verdicts == {
        KEYS["five"]: Verdict.INCONSISTENT,
        KEYS["four"]: Verdict.INCONSISTENT,
        KEYS["six"]: Verdict.CONSISTENT,
        KEYS["eight"]: Verdict.CONSISTENT,
    }


def test_each_conflict_names_the_right_statements(analysis: Analysis) -> None:
    found = conflicts(analysis)
    assert set(found) == {"claim:five.boxes", "claim:four crates", "claims"}
    assert all(c.proven for c in found.values())
    assert members(found["claim:five.boxes"]) == {KEYS["five"], KEYS["shuttle"], KEYS["floor"]}
    assert members(found["claim:four crates"]) == {
        KEYS["four"],
        KEYS["shuttle"],
        KEYS["payload"],
        KEYS["crate"],
    }
    assert members(found["claims"]) == {
        KEYS["six"],
        KEYS["eight"],
        KEYS["shuttle"],
        KEYS["payload"],
        KEYS["box"],
        KEYS["crate"],
    }


def test_a_limit_named_with_a_space_on_an_aircraft_named_with_a_dot(analysis: Analysis) -> None:
    floor = relaxed(conflicts(analysis)["claim:five.boxes"], "floor")
    assert floor.statement.key == StatementKey(Role.LIMIT, AIRCRAFT, FLOOR)
    assert floor.statement.id == "aircraft.Il-76.MD.limits.floor length"
    assert (floor.field, floor.direction, floor.unit) == ("limit", "up", "cm")
    assert (floor.current, floor.needed, floor.needed_text) == (F(2000), F(2500), "25 m")
    assert floor.proven and floor.witness is not None
    assert floor.statement.line == line_of("limits: {floor length")
    assert floor.statement.source == "paper.v1"
    assert floor.statement.source_label == 'The "Quoted" Paper, 2022-11-17'


def test_a_payload_and_a_cyrillic_cargo_mass(analysis: Analysis) -> None:
    conflict = conflicts(analysis)["claim:four crates"]
    payload = relaxed(conflict, "payload")
    assert payload.statement.id == "aircraft.Il-76.MD.payload"
    assert (payload.field, payload.current, payload.needed) == ("payload", F(10_000), F(12_000))
    assert payload.statement.line == line_of("payload: 10 t")
    crate = relaxed(conflict, "crate")
    assert crate.statement.key == StatementKey(Role.MASS, CRATE)
    assert crate.statement.id == 'cargo.ящик "Ω".mass'
    assert (crate.field, crate.direction, crate.current, crate.needed) == (
        "mass",
        "down",
        F(3000),
        F(2500),
    )
    assert crate.statement.line == line_of("mass: 3 t")
    assert crate.statement.source is None
    claim = relaxed(conflict, "four")
    assert (claim.field, claim.needed) == ("at_least", F(3))


def test_claims_that_compete_for_the_same_flights(analysis: Analysis) -> None:
    conflict = conflicts(analysis)["claims"]
    assert relaxed(conflict, "payload").needed == 17_000  # 4 boxes and 3 crates a flight
    box = relaxed(conflict, "box")
    assert box.statement.id == "cargo.box.v2.mass"
    assert box.statement.line == line_of("mass: 2 t")
    assert (box.current, box.needed) == (F(2000), F(250))  # 4 boxes beside 9 t of crates
    assert relaxed(conflict, "crate").needed == F(666)  # 3 crates beside 8 t of boxes
    assert relaxed(conflict, "shuttle").needed == 4


def test_the_fewest_claims_to_drop(analysis: Analysis) -> None:
    assert analysis.explanation is not None
    correction = analysis.explanation.correction
    assert correction is not None and correction.proven
    dropped = {r.key for r in correction.drop}
    assert len(dropped) == 3 and {KEYS["five"], KEYS["four"]} < dropped
    assert dropped - {KEYS["five"], KEYS["four"]} <= {KEYS["six"], KEYS["eight"]}


def test_capacities_and_values_name_entries_whole(analysis: Analysis) -> None:
    assert analysis.explanation is not None
    capacity = {(c.aircraft, c.cargo): c for c in analysis.explanation.capacities}
    assert capacity[AIRCRAFT, BOX].most == 4
    assert capacity[AIRCRAFT, BOX].binds == (FLOOR,)
    assert capacity[AIRCRAFT, CRATE].binds == ("payload",)
    values = {v.key: v for v in analysis.values_used}
    assert list(values) == [
        KEYS["payload"],
        KEYS["floor"],
        KEYS["box"],
        KEYS["box floor"],
        KEYS["crate"],
    ]
    assert all(v.field == k.text for k, v in values.items())
    assert values[KEYS["box floor"]].line == line_of("uses: {floor length")
    assert values[KEYS["floor"]].source == 'The "Quoted" Paper, 2022-11-17'


def test_explaining_one_claim_with_a_dotted_id() -> None:
    e = explain(load(), OPTIONS, claim="все.ящики")
    assert [c.context for c in e.conflicts] == ["claims"]
    assert [n.claim.key for n in e.needs] == [KEYS["six"]]
