"""The base every model of the scenario schema stands on: frozen, strict about keys, and a
range whose ends are in order.

One place for both, so that the main schema, the ``schedule:`` block and the
``uncertainty:`` block validate alike and report a range out of order in the same words.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from airlift.scenario.numeric import show_number
from airlift.scenario.quoting import shorten

__all__ = ["FrozenModel", "OrderedRange", "end_text", "end_value"]


class FrozenModel(BaseModel):
    """A frozen model that refuses unknown keys and trims text."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        arbitrary_types_allowed=True,
        str_strip_whitespace=True,
    )


class OrderedRange(FrozenModel):
    """A value known exactly (``min == max``) or only within ``[min, max]``; a subclass
    declares ``min`` and ``max`` (quantities or counts; ``max`` may be None: open above)."""

    @model_validator(mode="after")
    def _ordered(self) -> OrderedRange:
        lo, hi = self.min, self.max  # type: ignore[attr-defined]
        if hi is not None and end_value(lo) > end_value(hi):
            raise PydanticCustomError(
                "range_order",
                "min ({lo}) is above max ({hi})",
                {"lo": end_text(lo), "hi": end_text(hi)},
            )
        return self

    @property
    def exact(self) -> bool:
        return self.min == self.max  # type: ignore[attr-defined, no-any-return]


def end_value(x: Any) -> Any:
    """A range end's value: a quantity's (or a duration's, a speed's) exact value, or the
    count itself."""
    return x if isinstance(x, int) else x.value


def end_text(x: Any) -> str:
    """A range end as a reader sees it: a count with separators, a quantity as written."""
    return show_number(x) if isinstance(x, int) else shorten(x.text)
