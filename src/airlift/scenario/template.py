"""The commented scenario skeleton that ``airlift new`` writes, shipped as package data."""

from __future__ import annotations

import importlib.resources

__all__ = ["new_scenario_text"]


def new_scenario_text() -> str:
    """A commented scenario to start from: valid as it stands, using catalogue entries."""
    path = importlib.resources.files("airlift") / "templates" / "scenario.yaml"
    return path.read_text(encoding="utf-8")
