"""The ``airlift`` command: formats, options, exit codes and error messages.

The first half replaces the loader and the solver with stand-ins, so that every
exit path is tested without solving. The second half runs the real pipeline on
the scenarios shipped with the project.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from airlift import __version__, cli
from airlift.errors import AirliftError, Problem, ScenarioError
from airlift.report import render_explanation, render_json, render_markdown, render_text
from airlift.report.html import render_explanation_html, render_html
from airlift.report.provenance import Provenance
from airlift.result import (
    Allocation,
    AllocationRow,
    Analysis,
    ClaimResult,
    Conflict,
    Explanation,
    Feasibility,
    StatementRef,
    Verdict,
)
from tests.scenario.test_free_text import BASE as FREE_TEXT_BASE

ROOT = Path(__file__).resolve().parents[1]
BELARUS = ROOT / "scenarios" / "belarus-2022.yaml"
INVALID = sorted((ROOT / "tests" / "data" / "invalid").glob("*.yaml"))
VALID = sorted((ROOT / "tests" / "data" / "valid").glob("*.yaml"))


def _tiny_analysis(file: str) -> Analysis:
    """An analysis whose only claim is inconsistent: still an answer, so exit code 0."""
    ref = StatementRef("too-many", "claim", "300 missiles", 9, None, None)
    alloc = Allocation((AllocationRow("g", "A", 2, (("box", 3),)),))
    return Analysis(
        title="tiny",
        file=file,
        base_status=Feasibility.FEASIBLE,
        status=Feasibility.INFEASIBLE,
        claims=(ClaimResult(ref, Verdict.INCONSISTENT, True, "at most 6 fit", fails=alloc),),
        bounds=(),
        example=None,
        values_used=(),
        assumptions=(),
        flight_groups=(),
        settings={"time_limit": 10.0, "seed": 0, "workers": 1},
    )


def run(*args: str) -> Result:
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text("title: stand-in\n", encoding="utf-8")
    return path


@pytest.fixture
def fake_solve(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """Replace loading and solving; record the arguments each call got."""
    calls: list[tuple[Any, ...]] = []

    def solve(path: str, settings: Any, explain: bool = True) -> Analysis:
        got = (path, settings.time_limit, settings.seed, settings.workers, settings.max_seconds)
        calls.append(got + (() if explain else ("no-explain",)))
        return _tiny_analysis(path)

    monkeypatch.setattr(cli, "_solve", solve)
    return calls


def _raise(exc: BaseException) -> Any:
    def fail(*_: object) -> Any:
        raise exc

    return fail


# --- with stand-ins ------------------------------------------------------------------


def test_version_and_help() -> None:
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.stdout
    result = run("--help")
    assert result.exit_code == 0
    for command in ("solve", "explain", "check", "schema"):
        assert command in result.stdout


@pytest.mark.parametrize(
    ("fmt", "renderer"),
    [
        ("text", render_text),
        ("markdown", render_markdown),
        ("json", render_json),
    ],
)
def test_solve_prints_the_report(
    fake_solve: list[tuple[Any, ...]], scenario_file: Path, fmt: str, renderer: Any
) -> None:
    result = run("solve", str(scenario_file), "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == renderer(_tiny_analysis(str(scenario_file)))
    assert result.stderr == ""


def test_solve_defaults_to_text(fake_solve: list[tuple[Any, ...]], scenario_file: Path) -> None:
    result = run("solve", str(scenario_file))
    assert result.stdout == render_text(_tiny_analysis(str(scenario_file)))
    assert fake_solve == [(str(scenario_file), 10.0, 0, 1, 120.0)]


def test_solver_options_are_passed(fake_solve: list[tuple[Any, ...]], scenario_file: Path) -> None:
    result = run(
        "solve",
        str(scenario_file),
        "--time-limit",
        "2.5",
        "--seed",
        "7",
        "--workers",
        "2",
        "--max-seconds",
        "30",
    )
    assert result.exit_code == 0
    assert fake_solve == [(str(scenario_file), 2.5, 7, 2, 30.0)]


def test_solve_can_leave_out_the_explanation(
    fake_solve: list[tuple[Any, ...]], scenario_file: Path
) -> None:
    result = run("solve", str(scenario_file), "--no-explain")
    assert result.exit_code == 0
    assert fake_solve == [(str(scenario_file), 10.0, 0, 1, 120.0, "no-explain")]


@pytest.mark.parametrize(
    "bad",
    [
        ["--time-limit", "0"],
        ["--time-limit", "x"],
        ["--seed", "-1"],
        ["--workers", "0"],
        ["--format", "pdf"],
    ],
)
def test_bad_options_are_usage_errors(
    fake_solve: list[tuple[Any, ...]], scenario_file: Path, bad: list[str]
) -> None:
    result = run("solve", str(scenario_file), *bad)
    assert result.exit_code == 2
    assert fake_solve == []
    assert "Traceback" not in result.output


def _fixed_provenance(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """Replace the HTML report's second read of the file; record what it was asked."""
    calls: list[tuple[Any, ...]] = []

    def provenance(path: str, command: str, options: dict[str, object]) -> Provenance:
        calls.append((path, command, options))
        return Provenance("0", command, path, "ab" * 32, ("seed: 7",))

    monkeypatch.setattr(cli, "_provenance", provenance)
    return calls


def test_solve_writes_the_html_report(
    fake_solve: list[tuple[Any, ...]],
    scenario_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = _fixed_provenance(monkeypatch)
    out = tmp_path / "report.html"
    result = run("solve", str(scenario_file), "-f", "html", "--seed", "7", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    analysis = _tiny_analysis(str(scenario_file))
    prov = Provenance("0", "solve", str(scenario_file), "ab" * 32, ("seed: 7",))
    assert out.read_text(encoding="utf-8") == render_html(analysis, prov)
    assert asked == [(str(scenario_file), "solve", {**analysis.settings, "explain": True})]


def test_missing_file_is_a_usage_error(fake_solve: list[tuple[Any, ...]], tmp_path: Path) -> None:
    for command in ("solve", "check"):
        result = run(command, str(tmp_path / "nope.yaml"))
        assert result.exit_code == 2
        assert "does not exist" in result.stderr and "Traceback" not in result.output


def test_output_file(
    fake_solve: list[tuple[Any, ...]], scenario_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.json"
    result = run("solve", str(scenario_file), "-f", "json", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_bytes() == render_json(_tiny_analysis(str(scenario_file))).encode()


def test_unwritable_output_is_a_user_error(
    fake_solve: list[tuple[Any, ...]], scenario_file: Path, tmp_path: Path
) -> None:
    result = run("solve", str(scenario_file), "-o", str(tmp_path / "no" / "such" / "dir.txt"))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot write")
    assert "Traceback" not in result.stderr


# --- explain, with a stand-in -------------------------------------------------------------

_TOO_MANY = StatementRef(
    "too-many", "claim", "300 missiles", 9, "s", "A Source", written="at least 300"
)
_GROUP = StatementRef("g", "flights", "2 flights", 3, None, None, written="2 flights")
TINY_EXPLANATION = Explanation(conflicts=(Conflict("claim:too-many", (_TOO_MANY, _GROUP), True),))


@pytest.fixture
def fake_explain(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """Replace loading and explaining; record the arguments each call got."""
    calls: list[tuple[Any, ...]] = []

    def explain(path: str, claim: str | None, settings: Any) -> tuple[str, Explanation]:
        got = (settings.time_limit, settings.seed, settings.workers, settings.max_seconds)
        calls.append((path, claim, *got))
        return "tiny", TINY_EXPLANATION

    monkeypatch.setattr(cli, "_explain", explain)
    return calls


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_explain_prints_the_explanation(
    fake_explain: list[tuple[Any, ...]], scenario_file: Path, fmt: str
) -> None:
    result = run("explain", str(scenario_file), "-f", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == render_explanation(
        TINY_EXPLANATION, fmt, title="tiny", file=str(scenario_file)
    )
    assert result.stderr == ""
    assert fake_explain == [(str(scenario_file), None, 10.0, 0, 1, 120.0)]


def test_explain_one_claim_with_options(
    fake_explain: list[tuple[Any, ...]], scenario_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "why.md"
    result = run(
        "explain",
        str(scenario_file),
        "too-many",
        "--format",
        "markdown",
        "--time-limit",
        "2.5",
        "--seed",
        "7",
        "--workers",
        "2",
        "-o",
        str(out),
    )
    assert result.exit_code == 0 and result.stdout == ""
    assert fake_explain == [(str(scenario_file), "too-many", 2.5, 7, 2, 120.0)]
    expected = render_explanation(
        TINY_EXPLANATION, "markdown", title="tiny", file=str(scenario_file), claim="too-many"
    )
    assert out.read_text(encoding="utf-8") == expected
    assert "Claim: `too-many`" in expected


def test_explain_writes_the_html_report(
    fake_explain: list[tuple[Any, ...]], scenario_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _fixed_provenance(monkeypatch)
    result = run("explain", str(scenario_file), "too-many", "-f", "html")
    assert result.exit_code == 0, result.stderr
    prov = Provenance("0", "explain", str(scenario_file), "ab" * 32, ("seed: 7",))
    expected = render_explanation_html(
        TINY_EXPLANATION, title="tiny", file=str(scenario_file), claim="too-many", provenance=prov
    )
    assert result.stdout == expected
    assert [(path, command) for path, command, _ in asked] == [(str(scenario_file), "explain")]
    assert asked[0][2]["seed"] == 0


@pytest.mark.parametrize(
    "bad",
    [
        ["--time-limit", "0"],
        ["--seed", "-1"],
        ["--workers", "0"],
        ["--format", "pdf"],
        ["a", "b"],
    ],
)
def test_explain_bad_options_are_usage_errors(
    fake_explain: list[tuple[Any, ...]], scenario_file: Path, bad: list[str]
) -> None:
    result = run("explain", str(scenario_file), *bad)
    assert result.exit_code == 2
    assert fake_explain == []
    assert "Traceback" not in result.output


def test_explain_errors_exit_2_and_bugs_3(
    monkeypatch: pytest.MonkeyPatch, scenario_file: Path
) -> None:
    monkeypatch.setattr(cli, "_explain", _raise(ScenarioError(PROBLEMS)))
    result = run("explain", str(scenario_file))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines()[0] == "s.yaml:3:1: flights[0].to: unknown airfield 'Nowhere'"
    monkeypatch.setattr(cli, "_explain", _raise(ZeroDivisionError("division by zero")))
    result = run("explain", str(scenario_file))
    assert result.exit_code == 3 and "internal error" in result.stderr
    result = run("explain", str(scenario_file), "--debug")
    assert result.exit_code == 3 and "Traceback" in result.stderr


PROBLEMS = [
    Problem("s.yaml", 12, 5, ("cargo", "x", "kinds"), "unknown field 'kinds'"),
    Problem("s.yaml", 3, 1, ("flights", 0, "to"), "unknown airfield 'Nowhere'"),
]


@pytest.mark.parametrize("command", ["solve", "check"])
def test_scenario_errors_print_one_line_each(
    monkeypatch: pytest.MonkeyPatch, scenario_file: Path, command: str
) -> None:
    monkeypatch.setattr(cli, "_solve", _raise(ScenarioError(PROBLEMS)))
    monkeypatch.setattr(cli, "_check", _raise(ScenarioError(PROBLEMS)))
    result = run(command, str(scenario_file))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "s.yaml:3:1: flights[0].to: unknown airfield 'Nowhere'",
        "s.yaml:12:5: cargo.x.kinds: unknown field 'kinds'",
    ]


def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch, scenario_file: Path) -> None:
    monkeypatch.setattr(cli, "_solve", _raise(ScenarioError(PROBLEMS)))
    for args in (
        ["solve", str(scenario_file), "--debug"],
        ["--debug", "solve", str(scenario_file)],
    ):
        result = run(*args)
        assert result.exit_code == 2
        assert "Traceback" in result.stderr and "ScenarioError" in result.stderr
        assert result.stderr.rstrip().endswith("s.yaml:12:5: cargo.x.kinds: unknown field 'kinds'")


def test_other_user_errors(monkeypatch: pytest.MonkeyPatch, scenario_file: Path) -> None:
    monkeypatch.setattr(cli, "_solve", _raise(AirliftError("the estimate names no total")))
    result = run("solve", str(scenario_file))
    assert result.exit_code == 2
    assert result.stderr == "error: the estimate names no total\n"


def test_a_bug_is_an_internal_error(monkeypatch: pytest.MonkeyPatch, scenario_file: Path) -> None:
    monkeypatch.setattr(cli, "_solve", _raise(ZeroDivisionError("division by zero")))
    result = run("solve", str(scenario_file))
    assert result.exit_code == 3
    assert result.stderr.startswith(
        "internal error (a bug in airlift): ZeroDivisionError: division by zero\n"
    )
    assert "--debug" in result.stderr and "Traceback" not in result.stderr
    result = run("solve", str(scenario_file), "--debug")
    assert result.exit_code == 3 and "Traceback" in result.stderr


def test_check_counts(monkeypatch: pytest.MonkeyPatch, scenario_file: Path) -> None:
    cases = [((1, 1), "1 flight group, 1 claim"), ((3, 0), "3 flight groups, 0 claims")]
    for counts, words in cases:
        monkeypatch.setattr(cli, "_check", lambda _path, c=counts: c)
        result = run("check", str(scenario_file))
        assert result.exit_code == 0
        assert result.stdout == f"{scenario_file}: ok ({words})\n"


# --- the real loader and engine ------------------------------------------------------------

_HAVE_ENGINE = all(
    importlib.util.find_spec(name) is not None
    for name in ("airlift.scenario.loader", "airlift.analysis.analyze")
)
real = pytest.mark.skipif(not _HAVE_ENGINE, reason="the loader or the engine is not there yet")


@real
def test_schema_is_json() -> None:
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    for key in ("title", "flights", "claims", "cargo"):
        assert key in schema["properties"]


@real
@pytest.mark.parametrize("path", [BELARUS, *VALID], ids=lambda p: p.name)
def test_check_valid_files(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    result = run("check", str(path))
    assert result.exit_code == 0, result.stderr
    flights, claims = len(data["flights"]), len(data.get("claims") or [])
    plural = "" if flights == 1 else "s"
    assert result.stdout == (
        f"{path}: ok ({flights} flight group{plural}, {claims} claim{'' if claims == 1 else 's'})\n"
    )


def _expected_count(path: Path) -> int:
    """How many problems an invalid file's ``# expect:`` comments announce."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    return len(re.findall(r"^# expect: ", text, re.M))


@real
@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
@pytest.mark.parametrize("command", ["check", "solve"])
def test_invalid_files_exit_2_without_traceback(path: Path, command: str) -> None:
    """Exact lines and columns are the loader's tests' business; here: how they are printed."""
    result = run(command, str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) >= max(1, _expected_count(path))
    for line in lines:
        assert re.match(rf"{re.escape(str(path))}(:\d+(:\d+)?)?: ", line), line


@real
def test_solve_belarus_is_reproducible() -> None:
    args = ["solve", str(BELARUS), "--time-limit", "5"]
    first = run(*args)
    assert first.exit_code == 0, first.stderr
    assert run(*args).stdout_bytes == first.stdout_bytes
    js = run(*args, "--format", "json")
    assert js.exit_code == 0
    assert run(*args, "--format", "json").stdout_bytes == js.stdout_bytes
    data = json.loads(js.stdout)
    written = yaml.safe_load(BELARUS.read_text(encoding="utf-8"))
    assert [c["id"] for c in data["claims"]] == [c["id"] for c in written["claims"]]
    assert data["base_status"] == "feasible"
    for claim in data["claims"]:
        assert claim["verdict"] in ("implied", "consistent", "inconsistent", "unknown")
        assert f"\n{claim['id']} " in first.stdout
    assert data["settings"]["time_limit"] == 5.0
    md = run(*args, "--format", "markdown")
    assert md.exit_code == 0 and md.stdout.startswith(f"# {data['title']}\n")


@real
def test_explain_unknown_claim_names_the_nearest() -> None:
    result = run("explain", str(BELARUS), "hajun-48")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(
        f"error: {BELARUS}: unknown claim 'hajun-48'; did you mean 'hajun-84'? valid claims: "
    )
    assert "at-least-70" in result.stderr and "Traceback" not in result.stderr


@real
def test_explain_belarus_is_reproducible() -> None:
    args = ["explain", str(BELARUS), "--time-limit", "5"]
    first = run(*args)
    assert first.exit_code == 0, first.stderr
    assert run(*args).stdout_bytes == first.stdout_bytes
    assert "\nThresholds\n" in first.stdout and "\nClaims\n" not in first.stdout
    one = run(*args, "hajun-84", "-f", "json")
    assert one.exit_code == 0, one.stderr
    data = json.loads(one.stdout)
    assert data["claim"] == "hajun-84" and data["file"] == str(BELARUS)
    assert data["explanation"]["capacities"]
    assert {n["id"] for n in data["explanation"]["needs"]} == {"hajun-84"}
    solved = json.loads(run("solve", str(BELARUS), "--time-limit", "5", "-f", "json").stdout)
    assert solved["explanation"]["capacities"] == data["explanation"]["capacities"]


@real
def test_explain_names_a_conflict_with_its_lines_and_sources(tmp_path: Path) -> None:
    """A claim no allocation can satisfy: 22 flights of 12 canister slots carry at most 264."""
    text = BELARUS.read_text(encoding="utf-8")
    claim = (
        "  - {id: over-300, says: more than 300 missiles, total: missile, at_least: 301, "
        "source: mirror}\n"
    )
    text = text.replace("\nclaims:\n", "\nclaims:\n" + claim, 1)
    path = tmp_path / "over-300.yaml"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(claim.rstrip("\n")) + 1
    result = run("explain", str(path), "over-300", "-f", "json", "--time-limit", "5")
    assert result.exit_code == 0, result.stderr
    conflicts = json.loads(result.stdout)["explanation"]["conflicts"]
    mine = [c for c in conflicts if c["context"] == "claim:over-300"]
    assert mine and all(c["proven"] for c in mine)
    for c in mine:
        assert c["members"][0]["id"] == "over-300" and c["members"][0]["line"] == line
        assert all(m["line"] is not None for m in c["members"])
    relax = json.loads(result.stdout)["explanation"]["relaxations"]
    own = [r for r in relax if r["id"] == "over-300"]
    assert own and all(r["needed"] == 264 and r["direction"] == "down" for r in own)
    words = run("explain", str(path), "over-300", "--time-limit", "5").stdout
    flat = " ".join(words.split())
    assert f"`over-300` (line {line}, Daily Mirror, 2022-11-17) cannot hold with" in flat
    assert "`over-300` would have to allow as few as 264 units; it says at least 301 units" in flat


def test_python_dash_m() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "airlift", "--version"], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0
    assert out.stdout == f"airlift, version {__version__}\n"


#: The loader's own test scenario, with free text a comment cuts short on line 11.
_CUT_BY_A_COMMENT = FREE_TEXT_BASE + "    says: 84 missiles #2 report\n"


@pytest.mark.parametrize("command", ["check", "solve"])
def test_load_warnings_go_to_stderr_and_leave_the_exit_code(tmp_path: Path, command: str) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(_CUT_BY_A_COMMENT, encoding="utf-8")
    result = run(command, str(path))
    assert result.exit_code == 0, result.stderr
    (warning,) = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert f"{path}:11:" in warning and "put the text in quotes" in warning
    assert "warning:" not in result.stdout
