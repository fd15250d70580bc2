"""Verdicts and bounds of the engine on cases worked out by hand."""

from __future__ import annotations

from airlift.analysis import analyze
from airlift.analysis.engine import Engine
from airlift.model import SolveOptions
from airlift.result import Feasibility, TotalSpec, Verdict
from airlift.scenario import scenario_from_dict

from .tiny import build

OPTIONS = SolveOptions(time_limit=10, seed=0)


def _bound(analysis, label):  # type: ignore[no-untyped-def]
    return next(b for b in analysis.bounds if b.spec.label == label)


def test_defaults_bound_each_kind_and_flights_in_total_and_by_destination() -> None:
    a = analyze(build(), OPTIONS)
    labels = [b.spec.label for b in a.bounds]
    assert labels == [
        "missile",
        "missile to X",
        "missile to Y",
        "crate",
        "crate to X",
        "crate to Y",
        "flights",
        "flights to X",
        "flights to Y",
    ]
    # 3 flights x 4 slots; 3 flights x 3 crates (9 t of 10 t); flights 2..3.
    assert [(b.min.lo, b.max.hi) for b in a.bounds[:1] + a.bounds[3:4] + a.bounds[6:7]] == [
        (0, 12),
        (0, 9),
        (2, 3),
    ]
    assert all(b.proven for b in a.bounds)


def test_per_flight_minimum_raises_the_total_minimum_and_is_then_implied() -> None:
    every = {"id": "every", "total": "missile", "per_flight": True, "at_least": 1}
    two = {"id": "two", "total": "missile", "per_flight": True, "at_least": 2}
    a = analyze(build(assumptions=[every], claims=[dict(every, id="again"), two]), OPTIONS)
    assert _bound(a, "missile").min.lo == 2  # two flights, one missile each
    again, two_each = a.claims
    assert again.verdict is Verdict.IMPLIED and again.settled
    assert two_each.verdict is Verdict.CONSISTENT and two_each.settled
    # The allocation where "two each" fails has a flight with a single missile.
    assert two_each.fails is not None
    assert any(dict(r.load).get("m") == 1 for r in two_each.fails.rows)


def test_aggregate_verdicts_at_both_ends_of_the_range() -> None:
    claims = [
        {"id": "max", "total": "missile", "at_most": 12},  # every allocation: implied
        {"id": "over", "total": "missile", "at_least": 13},  # slots cap 12: inconsistent
        {"id": "mid", "total": "missile", "between": [5, 7]},  # consistent
        {"id": "many-crates-and-missiles", "total": "crate", "at_least": 7},
    ]
    a = analyze(build(claims=claims), OPTIONS)
    verdicts = {c.ref.id: c.verdict for c in a.claims}
    assert verdicts == {
        "max": Verdict.IMPLIED,
        "over": Verdict.INCONSISTENT,
        "mid": Verdict.CONSISTENT,
        "many-crates-and-missiles": Verdict.CONSISTENT,
    }
    assert a.status is Feasibility.INFEASIBLE  # "over" cannot hold
    assert a.example is None


def test_claims_possible_alone_can_be_impossible_together() -> None:
    # 9 crates need 3 flights at 9 t each, leaving room for no missile (2 t).
    claims = [
        {"id": "crates", "total": "crate", "at_least": 9},
        {"id": "missiles", "total": "missile", "at_least": 1},
    ]
    a = analyze(build(claims=claims), OPTIONS)
    assert [c.verdict for c in a.claims] == [Verdict.CONSISTENT, Verdict.CONSISTENT]
    assert a.status is Feasibility.INFEASIBLE


def test_an_inconsistent_base_makes_every_claim_inconsistent_and_bounds_empty() -> None:
    impossible = {"id": "too-many", "total": "flights", "at_least": 4}  # at most 3 fly
    a = analyze(
        build(assumptions=[impossible], claims=[{"id": "c", "total": "missile", "at_least": 0}]),
        OPTIONS,
    )
    assert a.base_status is Feasibility.INFEASIBLE and a.status is Feasibility.INFEASIBLE
    assert a.claims[0].verdict is Verdict.INCONSISTENT
    assert all(b.min.lo is None and b.max.hi is None for b in a.bounds)


def test_open_count_is_unbounded_unless_an_assumption_caps_what_it_adds() -> None:
    open_group = [{"id": "g", "aircraft": "A", "count": {"min": 1}, "from": "O", "to": ["X", "Y"]}]
    a = analyze(build(flights=open_group), OPTIONS)
    assert _bound(a, "missile").max.unbounded and _bound(a, "missile").max.hi is None
    assert _bound(a, "flights").min.lo == 1
    # Capping missiles to X leaves Y open; capping all flights bounds everything.
    capped_x = {"id": "cap-x", "total": "missile", "to": "X", "at_most": 5}
    a = analyze(build(flights=open_group, assumptions=[capped_x]), OPTIONS)
    assert _bound(a, "missile to X").max.hi == 5
    assert _bound(a, "missile").max.unbounded
    capped_flights = {"id": "cap", "total": "flights", "at_most": 6}
    a = analyze(build(flights=open_group, assumptions=[capped_flights]), OPTIONS)
    assert _bound(a, "missile").max.hi == 24 and not _bound(a, "missile").max.unbounded


def test_open_count_with_a_cap_on_one_kind_leaves_other_kinds_unbounded() -> None:
    # Every flight must carry a missile, and missiles are capped at 5: so at most
    # 5 flights, whatever else they carry, and crates are bounded too.
    open_group = [{"id": "g", "aircraft": "A", "count": {"min": 1}, "from": "O", "to": "X"}]
    each = {"id": "each", "total": "missile", "per_flight": True, "at_least": 1}
    cap = {"id": "cap", "total": "missile", "at_most": 5}
    a = analyze(build(flights=open_group, assumptions=[each, cap]), OPTIONS)
    crate = _bound(a, "crate")
    assert not crate.max.unbounded and crate.max.hi == 5 * 2  # 2 t missile + 2 crates (6 t)
    # Without the per-flight minimum, empty-of-missile flights can carry crates forever.
    a = analyze(build(flights=open_group, assumptions=[cap]), OPTIONS)
    assert _bound(a, "crate").max.unbounded


def test_imperial_units_are_computed_exactly_without_rounding() -> None:
    # 106,000 lb = 48,080.81 kg; ten items of a tenth of that fit, ten a hair heavier do not.
    tenth = "10,600 lb"
    hair = "10,600.001 lb"
    for mass, most in ((tenth, 10), (hair, 9)):
        s = scenario_from_dict(
            {
                "title": "lb",
                "airfields": {"O": {}, "X": {}},
                "aircraft": {"C-17": {"payload": "106,000 lb"}},
                "cargo": {"item": {"kind": "item", "mass": mass}},
                "flights": [{"id": "g", "aircraft": "C-17", "count": 1, "from": "O", "to": "X"}],
            }
        )
        assert analyze(s, OPTIONS).bounds[0].max.hi == most, mass


def test_model_size_does_not_grow_with_identical_flights() -> None:
    sizes = []
    for count in (5, 5_000):
        s = build(
            flights=[{"id": "g", "aircraft": "A", "count": count, "from": "O", "to": ["X", "Y"]}]
        )
        engine = Engine(s, OPTIONS)
        proto = engine.base_model("missile").model.proto
        sizes.append((len(proto.variables), len(proto.constraints)))
        assert analyze(s, OPTIONS).bounds[0].max.hi == 4 * count
    assert sizes[0] == sizes[1]


def test_same_input_gives_identical_results_and_seeds_do_not_change_answers() -> None:
    claims = [{"id": "mid", "total": "missile", "between": [5, 7]}]
    first = analyze(build(claims=claims), OPTIONS)
    assert analyze(build(claims=claims), OPTIONS) == first
    other = analyze(build(claims=claims), SolveOptions(seed=7))
    assert [c.verdict for c in other.claims] == [c.verdict for c in first.claims]
    assert [(b.min.lo, b.max.hi) for b in other.bounds] == [
        (b.min.lo, b.max.hi) for b in first.bounds
    ]


def test_cut_solves_report_certified_intervals_and_never_infeasible() -> None:
    claims = [
        {"id": "mid", "total": "missile", "between": [5, 7]},
        {"id": "over", "total": "missile", "at_least": 13},
    ]
    truth = analyze(build(claims=claims), OPTIONS)
    for params in (
        {"stop_after_first_solution": True, "cp_model_presolve": False},
        {"max_number_of_conflicts": 0, "cp_model_presolve": False},
    ):
        cut = analyze(build(claims=claims), SolveOptions(params=params))
        for exact, bound in zip(truth.bounds, cut.bounds, strict=True):
            for e, c in ((exact.min, bound.min), (exact.max, bound.max)):
                assert c.lo is None or c.lo <= e.lo, (params, bound.spec.label)
                assert c.hi is None or e.hi <= c.hi, (params, bound.spec.label)
                if not c.proven:
                    assert c.lo != c.hi or c.lo is None
        for exact_claim, claim in zip(truth.claims, cut.claims, strict=True):
            assert claim.verdict in (exact_claim.verdict, Verdict.UNKNOWN) or (
                claim.verdict is Verdict.CONSISTENT
                and not claim.settled
                and exact_claim.verdict is Verdict.IMPLIED
            )


def test_every_total_of_a_witness_is_what_the_bound_says() -> None:
    from airlift.analysis.verify import total_value

    a = analyze(build(), OPTIONS)
    s = build()
    for b in a.bounds:
        for extreme in (b.min, b.max):
            assert extreme.witness is not None
            assert total_value(s, extreme.witness, b.spec) == extreme.witness_value


def test_flights_total_spec_counts_flights() -> None:
    a = analyze(build(estimate=[{"total": "flights", "to": "X"}]), OPTIONS)
    assert a.bounds[0].spec == TotalSpec("flights", to=("X",))
    assert (a.bounds[0].min.lo, a.bounds[0].max.hi) == (0, 3)


def test_a_model_too_large_to_build_leaves_answers_unknown_not_wrong(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import airlift.model.compile as compile_module
    from airlift.model.patterns import load_boxes

    claims = [{"id": "mid", "total": "missile", "between": [5, 7]}]

    def tiny_budget(spec, limit=0):  # type: ignore[no-untyped-def]
        return load_boxes(spec, limit=0)

    monkeypatch.setattr(compile_module, "load_boxes", tiny_budget)
    monkeypatch.setattr(compile_module, "EXPLICIT_MAX_FLIGHTS", 0)  # no lane may fall back
    monkeypatch.setattr(compile_module, "MAX_SLOT_VARIABLES", -1)  # nor to load slots
    a = analyze(build(claims=claims), OPTIONS)
    assert a.base_status is Feasibility.UNKNOWN
    assert a.claims[0].verdict is Verdict.UNKNOWN
    assert all(not b.proven for b in a.bounds)
    assert any("too large" in note and "A (flights g)" in note for note in a.notes)


def test_lanes_of_few_flights_answer_exactly_where_boxes_give_up(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import airlift.model.compile as compile_module
    from airlift.model.patterns import load_boxes

    claims = [{"id": "mid", "total": "missile", "between": [5, 7]}]
    expected = analyze(build(claims=claims), OPTIONS)
    monkeypatch.setattr(compile_module, "load_boxes", lambda spec, limit=0: load_boxes(spec, 0))
    a = analyze(build(claims=claims), OPTIONS)
    assert a.base_status is Feasibility.FEASIBLE and not a.notes
    assert [(c.verdict, c.settled) for c in a.claims] == [
        (c.verdict, c.settled) for c in expected.claims
    ]
    assert [(b.min.lo, b.max.hi, b.proven) for b in a.bounds] == [
        (b.min.lo, b.max.hi, b.proven) for b in expected.bounds
    ]


def test_claim_reasons_quote_the_range_of_their_total() -> None:
    claims = [
        {"id": "max", "total": "missile", "at_most": 12},
        {"id": "over", "total": "missile", "at_least": 13},
        {"id": "mid", "total": "missile", "to": "X", "between": [5, 7]},
        {"id": "pf", "total": "missile", "per_flight": True, "at_least": 1},
    ]
    a = analyze(build(claims=claims), OPTIONS)
    implied, over, mid, per_flight = a.claims
    assert [c.range.outer if c.range else None for c in a.claims] == [
        (0, 12),
        (0, 12),
        (0, 12),
        None,
    ]
    # every number says what it counts: units of cargo here
    assert "missile in all ranges from 0 to 12 units," in implied.reason
    assert implied.reason.endswith("always at most 12 units")
    assert over.reason.startswith("impossible") and over.reason.endswith("never at least 13 units")
    assert "missile to X ranges from 0 to 12 units;" in mid.reason
    assert mid.reason.endswith("the claim says between 5 and 7 units")
    assert per_flight.verdict is Verdict.CONSISTENT and "ranges" not in per_flight.reason
