"""The Markdown report: GitHub-flavoured tables, ready to paste into an article.

Every piece of text taken from the scenario or the analysis is escaped, so an
id, a quote or a source title containing ``|``, ``*`` or ``<`` cannot break a
table or turn into markup. A name marked with :func:`airlift.report.blocks.code`
becomes a code span, fenced so that no character inside it can end it early.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from airlift.report.blocks import CODE_CLOSE, CODE_OPEN
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


_CODE = re.compile(f"{CODE_OPEN}([^{CODE_OPEN}{CODE_CLOSE}]*){CODE_CLOSE}")


def md_escape(text: str, *, cell: bool = False) -> str:
    """Plain text as inline Markdown that renders as the same text, on one line.

    Names marked as code become code spans; ``cell`` says the text is a table cell, where
    even inside a code span a ``|`` must be escaped.
    """
    one_line = " ".join(text.split())
    parts = _CODE.split(one_line)
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(_code_span(part, cell))
        else:
            stray = part.replace(CODE_OPEN, "`").replace(CODE_CLOSE, "`")
            out.append(_SPECIAL.sub(lambda m: "\\" + m.group(0), stray))
    return "".join(out)


def _code_span(name: str, cell: bool) -> str:
    """A code span showing ``name`` as it is: fenced by more backticks than it holds in a row."""
    if not name.strip():
        return _SPECIAL.sub(lambda m: "\\" + m.group(0), name)
    longest = max((len(run) for run in re.findall("`+", name)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if name[0] in "` " or name[-1] in "` " else ""
    body = name.replace("|", "\\|") if cell else name
    return f"{fence}{pad}{body}{pad}{fence}"


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
        return "| " + " | ".join(md_escape(c, cell=True) for c in cells) + " |"

    rule = "| " + " | ".join("---:" if a == "r" else "---" for a in t.align) + " |"
    return "\n".join([row(t.headers), rule, *(row(r) for r in t.rows)])
