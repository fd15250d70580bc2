"""A claim's verdict against the base, with the allocations that prove it.

A claim is *inconsistent* when no allocation consistent with the base satisfies
it, *implied* when every one does, and *consistent* when some do and some do
not. We prove "some do" with an allocation where it holds, and "some do not"
with one where it fails: for a claim on a sum, one whose sum lies below or
above its bound; for a per-flight claim, one in which a selected flight
carries too little or too much.
"""

from __future__ import annotations

from airlift.analysis.engine import Answer, Engine
from airlift.analysis.totals import requirement
from airlift.model import Requirement
from airlift.result import ClaimResult, Feasibility, StatementRef, Verdict
from airlift.scenario.schema import Statement

__all__ = ["judge_claim"]


def _negations(engine: Engine, req: Requirement) -> list[Answer]:
    """Answers to "can the claim fail?", one per side of its bound, stopping at the first yes."""
    sides: list[tuple[int, int | None]] = []
    if req.lo > 0:
        sides.append((0, req.lo - 1))
    if req.hi is not None:
        sides.append((req.hi + 1, None))
    answers = []
    for lo, hi in sides:
        if req.per_flight:
            answer = engine.flight_outside(req, lo, hi)
        else:
            answer = engine.feasible([Requirement(f"not {req.id}", req.spec, lo, hi)])
        answers.append(answer)
        if answer.status is Feasibility.FEASIBLE:
            break
    return answers


def judge_claim(engine: Engine, claim: Statement, ref: StatementRef, base: Answer) -> ClaimResult:
    """The verdict on one claim, given the base's own answer."""
    if base.status is Feasibility.INFEASIBLE:
        return ClaimResult(
            ref,
            Verdict.INCONSISTENT,
            True,
            "the observations and assumptions are inconsistent on their own",
        )
    req = requirement(claim)
    holds = engine.feasible([req])
    if holds.status is Feasibility.INFEASIBLE:
        return ClaimResult(
            ref,
            Verdict.INCONSISTENT,
            True,
            "no allocation consistent with the observations and assumptions satisfies it",
        )
    if holds.status is Feasibility.UNKNOWN:
        return ClaimResult(
            ref,
            Verdict.UNKNOWN,
            False,
            "the time limit ran out before it was proven possible or impossible",
        )
    answers = _negations(engine, req)
    fails = next((a.allocation for a in answers if a.status is Feasibility.FEASIBLE), None)
    if fails is not None:
        return ClaimResult(
            ref,
            Verdict.CONSISTENT,
            True,
            "possible: it holds in some allocations and fails in others",
            holds=holds.allocation,
            fails=fails,
        )
    if all(a.status is Feasibility.INFEASIBLE for a in answers):
        return ClaimResult(
            ref,
            Verdict.IMPLIED,
            True,
            "it holds in every allocation consistent with the observations and assumptions",
            holds=holds.allocation,
        )
    return ClaimResult(
        ref,
        Verdict.CONSISTENT,
        False,
        "possible; the time limit ran out before it was known whether it must hold",
        holds=holds.allocation,
    )
