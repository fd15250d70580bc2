"""Every scenario shipped in scenarios/ loads, solves, and gives its expected verdicts."""

from __future__ import annotations

import functools
from fractions import Fraction
from pathlib import Path

import pytest

from airlift.analysis import analyze
from airlift.model import SolveOptions
from airlift.report import render_text
from airlift.result import Analysis, Extent, Feasibility, Verdict
from airlift.scenario import load_scenario, load_scenario_text

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
OPTIONS = SolveOptions(time_limit=30, seed=0)

IMPLIED, CONSISTENT, INCONSISTENT = Verdict.IMPLIED, Verdict.CONSISTENT, Verdict.INCONSISTENT

#: Per file: expected claim verdicts, and expected (min, max) of some totals.
#: Belarus 2022: 18-22 Il-76 flights, each with at least one and (12 canister
#: slots) at most 12 canisters, so 18-264 missiles in all. Any destination may
#: receive all or none of them. Every published total lies inside that range,
#: so each is possible and none is forced; "at least 9 aircraft" is forced.
EXPECTED: dict[str, tuple[dict[str, Verdict], dict[str, tuple[int, int | None]]]] = {
    "belarus-2022.yaml": (
        {
            "at-least-70": CONSISTENT,
            "almost-100": CONSISTENT,
            "hajun-84": CONSISTENT,
            "hajun-9-aircraft": IMPLIED,
            "chkalovsky": CONSISTENT,
            "millerovo": CONSISTENT,
            "rostov-on-don": CONSISTENT,
            "seshcha": CONSISTENT,
            "hajun-millerovo": CONSISTENT,
            "rostov-region": CONSISTENT,
            "moscow-region": CONSISTENT,
            "bryansk-region": CONSISTENT,
        },
        {
            "missile": (18, 12 * 22),
            "missile to Chkalovsky": (0, 12 * 22),
            "flights": (18, 22),
            "flights to Seshcha": (0, 22),
        },
    ),
    # Hajun variant, one tier: at least 9 flights (open above), at least 84 missiles, at most
    # 6 canisters a flight (the permissive end of a one-tier estimate of 4-6).
    "belarus-2022-hajun-one-tier.yaml": (
        {
            # 84 missiles at <= 6 a flight need ceil(84 / 6) = 14 flights; 9 x 6 = 54 < 84.
            "nine-aircraft-carried-84": INCONSISTENT,
            # 18 flights x 6 = 108 >= 84, and the count may also be 14-17 or above 22.
            "mirror-about-20-flights": CONSISTENT,
            # 90-99 needs 15-17 flights of 6; the count is open above, and 84 is also possible.
            "mirror-almost-100": CONSISTENT,
            # at least 84 (assumed) >= 70 in every allocation.
            "mirror-at-least-70": IMPLIED,
            # each flight lands at any of the four airfields: all or none may go anywhere.
            "hajun-millerovo": CONSISTENT,
            "rostov-region": CONSISTENT,
            "moscow-region": CONSISTENT,
            "bryansk-region": CONSISTENT,
        },
        {
            # min 14 flights (above); the count is open, so no finite maximum.
            "flights": (14, None),
            # min 84 by assumption, reachable on 14 flights (14 x 6 = 84 >= 84).
            "missile": (84, None),
            "missile to Millerovo": (0, None),
        },
    ),
    # Hajun variant, two tiers: the same base with at most 12 canisters a flight (by mass
    # 48 t / 2.3 t = 20, so the 12 places bind).
    "belarus-2022-hajun-two-tier.yaml": (
        {
            # 9 flights x 12 = 108 >= 84: the nine aircraft, one trip each, can carry 84.
            "nine-aircraft-carried-84": CONSISTENT,
            "mirror-about-20-flights": CONSISTENT,
            "mirror-almost-100": CONSISTENT,
            "mirror-at-least-70": IMPLIED,
            "hajun-millerovo": CONSISTENT,
            "rostov-region": CONSISTENT,
            "moscow-region": CONSISTENT,
            "bryansk-region": CONSISTENT,
        },
        {
            # ceil(84 / 12) = 7 < 9, so the count's own floor of 9 is the minimum.
            "flights": (9, None),
            "missile": (84, None),
        },
    ),
    # Kabul: C-17 floor 14,716 dm² (88 ft x 18 ft, rounded up), an adult 18-25 dm² and a
    # child 5-12 dm² (decided at 18 and 5), payload up to 170,900 lb = 77,519 kg, an adult
    # 40-100 kg and a child 10-40 kg (decided at 40 and 10).
    "kabul-2021.yaml": (
        {
            # one flight: 640 x 18 + 183 x 5 = 12,435 <= 14,716 dm², and by mass
            # 640 x 40 + 183 x 10 = 27,430 kg <= 77,519 kg; other loads exist too.
            "amc-640-adults": CONSISTENT,
            "amc-183-children": CONSISTENT,
            "amc-823": CONSISTENT,
            # 620-660 and 750-850 lie within 1..1,051 (below), and so do other loads.
            "defense-one-640": CONSISTENT,
            "crew-800": CONSISTENT,
            # the 23 August window: 15 flights carried >= 6,600, but 15 x 336 = 5,040,
            # 15 x 134 = 2,010 and 15 x 102 = 1,530 are all < 6,600.
            "usa-today-336": INCONSISTENT,
            "boeing-134": INCONSISTENT,
            "fact-sheet-102": INCONSISTENT,
        },
        {
            # at least 1 (every flight loaded); at most 14,716 // 5 = 2,943 children by floor
            # (29,430 kg), more than any mix with adults.
            "person in reach-871": (1, 2943),
            # the assumption's 6,600-6,700; 15 x 2,943 leaves the top to it.
            "person in aug-23-window": (6600, 6700),
            "flights": (16, 16),
        },
    ),
    # Syria 2018: 5-7 An-124 flights of 120 t and 73 m of lane; decided at the light, short
    # ends: launcher 28.95 t / 13.1 m, radar-or-command 25 t / 11.5 m, support 5 t / 6 m.
    "syria-s300-2018.yaml": (
        {
            # 7 flights x 12 support vehicles (73 // 6 = 12; 12 x 5 t = 60 t) = 84 >= 49; even
            # 5 flights hold 51 with the named vehicles (2 x (2 launchers + 7 support), 1 x
            # (3 radar/command + 6 support), 2 x 12 support).
            "shoigu-49": CONSISTENT,
            # 0..28 launchers (below) includes 4 and 1, and also 0.
            "shoigu-4-launchers": CONSISTENT,
            "shoigu-named-vehicles": CONSISTENT,
            "zvezda-launchers-by-air": CONSISTENT,
        },
        {
            # min: 5 flights x 1 piece; max: 7 x 12 support vehicles.
            "equipment": (5, 84),
            # 7 x min(120 // 28.95 = 4, 73 // 13.1 = 5) = 28.
            "launcher": (0, 28),
            # 7 x min(120 // 25 = 4, 73 // 11.5 = 6) = 28.
            "radar-or-command": (0, 28),
            "flights": (5, 7),
        },
    ),
    # Turkey 2019, first stage: 3 + 27..36 = 30..39 An-124 flights of 120 t and 73 m of lane;
    # launchers decided at 20 t / 12 m, other vehicles at 10 t / 7 m.
    "turkey-s400-2019.yaml": (
        {
            # 30..39 flights include both 30 and 31+, but not at once (see TOGETHER).
            "more-than-30": CONSISTENT,
            "total-30": CONSISTENT,
            # 3 flights x 10 other vehicles (73 // 7 = 10; 10 x 10 t = 100 t) >= 3; or 0.
            "day-one-vehicles": CONSISTENT,
            # 8, 16, 32 launchers all lie within 0..234 (below); 0 is possible too, since
            # a flight may carry other vehicles only.
            "first-battery": CONSISTENT,
            "regiment-set": CONSISTENT,
            "four-battalion-sets": CONSISTENT,
        },
        {
            "flights": (30, 39),
            # 39 flights x min(120 // 20 = 6, 73 // 12 = 6) = 234.
            "launcher": (0, 234),
            "other-vehicle in jul-12": (0, 30),
        },
    ),
    # Syria 2020: seven Il-76 flights read from a leg file, counted as at least seven (open
    # above, the default for tracking data). An Il-76MD lifts at most 48 t, so no flight
    # carried 60 t. (The materiel is unbounded above too, for the same open count; see
    # test_syria_2020_bulk_over_an_open_count_is_unbounded.)
    "syria-il76-2020.yaml": (
        {
            "seven-il76": IMPLIED,
            "up-to-60-t-each": INCONSISTENT,
        },
        {"flights": (7, None)},
    ),
    # Berlin 1948-49: one unit = one short ton. Per flight: C-54 28,000 lb = 14, C-74
    # 50,000 lb = 25, C-47 3.5 t = 3.86 -> 3. Flights: 24 C-74, 500 C-47 (first five days),
    # 1,398 C-54 (Easter Parade), the rest split freely; 276,926..278,228 in all.
    "berlin-1948.yaml": (
        {
            # 559,742 kg > 24 x 50,000 lb = 544,310.844 kg (617.01 > 600 short tons).
            "c74-24-flights": INCONSISTENT,
            # 20,362 kg <= 50,000 lb on the one first flight; 0 is possible too.
            "c74-first-load": CONSISTENT,
            # 113,400 kg <= 6 x 50,000 lb = 136,077.711 kg.
            "c74-air-force-day": CONSISTENT,
            # 1,274 t <= 500 x 3.5 t = 1,750 t (whole short tons counted 1,404 of 1,500).
            "first-five-days-tonnage": CONSISTENT,
            # 12,940 short tons and 11,000 t, both <= 1,398 x 14 = 19,572 short tons.
            "easter-upi": CONSISTENT,
            "easter-metric": CONSISTENT,
            # 2,325,509.6 t / 2,325,808 t / 2,343,301.5 short tons, all below the bound below.
            "total-nuberlin": CONSISTENT,
            "total-raf": CONSISTENT,
            "total-afhf": CONSISTENT,
            # each within 276,926..278,228; no two at once.
            "flights-nuberlin": CONSISTENT,
            "flights-reading-eagle": CONSISTENT,
            "flights-berlin-brigade": CONSISTENT,
        },
        {
            # In short tons (the estimate rows' unit), exactly. 278,228 flights at most, 24
            # C-74 and 500 C-47 fixed, the other 277,704 C-54s: 28,000 lb is 14 short tons,
            # 50,000 lb is 25, and the C-47's 3.5 t now counts in full (not 3 whole tons).
            "supplies": (0, 277704 * 14 + 24 * 25 + 500 * 3500 / Fraction("907.18474")),
            "supplies in c74-first or c74-air-force-day or c74-other": (0, 600),
            "supplies in easter-parade": (0, 1398 * 14),
            # C-47: the 500 of the first five days, up to 500 + 276,306 when every remaining
            # flight (278,228 - 24 - 500 - 1,398 = 276,306) is twin-engined.
            "flights on C-47": (500, 276806),
            "flights on C-54": (1398, 1398 + 276306),
            "flights on C-74": (24, 24),
        },
    ),
    # Israel 2023-24: 500 flights, each a C-17 (77,519 kg, the catalogue's 170,900 lb rounded
    # up to the kilogram) or a 747-class stand-in (140,000 kg), and 107 sailings of at most
    # 14,000 t. Tonnes throughout (the sources' "tons", read as metric).
    "israel-2023.yaml": (
        {
            # 45 planes by 20 October: up to 45 x 140 t = 6,300 t (and ships) >= 1,000 t.
            "oct20-total": CONSISTENT,
            # The 45th plane alone: at most 140 t < 1,000 t (it would take 8 flights).
            "oct20-one-plane": INCONSISTENT,
            # 45 flights by 20 October, fixed by the observations; Haaretz: 22 in October.
            "haaretz-october": INCONSISTENT,
            # 123 planes lift up to 123 x 140 t = 17,220 t (and 7 ships) >= 7,000 t.
            "nov9-total": CONSISTENT,
            # Everything to 6 December >= 10,000 t; the 200 planes alone up to 28,000 t, and
            # up to 200 x 77.519 t = 15,503.8 t even if all were C-17s.
            "dec6-total": CONSISTENT,
            "dec6-by-air": CONSISTENT,
            "dec6-by-air-on-c17": CONSISTENT,
            # 244 planes and 20 ships >= 10,000 t.
            "dec25-total": CONSISTENT,
            # 244 flights by 25 December, fixed; Haaretz: 22 + 47 + 37 = 106 to December.
            "haaretz-to-december": INCONSISTENT,
            # 50,000 t <= 500 x 140 t + 107 x 14,000 t; by air alone, <= 500 x 140 t = 70,000 t.
            "aug24-total": CONSISTENT,
            "aug24-by-air": CONSISTENT,
            # On C-17s: 500 x 77,519 kg = 38,759.5 t < 50,000 t (it would take 646 flights).
            "aug24-by-air-on-c17": INCONSISTENT,
        },
        {
            # All 500 flights as 747-class (140 t) and all 107 sailings full (14,000 t).
            "materiel": (0, 500 * 140 + 107 * 14000),
            "materiel on C-17A": (0, 500 * Fraction(77519, 1000)),
            "materiel on B747F": (0, 500 * 140),
            "materiel on cargo-ship": (0, 107 * 14000),
            # The 200 planes to 6 December, all 747-class.
            "materiel in oct20-c17 or oct20-747 or plane45-c17 or plane45-747"
            " or nov9-c17 or nov9-747 or dec6-c17 or dec6-747": (0, 200 * 140),
            # Each period's planes may all be of either type; the sailings are 7 + 13 + 87.
            "flights on C-17A": (0, 500),
            "flights on B747F": (0, 500),
            "sailings on cargo-ship": (107, 107),
            # If all 50,000 t came by air: (50,000 t - 500 x 77.519 t) / (140 t - 77.519 t)
            # = 179.9, so at least 180 of the 500 flights were 747-class.
            "flights on B747F given aug24-by-air": (180, 500),
        },
    ),
}

#: Whether all claims of a file can hold at once (the report's overall status), where a
#: file's claims are designed to clash. Hajun one tier: `nine-aircraft-carried-84` is
#: impossible alone. Hajun two tiers: "at most 9 flights" (Hajun, literally) and "18-22
#: flights" (Mirror) are each possible but exclude each other. Kabul: three capacity claims are
#: impossible alone (and 640 and 823 people on one flight exclude each other). Syria: all four
#: claims fit five flights together (51 >= 49 pieces, see its entry). Turkey: "more than 30"
#: and "a total of 30" flights exclude each other. Berlin: the C-74's 24 flights cannot carry
#: 617 short tons, and the three flight totals exclude each other. Israel: one plane cannot
#: carry 1,000 t, 500 C-17 flights cannot carry 50,000 t, and Haaretz's flight counts are
#: below the ministry's.
TOGETHER: dict[str, Feasibility] = {
    "belarus-2022-hajun-one-tier.yaml": Feasibility.INFEASIBLE,
    "belarus-2022-hajun-two-tier.yaml": Feasibility.INFEASIBLE,
    "kabul-2021.yaml": Feasibility.INFEASIBLE,
    "syria-s300-2018.yaml": Feasibility.FEASIBLE,
    "syria-il76-2020.yaml": Feasibility.INFEASIBLE,
    "turkey-s400-2019.yaml": Feasibility.INFEASIBLE,
    "berlin-1948.yaml": Feasibility.INFEASIBLE,
    "israel-2023.yaml": Feasibility.INFEASIBLE,
}


@functools.cache
def _analysis(name: str) -> Analysis:
    """Each file is analysed once per test run; results are frozen, so tests can share them."""
    return analyze(load_scenario(SCENARIOS / name), OPTIONS)


def test_every_scenario_file_has_expectations() -> None:
    assert sorted(p.name for p in SCENARIOS.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_scenario_solves_with_expected_verdicts(name: str) -> None:
    verdicts, bounds = EXPECTED[name]
    analysis = _analysis(name)
    assert analysis.base_status is Feasibility.FEASIBLE
    assert {c.ref.id: c.verdict for c in analysis.claims} == verdicts
    assert all(c.settled for c in analysis.claims)
    found = {
        b.spec.label: tuple(None if n is None else b.spec.measure.value(n) for n in b.outer)
        for b in analysis.bounds
        if b.proven
    }
    for label, expected in bounds.items():
        assert found.get(label) == expected, label
    # Every value the model used cites the line it is written on.
    assert all(v.line is not None for v in analysis.values_used)
    if name in TOGETHER:
        assert analysis.status is TOGETHER[name]
    every_claim_possible = all(v is not INCONSISTENT for v in verdicts.values())
    if every_claim_possible and analysis.status is Feasibility.FEASIBLE:
        assert analysis.example is not None


def _relaxed(analysis: Analysis, statement: str, field: str) -> int | None:
    assert analysis.explanation is not None
    for conflict in analysis.explanation.conflicts:
        for r in conflict.relaxations:
            if r.statement.id == statement and r.field == field:
                return int(r.needed) if r.needed is not None else None
    raise AssertionError(f"no relaxation of {statement}.{field}")


@pytest.mark.parametrize("name", sorted(TOGETHER))
def test_clashing_scenarios_explain_their_conflicts(name: str) -> None:
    """Every file whose claims clash reports proven conflicts, each with relaxations, in words."""
    analysis = _analysis(name)
    assert analysis.explanation is not None
    conflicts = analysis.explanation.conflicts
    if TOGETHER[name] is Feasibility.FEASIBLE:
        assert conflicts == ()
        return
    assert conflicts and all(c.proven and c.relaxations for c in conflicts)
    inconsistent = {c.ref.id for c in analysis.claims if c.verdict is INCONSISTENT}
    assert {f"claim:{i}" for i in inconsistent} <= {c.context for c in conflicts}
    assert analysis.explanation.correction is not None
    text = render_text(analysis)
    for conflict in conflicts:
        for member in conflict.members:
            if member.line is not None:
                assert f"line {member.line}" in text


def test_hajun_one_tier_needs_fourteen_flights_or_ten_a_flight() -> None:
    """Nine flights of at most 6 canisters carry at most 54 < 84 (Hajun's count).

    The conflict is the claim of 9 flights, the 84 missiles and the one-tier loading; it ends
    with ceil(84 / 6) = 14 flights, or 84 reduced to 9 x 6 = 54, or ceil(84 / 9) = 10 a flight.
    """
    analysis = _analysis("belarus-2022-hajun-one-tier.yaml")
    assert analysis.explanation is not None
    (conflict,) = [
        c for c in analysis.explanation.conflicts if c.context == "claim:nine-aircraft-carried-84"
    ]
    assert {m.id for m in conflict.members} == {"nine-aircraft-carried-84", "hajun-84", "loading"}
    assert _relaxed(analysis, "nine-aircraft-carried-84", "at_most") == 14
    assert _relaxed(analysis, "hajun-84", "at_least") == 54
    assert _relaxed(analysis, "loading", "at_most") == 10


def _relaxations(analysis: Analysis, context: str) -> dict[tuple[str, str], int | None]:
    """The relaxations of the conflicts explaining ``context``, by (statement id, field)."""
    assert analysis.explanation is not None
    return {
        (r.statement.id, r.field): None if r.needed is None else int(r.needed)
        for c in analysis.explanation.conflicts
        if c.context == context
        for r in c.relaxations
    }


def test_israel_one_plane_and_c17s_fall_short() -> None:
    """One flight lifts at most 140 t; 500 C-17 flights at most 500 x 77,519 kg = 38,759.5 t.

    The 45th plane's "1,000 tons" ends at 140,000 kg, or with ceil(1,000 / 140) = 8 flights.
    50,000 t on C-17s ends at 38,759,500 kg, or with ceil(50,000,000 / 77,519) = 646 C-17
    flights: the last period's 256 raised to 402 (646 - 244), the 45th plane's 1 to 147
    (646 - 499), or a payload of 50,000 t / 500 = 100 t. Relaxed masses are in kg.
    """
    analysis = _analysis("israel-2023.yaml")
    one_plane = _relaxations(analysis, "claim:oct20-one-plane")
    assert one_plane[("oct20-one-plane", "at_least")] == 140_000
    assert one_plane[("plane-45", "equals")] == 8
    c17 = _relaxations(analysis, "claim:aug24-by-air-on-c17")
    assert c17[("aug24-by-air-on-c17", "at_least")] == 38_759_500
    assert c17[("aug24-c17", "count.max")] == 402
    assert c17[("plane-45", "equals")] == 147
    assert c17[("aircraft.C-17A.payload", "payload")] == 100_000


# --------------------------------------------------------------------------- across the ranges


def test_flagship_verdicts_hold_for_every_value_in_its_ranges() -> None:
    """Missiles per flight stay capped at 12 at both corners (40 t / 3.3 t >= 12), so no
    value inside the flagship's ranges changes a verdict (the uncertainty notes, section 0)."""
    a = _analysis("belarus-2022.yaml")
    assert a.base_holds is Extent.EVERY
    assert {r.field for r in a.ranges} == {
        "aircraft.Il-76MD.payload",
        "cargo.48N6-canister.mass",
        "cargo.40N6-canister.mass",
        "flights.belarus-shuttle.count",
    }
    for c in a.claims:
        assert c.robust is not None and c.robust.steady, c.ref.id
        assert not c.robust.tipping


def test_syria_shoigu_49_tips_at_a_support_vehicle_of_17_142_kg() -> None:
    """49 vehicles on 5-7 An-124 flights fit only if a support vehicle weighs at most
    17,142 kg (others at their most favourable ends), and not with 5 flights at the
    restrictive corner."""
    a = _analysis("syria-s300-2018.yaml")
    (claim,) = [c for c in a.claims if c.ref.id == "shoigu-49"]
    assert claim.robust is not None
    assert (claim.robust.possible, claim.robust.implied) == (Extent.SOME, Extent.NONE)
    tips = {(t.field, t.others_at): t for t in claim.robust.tipping}
    mass = tips["cargo.support-vehicle.mass", "most_favourable"]
    assert (mass.value, mass.unit, mass.direction) == (17142, "kg", "at_most")
    assert (("an124-hmeimim", 5),) in claim.robust.failing_counts


def test_kabul_640_adults_needs_at_most_22_floor_units_an_adult() -> None:
    a = _analysis("kabul-2021.yaml")
    (claim,) = [c for c in a.claims if c.ref.id == "amc-640-adults"]
    assert claim.robust is not None and claim.robust.possible is Extent.SOME
    values = {(t.field, t.others_at): (t.value, t.direction) for t in claim.robust.tipping}
    assert values[("cargo.adult.uses.floor_dm2", "least_favourable")] == (22, "at_most")
    assert values[("cargo.adult.uses.floor_dm2", "most_favourable")] == (22, "at_most")


def _syria_2020(complete: bool) -> Analysis:
    path = SCENARIOS / "syria-il76-2020.yaml"
    text = path.read_text(encoding="utf-8")
    assert "    complete: false\n" in text
    if complete:
        text = text.replace("    complete: false\n", "    complete: true\n")
    return analyze(load_scenario_text(text, str(path)), OPTIONS, explain=False)


def test_syria_2020_as_a_complete_list_bounds_the_materiel() -> None:
    """Marked complete, the seven legs are exactly seven flights of at most 48 t each."""
    analysis = _syria_2020(complete=True)
    bounds = {b.spec.label: b for b in analysis.bounds}
    assert bounds["flights"].outer == (7, 7)
    materiel = bounds["materiel"]
    high = materiel.outer[1]
    assert materiel.proven and high is not None
    assert materiel.spec.measure.value(high) == 7 * 48  # t: seven flights of 48 t
    assert any("taken as complete" in note for note in analysis.notes)


def test_syria_2020_bulk_over_an_open_count_is_unbounded() -> None:
    bounds = {b.spec.label: b for b in _syria_2020(complete=False).bounds}
    assert bounds["materiel"].max.unbounded


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle km on a 6,371 km sphere, written out here (not the engine's)."""
    import math

    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def test_flagship_schedule_fewest_airframes_and_most_sorties() -> None:
    """Kyiv Independent's 3.5-6.5 h on the ground and the 9-13 November window (120 h):
    an airframe's best is to shuttle to the nearest destination, Seshcha, and back, so it
    flies floor((H - b) / c) + 1 flights with b the block time and c = 2b + 2 h + ground at
    Machulishchy; the fewest airframes for the Mirror's at least 18 flights is ceil(18 / that).
    """
    import math

    a = _analysis("belarus-2022.yaml")
    s = a.schedule
    assert s is not None
    assert s.base_status is s.base_every_value is Feasibility.FEASIBLE
    km = _km((53.774, 27.577), (53.715, 33.346))  # Machulishchy, Seshcha
    horizon = 120 * 3600
    expected = {}
    for end, speed, ground in (("fast", 800, 3.5), ("slow", 750, 6.5)):
        block = math.ceil(km / speed * 3600 + 1800 - 1e-6)
        cycle = 2 * block + 2 * 3600 + round(ground * 3600)
        per_airframe = (horizon - block) // cycle + 1
        expected[end] = (per_airframe, math.ceil(18 / per_airframe))
    bounds = {b.key: b for b in s.bounds}
    most = bounds["sorties_per_airframe"]
    assert (most.fastest.lo, most.fastest.hi) == (expected["fast"][0],) * 2 == (16, 16)
    assert most.slowest is not None
    assert (most.slowest.lo, most.slowest.hi) == (expected["slow"][0],) * 2 == (12, 12)
    fewest = bounds["airframes"]
    assert (fewest.fastest.lo, fewest.fastest.hi) == (expected["fast"][1],) * 2 == (2, 2)
    assert fewest.slowest is not None and fewest.slowest.lo == expected["slow"][1] == 2
    # One loading spot at Machulishchy is enough: 18 turns of 3.5 h fit in 120 h.
    assert bounds["spots"].fastest.lo == bounds["spots"].fastest.hi == 1
    claims = {c.ref.id: c for c in s.claims}
    assert claims["hajun-8-in-2-days"].verdict is CONSISTENT
    assert claims["hajun-8-in-2-days"].every_value is True
    assert s.joint_status is Feasibility.FEASIBLE
    flown = [leg for leg in s.timetable if leg.flight_group is not None]
    assert 18 <= len(flown) <= 22 and len({leg.airframe for leg in s.timetable}) == 2
    assert "Schedule" in render_text(a)


def test_syria_2020_seven_legs_in_one_night_need_seven_airframes() -> None:
    """A 12 h night: an airframe flying the leg twice needs 3 legs (out, back, out) and two
    2 h turns, b the block time at 800 km/h plus 30 min: floor((H - b) / (2b + 4 h)) + 1
    legs each, so ceil(7 / that) airframes for the seven legs."""
    import math

    a = _syria_2020(complete=False)
    s = a.schedule
    assert s is not None
    km = _km((55.8783, 38.0617), (35.4011, 35.9487))  # Chkalovsky, Hmeimim
    block = math.ceil(km / 800 * 3600 + 1800 - 1e-6)
    per_airframe = (12 * 3600 - block) // (2 * block + 4 * 3600) + 1
    bounds = {b.key: b for b in s.bounds}
    assert bounds["sorties_per_airframe"].fastest.lo == per_airframe == 1
    fewest = bounds["airframes"].fastest
    assert (fewest.lo, fewest.hi) == (math.ceil(7 / per_airframe),) * 2 == (7, 7)
    claims = {c.ref.id: c for c in s.claims}
    assert claims["seven-aircraft"].verdict is IMPLIED
    # "Up to 60 t each" is impossible for the loads alone, so with the schedule too.
    assert s.joint_status is Feasibility.INFEASIBLE
    together = {t.ref.id: t.together for t in s.together}
    assert together == {
        "seven-il76": IMPLIED,
        "up-to-60-t-each": Verdict.INCONSISTENT,
        "seven-aircraft": IMPLIED,
    }
