"""The sentences of an explanation: conflicts, what would have to give, what to drop.

Each conflict, relaxation and correction becomes one sentence an editor can quote as it
stands, citing the scenario line and the source of every statement it names. A result
cut short is worded as not proven, with what cut it (the deterministic time limit, the
wall clock, a model too large), never as a finding. Alike flight groups (identical but
for their id, and told apart by no statement) are named together, once per sentence.
Everything is a pure function of the result it words, with exact integer arithmetic.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction

from airlift.report.blocks import code, fmt_int
from airlift.report.units import relaxation_unit
from airlift.result import (
    SHOWN_UNITS,
    Allocation,
    Conflict,
    Correction,
    Cutoff,
    Relaxation,
    Role,
    StatedBound,
    StatementRef,
    counted,
    noun,
    stopped_by,
)

__all__ = [
    "capital",
    "cite",
    "conflict_sentence",
    "correction_sentence",
    "relaxation_sentence",
    "stopped_by",
    "unproven",
]


def unproven(cutoff: Cutoff | None) -> str:
    """The opening of a sentence about a result cut short, up to its closing parenthesis.

    ``Not proven (found when the time limit ran out`` (or the wall clock); a caller adds
    what else to say and the ``)``.
    """
    if cutoff is Cutoff.TOO_LARGE:
        return f"Not proven ({stopped_by(cutoff)}"
    return f"Not proven (found when {stopped_by(cutoff)}"


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
        return f"the {fmt_int(count.min)} or more {noun(0, count.trip)} of {name}"
    return f"the {count.words} {count.noun_after(count.trip)} of {name}"


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


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- sentences -----------------------------------------------------------------------------


def conflict_sentence(c: Conflict) -> str:
    """The conflict as one sentence: the claims first, then what they cannot hold with.

    Alike flight groups are named together, once: ``the 1 flight each of the 300 alike
    groups `g0`, `g1`, ... `g299` (lines 6 to 305)``, or ``... each of any 6 of the 3,000
    alike groups, such as ...`` when the conflict needs only some of them.
    """
    claims = [m for m in c.members if m.key.role is Role.CLAIM]
    others = [m for m in c.members if m.key.role is not Role.CLAIM]
    subject = claims or others
    tail = others if claims else []
    quantifier = {1: "", 2: "both "}.get(len(subject), "all ")
    if c.proven:
        verb = f"cannot {quantifier}hold"
    else:
        verb = f"{'seems' if len(subject) == 1 else 'seem'} unable to {quantifier}hold"
    ending = f" with {_join(_cited(tail, c))}" if tail else ""
    if not tail and len(subject) > 2:  # "both ... together" would say it twice
        ending = " together"
    sentence = capital(f"{_join(_cited(subject, c))} {verb}{ending}.")
    if not c.proven:
        sentence = f"{unproven(c.cutoff)}; may not be minimal): {sentence}"
    return sentence


def _cited(refs: Sequence[StatementRef], c: Conflict) -> list[str]:
    """Each of ``refs`` cited, alike flight groups of ``c`` together where the first stands."""
    classes = {a.keys[0]: a for a in c.alike if a.keys[0].role is Role.FLIGHTS}
    later = {k for a in classes.values() for k in a.keys[1:]}
    by_key = {m.key: m for m in c.members}
    out = []
    for ref in refs:
        if ref.key in later:
            continue
        alike = classes.get(ref.key)
        if alike is None or (len(alike.keys) == 1 and alike.among == 1):
            out.append(cite(ref))
            continue
        out.append(_alike_groups([by_key[k] for k in alike.keys], alike.among))
    return out


def _alike_groups(refs: Sequence[StatementRef], among: int) -> str:
    """Alike flight groups of a conflict, cited at once with their count, lines and source."""
    first, n = refs[0], len(refs)
    count = first.count
    each = (
        f"the {count.words} {count.noun_after(count.trip)} each of"
        if count is not None and count.max is not None
        else f"the {noun(0, count.trip if count is not None else 'flight')} of each of"
    )
    groups = noun(n, "group")
    if among > n:
        which = f"any {fmt_int(n)} of the {fmt_int(among)} alike groups, such as"
        which = f"any of the {fmt_int(among)} alike groups, such as" if n == 1 else which
    else:
        which = f"the {fmt_int(n)} alike {groups}"
    return f"{each} {which} {_names(refs)}{_where_all(refs)}"


def _names(refs: Sequence[StatementRef]) -> str:
    """Statement ids as code: all of up to four, else the first two, an ellipsis, the last."""
    ids = [code(r.id) for r in refs]
    if len(ids) <= 4:
        return _join(ids)
    return f"{ids[0]}, {ids[1]}, ... {ids[-1]}"


def _where_all(refs: Sequence[StatementRef], with_source: bool = True) -> str:
    """The lines of several statements (``lines 6 to 305``), and their source if they share one."""
    lines = [r.line for r in refs if r.line is not None]
    parts = []
    if len(lines) == 1:
        parts.append(f"line {lines[0]}")
    elif 1 < len(lines) <= 4:
        parts.append("lines " + _join([str(n) for n in lines]))
    elif lines:
        parts.append(f"lines {min(lines)} to {max(lines)}")
    sources = {r.source_label or r.source for r in refs}
    if with_source and len(sources) == 1 and None not in sources:
        parts.append(str(sources.pop()))
    return f" ({', '.join(parts)})" if parts else ""


def _moved(direction: str) -> str:
    return "at least" if direction == "up" else "at most"


def _counting(bound: StatedBound, what: Callable[[str], str]) -> str:
    """What follows a bound's number in a sentence: `` units``, `` flights per flight``...

    A bound on cargo counts ``units`` of it, a bound on flights ``flights``; ``what`` picks
    the singular or the plural as the number asks (``1 unit``, ``54 units``). A per-flight
    bound says so. From the fields of ``bound``, never its text.
    """
    said = f" {what(bound.trip if bound.flights else 'unit')}"
    return f"{said} per {bound.trip}" if bound.per_flight else said


def _unit_of(r: Relaxation, n: Fraction) -> str:
    """What a count counts, after ``n``: `` units``, `` flight``, or a limit's name as code.

    A loading limit counts in its own units, named by the limit (`` `canister_slots` ``),
    shown as code so that a limit called ``t`` never reads as tonnes.
    """
    unit = relaxation_unit(r)
    if unit == "flights":
        return f" {noun(n, _trip(r.statement))}"
    if unit == "units":
        return f" {noun(n, 'unit')}"
    return f" {code(unit)}" if unit else ""


def _trip(ref: StatementRef) -> str:
    """What one flight a statement counts is called: ``flight``, ``sailing`` for ships."""
    if ref.count is not None:
        return ref.count.trip
    return ref.bound.trip if ref.bound is not None else "flight"


def _no_flights(witness: Allocation | None) -> bool:
    """Whether the allocation that shows a relaxation works flies no flight at all."""
    return witness is not None and not any(row.count for row in witness.rows)


def _would_end(r: Relaxation) -> str:
    """What a relaxation without a value says of the values tried.

    None found in time is not a proof that none exists, so an unproven search says only
    that none was found.
    """
    return "would end this conflict" if r.proven else "was found to end this conflict"


def _statement_relaxed(r: Relaxation, line: str, name: str, it: str) -> str:
    """A claim's or an assumption's bound moved, against the bound it states."""
    ref = r.statement
    bound = ref.bound
    if r.unit:  # a bound written as a mass: the texts say their unit
        now = f"{it} says {ref.written or r.current_text}{line}"
    elif bound is None:  # a reference without its numbers: say the number that moves
        now = f"{it} says {r.current_text}{_unit_of(r, r.current)}{line}"
    else:
        now = f"{it} says {bound.words}{_counting(bound, bound.noun_after)}{line}"
    if r.needed_text is None or r.needed is None:
        return f"no value of {name} {_would_end(r)}; {now}"
    extent = "as many as" if r.direction == "up" else "as few as"
    needed_n = r.needed
    if r.unit:
        counts = ""
    elif bound is None:
        counts = _unit_of(r, needed_n)
    else:
        counts = _counting(bound, lambda one: noun(needed_n, one))
    needed = f"{r.needed_text}{counts}"
    on_cargo = bound is None or not (bound.flights or bound.per_flight)
    if r.needed == 0 and on_cargo and _no_flights(r.witness):
        # with the flight counts outside the conflict set aside, only no flights at all fit
        needed += f" (no {noun(0, _trip(ref))} at all)"
    return f"{name} would have to allow {extent} {needed}; {now}"


def _count_relaxed(r: Relaxation, line: str, name: str, it: str) -> str:
    """A flight group's count moved, against the count written."""
    ref = r.statement
    trip = _trip(ref)
    if ref.count is not None:
        count = f"{ref.count.words} {ref.count.noun_after(trip)}"
    else:
        count = f"{r.current_text} {noun(r.current, trip)}"
    now = f"{'its' if it == 'it' else it} count is {count}{line}"
    if r.needed_text is None or r.needed is None:
        return f"no number of {noun(0, trip)} of {name} {_would_end(r)}; {now}"
    if r.needed == 0:
        return f"{name} would need no {noun(0, trip)} at all; {now}"
    needed = f"{r.needed_text} {noun(r.needed, trip)}"
    return f"{name} would need {_moved(r.direction)} {needed}; {now}"


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
    # a count of a loading limit counts in the limit's own name: "12 canister_slots"
    of = "" if r.unit else _unit_of(r, r.current)
    now = f"the scenario has {r.current_text}{of}{line}"
    if r.needed_text is None:
        larger = "larger" if r.direction == "up" else "smaller"
        return f"no {larger} value of {_subject(ref)} {_would_end(r)}; {now}"
    if r.direction == "down" and r.needed == 0:
        one = f"1 {r.unit}" if r.unit else f"1{_unit_of(r, Fraction(1))}"
        if ref.key.role is Role.MASS:
            return f"each {ref.key.entry} would have to weigh under {one}; {now}"
        return f"{_subject(ref)} would have to be under {one}; {now}"
    needed = f"{r.needed_text}{of}"
    return f"{_subject(ref)} would have to be {_moved(r.direction)} {needed}; {now}"


def relaxation_sentence(r: Relaxation, alike: Sequence[StatementRef] = ()) -> str:
    """What one number would have to become for its conflict to end, against what is written.

    The line cited is the statement's (a claim's or a flight group's first line, a
    physical value's own line), as in every other table and sentence of the report.
    ``alike`` are the other members alike the relaxed one: the sentence is said of each
    (``Each of the 300 alike groups `g0`, ... `g299` would need ...; each count is 1``).
    """
    ref = r.statement
    line = f" (line {ref.line})" if ref.line is not None else ""
    name, it = code(ref.id), "it"
    if alike:
        everyone = [ref, *alike]
        noun_ = "groups" if ref.key.role is Role.FLIGHTS else f"{ref.key.role.value}s"
        name = f"each of the {fmt_int(len(everyone))} alike {noun_} {_names(everyone)}"
        it, line = "each", _where_all(everyone, with_source=False)
    if ref.key.role is Role.FLIGHTS:
        sentence = _count_relaxed(r, line, name, it)
    elif ref.key.role in (Role.CLAIM, Role.ASSUMPTION):
        sentence = _statement_relaxed(r, line, name, it)
    else:
        sentence = _value_relaxed(r, line)
    if not r.proven and r.needed_text is None:
        return f"Not proven ({stopped_by(r.cutoff)}): {sentence}"
    if not r.proven:
        return f"{unproven(r.cutoff)}; the nearest value may differ): {sentence}"
    return capital(sentence)


def correction_sentence(c: Correction) -> str:
    """The fewest claims to drop, and which."""
    claims = counted(len(c.drop), "claim")
    names = _join([cite(r) for r in c.drop])
    if c.proven:
        return f"Dropping {claims} lets the rest hold together: {names}."
    return (
        f"{unproven(c.cutoff)}): dropping these {claims} may let the rest hold together: {names}."
    )
