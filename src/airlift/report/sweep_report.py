"""The report of `airlift sweep`: text, Markdown, JSON and CSV, from a :class:`SweepResult`.

The text and Markdown reports lay out the blocks of :mod:`airlift.report.sweep_blocks`, which
the HTML page (:mod:`airlift.report.sweep_html`) lays out too.

A share is said as a fact about the stated ranges and the chosen weights: "possible in 62.0%
of 10,000 draws from the stated ranges (95% interval 61.0-63.0%): a statement about the
ranges, not about the world". No likelihood words stand in for numbers.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import numpy as np

from airlift.analysis.curve import TippingCurve
from airlift.analysis.sweep_stats import Share
from airlift.analysis.sweeps import SweepResult
from airlift.report.blocks import MARKDOWN_GLYPHS, TEXT_GLYPHS
from airlift.report.format import settings_items
from airlift.report.json_explain import exact
from airlift.report.markdown import markdown_of_blocks
from airlift.report.sweep_blocks import share_sentence as share_sentence
from airlift.report.sweep_blocks import sweep_document
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


def render_sweep(result: SweepResult, fmt: str) -> str:
    """The sweep as ``text``, ``markdown``, ``json`` or ``csv``."""
    if fmt == "json":
        return json.dumps(sweep_to_dict(result), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return _claims_csv(result)
    if fmt == "markdown":
        return markdown_of_blocks(sweep_document(result, MARKDOWN_GLYPHS))
    return text_of_blocks(sweep_document(result, TEXT_GLYPHS))


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
