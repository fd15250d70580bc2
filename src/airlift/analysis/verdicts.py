"""A claim's verdict against the base, with the allocations that prove it.

A claim is *inconsistent* when no allocation consistent with the base satisfies
it, *implied* when every one does, and *consistent* when some do and some do
not. We prove "some do" with an allocation where it holds, and "some do not"
with one where it fails: for a claim on a sum, one whose sum lies below or
above its bound; for a per-flight claim, one in which a selected flight
carries too little or too much. For a claim on a sum, the reason also says how
low and how high that sum can go, which is what a reader wants to quote.
"""

from __future__ import annotations

from airlift.analysis.engine import Answer, Engine
from airlift.analysis.refs import bound_words
from airlift.analysis.totals import requirement
from airlift.model import Requirement
from airlift.result import (
    Bound,
    ClaimResult,
    Feasibility,
    StatementRef,
    Verdict,
    stopped_by,
)
from airlift.scenario.schema import Statement

__all__ = ["judge_claim"]

_BASE = "the observations and assumptions"


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


def _range_words(bound: Bound) -> str | None:
    """``missile in all ranges from 18 to 264``; None when nothing certain is known."""
    lo, hi = bound.outer
    spec = bound.spec
    filtered = any(f is not None for f in (spec.to, spec.from_, spec.aircraft, spec.flights))
    label = spec.label if filtered else f"{spec.label} in all"
    if bound.max.unbounded and lo is not None:
        return f"{label} can be anything from {lo:,} up, without limit"
    if lo is None or hi is None:
        return None
    if not bound.proven:
        return f"{label} lies between {lo:,} and {hi:,} (the exact ends were not proven in time)"
    if lo == hi:
        return f"{label} is always {lo:,}"
    return f"{label} ranges from {lo:,} to {hi:,}"


def _reason(verdict: Verdict, claim: Statement, bound: Bound | None) -> str:
    """Why, in a sentence a reader can quote."""
    words = _range_words(bound) if bound is not None else None
    asks = bound_words(claim)
    if words is None:
        return {
            Verdict.INCONSISTENT: f"no allocation consistent with {_BASE} satisfies it",
            Verdict.IMPLIED: f"it holds in every allocation consistent with {_BASE}",
            Verdict.CONSISTENT: "possible: it holds in some allocations and fails in others",
        }[verdict]
    return {
        Verdict.INCONSISTENT: f"impossible: under {_BASE}, {words}, never {asks}",
        Verdict.IMPLIED: f"certain: under {_BASE}, {words}, always {asks}",
        Verdict.CONSISTENT: f"possible, not certain: under {_BASE}, {words}; the claim says {asks}",
    }[verdict]


def judge_claim(engine: Engine, claim: Statement, ref: StatementRef, base: Answer) -> ClaimResult:
    """The verdict on one claim, given the base's own answer."""
    if base.status is Feasibility.INFEASIBLE:
        return ClaimResult(
            ref, Verdict.INCONSISTENT, True, f"{_BASE} are inconsistent on their own"
        )
    req = requirement(claim, engine.scenario)
    bound = (
        None
        if req.per_flight
        else Bound(req.spec, engine.extreme(req.spec, "min"), engine.extreme(req.spec, "max"))
    )
    holds = engine.feasible([req])
    if holds.status is Feasibility.INFEASIBLE:
        verdict = Verdict.INCONSISTENT
        return ClaimResult(ref, verdict, True, _reason(verdict, claim, bound), range=bound)
    if holds.status is Feasibility.UNKNOWN:
        return ClaimResult(
            ref,
            Verdict.UNKNOWN,
            False,
            f"{stopped_by(holds.cutoff)} before it was proven possible or impossible",
            range=bound,
        )
    answers = _negations(engine, req)
    fails = next((a.allocation for a in answers if a.status is Feasibility.FEASIBLE), None)
    if fails is not None:
        verdict = Verdict.CONSISTENT
        return ClaimResult(
            ref, verdict, True, _reason(verdict, claim, bound),
            holds=holds.allocation, fails=fails, range=bound,
        )  # fmt: skip
    if all(a.status is Feasibility.INFEASIBLE for a in answers):
        verdict = Verdict.IMPLIED
        return ClaimResult(
            ref, verdict, True, _reason(verdict, claim, bound), holds=holds.allocation, range=bound
        )
    cutoff = next((a.cutoff for a in answers if a.status is Feasibility.UNKNOWN), None)
    return ClaimResult(
        ref,
        Verdict.CONSISTENT,
        False,
        f"possible; {stopped_by(cutoff)} before it was known whether it must hold",
        holds=holds.allocation,
        range=bound,
    )
