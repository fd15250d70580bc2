"""Thresholds that explain the numbers: what one flight can carry, and what a claim needs.

:func:`flight_capacities` answers "how many of these fit one Il-76, and what stops the next
one?" in plain exact arithmetic. :func:`claim_needs` answers "how many flights would this
claim take, and how full would the flights seen have to be?" with a few solves per claim.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction

from airlift.analysis.capacity import FlightRoom, Rooms
from airlift.analysis.engine import Engine
from airlift.analysis.totals import bounds_of, grains, spec_of
from airlift.model import SolveOptions
from airlift.model.compile import selects
from airlift.result import (
    UNITS,
    ClaimNeed,
    Cutoff,
    Extreme,
    Feasibility,
    FlightCapacity,
    Measure,
    Role,
    SolveStatus,
    StatementKey,
    StatementRef,
    TotalSpec,
    trip_noun,
)
from airlift.scenario.schema import FLIGHTS_TOTAL, CountRange, Scenario, Statement

__all__ = ["claim_needs", "flight_capacities"]


# -- what one flight can carry ---------------------------------------------------------------


def _alone(aircraft: str, cargo: str, room: FlightRoom) -> FlightCapacity:
    """The most units of ``cargo`` alone on one flight with ``room``, and what binds.

    Bulk cargo divides freely: its most is the exact mass in kg that fits.
    """
    bulk = cargo in room.bulk
    allowed: list[tuple[str, int | Fraction | None]] = []
    for resource, capacity in room.capacity:
        use = room.use(cargo, resource)
        if resource in room.statements and use == 0:
            continue  # an assumption on other cargo says nothing about this type
        fits = None if use <= 0 else capacity / use if bulk else math.floor(capacity / use)
        allowed.append((resource, fits))
    most = min((n for _, n in allowed if n is not None), default=None)
    binds = tuple(r for r, n in allowed if n is not None and n == most)
    measure = Measure("mass", "t", 1) if bulk else UNITS
    return FlightCapacity(aircraft, cargo, most, binds, tuple(allowed), measure)


def _roomier(a: FlightCapacity, b: FlightCapacity) -> bool:
    """Whether ``a`` carries more than ``b`` (None, unbounded, is most)."""
    if a.most is None or b.most is None:
        return a.most is None and b.most is not None
    return a.most > b.most


def flight_capacities(scenario: Scenario) -> tuple[FlightCapacity, ...]:
    """For each aircraft type and cargo type it may fly, the most units of that type alone on
    one flight, each resource's own allowance and which resources bind.

    A resource's allowance is ``floor(capacity / use)`` (None when the type uses none of it);
    ``most`` is the smallest allowance and the resources that reach it bind. Values are the
    permissive ones the model decides with; per-flight ``at_most`` assumptions on a total
    counting the type cap it too, named by their id. Pairs follow the scenario's order of
    aircraft and cargo, and only pairs some flight group with a nonzero count can fly appear.
    When lanes of one aircraft type differ (payload-range lowers the payload of longer legs,
    or a per-flight assumption selects some destinations only), the lane that carries the
    most is reported: the most one flight of that type can carry anywhere in the scenario.
    Cargo that does not fit the aircraft's hold is not paired with it.
    """
    best: dict[tuple[str, str], FlightCapacity] = {}
    rooms = Rooms(scenario)
    seen: set[tuple[object, ...]] = set()
    for group in scenario.flights:
        if group.count.max == 0:
            continue
        for destination in group.to:
            if rooms.key(group, destination) in seen or not rooms.allowed(group, destination):
                continue
            seen.add(rooms.key(group, destination))
            room = rooms.room(group, destination)
            for cargo in room.carried:
                found = _alone(group.aircraft, cargo, room)
                key = (group.aircraft, cargo)
                if key not in best or _roomier(found, best[key]):
                    best[key] = found
    return tuple(
        replace(best[(a, c)], trip=trip_noun([scenario.aircraft[a].vehicle]))
        for a in scenario.aircraft
        for c in scenario.cargo
        if (a, c) in best
    )


# -- what a claim needs ----------------------------------------------------------------------


def _needs_counting(claim: Statement, scenario: Scenario) -> bool:
    """A summed claim with a lower bound above zero on a cargo total."""
    if claim.per_flight or claim.total == FLIGHTS_TOTAL:
        return False
    return bounds_of(claim, scenario)[0] > 0


def _flights_spec(claim: Statement, scenario: Scenario) -> TotalSpec:
    spec = spec_of(claim, scenario)
    return TotalSpec(FLIGHTS_TOTAL, spec.to, spec.from_, spec.aircraft, spec.flights)


def _unconstrained(scenario: Scenario, claim: Statement) -> Scenario:
    """The scenario with every count open from zero and ``claim`` as its only summed assumption.

    Physical values and per-flight assumptions stay: they say what one flight can carry.
    Groups with no flight the claim counts are left out: open from zero, they can fly none
    and change nothing (thousands of imported groups would only slow the solver).
    """
    spec = spec_of(claim, scenario)
    groups = [
        g.model_copy(update={"count": CountRange(min=0)})
        for g in scenario.flights
        if any(selects(spec, g, destination) for destination in g.to)
    ]
    kept = [s for s in scenario.assumptions if s.per_flight]
    return scenario.model_copy(
        update={"flights": groups, "assumptions": [*kept, claim], "claims": [], "estimate": []}
    )


def _fewest(scenario: Scenario, claim: Statement, options: SolveOptions) -> Extreme | None:
    """The fewest flights the claim selects that let it hold (None: no number of them can)."""
    variant = _unconstrained(scenario, claim)
    low = Engine(variant, options).extreme(_flights_spec(claim, scenario), "min")
    return None if low.status is SolveStatus.INFEASIBLE else low


def _observations(scenario: Scenario) -> Scenario:
    """The flight groups alone, without assumptions or claims."""
    return scenario.model_copy(update={"assumptions": [], "claims": [], "estimate": []})


def _upper(extreme: Extreme) -> int | None:
    return None if extreme.unbounded else extreme.hi


def _ref(claim: Statement, refs: Sequence[StatementRef]) -> StatementRef:
    """The reference to ``claim`` among ``refs``; a bare one (no line) when it is not there."""
    key = StatementKey(Role.CLAIM, claim.id)
    for ref in refs:
        if ref.key == key:
            return ref
    return StatementRef.of(key, claim.says, None, claim.source, None)


def claim_needs(
    scenario: Scenario,
    claim_refs: Sequence[StatementRef],
    options: SolveOptions,
    engine: Engine | None = None,
) -> tuple[ClaimNeed, ...]:
    """What each summed claim with a lower bound above zero on cargo asks of the flights.

    - ``fewest_flights``: the fewest flights among those the claim selects with which the
      claim can hold, given what one flight can carry (payload, limits and per-flight
      assumptions kept; flight counts and summed assumptions dropped). None with
      ``fewest_proven``: no number of flights can carry it (say, no selected flight carries
      that cargo); None and not proven: the time limit ran out before any was found.
      When not proven, the value is attained by an allocation but may not be the fewest.
    - ``flights_seen``: the certified range of the flights the claim selects over the base
      (a ``to`` filter on a group with several destinations may select none of its flights).
    - ``mean_needed``: the claim's lower bound spread over the most flights seen;
      ``mean_capacity``: the most the claim's total can reach over the base (the claim
      ignored) spread over the same flights. None when that maximum is open or unknown, or
      no flight is seen. Their ratio (:attr:`ClaimNeed.share`) is the share of capacity the
      claim needs: above 1, the flights seen cannot carry it.

    When the base itself is infeasible, the last three are computed over the flight groups
    alone (without assumptions), so that they still describe what was observed. ``engine``,
    an :class:`Engine` over ``scenario``, is reused when given (its answers are cached).
    Claims follow the scenario's order; ``claim_refs`` supplies their lines and sources.
    """
    claims = [c for c in scenario.claims if _needs_counting(c, scenario)]
    if not claims:
        return ()
    base = engine if engine is not None else Engine(scenario, options)
    if base.feasible().status is Feasibility.INFEASIBLE:
        # In the scenario's grains: the claims' specs and amounts are (a mass written only
        # in an assumption or claim may need finer grains than the flights alone).
        base = Engine(_observations(scenario), options, grains(scenario))
    out = []
    for claim in claims:
        amount = bounds_of(claim, scenario)[0]
        spec = spec_of(claim, scenario)
        least = _fewest(scenario, claim, options)
        fewest = least.witness_value if least is not None else None
        proven = least is None or (fewest is not None and least.proven)
        cutoff = None if proven or least is None else (least.cutoff or Cutoff.TIME_LIMIT)
        flights = _flights_spec(claim, scenario)
        low = base.extreme(flights, "min").lo
        high = _upper(base.extreme(flights, "max"))
        most = _upper(base.extreme(spec, "max"))
        mean_needed = Fraction(amount, high) if high else None
        mean_capacity = Fraction(most, high) if high and most is not None else None
        out.append(
            ClaimNeed(
                claim=_ref(claim, claim_refs),
                total=spec.label,
                amount=amount,
                fewest_flights=fewest,
                fewest_proven=proven,
                flights_seen=(low if low is not None else 0, high),
                mean_needed=mean_needed,
                mean_capacity=mean_capacity,
                fewest_cutoff=cutoff,
                measure=spec.measure,
            )
        )
    return tuple(out)
