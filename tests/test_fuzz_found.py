"""Every reduced fuzz finding in tests/data/fuzz-found/ now ends as airlift promises.

Each file there once crashed airlift, ran out of memory or gave a problem without a line
(its first lines say which, and its README says where it was fixed). ``airlift check`` and
``airlift solve`` must now exit 0, or 2 with every problem located, judged by the fuzz
runner's own :func:`~tests.fuzz.runner.classify`; a ``# output has: TEXT`` line asks for
TEXT in the solve report too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from airlift import cli
from tests.fuzz.runner import ACCEPTED, classify

FOUND = Path(__file__).parent / "data" / "fuzz-found"
FILES = sorted(FOUND.glob("*.yaml"))
_OUTPUT_HAS = re.compile(r"^# output has: (?P<text>.+)$", re.MULTILINE)


def test_there_are_findings_with_a_readme() -> None:
    listed = (FOUND / "README").read_text(encoding="utf-8")
    assert FILES
    assert [f.name for f in FILES if f"\n{f.name} |" not in listed] == []


@pytest.mark.parametrize("command", ["check", "solve"])
@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_a_finding_exits_0_or_2_with_a_line(path: Path, command: str) -> None:
    options = ["--time-limit", "1", "--max-seconds", "20"] if command == "solve" else []
    result = CliRunner().invoke(cli.main, [command, str(path), *options])
    outcome, reason = classify(result.exit_code, result.stdout, result.stderr, str(path))
    assert outcome in ACCEPTED, f"{path.name}: {reason}\n{result.stderr[-2000:]}"
    if command == "solve":
        for wanted in _OUTPUT_HAS.findall(path.read_text(encoding="utf-8")):
            assert wanted in result.stdout
