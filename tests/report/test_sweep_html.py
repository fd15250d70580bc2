"""The sweep's HTML page and its figures, on hand-built sweeps (``sweep_fixtures``).

Pages are parsed with the standard library (``tests/browser`` loads real ones in Chromium).
Every expected number is computed here from the fixture's draws and labels (shares, Wilson
intervals, tenths, counts per value), never read back from the renderer.
"""

from __future__ import annotations

import dataclasses
import html
import math
import re
from collections import Counter

import numpy as np
import pytest

from airlift.analysis.curve import CurvePoint
from airlift.analysis.sweep_stats import wilson
from airlift.analysis.sweeps import SweepResult
from airlift.report.figures import HistogramFigure
from airlift.report.notebook import HtmlView, load_ipython_extension
from airlift.report.sweep_blocks import sweep_settings
from airlift.report.sweep_figures import (
    MAX_BINS,
    curve_figure,
    histogram_figures,
    share_figure,
    tornado_figure,
)
from airlift.report.sweep_html import render_sweep_html, sweep_fragment
from airlift.report.sweep_report import render_sweep
from airlift.result import Feasibility
from tests.report.sweep_fixtures import CURVE, MASS, SLOTS, N, bound, most_missiles, sweep_result
from tests.report.test_html import ABC_SHA256, Page, _IPython, _prov

ABOUT = "a statement about the ranges, not about the world"


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _sentence(what: str, yes: int, n: int) -> str:
    lo, hi = wilson(yes, n)
    return (
        f"{what} in {_pct(yes / n)} of {n:,} draws from the stated ranges "
        f"(95% interval {_pct(lo)}-{_pct(hi)})"
    )


def _varying(r: SweepResult) -> int:
    """How many histograms: distinct (unit, values) among the bounds' ends that vary."""
    seen = set()
    for b in r.bounds:
        for values in (b.least_values, b.most_values):
            finite = values[np.isfinite(values)]
            if len(set(finite.tolist())) >= 2:
                seen.add((b.unit, tuple(np.nan_to_num(values, nan=-1.0).tolist())))
    return len(seen)


def _charts_expected(r: SweepResult) -> int:
    """One for the shares, a tornado and a curve per claim the ranges move, the histograms."""
    moved = [c for c in r.claims if not c.by_corners and c.possible.share not in (None, 0, 1)]
    return bool(r.claims) + len(moved) + sum(c.curve is not None for c in moved) + _varying(r)


def test_the_page_is_well_formed_and_requests_nothing() -> None:
    text = render_sweep_html(sweep_result(), _prov(command="sweep"))
    page = Page(text)
    assert page.errors == []
    assert text.startswith("<!DOCTYPE html>\n") and text.endswith("</html>\n")
    assert not {t for t, _ in page.tags} & {"script", "link", "img", "iframe", "object", "embed"}
    csp = [a for t, a in page.tags if t == "meta" and a.get("http-equiv")]
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")
    assert not re.search(r"url\((?!#)", text)
    ids = page.attrs("id")
    assert len(ids) == len(set(ids))
    for href in page.attrs("href"):
        assert (href.startswith("#") and href[1:] in ids) or href == "https://example.org/m"


def test_same_sweep_same_bytes() -> None:
    assert render_sweep_html(sweep_result(), _prov()) == render_sweep_html(sweep_result(), _prov())


def _text(markup: str) -> str:
    """What a reader sees of some markup: tags dropped, entities read, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def _table_rows(markup: str) -> list[tuple[str, ...]]:
    """Every row of every table in the page, as the texts of its cells."""
    return [
        tuple(_text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S))
        for row in re.findall(r"<tr>(.*?)</tr>", markup, re.S)
    ]


def test_the_headline_says_each_share_as_a_statement_about_the_ranges() -> None:
    r = sweep_result()
    text = render_sweep_html(r, _prov())
    headline = _text(text[text.index('<section class="headline"') : text.index("</section>")])
    for j, c in enumerate(r.claims):
        yes = int((r.possible[:, j] == 1).sum())
        if c.by_corners:  # the corners decided it: the share is exact, no interval
            said = (
                f"possible in {_pct(yes / N)} of {N:,} draws from the stated ranges "
                "(exact: the corners of the ranges decide it)"
            )
        else:
            said = _sentence("possible", yes, N)
        assert f"{said}: {ABOUT}" in headline, said
        assert c.says is not None and c.says in headline
    assert "Belarusian Hajun, line 19" in headline
    lowered = _text(text).lower()
    for word in ("likely", "probable", "probably", "chance", "odds"):
        assert word not in lowered


def test_the_page_holds_every_section_and_table_row_of_the_markdown() -> None:
    r = sweep_result()
    text = render_sweep_html(r, _prov())
    markdown = render_sweep(r, "markdown")
    words = _text(text)
    for heading in re.findall(r"^## (.+)$", markdown, flags=re.M):
        if heading != "Settings":  # the footer's
            assert heading in words
    rows = set(_table_rows(text))
    for line in markdown.splitlines():
        if line.startswith("| ") and not line.startswith("| ---"):
            cells = tuple(c.strip().strip("`") for c in line.strip("|").split(" | "))
            assert cells in rows, cells


def test_charts_are_counted_labelled_and_tabled() -> None:
    r = sweep_result()
    page = Page(render_sweep_html(r, _prov()))
    svgs = [a for t, a in page.tags if t == "svg"]
    assert len(svgs) == _charts_expected(r) == 4
    ids = set(page.attrs("id"))
    for svg in svgs:
        assert svg["role"] == "img"
        assert all(i in ids for i in (svg["aria-labelledby"] or "").split())
    assert page.words.count("The numbers in this chart") == len(svgs)
    assert len([t for t, _ in page.tags if t == "figcaption"]) == len(svgs)
    # the staircase says its regions in words, not by colour alone
    assert "impossible (blank)" in page.words


def test_the_numbers_of_the_histogram_are_on_the_page() -> None:
    r = sweep_result()
    words = Page(render_sweep_html(r, _prov())).words
    counts = Counter(most_missiles(r.values[:100]).tolist())
    for value, count in counts.items():
        assert f"{int(value):,} units {count:,} draw" in words
    # missile to Millerovo has the same values in every draw: one chart says both
    assert "missile (most) and 1 more with the same values" in words


def test_share_rows_span_the_wilson_interval_with_the_share_marked() -> None:
    r = sweep_result()
    fig = share_figure(r)
    assert fig is not None and [row.label for row in fig.rows] == [
        "hajun-84: possible",
        "hajun-84: certain",
        "under-200: possible",
        "under-200: certain",
    ]
    yes = int((r.possible[:, 0] == 1).sum())
    lo, hi = wilson(yes, N)
    row = fig.rows[0]
    assert (row.lo, row.hi) == pytest.approx((100 * lo, 100 * hi))
    assert (row.lo_text, row.hi_text) == (_pct(lo), _pct(hi))
    assert row.marks[0].value == pytest.approx(100 * yes / N)
    # decided by the corners: no interval to draw, and the row says why
    assert fig.rows[2].lo == fig.rows[2].hi == 100.0
    assert fig.rows[2].marks[0].text == "decided by the corners"


def test_tornado_rows_run_between_the_shares_of_the_lowest_and_highest_tenth() -> None:
    r = sweep_result()
    fig = tornado_figure(r.claims[0])
    assert fig is not None
    assert tornado_figure(r.claims[1]) is None  # decided by the corners: nothing moves it
    label = r.possible[:, 0]
    tenth = N // 10
    for row in fig.rows:
        column = r.values[:, [SLOTS.field, MASS.field].index(row.label)]
        order = np.argsort(column, kind="stable")
        low = float(label[order[:tenth]].mean())
        high = float(label[order[-tenth:]].mean())
        assert (row.lo, row.hi) == pytest.approx((100 * min(low, high), 100 * max(low, high)))
        assert f"{_pct(low)} (lowest tenth)" in (row.lo_text, row.hi_text)
        assert f"{_pct(high)} (highest tenth)" in (row.lo_text, row.hi_text)
    assert fig.rows[0].label == SLOTS.field  # the slots decide most: the longest bar first


def test_the_staircase_steps_follow_the_curve_within_the_written_ranges() -> None:
    fig = curve_figure(CURVE, (SLOTS, MASS))
    assert (fig.x_range, fig.y_range) == ((8.0, 12.0), (2300.0, 4500.0))
    spans = [(s.x0, s.x1, s.lo, s.hi) for s in fig.steps]
    # no value from 8 to 10; at most 4,800 kg (above the range: all of it) from 10 to 11;
    # any value from 11 to the top
    assert spans == [
        (8.0, 10.0, None, None),
        (10.0, 11.0, 2300.0, 4800.0),
        (11.0, 12.0, 2300.0, 4500.0),
    ]
    assert [s.y_text for s in fig.steps] == ["no value", "at most 4,800 kg", "any value"]
    assert all(s.known for s in fig.steps)
    # too many steps to list: thin columns at the exact values, not steps
    loose = curve_figure(dataclasses.replace(CURVE, exact=False), (SLOTS, MASS))
    for step, point in zip(loose.steps, CURVE.points, strict=True):
        assert step.x0 < float(point.at) < step.x1 and step.x1 - step.x0 < 1
    unknown = CurvePoint(CURVE.points[2].at, None, None)
    cut = dataclasses.replace(CURVE, points=(*CURVE.points[:2], unknown))
    assert [s.known for s in curve_figure(cut, (SLOTS, MASS)).steps] == [True, True, False]


@pytest.mark.parametrize("whole", [True, False])
def test_histogram_bins_hold_every_value_once(whole: bool) -> None:
    rng = np.random.default_rng(3)
    values = rng.integers(0, 1000, 100).astype(np.float64)
    if not whole:
        values = values / 7
    values[:3] = math.inf
    values[3:5] = math.nan
    (fig,) = histogram_figures([bound("cargo", "t", values, values)])
    assert isinstance(fig, HistogramFigure) and not fig.points
    assert len(fig.bins) <= MAX_BINS + 2
    finite = values[np.isfinite(values)]
    assert sum(b.count for b in fig.bins) == finite.size == 95
    for b in fig.bins:
        assert b.count == int(((finite >= b.lo) & (finite < b.hi)).sum())
        assert b.text == f"{b.count} draw" + ("" if b.count == 1 else "s")
        if whole:
            assert float(b.lo).is_integer() and float(b.hi).is_integer()
            assert re.fullmatch(r"[\d,]+(-[\d,]+)? t", b.label), b.label
        else:
            assert " to under " in b.label
    assert all(a.hi == b.lo for a, b in zip(fig.bins, fig.bins[1:], strict=False))
    assert "3 draws in which nothing caps the total" in fig.description
    assert "2 draws in which it was not settled in time" in fig.description


def test_few_values_get_a_bar_each_and_a_constant_total_no_chart() -> None:
    values = np.array([72.0, 81.0, 81.0, 90.0, 108.0])
    (fig,) = histogram_figures([bound("missile", "units", values, np.full(5, 9.0))])
    assert fig.points
    assert [(b.label, b.count) for b in fig.bins] == [
        ("72 units", 1),
        ("81 units", 2),
        ("90 units", 1),
        ("108 units", 1),
    ]
    assert all(b.lo < v < b.hi for b, v in zip(fig.bins, (72, 81, 90, 108), strict=True))
    assert histogram_figures([bound("flights", "flights", np.full(5, 9.0), np.full(5, 9.0))]) == []


def test_text_from_the_scenario_is_escaped() -> None:
    r = sweep_result(title="Ракеты <b>&amp; </b>", file="a<b>.yaml")
    odd = dataclasses.replace(r.claims[0], id="x<&>y", says="says <i>'quotes'</i>")
    r = dataclasses.replace(r, claims=(odd, r.claims[1]))
    page = Page(render_sweep_html(r, _prov()))
    assert page.errors == []
    assert "Ракеты <b>&amp; </b>" in page.words and "x<&>y" in page.words
    assert "says <i>'quotes'</i>" in page.words
    assert not [t for t, _ in page.tags if t in ("b", "i")]


def test_a_sweep_with_nothing_to_draw_still_gives_a_page() -> None:
    r = sweep_result()
    bare = dataclasses.replace(
        r,
        inputs=(),
        weights=(),
        values=np.zeros((N, 0)),
        claims=(),
        bounds=(),
        possible=np.zeros((N, 0), np.int8),
        implied=np.zeros((N, 0), np.int8),
        base_status=Feasibility.INFEASIBLE,
    )
    page = Page(render_sweep_html(bare, _prov()))
    assert page.errors == []
    assert [t for t, _ in page.tags if t == "svg"] == []
    assert "inconsistent" in page.words and "every draw is the same" in page.words


def test_the_footer_gives_what_decides_the_bytes() -> None:
    r = sweep_result()
    options = sweep_settings(r)
    assert (options["samples"], options["draw_seed"], options["solver_seed"]) == (N, 7, 0)
    assert "jobs" not in options  # any --jobs gives the same page
    text = render_sweep_html(r, _prov(command="sweep", options=("samples: 400",)))
    footer = Page(text[text.index("<footer") :]).words
    assert "airlift sweep" in footer and ABC_SHA256 in footer and "samples: 400" in footer
    plain = Page(render_sweep_html(r)).words  # no provenance given: the sweep's own options
    assert "draw seed: 7" in plain and "samples: 400" in plain


def test_notebooks_show_the_sweep() -> None:
    r = sweep_result()
    fragment = sweep_fragment(r)
    assert fragment.startswith('<div class="airlift">') and "<html" not in fragment
    assert Page(fragment).errors == []
    assert HtmlView(r)._repr_html_() == fragment
    ipython = _IPython()
    load_ipython_extension(ipython)
    assert ipython.formatter.types[SweepResult](r) == fragment


def test_a_share_the_corners_decide_is_said_to_be_exact_not_given_an_interval() -> None:
    r = sweep_result()
    for fmt in ("text", "markdown"):
        text = " ".join(render_sweep(r, fmt).split())
        assert (
            "under-200`: possible in 100.0% of 400 draws from the stated ranges (exact: the "
            "corners of the ranges decide it); no value inside the stated ranges" in text
        )
        assert "100.0%-100.0%" not in text and "100.0% – 100.0%" not in text
        moved = _sentence("possible", int((r.possible[:, 0] == 1).sum()), N)
        assert f"hajun-84`: {moved}" in text  # moved by the ranges: a Wilson interval
