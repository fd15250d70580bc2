"""airlift against per-flight models on scenarios of many small items.

``bench/small_items.py`` writes the scenarios the issue "[engine]" measured:
4-6 cargo types of 20-250 kg, each its own kind, hundreds to a flight, a
one-flight group beside larger ones, per-flight minimums, claims on every kind,
names with dots and spaces. Two independent per-flight models answer them:
``bench/per_flight.py`` (CP-SAT, parses units itself) always, and
``bench/milp.py`` (HiGHS through scipy) when scipy is installed (``make bench``
installs it; ``make test`` does not). airlift must give the same base status,
verdicts and proven bounds, and no ``unknown``. The settings are few and small
on purpose: these are the cases airlift used to find slow. The MILP is itself
checked against the brute-force oracle on tiny scenarios of the same shape.
"""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `bench` lives at the repository root, beside `src`
    sys.path.insert(0, str(ROOT))

from airlift.analysis import analyze  # noqa: E402
from airlift.model import SolveOptions  # noqa: E402
from airlift.scenario import scenario_from_dict  # noqa: E402
from bench.per_flight import analysis_answers, answer, differences  # noqa: E402
from bench.small_items import small_items  # noqa: E402
from tests.oracle.brute_force import brute_force  # noqa: E402
from tests.oracle.small_items import SMALL_ITEMS_CAP, small_items_scenario  # noqa: E402

#: (flights, groups, cargo types, destinations, seed): one-flight groups beside larger
#: ones, per-flight minimums and maximums, one to three destinations, 4-6 kinds.
SETTINGS = [(2, 1, 4, 2, 2), (5, 2, 5, 1, 8), (2, 2, 5, 3, 10), (7, 1, 5, 3, 7), (5, 1, 6, 3, 15)]
HAVE_SCIPY = importlib.util.find_spec("scipy") is not None


@functools.cache
def _airlift(settings: tuple[int, ...]) -> dict[str, Any]:
    d = small_items(*settings)
    analysis = analyze(scenario_from_dict(d), SolveOptions(time_limit=20, seed=0), explain=False)
    return analysis_answers(analysis)


def _no_unknown(got: dict[str, Any]) -> None:
    unknown = [c["id"] for c in got["claims"] if c["verdict"] == "unknown"]
    unknown += [
        f"{sense} of {(r['total'], r['to'])}"
        for r in got["bounds"]
        for sense in ("min", "max")
        if not r[f"{sense}_proven"]
    ]
    assert not unknown, f"airlift left these unknown: {unknown}"


@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: "-".join(map(str, s)))
def test_airlift_agrees_with_per_flight_cp_sat(settings: tuple[int, ...]) -> None:
    want = answer(small_items(*settings), workers=1, time_limit=60.0).as_json()
    got = _airlift(settings)
    _no_unknown(got)
    assert differences(want, got, require_proven=True) == []


@pytest.mark.skipif(not HAVE_SCIPY, reason="scipy (the `bench` extra) is not installed")
@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: "-".join(map(str, s)))
def test_airlift_agrees_with_per_flight_milp(settings: tuple[int, ...]) -> None:
    from bench.milp import milp_answers

    want = milp_answers(small_items(*settings), time_limit=60.0).as_json()
    got = _airlift(settings)
    _no_unknown(got)
    assert differences(want, got, require_proven=True) == []


@pytest.mark.skipif(not HAVE_SCIPY, reason="scipy (the `bench` extra) is not installed")
@pytest.mark.parametrize("seed", range(0, 36, 3))
def test_the_milp_agrees_with_brute_force(seed: int) -> None:
    """The MILP reference itself, on the brute-force tests' tiny many-kinds scenarios
    (without their per-flight claims, which the MILP does not model)."""
    from bench.milp import milp_answers

    d = small_items_scenario(seed)
    d["claims"] = [c for c in d["claims"] if not c.get("per_flight")]
    want = brute_force(d, cap=SMALL_ITEMS_CAP)
    got = milp_answers(d).as_json()
    assert got["base_status"] == ("feasible" if want.base_feasible else "infeasible")
    assert [c["verdict"] for c in got["claims"]] == [c.verdict for c in want.claims]
    if want.base_feasible:
        expected = {
            (b.spec[0], tuple(dict(b.spec[1]).get("to", ()))): (b.min, b.max) for b in want.bounds
        }
        found = {(r["total"], tuple(r["to"] or ())): (r["min"], r["max"]) for r in got["bounds"]}
        assert found == expected


def test_the_settings_cover_what_they_claim_to() -> None:
    """One-flight groups, per-flight minimums and maximums, dotted names, 4-6 kinds."""
    scenarios = [small_items(*s) for s in SETTINGS]
    assert {len(d["cargo"]) for d in scenarios} == {4, 5, 6}
    assert any(g["count"] == 1 for d in scenarios for g in d["flights"])
    per_flight = [s for d in scenarios for s in d["assumptions"] if s.get("per_flight")]
    assert any("at_least" in s for s in per_flight) and any("at_most" in s for s in per_flight)
    assert all(any("." in name for name in [*d["aircraft"], *d["cargo"]]) for d in scenarios)
