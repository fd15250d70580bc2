"""The terminal report: aligned plain-text tables that fit in 100 columns.

No colour codes and no box-drawing: the output reads the same in a terminal, a
log file or an e-mail. Long prose cells (what a claim says, the reason for its
verdict) wrap inside their column so that ids, verdicts and numbers line up.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from airlift.report.blocks import CODE_CLOSE, CODE_OPEN
from airlift.report.format import (
    TEXT_GLYPHS,
    Block,
    Bullets,
    Heading,
    Paragraph,
    Table,
    build_document,
)
from airlift.result import Analysis

__all__ = ["WIDTH", "layout_table", "render_text", "text_of_blocks"]

#: The terminal width the report is laid out for.
WIDTH = 100
_GAP = "  "
#: A wrapped column is never made narrower than this (or its header).
_MIN_WRAP = 10
#: Prose columns wider than this are shrunk before ids are broken mid-word.
_COMFORTABLE = 20
#: Names marked as code are shown in plain backticks, one character for one, so that
#: replacing the marks after layout changes no line's width.
_PLAIN_CODE = str.maketrans({CODE_OPEN: "`", CODE_CLOSE: "`"})


def render_text(a: Analysis) -> str:
    """The analysis as a plain-text report, ending in a newline."""
    return text_of_blocks(build_document(a, TEXT_GLYPHS))


def text_of_blocks(blocks: Iterable[Block]) -> str:
    """Blocks laid out as plain text, separated by blank lines, ending in a newline."""
    return ("\n\n".join(_block(b) for b in blocks) + "\n").translate(_PLAIN_CODE)


def _block(b: Block) -> str:
    if isinstance(b, Heading):
        rule = "=" if b.level == 1 else "-"
        text = _fill(b.text, "", "")
        return f"{text}\n{rule * max((len(x) for x in text.splitlines()), default=1)}"
    if isinstance(b, Paragraph):
        return _fill(b.text, "", "")
    if isinstance(b, Bullets):
        return "\n".join(_fill(item, "- ", "  ") for item in b.items)
    return "\n".join(layout_table(b, WIDTH))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _fill(text: str, first: str, rest: str) -> str:
    return (
        textwrap.fill(
            _one_line(text),
            WIDTH,
            initial_indent=first,
            subsequent_indent=rest,
            break_long_words=True,
            break_on_hyphens=False,
        )
        or first.rstrip()
    )


def _widths(t: Table, width: int) -> list[int]:
    """Column widths: natural, then the widest wrappable column shrunk until it fits."""
    cols = len(t.headers)
    natural = [
        max([len(t.headers[i])] + [len(_one_line(r[i])) for r in t.rows]) for i in range(cols)
    ]
    floor = [max(len(t.headers[i]), min(_MIN_WRAP, natural[i])) for i in range(cols)]
    longest_word = [max([0] + [len(w) for r in t.rows for w in r[i].split()]) for i in range(cols)]
    widths = list(natural)
    budget = width - len(_GAP) * (cols - 1)
    while sum(widths) > budget:
        shrinkable = [i for i in range(cols) if t.wrap[i] and widths[i] > floor[i]]
        if not shrinkable:
            break
        # Prefer prose that is still wide and can wrap between words, then the widest;
        # among equals the rightmost, so ids on the left stay whole longest.
        i = max(
            shrinkable, key=lambda j: (widths[j] > max(longest_word[j], _COMFORTABLE), widths[j], j)
        )
        widths[i] -= 1
    return widths


def _cell_lines(text: str, width: int) -> list[str]:
    text = _one_line(text)
    if len(text) <= width:
        return [text]
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


def layout_table(t: Table, width: int) -> list[str]:
    """The table as lines: header, a rule of dashes, rows (wrapped cells continue below).

    A table too wide for ``width`` first moves its ``below`` columns under each
    row (``Reason: ...``), then wraps prose cells. When any row takes more than
    one line, rows are separated by a blank line so that each row reads together.
    """
    cols = range(len(t.headers))
    if t.below and any(t.below) and _natural_width(t) > width:
        keep = [i for i in cols if not t.below[i]]
        moved = [i for i in cols if t.below[i]]
    else:
        keep, moved = list(cols), []
    grid = Table(
        headers=tuple(t.headers[i] for i in keep),
        rows=tuple(tuple(r[i] for i in keep) for r in t.rows),
        align=tuple(t.align[i] for i in keep),
        wrap=tuple(t.wrap[i] for i in keep),
    )
    widths = _widths(grid, width)

    def line(cells: list[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            out.append(cell.rjust(widths[i]) if grid.align[i] == "r" else cell.ljust(widths[i]))
        return _GAP.join(out).rstrip()

    # under the first column when it is narrow, else a small indent to keep prose wide
    indent = " " * (widths[0] + len(_GAP) if widths[0] <= _COMFORTABLE else 4)
    blocks: list[list[str]] = []
    for full, r in zip(t.rows, grid.rows, strict=True):
        cells = [_cell_lines(c, widths[i]) for i, c in enumerate(r)]
        block = [
            line([c[k] if k < len(c) else "" for c in cells])
            for k in range(max(len(c) for c in cells))
        ]
        for i in moved:
            block.append(_fill(f"{t.headers[i]}: {full[i]}", indent, indent + "  "))
        blocks.append(block)
    lines = [line(list(grid.headers)), _GAP.join("-" * w for w in widths)]
    tall = any(len(b) > 1 for b in blocks)
    for n, block in enumerate(blocks):
        if tall and n > 0:
            lines.append("")
        lines += block
    return lines


def _natural_width(t: Table) -> int:
    cols = range(len(t.headers))
    natural = [max([len(t.headers[i])] + [len(_one_line(r[i])) for r in t.rows]) for i in cols]
    return sum(natural) + len(_GAP) * (len(t.headers) - 1)
