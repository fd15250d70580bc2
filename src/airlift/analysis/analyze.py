"""`analyze`: everything `airlift solve` answers about one scenario."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from airlift.analysis.engine import Answer, Engine
from airlift.analysis.explain import explain as explain_scenario
from airlift.analysis.refs import Located, source_label, statement_refs
from airlift.analysis.robust import RobustTable, robust_verdicts
from airlift.analysis.schedule import analyze_schedule
from airlift.analysis.totals import estimate_specs, requirement
from airlift.analysis.values import lane_limits, values_used
from airlift.analysis.verdicts import judge_claim
from airlift.model import SolveOptions, run_budget
from airlift.result import (
    Analysis,
    Bound,
    ClaimResult,
    Extreme,
    Feasibility,
    SolveStatus,
    StatementRef,
    TotalSpec,
)
from airlift.scenario.lanes import lane_notes
from airlift.scenario.legs import legs_notes
from airlift.scenario.schema import Scenario

__all__ = ["JudgedClaims", "analyze", "judge_claims"]


def _bound(engine: Engine, spec: TotalSpec, base: Feasibility) -> Bound:
    if base is Feasibility.INFEASIBLE:
        return Bound(
            spec,
            Extreme("min", None, None, SolveStatus.INFEASIBLE),
            Extreme("max", None, None, SolveStatus.INFEASIBLE),
        )
    return Bound(spec, engine.extreme(spec, "min"), engine.extreme(spec, "max"))


def analyze(
    scenario: Scenario | Located, options: SolveOptions | None = None, explain: bool = True
) -> Analysis:
    """Judge every claim and bound every estimated total of a scenario.

    Pass a :class:`~airlift.scenario.schema.Scenario`, or a loaded scenario
    (from :func:`airlift.scenario.load_scenario`) so that results cite lines.
    With ``explain`` (the default) the analysis also carries its
    :class:`~airlift.result.Explanation`: conflicts, relaxations, thresholds.
    ``options.max_seconds`` bounds the whole analysis in wall-clock time: what
    is unfinished then is unknown or a certified interval, and a note says so.
    """
    options = options or SolveOptions()
    with run_budget(options) as budget:
        analysis = _analyze(scenario, options, explain)
    note = budget.note()
    if note is None:
        return analysis
    return replace(analysis, notes=(*analysis.notes, note))


@dataclass(frozen=True)
class JudgedClaims:
    """Each claim's verdict, at the permissive corner and across the ranges: what a sweep
    needs of :func:`analyze` (no bounds, no explanation, no schedule)."""

    base_status: Feasibility
    claims: tuple[ClaimResult, ...]
    notes: tuple[str, ...]


def judge_claims(scenario: Scenario | Located, options: SolveOptions) -> JudgedClaims:
    """The claims of ``scenario`` judged as :func:`analyze` judges them (citing lines when
    it is a loaded scenario), within the run's wall-clock budget (``options.max_seconds``)."""
    plain = scenario if isinstance(scenario, Scenario) else scenario.scenario
    line_of = None if isinstance(scenario, Scenario) else scenario.line_of
    with run_budget(options):
        engine = Engine(plain, options)
        base, claims, robust = _judged(engine, statement_refs(plain, line_of)["claims"])
    return JudgedClaims(base.status, claims, (*engine.notes, *robust.notes))


def _judged(
    engine: Engine, refs: Sequence[StatementRef]
) -> tuple[Answer, tuple[ClaimResult, ...], RobustTable]:
    """The base's answer, and each claim's verdict with its verdict across the ranges."""
    scenario, options = engine.scenario, engine.options
    base = engine.feasible()
    claims = tuple(
        judge_claim(engine, claim, ref, base)
        for claim, ref in zip(scenario.claims, refs, strict=True)
    )
    robust = robust_verdicts(scenario, options, engine.compiler.grains, claims, base.status)
    claims = tuple(replace(c, robust=r) for c, r in zip(claims, robust.claims, strict=True))
    return base, claims, robust


def _analyze(scenario: Scenario | Located, options: SolveOptions, explain: bool) -> Analysis:
    located = None if isinstance(scenario, Scenario) else scenario
    plain = scenario if isinstance(scenario, Scenario) else scenario.scenario
    refs = statement_refs(plain, located.line_of if located is not None else None)
    engine = Engine(plain, options)
    base, claims, robust = _judged(engine, refs["claims"])
    if base.status is Feasibility.INFEASIBLE:
        joint_status, example = Feasibility.INFEASIBLE, None
    elif plain.claims:
        joint = engine.feasible([requirement(c, plain) for c in plain.claims])
        joint_status, example = joint.status, joint.allocation
    else:
        joint_status, example = base.status, base.allocation
    bounds = tuple(_bound(engine, spec, base.status) for spec in estimate_specs(plain))
    explanation = (
        explain_scenario(
            scenario,
            options,
            engine=engine,
            verdicts={c.ref.id: c.verdict for c in claims},
        )
        if explain
        else None
    )
    schedule = analyze_schedule(
        plain,
        getattr(located, "legs", {}),
        options,
        located.line_of if located is not None else None,
        claims,
    )
    return Analysis(
        title=plain.title,
        file=located.file if located is not None else None,
        base_status=base.status,
        status=joint_status,
        claims=claims,
        bounds=bounds,
        example=example,
        values_used=values_used(
            plain,
            located.line_of if located is not None else None,
            lambda source: source_label(plain, source),
            getattr(located, "origin_of", None),
        ),
        assumptions=refs["assumptions"],
        flight_groups=refs["flights"],
        settings=options.describe(),
        notes=(*legs_notes(plain), *lane_notes(plain), *engine.notes, *robust.notes),
        explanation=explanation,
        lane_limits=lane_limits(plain),
        ranges=robust.ranges,
        base_holds=robust.base,
        schedule=schedule,
    )
