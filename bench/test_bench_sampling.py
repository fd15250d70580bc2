"""Drawing 10,000 samples of six uncertain inputs (issue [uncertainty]): goal well under 0.1 s.

Six inputs of every kind the block offers (two PERT masses, one tied to the first, a
triangular payload, a normal hold length, discrete slots and a flight count), drawn for one
sweep's default number of samples. The benchmark also checks what it times: every value lies
in its range and the tied mass is the leader's plus 0.1 t.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from airlift.analysis.sampling import draw
from airlift.scenario import load_scenario_text
from airlift.scenario.inputs import inputs_of

SIX = """\
title: six uncertain inputs
airfields: {A: {}, B: {}}
aircraft:
  Il-76MD:
    payload: {min: 40 t, max: 48 t}
    limits: {slots: {min: 6, max: 12}}
    hold: {length: {min: 20 m, max: 24.5 m}}
cargo:
  48N6: {kind: missile, mass: {min: 2.3 t, max: 3.3 t}, uses: {slots: 1}}
  40N6: {kind: missile, mass: {min: 2.4 t, max: 3.4 t}, uses: {slots: 1}}
flights:
  - {id: shuttle, aircraft: Il-76MD, count: {min: 18, max: 22}, from: A, to: B}
uncertainty:
  inputs:
    cargo.48N6.mass: {pert: {mode: 2.8 t}}
    cargo.40N6.mass: {same_quantile_as: cargo.48N6.mass}
    aircraft.Il-76MD.payload: {triangular: {mode: 44 t}}
    aircraft.Il-76MD.hold.length: {normal: {mean: 22 m, sd: 1.5 m}}
    aircraft.Il-76MD.limits.slots: {discrete: {6: 1, 12: 2}}
"""


def test_ten_thousand_samples_of_six_inputs(benchmark: Any) -> None:
    s = load_scenario_text(SIX).scenario
    inputs = inputs_of(s)
    assert len(inputs) == 6
    codes = benchmark(draw, inputs, s.uncertainty, 10_000, 20221117)
    assert codes.shape == (10_000, 6)
    for k, item in enumerate(inputs):
        assert item.lo <= codes[:, k].min() and codes[:, k].max() <= item.hi
    names = [i.name for i in inputs]
    heavy, light = names.index("cargo.48N6.mass"), names.index("cargo.40N6.mass")
    assert np.array_equal(codes[:, light], codes[:, heavy] + 100)
