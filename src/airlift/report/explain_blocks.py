"""The explanation as report blocks: conflicts, what would have to give, thresholds.

Each conflict, relaxation, correction and claim need becomes one sentence an editor
can quote as it stands, citing the scenario line and the source of every statement
it names. A result the time limit cut short is worded as not proven, never as a
finding. Everything is a pure function of the :class:`~airlift.result.Explanation`,
with exact integer arithmetic for every number shown: the same explanation always
gives the same bytes.
"""

from __future__ import annotations

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
    Allocation,
    AllocationRow,
    ClaimNeed,
    Conflict,
    Correction,
    Explanation,
    FlightCapacity,
    Relaxation,
    StatementRef,
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
    "number at which the conflict ends, with the other statements as written."
)
_UNPROVEN_CONFLICTS = (
    "A paragraph marked not proven is what the search had found when the time limit ran out: "
    "those statements may hold together after all, or fewer of them may already conflict."
)
_THRESHOLDS_INTRO = (
    "What one flight can carry of each cargo type alone: the most units that fit, what stops "
    "the next one, and how many each resource (payload or a loading limit) would allow on "
    "its own."
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


def _field(ref: StatementRef) -> tuple[str, str, str]:
    """``(entry, name, limit)`` of a physical value's field path, e.g. ``aircraft.X.limits.L``.

    Entry names may contain dots, so the path is split at its known keywords.
    """
    path = ref.id
    for prefix in ("aircraft.", "cargo."):
        if path.startswith(prefix):
            path = path[len(prefix):]
            break
    for keyword in (".limits.", ".uses."):
        name, found, limit = path.rpartition(keyword)
        if found:
            return ref.role, name, limit
    for suffix in (".payload", ".mass"):
        if path.endswith(suffix):
            return ref.role, path[: -len(suffix)], ""
    return ref.role, path, ""


def _flights_written(ref: StatementRef) -> str | None:
    """A flight group's count as written, without a trailing ``flights``."""
    if not ref.written:
        return None
    for noun in (" flights", " flight"):
        if ref.written.endswith(noun):
            return ref.written[: -len(noun)]
    return ref.written


def _subject(ref: StatementRef) -> str:
    """The statement as the subject of a sentence, without its value: ``the Il-76MD payload``."""
    _, name, limit = _field(ref)
    if ref.role == "payload":
        return f"the {name} payload"
    if ref.role == "limit":
        return f"the {name} {limit} limit"
    if ref.role == "mass":
        return f"the {name} mass"
    if ref.role == "uses":
        return f"the {limit} each {name} takes"
    return f"{code(ref.id)}"


def cite(ref: StatementRef) -> str:
    """A statement with its value, line and source, as a sentence names it.

    For example ``the Il-76MD payload of 48 t (line 20, Britannica)``, or a claim's id in
    backticks followed by ``(line 43, Belarusian Hajun)``.
    """
    written = ref.written
    _, name, limit = _field(ref)
    if ref.role == "flights":
        count = _flights_written(ref)
        name = code(ref.id)
        text = f"the {count} flights of {name}" if count else f"the flight count of {name}"
    elif ref.role in ("payload", "limit", "mass"):
        text = _subject(ref) + (f" of {written}" if written else "")
    elif ref.role == "uses":
        text = f"each {name} taking {written} {limit}" if written else _subject(ref)
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
    claims = [m for m in c.members if m.role == "claim"]
    others = [m for m in c.members if m.role != "claim"]
    subject = claims or others
    tail = others if claims else []
    quantifier = {1: "", 2: "both "}.get(len(subject), "all ")
    if c.proven:
        verb = f"cannot {quantifier}hold"
    else:
        verb = f"{'seems' if len(subject) == 1 else 'seem'} unable to {quantifier}hold"
    ending = f" with {_join([cite(m) for m in tail])}" if tail else ""
    if not tail and len(subject) > 1:
        ending = " together"
    sentence = _capital(f"{_join([cite(m) for m in subject])} {verb}{ending}.")
    if not c.proven:
        sentence = f"{UNPROVEN}; may not be minimal): {sentence}"
    return sentence


def _moved(direction: str) -> str:
    return "at least" if direction == "up" else "at most"


def relaxation_sentence(r: Relaxation) -> str:
    """What one number would have to become for its conflict to end, against what is written."""
    ref = r.statement
    line = f" (line {ref.line})" if ref.line is not None else ""
    if ref.role == "flights":
        written = _flights_written(ref) or r.current_text
        now = f"{written} {'was' if written == '1' else 'were'} written{line}"
        if r.needed_text is None:
            head = f"no number of flights of {code(ref.id)} would end this conflict"
        else:
            head = f"{code(ref.id)} would need {_moved(r.direction)} {r.needed_text} flights"
    elif ref.role in ("claim", "assumption"):
        now = f"it says {ref.written or r.current_text}{line}"
        if r.needed_text is None:
            head = f"no value of {code(ref.id)} would end this conflict"
        else:
            extent = "as many as" if r.direction == "up" else "as few as"
            head = f"{code(ref.id)} would have to allow {extent} {r.needed_text}"
    else:
        now = f"{r.current_text} is written{line}"
        if r.needed_text is None:
            larger = "larger" if r.direction == "up" else "smaller"
            head = f"no {larger} value of {_subject(ref)} would end this conflict"
        else:
            head = f"{_subject(ref)} would have to be {_moved(r.direction)} {r.needed_text}"
    sentence = f"{head}; {now}"
    if not r.proven:
        return f"{UNPROVEN}; the nearest value may differ): {sentence}"
    return _capital(sentence)


def correction_sentence(c: Correction) -> str:
    """The fewest claims to drop, and which."""
    n = len(c.drop)
    claims = f"{fmt_int(n)} claim{'' if n == 1 else 's'}"
    names = _join([cite(r) for r in c.drop])
    if c.proven:
        return f"Dropping {claims} lets the rest hold together: {names}."
    return f"{UNPROVEN}): dropping these {claims} may let the rest hold together: {names}."


def _seen(seen: tuple[int, int | None], g: Glyphs) -> str:
    lo, hi = seen
    if hi is None:
        return f"at least {fmt_int(lo)}"
    if lo == hi:
        return fmt_int(lo)
    return f"{fmt_int(lo)}{g.dash}{fmt_int(hi)}"


def _were_seen(seen: tuple[int, int | None], g: Glyphs) -> str:
    """``18-22 flights were seen``, ``1 flight was seen``; an open count from 0 says so."""
    lo, hi = seen
    if lo == 0 and hi is None:
        return "the number of those flights seen is open"
    if hi == 1 and lo == 1:
        return "1 flight was seen"
    return f"{_seen(seen, g)} flights were seen"


def need_sentence(n: ClaimNeed, g: Glyphs) -> str:
    """How many flights a claim takes, against those seen, and how full they would have to be."""
    seen = _seen(n.flights_seen, g)
    hi = n.flights_seen[1]
    head = f"For {cite(n.claim)} to hold, the total of {n.total} must reach {fmt_int(n.amount)}"
    if n.fewest_flights is None:
        takes = f"no number of these flights could carry that; {_were_seen(n.flights_seen, g)}"
    else:
        plural = "flight" if n.fewest_flights == 1 else "flights"
        takes = f"that takes at least {fmt_int(n.fewest_flights)} {plural}"
        if not n.fewest_proven:
            takes = (f"that takes about {fmt_int(n.fewest_flights)} {plural} (not proven: "
                     "the time limit ran out)")
        if hi is not None and n.fewest_flights > hi:
            takes += f", more than the {seen} flights seen"
        else:
            takes += f", and {_were_seen(n.flights_seen, g)}"
    sentence = f"{head}: {takes}"
    share = n.share
    if n.mean_needed is not None and hi is not None:
        sentence += (
            f"; spread over {fmt_int(hi)} flight{'' if hi == 1 else 's'}, that is "
            f"{fmt_fraction_up(n.mean_needed)} per flight on average"
        )
        if share is not None and n.mean_capacity is not None:
            sentence += (
                f", {fmt_percent_up(share)} of the {fmt_fraction_up(n.mean_capacity)} a flight "
                "can carry on average"
            )
            if share > 1:
                sentence += ", more than the flights can carry"
    return sentence + "."


def binds_cell(row: AllocationRow, g: Glyphs) -> str:
    """What is full on each flight of a row, for an allocation table's ``Full`` column."""
    return ", ".join(row.binds) if row.binds else g.none


def count_binds_sentence(alloc: Allocation) -> str | None:
    """Which flight groups were flown at an end of their observed count, or None."""
    if not alloc.count_binds:
        return None
    totals: dict[str, int] = {}
    for r in alloc.rows:
        totals[r.flights] = totals.get(r.flights, 0) + r.count
    parts = []
    for group, end in alloc.count_binds:
        word = {"max": "maximum", "min": "minimum"}.get(end, end)
        n = totals.get(group, 0)
        flights = f"{fmt_int(n)} flight{'' if n == 1 else 's'}"
        parts.append(f"{code(group)} flown at its {word}, {flights}")
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
                headers=("Aircraft", "Cargo", "Most per flight", "Limited by",
                         "Each alone allows"),
                rows=tuple(_capacity_row(c, g) for c in e.capacities),
                align=("l", "l", "r", "l", "l"),
                wrap=(True, True, False, True, True),
            )
        )
    if e.needs:
        out.append(Bullets(tuple(need_sentence(n, g) for n in e.needs)))
        if any(n.mean_needed is not None for n in e.needs):
            out.append(Paragraph(_ROUNDING))
    return out


def cited_statements(e: Explanation) -> tuple[StatementRef, ...]:
    """The claims, assumptions and flight groups the explanation cites, once each, in order."""
    refs = [m for c in e.conflicts for m in c.members]
    refs += [r.statement for c in e.conflicts for r in c.relaxations]
    refs += list(e.correction.drop) if e.correction is not None else []
    refs += [n.claim for n in e.needs]
    seen: dict[tuple[str, str], StatementRef] = {}
    for r in refs:
        if r.role in ("claim", "assumption", "flights"):
            seen.setdefault((r.role, r.id), r)
    return tuple(seen.values())


def statements_table(refs: tuple[StatementRef, ...], g: Glyphs) -> Table:
    """What each cited statement says, so that a sentence naming it by id can be read alone."""
    return Table(
        headers=("Statement", "Says", "Line", "Source"),
        rows=tuple(
            (r.id, r.says or r.written or g.none, g.none if r.line is None else str(r.line),
             r.source_label or r.source or g.none)
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
