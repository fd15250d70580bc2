"""Hand-built explanations covering every shape the explanation sections must render.

Built from :mod:`airlift.result` alone, like ``conftest.py``'s analyses, so the
explanation reports are tested without the solver. The figures follow the Belarus
scenario's story (18-22 Il-76 flights, 12 canister slots, 48 t payload) but are
illustrative, not its answers.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import Any

from airlift.result import (
    Allocation,
    AllocationRow,
    BoundKind,
    ClaimNeed,
    Conflict,
    Correction,
    Explanation,
    FlightCapacity,
    FlightCount,
    Relaxation,
    Role,
    StatedBound,
    StatementKey,
    StatementRef,
)


def renamed(ref: StatementRef, entry: str, **changes: Any) -> StatementRef:
    """``ref`` about another entry (same role, same limit), with other fields changed.

    The key is the reference's identity, so a new name is a new key, and ``id`` its text.
    """
    key = StatementKey(ref.key.role, entry, ref.key.field)
    return replace(ref, id=key.text, key=key, **changes)


MIRROR = "Daily Mirror, 2022-11-17"
HAJUN = "Belarusian Hajun, quoted by dziennik.pl, 2022-11-15"
BRITANNICA = "Encyclopaedia Britannica"

ALMOST_100 = StatementRef(
    "almost-100",
    "claim",
    "almost 100 missiles",
    41,
    "mirror",
    MIRROR,
    written="missile between 90 and 99",
    bound=StatedBound(BoundKind.BETWEEN, (90, 99), "missile"),
)
HAJUN_84 = StatementRef(
    "hajun-84",
    "claim",
    "at least 84 missiles",
    43,
    "hajun",
    HAJUN,
    written="missile at least 84",
    bound=StatedBound(BoundKind.AT_LEAST, (84,), "missile"),
)
LOADED = StatementRef(
    "every-flight-loaded",
    "assumption",
    "each flight carried missiles",
    37,
    "mirror",
    MIRROR,
    written="missile at least 1 per flight",
    bound=StatedBound(BoundKind.AT_LEAST, (1,), "missile", per_flight=True),
)
SHUTTLE = StatementRef(
    "belarus-shuttle",
    "flights",
    "about 20 Il-76 flights",
    30,
    "mirror",
    MIRROR,
    written="18-22 flights",
    count=FlightCount(18, 22),
)
PAYLOAD = StatementRef.of(
    StatementKey(Role.PAYLOAD, "Il-76MD"), None, 20, "britannica", BRITANNICA, written="48 t"
)
SLOTS = StatementRef.of(
    StatementKey(Role.LIMIT, "Il-76MD", "canister_slots"),
    None,
    22,
    "britannica",
    BRITANNICA,
    written="12",
)
MASS = StatementRef.of(StatementKey(Role.MASS, "48N6-canister"), None, 25, None, None, "2.3 t")
USES = StatementRef.of(
    StatementKey(Role.USES, "48N6-canister", "canister_slots"), None, 26, None, None, "1"
)
OVER_300 = StatementRef(
    "over-300",
    "claim",
    "more than 300 missiles",
    45,
    "mirror",
    MIRROR,
    written="missile at least 301",
    bound=StatedBound(BoundKind.AT_LEAST, (301,), "missile"),
)

WITNESS = Allocation(
    rows=(
        AllocationRow(
            "belarus-shuttle", "Millerovo", 26, (("48N6-canister", 4),), binds=("canister_slots",)
        ),
    ),
    count_binds=(("belarus-shuttle", "max"),),
)


def relax(
    ref: StatementRef,
    field: str,
    direction: str,
    unit: str,
    current: Fraction | int,
    needed: Fraction | int | None,
    current_text: str,
    needed_text: str | None,
    proven: bool = True,
    witness: Allocation | None = None,
) -> Relaxation:
    return Relaxation(
        ref,
        field,
        direction,
        unit,
        Fraction(current),
        None if needed is None else Fraction(needed),
        current_text,
        needed_text,
        proven,
        witness,
    )


CLAIMS_CONFLICT = Conflict(
    context="claims",
    members=(ALMOST_100, HAJUN_84, LOADED, PAYLOAD),
    proven=True,
    relaxations=(
        relax(ALMOST_100, "at_least", "down", "", 90, 88, "90", "88"),
        relax(PAYLOAD, "payload", "up", "kg", 48000, 61200, "48 t", "61.2 t", witness=WITNESS),
        relax(SHUTTLE, "count.max", "up", "", 22, 26, "22", "26"),
        relax(MASS, "mass", "down", "kg", 2300, Fraction(5750, 3), "2.3 t", "1.917 t"),
        relax(LOADED, "at_least", "down", "", 1, None, "1", None),
    ),
)
CLAIM_CONFLICT = Conflict(
    context="claim:over-300",
    members=(OVER_300, SHUTTLE, SLOTS, USES),
    proven=True,
    relaxations=(
        relax(SLOTS, "limits.canister_slots", "up", "", 12, 14, "12", "14"),
        relax(USES, "uses.canister_slots", "down", "", 1, None, "1", None),
    ),
)
UNPROVEN_CONFLICT = Conflict(
    context="claims",
    members=(HAJUN_84, SHUTTLE),
    proven=False,
    relaxations=(relax(SHUTTLE, "count.max", "up", "", 22, 30, "22", "30", proven=False),),
)
BASE_CONFLICT = Conflict(context="base", members=(LOADED, SHUTTLE, PAYLOAD), proven=True)

CAPACITIES = (
    FlightCapacity(
        "Il-76MD",
        "48N6-canister",
        12,
        ("canister_slots",),
        (("payload", 20), ("canister_slots", 12)),
    ),
    FlightCapacity(
        "Il-76MD",
        "40N6-canister",
        12,
        ("payload", "canister_slots"),
        (("payload", 12), ("canister_slots", 12), ("floor_length", None)),
    ),
    FlightCapacity("An-124", "pallet", None, (), (("payload", None),)),
)
NEEDS = (
    ClaimNeed(
        HAJUN_84, "missile to Millerovo", 84, 7, True, (18, 22), Fraction(84, 22), Fraction(12)
    ),
    ClaimNeed(OVER_300, "missile", 301, 26, True, (18, 22), Fraction(301, 22), Fraction(12)),
    ClaimNeed(ALMOST_100, "missile", 90, 8, False, (9, None), None, None),
    ClaimNeed(
        StatementRef("too-heavy", "claim", "a tank per flight", None, None, None),
        "tank",
        1,
        None,
        True,
        (20, 20),
        Fraction(1, 20),
        Fraction(0),
    ),
)
CORRECTION = Correction(drop=(HAJUN_84,), proven=True, example=WITNESS)


def full_explanation() -> Explanation:
    """Every kind of item: proven and unproven conflicts, a correction, thresholds, notes."""
    return Explanation(
        conflicts=(CLAIMS_CONFLICT, CLAIM_CONFLICT, UNPROVEN_CONFLICT, BASE_CONFLICT),
        correction=CORRECTION,
        capacities=CAPACITIES,
        needs=NEEDS,
        notes=("Conflicts were searched among the claims and for each inconsistent claim.",),
    )


def thresholds_only() -> Explanation:
    """A scenario whose claims hold together: only thresholds to show."""
    return Explanation(capacities=CAPACITIES[:1], needs=NEEDS[:1])


def unproven_only() -> Explanation:
    """Everything the time limit cut short."""
    return Explanation(
        conflicts=(UNPROVEN_CONFLICT,),
        correction=Correction(drop=(HAJUN_84, ALMOST_100), proven=False),
    )


EXPLANATIONS = {
    "full": full_explanation,
    "thresholds": thresholds_only,
    "unproven": unproven_only,
    "empty": Explanation,
}
