"""Statistics of a Monte Carlo sweep: shares with intervals, quantiles, what drives a verdict.

`airlift sweep` draws N samples of the uncertain inputs and decides every claim in each
sample. What it reports of those decisions is computed here from plain numpy arrays:

- the share of samples in which a claim is possible (or implied), with its Wilson interval.
  A sample cut by a time limit is unknown and counts neither way, so the share also comes
  as bounds that hold whatever the unknown samples would have said;
- quantiles of an estimate's bounds that are sample values, never interpolations;
- which inputs drive a verdict, from the same samples and with no extra solves: a tornado
  swing per input, given-data first-order (main-effect) Sobol indices, and the
  Kolmogorov–Smirnov distance of regional sensitivity analysis.

A claim's labels are an int8 array with one entry per sample: 1 (yes: possible, or implied),
0 (no) or -1 (unknown). The samples are an (N, d) array, one column per uncertain input in
its base unit. Nothing here draws random numbers, and every sum that decides a result is
taken over whole counts in exact fractions, so the same labels give the same numbers on any
machine and with any number of jobs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from statistics import NormalDist

import numpy as np
import numpy.typing as npt

__all__ = [
    "DEFAULT_PROBS",
    "NO",
    "UNKNOWN",
    "YES",
    "Quantiles",
    "Share",
    "Swing",
    "first_order",
    "ks_critical",
    "ks_distance",
    "quantiles",
    "share",
    "tornado",
    "wilson",
]

YES = 1  #: the claim is possible (or implied) in this sample
NO = 0  #: it is not
UNKNOWN = -1  #: the solver was cut short; the sample counts neither way

DEFAULT_PROBS = (0.05, 0.25, 0.5, 0.75, 0.95)


@dataclass(frozen=True)
class Share:
    """How many samples said yes, no or nothing, and what that says of the share of yes.

    The same type serves "possible" and "implied": ``yes`` counts the label 1 of
    whichever question the labels answer. ``share`` and ``interval`` are over the decided
    samples (yes + no); ``bounds`` and ``bounds_interval`` are over all ``n`` samples and
    hold whatever the unknown ones would have said: the low end counts them as no, the
    high end as yes. With no unknown sample the two agree.
    """

    n: int  #: samples
    yes: int  #: samples labelled 1
    no: int  #: samples labelled 0
    unknown: int  #: samples labelled -1 (cut by a time limit)
    share: float | None  #: yes / (yes + no); None when no sample was decided
    interval: tuple[float, float]  #: Wilson interval of ``share`` at ``confidence``
    bounds: tuple[float, float]  #: (yes / n, (yes + unknown) / n); (0, 1) when n == 0
    bounds_interval: tuple[float, float]  #: Wilson(yes, n) low end, Wilson(yes+unknown, n) high
    confidence: float  #: of both intervals, e.g. 0.95

    @property
    def decided(self) -> int:
        """Samples labelled yes or no."""
        return self.yes + self.no


@dataclass(frozen=True)
class Quantiles:
    """Quantiles of one estimate's bound over the samples, each a value some sample had.

    ``values[i]`` is the quantile at ``probs[i]``: the smallest sample value whose share
    of samples at or below it reaches ``probs[i]`` (numpy's ``inverted_cdf``). Integer
    input gives Python ints; an infinite value (unbounded) is a value like any other.
    ``values`` is empty when no sample had a value.
    """

    probs: tuple[float, ...]
    values: tuple[float, ...]
    counted: int  #: samples with a value
    missing: int  #: samples without one (NaN: the bound was not settled)


@dataclass(frozen=True)
class Swing:
    """One bar of a tornado chart: the share of yes with an input at its low vs high end.

    ``low`` holds the samples in the lowest tenth of this input, ``high`` those in the
    highest tenth (by value, ties by sample index); ``low_values`` and ``high_values``
    are the smallest and largest input value in each (None when there are no samples).
    ``swing`` is ``high.share - low.share``: positive when raising the input helps.
    """

    name: str
    low: Share
    high: Share
    low_values: tuple[float, float] | None
    high_values: tuple[float, float] | None
    swing: float | None  #: None when either end has no decided sample


def wilson(k: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """The Wilson score interval of the share ``k / n`` at ``confidence``.

    Wilson's interval keeps close to its nominal coverage even for shares near 0 or 1,
    where the textbook ``p ± z·sqrt(p(1-p)/n)`` collapses. At ``k == 0`` or ``k == n``
    the exact (Clopper–Pearson) interval is used instead, whose open end has the closed
    form ``1 - (alpha/2)^(1/n)`` (or its mirror). ``n == 0`` says nothing: (0, 1).
    """
    _check_count(k, n)
    alpha = _alpha(confidence)
    if n == 0:
        return (0.0, 1.0)
    if k == 0:
        return (0.0, 1.0 - (alpha / 2) ** (1 / n))
    if k == n:
        return ((alpha / 2) ** (1 / n), 1.0)
    z = NormalDist().inv_cdf(1 - alpha / 2)
    z2 = z * z
    centre = (k + z2 / 2) / (n + z2)
    half = z / (n + z2) * math.sqrt(k * (n - k) / n + z2 / 4)
    return (max(0.0, centre - half), min(1.0, centre + half))


def share(label: npt.ArrayLike, confidence: float = 0.95) -> Share:
    """Counts of one claim's labels (1, 0, -1) and the share of yes, with its intervals."""
    y = _labels(label)
    n = int(y.size)
    yes = int(np.count_nonzero(y == YES))
    no = int(np.count_nonzero(y == NO))
    unknown = n - yes - no
    decided = yes + no
    bounds = (yes / n, (yes + unknown) / n) if n else (0.0, 1.0)
    return Share(
        n=n,
        yes=yes,
        no=no,
        unknown=unknown,
        share=yes / decided if decided else None,
        interval=wilson(yes, decided, confidence),
        bounds=bounds,
        bounds_interval=(
            wilson(yes, n, confidence)[0],
            wilson(yes + unknown, n, confidence)[1],
        ),
        confidence=confidence,
    )


def quantiles(values: npt.ArrayLike, probs: Sequence[float] = DEFAULT_PROBS) -> Quantiles:
    """Quantiles of ``values`` (one per sample; NaN where unknown) that are sample values.

    A quantile never interpolates between samples, so a bound in whole missiles stays
    whole and nothing depends on floating-point blending. ``probs`` are read as the
    decimals they print as (0.07 of 100 samples is the 7th smallest, where numpy's
    ``inverted_cdf`` on the float 0.07 gives the 8th).
    """
    a = np.asarray(values)
    if a.ndim != 1:
        raise ValueError(f"quantiles: values must be one-dimensional, not shape {a.shape}")
    if a.dtype.kind == "f":
        unknown = np.isnan(a)
        kept = a[~unknown]
        missing = int(np.count_nonzero(unknown))
    elif a.dtype.kind in "iu":
        kept, missing = a, 0
    else:
        raise ValueError(f"quantiles: values must be numbers, not {a.dtype}")
    ordered = np.sort(kept, kind="stable")
    count = int(ordered.size)
    ranks = []
    for p in probs:
        if not 0 <= p <= 1:
            raise ValueError(f"quantiles: probability {p} is outside [0, 1]")
        ranks.append(max(1, math.ceil(count * Fraction(str(float(p))))))
    picked = tuple(ordered[r - 1].item() for r in ranks) if count else ()
    return Quantiles(tuple(float(p) for p in probs), picked, count, missing)


def tornado(
    x: npt.ArrayLike,
    label: npt.ArrayLike,
    names: Sequence[str],
    fraction: float = 0.1,
    confidence: float = 0.95,
) -> list[Swing]:
    """Per input, the share of yes in its lowest vs highest tenth of samples, biggest swing first.

    This is the standard one-way (tornado) chart, read off the samples already decided:
    no extra solves. Each input's tenths are taken over all N samples (sorted by value,
    ties by sample index), then unknown labels are left out of each end's share, and each
    end keeps its counts and Wilson interval. Sorted by the size of the swing, largest
    first, then by name; inputs whose swing is unknown come last.
    """
    xs, y = _samples(x, label)
    if len(names) != xs.shape[1]:
        raise ValueError(f"tornado: {len(names)} names for {xs.shape[1]} inputs")
    if not 0 < fraction <= 0.5:
        raise ValueError(f"tornado: fraction {fraction} is outside (0, 0.5]")
    n = int(y.size)
    m = max(1, math.floor(n * Fraction(str(float(fraction))))) if n else 0
    swings = []
    for j, name in enumerate(names):
        order = np.argsort(xs[:, j], kind="stable")
        low_idx, high_idx = order[:m], order[n - m :]
        low, high = share(y[low_idx], confidence), share(y[high_idx], confidence)
        swing = None
        if low.decided and high.decided:
            swing = float(Fraction(high.yes, high.decided) - Fraction(low.yes, low.decided))
        swings.append(Swing(name, low, high, _span(xs[low_idx, j]), _span(xs[high_idx, j]), swing))
    return sorted(
        swings,
        key=lambda s: (s.swing is None, -abs(s.swing) if s.swing is not None else 0.0, s.name),
    )


def first_order(
    x: npt.ArrayLike, label: npt.ArrayLike, margin: float = 0.02, max_bins: int = 50
) -> list[float | None]:
    """Given-data first-order Sobol index of the yes/no outcome for each input (None: noise).

    The first-order (main-effect) index of an input is the share of the outcome's
    variance that its conditional mean over that input explains: 1 when the input alone
    decides the verdict, 0 when it changes nothing on average. It is estimated from the
    plain Monte Carlo samples already decided (no special design, no extra solves):
    unknown labels are left out, the input's samples are split into M equiprobable bins
    by rank (M = floor(sqrt(n)), at most ``max_bins``; an input with at most M distinct
    values gets one bin per value), and

        S = (SSB - (M - 1) * SSW / (n - M)) / SST,

    the between-bin sum of squares less what the within-bin noise adds to it (the usual
    ANOVA correction), over the total, clipped to [0, 1]. Near a share of 0 or 1 the
    indices are noise, so all are None when the share of yes is within ``margin`` of
    either end (or fewer than 4 samples are decided).
    """
    xs, y = _samples(x, label)
    decided = y != UNKNOWN
    xs, y = xs[decided], y[decided]
    n = int(y.size)
    yes = int(np.count_nonzero(y == YES))
    bins = min(max_bins, math.isqrt(n))
    edge = Fraction(str(float(margin)))
    if bins < 2 or not edge < Fraction(yes, n) < 1 - edge:
        return [None] * xs.shape[1]
    hit = y == YES
    total = Fraction(yes * (n - yes), n)
    out: list[float | None] = []
    for j in range(xs.shape[1]):
        column = xs[:, j]
        distinct, inverse = np.unique(column, return_inverse=True)
        if distinct.size <= bins:
            where, groups = inverse.reshape(-1), int(distinct.size)
        else:
            where = np.empty(n, dtype=np.int64)
            where[np.argsort(column, kind="stable")] = np.arange(n, dtype=np.int64) * bins // n
            groups = bins
        sizes = np.bincount(where, minlength=groups).tolist()
        hits = np.bincount(where[hit], minlength=groups).tolist()
        explained = sum(
            (Fraction(h * h, s) for h, s in zip(hits, sizes, strict=True) if s), Fraction(0)
        )
        between = explained - Fraction(yes * yes, n)
        within = yes - explained
        index = (between - (groups - 1) * within / (n - groups)) / total
        out.append(float(min(Fraction(1), max(Fraction(0), index))))
    return out


def ks_distance(x: npt.ArrayLike, label: npt.ArrayLike) -> list[float | None]:
    """Per input, the Kolmogorov–Smirnov distance between its yes and its no samples.

    Regional sensitivity analysis (Monte Carlo filtering, Hornberger & Spear 1981): the
    samples are split by verdict, and an input matters where its values in the two sets
    are distributed differently. The distance is the largest gap between the two
    empirical distribution functions: 0 when the input tells nothing, 1 when a threshold
    on it separates the verdicts. Unknown labels are left out; None for every input when
    either set is empty. Compare with :func:`ks_critical` for what noise alone gives.
    """
    xs, y = _samples(x, label)
    yes_x, no_x = xs[y == YES], xs[y == NO]
    n_yes, n_no = int(yes_x.shape[0]), int(no_x.shape[0])
    if not n_yes or not n_no:
        return [None] * xs.shape[1]
    out: list[float | None] = []
    for j in range(xs.shape[1]):
        a, b = np.sort(yes_x[:, j]), np.sort(no_x[:, j])
        grid = np.concatenate((a, b))
        below_a = np.searchsorted(a, grid, side="right").astype(np.int64)
        below_b = np.searchsorted(b, grid, side="right").astype(np.int64)
        gap = int(np.max(np.abs(below_a * n_no - below_b * n_yes)))
        out.append(float(Fraction(gap, n_yes * n_no)))
    return out


def ks_critical(n_yes: int, n_no: int, confidence: float = 0.95) -> float:
    """The KS distance that noise alone exceeds with chance 1 - ``confidence`` (large samples).

    The asymptotic two-sample bound ``sqrt(-ln(alpha/2) / 2 * (n + m) / (n m))``: a
    :func:`ks_distance` below it does not show that the input matters.
    """
    if n_yes <= 0 or n_no <= 0:
        raise ValueError(f"ks_critical: sample counts must be positive, not {n_yes}, {n_no}")
    alpha = _alpha(confidence)
    return math.sqrt(-math.log(alpha / 2) / 2 * (n_yes + n_no) / (n_yes * n_no))


def _span(values: npt.NDArray[np.generic]) -> tuple[float, float] | None:
    """The smallest and largest of ``values``, or None when there are none."""
    if not values.size:
        return None
    return (values.min().item(), values.max().item())


def _alpha(confidence: float) -> float:
    """One minus ``confidence``, which must lie strictly between 0 and 1."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence {confidence} is outside (0, 1)")
    return 1 - confidence


def _check_count(k: int, n: int) -> None:
    """Refuse a count of yes outside [0, n]."""
    if not 0 <= k <= n:
        raise ValueError(f"wilson: need 0 <= k <= n, not k={k}, n={n}")


def _labels(label: npt.ArrayLike) -> npt.NDArray[np.int8]:
    """``label`` as a one-dimensional int8 array of 1, 0 and -1 (refused otherwise)."""
    a = np.asarray(label)
    if a.ndim != 1:
        raise ValueError(f"labels must be one-dimensional, not shape {a.shape}")
    if a.size and not np.isin(a, (YES, NO, UNKNOWN)).all():
        raise ValueError("labels must be 1 (yes), 0 (no) or -1 (unknown)")
    return a.astype(np.int8, copy=False)


def _samples(
    x: npt.ArrayLike, label: npt.ArrayLike
) -> tuple[npt.NDArray[np.generic], npt.NDArray[np.int8]]:
    """``x`` as an (N, d) array of finite numbers beside its N labels (refused otherwise)."""
    xs = np.asarray(x)
    y = _labels(label)
    if xs.ndim != 2 or xs.shape[0] != y.size:
        raise ValueError(f"samples must have shape (N, d) with N = {y.size}, not {xs.shape}")
    if xs.dtype.kind not in "fiu" or (xs.dtype.kind == "f" and not np.isfinite(xs).all()):
        raise ValueError("samples must be finite numbers")
    return xs, y
