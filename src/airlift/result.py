"""Plain results shared by the model, the analysis and the reports.

Everything here is a frozen dataclass or an enum of plain values: no solver
object ever crosses into these types, so results can be pickled, compared,
sent to other processes and rendered by pure functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "Allocation",
    "AllocationRow",
    "Analysis",
    "Bound",
    "ClaimResult",
    "Extreme",
    "Feasibility",
    "SolveStatus",
    "StatementRef",
    "TotalSpec",
    "ValueUsed",
    "Verdict",
]


class SolveStatus(StrEnum):
    """What one solver call established, mapped one-to-one from CP-SAT."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"
    MODEL_INVALID = "model_invalid"


class Feasibility(StrEnum):
    """Whether a set of statements can hold together."""

    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"


class Verdict(StrEnum):
    """A claim judged against the observations and assumptions (the base)."""

    IMPLIED = "implied"  #: holds in every allocation consistent with the base
    CONSISTENT = "consistent"  #: holds in some allocation, fails in another
    INCONSISTENT = "inconsistent"  #: holds in no allocation consistent with the base
    UNKNOWN = "unknown"  #: the time limit ran out before either was proven


@dataclass(frozen=True)
class AllocationRow:
    """``count`` flights of group ``flights`` landing at ``to``, each carrying ``load``.

    ``load`` maps cargo type to units per flight, in the scenario's cargo order,
    without zero entries; an empty load is an empty flight.
    """

    flights: str
    to: str
    count: int
    load: tuple[tuple[str, int], ...]

    def load_dict(self) -> dict[str, int]:
        return dict(self.load)


@dataclass(frozen=True)
class Allocation:
    """A complete assignment of every flight to a destination and a load."""

    rows: tuple[AllocationRow, ...]


@dataclass(frozen=True)
class TotalSpec:
    """A quantity to total over flights: a cargo type, a kind, or ``flights``.

    Filters are tuples of names; ``None`` means "no filter". ``label`` is the
    short human name used in reports, e.g. ``missile to Chkalovsky``.
    """

    total: str
    to: tuple[str, ...] | None = None
    from_: tuple[str, ...] | None = None
    aircraft: tuple[str, ...] | None = None
    flights: tuple[str, ...] | None = None

    @property
    def label(self) -> str:
        parts = [self.total]
        for word, names in (
            ("to", self.to),
            ("from", self.from_),
            ("on", self.aircraft),
            ("in", self.flights),
        ):
            if names is not None:
                parts.append(f"{word} {' or '.join(names)}")
        return " ".join(parts)


@dataclass(frozen=True)
class Extreme:
    """The minimum or maximum of a total, as a certified interval.

    The true extreme lies in ``[lo, hi]``. It is proven when ``lo == hi``.
    For a maximum, ``hi is None`` means unbounded when ``unbounded`` is set
    and "no finite bound is known" otherwise. ``witness`` is an allocation
    consistent with the base whose total is ``witness_value``.
    """

    sense: str  # "min" or "max"
    lo: int | None
    hi: int | None
    status: SolveStatus
    unbounded: bool = False
    witness: Allocation | None = None
    witness_value: int | None = None

    @property
    def proven(self) -> bool:
        return self.unbounded or (self.lo is not None and self.lo == self.hi)


@dataclass(frozen=True)
class Bound:
    """The range of one total over all allocations consistent with the base."""

    spec: TotalSpec
    min: Extreme
    max: Extreme

    @property
    def proven(self) -> bool:
        return self.min.proven and self.max.proven

    @property
    def outer(self) -> tuple[int | None, int | None]:
        """A certified outer range ``[lowest possible, highest possible]``."""
        return self.min.lo, self.max.hi


@dataclass(frozen=True)
class StatementRef:
    """Where a statement (assumption, claim or flight group) was written."""

    id: str
    role: str  # "claim", "assumption" or "flights"
    says: str | None
    line: int | None
    source: str | None  # the source id
    source_label: str | None  # e.g. "Daily Mirror, 2022-11-17"


@dataclass(frozen=True)
class ClaimResult:
    """One claim's verdict with the allocations that prove it."""

    ref: StatementRef
    verdict: Verdict
    #: False when the verdict is right but not the strongest one that may hold
    #: (e.g. consistent, but the time limit stopped the check for implied).
    settled: bool
    reason: str
    holds: Allocation | None = None  #: an allocation where the claim holds
    fails: Allocation | None = None  #: an allocation where the claim fails
    #: For a claim on a sum: how low and how high that sum can go over the base.
    range: Bound | None = None


@dataclass(frozen=True)
class ValueUsed:
    """A scenario value and the integer the model used for it, with why."""

    field: str  # e.g. "aircraft.Il-76MD.payload"
    written: str  # e.g. "{min: 40 t, max: 48 t}"
    used: int
    unit: str  # "kg", "cm" or "" for counts
    #: "max" when the largest value is the permissive one (payload, limits),
    #: "min" when the smallest is (item mass, uses).
    side: str
    #: The exact value was not a whole number of units; ``used`` is then rounded
    #: toward the permissive side for display, while the model uses the exact value.
    rounded: bool = False
    line: int | None = None  #: where the value is written in the scenario file
    source: str | None = None  #: the label of the source the entry cites


@dataclass(frozen=True)
class Analysis:
    """Everything `airlift solve` answers about one scenario."""

    title: str
    file: str | None
    base_status: Feasibility
    status: Feasibility  #: the base and all claims together
    claims: tuple[ClaimResult, ...]
    bounds: tuple[Bound, ...]
    example: Allocation | None  #: satisfies the base and every claim
    values_used: tuple[ValueUsed, ...]
    assumptions: tuple[StatementRef, ...]
    flight_groups: tuple[StatementRef, ...]
    settings: dict[str, object] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
