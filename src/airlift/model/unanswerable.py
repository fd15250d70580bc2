"""Why a question's model could not be built: its answer is then unknown, never a guess."""

from __future__ import annotations

__all__ = ["ModelTooLarge", "OutOfTime"]


class ModelTooLarge(Exception):
    """A question's model would need too many load patterns or too large numbers to build."""


class OutOfTime(ModelTooLarge):
    """The run's wall-clock budget ran out before the question's model was built."""
