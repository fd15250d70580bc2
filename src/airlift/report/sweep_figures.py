"""The figures of a sweep's HTML page as plain data (:mod:`airlift.report.figures`).

- :func:`share_figure`: each claim's share of draws in which it is possible and certain, the
  bar its 95% interval, the mark the share itself;
- :func:`tornado_figure`: per open claim, each range's one-way swing (the share among the
  draws in its lowest tenth against its highest tenth), the mark the share over all draws;
- :func:`histogram_figures`: how often each value of an estimate's least and greatest total
  came up over the draws those were computed for (identical ones share a chart);
- :func:`curve_figure`: the two-input tipping curve as a staircase.

Percentages are drawn on a 0-100 axis; every number a reader sees is the report's own text
(:mod:`airlift.report.sweep_blocks`), so chart, table and prose agree.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from airlift.analysis.curve import TippingCurve
from airlift.analysis.sweep_stats import Share, Swing
from airlift.analysis.sweeps import BoundSweep, ClaimSweep, SweepResult
from airlift.report.figures import (
    Bin,
    HistogramFigure,
    Mark,
    RangeFigure,
    Span,
    Step,
    StepsFigure,
)
from airlift.report.sweep_blocks import (
    curve_cell,
    has_drivers,
    pct,
    plain_number,
    quantile_text,
)
from airlift.result import RangeInput

__all__ = [
    "MAX_BINS",
    "curve_figure",
    "histogram_figures",
    "share_figure",
    "tornado_figure",
]

#: A histogram shows each value on its own up to this many values, else about this many bins.
MAX_BINS = 12
#: Bin widths are these times a power of ten.
_NICE = (Fraction(1), Fraction(2), Fraction(5, 2), Fraction(5))


def _draws(n: int) -> str:
    return f"{n:,} draw" + ("" if n == 1 else "s")


# --- shares --------------------------------------------------------------------------------


def _share_span(label: str, s: Share, by_corners: bool) -> Span:
    """A share as a row: the bar its 95% interval (in %), the mark the share itself."""
    if s.share is None:
        return Span(label, None, None, "not decided in any draw", "not decided in any draw")
    lo, hi = s.interval
    exact = by_corners and lo == hi  # no interval: every draw has the corners' verdict
    mark = Mark(100 * s.share, "decided by the corners" if exact else f"share {pct(s.share)}")
    return Span(label, 100 * lo, 100 * hi, pct(lo), pct(hi), marks=(mark,))


def share_figure(r: SweepResult) -> RangeFigure | None:
    """Each claim's possible and certain shares, with their 95% intervals; None without
    claims."""
    if not r.claims:
        return None
    rows = []
    for c in r.claims:
        rows.append(_share_span(f"{c.id}: possible", c.possible, c.by_corners))
        rows.append(_share_span(f"{c.id}: certain", c.implied, c.by_corners))
    return RangeFigure(
        title="Share of draws in which each claim is possible, and certain",
        axis="% of draws",
        rows=tuple(rows),
        description=(
            f"For each claim, over {r.samples:,} draws from the stated ranges: the bar spans "
            "the 95% interval of the share of draws in which it is possible (and, below, "
            "certain), the diamond is the share itself. A statement about the ranges, not "
            "about the world."
        ),
    )


# --- tornado -------------------------------------------------------------------------------


def _end(s: Share, which: str) -> tuple[float | None, str]:
    if s.share is None:
        return None, f"none decided ({which} tenth)"
    return 100 * s.share, f"{pct(s.share)} ({which} tenth)"


def _swing_span(sw: Swing, overall: float) -> Span:
    """A range's swing as a row: between its two tenths' shares, the lower one first."""
    ends = sorted(
        (_end(sw.low, "lowest"), _end(sw.high, "highest")),
        key=lambda e: (e[0] is None, e[0] or 0.0),
    )
    (lo, lo_text), (hi, hi_text) = ends
    mark = Mark(100 * overall, f"all draws {pct(overall)}")
    if lo is None or hi is None:
        return Span(sw.name, None, None, f"{lo_text}; {hi_text}", hi_text)
    return Span(sw.name, lo, hi, lo_text, hi_text, marks=(mark,))


def tornado_figure(c: ClaimSweep) -> RangeFigure | None:
    """What moves one claim: a row per range, largest swing first; None for a claim the
    corners decided or whose share is 0 or 1 (nothing moves it)."""
    if not has_drivers(c) or c.possible.share is None:
        return None
    return RangeFigure(
        title=f"What moves {c.id}",
        axis="% of draws in which it is possible",
        rows=tuple(_swing_span(sw, c.possible.share) for sw in c.tornado),
        description=(
            "For each range, the bar runs between the share of draws in which the claim is "
            "possible among the draws in the range's lowest tenth and among those in its "
            "highest tenth (the words say which is which); the diamond is the share over all "
            "draws. The longest bars move the claim most."
        ),
    )


# --- histograms ----------------------------------------------------------------------------


def _width(raw: Fraction, whole: bool) -> Fraction:
    """The least round bin width (1, 2, 2.5 or 5 times a power of ten) of at least ``raw``;
    a whole number when every value is."""
    power = Fraction(10) ** (math.floor(math.log10(raw)) - 1 if raw > 0 else 0)
    while True:
        for m in _NICE:
            w = m * power
            if w >= raw and (not whole or w.denominator == 1):
                return w
        power *= 10


def _bins(finite: list[Fraction], unit: str) -> tuple[Bin, ...]:
    """Each value on its own when there are few, else round bins from the least to the most."""
    counts = Counter(finite)
    distinct = sorted(counts)
    if len(distinct) <= MAX_BINS:
        gaps = [b - a for a, b in itertools.pairwise(distinct)]
        half = min(gaps) * Fraction(2, 5) if gaps else Fraction(1, 2)
        return tuple(
            Bin(
                float(v - half),
                float(v + half),
                counts[v],
                f"{quantile_text(float(v))} {unit}",
                _draws(counts[v]),
            )
            for v in distinct
        )
    whole = all(v.denominator == 1 for v in distinct)
    width = _width((distinct[-1] - distinct[0]) / MAX_BINS, whole)
    start = math.floor(distinct[0] / width) * width
    per = Counter(math.floor((v - start) / width) for v in finite)
    out = []
    for k in range(max(per) + 1):
        a, b = start + k * width, start + (k + 1) * width
        if whole:
            label = (
                f"{plain_number(a)} {unit}"
                if width == 1
                else (f"{plain_number(a)}-{plain_number(b - 1)} {unit}")
            )
        else:
            label = f"{plain_number(a)} to under {plain_number(b)} {unit}"
        out.append(Bin(float(a), float(b), per[k], label, _draws(per[k])))
    return tuple(out)


def _histogram(names: list[str], unit: str, values: npt.NDArray[np.float64]) -> HistogramFigure:
    finite = [Fraction(float(v)) for v in values if math.isfinite(v)]
    unbounded = int(np.count_nonzero(np.isinf(values)))
    missing = int(np.count_nonzero(np.isnan(values)))
    first = names[0]
    title = f"{first} over the draws"
    if len(names) > 1:
        title = f"{first} and {len(names) - 1} more with the same values, over the draws"
    parts = [
        f"How many of the first {values.size:,} draws gave each value of {first} "
        "(least: the smallest total the draw's values allow; most: the largest), "
        f"in {unit}."
    ]
    if len(names) > 1:
        parts.append("The same values, draw by draw, for " + ", ".join(names[1:]) + ".")
    if unbounded:
        parts.append(f"Not drawn: {_draws(unbounded)} in which nothing caps the total.")
    if missing:
        parts.append(f"Not drawn: {_draws(missing)} in which it was not settled in time.")
    bins = _bins(finite, unit)
    return HistogramFigure(title, unit, bins, " ".join(parts), points=len(set(finite)) <= MAX_BINS)


def histogram_figures(bounds: Sequence[BoundSweep]) -> list[HistogramFigure]:
    """A histogram per estimate's least or greatest total that differs between draws.

    Totals with the same value in every draw, draw by draw (the missiles to each airfield
    often are), share one chart; a total with one value throughout is left to the table.
    """
    groups: dict[tuple[str, bytes], tuple[list[str], npt.NDArray[np.float64]]] = {}
    for b in bounds:
        for end, values in (("least", b.least_values), ("most", b.most_values)):
            finite = values[np.isfinite(values)]
            if np.unique(finite).size < 2:
                continue
            key = (b.unit, np.ascontiguousarray(values, dtype=np.float64).tobytes())
            groups.setdefault(key, ([], values))[0].append(f"{b.label} ({end})")
    return [_histogram(names, unit, values) for (unit, _), (names, values) in groups.items()]


# --- the tipping curve ---------------------------------------------------------------------


def curve_figure(curve: TippingCurve, inputs: Sequence[RangeInput]) -> StepsFigure:
    """The tipping curve as a staircase over the two ranges as the scenario writes them.

    An exact curve's step runs from its point to the next (the last to the range's top); a
    curve with too many steps to list (``exact`` False) is drawn as thin columns at the
    values where it is exact, since nothing is known between them.
    """
    written = {i.field: i for i in inputs}
    a, b = written.get(curve.a), written.get(curve.b)
    ats = [float(p.at) for p in curve.points]
    thresholds = [float(p.threshold) for p in curve.points if p.threshold is not None]
    x0, x1 = (float(a.lo), float(a.hi)) if a else (min(ats), max(ats))
    y0, y1 = (
        (float(b.lo), float(b.hi))
        if b
        else (min(thresholds, default=0.0), max(thresholds, default=1.0))
    )
    span = (x1 - x0) or 1.0
    steps = []
    for k, p in enumerate(curve.points):
        at = float(p.at)
        if curve.exact:
            end = float(curve.points[k + 1].at) if k + 1 < len(curve.points) else x1
            left, right = at, max(end, at + span / 60)
            x_text = f"from {plain_number(p.at)} {curve.a_unit}"
        else:
            gap = span / max(1, 2 * len(curve.points))
            left, right = at - gap / 2, at + gap / 2
            x_text = f"at {plain_number(p.at)} {curve.a_unit}"
        lo: float | None
        hi: float | None
        if p.threshold is not None:
            t = float(p.threshold)
            lo, hi = (y0, t) if curve.direction == "at_most" else (t, y1)
        elif p.everywhere:
            lo, hi = y0, y1
        else:
            lo = hi = None
        steps.append(
            Step(
                left,
                right,
                lo,
                hi,
                x_text,
                curve_cell(curve, p),
                known=p.everywhere is not None or p.threshold is not None,
            )
        )
    reading = (
        "each step holds from its value of the first range up to the next step's"
        if curve.exact
        else "the staircase has too many steps to draw, so each column is exact at its own "
        "value of the first range only"
    )
    return StepsFigure(
        title=f"Where {curve.claim} is possible over two ranges",
        x_axis=f"{curve.a} ({curve.a_unit})",
        y_axis=f"{curve.b} ({curve.b_unit})",
        x_range=(x0, x1),
        y_range=(y0, y1),
        steps=tuple(steps),
        region="possible",
        description=(
            f"The filled region is where {curve.claim} is possible, over {curve.a} "
            f"(across) and {curve.b} (up), within the ranges the scenario writes and with "
            f"the other ranges at their most favourable ends; {reading}. Blank is "
            "impossible; hatched was cut short by the time limit."
        ),
    )
