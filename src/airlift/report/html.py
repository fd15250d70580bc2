"""The HTML report: one self-contained page a reader opens, prints or shares.

The page says what the Markdown report says, built by the same block builders
(:func:`~airlift.report.format.build_document`, :func:`~airlift.report.explain_report.
explanation_document`), and adds what a page does better: a headline with each claim's
verdict in words, sign and colour and its source linked; each claim's reason and the
allocations that prove its verdict; charts of the bounds, thresholds and payload by
distance (:mod:`airlift.report.figures`, drawn by :mod:`airlift.report.charts`), each with
its numbers in a table; the sources; and a footer saying what made the page
(:mod:`airlift.report.provenance`).

The page requests nothing: its one style sheet and its charts (SVG) are inline, it has no
script and no font, and its Content-Security-Policy forbids any load. It holds no clock
time and every id is fixed, so the same analysis and provenance give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from airlift.report.blocks import (
    MARKDOWN_GLYPHS,
    SECTION_BOUNDS,
    SECTION_CLAIMS,
    SECTION_PAYLOAD,
    SECTION_RANGES,
    SECTION_SETTINGS,
    SECTION_THRESHOLDS,
    Block,
    Heading,
    Table,
)
from airlift.report.charts import Chart, bars_chart, points_chart, range_chart, require_charts
from airlift.report.explain_report import explanation_document
from airlift.report.figures import (
    BarsFigure,
    PointsFigure,
    RangeFigure,
    bound_figures,
    capacity_figure,
    need_figure,
    payload_figure,
    tipping_figures,
)
from airlift.report.format import (
    allocation_table,
    base_sentence,
    build_document,
    fmt_extreme,
    overall_sentence,
    settings_lines,
)
from airlift.report.html_blocks import block_html, esc, inline, table_html
from airlift.report.html_style import STYLE
from airlift.report.provenance import Provenance
from airlift.result import (
    ANY_TRIP,
    Allocation,
    Analysis,
    Bound,
    Explanation,
    Feasibility,
    StatementRef,
    Verdict,
    counted,
)

__all__ = [
    "analysis_fragment",
    "explanation_fragment",
    "render_explanation_html",
    "render_html",
]

#: A sign beside each verdict's word, so that it never rests on colour alone.
_SIGNS = {
    Verdict.IMPLIED: "✓",
    Verdict.CONSISTENT: "~",
    Verdict.INCONSISTENT: "✗",
    Verdict.UNKNOWN: "?",
}
_BASE_WORDS = {
    Feasibility.FEASIBLE: ("✓", "consistent"),
    Feasibility.INFEASIBLE: ("✗", "inconsistent"),
    Feasibility.UNKNOWN: ("?", "undecided"),
}
_UNSETTLED = (
    "<p><strong>Not settled:</strong> the verdict is right, but a stronger one may hold "
    "(the time limit stopped the check).</p>"
)
#: Content-Security-Policy of the page: no load of any kind, styles inline only.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


# --- charts --------------------------------------------------------------------------------


Figure = RangeFigure | BarsFigure | PointsFigure


@dataclass
class _Charts:
    """Draws a page's figures in order, numbering them ``chart-1``, ``chart-2``..."""

    drawn: list[Chart] = field(default_factory=list)

    def figure(self, fig: Figure) -> str:
        ident = f"chart-{len(self.drawn) + 1}"
        chart = _draw(fig, ident)
        self.drawn.append(chart)
        return (
            f'<figure class="chart" aria-labelledby="{ident}-caption">\n{chart.svg}'
            f'<figcaption id="{ident}-caption"><strong>{esc(chart.title)}.</strong> '
            f"{esc(chart.description)}</figcaption>\n"
            f"<details><summary>The numbers in this chart</summary>\n{_figure_table(fig)}"
            "\n</details></figure>"
        )


def _draw(fig: Figure, ident: str) -> Chart:
    if isinstance(fig, RangeFigure):
        return range_chart(fig, ident)
    if isinstance(fig, BarsFigure):
        return bars_chart(fig, ident)
    return points_chart(fig, ident)


def _figure_table(fig: Figure) -> str:
    """A chart's numbers as a table: its text alternative, and what prints if it cannot."""
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
    else:
        rows = tuple((p.label, p.x_text, p.y_text) for p in fig.points)
        rows += tuple((lv.label, "–", "–") for lv in fig.levels)
        headers, align = ("", "Distance", "Payload limit"), ("l", "r", "r")
    table = Table(headers, rows, align, tuple(True for _ in headers))
    return table_html(table)


# --- the headline and the claims -------------------------------------------------------------


def _badge(sign: str, word: str, css: str) -> str:
    return (
        f'<span class="verdict v-{css}"><span aria-hidden="true">{sign}</span> {esc(word)}</span>'
    )


def _verdict_badge(v: Verdict) -> str:
    return _badge(_SIGNS[v], v.value, v.value)


def _base_badge(f: Feasibility) -> str:
    sign, word = _BASE_WORDS[f]
    return _badge(sign, word, f.value if f is not Feasibility.UNKNOWN else "unknown")


def _source(ref: StatementRef, prov: Provenance) -> str:
    """Where a statement was written: its source, linked when the file gives its address."""
    label = ref.source_label or ref.source
    parts = []
    if label:
        url = prov.url_of(ref.source)
        parts.append(f'<a href="{esc(url)}">{esc(label)}</a>' if url else esc(label))
    if ref.line is not None:
        parts.append(f"line {ref.line}")
    return ", ".join(parts)


def _headline(a: Analysis, prov: Provenance) -> str:
    lines = [
        '<section class="headline" aria-label="Headline">',
        f"<p>{_base_badge(a.base_status)} {esc(base_sentence(a.base_status))}</p>",
        f"<p>{_base_badge(a.status)} {esc(overall_sentence(a))}</p>",
    ]
    if a.claims:
        lines.append("<ul>")
        for i, c in enumerate(a.claims, 1):
            where = _source(c.ref, prov)
            says = f' <span class="says">{esc(c.ref.says)}</span>' if c.ref.says else ""
            lines.append(
                f'<li>{_verdict_badge(c.verdict)} <a href="#claim-{i}"><code>'
                f"{esc(c.ref.id)}</code></a>{says}" + (f" ({where})" if where else "") + "</li>"
            )
        lines.append("</ul>")
    lines.append("</section>")
    return "\n".join(lines)


def _trip(alloc: Allocation, a: Analysis) -> str:
    """What one flight of an allocation's rows is called (``sailing`` for ships)."""
    trips = {r.id: r.count.trip for r in a.flight_groups if r.count is not None}
    nouns = {trips.get(r.flights, "flight") for r in alloc.rows}
    return (nouns.pop() if len(nouns) == 1 else ANY_TRIP) if nouns else "flight"


def _allocation(title: str, alloc: Allocation | None, a: Analysis) -> str:
    if alloc is None:
        return ""
    trip = _trip(alloc, a)
    flights = counted(sum(r.count for r in alloc.rows), trip)
    table = table_html(allocation_table(alloc, MARKDOWN_GLYPHS, trip))
    body = table if alloc.rows else "<p>No flights.</p>"
    return f"<details><summary>{esc(title)} ({esc(flights)})</summary>\n{body}\n</details>"


def _claim_details(a: Analysis, prov: Provenance) -> str:
    """Each claim on its own: verdict, what it says, why, and the allocations that show it."""
    out = ['<h3 id="claim-details">Each claim</h3>']
    for i, c in enumerate(a.claims, 1):
        where = _source(c.ref, prov)
        out += [
            f'<section class="claim" id="claim-{i}" aria-labelledby="claim-{i}-title">',
            f'<h3 id="claim-{i}-title">{_verdict_badge(c.verdict)} '
            f"<code>{esc(c.ref.id)}</code></h3>",
            f'<p class="says">{esc(c.ref.says or "")}' + (f" ({where})" if where else "") + "</p>",
            f"<p><strong>Why:</strong> {inline(c.reason)}</p>" if c.reason else "",
            "" if c.settled else _UNSETTLED,
            _allocation("An allocation where it holds", c.holds, a),
            _allocation("An allocation where it fails", c.fails, a),
            "</section>",
        ]
    return "\n".join(x for x in out if x)


# --- sections, sources, footer ---------------------------------------------------------------


def _sections(blocks: Sequence[Block]) -> tuple[list[Block], list[tuple[Heading, list[Block]]]]:
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


def _blocks(blocks: Iterable[Block]) -> str:
    return "\n".join(block_html(b) for b in blocks)


#: What the page does with one section's blocks: its body as HTML.
Section = Callable[[list[Block]], str]


def _body(sections: list[tuple[Heading, list[Block]]], own: dict[str, Section]) -> list[str]:
    """Each section in order, laid out by ``own`` where the page adds to it, else as the
    other reports have it; the Settings are the footer's."""
    out = []
    for n, (heading, blocks) in enumerate(sections, 1):
        if heading.key == SECTION_SETTINGS:
            continue
        ident = f"sec-{heading.key}" if heading.key else f"sec-{n}"
        body = own.get(heading.key, _blocks)(blocks)
        title = block_html(heading, f"{ident}-title")
        out.append(
            f'<section id="{ident}" aria-labelledby="{ident}-title">\n{title}\n{body}\n</section>'
        )
    return out


def _sources(prov: Provenance) -> str:
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


def _footer(prov: Provenance) -> str:
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


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        f"<title>{esc(title)}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n"
        f"{body}</body>\n</html>\n"
    )


def _joined(lines: Iterable[str]) -> str:
    return "\n".join(x for x in lines if x)


def _main(lines: Iterable[str]) -> str:
    """A page's body: the report in a ``main`` element."""
    return f'<main class="airlift">\n{_joined(lines)}\n</main>\n'


def _fragment(lines: Iterable[str]) -> str:
    """The report in a ``div`` that carries its own style sheet, for a notebook cell."""
    return f'<div class="airlift">\n<style>\n{STYLE}\n</style>\n{_joined(lines)}\n</div>\n'


# --- the two reports -------------------------------------------------------------------------


def _default_provenance(command: str, file: str | None, settings: dict[str, object]) -> Provenance:
    from airlift import __version__

    return Provenance(__version__, command, file, None, settings_lines(settings))


def _then(charts: _Charts, figs: Callable[[], Iterable[Figure | None]]) -> Section:
    """A section as the other reports have it, then the charts of ``figs``."""

    def body(blocks: list[Block]) -> str:
        drawn = [charts.figure(f) for f in figs() if f is not None]
        return _joined([_blocks(blocks), *drawn])

    return body


def _threshold_figures(e: Explanation | None) -> list[Figure | None]:
    if e is None:
        return []
    return [capacity_figure(e.capacities), need_figure(e.needs)]


def _analysis_lines(a: Analysis, prov: Provenance) -> list[str]:
    charts = _Charts()
    _, sections = _sections(build_document(a, MARKDOWN_GLYPHS))

    def ends(b: Bound) -> tuple[str, str]:
        m = b.spec.measure
        return fmt_extreme(b.min, MARKDOWN_GLYPHS, m), fmt_extreme(b.max, MARKDOWN_GLYPHS, m)

    def bounds() -> list[RangeFigure]:
        if a.base_status is Feasibility.INFEASIBLE:  # the table says: no total has a range
            return []
        return bound_figures(a.bounds, ends)

    def claims(blocks: list[Block]) -> str:
        # The claims table's columns are each claim's lines below, with its allocations.
        rest = [b for b in blocks if not isinstance(b, Table)]
        return _joined([_blocks(rest), _claim_details(a, prov) if a.claims else ""])

    own: dict[str, Section] = {
        SECTION_CLAIMS: claims,
        SECTION_THRESHOLDS: _then(charts, lambda: _threshold_figures(a.explanation)),
        SECTION_BOUNDS: _then(charts, bounds),
        SECTION_PAYLOAD: _then(charts, lambda: [payload_figure(a.lane_limits)]),
        SECTION_RANGES: _then(charts, lambda: tipping_figures(a.claims, a.ranges)),
    }
    header = [f"<h1>{esc(a.title)}</h1>"]
    if a.file:
        header.append(f'<p class="file">File: <code>{esc(a.file)}</code></p>')
    return [
        "<header>",
        *header,
        "</header>",
        _headline(a, prov),
        *_body(sections, own),
        _sources(prov),
        _footer(prov),
    ]


def render_html(a: Analysis, provenance: Provenance | None = None) -> str:
    """The analysis as a self-contained HTML page (see the module's docstring)."""
    require_charts()
    prov = provenance or _default_provenance("solve", a.file, a.settings)
    return _page(a.title, _main(_analysis_lines(a, prov)))


def analysis_fragment(a: Analysis, provenance: Provenance | None = None) -> str:
    """The analysis as an HTML fragment with its style, for a notebook cell."""
    require_charts()
    prov = provenance or _default_provenance("solve", a.file, a.settings)
    return _fragment(_analysis_lines(a, prov))


def _explanation_lines(
    e: Explanation, *, title: str, file: str | None, claim: str | None, prov: Provenance
) -> list[str]:
    charts = _Charts()
    front, sections = _sections(
        explanation_document(e, MARKDOWN_GLYPHS, title=title, file=file, claim=claim)
    )
    own = {SECTION_THRESHOLDS: _then(charts, lambda: _threshold_figures(e))}
    header = [block_html(b, "title") for b in front]
    return [
        "<header>",
        *header,
        "</header>",
        *_body(sections, own),
        _sources(prov),
        _footer(prov),
    ]


def render_explanation_html(
    e: Explanation,
    *,
    title: str,
    file: str | None = None,
    claim: str | None = None,
    provenance: Provenance | None = None,
) -> str:
    """The explanation of ``airlift explain`` as a self-contained HTML page."""
    require_charts()
    prov = provenance or _default_provenance("explain", file, {})
    lines = _explanation_lines(e, title=title, file=file, claim=claim, prov=prov)
    return _page(title, _main(lines))


def explanation_fragment(
    e: Explanation, *, title: str, file: str | None = None, claim: str | None = None
) -> str:
    """The explanation as an HTML fragment with its style, for a notebook cell."""
    require_charts()
    prov = _default_provenance("explain", file, {})
    lines = _explanation_lines(e, title=title, file=file, claim=claim, prov=prov)
    return _fragment(lines)
