"""Load slots: the sums of n flights' loads, and nothing else, against brute force.

A lane whose loads are the solver's gives it load slots (``slot_sizes``): each
slot is one load within a flight's limits, flown by its size in flights. That
is exact only if, for every flight count n up to the lane's most, the sums of
the slots switched on with sizes adding up to n are exactly the sums of n
loads. Here both sets are enumerated for small random flights (a knapsack or
two, per-flight caps and minimums, one to three cargo types) and compared.
"""

from __future__ import annotations

import itertools
import random

import pytest

from airlift.model.problem import slot_sizes

Load = tuple[int, ...]


def _loads(rng: random.Random, types: int) -> tuple[frozenset[Load], int]:
    """A random flight's loads (the integer points of a small polytope) and its largest count."""
    most = rng.randint(2, 5)
    mass = [rng.randint(1, 4) for _ in range(types)]
    payload = rng.randint(3, 4 * types + 4)
    room = [rng.randint(0, 2) for _ in range(types)]
    floor = rng.randint(2, 6)
    least = rng.choice([0, 0, 1])  # sometimes every flight carries something
    loads = frozenset(
        x
        for x in itertools.product(range(most + 1), repeat=types)
        if sum(m * v for m, v in zip(mass, x, strict=True)) <= payload
        and sum(r * v for r, v in zip(room, x, strict=True)) <= floor
        and sum(x) >= least
    )
    return loads, most


def _sums_of_flights(loads: frozenset[Load], flights: int, types: int) -> list[set[Load]]:
    """Per n = 0 .. flights, every sum of n loads."""
    out = [{(0,) * types}]
    for _ in range(flights):
        out.append(
            {tuple(a + b for a, b in zip(s, x, strict=True)) for s in out[-1] for x in loads}
        )
    return out


def _sums_of_slots(
    loads: frozenset[Load], sizes: tuple[int, ...], flights: int, types: int
) -> list[set[Load]]:
    """Per n = 0 .. flights, every sum the slots give with sizes switched on adding up to n."""
    reach: dict[int, set[Load]] = {0: {(0,) * types}}
    for size in sizes:
        grown = {n: set(sums) for n, sums in reach.items()}
        for n, sums in reach.items():
            if n + size > flights:
                continue
            grown.setdefault(n + size, set()).update(
                tuple(a + size * b for a, b in zip(s, x, strict=True)) for s in sums for x in loads
            )
        reach = grown
    return [reach.get(n, set()) for n in range(flights + 1)]


@pytest.mark.parametrize("seed", range(40))
def test_slots_give_exactly_the_sums_of_flights_loads(seed: int) -> None:
    rng = random.Random(seed)
    types = rng.choice([1, 1, 2, 2, 3])
    loads, most = _loads(rng, types)
    flights = rng.randint(5, 18 if types < 3 else 10)
    sizes = slot_sizes(flights, types, most)
    want = _sums_of_flights(loads, flights, types)
    got = _sums_of_slots(loads, sizes, flights, types)
    for n in range(flights + 1):
        assert got[n] == want[n], f"{n} flights of {sorted(loads)} in slots {sizes}"


def test_slots_of_many_flights_are_few_and_sized_in_powers_of_two() -> None:
    sizes = slot_sizes(1000, 6, 2400)
    assert len(sizes) == 375  # 2**6 = 64 distinct loads at most; 1,000 flights one each
    assert set(sizes) == {2**b for b in range(10)}
    assert sizes.count(1) == 64 and sizes.count(512) == 1
    assert slot_sizes(36, 5, 500) == (1,) * 36  # fewer flights than distinct loads: one each
    assert len(slot_sizes(2**60, 6, 2400)) < 4_000  # grows with the bits of the count
    assert len(slot_sizes(10**6, 40, 100)) < 15_000  # the cone bound, where 2**40 is no bound


def test_too_few_slots_miss_a_sum_so_the_comparison_can_fail() -> None:
    """Two loads (1 and 2 units), four flights: one slot of each size cannot make 6 of 4
    flights (2 + 2 + 1 + 1), which the bound's two slots a size can."""
    loads = frozenset({(1,), (2,)})
    want = _sums_of_flights(loads, 4, 1)
    assert (6,) in want[4]
    assert _sums_of_slots(loads, (1, 2, 4), 4, 1)[4] != want[4]
    assert _sums_of_slots(loads, slot_sizes(4, 1, 2), 4, 1)[4] == want[4]
