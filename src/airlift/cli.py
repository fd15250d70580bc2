"""The ``airlift`` command: thin click commands over the library.

This is the only module that reads argv, prints or exits. A user's mistake
(:class:`~airlift.errors.AirliftError`) is printed without a traceback and exits 2;
anything else is a bug in airlift, printed as an internal error, exit 3; Ctrl-C
ends any command with exit 130 and no traceback. ``--debug`` adds the traceback. A
verdict, even "inconsistent" or "unknown", is an answer: ``solve`` exits 0 whenever
it answered.

The loader and the solver are imported inside the commands so that ``--help``,
``--version`` and ``check`` start quickly without loading the solver.
"""

from __future__ import annotations

import contextlib
import json
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from airlift import __version__
from airlift.errors import AirliftError, ScenarioError, problem_lines
from airlift.result import counted

if TYPE_CHECKING:
    from airlift.model import SolveOptions
    from airlift.report.provenance import Provenance
    from airlift.result import Analysis, Explanation
    from airlift.scenario.loader import LoadedScenario

__all__ = ["main"]

#: Exit codes: answered, a user's mistake, a bug in airlift, interrupted (128 + SIGINT).
EXIT_OK, EXIT_USER, EXIT_BUG, EXIT_INTERRUPTED = 0, 2, 3, 130

#: The default wall-clock budget of one `solve` or `explain` run, in seconds.
DEFAULT_MAX_SECONDS = 120.0


@dataclass(frozen=True)
class _Settings:
    """The solver options given on the command line."""

    time_limit: float
    seed: int
    workers: int
    max_seconds: float

    def options(self) -> SolveOptions:
        from airlift.model import SolveOptions

        return SolveOptions(
            time_limit=self.time_limit,
            seed=self.seed,
            workers=self.workers,
            max_seconds=self.max_seconds,
        )


def _load(path: str) -> LoadedScenario:
    """Load the scenario at ``path``, printing its warnings (text cut short by '#', ...)."""
    from airlift.scenario import load_scenario

    loaded = load_scenario(path)
    for warning in loaded.warnings:
        click.echo(f"warning: {warning}", err=True)
    return loaded


def _solve(path: str, settings: _Settings, explain: bool = True) -> Analysis:
    """Load the scenario at ``path`` and analyse it with the given solver settings."""
    from airlift.analysis import analyze

    loaded = _load(path)
    return analyze(loaded, settings.options(), explain=explain)


def _explain(path: str, claim: str | None, settings: _Settings) -> tuple[str, Explanation]:
    """Load the scenario at ``path`` and explain it (or one claim): its title and explanation.

    An unknown ``claim`` is a user's mistake, named before any solving starts.
    """
    from airlift.analysis import explain
    from airlift.model import run_budget
    from airlift.scenario.references import unknown_name

    loaded = _load(path)
    ids = [c.id for c in loaded.scenario.claims]
    if claim is not None and claim not in ids:
        raise AirliftError(f"{path}: {unknown_name('claim', claim, ids, 'claims')}")
    options = settings.options()
    with run_budget(options) as budget:
        explanation = explain(loaded, options, claim=claim)
    note = budget.note()
    if note is not None:
        explanation = replace(explanation, notes=(*explanation.notes, note))
    return loaded.scenario.title, explanation


def _provenance(path: str, command: str, options: dict[str, object]) -> Provenance:
    """What the HTML report's footer and links need of the file: its bytes' SHA-256, its sources.

    The file is read again for its bytes and its sources (``_solve`` and ``_explain`` hand
    back only their results); its warnings were shown by the first read.
    """
    from airlift.report.provenance import provenance
    from airlift.scenario import load_scenario

    scenario = load_scenario(path).scenario
    data = Path(path).read_bytes()
    return provenance(scenario, data, command=command, file=path, options=options)


def _check(path: str) -> tuple[int, int]:
    """Validate the scenario at ``path``; return its numbers of flight groups and claims."""

    scenario = _load(path).scenario
    return len(scenario.flights), len(scenario.claims)


def _schema() -> dict[str, object]:
    from airlift.scenario import scenario_json_schema

    return scenario_json_schema()


def _fail(code: int, lines: list[str], debug: bool) -> NoReturn:
    if debug:
        click.echo(traceback.format_exc(), err=True, nl=False)
    for line in lines:
        click.echo(line, err=True)
    sys.exit(code)


def _guarded(debug: bool, body: Callable[[], None]) -> None:
    """Run a command's body, turning exceptions into messages and exit codes."""
    try:
        body()
    except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
        raise
    except ScenarioError as exc:
        _fail(EXIT_USER, problem_lines(exc.problems) or [str(exc)], debug)
    except AirliftError as exc:
        _fail(EXIT_USER, [f"error: {exc}"], debug)
    except KeyboardInterrupt:
        _fail(EXIT_INTERRUPTED, ["interrupted"], debug)
    except Exception as exc:
        hint = [] if debug else ["rerun with --debug to see the traceback"]
        _fail(
            EXIT_BUG,
            [f"internal error (a bug in airlift): {type(exc).__name__}: {exc}", *hint],
            debug,
        )


def _write(text: str, output: str | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        Path(output).write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise AirliftError(f"cannot write {output}: {exc.strerror or exc}") from exc


_debug_option = click.option(
    "--debug", is_flag=True, default=False, help="Show the traceback of any error."
)
_file_argument = click.argument("file", type=click.Path(exists=True, dir_okay=False, readable=True))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="airlift")
@_debug_option
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Which published airlift claims are physically possible, and why."""
    ctx.obj = {"debug": debug}


def _debug(ctx: click.Context, debug: bool) -> bool:
    return debug or bool((ctx.obj or {}).get("debug"))


_format_option = click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["text", "markdown", "json", "html"]),
    default="text",
    show_default=True,
    help="Report format.",
)
_time_limit_option = click.option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=10.0,
    show_default=True,
    metavar="SECONDS",
    help="Deterministic solver time per query, in seconds.",
)
_max_seconds_option = click.option(
    "--max-seconds",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_MAX_SECONDS,
    show_default=True,
    metavar="SECONDS",
    help=(
        "Wall-clock budget of the whole run; what it leaves unfinished is reported as "
        "unknown or as a certified interval, with a note."
    ),
)
_seed_option = click.option(
    "--seed", type=click.IntRange(min=0), default=0, show_default=True, help="Solver random seed."
)
_workers_option = click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Solver worker threads (1 is reproducible run to run).",
)
_output_option = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write the report to this file instead of standard output.",
)


@main.command()
@_file_argument
@_format_option
@_time_limit_option
@_max_seconds_option
@_seed_option
@_workers_option
@_output_option
@click.option(
    "--explain/--no-explain",
    default=True,
    show_default=True,
    help="Include conflicts, relaxations and thresholds (they cost extra solver calls).",
)
@_debug_option
@click.pass_context
def solve(
    ctx: click.Context,
    file: str,
    fmt: str,
    time_limit: float,
    max_seconds: float,
    seed: int,
    workers: int,
    output: str | None,
    explain: bool,
    debug: bool,
) -> None:
    """Judge the claims of the scenario FILE and bound its totals."""

    def body() -> None:
        from airlift.report import render

        if fmt == "html":
            from airlift.report.charts import require_charts

            require_charts()  # before solving: a missing extra is said at once
        settings = _Settings(time_limit, seed, workers, max_seconds)
        analysis = _solve(file, settings, explain)
        if fmt == "html":
            from airlift.report.html import render_html

            options = {**analysis.settings, "explain": explain}
            _write(render_html(analysis, _provenance(file, "solve", options)), output)
            return
        _write(render(analysis, fmt), output)

    _guarded(_debug(ctx, debug), body)


@main.command()
@_file_argument
@click.argument("claim_id", metavar="[CLAIM-ID]", required=False, default=None)
@_format_option
@_time_limit_option
@_max_seconds_option
@_seed_option
@_workers_option
@_output_option
@_debug_option
@click.pass_context
def explain(
    ctx: click.Context,
    file: str,
    claim_id: str | None,
    fmt: str,
    time_limit: float,
    max_seconds: float,
    seed: int,
    workers: int,
    output: str | None,
    debug: bool,
) -> None:
    """Why the claims of FILE fail and what it would take: conflicts, relaxations, thresholds.

    With CLAIM-ID, only what concerns that claim.
    """

    def body() -> None:
        from airlift.report import render_explanation

        if fmt == "html":
            from airlift.report.charts import require_charts

            require_charts()  # before solving: a missing extra is said at once
        settings = _Settings(time_limit, seed, workers, max_seconds)
        title, explanation = _explain(file, claim_id, settings)
        if fmt == "html":
            from airlift.report.html import render_explanation_html

            options = settings.options().describe()
            prov = _provenance(file, "explain", options)
            text = render_explanation_html(
                explanation, title=title, file=file, claim=claim_id, provenance=prov
            )
        else:
            text = render_explanation(explanation, fmt, title=title, file=file, claim=claim_id)
        _write(text, output)

    _guarded(_debug(ctx, debug), body)


@main.command()
@_file_argument
@click.option(
    "--samples",
    type=click.IntRange(min=1),
    default=None,
    help="Draws of the ranges [default: the file's uncertainty: samples, else 10000].",
)
@click.option(
    "--seed",
    type=click.IntRange(min=0),
    default=None,
    help="Seed of the draws [default: the file's uncertainty: seed, else 0].",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Local worker processes (no Dask needed).",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="tcp://HOST:PORT",
    help='A Dask scheduler to share the work with (needs pip install "airlift[dask]").',
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["text", "markdown", "json", "csv", "html"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--samples-out",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Also write every draw's values and verdicts to this CSV file.",
)
@_time_limit_option
@_max_seconds_option
@_output_option
@_debug_option
@click.pass_context
def sweep(
    ctx: click.Context,
    file: str,
    samples: int | None,
    seed: int | None,
    jobs: int,
    scheduler: str | None,
    fmt: str,
    samples_out: str | None,
    time_limit: float,
    max_seconds: float,
    output: str | None,
    debug: bool,
) -> None:
    """Draw the ranges of the scenario FILE many times and decide every claim in each draw.

    Reports, per claim, the share of draws in which it is possible and in which it is
    certain, with 95% intervals: a statement about the stated ranges and their weights,
    not about the world. The same seed gives the same report with any --jobs or cluster.
    """

    def body() -> None:
        from airlift.analysis import sweep as run_sweep
        from airlift.report.sweep_report import render_sweep, samples_csv

        if scheduler is not None and jobs != 1:
            raise AirliftError("give --jobs or --scheduler, not both")
        if fmt == "html":
            from airlift.report.charts import require_charts

            require_charts()  # before sweeping: a missing extra is said at once
        loaded = _load(file)
        options = _Settings(time_limit, 0, 1, max_seconds).options()
        with _progress() as advance:
            result = run_sweep(
                loaded, samples, seed, options, jobs=jobs, scheduler=scheduler, progress=advance
            )
        if fmt == "html":
            from airlift.report.sweep_blocks import sweep_settings
            from airlift.report.sweep_html import render_sweep_html

            prov = _provenance(file, "sweep", sweep_settings(result))
            _write(render_sweep_html(result, prov), output)
        else:
            _write(render_sweep(result, fmt), output)
        if samples_out is not None:
            _write(samples_csv(result), samples_out)

    _guarded(_debug(ctx, debug), body)


@contextlib.contextmanager
def _progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on standard error when it is a terminal; silent when piped."""
    if not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=1, label="draws decided", file=sys.stderr) as bar:
        seen = 0

        def advance(done: int, total: int) -> None:
            nonlocal seen
            bar.length = total
            bar.update(done - seen)
            seen = done

        yield advance


@main.command()
@_file_argument
@_debug_option
@click.pass_context
def check(ctx: click.Context, file: str, debug: bool) -> None:
    """Validate the scenario FILE without solving it."""

    def body() -> None:
        groups, claims = _check(file)
        click.echo(f"{file}: ok ({counted(groups, 'flight group')}, {counted(claims, 'claim')})")

    _guarded(_debug(ctx, debug), body)


@main.command()
@_debug_option
@click.pass_context
def schema(ctx: click.Context, debug: bool) -> None:
    """Print the JSON Schema of scenario files (for editor completion)."""

    def body() -> None:
        click.echo(json.dumps(_schema(), indent=2, ensure_ascii=False))

    _guarded(_debug(ctx, debug), body)


@main.command()
@click.argument("name", required=False)
@_debug_option
@click.pass_context
def catalog(ctx: click.Context, name: str | None, debug: bool) -> None:
    """List the built-in catalogue of aircraft and cargo, or show entry NAME in full."""

    def body() -> None:
        from airlift.report.catalog_text import render_catalog, render_catalog_entry
        from airlift.scenario.catalog import packaged_catalog
        from airlift.scenario.references import unknown_name

        entries = packaged_catalog()
        if name is None:
            click.echo(render_catalog(entries), nl=False)
            return
        entry = entries.find(name)
        if entry is None:
            names = [n for _, n in entries.entries]
            raise AirliftError(unknown_name("catalogue entry", name, names, "catalogue entries"))
        click.echo(render_catalog_entry(entries, entry), nl=False)

    _guarded(_debug(ctx, debug), body)


@main.command()
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write the skeleton to this file instead of standard output.",
)
@click.option("--force", is_flag=True, default=False, help="Overwrite an existing --output file.")
@_debug_option
@click.pass_context
def new(ctx: click.Context, output: str | None, force: bool, debug: bool) -> None:
    """Write a commented scenario skeleton to start from (it uses catalogue entries)."""

    def body() -> None:
        from airlift.scenario.template import new_scenario_text

        if output is not None and Path(output).exists() and not force:
            raise AirliftError(f"{output} exists; choose another file or pass --force")
        _write(new_scenario_text(), output)
        if output is not None:
            click.echo(f"wrote {output}; edit it, then run: airlift check {output}", err=True)

    _guarded(_debug(ctx, debug), body)


@main.command("import")
@click.argument("fmt", metavar="FORMAT")
@click.argument(
    "files",
    metavar="FILE...",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, readable=True),
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help=(
        "Write the leg file here and the summary to standard output (without it, the leg "
        "file goes to standard output and the summary to standard error)."
    ),
)
@click.option(
    "--type",
    "aircraft_type",
    default=None,
    metavar="DESIGNATOR",
    help="Aircraft type (ICAO designator such as C17) of legs whose export names none.",
)
@click.option("--registration", default=None, help="Registration of legs whose export has none.")
@click.option(
    "--icao24", default=None, metavar="HEX", help="24-bit address of legs whose export has none."
)
@_debug_option
@click.pass_context
def import_legs(
    ctx: click.Context,
    fmt: str,
    files: tuple[str, ...],
    output: str | None,
    aircraft_type: str | None,
    registration: str | None,
    icao24: str | None,
    debug: bool,
) -> None:
    """Read tracking exports into a flight-leg file (CSV) and summarize the legs.

    FORMAT is opensky (OpenSky flight lists, CSV), opensky-rest (OpenSky flights as JSON:
    REST API answers, history-database records), readsb (trace_full_<hex>.json traces; also
    adsbx, adsb.lol, airplanes.live), fr24 (Flightradar24 flight CSV) or fr24-json
    (Flightradar24 API flight summary or web playback JSON). Files may be gzipped. Give
    every daily trace file of an aircraft at once, so that flights over midnight are joined.
    """

    def body() -> None:
        from airlift.report.legs_text import render_leg_summary
        from airlift.tracks import import_flight_data, legs_csv, summarize

        imported = import_flight_data(
            fmt, files, aircraft_type=aircraft_type, registration=registration, icao24=icao24
        )
        text = legs_csv(imported.legs)
        title = f"Legs from {counted(len(files), 'file')} read as {imported.format}"
        summary = summarize(imported.legs, imported.notes)
        if output is None:
            click.echo(text, nl=False)
            click.echo(render_leg_summary(summary, title=title), err=True, nl=False)
            return
        _write(text, output)
        click.echo(render_leg_summary(summary, title=title, wrote=output), nl=False)

    _guarded(_debug(ctx, debug), body)
