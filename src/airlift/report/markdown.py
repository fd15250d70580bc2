"""The Markdown report: GitHub-flavoured tables, ready to paste into an article.

Every piece of text taken from the scenario or the analysis is escaped, so an
id, a quote or a source title containing ``|``, ``*`` or ``<`` cannot break a
table or turn into markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from airlift.report.format import (
    MARKDOWN_GLYPHS,
    Block,
    Bullets,
    Heading,
    Paragraph,
    Table,
    build_document,
)
from airlift.result import Analysis

__all__ = ["markdown_of_blocks", "md_escape", "render_markdown"]

# Characters with a meaning inside a Markdown line or a table cell. An underscore only
# matters next to a non-word character, so ``canister_slots`` stays readable.
_SPECIAL = re.compile(r"([\\`*\[\]<>|~])|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")


def md_escape(text: str) -> str:
    """Plain text as inline Markdown that renders as the same text, on one line."""
    one_line = " ".join(text.split())
    return _SPECIAL.sub(lambda m: "\\" + m.group(0), one_line)


def _line_start(text: str) -> str:
    """Escape what would start a heading, list or quote at the start of a paragraph."""
    if re.match(r"[#+\-=]|\d+[.)]", text):
        return "\\" + text
    return text


def render_markdown(a: Analysis) -> str:
    """The analysis as a Markdown document, ending in a newline."""
    return markdown_of_blocks(build_document(a, MARKDOWN_GLYPHS))


def markdown_of_blocks(blocks: Iterable[Block]) -> str:
    """Blocks as Markdown, separated by blank lines, ending in a newline."""
    return "\n\n".join(_block(b) for b in blocks) + "\n"


def _block(b: Block) -> str:
    if isinstance(b, Heading):
        return "#" * b.level + " " + md_escape(b.text)
    if isinstance(b, Paragraph):
        return _line_start(md_escape(b.text))
    if isinstance(b, Bullets):
        return "\n".join("- " + _line_start(md_escape(item)) for item in b.items)
    return _table(b)


def _table(t: Table) -> str:
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(md_escape(c) for c in cells) + " |"

    rule = "| " + " | ".join("---:" if a == "r" else "---" for a in t.align) + " |"
    return "\n".join([row(t.headers), rule, *(row(r) for r in t.rows)])
