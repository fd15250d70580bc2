"""The HTML page of `airlift sweep`: one self-contained page, like the solve report's.

The page says what the Markdown report says, from the same blocks
(:mod:`airlift.report.sweep_blocks`), and adds a headline with each claim's share in the
words a journalist can quote ("possible in 62.0% of 10,000 draws from the stated ranges
(95% interval 61.0%-63.0%): a statement about the ranges, not about the world"), its source
linked; and charts (:mod:`airlift.report.sweep_figures`): the shares with their 95%
intervals under the claims, a tornado and the tipping curve under each claim the ranges move,
histograms of the estimates' bounds under the estimates. Each chart has a caption, a title
and description its SVG is labelled by, and a table of its numbers. The scaffolding (style,
policy, sources, footer) is every page's (:mod:`airlift.report.html_page`), so the page
requests nothing and the same sweep gives the same bytes.
"""

from __future__ import annotations

from airlift.analysis.sweeps import ClaimSweep, SweepResult
from airlift.report.blocks import MARKDOWN_GLYPHS, Block, Table
from airlift.report.charts import require_charts
from airlift.report.format import base_sentence
from airlift.report.html import base_badge, source_html
from airlift.report.html_blocks import esc
from airlift.report.html_page import (
    Charts,
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
from airlift.report.sweep_blocks import (
    SECTION_ESTIMATES,
    SECTION_SHARES,
    drivers_key,
    has_drivers,
    share_sentence,
    sweep_intro,
    sweep_sections,
    sweep_settings,
)
from airlift.report.sweep_figures import (
    curve_figure,
    histogram_figures,
    share_figure,
    tornado_figure,
)

__all__ = ["ABOUT_THE_RANGES", "render_sweep_html", "sweep_fragment"]

#: Said after every share in the headline, so that a line quoted alone still says it.
ABOUT_THE_RANGES = "a statement about the ranges, not about the world"


def _headline_claim(c: ClaimSweep, samples: int, prov: Provenance) -> str:
    where = source_html(c.ref, prov) if c.ref is not None else ""
    says = f' <span class="says">{esc(c.says)}</span>' if c.says else ""
    possible = share_sentence("possible", c.possible, samples, c.by_corners)
    certain = share_sentence("certain", c.implied, samples, c.by_corners)
    return (
        f"<li><code>{esc(c.id)}</code>{says}"
        + (f" ({where})" if where else "")
        + f'<div class="share"><strong>{esc(possible)}</strong>: {ABOUT_THE_RANGES}; '
        f"{esc(certain)}.</div></li>"
    )


def _headline(r: SweepResult, prov: Provenance) -> str:
    lines = [
        '<section class="headline" aria-label="Headline">',
        f"<p>{base_badge(r.base_status)} {esc(base_sentence(r.base_status))}</p>",
    ]
    if r.claims:
        lines.append("<ul>")
        lines += [_headline_claim(c, r.samples, prov) for c in r.claims]
        lines.append("</ul>")
    lines.append("</section>")
    return "\n".join(lines)


def _drivers(charts: Charts, c: ClaimSweep, r: SweepResult) -> Section:
    """A claim's drivers: the swings' table, then its tornado; the tipping curve's, then its
    staircase."""

    def body(blocks: list[Block]) -> str:
        cut = next((k + 1 for k, b in enumerate(blocks) if isinstance(b, Table)), len(blocks))
        tornado = tornado_figure(c)
        parts = [blocks_html(blocks[:cut]), charts.figure(tornado) if tornado else ""]
        if c.curve is not None:
            parts += [blocks_html(blocks[cut:]), charts.figure(curve_figure(c.curve, r.inputs))]
        else:
            parts.append(blocks_html(blocks[cut:]))
        return joined(parts)

    return body


def _lines(r: SweepResult, prov: Provenance) -> list[str]:
    charts = Charts()
    _, sections = split_sections(sweep_sections(r, MARKDOWN_GLYPHS))
    own: dict[str, Section] = {
        SECTION_SHARES: then(charts, lambda: [share_figure(r)]),
        SECTION_ESTIMATES: then(charts, lambda: histogram_figures(r.bounds)),
    }
    for n, c in enumerate(r.claims, 1):
        if has_drivers(c):
            own[drivers_key(n)] = _drivers(charts, c, r)
    header = [f"<h1>{esc(r.title)}</h1>"]
    if r.file:
        header.append(f'<p class="file">File: <code>{esc(r.file)}</code></p>')
    return [
        "<header>",
        *header,
        "</header>",
        _headline(r, prov),
        blocks_html(sweep_intro(r)),
        *sections_html(sections, own),
        sources_html(prov),
        footer_html(prov),
    ]


def render_sweep_html(r: SweepResult, provenance: Provenance | None = None) -> str:
    """The sweep as a self-contained HTML page (see the module's docstring)."""
    require_charts()
    prov = provenance or default_provenance("sweep", r.file, sweep_settings(r))
    return page(r.title, main(_lines(r, prov)))


def sweep_fragment(r: SweepResult, provenance: Provenance | None = None) -> str:
    """The sweep as an HTML fragment with its style, for a notebook cell."""
    require_charts()
    prov = provenance or default_provenance("sweep", r.file, sweep_settings(r))
    return fragment(_lines(r, prov))
