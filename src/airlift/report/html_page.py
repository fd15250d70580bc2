"""What every HTML page of airlift shares: charts in figures, sections, sources, the footer.

The pages (:mod:`airlift.report.html` for ``solve`` and ``explain``,
:mod:`airlift.report.sweep_html` for ``sweep``) lay out the blocks the Markdown report is
built from, section by section (:func:`split_sections`, :func:`sections_html`), and add
charts where a section's :attr:`~airlift.report.blocks.Heading.key` asks for them
(:class:`Charts`). A page or a notebook fragment wraps the result (:func:`page`,
:func:`main`, :func:`fragment`).

The page requests nothing: its one style sheet and its charts (SVG) are inline, it has no
script and no font, and its Content-Security-Policy forbids any load. Ids are fixed
(``sec-bounds``, ``chart-2``), so the same input gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from airlift.report.blocks import SECTION_SETTINGS, Block, Heading, Table
from airlift.report.charts import (
    Chart,
    bars_chart,
    histogram_chart,
    points_chart,
    range_chart,
    steps_chart,
)
from airlift.report.figures import (
    BarsFigure,
    HistogramFigure,
    PointsFigure,
    RangeFigure,
    StepsFigure,
)
from airlift.report.format import settings_lines
from airlift.report.html_blocks import block_html, esc, table_html
from airlift.report.html_style import STYLE
from airlift.report.provenance import Provenance

__all__ = [
    "Charts",
    "Figure",
    "Section",
    "blocks_html",
    "default_provenance",
    "figure_table",
    "footer_html",
    "fragment",
    "joined",
    "main",
    "page",
    "sections_html",
    "sources_html",
    "split_sections",
    "then",
]

#: Content-Security-Policy of the page: no load of any kind, styles inline only.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

Figure = RangeFigure | BarsFigure | PointsFigure | HistogramFigure | StepsFigure


# --- charts --------------------------------------------------------------------------------


@dataclass
class Charts:
    """Draws a page's figures in order, numbering them ``chart-1``, ``chart-2``..."""

    drawn: list[Chart] = field(default_factory=list)

    def figure(self, fig: Figure) -> str:
        """The figure drawn, in a ``figure`` with its caption and a table of its numbers."""
        ident = f"chart-{len(self.drawn) + 1}"
        chart = _draw(fig, ident)
        self.drawn.append(chart)
        return (
            f'<figure class="chart" aria-labelledby="{ident}-caption">\n{chart.svg}'
            f'<figcaption id="{ident}-caption"><strong>{esc(chart.title)}.</strong> '
            f"{esc(chart.description)}</figcaption>\n"
            f"<details><summary>The numbers in this chart</summary>\n{figure_table(fig)}"
            "\n</details></figure>"
        )


def _draw(fig: Figure, ident: str) -> Chart:
    if isinstance(fig, RangeFigure):
        return range_chart(fig, ident)
    if isinstance(fig, BarsFigure):
        return bars_chart(fig, ident)
    if isinstance(fig, HistogramFigure):
        return histogram_chart(fig, ident)
    if isinstance(fig, StepsFigure):
        return steps_chart(fig, ident)
    return points_chart(fig, ident)


def figure_table(fig: Figure) -> str:
    """A chart's numbers as a table: its text alternative, and what prints if it cannot."""
    rows: tuple[tuple[str, ...], ...]
    if isinstance(fig, RangeFigure):
        marks = any(r.marks for r in fig.rows)
        rows = tuple(
            (
                r.label,
                r.lo_text,
                r.hi_text,
                *(["; ".join(m.text for m in r.marks) or "–"] if marks else []),
            )
            for r in fig.rows
        )
        headers = ("", "From", "To", *(["Compared with"] if marks else []))
        align = ("l", "r", "r", *(["l"] if marks else []))
    elif isinstance(fig, BarsFigure):
        rows = tuple(
            (g.label, b.label, b.text + (" (stops it)" if b.strong else ""))
            for g in fig.groups
            for b in g.bars
        )
        headers, align = ("", "Resource", "Alone allows"), ("l", "l", "r")
    elif isinstance(fig, HistogramFigure):
        rows = tuple((b.label, b.text) for b in fig.bins)
        headers, align = ("Value", "Draws"), ("l", "r")
    elif isinstance(fig, StepsFigure):
        rows = tuple((s.x_text, s.y_text) for s in fig.steps)
        headers, align = (fig.x_axis, fig.y_axis), ("l", "l")
    else:
        rows = tuple((p.label, p.x_text, p.y_text) for p in fig.points)
        rows += tuple((lv.label, "–", "–") for lv in fig.levels)
        headers, align = ("", "Distance", "Payload limit"), ("l", "r", "r")
    table = Table(headers, rows, align, tuple(True for _ in headers))
    return table_html(table)


# --- sections ------------------------------------------------------------------------------


def split_sections(
    blocks: Sequence[Block],
) -> tuple[list[Block], list[tuple[Heading, list[Block]]]]:
    """The blocks before the first section, and each section's heading with its blocks."""
    front: list[Block] = []
    sections: list[tuple[Heading, list[Block]]] = []
    for b in blocks:
        if isinstance(b, Heading) and b.level == 2:
            sections.append((b, []))
        elif sections:
            sections[-1][1].append(b)
        else:
            front.append(b)
    return front, sections


def blocks_html(blocks: Iterable[Block]) -> str:
    """Blocks as HTML, one after the other."""
    return "\n".join(block_html(b) for b in blocks)


#: What the page does with one section's blocks: its body as HTML.
Section = Callable[[list[Block]], str]


def sections_html(
    sections: list[tuple[Heading, list[Block]]], own: dict[str, Section]
) -> list[str]:
    """Each section in order, laid out by ``own`` where the page adds to it, else as the
    other reports have it; the Settings are the footer's."""
    out = []
    for n, (heading, blocks) in enumerate(sections, 1):
        if heading.key == SECTION_SETTINGS:
            continue
        ident = f"sec-{heading.key}" if heading.key else f"sec-{n}"
        body = own.get(heading.key, blocks_html)(blocks)
        title = block_html(heading, f"{ident}-title")
        out.append(
            f'<section id="{ident}" aria-labelledby="{ident}-title">\n{title}\n{body}\n</section>'
        )
    return out


def then(charts: Charts, figs: Callable[[], Iterable[Figure | None]]) -> Section:
    """A section as the other reports have it, then the charts of ``figs``."""

    def body(blocks: list[Block]) -> str:
        drawn = [charts.figure(f) for f in figs() if f is not None]
        return joined([blocks_html(blocks), *drawn])

    return body


# --- sources, footer, page -----------------------------------------------------------------


def sources_html(prov: Provenance) -> str:
    """The scenario's sources, each linked when it has a web address; "" for none."""
    if not prov.sources:
        return ""
    items = []
    for s in prov.sources:
        title = f" — {esc(s.title)}" if s.title else ""
        link = f' <a href="{esc(s.url)}">{esc(s.url)}</a>' if s.url else ""
        items.append(f"<li><code>{esc(s.id)}</code>: {esc(s.label)}{title}{link}</li>")
    return (
        '<section id="sec-sources" aria-labelledby="sec-sources-title">'
        '<h2 id="sec-sources-title">Sources</h2>\n<ul>\n' + "\n".join(items) + "\n</ul></section>"
    )


def footer_html(prov: Provenance) -> str:
    """What made the page: version, command, file, its SHA-256 and the options; no time."""
    rows = [
        ("Made by", f"airlift {prov.version}, airlift {prov.command}"),
        ("Input file", prov.file or "not recorded"),
        ("Input SHA-256", prov.sha256 or "not recorded"),
        ("Options", "; ".join(prov.options) or "not recorded"),
    ]
    items = "\n".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows)
    return (
        f'<footer aria-label="Provenance">\n<dl>\n{items}\n</dl>\n'
        "<p>No clock time is recorded: the same file and options give the same page, "
        "byte for byte.</p>\n</footer>"
    )


def default_provenance(command: str, file: str | None, settings: dict[str, object]) -> Provenance:
    """A footer's record when the caller gives none: no file hash, no sources."""
    from airlift import __version__

    return Provenance(__version__, command, file, None, settings_lines(settings))


def page(title: str, body: str) -> str:
    """A whole page: the head with its one style sheet and policy, then ``body``."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        f"<title>{esc(title)}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n"
        f"{body}</body>\n</html>\n"
    )


def joined(lines: Iterable[str]) -> str:
    """The non-empty pieces, a line apart."""
    return "\n".join(x for x in lines if x)


def main(lines: Iterable[str]) -> str:
    """A page's body: the report in a ``main`` element."""
    return f'<main class="airlift">\n{joined(lines)}\n</main>\n'


def fragment(lines: Iterable[str]) -> str:
    """The report in a ``div`` that carries its own style sheet, for a notebook cell."""
    return f'<div class="airlift">\n<style>\n{STYLE}\n</style>\n{joined(lines)}\n</div>\n'
