"""Draws of uncertain inputs: shapes against closed forms, the grid, reproducibility, ties.

Every statistical check is seeded, so it gives the same answer each run, and its bound comes
from an inequality that a correct sampler breaks with a chance below 1e-3 for any seed (the
Dvoretzky-Kiefer-Wolfowitz bound for distribution functions, six standard errors for means and
frequencies), while the wrong shape misses it by far.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from fractions import Fraction
from typing import Any

import numpy as np
import pytest

from airlift.analysis.sampling import code_of, draw, uniforms, values_of
from airlift.scenario import load_scenario_text
from airlift.scenario.inputs import Input, inputs_of, pinned
from airlift.scenario.uncertainty import Uncertainty

N = 10_000
#: sup |F_n - F| above this has a chance of at most 2 exp(-2 N EPS^2) < 7e-4 (DKW).
EPS = 0.02


def scenario(cargo: str, block: str = "", counts: str = "{min: 18, max: 22}") -> Any:
    text = f"""\
title: t
airfields: {{A: {{}}, B: {{}}}}
aircraft: {{P: {{payload: {{min: 40 t, max: 48 t}}, limits: {{slots: {{min: 0, max: 100}}}}}}}}
cargo:
{cargo}
flights:
  - {{id: g, aircraft: P, count: {counts}, from: A, to: B}}
"""
    return load_scenario_text(
        text + (f"uncertainty:\n  inputs:\n{block}" if block else "")
    ).scenario


def one(mass: str, weighting: str | None = None) -> tuple[list[Input], Uncertainty | None]:
    """The mass input of one cargo type, with its weighting (uniform when None)."""
    block = f"    cargo.c.mass: {weighting}\n" if weighting else ""
    s = scenario(f"  c: {{kind: c, mass: {mass}}}", block)
    return [i for i in inputs_of(s) if i.name == "cargo.c.mass"], s.uncertainty


def column(mass: str, weighting: str | None = None, seed: int = 1) -> np.ndarray:
    inputs, block = one(mass, weighting)
    return draw(inputs, block, N, seed)[:, 0]


def check_cdf(values: np.ndarray, cdf: Any, lo: int, hi: int) -> None:
    """Values drawn on the 1 kg grid against the continuous ``cdf`` at half-kilograms: a
    value rounds to at most ``k`` exactly when it was at most ``k + 0.5``."""
    for k in np.linspace(lo, hi, 21)[1:-1].astype(int):
        assert abs(np.mean(values <= k) - cdf(k + 0.5)) < EPS, k


def test_uniform_masses_fill_the_range_evenly() -> None:
    values = column("{min: 1 t, max: 3 t}")
    assert values.min() >= 1000 and values.max() <= 3000
    check_cdf(values, lambda x: (x - 1000) / 2000, 1000, 3000)
    assert abs(values.mean() - 2000) < 6 * 2000 / math.sqrt(12 * N)


def test_triangular_masses_follow_its_closed_form() -> None:
    values = column("{min: 1 t, max: 3 t}", "{triangular: {mode: 1.5 t}}")

    def cdf(x: float) -> float:
        if x <= 1500:
            return (x - 1000) ** 2 / (2000 * 500)
        return 1 - (3000 - x) ** 2 / (2000 * 1500)

    check_cdf(values, cdf, 1000, 3000)
    sd = math.sqrt((1000**2 + 1500**2 + 3000**2 - 1000 * 1500 - 1000 * 3000 - 1500 * 3000) / 18)
    assert abs(values.mean() - (1000 + 1500 + 3000) / 3) < 6 * sd / math.sqrt(N)


def test_pert_masses_follow_the_beta_distribution() -> None:
    # a mode a quarter of the way up gives alpha = 2, beta = 4: a polynomial distribution
    values = column("{min: 1 t, max: 3 t}", "{pert: {mode: 1.5 t}}")

    def cdf(x: float) -> float:
        t = (x - 1000) / 2000
        return sum(math.comb(5, j) * t**j * (1 - t) ** (5 - j) for j in range(2, 6))

    check_cdf(values, cdf, 1000, 3000)
    sd = 2000 * math.sqrt(2 * 4 / (6**2 * 7))
    assert abs(values.mean() - (1000 + 4 * 1500 + 3000) / 6) < 6 * sd / math.sqrt(N)


def test_normal_masses_are_cut_to_the_range() -> None:
    lo, hi, mean, sd = 1000, 3000, 1200, 600
    values = column("{min: 1 t, max: 3 t}", "{normal: {mean: 1.2 t, sd: 0.6 t}}")
    assert values.min() >= lo and values.max() <= hi

    def phi(x: float) -> float:
        return 0.5 * (1 + math.erf((x - mean) / (sd * math.sqrt(2))))

    def cdf(x: float) -> float:
        return (phi(x) - phi(lo)) / (phi(hi) - phi(lo))

    check_cdf(values, cdf, lo, hi)
    a, b = (lo - mean) / sd, (hi - mean) / sd

    def density(z: float) -> float:
        return math.exp(-z * z / 2) / math.sqrt(2 * math.pi)

    expected = mean + sd * (density(a) - density(b)) / (phi(hi) - phi(lo))
    assert abs(values.mean() - expected) < 6 * sd / math.sqrt(N)


def test_a_narrow_normal_far_from_its_centre_stays_inside() -> None:
    values = column("{min: 1 t, max: 3 t}", "{normal: {mean: 3 t, sd: 1 kg}}")
    assert values.min() >= 2990 and values.max() == 3000
    wide = column("{min: 1 t, max: 3 t}", "{normal: {mean: 1 t, sd: 1000 t}}")
    assert wide.min() >= 1000 and wide.max() <= 3000
    check_cdf(wide, lambda x: (x - 1000) / 2000, 1000, 3000)  # nearly flat


def test_ends_that_are_not_whole_are_drawn_exactly_with_their_share() -> None:
    # grid 1.5, 2, 3, 4, 4.25 kg: each value takes the part of the range nearest to it
    inputs, block = one("{min: 1.5 kg, max: 4.25 kg}")
    codes = draw(inputs, block, N, 5)
    values = Counter(values_of(inputs, row)[inputs[0].path] for row in codes)
    shares = {
        Fraction(3, 2): Fraction(1, 4),
        Fraction(2): Fraction(3, 4),
        Fraction(3): Fraction(1),
        Fraction(4): Fraction(5, 8),
        Fraction(17, 4): Fraction(1, 8),
    }
    assert set(values) == set(shares)
    for value, width in shares.items():
        p = float(width / Fraction(11, 4))
        assert abs(values[value] / N - p) < 6 * math.sqrt(p * (1 - p) / N), value
    assert set(np.unique(codes)) == {1, 2, 3, 4, 5}  # the ends are coded just outside


def test_a_range_between_two_whole_numbers_draws_its_two_ends() -> None:
    inputs, block = one("{min: 1.2 kg, max: 1.7 kg}")
    codes = draw(inputs, block, N, 2)[:, 0]
    assert set(codes) == {1, 2}
    assert abs(np.mean(codes == 1) - 0.5) < 6 * 0.5 / math.sqrt(N)
    assert values_of(inputs, np.array([1]))[inputs[0].path] == Fraction(6, 5)
    assert values_of(inputs, np.array([2]))[inputs[0].path] == Fraction(17, 10)


def test_whole_masses_round_to_the_nearest_kilogram() -> None:
    values = Counter(column("{min: 1000 kg, max: 1004 kg}").tolist())
    expected = {1000: 0.125, 1001: 0.25, 1002: 0.25, 1003: 0.25, 1004: 0.125}
    assert set(values) == set(expected)
    for value, p in expected.items():
        assert abs(values[value] / N - p) < 6 * math.sqrt(p * (1 - p) / N)


def test_code_of_picks_the_nearest_grid_value_exactly() -> None:
    [item], _ = one("{min: 1.5 kg, max: 4.25 kg}")
    assert [code_of(item, Fraction(x)) for x in ("1.5", "1.7", "1.8", "2.5", "4.1", "4.2")] == [
        1,
        1,
        2,
        2,
        4,
        5,
    ]
    with pytest.raises(ValueError):
        code_of(item, Fraction(5))


def test_counts_draw_every_whole_number_equally_often() -> None:
    s = scenario("  c: {kind: c, mass: 1 t}", counts="{min: 0, max: 99}")
    count = inputs_of(s)[-1]
    assert count.name == "flights.g.count"
    values = Counter(draw([count], None, N, 4)[:, 0].tolist())
    assert set(values) == set(range(100))
    chi2 = sum((values[k] - N / 100) ** 2 / (N / 100) for k in range(100))
    assert chi2 < 160  # 99 degrees of freedom: above 160 has a chance of about 1e-4


def test_a_pert_count_puts_its_cells_at_the_mode() -> None:
    s = scenario("  c: {kind: c, mass: 1 t}", "    flights.g.count: {pert: {mode: 22}}\n")
    count = inputs_of(s)[-1]
    assert count.name == "flights.g.count"
    values = Counter(draw([count], s.uncertainty, N, 4)[:, 0].tolist())

    def cdf(t: float) -> float:  # alpha = 5, beta = 1
        return t**5

    for k, value in enumerate(range(18, 23)):
        p = cdf((k + 1) / 5) - cdf(k / 5)
        assert abs(values[value] / N - p) < 6 * math.sqrt(p * (1 - p) / N) + 1e-9


def test_discrete_values_are_drawn_as_often_as_their_weights_say() -> None:
    s = scenario(
        "  c: {kind: c, mass: {min: 1 t, max: 2 t}}",
        "    aircraft.P.limits.slots: {discrete: {8: 1, 10: 1, 12: 2}}\n"
        '    cargo.c.mass: {discrete: {"1,200 kg": 0.5, 1.5 t: 3, 2 t: 1.5}}\n',
    )
    inputs = inputs_of(s)
    codes = draw(inputs, s.uncertainty, N, 9)
    names = [i.name for i in inputs]
    slots = Counter(codes[:, names.index("aircraft.P.limits.slots")].tolist())
    mass = Counter(codes[:, names.index("cargo.c.mass")].tolist())
    for counts, weights in ((slots, {8: 1, 10: 1, 12: 2}), (mass, {1200: 1, 1500: 6, 2000: 3})):
        assert set(counts) == set(weights)
        total = sum(weights.values())
        for value, weight in weights.items():
            p = weight / total
            assert abs(counts[value] / N - p) < 6 * math.sqrt(p * (1 - p) / N)


def test_a_discrete_value_that_is_not_whole_is_put_on_the_grid() -> None:
    inputs, block = one(
        '{min: "106,000 lb", max: 50 t}', '{discrete: {"106,000 lb": 1, 49.5 t: 1}}'
    )
    codes = draw(inputs, block, 200, 0)[:, 0]
    assert set(codes) == {48080, 49500}
    assert {values_of(inputs, np.array([c]))[inputs[0].path] for c in codes} == {
        106_000 * Fraction("0.45359237"),
        Fraction(49500),
    }


FLAGSHIP = """\
  48N6: {kind: missile, mass: {min: 2.3 t, max: 3.3 t}}
  40N6: {kind: missile, mass: {min: 2.4 t, max: 3.4 t}}
  other: {kind: missile, mass: {min: 1 t, max: 1.5 t}}"""


@pytest.mark.parametrize(
    "leader",
    ["uniform", "{pert: {mode: 2.8 t}}", "{triangular: {mode: 2.4 t}}", "{discrete: {2.5 t: 1}}"],
)
def test_a_tied_input_is_at_the_same_place_in_its_own_range(leader: str) -> None:
    s = scenario(
        FLAGSHIP,
        f"    cargo.48N6.mass: {leader}\n"
        "    cargo.40N6.mass: {same_quantile_as: cargo.48N6.mass}\n"
        "    cargo.other.mass: {same_quantile_as: cargo.48N6.mass}\n"
        "    flights.g.count: {same_quantile_as: cargo.48N6.mass}\n",
    )
    inputs = inputs_of(s)
    names = [i.name for i in inputs]
    codes = draw(inputs, s.uncertainty, N, 11)
    heavy = codes[:, names.index("cargo.48N6.mass")]
    # the flagship's 40N6 canister is the 48N6 estimate plus 0.1 t, in every draw
    assert np.array_equal(codes[:, names.index("cargo.40N6.mass")], heavy + 100)
    # a range of another width follows in order (comonotone), at the same relative place
    # (no two draws in opposite order: sorted by the leader, then by the follower among equal
    # leaders, the follower never falls)
    other = codes[:, names.index("cargo.other.mass")]
    assert np.all(np.diff(other[np.lexsort((other, heavy))]) >= 0)
    assert np.all(np.abs((other - 1000) / 500 - (heavy - 2300) / 1000) <= 1 / 500 + 1 / 1000)
    count = codes[:, names.index("flights.g.count")]
    assert np.all(np.diff(count[np.lexsort((count, heavy))]) >= 0)
    # the five counts share the range in fifths (the 48N6 mass, rounded to the kilogram, may
    # sit on the other side of a cell's edge only within a kilogram of it)
    cell = np.minimum(np.floor((heavy - 2300) / 1000 * 5), 4)
    off = count - 18 - cell
    near_edge = np.abs((heavy - 2300) % 200 - 100) >= 99
    assert np.all(off[~near_edge] == 0) and np.all(np.abs(off) <= 1)


def test_untied_inputs_are_drawn_apart() -> None:
    s = scenario(FLAGSHIP)
    codes = draw(inputs_of(s), None, N, 11)
    heavy, light = codes[:, 2] - 2300, codes[:, 3] - 2400
    correlation = np.corrcoef(heavy, light)[0, 1]
    assert abs(correlation) < 6 / math.sqrt(N)


def test_a_follower_needs_its_leader_among_the_inputs() -> None:
    s = scenario(FLAGSHIP, "    cargo.40N6.mass: {same_quantile_as: cargo.48N6.mass}\n")
    follower = [i for i in inputs_of(s) if i.name == "cargo.40N6.mass"]
    with pytest.raises(ValueError, match="not drawn"):
        draw(follower, s.uncertainty, 10, 0)


def test_the_same_seed_gives_the_same_array_and_another_seed_another() -> None:
    s = scenario(FLAGSHIP, "    cargo.48N6.mass: {pert: {mode: 2.8 t}}\n")
    inputs = inputs_of(s)
    first = draw(inputs, s.uncertainty, 1000, 20221117)
    assert first.dtype == np.int64 and first.shape == (1000, len(inputs))
    assert np.array_equal(first, draw(inputs, s.uncertainty, 1000, 20221117))
    assert not np.array_equal(first, draw(inputs, s.uncertainty, 1000, 20221118))


def test_any_split_into_batches_gives_the_same_rows() -> None:
    s = scenario(
        FLAGSHIP,
        "    cargo.48N6.mass: {normal: {mean: 2.8 t, sd: 0.3 t}}\n"
        "    cargo.40N6.mass: {same_quantile_as: cargo.48N6.mass}\n"
        "    aircraft.P.limits.slots: {discrete: {8: 1, 12: 2}}\n",
    )
    inputs = inputs_of(s)
    whole = draw(inputs, s.uncertainty, 1000, 7)
    rng = np.random.default_rng(0)
    for _ in range(5):
        cuts = sorted({0, 1000, *rng.integers(1, 1000, size=6).tolist()})
        pairs = itertools.pairwise(cuts)
        parts = [draw(inputs, s.uncertainty, b - a, 7, start=a) for a, b in pairs]
        assert np.array_equal(np.concatenate(parts), whole)
    # sample i alone is row i: it depends only on the seed and i
    for i in (0, 1, 3, 4, 5, 999):
        assert np.array_equal(draw(inputs, s.uncertainty, 1, 7, start=i)[0], whole[i])
    # later samples do not change earlier ones
    assert np.array_equal(draw(inputs, s.uncertainty, 3000, 7)[:1000], whole)


def test_an_input_draws_the_same_values_whatever_else_is_drawn() -> None:
    s = scenario(FLAGSHIP, "    cargo.other.mass: {pert: {mode: 1.1 t}}\n")
    inputs = inputs_of(s)
    every = draw(inputs, s.uncertainty, 500, 3)
    column_of = {i.name: k for k, i in enumerate(inputs)}
    some = [inputs[column_of["cargo.other.mass"]], inputs[column_of["flights.g.count"]]]
    assert np.array_equal(
        draw(some[::-1], s.uncertainty, 500, 3),
        every[:, [column_of["flights.g.count"], column_of["cargo.other.mass"]]],
    )


def test_uniforms_are_the_top_bits_of_a_counter_based_stream() -> None:
    u = uniforms(5, "cargo.c.mass", 12)
    assert np.all((u > 0) & (u < 1))
    assert np.array_equal(uniforms(5, "cargo.c.mass", 5, start=7), u[7:12])
    assert not np.array_equal(uniforms(5, "cargo.c.mas", 12), u)
    k = (u * 2.0**53 - 0.5).astype(np.uint64)
    assert np.all(k.astype(np.float64) + 0.5 == u * 2.0**53)  # exact multiples


def test_huge_ranges_stay_inside_without_overflow() -> None:
    top = 2**62
    s = scenario(
        f"  c: {{kind: c, mass: {{min: 1 kg, max: {top} kg}}}}", counts=f"{{min: 0, max: {top}}}"
    )
    inputs = inputs_of(s)
    codes = draw(inputs, None, 2000, 1)
    for k, item in enumerate(inputs):
        assert codes[:, k].min() >= item.lo and codes[:, k].max() <= item.hi
        assert codes[:, k].max() > item.hi // 2  # the top half is reached


def test_a_row_pins_the_scenario_at_exact_values_inside_every_range() -> None:
    s = scenario(
        '  c: {kind: c, mass: {min: "106,000 lb", max: 50 t}}',
        "    cargo.c.mass: {normal: {mean: 49 t, sd: 2 t}}\n",
    )
    inputs = inputs_of(s)
    for row in draw(inputs, s.uncertainty, 50, 8):
        values = values_of(inputs, row)
        assert all(i.lo <= values[i.path] <= i.hi for i in inputs)
        fixed = pinned(s, values)
        assert inputs_of(fixed) == []  # every range is now one value
        assert fixed.cargo["c"].unit_mass.min.value == values[("cargo", "c", "mass")]
