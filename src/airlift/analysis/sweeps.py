"""`airlift sweep`: how often each claim is possible across draws from the stated ranges.

A sweep draws N samples of every uncertain input (:mod:`airlift.analysis.sampling`,
weighted by the scenario's ``uncertainty:`` block) and decides every claim in each sample
exactly. Most samples need no solve:

- **corners**: where a claim's verdict is the same at both corners of the ranges
  (:mod:`airlift.analysis.robust`), every sample has it;
- **dominance**: a sample more permissive than one where the claim is possible is
  possible; one more restrictive than one where it is impossible is impossible (compared
  within samples of equal flight counts; not for mass totals of ranged unit masses, which
  are not monotone);
- **cache**: samples whose problems the solver would see alike share one solve
  (:mod:`airlift.analysis.judge`).

Samples are labelled in fixed rounds (:data:`ROUND`), chosen by the order of their ranks, not
by which worker answers first, so the same seed gives the same bytes with any ``jobs`` or
cluster. A sample cut short by a time limit is unknown: it counts as neither possible nor
impossible, and widens the reported share into an interval.

A share is a statement about the ranges and the chosen weights, not about the world.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from airlift.analysis.analyze import JudgedClaims, judge_claims
from airlift.analysis.curve import TippingCurve, tipping_curve
from airlift.analysis.engine import Engine
from airlift.analysis.judge import FAILS, POSSIBLE, Item, Question, SweepContext, judge_batch
from airlift.analysis.parallel import run_batches
from airlift.analysis.refs import Located
from airlift.analysis.robust import mass_sensitive, range_inputs
from airlift.analysis.sampling import draw, values_of
from airlift.analysis.sweep_stats import (
    Quantiles,
    Share,
    Swing,
    first_order,
    ks_distance,
    quantiles,
    share,
    tornado,
)
from airlift.analysis.totals import estimate_specs, grains
from airlift.model import SolveOptions
from airlift.result import (
    Extent,
    Feasibility,
    RangeInput,
    Robust,
    StatementRef,
    TotalSpec,
)
from airlift.scenario.inputs import Favours, Input, inputs_of, pinned
from airlift.scenario.schema import Scenario

__all__ = ["BOUND_SAMPLES", "ROUND", "BoundSweep", "ClaimSweep", "SweepResult", "sweep"]

#: Samples labelled per round (fixed, so the solves made do not depend on ``jobs``).
ROUND = 256
#: Samples per task sent to a worker: a Dask task costs milliseconds, a sample about one.
BATCH = 64
#: How many samples (the first ones) the estimates' bounds are computed over.
BOUND_SAMPLES = 100

_UNLABELLED = -2

Labels = npt.NDArray[np.int8]


@dataclass(frozen=True)
class ClaimSweep:
    """One claim across the samples."""

    id: str
    says: str | None
    possible: Share
    implied: Share
    #: The verdict for every value in the ranges (from the corners), as ``airlift solve``.
    robust: Robust | None
    #: True when the corners alone decided every sample.
    by_corners: bool
    tornado: tuple[Swing, ...]
    #: Given-data first-order indices per input (None where the share is near 0 or 1).
    first_order: tuple[float | None, ...]
    #: Kolmogorov–Smirnov distance per input between possible and impossible samples.
    ks: tuple[float | None, ...]
    curve: TippingCurve | None
    #: Where the claim was written (its line and source), as ``airlift solve`` cites it.
    ref: StatementRef | None = None


@dataclass(frozen=True)
class BoundSweep:
    """An estimated total's least and greatest value across the first samples.

    ``least_values`` and ``most_values`` hold the value in each of those samples, in the
    order drawn (NaN: not settled within the time limit or the wall clock; inf: unbounded),
    for a histogram; ``least`` and ``most`` are their quantiles.
    """

    label: str
    unit: str
    least: Quantiles
    most: Quantiles
    least_values: npt.NDArray[np.float64] = field(compare=False, repr=False)
    most_values: npt.NDArray[np.float64] = field(compare=False, repr=False)


@dataclass(frozen=True)
class SweepResult:
    """Everything `airlift sweep` reports, as plain data (arrays for notebooks)."""

    title: str
    file: str | None
    samples: int
    seed: int
    inputs: tuple[RangeInput, ...]
    #: How each input was weighted, in words (``uniform``, ``pert mode 2.8 t``, ...).
    weights: tuple[str, ...]
    #: The drawn values, one row per sample, one column per input, in base units.
    values: npt.NDArray[np.float64]
    #: Per sample and claim: 1 possible, 0 impossible, -1 unknown.
    possible: Labels
    #: Per sample and claim: 1 certain (implied), 0 not, -1 unknown.
    implied: Labels
    claims: tuple[ClaimSweep, ...]
    bounds: tuple[BoundSweep, ...]
    #: Samples evaluated by a worker, questions solved and answered from the cache.
    evaluated: int
    base_status: Feasibility
    notes: tuple[str, ...] = ()
    settings: dict[str, object] | None = None


def sweep(
    scenario: Scenario | Located,
    samples: int | None = None,
    seed: int | None = None,
    options: SolveOptions | None = None,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    client: object | None = None,
    progress: Callable[[int, int], None] | None = None,
    bound_samples: int = BOUND_SAMPLES,
    shortcuts: bool = True,
) -> SweepResult:
    """Draw ``samples`` samples of every uncertain input and decide every claim in each.

    ``samples`` and ``seed`` default to the scenario's ``uncertainty:`` block (else
    10,000 and 0). ``jobs`` local processes, or a Dask ``scheduler`` address or ``client``,
    share the work; the result is the same whichever. ``progress(done, total)`` is called
    as samples get labelled. Without ``shortcuts`` every sample is solved (no corners, no
    dominance): slower, the same answers; for audits and tests.
    """
    options = options or SolveOptions()
    run = _Sweep(scenario, samples, seed, options, jobs, scheduler, client, progress)
    run.shortcuts = shortcuts
    return run.run(bound_samples)


class _Sweep:
    def __init__(
        self,
        scenario: Scenario | Located,
        samples: int | None,
        seed: int | None,
        options: SolveOptions,
        jobs: int,
        scheduler: str | None,
        client: object | None,
        progress: Callable[[int, int], None] | None,
    ) -> None:
        self.located = None if isinstance(scenario, Scenario) else scenario
        self.scenario = scenario if isinstance(scenario, Scenario) else scenario.scenario
        block = self.scenario.uncertainty
        self.samples = samples if samples is not None else (block.samples if block else 10_000)
        self.seed = seed if seed is not None else (block.seed if block else 0)
        self.options = options
        self.jobs, self.scheduler, self.client = jobs, scheduler, client
        self.progress = progress
        self.inputs = inputs_of(self.scenario)
        self.codes = draw(self.inputs, block, self.samples, self.seed)
        self.grains = grains(self.scenario)
        token = hashlib.sha256(
            f"{self.scenario.model_dump_json()}|{options!r}".encode()
        ).hexdigest()
        self.context = SweepContext(self.scenario, options, self.grains, token)
        self.evaluated = 0
        self.shortcuts = True
        self.started = time.monotonic()
        #: Remarks of the sweep itself (a wall clock that ran out), after the analysis's.
        self.notes: list[str] = []

    def run(self, bound_samples: int) -> SweepResult:
        analysis = judge_claims(
            self.located if self.located is not None else self.scenario, self.options
        )
        claims = self.scenario.claims
        n, c = self.samples, len(claims)
        possible = np.full((n, c), _UNLABELLED, dtype=np.int8)
        fails = np.full((n, c), _UNLABELLED, dtype=np.int8)
        if self.shortcuts:
            by_corners = self._corners(analysis, possible, fails)
            monotone = [mass_sensitive(self.scenario, s, self.inputs) is None for s in claims]
        else:
            by_corners = monotone = [False] * c
        self._label(possible, fails, monotone)
        implied = np.where(
            possible == 1, np.where(fails == 0, 1, np.where(fails == 1, 0, -1)), possible
        ).astype(np.int8)
        implied[possible == 0] = 0
        values = self._values()
        names = [i.name for i in self.inputs]
        results = []
        for j, claim in enumerate(claims):
            label = possible[:, j]
            robust = analysis.claims[j].robust
            results.append(
                ClaimSweep(
                    claim.id,
                    claim.says,
                    _share(label, by_corners[j]),
                    _share(implied[:, j], by_corners[j]),
                    robust,
                    by_corners[j],
                    tuple(tornado(values, label, names)) if self.inputs else (),
                    tuple(first_order(values, label)) if self.inputs else (),
                    tuple(ks_distance(values, label)) if self.inputs else (),
                    self._curve(j, label, values),
                    analysis.claims[j].ref,
                )
            )
        return SweepResult(
            title=self.scenario.title,
            file=self.located.file if self.located is not None else None,
            samples=n,
            seed=self.seed,
            inputs=range_inputs(self.inputs),
            weights=tuple(_weight_words(self.scenario, i) for i in self.inputs),
            values=values,
            possible=possible,
            implied=implied,
            claims=tuple(results),
            bounds=(
                self._bounds(min(bound_samples, n))
                if analysis.base_status is not Feasibility.INFEASIBLE
                else ()
            ),
            evaluated=self.evaluated,
            base_status=analysis.base_status,
            notes=(*analysis.notes, *self.notes, *_schedule_note(self.scenario)),
            settings=self.options.describe(),
        )

    # -- corners ------------------------------------------------------------------------------

    def _corners(self, analysis: JudgedClaims, possible: Labels, fails: Labels) -> list[bool]:
        """Label every sample of the claims whose corners agree; which ones did."""
        done = []
        for j, claim in enumerate(analysis.claims):
            r = claim.robust
            if analysis.base_status is Feasibility.INFEASIBLE:
                possible[:, j] = 0
                done.append(True)
                continue
            if r is None or not r.counts_each:
                done.append(False)
                continue
            if r.possible is Extent.EVERY:
                possible[:, j] = 1
            elif r.possible is Extent.NONE:
                possible[:, j] = 0
            if r.implied is Extent.EVERY:
                fails[:, j] = 0
            elif r.implied is Extent.NONE:
                fails[:, j] = 1
            decided = (Extent.EVERY, Extent.NONE)
            done.append(
                r.possible is Extent.NONE or (r.possible in decided and r.implied in decided)
            )
        return done

    # -- rounds -------------------------------------------------------------------------------

    def _label(self, possible: Labels, fails: Labels, monotone: list[bool]) -> None:
        n = self.samples
        physical = [k for k, i in enumerate(self.inputs) if not i.is_count]
        sign = np.array(
            [1 if self.inputs[k].favours is Favours.HIGH else -1 for k in physical], dtype=np.int64
        )
        oriented = self.codes[:, physical] * sign if physical else np.zeros((n, 0), np.int64)
        counted = [k for k, i in enumerate(self.inputs) if i.is_count]
        _, same_counts = (
            np.unique(self.codes[:, counted], axis=0, return_inverse=True)
            if (counted)
            else (None, np.zeros(n, dtype=np.int64))
        )
        same_counts = same_counts.reshape(-1)
        ranks = np.zeros(n, dtype=np.int64)
        for column in oriented.T:
            ranks += np.argsort(np.argsort(column, kind="stable"), kind="stable")
        order = np.argsort(ranks, kind="stable")
        total = n * max(1, possible.shape[1])
        while True:
            need_possible = possible == _UNLABELLED
            need_fails = (possible == 1) & (fails == _UNLABELLED)
            needed = (need_possible | need_fails).any(axis=1)
            if self.progress is not None:
                self.progress(total - int((need_possible | need_fails).sum()), total)
            if not needed.any():
                return
            if self._out_of_time():
                cut = int(needed.sum())
                possible[need_possible] = -1
                fails[need_fails] = -1
                self.notes.append(
                    f"The wall clock ran out (--max-seconds {self.options.max_seconds:g}) "
                    f"with {cut:,} draws undecided: they count as unknown, never as possible or "
                    "impossible; a faster machine or a larger budget may settle them."
                )
                return
            picked = _spread(order[needed[order]], ROUND)
            items: list[Item] = []
            for i in picked:
                questions: list[Question] = [
                    *((int(j), POSSIBLE) for j in np.flatnonzero(need_possible[i])),
                    *((int(j), FAILS) for j in np.flatnonzero(need_fails[i])),
                ]
                items.append((int(i), values_of(self.inputs, self.codes[i]), questions))
            batches = [items[k : k + BATCH] for k in range(0, len(items), BATCH)]
            answers = run_batches(
                judge_batch,
                self.context,
                batches,
                jobs=self.jobs,
                scheduler=self.scheduler,
                client=self.client,
            )
            self.evaluated += len(items)
            for batch, labels in zip(batches, answers, strict=True):
                for (i, _, questions), (_, got) in zip(batch, labels, strict=True):
                    for (j, what), label in zip(questions, got, strict=True):
                        target = possible if what == POSSIBLE else fails
                        target[i, j] = label
                        if monotone[j] and label >= 0:
                            _spread_label(target, j, i, label, oriented, same_counts)

    def _out_of_time(self) -> bool:
        budget = self.options.max_seconds
        return budget is not None and time.monotonic() - self.started > budget

    def _values(self) -> npt.NDArray[np.float64]:
        out = np.empty(self.codes.shape, dtype=np.float64)
        for k, item in enumerate(self.inputs):
            column = self.codes[:, k].astype(np.float64)
            out[:, k] = np.clip(column, float(item.lo), float(item.hi))
        return out

    # -- tipping curve ------------------------------------------------------------------------

    def _curve(self, j: int, label: Labels, values: npt.NDArray[np.float64]) -> TippingCurve | None:
        """For a claim some samples allow and some do not: the boundary over the two inputs
        that swing it most, others at their most favourable ends."""
        decided = label[label >= 0]
        if not (decided == 1).any() or not (decided == 0).any():
            return None
        names = [i.name for i in self.inputs]
        swings = tornado(values, label, names)
        physical = {i.name: i for i in self.inputs if not i.is_count}
        top = [s.name for s in swings if s.name in physical and s.swing][:2]
        if len(top) < 2:
            return None
        return tipping_curve(
            self.scenario,
            self.options,
            self.grains,
            self.scenario.claims[j],
            physical[top[0]],
            physical[top[1]],
            self.inputs,
        )

    # -- bounds -------------------------------------------------------------------------------

    def _bounds(self, count: int) -> tuple[BoundSweep, ...]:
        specs = estimate_specs(self.scenario)
        least = np.full((count, len(specs)), np.nan)
        most = np.full((count, len(specs)), np.nan)
        for i in range(count):
            if self._out_of_time():
                self.notes.append(
                    f"The estimates' bounds cover the first {i:,} draws only: the wall clock "
                    "ran out."
                )
                break
            engine = Engine(
                pinned(self.scenario, values_of(self.inputs, self.codes[i])),
                self.options,
                self.grains,
            )
            for k, spec in enumerate(specs):
                for sense, out in (("min", least), ("max", most)):
                    e = engine.extreme(spec, sense)
                    if e.unbounded:
                        out[i, k] = math.inf
                    elif e.proven and e.lo is not None:
                        out[i, k] = float(_counted(spec, e.lo))
        return tuple(
            BoundSweep(
                spec.label,
                _unit(spec),
                quantiles(least[:, k]),
                quantiles(most[:, k]),
                least[:, k].copy(),
                most[:, k].copy(),
            )
            for k, spec in enumerate(specs)
        )


def _share(label: Labels, exact: bool) -> Share:
    """The share of ``label``; when the corners decided it, exactly 0 or 1, no interval."""
    found = share(label)
    if not exact or found.share is None:
        return found
    point = (found.share, found.share)
    return dataclasses.replace(found, interval=point, bounds=point, bounds_interval=point)


def _counted(spec: TotalSpec, value: int) -> Fraction:
    """A total's model integer as the number a reader sees: a mass in its unit."""
    return Fraction(spec.measure.value(value))


def _spread(candidates: npt.NDArray[np.int64], most: int) -> npt.NDArray[np.int64]:
    """Up to ``most`` of ``candidates`` (in rank order), evenly spread: median first."""
    if len(candidates) <= most:
        return candidates
    picks = np.unique(np.linspace(0, len(candidates) - 1, most).round().astype(np.int64))
    return candidates[picks]


def _spread_label(
    target: Labels,
    j: int,
    i: int,
    label: int,
    oriented: npt.NDArray[np.int64],
    same_counts: npt.NDArray[np.int64],
) -> None:
    """A label at sample ``i`` carried to the samples it decides by monotonicity: a yes to
    every sample at least as permissive, a no to every one at least as restrictive."""
    column = target[:, j]
    open_ = (column == _UNLABELLED) & (same_counts == same_counts[i])
    if not open_.any():
        return
    rows = np.flatnonzero(open_)
    if label == 1:
        ok = (oriented[rows] >= oriented[i]).all(axis=1)
    else:
        ok = (oriented[rows] <= oriented[i]).all(axis=1)
    column[rows[ok]] = label


def _unit(spec: TotalSpec) -> str:
    m = spec.measure
    return m.unit if m.is_mass else m.what


def _weight_words(scenario: Scenario, item: Input) -> str:
    """How an input is weighted, in words: its ``uncertainty:`` entry, else uniform."""
    block = scenario.uncertainty
    w = None if block is None else block.inputs.get(item.name)
    if w is None:
        return "uniform"
    if w.triangular is not None:
        return f"triangular, mode {w.triangular.mode.text}"
    if w.pert is not None:
        return f"PERT, mode {w.pert.mode.text}"
    if w.normal is not None:
        return f"normal (mean {w.normal.mean.text}, sd {w.normal.sd.text}), truncated to the range"
    if w.discrete is not None:
        return "discrete: " + ", ".join(f"{k} (weight {v:g})" for k, v in w.discrete.items())
    if w.same_quantile_as is not None:
        return f"at the quantile of {w.same_quantile_as}"
    return "uniform"


def _schedule_note(scenario: Scenario) -> tuple[str, ...]:
    """What a sweep leaves to ``airlift solve``: the schedule, whose claims are decided at the
    two ends of its ranges there, and whose flights the loads here are not tied to."""
    if scenario.schedule is None:
        return ()
    n = len(scenario.schedule.claims)
    claims = f" and its {n} claim{'s' if n != 1 else ''}" if n else ""
    return (
        f"The scenario's schedule{claims} are not swept: the load claims here are judged on "
        "the loads alone, and `airlift solve` decides the schedule at the two ends of its "
        "ranges, and loads and schedule together.",
    )
