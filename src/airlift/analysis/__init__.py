"""The questions users ask of a scenario: verdicts, bounds, sweeps, and their proofs.

``sweep`` and ``SweepResult`` are loaded on first use (PEP 562), so ``airlift solve`` does not
load the sweep's machinery.
"""

import importlib
from typing import TYPE_CHECKING, Any

from airlift.analysis.analyze import analyze as analyze
from airlift.analysis.engine import Engine as Engine
from airlift.analysis.explain import explain as explain
from airlift.analysis.verify import violations as violations

if TYPE_CHECKING:
    from airlift.analysis.sweeps import SweepResult as SweepResult
    from airlift.analysis.sweeps import sweep as sweep

__all__ = ["Engine", "SweepResult", "analyze", "explain", "sweep", "violations"]


def __getattr__(name: str) -> Any:
    """Load the sweep's names on first use."""
    if name in ("sweep", "SweepResult"):
        return getattr(importlib.import_module("airlift.analysis.sweeps"), name)
    raise AttributeError(f"module 'airlift.analysis' has no attribute {name!r}")
