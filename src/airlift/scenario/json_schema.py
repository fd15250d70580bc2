"""The JSON Schema of scenario files, for editors' completion and checking."""

from __future__ import annotations

from typing import Any

from airlift.scenario.schema import Scenario

__all__ = ["scenario_json_schema"]


def _short_forms(node: Any, defs: dict[str, Any]) -> Any:
    """Let a range be written as its exact value wherever the schema refers to it."""
    if isinstance(node, list):
        return [_short_forms(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref", "")
    name = ref.rsplit("/", 1)[-1]
    short = ("MassRange", "AmountRange", "LengthRange", "CountRange", "DurationRange", "SpeedRange")
    if name in short and len(node) == 1:
        exact = {k: v for k, v in defs[name]["properties"]["min"].items() if k != "title"}
        options = exact["anyOf"] if set(exact) <= {"anyOf", "examples"} else [exact]
        return {"anyOf": [*options, node]}
    return {key: _short_forms(value, defs) for key, value in node.items()}


def scenario_json_schema() -> dict[str, Any]:
    """The JSON Schema of a scenario file, for editors (completion and checking)."""
    schema = Scenario.model_json_schema(by_alias=True)
    schema = _short_forms(schema, schema.get("$defs", {}))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "airlift scenario (format 1)",
        "description": (
            "Observed flights, aircraft, cargo, assumptions and claims about one airlift, "
            "as read by `airlift solve`. Masses carry units ('48 t', '106,000 lb'); a value "
            "is exact or a range {min, max}. A cargo type is counted in units, each with a "
            "mass, or is bulk (bulk: true), carried by mass in any amount; a statement's bound "
            "is a whole count or a mass ('1,000 t'), which bounds a total's mass."
        ),
    }
