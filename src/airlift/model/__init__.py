"""The constraint model: scenario in, plain solutions out (the only user of ortools)."""

from airlift.model.allocation import build_allocation as build_allocation
from airlift.model.budget import Budget as Budget
from airlift.model.budget import run_budget as run_budget
from airlift.model.compile import Compiler as Compiler
from airlift.model.compile import ModelTooLarge as ModelTooLarge
from airlift.model.compile import OutOfTime as OutOfTime
from airlift.model.compile import RangedMass as RangedMass
from airlift.model.compile import Requirement as Requirement
from airlift.model.cpsat import LaneModel as LaneModel
from airlift.model.cpsat import Solution as Solution
from airlift.model.cpsat import SolverSettingsError as SolverSettingsError
from airlift.model.options import SolveOptions as SolveOptions
from airlift.model.problem import Problem as Problem
from airlift.model.problem import solver_key as solver_key

__all__ = [
    "Budget",
    "Compiler",
    "LaneModel",
    "ModelTooLarge",
    "OutOfTime",
    "Problem",
    "RangedMass",
    "Requirement",
    "Solution",
    "SolveOptions",
    "SolverSettingsError",
    "build_allocation",
    "run_budget",
    "solver_key",
]
