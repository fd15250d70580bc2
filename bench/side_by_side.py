"""airlift and the per-flight MILP on the many-small-items cases, timed side by side.

Shared by ``bench/test_bench_small_items.py`` (which asserts) and the command
line (which prints the table kept in ``bench/README.md``)::

    python -m bench.side_by_side                      # every case in bench.small_items.CASES
    python -m bench.side_by_side --cases six,thirty-six --rounds 3
    python -m bench.side_by_side --sweep 9            # the issue's draw: 6-36 flights, 4-6 kinds

Every round of either side runs in a fresh Python process, as ``airlift solve``
would: airlift keeps memos between analyses in one process (the load boxes of
each kind of flight, and which ones were too many), so a second analysis of the
same scenario is many times faster than the first and would flatter it. The
child builds the scenario, then times only the call: airlift's ``analyze``
without the explanation (default :class:`~airlift.model.SolveOptions`: one
worker, seed 0) or :func:`bench.milp.milp_answers`. Start-up and imports are
not counted; the best of ``rounds`` is kept.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.per_flight import differences
from bench.small_items import CASES, small_items

__all__ = ["SIDES", "Side", "disagreements", "measure", "sweep", "unsettled"]

ROOT = Path(__file__).resolve().parent.parent
SIDES = ("airlift", "milp")


@dataclass(frozen=True)
class Side:
    """One model's answers on one case (shaped like ``Answers.as_json``) and its cost."""

    answers: dict[str, Any]
    seconds: float  #: the best time of the call, over the rounds
    info: dict[str, Any]  #: what else the child reported (model size, solves)


Settings = dict[str, int]


def sweep(count: int) -> dict[str, Settings]:
    """``count`` settings drawn as the issue drew them: 6-36 flights, 4-6 kinds, seeded."""
    out = {}
    for seed in range(count):
        rng = random.Random(seed)
        flights = rng.randint(6, 36)
        out[f"sweep-{seed}"] = {
            "flights": flights,
            "groups": rng.randint(1, 4),
            "cargo_types": rng.randint(4, 6),
            "destinations": rng.randint(1, 3),
            "seed": 100 + seed,
        }
    return out


def _run(side: str, settings: Settings, time_limit: float) -> dict[str, Any]:
    """In the child: answer the scenario of ``settings`` with one side, timing only that."""
    d = small_items(**settings)
    if side == "milp":
        from bench.milp import milp_answers

        start = time.perf_counter()
        milp = milp_answers(d)
        seconds = time.perf_counter() - start
        info = {"variables": milp.variables, "rows": milp.rows, "solves": milp.calls}
        return {"answers": milp.as_json(), "seconds": seconds, "info": info}
    from airlift.analysis import analyze
    from airlift.model import SolveOptions
    from airlift.scenario import scenario_from_dict
    from bench.per_flight import analysis_answers

    scenario = scenario_from_dict(d)
    options = SolveOptions(time_limit=time_limit, seed=0)
    start = time.perf_counter()
    analysis = analyze(scenario, options, explain=False)
    seconds = time.perf_counter() - start
    return {"answers": analysis_answers(analysis), "seconds": seconds, "info": {}}


def measure(side: str, case: str | Settings, rounds: int = 1, time_limit: float = 10.0) -> Side:
    """``side``'s answers on a case (a name in ``CASES``, or settings) and its best time
    over ``rounds`` fresh processes."""
    settings = CASES[case] if isinstance(case, str) else case
    best: dict[str, Any] | None = None
    for _ in range(rounds):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.side_by_side",
                "--child",
                side,
                "--settings",
                json.dumps(settings),
                "--time-limit",
                str(time_limit),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{side} on {settings} failed:\n{done.stderr}")
        body: dict[str, Any] = json.loads(done.stdout)
        if best is None or body["seconds"] < best["seconds"]:
            best = body
    assert best is not None
    return Side(best["answers"], best["seconds"], best["info"])


def disagreements(want: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """Where ``got`` contradicts ``want`` among the answers ``got`` settled.

    A claim ``got`` left unknown is not counted here (see :func:`unsettled`); a
    bound it left unproven must still be an interval that holds the value.
    """
    unknown = {c["id"] for c in got["claims"] if c["verdict"] == "unknown"}
    want = {
        **want,
        "claims": [
            {**c, "verdict": "unknown"} if c["id"] in unknown else c for c in want["claims"]
        ],
    }
    out = differences(want, got, require_proven=False)
    if want["base_status"] != "feasible" or got["base_status"] != "feasible":
        return out
    mine = {(r["total"], str(r["to"])): r for r in got["bounds"]}
    for row in want["bounds"]:
        other = mine.get((row["total"], str(row["to"])))
        for sense in ("min", "max"):
            if other is None or other[f"{sense}_proven"] or not row[f"{sense}_proven"]:
                continue
            lo, hi = other[f"{sense}_interval"]
            if (lo is not None and row[sense] < lo) or (hi is not None and row[sense] > hi):
                out.append(f"{sense} of {row['total']}: {row[sense]} outside [{lo}, {hi}]")
    return out


def unsettled(answers: dict[str, Any]) -> list[str]:
    """Claims left unknown and bounds left unproven."""
    out = [f"claim {c['id']}" for c in answers["claims"] if c["verdict"] == "unknown"]
    out += [
        f"{sense} of {r['total']}" + (f" to {r['to'][0]}" if r["to"] else "")
        for r in answers["bounds"]
        for sense in ("min", "max")
        if not r[f"{sense}_proven"]
    ]
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the side-by-side table as Markdown, one row per case as it finishes."""
    parser = argparse.ArgumentParser(prog="python -m bench.side_by_side")
    parser.add_argument("--cases", help="comma-separated case names (default: all)")
    parser.add_argument("--rounds", type=int, default=1, help="best of this many runs")
    parser.add_argument("--time-limit", type=float, default=10.0, help="airlift, per call")
    parser.add_argument("--sweep", type=int, help="instead of the cases, this many random draws")
    parser.add_argument("--child", choices=SIDES, help=argparse.SUPPRESS)
    parser.add_argument("--settings", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        json.dump(_run(args.child, json.loads(args.settings), args.time_limit), sys.stdout)
        return 0
    if args.sweep:
        cases = sweep(args.sweep)
    else:
        cases = {c: CASES[c] for c in (args.cases.split(",") if args.cases else CASES)}
    print("| case | flights | kinds | airlift | MILP | airlift / MILP | agree | unknown |")
    print("|---|---:|---:|---:|---:|---:|---|---:|")
    for case, settings in cases.items():
        milp = measure("milp", settings, args.rounds)
        mine = measure("airlift", settings, args.rounds, args.time_limit)
        diff = disagreements(milp.answers, mine.answers)
        print(
            f"| `{case}` | {settings['flights']:,} | {settings['cargo_types']} "
            f"| {mine.seconds:.2f} s | {milp.seconds:.2f} s | {mine.seconds / milp.seconds:.1f} "
            f"| {'yes' if not diff else f'no ({len(diff)})'} | {len(unsettled(mine.answers))} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
