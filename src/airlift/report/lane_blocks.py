"""The report's "Payload by distance" section: lanes whose payload-range points set the limit.

Shown only when some aircraft of the scenario has payload-range points and both airfields of
one of its lanes have coordinates (see :mod:`airlift.scenario.lanes`).
"""

from __future__ import annotations

from airlift.report.blocks import SECTION_PAYLOAD, Block, Heading, Paragraph, Table, fmt_int
from airlift.result import LaneLimit

__all__ = ["lane_limit_blocks"]

_INTRO = (
    "The payload limit of each flight group's lane, read off its aircraft's payload-range "
    "points at the great-circle distance between the airfields (rounded down to whole km; "
    "straight lines between points, never above the structural maximum). The model uses "
    "these limits instead of the maximum payload under Values used."
)


def _row(lane: LaneLimit) -> tuple[str, str, str, str, str, str]:
    limit = f"{fmt_int(lane.payload)} kg" + (" (beyond last point)" if lane.beyond else "")
    return (
        lane.flights,
        lane.aircraft,
        f"{lane.from_} to {lane.to}",
        f"{fmt_int(lane.distance_km)} km",
        limit,
        f"{fmt_int(lane.structural)} kg",
    )


def lane_limit_blocks(lanes: tuple[LaneLimit, ...]) -> list[Block]:
    """A heading, a sentence and a table of the lanes; nothing when there are none."""
    if not lanes:
        return []
    table = Table(
        headers=("Flight group", "Aircraft", "Lane", "Distance", "Payload limit", "Maximum"),
        rows=tuple(_row(lane) for lane in lanes),
        align=("l", "l", "l", "r", "r", "r"),
        wrap=(True, True, True, False, True, False),
    )
    return [Heading("Payload by distance", 2, SECTION_PAYLOAD), Paragraph(_INTRO), table]
