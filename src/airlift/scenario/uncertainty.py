"""The ``uncertainty:`` block of a scenario: how values are weighted inside their ranges.

A range (``{min: 2.3 t, max: 3.3 t}``) says where a true value lies; the block says which
values inside it a sweep should draw more often. It never widens a range: every value drawn
lies inside the range as written. A range the block does not list is drawn uniformly.

```yaml
uncertainty:
  seed: 20221117                       # the sweep's default --seed
  samples: 10000                       # the sweep's default --samples
  inputs:
    cargo.48N6-canister.mass: {pert: {mode: 2.8 t}}
    cargo.40N6-canister.mass: {same_quantile_as: cargo.48N6-canister.mass}
    aircraft.Il-76MD.limits.canister_slots: {discrete: {8: 1, 10: 1, 12: 2}}
    flights.belarus-shuttle.count: uniform
```

This module checks the block's *shape* (one distribution per input, numbers and units that
can be read, a positive ``sd`` and positive weights). Whether each key names a range of the
scenario, and whether each mode, mean and value lies inside it in the right unit, needs the
scenario's ranges: :mod:`airlift.scenario.uncertainty_checks` says so, located in the file.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    GetJsonSchemaHandler,
    PrivateAttr,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from airlift.scenario.frozen import FrozenModel
from airlift.scenario.numeric import (
    LARGEST,
    MAX_DIGITS,
    WHOLE_TEXT,
    show_number,
    significant_digits,
    too_large,
)
from airlift.scenario.quoting import quoted, shorten
from airlift.scenario.units import Dimension, Quantity, UnitError, parse_amount, split_quantity

__all__ = [
    "DEFAULT_SAMPLES",
    "DEFAULT_SEED",
    "DISTRIBUTIONS",
    "LARGEST_SEED",
    "UNIFORM",
    "Kind",
    "Mode",
    "Normal",
    "Point",
    "Uncertainty",
    "Weighting",
    "read_value",
]

#: The sweep's seed when neither the block nor the command line gives one.
DEFAULT_SEED = 0
#: How many samples a sweep draws when neither the block nor the command line says.
DEFAULT_SAMPLES = 10_000
#: The largest seed: any 64-bit unsigned number.
LARGEST_SEED = 2**64 - 1

#: What a weighting can be: the word ``uniform`` or a mapping with one of the other keys.
Kind = Literal["uniform", "triangular", "pert", "normal", "discrete", "same_quantile_as"]
#: The keys of a weighting written as a mapping, in the order messages list them.
DISTRIBUTIONS: tuple[Kind, ...] = ("triangular", "pert", "normal", "discrete", "same_quantile_as")


def _unit_error(exc: UnitError) -> PydanticCustomError:
    return PydanticCustomError("unit", "{message}", {"message": str(exc)})


def _parameter(raw: object) -> Quantity:
    """A mode, mean, sd or discrete value as a Quantity, or a pydantic error in the user's
    words."""
    if isinstance(raw, Quantity):
        return raw
    try:
        return read_value(raw)
    except UnitError as exc:
        raise _unit_error(exc) from None


def read_value(raw: object) -> Quantity:
    """A mode, mean, sd or discrete value: a mass or length with its unit (``2.8 t``,
    ``7.5 m``), read as every quantity of the file is, or a plain number (``20``, ``1.5``)
    for an input that is counted. Which of these an input needs, and whether a count must
    be whole, is checked against its range later. Raises :class:`UnitError`."""
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise UnitError("expected a number, with a unit for a mass or length (such as '2.8 t')")
    if isinstance(raw, float) and not math.isfinite(raw):
        raise UnitError(f"expected a number, found {raw}")
    if isinstance(raw, int | float):
        shown = show_number(raw) if isinstance(raw, int) else repr(raw)
        value = Fraction(raw) if isinstance(raw, int) else Fraction(shown)
        if abs(value) > LARGEST:
            raise UnitError(too_large("number", shown))
        return Quantity(value, Dimension.COUNT, shown)
    split = split_quantity(raw)
    if split is not None and split[1] is None:
        number = split[0].replace(",", "").lstrip("+")
        whole = number.lstrip("-").split(".")[0]
        shown = quoted(shorten(raw.strip()))
        if significant_digits(whole) > len(str(LARGEST)) or len(number) > MAX_DIGITS:
            raise UnitError(too_large("number", shown))
        if abs(value := Fraction(number)) > LARGEST:
            raise UnitError(too_large("number", shown))
        return Quantity(value, Dimension.COUNT, raw.strip())
    return parse_amount(raw)


def _positive(q: Quantity) -> Quantity:
    if q.value <= 0:
        raise PydanticCustomError(
            "positive", "must be more than zero, got {text}", {"text": quoted(q.text)}
        )
    return q


def _point_text(raw: object) -> object:
    """A value of a discrete distribution as the text it was written as: the file reads
    ``8:`` as the key ``'8'``; Python callers may give numbers."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return str(raw)
    return raw


def _readable_point(text: str) -> str:
    """Refuse a discrete value that cannot be read (``2.8 ton``, ``eight``)."""
    _parameter(text)
    return text


_NUMBER = r"(\d{1,3}(,\d{3})+|\d+)(\.\d+)?"
_UNITS = "kg|t|lb|short_ton|long_ton|m|cm|mm|km|ft|in|nmi"
_PARAMETER_SCHEMA = {
    "anyOf": [
        {"type": "number", "minimum": 0},
        {"type": "string", "pattern": rf"^\s*{_NUMBER}\s*({_UNITS})?\s*$"},
    ],
    "examples": ["2.8 t", 20, 1.5],
}
_POINT_PATTERN = rf"^\s*{_NUMBER}\s*({_UNITS})?\s*$"

#: A mode, mean or sd: a quantity with its unit, or a plain number for a count.
Parameter = Annotated[Quantity, BeforeValidator(_parameter), WithJsonSchema(_PARAMETER_SCHEMA)]
#: A value of a discrete distribution, as written (read against the input's range later).
Point = Annotated[str, BeforeValidator(_point_text), AfterValidator(_readable_point)]


def _weight(weight: float) -> float:
    if weight <= 0:
        raise PydanticCustomError(
            "positive", "a weight must be more than zero, found {weight}", {"weight": f"{weight:g}"}
        )
    return weight


def _some_points(points: dict[str, float]) -> dict[str, float]:
    if not points:
        raise PydanticCustomError(
            "distribution", "discrete is empty; give at least one value and its weight"
        )
    return points


#: A discrete value's weight: any positive number; weights need not add up to anything.
Weight = Annotated[float, Field(allow_inf_nan=False, strict=True), AfterValidator(_weight)]

Points = Annotated[
    dict[Point, Weight],
    AfterValidator(_some_points),
    WithJsonSchema(
        {
            "type": "object",
            "propertyNames": {"pattern": _POINT_PATTERN},
            "additionalProperties": {"type": "number", "exclusiveMinimum": 0},
            "minProperties": 1,
            "examples": [{"8": 1, "10": 1, "12": 2}, {"2.8 t": 3, "3.3 t": 1}],
        }
    ),
]


class Mode(FrozenModel):
    """A triangular or PERT distribution: the most likely value; the range gives its ends."""

    mode: Parameter


class Normal(FrozenModel):
    """A normal distribution, always cut to the range: ``mean`` inside it, ``sd`` above 0."""

    mean: Parameter
    sd: Annotated[Parameter, AfterValidator(_positive)]


class Weighting(FrozenModel):
    """How one range is weighted: the word ``uniform``, or a mapping with exactly one of
    ``triangular``, ``pert``, ``normal``, ``discrete`` or ``same_quantile_as``.

    ``same_quantile_as: OTHER`` draws this input at the quantile OTHER is drawn at, with
    OTHER's weighting carried onto this input's range: when OTHER lies 30% of the way up its
    range, so does this input.
    """

    triangular: Mode | None = None
    pert: Mode | None = None
    normal: Normal | None = None
    discrete: Points | None = None
    same_quantile_as: str | None = None
    #: Set only on :data:`UNIFORM`, the weighting the word ``uniform`` stands for.
    _word: bool = PrivateAttr(default=False)

    @model_validator(mode="after")
    def _one(self) -> Weighting:
        given = [k for k in DISTRIBUTIONS if getattr(self, k) is not None]
        if len(given) != 1 and not (self._word and not given):
            found = f"found {' and '.join(given)}" if given else "found none"
            raise PydanticCustomError(
                "distribution",
                "give exactly one of uniform, {names} ({found})",
                {"names": ", ".join(DISTRIBUTIONS), "found": found},
            )
        return self

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """The word ``uniform``, or a mapping with exactly one distribution."""
        mapping = handler.resolve_ref_schema(handler(core_schema))
        mapping = {**mapping, "minProperties": 1, "maxProperties": 1}
        return {
            "anyOf": [{"const": "uniform"}, mapping],
            "examples": ["uniform", {"pert": {"mode": "2.8 t"}}],
        }

    @property
    def kind(self) -> Kind:
        """Which distribution this is."""
        for name in DISTRIBUTIONS:
            if getattr(self, name) is not None:
                return name
        return "uniform"

    def points(self) -> list[tuple[str, Quantity, float]]:
        """A discrete distribution's values as written, read, and their weights, in the
        order written (empty for any other distribution)."""
        return [(text, read_value(text), w) for text, w in (self.discrete or {}).items()]


#: The word ``uniform``: a weighting with no distribution named, built without validation
#: (a mapping must name exactly one).
UNIFORM = Weighting.model_construct()
UNIFORM._word = True


def _word(raw: object) -> object:
    """``uniform`` is the uniform weighting; any other text or a number is refused."""
    if isinstance(raw, dict | Weighting):
        return raw
    if isinstance(raw, str) and raw.strip() == "uniform":
        return UNIFORM
    if isinstance(raw, str):
        found = f"the text {quoted(raw)}"
    elif isinstance(raw, int | float) and not isinstance(raw, bool):
        found = f"the number {raw}"
    else:
        found = "a list" if isinstance(raw, list) else "nothing" if raw is None else "a value"
    if isinstance(raw, str) and raw.strip() in DISTRIBUTIONS:
        found += f"; {raw.strip()} needs its details, such as {_EXAMPLES[raw.strip()]}"
    raise PydanticCustomError(
        "distribution",
        "expected uniform or one distribution, such as {example}; found {found}",
        {"example": _EXAMPLES["pert"], "found": found},
    )


_EXAMPLES = {
    "triangular": "{triangular: {mode: 2.8 t}}",
    "pert": "{pert: {mode: 2.8 t}}",
    "normal": "{normal: {mean: 2.8 t, sd: 0.2 t}}",
    "discrete": "{discrete: {8: 1, 10: 1, 12: 2}}",
    "same_quantile_as": "{same_quantile_as: cargo.48N6-canister.mass}",
}

#: One input's weighting: the word ``uniform`` or a mapping naming one distribution.
WeightingField = Annotated[Weighting, BeforeValidator(_word)]


def _whole(raw: object) -> object:
    """``'10,000'`` as the whole number it writes; anything else unchanged."""
    if isinstance(raw, str) and WHOLE_TEXT.fullmatch(raw) is not None:
        digits = raw.strip().replace(",", "")
        if len(digits.lstrip("+-0")) <= len(str(LARGEST_SEED)):
            return int(digits)
    return raw


_WHOLE_SCHEMA = {"type": "integer", "minimum": 0}


class Uncertainty(FrozenModel):
    """The ``uncertainty:`` block: the sweep's defaults and how each range is weighted.

    ``inputs`` maps an input's name (``cargo.48N6-canister.mass``,
    ``aircraft.Il-76MD.limits.canister_slots``, ``flights.belarus-shuttle.count``) to its
    weighting. Names are compared whole: a cargo or aircraft name may hold dots.
    """

    seed: Annotated[
        int,
        BeforeValidator(_whole),
        Field(ge=0, le=LARGEST_SEED, strict=True),
        WithJsonSchema({**_WHOLE_SCHEMA, "maximum": LARGEST_SEED}),
    ] = DEFAULT_SEED
    samples: Annotated[
        int,
        BeforeValidator(_whole),
        Field(ge=1, le=LARGEST, strict=True),
        WithJsonSchema({**_WHOLE_SCHEMA, "minimum": 1, "maximum": LARGEST}),
    ] = DEFAULT_SAMPLES
    inputs: dict[str, WeightingField] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _empty(cls, raw: object) -> object:
        """``uncertainty:`` with nothing after it is the defaults."""
        return {} if raw is None else raw

    def weighting(self, name: str) -> Weighting:
        """The weighting of the input called ``name``: uniform when the block leaves it out."""
        return self.inputs.get(name, UNIFORM)
