"""The figures of the HTML report as plain data: what each chart shows, not how it is drawn.

Each figure is a frozen record of labels, numbers (floats in the axis unit, for drawing) and
the exact text of every number (what the reader sees, with its unit). The functions here
turn results into figures; :mod:`airlift.report.charts` draws them, and the HTML page lists
the same numbers in a table beside each chart. Keeping the two apart means a chart can be
fed any data of the right shape (a sweep's shares, a tornado's swings) and that what a
figure says can be tested without the plotting library.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from fractions import Fraction

from airlift.report.blocks import fmt_int
from airlift.report.units import measure_unit
from airlift.result import (
    ANY_TRIP,
    Bound,
    ClaimNeed,
    ClaimResult,
    FlightCapacity,
    LaneLimit,
    RangeInput,
    SolveStatus,
    TotalSpec,
    noun,
)

__all__ = [
    "Bar",
    "BarGroup",
    "BarsFigure",
    "Bin",
    "HistogramFigure",
    "Level",
    "Mark",
    "Point",
    "PointsFigure",
    "RangeFigure",
    "Span",
    "Step",
    "StepsFigure",
    "bound_figures",
    "capacity_figure",
    "need_figure",
    "payload_figure",
    "tipping_figures",
]


@dataclass(frozen=True)
class Mark:
    """A point on a range bar's row: a value the row is compared with (a claim's need)."""

    value: float
    text: str  #: the value for a reader, with its unit
    #: The mark lies outside the bar's range, where it cannot be met: drawn as a warning.
    outside: bool = False


@dataclass(frozen=True)
class Span:
    """One row of a range chart: a label and the two ends of a range, in the axis unit.

    ``lo`` None means there is no range (``lo_text`` says why); ``hi`` None with ``lo``
    set means the range is open above (``hi_text`` says ``unbounded``). ``proven`` False
    draws the range as a certified interval, not a proven one.
    """

    label: str
    lo: float | None
    hi: float | None
    lo_text: str
    hi_text: str
    proven: bool = True
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True)
class RangeFigure:
    """Range bars, one row each, on one axis: bounds per destination, or what claims need."""

    title: str
    axis: str  #: what the axis counts, as a unit: ``units``, ``flights``, ``t``
    rows: tuple[Span, ...]
    description: str  #: one sentence saying what the chart shows, for its caption


@dataclass(frozen=True)
class Bar:
    """One bar of a group: a label, a length in the axis unit and its text."""

    label: str
    value: float
    text: str
    strong: bool = False  #: drawn dark: the bar that matters (the limit that binds)


@dataclass(frozen=True)
class BarGroup:
    label: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class BarsFigure:
    """Horizontal bars in labelled groups on one axis (what each limit allows a flight)."""

    title: str
    axis: str
    groups: tuple[BarGroup, ...]
    description: str


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    x_text: str
    y_text: str


@dataclass(frozen=True)
class Level:
    """A horizontal line across a points chart, with its label (a structural maximum)."""

    y: float
    label: str


@dataclass(frozen=True)
class PointsFigure:
    """Labelled points on two axes with reference levels (payload against distance)."""

    title: str
    x_axis: str
    y_axis: str
    points: tuple[Point, ...]
    levels: tuple[Level, ...]
    description: str


@dataclass(frozen=True)
class Bin:
    """One bar of a histogram: the values from ``lo`` to ``hi`` (axis unit) and how many
    draws had one; ``label`` says which values in words (``216 units``, ``210-219 units``)."""

    lo: float
    hi: float
    count: int
    label: str
    text: str  #: the count for a reader: ``12 draws``


@dataclass(frozen=True)
class HistogramFigure:
    """How often each value came up across draws: bins on one axis, counts on the other."""

    title: str
    axis: str  #: the values' unit
    bins: tuple[Bin, ...]
    description: str
    #: Each bin is one value (centred on it), not a stretch of values.
    points: bool = False


@dataclass(frozen=True)
class Step:
    """One step of a staircase: over ``x0`` to ``x1`` on the horizontal axis, the region holds
    from ``lo`` to ``hi`` on the vertical one (both None: nowhere). ``known`` False means the
    step was cut short and says nothing. ``x_text`` and ``y_text`` say it in words."""

    x0: float
    x1: float
    lo: float | None
    hi: float | None
    x_text: str
    y_text: str
    known: bool = True


@dataclass(frozen=True)
class StepsFigure:
    """A region over two axes drawn as a staircase of steps (where a claim is possible over
    two ranges at once), within the box ``x_range`` by ``y_range``."""

    title: str
    x_axis: str  #: the horizontal input and its unit
    y_axis: str
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    steps: tuple[Step, ...]
    region: str  #: what the filled region is, for the legend: ``possible``
    description: str


# --- bounds --------------------------------------------------------------------------------


def _span(label: str, b: Bound, lo_text: str, hi_text: str) -> Span:
    """A bound's certified outer range: from the least its minimum may be (0 when nothing is
    known, as no total is negative) to the most its maximum may be (open when unknown)."""
    m = b.spec.measure
    if SolveStatus.INFEASIBLE in (b.min.status, b.max.status):
        return Span(label, None, None, lo_text, hi_text, proven=b.proven)
    lo, hi = b.outer
    return Span(
        label,
        0.0 if lo is None else float(m.value(lo)),
        None if hi is None else float(m.value(hi)),
        lo_text,
        hi_text,
        proven=b.proven,
    )


def _bare(b: Bound) -> TotalSpec:
    """What a bound totals, without its filters: ``missile``, ``flights``, ``sailings``."""
    return replace(b.spec, to=None, from_=None, aircraft=None, flights=None, given=None)


def _family(b: Bound) -> tuple[object, ...]:
    """What a bound counts: bounds alike in this share a chart (one axis, one unit)."""
    s = b.spec
    return (s.total, measure_unit(s.measure), s.trip if s.total == "flights" else "")


def _row_label(b: Bound) -> str:
    """A row's label: the bound's filters (``to Millerovo``, ``on B747F given aug24``), or
    ``in all`` for none; the chart's title says what is totalled."""
    bare = _bare(b).label
    return b.spec.label.removeprefix(bare).strip() or "in all"


def bound_figures(
    bounds: Iterable[Bound], ends: Callable[[Bound], tuple[str, str]]
) -> list[RangeFigure]:
    """One range chart per thing totalled (a cargo, flights), a row per bound of it: in all,
    per destination, per aircraft, given some claims.

    ``ends`` gives the report's words for a bound's two ends (``18 units``,
    ``84-96 units (time limit)``), so that charts and tables say the same. Charts keep the
    order of their first bound, rows the order of the bounds.
    """
    families: dict[tuple[object, ...], list[Bound]] = {}
    for b in bounds:
        families.setdefault(_family(b), []).append(b)
    out = []
    for members in families.values():
        first = members[0]
        what = _bare(first).label
        m = first.spec.measure
        unit = noun(0, m.trip) if m.what == "flights" else measure_unit(m)
        out.append(
            RangeFigure(
                title=f"Range of {what}",
                axis=unit,
                rows=tuple(_span(_row_label(b), b, *ends(b)) for b in members),
                description=(
                    f"The smallest and largest total of {what}, in {unit}, over every "
                    "allocation consistent with the observations and assumptions (claims "
                    "aside); hatched where a time limit left a certified interval, an arrow "
                    "where nothing caps it."
                ),
            )
        )
    return out


# --- thresholds ----------------------------------------------------------------------------


def capacity_figure(capacities: Iterable[FlightCapacity]) -> BarsFigure | None:
    """What one flight can carry of each cargo, by what each resource alone allows.

    One group per aircraft and cargo; the resources that stop the next unit are strong.
    Cargo counted in units and cargo carried by mass cannot share an axis, so only the
    capacities counted like the first are drawn (the table lists all). None when there
    is nothing to draw.
    """
    caps = [c for c in capacities if any(n is not None for _, n in c.allowed_by)]
    if not caps:
        return None
    unit = measure_unit(caps[0].measure)
    caps = [c for c in caps if measure_unit(c.measure) == unit]
    trips = {c.trip for c in caps}
    trip = trips.pop() if len(trips) == 1 else ANY_TRIP
    groups = tuple(
        BarGroup(
            f"{c.aircraft}, {c.cargo}",
            tuple(
                Bar(name, float(c.measure.value(n)), c.measure.text(n), name in c.binds)
                for name, n in c.allowed_by
                if n is not None
            ),
        )
        for c in caps
    )
    return BarsFigure(
        title=f"What one {trip} can carry",
        axis=unit,
        groups=groups,
        description=(
            f"For each vehicle and cargo, how much one {trip} could carry if only that "
            "resource (the payload, a loading limit or a per-flight assumption) counted; "
            "the dark bars stop the next unit."
        ),
    )


def need_figure(needs: Iterable[ClaimNeed]) -> RangeFigure | None:
    """The flights each claim's total needs, against how many such flights the base allows.

    A row per claim with a lower bound on a cargo total: the bar spans the flights allowed
    (open above when the count is), the mark is the fewest flights that could carry the
    claim's amount, outside the bar when more are needed than allowed. None without needs.
    """
    rows = []
    trips: set[str] = set()
    for n in needs:
        trip = n.claim.bound.trip if n.claim.bound is not None else "flight"
        trips.add(trip)
        lo, hi = n.flights_seen
        marks: tuple[Mark, ...] = ()
        if n.fewest_flights is not None:
            word = "needs" if n.fewest_proven else "needs about"
            outside = hi is not None and n.fewest_flights > hi
            text = f"{word} {fmt_int(n.fewest_flights)} {noun(n.fewest_flights, trip)}"
            marks = (Mark(float(n.fewest_flights), text, outside),)
        rows.append(
            Span(
                n.claim.id,
                float(lo),
                None if hi is None else float(hi),
                f"{fmt_int(lo)} {noun(lo, trip)}",
                "unbounded" if hi is None else f"{fmt_int(hi)} {noun(hi, trip)}",
                proven=n.fewest_proven,
                marks=marks,
            )
        )
    if not rows:
        return None
    trip = trips.pop() if len(trips) == 1 else ANY_TRIP
    return RangeFigure(
        title=f"{noun(0, trip).capitalize()} each claim needs",
        axis=noun(0, trip),
        rows=tuple(rows),
        description=(
            "For each claim with a lower bound on a cargo total: the bar spans the "
            f"{noun(0, trip)} it counts that the base allows, the mark the fewest that could "
            "carry the claim's amount."
        ),
    )


# --- tipping points ------------------------------------------------------------------------


def tipping_figures(
    claims: Iterable[ClaimResult], ranges: Iterable[RangeInput]
) -> list[RangeFigure]:
    """One chart per range that tips a claim: a row per claim and corner, the bar the range
    as the scenario writes it, the mark the exact value at which the claim tips."""
    written = {r.field: r for r in ranges}
    rows: dict[str, list[Span]] = {}
    for c in claims:
        for t in c.robust.tipping if c.robust is not None else ():
            r = written.get(t.field)
            if r is None or r.unit != t.unit:
                continue
            ends = "least" if t.others_at == "least_favourable" else "most"
            said = "at most" if t.direction == "at_most" else "at least"
            rows.setdefault(t.field, []).append(
                Span(
                    f"{c.ref.id} (others {ends} favourable)",
                    float(r.lo),
                    float(r.hi),
                    r.lo_text,
                    r.hi_text,
                    marks=(Mark(float(t.value), f"possible only {said} {t.text}"),),
                )
            )
    return [
        RangeFigure(
            title=f"Where {field} tips a claim",
            axis=written[field].unit,
            rows=tuple(spans),
            description=(
                f"The bar spans the range the scenario writes for {field}; the diamond is the "
                "exact value at which the claim turns possible or impossible, with the other "
                "ranges at their least or most favourable ends."
            ),
        )
        for field, spans in rows.items()
    ]


# --- payload by distance -------------------------------------------------------------------


def _tonnes(kg: int) -> float:
    return float(Fraction(kg, 1000))


def payload_figure(lanes: Iterable[LaneLimit]) -> PointsFigure | None:
    """Each lane's payload limit at its distance, under each aircraft's structural maximum."""
    lanes = list(lanes)
    if not lanes:
        return None
    points = tuple(
        Point(
            float(lane.distance_km),
            _tonnes(lane.payload),
            f"{lane.flights} ({lane.from_} to {lane.to})",
            f"{fmt_int(lane.distance_km)} km",
            f"{fmt_int(lane.payload)} kg",
        )
        for lane in lanes
    )
    structural: dict[str, int] = {}
    for lane in lanes:
        structural.setdefault(lane.aircraft, lane.structural)
    levels = tuple(
        Level(_tonnes(kg), f"{aircraft} maximum: {fmt_int(kg)} kg")
        for aircraft, kg in structural.items()
    )
    return PointsFigure(
        title="Payload by distance",
        x_axis="km",
        y_axis="t",
        points=points,
        levels=levels,
        description=(
            "Each flight group's payload limit, read off its aircraft's payload-range points "
            "at the great-circle distance of its lane, under the aircraft's maximum payload."
        ),
    )
