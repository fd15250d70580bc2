"""Shared fixtures of the benchmarks: generated scenarios and their expected answers.

The benchmarks run with ``make bench`` (``pytest bench --benchmark-only``), not
with ``make test``. Each one asserts the answers it times against the
independent per-flight model's, so a benchmark is also a regression test.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `bench` importable however pytest was started
    sys.path.insert(0, str(ROOT))

from bench.generator import CASES, generate  # noqa: E402

EXPECTED = ROOT / "bench" / "expected"


def expected_answers(case: str) -> dict[str, Any]:
    """The per-flight model's answers for a generator case, or skip if never produced."""
    path = EXPECTED / f"{case}.json"
    if not path.exists():
        pytest.skip(f"{path} is missing: run python -m bench.per_flight --write-expected")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if data.get("generator") != CASES[case]:
        pytest.fail(f"{path} was produced for other settings; regenerate it")
    return data


def case_scenario(case: str) -> dict[str, Any]:
    """The generated scenario dict of a fixed case."""
    return generate(**CASES[case])
