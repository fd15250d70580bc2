"""The engine's answers against the independent brute-force oracle.

For a few hundred tiny random scenarios (seeded, see
:mod:`tests.oracle.random_scenarios`) the base status, the status of all claims
together, every claim verdict and every bound's min and max must equal what
the oracle finds by enumerating every allocation. Every allocation the engine
returns (claim witnesses, bound witnesses, the example) is re-checked with the
oracle's own checker, which shares no code with airlift. A few hand-written
scenarios with open counts check unbounded maxima.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Mapping
from typing import Any

import pytest

import airlift.analysis
from tests.oracle.brute_force import (
    FILTER_KEYS,
    OracleResult,
    Row,
    Spec,
    brute_force,
    check_allocation,
    statement_holds,
    total_of,
)
from tests.oracle.random_scenarios import random_scenario

# Skip only while the engine's entry point is not written yet; an import that
# fails inside it is an error, not a skip.
if not hasattr(airlift.analysis, "analyze"):
    pytest.skip("airlift.analysis.analyze is not written yet", allow_module_level=True)

from airlift.analysis import analyze
from airlift.model import SolveOptions
from airlift.result import Allocation, Analysis, Bound, Extreme, TotalSpec
from airlift.scenario import scenario_from_dict

OPTIONS = SolveOptions(time_limit=10, seed=0)
SEEDS = range(400)


def _rows(allocation: Allocation) -> list[Row]:
    return [(r.flights, r.to, r.count, dict(r.load)) for r in allocation.rows]


def _spec(spec: TotalSpec) -> tuple[str, tuple[tuple[str, frozenset[str]], ...]]:
    """An engine total as the oracle writes it (names within a filter unordered)."""
    return _oracle_spec(_as_oracle_spec(spec))


def _oracle_spec(spec: Spec) -> tuple[str, tuple[tuple[str, frozenset[str]], ...]]:
    return spec[0], tuple((k, frozenset(names)) for k, names in spec[1])


def _as_oracle_spec(spec: TotalSpec) -> Spec:
    """An engine total in the oracle's form: (total, ((filter, names), ...))."""
    filters = {
        "to": spec.to,
        "from": spec.from_,
        "aircraft": spec.aircraft,
        "flights": spec.flights,
    }
    return spec.total, tuple((k, names) for k in FILTER_KEYS if (names := filters[k]) is not None)


def _check_witness(
    d: Mapping[str, Any], allocation: Allocation | None, what: str, claims: tuple[str, ...] = ()
) -> list[Row]:
    """The witness exists and satisfies the base (and ``claims``) by the oracle's checker."""
    assert allocation is not None, f"{what}: no allocation"
    rows = _rows(allocation)
    problems = check_allocation(d, rows, claims=claims)
    assert problems == [], f"{what}: {problems} in {rows}"
    return rows


def _check_extreme(
    d: Mapping[str, Any], spec: Spec, extreme: Extreme, expected: int | None, what: str
) -> None:
    if expected is None:  # the base is infeasible: no value, no witness
        assert extreme.lo is None and extreme.hi is None and extreme.witness is None, what
        return
    assert not extreme.unbounded, f"{what}: reported unbounded, oracle says {expected}"
    assert (extreme.lo, extreme.hi) == (expected, expected), (
        f"{what}: engine [{extreme.lo}, {extreme.hi}], oracle {expected}"
    )
    rows = _check_witness(d, extreme.witness, what)
    value = total_of(d, rows, spec)
    assert value == extreme.witness_value == expected, (
        f"{what}: witness total {value}, reported {extreme.witness_value}, expected {expected}"
    )


def compare(d: dict[str, Any], a: Analysis, o: OracleResult) -> None:
    """Assert that the engine's analysis of ``d`` agrees with the oracle's, witnesses included."""
    assert a.base_status == ("feasible" if o.base_feasible else "infeasible"), "base status"
    assert a.status == ("feasible" if o.all_claims_feasible else "infeasible"), "joint status"

    assert [c.ref.id for c in a.claims] == [c.id for c in o.claims]
    for got, want in zip(a.claims, o.claims, strict=True):
        what = f"claim {want.id}"
        assert got.verdict == want.verdict, (
            f"{what}: engine {got.verdict}, oracle {want.verdict} ({got.reason})"
        )
        if got.holds is not None:
            rows = _check_witness(d, got.holds, f"{what} holds-witness")
            assert statement_holds(d, rows, want.id), f"{what}: holds-witness where it fails"
        if got.fails is not None:
            rows = _check_witness(d, got.fails, f"{what} fails-witness")
            assert not statement_holds(d, rows, want.id), f"{what}: fails-witness where it holds"
        if want.verdict == "consistent":  # proven by one allocation each way
            assert got.holds is not None and got.fails is not None, f"{what}: missing witness"

    if o.all_claims_feasible:
        _check_witness(d, a.example, "example", claims=tuple(c.id for c in o.claims))
    else:
        assert a.example is None, "an example where the claims cannot hold together"

    # Values first, for the rows the engine reports (so that a disagreement about
    # which rows exist cannot hide one about their values) ...
    engine_specs = [_as_oracle_spec(b.spec) for b in a.bounds]
    if [_oracle_spec(s) for s in engine_specs] == [_oracle_spec(b.spec) for b in o.bounds]:
        values = o.bounds
    else:
        probe = {
            **d,
            "estimate": [{"total": t, **{k: list(v) for k, v in f}} for t, f in engine_specs],
        }
        values = brute_force(probe).bounds
    for got_bound, want_bound in zip(a.bounds, values, strict=True):
        spec = _as_oracle_spec(got_bound.spec)
        label = got_bound.spec.label
        _check_extreme(d, spec, got_bound.min, want_bound.min, f"min of {label}")
        _check_extreme(d, spec, got_bound.max, want_bound.max, f"max of {label}")


def assert_rows_match(a: Analysis, o: OracleResult) -> None:
    """One bound per estimate row after `by: to` expansion, in file order."""
    engine_rows = [_spec(b.spec) for b in a.bounds]
    oracle_rows = [_oracle_spec(b.spec) for b in o.bounds]
    assert engine_rows == oracle_rows, (
        f"estimate rows: engine {[_as_oracle_spec(b.spec) for b in a.bounds]}, "
        f"expected {[b.spec for b in o.bounds]}"
    )


@functools.cache
def _solved(seed: int) -> tuple[dict[str, Any], Analysis, OracleResult]:
    """The scenario of ``seed``, the engine's analysis and the oracle's (computed once)."""
    d = random_scenario(seed)
    return d, analyze(scenario_from_dict(copy.deepcopy(d)), OPTIONS, explain=False), brute_force(d)


@pytest.mark.parametrize("seed", SEEDS)
def test_engine_matches_brute_force(seed: int) -> None:
    d, analysis, expected = _solved(seed)
    compare(d, analysis, expected)


@pytest.mark.parametrize("seed", SEEDS)
def test_estimate_rows_match_brute_force(seed: int) -> None:
    _, analysis, expected = _solved(seed)
    assert_rows_match(analysis, expected)


@pytest.mark.parametrize("seed", SEEDS[::4])
def test_load_slots_match_brute_force(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every lane's loads the solver's, as load slots: the same answers, other witnesses."""
    import airlift.model.compile as compile_module

    for name in ("EXPLICIT_WHEN_BOXES_EXCEED", "EXPLICIT_MAX_FLIGHTS"):
        monkeypatch.setattr(compile_module, name, 0)
    monkeypatch.setattr(compile_module, "LARGE_LANE_BOXES", 0)
    d, _, expected = _solved(seed)
    compare(d, analyze(scenario_from_dict(copy.deepcopy(d)), OPTIONS, explain=False), expected)


# --------------------------------------------------------------------------- estimate rows


def _three_groups(estimate: list[dict[str, Any]]) -> dict[str, Any]:
    """g1 (aircraft A) flies O -> X; g2 (B) flies O -> Y or X; g3 (A) flies O -> Z."""
    return {
        "title": "estimate rows",
        "airfields": {"O": {}, "X": {}, "Y": {}, "Z": {}},
        "aircraft": {"A": {"payload": "4 t"}, "B": {"payload": "4 t"}},
        "cargo": {"m": {"kind": "missile", "mass": "2 t"}},
        "flights": [
            {"id": "g1", "aircraft": "A", "count": 1, "from": "O", "to": "X"},
            {"id": "g2", "aircraft": "B", "count": 1, "from": "O", "to": ["Y", "X"]},
            {"id": "g3", "aircraft": "A", "count": 1, "from": "O", "to": "Z"},
        ],
        "estimate": estimate,
    }


@pytest.mark.parametrize(
    "estimate",
    [
        # A repeated row is shown once.
        [{"total": "m"}, {"total": "m"}],
        # `by: to` gives one row per destination of the groups the row's other
        # filters select: aircraft A flies to X and Z, never to Y.
        [{"total": "missile", "aircraft": "A", "by": "to"}],
        # ... in order of first appearance among those groups: g2 lists Y, then X.
        [{"total": "flights", "flights": "g2", "by": "to"}],
        # ... and a row equal to one of the expansion is not repeated.
        [{"total": "flights"}, {"total": "flights", "by": "to"}, {"total": "flights", "to": "Y"}],
    ],
    ids=["repeated-row", "by-to-with-filter", "by-to-order", "by-to-overlap"],
)
def test_estimate_rows_minimal(estimate: list[dict[str, Any]]) -> None:
    d = _three_groups(estimate)
    expected = brute_force(d)
    analysis = analyze(scenario_from_dict(copy.deepcopy(d)), OPTIONS, explain=False)
    compare(d, analysis, expected)
    assert_rows_match(analysis, expected)


# --------------------------------------------------------------------------- open counts


def _open(count: Any, **extra: Any) -> dict[str, Any]:
    """One Il-76-like group flying from O to X or Y; missiles of 2 t, shells of 1 t."""
    return {
        "title": "open count",
        "airfields": {"O": {}, "X": {}, "Y": {}},
        "aircraft": {"A": {"payload": "4 t", "limits": {"slots": 3}}},
        "cargo": {
            "m": {"kind": "missile", "mass": "2 t", "uses": {"slots": 1}},
            "s": {"kind": "shell", "mass": "1 t"},
        },
        "flights": [
            {"id": "g", "aircraft": "A", "count": count, "from": "O", "to": ["X", "Y"], **extra}
        ],
    }


def _bound_of(a: Analysis, total: str, to: str | None = None) -> Bound:
    matches = [
        b
        for b in a.bounds
        if b.spec.total == total and b.spec.to == (None if to is None else (to,))
    ]
    assert len(matches) == 1
    return matches[0]


def _assert_unbounded(extreme: Extreme, d: Mapping[str, Any], spec: Spec, what: str) -> None:
    assert extreme.unbounded and extreme.hi is None, f"{what}: {extreme}"
    if extreme.witness is not None:  # any witness still satisfies the base
        rows = _check_witness(d, extreme.witness, what)
        assert extreme.witness_value in (None, total_of(d, rows, spec)), what


def test_open_count_leaves_maxima_unbounded() -> None:
    # At least 1 flight, no upper limit: every total that a flight can raise
    # (missiles, shells, flights, to X or Y) has no maximum. Minima: 0 cargo
    # (flights may be empty), 1 flight in total, 0 flights to X (all may go to Y).
    d = _open({"min": 1})
    d["claims"] = [
        {"id": "huge", "total": "missile", "at_least": 100000},  # possible: enough flights
        {"id": "none", "total": "flights", "at_most": 0},  # impossible: at least 1
        {"id": "some", "total": "flights", "at_least": 1},  # implied
    ]
    a = analyze(scenario_from_dict(copy.deepcopy(d)), OPTIONS, explain=False)
    assert [c.verdict for c in a.claims] == ["consistent", "inconsistent", "implied"]
    expected_min = {
        ("missile", None): 0,
        ("missile", "X"): 0,
        ("missile", "Y"): 0,
        ("shell", None): 0,
        ("shell", "X"): 0,
        ("shell", "Y"): 0,
        ("flights", None): 1,
        ("flights", "X"): 0,
        ("flights", "Y"): 0,
    }
    assert {(b.spec.total, b.spec.to[0] if b.spec.to else None) for b in a.bounds} == set(
        expected_min
    )
    for (total, to), low in expected_min.items():
        b = _bound_of(a, total, to)
        spec = _as_oracle_spec(b.spec)
        _check_extreme(d, spec, b.min, low, f"min of {b.spec.label}")
        _assert_unbounded(b.max, d, spec, f"max of {b.spec.label}")


def test_open_count_with_bounded_and_unbounded_totals() -> None:
    # The group carries only shells, so missiles stay at 0 however many fly;
    # an assumption caps flights to X at 2, so shells to X are at most 2 x 4 = 8,
    # while shells to Y and flights in total have no maximum.
    d = _open({"min": 2}, carries=["s"])
    d["assumptions"] = [{"id": "x-cap", "total": "flights", "to": "X", "at_most": 2}]
    d["estimate"] = [{"total": "missile"}, {"total": "shell", "by": "to"}, {"total": "flights"}]
    a = analyze(scenario_from_dict(copy.deepcopy(d)), OPTIONS, explain=False)
    finite = {("missile", None): (0, 0), ("shell", "X"): (0, 8)}
    for (total, to), (low, high) in finite.items():
        b = _bound_of(a, total, to)
        spec = _as_oracle_spec(b.spec)
        _check_extreme(d, spec, b.min, low, f"min of {b.spec.label}")
        _check_extreme(d, spec, b.max, high, f"max of {b.spec.label}")
    for total, to, low in (("shell", "Y", 0), ("flights", None, 2)):
        b = _bound_of(a, total, to)
        spec = _as_oracle_spec(b.spec)
        _check_extreme(d, spec, b.min, low, f"min of {b.spec.label}")
        _assert_unbounded(b.max, d, spec, f"max of {b.spec.label}")


def test_open_count_capped_by_an_assumption_equals_the_bounded_count() -> None:
    # "At most 3 flights" turns {min: 1} into {min: 1, max: 3}: the two scenarios
    # have the same allocations, so the engine on the open one must agree with
    # the oracle on the bounded one (same claims, same rows).
    cap = {"id": "cap", "total": "flights", "at_most": 3}
    claims = [
        {"id": "m7", "total": "missile", "at_least": 7},  # 3 flights x 2 = 6: impossible
        {"id": "m-y", "total": "missile", "to": "Y", "between": [3, 5]},
        {"id": "each", "total": "shell", "per_flight": True, "at_most": 4},
    ]  # implied
    open_d = _open({"min": 1})
    bounded_d = _open({"min": 1, "max": 3})
    for d in (open_d, bounded_d):
        d["assumptions"] = [dict(cap)]
        d["claims"] = copy.deepcopy(claims)
    expected = brute_force(bounded_d)
    assert [c.verdict for c in expected.claims] == ["inconsistent", "consistent", "implied"]
    analysis = analyze(scenario_from_dict(copy.deepcopy(open_d)), OPTIONS, explain=False)
    compare(open_d, analysis, expected)
    assert_rows_match(analysis, expected)
