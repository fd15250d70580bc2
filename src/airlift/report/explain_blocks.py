"""The explanation as report blocks: conflicts, what would have to give, thresholds.

Each conflict, relaxation, correction and claim need becomes one sentence an editor
can quote as it stands, citing the scenario line and the source of every statement
it names. A result the time limit cut short is worded as not proven, never as a
finding. Everything is a pure function of the :class:`~airlift.result.Explanation`,
with exact integer arithmetic for every number shown: the same explanation always
gives the same bytes.
"""

from __future__ import annotations

import math
from fractions import Fraction

from airlift.report.blocks import (
    Block,
    Bullets,
    Glyphs,
    Heading,
    Paragraph,
    Table,
    code,
    fmt_int,
)
from airlift.result import (
    SHOWN_UNITS,
    Allocation,
    AllocationRow,
    ClaimNeed,
    Conflict,
    Correction,
    Explanation,
    FlightCapacity,
    Relaxation,
    Role,
    StatedBound,
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

#: Said of every result the time limit cut short, before what it found.
UNPROVEN = "Not proven (found when the time limit ran out"

_CONFLICTS_INTRO = (
    "Each paragraph names statements that cannot all hold together: dropping any one of "
    "them lets the rest hold. Under it, what would have to give: the nearest value of one "
    "number at which the conflict ends, with the conflict's other statements as written and "
    "every statement outside it set aside."
)
_UNPROVEN_CONFLICTS = (
    "A paragraph marked not proven is what the search had found when the time limit ran out: "
    "those statements may hold together after all, or fewer of them may already conflict."
)
_THRESHOLDS_INTRO = (
    "What one flight can carry of each cargo type alone: the most units that fit, what stops "
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


def fmt_percent_up(share: Fraction) -> str:
    """A share as a whole percent rounded up: above 100% exactly when ``share`` exceeds 1."""
    return f"{fmt_int(_ceil(share * 100))}%"


# --- naming statements ---------------------------------------------------------------------


def _where(ref: StatementRef, with_source: bool = True) -> str:
    parts = []
    if ref.line is not None:
        parts.append(f"line {ref.line}")
    source = ref.source_label or ref.source
    if with_source and source:
        parts.append(source)
    return f" ({', '.join(parts)})" if parts else ""


def _subject(ref: StatementRef) -> str:
    """The statement as the subject of a sentence, without its value: ``the Il-76MD payload``."""
    key = ref.key
    if key.role is Role.PAYLOAD:
        return f"the {key.entry} payload"
    if key.role is Role.LIMIT:
        return f"the {key.entry} {key.field} limit"
    if key.role is Role.MASS:
        return f"the {key.entry} mass"
    if key.role is Role.USES:
        return f"the {key.field} each {key.entry} takes"
    return f"{code(ref.id)}"


def _flights_of(ref: StatementRef) -> str:
    """A flight group as a sentence names it: ``the 18-22 flights of `belarus-shuttle```.

    From the count's numbers (:attr:`StatementRef.count`), never from its text.
    """
    name = code(ref.id)
    count = ref.count
    if count is None:
        return f"the flight count of {name}"
    if count.max is None:
        return f"the {fmt_int(count.min)} or more flights of {name}"
    return f"the {count.words} {count.noun_after('flight')} of {name}"


def cite(ref: StatementRef) -> str:
    """A statement with its value, line and source, as a sentence names it.

    For example ``the Il-76MD payload of 48 t (line 20, Britannica)``, or a claim's id
    marked as code followed by ``(line 43, Belarusian Hajun)``.
    """
    written, key = ref.written, ref.key
    if key.role is Role.FLIGHTS:
        text = _flights_of(ref)
    elif key.role in (Role.PAYLOAD, Role.LIMIT, Role.MASS):
        text = _subject(ref) + (f" of {written}" if written else "")
    elif key.role is Role.USES:
        text = f"each {key.entry} taking {written} {key.field}" if written else _subject(ref)
    else:
        text = f"{code(ref.id)}"
    return text + _where(ref)


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- sentences -----------------------------------------------------------------------------


def conflict_sentence(c: Conflict) -> str:
    """The conflict as one sentence: the claims first, then what they cannot hold with."""
    claims = [m for m in c.members if m.key.role is Role.CLAIM]
    others = [m for m in c.members if m.key.role is not Role.CLAIM]
    subject = claims or others
    tail = others if claims else []
    quantifier = {1: "", 2: "both "}.get(len(subject), "all ")
    if c.proven:
        verb = f"cannot {quantifier}hold"
    else:
        verb = f"{'seems' if len(subject) == 1 else 'seem'} unable to {quantifier}hold"
    ending = f" with {_join([cite(m) for m in tail])}" if tail else ""
    if not tail and len(subject) > 2:  # "both ... together" would say it twice
        ending = " together"
    sentence = _capital(f"{_join([cite(m) for m in subject])} {verb}{ending}.")
    if not c.proven:
        sentence = f"{UNPROVEN}; may not be minimal): {sentence}"
    return sentence


def _moved(direction: str) -> str:
    return "at least" if direction == "up" else "at most"


def _counting(bound: StatedBound | None, flights: str) -> str:
    """What follows a bound's number in a sentence: `` flights``, `` per flight`` or nothing.

    A bound on cargo leaves out its total (the relaxation moves the number, not what it
    counts); a bound on flights says ``flights`` (``flights``, singular or plural as the
    number asks); a per-flight bound says so. From the fields of ``bound``, never its text.
    """
    if bound is None:
        return ""
    said = f" {flights}" if bound.flights else ""
    return f"{said} per flight" if bound.per_flight else said


def _no_flights(witness: Allocation | None) -> bool:
    """Whether the allocation that shows a relaxation works flies no flight at all."""
    return witness is not None and not any(row.count for row in witness.rows)


def _would_end(r: Relaxation) -> str:
    """What a relaxation without a value says of the values tried.

    None found in time is not a proof that none exists, so an unproven search says only
    that none was found.
    """
    return "would end this conflict" if r.proven else "was found to end this conflict"


def _statement_relaxed(r: Relaxation, line: str) -> str:
    """A claim's or an assumption's bound moved, against the bound it states."""
    ref = r.statement
    bound = ref.bound
    if bound is None:  # a reference without its numbers: say the number that moves
        now = f"it says {r.current_text}{line}"
    else:
        now = f"it says {bound.words}{_counting(bound, bound.noun_after('flight'))}{line}"
    if r.needed_text is None or r.needed is None:
        return f"no value of {code(ref.id)} {_would_end(r)}; {now}"
    extent = "as many as" if r.direction == "up" else "as few as"
    counts = _counting(bound, noun(r.needed, "flight"))
    needed = f"{r.needed_text}{counts}"
    if r.needed == 0 and not counts and _no_flights(r.witness):
        # with the flight counts outside the conflict set aside, only no flights at all fit
        needed += " (no flights at all)"
    return f"{code(ref.id)} would have to allow {extent} {needed}; {now}"


def _count_relaxed(r: Relaxation, line: str) -> str:
    """A flight group's count moved, against the count written."""
    ref = r.statement
    count = ref.count.words if ref.count is not None else r.current_text
    now = f"its count is {count}{line}"
    if r.needed_text is None or r.needed is None:
        return f"no number of flights of {code(ref.id)} {_would_end(r)}; {now}"
    if r.needed == 0:
        return f"{code(ref.id)} would need no flights at all; {now}"
    needed = f"{r.needed_text} {noun(r.needed, 'flight')}"
    return f"{code(ref.id)} would need {_moved(r.direction)} {needed}; {now}"


def _converted(r: Relaxation) -> str | None:
    """The value the scenario has, in the unit the needed value is shown in, when it differs.

    ``about 22.68 t`` for 50,000 lb against 23.587 t: so that a reader compares like with
    like. Exact to 3 decimals, else rounded half up and said to be ``about``. The units
    come from the relaxation's fields (:attr:`Relaxation.needed_unit`, derived from the
    exact value; :attr:`Relaxation.current_unit`), never from the last word of a text.
    When the analysis does not say the unit the scenario wrote, the value in the needed
    unit is shown unless the scenario wrote exactly that already.
    """
    unit = r.needed_unit
    sizes = SHOWN_UNITS.get(r.unit)
    if unit is None or sizes is None or unit not in sizes or r.current_unit == unit:
        return None
    scaled = r.current / sizes[unit] * 1000
    thousandths = math.floor(scaled + Fraction(1, 2))
    whole, part = divmod(thousandths, 1000)
    digits = str(part).rjust(3, "0").rstrip("0")
    about = "" if scaled == thousandths else "about "
    shown = f"{about}{fmt_int(whole)}{'.' + digits if digits else ''} {unit}"
    return None if r.current_unit is None and shown == r.current_text else shown


def _value_relaxed(r: Relaxation, line: str) -> str:
    """A payload, limit, mass or use moved, against the value the scenario has.

    Masses and uses are searched in whole units (1 kg, 1 cm, 1), so a value of 0 means
    that 1 unit is already too much: it is worded as under 1 unit, never as none.
    """
    ref = r.statement
    converted = _converted(r)
    if converted is not None and ref.line is not None:
        line = f" ({converted}, line {ref.line})"
    elif converted is not None:
        line = f" ({converted})"
    now = f"the scenario has {r.current_text}{line}"
    if r.needed_text is None:
        larger = "larger" if r.direction == "up" else "smaller"
        return f"no {larger} value of {_subject(ref)} {_would_end(r)}; {now}"
    if r.direction == "down" and r.needed == 0:
        one = f"1 {r.unit}".strip()
        if ref.key.role is Role.MASS:
            return f"each {ref.key.entry} would have to weigh under {one}; {now}"
        return f"{_subject(ref)} would have to be under {one}; {now}"
    return f"{_subject(ref)} would have to be {_moved(r.direction)} {r.needed_text}; {now}"


def relaxation_sentence(r: Relaxation) -> str:
    """What one number would have to become for its conflict to end, against what is written.

    The line cited is the statement's (a claim's or a flight group's first line, a
    physical value's own line), as in every other table and sentence of the report.
    """
    ref = r.statement
    line = f" (line {ref.line})" if ref.line is not None else ""
    if ref.key.role is Role.FLIGHTS:
        sentence = _count_relaxed(r, line)
    elif ref.key.role in (Role.CLAIM, Role.ASSUMPTION):
        sentence = _statement_relaxed(r, line)
    else:
        sentence = _value_relaxed(r, line)
    if not r.proven and r.needed_text is None:
        return f"Not proven (the time limit ran out): {sentence}"
    if not r.proven:
        return f"{UNPROVEN}; the nearest value may differ): {sentence}"
    return _capital(sentence)


def correction_sentence(c: Correction) -> str:
    """The fewest claims to drop, and which."""
    claims = counted(len(c.drop), "claim")
    names = _join([cite(r) for r in c.drop])
    if c.proven:
        return f"Dropping {claims} lets the rest hold together: {names}."
    return f"{UNPROVEN}): dropping these {claims} may let the rest hold together: {names}."


def _allowed(seen: tuple[int, int | None], g: Glyphs) -> str | None:
    """How many flights the claim counts, as the base allows: ``18-22``, ``14 or more``.

    None when nothing bounds it. Never worded as flights *seen*: an assumption can narrow
    the range well below an observed count (``at least 9`` seen, but ``14 or more`` needed
    to carry an assumed load).
    """
    lo, hi = seen
    if hi is None:
        return f"{fmt_int(lo)} or more" if lo > 0 else None
    if lo == hi:
        return fmt_int(lo)
    return f"{fmt_int(lo)}{g.dash}{fmt_int(hi)}"


def need_sentence(n: ClaimNeed, g: Glyphs) -> str:
    """How many flights a claim takes, against those allowed, and how full they would be."""
    hi = n.flights_seen[1]
    allowed = _allowed(n.flights_seen, g)
    head = f'For {cite(n.claim)} to hold, the total "{n.total}" must reach {fmt_int(n.amount)}'
    if n.fewest_flights is None:
        takes = "no number of such flights could carry that"
        if not n.fewest_proven:  # nothing found in time is not a proof that nothing fits
            takes = "the time limit ran out before any number of such flights was found to carry it"
        takes += f" ({allowed} allowed)" if allowed else ""
    else:
        flights = counted(n.fewest_flights, "flight")
        takes = f"that takes at least {flights}"
        if not n.fewest_proven:
            takes = f"that takes about {flights} (not proven: the time limit ran out)"
        if allowed is None:
            takes += "; the number of such flights is open"
        elif hi is not None and n.fewest_flights > hi:
            takes += f", more than the {allowed} allowed"
        else:
            takes += f" out of the {allowed} allowed"
    sentence = f"{head}: {takes}"
    share = n.share
    if n.mean_needed is not None and hi is not None:
        if hi > 1:
            sentence += (
                f"; spread over {counted(hi, 'flight')}, that is "
                f"{fmt_fraction_up(n.mean_needed)} per flight on average"
            )
        if share is not None and n.mean_capacity is not None:
            which = "a flight can carry on average" if hi > 1 else "that flight can carry"
            sentence += (", " if hi > 1 else "; that is ") + (
                f"{fmt_percent_up(share)} of the {fmt_fraction_up(n.mean_capacity)} {which}"
            )
            if share > 1:
                sentence += f", more than {'the flights' if hi > 1 else 'it'} can carry"
    return sentence + "."


def binds_cell(row: AllocationRow, g: Glyphs) -> str:
    """What is full on each flight of a row, for an allocation table's ``Full`` column."""
    return ", ".join(row.binds) if row.binds else g.none


def count_binds_sentence(alloc: Allocation) -> str | None:
    """Which flight groups were flown at an end of their count, or None.

    ``belarus-shuttle`` flies the most flights its count allows: 22.
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
        parts.append(f"{code(group)} flies {most} flights its count allows: {fmt_int(n)}")
    return _capital("; ".join(parts)) + "."


_FULL_LEGEND = (
    "Full: what is full on each of those flights, so that it could not carry one more unit of "
    "any cargo its group may carry: the payload (mass), a loading limit, or a per-flight "
    "assumption."
)


def allocation_notes(alloc: Allocation) -> tuple[str, ...]:
    """The sentences under an allocation table: what ``Full`` means, and counts at an end."""
    out = [_FULL_LEGEND] if any(r.binds for r in alloc.rows) else []
    counts = count_binds_sentence(alloc)
    if counts is not None:
        out.append(counts)
    return tuple(out)


# --- sections ------------------------------------------------------------------------------


def _capacity_row(c: FlightCapacity, g: Glyphs) -> tuple[str, str, str, str, str]:
    most = "no limit" if c.most is None else fmt_int(c.most)
    binds = ", ".join(c.binds) if c.binds else g.none
    alone = ", ".join(f"{name}: {fmt_int(n)}" for name, n in c.allowed_by if n is not None)
    return c.aircraft, c.cargo, most, binds, alone or g.none


def _thresholds(e: Explanation, g: Glyphs) -> list[Block]:
    out: list[Block] = [Heading("Thresholds", 2)]
    if e.capacities:
        out.append(Paragraph(_THRESHOLDS_INTRO))
        out.append(
            Table(
                headers=("Aircraft", "Cargo", "Most per flight", "Limited by", "Each alone allows"),
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
        out += [Heading("Conflicts", 2), Paragraph(_CONFLICTS_INTRO)]
        if not all(c.proven for c in e.conflicts):
            out.append(Paragraph(_UNPROVEN_CONFLICTS))
        for c in e.conflicts:
            out.append(Paragraph(conflict_sentence(c)))
            if c.relaxations:
                out.append(Bullets(tuple(relaxation_sentence(r) for r in c.relaxations)))
    if e.correction is not None and e.correction.drop:
        out += [Heading("Fewest claims to drop", 2), Paragraph(correction_sentence(e.correction))]
    if e.capacities or e.needs:
        out += _thresholds(e, g)
    if e.notes:
        out += [Heading("About the explanation", 2), Bullets(tuple(e.notes))]
    return tuple(out)
