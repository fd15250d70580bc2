"""The JSON report: a documented, versioned contract for other tools.

The layout is described field by field in ``docs/json-format.md``; change the
two together and raise :data:`SCHEMA_VERSION` when a field changes meaning or
goes away. Keys come out in the order built here (never sorted, never in the
order of some dict the analysis happened to fill), so the same analysis always
gives the same bytes.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from enum import Enum
from typing import Any

from airlift.report.format import settings_items
from airlift.report.json_explain import allocation_to_json, exact, explanation_to_dict, member
from airlift.report.schedule_blocks import schedule_to_dict
from airlift.report.units import measure_unit, value_text, value_unit
from airlift.result import (
    Allocation,
    Analysis,
    Bound,
    ClaimResult,
    Extreme,
    LaneLimit,
    Measure,
    RangeInput,
    Robust,
    StatementRef,
    TippingPoint,
    ValueUsed,
)

__all__ = ["SCHEMA_VERSION", "analysis_to_dict", "render_json"]

#: Version of the JSON layout; see docs/json-format.md.
SCHEMA_VERSION = 2


def render_json(a: Analysis) -> str:
    """The analysis as a JSON document (2-space indent, UTF-8 text, trailing newline)."""
    return json.dumps(analysis_to_dict(a), indent=2, sort_keys=False, ensure_ascii=False) + "\n"


def analysis_to_dict(a: Analysis) -> dict[str, Any]:
    """The JSON document as plain Python values, keys in their documented order."""
    return {
        "schema_version": SCHEMA_VERSION,
        "title": a.title,
        "file": a.file,
        "status": a.status.value,
        "base_status": a.base_status.value,
        "claims": [_claim(c) for c in a.claims],
        "ranges": [_range_input(r) for r in a.ranges],
        "base_holds": None if a.base_holds is None else a.base_holds.value,
        "explanation": None if a.explanation is None else explanation_to_dict(a.explanation),
        "bounds": [_bound(b) for b in a.bounds],
        "example": _allocation(a.example),
        "values_used": [_value_used(v) for v in a.values_used],
        "lane_limits": [_lane_limit(lane) for lane in a.lane_limits],
        "flight_groups": [_ref(r) for r in a.flight_groups],
        "assumptions": [_ref(r) for r in a.assumptions],
        "notes": list(a.notes),
        "schedule": schedule_to_dict(a.schedule),
        "settings": {key: _plain(value) for key, value in settings_items(a.settings)},
    }


def _allocation(alloc: Allocation | None) -> list[dict[str, Any]] | None:
    return allocation_to_json(alloc)


def _ref(r: StatementRef) -> dict[str, Any]:
    """A flight group or assumption: an explanation's member without its role and value."""
    return {k: v for k, v in member(r).items() if k not in ("role", "written")}


def _claim(c: ClaimResult) -> dict[str, Any]:
    return {
        "id": c.ref.id,
        "says": c.ref.says,
        "verdict": c.verdict.value,
        "settled": c.settled,
        "reason": c.reason,
        "line": c.ref.line,
        "source": c.ref.source,
        "source_label": c.ref.source_label,
        "holds": _allocation(c.holds),
        "fails": _allocation(c.fails),
        "range": _range(c.range),
        "robust": _robust(c.robust),
    }


def _range_input(r: RangeInput) -> dict[str, Any]:
    return {
        "field": r.field,
        "min": exact(r.lo),
        "max": exact(r.hi),
        "unit": r.unit,
        "written": [r.lo_text, r.hi_text],
        "favours": r.favours,
    }


def _robust(r: Robust | None) -> dict[str, Any] | None:
    if r is None:
        return None
    return {
        "possible": r.possible.value,
        "implied": r.implied.value,
        "steady": r.steady,
        "why": r.why,
        "counts_each": r.counts_each,
        "counts_note": r.counts_note,
        "failing_counts": [dict(v) for v in r.failing_counts],
        "tipping_points": [_tipping(t) for t in r.tipping],
    }


def _tipping(t: TippingPoint) -> dict[str, Any]:
    return {
        "field": t.field,
        "value": exact(t.value),
        "unit": t.unit,
        "others_at": t.others_at,
        "direction": t.direction,
        "text": t.text,
        "others": dict(t.others),
    }


def _value(m: Measure, n: int | None) -> int | str | None:
    """A total's model integer as its exact value in the total's unit (see :func:`exact`)."""
    return None if n is None else exact(m.value(n))


def _range(b: Bound | None) -> dict[str, Any] | None:
    """How low and how high a claim's total can go over the base (certified outer range)."""
    if b is None:
        return None
    lo, hi = b.outer
    m = b.spec.measure
    return {
        "unit": measure_unit(m),
        "min": _value(m, lo),
        "max": _value(m, hi),
        "proven": b.proven,
        "unbounded": b.max.unbounded,
    }


def _names(names: tuple[str, ...] | None) -> str | list[str] | None:
    """A filter: null when absent, a single name as a string, several as a list."""
    if names is None:
        return None
    if len(names) == 1:
        return names[0]
    return list(names)


def _witness(e: Extreme, m: Measure) -> dict[str, Any] | None:
    if e.witness is None:
        return None
    return {"value": _value(m, e.witness_value), "allocation": _allocation(e.witness)}


def _bound(b: Bound) -> dict[str, Any]:
    lo, hi = b.outer
    m = b.spec.measure
    return {
        "label": b.spec.label,
        "total": b.spec.total,
        "to": _names(b.spec.to),
        "from": _names(b.spec.from_),
        "aircraft": _names(b.spec.aircraft),
        "flights": _names(b.spec.flights),
        "given": None if b.spec.given is None else list(b.spec.given),
        "unit": measure_unit(m),
        "min": _value(m, lo),
        "max": None if b.max.unbounded else _value(m, hi),
        "proven": b.proven,
        "unbounded": b.max.unbounded,
        "min_interval": [_value(m, b.min.lo), _value(m, b.min.hi)],
        "max_interval": [_value(m, b.max.lo), None if b.max.unbounded else _value(m, b.max.hi)],
        "min_status": b.min.status.value,
        "max_status": b.max.status.value,
        "min_cutoff": b.min.cutoff.value if b.min.cutoff is not None else None,
        "max_cutoff": b.max.cutoff.value if b.max.cutoff is not None else None,
        "min_witness": _witness(b.min, m),
        "max_witness": _witness(b.max, m),
    }


def _value_used(v: ValueUsed) -> dict[str, Any]:
    return {
        "field": v.field,
        "written": v.written,
        "used": exact(v.used),
        "used_text": value_text(v, marked=False),
        "unit": value_unit(v),
        "side": v.side,
        "line": v.line,
        "source": v.source,
        "catalog": v.catalog,
    }


def _lane_limit(lane: LaneLimit) -> dict[str, Any]:
    return {
        "flights": lane.flights,
        "aircraft": lane.aircraft,
        "from": lane.from_,
        "to": lane.to,
        "distance_km": lane.distance_km,
        "payload": lane.payload,
        "structural": lane.structural,
        "beyond": lane.beyond,
    }


def _plain(value: object) -> Any:
    """A settings value as JSON-safe data with a fixed key order."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Enum):
        return _plain(value.value)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)
