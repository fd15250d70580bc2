"""The report's "Across the ranges" section: each verdict for every value, or only some.

Words a journalist can quote: "possible for every value inside the stated ranges",
"possible for some values, not all", "possible only if a loaded canister weighs at most
4,000 kg". No likelihood words: the section speaks of the ranges, not of chances.
"""

from __future__ import annotations

from airlift.report.blocks import (
    SECTION_RANGES,
    Block,
    Bullets,
    Glyphs,
    Heading,
    Paragraph,
    Table,
    code,
)
from airlift.result import Analysis, ClaimResult, Extent, RangeInput, Robust, TippingPoint

__all__ = ["robust_blocks", "robust_sentence", "tipping_sentence"]

_EXTENT = {
    Extent.EVERY: "every value",
    Extent.SOME: "some values",
    Extent.NONE: "no value",
    Extent.UNKNOWN: "unknown",
}

_INTRO = (
    "Each verdict above holds for some value inside every stated range. Here it is decided "
    "for every value, at the two corners of the ranges: the permissive one (largest payloads "
    "and limits, least masses and uses) and the restrictive one (the opposite ends). Loads "
    "only get easier toward the permissive corner, so the corners decide every value in "
    "between exactly; flight counts, which have no such end, are tried one by one."
)

_STEADY = "no value inside the stated ranges changes this verdict"


def robust_blocks(a: Analysis, g: Glyphs) -> list[Block]:
    """The section, or nothing when no claim was judged across the ranges."""
    judged = [c for c in a.claims if c.robust is not None]
    if not judged:
        return []
    out: list[Block] = [Heading("Across the ranges", 2, SECTION_RANGES)]
    if not a.ranges:
        out.append(Paragraph(f"The scenario writes no ranges: {_STEADY}."))
        return out
    out.append(Paragraph(_INTRO))
    out.append(_ranges_table(a.ranges, g))
    if a.base_holds is Extent.SOME:
        out.append(
            Paragraph(
                "The observations and assumptions themselves hold for some values only: "
                "at the restrictive corner they contradict each other."
            )
        )
    rows = tuple(
        (c.ref.id, _EXTENT[r.possible], _EXTENT[r.implied], robust_sentence(r))
        for c in judged
        if (r := c.robust) is not None
    )
    out.append(
        Table(
            headers=("Claim", "Possible for", "Implied for", "Across the ranges"),
            rows=rows,
            align=("l", "l", "l", "l"),
            wrap=(True, False, False, True),
            below=(False, False, False, True),
        )
    )
    tipping = [tipping_sentence(c, t) for c in judged for t in _tipping(c)]
    if tipping:
        out += [
            Paragraph("Tipping points (exact, to 1 kg, 1 cm or one unit):"),
            Bullets(tuple(tipping)),
        ]
    return out


def _tipping(c: ClaimResult) -> tuple[TippingPoint, ...]:
    return c.robust.tipping if c.robust is not None else ()


def _ranges_table(ranges: tuple[RangeInput, ...], g: Glyphs) -> Table:
    def ends(r: RangeInput) -> tuple[str, str]:
        if r.favours == "high":
            return r.lo_text, r.hi_text
        if r.favours == "low":
            return r.hi_text, r.lo_text
        return f"{r.lo_text} {g.dash} {r.hi_text}", "(tried one by one)"

    return Table(
        headers=("Range", "Restrictive end", "Permissive end"),
        rows=tuple((code(r.field), *ends(r)) for r in ranges),
        align=("l", "r", "r"),
        wrap=(True, False, False),
    )


def robust_sentence(r: Robust) -> str:
    """What the claim's verdict does across the ranges, in one sentence."""
    if r.steady and r.why is None:
        text = _STEADY
    else:
        parts = []
        if r.possible is Extent.SOME:
            parts.append("possible for some values in the ranges, not all")
        elif r.possible is Extent.EVERY:
            parts.append("possible for every value in the ranges")
        elif r.possible is Extent.NONE:
            parts.append("impossible for every value in the ranges")
        if r.implied is Extent.SOME:
            parts.append("certain for some values, not all")
        elif r.implied is Extent.EVERY:
            parts.append("certain for every value")
        text = "; ".join(parts)
        if r.why is not None:
            text = f"{text}; not decided further: {r.why}" if text else f"not decided: {r.why}"
    if r.failing_counts:
        text += "; impossible at the restrictive corner with " + _counts(r.failing_counts)
    if not r.counts_each and r.counts_note is not None:
        text += f" ({r.counts_note})"
    return text


def _counts(vectors: tuple[tuple[tuple[str, int], ...], ...]) -> str:
    shown = [", ".join(f"{n:,} flights of {group}" for group, n in v) for v in vectors[:4]]
    more = len(vectors) - len(shown)
    return " or ".join(shown) + (f" (and {more:,} more combinations)" if more > 0 else "")


def tipping_sentence(c: ClaimResult, t: TippingPoint) -> str:
    """``hajun-84`` is possible only if ``cargo.X.mass`` is at most 4,000 kg, with ..."""
    bound = "at most" if t.direction == "at_most" else "at least"
    ends = "least" if t.others_at == "least_favourable" else "most"
    others = ", ".join(f"{field} {text}" for field, text in t.others)
    held = f" ({others})" if others else ""
    return (
        f"{code(c.ref.id)} is possible only if {code(t.field)} is {bound} {t.text}, with the "
        f"other ranges at their {ends} favourable ends{held}"
    )
