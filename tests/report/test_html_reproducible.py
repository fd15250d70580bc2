"""Same input, same bytes: the HTML report of a file, made twice in fresh interpreters.

The two runs differ in everything that must not matter: the process, the hash seed (set and
dict order of strings), the working directory's path to the output. The pages must be equal
byte for byte, and hold no clock time.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = "scenarios/belarus-2022-hajun-one-tier.yaml"


def _page(out: Path, hash_seed: str, command: str, *args: str) -> bytes:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "PYTHONHASHSEED": hash_seed,
    }
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "airlift",
            command,
            *(args or (SCENARIO,)),
            "-f",
            "html",
            "-o",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return out.read_bytes()


def test_same_file_same_options_same_bytes(tmp_path: Path) -> None:
    for command in ("solve", "explain"):
        first = _page(tmp_path / f"a-{command}.html", "1", command)
        second = _page(tmp_path / f"b-{command}.html", "2", command)
        assert first == second
        text = first.decode("utf-8")
        assert "<svg" in text
        # no time of day, no timestamp anywhere (dates of sources are days, not times)
        assert not re.search(r"\b\d{2}:\d{2}:\d{2}\b|\d{4}-\d{2}-\d{2}T\d", text)


def test_same_sweep_same_bytes_with_any_jobs(tmp_path: Path) -> None:
    """The sweep's page: other hash seed, other number of worker processes, same bytes."""
    args = ("tests/data/valid/sweep-hajun.yaml", "--samples", "1000", "--seed", "3")
    first = _page(tmp_path / "a-sweep.html", "1", "sweep", *args)
    second = _page(tmp_path / "b-sweep.html", "2", "sweep", *args, "--jobs", "2")
    assert first == second
    text = first.decode("utf-8")
    assert text.count("<svg") >= 4  # shares, tornado, staircase, a histogram
    assert not re.search(r"\b\d{2}:\d{2}:\d{2}\b|\d{4}-\d{2}-\d{2}T\d", text)
