"""The plotting library is the HTML report's alone: other formats never load it, and its
absence is a clear user error (exit 2) naming the install command, said before any solving.

Each check runs in a fresh interpreter, so that what this test process has imported
already cannot hide an import.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BELARUS = ROOT / "scenarios" / "belarus-2022.yaml"
HAJUN = ROOT / "tests" / "data" / "valid" / "sweep-hajun.yaml"

_OTHER_FORMATS = """
import sys
from airlift.cli import main
for command in ("solve", "explain"):
    for fmt in ("text", "markdown", "json"):
        try:
            main([command, sys.argv[1], "--format", fmt, "-o", sys.argv[2]], standalone_mode=False)
        except SystemExit as exc:
            assert not exc.code, exc.code
print("matplotlib" in sys.modules)
"""

_SWEEP_FORMATS = """
import sys
from airlift.cli import main
for fmt in ("text", "markdown", "json", "csv"):
    args = ["sweep", sys.argv[1], "--samples", "200", "--format", fmt, "-o", sys.argv[2]]
    try:
        main([*args, "--samples-out", sys.argv[2] + ".csv"], standalone_mode=False)
    except SystemExit as exc:
        assert not exc.code, exc.code
print("matplotlib" in sys.modules)
"""

_WITHOUT_MATPLOTLIB = """
import sys
sys.modules["matplotlib"] = None  # as if not installed: importing it raises ImportError
from airlift.cli import main
main(sys.argv[1:])
"""


def _python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_text_markdown_and_json_never_import_the_plotting_library(tmp_path: Path) -> None:
    run = _python(_OTHER_FORMATS, str(BELARUS), str(tmp_path / "out"))
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"
    # the same interpreter does load it for an HTML report (the check is not vacuous)
    code = _OTHER_FORMATS.replace('("text", "markdown", "json")', '("html",)')
    run = _python(code, str(BELARUS), str(tmp_path / "out"))
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "True"


def test_sweep_text_markdown_json_and_csv_never_import_the_plotting_library(
    tmp_path: Path,
) -> None:
    run = _python(_SWEEP_FORMATS, str(HAJUN), str(tmp_path / "out"))
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"
    code = _SWEEP_FORMATS.replace('("text", "markdown", "json", "csv")', '("html",)')
    run = _python(code, str(HAJUN), str(tmp_path / "out"))
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "True"


def test_without_the_library_html_is_a_user_error_naming_the_install(tmp_path: Path) -> None:
    for command, file in (("solve", BELARUS), ("explain", BELARUS), ("sweep", HAJUN)):
        out = tmp_path / f"{command}.html"
        run = _python(_WITHOUT_MATPLOTLIB, command, str(file), "-f", "html", "-o", str(out))
        assert run.returncode == 2, run.stderr
        assert "pip install 'airlift[html]'" in run.stderr
        assert "Traceback" not in run.stderr
        assert not out.exists()
    # the other formats still work without it
    run = _python(_WITHOUT_MATPLOTLIB, "solve", str(BELARUS), "--no-explain", "-f", "json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["status"] == "feasible"
