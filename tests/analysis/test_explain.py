"""Hand cases for explain(): conflicts, relaxations and the fewest claims to drop.

The tiny scenario (tests/analysis/tiny.py): 2-3 flights, 10 t payload, 4 slots;
a missile weighs 2 t and takes a slot, a crate weighs 3 t and takes none.
Brute-force checks on random scenarios live in test_explain_brute_force.py.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from airlift.analysis import analyze, explain
from airlift.model import SolveOptions
from airlift.result import Conflict, Relaxation
from tests.analysis.tiny import build


def claim(id_: str, total: str, **bound: Any) -> dict[str, Any]:
    return {"id": id_, "total": total, "source": "paper", **bound}


def members(conflict: Conflict) -> set[tuple[str, str]]:
    return {(m.role, m.id) for m in conflict.members}


def relaxation(conflict: Conflict, statement: str, field: str) -> Relaxation:
    return next(r for r in conflict.relaxations if r.statement.id == statement and r.field == field)


def test_too_many_missiles_names_slots_and_count() -> None:
    # 3 flights x 4 slots = 12 missiles at most; 13 is impossible because of the
    # slots (mass would allow 15) and the count (4 flights would carry 16).
    ex = explain(build(claims=[claim("many", "missile", at_least=13)]))
    (conflict,) = ex.conflicts
    assert conflict.context == "claim:many"
    assert conflict.proven
    assert members(conflict) == {
        ("claim", "many"),
        ("flights", "g"),
        ("limit", "aircraft.A.limits.slots"),
    }
    assert relaxation(conflict, "many", "at_least").needed == 12
    assert relaxation(conflict, "g", "count.max").needed == 4
    slots = relaxation(conflict, "aircraft.A.limits.slots", "limit")
    assert (slots.current, slots.needed, slots.direction) == (4, 5, "up")  # 3 x 5 >= 13
    assert all(r.proven and r.witness is not None for r in conflict.relaxations)


def test_mass_bound_conflict_bisects_payload_and_mass_to_the_kilogram() -> None:
    # 3 flights, crates only (3 t, no slots): at most 3 per flight, 9 in all.
    # 10 crates need a flight with 4 crates = 12 t payload, or crates of 2.5 t.
    ex = explain(build(claims=[claim("crates", "crate", at_least=10)]))
    (conflict,) = ex.conflicts
    assert members(conflict) == {
        ("claim", "crates"),
        ("flights", "g"),
        ("payload", "aircraft.A.payload"),
        ("mass", "cargo.c.mass"),
    }
    payload = relaxation(conflict, "aircraft.A.payload", "payload")
    assert (payload.current, payload.needed, payload.unit) == (10_000, 12_000, "kg")
    assert payload.needed_text == "12 t"
    mass = relaxation(conflict, "cargo.c.mass", "mass")
    assert (mass.current, mass.needed, mass.direction) == (3_000, 2_500, "down")


def test_base_conflict_is_explained_without_claims() -> None:
    # Every flight carries at least 5 missiles, but a flight has 4 slots; and at
    # least 2 flights flew (with no flights, "every flight" would hold vacuously).
    every = claim("five-each", "missile", per_flight=True, at_least=5)
    ex = explain(build(assumptions=[every], claims=[claim("one", "missile", at_least=1)]))
    (conflict,) = ex.conflicts
    assert conflict.context == "base"
    assert members(conflict) == {
        ("assumption", "five-each"),
        ("flights", "g"),
        ("limit", "aircraft.A.limits.slots"),
    }
    assert ex.correction is None
    assert relaxation(conflict, "g", "count.min").needed == 0
    assert relaxation(conflict, "five-each", "at_least").needed == 4
    assert relaxation(conflict, "aircraft.A.limits.slots", "limit").needed == 5


def test_clashing_claims_give_disjoint_conflicts_and_the_fewest_to_drop() -> None:
    claims = [
        claim("few-flights", "flights", at_most=2),
        claim("many-flights", "flights", at_least=3),
        claim("to-x", "missile", to="X", at_least=8),
        claim("to-y", "missile", to="Y", at_least=5),
    ]
    ex = explain(build(claims=claims))
    joint = [c for c in ex.conflicts if c.context == "claims"]
    assert len(joint) == 2
    first, second = (members(c) for c in joint)
    assert not first & second
    assert {("claim", "few-flights"), ("claim", "many-flights")} in (first, second)
    assert ex.correction is not None and ex.correction.proven
    assert len(ex.correction.drop) == 2  # one of each clashing pair


def test_per_flight_claim_in_the_fewest_to_drop() -> None:
    # "Every flight carried 3 crates" (9 t) leaves 1 t: no room for a missile,
    # so it clashes with "missiles were flown"; dropping either is enough.
    claims = [
        claim("three-crates", "crate", per_flight=True, equals=3),
        claim("missiles", "missile", at_least=1),
    ]
    ex = explain(build(claims=claims))
    assert ex.correction is not None and ex.correction.proven
    assert len(ex.correction.drop) == 1  # either one; per-flight claims are kept first
    assert ex.correction.drop[0].id in ("three-crates", "missiles")
    (conflict,) = [c for c in ex.conflicts if c.context == "claims"]
    assert {("claim", "three-crates"), ("claim", "missiles")} <= members(conflict)
    crates = relaxation(conflict, "three-crates", "equals")
    assert crates.needed == 2 and crates.direction == "down"


def test_consistent_scenario_has_no_conflicts_but_has_thresholds() -> None:
    ex = explain(build(claims=[claim("some", "missile", at_least=5)]))
    assert ex.conflicts == () and ex.correction is None
    most = {(c.aircraft, c.cargo): c.most for c in ex.capacities}
    assert most[("A", "m")] == 4 and most[("A", "c")] == 3


def test_unproven_conflicts_are_never_marked_proven() -> None:
    stop_early = SolveOptions(params={"max_number_of_conflicts": 0, "cp_model_presolve": False})
    ex = explain(build(claims=[claim("many", "missile", at_least=13)]), stop_early)
    assert all(not c.proven for c in ex.conflicts) or ex.conflicts == ()
    for conflict in ex.conflicts:
        assert all(not r.proven for r in conflict.relaxations)


def test_analyze_attaches_the_explanation() -> None:
    a = analyze(build(claims=[claim("many", "missile", at_least=13)]))
    assert a.explanation is not None
    assert [c.context for c in a.explanation.conflicts] == ["claim:many"]
    assert analyze(build(), explain=False).explanation is None


def test_relaxed_values_are_exact_fractions() -> None:
    ex = explain(build(claims=[claim("crates", "crate", at_least=10)]))
    for r in ex.conflicts[0].relaxations:
        assert isinstance(r.current, Fraction) and isinstance(r.needed, Fraction)


def test_amounts_are_written_exactly_or_marked_approximate() -> None:
    from airlift.analysis.relax import format_amount

    assert format_amount(Fraction(61_234), "kg") == "61.234 t"
    assert format_amount(Fraction(850), "kg") == "850 kg"
    assert format_amount(Fraction(750), "cm") == "7.5 m"
    assert format_amount(Fraction(1_234_567), "kg") == "1,234.567 t"
    assert format_amount(Fraction(26), "") == "26"
    assert format_amount(Fraction(100_000, 3), "kg") == "~33.333 t"
    assert format_amount(Fraction(2, 3), "kg") == "~0.667 kg"
