"""Run airlift on fuzz mutants under a budget and sort every run into an outcome.

Each mutant is written to a scratch folder and run through ``python -m airlift check FILE``
and (for all or some mutants) ``python -m airlift solve FILE --time-limit 1`` with a drawn
report format, in a fresh process group with a wall-clock budget, an address-space cap and a
cap on the size of what it writes. What the project promises (README, "The command line") is
that every run exits 0, or 2 with each problem located as ``file:line:column``; so a run is

- ``OK``: exit 0 (with ``--format json``, stdout must also be JSON);
- ``LOCATED``: exit 2 and every line on stderr starts with ``FILE:LINE:`` (a column optional);
- ``UNLOCATED``: exit 2, but some line names no line of the file;
- ``CRASH``: exit 3 or any other code, a signal (a cap exceeded), or a traceback in the output;
- ``HANG``: still running when its budget ran out (its process group is killed).

``python -m tests.fuzz.runner --count 1000 --seed 0 --jobs 2 --out DIR`` prints a table by
outcome and family, writes each failing mutant with its commands and output to ``DIR``, and
exits 1 if any run was neither OK nor LOCATED.
"""

from __future__ import annotations

import argparse
import contextlib
import enum
import functools
import json
import os
import random
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

# Relative, unlike the rest of the project: tests/ has no __init__.py, so an absolute
# import would make mypy see this package under two names (fuzz and tests.fuzz).
from .mutator import FAMILIES, ROOT, Mutant, generate, write_mutant

__all__ = [
    "ACCEPTED",
    "Budgets",
    "MutantResult",
    "Outcome",
    "Plan",
    "Run",
    "classify",
    "fuzz",
    "main",
    "run_mutant",
]


class Outcome(enum.StrEnum):
    """How one run of airlift ended, from best to worst."""

    OK = "OK"
    LOCATED = "LOCATED"
    UNLOCATED = "UNLOCATED"
    HANG = "HANG"
    CRASH = "CRASH"


#: The outcomes airlift promises; anything else is a finding.
ACCEPTED = frozenset({Outcome.OK, Outcome.LOCATED})
_SEVERITY = {outcome: rank for rank, outcome in enumerate(Outcome)}


@dataclass(frozen=True)
class Budgets:
    """Wall-clock seconds per command and resource caps per run.

    Why the caps: an alias bomb may eat gigabytes or print hundreds of megabytes of messages
    on a machine others share; past a cap the run is stopped and counted as a crash.
    """

    check: float = 10.0
    solve: float = 30.0
    memory_mb: int = 2048
    output_mb: int = 64


@dataclass(frozen=True)
class Run:
    """One command on one mutant, and how it ended."""

    kind: str
    argv: tuple[str, ...]
    outcome: Outcome
    returncode: int | None
    seconds: float
    reason: str
    stderr: str
    stdout_tail: str

    def command(self, file: str | None = None) -> str:
        """The command as a shell line (without the resource caps), naming ``file`` if given.

        Why ``file``: the run's own path was in a scratch folder that is gone; a reproducer
        names the file that ``Mutant.rebuild_command`` writes.
        """
        argv = list(self.argv)
        if file is not None:
            argv[4] = file  # python -m airlift COMMAND FILE ...
        return shlex.join(argv)


@dataclass(frozen=True)
class MutantResult:
    """Every run on one mutant."""

    mutant: Mutant
    runs: tuple[Run, ...]

    @property
    def outcome(self) -> Outcome:
        """The worst outcome of its runs."""
        return max((r.outcome for r in self.runs), key=_SEVERITY.__getitem__)

    def failures(self) -> list[Run]:
        """The runs whose outcome airlift does not promise."""
        return [r for r in self.runs if r.outcome not in ACCEPTED]

    def report(self) -> str:
        """A reproducer: the mutant's description, then each failing run's command and output."""
        parts = [self.mutant.describe()]
        for run in self.failures():
            parts.append(
                f"  {run.outcome} ({run.reason}) after {run.seconds:.1f} s: "
                f"{run.command(self.mutant.file_name)}\n"
                f"  stderr tail: {_tail(run.stderr, 600)!r}"
            )
        return "\n".join(parts)


# --- running one command ---------------------------------------------------------------------

#: Run as ``python -c _CAPPED MEMORY OUTPUT ARGV...``: set the caps, then become ARGV (same pid,
#: so the process group and the timeout still apply). Not ``preexec_fn``: that is unsafe with
#: the runner's threads.
_CAPPED = (
    "import os, resource, sys\n"
    "memory, output = int(sys.argv[1]), int(sys.argv[2])\n"
    "resource.setrlimit(resource.RLIMIT_AS, (memory, memory))\n"
    "resource.setrlimit(resource.RLIMIT_FSIZE, (output, output))\n"
    "resource.setrlimit(resource.RLIMIT_CORE, (0, 0))\n"
    "os.execv(sys.argv[3], sys.argv[3:])\n"
)
_MB = 1 << 20
_TRACEBACK = "Traceback (most recent call last)"


@dataclass(frozen=True)
class _Exit:
    """What a finished (or killed) process left: code, time and its two outputs."""

    returncode: int | None
    seconds: float
    stdout: bytes
    stderr: bytes


def _execute(argv: list[str], budget: float, budgets: Budgets, scratch: Path) -> _Exit:
    """Run ``argv`` capped, in its own process group; kill the group after ``budget`` s.

    Outputs go to files rather than pipes, so a run that prints a flood cannot fill the
    runner's memory; the output cap stops the flood itself.
    """
    out_path, err_path = scratch.with_suffix(".stdout"), scratch.with_suffix(".stderr")
    caps = [str(budgets.memory_mb * _MB), str(budgets.output_mb * _MB)]
    wrapped = [sys.executable, "-c", _CAPPED, *caps, *argv]
    with out_path.open("wb") as out, err_path.open("wb") as err:
        start = time.monotonic()
        proc = subprocess.Popen(
            wrapped,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            cwd=ROOT,
            start_new_session=True,
        )
        try:
            returncode: int | None = proc.wait(timeout=budget)
        except subprocess.TimeoutExpired:
            returncode = None
        seconds = time.monotonic() - start
        _kill_group(proc)
    result = _Exit(returncode, seconds, out_path.read_bytes(), err_path.read_bytes())
    out_path.unlink()
    err_path.unlink()
    return result


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill the process group the run started (its leader is ``proc``), and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


# --- classifying -----------------------------------------------------------------------------


_WARNING = "warning: "


def _located(line: str, paths: tuple[str, ...]) -> bool:
    """Whether a message line starts ``PATH:LINE:`` or ``PATH:LINE:COLUMN:`` (1-based) for
    one of ``paths``, after a ``warning: `` prefix if it has one (warnings are located like
    problems)."""
    line = line.removeprefix(_WARNING)
    files = "|".join(re.escape(p) for p in paths)
    return re.match(rf"(?:{files}):[1-9]\d*(?::[1-9]\d*)?:\s", line) is not None


def _signal_reason(returncode: int, budgets: Budgets) -> str:
    """Name the signal that ended a run, and the cap it most likely means."""
    number = -returncode
    try:
        name = signal.Signals(number).name
    except ValueError:
        name = f"signal {number}"
    if number == signal.SIGXFSZ:
        return f"killed by {name}: wrote more than {budgets.output_mb} MB"
    return f"killed by {name}"


def classify(
    returncode: int | None,
    stdout: str,
    stderr: str,
    path: str,
    *,
    expect_json: bool = False,
    budgets: Budgets = Budgets(),
    others: tuple[str, ...] = (),
) -> tuple[Outcome, str]:
    """Sort one run into an outcome, with a one-line reason.

    ``returncode`` is None when the run was killed at its budget. ``others`` are the paths
    of the files the mutant includes (leg files): a problem may be located in those too.
    """
    if returncode is None:
        return Outcome.HANG, "past its budget"
    if _TRACEBACK in stderr or _TRACEBACK in stdout:
        return Outcome.CRASH, f"traceback, exit {returncode}: {_last_line(stderr)}"
    if returncode == 0:
        if expect_json and not _is_json(stdout):
            return Outcome.CRASH, "exit 0 but stdout is not JSON"
        return Outcome.OK, "exit 0"
    if returncode == 2:
        lines = [ln.rstrip("\r") for ln in stderr.split("\n") if ln.strip()]
        unlocated = [ln for ln in lines if not _located(ln, (path, *others))]
        if not [ln for ln in lines if not ln.startswith(_WARNING)]:
            return Outcome.UNLOCATED, "exit 2 with no error on stderr"
        if unlocated:
            return Outcome.UNLOCATED, f"exit 2, no line in: {unlocated[0][:300]}"
        return Outcome.LOCATED, f"exit 2, {len(lines)} located problem(s)"
    if returncode < 0:
        return Outcome.CRASH, _signal_reason(returncode, budgets)
    return Outcome.CRASH, f"exit {returncode}: {_first_line(stderr)}"


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _first_line(text: str) -> str:
    return next((ln for ln in text.split("\n") if ln.strip()), "")[:300]


def _last_line(text: str) -> str:
    return next((ln for ln in reversed(text.split("\n")) if ln.strip()), "")[:300]


def _tail(text: str, size: int) -> str:
    return text if len(text) <= size else "..." + text[-size:]


def _excerpt(text: str, size: int = 4_000) -> str:
    """The head and tail of ``text`` (a flood of messages is kept short)."""
    if len(text) <= 2 * size:
        return text
    return f"{text[:size]}\n... [{len(text) - 2 * size:,} characters left out] ...\n{text[-size:]}"


# --- the commands ----------------------------------------------------------------------------


@functools.cache
def _max_seconds_supported(command: str) -> bool:
    """Whether ``airlift COMMAND --help`` offers ``--max-seconds`` (a whole-run budget)."""
    argv = [sys.executable, "-m", "airlift", command, "--help"]
    shown = subprocess.run(argv, capture_output=True, text=True, timeout=120, cwd=ROOT)
    return "--max-seconds" in shown.stdout


def _budgeted(argv: list[str], command: str, budget: float) -> list[str]:
    """Add ``--max-seconds`` a little under the budget, if airlift offers it."""
    if not _max_seconds_supported(command):
        return argv
    return [*argv, "--max-seconds", f"{max(1.0, budget * 0.8):g}"]


def _solve_options(mutant: Mutant) -> list[str]:
    """The report format and explanation switch for a mutant's solve, drawn from its id."""
    rng = random.Random(f"airlift-fuzz-solve:{mutant.seed}:{mutant.index}")
    fmt = rng.choice(("json", "json", "json", "markdown", "text"))
    return ["--format", fmt, *(["--no-explain"] if rng.random() < 0.25 else [])]


@dataclass(frozen=True)
class Plan:
    """A command to run on a mutant, and its budget in seconds."""

    kind: str
    argv: tuple[str, ...]
    budget: float


def commands(mutant: Mutant, path: Path, *, solve: bool, budgets: Budgets) -> list[Plan]:
    """The commands for one mutant: ``check``, then ``solve`` if asked."""
    python = [sys.executable, "-m", "airlift"]
    check = _budgeted([*python, "check", str(path)], "check", budgets.check)
    plans = [Plan("check", tuple(check), budgets.check)]
    if solve:
        argv = [*python, "solve", str(path), "--time-limit", "1", *_solve_options(mutant)]
        plans.append(Plan("solve", tuple(_budgeted(argv, "solve", budgets.solve)), budgets.solve))
    return plans


#: Seconds a run may take past its ``--max-seconds``: starting Python and importing airlift
#: (about 0.8 s), which the budget does not count, and writing the report, on a machine
#: busy with two runs and more (a 20,000-flight schedule given 2, 5 and 10 s ends 1.6 s past
#: them alone, 3.9 s past 24 s beside other runs).
START_GRACE = 5.0


def _past_max_seconds(plan: Plan, seconds: float) -> str | None:
    """Why a run that ended is still a hang: it ran past the ``--max-seconds`` it was given
    (plus :data:`START_GRACE`), which airlift promises to keep; None when it kept it."""
    argv = list(plan.argv)
    if "--max-seconds" not in argv:
        return None
    limit = float(argv[argv.index("--max-seconds") + 1])
    if seconds <= limit + START_GRACE:
        return None
    return f"ended after {seconds:.1f} s, past its --max-seconds {limit:g}"


def _run(plan: Plan, path: Path, budgets: Budgets, others: tuple[str, ...] = ()) -> Run:
    """Run one command on the mutant at ``path`` (which includes the files ``others``) and
    classify how it ended."""
    done = _execute(list(plan.argv), plan.budget, budgets, path.with_name(f"{path.name}.out"))
    stdout = done.stdout.decode("utf-8", errors="replace")
    stderr = done.stderr.decode("utf-8", errors="replace")
    expect_json = "json" in plan.argv
    outcome, reason = classify(
        done.returncode,
        stdout,
        stderr,
        str(path),
        expect_json=expect_json,
        budgets=budgets,
        others=others,
    )
    if outcome is Outcome.HANG:
        reason = f"no exit within {plan.budget:g} s"
    elif (late := _past_max_seconds(plan, done.seconds)) is not None:
        outcome, reason = Outcome.HANG, late
    return Run(
        plan.kind,
        plan.argv,
        outcome,
        done.returncode,
        done.seconds,
        reason,
        _excerpt(stderr),
        _tail(stdout, 2_000),
    )


def run_mutant(mutant: Mutant, scratch: Path, *, solve: bool, budgets: Budgets) -> MutantResult:
    """Write the mutant (and its extra files) into ``scratch``, run its commands, remove the
    files again."""
    path = write_mutant(mutant, scratch)
    others = tuple(str(scratch / name) for name, _ in mutant.files)
    try:
        runs = [
            _run(plan, path, budgets, others)
            for plan in commands(mutant, path, solve=solve, budgets=budgets)
        ]
    finally:
        path.unlink()
        for name, _ in mutant.files:
            (scratch / name).unlink(missing_ok=True)
    return MutantResult(mutant, tuple(runs))


def fuzz(
    seed: int,
    indices: Iterable[int],
    *,
    solve_if: Callable[[int], bool] = lambda _: True,
    budgets: Budgets = Budgets(),
    jobs: int = 2,
    on_result: Callable[[MutantResult], None] | None = None,
) -> list[MutantResult]:
    """Build and run the mutants ``(seed, i)`` for ``i`` in ``indices``, ``jobs`` at a time.

    ``solve_if(index)`` says whether a mutant is also solved (``check`` always runs). Results
    come back in index order; ``on_result`` sees each as it finishes.
    """
    with tempfile.TemporaryDirectory(prefix="airlift-fuzz-") as folder:
        scratch = Path(folder)

        def one(index: int) -> MutantResult:
            mutant = generate(seed, index)
            result = run_mutant(mutant, scratch, solve=solve_if(index), budgets=budgets)
            if on_result is not None:
                on_result(result)
            return result

        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            return list(pool.map(one, indices))


# --- reporting -------------------------------------------------------------------------------


def summary(results: list[MutantResult], seconds: float) -> str:
    """Tables of outcomes by family and by command, the slowest runs and distinct failures."""
    return "\n\n".join(
        [
            _family_table(results),
            _command_table(results),
            _slowest(results),
            _distinct_failures(results),
            f"{len(results)} mutants, {sum(len(r.runs) for r in results)} runs, {seconds:.0f} s",
        ]
    )


def _table(title: str, rows: dict[str, Counter[Outcome]]) -> str:
    """A fixed-width table: one row per key, one column per outcome."""
    head = f"{title:<18}{'total':>7}" + "".join(f"{o.value:>11}" for o in Outcome)
    lines = [head, "-" * len(head)]
    for name, counts in rows.items():
        cells = "".join(f"{counts[o]:>11}" for o in Outcome)
        lines.append(f"{name:<18}{sum(counts.values()):>7}{cells}")
    return "\n".join(lines)


def _family_table(results: list[MutantResult]) -> str:
    """Mutant outcomes (worst run) per family; a mutant counts under each of its families."""
    rows: dict[str, Counter[Outcome]] = {f: Counter() for f in FAMILIES}
    rows["all mutants"] = Counter()
    for result in results:
        for family in result.mutant.families:
            rows[family][result.outcome] += 1
        rows["all mutants"][result.outcome] += 1
    return _table("family", rows)


def _command_table(results: list[MutantResult]) -> str:
    """Run outcomes per command."""
    rows: dict[str, Counter[Outcome]] = defaultdict(Counter)
    for result in results:
        for run in result.runs:
            rows[run.kind][run.outcome] += 1
    return _table("command", dict(rows))


def _slowest(results: list[MutantResult], count: int = 5) -> str:
    """The slowest runs, to see how close to their budgets runs come."""
    runs = sorted(
        ((run.seconds, run, r.mutant) for r in results for run in r.runs), key=lambda item: -item[0]
    )
    lines = ["slowest runs:"]
    for seconds, run, mutant in runs[:count]:
        lines.append(
            f"  {seconds:6.1f} s  {run.kind:<5} {run.outcome:<9} {mutant.name} {mutant.label}"
        )
    return "\n".join(lines)


def _signature(run: Run) -> str:
    """A failure's reason with its file name and numbers blurred, to group alike failures."""
    text = re.sub(r"\S*airlift-fuzz-[^/\s]*/\S*?(?=:|\s|$)", "FILE", run.reason)
    text = re.sub(r"\d+", "N", text)
    return f"{run.kind} {run.outcome}: {text[:160]}"


def _distinct_failures(results: list[MutantResult]) -> str:
    """Each kind of failure once, with how often it came and its first reproducer."""
    groups: dict[str, list[tuple[MutantResult, Run]]] = defaultdict(list)
    for result in results:
        for run in result.failures():
            groups[_signature(run)].append((result, run))
    if not groups:
        return "distinct failures: none"
    lines = [f"distinct failures: {len(groups)}"]
    for signature, hits in sorted(groups.items(), key=lambda item: -len(item[1])):
        first, run = hits[0]
        families = Counter(f for r, _ in hits for f in r.mutant.families).most_common(3)
        lines.append(f"  {len(hits):>4} x {signature}")
        lines.append(f"         families: {', '.join(f'{f} {n}' for f, n in families)}")
        lines.append(f"         e.g. {first.mutant.rebuild_command()}")
        lines.append(f"              {run.command(first.mutant.file_name)}")
    return "\n".join(lines)


def write_failures(results: list[MutantResult], out: Path) -> int:
    """Write each failing mutant and a ``.txt`` of its commands and output into ``out``."""
    failing = [r for r in results if r.failures()]
    out.mkdir(parents=True, exist_ok=True)
    for result in failing:
        path = write_mutant(result.mutant, out)
        parts = [result.mutant.describe(), ""]
        for run in result.runs:
            parts += [
                f"$ {run.command(str(path))}",
                f"outcome {run.outcome}: {run.reason} (exit {run.returncode}, {run.seconds:.1f} s)",
                "--- stderr ---",
                run.stderr,
                "--- stdout (tail) ---",
                run.stdout_tail,
                "",
            ]
        path.with_suffix(".txt").write_text("\n".join(parts), encoding="utf-8")
    return len(failing)


def _progress(total: int) -> Callable[[MutantResult], None]:
    """A callback printing each failure at once and a count every 50 mutants."""
    done = [0]

    def show(result: MutantResult) -> None:
        done[0] += 1
        for run in result.failures():
            print(
                f"[{result.mutant.name} {result.mutant.label}] {run.kind} {run.outcome}: "
                f"{run.reason[:200]}",
                flush=True,
            )
        if done[0] % 50 == 0 or done[0] == total:
            print(f"... {done[0]}/{total} mutants", flush=True)

    return show


def first_family_indices(start: int, count: int, prefixes: tuple[str, ...]) -> list[int]:
    """The first ``count`` indices from ``start`` whose mutant's first family starts with one
    of ``prefixes`` (every index when there are none): a campaign on some families only."""
    if not prefixes:
        return list(range(start, start + count))
    if not any(f.startswith(prefixes) for f in FAMILIES):
        raise SystemExit(f"no family starts with {', '.join(prefixes)}")
    chosen: list[int] = []
    index = start
    while len(chosen) < count:
        if FAMILIES[index % len(FAMILIES)].startswith(prefixes):
            chosen.append(index)
        index += 1
    return chosen


def main(argv: list[str] | None = None) -> int:
    """Run a fuzz campaign; exit 1 if any run was neither OK nor LOCATED."""
    parser = argparse.ArgumentParser(description="Fuzz airlift check and solve with mutants.")
    parser.add_argument("--count", type=int, default=1000, help="number of mutants")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=int, default=0, help="first mutant index")
    parser.add_argument("--jobs", type=int, default=2, help="parallel runs (at most 2 here)")
    parser.add_argument("--check-budget", type=float, default=Budgets.check, metavar="S")
    parser.add_argument("--solve-budget", type=float, default=Budgets.solve, metavar="S")
    parser.add_argument("--memory-mb", type=int, default=Budgets.memory_mb)
    parser.add_argument("--no-solve", action="store_true", help="run only airlift check")
    parser.add_argument(
        "--first",
        default="",
        metavar="PREFIXES",
        help="only mutants whose first family starts with one of these (comma-separated), "
        "e.g. schedule_,leg_",
    )
    parser.add_argument(
        "--out", type=Path, default=Path(tempfile.gettempdir()) / "airlift-fuzz-report"
    )
    args = parser.parse_args(argv)
    budgets = Budgets(args.check_budget, args.solve_budget, args.memory_mb)
    indices = first_family_indices(
        args.start, args.count, tuple(filter(None, args.first.split(",")))
    )
    start = time.monotonic()
    results = fuzz(
        args.seed,
        indices,
        solve_if=lambda _: not args.no_solve,
        budgets=budgets,
        jobs=min(args.jobs, 2),
        on_result=_progress(args.count),
    )
    print()
    print(summary(results, time.monotonic() - start))
    failing = write_failures(results, args.out)
    if failing:
        print(f"\n{failing} failing mutants written to {args.out}")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
