"""The report of `airlift sweep`: text, Markdown, JSON and CSV, from a :class:`SweepResult`.

A share is said as a fact about the stated ranges and the chosen weights: "possible in 62.0%
of 10,000 draws from the stated ranges (95% interval 61.0-63.0%): a statement about the
ranges, not about the world". No likelihood words stand in for numbers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

import numpy as np

from airlift.analysis.curve import TippingCurve
from airlift.analysis.sweep_stats import Share
from airlift.analysis.sweeps import BoundSweep, ClaimSweep, SweepResult
from airlift.report.blocks import (
    MARKDOWN_GLYPHS,
    TEXT_GLYPHS,
    Block,
    Bullets,
    Glyphs,
    Heading,
    Paragraph,
    Table,
    code,
)
from airlift.report.format import settings_items
from airlift.report.json_explain import exact
from airlift.report.markdown import markdown_of_blocks
from airlift.report.robust_blocks import robust_sentence
from airlift.report.text import text_of_blocks

__all__ = [
    "SWEEP_VERSION",
    "render_sweep",
    "samples_csv",
    "share_sentence",
    "sweep_to_dict",
]

#: Version of the sweep's JSON layout (docs/json-format.md, "airlift sweep").
SWEEP_VERSION = 1

_CAVEAT = (
    "Each share is a statement about the stated ranges and the weights chosen inside them "
    "(uniform unless the file's uncertainty: block says otherwise), not about the world: "
    "other weightings of the same ranges give other shares."
)


def render_sweep(result: SweepResult, fmt: str) -> str:
    """The sweep as ``text``, ``markdown``, ``json`` or ``csv``."""
    if fmt == "json":
        return json.dumps(sweep_to_dict(result), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return _claims_csv(result)
    if fmt == "markdown":
        return markdown_of_blocks(_blocks(result, MARKDOWN_GLYPHS))
    return text_of_blocks(_blocks(result, TEXT_GLYPHS))


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def share_sentence(what: str, s: Share, samples: int) -> str:
    """``possible in 62.0% of 10,000 draws from the stated ranges (95% interval 61.0-63.0%)``."""
    if s.share is None:
        return f"{what}: not decided in any of the {samples:,} draws (all cut short)"
    lo, hi = s.interval
    text = (
        f"{what} in {_pct(s.share)} of {samples:,} draws from the stated ranges "
        f"(95% interval {_pct(lo)}-{_pct(hi)})"
    )
    if s.unknown:
        a, b = s.bounds
        text += (
            f"; {s.unknown:,} draws were cut short and count as neither, so the share of all "
            f"draws lies between {_pct(a)} and {_pct(b)}"
        )
    return text


def _blocks(r: SweepResult, g: Glyphs) -> list[Block]:
    out: list[Block] = [Heading(r.title, 1)]
    if r.file:
        out.append(Paragraph(f"File: {r.file}"))
    out.append(
        Paragraph(
            f"{r.samples:,} draws of every range (seed {r.seed}), each claim decided exactly in "
            f"each draw; {r.evaluated:,} draws needed the solver, the others were decided by the "
            "corners of the ranges or by a draw that dominates them."
        )
    )
    out.append(Paragraph(_CAVEAT))
    out.append(Heading("Ranges drawn", 2))
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
    out.append(Heading("Claims", 2))
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
    for c in r.claims:
        out += _drivers(c, r, g)
    if r.bounds:
        out += _bounds_blocks(r.bounds, g)
    if r.notes:
        out += [Heading("Notes", 2), Bullets(tuple(r.notes))]
    out.append(Heading("Settings", 2))
    items = settings_items(r.settings or {})
    out.append(Bullets(tuple(f"{k}: {v}" for k, v in items)) if items else Paragraph("-"))
    return out


def _claim_row(c: ClaimSweep, g: Glyphs) -> tuple[str, ...]:
    def cells(s: Share) -> tuple[str, str]:
        if s.share is None:
            return g.none, g.none
        lo, hi = s.interval
        return _pct(s.share), f"{_pct(lo)} {g.dash} {_pct(hi)}"

    return (c.id, *cells(c.possible), *cells(c.implied), f"{c.possible.unknown:,}")


def _claim_line(c: ClaimSweep, samples: int) -> str:
    text = f"{code(c.id)}: " + share_sentence("possible", c.possible, samples)
    if c.by_corners and c.robust is not None:
        text += f"; decided by the corners alone: {robust_sentence(c.robust)}"
    return text


def _drivers(c: ClaimSweep, r: SweepResult, g: Glyphs) -> list[Block]:
    """What moves a claim's share: one-way swings, and the tipping curve (open claims only)."""
    s = c.possible.share
    if c.by_corners or s is None or s in (0.0, 1.0) or not c.tornado:
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
                g.none if sw.low.share is None else _pct(sw.low.share),
                g.none if sw.high.share is None else _pct(sw.high.share),
                g.none if sw.swing is None else f"{100 * sw.swing:+.1f} pts",
                g.none if first is None else f"{first:.2f}",
                g.none if ks is None else f"{ks:.2f}",
            )
        )
    out: list[Block] = [
        Heading(f"What moves {c.id}", 2),
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


def _curve_blocks(curve: TippingCurve, g: Glyphs) -> list[Block]:
    bound = "at most" if curve.direction == "at_most" else "at least"
    rows = []
    for p in curve.points:
        if p.threshold is not None:
            cell = f"{bound} {_number(p.threshold)} {curve.b_unit}"
        elif p.everywhere is True:
            cell = "any value"
        elif p.everywhere is False:
            cell = "no value"
        else:
            cell = "unknown (cut short)"
        rows.append((f"{_number(p.at)} {curve.a_unit}", cell))
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


def _number(x: Any) -> str:
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
            cells = tuple(_quantile(v) for v in q.values) or tuple(g.none for _ in probs)
            rows.append((f"{b.label} ({name})", b.unit, *cells))
    return [
        Heading("Estimates across the draws", 2),
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


def _quantile(v: float) -> str:
    if v == float("inf"):
        return "inf"
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.3f}"


# -- JSON and CSV -----------------------------------------------------------------------------


def _share_dict(s: Share) -> dict[str, Any]:
    return {
        "share": s.share,
        "interval": list(s.interval),
        "yes": s.yes,
        "no": s.no,
        "unknown": s.unknown,
        "bounds": list(s.bounds),
    }


def sweep_to_dict(r: SweepResult) -> dict[str, Any]:
    """The sweep's JSON document as plain values, keys in their documented order."""
    index = {i.field: k for k, i in enumerate(r.inputs)}
    return {
        "sweep_version": SWEEP_VERSION,
        "title": r.title,
        "file": r.file,
        "samples": r.samples,
        "seed": r.seed,
        "evaluated": r.evaluated,
        "base_status": r.base_status.value,
        "inputs": [
            {
                "field": i.field,
                "min": exact(i.lo),
                "max": exact(i.hi),
                "unit": i.unit,
                "weighted": w,
            }
            for i, w in zip(r.inputs, r.weights, strict=True)
        ],
        "claims": [
            {
                "id": c.id,
                "possible": c.possible.share,
                "implied": c.implied.share,
                "unknown": c.possible.unknown / r.samples if r.samples else 0.0,
                "possible_interval": list(c.possible.interval),
                "implied_interval": list(c.implied.interval),
                "possible_detail": _share_dict(c.possible),
                "implied_detail": _share_dict(c.implied),
                "by_corners": c.by_corners,
                "drivers": [
                    {
                        "field": sw.name,
                        "low": sw.low.share,
                        "high": sw.high.share,
                        "swing": sw.swing,
                        "first_order": c.first_order[index[sw.name]],
                        "ks": c.ks[index[sw.name]],
                    }
                    for sw in c.tornado
                ],
                "curve": None if c.curve is None else _curve_dict(c.curve),
            }
            for c in r.claims
        ],
        "bounds": [
            {
                "label": b.label,
                "unit": b.unit,
                "probs": list(b.least.probs),
                "least": [_json_float(v) for v in b.least.values],
                "most": [_json_float(v) for v in b.most.values],
                "counted": b.least.counted,
                "missing": b.least.missing,
            }
            for b in r.bounds
        ],
        "notes": list(r.notes),
        "settings": {k: v for k, v in settings_items(r.settings or {})},
    }


def _json_float(v: float) -> float | str:
    return "inf" if v == float("inf") else v


def _curve_dict(c: TippingCurve) -> dict[str, Any]:
    return {
        "a": c.a,
        "b": c.b,
        "a_unit": c.a_unit,
        "b_unit": c.b_unit,
        "direction": c.direction,
        "exact": c.exact,
        "points": [
            {"at": exact(p.at), "threshold": exact(p.threshold), "everywhere": p.everywhere}
            for p in c.points
        ],
    }


def _claims_csv(r: SweepResult) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(
        [
            "claim",
            "possible",
            "possible_low",
            "possible_high",
            "implied",
            "implied_low",
            "implied_high",
            "unknown",
            "samples",
            "seed",
        ]
    )
    for c in r.claims:
        w.writerow(
            [
                c.id,
                _cell(c.possible.share),
                _cell(c.possible.interval[0]),
                _cell(c.possible.interval[1]),
                _cell(c.implied.share),
                _cell(c.implied.interval[0]),
                _cell(c.implied.interval[1]),
                c.possible.unknown,
                r.samples,
                r.seed,
            ]
        )
    return out.getvalue()


def _cell(x: float | None) -> str:
    return "" if x is None else repr(float(x))


def samples_csv(r: SweepResult) -> str:
    """Every sample's input values and verdicts, one row per sample (for a notebook)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    ids = [c.id for c in r.claims]
    w.writerow(
        [
            "sample",
            *(f"{i.field} ({i.unit})" for i in r.inputs),
            *(f"{c}:possible" for c in ids),
            *(f"{c}:implied" for c in ids),
        ]
    )
    for k in range(r.samples):
        values = [_plain(v) for v in r.values[k]] if r.inputs else []
        w.writerow([k, *values, *(int(x) for x in r.possible[k]), *(int(x) for x in r.implied[k])])
    return out.getvalue()


def _plain(v: np.floating[Any]) -> str:
    f = float(v)
    return str(int(f)) if f.is_integer() else repr(f)
