"""Which value of each range the model used, why that one, and where it came from."""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Protocol

from airlift.result import LaneLimit, Role, StatementKey, ValueUsed
from airlift.scenario.lanes import lane_payload_detail
from airlift.scenario.schema import AmountRange, MassRange, Scenario, source_ids

__all__ = ["lane_limits", "values_used"]


class _Origin(Protocol):
    """What a catalogue origin tells (see :class:`airlift.scenario.catalog.CatalogOrigin`)."""

    @property
    def entry(self) -> str: ...
    @property
    def sources(self) -> tuple[str, ...]: ...


OriginOf = Callable[[tuple[str | int, ...]], _Origin | None]


def _written(r: MassRange | AmountRange) -> str:
    return r.min.text if r.exact else f"{{min: {r.min.text}, max: {r.max.text}}}"


def _value(key: StatementKey, r: MassRange | AmountRange, side: str, cite: _Cite) -> ValueUsed:
    """The permissive end of ``r``, exact, with its text as written.

    The model scales every value to whole numbers exactly (see
    :func:`airlift.model.compile._common_scale`), so nothing here is rounded.
    """
    end = r.max if side == "max" else r.min
    line, source, catalog = cite(key.path)
    return ValueUsed(
        key.text,
        _written(r),
        Fraction(end.value),
        r.min.base_unit,
        side,
        line,
        source,
        catalog,
        key=key,
        used_text=end.text,
    )


_Cite = Callable[[tuple[str, ...]], tuple[int | None, str | None, str | None]]


def values_used(
    scenario: Scenario,
    line_of: Callable[[tuple[str | int, ...]], int | None] | None = None,
    source_label: Callable[[str | None], str | None] = lambda _: None,
    origin_of: OriginOf | None = None,
) -> tuple[ValueUsed, ...]:
    """Payloads and limits at their largest, masses and uses at their smallest.

    Each value cites the line it is written on (when ``line_of`` knows it) and the sources
    of its aircraft or cargo entry. A value that ``origin_of`` says came from a catalogue
    entry cites that entry and the entry's sources instead; a value the scenario wrote over
    a catalogue entry cites the scenario's own ``source`` for the entry, if it gave one.
    """

    def label(ids: tuple[str, ...]) -> str | None:
        labels = [text for text in (source_label(i) for i in ids) if text]
        return "; ".join(dict.fromkeys(labels)) or None

    def cite(path: tuple[str, ...]) -> tuple[int | None, str | None, str | None]:
        section, name = path[0], path[1]
        entry = scenario.aircraft[name] if section == "aircraft" else scenario.cargo[name]
        line = line_of(path) if line_of else None
        origin = origin_of(path) if origin_of else None
        if origin is not None:
            return line, label(origin.sources), origin.entry
        source_from_catalog = origin_of is not None and origin_of((section, name, "source"))
        ids = () if source_from_catalog else source_ids(entry.source)
        return line, label(ids), None

    out = []
    for name, aircraft in scenario.aircraft.items():
        out.append(_value(StatementKey(Role.PAYLOAD, name), aircraft.payload, "max", cite))
        out += [
            _value(StatementKey(Role.LIMIT, name, k), v, "max", cite)
            for k, v in aircraft.limits.items()
        ]
    for name, cargo in scenario.cargo.items():
        mass: MassRange | None = cargo.mass  # None for bulk cargo, carried by mass
        if mass is not None:
            out.append(_value(StatementKey(Role.MASS, name), mass, "min", cite))
        out += [
            _value(StatementKey(Role.USES, name, k), v, "min", cite) for k, v in cargo.uses.items()
        ]
    return tuple(out)


def lane_limits(scenario: Scenario) -> tuple[LaneLimit, ...]:
    """Each lane whose payload limit its aircraft's payload-range points set, with the
    distance and the limit (see :func:`airlift.scenario.lanes.lane_payload`)."""
    out = []
    for group in scenario.flights:
        structural = scenario.aircraft[group.aircraft].payload.max.value
        for destination in group.to:
            lane = lane_payload_detail(scenario, group, destination)
            if not lane.applies or lane.distance_km is None:
                continue
            out.append(
                LaneLimit(
                    group.id,
                    group.aircraft,
                    group.from_,
                    destination,
                    lane.distance_km,
                    math.ceil(lane.payload),
                    math.ceil(structural),
                    lane.beyond,
                )
            )
    return tuple(out)
