"""The HTML report of every shipped scenario, opened in headless Chromium.

Each page is written by the real command (``airlift solve FILE --format html -o ...``) and
loaded from disk. The tests check that no request leaves the page and the console stays
quiet; that the headline says each claim's expected verdict and the bounds table and
charts hold the expected numbers (``tests/test_scenarios.py`` reasons them out); that each
chart renders with a size; that the page fits a phone's width and prints; and that a
screenshot is not blank. ``make screenshot`` keeps the README's picture of the flagship's
report (``docs/html-report.png``) from this same run.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from airlift import cli
from airlift.analysis import analyze
from airlift.model import SolveOptions
from airlift.result import Analysis, Feasibility
from airlift.scenario import load_scenario
from tests.test_scenarios import EXPECTED

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
FLAGSHIP = "belarus-2022.yaml"
#: Where ``make screenshot`` asks for the README's picture (unset: none is kept).
SCREENSHOT = os.environ.get("AIRLIFT_SCREENSHOT")
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1000, "height": 900}


def _write_report(name: str, out: Path, command: str = "solve") -> None:
    """The report as ``airlift COMMAND scenarios/NAME -f html`` run from the project writes it."""
    with contextlib.chdir(ROOT):
        run = CliRunner().invoke(
            cli.main,
            [command, f"scenarios/{name}", "-f", "html", "--time-limit", "30", "-o", str(out)],
            catch_exceptions=False,
        )
    assert run.exit_code == 0, run.output


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Analysis]]:
    """Each scenario's report, written by the command, with its analysis for expectations."""
    out = tmp_path_factory.mktemp("html")
    found = {}
    for path in sorted(SCENARIOS.glob("*.yaml")):
        page = out / f"{path.stem}.html"
        _write_report(path.name, page)
        found[path.name] = (page, analyze(load_scenario(path), SolveOptions(time_limit=30)))
    return found


class Opened:
    """A page loaded in its own browser context, with every request and console message."""

    def __init__(self, browser: Any, path: Path, viewport: dict[str, int] = DESK) -> None:
        self.url = path.as_uri()
        self.context = browser.new_context(viewport=viewport)
        self.requests: list[str] = []
        self.problems: list[str] = []
        # Anything but the page itself is refused, and recorded by the request handler.
        self.context.route(
            "**/*",
            lambda route: route.continue_() if route.request.url == self.url else route.abort(),
        )
        self.page = self.context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on(
            "console",
            lambda m: (
                self.problems.append(f"{m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        self.page.goto(self.url, wait_until="load")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def opened(browser: Any) -> Iterator[list[Opened]]:
    pages: list[Opened] = []
    yield pages
    for p in pages:
        p.close()


def _number(value: Fraction | int) -> str | None:
    """A number as the report writes it (thousands separated, exact); None past 6 places."""
    q = Fraction(value)
    for places in range(7):
        scaled = q * 10**places
        if scaled.denominator == 1:
            whole, part = divmod(int(scaled), 10**places)
            return f"{whole:,}" + (f".{part:0{places}d}" if places else "")
    return None


def _expected_charts(a: Analysis) -> int:
    """One chart per thing totalled (flights of ships apart from flights of aircraft) while
    the base holds; one for what one flight can carry; one for what claims need; one for
    payload by distance; one per range written in the file that tips a claim."""
    totals = {(b.spec.total, b.spec.trip if b.spec.total == "flights" else "") for b in a.bounds}
    n = len(totals) if a.base_status is not Feasibility.INFEASIBLE else 0
    e = a.explanation
    if e is not None:
        n += any(any(v is not None for _, v in c.allowed_by) for c in e.capacities)
        n += bool(e.needs)
    written = {r.field for r in a.ranges}
    tipping = {
        t.field for c in a.claims if c.robust is not None for t in c.robust.tipping
    } & written
    return n + bool(a.lane_limits) + len(tipping)


def _not_blank(png: bytes) -> None:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    small = image.resize((200, 200))
    colours = small.getcolors(maxcolors=200 * 200) or []
    white = sum(n for n, c in colours if min(c) > 245)
    assert len(colours) > 20, "the screenshot has almost no colours"
    assert white < 0.97 * 200 * 200, "the screenshot is almost all white"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_report_in_chromium(
    browser: Any, reports: dict[str, tuple[Path, Analysis]], opened: list[Opened], name: str
) -> None:
    path, analysis = reports[name]
    seen = Opened(browser, path)
    opened.append(seen)
    page = seen.page
    assert seen.requests == [seen.url], "the page requested something"
    assert seen.problems == []

    # The headline: each claim's expected verdict, in words.
    verdicts, bounds = EXPECTED[name]
    headline = page.eval_on_selector_all(
        ".headline li",
        "els => els.map(e => [e.querySelector('code').textContent,"
        " e.querySelector('.verdict').textContent])",
    )
    assert {cid: words.split()[-1] for cid, words in headline} == {
        cid: v.value for cid, v in verdicts.items()
    }

    # The numbers: each expected bound in the bounds table, and its ends in a chart.
    table = page.eval_on_selector_all(
        "#sec-bounds table tbody tr",
        "rows => rows.map(r => [...r.cells].map(c => c.textContent))",
    )
    rows = {cells[0]: cells[1:] for cells in table}
    chart_text = page.eval_on_selector_all(
        "#sec-bounds svg text", "ts => ts.map(t => t.textContent)"
    )
    for label, (lo, hi) in bounds.items():
        low, high = _number(lo), None if hi is None else _number(hi)
        assert label in rows, label
        if low is not None:
            assert rows[label][0].startswith(f"{low} "), (label, rows[label])
        if hi is None:
            assert rows[label][1] == "unbounded", (label, rows[label])
            said = rf"{re.escape(str(low))} \S+ or more \(unbounded\)"
        elif high is not None:
            assert rows[label][1].startswith(f"{high} "), (label, rows[label])
            said = rf"{re.escape(str(low))} \S+ to {re.escape(high)} \S+|{re.escape(high)} \S+"
        if low is not None and (hi is None or high is not None):
            assert any(re.fullmatch(said, t) for t in chart_text), (label, said)

    # The charts: as many as the analysis calls for, each drawn with a size.
    boxes = [s.bounding_box() for s in page.query_selector_all("figure.chart svg")]
    assert len(boxes) == _expected_charts(analysis)
    assert all(b is not None and b["width"] > 100 and b["height"] > 50 for b in boxes)
    _not_blank(page.screenshot())

    # A phone: nothing wider than the screen (wide tables scroll in their own box).
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert seen.problems == []


def test_flagship_prints_and_gives_the_readme_its_picture(
    browser: Any, reports: dict[str, tuple[Path, Analysis]], opened: list[Opened]
) -> None:
    path, _ = reports[FLAGSHIP]
    seen = Opened(browser, path, {"width": 900, "height": 1000})
    opened.append(seen)
    page = seen.page
    head = page.screenshot(clip=_box(page, "header", ".headline"))
    chart = page.query_selector("#sec-bounds figure.chart")
    assert chart is not None
    shot = _stacked([head, chart.screenshot()])
    _not_blank(shot)
    if SCREENSHOT:
        Path(SCREENSHOT).write_bytes(shot)
    page.emulate_media(media="print")
    sizes = [s.bounding_box() for s in page.query_selector_all("figure.chart svg")]
    assert sizes and all(b is not None and b["width"] > 100 for b in sizes)
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    assert seen.problems == []


def test_explanation_in_chromium(browser: Any, opened: list[Opened], tmp_path: Path) -> None:
    out = tmp_path / "explain.html"
    _write_report("belarus-2022-hajun-one-tier.yaml", out, "explain")
    seen = Opened(browser, out)
    opened.append(seen)
    assert seen.requests == [seen.url] and seen.problems == []
    text = seen.page.inner_text("main")
    assert "nine-aircraft-carried-84" in text and "14 flights" in text
    boxes = [s.bounding_box() for s in seen.page.query_selector_all("figure.chart svg")]
    assert len(boxes) == 2 and all(b is not None and b["height"] > 50 for b in boxes)


def _box(page: Any, first: str, last: str) -> dict[str, float]:
    """The rectangle from the top of one element to the bottom of another, full width."""
    top = page.query_selector(first).bounding_box()
    bottom = page.query_selector(last).bounding_box()
    width = page.viewport_size["width"]
    return {
        "x": 0,
        "y": top["y"],
        "width": width,
        "height": bottom["y"] + bottom["height"] + 12 - top["y"],
    }


def _stacked(pngs: list[bytes]) -> bytes:
    """Pictures one above the other on white, as one small PNG (a 64-colour palette)."""
    from PIL import Image

    images = [Image.open(io.BytesIO(p)).convert("RGB") for p in pngs]
    width = max(i.width for i in images)
    out = Image.new("RGB", (width, sum(i.height for i in images)), "white")
    y = 0
    for i in images:
        out.paste(i, (0, y))
        y += i.height
    buf = io.BytesIO()
    out.quantize(colors=64).save(buf, format="PNG", optimize=True)
    return buf.getvalue()
