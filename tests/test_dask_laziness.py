"""Dask is imported only for a Dask scheduler: never by `airlift --help`, `solve` or the backends.

`dask.distributed` costs 0.2-0.5 s to import (docs/dask.md), so commands that do not run on a
cluster must not load it. Each case runs in a fresh interpreter (this one has Dask loaded by
other tests) and reports every module it ended with.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Runs `airlift ARGS...` in process (or imports a module, for `--import NAME`), then writes
# the sorted names of every loaded module to the file named first.
PROBE = """
import importlib, json, sys
out, args = sys.argv[1], sys.argv[2:]
code = 0
if args[0] == "--import":
    importlib.import_module(args[1])
else:
    from airlift.cli import main
    try:
        main(args, prog_name="airlift")
    except SystemExit as exc:
        code = exc.code
with open(out, "w", encoding="utf-8") as file:
    json.dump({"code": code, "modules": sorted(sys.modules)}, file)
"""


def loaded_modules(tmp_path: Path, *args: str) -> tuple[set[str], str]:
    """The modules a fresh interpreter has loaded after the probe ran ``args``, and its output."""
    out = tmp_path / "modules.json"
    paths = [str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["code"] in (0, None), done.stderr
    return set(report["modules"]), done.stdout


def dask_modules(modules: set[str]) -> list[str]:
    return sorted(
        name for name in modules if name.split(".")[0] in ("dask", "distributed", "tornado")
    )


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("solve", "scenarios/belarus-2022.yaml", "--no-explain"),
        ("--import", "airlift.analysis.parallel"),
    ],
    ids=["help", "solve", "import parallel"],
)
def test_dask_is_not_imported(tmp_path: Path, args: tuple[str, ...]) -> None:
    modules, shown = loaded_modules(tmp_path, *args)
    assert "airlift.cli" in modules or "airlift.analysis.parallel" in modules
    if args[0] == "solve":
        assert "ortools" in modules and "hajun" in shown, "the solve really ran"
    assert dask_modules(modules) == []


def test_the_probe_sees_dask_when_it_is_imported(tmp_path: Path) -> None:
    modules, _ = loaded_modules(tmp_path, "--import", "distributed")
    assert "dask" in dask_modules(modules) and "distributed" in dask_modules(modules)
