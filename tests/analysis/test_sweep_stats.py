"""Sweep statistics against closed forms, published values and brute-force definitions.

Every expected number is derived here by other means than the code under test: Wilson
intervals as roots of their defining quadratic and from Newcombe (1998), exact ends from
the binomial probability they stand for, shares, first-order indices and KS distances of
hand cases from their integrals (derivations in the comments), quantiles from their
definition in exact fractions. Random samples are seeded; statistical checks use bounds
that hold with high probability (99.9% intervals, the DKW inequality) and fixed seeds.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import numpy.typing as npt
import pytest

from airlift.analysis.sweep_stats import (
    first_order,
    ks_critical,
    ks_distance,
    quantiles,
    share,
    tornado,
    wilson,
)

Z95 = 1.959963984540054  # the 97.5% point of the standard normal, from tables
N = 10_000
# The share of (x1, x2) uniform on [0, 1]^2 with x1 * x2 <= 1/4:
# 1/4 + integral from 1/4 to 1 of 1/(4a) da = (1 + ln 4) / 4.
P_PRODUCT = (1 + math.log(4)) / 4


def _uniform(seed: int, n: int = N, d: int = 3) -> npt.NDArray[np.float64]:
    return np.random.default_rng(seed).random((n, d))


def _labels(outcome: npt.NDArray[np.bool_]) -> npt.NDArray[np.int8]:
    return outcome.astype(np.int8)


def _quadratic_roots(k: int, n: int, z: float) -> tuple[float, float]:
    # Wilson's interval is {p : (k/n - p)^2 <= z^2 p (1 - p) / n}; its ends solve
    # (1 + z^2/n) p^2 - (2 k/n + z^2/n) p + (k/n)^2 = 0.
    phat, c = k / n, z * z / n
    a, b, cc = 1 + c, -(2 * phat + c), phat * phat
    root = math.sqrt(b * b - 4 * a * cc)
    return ((-b - root) / (2 * a), (-b + root) / (2 * a))


# --- Wilson ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("k", "n"), [(1, 2), (5, 10), (3, 7), (81, 263), (999, 1000), (1, 10_000)])
def test_wilson_ends_solve_its_quadratic(k: int, n: int) -> None:
    low, high = wilson(k, n)
    want_low, want_high = _quadratic_roots(k, n, Z95)
    assert low == pytest.approx(want_low, abs=1e-12)
    assert high == pytest.approx(want_high, abs=1e-12)


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    # Newcombe, "Two-sided confidence intervals for the single proportion", Stat. Med.
    # 17:857 (1998), table I: the score method without continuity correction, and the
    # exact (Clopper-Pearson) interval for 0/20.
    [
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (1, 29, 0.0061, 0.1718),
        (0, 20, 0.0, 0.1684),
    ],
)
def test_wilson_matches_newcombe(k: int, n: int, low: float, high: float) -> None:
    got = wilson(k, n)
    assert got[0] == pytest.approx(low, abs=5e-5)
    assert got[1] == pytest.approx(high, abs=5e-5)


@pytest.mark.parametrize("n", [1, 2, 10, 37, 10_000])
@pytest.mark.parametrize("confidence", [0.9, 0.95, 0.99])
def test_wilson_at_none_or_all_uses_the_exact_end(n: int, confidence: float) -> None:
    # The exact upper end u after 0 of n is where seeing 0 has probability alpha/2:
    # (1 - u)^n = alpha/2; after n of n the lower end l has l^n = alpha/2.
    half_alpha = (1 - confidence) / 2
    low, high = wilson(0, n, confidence)
    assert low == 0.0
    assert (1 - high) ** n == pytest.approx(half_alpha, rel=1e-9)
    low, high = wilson(n, n, confidence)
    assert high == 1.0
    assert low**n == pytest.approx(half_alpha, rel=1e-9)


def test_wilson_of_no_samples_says_nothing() -> None:
    assert wilson(0, 0) == (0.0, 1.0)


@pytest.mark.parametrize("n", [40, 100, 400])
@pytest.mark.parametrize("p", [0.02, 0.1, 0.3, 0.5, 0.9])
def test_wilson_covers_the_true_share_about_95_percent_of_the_time(n: int, p: float) -> None:
    # Wilson's actual coverage wanders around the nominal 95% with n and p (from 93.6% to
    # 96.6% over this grid, by exact binomial sums); 50,000 draws add about 0.1 points.
    draws = np.random.default_rng([n, round(p * 100)]).binomial(n, p, size=50_000)
    ends = np.array([wilson(k, n) for k in range(n + 1)])
    covers = (ends[:, 0] <= p) & (p <= ends[:, 1])
    assert abs(covers[draws].mean() - 0.95) <= 0.025


@pytest.mark.parametrize(("k", "n", "confidence"), [(-1, 5, 0.95), (6, 5, 0.95), (1, 5, 1.0)])
def test_wilson_refuses_impossible_arguments(k: int, n: int, confidence: float) -> None:
    with pytest.raises(ValueError):
        wilson(k, n, confidence)


# --- shares and unknown samples -------------------------------------------------------------


def test_unknown_samples_count_neither_way() -> None:
    yes, no, unknown = 37, 51, 12
    label = np.array([1] * yes + [0] * no + [-1] * unknown, dtype=np.int8)
    label = np.random.default_rng(3).permutation(label)
    got = share(label)
    n = yes + no + unknown
    assert (got.n, got.yes, got.no, got.unknown, got.decided) == (n, yes, no, unknown, yes + no)
    assert got.share == pytest.approx(yes / (yes + no))
    assert got.bounds == pytest.approx((yes / n, (yes + unknown) / n))
    # The share and its interval are those of the decided samples alone.
    decided = share(label[label != -1])
    assert (got.share, got.interval) == (decided.share, decided.interval)
    # The outer interval holds whatever the unknown samples would have said.
    all_no = share(np.where(label == -1, 0, label))
    all_yes = share(np.where(label == -1, 1, label))
    assert got.bounds_interval == (all_no.interval[0], all_yes.interval[1])
    assert got.bounds_interval[0] < got.interval[0] < got.interval[1] < got.bounds_interval[1]


def test_without_unknown_samples_the_bounds_are_the_share() -> None:
    label = np.array([1, 0, 0, 1, 1], dtype=np.int8)
    got = share(label)
    assert got.share == 0.6
    assert got.bounds == (0.6, 0.6)
    assert got.bounds_interval == got.interval


def test_only_unknown_samples_leave_the_share_open() -> None:
    got = share(np.full(8, -1, dtype=np.int8))
    assert got.share is None
    assert got.interval == (0.0, 1.0)
    assert got.bounds == (0.0, 1.0)
    assert share(np.array([], dtype=np.int8)).bounds == (0.0, 1.0)


def test_labels_other_than_yes_no_unknown_are_refused() -> None:
    with pytest.raises(ValueError):
        share(np.array([1, 2, 0], dtype=np.int8))


# --- hand cases with closed forms -----------------------------------------------------------


def _assert_share_in_interval(label: npt.NDArray[np.int8], p: float) -> None:
    got = share(label, confidence=0.999)
    assert got.interval[0] <= p <= got.interval[1]


def _dkw(label: npt.NDArray[np.int8]) -> float:
    # The DKW inequality: an empirical CDF of n samples is within sqrt(ln(2/delta) / 2n)
    # of the true one everywhere, with probability 1 - delta; a KS distance between two
    # groups is then within the sum of their two bounds of the true distance.
    delta = 1e-3
    sizes = (int(np.count_nonzero(label == 1)), int(np.count_nonzero(label == 0)))
    return sum(math.sqrt(math.log(2 / delta) / (2 * s)) for s in sizes)


def test_sum_at_most_one() -> None:
    # x1 + x2 <= 1: P = 1/2. E[Y | x1 = a] = 1 - a, whose variance is 1/12, over
    # Var Y = 1/4: each first-order index is 1/3. Given yes, x1 has CDF 2a - a^2; given no,
    # a^2; the largest gap, 2a - 2a^2, is 1/2 at a = 1/2.
    x = _uniform(1)
    label = _labels(x[:, 0] + x[:, 1] <= 1)
    _assert_share_in_interval(label, 0.5)
    s1, s2, s3 = first_order(x, label)
    assert s1 == pytest.approx(1 / 3, abs=0.04)
    assert s2 == pytest.approx(1 / 3, abs=0.04)
    assert s3 == pytest.approx(0.0, abs=0.01)
    k1, k2, k3 = ks_distance(x, label)
    assert k1 == pytest.approx(0.5, abs=_dkw(label))
    assert k2 == pytest.approx(0.5, abs=_dkw(label))
    assert k3 == pytest.approx(0.0, abs=_dkw(label))


def test_threshold_on_one_input() -> None:
    # x1 <= 0.3: P = 0.3; x1 decides alone (first-order index 1, x2's 0), and a threshold
    # on x1 separates the verdicts, so its KS distance is exactly 1.
    x = _uniform(2)
    label = _labels(x[:, 0] <= 0.3)
    _assert_share_in_interval(label, 0.3)
    s1, s2, s3 = first_order(x, label)
    assert s1 == pytest.approx(1.0, abs=0.04)
    assert s2 == pytest.approx(0.0, abs=0.01)
    assert s3 == pytest.approx(0.0, abs=0.01)
    k1, k2, _ = ks_distance(x, label)
    assert k1 == 1.0
    assert k2 is not None
    assert k2 <= _dkw(label)


def test_product_at_most_a_quarter() -> None:
    # x1 * x2 <= 1/4: P = (1 + ln 4) / 4. g(a) = E[Y | x1 = a] = min(1, 1/(4a)), so
    # E[g^2] = 1/4 + integral from 1/4 to 1 of 1/(16 a^2) da = 7/16, and each first-order
    # index is (7/16 - P^2) / (P (1 - P)). The KS gap is (G(t) - tP) / (P (1 - P)) with
    # G(t) = integral of g up to t, largest where g(t) = P: t = 1/(4P), gap (ln(1/P)/4)
    # / (P (1 - P)).
    p = P_PRODUCT
    index = (7 / 16 - p * p) / (p * (1 - p))
    gap = math.log(1 / p) / 4 / (p * (1 - p))
    x = _uniform(3)
    label = _labels(x[:, 0] * x[:, 1] <= 0.25)
    _assert_share_in_interval(label, p)
    s1, s2, s3 = first_order(x, label)
    assert s1 == pytest.approx(index, abs=0.04)
    assert s2 == pytest.approx(index, abs=0.04)
    assert s3 == pytest.approx(0.0, abs=0.01)
    k1, k2, k3 = ks_distance(x, label)
    assert k1 == pytest.approx(gap, abs=_dkw(label))
    assert k2 == pytest.approx(gap, abs=_dkw(label))
    assert k3 == pytest.approx(0.0, abs=_dkw(label))


def test_first_order_takes_out_the_noise_of_its_bins() -> None:
    # An outcome that no input drives: without the correction the between-bin variance of
    # 400 samples in 20 bins would give about 19/400 = 0.0475 to every input.
    rng = np.random.default_rng(4)
    x = rng.random((400, 20))
    label = _labels(rng.random(400) < 0.5)
    indices = first_order(x, label)
    assert all(s is not None for s in indices)
    assert float(np.mean([s for s in indices if s is not None])) < 0.02


def test_first_order_gives_a_count_one_bin_per_value() -> None:
    # A whole-number input with 5 values that alone decides: each value is a bin of its own,
    # every bin is pure, and the index is exactly 1.
    rng = np.random.default_rng(5)
    count = rng.integers(18, 23, size=2_000).astype(np.float64)
    x = np.column_stack((count, rng.random(2_000)))
    label = _labels(count <= 20)
    s1, s2 = first_order(x, label)
    assert s1 == 1.0
    assert s2 == pytest.approx(0.0, abs=0.02)


def test_first_order_is_silent_near_none_or_all() -> None:
    x = _uniform(6, n=2_000)
    assert first_order(x, _labels(x[:, 0] <= 0.01)) == [None, None, None]
    assert first_order(x, _labels(x[:, 0] <= 0.995)) == [None, None, None]
    assert all(s is not None for s in first_order(x, _labels(x[:, 0] <= 0.1)))


def test_unknown_samples_are_left_out_of_the_indices() -> None:
    # Marking samples unknown at random leaves the rest a fair sample: the indices are
    # those of the decided samples alone, and no unknown sample is read as no.
    x = _uniform(7, n=4_000)
    label = _labels(x[:, 0] <= 0.5)
    label[np.random.default_rng(8).random(4_000) < 0.3] = -1
    kept = label != -1
    assert first_order(x, label) == first_order(x[kept], label[kept])
    assert ks_distance(x, label) == ks_distance(x[kept], label[kept])
    assert ks_distance(x, label)[0] == 1.0


def test_ks_distance_needs_both_verdicts() -> None:
    x = _uniform(9, n=50)
    assert ks_distance(x, np.ones(50, dtype=np.int8)) == [None, None, None]


def test_ks_critical_is_the_asymptotic_bound() -> None:
    # c(0.05) = sqrt(-ln(0.025) / 2) = 1.358, the familiar table value.
    assert ks_critical(100, 100) == pytest.approx(1.358 * math.sqrt(200 / 100**2), abs=1e-3)


# --- tornado --------------------------------------------------------------------------------


def test_tornado_of_an_outcome_driven_by_one_input() -> None:
    # x1 <= 0.3: the lowest tenth of x1 (below about 0.1) is always possible, the highest
    # (above about 0.9) never: a swing of exactly -1. x2 changes nothing: a swing near 0.
    x = _uniform(10, d=2)
    label = _labels(x[:, 0] <= 0.3)
    swings = tornado(x, label, ["x1", "x2"])
    assert [s.name for s in swings] == ["x1", "x2"]
    first, second = swings
    assert (first.low.share, first.high.share, first.swing) == (1.0, 0.0, -1.0)
    assert first.low.n == first.high.n == N // 10
    assert first.low_values is not None and first.high_values is not None
    assert first.low_values[1] <= first.high_values[0]
    # In each tenth of x2 the share is 0.3, each within its interval.
    for end in (second.low, second.high):
        assert end.interval[0] <= 0.3 <= end.interval[1]
    assert second.swing is not None
    assert abs(second.swing) < 0.1


def test_tornado_swing_of_the_sum() -> None:
    # x1 + x2 <= 1: P(yes | x1 <= 0.1) = E[1 - x1 | x1 <= 0.1] = 0.95 and
    # P(yes | x1 >= 0.9) = 0.05, a swing of about -0.9 (the tenths' edges are sample values).
    x = _uniform(11, d=2)
    label = _labels(x[:, 0] + x[:, 1] <= 1)
    for swing in tornado(x, label, ["x1", "x2"]):
        assert swing.low.interval[0] - 0.01 <= 0.95 <= swing.low.interval[1] + 0.01
        assert swing.high.interval[0] - 0.01 <= 0.05 <= swing.high.interval[1] + 0.01


def test_tornado_breaks_ties_by_sample_index_then_name() -> None:
    # A constant input: its lowest tenth is the first tenth of the samples (all yes), its
    # highest the last (all no), a swing of -1. Two copies of it swing alike and are ordered
    # by name. A third input is 1 on samples 0-4 and 0 elsewhere: its lowest tenth is
    # samples 5-14 and its highest 95-99 with 0-4, half yes at both ends: no swing, last
    # although its name sorts first.
    n = 100
    label = _labels(np.arange(n) < 10)
    flat = np.full(n, 7.0)
    step = (np.arange(n) < 5).astype(np.float64)
    x = np.column_stack((flat, flat, step))
    swings = tornado(x, label, ["b", "a", "0"])
    assert [s.name for s in swings] == ["a", "b", "0"]
    assert [s.swing for s in swings] == [-1.0, -1.0, 0.0]
    assert swings[0].low_values == swings[0].high_values == (7.0, 7.0)
    assert (swings[2].low.share, swings[2].high.share) == (0.5, 0.5)
    assert (swings[2].low_values, swings[2].high_values) == ((0.0, 0.0), (0.0, 1.0))


def test_tornado_tenths_of_a_count_are_its_first_samples_by_index() -> None:
    # A count with three values in random order, each far more frequent than a tenth: the
    # lowest tenth is the first 30 samples (by index) at the lowest value, the highest the
    # last 30 at the highest. Yes exactly on the former, so the ends read 1 and 0.
    count = np.random.default_rng(14).integers(0, 3, size=300).astype(np.float64)
    lowest = [i for i in range(300) if count[i] == 0][:30]
    label = np.zeros(300, dtype=np.int8)
    label[lowest] = 1
    (swing,) = tornado(count.reshape(-1, 1), label, ["count"])
    assert (swing.low.share, swing.high.share, swing.swing) == (1.0, 0.0, -1.0)


def test_tornado_leaves_unknown_samples_out_of_each_end() -> None:
    x = np.arange(20, dtype=np.float64).reshape(-1, 1)
    label = np.array([1, -1] + [0] * 16 + [-1, -1], dtype=np.int8)
    (swing,) = tornado(x, label, ["x"])
    assert (swing.low.n, swing.low.yes, swing.low.unknown, swing.low.share) == (2, 1, 1, 1.0)
    assert swing.high.share is None
    assert swing.swing is None


# --- quantiles ------------------------------------------------------------------------------


def _by_definition(values: list[int], p: Fraction) -> int:
    # The smallest sample value whose share of samples at or below it reaches p.
    ordered = sorted(values)
    return next(v for v in ordered if Fraction(sum(w <= v for w in ordered), len(ordered)) >= p)


def test_quantiles_are_sample_values_by_their_definition() -> None:
    rng = np.random.default_rng(12)
    values = rng.integers(0, 300, size=1_001)
    probs = (0.0, 0.05, 0.07, 0.25, 0.5, 0.75, 0.95, 1.0)
    got = quantiles(values, probs)
    assert got.counted == 1_001
    assert got.missing == 0
    assert got.values == tuple(_by_definition(values.tolist(), Fraction(str(p))) for p in probs)
    assert all(type(v) is int for v in got.values)


def test_quantiles_read_probabilities_as_decimals() -> None:
    got = quantiles(np.arange(1, 101), (0.07, 0.29, 0.57))
    assert got.values == (7, 29, 57)


def test_quantiles_leave_out_unknown_bounds() -> None:
    values = np.array([5.0, np.nan, 1.0, np.inf, np.nan, 3.0])
    got = quantiles(values, (0.25, 0.5, 1.0))
    assert (got.counted, got.missing) == (4, 2)
    assert got.values == (1.0, 3.0, math.inf)
    assert all(v in {1.0, 3.0, 5.0, math.inf} for v in quantiles(values).values)
    empty = quantiles(np.array([np.nan, np.nan]))
    assert (empty.values, empty.counted, empty.missing) == ((), 0, 2)


def test_everything_is_the_same_twice() -> None:
    x = _uniform(13, n=3_000)
    label = _labels(x[:, 0] * x[:, 1] <= 0.25)
    label[::17] = -1
    names = ["a", "b", "c"]
    first = (share(label), tornado(x, label, names), first_order(x, label), ks_distance(x, label))
    again = (share(label), tornado(x, label, names), first_order(x, label), ks_distance(x, label))
    assert first == again
