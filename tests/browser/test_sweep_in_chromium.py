"""The sweep's HTML page in headless Chromium: a small open case and the flagship.

Each page is written by the real command (``airlift sweep FILE --format html -o ...``) and
loaded from disk; the same draws are swept in this process for what the page must hold:
each claim's share as the sentence a journalist can quote, and as many charts as the sweep
calls for (the shares; a tornado and a staircase per claim the ranges move; a histogram per
bound that differs between draws). No request may leave the page, the console stays quiet,
every chart has a size, a screenshot is not blank, and the page fits a phone's width.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

from airlift import cli
from airlift.analysis import sweep
from airlift.analysis.sweeps import SweepResult
from airlift.model import SolveOptions
from airlift.scenario import load_scenario
from tests.browser.test_html_in_chromium import PHONE, ROOT, Opened, _not_blank

SAMPLES = 2000
FILES = ["tests/data/valid/sweep-hajun.yaml", "scenarios/belarus-2022.yaml"]


@pytest.fixture
def opened() -> Iterator[list[Opened]]:
    pages: list[Opened] = []
    yield pages
    for p in pages:
        p.close()


def _expected_charts(r: SweepResult) -> int:
    moved = [c for c in r.claims if not c.by_corners and c.possible.share not in (None, 0, 1)]
    histograms = set()
    for b in r.bounds:
        for values in (b.least_values, b.most_values):
            finite = values[np.isfinite(values)]
            if len(set(finite.tolist())) >= 2:
                histograms.add((b.unit, tuple(np.nan_to_num(values, nan=-1.0).tolist())))
    curves = sum(c.curve is not None for c in moved)
    return bool(r.claims) + len(moved) + curves + len(histograms)


@pytest.mark.parametrize("name", FILES)
def test_sweep_page_in_chromium(
    browser: Any, opened: list[Opened], tmp_path: Path, name: str
) -> None:
    out = tmp_path / "sweep.html"
    with contextlib.chdir(ROOT):
        run = CliRunner().invoke(
            cli.main,
            ["sweep", name, "--samples", str(SAMPLES), "-f", "html", "-o", str(out)],
            catch_exceptions=False,
        )
    assert run.exit_code == 0, run.output
    options = SolveOptions(time_limit=10.0, seed=0, workers=1, max_seconds=120.0)
    r = sweep(load_scenario(ROOT / name), SAMPLES, None, options)

    seen = Opened(browser, out)
    opened.append(seen)
    page = seen.page
    assert seen.requests == [seen.url], "the page requested something"
    assert seen.problems == []

    # The headline: each claim's share, as a statement about the ranges.
    lines = page.eval_on_selector_all(".headline li", "els => els.map(e => e.innerText)")
    assert len(lines) == len(r.claims)
    for line, c in zip(lines, r.claims, strict=True):
        said = " ".join(line.split())
        assert said.startswith(c.id)
        assert c.possible.share is not None
        share = f"possible in {100 * c.possible.share:.1f}% of {SAMPLES:,} draws"
        assert f"{share} from the stated ranges" in said
        assert "a statement about the ranges, not about the world" in said

    # The charts: as many as the sweep calls for, each drawn with a size.
    boxes = [s.bounding_box() for s in page.query_selector_all("figure.chart svg")]
    assert len(boxes) == _expected_charts(r) > 0
    assert all(b is not None and b["width"] > 100 and b["height"] > 50 for b in boxes)
    tables = page.query_selector_all("figure.chart details table")
    assert len(tables) == len(boxes)
    _not_blank(page.screenshot())

    # A phone: nothing wider than the screen.
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert seen.problems == []
