"""The inverse distribution functions of the sampler, against independent computations:
Python's own normal quantile (Wichura's AS241 in ``statistics``), the beta distribution
function of whole shapes as a binomial sum, and numerical integration of the beta density."""

from __future__ import annotations

import math
import statistics

import numpy as np
import pytest

from airlift.analysis.quantiles import (
    beta_cdf,
    beta_quantile,
    normal_cdf,
    normal_quantile,
    triangular_quantile,
)


def test_the_normal_quantile_agrees_with_the_standard_library() -> None:
    p = np.concatenate(
        [np.linspace(0.001, 0.999, 999), [1e-300, 1e-100, 1e-20, 1e-9, 0.02425, 0.97575]]
    )
    z = normal_quantile(p)
    expected = np.array([statistics.NormalDist().inv_cdf(float(x)) for x in p])
    assert np.max(np.abs(z - expected)) < 1e-12
    # far in the upper tail, p itself holds only about 16 digits of 1 - p
    upper = np.array([1 - 1e-9, 1 - 1e-12])
    assert np.allclose(normal_quantile(upper), -normal_quantile(1 - upper), atol=1e-6)


def test_the_normal_quantile_is_finite_at_the_ends_that_rounding_can_reach() -> None:
    z = normal_quantile(np.array([0.0, 1.0]))
    assert np.all(np.isfinite(z)) and z[0] < -37 and z[1] > 8


def test_the_normal_distribution_function_is_erf() -> None:
    z = np.linspace(-8, 8, 33)
    expected = [0.5 * (1 + math.erf(x / math.sqrt(2))) for x in z]
    assert np.allclose(normal_cdf(z), expected, rtol=1e-13, atol=1e-16)


def _binomial_tail(x: float, a: int, b: int) -> float:
    """I_x(a, b) for whole shapes: the chance of at least a successes in a + b - 1 trials."""
    n = a + b - 1
    return sum(math.comb(n, j) * x**j * (1 - x) ** (n - j) for j in range(a, n + 1))


@pytest.mark.parametrize(("a", "b"), [(1, 5), (2, 4), (3, 3), (4, 2), (5, 1), (1, 1), (7, 2)])
def test_the_beta_distribution_function_is_the_binomial_tail_for_whole_shapes(
    a: int, b: int
) -> None:
    x = np.linspace(0, 1, 101)
    expected = [_binomial_tail(float(v), a, b) for v in x]
    assert np.max(np.abs(beta_cdf(x, a, b) - expected)) < 1e-13


def _integrated(x: float, a: float, b: float, steps: int = 200_000) -> float:
    """I_x(a, b) by the midpoint rule on the density: slow, independent, about 1e-7."""
    t = (np.arange(steps) + 0.5) * (x / steps)
    log_norm = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    density = np.exp(log_norm + (a - 1) * np.log(t) + (b - 1) * np.log1p(-t))
    return float(density.sum() * x / steps)


@pytest.mark.parametrize("mode", [0.05, 0.3, 0.62, 0.97])
def test_the_beta_distribution_function_integrates_the_density(mode: float) -> None:
    a, b = 1 + 4 * mode, 1 + 4 * (1 - mode)
    for x in (0.01, 0.2, 0.5, 0.8, 0.99):
        assert beta_cdf(np.array([x]), a, b)[0] == pytest.approx(_integrated(x, a, b), abs=2e-6)


@pytest.mark.parametrize("mode", [0.0, 0.01, 0.25, 0.5, 0.8, 1.0])
def test_the_beta_quantile_inverts_the_distribution_function(mode: float) -> None:
    a, b = 1 + 4 * mode, 1 + 4 * (1 - mode)
    u = np.concatenate([np.random.default_rng(3).random(2000), [1e-15, 1e-6, 0.5, 1 - 1e-9]])
    x = beta_quantile(u, a, b)
    assert np.all((x >= 0) & (x <= 1))
    assert np.max(np.abs(beta_cdf(x, a, b) - u)) < 1e-13
    assert np.all(np.diff(x[np.argsort(u)]) >= 0)  # increasing in u


@pytest.mark.parametrize("mode", [0.0, 0.3, 1.0])
def test_the_triangular_quantile_inverts_its_closed_form(mode: float) -> None:
    u = np.linspace(0.0005, 0.9995, 1000)
    x = triangular_quantile(u, mode)

    def cdf(v: float) -> float:
        return v * v / mode if v < mode else 1 - (1 - v) ** 2 / (1 - mode)

    assert max(abs(cdf(float(v)) - w) for v, w in zip(x, u)) < 1e-12
