"""The model's grid over one input's range, and an exact search along it.

Tipping points are exact on the grid a reader can quote: whole kg, whole cm, whole units
and flights, plus the range's own ends when they are not whole (a range written
``2.35 t`` to ``3.3 t`` starts at 2,350 kg, and ``12.5 kg`` stays 12.5 kg).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

__all__ = ["Grid", "first_true"]


class Grid:
    """The values of ``[lo, hi]`` a search tries: ``lo``, every whole number strictly
    between, and ``hi``; indexed from 0 without listing them."""

    def __init__(self, lo: Fraction, hi: Fraction) -> None:
        if hi < lo:
            raise ValueError(f"an empty range: {lo} to {hi}")
        self.lo, self.hi = lo, hi
        self._floor = math.floor(lo)
        inside = max(0, math.ceil(hi) - self._floor - 1)
        self.size = 1 if lo == hi else inside + 2

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, index: int) -> Fraction:
        if not 0 <= index < self.size:
            raise IndexError(index)
        if index == 0:
            return self.lo
        if index == self.size - 1:
            return self.hi
        return Fraction(self._floor + index)

    def index(self, value: Fraction) -> int:
        """The index of a grid value (``lo``, ``hi`` or a whole number between)."""
        if value == self.lo:
            return 0
        if value == self.hi:
            return self.size - 1
        if value.denominator != 1 or not self.lo < value < self.hi:
            raise ValueError(f"{value} is not on the grid of {self.lo} to {self.hi}")
        return int(value) - self._floor


def first_true(size: int, test: Callable[[int], bool]) -> int:
    """The least index in ``[0, size)`` where a monotone ``test`` (False, then True) holds;
    ``size`` when it holds nowhere. About log2(size) calls."""
    lo, hi = 0, size
    while lo < hi:
        mid = (lo + hi) // 2
        if test(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo
