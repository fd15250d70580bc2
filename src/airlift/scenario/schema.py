"""The scenario format, version 1, as frozen pydantic models.

This module checks the *shape* of a scenario: fields, types, units, ranges.
Whether names refer to things that exist (an airfield, an aircraft type, a
source) is checked in :mod:`airlift.scenario.references`, so that every problem
of a file can be reported at once. The schema knows nothing of the solver.
"""

from __future__ import annotations

import datetime
import itertools
import math
from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from airlift.scenario.free_text import FREE_TEXT, Text
from airlift.scenario.frozen import FrozenModel, OrderedRange
from airlift.scenario.frozen import end_text as _shown
from airlift.scenario.frozen import end_value as _value
from airlift.scenario.numeric import LARGEST, WHOLE_TEXT, show_number, too_large
from airlift.scenario.quoting import quoted, shorten
from airlift.scenario.schedule_schema import Schedule
from airlift.scenario.uncertainty import Uncertainty
from airlift.scenario.units import (
    MASS_UNITS,
    Dimension,
    Quantity,
    UnitError,
    near_unit,
    parse_amount,
    parse_quantity,
    parse_unit,
    split_quantity,
)

__all__ = [
    "BOUND_KEYS",
    "FREE_TEXT",
    "Aircraft",
    "Airfield",
    "AmountRange",
    "Cargo",
    "CountRange",
    "Dimensions",
    "EstimateRow",
    "FlightGroup",
    "LegFile",
    "LengthRange",
    "MassRange",
    "PayloadPoint",
    "Scenario",
    "Source",
    "Statement",
    "Vehicle",
]

#: Keys of a statement that set its bound; exactly one must be present.
BOUND_KEYS = ("at_least", "at_most", "equals", "between")
#: Name usable as ``total`` for the number of flights rather than cargo.
FLIGHTS_TOTAL = "flights"


def _unit_error(exc: UnitError) -> PydanticCustomError:
    return PydanticCustomError("unit", "{message}", {"message": str(exc)})


def _mass(raw: object) -> Quantity:
    if isinstance(raw, Quantity):
        return raw
    try:
        return parse_quantity(raw, Dimension.MASS)
    except UnitError as exc:
        raise _unit_error(exc) from None


def _length(raw: object) -> Quantity:
    if isinstance(raw, Quantity):
        return raw
    try:
        return parse_quantity(raw, Dimension.LENGTH)
    except UnitError as exc:
        raise _unit_error(exc) from None


def _amount(raw: object) -> Quantity:
    if isinstance(raw, Quantity):
        return raw
    try:
        return parse_amount(raw)
    except UnitError as exc:
        raise _unit_error(exc) from None


def _positive(q: Quantity) -> Quantity:
    if q.value <= 0:
        raise PydanticCustomError(
            "positive", "must be more than zero, got {text}", {"text": quoted(q.text)}
        )
    return q


def _non_negative(q: Quantity) -> Quantity:
    if q.value < 0:
        raise PydanticCustomError(
            "non_negative", "must not be negative, got {text}", {"text": quoted(q.text)}
        )
    return q


#: Digits of the largest accepted whole number; any more and a number is too large.
_LARGEST_DIGITS = len(str(LARGEST))


def _whole_text(raw: object, what: str) -> object:
    """``'1,398'`` or ``'20'`` as the whole number it writes; anything else unchanged.

    Thousands separators are accepted as in quantities (``106,000 lb``). A number with
    more digits than the largest accepted one is refused without converting it: it may
    be thousands of digits long.
    """
    if not isinstance(raw, str) or WHOLE_TEXT.fullmatch(raw) is None:
        return raw
    text = raw.strip()
    digits = text.lstrip("+-").replace(",", "").lstrip("0") or "0"
    if len(digits) <= _LARGEST_DIGITS:
        return -int(digits) if text.startswith("-") else int(digits)
    if text.startswith("-"):
        raise PydanticCustomError(
            "non_negative", "must not be negative, got {text}", {"text": quoted(text)}
        )
    raise PydanticCustomError("too_large", "{message}", {"message": too_large(what, quoted(text))})


def _at_most_largest(number: int, what: str) -> int:
    if number > LARGEST:
        message = too_large(what, show_number(number))
        raise PydanticCustomError("too_large", "{message}", {"message": message})
    return number


def _count_text(raw: object) -> object:
    return _whole_text(raw, "count")


def _count_at_most(number: int) -> int:
    return _at_most_largest(number, "count")


#: What a statement's bound may be, for messages that say what was expected.
BOUND_EXPECTED = "a whole number (a count, such as 1,000) or a mass with a unit (such as '1,000 t')"


def _bound(raw: object) -> int | Quantity:
    """A statement's bound: a whole count (``20``, ``'1,398'``) or a mass with a unit
    (``'1,000 t'``, ``'2,326,406 short_ton'``), read exactly; both at least zero."""
    if isinstance(raw, Quantity) and raw.dimension is Dimension.MASS:
        return _non_negative(raw)
    if isinstance(raw, str):
        raw = _whole_text(raw, "bound")
    if isinstance(raw, int) and not isinstance(raw, bool):
        if raw < 0:
            raise PydanticCustomError(
                "non_negative",
                "must be at least 0, found the number {number}",
                {"number": show_number(raw)},
            )
        return _at_most_largest(raw, "bound")
    written = repr(raw) if isinstance(raw, float) and not raw.is_integer() else raw
    split = split_quantity(written) if isinstance(written, str) else None
    if isinstance(written, str) and split is not None:
        number, unit = split
        if unit is None:
            raise PydanticCustomError(
                "bound_unit",
                "{text} is not a whole number: a count is whole ({whole}), a mass needs a "
                "unit ({mass})",
                {
                    "text": quoted(shorten(written.strip())),
                    "whole": shorten(number.split(".")[0]),
                    "mass": quoted(shorten(f"{number} t")),
                },
            )
        if near_unit(unit, Dimension.MASS) and isinstance(raw, str):
            return _non_negative(_mass(raw))
    raise PydanticCustomError("bound_type", "expected {expected}", {"expected": BOUND_EXPECTED})


def _finite_degrees(raw: object) -> object:
    """Refuse NaN and infinity (``.nan``, ``'inf'``) as a coordinate, in plain words."""
    value = raw
    if isinstance(raw, str):
        if any(ch.isdigit() for ch in raw):
            return raw  # a number, if a long one: pydantic says it is out of range
        try:
            value = float(raw)
        except ValueError:
            return raw
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError(
            "not_finite",
            "expected a number of degrees, found {found}",
            {"found": quoted(raw) if isinstance(raw, str) else str(raw)},
        )
    return raw


def _one_or_many(raw: object) -> object:
    """Allow a single name where a list of names is expected."""
    return [raw] if isinstance(raw, str) else raw


def _iso_date(raw: object) -> object:
    """Accept a ``datetime.date`` from Python callers; files keep dates as text."""
    return raw.isoformat() if isinstance(raw, datetime.date) else raw


def _exact_or_range(raw: object) -> object:
    """``48 t`` means the range ``{min: 48 t, max: 48 t}``."""
    if isinstance(raw, dict | BaseModel):
        return raw
    return {"min": raw, "max": raw}


_NUMBER = r"(\d{1,3}(,\d{3})+|\d+)(\.\d+)?"
_MASS_UNITS = "kg|t|lb|short_ton|long_ton"
_LENGTH_UNITS = "m|cm|mm|km|ft|in|nmi"
_MASS_SCHEMA = {
    "type": "string",
    "pattern": rf"^\s*{_NUMBER}\s*({_MASS_UNITS})\s*$",
    "examples": ["48 t", "106,000 lb"],
}
_LENGTH_SCHEMA = {
    "type": "string",
    "pattern": rf"^\s*{_NUMBER}\s*({_LENGTH_UNITS})\s*$",
    "examples": ["7.5 m", "88 ft", "4,000 km"],
}
_AMOUNT_SCHEMA = {
    "anyOf": [
        {"type": "integer", "minimum": 0},
        {"type": "string", "pattern": rf"^\s*{_NUMBER}\s*({_MASS_UNITS}|{_LENGTH_UNITS})?\s*$"},
    ],
    "examples": [12, "20 m", "2 t"],
}

Mass = Annotated[
    Quantity, BeforeValidator(_mass), AfterValidator(_positive), WithJsonSchema(_MASS_SCHEMA)
]
Length = Annotated[
    Quantity, BeforeValidator(_length), AfterValidator(_positive), WithJsonSchema(_LENGTH_SCHEMA)
]
Amount = Annotated[
    Quantity,
    BeforeValidator(_amount),
    AfterValidator(_non_negative),
    WithJsonSchema(_AMOUNT_SCHEMA),
]
Names = Annotated[
    list[str],
    BeforeValidator(_one_or_many),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]

_WHOLE_SCHEMA = {
    "anyOf": [
        {"type": "integer", "minimum": 0, "maximum": LARGEST},
        {"type": "string", "pattern": r"^\s*(\d{1,3}(,\d{3})+|\d+)\s*$"},
    ],
    "examples": [20, "1,398"],
}
#: A number of flights: whole, at least zero, at most LARGEST; '1,398' is read as 1398.
Count = Annotated[
    int,
    BeforeValidator(_count_text),
    Field(ge=0, strict=True),
    AfterValidator(_count_at_most),
    WithJsonSchema(_WHOLE_SCHEMA),
]
_BOUND_SCHEMA = {
    "anyOf": [
        {"type": "integer", "minimum": 0, "maximum": LARGEST},
        {"type": "string", "pattern": r"^\s*(\d{1,3}(,\d{3})+|\d+)\s*$"},
        {"type": "string", "pattern": _MASS_SCHEMA["pattern"]},
    ],
    "examples": [20, "1,398", "1,000 t", "2,326,406 short_ton"],
}
#: A statement's bound: a whole count of units or flights (an int), or a mass with a unit
#: (a Quantity) that bounds a total's mass. Messages name it "bound".
Bound = Annotated[
    int | Quantity,
    PlainValidator(_bound),
    PlainSerializer(lambda number: number, return_type=Any),
    WithJsonSchema(_BOUND_SCHEMA),
]
Degrees = Annotated[float, BeforeValidator(_finite_degrees)]


class MassRange(OrderedRange):
    """A mass: exact (``48 t``) or a range (``{min: 40 t, max: 48 t}``)."""

    min: Mass
    max: Mass


class LengthRange(OrderedRange):
    """A length: exact (``7.5 m``) or a range (``{min: 20 m, max: 24.5 m}``)."""

    min: Length
    max: Length


class AmountRange(OrderedRange):
    """A loading-limit amount (count, mass or length): exact or a range."""

    min: Amount
    max: Amount

    @model_validator(mode="after")
    def _same_dimension(self) -> AmountRange:
        if self.min.dimension != self.max.dimension:
            raise PydanticCustomError(
                "dimension",
                "min is a {a} but max is a {b}",
                {"a": str(self.min.dimension), "b": str(self.max.dimension)},
            )
        return self

    @property
    def dimension(self) -> Dimension:
        return self.min.dimension


class CountRange(OrderedRange):
    """A number of flights: exact (``20``), a range, or open above (``{min: 9}``)."""

    min: Count
    max: Count | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_int(cls, raw: object) -> object:
        """``20`` (or ``'1,398'``, or a number too long to convert) is exact."""
        whole_text = isinstance(raw, str) and WHOLE_TEXT.fullmatch(raw) is not None
        if (isinstance(raw, int) and not isinstance(raw, bool)) or whole_text:
            return {"min": raw, "max": raw}
        return raw


MassField = Annotated[MassRange, BeforeValidator(_exact_or_range)]
AmountField = Annotated[AmountRange, BeforeValidator(_exact_or_range)]
LengthField = Annotated[LengthRange, BeforeValidator(_exact_or_range)]
#: One source id, or a list of them (an entry whose figures come from several sources).
SourceIds = Annotated[
    str | list[str],
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]


def source_ids(source: str | list[str] | None) -> tuple[str, ...]:
    """The source ids of an entry's ``source`` field, whether it names one or several."""
    if source is None:
        return ()
    return (source,) if isinstance(source, str) else tuple(source)


class Source(FrozenModel):
    """Where a figure or claim was published."""

    publisher: Text
    date: Annotated[str, BeforeValidator(_iso_date)] | None = None
    title: Text | None = None
    url: str | None = None
    note: Text | None = None


class Airfield(FrozenModel):
    """An airfield that flights leave from or land at."""

    name: Text | None = None
    #: The ICAO location indicator (``UUMU``): leg files may name the airfield by it.
    icao: str | None = None
    country: str | None = None
    lat: Annotated[Degrees, Field(ge=-90, le=90)] | None = None
    lon: Annotated[Degrees, Field(ge=-180, le=180)] | None = None
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _empty(cls, raw: object) -> object:
        """``Machulishchy:`` with nothing after it is an airfield with no details."""
        return {} if raw is None else raw


class Dimensions(FrozenModel):
    """Length, width and height: of an aircraft's hold, or of one unit of cargo.

    Any of the three may be left out; a missing dimension is not checked.
    """

    length: LengthField | None = None
    width: LengthField | None = None
    height: LengthField | None = None


class PayloadPoint(FrozenModel):
    """One point of a payload-range diagram: the most a flight lifts over ``distance``."""

    distance: Length
    payload: MassField


def _catalog_or(*own: dict[str, Any]) -> Any:
    """JSON Schema of an entry: ``{catalog: NAME}`` alone is complete (the loader merges the
    catalogue entry in), or the entry gives its own fields as one of ``own``."""

    def extra(schema: dict[str, Any]) -> None:
        schema.pop("required", None)
        schema["anyOf"] = [{"required": ["catalog"]}, *own]

    return extra


#: The kinds of vehicle an ``aircraft`` entry may be (see :data:`airlift.result.TRIP_NOUNS`).
Vehicle = Literal["aircraft", "ship", "truck", "train"]


class Aircraft(FrozenModel):
    """An aircraft type, or any vehicle with a payload: its payload and named loading
    limits per flight (a ship's flight is a sailing; see ``vehicle``).

    ``catalog`` names the catalogue entry the fields were taken from (the loader
    merges it in before validation); ``estimate``, when present, says which figures
    are estimates and why.
    """

    model_config = ConfigDict(json_schema_extra=_catalog_or({"required": ["payload"]}))

    catalog: str | None = None
    name: Text | None = None
    #: What kind of vehicle this is: reports count a ship's trips as sailings, a truck's as
    #: trips and a train's as trains, where an aircraft's are flights. Groups of any of
    #: them are written under ``flights:`` all the same.
    vehicle: Vehicle = "aircraft"
    payload: MassField
    payload_range: list[PayloadPoint] = Field(default_factory=list)
    hold: Dimensions | None = None
    limits: dict[str, AmountField] = Field(default_factory=dict)
    source: SourceIds | None = None
    estimate: Text | None = None
    note: Text | None = None

    @field_validator("payload_range")
    @classmethod
    def _curve(cls, points: list[PayloadPoint]) -> list[PayloadPoint]:
        """Distances rise and payloads do not: the farther, the less a flight can lift."""
        for a, b in itertools.pairwise(points):
            if b.distance.value <= a.distance.value:
                raise PydanticCustomError(
                    "payload_range",
                    "distances must increase from point to point: {b} comes after {a}",
                    {"a": quoted(a.distance.text), "b": quoted(b.distance.text)},
                )
            if b.payload.max.value > a.payload.max.value:
                raise PydanticCustomError(
                    "payload_range",
                    "payloads must not increase with distance: {b} at "
                    "{d} is more than {a} before it",
                    {
                        "a": quoted(a.payload.max.text),
                        "b": quoted(b.payload.max.text),
                        "d": shorten(b.distance.text),
                    },
                )
        return points

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The ids of the sources this entry cites (none, one or several)."""
        return source_ids(self.source)


_BULK = {"properties": {"bulk": {"const": True}}, "required": ["bulk"]}


def _cargo_json_schema(schema: dict[str, Any]) -> None:
    """A catalogue reference, a unit with a mass, or bulk cargo, which has no unit mass,
    size or uses."""
    _catalog_or({"required": ["kind", "mass"]}, {**_BULK, "required": ["kind", "bulk"]})(schema)
    schema["if"] = _BULK
    schema["then"] = {
        "not": {"anyOf": [{"required": ["mass"]}, {"required": ["size"]}]},
        "properties": {"uses": {"maxProperties": 0}},
    }


class Cargo(FrozenModel):
    """A cargo type: one unit's mass, size and what it uses of each loading limit; or, with
    ``bulk: true``, cargo carried by mass in any amount (coal, food, fuel), which has no
    unit mass or size and takes only payload mass."""

    model_config = ConfigDict(json_schema_extra=_cargo_json_schema)

    catalog: str | None = None
    name: Text | None = None
    kind: str
    bulk: Annotated[bool, Field(strict=True)] = False
    mass: MassField | None = Field(default=None, validate_default=True)
    size: Dimensions | None = None
    uses: dict[str, AmountField] = Field(default_factory=dict)
    source: SourceIds | None = None
    estimate: Text | None = None
    note: Text | None = None

    @field_validator("mass")
    @classmethod
    def _mass_or_bulk(cls, mass: MassRange | None, info: ValidationInfo) -> MassRange | None:
        """A unit has a mass; bulk cargo has none (its amounts are masses)."""
        if "bulk" not in info.data:
            return mass  # bulk itself is malformed, and reported
        if info.data["bulk"] and mass is not None:
            raise PydanticCustomError(
                "bulk_mass",
                "bulk cargo has no unit mass; remove mass (claims and estimates bound its "
                "mass, e.g. at_least: 1,000 t)",
            )
        if not info.data["bulk"] and mass is None:
            raise PydanticCustomError(
                "missing_mass",
                "missing required field 'mass': give the mass of one unit (mass: 2.5 t), or "
                "bulk: true for cargo carried by mass in any amount (coal, food, fuel)",
            )
        return mass

    @field_validator("size")
    @classmethod
    def _no_bulk_size(cls, size: Dimensions | None, info: ValidationInfo) -> Dimensions | None:
        if info.data.get("bulk") and size is not None:
            raise PydanticCustomError(
                "bulk_size", "bulk cargo has no unit size; remove size (it fills any hold)"
            )
        return size

    @field_validator("uses")
    @classmethod
    def _no_bulk_uses(
        cls, uses: dict[str, AmountRange], info: ValidationInfo
    ) -> dict[str, AmountRange]:
        if info.data.get("bulk") and uses:
            raise PydanticCustomError(
                "bulk_uses",
                "a bulk cargo's use of a loading limit per tonne is not supported yet: bulk "
                "cargo takes payload mass only; remove uses",
            )
        return uses

    @property
    def unit_mass(self) -> MassRange:
        """The mass of one unit. Raises ValueError for bulk cargo, which has no units."""
        if self.mass is None:
            raise ValueError("bulk cargo has no unit mass")
        return self.mass

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The ids of the sources this entry cites (none, one or several)."""
        return source_ids(self.source)


class FlightGroup(FrozenModel):
    """Observed flights of one aircraft type from one airfield to one of several."""

    id: str
    aircraft: str
    count: CountRange
    from_: str = Field(alias="from")
    to: Names
    carries: Names | None = None
    says: Text | None = None
    source: str | None = None
    note: Text | None = None


def _leg_file(raw: object) -> object:
    """``legs: [flights.csv]``: a file name alone is an entry with only ``file``."""
    return {"file": raw} if isinstance(raw, str) else raw


class LegFile(FrozenModel):
    """A flight-leg file (CSV, one row per leg; see docs/legs.md) whose legs the loader turns
    into flight groups: one group per aircraft, origin and destination.

    ``file`` is relative to the scenario file. A group counts at least the legs seen (open
    above: tracking misses aircraft and loses tracks) unless ``complete`` says the file
    lists every flight. ``carries`` is what the flights may carry (all cargo when left
    out). ``aircraft`` and ``airfields`` map what the file writes (a type such as ``IL76``,
    an airfield such as ``OSLK`` or ``unknown``) to the scenario's names where the file's
    own do not match one; ``id`` starts the ids of the groups (the file's name by default).
    """

    model_config = ConfigDict(
        json_schema_extra={"examples": ["legs/flights.csv", {"file": "legs/flights.csv"}]}
    )

    file: str
    id: str | None = None
    carries: Names | None = None
    complete: Annotated[bool, Field(strict=True)] = False
    aircraft: dict[str, str] = Field(default_factory=dict)
    airfields: dict[str, Names] = Field(default_factory=dict)
    says: Text | None = None
    source: str | None = None
    note: Text | None = None


def _file_or_entry(schema: dict[str, Any]) -> None:
    """JSON Schema of ``legs``: each item is a file name or a full entry."""
    schema["items"] = {"anyOf": [{"type": "string"}, schema["items"]]}


LegFileField = Annotated[LegFile, BeforeValidator(_leg_file)]


class _Filtered(FrozenModel):
    """Filters that select flights: by destination, origin, aircraft type or group."""

    to: Names | None = None
    from_: Names | None = Field(default=None, alias="from")
    aircraft: Names | None = None
    flights: Names | None = None


class Statement(_Filtered):
    """An assumption (taken as given) or a claim (checked) bounding a total."""

    id: str
    says: Text | None = None
    total: str
    per_flight: Annotated[bool, Field(strict=True)] = False
    at_least: Bound | None = None
    at_most: Bound | None = None
    equals: Bound | None = None
    between: tuple[Bound, Bound] | None = None
    source: str | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> Statement:
        given = [k for k in BOUND_KEYS if getattr(self, k) is not None]
        if len(given) != 1:
            found = f"found {', '.join(given)}" if given else "found none"
            raise PydanticCustomError(
                "bound",
                "give exactly one of at_least, at_most, equals, between ({found})",
                {"found": found},
            )
        return self

    @field_validator("at_least", "at_most", "equals", "between")
    @classmethod
    def _bound_fits(
        cls, value: int | Quantity | tuple[int | Quantity, int | Quantity], info: ValidationInfo
    ) -> Any:
        """Flights are counted, never weighed; ``between`` is one kind of number, in order."""
        numbers = value if isinstance(value, tuple) else (value,)
        masses = [n for n in numbers if isinstance(n, Quantity)]
        if masses and info.data.get("total") == FLIGHTS_TOTAL:
            raise PydanticCustomError(
                "bound_mass",
                "flights are counted, not weighed: a bound on total flights is a whole "
                "number of flights, not {text}",
                {"text": quoted(shorten(masses[0].text))},
            )
        if isinstance(value, tuple):
            lo, hi = value
            if len(masses) == 1:
                count, mass = (lo, hi) if isinstance(hi, Quantity) else (hi, lo)
                raise PydanticCustomError(
                    "bound_mix",
                    "between mixes a count ({count}) and a mass ({mass}); write both ends as "
                    "masses with units, or both as whole numbers",
                    {"count": _shown(count), "mass": quoted(shorten(_shown(mass)))},
                )
            if _value(lo) > _value(hi):
                lo_text, hi_text = (_shown(n) if masses == [] else quoted(_shown(n)) for n in value)
                raise PydanticCustomError(
                    "range_order",
                    "between [{lo}, {hi}] has its lower end above its upper end",
                    {"lo": lo_text, "hi": hi_text},
                )
        return value

    def _numbers(self) -> tuple[int | Quantity, ...]:
        """The numbers of the bound, in the order written (two for ``between``)."""
        for key in ("at_least", "at_most", "equals"):
            number = getattr(self, key)
            if number is not None:
                return (number,)
        assert self.between is not None
        return self.between

    def _interval(self, numbers: tuple[Any, ...], zero: Any) -> tuple[Any, Any]:
        if self.at_least is not None:
            return numbers[0], None
        if self.at_most is not None:
            return zero, numbers[0]
        if self.equals is not None:
            return numbers[0], numbers[0]
        return numbers[0], numbers[1]

    @property
    def mass_unit(self) -> str | None:
        """The unit a mass bound was written in (``'t'``, ``'short_ton'``; for ``between``,
        its lower end's); None when the bound is a count."""
        first = self._numbers()[0]
        return first.unit if isinstance(first, Quantity) else None

    @property
    def interval(self) -> tuple[int, int | None]:
        """A count bound as a closed interval ``[lo, hi]``; ``hi`` is None when open.

        Raises ValueError when the bound is a mass (see :attr:`mass_interval`)."""
        numbers = self._numbers()
        if not all(isinstance(n, int) for n in numbers):
            raise ValueError(f"statement {self.id!r} bounds a mass: use mass_interval")
        lo, hi = self._interval(numbers, 0)
        return int(lo), None if hi is None else int(hi)

    @property
    def mass_interval(self) -> tuple[Fraction, Fraction | None]:
        """A mass bound as a closed interval ``[lo, hi]`` in kg, exact; ``hi`` is None when
        open. Raises ValueError when the bound is a count (see :attr:`interval`)."""
        numbers = self._numbers()
        kg = tuple(n.value for n in numbers if isinstance(n, Quantity))
        if len(kg) != len(numbers):
            raise ValueError(f"statement {self.id!r} bounds a count: use interval")
        lo, hi = self._interval(kg, Fraction(0))
        return Fraction(lo), None if hi is None else Fraction(hi)

    @property
    def bound_texts(self) -> tuple[str, ...]:
        """Each number of the bound as written (``('900 t', '1,100 t')``); a count with
        thousands separators (``'1,398'``)."""
        return tuple(_shown(n) if isinstance(n, int) else n.text for n in self._numbers())


def _mass_unit(raw: object) -> object:
    """An estimate row's ``unit``: a mass unit name, checked like the unit of a mass."""
    if not isinstance(raw, str):
        return raw  # pydantic says it is not text
    try:
        return parse_unit(raw, Dimension.MASS)
    except UnitError as exc:
        raise _unit_error(exc) from None


MassUnit = Annotated[str, BeforeValidator(_mass_unit), WithJsonSchema({"enum": list(MASS_UNITS)})]


class EstimateRow(_Filtered):
    """A total to bound; ``by`` expands it into one row per destination, origin, …

    ``unit`` makes the row bound the total's mass, shown in that unit; ``given`` names
    claims or assumptions the bound is taken under (with the base)."""

    total: str
    by: Literal["to", "from", "aircraft", "flights"] | None = None
    unit: MassUnit | None = None
    given: Names | None = None

    @field_validator("unit")
    @classmethod
    def _weighable(cls, unit: str | None, info: ValidationInfo) -> str | None:
        if unit is not None and info.data.get("total") == FLIGHTS_TOTAL:
            raise PydanticCustomError(
                "bound_mass",
                "flights are counted, not weighed; remove unit, or bound a cargo total's mass",
            )
        return unit


class Scenario(FrozenModel):
    """Everything observed, assumed and claimed about one airlift."""

    format: Literal[1] = 1
    title: Text
    description: Text | None = None
    sources: dict[str, Source] = Field(default_factory=dict)
    airfields: dict[str, Airfield]
    aircraft: dict[str, Aircraft]
    cargo: dict[str, Cargo]
    flights: list[FlightGroup]
    #: Leg files whose legs became flight groups (already in ``flights``).
    legs: list[LegFileField] = Field(default_factory=list, json_schema_extra=_file_or_entry)
    assumptions: list[Statement] = Field(default_factory=list)
    claims: list[Statement] = Field(default_factory=list)
    estimate: list[EstimateRow] | None = None
    #: How values are weighted inside their ranges when a sweep draws them (never wider).
    uncertainty: Uncertainty | None = None
    #: When the flights flew and how the aircraft turned (see docs/scenario-format.md).
    schedule: Schedule | None = None

    @property
    def kinds(self) -> dict[str, list[str]]:
        """Cargo kinds and the cargo types of each, in file order."""
        out: dict[str, list[str]] = {}
        for name, cargo in self.cargo.items():
            out.setdefault(cargo.kind, []).append(name)
        return out

    def members(self, total: str) -> frozenset[str]:
        """The cargo types a total counts: the type itself, every type of a kind, or none
        for ``flights`` (and for a name that is neither)."""
        if total == FLIGHTS_TOTAL:
            return frozenset()
        if total in self.cargo:
            return frozenset([total])
        return frozenset(name for name, cargo in self.cargo.items() if cargo.kind == total)

    def statement(self, statement_id: str) -> Statement:
        """The assumption or claim with this id."""
        for s in (*self.assumptions, *self.claims):
            if s.id == statement_id:
                return s
        raise KeyError(statement_id)
