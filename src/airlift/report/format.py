"""Wording, numbers and the section layout shared by the text and Markdown reports.

Both human-readable reports say the same things in the same order; only the
layout differs. So the content is built once, here, as a short list of plain
blocks (:mod:`airlift.report.blocks`) by :func:`build_document`,
and :mod:`airlift.report.text` and :mod:`airlift.report.markdown` lay the blocks
out. Everything is a pure function of the :class:`~airlift.result.Analysis`:
no clock, no locale, no float ``repr``, so the same analysis gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from airlift.report.blocks import (
    MARKDOWN_GLYPHS,
    SECTION_BOUNDS,
    SECTION_CLAIMS,
    SECTION_SETTINGS,
    TEXT_GLYPHS,
    Block,
    Bullets,
    Glyphs,
    Heading,
    Paragraph,
    Table,
    code,
    fmt_int,
)
from airlift.report.explain_blocks import allocation_notes, binds_cell, explanation_blocks
from airlift.report.lane_blocks import lane_limit_blocks
from airlift.report.robust_blocks import robust_blocks
from airlift.report.schedule_blocks import schedule_blocks, schedule_headline
from airlift.report.units import bulk_amount, value_text
from airlift.result import (
    ANY_TRIP,
    Allocation,
    AllocationRow,
    Analysis,
    Bound,
    ClaimResult,
    Extreme,
    Feasibility,
    Measure,
    SolveStatus,
    StatementRef,
    ValueUsed,
    counted,
    noun,
)

__all__ = [
    "MARKDOWN_GLYPHS",
    "TEXT_GLYPHS",
    "Block",
    "Bullets",
    "Glyphs",
    "Heading",
    "Paragraph",
    "Table",
    "allocation_table",
    "base_sentence",
    "build_document",
    "fmt_extreme",
    "fmt_int",
    "fmt_setting",
    "given_sentence",
    "load_text",
    "overall_sentence",
    "settings_items",
    "settings_lines",
]


# --- numbers and values ------------------------------------------------------------------


def fmt_setting(value: object) -> str:
    """A settings value as text, without platform- or version-dependent float output."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(value, ".6g")
    if isinstance(value, Mapping):
        inner = ", ".join(f"{k}: {fmt_setting(v)}" for k, v in sorted(value.items(), key=_key))
        return "{" + inner + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(fmt_setting(v) for v in value) + "]"
    return str(value)


def _key(item: tuple[object, object]) -> str:
    return str(item[0])


#: Settings shown first, in this order, with their human names and units.
_KNOWN_SETTINGS: tuple[tuple[str, str, str], ...] = (
    ("time_limit", "time limit", " s per solver call"),
    ("time_limit_kind", "time limit kind", ""),
    ("call_seconds", "wall-clock cap", " s per solver call"),
    ("max_seconds", "wall-clock budget", " s for the whole run"),
    ("seed", "seed", ""),
    ("workers", "workers", ""),
)


def settings_items(settings: Mapping[str, object]) -> list[tuple[str, object]]:
    """Settings in a fixed order: the known ones first, then the rest by name."""
    known = [name for name, _, _ in _KNOWN_SETTINGS]
    first = [(k, settings[k]) for k in known if k in settings]
    rest = sorted((str(k), v) for k, v in settings.items() if k not in known)
    return first + rest


def settings_lines(settings: Mapping[str, object]) -> tuple[str, ...]:
    """Each setting as ``label: value unit`` (``time limit: 10 s per solver call``), in order."""
    labels = {name: (label, unit) for name, label, unit in _KNOWN_SETTINGS}
    lines = []
    for key, value in settings_items(settings):
        label, unit = labels.get(key, (key.replace("_", " "), ""))
        lines.append(f"{label}: {fmt_setting(value)}{unit}")
    return tuple(lines)


def fmt_extreme(e: Extreme, g: Glyphs, measure: Measure) -> str:
    """One extreme of a total, with what it counts: a number only when it is proven.

    ``measure`` says what the total's numbers count (``264 units``, ``14 flights``,
    ``90,208 t``). An unproven extreme is shown as what is certified about it, with the
    reason, e.g. ``84-96 units (time limit)``; an unbounded maximum is ``unbounded``.
    """
    if e.unbounded:
        return "unbounded"
    if e.status is SolveStatus.INFEASIBLE:
        return "none (no allocation)"
    if e.lo is not None and e.lo == e.hi:
        return measure.text(e.lo)
    why = "solver error" if e.status is SolveStatus.MODEL_INVALID else "time limit"
    if e.cutoff is not None:
        why = e.cutoff.value
    if e.lo is not None and e.hi is not None:
        return f"{measure.extent(e.lo, e.hi, g.dash)} ({why})"
    if e.lo is not None:
        return f"at least {measure.text(e.lo)} ({why})"
    if e.hi is not None:
        return f"at most {measure.text(e.hi)} ({why})"
    return f"unknown ({why})"


def load_text(row: AllocationRow, g: Glyphs) -> str:
    """What one flight of a row carries: ``4 x 48N6-canister, 12.5 t of coal``.

    Units of cargo by count, bulk cargo by its exact mass per flight.
    """
    items = [f"{fmt_int(n)} {g.times} {cargo}" for cargo, n in row.load]
    items += [f"{bulk_amount(kg)} of {cargo}" for cargo, kg in row.bulk if kg]
    return ", ".join(items) if items else "nothing (empty flight)"


def _value_used(v: ValueUsed) -> tuple[str, str, str, str, str]:
    side = {"max": "largest", "min": "smallest"}.get(v.side, v.side)
    line = str(v.line) if v.line is not None else ""
    if v.catalog is not None:  # the value is the catalogue's, not written on that line
        line = f"catalogue {v.catalog}"
    return v.field, v.written, value_text(v), side, line


def _value_sources(values: tuple[ValueUsed, ...]) -> str:
    """Which source each aircraft and cargo entry cites, in one sentence."""
    cited: dict[str, str] = {}
    for v in values:
        entry = f"{v.key.role.section} {v.key.entry}"
        if v.catalog is not None:
            entry += f" (catalogue {v.catalog})"
        cited.setdefault(entry, v.source or "no source given")
    return "Sources: " + "; ".join(f"{entry}: {source}" for entry, source in cited.items()) + "."


# --- sentences -------------------------------------------------------------------------


def base_sentence(status: Feasibility) -> str:
    """Whether the observations and assumptions hold together, in words."""
    if status is Feasibility.FEASIBLE:
        return "The observations and assumptions are consistent."
    if status is Feasibility.INFEASIBLE:
        return (
            "The observations and assumptions are inconsistent: no allocation of cargo to "
            "flights satisfies them, so every claim is inconsistent and no total has a range."
        )
    return (
        "Whether the observations and assumptions are consistent could not be decided "
        "in the time limit."
    )


def overall_sentence(a: Analysis) -> str:
    """Whether the base and every claim hold together, in words."""
    n = len(a.claims)
    if n == 0:
        return "The scenario makes no claims to check."
    them = {1: "The claim", 2: "Both claims together"}.get(n, f"All {counted(n, 'claim')} together")
    be = "is" if n == 1 else "are"
    base = "the observations and assumptions"
    if a.status is Feasibility.FEASIBLE:
        return (
            f"{them} {be} consistent with {base}: an allocation satisfying everything is "
            "shown under Example allocation."
        )
    if a.status is Feasibility.INFEASIBLE:
        if a.base_status is Feasibility.INFEASIBLE:
            return f"{them} {be} inconsistent, as {base} already are."
        if n == 1:
            return f"The claim is inconsistent with {base}."
        return f"{them} are inconsistent with {base}: they cannot all hold at once."
    whether = them[0].lower() + them[1:]
    return f"Whether {whether} {be} consistent with {base} could not be decided in the time limit."


_LEGEND = (
    "implied: holds in every allocation consistent with the observations and assumptions; "
    "consistent: holds in some but not all; inconsistent: holds in none; unknown: the time "
    "limit ran out before either was proven. Settled 'no' means the verdict is right but a "
    "stronger one may hold. The JSON output carries an allocation where each claim holds "
    "and one where it fails."
)

_MONOTONE = (
    "Every constraint of format version 1 is monotone in these values: a larger payload or "
    "limit, or a smaller mass or use, never makes an allocation impossible. So whether "
    "something is possible is decided exactly at the most permissive values, the largest "
    "payloads and limits and the smallest masses and uses, shown here exactly as the model "
    "takes them."
)


def _bounds_intro(a: Analysis) -> str:
    text = (
        "The smallest and largest value of each total over all allocations consistent with "
        "the observations and assumptions (claims are not taken into account), at the most "
        "permissive values (see Values used)."
    )
    if any(b.spec.given is not None for b in a.bounds):
        text += (
            " A total given some claims is bounded over the allocations that satisfy those "
            "claims as well: how low and how high it can go if they hold."
        )
    if any(not b.proven for b in a.bounds):
        text += (
            " A number is proven; a range with a reason is the certified interval in which "
            "the true extreme lies, when the time limit stopped the proof."
        )
    return text


def _listed(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def given_sentence(b: Bound) -> str | None:
    """Why a conditional bound has no range, in words; None for any other bound.

    ``flights on B747F given aug24: no allocation satisfies the observations, assumptions and
    aug24, so this total has no range under them.`` Only for a base that holds (when it does
    not, the report says so once, for every total).
    """
    given = b.spec.given
    if given is None or SolveStatus.INFEASIBLE not in (b.min.status, b.max.status):
        return None
    under = _listed(["the observations", "assumptions", *(code(i) for i in given)])
    return (
        f"{b.spec.label}: no allocation satisfies {under}, so this total has no range under them."
    )


# --- the document ----------------------------------------------------------------------


def _ref_line(ref: StatementRef, g: Glyphs) -> str:
    return str(ref.line) if ref.line is not None else g.none


def _ref_source(ref: StatementRef, g: Glyphs) -> str:
    return ref.source_label or ref.source or g.none


def _claims_table(claims: tuple[ClaimResult, ...], g: Glyphs) -> Table:
    rows = tuple(
        (
            c.ref.id,
            c.ref.says or g.none,
            c.verdict.value,
            "yes" if c.settled else "no",
            c.reason or g.none,
            _ref_line(c.ref, g),
            _ref_source(c.ref, g),
        )
        for c in claims
    )
    return Table(
        headers=("Claim", "Says", "Verdict", "Settled", "Reason", "Line", "Source"),
        rows=rows,
        align=("l", "l", "l", "l", "l", "r", "l"),
        wrap=(True, True, False, False, True, False, True),
        below=(False, True, False, False, True, False, False),
    )


def _bounds_table(bounds: tuple[Bound, ...], g: Glyphs) -> Table:
    rows = tuple(
        (b.spec.label, fmt_extreme(b.min, g, b.spec.measure), fmt_extreme(b.max, g, b.spec.measure))
        for b in bounds
    )
    return Table(
        headers=("Total", "Min", "Max"),
        rows=rows,
        align=("l", "r", "r"),
        wrap=(True, True, True),
    )


def _trips(a: Analysis) -> dict[str, str]:
    """What one flight of each group is called, by group id: ``flight``, ``sailing``..."""
    return {r.id: r.count.trip for r in a.flight_groups if r.count is not None}


def _rows_trip(alloc: Allocation, trips: Mapping[str, str]) -> str:
    """What one flight of an allocation's rows is called: their groups' noun when they share
    one, ``trip`` when they mix kinds of vehicle."""
    nouns = {trips.get(r.flights, "flight") for r in alloc.rows}
    if len(nouns) > 1:
        return ANY_TRIP
    return nouns.pop() if nouns else "flight"


def allocation_table(alloc: Allocation, g: Glyphs, trip: str = "flight") -> Table:
    """An allocation as a table: group, destination, flights and the load of each, and what
    is full on them when the analysis said; ``trip`` names one flight (``sailing``)."""
    rows = tuple((r.flights, r.to, fmt_int(r.count), load_text(r, g)) for r in alloc.rows)
    table = Table(
        headers=("Flight group", "To", noun(0, trip).capitalize(), f"Load per {trip}"),
        rows=rows,
        align=("l", "l", "r", "l"),
        wrap=(True, True, False, True),
    )
    if not any(r.binds for r in alloc.rows):
        return table
    return Table(  # what binds, when the analysis said
        headers=(*table.headers, "Full"),
        rows=tuple((*cells, binds_cell(r, g)) for cells, r in zip(rows, alloc.rows, strict=True)),
        align=(*table.align, "l"),
        wrap=(*table.wrap, True),
    )


def _refs_table(first: str, refs: tuple[StatementRef, ...], g: Glyphs) -> Table:
    return Table(
        headers=(first, "Says", "Line", "Source"),
        rows=tuple((r.id, r.says or g.none, _ref_line(r, g), _ref_source(r, g)) for r in refs),
        align=("l", "l", "r", "l"),
        wrap=(True, True, False, True),
    )


def _no_example(a: Analysis) -> str:
    if a.base_status is Feasibility.INFEASIBLE:
        return "None: no allocation satisfies the observations and assumptions."
    if a.status is Feasibility.INFEASIBLE:
        return "None: no allocation satisfies the observations, assumptions and all claims at once."
    if a.status is Feasibility.UNKNOWN:
        return "None found in the time limit."
    return "None was reported."


def build_document(a: Analysis, g: Glyphs) -> tuple[Block, ...]:
    """The report's content in order, as layout-free blocks."""
    out: list[Block] = [Heading(a.title, 1)]
    if a.file:
        out.append(Paragraph(f"File: {a.file}"))
    out += [Paragraph(base_sentence(a.base_status)), Paragraph(overall_sentence(a))]
    headline = schedule_headline(a)
    if headline is not None:
        out.append(Paragraph(headline))

    out.append(Heading("Claims", 2, SECTION_CLAIMS))
    if a.claims:
        out += [_claims_table(a.claims, g), Paragraph(_LEGEND)]
    else:
        out.append(Paragraph("The scenario makes no claims."))
    out += robust_blocks(a, g)
    if a.explanation is not None:
        out += explanation_blocks(a.explanation, g)

    out.append(Heading("Bounds", 2, SECTION_BOUNDS))
    if a.bounds:
        out += [Paragraph(_bounds_intro(a)), _bounds_table(a.bounds, g)]
        if a.base_status is not Feasibility.INFEASIBLE:
            out += [Paragraph(t) for b in a.bounds if (t := given_sentence(b)) is not None]
    else:
        out.append(Paragraph("No totals to bound."))

    out += schedule_blocks(a, g)

    out.append(Heading("Values used", 2))
    out.append(Paragraph(_MONOTONE))
    if a.values_used:
        out.append(
            Table(
                headers=("Field", "Written", "Used", "Taken as", "Line"),
                rows=tuple(_value_used(v) for v in a.values_used),
                align=("l", "l", "r", "l", "r"),
                wrap=(True, True, False, False, False),
            )
        )
        out.append(Paragraph(_value_sources(a.values_used)))
    out += lane_limit_blocks(a.lane_limits)

    out.append(Heading("Example allocation", 2))
    if a.example is not None and a.example.rows:
        trips = _trips(a)
        trip = _rows_trip(a.example, trips)
        flights = counted(sum(r.count for r in a.example.rows), trip)
        out.append(
            Paragraph(
                "One allocation (manifest) satisfying the observations, assumptions and every "
                f"claim, {flights} in all."
            )
        )
        out.append(allocation_table(a.example, g, trip))
        out += [Paragraph(p) for p in allocation_notes(a.example, trips)]
    elif a.example is not None:
        out.append(Paragraph("The allocation satisfying everything has no flights."))
    else:
        out.append(Paragraph(_no_example(a)))

    if a.flight_groups:
        out += [Heading("Flight groups", 2), _refs_table("Flight group", a.flight_groups, g)]
    out.append(Heading("Assumptions", 2))
    if a.assumptions:
        out.append(_refs_table("Assumption", a.assumptions, g))
    else:
        out.append(Paragraph("None."))
    if a.notes:
        out += [Heading("Notes", 2), Bullets(tuple(a.notes))]
    out.append(Heading("Settings", 2, SECTION_SETTINGS))
    lines = settings_lines(a.settings)
    out.append(Bullets(lines) if lines else Paragraph("Not recorded."))
    return tuple(out)
