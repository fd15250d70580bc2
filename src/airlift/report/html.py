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

from airlift.report.blocks import (
    MARKDOWN_GLYPHS,
    SECTION_BOUNDS,
    SECTION_CLAIMS,
    SECTION_PAYLOAD,
    SECTION_RANGES,
    SECTION_THRESHOLDS,
    Block,
    Table,
)
from airlift.report.charts import require_charts
from airlift.report.explain_report import explanation_document
from airlift.report.figures import (
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
)
from airlift.report.html_blocks import block_html, esc, inline, table_html
from airlift.report.html_page import (
    Charts,
    Figure,
    Section,
    blocks_html,
    default_provenance,
    footer_html,
    fragment,
    joined,
    main,
    page,
    sections_html,
    sources_html,
    split_sections,
    then,
)
from airlift.report.provenance import Provenance
from airlift.report.schedule_blocks import schedule_headline
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
    "base_badge",
    "explanation_fragment",
    "render_explanation_html",
    "render_html",
    "source_html",
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


# --- the headline and the claims -------------------------------------------------------------


def _badge(sign: str, word: str, css: str) -> str:
    return (
        f'<span class="verdict v-{css}"><span aria-hidden="true">{sign}</span> {esc(word)}</span>'
    )


def _verdict_badge(v: Verdict) -> str:
    return _badge(_SIGNS[v], v.value, v.value)


def base_badge(f: Feasibility) -> str:
    """The base status as a badge: a sign, a word and a colour."""
    sign, word = _BASE_WORDS[f]
    return _badge(sign, word, f.value if f is not Feasibility.UNKNOWN else "unknown")


def source_html(ref: StatementRef, prov: Provenance) -> str:
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
        f"<p>{base_badge(a.base_status)} {esc(base_sentence(a.base_status))}</p>",
        f"<p>{base_badge(a.status)} {esc(overall_sentence(a))}</p>",
    ]
    headline = schedule_headline(a)
    if headline is not None and a.schedule is not None:
        lines.append(f"<p>{base_badge(a.schedule.joint_status)} {esc(headline)}</p>")
    if a.claims:
        lines.append("<ul>")
        for i, c in enumerate(a.claims, 1):
            where = source_html(c.ref, prov)
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
        where = source_html(c.ref, prov)
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


# --- the two reports -------------------------------------------------------------------------


def _threshold_figures(e: Explanation | None) -> list[Figure | None]:
    if e is None:
        return []
    return [capacity_figure(e.capacities), need_figure(e.needs)]


def _analysis_lines(a: Analysis, prov: Provenance) -> list[str]:
    charts = Charts()
    _, sections = split_sections(build_document(a, MARKDOWN_GLYPHS))

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
        return joined([blocks_html(rest), _claim_details(a, prov) if a.claims else ""])

    own: dict[str, Section] = {
        SECTION_CLAIMS: claims,
        SECTION_THRESHOLDS: then(charts, lambda: _threshold_figures(a.explanation)),
        SECTION_BOUNDS: then(charts, bounds),
        SECTION_PAYLOAD: then(charts, lambda: [payload_figure(a.lane_limits)]),
        SECTION_RANGES: then(charts, lambda: tipping_figures(a.claims, a.ranges)),
    }
    header = [f"<h1>{esc(a.title)}</h1>"]
    if a.file:
        header.append(f'<p class="file">File: <code>{esc(a.file)}</code></p>')
    return [
        "<header>",
        *header,
        "</header>",
        _headline(a, prov),
        *sections_html(sections, own),
        sources_html(prov),
        footer_html(prov),
    ]


def render_html(a: Analysis, provenance: Provenance | None = None) -> str:
    """The analysis as a self-contained HTML page (see the module's docstring)."""
    require_charts()
    prov = provenance or default_provenance("solve", a.file, a.settings)
    return page(a.title, main(_analysis_lines(a, prov)))


def analysis_fragment(a: Analysis, provenance: Provenance | None = None) -> str:
    """The analysis as an HTML fragment with its style, for a notebook cell."""
    require_charts()
    prov = provenance or default_provenance("solve", a.file, a.settings)
    return fragment(_analysis_lines(a, prov))


def _explanation_lines(
    e: Explanation, *, title: str, file: str | None, claim: str | None, prov: Provenance
) -> list[str]:
    charts = Charts()
    front, sections = split_sections(
        explanation_document(e, MARKDOWN_GLYPHS, title=title, file=file, claim=claim)
    )
    own = {SECTION_THRESHOLDS: then(charts, lambda: _threshold_figures(e))}
    header = [block_html(b, "title") for b in front]
    return [
        "<header>",
        *header,
        "</header>",
        *sections_html(sections, own),
        sources_html(prov),
        footer_html(prov),
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
    prov = provenance or default_provenance("explain", file, {})
    lines = _explanation_lines(e, title=title, file=file, claim=claim, prov=prov)
    return page(title, main(lines))


def explanation_fragment(
    e: Explanation, *, title: str, file: str | None = None, claim: str | None = None
) -> str:
    """The explanation as an HTML fragment with its style, for a notebook cell."""
    require_charts()
    prov = default_provenance("explain", file, {})
    lines = _explanation_lines(e, title=title, file=file, claim=claim, prov=prov)
    return fragment(lines)
