"""Inverse distribution functions on [0, 1], vectorised with numpy, without scipy.

A sweep turns one uniform number ``u`` per input into a value by the inverse of the input's
distribution function (``u = 0.3`` gives the value 30% of the draws lie below). Each function
here takes an array of ``u`` in (0, 1) and returns where in the range ``[0, 1]`` that
quantile lies, for one shape; :mod:`airlift.analysis.sampling` carries the result onto the
input's range and its grid.

- triangular: closed form;
- PERT: a beta distribution with ``alpha = 1 + 4 c`` and ``beta = 1 + 4 (1 - c)`` for a mode
  at ``c``; its distribution function is the regularised incomplete beta function, computed
  by its continued fraction (Lentz's method) and inverted by Newton steps from a table;
- normal cut to the range: the normal quantile by Acklam's rational approximation (relative
  error below 1.2e-9) refined by one Halley step with :func:`math.erfc`, which leaves it near
  machine precision.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

__all__ = ["beta_cdf", "beta_quantile", "normal_cdf", "normal_quantile", "triangular_quantile"]

Floats = npt.NDArray[np.float64]

# Acklam's coefficients, from "An algorithm for computing the inverse normal cumulative
# distribution function" (P. J. Acklam, 2003).
_A = (
    -3.969683028665376e01,
    2.209460984245205e02,
    -2.759285104469687e02,
    1.383577518672690e02,
    -3.066479806614716e01,
    2.506628277459239e00,
)
_B = (
    -5.447609879822406e01,
    1.615858368580409e02,
    -1.556989798598866e02,
    6.680131188771972e01,
    -1.328068155288572e01,
)
_C = (
    -7.784894002430293e-03,
    -3.223964580411365e-01,
    -2.400758277161838e00,
    -2.549732539343734e00,
    4.374664141464968e00,
    2.938163982698783e00,
)
_D = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00, 3.754408661907416e00)
_P_LOW = 0.02425
#: The least p taken as it is: below it z passes -37 and exp(z**2 / 2) in the refinement would
#: overflow. A sample's p is never near it (its uniforms are at least 2**-54).
_SMALLEST = 1e-300

_erfc = np.frompyfunc(math.erfc, 1, 1)


def normal_cdf(z: Floats) -> Floats:
    """The standard normal distribution function at each ``z``."""
    return np.asarray(0.5 * _erfc(-np.asarray(z, dtype=np.float64) / math.sqrt(2)), np.float64)


def _polynomial(coefficients: tuple[float, ...], x: Floats) -> Floats:
    out = np.full_like(x, coefficients[0])
    for c in coefficients[1:]:
        out = out * x + c
    return out


def normal_quantile(p: Floats) -> Floats:
    """The standard normal quantile at each ``p`` in (0, 1)."""
    # 0 and 1 (which rounding can reach) are kept inside, where z is finite.
    p = np.clip(np.asarray(p, dtype=np.float64), _SMALLEST, 1 - 2.0**-53)
    z = np.empty_like(p)
    low, high = p < _P_LOW, p > 1 - _P_LOW
    mid = ~(low | high)
    q = p[mid] - 0.5
    r = q * q
    z[mid] = _polynomial(_A, r) * q / (_polynomial(_B, r) * r + 1)
    for tail, sign, tail_p in ((low, 1.0, p[low]), (high, -1.0, 1 - p[high])):
        t = np.sqrt(-2 * np.log(tail_p))
        z[tail] = sign * _polynomial(_C, t) / (_polynomial(_D, t) * t + 1)
    # One Halley step on Phi(z) = p, on the upper tail as 1 - Phi(z) = 1 - p (erfc keeps
    # either tail precise, where Phi(z) itself would round to 1).
    upper = p > 0.5
    e = np.where(upper, (1 - p) - normal_cdf(-z), normal_cdf(z) - p)
    step = e * math.sqrt(2 * math.pi) * np.exp(z * z / 2)
    return np.asarray(z - step / (1 + z * step / 2), np.float64)


def triangular_quantile(u: Floats, mode: float) -> Floats:
    """Quantiles of the triangular distribution on [0, 1] with its peak at ``mode``."""
    u = np.asarray(u, dtype=np.float64)
    below = u < mode
    with np.errstate(invalid="ignore"):
        rising = np.sqrt(u * mode)
        falling = 1 - np.sqrt((1 - u) * (1 - mode))
    return np.where(below, rising, falling)


_TINY = 1e-300
_EPSILON = 1e-15
_MOST_TERMS = 300


def _continued_fraction(a: Floats, b: Floats, x: Floats) -> Floats:
    """The continued fraction of the incomplete beta function (Lentz's method), elementwise;
    it converges fast where ``x < (a + 1) / (a + b + 2)``."""
    c = np.ones_like(x)
    d = 1 - (a + b) * x / (a + 1)
    d = 1 / np.where(np.abs(d) < _TINY, _TINY, d)
    h = d.copy()
    for m in range(1, _MOST_TERMS + 1):
        m2 = 2 * m
        for numerator in (
            m * (b - m) * x / ((a - 1 + m2) * (a + m2)),
            -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1 + m2)),
        ):
            d = 1 + numerator * d
            d = 1 / np.where(np.abs(d) < _TINY, _TINY, d)
            c = 1 + numerator / c
            c = np.where(np.abs(c) < _TINY, _TINY, c)
            delta = d * c
            h = h * delta
        if np.all(np.abs(delta - 1) < _EPSILON):
            break
    return h


def beta_cdf(x: Floats, a: float, b: float) -> Floats:
    """The regularised incomplete beta function I_x(a, b) at each ``x`` in [0, 1]."""
    x = np.clip(np.asarray(x, dtype=np.float64), 0.0, 1.0)
    flip = x >= (a + 1) / (a + b + 2)
    aa = np.where(flip, b, a)
    bb = np.where(flip, a, b)
    xx = np.where(flip, 1 - x, x)
    log_norm = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    with np.errstate(divide="ignore"):
        front = np.exp(log_norm + aa * np.log(xx) + bb * np.log1p(-xx))
    part = front * _continued_fraction(aa, bb, xx) / aa
    return np.asarray(np.where(flip, 1 - part, part), np.float64)


def _beta_density(x: Floats, a: float, b: float) -> Floats:
    log_norm = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    with np.errstate(divide="ignore"):
        return np.exp(log_norm + (a - 1) * np.log(x) + (b - 1) * np.log1p(-x))


#: Points of the table that starts the inversion of a beta distribution function.
_TABLE = 513
_NEWTON_STEPS = 2


def beta_quantile(u: Floats, a: float, b: float) -> Floats:
    """Quantiles of the beta distribution with shapes ``a, b >= 1`` at each ``u`` in (0, 1).

    A table of the distribution function brackets each quantile; Newton steps inside the
    bracket refine it (the density is bounded for shapes of at least 1).
    """
    u = np.asarray(u, dtype=np.float64)
    grid = np.linspace(0.0, 1.0, _TABLE)
    table = beta_cdf(grid, a, b)
    right = np.clip(np.searchsorted(table, u, side="right"), 1, _TABLE - 1)
    lo, hi = grid[right - 1], grid[right]
    # Near 0 the function grows like x**a and near 1 it nears 1 like (1 - x)**b: interpolate
    # in those powers, where it is close to a straight line, for a close first guess.
    head = np.interp(u ** (1 / a), table ** (1 / a), grid)
    tail = np.interp((1 - u) ** (1 / b), (1 - table[::-1]) ** (1 / b), grid[::-1])
    x = np.clip(np.where(u < 0.5, head, tail), lo, hi)
    for _ in range(_NEWTON_STEPS):
        density = _beta_density(x, a, b)
        error = beta_cdf(x, a, b) - u
        lo = np.where(error < 0, x, lo)
        hi = np.where(error > 0, x, hi)
        with np.errstate(divide="ignore", invalid="ignore"):
            stepped = x - error / density
        # A step that leaves the bracket halves it instead (bisection), so x stays bracketed.
        inside = np.isfinite(stepped) & (stepped >= lo) & (stepped <= hi)
        x = np.where(inside, stepped, (lo + hi) / 2)
    return x
