"""The fuzz harness: its mutator, its judge of outcomes, and a short fuzz run of airlift.

The short run is the point: mutants of the shipped scenarios (missing, misspelt and re-typed
keys, edge and huge quantities, tags, alias bombs, deep nesting, byte garbage, BOM and CRLF,
JSON, thousands of flight groups, schedules and leg files) must each make airlift exit 0, or
2 with every problem located at ``file:line``, within its budget. ``make fuzz`` runs the same
over 1,000 mutants. The other tests check the harness itself, so that a passing run means
something.
"""

from __future__ import annotations

import copy
import json
import random
import tempfile
from pathlib import Path

import pytest

from airlift.scenario import load_scenario
from tests.fuzz import mutator, runner, schedule_mutations
from tests.fuzz.mutator import FAMILIES, TEXT_FAMILIES, TREE_FAMILIES, Context, generate, mutate
from tests.fuzz.runner import (
    ACCEPTED,
    Budgets,
    Outcome,
    Plan,
    classify,
    first_family_indices,
    fuzz,
    run_mutant,
)

#: The short run: one mutant per family as its first (others come as second and third
#: families), a fixed seed, every fourth one solved. One each, not two as before the schedule
#: and leg-file families came, so that 21 mutants take about what 26 took (12-13 s, 2 jobs).
SHORT_RUN_SEED = 20_261_125
SHORT_RUN_COUNT = len(FAMILIES)

CORPUS = mutator.default_corpus()


# --- the mutator -----------------------------------------------------------------------------


@pytest.mark.parametrize("index", range(len(FAMILIES)))
def test_a_mutant_is_a_function_of_seed_and_index(index: int) -> None:
    first, again = generate(7, index), generate(7, index)
    assert (first.data, first.base, first.families) == (again.data, again.base, again.families)
    assert generate(8, index).data != first.data


def test_the_mutator_command_writes_the_same_bytes(tmp_path: Path) -> None:
    out = tmp_path / "m.yaml"
    assert mutator.main(["--seed", "3", "--index", "4", "-o", str(out)]) == 0
    assert out.read_bytes() == generate(3, 4).data


def test_consecutive_indices_start_with_every_family() -> None:
    firsts = [generate(0, i).families for i in range(len(FAMILIES))]
    assert [FAMILIES[i] in fams for i, fams in enumerate(firsts)] == [True] * len(FAMILIES)
    assert all(1 <= len(fams) <= 3 for fams in firsts)


@pytest.mark.parametrize("as_json", [False, True])
@pytest.mark.parametrize("base", CORPUS.names)
def test_writing_back_keeps_every_value(base: str, as_json: bool) -> None:
    """Unmutated data written back reads as the same data (``NO`` stays text, ids stay ids)."""
    tree = CORPUS.trees[base]
    text = mutator.serialise(tree, Context(random.Random(1)), as_json=as_json)
    assert mutator.load_tree(text) == tree


@pytest.mark.parametrize("family", list(TREE_FAMILIES))
def test_each_tree_family_changes_the_data(family: str) -> None:
    for base in CORPUS.names:
        for k in range(5):
            original = CORPUS.trees[base]
            ctx = Context(random.Random(k))
            changed = TREE_FAMILIES[family](copy.deepcopy(original), ctx)
            # repr, not ==: a count 1 made 1.0 is equal in Python but not in the file.
            assert repr(changed) != repr(original), (family, base, k)
            assert ctx.notes, (family, base, k)


@pytest.mark.parametrize("family", list(TEXT_FAMILIES))
def test_each_text_family_changes_the_bytes(family: str) -> None:
    for base in CORPUS.names:
        for k in range(5):
            body, _, _, _ = mutate(base, (family,), random.Random(k))
            assert body != CORPUS.texts[base].encode("utf-8"), (family, base, k)


@pytest.mark.parametrize("base", CORPUS.names)
def test_the_json_family_writes_the_same_data_as_json(base: str) -> None:
    body, suffix, _, files = mutate(base, ("json",), random.Random(0), stem="m")
    assert body != CORPUS.texts[base].encode("utf-8")
    data = json.loads(body)
    assert suffix in {".json", ".yaml"}
    # A leg file the scenario includes travels with the mutant, renamed after its stem.
    expected = copy.deepcopy(CORPUS.trees[base])
    for entry in expected.get("legs") or []:
        original = CORPUS.folder / entry["file"]
        entry["file"] = f"m-{original.name}"
        assert (entry["file"], original.read_bytes()) in files
    assert data == expected


def test_huge_counts_reach_a_flight_count() -> None:
    hits = set()
    for k in range(40):
        ctx = Context(random.Random(k))
        data = mutator.huge_count(copy.deepcopy(CORPUS.trees["belarus-2022.yaml"]), ctx)
        hits.add(repr(data["flights"][0]["count"]))
    assert {repr(2**53 + 1), repr(2**63)} & hits


@pytest.mark.parametrize("base", CORPUS.names)
def test_every_scenario_gets_a_schedule_it_can_load(base: str) -> None:
    """The schedule families start from a schedule adapted to the scenario (coordinates,
    a window, a timing per aircraft): valid, so that one change reaches the model."""
    data = copy.deepcopy(CORPUS.trees[base])
    ctx = Context(random.Random(0))
    mutator._carry_leg_files(data, ctx, CORPUS.folder)
    assert schedule_mutations.ensure_schedule(data, ctx) is not None
    with tempfile.TemporaryDirectory() as folder:
        for name, body in ctx.files.items():
            (Path(folder) / name).write_bytes(body)
        path = Path(folder) / "scenario.yaml"
        path.write_text(mutator.serialise(data, ctx, as_json=False), encoding="utf-8")
        loaded = load_scenario(path)
    assert loaded.scenario.schedule is not None


def test_a_leg_file_travels_with_its_mutant(tmp_path: Path) -> None:
    """A mutant with the leg_file family names its leg file in ``legs:`` and carries it; the
    file is written beside the mutant, and a run removes it again."""
    body, suffix, notes, files = mutate(
        "belarus-2022.yaml", ("leg_file",), random.Random(5), stem="s5-i8"
    )
    mutant = mutator.Mutant(5, 8, "belarus-2022.yaml", ("leg_file",), suffix, body, notes, files)
    names = [name for name, _ in mutant.files]
    assert names and all(name.startswith(f"{mutant.name}-") for name in names)
    data = mutator.load_tree(mutant.data.decode("utf-8"))
    listed = [e["file"] if isinstance(e, dict) else e for e in data["legs"]]
    assert set(names) <= set(listed)
    body = dict(mutant.files)[listed[-1]].decode("utf-8").lstrip("\ufeff")
    assert {"type", "from", "to"} <= set(body.splitlines()[0].split(","))
    path = mutator.write_mutant(mutant, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, *names])
    scratch = tmp_path / "run"
    result = run_mutant(mutant, scratch, solve=False, budgets=Budgets(check=0.01))
    assert [run.outcome for run in result.runs] == [Outcome.HANG]
    assert list(scratch.iterdir()) == []


def test_first_family_indices_pick_mutants_by_their_first_family() -> None:
    picked = first_family_indices(7, 30, ("schedule_", "leg_"))
    assert len(picked) == 30 and picked == sorted(set(picked)) and picked[0] >= 7
    firsts = {generate(0, i).families[0] for i in picked}
    assert firsts == {f for f in FAMILIES if f.startswith(("schedule_", "leg_"))}
    assert first_family_indices(3, 4, ()) == [3, 4, 5, 6]


@pytest.mark.parametrize(
    ("start", "end"),
    [("0001-01-01T00:00Z", "0001-01-02T00:00Z"), ("2022-11-09T00:00Z", "9999-12-31T23:59Z")],
)
def test_families_work_on_windows_at_the_calendars_ends(start: str, end: str) -> None:
    """A window may start in the year 1 or end in 9999; times a family derives from it (a
    period a month after it) must not overflow the calendar (the mutator crashed a run)."""
    data = copy.deepcopy(CORPUS.trees["belarus-2022.yaml"])
    data["schedule"]["window"] = {"start": start, "end": end}
    for k in range(30):
        ctx = Context(random.Random(k))
        for family in ("schedule_window", "schedule_claims", "leg_file"):
            TREE_FAMILIES[family](copy.deepcopy(data), ctx)


def test_many_groups_gives_unique_ids() -> None:
    data = mutator.many_groups(
        copy.deepcopy(CORPUS.trees["berlin-1948.yaml"]), Context(random.Random(2))
    )
    ids = [g["id"] for g in data["flights"]]
    assert len(ids) >= 100
    assert len(set(ids)) == len(ids)


# --- the judge -------------------------------------------------------------------------------

F = "/tmp/x/s1-i2.yaml"


@pytest.mark.parametrize(
    ("code", "stdout", "stderr", "expected"),
    [
        (0, "report", "", Outcome.OK),
        (0, "{}", "", Outcome.OK),
        (2, "", f"{F}:3:5: cargo.c.mass: bad unit\n{F}:9: flights: missing\n", Outcome.LOCATED),
        (2, "", f"{F}:3:5: fine\n{F}: the YAML is nested too deeply to read\n", Outcome.UNLOCATED),
        (2, "", f"{F}:0:0: a line 0 is no line\n", Outcome.UNLOCATED),
        (2, "", "/tmp/x/other.yaml:3:5: another file\n", Outcome.UNLOCATED),
        (2, "", "", Outcome.UNLOCATED),
        (2, "", f"warning: {F}:4:9: says: cut short\n{F}:5:1: x: y\n", Outcome.LOCATED),
        (2, "", f"warning: {F}:4:9: says: cut short\n", Outcome.UNLOCATED),
        (2, "", f"warning: says: cut short\n{F}:5:1: x: y\n", Outcome.UNLOCATED),
        (0, "", f"warning: {F}:4:9: says: cut short\n", Outcome.OK),
        (2, "", "Usage: airlift check [OPTIONS] FILE\nError: no such option\n", Outcome.UNLOCATED),
        (3, "", "internal error (a bug in airlift): ValueError: x\n", Outcome.CRASH),
        (1, "", "", Outcome.CRASH),
        (-9, "", "", Outcome.CRASH),
        (2, "", f"{F}:1:1: x\nTraceback (most recent call last):\n", Outcome.CRASH),
        (None, "", "", Outcome.HANG),
    ],
)
def test_outcomes_are_classified(
    code: int | None, stdout: str, stderr: str, expected: Outcome
) -> None:
    assert classify(code, stdout, stderr, F)[0] is expected


def test_problems_in_a_file_the_mutant_includes_are_located() -> None:
    legs = "/tmp/x/s1-i2-legs0.csv"
    stderr = f"{F}:3:5: cargo.c.mass: bad unit\n{legs}:4:1: type: unknown aircraft type\n"
    assert classify(2, "", stderr, F, others=(legs,))[0] is Outcome.LOCATED
    assert classify(2, "", stderr, F)[0] is Outcome.UNLOCATED
    assert classify(2, "", f"{legs}: no line\n", F, others=(legs,))[0] is Outcome.UNLOCATED


def test_a_run_that_ends_past_its_max_seconds_is_a_hang() -> None:
    plan = Plan("solve", ("python", "-m", "airlift", "solve", F, "--max-seconds", "24"), 30.0)
    assert runner._past_max_seconds(plan, 24 + runner.START_GRACE - 0.1) is None
    late = runner._past_max_seconds(plan, 24 + runner.START_GRACE + 0.1)
    assert late is not None and "past its --max-seconds 24" in late
    unbudgeted = Plan("check", ("python", "-m", "airlift", "check", F), 10.0)
    assert runner._past_max_seconds(unbudgeted, 100.0) is None


def test_json_output_must_be_json() -> None:
    assert classify(0, "not json", "", F, expect_json=True)[0] is Outcome.CRASH
    assert classify(0, '{"status": "feasible"}', "", F, expect_json=True)[0] is Outcome.OK


def test_a_run_past_its_budget_is_a_hang(tmp_path: Path) -> None:
    """A run given 0.01 s cannot even import ortools: the harness must stop it and say so."""
    mutant = generate(0, 1)
    result = run_mutant(mutant, tmp_path, solve=True, budgets=Budgets(check=0.01, solve=0.01))
    assert [run.outcome for run in result.runs] == [Outcome.HANG, Outcome.HANG]
    assert list(tmp_path.iterdir()) == []


# --- the short fuzz run ----------------------------------------------------------------------


@pytest.mark.slow
def test_short_fuzz_run_exits_0_or_2_with_a_line() -> None:
    """Every mutant exits 0, or 2 with each problem at ``file:line``, within its budget.

    ``check`` runs on every mutant and ``solve`` on every fourth; a failure's message is its
    reproducer (seed, index, families, command and the end of stderr).
    """
    results = fuzz(SHORT_RUN_SEED, range(SHORT_RUN_COUNT), solve_if=lambda i: i % 4 == 0, jobs=2)
    failing = [r for r in results if r.outcome not in ACCEPTED]
    report = "\n\n".join(r.report() for r in failing)
    failed = len(failing)  # a plain number, so pytest does not print the results' repr too
    assert failed == 0, f"{failed} of {len(results)} mutants failed:\n\n{report}"
