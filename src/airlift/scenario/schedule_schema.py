"""The ``schedule:`` block of a scenario: time window, block speeds, ground times, airframes,
parking spots, and claims about time, as frozen pydantic models.

Like the rest of the format, this checks shape, units and order only; names (aircraft,
airfields, sources, flight groups) are checked against the scenario in
:mod:`airlift.scenario.schedule_checks`. Every duration, speed and moment carries its unit
or zone (:mod:`airlift.scenario.durations`); a range (``{min: 3.5 h, max: 6.5 h}``) is a
value known only within it, as everywhere else in the format.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from airlift.scenario.durations import (
    DURATION_PATTERN,
    INSTANT_PATTERN,
    SPEED_PATTERN,
    Rate,
    Span,
    UnitError,
    parse_duration,
    parse_instant,
    parse_rate,
    parse_speed,
)
from airlift.scenario.free_text import Text
from airlift.scenario.frozen import FrozenModel, OrderedRange
from airlift.scenario.numeric import LARGEST, written_count

__all__ = [
    "CLAIM_MEASURES",
    "AircraftSchedule",
    "Airframes",
    "DurationRange",
    "Period",
    "Schedule",
    "ScheduleClaim",
    "SpeedRange",
    "Window",
]

#: What a schedule claim may bound.
CLAIM_MEASURES = ("airframes", "flights", "completion", "sorties_per_airframe_per_day")


def _error(exc: UnitError) -> PydanticCustomError:
    return PydanticCustomError("unit", "{message}", {"message": str(exc)})


def _duration(raw: object) -> Span:
    try:
        return parse_duration(raw)
    except UnitError as exc:
        raise _error(exc) from None


def _speed(raw: object) -> Span:
    try:
        span = parse_speed(raw)
    except UnitError as exc:
        raise _error(exc) from None
    if span.value <= 0:
        raise PydanticCustomError("positive", "a speed must be more than zero")
    return span


def _instant(raw: object) -> datetime.datetime:
    try:
        return parse_instant(raw)
    except UnitError as exc:
        raise _error(exc) from None


def _exact_or_range(raw: object) -> object:
    """``2 h`` means the range ``{min: 2 h, max: 2 h}``."""
    return raw if isinstance(raw, dict | BaseModel) else {"min": raw, "max": raw}


_DURATION_SCHEMA = {"type": "string", "pattern": DURATION_PATTERN, "examples": ["3.5 h"]}
_SPEED_SCHEMA = {"type": "string", "pattern": SPEED_PATTERN, "examples": ["750 km/h", "405 kn"]}
_INSTANT_SCHEMA = {"type": "string", "pattern": INSTANT_PATTERN, "examples": ["2022-11-09T00:00Z"]}
Duration = Annotated[Span, BeforeValidator(_duration), WithJsonSchema(_DURATION_SCHEMA)]
Speed = Annotated[Span, BeforeValidator(_speed), WithJsonSchema(_SPEED_SCHEMA)]
Instant = Annotated[datetime.datetime, BeforeValidator(_instant), WithJsonSchema(_INSTANT_SCHEMA)]
Names = Annotated[
    list[str],
    BeforeValidator(lambda raw: [raw] if isinstance(raw, str) else raw),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]
SourceIds = Annotated[
    str | list[str],
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]


def _whole(raw: object) -> int:
    number = written_count(raw)
    if number is None:
        raise PydanticCustomError(
            "whole", "expected a whole number from 0 to {largest}", {"largest": f"{LARGEST:,}"}
        )
    return number


_WHOLE_SCHEMA = {
    "anyOf": [
        {"type": "integer", "minimum": 0, "maximum": LARGEST},
        {"type": "string", "pattern": r"^\s*(\d{1,3}(,\d{3})+|\d+)\s*$"},
    ]
}
Whole = Annotated[int, BeforeValidator(_whole), WithJsonSchema(_WHOLE_SCHEMA)]


class DurationRange(OrderedRange):
    """A duration: exact (``2 h``) or known only within a range (``{min: 3.5 h, max: 6.5 h}``)."""

    min: Duration
    max: Duration


class SpeedRange(OrderedRange):
    """A speed: exact (``750 km/h``) or known only within a range."""

    min: Speed
    max: Speed


DurationField = Annotated[DurationRange, BeforeValidator(_exact_or_range)]
SpeedField = Annotated[SpeedRange, BeforeValidator(_exact_or_range)]


class Window(FrozenModel):
    """When the scenario's flights flew: every takeoff and landing lies within it."""

    start: Instant
    end: Instant

    @model_validator(mode="after")
    def _ordered(self) -> Window:
        if self.end <= self.start:
            raise PydanticCustomError("window", "end must be after start")
        return self


def _airframes(raw: object) -> object:
    """``8`` is exactly eight airframes; a list names them (registrations)."""
    if isinstance(raw, list):
        return {"registrations": raw}
    if isinstance(raw, dict | BaseModel):
        return raw
    return {"min": raw, "max": raw}


class Airframes(FrozenModel):
    """How many airframes of a type flew: a number, a range (``{min: 2}``, open above), or
    their registrations (exactly those airframes; legs may name them)."""

    min: Whole = 0
    max: Whole | None = None
    registrations: list[str] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Airframes:
        if self.max is not None and self.min > self.max:
            raise PydanticCustomError(
                "range_order", "min ({lo}) is above max ({hi})", {"lo": self.min, "hi": self.max}
            )
        if self.registrations is not None:
            if not self.registrations:
                raise PydanticCustomError("empty", "list at least one registration")
            if len(set(self.registrations)) != len(self.registrations):
                raise PydanticCustomError("duplicate", "a registration is listed twice")
        return self

    @property
    def most(self) -> int | None:
        """The largest fleet allowed; None when open."""
        if self.registrations is not None:
            return len(self.registrations)
        return self.max

    @property
    def least(self) -> int:
        return len(self.registrations) if self.registrations is not None else self.min


AirframesField = Annotated[
    Airframes,
    BeforeValidator(_airframes),
    WithJsonSchema(
        {
            "anyOf": [
                _WHOLE_SCHEMA,
                {"type": "array", "items": {"type": "string"}},
                {
                    "type": "object",
                    "properties": {"min": _WHOLE_SCHEMA, "max": _WHOLE_SCHEMA},
                    "additionalProperties": False,
                },
            ]
        }
    ),
]


class AircraftSchedule(FrozenModel):
    """How one aircraft type flies and turns: block speed, ground time, airframes.

    A leg takes at least its great-circle distance at ``block_speed`` plus ``block_extra``
    (climb, descent, taxi). An airframe stays on the ground at least ``ground_time``
    between landing and its next takeoff (``ground_time_at`` overrides it per airfield).
    """

    block_speed: SpeedField
    block_extra: DurationField | None = None
    ground_time: DurationField
    ground_time_at: dict[str, DurationField] = Field(default_factory=dict)
    airframes: AirframesField | None = None
    source: SourceIds | None = None
    estimate: Text | None = None
    note: Text | None = None


class Period(FrozenModel):
    """Part of the window (either end may be left out: the window's own)."""

    start: Instant | None = None
    end: Instant | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise PydanticCustomError("window", "end must be after start")
        return self


_BOUND_SCHEMA = {
    "anyOf": [
        {"type": "integer", "minimum": 0},
        {"type": "number", "minimum": 0},
        {"type": "string"},
    ]
}
_BOUND_KEYS = ("at_least", "at_most", "equals", "between")


class ScheduleClaim(FrozenModel):
    """A claim about time, checked against the schedule.

    ``what`` is ``airframes`` (airframes used), ``flights`` (flights taking off, or landing
    with ``counting: landing``, within ``period``), ``completion`` (the last landing, a
    UTC time) or ``sorties_per_airframe_per_day`` (flights / (airframes used x days of the
    window)). "The 200th flight landed by 6 December" is ``what: flights, counting:
    landing, period: {end: 2023-12-06T00:00Z}, at_least: 200``.
    """

    id: str
    says: Text | None = None
    what: Literal["airframes", "flights", "completion", "sorties_per_airframe_per_day"]
    aircraft: Names | None = None
    from_: Names | None = Field(default=None, alias="from")
    to: Names | None = None
    flights: Names | None = None
    counting: Literal["takeoff", "landing"] = "takeoff"
    period: Period | None = None
    at_least: Annotated[Any, WithJsonSchema(_BOUND_SCHEMA)] = None
    at_most: Annotated[Any, WithJsonSchema(_BOUND_SCHEMA)] = None
    equals: Annotated[Any, WithJsonSchema(_BOUND_SCHEMA)] = None
    between: Annotated[Any, WithJsonSchema({"type": "array", "minItems": 2, "maxItems": 2})] = None
    source: SourceIds | None = None
    note: Text | None = None

    @field_validator("at_least", "at_most", "equals", "between", mode="before")
    @classmethod
    def _bound(cls, raw: object, info: ValidationInfo) -> object:
        """A count for airframes and flights, a UTC time for completion, a number for a rate."""
        what = info.data.get("what")
        if raw is None or what is None:
            return raw
        if info.field_name == "between":
            if not isinstance(raw, list | tuple) or len(raw) != 2:
                raise PydanticCustomError("between", "between takes two values: [low, high]")
            lo, hi = (_one_bound(what, x) for x in raw)
            if _key(lo) > _key(hi):
                raise PydanticCustomError(
                    "range_order", "between has its lower end above its upper end"
                )
            return (lo, hi)
        return _one_bound(what, raw)

    @model_validator(mode="after")
    def _one(self) -> ScheduleClaim:
        given = [k for k in _BOUND_KEYS if getattr(self, k) is not None]
        if len(given) != 1:
            found = f"found {', '.join(given)}" if given else "found none"
            raise PydanticCustomError(
                "bound",
                "give exactly one of at_least, at_most, equals, between ({found})",
                {"found": found},
            )
        if self.what != "flights" and (self.period is not None or self.counting != "takeoff"):
            raise PydanticCustomError(
                "period", "period and counting belong to a claim on flights (what: flights)"
            )
        return self

    @property
    def interval(self) -> tuple[Any, Any]:
        """The bound as ``(lo, hi)``, None for an open end (at_most's low end is None too)."""
        if self.at_least is not None:
            return self.at_least, None
        if self.at_most is not None:
            return None, self.at_most
        if self.equals is not None:
            return self.equals, self.equals
        lo, hi = self.between
        return lo, hi

    @property
    def source_ids(self) -> tuple[str, ...]:
        if self.source is None:
            return ()
        return (self.source,) if isinstance(self.source, str) else tuple(self.source)


def _key(x: object) -> Any:
    return x.value if isinstance(x, Rate) else x


def _one_bound(what: str, raw: object) -> object:
    if what in ("airframes", "flights"):
        number = written_count(raw)
        if number is None:
            raise PydanticCustomError(
                "bound_type", "expected a whole number of {what}", {"what": what}
            )
        return number
    if what == "completion":
        return _instant(raw)
    try:
        return parse_rate(raw)
    except UnitError as exc:
        raise _error(exc) from None


class Schedule(FrozenModel):
    """When the flights flew and how the aircraft turned: the window, per aircraft type
    block speed, ground time and airframes, spots per airfield, and claims about time."""

    window: Window
    aircraft: dict[str, AircraftSchedule]
    #: Aircraft that may be turned at once at an airfield (working MOG).
    spots: dict[str, Annotated[Whole, Field(ge=1)]] = Field(default_factory=dict)
    claims: list[ScheduleClaim] = Field(default_factory=list)
    note: Text | None = None
