"""Reports: pure functions from an :class:`~airlift.result.Analysis` to text.

``render_text`` for a terminal, ``render_markdown`` for an article and
``render_json`` for other tools (documented in ``docs/json-format.md``);
``render_explanation`` for ``airlift explain``, in any of the three. None of
them does I/O or calls a solver; the same analysis always gives the same bytes.

The HTML page (:mod:`airlift.report.html`, ``--format html``) is not imported here: it
draws charts with matplotlib, an extra (``airlift[html]``) that the other formats never load.
"""

from airlift.report.explain_report import render_explanation as render_explanation
from airlift.report.json_report import render_json as render_json
from airlift.report.markdown import render_markdown as render_markdown
from airlift.report.text import render_text as render_text
from airlift.result import Analysis

__all__ = [
    "FORMATS",
    "render",
    "render_explanation",
    "render_json",
    "render_markdown",
    "render_text",
]

#: The report formats by name, as ``airlift solve --format`` accepts them.
FORMATS = ("text", "markdown", "json")


def render(a: Analysis, fmt: str) -> str:
    """The analysis in the named format (one of :data:`FORMATS`)."""
    renderers = {"text": render_text, "markdown": render_markdown, "json": render_json}
    try:
        renderer = renderers[fmt]
    except KeyError:
        known = ", ".join(FORMATS)
        raise ValueError(f"unknown report format {fmt!r}; use one of {known}") from None
    return renderer(a)
