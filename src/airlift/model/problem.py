"""The compiled, solver-neutral form of a scenario: integers only.

A *lane* is the set of flights of one group that land at one destination.
Flights of a lane are interchangeable, so the model counts them instead of
giving each its own variables. What one flight of a lane may carry is the set
of its *load boxes*: every load allowed on one flight lies in some box
``floor <= load <= ceiling``, and every load in a box is allowed, where loads
are counted per *cargo class* (cargo types that no statement tells apart).
The n-fold sums of such a set are exactly the sums of boxes, which is what
keeps the model independent of the number of flights.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Box", "Condition", "Group", "Lane", "Probe", "Problem", "Total"]


@dataclass(frozen=True)
class Box:
    """Loads ``floor <= y <= ceiling`` (per class) that one flight may carry.

    ``realization`` gives, per cargo type of the problem, units that realize
    ``ceiling``; any smaller load is realized by removing units of its class.
    """

    floor: tuple[int, ...]
    ceiling: tuple[int, ...]
    realization: tuple[int, ...]


@dataclass(frozen=True)
class Group:
    """One flight group: how many flights it may have and where they may land."""

    id: str
    aircraft: str
    origin: str
    count_min: int
    count_max: int | None  #: None: open above
    destinations: tuple[str, ...]


@dataclass(frozen=True)
class Lane:
    """The flights of ``groups[group]`` that land at ``destination``."""

    group: int
    destination: str
    boxes: tuple[Box, ...]  #: empty: no flight of the group may land here


@dataclass(frozen=True)
class Total:
    """A sum over the flights of some lanes: of cargo classes, or of flights."""

    lanes: tuple[int, ...]
    classes: tuple[int, ...] | None  #: None: count flights


@dataclass(frozen=True)
class Condition:
    """An aggregate requirement ``lo <= total <= hi`` (``hi`` None: open)."""

    id: str
    total: Total
    lo: int
    hi: int | None


@dataclass(frozen=True)
class Probe:
    """One flight, singled out from the selected lanes, whose load must lie in ``[lo, hi]``.

    Used to ask whether *some* selected flight can break a per-flight claim.
    """

    lanes: tuple[int, ...]
    classes: tuple[int, ...] | None  #: None: the flight itself (counts 1)
    lo: int
    hi: int | None


@dataclass(frozen=True)
class Problem:
    """Everything the CP-SAT model needs, as plain integers and names."""

    cargo_types: tuple[str, ...]  #: types the realization vectors refer to
    classes: tuple[tuple[str, ...], ...]  #: cargo types in each class
    groups: tuple[Group, ...]
    lanes: tuple[Lane, ...]
    conditions: tuple[Condition, ...]
    caps: tuple[int, ...]  #: per group, the largest flight count the model allows

    def lanes_of(self, group: int) -> list[int]:
        return [i for i, lane in enumerate(self.lanes) if lane.group == group]
