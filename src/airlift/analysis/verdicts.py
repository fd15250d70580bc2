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
from airlift.analysis.refs import stated_bound
from airlift.analysis.totals import negated_sides, requirement
from airlift.model import Requirement
from airlift.result import (
    Bound,
    BoundKind,
    ClaimResult,
    Cutoff,
    Feasibility,
    StatementRef,
    Verdict,
    stopped_by,
)
from airlift.scenario.schema import Statement

__all__ = ["judge_claim", "negations"]

_BASE = "the observations and assumptions"


def negations(engine: Engine, req: Requirement) -> list[Answer]:
    """Answers to "can the claim fail?", one per side of its bound, stopping at the first yes."""
    answers = []
    for lo, hi in negated_sides(req.lo, req.hi):
        if req.per_flight:
            answer = engine.flight_outside(req, lo, hi)
        else:
            answer = engine.feasible([Requirement(f"not {req.id}", req.spec, lo, hi)])
        answers.append(answer)
        if answer.status is Feasibility.FEASIBLE:
            break
    return answers


def _range_words(bound: Bound) -> str | None:
    """``missile in all ranges from 18 to 264 units``; None when nothing certain is known.

    Every number says what it counts (flights, units or a mass), through the total's measure.
    """
    lo, hi = bound.outer
    spec = bound.spec
    m = spec.measure
    filtered = any(f is not None for f in (spec.to, spec.from_, spec.aircraft, spec.flights))
    label = spec.label if filtered else f"{spec.label} in all"
    if bound.max.unbounded and lo is not None:
        return f"{label} can be anything from {m.text(lo)} up, without limit"
    if lo is None or hi is None:
        return None
    if not bound.proven:
        between = m.extent(lo, hi, " and ")
        cutoff = bound.min.cutoff or bound.max.cutoff
        why = " in time" if cutoff in (None, Cutoff.TIME_LIMIT) else f": {stopped_by(cutoff)}"
        return f"{label} lies between {between} (the exact ends were not proven{why})"
    if lo == hi:
        return f"{label} is always {m.text(lo)}"
    return f"{label} ranges from {m.extent(lo, hi, ' to ')}"


def _asks(claim: Statement, req: Requirement) -> str:
    """The claim's bound with what it counts: ``at most 9 flights``, ``at least 84 units``.

    A bound on a mass is said from the requirement's numbers, through the total's measure
    (``at least 120,000 t``); a count from the bound as stated.
    """
    bound = stated_bound(claim)
    m = req.spec.measure
    if not m.is_mass:
        return f"{bound.words} {bound.noun_after(m.item)}"
    if bound.kind is BoundKind.BETWEEN and req.hi is not None:
        return f"between {m.extent(req.lo, req.hi, ' and ')}"
    if bound.kind is BoundKind.AT_LEAST or req.hi is None:
        return f"at least {m.text(req.lo)}"
    if bound.kind is BoundKind.AT_MOST:
        return f"at most {m.text(req.hi)}"
    return f"exactly {m.text(req.lo)}"


def _reason(verdict: Verdict, claim: Statement, req: Requirement, bound: Bound | None) -> str:
    """Why, in a sentence a reader can quote."""
    words = _range_words(bound) if bound is not None else None
    asks = _asks(claim, req)
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
        return ClaimResult(ref, verdict, True, _reason(verdict, claim, req, bound), range=bound)
    if holds.status is Feasibility.UNKNOWN:
        return ClaimResult(
            ref,
            Verdict.UNKNOWN,
            False,
            f"{stopped_by(holds.cutoff)} before it was proven possible or impossible",
            range=bound,
        )
    answers = negations(engine, req)
    fails = next((a.allocation for a in answers if a.status is Feasibility.FEASIBLE), None)
    if fails is not None:
        verdict = Verdict.CONSISTENT
        return ClaimResult(
            ref, verdict, True, _reason(verdict, claim, req, bound),
            holds=holds.allocation, fails=fails, range=bound,
        )  # fmt: skip
    if all(a.status is Feasibility.INFEASIBLE for a in answers):
        verdict = Verdict.IMPLIED
        return ClaimResult(
            ref,
            verdict,
            True,
            _reason(verdict, claim, req, bound),
            holds=holds.allocation,
            range=bound,
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
