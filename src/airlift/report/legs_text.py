"""The summary of imported legs as plain text, for ``airlift import``.

A pure function from a :class:`~airlift.tracks.summary.LegSummary` to text, laid out like
the terminal report (aligned tables that fit in 100 columns). Every count says what it
counts (``7 legs``, ``3 airframes``), and the text ends with why every count from tracking
is a lower bound.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from airlift.report.blocks import Block, Bullets, Heading, Paragraph, Table
from airlift.report.text import text_of_blocks
from airlift.result import counted
from airlift.tracks.summary import LegSummary, PlaceRow
from airlift.tracks.times import format_utc

__all__ = ["render_leg_summary"]


def _end(end: tuple[str, ...]) -> str:
    return " or ".join(end) if end else "unknown"


def _time(moment: datetime.datetime | None) -> str:
    return format_utc(moment) if moment is not None else "-"


def _places(title: str, rows: Sequence[PlaceRow]) -> list[Block]:
    return [
        Heading(title, 2),
        Table(
            headers=("Airfield", "Name", "Legs"),
            rows=tuple((_end(r.airfield), r.name or "-", counted(r.legs, "leg")) for r in rows),
            align=("l", "l", "r"),
            wrap=(True, True, False),
        ),
    ]


def render_leg_summary(summary: LegSummary, *, title: str, wrote: str | None = None) -> str:
    """What a set of legs holds, as text ending in a newline. ``title`` names what was
    read (``3 OpenSky flight lists``); ``wrote`` names the leg file written, if any."""
    s = summary
    blocks: list[Block] = [Heading(title, 1)]
    head = (
        f"{counted(s.legs, 'leg')}; {counted(len(s.airframes), 'distinct airframe')} "
        f"(by registration or 24-bit address); "
        f"{counted(s.without_airframe, 'leg')} naming no airframe; "
        f"{counted(s.callsigns, 'distinct callsign')} (a callsign is not an airframe)."
    )
    if s.first is not None:
        head += f" Times from {_time(s.first)} to {_time(s.last)} (UTC)."
    blocks.append(Paragraph(head))
    if wrote is not None:
        blocks.append(Paragraph(f"Wrote {counted(s.legs, 'leg')} to {wrote}."))
    if s.by_type:
        blocks += [
            Heading("Aircraft types", 2),
            Table(
                headers=("Type", "Designator", "Catalogue aircraft", "Legs", "Airframes"),
                rows=tuple(
                    (
                        r.aircraft_type or "unknown",
                        r.designator or "-",
                        ", ".join(r.catalog) or "none in the catalogue",
                        counted(r.legs, "leg"),
                        counted(r.airframes, "airframe"),
                    )
                    for r in s.by_type
                ),
                align=("l", "l", "l", "r", "r"),
                wrap=(False, False, True, False, False),
            ),
        ]
    if s.routes:
        blocks += [
            Heading("Routes", 2),
            Table(
                headers=("Type", "From", "To", "Legs", "Airframes", "First (UTC)", "Last (UTC)"),
                rows=tuple(
                    (
                        r.aircraft_type or "unknown",
                        _end(r.origin),
                        _end(r.destination),
                        counted(r.legs, "leg"),
                        counted(r.airframes, "airframe"),
                        _time(r.first),
                        _time(r.last),
                    )
                    for r in s.routes
                ),
                align=("l", "l", "l", "r", "r", "l", "l"),
                wrap=(False, True, True, False, False, False, False),
            ),
        ]
    if s.origins:
        blocks += _places("Origins", s.origins)
    if s.destinations:
        blocks += _places("Destinations", s.destinations)
    if s.unknown_ends:
        blocks += [
            Heading("Unknown and ambiguous ends", 2),
            Bullets(
                tuple(
                    f"{u.cite}: {u.end} "
                    + (f"one of {', '.join(u.alternatives)}" if u.alternatives else "unknown")
                    for u in s.unknown_ends
                )
            ),
        ]
    if s.airframes:
        blocks += [Heading("Airframes", 2), Paragraph(", ".join(s.airframes) + ".")]
    remarks = []
    if s.first_seen_departures or s.last_seen_arrivals:
        remarks.append(
            f"{counted(s.first_seen_departures, 'departure')} {_are(s.first_seen_departures)} "
            f"the first message received (first_seen), not a takeoff; "
            f"{counted(s.last_seen_arrivals, 'arrival')} {_are(s.last_seen_arrivals)} the last "
            "(last_seen), not a landing."
        )
    if s.untimed:
        remarks.append(f"{counted(s.untimed, 'leg')} {_have(s.untimed)} no time.")
    remarks += [
        f"{a} and {b} may be one leg written twice: the same airframe departs less than "
        "30 min apart."
        for a, b in s.duplicates
    ]
    remarks += [_sentence(n) for n in s.notes]
    share = f"{float(s.military_adsb_share) * 100:.1f}%"
    remarks.append(
        "Counts from tracking are lower bounds: only about "
        f"{share} of military aircraft carry ADS-B ({s.military_adsb_source}), and tracks are "
        "lost. A scenario that includes these legs counts at least what was seen, unless its "
        "legs entry says complete: true."
    )
    blocks += [Heading("Notes", 2), Bullets(tuple(remarks))]
    return text_of_blocks(blocks)


def _sentence(text: str) -> str:
    """A note as a sentence: capital first, full stop last."""
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else text + "."


def _are(n: int) -> str:
    return "is" if n == 1 else "are"


def _have(n: int) -> str:
    return "has" if n == 1 else "have"
