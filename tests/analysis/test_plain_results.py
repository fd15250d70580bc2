"""Results and options are plain data: they pickle, so they can cross process boundaries."""

from __future__ import annotations

import pickle

from airlift.analysis import analyze
from airlift.model import SolveOptions

from .tiny import build


def test_options_and_analysis_survive_pickling() -> None:
    options = SolveOptions(time_limit=5, seed=3, params={"linearization_level": 1})
    assert pickle.loads(pickle.dumps(options)) == options
    claims = [{"id": "mid", "total": "missile", "between": [5, 7]}]
    analysis = analyze(build(claims=claims), options)
    assert pickle.loads(pickle.dumps(analysis)) == analysis


def test_options_copy_the_params_they_are_given() -> None:
    params: dict[str, object] = {"linearization_level": 1}
    options = SolveOptions(params=params)
    params["linearization_level"] = 0
    assert options.params == {"linearization_level": 1}
