"""The uncertain inputs of a scenario: every number written as a range, and a way to pin them.

A scenario writes a payload, a loading limit, a mass, a use, a size or a flight count as a
range when its sources disagree or estimate. Each such range is an :class:`Input`: a name
(``cargo.48N6-canister.mass``, as the ``uncertainty:`` block and reports write it), its ends
in the base unit of its dimension (kg, cm, units, flights), and which way it *favours* loads:
a larger payload, limit or hold lets more be carried; a larger mass, use or cargo size lets
less. Flight counts have no such direction (more flights can break an upper bound).

:func:`pinned` gives the scenario with some inputs fixed to one value each: a valid scenario
(every range becomes ``min == max``), built by copying entries, never by validating YAML
again. Every question asked of a pinned scenario (the model, the re-check of allocations, the
reports) then sees those values, so a sample or a corner is answered like any scenario.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import IntEnum
from fractions import Fraction
from typing import Any

from airlift.scenario.numeric import show_number
from airlift.scenario.schema import (
    AmountRange,
    CountRange,
    Dimensions,
    LengthRange,
    MassRange,
    Scenario,
)
from airlift.scenario.units import BASE_UNIT, Dimension, Quantity

__all__ = ["Favours", "Input", "InputPath", "corner", "inputs_of", "pinned", "ranges_of"]

#: Where an input sits in a scenario: ``("cargo", name, "mass")``,
#: ``("aircraft", name, "limits", limit)``, ``("aircraft", name, "hold", "length")``,
#: ``("aircraft", name, "payload_range", index)``, ``("flights", group id, "count")``. Names
#: are kept whole, so they may hold dots: code compares paths, never splits a name.
InputPath = tuple[str | int, ...]


class Favours(IntEnum):
    """Which end of an input's range lets more be carried."""

    LOW = -1  #: mass, use, cargo size: the least lets the most fit
    NONE = 0  #: a flight count: neither end helps every statement
    HIGH = 1  #: payload, loading limit, hold size: the largest lets the most fit


@dataclass(frozen=True)
class Input:
    """One range of a scenario that a true value could lie anywhere inside."""

    path: InputPath
    #: Its name in the ``uncertainty:`` block and in reports: the path joined by dots.
    name: str
    dimension: Dimension
    #: The range's ends in the base unit (kg, cm, a count, flights), exact.
    lo: Fraction
    hi: Fraction
    #: The ends as the scenario writes them (``2.3 t``), for reports.
    lo_text: str
    hi_text: str
    favours: Favours

    @property
    def unit(self) -> str:
        """The base unit a value of this input is given in: kg, cm, units or flights."""
        if self.path[0] == "flights":
            return "flights"
        return BASE_UNIT[self.dimension] or "units"

    @property
    def is_count(self) -> bool:
        """Whether this is a flight group's count."""
        return self.path[0] == "flights"

    def end(self, restrictive: bool) -> Fraction:
        """The end of the range that lets the least be carried (``restrictive``) or the most.

        Only for inputs with a direction: a flight count has no such end.
        """
        if self.favours is Favours.NONE:
            raise ValueError(f"{self.name} has no end that favours loads")
        high = (self.favours is Favours.HIGH) != restrictive
        return self.hi if high else self.lo

    def text(self, value: Fraction) -> str:
        """``value`` as a reader sees it, with its unit; a range end as the scenario wrote it."""
        if value == self.lo:
            return self.lo_text
        if value == self.hi:
            return self.hi_text
        return _with_unit(value, self.unit)


def _with_unit(value: Fraction, unit: str) -> str:
    number = show_number(value.numerator) if value.denominator == 1 else str(value)
    return f"{number} {unit}"


def inputs_of(scenario: Scenario, counts: bool = True) -> list[Input]:
    """Every range of ``scenario`` with two different ends, in file order (aircraft, cargo,
    flights). A flight count open above (``{min: 9}``) is not an input: it has no top to draw
    from, and stays what it is, any number from its least. Without ``counts``, no counts."""
    found = [i for i in _every_range(scenario) if i.lo != i.hi]
    return [i for i in found if counts or not i.is_count]


def ranges_of(scenario: Scenario) -> list[Input]:
    """Every value of ``scenario`` that :func:`inputs_of` could list, exact ones too (``lo ==
    hi``), in file order: what an ``uncertainty:`` key may name. Counts open above are not
    among them."""
    return list(_every_range(scenario))


def _every_range(scenario: Scenario) -> Iterator[Input]:
    for name, aircraft in scenario.aircraft.items():
        yield _input(("aircraft", name, "payload"), aircraft.payload, Favours.HIGH)
        for limit, amount in aircraft.limits.items():
            yield _input(("aircraft", name, "limits", limit), amount, Favours.HIGH)
        yield from _sizes(("aircraft", name, "hold"), aircraft.hold, Favours.HIGH)
        for index, point in enumerate(aircraft.payload_range):
            path = ("aircraft", name, "payload_range", index, "payload")
            yield _input(path, point.payload, Favours.HIGH)
    for name, cargo in scenario.cargo.items():
        if cargo.mass is not None:
            yield _input(("cargo", name, "mass"), cargo.mass, Favours.LOW)
        for limit, amount in cargo.uses.items():
            yield _input(("cargo", name, "uses", limit), amount, Favours.LOW)
        yield from _sizes(("cargo", name, "size"), cargo.size, Favours.LOW)
    for group in scenario.flights:
        count = group.count
        if count.max is not None:
            yield Input(
                ("flights", group.id, "count"),
                f"flights.{group.id}.count",
                Dimension.COUNT,
                Fraction(count.min),
                Fraction(count.max),
                f"{show_number(count.min)} flights",
                f"{show_number(count.max)} flights",
                Favours.NONE,
            )


def _sizes(prefix: InputPath, dims: Dimensions | None, favours: Favours) -> Iterator[Input]:
    if dims is None:
        return
    for side in ("length", "width", "height"):
        value = getattr(dims, side)
        if value is not None:
            yield _input((*prefix, side), value, favours)


def _input(path: InputPath, r: MassRange | AmountRange | LengthRange, favours: Favours) -> Input:
    return Input(
        path,
        ".".join(str(p) for p in path),
        r.min.dimension,
        r.min.value,
        r.max.value,
        r.min.text,
        r.max.text,
        favours,
    )


def corner(inputs: list[Input], restrictive: bool) -> dict[InputPath, Fraction]:
    """The values of every input with a direction at the end that lets the least be carried
    (``restrictive``) or the most. Flight counts are left as ranges."""
    return {i.path: i.end(restrictive) for i in inputs if i.favours is not Favours.NONE}


def pinned(scenario: Scenario, values: Mapping[InputPath, Fraction]) -> Scenario:
    """``scenario`` with each input of ``values`` fixed at its value (``min == max``).

    Entries no value touches are shared, not copied. A value equal to a range end keeps
    the end's text as written; any other is shown in the base unit.
    """
    if not values:
        return scenario
    by_section: dict[tuple[str, str], dict[InputPath, Fraction]] = {}
    for path, value in values.items():
        by_section.setdefault((str(path[0]), str(path[1])), {})[path[2:]] = value
    aircraft = dict(scenario.aircraft)
    cargo = dict(scenario.cargo)
    counts: dict[str, Fraction] = {}
    for (section, name), fields in by_section.items():
        if section == "aircraft":
            aircraft[name] = _pin_entry(aircraft[name], fields)
        elif section == "cargo":
            cargo[name] = _pin_entry(cargo[name], fields)
        elif section == "flights":
            counts[name] = fields[("count",)]
        else:
            raise KeyError(f"no input under {section!r}")
    flights = scenario.flights
    if counts:
        flights = [
            g.model_copy(update={"count": _count(counts[g.id])}) if g.id in counts else g
            for g in flights
        ]
    return scenario.model_copy(update={"aircraft": aircraft, "cargo": cargo, "flights": flights})


def _pin_entry(entry: Any, fields: Mapping[InputPath, Fraction]) -> Any:
    """An aircraft or cargo entry with the fields under it pinned (``("mass",)``,
    ``("limits", name)``, ``("hold", "length")``, ``("payload_range", i, "payload")``)."""
    update: dict[str, Any] = {}
    for path, value in fields.items():
        head = str(path[0])
        if len(path) == 1:
            update[head] = _point(getattr(entry, head), value)
        elif head in ("limits", "uses"):
            amounts = update.setdefault(head, dict(getattr(entry, head)))
            amounts[path[1]] = _point(amounts[path[1]], value)
        elif head in ("hold", "size"):
            dims = update.get(head, getattr(entry, head))
            side = str(path[1])
            update[head] = dims.model_copy(update={side: _point(getattr(dims, side), value)})
        elif head == "payload_range":
            points = update.setdefault(head, list(entry.payload_range))
            index = int(path[1])
            point = points[index]
            points[index] = point.model_copy(update={"payload": _point(point.payload, value)})
        else:
            raise KeyError(f"no input at {path!r}")
    return entry.model_copy(update=update)


def _point(r: Any, value: Fraction) -> Any:
    """A range of the same type as ``r`` holding only ``value`` (its end's text if it is one)."""
    for end in (r.min, r.max):
        if end.value == value:
            return type(r).model_construct(min=end, max=end)
    unit = BASE_UNIT[r.min.dimension]
    q = Quantity(value, r.min.dimension, _with_unit(value, unit) if unit else _plain(value))
    return type(r).model_construct(min=q, max=q)


def _plain(value: Fraction) -> str:
    return show_number(value.numerator) if value.denominator == 1 else str(value)


def _count(value: Fraction) -> CountRange:
    if value.denominator != 1 or value < 0:
        raise ValueError(f"a flight count is a whole number, not {value}")
    n = int(value)
    return CountRange.model_construct(min=n, max=n)
