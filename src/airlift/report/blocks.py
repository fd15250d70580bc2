"""The layout-free blocks a human-readable report is made of, and the glyphs that differ.

A report's content is built once as a list of these blocks (headings,
paragraphs, bullet lists, tables); :mod:`airlift.report.text` and
:mod:`airlift.report.markdown` lay them out. They live apart from the content
builders (:mod:`airlift.report.format`, :mod:`airlift.report.explain_blocks`) so
that each builder can use them without importing the others.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "CODE_CLOSE",
    "CODE_OPEN",
    "MARKDOWN_GLYPHS",
    "SECTION_BOUNDS",
    "SECTION_CLAIMS",
    "SECTION_CONFLICTS",
    "SECTION_PAYLOAD",
    "SECTION_RANGES",
    "SECTION_SETTINGS",
    "SECTION_THRESHOLDS",
    "TEXT_GLYPHS",
    "Block",
    "Bullets",
    "Glyphs",
    "Heading",
    "Paragraph",
    "Table",
    "code",
    "fmt_int",
]


@dataclass(frozen=True)
class Glyphs:
    """The few characters that differ between plain-ASCII text and Markdown."""

    dash: str  #: between the two ends of an interval
    times: str  #: in "4 x 48N6-canister"
    none: str  #: an empty cell


TEXT_GLYPHS = Glyphs(dash="-", times="x", none="-")
MARKDOWN_GLYPHS = Glyphs(dash="–", times="×", none="–")


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  #: 1 for the title, 2 for a section
    #: Which section the heading opens, for a layout that adds to some (the HTML report puts
    #: its charts there): one of the ``SECTION_*`` names below, or "" for none.
    key: str = ""


#: Sections a layout may add to, by :attr:`Heading.key`.
SECTION_CLAIMS = "claims"
SECTION_CONFLICTS = "conflicts"
SECTION_THRESHOLDS = "thresholds"
SECTION_BOUNDS = "bounds"
SECTION_PAYLOAD = "payload-by-distance"
SECTION_RANGES = "across-the-ranges"
SECTION_SETTINGS = "settings"


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table of plain-text cells; ``align`` is ``"l"`` or ``"r"`` per column.

    ``wrap`` marks the columns a narrow layout may wrap (long prose), so that
    ids, numbers and verdicts stay on one line. ``below`` marks prose columns a
    narrow layout may move out of the grid, under each row, when the table is too
    wide for it; empty means none.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[str, ...]
    wrap: tuple[bool, ...]
    below: tuple[bool, ...] = ()


Block = Heading | Paragraph | Bullets | Table


def fmt_int(n: int) -> str:
    """An integer with thousands separators: ``48,000``."""
    return f"{n:,}"


#: Around a name (a statement's or a flight group's id) that a layout shows as code: the text
#: layout as plain backticks, Markdown as a code span. Private-use characters, so that no
#: text taken from a scenario (which may hold real backticks, to be shown as they are) is
#: ever mistaken for one.
CODE_OPEN = "\ue000"
CODE_CLOSE = "\ue001"


def code(name: str) -> str:
    """``name`` marked to be shown as code: in backticks in text, as a code span in Markdown."""
    plain = name.replace(CODE_OPEN, "").replace(CODE_CLOSE, "")
    return f"{CODE_OPEN}{plain}{CODE_CLOSE}"
