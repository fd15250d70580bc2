"""The explanation as report blocks: conflicts, what would have to give, thresholds.

Each conflict, relaxation, correction and claim need becomes one sentence an editor
can quote as it stands, citing the scenario line and the source of every statement
it names. A result the time limit cut short is worded as not proven, never as a
finding. Everything is a pure function of the :class:`~airlift.result.Explanation`,
with exact integer arithmetic for every number shown: the same explanation always
gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from airlift.report.blocks import (
    SECTION_CONFLICTS,
    SECTION_THRESHOLDS,
    Block,
    Bullets,
    Glyphs,
    Heading,
    Paragraph,
    Table,
    code,
    fmt_int,
)
from airlift.report.explain_sentences import (
    capital,
    cite,
    conflict_sentence,
    correction_sentence,
    relaxation_sentence,
    stopped_by,
    unproven,
)
from airlift.result import (
    ANY_TRIP,
    UNITS,
    Allocation,
    AllocationRow,
    ClaimNeed,
    Conflict,
    Cutoff,
    Explanation,
    FlightCapacity,
    Measure,
    Role,
    StatementKey,
    StatementRef,
    counted,
    noun,
)

__all__ = [
    "allocation_notes",
    "binds_cell",
    "cite",
    "cited_statements",
    "conflict_sentence",
    "correction_sentence",
    "count_binds_sentence",
    "explanation_blocks",
    "fmt_fraction_up",
    "fmt_percent_up",
    "need_sentence",
    "relaxation_sentence",
    "statements_table",
]

#: Said of every result the time limit cut short, before what it found (see
#: :func:`~airlift.report.explain_sentences.unproven` for other cutoffs).
UNPROVEN = unproven(None)

_CONFLICTS_INTRO = (
    "Each paragraph names statements that cannot all hold together: dropping any one of "
    "them lets the rest hold. Under it, what would have to give: the nearest value of one "
    "number at which the conflict ends, with the conflict's other statements and every "
    "payload, mass and loading limit as written, and every other statement outside it set "
    "aside."
)
_UNPROVEN_CONFLICTS = (
    "A paragraph marked not proven is what the search had found when {stopped}: those "
    "statements may hold together after all, or fewer of them may already conflict."
)
_ALIKE = (
    "Alike groups are flight groups identical but for their id (the same aircraft, route, "
    "cargo and count) that no statement tells apart: whatever is said of one holds of each."
)
_THRESHOLDS_INTRO = (
    "What one {trip} can carry of each cargo type alone: the most units that fit, what stops "
    "the next one, and how many each resource (the payload, a loading limit or a per-flight "
    "assumption) would allow on its own."
)
_NEEDS_INTRO = (
    "What each claim with a lower bound on a cargo total asks of the flights it counts: the "
    "fewest of them that could carry that bound, given what one flight can carry, out of the "
    "number of such flights {basis} allow; and how full those flights would be on average."
)
_ROUNDING_SHARES = (
    "Shares of capacity are shown as whole percents, rounded up, so a share above 100% always "
    "means more than the flight can carry."
)
_ROUNDING = (
    "Mean loads are shown to two decimals and shares of capacity as whole percents, both "
    "rounded up, so a share above 100% always means more than the flights can carry."
)


# --- numbers -------------------------------------------------------------------------------


def _ceil(q: Fraction) -> int:
    return -((-q.numerator) // q.denominator)


def fmt_fraction_up(q: Fraction, places: int = 2) -> str:
    """``q`` rounded up to ``places`` decimals, without trailing zeros: ``3.82``, ``12``."""
    scale = 10**places
    n = _ceil(q * scale)
    sign = "-" if n < 0 else ""
    whole, part = divmod(abs(n), scale)
    digits = str(part).rjust(places, "0").rstrip("0") if places else ""
    return f"{sign}{fmt_int(whole)}" + (f".{digits}" if digits else "")


def _units_up(q: Fraction, measure: Measure = UNITS) -> str:
    """A mean amount, rounded up to two decimals: ``3.82 units``, ``1 unit``, ``12.5 t``."""
    if measure.is_mass:
        return f"{fmt_fraction_up(measure.value(q))} {measure.unit}"
    shown = fmt_fraction_up(q)
    return f"{shown} {'unit' if shown == '1' else 'units'}"


def fmt_percent_up(share: Fraction) -> str:
    """A share as a whole percent rounded up: above 100% exactly when ``share`` exceeds 1."""
    return f"{fmt_int(_ceil(share * 100))}%"


# --- sentences -----------------------------------------------------------------------------


def _allowed(seen: tuple[int, int | None], g: Glyphs, trip: str = "flight") -> str | None:
    """How many flights the claim counts, as the base allows: ``18-22 flights``, ``1 flight``.

    None when nothing bounds it. Never worded as flights *seen*: an assumption can narrow
    the range well below an observed count (``at least 9`` seen, but ``14 or more`` needed
    to carry an assumed load). ``trip`` names one (``sailing`` for ships).
    """
    lo, hi = seen
    if hi is None:
        return f"{fmt_int(lo)} or more {noun(0, trip)}" if lo > 0 else None
    if lo == hi:
        return counted(lo, trip)
    return f"{fmt_int(lo)}{g.dash}{fmt_int(hi)} {noun(0, trip)}"


def need_sentence(n: ClaimNeed, g: Glyphs) -> str:
    """How many flights a claim takes, against those allowed, and how full they would be.

    The flights are called what the claim's are (``sailings`` when they are ships').
    """
    trip = n.claim.bound.trip if n.claim.bound is not None else "flight"
    trips = noun(0, trip)
    hi = n.flights_seen[1]
    allowed = _allowed(n.flights_seen, g, trip)
    units = n.measure.text(n.amount)
    head = f'For {cite(n.claim)} to hold, the total "{n.total}" must reach {units}'
    stopped = stopped_by(n.fewest_cutoff)
    if n.fewest_flights is None:
        takes = f"no number of such {trips} could carry that"
        if not n.fewest_proven:  # nothing found in time is not a proof that nothing fits
            takes = f"{stopped} before any number of such {trips} was found to carry it"
        takes += f" ({allowed} allowed)" if allowed else ""
    else:
        flights = counted(n.fewest_flights, trip)
        takes = f"that takes at least {flights}"
        if not n.fewest_proven:
            takes = f"that takes about {flights} (not proven: {stopped})"
        if allowed is None:
            takes += f"; the number of such {trips} is open"
        elif hi is not None and n.fewest_flights > hi:
            takes += f", more than the {allowed} allowed"
        else:
            takes += f" out of the {allowed} allowed"
    sentence = f"{head}: {takes}"
    share = n.share
    if n.mean_needed is not None and hi is not None:
        if hi > 1:
            sentence += (
                f"; spread over {counted(hi, trip)}, that is "
                f"{_units_up(n.mean_needed, n.measure)} per {trip} on average"
            )
        if share is not None and n.mean_capacity is not None:
            which = f"a {trip} can carry on average" if hi > 1 else f"that {trip} can carry"
            sentence += (", " if hi > 1 else "; that is ") + (
                f"{fmt_percent_up(share)} of the {_units_up(n.mean_capacity, n.measure)} {which}"
            )
            if share > 1:
                sentence += f", more than {f'the {trips}' if hi > 1 else 'it'} can carry"
    return sentence + "."


def binds_cell(row: AllocationRow, g: Glyphs) -> str:
    """What is full on each flight of a row, for an allocation table's ``Full`` column."""
    return ", ".join(row.binds) if row.binds else g.none


def count_binds_sentence(alloc: Allocation, trips: Mapping[str, str] | None = None) -> str | None:
    """Which flight groups were flown at an end of their count, or None.

    ``belarus-shuttle`` flies the most flights its count allows: 22. ``trips`` names one
    flight of each group, by id, where it is not a ``flight`` (``sailing`` for ships).
    """
    if not alloc.count_binds:
        return None
    totals: dict[str, int] = {}
    for r in alloc.rows:
        totals[r.flights] = totals.get(r.flights, 0) + r.count
    parts = []
    for group, end in alloc.count_binds:
        most = {"max": "the most", "min": "the fewest"}.get(end, f"the {end}")
        n = totals.get(group, 0)
        trip = (trips or {}).get(group, "flight")
        parts.append(
            f"{code(group)} flies {most} {noun(0, trip)} its count allows: {counted(n, trip)}"
        )
    return capital("; ".join(parts)) + "."


_FULL_LEGEND = (
    "Full: what is full on each of those flights, so that it could not carry one more unit of "
    "any cargo its group may carry: the payload (mass), a loading limit, or a per-flight "
    "assumption."
)


def allocation_notes(alloc: Allocation, trips: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The sentences under an allocation table: what ``Full`` means, and counts at an end.

    ``trips`` names one flight of each group, by id (see :func:`count_binds_sentence`).
    """
    out = [_FULL_LEGEND] if any(r.binds for r in alloc.rows) else []
    counts = count_binds_sentence(alloc, trips)
    if counts is not None:
        out.append(counts)
    return tuple(out)


# --- sections ------------------------------------------------------------------------------


def _capacity_row(c: FlightCapacity, g: Glyphs) -> tuple[str, str, str, str, str]:
    most = "no limit" if c.most is None else c.measure.text(c.most)
    binds = ", ".join(c.binds) if c.binds else g.none
    alone = ", ".join(f"{name}: {c.measure.text(n)}" for name, n in c.allowed_by if n is not None)
    return c.aircraft, c.cargo, most, binds, alone or g.none


def _thresholds(e: Explanation, g: Glyphs) -> list[Block]:
    out: list[Block] = [Heading("Thresholds", 2, SECTION_THRESHOLDS)]
    if e.capacities:
        trips = {c.trip for c in e.capacities}
        trip = trips.pop() if len(trips) == 1 else ANY_TRIP
        vehicle = "Aircraft" if trip == "flight" else "Vehicle"
        out.append(Paragraph(_THRESHOLDS_INTRO.format(trip=trip)))
        out.append(
            Table(
                headers=(vehicle, "Cargo", f"Most per {trip}", "Limited by", "Each alone allows"),
                rows=tuple(_capacity_row(c, g) for c in e.capacities),
                align=("l", "l", "r", "l", "l"),
                wrap=(True, True, False, True, True),
            )
        )
    if e.needs:
        # when the base cannot hold, the needs were measured against the observations alone
        base_fails = any(c.context == "base" for c in e.conflicts)
        out.append(
            Paragraph(
                _NEEDS_INTRO.format(
                    basis="the observations alone"
                    if base_fails
                    else "the observations and assumptions"
                )
            )
        )
        out.append(Bullets(tuple(need_sentence(n, g) for n in e.needs)))
        shown = [n for n in e.needs if n.mean_needed is not None and n.flights_seen[1]]
        if any(n.flights_seen[1] != 1 for n in shown):
            out.append(Paragraph(_ROUNDING))
        elif any(n.share is not None for n in shown):
            out.append(Paragraph(_ROUNDING_SHARES))
    return out


def cited_statements(e: Explanation) -> tuple[StatementRef, ...]:
    """The claims, assumptions and flight groups the explanation cites, once each, in order."""
    refs = [m for c in e.conflicts for m in c.members]
    refs += [r.statement for c in e.conflicts for r in c.relaxations]
    refs += list(e.correction.drop) if e.correction is not None else []
    refs += [n.claim for n in e.needs]
    seen: dict[StatementKey, StatementRef] = {}
    for r in refs:
        if not r.key.physical:
            seen.setdefault(r.key, r)
    return tuple(seen.values())


_ROLE_NAMES = {"claim": "claim", "assumption": "assumption", "flights": "flights"}


def statements_table(refs: tuple[StatementRef, ...], g: Glyphs) -> Table:
    """What each cited statement says, so that a sentence naming it by id can be read alone.

    A claim may share its id with a flight group (Berlin's ``c74-air-force-day``); such
    ids say which each row is, so that two rows never read as one statement twice.
    """
    roles: dict[str, set[str]] = {}
    for r in refs:
        roles.setdefault(r.id, set()).add(r.role)

    def name(r: StatementRef) -> str:
        shared = len(roles[r.id]) > 1
        return f"{r.id} ({_ROLE_NAMES.get(r.role, r.role)})" if shared else r.id

    return Table(
        headers=("Statement", "Says", "Line", "Source"),
        rows=tuple(
            (
                name(r),
                r.says or r.written or g.none,
                g.none if r.line is None else str(r.line),
                r.source_label or r.source or g.none,
            )
            for r in refs
        ),
        align=("l", "l", "r", "l"),
        wrap=(True, True, False, True),
    )


def explanation_blocks(e: Explanation, g: Glyphs) -> tuple[Block, ...]:
    """The explanation's sections: each only when it has something to say."""
    out: list[Block] = []
    if e.conflicts:
        out += [Heading("Conflicts", 2, SECTION_CONFLICTS), Paragraph(_CONFLICTS_INTRO)]
        if any(a.keys[0].role is Role.FLIGHTS for c in e.conflicts for a in c.alike):
            out.append(Paragraph(_ALIKE))
        cut = [c for c in e.conflicts if not c.proven]
        if cut:
            stopped = _stopped_all([c.cutoff for c in cut])
            out.append(Paragraph(_UNPROVEN_CONFLICTS.format(stopped=stopped)))
        for c in e.conflicts:
            out.append(Paragraph(conflict_sentence(c)))
            if c.relaxations:
                out.append(Bullets(tuple(_relaxations(c))))
    if e.correction is not None and e.correction.drop:
        out += [Heading("Fewest claims to drop", 2), Paragraph(correction_sentence(e.correction))]
    if e.capacities or e.needs:
        out += _thresholds(e, g)
    if e.notes:
        out += [Heading("About the explanation", 2), Bullets(tuple(e.notes))]
    return tuple(out)


def _relaxations(c: Conflict) -> list[str]:
    """A conflict's relaxation sentences, each said of every member alike its statement."""
    by_key = {m.key: m for m in c.members}
    others = {a.keys[0]: [by_key[k] for k in a.keys[1:]] for a in c.alike}
    return [relaxation_sentence(r, others.get(r.statement.key, ())) for r in c.relaxations]


def _stopped_all(cutoffs: list[Cutoff | None]) -> str:
    """What cut several results short, in one clause."""
    said = list(dict.fromkeys(stopped_by(c) for c in cutoffs))
    if len(said) == 1:
        return said[0]
    return "the time limit or the wall clock ran out"
