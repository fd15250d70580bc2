"""Quote what a user wrote inside a message, briefly, and show how to quote it in YAML.

A message repeats the user's text so that they can find it ("unknown airfield 'Milerovo'"),
but a file can hold a name of 200,000 characters, and a message that repeats it thousands of
times is a denial of service of its own. Every quoted user value therefore goes through
:func:`quoted`, which keeps the start of a long text and says how long it was.
"""

from __future__ import annotations

__all__ = ["MAX_QUOTED", "quoted", "shorten", "yaml_quoted"]

#: Characters of a user's text that a message repeats before cutting it with an ellipsis.
MAX_QUOTED = 60


def shorten(text: str, limit: int = MAX_QUOTED) -> str:
    """``text`` itself, or its first characters and an ellipsis when it is longer than
    ``limit``."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quoted(text: object, limit: int = MAX_QUOTED) -> str:
    """``'text'`` for a message; a long text is cut (``'AAAA…' (200,000 characters)``)."""
    words = str(text)
    if len(words) <= limit:
        return f"'{words}'"
    return f"'{shorten(words, limit)}' ({len(words):,} characters)"


def yaml_quoted(text: str) -> str:
    """``text`` as a quoted YAML scalar, for a message that shows what to write.

    Double quotes unless the text holds one (YAML would read a backslash in it as an escape);
    then single quotes, in which a quote is written twice.
    """
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"
