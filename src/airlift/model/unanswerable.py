"""Why a question's model could not be built: its answer is then unknown, never a guess."""

from __future__ import annotations

__all__ = ["ModelTooLarge", "OutOfTime", "RangedMass"]


class ModelTooLarge(Exception):
    """A question's model would need too many load patterns or too large numbers to build."""


class OutOfTime(ModelTooLarge):
    """The run's wall-clock budget ran out before the question's model was built."""


class RangedMass(ModelTooLarge):
    """A mass total of cargo whose unit mass is a range: not monotone, so not decided here."""
