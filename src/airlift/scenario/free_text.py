"""The mark of a free-text field (``says``, ``note``, ``title``...), shared by every schema
module, so that the loader can warn where a comment cut such a text short."""

from __future__ import annotations

from typing import Annotated

__all__ = ["FREE_TEXT", "Text"]


class _FreeText:
    """Marks a field that holds prose for the reader (``says``, ``note``, ``title``...),
    not a name or a number: text in which ':', ',' and '#' are likely, and cut short
    by YAML unless quoted."""

    def __repr__(self) -> str:
        return "FREE_TEXT"


#: The mark of a free-text field, in its ``Annotated`` metadata.
FREE_TEXT = _FreeText()
#: Free text: any text, for the reader; it never changes an answer.
Text = Annotated[str, FREE_TEXT]
