"""The HTML report on hand-built analyses: self-contained, escaped, reproducible, complete.

A page is parsed with the standard library's HTML parser, so these tests need no browser
(``tests/browser`` loads real pages in Chromium). Expected values come from the fixtures'
own numbers and from published test vectors, never from the renderer.
"""

from __future__ import annotations

import re
from dataclasses import replace
from fractions import Fraction
from html.parser import HTMLParser
from typing import Any

import pytest

from airlift import load_ipython_extension as face_extension
from airlift.analysis.sweeps import SweepResult
from airlift.report.blocks import MARKDOWN_GLYPHS
from airlift.report.figures import Mark, Span, bound_figures, need_figure, tipping_figures
from airlift.report.format import fmt_extreme
from airlift.report.html import (
    analysis_fragment,
    explanation_fragment,
    render_explanation_html,
    render_html,
)
from airlift.report.notebook import HtmlView, load_ipython_extension
from airlift.report.provenance import Provenance, SourceLink, web_address
from airlift.result import (
    Analysis,
    Bound,
    Explanation,
    Extent,
    Feasibility,
    RangeInput,
    Robust,
    TippingPoint,
)
from tests.report.conftest import base_analysis
from tests.report.explain_fixtures import EXPLANATIONS, NEEDS

#: SHA-256 of b"abc", from FIPS 180-2, appendix B.1.
ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
VOID = {"meta", "br", "img", "input", "link", "hr", "wbr", "source", "col", "area", "base"}


class Page(HTMLParser):
    """The parts of a page the tests look at: tags, attributes, text and nesting."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(text)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {self.stack}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def words(self) -> str:
        """All text, whitespace collapsed."""
        return " ".join(" ".join(self.text).split())

    def attrs(self, name: str) -> list[str]:
        return [a[name] or "" for _, a in self.tags if name in a]


def _prov(**changes: Any) -> Provenance:
    prov = Provenance(
        version="9.9.9",
        command="solve",
        file="scenarios/x.yaml",
        sha256=ABC_SHA256,
        options=("seed: 0",),
        sources=(
            SourceLink("mirror", "Daily Mirror, 2022-11-17", "A title", "https://example.org/m"),
            SourceLink("hajun", "Belarusian Hajun", None, None),
        ),
    )
    return replace(prov, **changes)


def test_every_analysis_gives_a_well_formed_page_that_requests_nothing(
    any_analysis: Analysis,
) -> None:
    text = render_html(any_analysis, _prov())
    page = Page(text)
    assert page.errors == []
    assert text.startswith("<!DOCTYPE html>\n") and text.endswith("</html>\n")
    tags = {t for t, _ in page.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert page.attrs("src") == []
    csp = [a for t, a in page.tags if t == "meta" and a.get("http-equiv")]
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")
    # every link is into the page or to a source's web address
    for href in page.attrs("href"):
        assert href.startswith("#") or href == "https://example.org/m", href
    assert not re.search(r"url\((?!#)", text), "a style or chart loads something"
    ids = page.attrs("id")
    assert len(ids) == len(set(ids)), "ids repeat"
    for href in page.attrs("href"):
        if href.startswith("#"):
            assert href[1:] in ids


def test_the_headline_says_each_verdict_in_words(any_analysis: Analysis) -> None:
    page = Page(render_html(any_analysis, _prov()))
    words = page.words
    for c in any_analysis.claims:
        # "~ consistent at-least-70": the sign, the word, then the claim's id
        assert re.search(rf"\S {c.verdict.value} {re.escape(' '.join(c.ref.id.split()))}", words)
    badges = [a.get("class") for t, a in page.tags if "verdict" in (a.get("class") or "")]
    assert len(badges) >= 2 * len(any_analysis.claims) + 2  # headline and each claim, and base


def test_text_from_the_scenario_is_escaped(awkward: Analysis) -> None:
    page = Page(render_html(awkward, _prov()))
    assert page.errors == []
    assert "Ракеты | *moved* <out> of_Belarus_" in page.words
    assert "pipes | and *stars* and newlines" in page.words


def test_same_analysis_same_bytes(any_analysis: Analysis) -> None:
    assert render_html(any_analysis, _prov()) == render_html(any_analysis, _prov())


def test_sources_are_linked_only_when_they_are_web_addresses() -> None:
    page = Page(render_html(base_analysis(), _prov()))
    links = [a["href"] for t, a in page.tags if t == "a" and (a["href"] or "#")[0] != "#"]
    # at-least-18 and at-least-70 cite the Mirror (linked), hajun-84 Hajun (no address)
    assert links.count("https://example.org/m") >= 2
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "example.org"):
        assert web_address(bad) is None
    assert web_address(" https://a.b/c ") == "https://a.b/c"
    hostile = _prov(sources=(SourceLink("mirror", "M", None, web_address("javascript:x")),))
    assert "javascript:" not in render_html(base_analysis(), hostile)


def test_the_footer_gives_version_file_hash_and_options_and_no_time() -> None:
    text = render_html(base_analysis(), _prov())
    footer = Page(text[text.index("<footer") :]).words
    for part in ("airlift 9.9.9", "scenarios/x.yaml", ABC_SHA256, "seed: 0"):
        assert part in footer
    assert not re.search(r"\d{1,2}:\d{2}|20\d\d-\d\d-\d\dT", footer)


def test_provenance_hashes_the_bytes() -> None:
    from airlift.report.provenance import provenance

    prov = provenance(None, b"abc", command="solve", file="f", options={"seed": 3})
    assert prov.sha256 == ABC_SHA256
    assert prov.options == ("seed: 3",)


def _groups(bounds: tuple[Bound, ...]) -> int:
    """How many charts the bounds make: one per thing totalled and the unit it is in."""
    return len({(b.spec.total, b.spec.measure.unit, b.spec.measure.what) for b in bounds})


def test_one_chart_per_total_and_each_has_a_text_alternative(any_analysis: Analysis) -> None:
    page = Page(render_html(any_analysis, _prov()))
    svgs = [a for t, a in page.tags if t == "svg"]
    feasible = any_analysis.base_status is not Feasibility.INFEASIBLE
    assert len(svgs) == (_groups(any_analysis.bounds) if feasible else 0)
    ids = set(page.attrs("id"))
    for svg in svgs:
        assert svg["role"] == "img"
        assert all(i in ids for i in (svg["aria-labelledby"] or "").split())
    assert page.words.count("The numbers in this chart") == len(svgs)


def test_bound_rows_carry_the_exact_ends(proven: Analysis, unbounded: Analysis) -> None:
    def ends(b: Bound) -> tuple[str, str]:
        m = b.spec.measure
        return fmt_extreme(b.min, MARKDOWN_GLYPHS, m), fmt_extreme(b.max, MARKDOWN_GLYPHS, m)

    figs = bound_figures(proven.bounds, ends)
    assert [f.title for f in figs] == ["Range of missile", "Range of flights"]
    assert figs[0].rows == (
        Span("in all", 18.0, 264.0, "18 units", "264 units"),
        Span("to Chkalovsky", 0.0, 264.0, "0 units", "264 units"),
    )
    assert figs[1].rows[0].label == "to Millerovo or Seshcha"
    (fig,) = bound_figures(unbounded.bounds, ends)
    assert fig.rows[0].hi is None and fig.rows[0].hi_text == "unbounded"


def test_a_claim_needing_more_flights_than_allowed_is_marked_outside() -> None:
    fig = need_figure(NEEDS)
    assert fig is not None
    for need, row in zip(NEEDS, fig.rows):
        hi = need.flights_seen[1]
        outside = need.fewest_flights is not None and hi is not None and need.fewest_flights > hi
        assert any(m.outside for m in row.marks) == outside
    assert any(any(m.outside for m in row.marks) for row in fig.rows)  # the fixture has one


def test_a_tipping_point_is_a_mark_on_its_range() -> None:
    mass = RangeInput("cargo.x.mass", Fraction(5000), Fraction(25000), "kg", "5 t", "25 t", "low")
    tip = TippingPoint(
        "cargo.x.mass", Fraction(17142), "kg", "most_favourable", "at_most", "17,142 kg"
    )
    other = TippingPoint("cargo.y.mass", Fraction(3), "kg", "least_favourable", "at_least", "3 kg")
    base = base_analysis()
    robust = Robust(Extent.SOME, Extent.NONE, tipping=(tip, other))
    claims = (replace(base.claims[0], robust=robust),)
    (fig,) = tipping_figures(claims, (mass,))  # no range written for cargo.y: no chart
    assert fig.axis == "kg"
    (row,) = fig.rows
    assert (row.lo, row.hi, row.lo_text, row.hi_text) == (5000.0, 25000.0, "5 t", "25 t")
    assert row.marks == (Mark(17142.0, "possible only at most 17,142 kg"),)
    page = Page(render_html(replace(base, claims=claims, ranges=(mass,)), _prov()))
    assert page.errors == []
    assert "possible only at most 17,142 kg" in page.words


@pytest.mark.parametrize("name", sorted(EXPLANATIONS))
def test_explanations_give_pages_too(name: str) -> None:
    e: Explanation = EXPLANATIONS[name]()
    text = render_explanation_html(e, title="T <1>", file="f.yaml", claim=None, provenance=_prov())
    page = Page(text)
    assert page.errors == []
    assert "T <1>" in page.words
    charts = sum(1 for t, _ in page.tags if t == "svg")
    assert charts == (1 if e.capacities else 0) + (1 if e.needs else 0)
    assert text == render_explanation_html(
        e, title="T <1>", file="f.yaml", claim=None, provenance=_prov()
    )


def test_svg_carries_no_date_creator_or_prologue(proven: Analysis) -> None:
    text = render_html(proven, _prov())
    assert "<?xml" not in text and "<metadata" not in text and "DOCTYPE svg" not in text
    assert "Matplotlib v" not in text


class _Formatter:
    def __init__(self) -> None:
        self.types: dict[type, Any] = {}

    def for_type(self, typ: type, func: Any) -> None:
        self.types[typ] = func


class _IPython:
    def __init__(self) -> None:
        self.formatter = _Formatter()
        self.display_formatter = type("D", (), {"formatters": {"text/html": self.formatter}})()


def test_notebooks_show_the_same_report(proven: Analysis) -> None:
    fragment = analysis_fragment(proven)
    assert HtmlView(proven)._repr_html_() == fragment
    assert fragment.startswith('<div class="airlift">') and "<html" not in fragment
    assert Page(fragment).errors == []
    e = EXPLANATIONS[sorted(EXPLANATIONS)[0]]()
    assert HtmlView(e, title="T")._repr_html_() == explanation_fragment(e, title="T")
    for load in (load_ipython_extension, face_extension):
        ipython = _IPython()
        load(ipython)
        assert ipython.formatter.types[Analysis](proven) == fragment
        assert set(ipython.formatter.types) == {Analysis, Explanation, SweepResult}


def test_the_style_is_scoped_to_the_report() -> None:
    from airlift.report.html_style import STYLE

    body = re.sub(r"@media[^{]*\{", "", STYLE)
    for rule in re.findall(r"([^{}]+)\{", body):
        for selector in rule.split(","):
            assert selector.strip().startswith(".airlift"), selector
