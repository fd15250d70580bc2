"""`airlift sweep` from the command line: formats, the samples file, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner, Result

from airlift import cli

HAJUN = str(Path(__file__).parent / "data" / "valid" / "sweep-hajun.yaml")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def test_json_has_shares_intervals_samples_and_seed() -> None:
    result = run("sweep", HAJUN, "--samples", "300", "--seed", "4", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["samples"], data["seed"]) == (300, 4)
    for claim in data["claims"]:
        keys = {"id", "possible", "implied", "unknown", "possible_interval", "implied_interval"}
        assert keys <= set(claim)
        lo, hi = claim["possible_interval"]
        assert 0 <= lo <= claim["possible"] <= hi <= 1
    (hajun,) = [c for c in data["claims"] if c["id"] == "hajun-84"]
    assert 0 < hajun["possible"] < 1 and not hajun["by_corners"]
    assert hajun["drivers"][0]["field"] == "aircraft.Il-76MD.limits.canister_slots"


def test_text_says_what_a_share_means_without_likelihood_words() -> None:
    result = run("sweep", HAJUN, "--samples", "300")
    assert result.exit_code == 0
    text = result.stdout
    assert "draws from the stated ranges" in text and "not about the world" in text
    for word in ("likely", "probable", "probably"):
        assert word not in text.lower()
    assert "draws decided" not in result.stderr  # no progress bar when not on a terminal


def test_csv_and_samples_out(tmp_path: Path) -> None:
    out = tmp_path / "samples.csv"
    result = run("sweep", HAJUN, "--samples", "120", "--format", "csv", "--samples-out", str(out))
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["claim"] for r in rows] == ["hajun-84", "under-100"]
    samples = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(samples) == 120
    assert {"hajun-84:possible", "under-100:implied"} <= set(samples[0])
    share = sum(int(s["hajun-84:possible"]) for s in samples) / 120
    assert abs(share - float(rows[0]["possible"])) < 1e-9


def test_jobs_and_scheduler_together_is_a_user_error() -> None:
    result = run("sweep", HAJUN, "--jobs", "2", "--scheduler", "tcp://127.0.0.1:1")
    assert result.exit_code == 2
    assert "not both" in result.stderr


def test_html_page_with_the_files_hash_and_the_numbers_of_the_json(tmp_path: Path) -> None:
    """The page of the same draws says the JSON's shares, cites the file by its SHA-256 and
    its draws, and the samples file still comes with it."""
    import hashlib
    import html
    import re

    page, out = tmp_path / "sweep.html", tmp_path / "samples.csv"
    args = ("sweep", HAJUN, "--samples", "300", "--seed", "4")
    result = run(*args, "-f", "html", "-o", str(page), "--samples-out", str(out))
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())
    data = json.loads(run(*args, "--format", "json").stdout)
    for claim in data["claims"]:
        lo, hi = claim["possible_interval"]
        said = f"possible in {100 * claim['possible']:.1f}% of 300 draws from the stated ranges"
        if not claim["by_corners"]:
            said += f" (95% interval {100 * lo:.1f}%-{100 * hi:.1f}%)"
        assert said in words and "a statement about the ranges, not about the world" in words
    assert hashlib.sha256(Path(HAJUN).read_bytes()).hexdigest() in words
    assert "airlift sweep" in words and "draw seed: 4" in words and "samples: 300" in words
    assert text.count("<svg") >= 3  # shares, the tornado of hajun-84, a histogram
    assert len(list(csv.DictReader(out.open(encoding="utf-8")))) == 300
