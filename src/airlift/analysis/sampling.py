"""Draw values of a scenario's uncertain inputs, reproducibly, on the model's grid.

A sweep asks the same questions of many samples of the inputs (the ranges of
:func:`~airlift.scenario.inputs.inputs_of`). :func:`draw` gives those samples as one integer
array, one row per sample and one column per input; :func:`values_of` turns a row into the
exact values that :func:`~airlift.scenario.inputs.pinned` fixes a scenario at.

**Reproducible in any split.** Sample ``i`` depends only on the seed, ``i`` and the input's
name: each input has its own stream of uniform numbers, a Philox generator whose 128-bit key is
the first half of SHA-256 of the seed and the name, and sample ``i`` takes the ``i``-th number
of that stream (Philox is a counter-based generator, so any ``i`` is reached at once by
setting its counter). Hence drawing samples ``[start, start + n)`` gives exactly those rows of
drawing ``[0, N)``, whatever the batches or workers, and adding, dropping or reordering other
inputs changes no input's values. numpy keeps the bits of its generators stable across
versions; everything after them here is plain arithmetic.

**Weights inside ranges.** One uniform ``u`` per input goes through the inverse distribution
function of the input's weighting (``uncertainty:``; uniform when not listed): ``u = 0.3``
gives the value 30% of the draws lie below. The shape is first found on [0, 1] (the relative
place in the range) and then carried onto the range:

- a mass or a length: the nearest point of the model's grid, every whole kg or cm inside the
  range and its two ends as written, even when they are not whole (so a continuous uniform
  gives each end half a step of weight, as rounding does);
- a count (a flight count, or a limit or use counted in units): the range's ``n`` whole values
  share [0, 1] in ``n`` equal cells, so a uniform count makes every value equally likely;
- ``discrete``: the values as written, each on the grid (a count's are whole already);
- ``same_quantile_as: OTHER``: OTHER's ``u`` (comonotone draws), through OTHER's shape, carried
  onto this input's range: when OTHER lies 30% of the way up its range, so does this input.

**The array.** :func:`draw` returns ``int64``, exact up to the largest value a scenario holds
(2**62). Each entry is the whole value in the base unit (kg, cm, units, flights), except that
an end of the range that is not whole (``106,000 lb`` = 48,080.8 kg) is coded by the whole
number just outside it (48,080 for a lower end, 48,081 for an upper one), which keeps the
order of values; :func:`values_of` turns codes back into exact values.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from airlift.analysis.quantiles import (
    beta_quantile,
    normal_cdf,
    normal_quantile,
    triangular_quantile,
)
from airlift.scenario.inputs import Input, InputPath
from airlift.scenario.uncertainty import UNIFORM, Uncertainty, Weighting
from airlift.scenario.units import Dimension

__all__ = ["code_of", "draw", "uniforms", "values_of"]

Floats = npt.NDArray[np.float64]
Codes = npt.NDArray[np.int64]

#: Marks the key derivation, so that no other use of SHA-256 over a seed shares its keys.
_DOMAIN = b"airlift.sampling.v1\x00"
#: numpy's Philox makes four 64-bit numbers per step of its counter.
_PER_COUNTER = 4


def uniforms(seed: int, name: str, samples: int, start: int = 0) -> Floats:
    """The uniform numbers in (0, 1) of samples ``start .. start + samples - 1`` of the input
    called ``name``: ``(k + 0.5) / 2**53`` for the top 53 bits ``k`` of each Philox output."""
    digest = hashlib.sha256(_DOMAIN + str(seed).encode() + b"\x00" + name.encode()).digest()
    key = int.from_bytes(digest[:16], "little")
    skip = start % _PER_COUNTER
    bits = np.random.Philox(key=key, counter=start // _PER_COUNTER)
    raw = bits.random_raw(samples + skip)[skip:]
    return ((raw >> np.uint64(11)).astype(np.float64) + 0.5) * 2.0**-53


def draw(
    inputs: Sequence[Input],
    block: Uncertainty | None,
    samples: int,
    seed: int,
    start: int = 0,
) -> Codes:
    """Samples ``start .. start + samples - 1`` of ``inputs``, weighted by ``block``.

    Returns an ``int64`` array of shape ``(samples, len(inputs))`` in base units, coded as
    the module says (:func:`values_of` gives exact values). An input that follows another
    (``same_quantile_as``) needs that input's range: it must be among ``inputs`` too.
    Raises ValueError for a weighting the loader would have refused.
    """
    if samples < 0 or start < 0:
        raise ValueError("samples and start must not be negative")
    by_name = {i.name: i for i in inputs}
    out = np.empty((samples, len(inputs)), dtype=np.int64)
    places: dict[str, Floats] = {}

    def place(name: str) -> Floats:
        """Where each sample of the input ``name`` lies in its range, in [0, 1]."""
        if name not in places:
            leader = by_name[name]
            u = uniforms(seed, name, samples, start)
            places[name] = _place(leader, _weighting(block, name), u)
        return places[name]

    for column, item in enumerate(inputs):
        weighting = _weighting(block, item.name)
        followed = weighting.same_quantile_as
        if followed is not None:
            if followed not in by_name:
                raise ValueError(f"{item.name} follows {followed}, which is not drawn")
            if _weighting(block, followed).same_quantile_as is not None:
                raise ValueError(f"{item.name} follows {followed}, which follows another")
            out[:, column] = _on_grid(item, place(followed))
        elif weighting.discrete is not None:
            u = uniforms(seed, item.name, samples, start)
            out[:, column] = _discrete(item, weighting, u)
        else:
            out[:, column] = _on_grid(item, place(item.name))
    return out


def _weighting(block: Uncertainty | None, name: str) -> Weighting:
    return UNIFORM if block is None else block.weighting(name)


def _relative(item: Input, value: Fraction) -> float:
    """Where ``value`` lies in ``item``'s range: 0 at the lower end, 1 at the upper."""
    if not item.lo <= value <= item.hi or item.lo == item.hi:
        raise ValueError(f"{value} is not inside the range of {item.name}")
    return float((value - item.lo) / (item.hi - item.lo))


def _place(item: Input, weighting: Weighting, u: Floats) -> Floats:
    """The quantiles ``u`` of ``item``'s weighting, as places in its range ([0, 1])."""
    if weighting.triangular is not None:
        return triangular_quantile(u, _relative(item, weighting.triangular.mode.value))
    if weighting.pert is not None:
        mode = _relative(item, weighting.pert.mode.value)
        return beta_quantile(u, 1 + 4 * mode, 1 + 4 * (1 - mode))
    if weighting.normal is not None:
        width = item.hi - item.lo
        mean = _relative(item, weighting.normal.mean.value)
        sd = float(weighting.normal.sd.value / width)
        if sd <= 0:
            raise ValueError(f"the sd of {item.name} must be more than zero")
        below, above = normal_cdf(np.array([-mean / sd, (1 - mean) / sd]))
        p = below + u * (above - below)
        return np.clip(mean + sd * normal_quantile(p), 0.0, 1.0)
    if weighting.discrete is not None:
        values, chosen = _chosen(weighting, u)
        return np.array([_relative(item, v) for v in values])[chosen]
    return u


def _chosen(weighting: Weighting, u: Floats) -> tuple[list[Fraction], npt.NDArray[np.intp]]:
    """A discrete weighting's values in increasing order, and the index of the value each
    ``u`` picks: value ``k`` takes the share of (0, 1) its weight is of the total."""
    points = sorted((q.value, w) for _, q, w in weighting.points())
    cumulative = np.cumsum([w for _, w in points])
    chosen = np.searchsorted(cumulative, u * cumulative[-1], side="right")
    return [v for v, _ in points], np.minimum(chosen, len(points) - 1)


def _discrete(item: Input, weighting: Weighting, u: Floats) -> Codes:
    """An input's own discrete weighting: its values as written, each on the grid."""
    values, chosen = _chosen(weighting, u)
    return np.array([code_of(item, v) for v in values], dtype=np.int64)[chosen]


def _on_grid(item: Input, place: Floats) -> Codes:
    """Places in [0, 1] as codes of ``item``'s grid values (see the module)."""
    lo, hi = item.lo, item.hi
    if item.dimension is Dimension.COUNT:
        if lo.denominator != 1 or hi.denominator != 1:
            raise ValueError(f"the range of {item.name} is not whole")
        cells = int(hi - lo) + 1
        cell = np.minimum(np.floor(place * cells), cells - 1).astype(np.int64)
        return np.int64(int(lo)) + cell
    low, high = math.floor(lo), math.ceil(hi)
    x = float(lo) + place * float(hi - lo)
    below = np.floor(x)
    nearer_below = x - np.maximum(below, float(lo)) <= np.minimum(below + 1, float(hi)) - x
    codes = np.where(nearer_below, below, below + 1)
    return np.clip(codes.astype(np.int64), low, high)


def code_of(item: Input, value: Fraction) -> int:
    """The code of the grid point of ``item`` nearest ``value`` (inside its range), exactly:
    a whole value is its own code; an end of the range that is not whole is coded by the
    whole number just outside it."""
    if not item.lo <= value <= item.hi:
        raise ValueError(f"{value} is not inside the range of {item.name}")
    below, above = math.floor(value), math.ceil(value)
    if value - max(Fraction(below), item.lo) <= min(Fraction(above), item.hi) - value:
        return below
    return above


def values_of(inputs: Sequence[Input], row: npt.NDArray[np.int64]) -> dict[InputPath, Fraction]:
    """The exact value of each input that a row of :func:`draw` codes, by input path: what
    :func:`~airlift.scenario.inputs.pinned` takes."""
    return {item.path: _value(item, int(code)) for item, code in zip(inputs, row, strict=True)}


def _value(item: Input, code: int) -> Fraction:
    if code <= item.lo:
        return item.lo
    if code >= item.hi:
        return item.hi
    return Fraction(code)
