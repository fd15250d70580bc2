"""The blocks of `airlift sweep`'s report, shared by its text, Markdown and HTML layouts.

A share is said as a fact about the stated ranges and the chosen weights: "possible in 62.0%
of 10,000 draws from the stated ranges (95% interval 61.0-63.0%): a statement about the
ranges, not about the world". No likelihood words stand in for numbers.

Each section's heading carries a key (:attr:`~airlift.report.blocks.Heading.key`), so that the
HTML page (:mod:`airlift.report.sweep_html`) can put its charts where they belong: the shares
under the claims, a tornado and the tipping curve under each claim's drivers, histograms
under the estimates.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from airlift.analysis.curve import CurvePoint, TippingCurve
from airlift.analysis.sweep_stats import Share
from airlift.analysis.sweeps import BoundSweep, ClaimSweep, SweepResult
from airlift.report.blocks import (
    SECTION_SETTINGS,
    Block,
    Bullets,
    Glyphs,
    Heading,
    Paragraph,
    Table,
    code,
)
from airlift.report.format import settings_lines
from airlift.report.json_explain import exact
from airlift.report.robust_blocks import robust_sentence

__all__ = [
    "CAVEAT",
    "SECTION_ESTIMATES",
    "SECTION_RANGES_DRAWN",
    "SECTION_SHARES",
    "curve_cell",
    "drivers_key",
    "has_drivers",
    "pct",
    "plain_number",
    "quantile_text",
    "share_sentence",
    "sweep_document",
    "sweep_intro",
    "sweep_sections",
    "sweep_settings",
]

#: Keys of the sweep report's sections (see :attr:`~airlift.report.blocks.Heading.key`).
SECTION_RANGES_DRAWN = "ranges-drawn"
SECTION_SHARES = "shares"
SECTION_ESTIMATES = "estimates"


def sweep_settings(r: SweepResult) -> dict[str, object]:
    """What decides a sweep's numbers: the solver's settings (its seed named apart from the
    draws'), the number of draws and their seed. Not ``--jobs`` or a cluster, which change
    nothing."""
    solver = dict(r.settings or {})
    if "seed" in solver:
        solver["solver_seed"] = solver.pop("seed")
    return {**solver, "samples": r.samples, "draw_seed": r.seed}


def drivers_key(n: int) -> str:
    """The key of the section on what moves the ``n``-th claim (from 1)."""
    return f"drivers-{n}"


CAVEAT = (
    "Each share is a statement about the stated ranges and the weights chosen inside them "
    "(uniform unless the file's uncertainty: block says otherwise), not about the world: "
    "other weightings of the same ranges give other shares."
)


def pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def share_sentence(what: str, s: Share, samples: int, exact: bool = False) -> str:
    """``possible in 62.0% of 10,000 draws from the stated ranges (95% interval 61.0-63.0%)``.

    An ``exact`` share (the corners of the ranges decided every draw) has no interval to give:
    ``possible in 100.0% of 10,000 draws from the stated ranges (exact: the corners of the
    ranges decide it)``.
    """
    if s.share is None:
        return f"{what}: not decided in any of the {samples:,} draws (all cut short)"
    lo, hi = s.interval
    said = (
        "exact: the corners of the ranges decide it"
        if exact
        else (f"95% interval {pct(lo)}-{pct(hi)}")
    )
    text = f"{what} in {pct(s.share)} of {samples:,} draws from the stated ranges ({said})"
    if s.unknown:
        a, b = s.bounds
        text += (
            f"; {s.unknown:,} draws were cut short and count as neither, so the share of all "
            f"draws lies between {pct(a)} and {pct(b)}"
        )
    return text


def sweep_document(r: SweepResult, g: Glyphs) -> list[Block]:
    """The whole sweep report as blocks, in the order every layout shows them: the title,
    the file, :func:`sweep_intro`, then :func:`sweep_sections`."""
    out: list[Block] = [Heading(r.title, 1)]
    if r.file:
        out.append(Paragraph(f"File: {r.file}"))
    return out + sweep_intro(r) + sweep_sections(r, g)


def sweep_intro(r: SweepResult) -> list[Block]:
    """What was drawn and decided, and what a share means."""
    return [
        Paragraph(
            f"{r.samples:,} draws of every range (seed {r.seed}), each claim decided exactly in "
            f"each draw; {r.evaluated:,} draws needed the solver, the others were decided by the "
            "corners of the ranges or by a draw that dominates them."
        ),
        Paragraph(CAVEAT),
    ]


def sweep_sections(r: SweepResult, g: Glyphs) -> list[Block]:
    """The report's sections, each opened by a keyed heading."""
    out: list[Block] = []
    out.append(Heading("Ranges drawn", 2, SECTION_RANGES_DRAWN))
    if r.inputs:
        out.append(
            Table(
                headers=("Range", "From", "To", "Weighted"),
                rows=tuple(
                    (code(i.field), i.lo_text, i.hi_text, w)
                    for i, w in zip(r.inputs, r.weights, strict=True)
                ),
                align=("l", "r", "r", "l"),
                wrap=(True, False, False, True),
            )
        )
    else:
        out.append(Paragraph("The scenario writes no ranges: every draw is the same."))
    out.append(Heading("Claims", 2, SECTION_SHARES))
    out.append(
        Table(
            headers=(
                "Claim",
                "Possible in",
                "95% interval",
                "Certain in",
                "95% interval",
                "Unknown",
            ),
            rows=tuple(_claim_row(c, g) for c in r.claims),
            align=("l", "r", "r", "r", "r", "r"),
            wrap=(True, False, False, False, False, False),
        )
    )
    out.append(Bullets(tuple(_claim_line(c, r.samples) for c in r.claims)))
    for n, c in enumerate(r.claims, 1):
        out += _drivers(n, c, r, g)
    if r.bounds:
        out += _bounds_blocks(r.bounds, g)
    if r.notes:
        out += [Heading("Notes", 2), Bullets(tuple(r.notes))]
    out.append(Heading("Settings", 2, SECTION_SETTINGS))
    out.append(Bullets(settings_lines(sweep_settings(r))))
    return out


def _claim_row(c: ClaimSweep, g: Glyphs) -> tuple[str, ...]:
    def cells(s: Share) -> tuple[str, str]:
        if s.share is None:
            return g.none, g.none
        if c.by_corners:
            return pct(s.share), "exact"
        lo, hi = s.interval
        return pct(s.share), f"{pct(lo)} {g.dash} {pct(hi)}"

    return (c.id, *cells(c.possible), *cells(c.implied), f"{c.possible.unknown:,}")


def _claim_line(c: ClaimSweep, samples: int) -> str:
    text = f"{code(c.id)}: " + share_sentence("possible", c.possible, samples, c.by_corners)
    if c.by_corners and c.robust is not None:
        text += f"; {robust_sentence(c.robust)}"
    return text


def has_drivers(c: ClaimSweep) -> bool:
    """Whether anything moves a claim's share: some draws allow it and some do not (the
    corners did not decide it), and there are ranges to move it."""
    s = c.possible.share
    return not (c.by_corners or s is None or s in (0.0, 1.0) or not c.tornado)


def _drivers(n: int, c: ClaimSweep, r: SweepResult, g: Glyphs) -> list[Block]:
    """What moves a claim's share: one-way swings, and the tipping curve (open claims only)."""
    if not has_drivers(c):
        return []
    index = {i.field: k for k, i in enumerate(r.inputs)}
    rows = []
    for sw in c.tornado:
        k = index[sw.name]
        first = c.first_order[k]
        ks = c.ks[k]
        rows.append(
            (
                code(sw.name),
                g.none if sw.low.share is None else pct(sw.low.share),
                g.none if sw.high.share is None else pct(sw.high.share),
                g.none if sw.swing is None else f"{100 * sw.swing:+.1f} pts",
                g.none if first is None else f"{first:.2f}",
                g.none if ks is None else f"{ks:.2f}",
            )
        )
    out: list[Block] = [
        Heading(f"What moves {c.id}", 2, drivers_key(n)),
        Paragraph(
            "Possible share among the draws in the lowest and the highest tenth of each range "
            "(the same draws, no extra solves); the first-order index is the part of the "
            "outcome's variance each range explains alone, and KS the distance between the "
            "range's values in draws where the claim is possible and where it is not."
        ),
        Table(
            headers=("Range", "Lowest tenth", "Highest tenth", "Swing", "First-order", "KS"),
            rows=tuple(rows),
            align=("l", "r", "r", "r", "r", "r"),
            wrap=(True, False, False, False, False, False),
        ),
    ]
    if c.curve is not None:
        out += _curve_blocks(c.curve, g)
    return out


def curve_cell(curve: TippingCurve, p: CurvePoint) -> str:
    """What a point of the tipping curve allows of its second input, in words."""
    if p.threshold is not None:
        bound = "at most" if curve.direction == "at_most" else "at least"
        return f"{bound} {plain_number(p.threshold)} {curve.b_unit}"
    if p.everywhere is True:
        return "any value"
    if p.everywhere is False:
        return "no value"
    return "unknown (cut short)"


def _curve_blocks(curve: TippingCurve, g: Glyphs) -> list[Block]:
    rows = [(f"{plain_number(p.at)} {curve.a_unit}", curve_cell(curve, p)) for p in curve.points]
    if curve.exact:
        reading = (
            "each row starts a step of the exact staircase: from that value of "
            f"{code(curve.a)} up to the next row's, the claim is possible when {code(curve.b)} "
            "is as shown"
        )
    else:
        reading = (
            f"the staircase has too many steps to list, so each row is the exact threshold at "
            f"that value of {code(curve.a)} only"
        )
    return [
        Paragraph(
            f"Tipping curve of {code(curve.claim)} over {code(curve.a)} and {code(curve.b)}, "
            f"the other ranges at their most favourable ends: {reading}."
        ),
        Table(
            headers=(curve.a, curve.b),
            rows=tuple(rows),
            align=("r", "l"),
            wrap=(False, False),
        ),
    ]


def plain_number(x: Any) -> str:
    value = exact(x)
    return f"{value:,}" if isinstance(value, int) else str(value)


def _bounds_blocks(bounds: Sequence[BoundSweep], g: Glyphs) -> list[Block]:
    first = bounds[0].least
    n = first.counted + first.missing
    probs = first.probs
    headers = ("Total", "Unit", *(f"{round(100 * p)}%" for p in probs))
    rows = []
    for b in bounds:
        for name, q in (("least", b.least), ("most", b.most)):
            cells = tuple(quantile_text(v) for v in q.values) or tuple(g.none for _ in probs)
            rows.append((f"{b.label} ({name})", b.unit, *cells))
    return [
        Heading("Estimates across the draws", 2, SECTION_ESTIMATES),
        Paragraph(
            f"Quantiles of each total's least and greatest value over the first {n:,} draws "
            "(a value not proven within the time limit is left out and counted as missing; "
            "inf: unbounded)."
        ),
        Table(
            headers=headers,
            rows=tuple(rows),
            align=("l", "l", *("r" for _ in probs)),
            wrap=(True, False, *(False for _ in probs)),
        ),
    ]


def quantile_text(v: float) -> str:
    """A bound's value over the draws: whole numbers with separators, else 3 decimals."""
    if v == float("inf"):
        return "inf"
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.3f}"
