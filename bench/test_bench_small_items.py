"""Many small items: airlift against a per-flight MILP, side by side, from 6 to 1,000 flights.

The cases (``bench.small_items.CASES``) are the issue "[engine]"'s scenarios:
4-6 cargo types of 20-250 kg, each its own kind, hundreds to a flight, a
one-flight group beside larger ones, per-flight minimums, a claim on every kind.
For each case the MILP (``bench/milp.py``, HiGHS) is benchmarked first, then
airlift's ``analyze`` (no explanation, default options). Every round runs in a
fresh process (``bench.side_by_side.measure``: airlift's in-process memos would
make repeated rounds flatter it); the benchmark rows show those processes' wall
time, start-up included, and ``extra_info`` the time of the call alone, which is
what is compared. airlift's answers must equal the MILP's with nothing
``unknown``, and its call must not take longer than the MILP's.
``python -m bench.side_by_side`` prints the same comparison as a table.
"""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("scipy", reason="the MILP reference needs scipy: pip install -e '.[bench]'")

from bench.side_by_side import Side, disagreements, measure, unsettled
from bench.small_items import CASES

ROUNDS = {"six": 3, "thirty-six": 3, "two-hundred": 1, "thousand": 1}
#: Timer noise allowed before airlift counts as slower than the MILP.
NOISE_S = 0.05
_MILP: dict[str, Side] = {}


class LeftUnknown(AssertionError):
    """airlift left a claim unknown or a bound unproven that the MILP settled."""


class SlowerThanMilp(AssertionError):
    """airlift's answers are right, but took longer than the MILP's."""


def _timed(benchmark: Any, side: str, case: str) -> Side:
    """Benchmark ``side`` on ``case``, one fresh process per round; the best round's answers."""
    runs: list[Side] = []

    def run() -> None:
        runs.append(measure(side, case))

    benchmark.pedantic(run, rounds=ROUNDS[case], iterations=1)
    best = min(runs, key=lambda s: s.seconds)
    benchmark.extra_info.update(flights=CASES[case]["flights"], call_s=round(best.seconds, 3))
    benchmark.extra_info.update(best.info)
    return best


@pytest.mark.parametrize("case", list(CASES))
def test_milp_small_items(benchmark: Any, case: str) -> None:
    """Time the per-flight MILP; its answers must all be proven (it is the reference)."""
    milp = _MILP[case] = _timed(benchmark, "milp", case)
    assert milp.answers["base_status"] == "feasible"
    assert unsettled(milp.answers) == []


#: Known shortfalls of the engine, each tied to its own failure so that it hides no other
#: (``pytest.mark.xfail(strict=True, raises=...)``); none at present.
EXPECTED: dict[str, pytest.MarkDecorator] = {}


@pytest.mark.parametrize(
    "case", [pytest.param(c, marks=[EXPECTED[c]] if c in EXPECTED else []) for c in CASES]
)
def test_airlift_small_items(benchmark: Any, case: str) -> None:
    """Time airlift; the MILP's answers, nothing unknown, and not slower than the MILP."""
    if case not in _MILP:  # run alone (-k): measure the reference first
        _MILP[case] = measure("milp", case, ROUNDS[case])
    milp = _MILP[case]
    mine = _timed(benchmark, "airlift", case)
    benchmark.extra_info["milp_call_s"] = round(milp.seconds, 3)
    # Three failures, told apart so that an expected one cannot hide another:
    # a wrong answer (AssertionError), an unknown one, and a slow one.
    assert disagreements(milp.answers, mine.answers) == []
    if left := unsettled(mine.answers):
        raise LeftUnknown(f"airlift left {len(left)} answers unknown: {left}")
    if mine.seconds > milp.seconds + NOISE_S:
        raise SlowerThanMilp(f"airlift took {mine.seconds:.2f} s, the MILP {milp.seconds:.2f} s")
