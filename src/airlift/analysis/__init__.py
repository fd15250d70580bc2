"""The questions users ask of a scenario: verdicts, bounds, and their proofs."""

from airlift.analysis.analyze import analyze as analyze
from airlift.analysis.engine import Engine as Engine
from airlift.analysis.explain import explain as explain
from airlift.analysis.verify import violations as violations

__all__ = ["Engine", "analyze", "explain", "violations"]
