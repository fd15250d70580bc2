"""Hand-built analyses covering every shape a report must render.

They are built in code from :mod:`airlift.result` alone, so the report tests run
without the loader or the solver. Each fixture is one situation the issue names:
proven bounds, bounds cut by the time limit, an unbounded maximum, a time-limited
base, an inconsistent base, claims that cannot hold together (no example), and
text full of characters that could break a table.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from airlift.result import (
    Allocation,
    AllocationRow,
    Analysis,
    Bound,
    ClaimResult,
    Extreme,
    Feasibility,
    Role,
    SolveStatus,
    StatementKey,
    StatementRef,
    TotalSpec,
    ValueUsed,
    Verdict,
)

MIRROR = "Daily Mirror, 2022-11-17"
HAJUN = "Belarusian Hajun, quoted by dziennik.pl, 2022-11-15"
SETTINGS: dict[str, object] = {"time_limit": 10.0, "seed": 0, "workers": 1}


def row(group: str, to: str, count: int, **load: int) -> AllocationRow:
    """An allocation row; cargo names use ``_`` for ``-`` (``n48N6=4``)."""
    items = tuple((name.replace("_", "-").lstrip("n"), n) for name, n in load.items() if n)
    return AllocationRow(flights=group, to=to, count=count, load=items)


def alloc(*rows: AllocationRow) -> Allocation:
    return Allocation(rows=rows)


EXAMPLE = alloc(
    row("belarus-shuttle", "Millerovo", 12, n48N6_canister=4, n40N6_canister=1),
    row("belarus-shuttle", "Chkalovsky", 6, n48N6_canister=5),
    row("belarus-shuttle", "Seshcha", 2),
)
LOW = alloc(row("belarus-shuttle", "Millerovo", 18, n48N6_canister=1))
HIGH = alloc(row("belarus-shuttle", "Rostov-on-Don", 22, n48N6_canister=12))


def claim(
    cid: str,
    verdict: Verdict,
    *,
    says: str | None = None,
    settled: bool = True,
    reason: str = "see the allocations",
    line: int | None = 40,
    source: str | None = "mirror",
    label: str | None = MIRROR,
    holds: Allocation | None = None,
    fails: Allocation | None = None,
) -> ClaimResult:
    ref = StatementRef(
        id=cid,
        role="claim",
        says=says if says is not None else f"says {cid}",
        line=line,
        source=source,
        source_label=label,
    )
    return ClaimResult(
        ref=ref, verdict=verdict, settled=settled, reason=reason, holds=holds, fails=fails
    )


def exact(sense: str, value: int, witness: Allocation | None = None) -> Extreme:
    return Extreme(
        sense=sense,
        lo=value,
        hi=value,
        status=SolveStatus.OPTIMAL,
        witness=witness,
        witness_value=value if witness else None,
    )


def bound(spec: TotalSpec, lo: Extreme, hi: Extreme) -> Bound:
    return Bound(spec=spec, min=lo, max=hi)


def value(
    key: StatementKey,
    written: str,
    used: Fraction | int,
    unit: str,
    *,
    used_text: str = "",
    line: int | None = None,
    source: str | None = None,
) -> ValueUsed:
    """A value used, its field path the key's text; masses and uses at their smallest."""
    side = "min" if key.role in (Role.MASS, Role.USES) else "max"
    return ValueUsed(
        key.text, written, Fraction(used), unit, side, line, source, key=key, used_text=used_text
    )


VALUES = (
    value(
        StatementKey(Role.PAYLOAD, "Il-76MD"),
        "{min: 40 t, max: 48 t}",
        48000,
        "kg",
        used_text="48 t",
        line=14,
        source="Encyclopaedia Britannica",
    ),
    value(StatementKey(Role.LIMIT, "Il-76MD", "canister_slots"), "12", 12, "", used_text="12"),
    # without the text as written, the exact value in the unit it reaches: 2.3 t
    value(StatementKey(Role.MASS, "48N6-canister"), "{min: 2.3 t, max: 3.3 t}", 2300, "kg"),
    value(
        StatementKey(Role.MASS, "40N6-canister"),
        "{min: 5,001.5 lb, max: 7,500 lb}",
        Fraction("5001.5") * Fraction("0.45359237"),
        "kg",
        used_text="5,001.5 lb",
    ),
    value(StatementKey(Role.MASS, "ration"), "12.5 kg", Fraction(25, 2), "kg", used_text="12.5 kg"),
)
GROUPS = (
    StatementRef("belarus-shuttle", "flights", "about 20 Il-76 flights", 30, "mirror", MIRROR),
)
ASSUMPTIONS = (
    StatementRef(
        "every-flight-loaded", "assumption", "each flight carried missiles", 37, "mirror", MIRROR
    ),
)


def base_analysis(**changes: object) -> Analysis:
    """A consistent Belarus-like analysis with proven bounds; ``changes`` override fields."""
    fields: dict[str, object] = dict(
        title="S-300/S-400 missiles flown out of Belarus, 9-13 November 2022",
        file="scenarios/belarus-2022.yaml",
        base_status=Feasibility.FEASIBLE,
        status=Feasibility.FEASIBLE,
        claims=(
            claim(
                "at-least-18",
                Verdict.IMPLIED,
                says="at least 18 missiles",
                reason="every allocation carries at least 18",
                line=41,
                holds=EXAMPLE,
            ),
            claim(
                "at-least-70",
                Verdict.CONSISTENT,
                says="at least 70 missiles in all",
                line=42,
                holds=EXAMPLE,
                fails=LOW,
            ),
            claim(
                "hajun-84",
                Verdict.CONSISTENT,
                says="at least 84 missiles",
                line=44,
                source="hajun",
                label=HAJUN,
                holds=HIGH,
                fails=LOW,
            ),
            claim(
                "over-300",
                Verdict.INCONSISTENT,
                says="more than 300 missiles",
                reason="at most 264 missiles fit on 22 flights of 12 canister slots",
                line=45,
                fails=HIGH,
            ),
        ),
        bounds=(
            bound(TotalSpec("missile"), exact("min", 18, LOW), exact("max", 264, HIGH)),
            bound(
                TotalSpec("missile", to=("Chkalovsky",)),
                exact("min", 0, LOW),
                exact("max", 264, HIGH),
            ),
            bound(
                TotalSpec("flights", to=("Millerovo", "Seshcha")),
                exact("min", 0, HIGH),
                exact("max", 22, LOW),
            ),
        ),
        example=EXAMPLE,
        values_used=VALUES,
        assumptions=ASSUMPTIONS,
        flight_groups=GROUPS,
        settings=dict(SETTINGS),
        notes=("The reports disagree on the number of flights.",),
    )
    fields.update(changes)
    return Analysis(**fields)  # type: ignore[arg-type]


UNPROVEN_SPEC = TotalSpec("missile", to=("Millerovo",))


def unproven_analysis() -> Analysis:
    """Bounds cut by the time limit: certified intervals, not numbers."""
    return base_analysis(
        claims=(
            claim(
                "hajun-84",
                Verdict.CONSISTENT,
                settled=False,
                reason="possible; the time limit stopped the check for implied",
                holds=HIGH,
            ),
        ),
        bounds=(
            bound(
                UNPROVEN_SPEC,
                Extreme("min", 70, 74, SolveStatus.FEASIBLE, witness=LOW, witness_value=74),
                Extreme("max", 84, 96, SolveStatus.FEASIBLE, witness=HIGH, witness_value=84),
            ),
            bound(TotalSpec("flights"), exact("min", 18), exact("max", 22)),
            bound(
                TotalSpec("missile", to=("Seshcha",)),
                Extreme("min", None, 5, SolveStatus.FEASIBLE, witness=LOW, witness_value=5),
                Extreme("max", 50, None, SolveStatus.FEASIBLE, witness=HIGH, witness_value=50),
            ),
        ),
    )


UNBOUNDED_SPEC = TotalSpec("missile", flights=("open-group",))


def unbounded_analysis() -> Analysis:
    """A group with an open count: the maximum is unbounded, never a number."""
    return base_analysis(
        bounds=(
            bound(
                UNBOUNDED_SPEC,
                exact("min", 9, LOW),
                Extreme("max", None, None, SolveStatus.OPTIMAL, unbounded=True),
            ),
        )
    )


def unknown_analysis() -> Analysis:
    """The time limit ran out everywhere: nothing may read as infeasible."""
    nothing = Extreme("min", None, None, SolveStatus.UNKNOWN)
    return base_analysis(
        base_status=Feasibility.UNKNOWN,
        status=Feasibility.UNKNOWN,
        claims=(
            claim(
                "at-least-70",
                Verdict.UNKNOWN,
                settled=False,
                reason="the time limit ran out before the claim was decided",
            ),
            claim(
                "hajun-84",
                Verdict.UNKNOWN,
                settled=False,
                reason="the time limit ran out before the claim was decided",
            ),
        ),
        bounds=(
            bound(TotalSpec("missile"), nothing, Extreme("max", None, None, SolveStatus.UNKNOWN)),
        ),
        example=None,
    )


def inconsistent_base_analysis() -> Analysis:
    """The observations and assumptions contradict each other."""
    none = Extreme("min", None, None, SolveStatus.INFEASIBLE)
    return base_analysis(
        base_status=Feasibility.INFEASIBLE,
        status=Feasibility.INFEASIBLE,
        claims=(
            claim(
                "at-least-70",
                Verdict.INCONSISTENT,
                reason="the observations and assumptions are inconsistent",
            ),
        ),
        bounds=(
            bound(TotalSpec("missile"), none, Extreme("max", None, None, SolveStatus.INFEASIBLE)),
        ),
        example=None,
    )


def no_example_analysis() -> Analysis:
    """Each claim is possible alone, but not all together."""
    return base_analysis(
        status=Feasibility.INFEASIBLE,
        claims=(
            claim("at-most-50", Verdict.CONSISTENT, holds=LOW, fails=HIGH),
            claim("hajun-84", Verdict.CONSISTENT, holds=HIGH, fails=LOW),
        ),
        example=None,
    )


def awkward_analysis() -> Analysis:
    """Pipes, markup, newlines, non-ASCII text and very long prose in every field."""
    long = "because " + " ".join(f"reason{i}" for i in range(60))
    return base_analysis(
        title="Ракеты | *moved* <out> of_Belarus_",
        file="data/odd|name.yaml",
        claims=(
            claim(
                "a|b",
                Verdict.CONSISTENT,
                says="pipes | and *stars* and\nnewlines",
                reason=long,
                label="Source | with pipe",
            ),
            claim("x" * 120, Verdict.IMPLIED, says=None, line=None, source=None, label=None),
        ),
        bounds=(bound(TotalSpec("missile", to=("A|B",)), exact("min", 1), exact("max", 2)),),
        example=alloc(row("g|1", "A|B", 3, n48N6_canister=2)),
        notes=("note with | pipe",),
        settings={"time_limit": 0.25, "seed": 7, "workers": 1, "extra": {"b": 2, "a": 1.5}},
    )


def empty_analysis() -> Analysis:
    """No claims, no bounds, no assumptions, no values, no settings."""
    return base_analysis(
        claims=(),
        bounds=(),
        assumptions=(),
        values_used=(),
        notes=(),
        settings={},
        example=Allocation(rows=()),
        file=None,
    )


BUILDERS = {
    "proven": base_analysis,
    "unproven": unproven_analysis,
    "unbounded": unbounded_analysis,
    "unknown": unknown_analysis,
    "inconsistent_base": inconsistent_base_analysis,
    "no_example": no_example_analysis,
    "awkward": awkward_analysis,
    "empty": empty_analysis,
}


@pytest.fixture(params=sorted(BUILDERS))
def any_analysis(request: pytest.FixtureRequest) -> Analysis:
    """Every fixture analysis in turn."""
    return BUILDERS[request.param]()


@pytest.fixture
def proven() -> Analysis:
    return base_analysis()


@pytest.fixture
def unproven() -> Analysis:
    return unproven_analysis()


@pytest.fixture
def unbounded() -> Analysis:
    return unbounded_analysis()


@pytest.fixture
def unknown() -> Analysis:
    return unknown_analysis()


@pytest.fixture
def inconsistent_base() -> Analysis:
    return inconsistent_base_analysis()


@pytest.fixture
def no_example() -> Analysis:
    return no_example_analysis()


@pytest.fixture
def awkward() -> Analysis:
    return awkward_analysis()


@pytest.fixture
def empty() -> Analysis:
    return empty_analysis()
