"""The layout-free report blocks (:mod:`airlift.report.blocks`) as HTML elements.

The HTML report says what the text and Markdown reports say, in the same words, built by
the same block builders; this module lays them out. Every piece of text is escaped, so a
name, a quote or a source title holding ``<``, ``&`` or quotes shows as written and can
never become markup. Names marked with :func:`airlift.report.blocks.code` become ``<code>``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from airlift.report.blocks import CODE_CLOSE, CODE_OPEN, Block, Bullets, Heading, Paragraph, Table

__all__ = ["block_html", "esc", "heading_html", "inline", "table_html"]

_CODE = re.compile(f"{CODE_OPEN}([^{CODE_OPEN}{CODE_CLOSE}]*){CODE_CLOSE}")


def esc(text: str) -> str:
    """Text escaped for an HTML element or a quoted attribute value."""
    return html.escape(text, quote=True)


def inline(text: str) -> str:
    """Plain text as inline HTML: escaped, names marked as code in ``<code>``."""
    parts = _CODE.split(text)
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(f"<code>{esc(part)}</code>")
        else:
            out.append(esc(part.replace(CODE_OPEN, "`").replace(CODE_CLOSE, "`")))
    return "".join(out)


def heading_html(h: Heading, ident: str) -> str:
    """A heading with a fixed id (so that links into the page stay the same run to run)."""
    level = min(max(h.level, 1), 6)
    return f'<h{level} id="{esc(ident)}">{inline(h.text)}</h{level}>'


def table_html(t: Table, caption: str | None = None) -> str:
    """A table in a box that scrolls sideways on a narrow screen rather than squeezing ids.

    Right-aligned columns are numbers; columns the text report may not wrap keep their
    cells on one line here too, except on a phone, where everything may wrap.
    """

    def cls(i: int) -> str:
        names = []
        if t.align[i] == "r":
            names.append("num")
        if not t.wrap[i]:
            names.append("keep")
        return f' class="{" ".join(names)}"' if names else ""

    head = "".join(f'<th scope="col"{cls(i)}>{inline(h)}</th>' for i, h in enumerate(t.headers))
    rows = "".join(
        "<tr>" + "".join(f"<td{cls(i)}>{inline(c)}</td>" for i, c in enumerate(r)) + "</tr>\n"
        for r in t.rows
    )
    cap = f"<caption>{inline(caption)}</caption>" if caption else ""
    return (
        f'<div class="table-wrap"><table>{cap}<thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{rows}</tbody></table></div>"
    )


def _items(items: Iterable[str]) -> str:
    return "".join(f"<li>{inline(item)}</li>\n" for item in items)


def block_html(b: Block, ident: str = "") -> str:
    """One block as HTML; ``ident`` is a heading's id."""
    if isinstance(b, Heading):
        return heading_html(b, ident)
    if isinstance(b, Paragraph):
        return f"<p>{inline(b.text)}</p>"
    if isinstance(b, Bullets):
        return f"<ul>\n{_items(b.items)}</ul>"
    return table_html(b)
