"""The JSON report: parses, has every documented key in order, and says what the analysis says."""

from __future__ import annotations

import copy
import json
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

from airlift.report import render_json
from airlift.report.json_explain import exact
from airlift.result import Allocation, Analysis

DOC = Path(__file__).resolve().parents[2] / "docs" / "json-format.md"

TOP = [
    "schema_version",
    "title",
    "file",
    "status",
    "base_status",
    "claims",
    "ranges",
    "base_holds",
    "explanation",
    "bounds",
    "example",
    "values_used",
    "lane_limits",
    "flight_groups",
    "assumptions",
    "notes",
    "schedule",
    "settings",
]
CLAIM = [
    "id",
    "says",
    "verdict",
    "settled",
    "reason",
    "line",
    "source",
    "source_label",
    "holds",
    "fails",
    "range",
    "robust",
]
BOUND = [
    "label",
    "total",
    "to",
    "from",
    "aircraft",
    "flights",
    "given",
    "unit",
    "min",
    "max",
    "proven",
    "unbounded",
    "min_interval",
    "max_interval",
    "min_status",
    "max_status",
    "min_cutoff",
    "max_cutoff",
    "min_witness",
    "max_witness",
]
ROW = ["flights", "to", "count", "load", "bulk", "binds", "count_binds"]
VALUE = ["field", "written", "used", "used_text", "unit", "side", "line", "source", "catalog"]
REF = ["id", "says", "line", "source", "source_label"]


def _doc(a: Analysis) -> dict[str, Any]:
    data = json.loads(render_json(a))
    assert isinstance(data, dict)
    return data


def _check_allocation(got: Any, alloc: Allocation | None) -> None:
    if alloc is None:
        assert got is None
        return
    assert isinstance(got, list) and len(got) == len(alloc.rows)
    for item, row in zip(got, alloc.rows, strict=True):
        assert list(item) == ROW
        ends = [end for group, end in alloc.count_binds if group == row.flights]
        assert item == {
            "flights": row.flights,
            "to": row.to,
            "count": row.count,
            "load": dict(row.load),
            "bulk": {cargo: {"value": exact(kg), "unit": "kg"} for cargo, kg in row.bulk},
            "binds": list(row.binds),
            "count_binds": ends,
        }
        assert list(item["load"]) == [name for name, _ in row.load]


def test_documented_keys_in_order(any_analysis: Analysis) -> None:
    data = _doc(any_analysis)
    assert list(data) == TOP
    assert data["schema_version"] == 2
    assert data["status"] == any_analysis.status.value
    assert data["base_status"] == any_analysis.base_status.value
    assert data["status"] in ("feasible", "infeasible", "unknown")
    for c in data["claims"]:
        assert list(c) == CLAIM
    for b in data["bounds"]:
        assert list(b) == BOUND
    for v in data["values_used"]:
        assert list(v) == VALUE
    for r in data["assumptions"] + data["flight_groups"]:
        assert list(r) == REF


def test_bytes_are_stable(any_analysis: Analysis) -> None:
    out = render_json(any_analysis)
    assert out == render_json(copy.deepcopy(any_analysis))
    assert out.endswith("}\n")
    assert out == json.dumps(json.loads(out), indent=2, ensure_ascii=False) + "\n"


def test_claims(proven: Analysis) -> None:
    data = _doc(proven)
    assert len(data["claims"]) == len(proven.claims)
    for got, c in zip(data["claims"], proven.claims, strict=True):
        assert got["id"] == c.ref.id and got["says"] == c.ref.says
        assert got["verdict"] == c.verdict.value and got["settled"] is c.settled
        assert got["reason"] == c.reason and got["line"] == c.ref.line
        assert got["source"] == c.ref.source and got["source_label"] == c.ref.source_label
        _check_allocation(got["holds"], c.holds)
        _check_allocation(got["fails"], c.fails)


def test_unknown_stays_unknown(unknown: Analysis) -> None:
    data = _doc(unknown)
    assert data["base_status"] == "unknown" and data["status"] == "unknown"
    assert {c["verdict"] for c in data["claims"]} == {"unknown"}
    assert all(c["settled"] is False for c in data["claims"])
    b = data["bounds"][0]
    assert b["min"] is None and b["max"] is None and b["proven"] is False
    assert b["unbounded"] is False


def test_proven_bounds(proven: Analysis) -> None:
    data = _doc(proven)
    for got, b in zip(data["bounds"], proven.bounds, strict=True):
        assert got["label"] == b.spec.label and got["total"] == b.spec.total
        assert got["unit"] == ("flights" if b.spec.total == "flights" else "units")
        assert (got["min"], got["max"]) == (b.min.lo, b.max.hi)
        assert got["min_interval"] == [b.min.lo, b.min.lo]
        assert got["max_interval"] == [b.max.hi, b.max.hi]
        assert got["proven"] is True and got["unbounded"] is False
        for side, e in (("min", b.min), ("max", b.max)):
            witness = got[f"{side}_witness"]
            if e.witness is None:
                assert witness is None
            else:
                assert witness["value"] == e.witness_value
                _check_allocation(witness["allocation"], e.witness)


def test_filters_are_null_name_or_list(proven: Analysis) -> None:
    bounds = _doc(proven)["bounds"]
    assert [b["to"] for b in bounds] == [None, "Chkalovsky", ["Millerovo", "Seshcha"]]
    assert all(b[k] is None for b in bounds for k in ("from", "aircraft", "flights"))


def test_unproven_bounds_are_intervals(unproven: Analysis) -> None:
    data = _doc(unproven)
    got, b = data["bounds"][0], unproven.bounds[0]
    assert got["proven"] is False
    assert got["min_interval"] == [b.min.lo, b.min.hi]
    assert got["max_interval"] == [b.max.lo, b.max.hi]
    assert got["min"] == b.min.lo and got["max"] == b.max.hi
    assert got["min_status"] == "feasible"
    half = data["bounds"][2]
    assert half["min"] is None and half["max"] is None
    assert half["max_interval"] == [unproven.bounds[2].max.lo, None]


def test_unbounded(unbounded: Analysis) -> None:
    got = _doc(unbounded)["bounds"][0]
    assert got["unbounded"] is True and got["max"] is None and got["proven"] is True
    assert got["flights"] == "open-group"
    assert got["min"] == unbounded.bounds[0].min.lo


def test_example_and_no_example(
    proven: Analysis, no_example: Analysis, inconsistent_base: Analysis
) -> None:
    _check_allocation(_doc(proven)["example"], proven.example)
    assert _doc(no_example)["example"] is None
    data = _doc(inconsistent_base)
    assert data["example"] is None and data["base_status"] == "infeasible"
    assert {c["verdict"] for c in data["claims"]} == {"inconsistent"}
    assert data["bounds"][0]["min"] is None and data["bounds"][0]["max"] is None


def test_values_used_and_settings(proven: Analysis, awkward: Analysis) -> None:
    data = _doc(proven)
    shown = [
        (48000, "48 t", "kg"),
        (12, "12 canister_slots", "canister_slots"),
        (2300, "2.3 t", "kg"),
        ("2268.642238555", "5,001.5 lb", "kg"),
        ("12.5", "12.5 kg", "kg"),
    ]
    for got, v, (used, text, unit) in zip(
        data["values_used"], proven.values_used, shown, strict=True
    ):
        assert got == {
            "field": v.field,
            "written": v.written,
            "used": used,
            "used_text": text,
            "unit": unit,
            "side": v.side,
            "line": v.line,
            "source": v.source,
            "catalog": v.catalog,
        }
        assert Fraction(got["used"]) == v.used
    assert data["settings"] == {"time_limit": 10.0, "seed": 0, "workers": 1}
    settings = _doc(awkward)["settings"]
    assert list(settings) == ["time_limit", "seed", "workers", "extra"]
    assert list(settings["extra"]) == ["a", "b"]


def test_non_ascii_is_written_as_is(awkward: Analysis) -> None:
    out = render_json(awkward)
    assert awkward.title in out
    assert "\\u" not in out


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        out = set()
        for k, v in value.items():
            if k not in ("load", "bulk", "extra"):  # cargo names and free-form settings
                out.add(k)
                out |= _keys(v)
        return out
    if isinstance(value, list):
        return set().union(*(_keys(v) for v in value)) if value else set()
    return set()


def test_every_key_is_documented(any_analysis: Analysis) -> None:
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", DOC.read_text(encoding="utf-8"), re.M))
    assert _keys(_doc(any_analysis)) - {"value", "allocation"} <= documented
    assert {"value", "allocation"} <= set(re.findall(r'"([a-z_]+)"', DOC.read_text()))


def test_documented_example_parses() -> None:
    text = DOC.read_text(encoding="utf-8")
    block = text.split("```json\n", 1)[1].split("```", 1)[0]
    example = json.loads(block)
    assert list(example) == TOP
    assert list(example["claims"][0]) == CLAIM
    assert list(example["bounds"][0]) == BOUND
