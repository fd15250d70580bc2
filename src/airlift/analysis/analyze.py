"""`analyze`: everything `airlift solve` answers about one scenario."""

from __future__ import annotations

from typing import Protocol

from airlift.analysis.engine import Engine
from airlift.analysis.totals import estimate_specs, requirement
from airlift.analysis.values import values_used
from airlift.analysis.verdicts import judge_claim
from airlift.model import SolveOptions
from airlift.result import (
    Analysis,
    Bound,
    Extreme,
    Feasibility,
    SolveStatus,
    StatementRef,
    TotalSpec,
)
from airlift.scenario.schema import Scenario

__all__ = ["analyze"]


class Located(Protocol):
    """A scenario read from a file, which knows the line of each field."""

    @property
    def scenario(self) -> Scenario: ...
    @property
    def file(self) -> str: ...
    def line_of(self, path: tuple[str | int, ...]) -> int | None: ...


def _source_label(scenario: Scenario, source: str | None) -> str | None:
    if source is None or source not in scenario.sources:
        return None
    s = scenario.sources[source]
    return f"{s.publisher}, {s.date}" if s.date else s.publisher


def _refs(scenario: Scenario, located: Located | None) -> dict[str, tuple[StatementRef, ...]]:
    def line(path: tuple[str | int, ...]) -> int | None:
        return located.line_of(path) if located is not None else None

    out: dict[str, tuple[StatementRef, ...]] = {}
    for role, key, items in (
        ("claim", "claims", scenario.claims),
        ("assumption", "assumptions", scenario.assumptions),
    ):
        out[key] = tuple(
            StatementRef(
                s.id, role, s.says, line((key, i)), s.source, _source_label(scenario, s.source)
            )
            for i, s in enumerate(items)
        )
    out["flights"] = tuple(
        StatementRef(
            g.id,
            "flights",
            g.says,
            line(("flights", i)),
            g.source,
            _source_label(scenario, g.source),
        )
        for i, g in enumerate(scenario.flights)
    )
    return out


def _bound(engine: Engine, spec: TotalSpec, base: Feasibility) -> Bound:
    if base is Feasibility.INFEASIBLE:
        return Bound(
            spec,
            Extreme("min", None, None, SolveStatus.INFEASIBLE),
            Extreme("max", None, None, SolveStatus.INFEASIBLE),
        )
    return Bound(spec, engine.extreme(spec, "min"), engine.extreme(spec, "max"))


def analyze(scenario: Scenario | Located, options: SolveOptions | None = None) -> Analysis:
    """Judge every claim and bound every estimated total of a scenario.

    Pass a :class:`~airlift.scenario.schema.Scenario`, or a loaded scenario
    (from :func:`airlift.scenario.load_scenario`) so that results cite lines.
    """
    options = options or SolveOptions()
    located = None if isinstance(scenario, Scenario) else scenario
    plain = scenario if isinstance(scenario, Scenario) else scenario.scenario
    refs = _refs(plain, located)
    engine = Engine(plain, options)

    base = engine.feasible()
    claims = tuple(
        judge_claim(engine, claim, ref, base)
        for claim, ref in zip(plain.claims, refs["claims"], strict=True)
    )
    if base.status is Feasibility.INFEASIBLE:
        joint_status, example = Feasibility.INFEASIBLE, None
    elif plain.claims:
        joint = engine.feasible([requirement(c) for c in plain.claims])
        joint_status, example = joint.status, joint.allocation
    else:
        joint_status, example = base.status, base.allocation
    bounds = tuple(_bound(engine, spec, base.status) for spec in estimate_specs(plain))
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
            lambda source: _source_label(plain, source),
        ),
        assumptions=refs["assumptions"],
        flight_groups=refs["flights"],
        settings=options.describe(),
        notes=tuple(engine.notes),
    )
