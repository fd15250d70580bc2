"""Schedule claims as the model's conditions, and in words.

A claim bounds one measure of a schedule (:class:`~airlift.model.schedule.Measure`): the
airframes used, the flights taking off or landing in a period, the completion time, or the
sorties per airframe per day. The last is a ratio, flights / (airframes x days of the
window), and is compared exactly by cross-multiplying: ``F / (A x H / 86,400 s) >= p / q``
is ``F >= s A`` with ``s = p H / (86,400 q)`` flights per airframe over the window.

A rate may be written with nine decimals and up to 2^62, and a window may last centuries,
so ``s`` as written may need more than 64 bits. Since ``F`` and ``A`` are whole numbers of
at most ``MAX_INDEPENDENT`` (the most flights any schedule model places), ``F >= s A``
holds exactly when ``F >= s' A`` for ``s'`` the least fraction at or above ``s`` with a
denominator at most that (``F >= ceil(s A)``, and ``ceil(s A) / A`` is such a fraction),
and ``s`` above ``MAX_INDEPENDENT + 1`` may be taken as that; ``F <= s A`` likewise with the
greatest fraction at or below. Small rates keep their exact ``s``.
"""

from __future__ import annotations

import datetime
from fractions import Fraction

from airlift.model.schedule import Condition, Measure, Selector
from airlift.model.schedule_data import MAX_INDEPENDENT
from airlift.result import counted
from airlift.scenario.durations import Rate
from airlift.scenario.schedule_schema import ScheduleClaim
from airlift.scenario.schema import Scenario
from airlift.tracks.times import format_utc

__all__ = ["DAY", "claim_conditions", "claim_measure", "claim_written", "seconds_from"]

#: Seconds in a day.
DAY = 86_400


def seconds_from(start: datetime.datetime, moment: datetime.datetime) -> int:
    """Whole seconds from the window's start to ``moment`` (negative before it)."""
    return int((moment - start).total_seconds())


def _selector(scenario: Scenario, claim: ScheduleClaim) -> Selector:
    index = {n: i for i, n in enumerate(scenario.airfields)}

    def fields(names: list[str] | None) -> frozenset[int] | None:
        return None if names is None else frozenset(index[n] for n in names)

    return Selector(
        aircraft=None if claim.aircraft is None else frozenset(claim.aircraft),
        groups=None if claim.flights is None else frozenset(claim.flights),
        origins=fields(claim.from_),
        destinations=fields(claim.to),
    )


def claim_measure(scenario: Scenario, claim: ScheduleClaim) -> Measure:
    """The measure a claim on airframes, flights or completion bounds (for a rate: the
    flights it counts)."""
    assert scenario.schedule is not None
    start = scenario.schedule.window.start
    select = _selector(scenario, claim)
    if claim.what == "airframes":
        return Measure("airframes", Selector(aircraft=select.aircraft))
    if claim.what == "completion":
        return Measure("completion")
    if claim.what == "flights":
        period = claim.period
        return Measure(
            "flights",
            select,
            claim.counting,
            None if period is None or period.start is None else seconds_from(start, period.start),
            None if period is None or period.end is None else seconds_from(start, period.end),
        )
    return Measure("flights", select)


def claim_conditions(scenario: Scenario, claim: ScheduleClaim) -> tuple[Condition, ...]:
    """What must hold for the claim to be true, as conditions of the model."""
    assert scenario.schedule is not None
    window = scenario.schedule.window
    lo, hi = claim.interval
    measure = claim_measure(scenario, claim)
    if claim.what in ("airframes", "flights"):
        return (Condition(((1, measure),), lo, hi),)
    if claim.what == "completion":
        return (
            Condition(
                ((1, measure),),
                None if lo is None else seconds_from(window.start, lo),
                None if hi is None else seconds_from(window.start, hi),
            ),
        )
    horizon = seconds_from(window.start, window.end)
    airframes = Measure("airframes", Selector(aircraft=measure.select.aircraft))
    out = []
    for rate, side in ((lo, "lo"), (hi, "hi")):
        if rate is None:
            continue
        r = rate.value if isinstance(rate, Rate) else Fraction(rate)
        s = _nearest_small(r * horizon / DAY, above=side == "lo")
        terms = ((s.denominator, measure), (-s.numerator, airframes))
        out.append(Condition(terms, 0, None) if side == "lo" else Condition(terms, None, 0))
    return tuple(out)


def _nearest_small(s: Fraction, above: bool, most: int = MAX_INDEPENDENT) -> Fraction:
    """The least fraction at or above ``s`` (``above``), else the greatest at or below it,
    whose denominator is at most ``most``, with ``s`` first cut to ``most + 1``: the same
    bound on whole numbers of flights and airframes up to ``most`` (see the module)."""
    s = min(s, Fraction(most + 1))
    if s.denominator <= most:
        return s
    best: Fraction | None = None
    for q in range(1, most + 1):
        p = -(-s.numerator * q // s.denominator) if above else s.numerator * q // s.denominator
        if best is None or (p * best.denominator < best.numerator * q) == above:
            best = Fraction(p, q)
    assert best is not None
    return best


def _moment(x: datetime.datetime) -> str:
    return format_utc(x)


def claim_written(claim: ScheduleClaim) -> str:
    """The claim's bound in words with its unit: ``at least 8 flights``, ``by
    2022-11-13T00:00:00Z``, ``at least 1.5 sorties per airframe per day``."""
    lo, hi = claim.interval
    if claim.what == "completion":
        if lo is None:
            return f"last landing by {_moment(hi)}"
        if hi is None:
            return f"last landing at {_moment(lo)} or later"
        if lo == hi:
            return f"last landing at {_moment(lo)}"
        return f"last landing between {_moment(lo)} and {_moment(hi)}"
    if claim.what == "sorties_per_airframe_per_day":

        def unit(x: object) -> str:
            return f"{x} sorties per airframe per day"

        if lo is None:
            return f"at most {unit(hi)}"
        if hi is None:
            return f"at least {unit(lo)}"
        return f"exactly {unit(lo)}" if lo == hi else f"between {lo} and {unit(hi)}"
    noun = "airframe" if claim.what == "airframes" else "flight"
    if lo is None:
        words = f"at most {counted(hi, noun)}"
    elif hi is None:
        words = f"at least {counted(lo, noun)}"
    elif lo == hi:
        words = f"exactly {counted(lo, noun)}"
    else:
        words = f"between {lo:,} and {counted(hi, noun)}"
    if claim.what == "flights":
        verb = "taking off" if claim.counting == "takeoff" else "landing"
        period = claim.period
        if period is not None and period.start is not None and period.end is not None:
            words += f" {verb} from {_moment(period.start)} to {_moment(period.end)}"
        elif period is not None and period.end is not None:
            words += f" {verb} by {_moment(period.end)}"
        elif period is not None and period.start is not None:
            words += f" {verb} from {_moment(period.start)}"
        else:
            words += " in the window"
    return words
