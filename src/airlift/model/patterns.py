"""What one flight can carry, counted per cargo class, as a few load boxes.

Every per-flight constraint of format v1 except a per-flight *minimum* is a
packing constraint (non-negative uses, upper limits), so the loads one flight
can carry, counted per class, form a set closed downward. Such a set is the
union of the boxes ``[0, u]`` over its maximal elements ``u``; a per-flight
minimum raises the floor of those boxes. We enumerate the maximal loads by a
depth-first search over classes, tracking for each partial load the
Pareto-minimal resource use (mass, each loading limit) that realizes it.

Pure Python over integers: no solver, exact arithmetic.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import product
from operator import add, itemgetter, le
from typing import TypeVar

from airlift.model import budget
from airlift.model.problem import Box, CarriedType, FlightSpec

__all__ = ["MAX_BOXES", "CarriedType", "FlightSpec", "TooManyLoads", "load_boxes"]

Vector = tuple[int, ...]
T = TypeVar("T")


#: How many load boxes one flight may need before we give up on the model:
#: a pattern model grows with the number of cargo classes told apart at once
#: (5 classes on a 120 t, 30-slot aircraft already need about 13,000).
MAX_BOXES = 20_000


class TooManyLoads(Exception):
    """One flight can carry more distinct maximal loads than the model may enumerate."""


def load_boxes(spec: FlightSpec, limit: int = MAX_BOXES) -> tuple[Box, ...]:
    """All load boxes of one flight; empty when no load meets the per-flight minimums.

    Raises :class:`TooManyLoads` when more than ``limit`` boxes would be needed.
    """
    key = (spec, limit)
    if key in _TOO_LARGE:
        raise TooManyLoads(_TOO_LARGE[key])
    try:
        return _load_boxes(spec, limit)
    except TooManyLoads as exc:
        _TOO_LARGE[key] = str(exc)
        raise


#: Specs already found too large, so that asking again costs nothing.
_TOO_LARGE: dict[tuple[FlightSpec, int], str] = {}


@lru_cache(maxsize=4096)
def _load_boxes(spec: FlightSpec, limit: int) -> tuple[Box, ...]:
    spec = _without_slack_resources(spec)
    free = _free_classes(spec)
    if free:
        return _with_free_classes(spec, free, limit)
    space = _LoadSpace(spec, limit)
    ceilings = space.maximal_loads()
    floors = space.minimal_floors()
    boxes = []
    for floor in floors:
        for ceiling in ceilings:
            if all(f <= c for f, c in zip(floor, ceiling, strict=True)):
                boxes.append(Box(floor, ceiling, space.realize(ceiling)))
                if len(boxes) > limit:
                    raise TooManyLoads(f"more than {limit:,} load boxes")
    return tuple(boxes)


def _without_slack_resources(spec: FlightSpec) -> FlightSpec:
    """``spec`` with every resource no load within the per-class caps can fill zeroed out.

    A what-if that drops a payload makes it roomy rather than absent; when
    every class has a cap of its own, a resource that the capped loads cannot
    fill changes nothing, and zeroing it lets a class that uses nothing else
    be set to its cap instead of being walked unit by unit.
    """
    caps: dict[int, int] = {}
    for ks, hi in spec.upper:
        if len(ks) == 1:
            caps[ks[0]] = min(hi, caps.get(ks[0], hi))
    if any(t.klass not in caps for t in spec.types):
        return spec
    slack = []
    for r, capacity in enumerate(spec.capacity):
        heaviest: dict[int, int] = {}
        for t in spec.types:
            heaviest[t.klass] = max(heaviest.get(t.klass, 0), t.usage[r])
        if sum(caps[k] * use for k, use in heaviest.items()) <= capacity:
            slack.append(r)
    if not slack:
        return spec
    types = tuple(
        replace(t, usage=tuple(0 if r in slack else u for r, u in enumerate(t.usage)))
        for t in spec.types
    )
    return replace(spec, types=types)


def _free_classes(spec: FlightSpec) -> dict[int, int]:
    """Classes with a type that uses no resource and only bounds of their own.

    Such a class (a what-if that drops a mass, say) costs a flight nothing, so
    every maximal load carries as many of it as its own per-flight bounds allow.
    Maps each to the index of that type.
    """
    bounds = (*spec.upper, *spec.lower)
    free: dict[int, int] = {}
    for t in spec.types:
        if t.klass in free or any(t.usage):
            continue
        if all(ks == (t.klass,) for ks, _ in bounds if t.klass in ks):
            free[t.klass] = t.index
    return free


def _with_free_classes(spec: FlightSpec, free: dict[int, int], limit: int) -> tuple[Box, ...]:
    """The boxes of ``spec``: those of the other classes, each free class at its own bounds.

    Raises :class:`TooManyLoads` when a free class has no upper bound at all
    (a flight could carry infinitely many).
    """
    own = {(k,) for k in free}
    rest = replace(
        spec,
        types=tuple(t for t in spec.types if t.klass not in free),
        upper=tuple(b for b in spec.upper if b[0] not in own),
        lower=tuple(b for b in spec.lower if b[0] not in own),
    )
    boxes = list(_load_boxes(rest, limit))
    for k, index in free.items():
        tops = [hi for ks, hi in spec.upper if ks == (k,)]
        if not tops:
            raise TooManyLoads(f"no bound on class {k} per flight")
        top = min(tops)
        bottom = max((lo for ks, lo in spec.lower if ks == (k,)), default=0)
        if bottom > top:
            return ()
        boxes = [
            Box(
                _set(box.floor, k, bottom),
                _set(box.ceiling, k, top),
                _set(box.realization, index, box.realization[index] + top),
            )
            for box in boxes
        ]
    return tuple(boxes)


def _set(vector: Vector, position: int, value: int) -> Vector:
    return (*vector[:position], value, *vector[position + 1 :])


def _pareto(points: Sequence[tuple[Vector, T]]) -> list[tuple[Vector, T]]:
    """Keep the (usage, realization) pairs whose usage no other pair's usage dominates.

    Ties keep the pair that sorts first, so the choice is reproducible.
    """
    kept: list[tuple[Vector, T]] = []
    usages: list[Vector] = []
    for usage, payload in sorted(points, key=itemgetter(0)):
        if not any(all(map(le, other, usage)) for other in usages):
            kept.append((usage, payload))
            usages.append(usage)
    return kept


# Vectors of one problem all have the same length: ``map`` over two of them is the
# fastest exact form in pure Python (these run millions of times per enumeration).
def _add(a: Vector, b: Vector) -> Vector:
    return tuple(map(add, a, b))


def _fits(usage: Vector, capacity: Vector) -> bool:
    return all(map(le, usage, capacity))


class _LoadSpace:
    """The loads of one flight, counted per class, with their cheapest realizations."""

    def __init__(self, spec: FlightSpec, limit: int = MAX_BOXES) -> None:
        self.spec = spec
        self.limit = limit
        zero = tuple(0 for _ in spec.capacity)
        self.zero = zero
        self.zero_fits = _fits(zero, spec.capacity)
        #: per class, the carried types no other type of the class beats on every resource
        self.types: list[list[CarriedType]] = [[] for _ in range(spec.classes)]
        for t in spec.types:
            self.types[t.klass].append(t)
        for k, members in enumerate(self.types):
            self.types[k] = [
                t
                for i, t in enumerate(members)
                if not any(_dominates(o, t, j < i) for j, o in enumerate(members) if j != i)
            ]
        #: Classes carried, in search order: bulk last, so that its grains are galloped
        #: over once per load of the units rather than walked one by one.
        bulk = {t.klass for t in spec.types if t.bulk}
        self.carried = sorted(
            (k for k in range(spec.classes) if self.types[k]), key=bulk.__contains__
        )
        #: per class, per count n: Pareto set of (usage, composition over self.types[k])
        self._fronts: list[list[list[tuple[Vector, Vector]]]] = [
            [[(zero, tuple(0 for _ in self.types[k]))]] for k in range(spec.classes)
        ]
        self._feasible: dict[Vector, list[tuple[Vector, tuple[Vector, ...]]] | None] = {}
        self._prefixes: dict[Vector, list[tuple[Vector, tuple[Vector, ...]]]] = {}

    def front(self, k: int, n: int) -> list[tuple[Vector, Vector]]:
        """Pareto-minimal usages of exactly ``n`` units of class ``k`` (empty: impossible)."""
        if len(self.types[k]) == 1:  # one type: the front is one point, computed directly
            usage = tuple(n * u for u in self.types[k][0].usage)
            return [(usage, (n,))] if _fits(usage, self.spec.capacity) else []
        fronts = self._fronts[k]
        while len(fronts) <= n:
            budget.check()
            previous = fronts[-1]
            grown = []
            for usage, comp in previous:
                for i, t in enumerate(self.types[k]):
                    new = _add(usage, t.usage)
                    if _fits(new, self.spec.capacity):
                        grown.append((new, (*comp[:i], comp[i] + 1, *comp[i + 1 :])))
            fronts.append(_pareto(grown))
        return fronts[n]

    def _within_upper(self, load: Vector) -> bool:
        return all(sum(load[k] for k in ks) <= hi for ks, hi in self.spec.upper)

    def combos(self, load: Vector) -> list[tuple[Vector, tuple[Vector, ...]]] | None:
        """Pareto-minimal usages realizing ``load`` (per class), or None when it cannot fly."""
        if load in self._feasible:
            return self._feasible[load]
        budget.check()
        result: list[tuple[Vector, tuple[Vector, ...]]] | None = None
        if self._within_upper(load) and all(
            load[k] == 0 or self.types[k] for k in range(self.spec.classes)
        ):
            result = self._partial(load) or None
        self._feasible[load] = result
        return result

    def _partial(self, prefix: Vector) -> list[tuple[Vector, tuple[Vector, ...]]]:
        """Pareto-minimal usages realizing the units ``prefix`` gives its first classes.

        Kept per prefix: the loads the search asks about share long prefixes, so each
        is merged once with the fronts of the classes after it.
        """
        known = self._prefixes.get(prefix)
        if known is not None:
            return known
        if not prefix:
            return [(self.zero, ())]
        partial = self._partial(prefix[:-1])
        k = len(prefix) - 1
        if prefix[k] == 0 and self.zero_fits:
            # None of class k: its front is the zero usage alone, so merging leaves the
            # usages, each already fitting and Pareto-minimal in order, as they are.
            ((_, none),) = self.front(k, 0)
            result = [(u, (*comps, none)) for u, comps in partial]
            self._prefixes[prefix] = result
            return result
        capacity = self.spec.capacity
        merged = []
        if partial:
            front = self.front(k, prefix[k])
            for u, comps in partial:
                for fu, fc in front:
                    total = _add(u, fu)
                    if _fits(total, capacity):
                        merged.append((total, (*comps, fc)))
        result = _pareto(merged)
        self._prefixes[prefix] = result
        return result

    def feasible(self, load: Vector) -> bool:
        return self.combos(load) is not None

    def maximal_loads(self) -> list[Vector]:
        """Every load (per class) to which no single unit of any class can be added."""
        classes = self.spec.classes
        out: list[Vector] = []
        if not self.carried:
            return [tuple(0 for _ in range(classes))]
        last = self.carried[-1]
        # The search visits each feasible prefix once; cap the work, not only the output.
        work = [20 * self.limit]

        def bump(load: Vector, k: int) -> Vector:
            return (*load[:k], load[k] + 1, *load[k + 1 :])

        def search(load: Vector, position: int) -> None:
            work[0] -= 1
            if work[0] < 0 or len(out) > self.limit:
                raise TooManyLoads(f"more than {self.limit:,} maximal loads")
            k = self.carried[position]
            if k == last:
                best = self._furthest(load, k)
                if all(not self.feasible(bump(best, j)) for j in self.carried):
                    out.append(best)
                return
            current = load
            while self.feasible(current):
                search(current, position + 1)
                current = bump(current, k)

        search(tuple(0 for _ in range(classes)), 0)
        return sorted(set(out), reverse=True)

    def _furthest(self, load: Vector, k: int) -> Vector:
        """``load`` with as many units of class ``k`` added as still fit (galloping search)."""

        def plus(n: int) -> Vector:
            return (*load[:k], load[k] + n, *load[k + 1 :])

        good, step = 0, 1
        while self.feasible(plus(good + step)):
            good, step = good + step, step * 2
        bad = good + step
        while bad - good > 1:
            middle = (good + bad) // 2
            if self.feasible(plus(middle)):
                good = middle
            else:
                bad = middle
        return plus(good)

    def minimal_floors(self) -> list[Vector]:
        """The smallest loads meeting every per-flight minimum (the zero load if none).

        A load that meets the minimums and can fly is minimal exactly when no
        single unit can be taken off it with the minimums still met (anything
        smaller can fly too, the set being closed downward), which is a local
        test. Raises :class:`TooManyLoads` when the candidates to test exceed
        the budget: minimums on sums of many classes have very many minimal loads.
        """
        zero = tuple(0 for _ in range(self.spec.classes))
        lower = [(ks, lo) for ks, lo in self.spec.lower if lo > 0]
        if not lower:
            return [zero]
        involved = sorted({k for ks, lo in lower for k in ks})
        if all(len(ks) == 1 for ks, _ in lower):  # one floor: each class at its own minimum
            floor = list(zero)
            for ks, lo in lower:
                floor[ks[0]] = max(floor[ks[0]], lo)
            return [tuple(floor)] if self.feasible(tuple(floor)) else []
        top = {k: max(lo for ks, lo in lower if k in ks) for k in involved}
        candidates = math.prod(top[k] + 1 for k in involved)
        if candidates > 20 * self.limit:
            raise TooManyLoads(f"{candidates:,} candidate minimum loads")
        minimal = []
        for values in product(*(range(top[k] + 1) for k in involved)):
            load = list(zero)
            for k, v in zip(involved, values, strict=True):
                load[k] = v
            vec = tuple(load)
            if not self._meets(vec, lower) or not self.feasible(vec):
                continue
            if any(vec[k] > 0 and self._meets(_set(vec, k, vec[k] - 1), lower) for k in involved):
                continue
            minimal.append(vec)
        return sorted(minimal)

    @staticmethod
    def _meets(load: Vector, lower: list[tuple[tuple[int, ...], int]]) -> bool:
        return all(sum(load[k] for k in ks) >= lo for ks, lo in lower)

    def realize(self, load: Vector) -> Vector:
        """Units per cargo type of one cheapest way to carry ``load``."""
        combos = self.combos(load)
        assert combos is not None, "realize() needs a load that can fly"
        _, comps = combos[0]
        units = [0] * self.spec.cargo_types
        for k, comp in enumerate(comps):
            for t, n in zip(self.types[k], comp, strict=True):
                units[t.index] += n
        return tuple(units)


def _dominates(a: CarriedType, b: CarriedType, a_first: bool) -> bool:
    """``a`` uses no more of any resource than ``b`` (ties go to the earlier type)."""
    if a.usage == b.usage:
        return a_first
    return all(x <= y for x, y in zip(a.usage, b.usage, strict=True))
