"""A user's error crosses process boundaries whole (sweeps run in worker processes)."""

from __future__ import annotations

import pickle

from airlift.errors import FlightDataError, Problem, ScenarioError


def test_scenario_errors_survive_pickling() -> None:
    problems = [
        Problem("b.yaml", 3, 1, ("cargo", "x", "mass"), "'2 ton' is ambiguous"),
        Problem("a.yaml", 1, 5, ("title",), "missing"),
    ]
    for kind in (ScenarioError, FlightDataError):
        error = kind(problems)
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is kind
        assert again.problems == error.problems and str(again) == str(error)
