"""The import layers: each imports only those below it, and only airlift.model imports ortools.

`make check` enforces this with the import-linter contracts in pyproject.toml. These tests check
the same rules with a plain walk over the source's syntax trees, so that `make test` catches a
broken layer even where `lint-imports` is not run; they check that the contracts say what the walk
says; and they run both the walk and `lint-imports` on a small fake package that breaks every rule
once, so that each check is seen to fail.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "airlift"
PYPROJECT = ROOT / "pyproject.toml"

# Top to bottom. A module may import its own layer and any layer below it; names that share a
# rank are independent siblings and may not import each other. The package's own __init__ (the
# face) stands outside the layers.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"__main__"}),
    frozenset({"cli"}),
    frozenset({"report"}),
    frozenset({"analysis"}),
    frozenset({"model"}),
    frozenset({"scenario", "result"}),
    frozenset({"tracks"}),
    frozenset({"errors"}),
)
RANK: Mapping[str, int] = {name: rank for rank, names in enumerate(LAYERS) for name in names}
SOLVER_LAYER = "model"
#: The one module that may import the plotting library (an extra, for the HTML report).
PLOTTING_MODULE = "airlift.report.charts"


@dataclass(frozen=True)
class Import:
    """One import statement's target, as a dotted module name, and where it is written."""

    importer: str
    imported: str
    where: str

    def __str__(self) -> str:
        return f"{self.where}: {self.importer} imports {self.imported}"


def module_names(package: Path) -> dict[str, Path]:
    """Every module under ``package`` by dotted name (a package by its own name)."""
    names = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def imports_in(package: Path) -> Iterator[Import]:
    """Every import in every module under ``package``, at any depth (functions, TYPE_CHECKING).

    ``from a import b`` counts as importing ``a.b`` when that is a module, and ``a`` otherwise;
    relative imports are made absolute.
    """
    modules = module_names(package)
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        shown = path.relative_to(package.parent).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield Import(name, alias.name, f"{shown}:{node.lineno}")
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = name.split(".")
                    anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                    base = ".".join([*anchor, *([base] if base else [])])
                for alias in node.names:
                    submodule = f"{base}.{alias.name}"
                    target = submodule if submodule in modules else base
                    yield Import(name, target, f"{shown}:{node.lineno}")


def layer_of(module: str) -> str | None:
    """The layer a module of the package belongs to; None for the package's own __init__."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def layer_violations(package: Path) -> list[str]:
    """Imports that go up a layer or across to a sibling, and modules that have no layer.

    A module that imports the package's face is taken to import what the face imports, so that
    the face cannot carry an import past a layer.
    """
    root = package.name
    found = [i for i in imports_in(package) if i.imported.split(".")[0] == root]
    face = [i for i in found if i.importer == root]
    problems = [
        f"{module} has no layer in LAYERS"
        for module in module_names(package)
        if (layer := layer_of(module)) is not None and layer not in RANK
    ]
    for item in found:
        importer = layer_of(item.importer)
        if importer is None or importer not in RANK:
            continue
        via_face = face if item.imported == root else []
        for target in [item, *via_face]:
            imported = layer_of(target.imported)
            if imported is None or imported == importer or imported not in RANK:
                continue
            # Rank 0 is the top: a layer may import only names of a greater rank.
            if RANK[imported] <= RANK[importer]:
                how = "" if target is item else f" through the package face ({target})"
                problems.append(f"{item}{how}: {importer} may not import {imported}")
    return problems


def solver_imports(package: Path) -> list[str]:
    """Imports of ortools anywhere outside the solver layer."""
    return [
        str(item)
        for item in imports_in(package)
        if item.imported.split(".")[0] == "ortools" and layer_of(item.importer) != SOLVER_LAYER
    ]


def plotting_imports(package: Path) -> list[str]:
    """Imports of matplotlib anywhere but the charts module."""
    root = package.name
    allowed = PLOTTING_MODULE.replace("airlift", root, 1)
    return [
        str(item)
        for item in imports_in(package)
        if item.imported.split(".")[0] == "matplotlib" and item.importer != allowed
    ]


# A package shaped like airlift that breaks every rule once. Each entry of BROKEN names the
# contract (by id in pyproject.toml) that must catch it and what lint-imports must report.
FAKE: Mapping[str, str] = {
    "__init__.py": "import ortools\n",
    "__main__.py": "from airlift.cli import main\n",
    "cli.py": "from typing import TYPE_CHECKING\n\nimport airlift.report\n\n"
    "if TYPE_CHECKING:\n    from airlift.result import Analysis\n",
    "report/__init__.py": "from airlift.report import text\n",
    "report/text.py": "import airlift.analysis\n\n\ndef render() -> None:\n"
    "    from ortools.sat.python import cp_model\n    import matplotlib.figure\n",
    "report/charts.py": "import matplotlib\n",
    "analysis/__init__.py": "from airlift import model\n",
    "model/__init__.py": "from airlift.model.cpsat import solve\n",
    "model/cpsat.py": "from ortools.sat.python import cp_model\n\nimport airlift.errors\n"
    "import airlift.result\nimport airlift.scenario\n",
    "scenario/__init__.py": "from .. import model\n",
    "result.py": "from airlift.scenario import Scenario\n",
    "tracks/__init__.py": "",
    "errors.py": "",
    "extra.py": "",
}
BROKEN: Mapping[str, tuple[str, ...]] = {
    "layers": (
        r"airlift\.scenario -> airlift\.model",
        r"airlift\.result -> airlift\.scenario",
        r"airlift\.extra",
    ),
    "ortools-only-in-model": (r"airlift\.report\.text -> ortools",),
    "ortools-not-in-package-face": (r"(?m)^-\s+airlift -> ortools\b",),
    "matplotlib-only-in-charts": (r"airlift\.report\.text -> matplotlib",),
}


@pytest.fixture(scope="module")
def fake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fake package's parent directory (put it first on PYTHONPATH to lint it)."""
    top = tmp_path_factory.mktemp("fake")
    for name, text in FAKE.items():
        path = top / "airlift" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return top


def contracts() -> dict[str, dict[str, Any]]:
    """The import-linter contracts in pyproject.toml, by id."""
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    assert config["root_package"] == "airlift"
    # Without external packages in the graph, no contract can see ortools.
    assert config["include_external_packages"] is True
    return {contract["id"]: contract for contract in config["contracts"]}


def lint_imports(cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess[str]:
    """Run lint-imports over the package found first on ``pythonpath``, with cwd's config."""
    program = Path(sys.executable).with_name("lint-imports")
    found = str(program) if program.exists() else shutil.which("lint-imports")
    if found is None:
        pytest.skip("lint-imports is not installed (it comes with the dev extra)")
    env = {**os.environ, "PYTHONPATH": str(pythonpath), "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        [found, "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def test_every_module_outside_the_model_leaves_ortools_alone() -> None:
    assert solver_imports(PACKAGE) == []


def test_only_the_charts_module_imports_the_plotting_library() -> None:
    assert plotting_imports(PACKAGE) == []
    charts = PACKAGE / "report" / "charts.py"
    assert "import matplotlib" in charts.read_text(encoding="utf-8")  # the rule is not vacuous


def test_each_layer_imports_only_the_layers_below_it() -> None:
    assert layer_violations(PACKAGE) == []


def test_the_walk_finds_each_broken_rule_in_the_fake(fake: Path) -> None:
    assert sorted(solver_imports(fake / "airlift")) == [
        "airlift/__init__.py:1: airlift imports ortools",
        "airlift/report/text.py:5: airlift.report.text imports ortools.sat.python",
    ]
    assert plotting_imports(fake / "airlift") == [
        "airlift/report/text.py:6: airlift.report.text imports matplotlib.figure"
    ]
    assert sorted(layer_violations(fake / "airlift")) == [
        "airlift.extra has no layer in LAYERS",
        "airlift/result.py:1: airlift.result imports airlift.scenario: "
        "result may not import scenario",
        "airlift/scenario/__init__.py:1: airlift.scenario imports airlift.model: "
        "scenario may not import model",
    ]


def test_a_layer_cannot_import_past_the_package_face(tmp_path: Path) -> None:
    package = tmp_path / "airlift"
    package.mkdir()
    (package / "__init__.py").write_text("def main() -> None:\n    import airlift.cli\n")
    (package / "cli.py").write_text("")
    (package / "errors.py").write_text("import airlift\n")
    assert layer_violations(package) == [
        "airlift/errors.py:1: airlift.errors imports airlift through the package face "
        "(airlift/__init__.py:2: airlift imports airlift.cli): errors may not import cli"
    ]


def test_the_contracts_state_the_same_layers() -> None:
    layers = contracts()["layers"]
    assert layers["type"] == "layers"
    assert layers["containers"] == ["airlift"]
    assert layers.get("exhaustive") is True
    named = tuple(frozenset(n.strip() for n in line.split("|")) for line in layers["layers"])
    assert named == LAYERS
    assert "ignore_imports" not in layers


def test_the_contracts_forbid_ortools_everywhere_but_the_model() -> None:
    solver = [c for c in contracts().values() if c.get("forbidden_modules") == ["ortools"]]
    assert solver and all(c["type"] == "forbidden" for c in solver)
    assert not any("ignore_imports" in c for c in solver)
    as_packages = {m for c in solver if c.get("as_packages", True) for m in c["source_modules"]}
    as_modules = {m for c in solver if not c.get("as_packages", True) for m in c["source_modules"]}
    top_level = {f"airlift.{name}" for name in RANK}
    assert as_packages == top_level - {f"airlift.{SOLVER_LAYER}"}
    # The face on its own: as a package, `airlift` would take in airlift.model as well.
    assert as_modules == {"airlift"}


def test_lint_imports_keeps_every_contract_on_the_tree() -> None:
    run = lint_imports(ROOT, ROOT / "src")
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"Contracts: {len(contracts())} kept, 0 broken." in run.stdout


def test_lint_imports_breaks_each_contract_on_the_fake(fake: Path) -> None:
    shutil.copy(PYPROJECT, fake / "pyproject.toml")
    run = lint_imports(fake, fake)
    assert run.returncode == 1, run.stdout + run.stderr
    assert f"Contracts: 0 kept, {len(contracts())} broken." in run.stdout
    assert sorted(BROKEN) == sorted(contracts())
    # After the summary, the report explains each broken contract under its name as a heading.
    details = run.stdout.split("Broken contracts", 1)[1]
    names = {contracts()[contract_id]["name"]: contract_id for contract_id in BROKEN}
    heading = re.compile(f"^({'|'.join(map(re.escape, names))})$", re.MULTILINE)
    parts = heading.split(details)[1:]
    sections = {names[name]: text for name, text in zip(parts[::2], parts[1::2])}
    for contract_id, expected in BROKEN.items():
        assert f"{contracts()[contract_id]['name']} BROKEN" in run.stdout
        for pattern in expected:
            section = sections[contract_id]
            assert re.search(pattern, section), f"{contract_id}: no {pattern!r} in\n{section}"
