"""The oracle's statement keys, dropping, moving and capped feasibility, tested on their own.

Hand cases are worked out in the comments from the scenario's numbers. The
random cross-checks compare :func:`feasible` with plain :func:`brute_force`
where nothing is unlimited, and a looser cap with the normal one where things
are (a cap that cut off the only valid allocations would show up there).
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any

import pytest

from tests.oracle.brute_force import TooBig, brute_force
from tests.oracle.conflict_scenarios import conflict_scenario
from tests.oracle.random_scenarios import random_scenario
from tests.oracle.reachable import feasible as reachable
from tests.oracle.statements import (
    feasible,
    finite,
    moved,
    number,
    restrict,
    statement_keys,
)


def _d() -> dict[str, Any]:
    """Two flights of A (10 t, 3 slots) from O to X or Y; m: 3 t and 1 slot, s: 1 t."""
    return {
        "title": "hand",
        "airfields": {"O": {}, "X": {}, "Y": {}},
        "aircraft": {"A": {"payload": {"min": "8 t", "max": "10 t"}, "limits": {"slots": 3}}},
        "cargo": {
            "m": {"kind": "missile", "mass": {"min": "3 t", "max": "4 t"}, "uses": {"slots": 1}},
            "s": {"kind": "shell", "mass": "1 t"},
        },
        "flights": [{"id": "g", "aircraft": "A", "count": 2, "from": "O", "to": ["X", "Y"]}],
        "assumptions": [{"id": "loaded", "total": "missile", "per_flight": True, "at_least": 1}],
        "claims": [
            {"id": "seven", "total": "missile", "at_least": 7},
            {"id": "y", "total": "missile", "to": "Y", "between": [2, 4]},
        ],
    }


ALL = (
    ("assumption", "loaded"),
    ("claim", "seven"),
    ("claim", "y"),
    ("flights", "g"),
    ("payload", "aircraft.A.payload"),
    ("limit", "aircraft.A.limits.slots"),
    ("mass", "cargo.m.mass"),
    ("uses", "cargo.m.uses.slots"),
    ("mass", "cargo.s.mass"),
)


def test_keys_name_every_number_in_file_order() -> None:
    assert tuple(statement_keys(_d())) == ALL


def test_restrict_drops_what_is_not_kept() -> None:
    r = restrict(_d(), [("claim", "y"), ("mass", "cargo.m.mass")])
    assert [s["id"] for s in r["assumptions"]] == ["y"] and r["claims"] == []
    assert r["flights"][0]["count"] == {"min": 0}
    assert "limits" not in r["aircraft"]["A"] and "uses" not in r["cargo"]["m"]
    assert r["cargo"]["m"]["mass"] == {"min": "3 t", "max": "4 t"}
    assert r["cargo"]["s"]["mass"] == "0 kg"
    with pytest.raises(KeyError):
        restrict(_d(), [("claim", "nine")])


def test_number_reads_permissive_ends_and_moved_writes_them() -> None:
    d = _d()
    assert number(d, ("payload", "aircraft.A.payload"), "payload") == 10_000
    assert number(d, ("mass", "cargo.m.mass"), "mass") == 3_000
    assert number(d, ("limit", "aircraft.A.limits.slots"), "limit") == 3
    assert number(d, ("flights", "g"), "count.max") == 2
    assert number(d, ("claim", "y"), "between.hi") == 4
    m = moved(d, ("payload", "aircraft.A.payload"), "payload", Fraction(12_500))
    assert m["aircraft"]["A"]["payload"] == "12500 kg"
    m = moved(d, ("flights", "g"), "count.max", Fraction(3))
    assert m["flights"][0]["count"] == {"min": 2, "max": 3}
    m = moved(d, ("claim", "y"), "between.lo", Fraction(1))
    assert m["claims"][1]["between"] == [1, 4]
    m = moved(d, ("uses", "cargo.m.uses.slots"), "uses", Fraction(0))
    assert m["cargo"]["m"]["uses"] == {"slots": 0}
    assert d == _d()  # never mutated


def test_feasibility_of_restricted_sets() -> None:
    d = _d()
    # 2 flights x 3 missiles (3 t each, 10 t, 3 slots) = 6 < 7.
    conflict = [
        ("claim", "seven"),
        ("flights", "g"),
        ("payload", "aircraft.A.payload"),
        ("mass", "cargo.m.mass"),
        ("limit", "aircraft.A.limits.slots"),
        ("uses", "cargo.m.uses.slots"),
    ]
    assert not feasible(restrict(d, conflict))
    # Payload alone still stops it: 10 t / 3 t = 3 per flight.
    assert not feasible(restrict(d, conflict[:4]))
    # Slots alone too: 3 per flight.
    assert not feasible(restrict(d, [conflict[0], conflict[1], *conflict[4:]]))
    # Without the count the group may fly 3 times or more (an open count).
    assert feasible(restrict(d, conflict[:1] + conflict[2:]))
    # Without the mass, missiles weigh nothing: 7 fit on two flights by payload.
    assert feasible(restrict(d, conflict[:3]))
    # A 3.5 t missile moved lighter to 2.5 t: 4 per flight by payload, 8 >= 7.
    lighter = moved(d, ("mass", "cargo.m.mass"), "mass", Fraction(2_500))
    assert feasible(restrict(lighter, conflict[:4]))
    # 10.5 t payload still takes 3; 12 t takes 4.
    for kg, ok in ((10_500, False), (12_000, True)):
        heavier = moved(d, ("payload", "aircraft.A.payload"), "payload", Fraction(kg))
        assert feasible(restrict(heavier, conflict[:4])) is ok
    # Every flight loaded needs a missile on each flight; with the count dropped, zero flights.
    assert feasible(restrict(d, [("assumption", "loaded"), ("mass", "cargo.m.mass")]))


def test_caps_follow_lower_bounds() -> None:
    # Nothing asks for shells: at most 0 of them; 7 missiles: at most 7 per flight.
    f = finite(restrict(_d(), [("claim", "seven"), ("flights", "g")]))
    assert f["aircraft"]["A"]["limits"] == {"__oracle_cap__m": 7, "__oracle_cap__s": 0}
    assert f["flights"][0]["count"] == {"min": 2, "max": 2}  # exactly 2 stays 2
    # A count range is cut to min + the lower bounds that may select the group.
    d = _d()
    d["flights"][0]["count"] = {"min": 1, "max": 20}
    f = finite(restrict(d, [("claim", "seven"), ("claim", "y"), ("flights", "g")]))
    assert f["flights"][0]["count"] == {"min": 1, "max": 1 + 7 + 2}
    # An open count with no lower bound on any total needs no flight.
    f = finite(restrict(_d(), [("claim", "seven")]))
    assert f["flights"][0]["count"] == {"min": 0, "max": 7}
    f = finite(restrict(_d(), [("mass", "cargo.s.mass")]))
    assert f["flights"][0]["count"] == {"min": 0, "max": 0}


@pytest.mark.parametrize("first_seed", range(0, 120, 40))
def test_capped_feasibility_matches_plain_enumeration(first_seed: int) -> None:
    """Nothing dropped: :func:`feasible` must agree with :func:`brute_force` on every context."""
    for seed in range(first_seed, first_seed + 40):
        d = random_scenario(seed)
        o = brute_force(d)
        base = [k for k in statement_keys(d) if k[0] != "claim"]
        claims = [k for k in statement_keys(d) if k[0] == "claim"]
        assert feasible(restrict(d, base)) == o.base_feasible, seed
        assert feasible(restrict(d, base + claims)) == o.all_claims_feasible, seed
        for key, verdict in zip(claims, o.claims, strict=True):
            assert feasible(restrict(d, [*base, key])) == (verdict.verdict != "inconsistent"), (
                seed,
                key,
            )


def test_a_looser_cap_never_changes_an_answer() -> None:
    rng = random.Random(5)
    answers = []
    for seed in range(70):
        d = random_scenario(seed)
        keys = list(statement_keys(d))
        for _ in range(3):
            keep = [k for k in keys if rng.random() < 0.6]
            r = restrict(d, keep)
            try:
                answer = feasible(r, cap=30_000)
                assert answer == feasible(r, cap=30_000, slack=2), (seed, keep)
            except TooBig:
                continue
            assert reachable(r) == answer, (seed, keep)
            answers.append(answer)
    assert len(answers) >= 150 and answers.count(False) >= 25


def test_reachable_totals_agree_with_enumeration_where_enumeration_is_too_big() -> None:
    """Open and large counts: the closure must agree with the capped enumeration."""
    # One group of A (4 t, 3 slots) with an open count; m weighs 2 t and takes a slot.
    d: dict[str, Any] = {
        "title": "open",
        "airfields": {"O": {}, "X": {}, "Y": {}},
        "aircraft": {"A": {"payload": "4 t", "limits": {"slots": 3}}},
        "cargo": {"m": {"kind": "missile", "mass": "2 t", "uses": {"slots": 1}}},
        "flights": [
            {"id": "g", "aircraft": "A", "count": {"min": 1}, "from": "O", "to": ["X", "Y"]}
        ],
        "assumptions": [
            {"id": "x", "total": "missile", "to": "X", "at_least": 9},
            {"id": "y", "total": "flights", "to": "Y", "between": [2, 3]},
        ],
    }
    assert reachable(d)  # 5 flights of 2 to X, 2 empty flights to Y
    d["assumptions"].append({"id": "few", "total": "flights", "at_most": 6})
    assert not reachable(d)  # 9 missiles need 5 flights to X, plus 2 to Y: 7 > 6
    d["assumptions"][-1]["at_most"] = 7
    assert reachable(d)
    # Each flight to Y loaded with 2: the Y flights add 4..6 missiles, not counted by "x".
    d["assumptions"].append(
        {"id": "each", "total": "missile", "to": "Y", "per_flight": True, "equals": 2}
    )
    d["assumptions"].append({"id": "odd", "total": "missile", "equals": 15})
    assert not reachable(d)  # 10 to X (5 flights) + 4 to Y = 14, or more flights: too many
    d["assumptions"][-1]["equals"] = 14
    assert reachable(d)
    compared = []
    for seed in range(0, 60):
        r = random_scenario(seed)
        r["flights"] = [
            {
                **g,
                "count": {"min": g["count"] if isinstance(g["count"], int) else g["count"]["min"]},
            }
            for g in r["flights"]
        ]
        r["claims"] = []
        try:
            answer = feasible(r, cap=30_000)
        except TooBig:
            continue
        assert reachable(r) == answer, seed
        compared.append(answer)
    assert len(compared) >= 30 and compared.count(False) >= 3


def test_conflict_generator_is_deterministic_and_gives_every_context() -> None:
    assert conflict_scenario(11) == conflict_scenario(11)
    contexts: set[str] = set()
    for seed in range(40):
        d = conflict_scenario(seed)
        keys = list(statement_keys(d))
        base = [k for k in keys if k[0] != "claim"]
        claims = [k for k in keys if k[0] == "claim"]
        if not reachable(restrict(d, base)):
            contexts.add("base")
            continue
        possible = [k for k in claims if reachable(restrict(d, [*base, k]))]
        if len(possible) < len(claims):
            contexts.add("claim")
        if not reachable(restrict(d, base + possible)):
            contexts.add("claims")
            # the added claims are each possible alone
            assert all(k in possible for k in claims if k[1].startswith("joint"))
    assert contexts == {"base", "claim", "claims"}
