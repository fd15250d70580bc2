"""Hand-built sweep results for the sweep's HTML page, from plain numpy and the statistics.

No solver and no loader: the draws are numbers, each claim's labels a closed form of them
(84 missiles fit 9 flights when 9 x min(slots, floor(48,000 kg / mass)) >= 84), and the
shares, swings and quantiles come from :mod:`airlift.analysis.sweep_stats`, which has its
own tests. What the page must show is then known without the renderer.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from airlift.analysis.curve import CurvePoint, TippingCurve
from airlift.analysis.sweep_stats import first_order, ks_distance, quantiles, share, tornado
from airlift.analysis.sweeps import BoundSweep, ClaimSweep, SweepResult
from airlift.result import Extent, Feasibility, RangeInput, Robust, StatementRef

N = 400
SLOTS = RangeInput(
    "aircraft.Il-76MD.limits.canister_slots", Fraction(8), Fraction(12), "units", "8", "12", "high"
)
MASS = RangeInput(
    "cargo.48N6-canister.mass", Fraction(2300), Fraction(4500), "kg", "2.3 t", "4.5 t", "low"
)
CURVE = TippingCurve(
    "hajun-84",
    SLOTS.field,
    MASS.field,
    "units",
    "kg",
    "at_most",
    (
        CurvePoint(Fraction(8), None, False),
        CurvePoint(Fraction(10), Fraction(4800), None),
        CurvePoint(Fraction(11), None, True),
    ),
)


def draws(seed: int = 0) -> npt.NDArray[np.float64]:
    """N draws of (slots, mass in kg), on the model's grid (whole units, whole kg)."""
    rng = np.random.default_rng(seed)
    slots = rng.integers(8, 13, N)
    mass = rng.integers(2300, 4501, N)
    return np.column_stack([slots, mass]).astype(np.float64)


def most_missiles(values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """The most missiles 9 flights of 48 t carry in each draw (the closed form)."""
    slots, mass = values[:, 0], values[:, 1]
    return 9 * np.minimum(slots, np.floor(48_000 / mass))


def _claim(
    cid: str,
    says: str,
    label: npt.NDArray[np.int8],
    implied: npt.NDArray[np.int8],
    values: npt.NDArray[np.float64],
    by_corners: bool,
    curve: TippingCurve | None,
    *,
    line: int,
) -> ClaimSweep:
    names = [SLOTS.field, MASS.field]
    possible, certain = share(label), share(implied)
    if by_corners:  # as the sweep gives a share the corners decided: a point, no interval
        point = (possible.share or 0.0,) * 2
        possible = dataclasses.replace(possible, interval=point, bounds=point)
        point = (certain.share or 0.0,) * 2
        certain = dataclasses.replace(certain, interval=point, bounds=point)
    ref = StatementRef(cid, "claim", says, line, "hajun", "Belarusian Hajun")
    return ClaimSweep(
        cid,
        says,
        possible,
        certain,
        Robust(Extent.EVERY, Extent.NONE) if by_corners else None,
        by_corners,
        tuple(tornado(values, label, names)),
        tuple(first_order(values, label)),
        tuple(ks_distance(values, label)),
        curve,
        ref,
    )


def bound(
    label: str, unit: str, least: npt.NDArray[np.float64], most: npt.NDArray[np.float64]
) -> BoundSweep:
    return BoundSweep(label, unit, quantiles(least), quantiles(most), least, most)


def sweep_result(
    title: str = "Hajun's 84 missiles, by hand", file: str | None = "x.yaml"
) -> SweepResult:
    """Two claims: ``hajun-84`` moved by the ranges (with a tipping curve), ``under-200``
    decided by the corners; bounds of missiles (varying), flights (constant) and missiles to
    Millerovo (the same values as missiles in every draw)."""
    values = draws()
    most = most_missiles(values)
    hajun = (most >= 84).astype(np.int8)
    every = np.ones(N, dtype=np.int8)
    none = np.zeros(N, dtype=np.int8)
    first = min(N, 100)
    zeros = np.zeros(first)
    claims = (
        _claim("hajun-84", "at least 84 missiles", hajun, none, values, False, CURVE, line=19),
        _claim("under-200", "fewer than 200 missiles", every, every, values, True, None, line=20),
    )
    return SweepResult(
        title=title,
        file=file,
        samples=N,
        seed=7,
        inputs=(SLOTS, MASS),
        weights=("uniform", "uniform"),
        values=values,
        possible=np.column_stack([hajun, every]).astype(np.int8),
        implied=np.column_stack([none, every]).astype(np.int8),
        claims=claims,
        bounds=(
            bound("missile", "units", zeros, most[:first].copy()),
            bound("missile to Millerovo", "units", zeros, most[:first].copy()),
            bound("flights", "flights", np.full(first, 9.0), np.full(first, 9.0)),
        ),
        evaluated=123,
        base_status=Feasibility.FEASIBLE,
        notes=(),
        settings={"time_limit": 10.0, "seed": 0, "workers": 1},
    )
