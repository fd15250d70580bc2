"""Load boxes against a literal enumeration of every load one flight can carry."""

from __future__ import annotations

import random
from itertools import product

import pytest

from airlift.model.patterns import CarriedType, FlightSpec, load_boxes


def _all_loads(spec: FlightSpec) -> set[tuple[int, ...]]:
    """Every per-class load that some vector of units per type realizes (brute force)."""
    tops = []
    for t in spec.types:
        tops.append(min(c // u for c, u in zip(spec.capacity, t.usage) if u > 0))
    loads = set()
    for units in product(*(range(top + 1) for top in tops)):
        used = [
            sum(n * t.usage[r] for n, t in zip(units, spec.types))
            for r in range(len(spec.capacity))
        ]
        if any(u > c for u, c in zip(used, spec.capacity)):
            continue
        load = [0] * spec.classes
        for n, t in zip(units, spec.types):
            load[t.klass] += n
        if any(sum(load[k] for k in ks) > hi for ks, hi in spec.upper):
            continue
        if any(sum(load[k] for k in ks) < lo for ks, lo in spec.lower):
            continue
        loads.add(tuple(load))
    return loads


def _box_loads(spec: FlightSpec) -> set[tuple[int, ...]]:
    loads = set()
    for box in load_boxes(spec):
        for load in product(*(range(f, c + 1) for f, c in zip(box.floor, box.ceiling))):
            loads.add(load)
    return loads


def _random_spec(rng: random.Random) -> FlightSpec:
    classes = rng.randint(1, 3)
    resources = rng.randint(1, 3)
    capacity = tuple(rng.randint(4, 14) for _ in range(resources))
    types = []
    for index in range(rng.randint(1, 4)):
        usage = (rng.randint(1, 5), *tuple(rng.randint(0, 3) for _ in range(resources - 1)))
        types.append(CarriedType(index, rng.randrange(classes), usage))
    upper = tuple(
        (tuple(sorted(rng.sample(range(classes), rng.randint(1, classes)))), rng.randint(0, 5))
        for _ in range(rng.randint(0, 1))
    )
    lower = tuple(
        (tuple(sorted(rng.sample(range(classes), rng.randint(1, classes)))), rng.randint(1, 3))
        for _ in range(rng.randint(0, 2))
    )
    return FlightSpec(classes, len(types), capacity, tuple(types), upper, lower)


@pytest.mark.parametrize("seed", range(150))
def test_boxes_cover_exactly_the_loads_one_flight_can_carry(seed: int) -> None:
    spec = _random_spec(random.Random(seed))
    assert _box_loads(spec) == _all_loads(spec)


@pytest.mark.parametrize("seed", range(60))
def test_box_realizations_fit_and_carry_the_ceiling(seed: int) -> None:
    spec = _random_spec(random.Random(seed))
    for box in load_boxes(spec):
        units = box.realization
        used = [
            sum(units[t.index] * t.usage[r] for t in spec.types) for r in range(len(spec.capacity))
        ]
        assert all(u <= c for u, c in zip(used, spec.capacity))
        per_class = [0] * spec.classes
        for t in spec.types:
            per_class[t.klass] += units[t.index]
        assert tuple(per_class) == box.ceiling


def test_two_tier_il76_carries_twelve_canisters_of_the_lighter_type() -> None:
    # 48 t payload and 12 slots; canisters of 2,300 kg and 2,400 kg use one slot each.
    spec = FlightSpec(
        classes=1,
        cargo_types=2,
        capacity=(48_000, 12),
        types=(CarriedType(0, 0, (2_300, 1)), CarriedType(1, 0, (2_400, 1))),
        lower=(((0,), 1),),
    )
    (box,) = load_boxes(spec)
    assert (box.floor, box.ceiling, box.realization) == ((1,), (12,), (12, 0))


def test_a_minimum_no_load_can_meet_leaves_no_box() -> None:
    spec = FlightSpec(
        classes=1,
        cargo_types=1,
        capacity=(1_000,),
        types=(CarriedType(0, 0, (2_000,)),),
        lower=(((0,), 1),),
    )
    assert load_boxes(spec) == ()
