"""Tiny scenarios built in code for the analysis tests."""

from __future__ import annotations

from typing import Any

from airlift.scenario import Scenario, scenario_from_dict


def build(**overrides: Any) -> Scenario:
    """One group of Il-76-like flights from O to X or Y: 10 t payload, 4 slots.

    Missiles weigh 2 t and use one slot; crates weigh 3 t and use none.
    So one flight carries at most 4 missiles (slots), at most 3 crates (mass),
    and e.g. 2 missiles + 2 crates (10 t).
    """
    doc: dict[str, Any] = {
        "title": "test",
        "sources": {"paper": {"publisher": "A Paper", "date": "2022-11-17"}},
        "airfields": {"O": {}, "X": {}, "Y": {}},
        "aircraft": {"A": {"payload": {"min": "8 t", "max": "10 t"}, "limits": {"slots": 4}}},
        "cargo": {
            "m": {"kind": "missile", "mass": {"min": "2 t", "max": "3 t"}, "uses": {"slots": 1}},
            "c": {"kind": "crate", "mass": "3 t"},
        },
        "flights": [
            {
                "id": "g",
                "aircraft": "A",
                "count": {"min": 2, "max": 3},
                "from": "O",
                "to": ["X", "Y"],
            }
        ],
    }
    doc.update(overrides)
    return scenario_from_dict(doc)
