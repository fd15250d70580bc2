"""The questions users ask of a scenario: verdicts, bounds, sweeps, and their proofs."""

from airlift.analysis.analyze import analyze as analyze
from airlift.analysis.engine import Engine as Engine
from airlift.analysis.explain import explain as explain
from airlift.analysis.sweeps import SweepResult as SweepResult
from airlift.analysis.sweeps import sweep as sweep
from airlift.analysis.verify import violations as violations

__all__ = ["Engine", "SweepResult", "analyze", "explain", "sweep", "violations"]
